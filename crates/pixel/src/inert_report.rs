//! Names pixel code that never runs (in an HTML comment, in a parked script no consent manager
//! activates, shown as page text, inside `<noscript>`), lists the events it would have sent as
//! events that are never sent, and says what to do.

use preflight_model::{Finding, Status};
use serde_json::Value;

use crate::data::data;
use crate::finding::finding;
use crate::html::PageHtml;
use crate::ids;
use crate::inert::InertKind;
use crate::js::{Callee, ScriptFacts, ScriptInput};
use crate::lint::image_tag::read_image_tag;
use crate::lint::urls::parse_absolute;
use crate::types::{Firing, FoundEvent, How, Location, DYNAMIC};

/// Longest `oaiq(…)` call cut out of page text.
const MAX_SEGMENT: usize = 4_000;
const MAX_SEGMENTS: usize = 200;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Comment,
    Text,
    Noscript,
    Parked,
}

#[derive(Debug, Clone)]
pub struct Block {
    kind: Kind,
    label: String,
    location: Location,
    excerpt: String,
    /// Its raw text, for addresses.
    raw: String,
    /// Index (among this module's inputs) of the whole code, and of its `oaiq(…)` calls cut
    /// out one by one (used when the whole does not parse, as with prose around code).
    whole: usize,
    pieces: usize,
}

/// What runs on the page, to judge how much a dead block matters.
pub struct Live {
    pub any: bool,
    pub events: Vec<String>,
}

/// The `oaiq(…)` calls in a text, each cut out with balanced brackets, one per line.
pub fn call_pieces(text: &str) -> String {
    let mut out = String::new();
    for (_, piece) in call_pieces_at(text) {
        out.push_str(piece);
        out.push_str(";\n");
    }
    out
}

/// The `oaiq(…)` calls in a text with their byte offsets, each cut out with balanced brackets.
pub fn call_pieces_at(text: &str) -> Vec<(usize, &str)> {
    let global = data().sdk.global_name.as_str();
    let b = text.as_bytes();
    let mut out = Vec::new();
    for (i, _) in text.match_indices(global).take(MAX_SEGMENTS) {
        let mut j = i + global.len();
        while j < b.len() && b[j].is_ascii_whitespace() {
            j += 1;
        }
        if b.get(j) != Some(&b'(') {
            continue;
        }
        let mut depth = 0usize;
        let mut quote: Option<u8> = None;
        let mut end = None;
        let limit = (j + MAX_SEGMENT).min(b.len());
        let mut k = j;
        while k < limit {
            let c = b[k];
            match quote {
                Some(_) if c == b'\\' => k += 1,
                Some(q) if c == q => quote = None,
                Some(_) => {}
                None if matches!(c, b'"' | b'\'' | b'`') => quote = Some(c),
                None if matches!(c, b'(' | b'[' | b'{') => depth += 1,
                None if matches!(c, b')' | b']' | b'}') => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        end = Some(k + 1);
                        break;
                    }
                }
                None => {}
            }
            k += 1;
        }
        if let Some(end) = end.filter(|&e| text.is_char_boundary(e)) {
            out.push((i, &text[i..end]));
        }
    }
    out
}

