//! The static scan of one page: HTML → scripts → parsed calls and strings → findings.

use preflight_model::{Confidence, Finding, Status};
use serde_json::Value;
use url::Url;

use crate::finding::finding;
use crate::html::{self, PageHtml, PAGE_HTML};
use crate::ids;
use crate::js::{self, Callee, ScriptFacts, ScriptInput};
use crate::lint::urls::{classify, classify_url, UrlKind};
use crate::lint::{csp, image_tag, secrets};
use crate::report::{finalize, limits};
use crate::types::{
    FoundEvent, How, Location, PixelCall, PixelReport, ScriptSource, SdkUrl, DYNAMIC,
};
use crate::vendors;

/// Where a script's code sits in the page, for the placement check.
struct ScriptMeta {
    label: String,
    in_head: Option<bool>,
    nonced: bool,
}

pub fn scan(
    page_url: &str,
    html_text: &str,
    headers: &[(String, String)],
    scripts: &[ScriptSource],
) -> PixelReport {
    scan_read(
        page_url,
        &html::read_page(page_url, html_text),
        html_text,
        headers,
        scripts,
    )
}

/// [`scan`] on a page already read with [`html::read_page`] or [`html::read_parsed`].
pub fn scan_read(
    page_url: &str,
    page: &PageHtml,
    html_text: &str,
    headers: &[(String, String)],
    scripts: &[ScriptSource],
) -> PixelReport {
    let page_url_parsed = Url::parse(page_url).ok();
    let (inputs, metas) = script_inputs(page, scripts);
    let facts = js::analyze_all(inputs);

    let mut findings: Vec<Finding> = Vec::new();
    let mut sdk_urls: Vec<SdkUrl> = Vec::new();
    let mut events: Vec<FoundEvent> = Vec::new();
    let mut pixel_ids: Vec<String> = Vec::new();
    let mut calls: Vec<PixelCall> = Vec::new();
    let mut vendor_calls = Vec::new();
    let mut limit_lines = limits::static_limits();
    if page.elements_skipped > 0 {
        limit_lines.push(format!(
            "The page has more scripts, event handlers or image tags than the scan reads ({} of each kind); {} more were not read.",
            html::MAX_ELEMENTS,
            page.elements_skipped
        ));
    }

    // `<script src>`, `<img>` and `<iframe>` addresses.
    let mut tag_urls: Vec<(String, Location)> = Vec::new();
    for script in &page.external_scripts {
        tag_urls.push((
            script
                .url
                .as_ref()
                .map_or_else(|| script.src.clone(), Url::to_string),
            script.location.clone(),
        ));
        let Some(url) = &script.url else { continue };
        match classify_url(url, script.src.starts_with("//")) {
            UrlKind::OfficialSdk => sdk_urls.push(SdkUrl {
                url: url.to_string(),
                location: script.location.clone(),
                official: true,
                in_head: Some(script.in_head),
            }),
            UrlKind::WrongSdk(why) => {
                findings.push(wrong_sdk(&script.src, &why, &script.location));
                sdk_urls.push(SdkUrl {
                    url: url.to_string(),
                    location: script.location.clone(),
                    official: false,
                    in_head: Some(script.in_head),
                });
            }
            _ => {}
        }
    }
    for tag in &page.tag_urls {
        tag_urls.push((tag.src.clone(), tag.location.clone()));
        let Some(url) = tag.url.as_ref().filter(|_| tag.tag == "img") else {
            continue;
        };
        read_image_url(
            url,
            tag.src.starts_with("//"),
            false,
            &tag.location,
            &mut findings,
            &mut events,
            &mut pixel_ids,
        );
    }

    // What the scripts hold.
    let mut pixel_scripts: Vec<&ScriptMeta> = Vec::new();
    let mut sdk_sources: Vec<String> = sdk_urls
        .iter()
        .filter(|s| s.official)
        .map(|s| s.location.to_string())
        .collect();
    let mut snippet_found = false;
    for (fact, meta) in facts.iter().zip(&metas) {
        let mut has_pixel_code = fact.defines_stub;
        snippet_found |= fact.defines_stub;
        for call in &fact.calls {
            if call.callee == Callee::Oaiq {
                has_pixel_code = true;
                calls.push(pixel_call(call, fact.consent_gated));
            } else {
                vendor_calls.push(call.clone());
            }
        }
        for s in &fact.strings {
            match classify(&s.value) {
                UrlKind::OfficialSdk => {
                    has_pixel_code = true;
                    if !sdk_sources.contains(&fact.label) {
                        sdk_sources.push(fact.label.clone());
                    }
                    sdk_urls.push(SdkUrl { url: s.value.clone(), location: s.location.clone(), official: true, in_head: meta.in_head });
                }
                UrlKind::WrongSdk(why) => {
                    has_pixel_code = true;
                    findings.push(wrong_sdk(&s.value, &why, &s.location));
                    sdk_urls.push(SdkUrl { url: s.value.clone(), location: s.location.clone(), official: false, in_head: meta.in_head });
                }
                UrlKind::ImageTag | UrlKind::WrongImageTag(_) => {
                    if let Some(url) = crate::lint::urls::parse_absolute(&s.value) {
                        read_image_url(&url, s.value.starts_with("//"), true, &s.location, &mut findings, &mut events, &mut pixel_ids);
                    }
                }
                UrlKind::Capi => findings.push(
                    finding(ids::CAPI_CALLED_FROM_BROWSER, Status::Fail, "Page code calls the Conversions API, which is for servers only")
                        .detail("The Conversions API needs a secret key. Called from the browser, the key travels to every visitor, and the requests are easy to fake or block.")
                        .evidence_at("Address", s.value.clone(), s.location.to_string())
                        .remedy("Send Conversions API events from your server only. In the browser, use the pixel (“oaiq(\"measure\", …)”); send the same “event_id” from both to deduplicate."),
                ),
                UrlKind::Other => {}
            }
        }
        if has_pixel_code {
            pixel_scripts.push(meta);
            if fact.consent_gated {
                findings.push(
                    finding(ids::CONSENT_GATED_SCRIPT, Status::Info, "The pixel code waits for cookie consent")
                        .detail("The script with the pixel is held back by a consent manager until the visitor agrees. Visitors who decline (or never answer) are not measured, and the click reference may be gone from the address by the time they agree.")
                        .evidence("Script", fact.label.clone())
                        .remedy("Nothing to fix if this is your consent policy. Consider loading the pixel at once with “oaiq(\"consent\", false)” and switching to “true” on agreement, so the click reference is kept."),
                );
            }
        }
        script_health(
            fact,
            has_pixel_code || fact.mentions_pixel,
            &mut findings,
            &mut limit_lines,
        );
    }

    // Placement and duplication of the snippet.
    let placements: Vec<Option<bool>> = pixel_scripts.iter().map(|m| m.in_head).collect();
    if placements.contains(&Some(false)) && !placements.contains(&Some(true)) {
        let mut f = finding(ids::SNIPPET_NOT_IN_HEAD, Status::Warn, "The pixel snippet is not in the page's <head>")
            .detail("OpenAI asks for the snippet near the top of <head>. Loaded later, it can miss visitors who leave quickly, and single-page apps may have already removed the click reference (“oppref”) from the address.")
            .remedy("Move the snippet into <head>, as high as possible, on every page that should measure conversions.");
        for m in pixel_scripts
            .iter()
            .filter(|m| m.in_head == Some(false))
            .take(5)
        {
            f = f.evidence("Script outside <head>", m.label.clone());
        }
        findings.push(f);
    }
    if sdk_sources.len() > 1 {
        let mut f = finding(ids::SNIPPET_DUPLICATED, Status::Warn, "The pixel SDK is loaded from more than one place")
            .detail("Two copies of the loader (for example the theme and a tag manager, or a layout and a page) can initialise the pixel twice and double-count events.")
            .remedy("Keep one copy of the snippet and remove the others.");
        for source in sdk_sources.iter().take(5) {
            f = f.evidence("SDK loaded in", source.clone());
        }
        findings.push(f);
    }

    // Content-Security-Policy.
    let policies = csp::policies(headers, &page.meta_csp);
    let inline_pixel: Vec<&&ScriptMeta> = pixel_scripts
        .iter()
        .filter(|m| m.label.starts_with("inline script"))
        .collect();
    let usage = csp::PixelUse {
        inline_snippet: (!inline_pixel.is_empty()).then(|| inline_pixel.iter().all(|m| m.nonced)),
        loads_sdk: !sdk_urls.is_empty() || snippet_found || !calls.is_empty(),
    };
    findings.extend(csp::lint_csp(&policies, page_url_parsed.as_ref(), &usage));

    // Secrets, in the HTML (which holds the inline scripts) and each fetched script.
    findings.extend(secrets::lint_secrets(
        PAGE_HTML,
        &html::normalize_newlines(html_text),
    ));
    for script in scripts
        .iter()
        .filter(|s| s.text.len() <= js::MAX_SCRIPT_BYTES)
    {
        findings.extend(secrets::lint_secrets(&script.url, &script.text));
    }

    // Other tools on the page.
    let script_strings: Vec<(&str, &[js::FoundString])> = facts
        .iter()
        .map(|f| (f.label.as_str(), f.strings.as_slice()))
        .collect();
    let tag_managers = vendors::detect_tag_managers(&tag_urls, &script_strings);
    let vendor_events = vendors::vendor_events(&vendor_calls);
    for tm in tag_managers
        .iter()
        .filter(|t| t.kind == "tag-manager" || t.kind == "cdp")
    {
        let name = match &tm.id {
            Some(id) => format!("{} ({id})", tm.name),
            None => tm.name.clone(),
        };
        findings.push(
            finding(ids::TAG_MANAGER_DETECTED, Status::Info, format!("{name} is used on this page"))
                .detail("Tags added through a tag manager or CDP run only in the browser, so this scan cannot see whether it fires the OpenAI pixel or which events it sends.")
                .evidence_at("Tag manager", tm.evidence.clone(), tm.location.to_string())
                .remedy("If the OpenAI pixel is deployed through this tool, check its tags there (one tag per event, same pixel ID) and confirm with a rendered check."),
        );
    }

    let mut report = PixelReport {
        installed: false,
        pixel_ids,
        sdk_urls,
        init_options: Vec::new(),
        events,
        calls,
        vendor_events,
        tag_managers,
        findings,
        limits: limit_lines,
        snippet_found,
    };
    finalize(&mut report);
    report
}

