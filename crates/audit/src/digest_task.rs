//! A body read once per body: a body equal to one read a moment ago is answered from memory,
//! a small one is read where it arrives, a larger one on a blocking thread (so Cancel and the
//! run's deadlines reach the page while it is parsed).

use crate::digest::{digest, Digest, DigestLimits};
use crate::digest_memo;

/// Bodies up to this size are read where they arrive: that takes well under a millisecond,
/// less than handing the work to another thread and back.
const READ_IN_PLACE_BYTES: usize = 16 * 1024;

/// Decodes and reads `body`, on a blocking thread unless it is small. A panic while reading
/// becomes a panic of the caller's task with the same message, so the page's guard turns it
/// into a finding.
pub async fn digest_off_thread(
    body: Vec<u8>,
    content_type: Option<String>,
    limits: DigestLimits,
) -> (Vec<u8>, Digest) {
    if let Some(digest) = digest_memo::recall(&body, content_type.as_deref(), &limits) {
        return (body, digest);
    }
    if body.len() <= READ_IN_PLACE_BYTES {
        let digest = digest(&body, content_type.as_deref(), &limits);
        digest_memo::keep(&body, content_type.as_deref(), &limits, &digest);
        return (body, digest);
    }
    let (content_type_kept, limits_kept) = (content_type.clone(), limits.clone());
    let work = tokio::task::spawn_blocking(move || {
        let digest = crate::crash::guard("reading the page", || {
            digest(&body, content_type.as_deref(), &limits)
        });
        (body, digest)
    });
    match work.await {
        Ok((body, Ok(digest))) => {
            digest_memo::keep(&body, content_type_kept.as_deref(), &limits_kept, &digest);
            (body, digest)
        }
        Ok((_, Err(crash))) => {
            let why = crash
                .evidence
                .first()
                .map(|e| e.value.clone())
                .unwrap_or_default();
            std::panic::resume_unwind(Box::new(why))
        }
        Err(join) => std::panic::resume_unwind(join.try_into_panic().unwrap_or_else(|_| {
            Box::new("the page reader was stopped".to_string()) as Box<dyn std::any::Any + Send>
        })),
    }
}
