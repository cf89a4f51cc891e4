//! The findings table: every finding that asks for something, as the counts see them (the
//! report's pages under the counting rules), then the funnel's own findings for the whole audit.
//!
//! A finding found on several pages (the same id, title, status and severity) is one entry
//! naming its pages, so "not served over HTTPS" on 13 pages reads once, "On 13 pages of …".
//! Each of those pages still counts once in the readiness model's figures: an entry on N pages
//! stands for N findings, so the entries' pages add up to the figures above the table.

use super::text::{breakable, short_url, shortened, web_link};
use super::tone::{plural, severity_label, status_label, status_tone, Tone};
use preflight_document::report::AuditReport;
use preflight_model::{Finding, Severity, Status};
use serde::Serialize;
use std::collections::HashMap;

/// Longest evidence value printed in the PDF; the JSON and CSV exports keep it whole.
const EVIDENCE_CHARS: usize = 200;

/// Longest page address printed in table columns; the appendix prints it whole.
pub(crate) const TABLE_URL_CHARS: usize = 100;

/// Longest address (or path, after the site it is on) in an entry's list of pages.
const LISTED_URL_CHARS: usize = 45;

/// Entries on more pages than this list the first [`LISTED_WHEN_LONG`] and say how many more.
pub(crate) const MAX_LISTED_PAGES: usize = 40;
const LISTED_WHEN_LONG: usize = 30;

/// What the page column says for a finding about the whole audit's funnel.
pub(crate) const FUNNEL_PAGE: &str = "Whole audit (conversion funnel)";

#[derive(Serialize, Debug)]
pub(crate) struct FindingRow {
    /// Where: "On <address>", "On 13 pages of <site>:" or [`FUNNEL_PAGE`].
    pub place: String,
    /// The link of a single page.
    pub place_href: Option<String>,
    /// The pages of an entry found on several pages, compactly.
    pub pages: Vec<PageLink>,
    /// "and 12 more (every page is in the technical appendix)" when the list is cut.
    pub more: Option<String>,
    /// How many pages the entry stands for (1 for a single page or the funnel).
    pub page_count: usize,
    pub severity: &'static str,
    pub status: &'static str,
    pub tone: Tone,
    pub title: String,
    pub detail: String,
    pub evidence: Vec<EvidenceRow>,
    /// Says whose evidence is shown when the pages' evidence differs.
    pub evidence_note: Option<String>,
    pub remedy: String,
}

#[derive(Serialize, Debug)]
pub(crate) struct PageLink {
    pub text: String,
    pub href: Option<String>,
}

#[derive(Serialize, Debug)]
pub(crate) struct EvidenceRow {
    pub label: String,
    pub value: String,
    pub location: Option<String>,
}

/// One entry before it is worded: a finding and every page it was found on.
struct Entry<'a> {
    finding: &'a Finding,
    first_page: usize,
    first_index: usize,
    urls: Vec<&'a str>,
    findings: Vec<&'a Finding>,
    funnel: bool,
}

/// Findings that say something (everything but passes and not-applicable), one entry per
/// finding and the pages it is on, most urgent first, then in order of the first page, the
/// funnel's last among equals. `report` is read under the counting rules.
pub(crate) fn finding_rows(report: &AuditReport) -> Vec<FindingRow> {
    let mut entries: Vec<Entry> = Vec::new();
    // (id, title, status, severity, occurrence on its page) -> entry. A finding that occurs
    // twice on one page goes to a second entry, so an entry names each page once and its
    // pages are exactly the findings it stands for.
    let mut index: HashMap<(&str, &str, Status, Severity, usize), usize> = HashMap::new();
    for (page_index, page) in report.pages.iter().enumerate() {
        let mut seen: HashMap<(&str, &str, Status, Severity), usize> = HashMap::new();
        for (i, finding) in page.findings.iter().enumerate() {
            if !says_something(finding) {
                continue;
            }
            let key = (
                finding.id.as_str(),
                finding.title.as_str(),
                finding.status,
                finding.severity,
            );
            let occurrence = seen.entry(key).or_insert(0);
            let full = (key.0, key.1, key.2, key.3, *occurrence);
            *occurrence += 1;
            let at = *index.entry(full).or_insert_with(|| {
                entries.push(Entry {
                    finding,
                    first_page: page_index,
                    first_index: i,
                    urls: Vec::new(),
                    findings: Vec::new(),
                    funnel: false,
                });
                entries.len() - 1
            });
            entries[at].urls.push(&page.url);
            entries[at].findings.push(finding);
        }
    }
    let funnel = report.funnel.iter().flat_map(|f| &f.findings);
    for (i, finding) in funnel.enumerate().filter(|(_, f)| says_something(f)) {
        entries.push(Entry {
            finding,
            first_page: report.pages.len(),
            first_index: i,
            urls: Vec::new(),
            findings: vec![finding],
            funnel: true,
        });
    }
    entries.sort_by(|a, b| {
        b.finding
            .severity
            .cmp(&a.finding.severity)
            .then(a.first_page.cmp(&b.first_page))
            .then(a.first_index.cmp(&b.first_index))
    });
    entries.iter().map(finding_row).collect()
}