fn pixel_call(call: &js::Call, consent_gated: bool) -> PixelCall {
    let command = match call.args.first() {
        Some(Value::String(c)) => c.clone(),
        _ => DYNAMIC.to_string(),
    };
    PixelCall {
        command,
        args: call
            .args
            .get(1..)
            .map(<[Value]>::to_vec)
            .unwrap_or_default(),
        how: How::Static,
        location: call.location.clone(),
        text: call.text.clone(),
        consent_gated,
    }
}

fn wrong_sdk(url: &str, why: &str, location: &Location) -> Finding {
    let official = &crate::data::data().sdk.sdk_url;
    finding(ids::SDK_URL_WRONG, Status::Fail, "The pixel is loaded from the wrong address")
        .detail(format!("The page loads the pixel script from an address that is not OpenAI's: {why}. The pixel may not load at all, or run an outdated copy."))
        .evidence_at("Address", url, location.to_string())
        .remedy(format!("Load the SDK from exactly {official}, as in OpenAI's snippet."))
}

#[allow(clippy::too_many_arguments)]
fn read_image_url(
    url: &Url,
    protocol_relative: bool,
    from_code: bool,
    location: &Location,
    findings: &mut Vec<Finding>,
    events: &mut Vec<FoundEvent>,
    pixel_ids: &mut Vec<String>,
) {
    let kind = classify_url(url, protocol_relative);
    if let UrlKind::WrongImageTag(why) = &kind {
        findings.push(
            finding(ids::IMAGE_TAG_URL_WRONG, Status::Fail, "The pixel image tag points at the wrong address")
                .detail(format!("The image tag's address is not OpenAI's event endpoint: {why}. Browsers block it or it goes nowhere."))
                .evidence_at("Image tag", url.to_string(), location.to_string())
                .remedy(format!("Use https://{}{}?pid=…&event=…", crate::data::data().sdk.events_host, crate::data::data().sdk.image_tag_path)),
        );
    }
    if !matches!(kind, UrlKind::ImageTag | UrlKind::WrongImageTag(_)) {
        return;
    }
    let tag = image_tag::read_image_tag(url, from_code);
    findings.push(
        finding(ids::IMAGE_TAG_FOUND, Status::Info, format!("The pixel's image tag sends “{}”", tag.event.as_str().unwrap_or("an event")))
            .detail("An image request to OpenAI's event endpoint works without JavaScript. It carries no customer data and does not pick up the click reference (“oppref”) by itself, so it attributes less than the JavaScript pixel.")
            .evidence_at("Image tag", url.to_string(), location.to_string())
            .remedy("Keep it as a fallback inside <noscript>; use the JavaScript snippet as the main installation."),
    );
    let problems: Vec<String> = tag
        .findings
        .iter()
        .filter(|f| f.status == Status::Fail)
        .map(|f| f.id.clone())
        .collect();
    for f in tag.findings {
        findings.push(f.evidence_at("Image tag", url.to_string(), location.to_string()));
    }
    if let Some(pid) = tag.pixel_id {
        if !pixel_ids.contains(&pid) {
            pixel_ids.push(pid);
        }
    }
    if let Some(name) = tag.event.as_str() {
        events.push(FoundEvent {
            name: name.to_string(),
            custom_event_name: tag
                .options
                .get("custom_event_name")
                .and_then(Value::as_str)
                .map(str::to_string),
            how: How::Static,
            via: "image_tag".into(),
            location: location.clone(),
            args: vec![tag.data, tag.options],
            problems,
        });
    }
}

