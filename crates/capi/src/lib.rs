//! OpenAI Conversions API checks.
//!
//! - [`validate_files`] reads request bodies, event arrays, JSON Lines logs and HAR recordings
//!   as a stream and checks every documented rule, one finding per problem with where it is,
//!   and a verdict per request (one bad event fails the whole batch).
//! - [`pairing::pair`] pairs the server's events with the pixel's for deduplication.
//! - `live` (feature `live`) asks OpenAI's endpoint to validate a request (`validate_only`), on
//!   request only.
//! - [`samples`] builds correct sample requests and the `oppref` reading snippets.
//!
//! Event names, data shapes, currencies and key patterns come from the pixel crate, so the
//! browser and the server are judged by one set of rules.

mod data;
pub mod ids;
#[cfg(feature = "live")]
pub mod live;
pub mod pairing;
pub mod report;
pub mod samples;
pub mod section;

pub use data::default_endpoint;
pub use pairing::{pair, Pairing, PixelSideEvent, ServerSideEvent};
pub use report::{BatchVerdict, CapiFinding, CapiValidation, FileSummary, InputFormat};
pub use section::{PairingSection, ServerSideConversions, ValidationSection};

mod collect;
mod har;
mod input;
pub mod rules;
mod secrets;

pub use collect::MAX_SERVER_EVENTS;
pub use input::{Progress, MAX_LINE_BYTES};
pub use secrets::{contains_key, mask_keys};

use std::path::PathBuf;

/// What a validation is judged against.
#[derive(Debug, Clone, Default)]
pub struct ValidateOptions {
    /// When the requests are (or were) sent, in Unix milliseconds: `timestamp_ms` must be within
    /// the 7 days before and 10 minutes after. A HAR recording's own times take precedence.
    pub sent_at_ms: i64,
    /// The pixel ID the server events go to, when the files do not say (for pairing).
    pub pixel_id: Option<String>,
    /// How many server events to keep for pairing (at most [`MAX_SERVER_EVENTS`]); 0 keeps
    /// none, so a validation alone holds no more memory for a larger file.
    pub keep_for_pairing: usize,
}

/// Validate every file, streaming; returns the validation and the server events' keys (as
/// many as `options.keep_for_pairing`) for pairing. `progress` is called as bytes are read;
/// `cancelled` is asked after each event, and a cancelled run reports what it read.
pub fn validate_files(
    paths: &[PathBuf],
    options: &ValidateOptions,
    progress: &mut dyn FnMut(&Progress),
    cancelled: &dyn Fn() -> bool,
) -> (CapiValidation, Vec<ServerSideEvent>) {
    let mut collector = collect::Collector::new(
        options.sent_at_ms,
        options.pixel_id.clone(),
        options.keep_for_pairing.min(MAX_SERVER_EVENTS),
    );
    let mut control = input::Control {
        progress,
        cancelled,
    };
    let mut files = Vec::new();
    for path in paths {
        if cancelled() {
            collector.result.cancelled = true;
            break;
        }
        files.push(input::read_file(path, &mut collector, &mut control));
    }
    collector.result.files = files;
    collector.finish()
}
