//! The scripts to analyse, in page order, with where each sits in the page and how it runs.

use crate::firing::{Place, Slot};
use crate::html::{ExecMode, PageHtml};
use crate::js::ScriptInput;
use crate::lint::urls::{classify, UrlKind};
use crate::types::ScriptSource;

/// Where a script's code sits in the page, for placement and run-order checks.
pub struct ScriptMeta {
    pub label: String,
    pub in_head: Option<bool>,
    pub nonced: bool,
    pub place: Place,
}

pub fn script_inputs(
    page: &PageHtml,
    scripts: &[ScriptSource],
) -> (Vec<ScriptInput>, Vec<ScriptMeta>) {
    let mut inputs = Vec::new();
    let mut metas = Vec::new();
    let place = |consent: &Option<String>, slot: Slot| match consent {
        Some(manager) => Place::Consent(manager.clone()),
        None => Place::Script(slot),
    };
    for s in &page.inline_scripts {
        let label = format!("inline script {}", s.number);
        metas.push(ScriptMeta {
            label: label.clone(),
            in_head: Some(s.in_head),
            nonced: s.has_nonce,
            place: place(
                &s.consent,
                Slot {
                    order: Some(s.order),
                    mode: s.mode,
                },
            ),
        });
        inputs.push(ScriptInput {
            label,
            text: s.text.clone(),
            start: s.start,
            consent_gated: s.consent_gated,
        });
    }
    for h in &page.handlers {
        metas.push(ScriptMeta {
            label: h.label.clone(),
            in_head: Some(false),
            nonced: false,
            place: Place::Handler,
        });
        inputs.push(ScriptInput {
            label: h.label.clone(),
            text: h.text.clone(),
            start: None,
            consent_gated: false,
        });
    }
    let mut seen: Vec<&str> = Vec::new();
    for script in scripts {
        // The SDK's own code is OpenAI's, not the page's; its internals are not page calls.
        if seen.contains(&script.url.as_str()) || classify(&script.url) == UrlKind::OfficialSdk {
            continue;
        }
        seen.push(&script.url);
        let element = page
            .external_scripts
            .iter()
            .find(|e| e.url.as_ref().is_some_and(|u| u.as_str() == script.url));
        let slot = Slot {
            order: element.map(|e| e.order),
            mode: element.map_or(ExecMode::Classic, |e| e.mode),
        };
        metas.push(ScriptMeta {
            label: script.url.clone(),
            in_head: element.map(|e| e.in_head),
            nonced: false,
            place: place(&element.and_then(|e| e.consent.clone()), slot),
        });
        inputs.push(ScriptInput {
            label: script.url.clone(),
            text: script.text.clone(),
            start: None,
            consent_gated: element.is_some_and(|e| e.consent_gated),
        });
    }
    (inputs, metas)
}
