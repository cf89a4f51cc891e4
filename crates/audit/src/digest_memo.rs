//! Bodies read a moment ago, so a body fetched the same for several identities of a page (the
//! usual case: the bot, its token and the parameter check get the same HTML) is decoded and
//! parsed once. A body counts as the same only when its bytes, its content type and what is
//! kept of it are all equal.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use crate::digest::{Digest, DigestLimits};

/// Bodies kept; pages whose identities are asked side by side finish close together.
const ENTRIES: usize = 16;
/// Larger bodies are read every time rather than kept twice in memory.
const MAX_BODY_BYTES: usize = 256 * 1024;

struct Entry {
    body: Vec<u8>,
    content_type: Option<String>,
    limits: DigestLimits,
    digest: Arc<Digest>,
}

static RECENT: Mutex<VecDeque<Entry>> = Mutex::new(VecDeque::new());

/// What the same body gave when it was read a moment ago.
pub(crate) fn recall(
    body: &[u8],
    content_type: Option<&str>,
    limits: &DigestLimits,
) -> Option<Digest> {
    if body.len() > MAX_BODY_BYTES {
        return None;
    }
    let found = RECENT
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .iter()
        .find(|e| {
            e.body.len() == body.len()
                && e.limits == *limits
                && e.content_type.as_deref() == content_type
                && e.body == body
        })
        .map(|e| Arc::clone(&e.digest));
    found.map(|digest| (*digest).clone())
}

/// Keeps what `body` gave for the next identity that gets the same body.
pub(crate) fn keep(
    body: &[u8],
    content_type: Option<&str>,
    limits: &DigestLimits,
    digest: &Digest,
) {
    if body.len() > MAX_BODY_BYTES {
        return;
    }
    let entry = Entry {
        body: body.to_vec(),
        content_type: content_type.map(str::to_string),
        limits: limits.clone(),
        digest: Arc::new(digest.clone()),
    };
    let mut recent = RECENT.lock().unwrap_or_else(|p| p.into_inner());
    if recent.len() >= ENTRIES {
        recent.pop_front();
    }
    recent.push_back(entry);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits(pixel: Option<&str>) -> DigestLimits {
        DigestLimits {
            body_head_chars: 100,
            visible_text_chars: 100,
            read_for_pixel: pixel.map(str::to_string),
        }
    }

    #[test]
    fn only_the_same_body_read_the_same_way_is_recalled() {
        // Bodies unique to this test, so other tests' entries cannot answer.
        let body = b"<title>memo test one</title><p>alpha</p>".to_vec();
        let other = b"<title>memo test one</title><p>alphb</p>".to_vec();
        let html = Some("text/html");
        let digest = crate::digest::digest(&body, html, &limits(None));
        keep(&body, html, &limits(None), &digest);

        let again = recall(&body, html, &limits(None)).expect("recalled");
        assert_eq!(again.title.as_deref(), Some("memo test one"));
        assert_eq!(again.visible_text, digest.visible_text);
        assert!(recall(&other, html, &limits(None)).is_none());
        assert!(recall(&body, Some("text/plain"), &limits(None)).is_none());
        assert!(recall(&body, html, &limits(Some("https://a.example/"))).is_none());
    }

    #[test]
    fn large_bodies_are_not_kept() {
        let body = vec![b'a'; MAX_BODY_BYTES + 1];
        let digest = Digest::default();
        keep(&body, None, &limits(None), &digest);
        assert!(recall(&body, None, &limits(None)).is_none());
    }
}
