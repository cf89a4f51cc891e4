//! Per-URL checks. Each submodule looks at one kind of problem and pushes findings; this
//! module validates the URL, runs them all and adds the GA4 preview and the corrected URL.

mod channel;
mod click_ids;
mod encoding;
pub(crate) mod macros;
mod privacy;
mod required;
mod structure;
mod values;

use preflight_model::{Area, Finding, Status};
use url::Url;

use crate::fix::{apply_fixes, suggest_corrected, Fix};
use crate::ga4::preview_for_utms;
use crate::parsed::{Param, ParsedUrl};
use crate::report::{Ga4Preview, UrlReport};
use crate::separators::repair_entity_separators;

/// Longest input accepted as a URL; longer text is reported as invalid rather than analysed.
pub const MAX_URL_BYTES: usize = 64 * 1024;

/// Checks one destination URL.
pub fn check_url(url: &str) -> UrlReport {
    check_url_inheriting(url, Vec::new())
}

/// The report for text that is not a usable destination URL, with the reason.
pub fn invalid_url_report(text: &str, reason: &str) -> UrlReport {
    UrlReport {
        url: shorten(text),
        occurrences: 1,
        findings: vec![utm_finding(
            "url-invalid",
            Status::Fail,
            "This is not a usable web address",
        )
        .detail(format!(
            "The destination cannot be checked: {reason}. An ad needs a full web address \
             starting with https://."
        ))
        .evidence("Destination", shorten(text))
        .remedy("Paste the full landing-page address, starting with https://.")],
        status: Status::Fail,
        corrected_url: None,
        ga4: None,
        click_urls: None,
    }
}

/// Checks one destination URL; `inherited` holds the parameters a click gets from tracking
/// templates (see `crate::tracking`), which the required-UTM, GA4 and channel checks count.
pub(crate) fn check_url_inheriting(url: &str, inherited: Vec<(String, Param)>) -> UrlReport {
    let url = url.trim();
    if let Err(reason) = validate(url) {
        return invalid_url_report(url, &reason);
    }
    // `&amp;` separators are named once; every other check judges the URL as it was meant.
    let html = encoding::html_ampersands(url);
    let intended = repair_entity_separators(url).unwrap_or_else(|| url.to_string());
    let mut parsed = ParsedUrl::new(&intended);
    parsed.inherited = inherited;
    let (inputs, preview) = {
        let get = |k: &str| parsed.effective(k).map(|(p, _)| p.value.as_str());
        preview_for_utms(get("utm_source"), get("utm_medium"), get("utm_campaign"))
    };
    let ga4 = Ga4Preview::new(inputs, preview);

    let mut findings: Vec<Finding> = html.into_iter().collect();
    required::check(&parsed, &ga4, &mut findings);
    values::check(&parsed, &mut findings);
    structure::check(&parsed, &mut findings);
    encoding::check(&parsed, &mut findings);
    macros::check(&parsed, &mut findings);
    privacy::check(&parsed, &mut findings);
    click_ids::check(&parsed, &mut findings);
    channel::check(&parsed, &ga4, &mut findings);

    if !findings
        .iter()
        .any(|f| matches!(f.status, Status::Fail | Status::Warn | Status::Error))
    {
        findings.push(
            utm_finding(
                "utm-tags-clean",
                Status::Pass,
                "Tracking parameters look clean",
            )
            .detail(format!(
                "utm_source, utm_medium and utm_campaign are present and consistent. GA4 would \
                 most likely report these clicks as {}.",
                ga4.preview.channel
            ))
            .evidence("Destination", url),
        );
    }
    UrlReport {
        url: url.to_string(),
        occurrences: 1,
        status: UrlReport::overall_status(&findings),
        findings,
        corrected_url: suggest_corrected(url),
        ga4: Some(ga4),
        click_urls: None,
    }
}

/// Why a string cannot be checked as a destination URL.
pub fn validate(url: &str) -> Result<(), String> {
    if url.is_empty() {
        return Err("it is empty".into());
    }
    if url.len() > MAX_URL_BYTES {
        return Err(format!(
            "it is {} characters long, far beyond any usable URL",
            url.len()
        ));
    }
    if url.chars().any(|c| c.is_control()) {
        return Err("it contains control characters (tab, line break or similar)".into());
    }
    let lower = url.to_ascii_lowercase();
    if !lower.starts_with("http://") && !lower.starts_with("https://") {
        if lower.contains("://") {
            return Err("only http:// and https:// addresses can be ad destinations".into());
        }
        return Err("it does not start with https://".into());
    }
    let parsed = Url::parse(url).map_err(|e| format!("it is not a valid web address ({e})"))?;
    match parsed.host_str() {
        Some(h) if !h.is_empty() => Ok(()),
        _ => Err("it has no domain name".into()),
    }
}

/// A finding in the UTM area.
pub(crate) fn utm_finding(id: &str, status: Status, title: impl Into<String>) -> Finding {
    Finding::new(id, Area::Utm, status, title)
}

/// Adds the URL with just this fix applied as evidence, when the fix changes anything.
pub(crate) fn with_fix(finding: Finding, url: &str, fix: Fix) -> Finding {
    match apply_fixes(url, &[fix]) {
        Some(fixed) => finding.evidence("Corrected URL", fixed),
        None => finding,
    }
}

/// The URL with one parameter's value replaced (first occurrence), for a suggested URL.
pub(crate) fn replace_value(parsed: &ParsedUrl, key: &str, value: &str) -> String {
    let mut replaced = false;
    let query: Vec<String> = parsed
        .segments
        .iter()
        .map(|p| {
            if !replaced && p.key == key {
                replaced = true;
                format!("{}={value}", p.key_raw)
            } else {
                p.raw.clone()
            }
        })
        .collect();
    let mut out = parsed.base.clone();
    if parsed.query.is_some() {
        out.push('?');
        out.push_str(&query.join("&"));
    }
    if let Some(f) = &parsed.fragment {
        out.push('#');
        out.push_str(f);
    }
    out
}

fn shorten(url: &str) -> String {
    url.chars().take(300).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_reasons() {
        assert!(validate("https://x.example/").is_ok());
        assert!(validate("").unwrap_err().contains("empty"));
        assert!(validate("www.x.example")
            .unwrap_err()
            .contains("does not start"));
        assert!(validate("ftp://x.example")
            .unwrap_err()
            .contains("only http"));
        assert!(validate("https://").is_err());
        assert!(validate("https://x.example/\tpath")
            .unwrap_err()
            .contains("control"));
        assert!(
            validate(&format!("https://x.example/{}", "a".repeat(MAX_URL_BYTES)))
                .unwrap_err()
                .contains("characters long")
        );
    }

    #[test]
    fn invalid_url_is_a_finding_not_a_panic() {
        let r = check_url("not a url at all");
        assert_eq!(r.findings[0].id, "url-invalid");
        assert!(r.ga4.is_none());
    }

    #[test]
    fn replace_value_keeps_everything_else() {
        let p = ParsedUrl::new("https://x.example/?a=1&utm_source=chatgpt.com&b#top");
        assert_eq!(
            replace_value(&p, "utm_source", "chatgpt"),
            "https://x.example/?a=1&utm_source=chatgpt&b#top"
        );
    }
}
