//! Signs that a page's HTML is an "app shell": scripts, an empty element for them to fill, a
//! `<noscript>` plea to enable JavaScript. The signs are only read here; whether they add up to
//! a warning is decided in `checks::page_basics`, together with the page's word count.

use scraper::{ElementRef, Html, Node, Selector};

/// `id`s that single-page-app tools give the element they draw into (React, Vue, Next.js, Nuxt,
/// Gatsby, Svelte, Quasar, Ember and hand-written apps).
const MOUNT_IDS: &[&str] = &[
    "root",
    "app",
    "__next",
    "__nuxt",
    "___gatsby",
    "svelte",
    "q-app",
    "react-root",
    "app-root",
    "application",
    "main-app",
    "ember-app",
];

/// Elements that carry no content a visitor reads.
const NON_CONTENT: &[&str] = &[
    "script", "noscript", "style", "link", "meta", "template", "base",
];

/// Media that are content even without text.
const MEDIA: &[&str] = &[
    "img", "picture", "video", "svg", "iframe", "form", "input", "canvas",
];

/// A mount point with at most this many words ("Loading…") still counts as empty.
const MAX_MOUNT_WORDS: usize = 3;

#[derive(Debug, Default, PartialEq, Eq)]
pub struct ShellSigns {
    /// `src` of the external scripts, in order.
    pub script_files: Vec<String>,
    /// Bytes of inline script code (JSON-LD excluded: it is metadata, not an app).
    pub inline_script_bytes: usize,
    /// The empty element scripts draw into, as a short tag such as `<div id="root">`.
    pub empty_mount: Option<String>,
    /// The text of a `<noscript>` that asks for JavaScript.
    pub noscript_message: Option<String>,
}

impl ShellSigns {
    pub fn has_scripts(&self) -> bool {
        !self.script_files.is_empty() || self.inline_script_bytes >= 2_000
    }
}

/// Reads the signs from (the start of) a page's HTML.
pub fn signs(html: &str) -> ShellSigns {
    let document = preflight_markup::parse_document(html);
    let mut signs = ShellSigns::default();
    let scripts = Selector::parse("script").expect("static selector");
    for script in document.select(&scripts) {
        match script.value().attr("src") {
            Some(src) => signs.script_files.push(src.trim().to_string()),
            None if !script
                .value()
                .attr("type")
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")) =>
            {
                signs.inline_script_bytes += script.text().map(str::len).sum::<usize>();
            }
            None => {}
        }
    }
    let noscripts = Selector::parse("noscript").expect("static selector");
    signs.noscript_message = document
        .select(&noscripts)
        .map(|n| {
            preflight_markup::decode_entities(&strip_tags(&n.text().collect::<String>()))
                .into_owned()
        })
        .find(|text| {
            let lower = text.to_lowercase();
            lower.contains("javascript") || lower.contains("enable js")
        })
        .map(|text| cut(&text, 200));
    signs.empty_mount = empty_mount(&document);
    signs
}

/// A known mount point, or a custom element, that has no content; or a body whose only content
/// element is empty (whatever its name).
fn empty_mount(document: &Html) -> Option<String> {
    let body = Selector::parse("body").expect("static selector");
    let body = document.select(&body).next()?;
    let content_children: Vec<ElementRef> = body
        .children()
        .filter_map(ElementRef::wrap)
        .filter(|e| !NON_CONTENT.contains(&e.value().name()))
        .collect();
    let named = body.descendants().filter_map(ElementRef::wrap).find(|e| {
        let id_known = e
            .value()
            .id()
            .is_some_and(|id| MOUNT_IDS.iter().any(|m| m.eq_ignore_ascii_case(id)));
        // Custom elements named like an app's root (Angular's `<app-root>`, `<my-app>`), not
        // any custom element: an empty `<cookie-banner>` says nothing about the page.
        let name = e.value().name();
        let custom = name.starts_with("app-") || name.ends_with("-app") || name.ends_with("-root");
        (id_known || custom) && visible_words(*e).is_some_and(|w| w <= MAX_MOUNT_WORDS)
    });
    // Without a telling name, only a container with no text at all counts: a lone `<main>` that
    // says "Thank you!" is a short page, not a shell.
    let lone = match content_children.as_slice() {
        [only] if visible_words(*only) == Some(0) => Some(*only),
        _ => None,
    };
    named.or(lone).map(describe)
}

