//! The signature table: vendor knowledge as data (`data/signatures.toml`), parsed and checked
//! once, with every pattern compiled up front.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::{Regex, RegexBuilder};

use crate::matching::BodySet;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use thiserror::Error;
use ts_rs::TS;

/// The table shipped with the crate: the main file (origin, generic signs, the vendors seen
/// most often) followed by the further vendor files, which only add `[[vendors]]` entries.
pub(crate) const BUILTIN_TOML: &str = concat!(
    include_str!("../data/signatures.toml"),
    "\n",
    include_str!("../data/vendors-waf.toml"),
    "\n",
    include_str!("../data/vendors-edge.toml"),
);

/// The files that make up the built-in table, in order, relative to the crate.
pub const DATA_FILES: [&str; 3] = [
    "data/signatures.toml",
    "data/vendors-waf.toml",
    "data/vendors-edge.toml",
];

/// Id of the pseudo-vendor that stands for "a rule on the site's own web server".
pub const ORIGIN_ID: &str = "origin";

/// Compiled patterns may not grow past this; table patterns are short literals.
pub(crate) const REGEX_SIZE_LIMIT: usize = 1 << 20;

/// What a signal says about a response when it matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum SignalKind {
    /// The vendor sits in front of the site; says nothing about blocking.
    Presence,
    /// The request was refused.
    Block,
    /// The request got a CAPTCHA, JavaScript or device check instead of the page.
    Challenge,
    /// The request was refused for coming too often.
    RateLimit,
    /// The site asks the crawler to pay for the page (HTTP 402, Cloudflare pay per crawl) or
    /// its per-crawler AI access control refused it.
    PayPerCrawl,
}

/// What kind of product a vendor is, for grouping in docs and the UI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum VendorCategory {
    /// A CDN with a firewall or bot management built in.
    Cdn,
    /// A firewall appliance or cloud WAF.
    Waf,
    /// A dedicated bot-management service.
    BotManager,
    /// A hosting platform with its own firewall.
    Hosting,
    /// A plugin inside the site's CMS.
    Plugin,
    /// The site's own web server.
    Origin,
}

/// One fingerprint. A signal has at most one matcher (`header`, `cookie` or `body`); one with
/// none is a bare status check that only counts once the vendor is identified otherwise.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
pub struct SignalSpec {
    pub kind: SignalKind,
    /// Header name, lowercase. Matches when present, or when `value` matches one of its values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub header: Option<String>,
    /// Regex over the header's value (trimmed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub value: Option<String>,
    /// Regex over a cookie name set by the response; anchor it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub cookie: Option<String>,
    /// Regex over the decoded body prefix.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub body: Option<String>,
    /// Statuses the signal applies to; empty means any.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub status: Vec<u16>,
    /// Only match bodies up to this many bytes: block pages are small, articles quoting them
    /// are not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub max_body_bytes: Option<u32>,
    /// Count this signal only when other signals already identify the vendor (the marker is
    /// too generic to identify it alone).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub requires_presence: bool,
    /// How specific the signal is, in (0, 1]: adds to the vendor's identification score and,
    /// for block/challenge/rate-limit signals, is the confidence in that verdict.
    pub weight: f32,
    /// Plain words for docs ("Cloudflare challenge header").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub note: Option<String>,
    /// A step that fixes exactly this answer (a product setting), shown before the vendor's
    /// general allowlisting steps when this signal decides the verdict.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub remedy: Option<String>,
}

/// A vendor (or the origin pseudo-vendor) with its fingerprints and allowlisting steps.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
pub struct Vendor {
    /// Lowercase id, stable: `cloudflare`, `aws`, `google-cloud-armor`…
    pub id: String,
    pub name: String,
    pub category: VendorCategory,
    /// How its blocks and challenges look, in plain words, for docs.
    #[serde(default)]
    pub looks_like: String,
    /// Steps to let OAI-AdsBot through, in order, plain language.
    pub allowlist: Vec<String>,
    /// Where the steps come from: the vendor's documentation, or a general pattern.
    #[serde(default)]
    pub remedy_source: String,
    #[serde(default)]
    pub signals: Vec<SignalSpec>,
}

/// Vendor-independent signals (plain 429, Retry-After, generic CAPTCHA titles).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct GenericSpec {
    signals: Vec<SignalSpec>,
}

/// Short "access denied" pages served with a success status. They count only when a browser
/// got a real page from the same URL (see `classify_compared`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct DenialSpec {
    /// Largest bot body that can be such a page.
    max_body_bytes: u32,
    /// The browser's body must be at least this many times larger.
    min_size_ratio: u32,
    weight: f32,
    patterns: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TableSpec {
    version: u32,
    origin: Vendor,
    generic: GenericSpec,
    #[serde(default)]
    denial: Option<DenialSpec>,
    #[serde(default)]
    vendors: Vec<Vendor>,
}

