//! Rendered capture of the OpenAI Ads pixel.
//!
//! [`capture`] loads a landing page in a headless Chromium-family browser found on the
//! user's machine and records every `oaiq(...)` call and every request to OpenAI's collection
//! host, including events a tag manager fires after load. [`start_journey`] opens a visible
//! window instead and reports each event live while the user clicks through a funnel.
//!
//! Nothing reaches OpenAI: the SDK is replaced by a local stand-in and collection requests are
//! answered inside the browser. The calls come back as `preflight_pixel::RecordedCall`, ready
//! for `preflight_pixel::merge_rendered` or `lint_recorded_calls`.
//!
//! The browser is contained: it keeps its sandbox (as root, where the sandbox cannot run, it is
//! started only with [`CaptureOptions::allow_unsandboxed_browser`]) and site isolation (each
//! cross-site iframe is instrumented as its own target). The page cannot reach the recording
//! channel, and what it can make the capture keep is bounded ([`caps`]).
//!
//! ```no_run
//! # async fn run() -> Result<(), preflight_capture::CaptureError> {
//! use preflight_capture::{capture, start_journey, CaptureOptions, JourneyEvent};
//!
//! let options = CaptureOptions::default();
//! let visit = capture("https://shop.example.com/", &options).await?;
//! let report = preflight_pixel::lint_recorded_calls(&visit.calls);
//! println!("{} events, timed out: {}", report.events.len(), visit.timed_out);
//!
//! let mut journey = start_journey("https://shop.example.com/", &options).await?;
//! let mut events = journey.events().expect("first call hands over the feed");
//! while let Some(event) = events.recv().await {
//!     if let JourneyEvent::BrowserClosed { .. } = event {
//!         break;
//!     }
//!     // Show the event; re-lint with `journey.calls()`.
//! }
//! let whole = journey.finish().await;
//! println!("pages: {:?}", whole.pages_visited);
//! # Ok(()) }
//! ```

pub mod caps;
mod capture;
mod cdp;
mod discover;
mod error;
mod instrument;
mod intercept;
mod journey;
mod launch;
mod recorder;
mod replay;
mod scripts;
mod steps;
mod types;

pub use capture::capture;
pub use discover::{find_browser, find_browser_with, Lookup, Platform, BROWSER_ENV};
pub use error::CaptureError;
pub use journey::{start_journey, Journey};
pub use launch::{runs_unsandboxed, sandbox_refusal, UNSANDBOXED_WARNING};
pub use replay::{replay_journey, Replay, ReplayOptions, ReplayProgress};
pub use types::{Capture, CaptureOptions, JourneyEvent, PixelRequest, ThirdParty, Window};

/// The OpenAI SDK URL the stand-in replaces.
pub const SDK_URL: &str = "https://bzrcdn.openai.com/sdk/oaiq.min.js";
