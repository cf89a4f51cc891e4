//! Lints a robots.txt file: lines crawlers skip or read differently from what the author meant,
//! each with its line number, what is wrong and what to do, in plain words.

use crate::directive::{classify_key, split_line, DirectiveKind};
use crate::lines::{limit_input, Lines};
use crate::robots_file::display_text;
use crate::rules_data::rules;
use crate::token::{is_valid_product_token, mentions_token};
use preflight_model::Status;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;

/// Most findings listed; the rest are counted.
pub const MAX_LINT_FINDINGS: usize = 200;

/// What a lint finding is about. Stable names, snake_case in JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum LintKind {
    /// A directive name spelled wrongly that some crawlers still accept (`Dissallow`).
    MisspelledDirective,
    /// A name no crawler knows: the line is ignored.
    UnknownDirective,
    /// A known directive with no colon after its name.
    MissingColon,
    /// `Allow`/`Disallow` before any `User-agent` line: it belongs to no group.
    RuleOutsideGroup,
    /// A `User-agent` value that is not a crawler name (a version, a browser string).
    UnmatchableAgent,
    /// The same crawler named in more than one group (their rules are merged).
    DuplicateGroup,
    /// The file ends with a group that has no rules.
    EmptyGroup,
    /// A rule whose path does not start with `/` or `*`.
    PatternWithoutSlash,
    /// `$` anywhere but at the end of a pattern.
    DollarInMiddle,
    /// A `Sitemap` value that is not a full http(s) address.
    SitemapNotAbsolute,
    /// `Crawl-delay`, which RFC 9309 does not define.
    CrawlDelay,
    /// A directive some search engines know and others ignore (`Host`, `Noindex`…).
    NonStandardDirective,
    /// A byte-order mark somewhere other than the very start of the file.
    StrayByteOrderMark,
    /// Bytes that are not UTF-8.
    NotUtf8,
    /// Content past the 500 KiB crawlers are required to read.
    BeyondSizeLimit,
}

impl LintKind {
    /// Every kind, in the order of the documentation's catalogue.
    pub const ALL: [LintKind; 15] = [
        LintKind::MisspelledDirective,
        LintKind::UnknownDirective,
        LintKind::MissingColon,
        LintKind::RuleOutsideGroup,
        LintKind::UnmatchableAgent,
        LintKind::DuplicateGroup,
        LintKind::EmptyGroup,
        LintKind::PatternWithoutSlash,
        LintKind::DollarInMiddle,
        LintKind::SitemapNotAbsolute,
        LintKind::CrawlDelay,
        LintKind::NonStandardDirective,
        LintKind::StrayByteOrderMark,
        LintKind::NotUtf8,
        LintKind::BeyondSizeLimit,
    ];
}

/// One problem or note on one line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct LintFinding {
    /// 1-based line number.
    pub line: u32,
    pub kind: LintKind,
    /// `warn` for a line that does not do what it seems to; `info` for a note.
    pub status: Status,
    /// The line as written (long lines cut).
    pub text: String,
    /// What is wrong, in plain words.
    pub problem: String,
    /// What to do.
    pub remedy: String,
}

/// Everything the lint found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct RobotsLint {
    /// In line order, at most [`MAX_LINT_FINDINGS`].
    pub findings: Vec<LintFinding>,
    /// Findings beyond the limit, counted but not listed.
    pub not_listed: u32,
}

/// Directive names crawlers know, as they should be written.
const CANONICAL: [&str; 5] = ["User-agent", "Allow", "Disallow", "Sitemap", "Crawl-delay"];

