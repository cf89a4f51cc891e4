//! An audit as JUnit XML, for CI systems that show test results: one test case per page, failed
//! when the page has a blocking problem under the counting rules (the same rule as the counts,
//! the PDF and the app), with each blocking finding named in the failure; warnings are listed
//! in the case's output, not as failures.

use crate::read::normalised;
use preflight_document::report::AuditReport;
use preflight_model::xml::xml_escape as escape;
use preflight_model::Status;
use std::fmt::Write;

/// The audit as a JUnit XML document (one `<testsuite>` in `<testsuites>`).
pub fn junit_xml(report: &AuditReport) -> String {
    let report = normalised(report);
    let mut cases = String::new();
    let mut failures = 0;
    for page in &report.pages {
        let findings = preflight_readiness::rules::findings(page);
        let blocking: Vec<_> = findings
            .iter()
            .filter(|f| f.status == Status::Fail)
            .collect();
        let warnings: Vec<_> = findings
            .iter()
            .filter(|f| f.status == Status::Warn)
            .collect();
        let _ = write!(
            cases,
            "    <testcase classname=\"{}\" name=\"{}\">\n",
            escape(&class_name(&page.url)),
            escape(&page.url)
        );
        if !blocking.is_empty() {
            failures += 1;
            let message = format!(
                "{}: {} blocking problem{}",
                page.verdict.label(),
                blocking.len(),
                if blocking.len() == 1 { "" } else { "s" }
            );
            let mut text = String::new();
            for f in &blocking {
                let _ = writeln!(text, "[{}] {}\n  What to do: {}", f.id, f.title, f.remedy);
            }
            let _ = write!(
                cases,
                "      <failure message=\"{}\" type=\"not-ready\">{}</failure>\n",
                escape(&message),
                escape(&text)
            );
        }
        if !warnings.is_empty() {
            let mut text = String::new();
            for f in &warnings {
                let _ = writeln!(text, "warning [{}] {}", f.id, f.title);
            }
            let _ = write!(cases, "      <system-out>{}</system-out>\n", escape(&text));
        }
        cases.push_str("    </testcase>\n");
    }
    let tests = report.pages.len();
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <testsuites name=\"Preflight\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\">\n  \
         <testsuite name=\"ChatGPT Ads readiness\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\" skipped=\"0\" timestamp=\"{}\">\n\
         {cases}  </testsuite>\n</testsuites>\n",
        escape(&report.started_at)
    )
}

/// The host, as CI systems group test cases by class name.
fn class_name(url: &str) -> String {
    let host = url
        .split_once("://")
        .map_or(url, |(_, rest)| rest)
        .split(['/', '?', '#'])
        .next()
        .unwrap_or_default();
    format!("preflight.{host}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_cases_are_grouped_by_host() {
        assert_eq!(
            class_name("https://shop.example.com/x?y#z"),
            "preflight.shop.example.com"
        );
    }
}
