//! A linear pre-pass that keeps the HTML parser's tree shallow.
//!
//! It reads tags the way the HTML tokenizer does (comments, quoted attribute values, the raw
//! text of `<script>`, `<style>` and the like) and keeps a model of the open elements that errs
//! on the deep side: an end tag the parser might ignore (a misnested `</b>`, a `</span>` with a
//! block element open above it) closes nothing here. When the model is [`crate::MAX_DEPTH`]
//! deep, further start tags, and the end tags that match them, are replaced by spaces. Every
//! operation on the model is amortised O(1), so the pass is linear in the page's length.

use std::collections::HashMap;

/// Elements the tokenizer reads as raw text up to their own end tag (scripting enabled, so
/// `<noscript>` too). Inside SVG or MathML they are ordinary elements.
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
];

/// Elements that never have children.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "frame", "basefont", "bgsound", "image",
];

/// Elements the parser closes by itself when the next one of their kind starts (or that exist
/// once per page): they cannot nest on their own, so they are left out of the model.
const SELF_CLOSING_SIBLINGS: &[&str] = &[
    "html", "head", "body", "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead",
    "tbody", "tfoot", "rb", "rt", "rp", "rtc", "colgroup", "caption", "frameset",
];

/// Elements that stop "has an element in scope" (the HTML standard's default scope).
const SCOPE_BOUNDARY: &[&str] = &[
    "applet",
    "caption",
    "html",
    "table",
    "td",
    "th",
    "marquee",
    "object",
    "template",
    "foreignobject",
    "desc",
    "mi",
    "mo",
    "mn",
    "ms",
    "mtext",
    "annotation-xml",
];

/// The standard's "special" category (the ones that can be open in the model).
const SPECIAL: &[&str] = &[
    "address",
    "applet",
    "article",
    "aside",
    "blockquote",
    "button",
    "center",
    "details",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "listing",
    "main",
    "marquee",
    "menu",
    "nav",
    "object",
    "ol",
    "pre",
    "search",
    "section",
    "select",
    "summary",
    "table",
    "template",
    "ul",
    "foreignobject",
    "desc",
    "mi",
    "mo",
    "mn",
    "ms",
    "mtext",
    "annotation-xml",
];

/// Longest tag name kept in the model; longer names are cut (they still match each other).
const MAX_NAME: usize = 64;

/// Returns the page with over-deep tags blanked, or `None` when nothing needed blanking.
pub fn flatten(html: &str, max_depth: usize) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    let b = lower.as_bytes();
    let len = b.len();
    let mut blank: Vec<(usize, usize)> = Vec::new();
    let mut open = OpenElements::default();
    let mut i = 0;
    while let Some(rel) = b[i..].iter().position(|&c| c == b'<') {
        let at = i + rel;
        let next = b.get(at + 1).copied();
        if b[at + 1..].starts_with(b"!--") {
            i = find(&lower, at + 4, "-->").map_or(len, |p| p + 3);
            continue;
        }
        match next {
            Some(b'!') | Some(b'?') => i = skip_to_gt(b, at + 1),
            Some(b'/') => {
                let (name, name_end) = tag_name(b, at + 2);
                let end = skip_to_gt(b, name_end);
                if !name.is_empty() && open.close(name) {
                    blank.push((at, end));
                }
                i = end;
            }
            Some(c) if c.is_ascii_alphabetic() => {
                let (name, name_end) = tag_name(b, at + 1);
                let Some((end, self_closing)) = start_tag_end(b, name_end) else {
                    break; // an unterminated tag runs to the end of the page
                };
                i = end;
                if name == "plaintext" {
                    break;
                }
                if !open.in_foreign() && RAW_TEXT.contains(&name) {
                    i = find_end_tag(&lower, end, name);
                    continue;
                }
                if VOID.contains(&name)
                    || SELF_CLOSING_SIBLINGS.contains(&name)
                    || (self_closing && open.in_foreign())
                {
                    continue;
                }
                let too_deep = open.built >= max_depth;
                if too_deep {
                    blank.push((at, end));
                }
                open.push(name, too_deep);
            }
            _ => i = at + 1,
        }
    }
    if blank.is_empty() {
        return None;
    }
    let mut out = html.as_bytes().to_vec();
    for (start, end) in blank {
        out[start..end].fill(b' ');
    }
    // Only whole tags (ASCII `<` to `>`) were replaced by ASCII spaces.
    Some(String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into()))
}

struct Entry {
    name: String,
    blanked: bool,
    special: bool,
    boundary: bool,
    foreign: bool,
}

/// The model of the parser's stack of open elements, with indexes kept so that every question
/// ("where is the topmost `b`?", "is anything special above it?") is answered in O(1).
#[derive(Default)]
struct OpenElements {
    entries: Vec<Entry>,
    by_name: HashMap<String, Vec<usize>>,
    specials: Vec<usize>,
    boundaries: Vec<usize>,
    /// Entries that the parser really builds (not blanked).
    built: usize,
    /// Open `<svg>` and `<math>` elements.
    foreign: usize,
}

impl OpenElements {
    fn in_foreign(&self) -> bool {
        self.foreign > 0
    }

    fn push(&mut self, name: &str, blanked: bool) {
        let index = self.entries.len();
        let entry = Entry {
            name: name.to_string(),
            blanked,
            special: SPECIAL.contains(&name),
            boundary: SCOPE_BOUNDARY.contains(&name),
            foreign: name == "svg" || name == "math",
        };
        if entry.special {
            self.specials.push(index);
        }
        if entry.boundary {
            self.boundaries.push(index);
        }
        if entry.foreign {
            self.foreign += 1;
        }
        if !blanked {
            self.built += 1;
        }
        self.by_name
            .entry(entry.name.clone())
            .or_default()
            .push(index);
        self.entries.push(entry);
    }