/// Directives outside RFC 9309 that some crawlers read: lower-case name, what it is.
const NON_STANDARD: [(&str, &str, &str); 7] = [
    (
        "noindex",
        "“Noindex” in robots.txt is obeyed by no major crawler (Google stopped in 2019): it neither hides nor blocks anything.",
        "Delete the line; to keep a page out of search results use a “noindex” robots meta tag or “X-Robots-Tag” header on the page.",
    ),
    (
        "nofollow",
        "“Nofollow” is not a robots.txt directive: crawlers ignore it.",
        "Delete the line; use a “nofollow” robots meta tag on the page instead.",
    ),
    (
        "host",
        "“Host” is read only by Yandex; other crawlers, OAI-AdsBot included, ignore it.",
        "Nothing to do for ads.",
    ),
    (
        "clean-param",
        "“Clean-param” is read only by Yandex; other crawlers, OAI-AdsBot included, ignore it.",
        "Nothing to do for ads.",
    ),
    (
        "content-signal",
        "“Content-signal” says how content may be used; it is not an access rule and does not block or allow OAI-AdsBot.",
        "Nothing to do for ads.",
    ),
    (
        "request-rate",
        "“Request-rate” is not part of RFC 9309; most crawlers, OAI-AdsBot included, may ignore it.",
        "Nothing to do for ads; to limit load, rate-limit at the server and exempt OAI-AdsBot.",
    ),
    (
        "visit-time",
        "“Visit-time” is not part of RFC 9309; most crawlers, OAI-AdsBot included, may ignore it.",
        "Nothing to do for ads.",
    ),
];

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Lints a robots.txt body. Never fails and reads at most the first 500 KiB (plus a note on
/// where the rest begins), so any bytes finish in linear time.
pub fn lint(bytes: &[u8]) -> RobotsLint {
    let mut out = Collector::default();
    let (kept, truncation) = limit_input(bytes, rules().max_parsed_bytes);
    let start = if kept.starts_with(BOM) { BOM.len() } else { 0 };
    let mut state = GroupState::default();
    let mut reported_utf8 = false;
    for (number, line) in Lines::new(&kept[start..]) {
        if !reported_utf8 && std::str::from_utf8(line).is_err() {
            reported_utf8 = true;
            out.push(number, LintKind::NotUtf8, Status::Warn, line,
                "This line holds bytes that are not UTF-8, the encoding RFC 9309 requires: characters such as é may not match the addresses they are meant to.".into(),
                "Save robots.txt as UTF-8.".into());
        }
        let mut line = line;
        if let Some(at) = find(line, BOM) {
            out.push(number, LintKind::StrayByteOrderMark, Status::Warn, line,
                "An invisible byte-order mark sits on this line, not at the very start of the file, so the line is read wrongly (often as an unknown directive).".into(),
                "Delete the invisible character (re-type the line), or save the file as UTF-8 without BOM.".into());
            if at == 0 {
                line = &line[BOM.len()..];
            }
        }
        lint_line(&mut out, &mut state, number, line);
    }
    state.finish(&mut out);
    if let Some(cut) = truncation {
        let first_ignored = first_line_after(bytes, cut.parsed_bytes as usize);
        out.push(
            first_ignored,
            LintKind::BeyondSizeLimit,
            Status::Warn,
            b"",
            format!(
                "robots.txt is {} bytes; crawlers may stop reading at 500 KiB (512,000 bytes), so line {first_ignored} and everything after it may be ignored.",
                cut.total_bytes
            ),
            "Shrink the file below 500 KiB, and put the OAI-AdsBot group near the top.".into(),
        );
    }
    out.done()
}

fn lint_line(out: &mut Collector, state: &mut GroupState, number: u32, line: &[u8]) {
    let Some(parts) = split_line(line) else {
        return;
    };
    let kind = classify_key(parts.key);
    let key = String::from_utf8_lossy(parts.key).to_ascii_lowercase();
    let value = String::from_utf8_lossy(parts.value);
    if kind == DirectiveKind::Unknown {
        unknown(out, number, line, &key, parts.key);
        return;
    }
    let canonical = canonical_name(kind);
    if !key.eq_ignore_ascii_case(canonical) {
        out.push(number, LintKind::MisspelledDirective, Status::Warn, line,
            format!("“{}” is a misspelling of “{canonical}”. Google and Preflight read it as “{canonical}”, but other crawlers may skip the line.", String::from_utf8_lossy(parts.key)),
            format!("Write “{canonical}:”."));
    } else if !parts.has_colon {
        out.push(
            number,
            LintKind::MissingColon,
            Status::Warn,
            line,
            format!("There is no colon after “{canonical}”. Google reads the line anyway, but other crawlers may skip it."),
            format!("Write “{canonical}: {value}”."),
        );
    }
    match kind {
        DirectiveKind::UserAgent => state.agent_line(out, number, line, &value),
        DirectiveKind::Allow | DirectiveKind::Disallow => {
            state.rule_line(out, number, line, canonical);
            pattern(out, number, line, canonical, &value);
        }
        DirectiveKind::Sitemap => {
            let absolute =
                url::Url::parse(&value).is_ok_and(|u| matches!(u.scheme(), "http" | "https"));
            if !absolute {
                out.push(number, LintKind::SitemapNotAbsolute, Status::Warn, line,
                    format!("“{value}” is not a full address, so crawlers cannot use this Sitemap line."),
                    "Give the full address, such as “Sitemap: https://example.com/sitemap.xml”.".into());
            }
        }
        DirectiveKind::Unknown => {}
    }
}

fn unknown(out: &mut Collector, number: u32, line: &[u8], key: &str, raw_key: &[u8]) {
    let written = String::from_utf8_lossy(raw_key);
    if key == "crawl-delay" {
        out.push(number, LintKind::CrawlDelay, Status::Info, line,
            "“Crawl-delay” is not part of RFC 9309: OAI-AdsBot may ignore it, as Google does. It does not block ad review.".into(),
            "No change needed for ads; do not rely on it to slow crawlers down.".into());
    } else if let Some((_, problem, remedy)) = NON_STANDARD.iter().find(|(name, ..)| *name == key) {
        out.push(
            number,
            LintKind::NonStandardDirective,
            Status::Info,
            line,
            (*problem).into(),
            (*remedy).into(),
        );
    } else if let Some(meant) = did_you_mean(key) {
        out.push(number, LintKind::UnknownDirective, Status::Warn, line,
            format!("“{written}” is not a robots.txt directive, so crawlers ignore this line. Did you mean “{meant}”?"),
            format!("Write “{meant}:”."));
    } else {
        out.push(number, LintKind::UnknownDirective, Status::Info, line,
            format!("“{written}” is not a robots.txt directive that OAI-AdsBot knows, so it ignores this line."),
            "Nothing to do for ads, unless the line was meant as a rule; then write it as “Allow:” or “Disallow:”.".into());
    }
}

fn pattern(out: &mut Collector, number: u32, line: &[u8], name: &str, value: &str) {
    if value.is_empty() {
        return;
    }
    let lower = value.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        let path = url::Url::parse(value)
            .map(|u| u.path().to_string())
            .unwrap_or_else(|_| "/".into());
        out.push(number, LintKind::PatternWithoutSlash, Status::Warn, line,
            "This rule holds a full address; rules are compared with the path only, so it matches nothing.".into(),
            format!("Write the path only, such as “{name}: {path}”."));
    } else if !value.starts_with('/') && !value.starts_with('*') {
        out.push(
            number,
            LintKind::PatternWithoutSlash,
            Status::Warn,
            line,
            format!("“{value}” does not start with “/”, so it matches no address."),
            format!("Start the path with “/”, such as “{name}: /{value}”."),
        );
    }
    if value.trim_end_matches('$').contains('$') {
        out.push(number, LintKind::DollarInMiddle, Status::Warn, line,
            "“$” means \"end of the address\" only as the last character; here it is compared as a plain “$”.".into(),
            "Move “$” to the end of the pattern, or delete it.".into());
    }
}

