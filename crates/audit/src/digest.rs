//! What is read from a fetched body (once per body; `digest_task` decides where it runs): the
//! decoded text, the title and visible text kept in the artifact, and, for the page as the
//! desktop browser got it, the HTML read for the pixel scan. The HTML is parsed a single time
//! for all of these.
//!
//! Everything kept or shown is bounded and has secrets masked: the title is cut to
//! [`preflight_markup::TITLE_CHARS`] characters, the page excerpts to the fetch options' sizes,
//! and any key the pixel scan would report is replaced by its masked form.

use crate::page_text;
use preflight_pixel::PageHtml;

/// What a body gave.
#[derive(Debug, Default, Clone)]
pub struct Digest {
    /// The whole body decoded (secrets not masked: it feeds the scans and is never stored).
    pub text: String,
    pub charset: &'static str,
    pub decode_errors: bool,
    /// The start of the decoded body, secrets masked.
    pub body_head: String,
    pub title: Option<String>,
    pub headline: Option<String>,
    pub visible_text: String,
    pub word_count: u32,
    /// The page read for the pixel scan, when asked for and the body is HTML.
    pub page: Option<PageHtml>,
}

/// How much of a body is kept, and whether the pixel scan wants the page read.
#[derive(Debug, Clone, PartialEq)]
pub struct DigestLimits {
    pub body_head_chars: usize,
    pub visible_text_chars: usize,
    /// The page's address (after redirects), when the pixel scan wants the page read.
    pub read_for_pixel: Option<String>,
}

/// Decodes and reads `body` (see the module's description).
pub fn digest(body: &[u8], content_type: Option<&str>, limits: &DigestLimits) -> Digest {
    let decoded = page_text::decode(body, content_type);
    let mut out = Digest {
        charset: decoded.charset,
        decode_errors: decoded.had_errors,
        ..Digest::default()
    };
    let shown = preflight_pixel::redact_secrets(&decoded.text);
    out.body_head = shown.chars().take(limits.body_head_chars).collect();
    if page_text::looks_like_html(content_type, &decoded.text) {
        let source = preflight_pixel::normalize_newlines(&decoded.text);
        let document = preflight_markup::parse_document(&source);
        let summary = page_text::summarise_document(&document, limits.visible_text_chars);
        out.title = summary.title.map(|t| {
            preflight_markup::clip(
                &preflight_pixel::redact_secrets(&t),
                preflight_markup::TITLE_CHARS,
            )
        });
        out.headline = summary.headline.map(|h| {
            preflight_markup::clip(
                &preflight_pixel::redact_secrets(&h),
                preflight_markup::TITLE_CHARS,
            )
        });
        out.visible_text = preflight_pixel::redact_secrets(&summary.visible_text).into_owned();
        out.word_count = summary.word_count;
        if let Some(page_url) = &limits.read_for_pixel {
            out.page = Some(preflight_pixel::read_parsed(page_url, &source, &document));
        }
    }
    drop(shown);
    out.text = decoded.text;
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits(pixel: bool) -> DigestLimits {
        DigestLimits {
            body_head_chars: 1_000,
            visible_text_chars: 1_000,
            read_for_pixel: pixel.then(|| "https://shop.example/".to_string()),
        }
    }

    #[test]
    fn a_huge_title_is_cut_and_secrets_are_masked_in_what_is_kept() {
        let key = "sk-svcacct-ABCDEFGHIJKLMNOPQRSTUVWXYZ123456";
        let html = format!(
            "<html><head><title>{}</title><script>var k='{key}'</script></head><body>Buy {key}</body></html>",
            "T".repeat(1 << 20)
        );
        let d = digest(html.as_bytes(), Some("text/html"), &limits(false));
        assert_eq!(
            d.title.as_ref().unwrap().chars().count(),
            preflight_markup::TITLE_CHARS
        );
        assert!(!d.visible_text.contains(key));
        assert!(d.visible_text.starts_with("Buy sk-svcacct-A…"));
        assert!(
            d.text.contains(key),
            "the scans still see the page as it is"
        );
        assert!(d.page.is_none());
    }

    #[test]
    fn title_and_text_read_as_the_page_shows_them_while_the_source_stays_raw() {
        let html = "<html><head><title>Access&#32;Denied &amp; more</title></head>\
                    <body>Reference&#32;&#35;18&#46;5f2 &eacute;t&eacute; &bogus; &#x41;</body></html>";
        let d = digest(html.as_bytes(), Some("text/html"), &limits(false));
        assert_eq!(d.title.as_deref(), Some("Access Denied & more"));
        assert_eq!(d.visible_text, "Reference #18.5f2 été &bogus; A");
        // The source is kept as sent: firewall signatures match it, and quote it decoded.
        assert!(d.body_head.contains("Reference&#32;&#35;18&#46;5f2"));
    }

    #[test]
    fn the_browser_page_is_read_for_the_pixel_scan_from_the_same_parse() {
        let html = "<html><head><script src=/oaiq.js></script></head><body>Hi</body></html>";
        let d = digest(html.as_bytes(), Some("text/html"), &limits(true));
        let page = d.page.expect("read");
        assert_eq!(
            page.same_origin_script_urls("https://shop.example/"),
            vec!["https://shop.example/oaiq.js".to_string()]
        );
        assert_eq!(d.visible_text, "Hi");
    }
}
