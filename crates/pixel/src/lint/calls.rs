//! Lints the sequence of `oaiq(...)` calls on a page: `init` (pixel IDs, debug, user data),
//! `measure` / `measureSingle` (through the payload lint), `consent`, and unknown commands.
//! Works the same for calls read from the source and calls recorded in a browser.

use preflight_model::{Confidence, Finding, Status};
use serde_json::{Map, Value};

use super::{is_dynamic, payload, show, user};
use crate::data::data;
use crate::finding::{finding, with_code};
use crate::ids;
use crate::types::{Firing, FoundEvent, How, InitOptions, PixelCall};

#[derive(Debug, Default)]
pub struct CallLint {
    pub findings: Vec<Finding>,
    pub events: Vec<FoundEvent>,
    pub init_options: Vec<InitOptions>,
    /// Literal pixel IDs from `init` and `measureSingle`, in order of appearance.
    pub pixel_ids: Vec<String>,
}

pub fn lint_calls(calls: &[PixelCall]) -> CallLint {
    let mut out = CallLint::default();
    let mut init_ids: Vec<String> = Vec::new();
    let mut dynamic_init_id = false;
    let mut seen_init: Vec<(&PixelCall, &[Value])> = Vec::new();
    for call in calls {
        let mut local = Vec::new();
        // A call that never runs (it stops its script, or its script is skipped) sets nothing up.
        let runs = call.firing != Firing::Never;
        match call.command.as_str() {
            "init" => {
                let opts = call.args.first();
                let duplicate = seen_init.iter().any(|(c, args)| {
                    c.how == call.how
                        && *args == call.args.as_slice()
                        && c.location != call.location
                });
                if duplicate {
                    local.push(
                        finding(ids::INIT_DUPLICATED, Status::Warn, "The pixel is initialised twice with the same settings")
                            .detail("The same “init” call appears more than once, usually because the snippet is installed twice (theme and tag manager, or layout and page). Events can then be counted twice.")
                            .remedy("Keep one copy of the snippet. Call “init” again only when you add customer data (“user”)."),
                    );
                }
                seen_init.push((call, call.args.as_slice()));
                let init = lint_init(opts, !init_ids.is_empty() || dynamic_init_id, &mut local);
                if !runs {
                    out.findings.extend(
                        local
                            .into_iter()
                            .map(|f| with_code(f, &call.text, &call.location)),
                    );
                    continue;
                }
                match &init.pixel_id {
                    Some(id) if !init_ids.contains(id) => init_ids.push(id.clone()),
                    Some(_) => {}
                    None => {
                        dynamic_init_id |=
                            opts.and_then(|o| o.get("pixelId")).is_some_and(is_dynamic)
                                || opts.is_some_and(is_dynamic)
                    }
                }
                out.init_options.push(InitOptions {
                    how: call.how,
                    location: call.location.clone(),
                    ..init
                });
            }
            "measure" | "measureSingle" => {
                let single = call.command == "measureSingle";
                let args = if single {
                    call.args.get(1..).unwrap_or_default()
                } else {
                    &call.args[..]
                };
                if single {
                    if let Some(Value::String(pid)) = call.args.first().filter(|v| !is_dynamic(v)) {
                        if !out.pixel_ids.contains(pid) {
                            out.pixel_ids.push(pid.clone());
                        }
                        if !dynamic_init_id && !init_ids.contains(pid) {
                            local.push(
                                finding(ids::MEASURE_SINGLE_UNKNOWN_PIXEL, Status::Warn, format!("“measureSingle” targets pixel {pid}, which this page does not initialise"))
                                    .detail("“measureSingle” sends only to a pixel already set up with “init”; the SDK does not fall back to another pixel, so this event may go nowhere.")
                                    .confidence(Confidence::Medium)
                                    .remedy(format!("Call “oaiq(\"init\", {{ pixelId: \"{pid}\" }})” before this event, or correct the pixel ID.")),
                            );
                        }
                    }
                }
                let name = args.first().cloned().unwrap_or(Value::Null);
                local.extend(payload::lint_event(&name, args.get(1), args.get(2)));
                let custom_event_name = args
                    .get(2)
                    .and_then(|o| o.get("custom_event_name"))
                    .and_then(Value::as_str)
                    .map(str::to_string);
                out.events.push(FoundEvent {
                    name: name
                        .as_str()
                        .map_or_else(|| crate::types::DYNAMIC.to_string(), str::to_string),
                    custom_event_name,
                    how: call.how,
                    via: call.command.clone(),
                    location: call.location.clone(),
                    args: args.get(1..).map(<[Value]>::to_vec).unwrap_or_default(),
                    problems: {
                        let mut problems: Vec<String> = call.blocked_by.iter().cloned().collect();
                        problems.extend(failing_ids(&local));
                        problems
                    },
                    firing: if call.how == How::Rendered {
                        Firing::Observed
                    } else {
                        call.firing
                    },
                    firing_reason: call.firing_reason.clone(),
                });
            }
            "consent" => {
                let denied = call.args.first() == Some(&Value::Bool(false));
                let after_init = !out.init_options.is_empty();
                if denied && after_init {
                    local.push(
                        finding(ids::CONSENT_AFTER_INIT, Status::Warn, "Consent is withdrawn after the pixel has started")
                            .detail("“oaiq(\"consent\", false)” must come before “init”. Called after it, events may already have been sent before consent was known.")
                            .confidence(Confidence::Medium)
                            .remedy("Call “oaiq(\"consent\", false)” before “init” when consent is not yet given, then “oaiq(\"consent\", true)” once the visitor agrees."),
                    );
                }
            }
            cmd if cmd == crate::types::DYNAMIC => {}
            cmd => {
                let hint = match cmd {
                    "track" | "trackCustom" | "event" | "send" => {
                        " It looks like a Meta or Google command; the OpenAI pixel uses “measure”."
                    }
                    _ => "",
                };
                local.push(
                    finding(ids::COMMAND_UNKNOWN, Status::Fail, format!("Unknown pixel command \"{cmd}\""))
                        .detail(format!("The OpenAI pixel understands only {}.{hint} Other commands are ignored, so this call does nothing.", data().events.commands.iter().map(|c| format!("“{c}”")).collect::<Vec<_>>().join(", ")))
                        .remedy("Use “oaiq(\"measure\", \"<event name>\", { type: … })” to send an event, or “oaiq(\"init\", { pixelId })” to set up the pixel."),
                );
            }
        }
        out.findings.extend(
            local
                .into_iter()
                .map(|f| with_code(f, &call.text, &call.location)),
        );
    }
    for id in init_ids {
        if !out.pixel_ids.contains(&id) {
            out.pixel_ids.insert(0, id);
        }
    }
    let distinct: Vec<&String> = {
        let mut v: Vec<&String> = Vec::new();
        for i in out.init_options.iter().filter_map(|i| i.pixel_id.as_ref()) {
            if !v.contains(&i) {
                v.push(i);
            }
        }
        v
    };
    if distinct.len() > 1 {
        let mut f = finding(ids::MULTIPLE_IDS, Status::Warn, format!("{} different pixel IDs are initialised on this page", distinct.len()))
            .detail("Every “measure” call goes to every pixel initialised at that moment, so each event is reported to all of them. That is right only if you meant to run several pixels (for example, an agency's and yours).")
            .remedy("Keep one “init” per pixel you really use. To send an event to one pixel only, use “oaiq(\"measureSingle\", pixelId, …)”; with several pixels always pass “pixelId” to “init”.");
        for init in out.init_options.iter().filter(|i| i.pixel_id.is_some()) {
            f = f.evidence_at(
                "Pixel ID",
                init.pixel_id.clone().unwrap_or_default(),
                init.location.to_string(),
            );
        }
        out.findings.push(f);
    }
    out
}

