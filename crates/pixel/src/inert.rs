//! Pixel code that sits in a page without ever running: inside an HTML comment, shown as text
//! (a snippet pasted into a text editor, whose `<` became `&lt;`, or a how-to article), or a
//! `<script>` inside `<noscript>` (browsers with JavaScript on ignore the block; browsers with it
//! off run no script). Each block keeps the code it holds and where it is, so the scan can name
//! it and list the events it would have sent.

use scraper::{ElementRef, Html, Node, Selector};

use crate::html::PAGE_HTML;
use crate::position::LineIndex;
use crate::types::Location;

/// Most blocks kept per page, and most characters kept of one.
const MAX_BLOCKS: usize = 50;
const MAX_BLOCK_CHARS: usize = 100_000;
const EXCERPT_CHARS: usize = 160;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InertKind {
    /// Inside `<!-- … -->`.
    Comment,
    /// Page text: escaped code (`&lt;script&gt;…`) or code in `<pre>`, `<code>`, `<textarea>`.
    Text,
    /// A `<script>` inside `<noscript>`.
    Noscript,
}

#[derive(Debug, Clone, PartialEq)]
pub struct InertBlock {
    pub kind: InertKind,
    /// The JavaScript it holds: the text of the `<script>` elements in it, or its whole text.
    pub code: String,
    /// Its first characters, for evidence.
    pub excerpt: String,
    pub location: Location,
    /// Where `code` starts in the page, when it can be placed exactly.
    pub start: Option<(u32, u32)>,
}

/// Text that holds pixel code, not just a mention: a call to the pixel function, its
/// definition, the SDK address or the image tag address.
pub fn holds_pixel_code(text: &str) -> bool {
    let sdk = &crate::data::data().sdk;
    let global = sdk.global_name.as_str();
    text.match_indices(global).any(|(i, _)| {
        let rest = text[i + global.len()..].trim_start();
        rest.starts_with('(') || (rest.starts_with('=') && !rest.starts_with("=="))
    }) || text.contains(&format!("{}{}", sdk.sdk_host, sdk.sdk_path))
        || text.contains(&format!("{}{}", sdk.events_host, sdk.image_tag_path))
}

/// Text that holds OpenAI's snippet (or a part of it): the SDK address, or a definition of the
/// pixel function (`w.oaiq = …`).
pub fn holds_snippet(text: &str) -> bool {
    let sdk = &crate::data::data().sdk;
    let global = sdk.global_name.as_str();
    text.contains(&format!("{}{}", sdk.sdk_host, sdk.sdk_path))
        || text.match_indices(global).any(|(i, _)| {
            let rest = text[i + global.len()..].trim_start();
            rest.starts_with('=') && !rest.starts_with("==")
        })
}

fn excerpt(text: &str) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    // Start near the pixel code, not at unrelated text before it.
    let global = crate::data::data().sdk.global_name.as_str();
    let from = flat.find(global).map_or(0, |i| i.saturating_sub(40));
    let mut from = from.min(flat.len());
    while !flat.is_char_boundary(from) {
        from -= 1;
    }
    let cut: String = flat[from..].chars().take(EXCERPT_CHARS).collect();
    if flat[from..].chars().count() > EXCERPT_CHARS {
        format!("{cut}…")
    } else {
        cut
    }
}

fn clip(text: &str) -> String {
    text.chars().take(MAX_BLOCK_CHARS).collect()
}

/// The scripts inside an HTML fragment, joined; `None` when it has no `<script>` element.
fn scripts_in(html: &str) -> Option<String> {
    if !html.to_ascii_lowercase().contains("<script") {
        return None;
    }
    let fragment = preflight_markup::parse_fragment(html);
    let selector = Selector::parse("script").expect("static selector");
    let texts: Vec<String> = fragment
        .select(&selector)
        .map(|s| s.text().collect::<String>())
        .filter(|t| !t.trim().is_empty())
        .collect();
    (!texts.is_empty()).then(|| texts.join("\n"))
}

/// Byte ranges of `<script>…</script>` elements in the source, to tell page text from code.
fn script_ranges(lower: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(p) = lower[i..].find("<script") {
        let start = i + p;
        let end = lower[start..]
            .find("</script")
            .map_or(lower.len(), |q| start + q);
        out.push((start, end));
        i = end.max(start + 1);
        if out.len() > 10_000 {
            break;
        }
    }
    out
}