/// The compiled "access denied" page rule.
#[derive(Debug)]
pub(crate) struct Denial {
    pub max_body_bytes: usize,
    pub min_size_ratio: usize,
    pub weight: f32,
    pub patterns: Vec<Regex>,
}

/// Why a signature table was rejected.
#[derive(Debug, Error)]
pub enum TableError {
    #[error("signature table is not valid TOML: {0}")]
    Toml(#[from] toml::de::Error),
    #[error("unsupported signature table version {0}")]
    Version(u32),
    #[error("vendor id {0:?} must be lowercase letters, digits and dashes")]
    BadId(String),
    #[error("vendor id {0:?} appears twice")]
    DuplicateId(String),
    #[error("vendor {0:?} has no allowlisting steps")]
    NoAllowlist(String),
    #[error("{owner}: signal {index}: {problem}")]
    BadSignal {
        owner: String,
        index: usize,
        problem: String,
    },
    #[error("{owner}: signal {index}: pattern {pattern:?} does not compile: {source}")]
    Regex {
        owner: String,
        index: usize,
        pattern: String,
        source: Box<regex::Error>,
    },
}

/// How a compiled signal tests a response.
#[derive(Debug)]
pub(crate) enum Matcher {
    Header {
        name: String,
        value: Option<Regex>,
    },
    Cookie(Regex),
    /// `slot` is the pattern's place in the table's [`SignatureTable::body_set`].
    Body {
        re: Regex,
        slot: usize,
    },
    /// Status only.
    Status,
}

#[derive(Debug)]
pub(crate) struct CompiledSignal {
    pub kind: SignalKind,
    pub matcher: Matcher,
    pub status: Vec<u16>,
    pub max_body_bytes: Option<usize>,
    pub requires_presence: bool,
    pub weight: f32,
    pub remedy: Option<String>,
}

/// The compiled signals of one vendor, of the origin rule or of the generic set.
#[derive(Debug)]
pub(crate) struct CompiledSet {
    pub signals: Vec<CompiledSignal>,
}

/// A parsed, checked and compiled signature table.
#[derive(Debug)]
pub struct SignatureTable {
    vendors: Vec<Vendor>,
    origin: Vendor,
    generic: Vec<SignalSpec>,
    pub(crate) compiled_vendors: Vec<CompiledSet>,
    pub(crate) compiled_origin: CompiledSet,
    pub(crate) compiled_generic: CompiledSet,
    pub(crate) denial: Option<Denial>,
    /// Every body pattern of the table at once, so a body is scanned a single time to learn
    /// which patterns can match at all; `None` if the set would be too large to compile.
    pub(crate) body_set: Option<BodySet>,
}

static BUILTIN: LazyLock<SignatureTable> = LazyLock::new(|| {
    // The embedded table is checked by the crate's tests; failing here is a build defect.
    SignatureTable::parse(BUILTIN_TOML).expect("embedded signature table is valid")
});

impl SignatureTable {
    /// The table embedded in the crate, parsed on first use.
    pub fn builtin() -> &'static SignatureTable {
        &BUILTIN
    }

    /// Parses and checks a table in the `data/signatures.toml` format.
    pub fn parse(text: &str) -> Result<SignatureTable, TableError> {
        let spec: TableSpec = toml::from_str(text)?;
        if spec.version != 1 {
            return Err(TableError::Version(spec.version));
        }
        let mut seen = HashSet::new();
        for vendor in spec.vendors.iter().chain(std::iter::once(&spec.origin)) {
            check_vendor(vendor)?;
            if !seen.insert(vendor.id.clone()) {
                return Err(TableError::DuplicateId(vendor.id.clone()));
            }
        }
        if spec.origin.id != ORIGIN_ID {
            return Err(TableError::BadId(spec.origin.id.clone()));
        }
        let mut body_patterns = Vec::new();
        let compiled_vendors = spec
            .vendors
            .iter()
            .map(|v| compile_set(&v.id, &v.signals, false, &mut body_patterns))
            .collect::<Result<_, _>>()?;
        let compiled_origin =
            compile_set(ORIGIN_ID, &spec.origin.signals, true, &mut body_patterns)?;
        let compiled_generic =
            compile_set("generic", &spec.generic.signals, true, &mut body_patterns)?;
        let denial = spec.denial.map(compile_denial).transpose()?;
        let body_set = BodySet::new(&body_patterns);
        Ok(SignatureTable {
            vendors: spec.vendors,
            origin: spec.origin,
            generic: spec.generic.signals,
            compiled_vendors,
            compiled_origin,
            compiled_generic,
            denial,
            body_set,
        })
    }

