//! The cover, the executive summary, its key figures and the checklist table, all read from the
//! readiness model ([`preflight_readiness::assess`]): the PDF words them, it never counts.

use super::text::breakable;
use super::tone::{item_status, plural, state_tone, verdict_tone, Tone};
use crate::figures::readiness_figures;
use preflight_document::report::{AuditReport, RunStatus, Verdict};
use preflight_model::Status;
use preflight_readiness::{ChecklistItem, Readiness, ReadinessState};
use serde::Serialize;

/// The cover's answer.
#[derive(Serialize, Debug)]
pub(crate) struct Cover {
    /// The small capitals above the headline: what kind of answer this is.
    pub kicker: &'static str,
    /// The readiness model's label ("Ready", "Not ready", "Partial", "Nothing checked").
    pub label: String,
    /// The readiness model's headline, word for word.
    pub headline: String,
    /// What the headline rests on, from the same counts.
    pub detail: String,
    pub tone: Tone,
    /// "13", or "2 of 13 planned" for a partial audit.
    pub pages_checked: String,
    /// How the run ended, when it did not finish.
    pub run_status: Option<String>,
}

/// What the running header and footer of every page of a partial audit say, so no page taken
/// out of the document reads as a verdict.
#[derive(Serialize, Debug, PartialEq, Eq)]
pub(crate) struct PartialNote {
    /// "Partial audit: 2 of 13 pages checked. Not a readiness verdict."
    pub header: String,
    /// "Partial audit", before the page number.
    pub footer: &'static str,
}

pub(crate) fn partial_note(readiness: &Readiness) -> Option<PartialNote> {
    (readiness.state == ReadinessState::Partial).then(|| PartialNote {
        header: format!(
            "Partial audit: {}. Not a readiness verdict.",
            pages_checked(readiness)
        ),
        footer: "Partial audit, not a readiness verdict",
    })
}

fn pages_checked(readiness: &Readiness) -> String {
    let c = &readiness.counts;
    match readiness.planned_pages {
        Some(planned) if readiness.state == ReadinessState::Partial && planned >= c.pages => {
            format!("{} of {planned} pages checked", c.pages)
        }
        _ => format!("{} checked", plural(c.pages, "page", "pages")),
    }
}

pub(crate) fn cover(report: &AuditReport, readiness: &Readiness) -> Cover {
    let c = &readiness.counts;
    let partial = readiness.state == ReadinessState::Partial;
    let kicker = match readiness.state {
        ReadinessState::Partial => "PARTIAL AUDIT: NOT A READINESS VERDICT",
        ReadinessState::Empty => "NOTHING CHECKED",
        _ => "OVERALL READINESS",
    };
    let found = format!(
        "OAI-AdsBot can use {} of {}. The checks found {} (each root cause once) and {}.",
        c.reachable,
        plural(c.pages, "page", "pages"),
        plural(c.failing_findings, "blocking problem", "blocking problems"),
        plural(c.warnings, "warning", "warnings"),
    );
    let detail = match readiness.state {
        ReadinessState::Empty => {
            "This audit holds no results, so it says nothing about readiness.".to_string()
        }
        ReadinessState::Partial => format!(
            "{found} This holds for the pages checked only; it says nothing about the others."
        ),
        ReadinessState::Ready if c.warnings > 0 => {
            format!("{found} Nothing stops ads serving or being measured; the warnings are worth fixing.")
        }
        _ => found,
    };
    Cover {
        kicker,
        label: readiness.label.clone(),
        headline: readiness.headline.clone(),
        detail,
        tone: state_tone(readiness.state),
        pages_checked: match readiness.planned_pages {
            Some(planned) if partial && planned >= c.pages => {
                format!("{} of {planned} planned", c.pages)
            }
            _ => c.pages.to_string(),
        },
        run_status: run_status(report.status),
    }
}

fn run_status(status: RunStatus) -> Option<String> {
    match status {
        RunStatus::Complete => None,
        RunStatus::Cancelled => Some("Stopped before it finished".into()),
        RunStatus::Interrupted => Some("Interrupted before it finished".into()),
        RunStatus::Running => Some("Still running when this report was made".into()),
    }
}

/// One key figure under the executive summary, labelled with exactly what it counts.
#[derive(Serialize, Debug)]
pub(crate) struct Stat {
    pub value: u32,
    pub label: String,
    pub tone: Tone,
}

/// The readiness model's counts, with the labels the command line prints too.
pub(crate) fn stats(readiness: &Readiness) -> Vec<Stat> {
    let c = &readiness.counts;
    let zero_good = |n: u32, bad: Tone| if n == 0 { Tone::Good } else { bad };
    let tones = [
        Tone::Neutral,
        if c.reachable == c.pages {
            Tone::Good
        } else {
            Tone::Warn
        },
        zero_good(c.failing_pages, Tone::Bad),
        zero_good(c.failing_findings, Tone::Bad),
        zero_good(c.warnings, Tone::Warn),
    ];
    readiness_figures(readiness)
        .into_iter()
        .zip(tones)
        .map(|(figure, tone)| Stat {
            value: figure.value,
            label: figure.label,
            tone,
        })
        .collect()
}

