//! Monitoring, as pure rules the session layer calls:
//!
//! - [`cadence`]: when a schedule is due (daily, weekly, every N hours), once per slot, whatever
//!   the clock does.
//! - [`changes`]: the changes between two audits that matter for ads, as events.
//! - [`alert`]: an alert and its messages (Slack, Teams, a generic JSON POST, an e-mail).
//! - [`deliver`]: sending an alert to a webhook or an SMTP server, retried with backoff.
//! - [`os_scheduler`]: the operating system's scheduler entry that runs due schedules while the
//!   app is closed.

pub mod alert;
pub mod alert_messages;
pub mod cadence;
pub mod changes;
pub mod deliver;
pub mod os_scheduler;

pub use alert::Alert;
pub use cadence::{Cadence, Weekday};
pub use changes::{change_events, ChangeEvent, ChangeKind};
