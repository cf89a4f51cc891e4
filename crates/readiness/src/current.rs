//! Which audit stands for a client's status.

use preflight_document::report::RunStatus;

/// Only a complete audit can stand for a client's status: a stopped, interrupted or running one
/// says nothing about the pages it did not reach.
pub fn can_stand_for_client(status: RunStatus) -> bool {
    status == RunStatus::Complete
}

/// The audit that stands for a client's status among `audits`, listed newest first: the newest
/// complete one.
pub fn current<T>(audits: &[T], status: impl Fn(&T) -> RunStatus) -> Option<&T> {
    audits.iter().find(|a| can_stand_for_client(status(a)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_newer_stopped_audit_does_not_replace_the_last_complete_one() {
        let audits = [
            (3, RunStatus::Cancelled),
            (2, RunStatus::Interrupted),
            (1, RunStatus::Complete),
            (0, RunStatus::Complete),
        ];
        assert_eq!(current(&audits, |a| a.1).map(|a| a.0), Some(1));
        assert_eq!(current(&audits[..2], |a| a.1), None);
    }
}