/// The executive summary, one paragraph per point, in plain language.
pub(crate) fn executive_summary(report: &AuditReport, readiness: &Readiness) -> Vec<String> {
    let c = &readiness.counts;
    let mut paragraphs = vec![format!(
        "We loaded {} as OAI-AdsBot, the crawler OpenAI uses to review ad landing pages, and as an ordinary desktop browser, then compared what each was given.",
        plural(c.pages, "landing page", "landing pages")
    )];
    if readiness.state == ReadinessState::Partial {
        paragraphs.push(format!(
            "{} Everything below holds for the pages checked only. Run the audit again to check every page.",
            readiness.headline
        ));
    }
    if c.pages == 0 {
        return paragraphs;
    }

    let mut reach = format!(
        "OAI-AdsBot can use {} of {}.",
        c.reachable,
        plural(c.pages, "page", "pages")
    );
    let not_usable: Vec<String> = verdict_rows(readiness)
        .into_iter()
        .filter(|row| row.count > 0 && row.label != Verdict::Reachable.label())
        .map(|row| format!("{} {}", row.count, row.label.to_lowercase()))
        .collect();
    if !not_usable.is_empty() {
        reach.push_str(&format!(
            " The others are not usable for ads: {}.",
            not_usable.join(", ")
        ));
    }
    paragraphs.push(reach);

    paragraphs.push(if c.failing_findings == 0 && c.warnings == 0 {
        "No check found a problem that needs action.".to_string()
    } else {
        format!(
            "{} of {} {} blocking problems: {} in all, each root cause counted once (a firewall challenge and the error status it answers with are one problem). The checks also found {} worth fixing that do not stop ads.",
            c.failing_pages,
            plural(c.pages, "page", "pages"),
            if c.failing_pages == 1 { "has" } else { "have" },
            plural(c.failing_findings, "blocking problem", "blocking problems"),
            plural(c.warnings, "warning", "warnings"),
        )
    });

    if let Some((title, pages)) = most_common_failure(report) {
        paragraphs.push(format!(
            "The most common blocking problem is \u{201C}{}\u{201D}, on {}. Fixing it first helps the most pages.",
            breakable(&title),
            plural(pages, "page", "pages")
        ));
    }
    if c.reachable < c.pages {
        paragraphs.push(
            "Start with the pages OAI-AdsBot cannot use: until it can load them, no other fix matters for those ads. Each finding below says what to change and where."
                .to_string(),
        );
    }
    paragraphs
}

/// The failing finding (by id) that occurs on the most pages, with its title. The pages are
/// read under the counting rules, so a root cause is one finding here too.
fn most_common_failure(report: &AuditReport) -> Option<(String, u32)> {
    let mut tally: Vec<(&str, &str, u32)> = Vec::new();
    for page in &report.pages {
        let mut seen: Vec<&str> = Vec::new();
        for f in page.findings.iter().filter(|f| f.status == Status::Fail) {
            if seen.contains(&f.id.as_str()) {
                continue;
            }
            seen.push(&f.id);
            match tally.iter_mut().find(|(id, _, _)| *id == f.id) {
                Some(entry) => entry.2 += 1,
                None => tally.push((&f.id, &f.title, 1)),
            }
        }
    }
    // First-seen wins ties, so the result is stable.
    tally
        .into_iter()
        .rev()
        .max_by_key(|(_, _, n)| *n)
        .filter(|(_, _, n)| *n > 1)
        .map(|(_, title, n)| (title.to_string(), n))
}

/// One checklist item: its status, and how its pages stand.
#[derive(Serialize, Debug)]
pub(crate) struct ChecklistRow {
    pub title: String,
    pub status: String,
    pub tone: Tone,
    /// The readiness model's sentence for the item.
    pub summary: String,
    /// Pages checked for the item that pass it.
    pub ready: u32,
    /// Pages with only something worth fixing on it.
    pub attention: u32,
    /// Pages with a blocking problem on it.
    pub not_ready: u32,
    /// Pages this audit did not check for it.
    pub not_checked: u32,
}

pub(crate) fn checklist_rows(readiness: &Readiness) -> Vec<ChecklistRow> {
    readiness
        .checklist
        .items
        .iter()
        .map(|item| {
            let partial = readiness.state == ReadinessState::Partial;
            checklist_row(item, readiness.counts.pages, partial)
        })
        .collect()
}

fn checklist_row(item: &ChecklistItem, pages: u32, partial: bool) -> ChecklistRow {
    let (status, tone) = item_status(item.status, partial);
    let blocking = item.evidence.iter().filter(|e| e.blocking).count() as u32;
    let attention = item.evidence.len() as u32 - blocking;
    ChecklistRow {
        title: item.title.clone(),
        status,
        tone,
        summary: breakable(&item.summary),
        ready: item.passed,
        attention,
        not_ready: blocking,
        not_checked: pages.saturating_sub(item.checked),
    }
}

const VERDICT_ORDER: [Verdict; 9] = [
    Verdict::Reachable,
    Verdict::RobotsBlocked,
    Verdict::Blocked,
    Verdict::Challenged,
    Verdict::RateLimited,
    Verdict::Timeout,
    Verdict::Cloaked,
    Verdict::RedirectedAway,
    Verdict::Unreachable,
];

#[derive(Serialize, Debug)]
pub(crate) struct VerdictRow {
    pub label: &'static str,
    pub count: u32,
    pub tone: Tone,
}

/// Pages by verdict, from the readiness counts.
pub(crate) fn verdict_rows(readiness: &Readiness) -> Vec<VerdictRow> {
    VERDICT_ORDER
        .iter()
        .map(|v| VerdictRow {
            label: v.label(),
            count: readiness.counts.by_verdict.get(v).copied().unwrap_or(0),
            tone: verdict_tone(*v),
        })
        .collect()
}
