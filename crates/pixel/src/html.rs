//! Reads a page's HTML: its scripts (inline, with their position in the page, and external),
//! inline event handlers, image and iframe tags (also inside `<noscript>`), and
//! `<meta http-equiv="Content-Security-Policy">`.

use scraper::{ElementRef, Html, Selector};
use url::Url;

use crate::position::LineIndex;
use crate::types::Location;

/// When a script runs relative to the others.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExecMode {
    /// While the page is read, in page order (an ordinary `<script>`).
    Classic,
    /// After the page is read, in page order (`defer`, `type="module"`).
    Deferred,
    /// Whenever it has loaded (`async`, or held back by a consent manager).
    Async,
}

#[derive(Debug, Clone, PartialEq)]
pub struct InlineScript {
    /// 1-based number among inline scripts, used in labels ("inline script 2").
    pub number: usize,
    pub text: String,
    /// 1-based line and column where the script's text starts in the page.
    pub start: Option<(u32, u32)>,
    pub in_head: bool,
    pub has_nonce: bool,
    pub consent_gated: bool,
    /// The consent manager and marker that hold it back, for consent-gated scripts.
    pub consent: Option<String>,
    /// Position among all `<script>` elements of the page.
    pub order: usize,
    pub mode: ExecMode,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ExternalScript {
    /// The `src` attribute as written.
    pub src: String,
    /// `src` resolved against the page (and `<base href>`).
    pub url: Option<Url>,
    pub in_head: bool,
    pub consent_gated: bool,
    pub consent: Option<String>,
    pub location: Location,
    pub order: usize,
    pub mode: ExecMode,
}

/// A `type="text/plain"` (or other parked) script that no consent manager marks, so nothing
/// ever runs it.
#[derive(Debug, Clone, PartialEq)]
pub struct ParkedScript {
    pub script_type: String,
    /// Its text, or for `src` scripts the address.
    pub text: String,
    pub src: Option<String>,
    pub start: Option<(u32, u32)>,
    pub location: Location,
}

#[derive(Debug, Clone, PartialEq)]
pub struct HandlerAttribute {
    pub label: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TagUrl {
    /// `img` or `iframe`.
    pub tag: &'static str,
    pub src: String,
    pub url: Option<Url>,
    pub location: Location,
    /// Inside `<noscript>`: loaded only by browsers with JavaScript off.
    pub in_noscript: bool,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageHtml {
    pub inline_scripts: Vec<InlineScript>,
    pub external_scripts: Vec<ExternalScript>,
    pub handlers: Vec<HandlerAttribute>,
    pub tag_urls: Vec<TagUrl>,
    /// Parked scripts without a consent manager's marker that mention the pixel.
    pub parked_scripts: Vec<ParkedScript>,
    /// Pixel code that sits in the page without running (comments, text, `<noscript>`).
    pub inert: Vec<crate::inert::InertBlock>,
    pub meta_csp: Vec<String>,
    /// Scripts, handlers and tags beyond [`MAX_ELEMENTS`] of a kind, not read.
    pub elements_skipped: usize,
}

/// Scripts, event-handler attributes and image/frame tags read at most per page, each kind on
/// its own: real pages have a few hundred at most, and a hostile one cannot make the scan slow.
pub const MAX_ELEMENTS: usize = 2_000;

pub const PAGE_HTML: &str = "page HTML";

/// Script `type`s browsers run as JavaScript (lowercased, parameters dropped).
fn is_javascript_type(t: &str) -> bool {
    matches!(
        t,
        "" | "module"
            | "text/javascript"
            | "application/javascript"
            | "application/x-javascript"
            | "application/ecmascript"
            | "text/ecmascript"
            | "text/jscript"
            | "text/partytown"
    )
}

fn is_parked_type(script_type: &str) -> bool {
    crate::data::data()
        .consent
        .parked_types
        .iter()
        .any(|t| t == script_type)
}

/// Consent managers park scripts with a type browsers do not run and a marker of their own
/// until the visitor agrees; such scripts are real pixel code that only runs after consent.
/// The answer names the manager and its marker.
fn consent_parked(el: &ElementRef<'_>, script_type: &str) -> Option<String> {
    if !is_parked_type(script_type) {
        return None;
    }
    let (manager, marker) = crate::data::data().consent_marker(el.value().attrs())?;
    Some(format!("{manager} ({marker})"))
}

fn exec_mode(el: &ElementRef<'_>, script_type: &str, external: bool) -> ExecMode {
    let has = |a: &str| el.value().attr(a).is_some();
    if has("async") && (external || script_type == "module") || script_type == "text/partytown" {
        ExecMode::Async
    } else if script_type == "module" || (external && has("defer")) {
        ExecMode::Deferred
    } else {
        ExecMode::Classic
    }
}

/// Text that mentions the pixel: its function, the SDK host or the event endpoint.
pub fn mentions_pixel(text: &str) -> bool {
    let sdk = &crate::data::data().sdk;
    text.contains(sdk.global_name.as_str())
        || text.contains(sdk.sdk_host.as_str())
        || text.contains(&format!("{}{}", sdk.events_host, sdk.image_tag_path))
}

fn script_type(el: &ElementRef<'_>) -> String {
    el.value()
        .attr("type")
        .unwrap_or("")
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

fn in_head(el: &ElementRef<'_>) -> bool {
    el.ancestors()
        .filter_map(ElementRef::wrap)
        .any(|a| a.value().name() == "head")
}

/// The URL relative links resolve against: `<base href>` if present, else the page URL.
pub fn base_url(page_url: &str, doc: &Html) -> Option<Url> {
    let page = Url::parse(page_url).ok()?;
    let base = Selector::parse("base[href]").ok()?;
    let href = doc
        .select(&base)
        .next()
        .and_then(|b| b.value().attr("href"));
    Some(href.and_then(|h| page.join(h).ok()).unwrap_or(page))
}

/// Normalise newlines the way the HTML parser does, so script text can be found in the source.
pub fn normalize_newlines(html: &str) -> String {
    html.replace("\r\n", "\n").replace('\r', "\n")
}

pub fn read_page(page_url: &str, html: &str) -> PageHtml {
    let source = normalize_newlines(html);
    let doc = preflight_markup::parse_document(&source);
    read_parsed(page_url, &source, &doc)
}

/// Reads a page already parsed: `source` is the page with newlines normalised (see
/// [`normalize_newlines`]) and `doc` is it parsed, so the page is parsed once for every use.
pub fn read_parsed(page_url: &str, source: &str, doc: &Html) -> PageHtml {
    let base = base_url(page_url, doc);
    let index = LineIndex::new(source);
    let positions = script_positions(source);
    let locate_offset = |offset: usize| {
        let (line, column) = index.line_column(offset);
        Location::new(PAGE_HTML, Some(line), Some(column))
    };
    // Tags are looked up in page order, so each search starts where the last one was found.
    let cursor = std::cell::Cell::new(0usize);
    let locate_text = |needle: &str| {
        if needle.is_empty() {
            return Location::source_only(PAGE_HTML);
        }
        let from = cursor.get();
        let found = source[from..]
            .find(needle)
            .map(|p| from + p)
            .or_else(|| source[..from].find(needle));
        match found {
            Some(offset) => {
                cursor.set(offset + needle.len());
                locate_offset(offset)
            }
            None => Location::source_only(PAGE_HTML),
        }
    };

    let mut page = PageHtml::default();
    let scripts = Selector::parse("script").expect("static selector");
    for (i, el) in doc.select(&scripts).enumerate() {
        let stype = script_type(&el);
        let consent = consent_parked(&el, &stype);
        let consent_gated = consent.is_some();
        let position = positions.get(i);
        if !is_javascript_type(&stype) && !consent_gated {
            if is_parked_type(&stype) && page.parked_scripts.len() < MAX_ELEMENTS {
                let src = el
                    .value()
                    .attr("src")
                    .or_else(|| el.value().attr("data-src"));
                let text: String = el.text().collect();
                if mentions_pixel(&text) || src.is_some_and(mentions_pixel) {
                    page.parked_scripts.push(ParkedScript {
                        script_type: stype.clone(),
                        start: position
                            .filter(|p| source[p.content_start..].starts_with(&text))
                            .map(|p| index.line_column(p.content_start)),
                        location: position.map_or_else(
                            || Location::source_only(PAGE_HTML),
                            |p| locate_offset(p.tag_start),
                        ),
                        src: src.map(str::to_string),
                        text,
                    });
                }
            }
            continue;
        }
        let src = el
            .value()
            .attr("src")
            .or_else(|| consent_gated.then(|| el.value().attr("data-src")).flatten());
        if page.external_scripts.len() + page.inline_scripts.len() >= MAX_ELEMENTS {
            page.elements_skipped += 1;
            continue;
        }
        let mut mode = exec_mode(&el, &stype, src.is_some());
        if consent_gated {
            mode = ExecMode::Async;
        }
        if let Some(src) = src.map(str::trim).filter(|s| !s.is_empty()) {
            page.external_scripts.push(ExternalScript {
                src: src.to_string(),
                url: base.as_ref().and_then(|b| b.join(src).ok()),
                in_head: in_head(&el),
                consent_gated,
                consent,
                location: position
                    .filter(|p| source[p.tag_start..p.content_start].contains(src))
                    .map_or_else(|| locate_text(src), |p| locate_offset(p.tag_start)),
                order: i,
                mode,
            });
            continue;
        }
        let text: String = el.text().collect();
        if text.trim().is_empty() {
            continue;
        }
        let start = position
            .filter(|p| source[p.content_start..].starts_with(&text))
            .map(|p| index.line_column(p.content_start));
        page.inline_scripts.push(InlineScript {
            number: page.inline_scripts.len() + 1,
            text,
            start,
            in_head: in_head(&el),
            has_nonce: el.value().attr("nonce").is_some(),
            consent_gated,
            consent,
            order: i,
            mode,
        });
    }

    let all = Selector::parse("*").expect("static selector");
    for el in doc.select(&all) {
        for (name, value) in el.value().attrs() {
            let is_handler = name.len() > 2
                && name.as_bytes()[..2].eq_ignore_ascii_case(b"on")
                && !value.trim().is_empty();
            if is_handler && page.handlers.len() >= MAX_ELEMENTS {
                page.elements_skipped += 1;
            } else if is_handler {
                page.handlers.push(HandlerAttribute {
                    label: format!(
                        "{} attribute {} on <{}>",
                        name.to_ascii_lowercase(),
                        page.handlers.len() + 1,
                        el.value().name()
                    ),
                    text: value.to_string(),
                });
            }
        }
    }

    collect_tag_urls(doc, base.as_ref(), &locate_text, false, &mut page);
    // With scripting on, `<noscript>` content is plain text to the parser: read it as HTML.
    let noscript = Selector::parse("noscript").expect("static selector");
    for el in doc.select(&noscript) {
        let inner: String = el.text().collect();
        if inner.contains('<') {
            let fragment = preflight_markup::parse_fragment(&inner);
            collect_tag_urls(&fragment, base.as_ref(), &locate_text, true, &mut page);
        }
    }
    page.inert = crate::inert::collect(source, doc, &index);

    let meta = Selector::parse("meta[http-equiv]").expect("static selector");
    page.meta_csp = doc
        .select(&meta)
        .filter(|m| {
            m.value()
                .attr("http-equiv")
                .is_some_and(|v| v.trim().eq_ignore_ascii_case("content-security-policy"))
        })
        .filter_map(|m| m.value().attr("content").map(str::to_string))
        .collect();
    page
}

fn collect_tag_urls(
    doc: &Html,
    base: Option<&Url>,
    locate_text: &dyn Fn(&str) -> Location,
    in_noscript: bool,
    page: &mut PageHtml,
) {
    for (tag, selector) in [("img", "img[src]"), ("iframe", "iframe[src]")] {
        let selector = Selector::parse(selector).expect("static selector");
        for el in doc.select(&selector) {
            let Some(src) = el.value().attr("src").map(str::trim) else {
                continue;
            };
            if src.is_empty() || src.starts_with("data:") {
                continue;
            }
            if page.tag_urls.len() >= MAX_ELEMENTS {
                page.elements_skipped += 1;
                continue;
            }
            let raw_in_source = src.replace('&', "&amp;");
            let mut location = locate_text(src);
            if location.line.is_none() {
                location = locate_text(&raw_in_source);
            }
            page.tag_urls.push(TagUrl {
                tag,
                src: src.to_string(),
                url: base.and_then(|b| b.join(src).ok()),
                location,
                in_noscript,
            });
        }
    }
}

/// Where each `<script>` element starts in the source, in document order.
#[derive(Debug, Clone, Copy)]
struct ScriptPosition {
    tag_start: usize,
    content_start: usize,
}

/// Finds `<script …>` tags in the source, skipping comments and the raw text of script,
/// style, textarea, title and noscript elements (which the DOM does not turn into scripts).
fn script_positions(source: &str) -> Vec<ScriptPosition> {
    let lower = source.to_ascii_lowercase();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(rel) = lower[i..].find('<') {
        let at = i + rel;
        let rest = &lower[at..];
        if rest.starts_with("<!--") {
            i = lower[at + 4..]
                .find("-->")
                .map_or(lower.len(), |p| at + 4 + p + 3);
            continue;
        }
        let raw_text_tag = ["script", "style", "textarea", "title", "noscript"]
            .into_iter()
            .find(|t| {
                rest[1..].starts_with(t)
                    && rest[1 + t.len()..]
                        .chars()
                        .next()
                        .is_some_and(|c| c == '>' || c == '/' || c.is_ascii_whitespace())
            });
        let Some(tag) = raw_text_tag else {
            i = at + 1;
            continue;
        };
        let Some(tag_end) = lower[at..].find('>').map(|p| at + p + 1) else {
            break;
        };
        if tag == "script" {
            out.push(ScriptPosition {
                tag_start: at,
                content_start: tag_end,
            });
        }
        let close = format!("</{tag}");
        i = lower[tag_end..]
            .find(&close)
            .map_or(lower.len(), |p| tag_end + p + close.len());
    }
    out
}

impl PageHtml {
    /// Absolute URLs of the page's external scripts on the page's own origin, in page order,
    /// without repeats.
    pub fn same_origin_script_urls(&self, page_url: &str) -> Vec<String> {
        let Ok(page) = Url::parse(page_url) else {
            return Vec::new();
        };
        let mut seen = std::collections::HashSet::new();
        self.external_scripts
            .iter()
            .filter_map(|script| script.url.as_ref())
            .filter(|url| url.origin() == page.origin())
            .map(Url::to_string)
            .filter(|url| seen.insert(url.clone()))
            .collect()
    }
}

/// Absolute URLs of the page's external scripts on the page's own origin, in page order.
pub fn same_origin_script_urls(page_url: &str, html: &str) -> Vec<String> {
    read_page(page_url, html).same_origin_script_urls(page_url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_positions_skip_comments_and_raw_text() {
        let src = "<!-- <script>x</script> --><SCRIPT>a</SCRIPT><noscript><script>b</script></noscript>\n<script src=x></script>";
        let pos = script_positions(src);
        assert_eq!(pos.len(), 2);
        assert_eq!(&src[pos[0].content_start..pos[0].content_start + 1], "a");
        assert!(src[pos[1].tag_start..].starts_with("<script src=x>"));
    }

    #[test]
    fn attribute_names_with_a_multibyte_second_character_are_read() {
        let html = "<p o€=1>a</p><p xé=2 onclick=\"oaiq('measure','lead_created')\">b</p><p oné=3>";
        let page = read_page("https://shop.example/", html);
        assert_eq!(page.handlers.len(), 2);
        assert!(page.handlers[0].text.contains("lead_created"));
    }

    #[test]
    fn inline_script_start_is_its_page_position() {
        let html = "<html><head>\n<title>t</title>\n  <script>oaiq('init')</script></head></html>";
        let page = read_page("https://shop.example/", html);
        assert_eq!(page.inline_scripts[0].start, Some((3, 11)));
        assert!(page.inline_scripts[0].in_head);
    }
}