/// Groups as RFC 9309 reads them: a run of `User-agent` lines and the rules after it.
#[derive(Default)]
struct GroupState {
    /// Groups seen so far.
    groups: u32,
    /// In a run of `User-agent` lines (the next one joins the same group).
    in_agent_run: bool,
    /// Rules in the current group.
    rules: u32,
    /// First line of the current group.
    group_line: u32,
    group_text: String,
    /// Each crawler (lower case) → the group index and line that first named it.
    named: HashMap<String, (u32, u32)>,
}

impl GroupState {
    fn agent_line(&mut self, out: &mut Collector, number: u32, line: &[u8], value: &str) {
        if !self.in_agent_run {
            self.groups += 1;
            self.in_agent_run = true;
            self.rules = 0;
            self.group_line = number;
            self.group_text = display_text(line);
        }
        if value != "*" && !is_valid_product_token(value) {
            let fix = if mentions_token(value, crate::verdict::ads_bot_token()) {
                format!("User-agent: {}", crate::verdict::ads_bot_token())
            } else {
                let name: String = value
                    .chars()
                    .take_while(|c| c.is_ascii_alphabetic() || *c == '-' || *c == '_')
                    .collect();
                format!(
                    "User-agent: {}",
                    if name.is_empty() { "NAME" } else { &name }
                )
            };
            out.push(number, LintKind::UnmatchableAgent, Status::Warn, line,
                format!("“{value}” is not a crawler name (a name is letters, “-” and “_” only), so this line matches no crawler."),
                format!("Write just the name, one per line: “{fix}”."));
            return;
        }
        let key = value.to_ascii_lowercase();
        match self.named.get(&key) {
            Some(&(group, first)) if group != self.groups => {
                out.push(number, LintKind::DuplicateGroup, Status::Info, line,
                    format!("“{value}” already has a group at line {first}. Crawlers merge the rules of both groups (RFC 9309), so the rules here add to those."),
                    "Keep one group per crawler so the file reads as crawlers read it.".into());
            }
            Some(_) => {}
            None => {
                self.named.insert(key, (self.groups, number));
            }
        }
    }