fn failing_ids(findings: &[Finding]) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    for f in findings.iter().filter(|f| f.status == Status::Fail) {
        if !ids.contains(&f.id) {
            ids.push(f.id.clone());
        }
    }
    ids
}

/// Reads and checks one `init` argument. `has_earlier_id`: a pixel ID was already set.
fn lint_init(opts: Option<&Value>, has_earlier_id: bool, out: &mut Vec<Finding>) -> InitOptions {
    let mut init = InitOptions {
        pixel_id: None,
        debug: None,
        user: None,
        how: crate::types::How::Static,
        location: crate::types::Location::source_only(""),
    };
    let map: &Map<String, Value> = match opts {
        Some(v) if is_dynamic(v) => return init,
        Some(Value::Object(map)) => map,
        Some(Value::String(id)) => {
            out.push(
                finding(ids::ID_MISSING, Status::Fail, "“init” is given a bare pixel ID instead of an options object")
                    .detail("The OpenAI pixel expects “oaiq(\"init\", { pixelId: \"…\" })”. Passing the ID on its own (as Meta's pixel does) leaves the pixel without an ID.")
                    .remedy(format!("Write “oaiq(\"init\", {{ pixelId: \"{id}\" }})”.")),
            );
            return init;
        }
        _ => {
            if !has_earlier_id {
                out.push(missing_id());
            }
            return init;
        }
    };
    let sdk = &data().sdk;
    for key in map.keys() {
        if key == crate::js::SPREAD_KEY
            || key == crate::types::DYNAMIC
            || sdk.init_keys.contains(key)
        {
            continue;
        }
        let hint = match key.as_str() {
            "pixel_id" | "pixelID" | "pixelid" | "id" | "pid" => " Did you mean “pixelId”?",
            "email_sha256" | "external_id_sha256" | "email" => " Customer fields go inside “user”.",
            _ => "",
        };
        out.push(
            finding(
                ids::INIT_OPTION_UNKNOWN,
                Status::Warn,
                format!("Unknown “init” option “{key}”"),
            )
            .detail(format!(
                "“init” accepts “pixelId”, “debug” and “user”; “{key}” is ignored.{hint}"
            ))
            .remedy(if hint.contains("pixelId") {
                format!("Rename “{key}” to “pixelId”.")
            } else {
                format!("Remove “{key}”, or move it where it belongs.{hint}")
            }),
        );
    }
    match map.get("pixelId") {
        Some(Value::String(id)) if !is_dynamic(&Value::String(id.clone())) => {
            check_pixel_id(id, out);
            init.pixel_id = Some(id.clone());
        }
        Some(v) if is_dynamic(v) => {}
        Some(other) => out.push(
            finding(
                ids::ID_MISSING,
                Status::Fail,
                format!("“pixelId” is {}, not text", show(other)),
            )
            .detail("The pixel ID must be the text ID shown in Ads Manager (Conversions tab).")
            .remedy("Copy the pixel ID from Ads Manager and pass it as a string."),
        ),
        None => {
            let has_id_alias = map.keys().any(|k| {
                matches!(
                    k.as_str(),
                    "pixel_id" | "pixelID" | "pixelid" | "id" | "pid"
                )
            });
            if !has_earlier_id && !has_id_alias {
                out.push(missing_id());
            }
        }
    }
    match map.get("debug") {
        Some(Value::Bool(true)) => {
            init.debug = Some(true);
            out.push(
                finding(ids::DEBUG_ENABLED, Status::Warn, "Debug mode is left on")
                    .detail("“debug: true” logs every pixel call to the browser console. It is meant for testing; on a live site it exposes your setup to anyone who opens the console and adds noise.")
                    .remedy("Remove “debug: true” (or set it to false) before going live; turn it on only while testing."),
            );
        }
        Some(Value::Bool(false)) => init.debug = Some(false),
        _ => {}
    }
    if let Some(u) = map.get("user") {
        init.user = Some(u.clone());
        out.extend(user::lint_user(u));
    }
    init
}

