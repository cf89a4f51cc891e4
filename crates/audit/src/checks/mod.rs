//! Checks: pure functions from artifacts to findings. No I/O here, so every rule can be tested
//! on hand-built artifacts and an audit can be re-scored from stored artifacts.

pub mod block_lists;
mod content_diff;
pub mod firewall;
pub mod host_pause;
pub mod page_basics;
pub mod params;
pub mod reachability;
pub mod robots;
