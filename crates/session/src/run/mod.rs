//! Running an audit, for the app and the command line alike:
//!
//! 1. [`prepare_run`] turns what the user asked for into a run: the URLs (typed, or a client's
//!    landing pages), the funnel (the client's default when none is chosen; a chosen one
//!    becomes the client's default), the rendered check and its browser sandbox setting.
//! 2. [`PreparedRun::begin`] records the run with its [`header`] in the store, through the
//!    caller's [`RunSink`] (or records nothing, for a run that is not saved).
//! 3. [`Run::execute`] runs the engine, saves each page as it finishes, reports progress with
//!    each page read under the counting rules, and finishes the run with its counts. Cancel
//!    ends every wait at once; the pages checked so far are kept.
//!
//! Begin, save each page, finish: that order is written here once.

mod execute;
mod header;
pub mod pace;
mod prepare;
mod sink;
mod spill;

pub use execute::{mark_interrupted, PageEvent, Run, RunOutcome, RunProgress};
pub use header::header;
pub use pace::{RunPace, SitePace};
pub use prepare::{prepare_run, PreparedRun, RenderedChoice, RunRequest, Targets};
pub use sink::RunSink;
pub use spill::PageSpill;