fn missing_id() -> Finding {
    finding(ids::ID_MISSING, Status::Fail, "The pixel is initialised without a pixel ID")
        .detail("The first “init” call must include “pixelId”; without it no event can be attributed to your ad account.")
        .remedy("Add your pixel ID from Ads Manager (Conversions tab): “oaiq(\"init\", { pixelId: \"…\" })”.")
}

fn check_pixel_id(id: &str, out: &mut Vec<Finding>) {
    let upper = id.to_ascii_uppercase();
    let placeholder = id.is_empty()
        || id.contains('<')
        || upper.contains("YOUR")
        || upper.contains("PIXEL_ID")
        || upper.contains("PIXEL-ID")
        || upper.contains("XXXX");
    if placeholder {
        out.push(
            finding(ids::ID_FORMAT, Status::Fail, format!("The pixel ID is a placeholder: \"{id}\""))
                .detail("The snippet was pasted without replacing the example pixel ID, so no event reaches your account.")
                .remedy("Replace it with your pixel ID from Ads Manager (Conversions tab)."),
        );
        return;
    }
    let plausible = (10..=40).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_alphanumeric());
    if !plausible {
        out.push(
            finding(ids::ID_FORMAT, Status::Info, format!("The pixel ID \"{id}\" does not look like other pixel IDs"))
                .detail("Pixel IDs seen so far are 10–40 letters and digits. OpenAI documents no format, so this is only a hint to double-check it.")
                .confidence(Confidence::Low)
                .remedy("Compare the ID with the one shown in Ads Manager (Conversions tab)."),
        );
    }
}