    fn pop(&mut self) {
        let Some(entry) = self.entries.pop() else {
            return;
        };
        let index = self.entries.len();
        if let Some(list) = self.by_name.get_mut(&entry.name) {
            list.pop();
        }
        if self.specials.last() == Some(&index) {
            self.specials.pop();
        }
        if self.boundaries.last() == Some(&index) {
            self.boundaries.pop();
        }
        if entry.foreign {
            self.foreign -= 1;
        }
        if !entry.blanked {
            self.built -= 1;
        }
    }

    /// Applies an end tag; returns true when it must be blanked (its element was).
    fn close(&mut self, name: &str) -> bool {
        let Some(&at) = self.by_name.get(name).and_then(|list| list.last()) else {
            return false;
        };
        let entry = &self.entries[at];
        let blanked = entry.blanked;
        let top = at + 1 == self.entries.len();
        let above = |list: &Vec<usize>| list.last().is_some_and(|&i| i > at);
        let closes = top
            || if entry.special {
                !above(&self.boundaries)
            } else {
                // Formatting and ordinary elements: a special element open above stops the
                // parser from closing them (a parse error, or the adoption agency, which keeps
                // the block open).
                !above(&self.specials)
            };
        if closes {
            while self.entries.len() > at {
                self.pop();
            }
        }
        blanked
    }
}

/// The lowercase tag name starting at `from` (cut to [`MAX_NAME`] bytes) and where it ends.
fn tag_name(b: &[u8], from: usize) -> (&str, usize) {
    let mut end = from;
    while end < b.len() && !matches!(b[end], b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r' | 0x0c) {
        end += 1;
    }
    let mut cut = end.min(from + MAX_NAME);
    // Names are compared as text: never split a character.
    while cut > from && std::str::from_utf8(&b[from..cut]).is_err() {
        cut -= 1;
    }
    (std::str::from_utf8(&b[from..cut]).unwrap_or(""), end)
}

/// Where a start tag ends (just after its `>`), reading quoted attribute values as the
/// tokenizer does, and whether it was written self-closing (`/>`). `None`: no end.
fn start_tag_end(b: &[u8], from: usize) -> Option<(usize, bool)> {
    let mut j = from;
    let mut after_equals = false;
    while j < b.len() {
        match b[j] {
            b'>' => return Some((j + 1, j > from && b[j - 1] == b'/')),
            quote @ (b'"' | b'\'') if after_equals => {
                let close = b[j + 1..].iter().position(|&c| c == quote)?;
                j += close + 2;
                after_equals = false;
                continue;
            }
            b'=' => after_equals = true,
            c if c.is_ascii_whitespace() => {}
            _ => after_equals = false,
        }
        j += 1;
    }
    None
}

fn skip_to_gt(b: &[u8], from: usize) -> usize {
    b[from.min(b.len())..]
        .iter()
        .position(|&c| c == b'>')
        .map_or(b.len(), |p| from + p + 1)
}

fn find(lower: &str, from: usize, needle: &str) -> Option<usize> {
    lower.get(from..)?.find(needle).map(|p| from + p)
}

/// Just past the raw text of `name` that starts at `from`: at its end tag's `<`.
fn find_end_tag(lower: &str, from: usize, name: &str) -> usize {
    let close = format!("</{name}");
    let b = lower.as_bytes();
    let mut at = from;
    while let Some(p) = find(lower, at, &close) {
        let after = p + close.len();
        if after >= b.len() || matches!(b[after], b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r' | 0x0c)
        {
            return p;
        }
        at = after;
    }
    b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_pages_need_no_change() {
        assert_eq!(flatten("<div><span>a</span></div>", 4), None);
    }

    #[test]
    fn tags_beyond_the_depth_are_blanked_with_their_end_tags() {
        let html = "<div><div><div>x</div></div></div>";
        let flat = flatten(html, 2).expect("blanked");
        assert_eq!(flat, "<div><div>     x      </div></div>");
    }

    #[test]
    fn scripts_voids_and_raw_text_are_never_blanked() {
        let html = "<div><div><img src=a><script><div></script><title><b></title></div></div>";
        assert_eq!(
            flatten(html, 1).unwrap(),
            "<div>     <img src=a><script><div></script><title><b></title>      </div>"
        );
    }

    #[test]
    fn quoted_attributes_may_hold_angle_brackets() {
        let html = "<div title='a>b'><div title=\"<div>\">x</div></div>";
        let flat = flatten(html, 1).unwrap();
        assert!(flat.starts_with("<div title='a>b'>"));
        assert!(flat.contains("x"));
        assert!(!flat.contains("<div title=\"<div>\">"));
    }

    #[test]
    fn misnested_end_tags_do_not_make_the_model_shallower_than_the_parser() {
        // The parser ignores `</span>` while a `<div>` is open above it: each round nests.
        let html = "<span><div></span>".repeat(10);
        let flat = flatten(&html, 4).expect("blanked");
        assert_eq!(
            flat.matches("<div>").count() + flat.matches("<span>").count(),
            4
        );
        // The adoption agency keeps the block open too.
        let html = "<b><div></b>".repeat(10);
        let flat = flatten(&html, 4).expect("blanked");
        assert_eq!(
            flat.matches("<div>").count() + flat.matches("<b>").count(),
            4
        );
    }

    #[test]
    fn comments_and_non_ascii_names_are_read_safely() {
        let html = "<!-- <div><div> --><p o€=1><xé a=1><div>";
        assert_eq!(flatten(html, 8), None);
        let html = "<xé><xé><xé>";
        assert_eq!(
            flatten(html, 2).unwrap(),
            format!("<xé><xé>{}", " ".repeat(5))
        );
    }
}
