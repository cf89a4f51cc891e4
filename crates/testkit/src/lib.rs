//! What the property tests of every parser of outside data share: a watchdog that fails a case
//! which hangs, and one proptest configuration that keeps failing inputs in the repository.

use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use proptest::test_runner::{Config as ProptestConfig, FileFailurePersistence};

/// A case still running after this long is taken to hang. Inputs are small and read in
/// milliseconds, so only a real hang comes near it.
pub const HANG_LIMIT: Duration = Duration::from_secs(10);

/// Cases per property when `PROPTEST_CASES` is not set; sized for a debug build on a shared
/// machine.
pub const DEFAULT_CASES: u32 = 256;

/// Shrinking a failing input stops after this many milliseconds.
pub const MAX_SHRINK_TIME_MS: u32 = 60_000;

/// Runs `work` on its own thread and fails the case when it has not finished within
/// [`HANG_LIMIT`]. A panic inside `work` fails the case unchanged.
pub fn finishes<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> T {
    let (done, result) = mpsc::channel();
    thread::spawn(move || {
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(work));
        let _ = done.send(outcome);
    });
    match result.recv_timeout(HANG_LIMIT) {
        Ok(Ok(value)) => value,
        Ok(Err(panic)) => std::panic::resume_unwind(panic),
        Err(_) => panic!("still running after {HANG_LIMIT:?}: this input makes it hang"),
    }
}

/// `PROPTEST_CASES` cases (else [`DEFAULT_CASES`]), shrinking stopped after
/// [`MAX_SHRINK_TIME_MS`], failing inputs saved to `regressions_file` and replayed first.
///
/// Pass the path inside the crate, e.g.
/// `concat!(env!("CARGO_MANIFEST_DIR"), "/proptest-regressions/properties.txt")`: proptest's
/// own default location is derived from the source path, which in a workspace it cannot
/// resolve.
pub fn config(regressions_file: &'static str) -> ProptestConfig {
    ProptestConfig {
        max_shrink_time: MAX_SHRINK_TIME_MS,
        ..config_without_shrink_limit(regressions_file)
    }
}

/// [`config`] with no time limit on shrinking, as in proptest's defaults.
pub fn config_without_shrink_limit(regressions_file: &'static str) -> ProptestConfig {
    ProptestConfig {
        // Set PROPTEST_CASES for a longer run.
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(DEFAULT_CASES),
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(regressions_file))),
        ..ProptestConfig::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finishes_returns_what_the_work_returns() {
        assert_eq!(finishes(|| 6 * 7), 42);
    }

    #[test]
    #[should_panic(expected = "boom")]
    fn a_panic_inside_the_work_is_passed_on() {
        finishes(|| panic!("boom"));
    }

    #[test]
    fn config_saves_failures_to_the_given_file_and_limits_shrinking() {
        let config = config("/somewhere/proptest-regressions/properties.txt");
        assert_eq!(config.max_shrink_time, MAX_SHRINK_TIME_MS);
        let persistence = format!("{:?}", config.failure_persistence);
        assert!(persistence.contains("/somewhere/proptest-regressions/properties.txt"));
        if std::env::var_os("PROPTEST_CASES").is_none() {
            assert_eq!(config.cases, DEFAULT_CASES);
        }
    }

    #[test]
    fn config_without_shrink_limit_keeps_proptests_default() {
        let config = config_without_shrink_limit("/somewhere/properties.txt");
        assert_eq!(
            config.max_shrink_time,
            ProptestConfig::default().max_shrink_time
        );
    }
}

pub mod postgres;
