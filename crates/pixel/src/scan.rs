//! The static scan of one page: HTML → scripts → parsed calls and strings → findings.

mod health;
mod image;
mod inputs;

use preflight_model::{Finding, Status};
use serde_json::Value;
use url::Url;

use crate::finding::finding;
use crate::firing::{self, Definer, Judged, Place, Slot, Snippet};
use crate::html::{self, PageHtml, PAGE_HTML};
use crate::ids;
use crate::inert_report::{self, Live};
use crate::js::{self, Callee};
use crate::lint::urls::{classify, classify_url, UrlKind};
use crate::lint::{csp, secrets};
use crate::report::{finalize, limits};
use crate::site_file::{self, FileRole};
use crate::types::{
    Firing, FoundEvent, How, Location, PixelCall, PixelReport, ScriptSource, SdkUrl, DYNAMIC,
};
use crate::vendors;
use image::{read_image_url, ImageOut, ImageSite};
use inputs::{script_inputs, ScriptMeta};

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
    let (mut inputs, metas) = script_inputs(page, scripts);
    let live_count = inputs.len();
    let (dead_inputs, dead_blocks) = inert_report::inputs(page, 0);
    inputs.extend(dead_inputs);
    let live_inputs: Vec<js::ScriptInput> = inputs[..live_count].to_vec();
    let texts: Vec<&str> = live_inputs.iter().map(|i| i.text.as_str()).collect();
    let mut all_facts = js::analyze_all(inputs);
    let split = live_count.min(all_facts.len());
    health::recover_calls(&mut all_facts[..split], &live_inputs);
    let (facts, dead_facts) = all_facts.split_at(split);

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
    let mut sdk_copies: Vec<usize> = Vec::new();
    let mut definers: Vec<Definer> = Vec::new();
    for script in &page.external_scripts {
        tag_urls.push((
            script
                .url
                .as_ref()
                .map_or_else(|| script.src.clone(), Url::to_string),
            script.location.clone(),
        ));
        let Some(url) = &script.url else { continue };
        let slot = Slot {
            order: Some(script.order),
            mode: script.mode,
        };
        match classify_url(url, script.src.starts_with("//")) {
            UrlKind::OfficialSdk => {
                sdk_urls.push(SdkUrl {
                    url: url.to_string(),
                    location: script.location.clone(),
                    official: true,
                    in_head: Some(script.in_head),
                });
                definers.push(Definer {
                    script: None,
                    offset: 0,
                    slot: if script.consent_gated {
                        Slot {
                            order: None,
                            mode: slot.mode,
                        }
                    } else {
                        slot
                    },
                    location: script.location.clone(),
                });
            }
            UrlKind::WrongSdk(why) => {
                findings.push(wrong_sdk(&script.src, &why, &script.location));
                sdk_urls.push(SdkUrl {
                    url: url.to_string(),
                    location: script.location.clone(),
                    official: false,
                    in_head: Some(script.in_head),
                });
            }
            UrlKind::SdkNamedFile(why) => {
                let index = metas.iter().position(|m| m.label == url.as_str());
                let role = site_file::role(index.and_then(|i| facts.get(i)));
                if let FileRole::SdkCopy(_) = role {
                    sdk_copies.extend(index);
                }
                if matches!(role, FileRole::SdkCopy(_) | FileRole::Unread) {
                    sdk_urls.push(SdkUrl {
                        url: url.to_string(),
                        location: script.location.clone(),
                        official: false,
                        in_head: Some(script.in_head),
                    });
                }
                findings.extend(site_file::finding_for(
                    &script.src,
                    &why,
                    &role,
                    &script.location,
                ));
            }
            _ => {}
        }
    }
    for tag in &page.tag_urls {
        tag_urls.push((tag.src.clone(), tag.location.clone()));
        let Some(url) = tag.url.as_ref().filter(|_| tag.tag == "img") else {
            continue;
        };
        let firing = if tag.in_noscript {
            Firing::NoscriptImage
        } else {
            Firing::Certain
        };
        read_image_url(
            url,
            ImageSite {
                location: &tag.location,
                protocol_relative: tag.src.starts_with("//"),
                from_code: false,
                firing,
                firing_reason: tag.in_noscript.then(|| "it is inside <noscript>, so only browsers with JavaScript turned off load it".to_string()),
            },
            ImageOut { findings: &mut findings, events: &mut events, pixel_ids: &mut pixel_ids },
        );
    }

    // Where the pixel function gets defined, for the run order of calls.
    let runs = |i: usize| !sdk_copies.contains(&i) && facts[i].syntax_errors.is_empty();
    for (i, (fact, meta)) in facts.iter().zip(&metas).enumerate() {
        if let (Some(offset), true) = (fact.first_definition, runs(i)) {
            let slot = match &meta.place {
                Place::Script(slot) => *slot,
                Place::Consent(_) => Slot {
                    order: None,
                    mode: html::ExecMode::Async,
                },
                _ => continue,
            };
            definers.push(Definer {
                script: Some(i),
                offset,
                slot,
                location: js_location(fact, &meta.label),
            });
        }
    }

    // What the scripts hold.
    let mut pixel_scripts: Vec<&ScriptMeta> = Vec::new();
    let mut sdk_sources: Vec<String> = sdk_urls
        .iter()
        .filter(|s| s.official)
        .map(|s| s.location.to_string())
        .collect();
    let mut snippet_found = false;
    let mut judged: Vec<Judged> = Vec::new();
    let mut snippets: Vec<Snippet> = Vec::new();
    let mut loaders: Vec<usize> = Vec::new();
    let mut stub_only: Vec<(String, String)> = Vec::new();
    for (i, (fact, meta)) in facts.iter().zip(&metas).enumerate() {
        if sdk_copies.contains(&i) {
            continue;
        }
        let place = if fact.syntax_errors.is_empty() {
            meta.place.clone()
        } else {
            Place::Broken
        };
        let mut has_pixel_code = fact.defines_stub;
        snippet_found |= fact.defines_stub && place != Place::Broken;
        for call in &fact.calls {
            if call.callee == Callee::Oaiq {
                has_pixel_code = true;
                let decided = firing::call_firing(call, i, &place, &definers);
                let mut pc = pixel_call(call, fact.consent_gated);
                pc.firing = decided.firing;
                pc.firing_reason = decided.reason.clone();
                pc.blocked_by = decided.blocked_by.map(str::to_string);
                let event = match pc.command.as_str() {
                    "measure" => pc.args.first(),
                    "measureSingle" => pc.args.get(1),
                    _ => None,
                }
                .map(|v| v.as_str().unwrap_or(DYNAMIC).to_string());
                judged.push(Judged {
                    call,
                    event,
                    firing: decided,
                });
                calls.push(pc);
            } else {
                vendor_calls.push(call.clone());
            }
        }
        let mut loads_sdk = false;
        for s in &fact.strings {
            match classify(&s.value) {
                UrlKind::OfficialSdk => {
                    has_pixel_code = true;
                    loads_sdk = true;
                    if !sdk_sources.contains(&fact.label) {
                        sdk_sources.push(fact.label.clone());
                    }
                    sdk_urls.push(SdkUrl { url: s.value.clone(), location: s.location.clone(), official: true, in_head: meta.in_head });
                }
                UrlKind::WrongSdk(why) | UrlKind::SdkNamedFile(why) if !s.partial => {
                    has_pixel_code = true;
                    loads_sdk = true;
                    findings.push(wrong_sdk(&s.value, &why, &s.location));
                    sdk_urls.push(SdkUrl { url: s.value.clone(), location: s.location.clone(), official: false, in_head: meta.in_head });
                }
                UrlKind::ImageTag | UrlKind::WrongImageTag(_) => {
                    if let Some(url) = crate::lint::urls::parse_absolute(&s.value) {
                        let (firing, firing_reason) = string_firing(&place, s.context.as_deref());
                        read_image_url(
                            &url,
                            ImageSite { location: &s.location, protocol_relative: s.value.starts_with("//"), from_code: true, firing, firing_reason },
                            ImageOut { findings: &mut findings, events: &mut events, pixel_ids: &mut pixel_ids },
                        );
                    }
                }
                UrlKind::Capi => findings.push(
                    finding(ids::CAPI_CALLED_FROM_BROWSER, Status::Fail, "Page code calls the Conversions API, which is for servers only")
                        .detail("The Conversions API needs a secret key. Called from the browser, the key travels to every visitor, and the requests are easy to fake or block.")
                        .evidence_at("Address", s.value.clone(), s.location.to_string())
                        .remedy("Send Conversions API events from your server only. In the browser, use the pixel (“oaiq(\"measure\", …)”); send the same “event_id” from both to deduplicate."),
                ),
                _ => {}
            }
        }
        if loads_sdk {
            loaders.push(i);
        }
        if let (true, true, Place::Script(slot)) = (
            fact.returns_if_defined && fact.defines_stub,
            loads_sdk,
            &place,
        ) {
            snippets.push(Snippet {
                script: i,
                slot: *slot,
                location: Location::source_only(meta.label.clone()),
            });
        }
        if fact.defines_stub && !loads_sdk && place != Place::Broken {
            stub_only.push((
                meta.label.clone(),
                js_location(fact, &meta.label).to_string(),
            ));
        }
        if has_pixel_code {
            pixel_scripts.push(meta);
            if let Place::Consent(manager) = &meta.place {
                findings.push(
                    finding(ids::CONSENT_GATED_SCRIPT, Status::Info, "The pixel code waits for cookie consent")
                        .detail("The script with the pixel is held back by a consent manager until the visitor agrees. Visitors who decline (or never answer) are not measured, and the click reference may be gone from the address by the time they agree.")
                        .evidence("Script", fact.label.clone())
                        .evidence("Held back by", manager.clone())
                        .remedy("Nothing to fix if this is your consent policy. Consider loading the pixel at once with “oaiq(\"consent\", false)” and switching to “true” on agreement, so the click reference is kept."),
                );
            }
        }
        let holds_snippet = fact.defines_stub
            || loads_sdk
            || fact.returns_if_defined
            || crate::inert::holds_snippet(texts[i]);
        findings.extend(health::broken_snippet(fact, holds_snippet, texts[i]));
        health::script_health(
            fact,
            has_pixel_code || fact.mentions_pixel,
            &mut findings,
            &mut limit_lines,
        );
    }

    // When the calls run.
    findings.extend(firing::findings(&judged, &definers));
    let sdk_tag = page.external_scripts.iter().any(|s| {
        s.url
            .as_ref()
            .is_some_and(|u| classify_url(u, s.src.starts_with("//")) == UrlKind::OfficialSdk)
    });
    findings.extend(firing::stub_blocks_snippet(
        &definers, &snippets, &loaders, sdk_tag,
    ));
    if !sdk_urls.iter().any(|s| s.official) && !sdk_tag {
        if let Some((label, at)) = stub_only.first() {
            findings.push(health::incomplete_snippet(label, at.clone()));
        }
    }

    // Pixel code that never runs.
    let live = Live {
        any: snippet_found
            || sdk_urls.iter().any(|s| s.official)
            || calls.iter().any(|c| c.firing.may_fire())
            || events.iter().any(|e| e.firing.may_fire()),
        events: judged
            .iter()
            .filter(|j| j.firing.firing.may_fire())
            .filter_map(|j| j.event.clone())
            .chain(
                events
                    .iter()
                    .filter(|e| e.firing.may_fire())
                    .map(|e| e.name.clone()),
            )
            .collect(),
    };
    let (dead_events, dead_findings) = inert_report::report(&dead_blocks, dead_facts, &live);
    events.extend(dead_events);
    findings.extend(dead_findings);
    let noscript_images: Vec<&FoundEvent> = events
        .iter()
        .filter(|e| e.firing == Firing::NoscriptImage)
        .collect();
    if !live.any && !noscript_images.is_empty() {
        let mut f = finding(ids::NOSCRIPT_ONLY, Status::Fail, "The pixel is only an image tag inside <noscript>")
            .detail("Browsers load what is inside <noscript> only when JavaScript is turned off, which is almost never the case. For nearly every visitor this page sends no event at all.")
            .remedy("Add OpenAI's JavaScript snippet near the top of <head> (Ads Manager → Conversions shows it with your pixel ID). Keep the image tag inside <noscript> as the fallback.");
        for e in noscript_images.iter().take(5) {
            f = f.evidence_at(
                "Image tag in <noscript>",
                e.name.clone(),
                e.location.to_string(),
            );
        }
        findings.push(f);
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

/// Where the pixel function is first defined in a script.
fn js_location(fact: &js::ScriptFacts, label: &str) -> Location {
    fact.first_definition_at
        .clone()
        .unwrap_or_else(|| Location::source_only(label))
}

/// Whether an image tag address built in page code is sent.
fn string_firing(place: &Place, context: Option<&str>) -> (Firing, Option<String>) {
    match (place, context) {
        (Place::Broken, _) => (
            Firing::Never,
            Some("its script has a syntax error, so browsers skip it".into()),
        ),
        (Place::Consent(m), _) => (
            Firing::ConsentGated,
            Some(format!("its script waits for the visitor's consent ({m})")),
        ),
        (Place::Handler, _) => (
            Firing::Conditional,
            Some("in an event-handler attribute".into()),
        ),
        (_, Some(reason)) => (Firing::Conditional, Some(reason.to_string())),
        (_, None) => (Firing::Certain, None),
    }
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
        firing: Firing::Certain,
        firing_reason: None,
        blocked_by: None,
    }
}

fn wrong_sdk(url: &str, why: &str, location: &Location) -> Finding {
    let official = &crate::data::data().sdk.sdk_url;
    finding(ids::SDK_URL_WRONG, Status::Fail, "The pixel is loaded from the wrong address")
        .detail(format!("The page loads the pixel script from an address that is not OpenAI's: {why}. The pixel may not load at all, or run an outdated copy."))
        .evidence_at("Address", url, location.to_string())
        .remedy(format!("Load the SDK from exactly {official}, as in OpenAI's snippet."))
}