fn says_something(finding: &Finding) -> bool {
    !matches!(finding.status, Status::Pass | Status::NotApplicable)
}

fn finding_row(entry: &Entry) -> FindingRow {
    let f = entry.finding;
    let (place, place_href, pages, more) = place(entry);
    let same_evidence = entry.findings.iter().all(|o| o.evidence == f.evidence);
    let evidence_note = (!same_evidence && !f.evidence.is_empty()).then(|| {
        format!(
            "On {}; each page's evidence is in the CSV and JSON exports.",
            short_url(entry.urls[0], LISTED_URL_CHARS)
        )
    });
    let same_detail = entry.findings.iter().all(|o| o.detail == f.detail);
    FindingRow {
        place,
        place_href,
        pages,
        more,
        page_count: entry.findings.len(),
        severity: severity_label(f.severity),
        status: status_label(f.status),
        tone: status_tone(f.status),
        title: breakable(&f.title),
        detail: if same_detail {
            breakable(&f.detail)
        } else {
            format!("{} (on the first page listed)", breakable(&f.detail))
        },
        evidence: f
            .evidence
            .iter()
            .map(|e| EvidenceRow {
                label: breakable(&e.label),
                value: shortened(&e.value, EVIDENCE_CHARS),
                location: e.location.as_deref().map(|l| short_url(l, TABLE_URL_CHARS)),
            })
            .collect(),
        evidence_note,
        remedy: breakable(&f.remedy),
    }
}

type Place = (String, Option<String>, Vec<PageLink>, Option<String>);

/// Where an entry was found, worded: one page in full, several pages after the site they share.
fn place(entry: &Entry) -> Place {
    if entry.funnel {
        return (FUNNEL_PAGE.to_string(), None, Vec::new(), None);
    }
    if let [url] = entry.urls[..] {
        return (
            format!("On {}", short_url(url, TABLE_URL_CHARS)),
            web_link(url),
            Vec::new(),
            None,
        );
    }
    let count = plural(entry.urls.len() as u32, "page", "pages");
    let site = common_site(&entry.urls);
    let place = match site {
        Some(site) => format!("On {count} of {}:", short_url(site, LISTED_URL_CHARS)),
        None => format!("On {count}:"),
    };
    let shown = if entry.urls.len() > MAX_LISTED_PAGES {
        LISTED_WHEN_LONG
    } else {
        entry.urls.len()
    };
    let pages = entry.urls[..shown]
        .iter()
        .map(|url| {
            let rest = site.map_or(*url, |s| &url[s.len()..]);
            PageLink {
                text: short_url(if rest.is_empty() { "/" } else { rest }, LISTED_URL_CHARS),
                href: web_link(url),
            }
        })
        .collect();
    let more = (shown < entry.urls.len()).then(|| {
        format!(
            "and {} more (every page is in the technical appendix)",
            entry.urls.len() - shown
        )
    });
    (place, None, pages, more)
}

/// The scheme and host every address shares (`http://www.example.com`), if they share one.
fn common_site<'a>(urls: &[&'a str]) -> Option<&'a str> {
    let site = |url: &'a str| -> Option<&'a str> {
        let after_scheme = url.find("://")? + 3;
        let end = url[after_scheme..]
            .find(['/', '?', '#'])
            .map_or(url.len(), |i| after_scheme + i);
        Some(&url[..end])
    };
    let first = site(urls.first()?)?;
    urls.iter()
        .all(|url| site(url).is_some_and(|s| s.eq_ignore_ascii_case(first)))
        .then_some(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_listed_after_the_site_they_share() {
        let urls = [
            "http://a.example/",
            "http://a.example/x?y=1",
            "http://a.example",
        ];
        assert_eq!(common_site(&urls), Some("http://a.example"));
        assert_eq!(
            common_site(&["http://a.example/", "https://a.example/"]),
            None
        );
        assert_eq!(common_site(&["not an address", "x"]), None);
    }
}