/// The number of visible words in `element`, or `None` when it holds media (content without
/// words).
fn visible_words(element: ElementRef) -> Option<usize> {
    let mut words = 0;
    for node in element.descendants() {
        match node.value() {
            Node::Element(e) if MEDIA.contains(&e.name()) => return None,
            Node::Text(t) => {
                let hidden = node.ancestors().any(|a| {
                    a.value()
                        .as_element()
                        .is_some_and(|e| NON_CONTENT.contains(&e.name()))
                });
                if !hidden {
                    words += t.split_whitespace().count();
                }
            }
            _ => {}
        }
    }
    Some(words)
}

fn describe(element: ElementRef) -> String {
    let e = element.value();
    match e.id() {
        Some(id) => format!("<{} id=\"{}\">", e.name(), cut(id, 60)),
        None => format!("<{}>", e.name()),
    }
}

/// `<noscript>` content is raw text to the parser; drop any markup inside it.
fn strip_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn cut(text: &str, max_chars: usize) -> String {
    match text.char_indices().nth(max_chars) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_react_build_shows_every_sign() {
        let s = signs(
            "<!doctype html><html><head><script defer src=\"/static/js/main.4f9a.js\"></script></head>\
             <body><noscript>You need to enable JavaScript to run this app.</noscript>\
             <div id=\"root\"></div></body></html>",
        );
        assert_eq!(s.script_files, vec!["/static/js/main.4f9a.js"]);
        assert!(s.has_scripts());
        assert_eq!(s.empty_mount.as_deref(), Some("<div id=\"root\">"));
        assert_eq!(
            s.noscript_message.as_deref(),
            Some("You need to enable JavaScript to run this app.")
        );
    }

    #[test]
    fn a_noscript_message_is_quoted_as_a_visitor_reads_it() {
        let s = signs(
            "<body><noscript>Please enable JavaScript&#32;&amp; reload &#x2014; thanks</noscript><div id=\"root\"></div></body>",
        );
        assert_eq!(
            s.noscript_message.as_deref(),
            Some("Please enable JavaScript & reload \u{2014} thanks")
        );
    }

    #[test]
    fn angular_vite_and_loading_placeholders_count_as_empty_mounts() {
        let angular = signs(
            "<body><app-root></app-root><script src=\"main.js\" type=\"module\"></script></body>",
        );
        assert_eq!(angular.empty_mount.as_deref(), Some("<app-root>"));
        let vite = signs(
            "<body><div id=\"app\"><div class=\"spinner\">Loading…</div></div>\
             <script type=\"module\" src=\"/assets/index-Bx81.js\"></script></body>",
        );
        assert_eq!(vite.empty_mount.as_deref(), Some("<div id=\"app\">"));
        // Any lone empty container in the body, whatever its id.
        let other =
            signs("<body><div class=\"mount\"></div><script src=\"/b.js\"></script></body>");
        assert_eq!(other.empty_mount.as_deref(), Some("<div>"));
    }

    #[test]
    fn rendered_pages_and_tracking_noscripts_show_no_sign() {
        let rendered = signs(
            "<body><div id=\"root\"><h1>Spring sale</h1><p>Twenty percent off every pair this week.</p></div>\
             <script src=\"/main.js\"></script></body>",
        );
        assert_eq!(rendered.empty_mount, None);
        let tracking = signs(
            "<body><main><h1>Thank you!</h1></main>\
             <noscript><iframe src=\"https://www.googletagmanager.com/ns.html?id=GTM-X\"></iframe></noscript>\
             <noscript><img src=\"https://example.com/px?noscript=1\"></noscript></body>",
        );
        assert_eq!(tracking.noscript_message, None);
        assert_eq!(tracking.empty_mount, None);
        assert!(!tracking.has_scripts());
        // A hero image is content, even without words.
        let hero = signs("<body><div id=\"app\"><img src=\"/hero.jpg\" alt=\"\"></div></body>");
        assert_eq!(hero.empty_mount, None);
        // An empty widget next to real content is not a mount point.
        let widget = signs(
            "<body><main><h1>Thanks</h1><p>Order confirmed.</p></main><cookie-banner></cookie-banner></body>",
        );
        assert_eq!(widget.empty_mount, None);
    }

    #[test]
    fn json_ld_is_not_an_app_but_a_big_inline_bundle_is() {
        let ld = format!(
            "<script type=\"application/ld+json\">{}</script>",
            "x".repeat(5_000)
        );
        assert!(!signs(&ld).has_scripts());
        let inline = format!("<script>{}</script>", "x".repeat(5_000));
        assert!(signs(&inline).has_scripts());
    }
}
