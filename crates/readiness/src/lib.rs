//! The readiness model: the only place that answers whether an audit is ready, how many pages
//! are blocked, have blocking problems or warnings, what each checklist item's status is, and
//! which audit is a client's current status. The app, the CLI and every export read it.
//!
//! - [`rules`]: the counting rules applied to a page's findings.
//! - [`counts`]: the counts of a page and of an audit under those rules.
//! - [`normalise`]: the stored audit as every reader shows it.
//! - [`checklist`]: the three launch questions, item by item.
//! - [`verdict`]: the audit's state and the sentence that says it.
//! - [`funnel`]: funnel coverage, pooled over pages and journeys.
//! - [`current`]: which audit stands for a client.
//! - [`grid`]: each page's row in the page grid, and the grid's columns.

pub mod checklist;
pub mod counts;
pub mod current;
pub mod funnel;
pub mod grid;
pub mod normalise;
pub mod rules;
pub mod verdict;

pub use checklist::{checklist, Checklist, ChecklistItem, ItemEvidence, ItemId, ItemStatus};
pub use counts::{page_counts, summary, PageCounts};
pub use current::{can_stand_for_client, current};
pub use grid::{FetchCell, GridColumn, PageRow, PixelAnswer, RobotsAnswer, UtmAnswer};
pub use normalise::{funnel_id, normalise, normalise_page};
pub use verdict::{assess, PageStanding, Readiness, ReadinessState};