    /// A vendor's name as the vendor writes it ("Cloudflare", "AWS WAF / Amazon CloudFront"),
    /// from its id; the one place a vendor's display name comes from.
    pub fn vendor_name(&self, id: &str) -> Option<&str> {
        self.vendor(id).map(|v| v.name.as_str())
    }

    /// Every vendor, in table order (the origin pseudo-vendor is not among them).
    pub fn vendors(&self) -> &[Vendor] {
        &self.vendors
    }

    /// The origin pseudo-vendor: default server error pages and how to fix server rules.
    pub fn origin(&self) -> &Vendor {
        &self.origin
    }

    /// Vendor-independent signals.
    pub fn generic_signals(&self) -> &[SignalSpec] {
        &self.generic
    }

    /// A vendor by id; `origin` gives the origin pseudo-vendor.
    pub fn vendor(&self, id: &str) -> Option<&Vendor> {
        if id == ORIGIN_ID {
            return Some(&self.origin);
        }
        self.vendors.iter().find(|v| v.id == id)
    }
}

fn check_vendor(vendor: &Vendor) -> Result<(), TableError> {
    let id_ok = !vendor.id.is_empty()
        && vendor
            .id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !id_ok {
        return Err(TableError::BadId(vendor.id.clone()));
    }
    if vendor.allowlist.iter().all(|step| step.trim().is_empty()) {
        return Err(TableError::NoAllowlist(vendor.id.clone()));
    }
    Ok(())
}

/// `standalone` sets (origin, generic) have no vendor to be identified, so bare status
/// checks and `requires_presence` mean nothing there and are rejected or ignored.
/// Body patterns are also appended to `body_patterns`, which gives each its slot.
fn compile_set(
    owner: &str,
    signals: &[SignalSpec],
    standalone: bool,
    body_patterns: &mut Vec<String>,
) -> Result<CompiledSet, TableError> {
    let signals = signals
        .iter()
        .enumerate()
        .map(|(index, spec)| compile_signal(owner, index, spec, standalone, body_patterns))
        .collect::<Result<_, _>>()?;
    Ok(CompiledSet { signals })
}

fn compile_signal(
    owner: &str,
    index: usize,
    spec: &SignalSpec,
    standalone: bool,
    body_patterns: &mut Vec<String>,
) -> Result<CompiledSignal, TableError> {
    let bad = |problem: &str| TableError::BadSignal {
        owner: owner.to_string(),
        index,
        problem: problem.to_string(),
    };
    if !(spec.weight > 0.0 && spec.weight <= 1.0) {
        return Err(bad("weight must be in (0, 1]"));
    }
    let matchers = [&spec.header, &spec.cookie, &spec.body]
        .iter()
        .filter(|m| m.is_some())
        .count();
    if matchers > 1 {
        return Err(bad("give only one of header, cookie, body"));
    }
    if spec.value.is_some() && spec.header.is_none() {
        return Err(bad("value needs a header"));
    }
    if standalone && spec.kind == SignalKind::Presence {
        return Err(bad("presence signals belong to a vendor"));
    }
    let compile = |pattern: &str| {
        RegexBuilder::new(pattern)
            .size_limit(REGEX_SIZE_LIMIT)
            .build()
            .map_err(|source| TableError::Regex {
                owner: owner.to_string(),
                index,
                pattern: pattern.to_string(),
                source: Box::new(source),
            })
    };
    let matcher = if let Some(name) = &spec.header {
        if name.is_empty() || name.chars().any(|c| c.is_ascii_uppercase()) {
            return Err(bad("header names are written in lowercase"));
        }
        Matcher::Header {
            name: name.clone(),
            value: spec.value.as_deref().map(compile).transpose()?,
        }
    } else if let Some(pattern) = &spec.cookie {
        Matcher::Cookie(compile(pattern)?)
    } else if let Some(pattern) = &spec.body {
        let re = compile(pattern)?;
        body_patterns.push(pattern.clone());
        Matcher::Body {
            re,
            slot: body_patterns.len() - 1,
        }
    } else {
        if spec.kind == SignalKind::Presence {
            return Err(bad("a presence signal needs a header, cookie or body"));
        }
        if spec.status.is_empty() {
            return Err(bad("a signal without a matcher needs a status list"));
        }
        Matcher::Status
    };
    Ok(CompiledSignal {
        kind: spec.kind,
        matcher,
        status: spec.status.clone(),
        max_body_bytes: spec.max_body_bytes.map(|n| n as usize),
        // A bare status check can never identify a vendor on its own.
        requires_presence: !standalone && (spec.requires_presence || matchers == 0),
        weight: spec.weight,
        remedy: spec.remedy.clone(),
    })
}

