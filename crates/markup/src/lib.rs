//! Scraped HTML is data from strangers: this crate is the one place it is parsed, and the one
//! place scraped text is cut to size.
//!
//! Two bounds hold before the HTML parser sees a page:
//! - **size**: at most [`MAX_PARSE_BYTES`] are parsed (the fetcher never reads more anyway);
//! - **nesting depth**: tags that would nest elements deeper than [`MAX_DEPTH`] are blanked out
//!   (replaced by spaces of the same length, so byte offsets into the source stay true). The
//!   HTML parser's scope checks walk the whole stack of open elements, so without this cap a
//!   page of 200,000 nested `<div>`s takes minutes; browsers stop nesting at about 512 too.
//!   Text, scripts, images, frames and `<meta>` tags are never blanked.

mod nesting;
mod text;

use scraper::Html;
use std::borrow::Cow;

pub use text::{clip, decode_entities, floor_boundary, TITLE_CHARS};

/// Elements nested deeper than this are not built; their text is kept.
pub const MAX_DEPTH: usize = 512;

/// Bytes of one document parsed at most.
pub const MAX_PARSE_BYTES: usize = 5 * 1024 * 1024;

/// Parses a whole page within the bounds.
pub fn parse_document(html: &str) -> Html {
    Html::parse_document(&bounded(html))
}

/// Parses a piece of HTML (such as the content of a `<noscript>`) within the bounds.
pub fn parse_fragment(html: &str) -> Html {
    Html::parse_fragment(&bounded(html))
}

/// The source the parser is given: cut to [`MAX_PARSE_BYTES`] and with over-deep tags blanked.
/// Borrowed (unchanged) for every ordinary page.
pub fn bounded(html: &str) -> Cow<'_, str> {
    let html = &html[..floor_boundary(html, MAX_PARSE_BYTES)];
    match nesting::flatten(html, MAX_DEPTH) {
        Some(flat) => Cow::Owned(flat),
        None => Cow::Borrowed(html),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::Selector;

    fn depth_of_deepest(doc: &Html) -> usize {
        let all = Selector::parse("*").unwrap();
        doc.select(&all)
            .map(|e| e.ancestors().count())
            .max()
            .unwrap_or(0)
    }

    #[test]
    fn ordinary_pages_are_parsed_unchanged() {
        let html = "<html><head><title>Sale</title><script>oaiq('init','x')</script></head>\
                    <body><div><p>Hi <b>there</b></p><img src=a.png></div></body></html>";
        assert!(matches!(bounded(html), Cow::Borrowed(_)));
    }

    #[test]
    fn deep_nesting_is_capped_and_text_and_scripts_survive() {
        let n = 5_000;
        let html = format!(
            "<body>{}<script>oaiq('measure','page_viewed')</script>deep text{}</body>",
            "<div>".repeat(n),
            "</div>".repeat(n)
        );
        let doc = parse_document(&html);
        assert!(depth_of_deepest(&doc) <= MAX_DEPTH + 8);
        let script = Selector::parse("script").unwrap();
        let s = doc.select(&script).next().expect("the script is kept");
        assert_eq!(
            s.text().collect::<String>(),
            "oaiq('measure','page_viewed')"
        );
        assert!(doc.root_element().text().any(|t| t.contains("deep text")));
    }

    #[test]
    fn blanking_keeps_byte_offsets() {
        let html = format!("{}<script>x</script>", "<span>".repeat(MAX_DEPTH + 10));
        let flat = bounded(&html);
        assert_eq!(flat.len(), html.len());
        assert_eq!(flat.find("<script>"), html.find("<script>"));
    }

    #[test]
    fn the_size_cap_cuts_on_a_character_boundary() {
        let html = "é".repeat(MAX_PARSE_BYTES);
        let flat = bounded(&html);
        assert!(flat.len() <= MAX_PARSE_BYTES);
        assert!(flat.len() >= MAX_PARSE_BYTES - 1);
    }
}