/// Syntax errors and skipped scripts become findings and limits.
fn script_health(
    fact: &ScriptFacts,
    has_pixel_code: bool,
    findings: &mut Vec<Finding>,
    limits: &mut Vec<String>,
) {
    if let Some((message, location)) = fact.syntax_errors.first() {
        let (status, confidence, why) = if has_pixel_code {
            (Status::Warn, Confidence::Medium, "This script holds pixel code. Browsers do not run a script with a syntax error at all, so the pixel in it may never start.")
        } else {
            (Status::Info, Confidence::Medium, "Browsers do not run a script with a syntax error. It does not hold pixel code, but it may be meant to.")
        };
        findings.push(
            finding(ids::SCRIPT_SYNTAX_ERROR, status, format!("Syntax error in {}", fact.label))
                .detail(format!("{why} The rest of the script was still read as far as possible."))
                .confidence(confidence)
                .evidence_at("Syntax error", message.clone(), location.to_string())
                .remedy("Open the browser console on this page to confirm the error, then fix the script (often a broken paste of a snippet or a template tag left in the code)."),
        );
    }
    for reason in fact.skipped.iter().chain(fact.partial.iter()) {
        findings.push(
            finding(ids::SCRIPT_NOT_EXAMINED, Status::Info, format!("{} was not fully examined", fact.label))
                .detail(format!("{reason}. Pixel calls in it, if any, are not in this report."))
                .confidence(Confidence::High)
                .evidence("Script", fact.label.clone())
                .remedy("Check this script with a rendered scan (which records the pixel calls the page really makes)."),
        );
        limits.push(format!("{reason}."));
    }
}

/// The scripts to analyse, in page order, with where each sits in the page.
fn script_inputs(page: &PageHtml, scripts: &[ScriptSource]) -> (Vec<ScriptInput>, Vec<ScriptMeta>) {
    let mut inputs = Vec::new();
    let mut metas = Vec::new();
    for s in &page.inline_scripts {
        let label = format!("inline script {}", s.number);
        metas.push(ScriptMeta {
            label: label.clone(),
            in_head: Some(s.in_head),
            nonced: s.has_nonce,
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
        metas.push(ScriptMeta {
            label: script.url.clone(),
            in_head: element.map(|e| e.in_head),
            nonced: false,
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