/// Where text shown on the page sits in the source: the first pixel marker outside scripts.
fn locate_text_marker(source: &str, ranges: &[(usize, usize)], from: usize) -> Option<usize> {
    let sdk = &crate::data::data().sdk;
    let markers = [
        sdk.global_name.as_str(),
        sdk.sdk_host.as_str(),
        sdk.events_host.as_str(),
    ];
    markers
        .iter()
        .filter_map(|m| {
            source
                .match_indices(m)
                .map(|(i, _)| i)
                .find(|&i| i >= from && !ranges.iter().any(|&(s, e)| s <= i && i < e))
        })
        .min()
}

pub fn collect(source: &str, doc: &Html, index: &LineIndex<'_>) -> Vec<InertBlock> {
    let mut out: Vec<InertBlock> = Vec::new();
    let at = |offset: usize| {
        let (line, column) = index.line_column(offset);
        Location::new(PAGE_HTML, Some(line), Some(column))
    };

    // Comments.
    let mut cursor = 0usize;
    for node in doc.tree.nodes() {
        let Node::Comment(comment) = node.value() else {
            continue;
        };
        let text: &str = comment;
        if !holds_pixel_code(text) || out.len() >= MAX_BLOCKS {
            continue;
        }
        let offset = source[cursor..]
            .find(text)
            .map(|p| cursor + p)
            .or_else(|| source.find(text));
        if let Some(o) = offset {
            cursor = o + text.len();
        }
        let (code, start) = match scripts_in(text) {
            Some(code) => (code, None),
            None => (text.to_string(), offset.map(|o| index.line_column(o))),
        };
        out.push(InertBlock {
            kind: InertKind::Comment,
            excerpt: excerpt(text),
            code: clip(&code),
            location: offset.map_or_else(
                || Location::source_only(PAGE_HTML),
                |o| at(o.saturating_sub(4)),
            ),
            start,
        });
    }

    // `<script>` inside `<noscript>`.
    let noscript = Selector::parse("noscript").expect("static selector");
    for el in doc.select(&noscript) {
        let inner: String = el.text().collect();
        let Some(code) = scripts_in(&inner).filter(|c| holds_pixel_code(c)) else {
            continue;
        };
        if out.len() >= MAX_BLOCKS {
            break;
        }
        let offset = source.find(inner.trim()).or_else(|| source.find(&code));
        out.push(InertBlock {
            kind: InertKind::Noscript,
            excerpt: excerpt(&code),
            code: clip(&code),
            location: offset.map_or_else(|| Location::source_only(PAGE_HTML), at),
            start: None,
        });
    }

    // Code shown as page text.
    let lower = source.to_ascii_lowercase();
    let ranges = script_ranges(&lower);
    let mut seen = Vec::new();
    let mut text_cursor = 0usize;
    for node in doc.tree.nodes() {
        let Node::Text(text) = node.value() else {
            continue;
        };
        if !crate::html::mentions_pixel(text) || out.len() >= MAX_BLOCKS {
            continue;
        }
        let Some(parent) = node.parent().and_then(ElementRef::wrap) else {
            continue;
        };
        if matches!(
            parent.value().name(),
            "script" | "style" | "noscript" | "template" | "title"
        ) {
            continue;
        }
        // A code block keeps a highlighted snippet (split into many spans) together.
        let block = parent
            .ancestors()
            .filter_map(ElementRef::wrap)
            .take(6)
            .find(|a| matches!(a.value().name(), "pre" | "code" | "textarea" | "xmp"))
            .unwrap_or(parent);
        if seen.contains(&block.id()) {
            continue;
        }
        seen.push(block.id());
        let text: String = clip(&block.text().collect::<String>());
        if !holds_pixel_code(&text) {
            continue;
        }
        let code = scripts_in(&text).unwrap_or_else(|| text.clone());
        let offset = locate_text_marker(source, &ranges, text_cursor);
        if let Some(o) = offset {
            text_cursor = o + 1;
        }
        out.push(InertBlock {
            kind: InertKind::Text,
            excerpt: excerpt(&text),
            code,
            location: offset.map_or_else(|| Location::source_only(PAGE_HTML), at),
            start: None,
        });
    }
    out
}
