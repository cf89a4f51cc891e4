//! Secrets in page code: a Conversions API key (or any OpenAI key) in HTML or a script is
//! readable by every visitor and lets anyone send fake conversions.

use preflight_model::{Confidence, Finding, Status};

use crate::data::data;
use crate::finding::finding;
use crate::ids;
use crate::position::LineIndex;
use crate::types::Location;

/// Most matches reported per text, so a hostile page cannot flood the report.
const MAX_MATCHES: usize = 5;

/// Show enough of a secret to find it, never enough to use it.
pub fn mask(secret: &str) -> String {
    let chars: Vec<char> = secret.chars().collect();
    if chars.len() <= 16 {
        let head: String = chars.iter().take(4).collect();
        return format!("{head}…");
    }
    let head: String = chars.iter().take(12).collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}…{tail} ({} characters)", chars.len())
}

/// Scan one text (the page HTML or a script); locations are relative to that text.
pub fn lint_secrets(label: &str, text: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    let index = LineIndex::new(text);
    for secret in &data().secrets {
        if let Some(requires) = &secret.requires {
            if !requires.is_match(text) {
                continue;
            }
        }
        for m in secret.pattern.find_iter(text).take(MAX_MATCHES) {
            let (line, column) = index.line_column(m.start());
            let location = Location::new(label, Some(line), Some(column));
            let mut f = finding(ids::SECRET_EXPOSED, Status::Fail, format!("A secret is exposed in page code: {}", secret.name))
                .detail("Anything in the page's HTML or scripts can be read by every visitor. A Conversions API key there lets anyone send fake conversions to your account (and other OpenAI keys can run up costs).")
                .evidence_at("Secret (masked)", mask(m.as_str()), location.to_string())
                .remedy("Revoke this key in OpenAI Ads Manager now and create a new one. Keep it only on your server and send Conversions API events from there, never from the browser or a public environment variable (NEXT_PUBLIC_…, VITE_…).");
            if secret.medium_confidence {
                f = f.confidence(Confidence::Medium);
            }
            out.push(f);
        }
    }
    out
}

/// `text` with every secret the scan would report replaced by its masked form, for anything
/// that is kept or shown (stored page excerpts, exports). Borrowed when there is none.
pub fn redact_secrets(text: &str) -> std::borrow::Cow<'_, str> {
    let mut out = std::borrow::Cow::Borrowed(text);
    for secret in &data().secrets {
        if let Some(requires) = &secret.requires {
            if !requires.is_match(&out) {
                continue;
            }
        }
        if secret.pattern.is_match(&out) {
            let replaced = secret
                .pattern
                .replace_all(&out, |c: &regex::Captures| mask(&c[0]))
                .into_owned();
            out = std::borrow::Cow::Owned(replaced);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redaction_masks_every_secret_and_keeps_the_rest() {
        let key = "sk-svcacct-ABCDEFGHIJKLMNOPQRSTUVWXYZ123456";
        let text = format!("<p>hello</p><script>const k = '{key}'; const j = '{key}';</script>");
        let redacted = redact_secrets(&text);
        assert!(!redacted.contains(key), "{redacted}");
        assert_eq!(redacted.matches("sk-svcacct-A…").count(), 2);
        assert!(redacted.starts_with("<p>hello</p>"));
        assert!(matches!(
            redact_secrets("<p>nothing</p>"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn masks_keep_only_the_ends() {
        let m = mask("sk-svcacct-ABCDEFGHIJKLMNOPQRSTUVWXYZ123456");
        assert!(m.starts_with("sk-svcacct-A"));
        assert!(!m.contains("MNOP"));
    }

    #[test]
    fn finds_service_account_key_and_bearer_only_near_openai() {
        let f = lint_secrets(
            "x.js",
            "const k = 'sk-svcacct-abcdefghijklmnopqrstuvwxyz012345';",
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].evidence[0].location.as_deref(), Some("x.js:1:12"));
        let other = lint_secrets("x.js", "fetch('https://api.example/x', {headers: {Authorization: 'Bearer abcdefghijklmnopqrstuvwxyz'}})");
        assert!(other.is_empty());
        let capi = lint_secrets("x.js", "fetch('https://bzr.openai.com/v1/events', {headers: {Authorization: 'Bearer abcdefghijklmnopqrstuvwxyz'}})");
        assert_eq!(capi.len(), 1);
    }
}