/// The scripts to analyse for the page's dead blocks, numbered from `first`.
pub fn inputs(page: &PageHtml, first: usize) -> (Vec<ScriptInput>, Vec<Block>) {
    let mut inputs = Vec::new();
    let mut blocks = Vec::new();
    let mut counts = [0usize; 4];
    let mut add = |kind: Kind,
                   label_kind: &str,
                   code: &str,
                   raw: &str,
                   start,
                   location: Location,
                   excerpt: String| {
        counts[kind as usize] += 1;
        let label = format!("{label_kind} {}", counts[kind as usize]);
        let whole = inputs.len();
        inputs.push(ScriptInput {
            label: label.clone(),
            text: code.to_string(),
            start,
            consent_gated: false,
        });
        inputs.push(ScriptInput {
            label: label.clone(),
            text: call_pieces(code),
            start: None,
            consent_gated: false,
        });
        blocks.push(Block {
            kind,
            label,
            location,
            excerpt,
            raw: raw.to_string(),
            whole: first + whole,
            pieces: first + whole + 1,
        });
    };
    for b in &page.inert {
        let (kind, label) = match b.kind {
            InertKind::Comment => (Kind::Comment, "HTML comment"),
            InertKind::Text => (Kind::Text, "page text"),
            InertKind::Noscript => (Kind::Noscript, "noscript block"),
        };
        add(
            kind,
            label,
            &b.code,
            &b.code,
            b.start,
            b.location.clone(),
            b.excerpt.clone(),
        );
    }
    for p in &page.parked_scripts {
        let raw = p.src.clone().unwrap_or_else(|| p.text.clone());
        let excerpt: String = raw
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .chars()
            .take(160)
            .collect();
        add(
            Kind::Parked,
            &format!("{} script", p.script_type),
            &p.text,
            &raw,
            p.start,
            p.location.clone(),
            excerpt,
        );
    }
    (inputs, blocks)
}

/// Image tag addresses written in a text (`&amp;` read as `&`).
fn image_urls(raw: &str) -> Vec<url::Url> {
    let sdk = &data().sdk;
    let needle = format!("{}{}", sdk.events_host, sdk.image_tag_path);
    let mut out = Vec::new();
    for (i, _) in raw.match_indices(&needle).take(20) {
        let start = raw[..i]
            .rfind(['"', '\'', '=', ' ', '('])
            .map_or(0, |p| p + 1);
        let end = raw[i..]
            .find(|c: char| matches!(c, '"' | '\'' | '<' | '>' | ')') || c.is_whitespace())
            .map_or(raw.len(), |p| i + p);
        if let Some(url) = parse_absolute(&raw[start..end].replace("&amp;", "&")) {
            out.push(url);
        }
    }
    out
}

fn id_of(kind: Kind) -> &'static str {
    match kind {
        Kind::Comment => ids::SNIPPET_IN_COMMENT,
        Kind::Text => ids::SNIPPET_AS_TEXT,
        Kind::Noscript => ids::SNIPPET_IN_NOSCRIPT,
        Kind::Parked => ids::SNIPPET_PARKED,
    }
}

fn never_reason(kind: Kind) -> &'static str {
    match kind {
        Kind::Comment => "it is inside an HTML comment",
        Kind::Text => "it is shown as text on the page, not run as code",
        Kind::Noscript => "it is inside <noscript>, which browsers with JavaScript ignore",
        Kind::Parked => "its script is marked type=\"text/plain\" and nothing activates it",
    }
}

