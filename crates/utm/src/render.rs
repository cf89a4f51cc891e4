//! Plain-text rendering of a UTM report for the command line.

use std::fmt::Write;

use preflight_model::{Finding, Status};

use crate::report::UtmReport;

/// A readable report: one block per URL (worst findings first), then the campaign-set
/// findings and a summary line.
pub fn render_text(report: &UtmReport) -> String {
    let mut out = String::new();
    for (i, u) in report.urls.iter().enumerate() {
        let repeat = if u.occurrences > 1 {
            format!(" (x{})", u.occurrences)
        } else {
            String::new()
        };
        let _ = writeln!(out, "[{}] {}{repeat}", i + 1, u.url);
        if let Some(ga4) = &u.ga4 {
            let inferred = if ga4.preview.inferred {
                ", inferred"
            } else {
                ""
            };
            let _ = writeln!(
                out,
                "    GA4 channel: {} ({} / {}; rule {}{inferred})",
                ga4.preview.channel, ga4.inputs.source, ga4.inputs.medium, ga4.preview.rule_id
            );
        }
        for c in u.click_urls.iter().flatten() {
            let _ = writeln!(out, "    Click URL ({}): {}", c.level.label(), c.url);
        }
        write_findings(&mut out, &u.findings, "    ");
        if let Some(fixed) = &u.corrected_url {
            let _ = writeln!(out, "    Corrected URL: {fixed}");
        }
        out.push('\n');
    }
    if !report.set_findings.is_empty() {
        out.push_str("Across all URLs\n");
        write_findings(&mut out, &report.set_findings, "    ");
        out.push('\n');
    }
    let s = &report.summary;
    let _ = writeln!(
        out,
        "{} URLs: {} failing, {} with warnings, {} clean; {} campaign-set warnings.",
        s.urls,
        s.urls_failing,
        s.urls_with_warnings,
        s.urls_clean,
        s.set_findings_failing_or_warning
    );
    out
}

fn write_findings(out: &mut String, findings: &[Finding], indent: &str) {
    let mut sorted: Vec<&Finding> = findings.iter().collect();
    sorted.sort_by_key(|f| f.status.rank());
    for f in sorted {
        let _ = writeln!(out, "{indent}{:<4} {} [{}]", f.status.tag(), f.title, f.id);
        for e in &f.evidence {
            let value = e.value.replace('\n', &format!("\n{indent}        "));
            let _ = writeln!(out, "{indent}      {}: {value}", e.label);
        }
        if !f.remedy.is_empty() && f.status != Status::Pass {
            let _ = writeln!(out, "{indent}      Fix: {}", f.remedy);
        }
    }
}
