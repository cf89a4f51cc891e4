//! Monitoring, for the app and the CLI alike: each client's schedule, the changes found between
//! a client's audits, where alerts go, and the run of every schedule that is due.
//!
//! - [`schedules`]: a client's schedule, checked and saved, with when it runs next.
//! - [`changes`]: what changed since the client's previous complete audit, kept and listed.
//! - [`alerts`]: alert channels (webhook addresses and the SMTP password in the keychain),
//!   the quiet period, and sending an alert to every channel.
//! - [`os_entry`]: the operating system's scheduler entry that runs due schedules.
//! - [`due`]: running every schedule that is due, one client at a time, never twice at once.

pub mod alerts;
pub mod changes;
pub mod due;
pub mod os_entry;
pub mod schedules;

pub use alerts::{AlertChannel, ChannelConfig, ChannelDelivery, DeliveryListing, SmtpView};
pub use changes::{changes_from_previous, list_changes, AuditChanges, ChangeListing};
pub use due::{run_due_schedules, MonitorOptions, ScheduledRun};
pub use schedules::{PagesChoice, ScheduleConfig, ScheduleStatus};