fn block_finding(block: &Block, status: Status, events: &[String]) -> Finding {
    let sdk = &data().sdk;
    let (title, detail, remedy) = match block.kind {
        Kind::Comment => (
            "The pixel code is inside an HTML comment, so it never runs",
            "Browsers ignore everything between <!-- and -->. The pixel code there sends nothing; it is often an old copy, or a snippet commented out while testing and never restored.",
            "If this is the pixel you mean to use, remove the <!-- and --> around it. If another copy on the page is the live one, delete the commented-out copy to avoid confusion.",
        ),
        Kind::Text => (
            "The pixel snippet is shown as text on the page instead of running",
            "The code is part of the page's text (its < and > were turned into &lt; and &gt;, or it sits in a code box), so visitors may see it and browsers never run it. This usually happens when the snippet is pasted into a text editor instead of the site's code settings.",
            "Paste the snippet into the site's header code setting, a custom HTML block or the theme's <head>, not the text editor. If this page is an article that shows the snippet on purpose, nothing needs fixing.",
        ),
        Kind::Noscript => (
            "The pixel snippet is inside <noscript>, so it never runs",
            "Browsers with JavaScript on (nearly all visitors) ignore what is inside <noscript>, and browsers with it off run no script at all, so a snippet there never runs. Only the image tag belongs in <noscript>.",
            "Move the <script> out of <noscript> to the top of <head>. Keep only the image tag (<img src=\"https://bzr.openai.com/v1/sdk/events?…\">) inside <noscript> as a fallback.",
        ),
        Kind::Parked => (
            "The pixel code is in a script marked type=\"text/plain\" that nothing activates",
            "A script with type=\"text/plain\" is not run by the browser. Consent managers use this to hold a script back and switch it on after consent, but this one carries no consent manager's marker, so nothing ever switches it on.",
            "If the pixel should run at once, remove type=\"text/plain\" (or set it to text/javascript). If it should wait for consent, add your consent manager's marker, for example data-cookieconsent=\"marketing\" (Cookiebot), class=\"optanon-category-C0004\" (OneTrust) or data-usercentrics=\"…\" (Usercentrics).",
        ),
    };
    let mut f = finding(id_of(block.kind), status, title)
        .detail(detail)
        .evidence_at(
            block.label.clone(),
            block.excerpt.clone(),
            block.location.to_string(),
        )
        .remedy(remedy);
    if block
        .raw
        .contains(&format!("{}{}", sdk.sdk_host, sdk.sdk_path))
    {
        f = f.evidence("Holds", "OpenAI's snippet (it loads the SDK)");
    }
    if !events.is_empty() {
        f = f.evidence("Events it would send", events.join(", "));
    }
    f
}

/// Events that are never sent, and one finding per dead block.
pub fn report(
    blocks: &[Block],
    facts: &[ScriptFacts],
    live: &Live,
) -> (Vec<FoundEvent>, Vec<Finding>) {
    let mut events = Vec::new();
    let mut findings = Vec::new();
    for block in blocks {
        let whole = facts.get(block.whole);
        let fact = match whole {
            Some(f) if f.syntax_errors.is_empty() && f.partial.is_none() => whole,
            _ => facts.get(block.pieces),
        };
        let id = id_of(block.kind);
        let mut names = Vec::new();
        for call in fact.map(|f| f.calls.as_slice()).unwrap_or_default() {
            if call.callee != Callee::Oaiq {
                continue;
            }
            let command = call.args.first().and_then(Value::as_str).unwrap_or("");
            let args = match command {
                "measure" => call.args.get(1..),
                "measureSingle" => call.args.get(2..),
                _ => None,
            };
            let Some(args) = args else { continue };
            let name = args
                .first()
                .and_then(Value::as_str)
                .unwrap_or(DYNAMIC)
                .to_string();
            names.push(name.clone());
            events.push(FoundEvent {
                custom_event_name: args
                    .get(2)
                    .and_then(|o| o.get("custom_event_name"))
                    .and_then(Value::as_str)
                    .map(str::to_string),
                name,
                how: How::Static,
                via: command.to_string(),
                location: call.location.clone(),
                args: args.get(1..).map(<[Value]>::to_vec).unwrap_or_default(),
                problems: vec![id.to_string()],
                firing: Firing::Never,
                firing_reason: Some(never_reason(block.kind).to_string()),
            });
        }
        for url in image_urls(&block.raw) {
            let tag = read_image_tag(&url, false);
            let Some(name) = tag.event.as_str() else {
                continue;
            };
            names.push(name.to_string());
            events.push(FoundEvent {
                name: name.to_string(),
                custom_event_name: tag
                    .options
                    .get("custom_event_name")
                    .and_then(Value::as_str)
                    .map(str::to_string),
                how: How::Static,
                via: "image_tag".into(),
                location: block.location.clone(),
                args: vec![tag.data, tag.options],
                problems: vec![id.to_string()],
                firing: Firing::Never,
                firing_reason: Some(never_reason(block.kind).to_string()),
            });
        }
        let missing_live = names.iter().any(|n| !live.events.contains(n));
        let status = if !live.any || missing_live {
            Status::Fail
        } else {
            Status::Info
        };
        names.dedup();
        findings.push(block_finding(block, status, &names));
    }
    (events, findings)
}