fn compile_denial(spec: DenialSpec) -> Result<Denial, TableError> {
    let bad = |problem: String| TableError::BadSignal {
        owner: "denial".to_string(),
        index: 0,
        problem,
    };
    if !(spec.weight > 0.0 && spec.weight <= 1.0) {
        return Err(bad("weight must be in (0, 1]".into()));
    }
    if spec.min_size_ratio < 2 || spec.patterns.is_empty() {
        return Err(bad("needs patterns and a size ratio of at least 2".into()));
    }
    let patterns = spec
        .patterns
        .iter()
        .enumerate()
        .map(|(index, p)| {
            RegexBuilder::new(p)
                .size_limit(REGEX_SIZE_LIMIT)
                .build()
                .map_err(|source| TableError::Regex {
                    owner: "denial".to_string(),
                    index,
                    pattern: p.clone(),
                    source: Box::new(source),
                })
        })
        .collect::<Result<_, _>>()?;
    Ok(Denial {
        max_body_bytes: spec.max_body_bytes as usize,
        min_size_ratio: spec.min_size_ratio as usize,
        weight: spec.weight,
        patterns,
    })
}

/// Every vendor in the built-in table, for docs and the UI.
pub fn vendors() -> &'static [Vendor] {
    SignatureTable::builtin().vendors()
}

/// Allowlisting steps for OAI-AdsBot for a vendor id (or `origin`), in order.
pub fn allowlist_steps(vendor_id: &str) -> Option<&'static [String]> {
    SignatureTable::builtin()
        .vendor(vendor_id)
        .map(|v| v.allowlist.as_slice())
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"
version = 1
[origin]
id = "origin"
name = "Origin"
category = "origin"
allowlist = ["Fix the rule."]
[generic]
signals = []
"#;

    fn with_vendor(vendor: &str) -> String {
        format!("{MINIMAL}\n[[vendors]]\n{vendor}")
    }

    #[test]
    fn minimal_table_parses() {
        let table = SignatureTable::parse(MINIMAL).unwrap();
        assert!(table.vendors().is_empty());
        assert_eq!(table.origin().id, ORIGIN_ID);
    }

    #[test]
    fn rejects_uppercase_ids() {
        let text = with_vendor(
            r#"id = "CloudFlare"
name = "x"
category = "cdn"
allowlist = ["a"]"#,
        );
        assert!(matches!(
            SignatureTable::parse(&text),
            Err(TableError::BadId(_))
        ));
    }

    #[test]
    fn rejects_duplicate_ids() {
        let one = r#"id = "x"
name = "x"
category = "cdn"
allowlist = ["a"]"#;
        let text = format!("{}\n[[vendors]]\n{one}", with_vendor(one));
        assert!(matches!(
            SignatureTable::parse(&text),
            Err(TableError::DuplicateId(_))
        ));
    }

    #[test]
    fn rejects_missing_allowlist() {
        let text = with_vendor(
            r#"id = "x"
name = "x"
category = "cdn"
allowlist = [" "]"#,
        );
        assert!(matches!(
            SignatureTable::parse(&text),
            Err(TableError::NoAllowlist(_))
        ));
    }

    #[test]
    fn rejects_bad_regex_and_names_it() {
        let text = with_vendor(
            r#"id = "x"
name = "x"
category = "cdn"
allowlist = ["a"]
[[vendors.signals]]
kind = "presence"
body = "(unclosed"
weight = 0.5"#,
        );
        let err = SignatureTable::parse(&text).unwrap_err();
        assert!(err.to_string().contains("(unclosed"), "{err}");
    }

    #[test]
    fn rejects_two_matchers_bad_weight_and_bare_presence() {
        for signal in [
            r#"kind = "presence"
header = "a"
body = "b"
weight = 0.5"#,
            r#"kind = "block"
body = "b"
weight = 1.5"#,
            r#"kind = "presence"
status = [403]
weight = 0.5"#,
            r#"kind = "block"
weight = 0.5"#,
            r#"kind = "presence"
header = "X-Upper"
weight = 0.5"#,
        ] {
            let text = with_vendor(&format!(
                "id = \"x\"\nname = \"x\"\ncategory = \"cdn\"\nallowlist = [\"a\"]\n[[vendors.signals]]\n{signal}"
            ));
            assert!(
                matches!(
                    SignatureTable::parse(&text),
                    Err(TableError::BadSignal { .. })
                ),
                "accepted: {signal}"
            );
        }
    }

    #[test]
    fn rejects_unknown_fields() {
        let text = with_vendor(
            r#"id = "x"
name = "x"
category = "cdn"
allowlist = ["a"]
[[vendors.signals]]
kind = "presence"
heder = "typo"
weight = 0.5"#,
        );
        assert!(matches!(
            SignatureTable::parse(&text),
            Err(TableError::Toml(_))
        ));
    }
}