    fn rule_line(&mut self, out: &mut Collector, number: u32, line: &[u8], name: &str) {
        self.in_agent_run = false;
        if self.groups == 0 {
            out.push(number, LintKind::RuleOutsideGroup, Status::Warn, line,
                format!("This “{name}” comes before any “User-agent” line, so it belongs to no group and every crawler ignores it."),
                "Put a “User-agent:” line above it, such as “User-agent: *” for every crawler.".into());
        } else {
            self.rules += 1;
        }
    }

    fn finish(&self, out: &mut Collector) {
        if self.groups > 0 && self.rules == 0 {
            out.push(self.group_line, LintKind::EmptyGroup, Status::Info, self.group_text.as_bytes(),
                "The last group has no rules, so the crawlers it names may fetch everything, and the “User-agent: *” rules do not apply to them.".into(),
                "If that is meant, write “Allow: /” under it to say so; otherwise add its rules.".into());
        }
    }
}

#[derive(Default)]
struct Collector {
    findings: Vec<LintFinding>,
    not_listed: u32,
}

impl Collector {
    fn push(
        &mut self,
        line: u32,
        kind: LintKind,
        status: Status,
        text: &[u8],
        problem: String,
        remedy: String,
    ) {
        if self.findings.len() >= MAX_LINT_FINDINGS {
            self.not_listed = self.not_listed.saturating_add(1);
            return;
        }
        self.findings.push(LintFinding {
            line,
            kind,
            status,
            text: display_text(text),
            problem,
            remedy,
        });
    }

    fn done(mut self) -> RobotsLint {
        // Stable: findings of one line keep the order they were found in.
        self.findings.sort_by_key(|f| f.line);
        RobotsLint {
            findings: self.findings,
            not_listed: self.not_listed,
        }
    }
}

fn canonical_name(kind: DirectiveKind) -> &'static str {
    match kind {
        DirectiveKind::UserAgent => "User-agent",
        DirectiveKind::Allow => "Allow",
        DirectiveKind::Disallow => "Disallow",
        DirectiveKind::Sitemap => "Sitemap",
        DirectiveKind::Unknown => "",
    }
}

/// The directive a misspelt name was probably meant to be: at most two edits away (one for
/// short names), ignoring case.
fn did_you_mean(key: &str) -> Option<&'static str> {
    if key.len() > 24 {
        return None;
    }
    CANONICAL
        .iter()
        .map(|name| (*name, edit_distance(key, &name.to_ascii_lowercase())))
        .filter(|(name, d)| *d <= if name.len() <= 5 { 1 } else { 2 })
        .min_by_key(|(_, d)| *d)
        .map(|(name, _)| name)
}

/// Optimal string alignment distance (Levenshtein plus swapped neighbours) over bytes.
fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for j in 0..=b.len() {
        rows[0][j] = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = best;
        }
    }
    rows[a.len()][b.len()]
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The number of the first line that starts at or after byte `offset`.
fn first_line_after(bytes: &[u8], offset: usize) -> u32 {
    let base = bytes.as_ptr() as usize;
    let mut last = 1;
    for (number, line) in Lines::new(bytes) {
        last = number;
        let start = line.as_ptr() as usize - base;
        if start + line.len() > offset || (start >= offset && start > 0) {
            return number;
        }
    }
    last
}

#[cfg(test)]
#[path = "lint_tests.rs"]
mod tests;
