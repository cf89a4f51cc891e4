//! The steps of a journey as the page script reports them (`js/steps.js`): clicks and forms
//! sent. They are data from the page: read into typed steps with every string capped, only
//! ever looked up as selectors when replayed, never run. Navigations are added by the
//! recorder from the browser's own events.

use preflight_document::journey::{FormField, JourneyStep, StepTarget};

use crate::caps::{cut_chars, MAX_URL_CHARS};

/// Steps kept per journey at most.
pub(crate) const MAX_STEPS: usize = 500;
const MAX_SELECTOR_CHARS: usize = 300;
const MAX_TEXT_CHARS: usize = 80;
const MAX_VALUE_CHARS: usize = 500;
const MAX_FIELDS: usize = 40;

/// A click or a form sent, read from the page script's message; `None` for anything else (a
/// navigation is never taken from the page).
pub(crate) fn from_page(json: &str) -> Option<JourneyStep> {
    let step: JourneyStep = serde_json::from_str(json).ok()?;
    match step {
        JourneyStep::Click { page_url, target } => Some(JourneyStep::Click {
            page_url: cut_chars(&page_url, MAX_URL_CHARS),
            target: capped_target(target)?,
        }),
        JourneyStep::Submit {
            page_url,
            target,
            fields,
            submitter,
        } => Some(JourneyStep::Submit {
            page_url: cut_chars(&page_url, MAX_URL_CHARS),
            target: capped_target(target)?,
            fields: fields
                .into_iter()
                .take(MAX_FIELDS)
                .filter_map(capped_field)
                .collect(),
            submitter: submitter
                .filter(|s| !s.trim().is_empty())
                .map(|s| cut_plain(&s, MAX_SELECTOR_CHARS)),
        }),
        JourneyStep::Visit { .. } | JourneyStep::Arrive { .. } => None,
    }
}

fn capped_target(target: StepTarget) -> Option<StepTarget> {
    if target.selector.trim().is_empty() {
        return None;
    }
    Some(StepTarget {
        selector: cut_plain(&target.selector, MAX_SELECTOR_CHARS),
        element: match target.element.as_str() {
            known @ ("button" | "link" | "form" | "checkbox" | "radio button" | "field") => {
                known.to_string()
            }
            _ => "element".to_string(),
        },
        text: cut_plain(&target.text, MAX_TEXT_CHARS),
    })
}

fn capped_field(field: FormField) -> Option<FormField> {
    if field.selector.trim().is_empty() {
        return None;
    }
    let sensitive = field.is_sensitive();
    Some(FormField {
        selector: cut_plain(&field.selector, MAX_SELECTOR_CHARS),
        label: cut_plain(&field.label, MAX_TEXT_CHARS),
        // A value marked sensitive is never kept, whatever the message carried.
        value: field
            .value
            .filter(|_| !sensitive)
            .map(|v| cut_plain(&v, MAX_VALUE_CHARS)),
        checked: field.checked,
        skipped: sensitive.then(|| "sensitive".to_string()),
    })
}

/// At most `max` characters, without a marker: a cut selector or value is used as it is.
fn cut_plain(text: &str, max: usize) -> String {
    text.chars().take(max).collect()
}

/// Whether two addresses are the same page for a replay: same scheme, host, port and path
/// (a trailing slash aside); the query and fragment may differ (session ids, tracking).
pub(crate) fn same_page(a: &str, b: &str) -> bool {
    match (url::Url::parse(a), url::Url::parse(b)) {
        (Ok(a), Ok(b)) => {
            a.scheme() == b.scheme()
                && a.host_str() == b.host_str()
                && a.port_or_known_default() == b.port_or_known_default()
                && a.path().trim_end_matches('/') == b.path().trim_end_matches('/')
        }
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clicks_and_forms_are_read_and_capped() {
        let long = "x".repeat(5_000);
        let json = serde_json::json!({
            "kind": "click",
            "page_url": "https://a.test/pricing",
            "target": { "selector": long, "element": "<script>", "text": long },
        })
        .to_string();
        let Some(JourneyStep::Click { target, .. }) = from_page(&json) else {
            panic!("a click");
        };
        assert_eq!(target.selector.chars().count(), MAX_SELECTOR_CHARS);
        assert_eq!(target.text.chars().count(), MAX_TEXT_CHARS);
        assert_eq!(target.element, "element");

        let json = serde_json::json!({
            "kind": "submit",
            "page_url": "https://a.test/pay",
            "target": { "selector": "#pay", "element": "form", "text": "" },
            "fields": [
                { "selector": "#email", "label": "Email", "value": "a@b.test" },
                { "selector": "#card", "label": "Card", "value": "4111111111111111", "skipped": "sensitive" },
                { "selector": "", "label": "nothing", "value": "x" },
            ],
        })
        .to_string();
        let Some(JourneyStep::Submit { fields, .. }) = from_page(&json) else {
            panic!("a form");
        };
        assert_eq!(fields.len(), 2);
        assert_eq!(fields[0].value.as_deref(), Some("a@b.test"));
        assert_eq!(fields[1].value, None, "a sensitive value is never kept");
        assert!(fields[1].is_sensitive());
    }

    #[test]
    fn the_page_cannot_claim_navigations_or_send_nonsense() {
        for json in [
            r#"{"kind":"visit","url":"https://evil.test/"}"#,
            r#"{"kind":"arrive","url":"https://evil.test/"}"#,
            r#"{"kind":"click","page_url":"x","target":{"selector":" ","element":"button","text":""}}"#,
            "not json",
        ] {
            assert_eq!(from_page(json), None, "{json}");
        }
    }

    #[test]
    fn pages_match_without_query_or_trailing_slash() {
        assert!(same_page(
            "https://a.test/pricing/?s=1#x",
            "https://a.test/pricing"
        ));
        assert!(!same_page(
            "https://a.test/pricing",
            "https://a.test/signup"
        ));
        assert!(!same_page("https://a.test/", "https://b.test/"));
    }
}
