//! Tag files of the site's own, pixel code that never runs, when calls run (`firing`), and
//! constants followed to their values. Pages are written here from OpenAI's published snippet
//! shape; site files live in `tests/fixtures/site_files/`.

use std::fs;
use std::path::Path;

use preflight_model::Status;
use preflight_pixel::*;

const PAGE: &str = "https://shop.example/products/runner";

const SNIPPET: &str = r#"<script>(function(w,d,s,u){if(w.oaiq)return;var q=w.oaiq=function(){q.q.push(arguments)};q.q=[];var t=d.createElement(s);t.async=true;t.src=u;d.head.appendChild(t)})(window,document,"script","https://bzrcdn.openai.com/sdk/oaiq.min.js");
oaiq("init", { pixelId: "Q3EEHmNNmitscStzPbzSGs" });</script>"#;

fn site_file(name: &str) -> String {
    let dir =
        std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| env!("CARGO_MANIFEST_DIR").into());
    fs::read_to_string(Path::new(&dir).join("tests/fixtures/site_files").join(name)).unwrap()
}

fn page(head: &str, body: &str) -> String {
    format!("<!doctype html><html><head><title>t</title>{head}</head><body><h1>Shoes</h1>{body}</body></html>")
}

fn with_snippet(body_js: &str) -> PixelReport {
    scan(
        PAGE,
        &page(SNIPPET, &format!("<script>{body_js}</script>")),
        &[],
        &[],
    )
}

fn find<'r>(r: &'r PixelReport, id: &str) -> Option<&'r preflight_model::Finding> {
    r.findings.iter().find(|f| f.id == id)
}

fn ids(r: &PixelReport) -> Vec<(&str, Status)> {
    r.findings
        .iter()
        .map(|f| (f.id.as_str(), f.status))
        .collect()
}

fn event<'r>(r: &'r PixelReport, name: &str) -> &'r FoundEvent {
    r.events
        .iter()
        .find(|e| e.name == name)
        .unwrap_or_else(|| panic!("no {name} in {:#?}", r.events))
}

fn script(url: &str, text: String) -> ScriptSource {
    ScriptSource {
        url: url.into(),
        text,
    }
}

// 1. A site's own tag file is not a self-hosted SDK.

#[test]
fn tag_file_holding_the_official_snippet_is_not_a_wrong_sdk() {
    for (path, file) in [
        ("/js/oaiq.js", "oaiq.js"),
        ("/assets/oaiq-init.js", "oaiq-init.min.js"),
        ("/pixel/openai.min.js", "openai.min.js"),
    ] {
        let html = page(&format!("<script src=\"{path}\"></script>"), "");
        let url = format!("https://shop.example{path}");
        let r = scan(PAGE, &html, &[], &[script(&url, site_file(file))]);
        assert!(
            find(&r, ids::SDK_URL_WRONG).is_none(),
            "{path}: {:?}",
            ids(&r)
        );
        assert!(r.installed, "{path}: {:?}", ids(&r));
        assert!(r.snippet_found, "{path}");
        assert!(
            r.sdk_urls.iter().any(|s| s.official),
            "{path}: {:?}",
            r.sdk_urls
        );
        assert_eq!(r.pixel_ids, vec!["Q3EEHmNNmitscStzPbzSGs"], "{path}");
        if path.contains("oaiq") {
            let f = find(&r, ids::SNIPPET_IN_SITE_FILE).expect("named as a tag file");
            assert_eq!(f.status, Status::Info);
        }
        assert!(
            !r.findings.iter().any(|f| f.status == Status::Fail),
            "{path}: {:?}",
            ids(&r)
        );
    }
}

#[test]
fn events_in_a_tag_file_count_and_carry_their_place() {
    let html = page("<script src=\"/assets/oaiq-init.js\" async></script>", "");
    let url = "https://shop.example/assets/oaiq-init.js";
    let r = scan(
        PAGE,
        &html,
        &[],
        &[script(url, site_file("oaiq-init.min.js"))],
    );
    let lead = event(&r, "lead_created");
    assert_eq!(lead.firing, Firing::Certain, "{:?}", lead.firing_reason);
    assert_eq!(lead.location.source, url);
    assert_eq!(lead.location.line, Some(1));
    assert!(lead.problems.is_empty());
}

#[test]
fn inline_calls_after_a_deferred_tag_file_run_too_early() {
    let html = page(
        "<script src=\"/js/oaiq.js\" defer></script>",
        "<script>oaiq(\"measure\", \"contents_viewed\", { type: \"contents\" });</script>",
    );
    let r = scan(
        PAGE,
        &html,
        &[],
        &[script(
            "https://shop.example/js/oaiq.js",
            site_file("oaiq.js"),
        )],
    );
    let f =
        find(&r, ids::CALL_BEFORE_SNIPPET).expect("the inline call runs before the deferred file");
    assert_eq!(f.status, Status::Fail);
    let viewed = event(&r, "contents_viewed");
    assert_eq!(viewed.firing, Firing::Never);
    assert!(viewed
        .problems
        .contains(&ids::CALL_BEFORE_SNIPPET.to_string()));
    // The file's own event runs after its stub.
    assert_eq!(event(&r, "page_viewed").firing, Firing::Certain);
}

#[test]
fn inline_calls_after_an_async_tag_file_depend_on_order() {
    let html = page(
        "<script src=\"/js/oaiq.js\" async></script>",
        "<script>oaiq(\"measure\", \"contents_viewed\", { type: \"contents\" });</script>",
    );
    let r = scan(
        PAGE,
        &html,
        &[],
        &[script(
            "https://shop.example/js/oaiq.js",
            site_file("oaiq.js"),
        )],
    );
    assert_eq!(event(&r, "contents_viewed").firing, Firing::OrderDependent);
    let f = find(&r, ids::CALL_ORDER_UNCERTAIN).expect("order warning");
    assert_eq!(f.status, Status::Warn);
    assert!(find(&r, ids::CALL_BEFORE_SNIPPET).is_none());
}

#[test]
fn a_real_copy_of_the_sdk_still_gets_the_wrong_address_finding() {
    let html = page("<script src=\"/js/oaiq.min.js\"></script>", "");
    let r = scan(
        PAGE,
        &html,
        &[],
        &[script(
            "https://shop.example/js/oaiq.min.js",
            site_file("sdk-copy.js"),
        )],
    );
    let f = find(&r, ids::SDK_URL_WRONG).expect("a copy of the SDK");
    assert_eq!(f.status, Status::Fail);
    assert!(f.title.contains("copy"), "{}", f.title);
    // The copy's internals are not the page's calls.
    assert!(r.calls.is_empty(), "{:?}", r.calls);
    // Not read: judged by its name, as before.
    let unread = scan(PAGE, &html, &[], &[]);
    assert_eq!(
        find(&unread, ids::SDK_URL_WRONG).unwrap().status,
        Status::Fail
    );
}

#[test]
fn an_sdk_address_built_from_literal_pieces_is_the_official_one() {
    let js = r#"(function(w,d,s,u){if(w.oaiq)return;var q=w.oaiq=function(){q.q.push(arguments)};q.q=[];var t=d.createElement(s);t.async=true;t.src=u;d.head.appendChild(t)})(window,document,"script","https://" + "bzrcdn.openai.com" + "/sdk/" + "oaiq.min.js");
oaiq("init", { pixelId: "Q3EEHmNNmitscStzPbzSGs" });"#;
    let r = scan(PAGE, &page(&format!("<script>{js}</script>"), ""), &[], &[]);
    assert!(find(&r, ids::SDK_URL_WRONG).is_none(), "{:?}", ids(&r));
    assert!(r.installed);
    assert_eq!(r.sdk_urls.len(), 1, "{:?}", r.sdk_urls);
}

// 2. Why a snippet does not count.

#[test]
fn a_commented_out_snippet_is_named_not_reported_missing() {
    let html = page(
        &format!("<!-- {SNIPPET}\n<script>oaiq(\"measure\", \"page_viewed\", {{ type: \"contents\" }});</script> -->"),
        "",
    );
    let r = scan(PAGE, &html, &[], &[]);
    assert!(!r.installed);
    let f = find(&r, ids::SNIPPET_IN_COMMENT).expect("named");
    assert_eq!(f.status, Status::Fail);
    assert!(
        f.evidence.iter().any(|e| e.value.contains("page_viewed")),
        "{:?}",
        f.evidence
    );
    assert!(find(&r, ids::NOT_FOUND).is_none(), "{:?}", ids(&r));
    let e = event(&r, "page_viewed");
    assert_eq!(e.firing, Firing::Never);
    assert_eq!(e.problems, vec![ids::SNIPPET_IN_COMMENT.to_string()]);
    // Never-sent events do not cover a funnel step.
    let c = funnel_coverage(funnel("ecommerce").unwrap(), &r.events);
    assert!(!c.present.contains(&"page_viewed".to_string()));
}

#[test]
fn an_old_commented_copy_next_to_a_live_one_is_only_info() {
    let html = page(
        &format!("{SNIPPET}<!-- old: <script>oaiq(\"init\", {{ pixelId: \"OLDOLDOLDOLDOLD1\" }});</script> -->"),
        "",
    );
    let r = scan(PAGE, &html, &[], &[]);
    assert!(r.installed);
    assert_eq!(
        find(&r, ids::SNIPPET_IN_COMMENT).unwrap().status,
        Status::Info
    );
    assert!(!r.pixel_ids.contains(&"OLDOLDOLDOLDOLD1".to_string()));
}

#[test]
fn text_plain_without_a_consent_manager_never_runs() {
    let body = SNIPPET.replace("<script>", "<script type=\"text/plain\">");
    let r = scan(PAGE, &page(&body, ""), &[], &[]);
    assert!(!r.installed);
    let f = find(&r, ids::SNIPPET_PARKED).expect("parked");
    assert_eq!(f.status, Status::Fail);
    assert!(f
        .evidence
        .iter()
        .any(|e| e.value.contains("OpenAI's snippet")));
    assert!(find(&r, ids::NOT_FOUND).is_none());
    assert!(find(&r, ids::CONSENT_GATED_SCRIPT).is_none());
}

#[test]
fn consent_manager_markers_make_it_consent_gated() {
    for attrs in [
        "data-cookieconsent=\"marketing\"",
        "data-cookiecategory=\"targeting\"",
        "data-category=\"marketing\"",
        "class=\"optanon-category-C0004\"",
        "data-usercentrics=\"OpenAI Ads\"",
        "data-cmp-ab=\"1\" class=\"cmplazyload\"",
        "data-type=\"application/javascript\" data-name=\"openai\"",
        "class=\"_iub_cs_activate\" data-iub-purposes=\"5\"",
        "data-service=\"openai-ads\" data-category=\"marketing\"",
    ] {
        let js = "oaiq(\"measure\", \"lead_created\", { type: \"customer_action\" });";
        let html = page(
            SNIPPET,
            &format!("<script type=\"text/plain\" {attrs}>{js}</script>"),
        );
        let r = scan(PAGE, &html, &[], &[]);
        let f =
            find(&r, ids::CONSENT_GATED_SCRIPT).unwrap_or_else(|| panic!("{attrs}: {:?}", ids(&r)));
        assert_eq!(f.status, Status::Info);
        assert!(find(&r, ids::SNIPPET_PARKED).is_none(), "{attrs}");
        let lead = event(&r, "lead_created");
        assert_eq!(lead.firing, Firing::ConsentGated, "{attrs}");
    }
}

#[test]
fn an_escaped_snippet_in_page_text_is_named() {
    let escaped = SNIPPET
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;");
    let r = scan(PAGE, &page("", &format!("<p>{escaped}</p>")), &[], &[]);
    let f = find(&r, ids::SNIPPET_AS_TEXT).expect("named");
    assert_eq!(f.status, Status::Fail, "{:?}", ids(&r));
    assert!(find(&r, ids::NOT_FOUND).is_none());
    // A how-to article on a page that has its own live pixel: context only.
    let prose = "<article><p>Paste this:</p><pre><code>&lt;script&gt;\n(function (w, d, s, u) {\n  if (w.oaiq) return;\n})(window, document, &quot;script&quot;, &quot;https://bzrcdn.openai.com/sdk/oaiq.min.js&quot;);\noaiq(&quot;init&quot;, { pixelId: &quot;&lt;YOUR-PIXEL-ID&gt;&quot; });\n&lt;/script&gt;</code></pre><p>Then call oaiq(\"measure\", \"lead_created\") on success.</p></article>";
    let r = scan(PAGE, &page(SNIPPET, prose), &[], &[]);
    assert!(r.installed);
    let f = find(&r, ids::SNIPPET_AS_TEXT).expect("named");
    assert!(matches!(f.status, Status::Fail | Status::Info));
    assert!(
        find(&r, ids::ID_FORMAT).is_none(),
        "text is not linted as code: {:?}",
        ids(&r)
    );
}

#[test]
fn noscript_only_integrations_are_named() {
    let img = "<noscript><img src=\"https://bzr.openai.com/v1/sdk/events?pid=Q3EEHmNNmitscStzPbzSGs&amp;event=page_viewed&amp;data[type]=contents\" width=\"1\" height=\"1\" alt=\"\"></noscript>";
    let r = scan(PAGE, &page("", img), &[], &[]);
    assert!(!r.installed);
    assert_eq!(find(&r, ids::NOSCRIPT_ONLY).unwrap().status, Status::Fail);
    assert_eq!(event(&r, "page_viewed").firing, Firing::NoscriptImage);
    assert!(find(&r, ids::NOT_FOUND).is_none());
    // With the snippet as well, the image is the normal fallback.
    let r = scan(PAGE, &page(SNIPPET, img), &[], &[]);
    assert!(r.installed);
    assert!(find(&r, ids::NOSCRIPT_ONLY).is_none());

    let script_in_noscript = format!("<noscript>{SNIPPET}</noscript>");
    let r = scan(PAGE, &page("", &script_in_noscript), &[], &[]);
    assert!(!r.installed);
    assert_eq!(
        find(&r, ids::SNIPPET_IN_NOSCRIPT).unwrap().status,
        Status::Fail,
        "{:?}",
        ids(&r)
    );
}

// 3. When calls run.

#[test]
fn calls_behind_conditions_listeners_and_functions_are_conditional() {
    let r = with_snippet(
        r#"
        if (location.pathname === "/thanks") { oaiq("measure", "order_created", { type: "contents" }); }
        document.querySelector("form").addEventListener("submit", function () {
          oaiq("measure", "lead_created", { type: "customer_action" });
        });
        function trackSignup() { oaiq("measure", "registration_completed", { type: "customer_action" }); }
        setTimeout(() => oaiq("measure", "contents_viewed", { type: "contents" }), 500);
        (function () { oaiq("measure", "page_viewed", { type: "contents" }); })();
        "#,
    );
    for name in [
        "order_created",
        "lead_created",
        "registration_completed",
        "contents_viewed",
    ] {
        let e = event(&r, name);
        assert_eq!(e.firing, Firing::Conditional, "{name}");
        assert!(e.firing_reason.is_some(), "{name}");
    }
    assert!(event(&r, "lead_created")
        .firing_reason
        .as_deref()
        .unwrap()
        .contains("submit"));
    assert!(event(&r, "registration_completed")
        .firing_reason
        .as_deref()
        .unwrap()
        .contains("trackSignup"));
    assert_eq!(event(&r, "page_viewed").firing, Firing::Certain);
    assert_eq!(
        find(&r, ids::EVENT_CONDITIONAL).unwrap().status,
        Status::Info
    );
    assert!(find(&r, ids::CALL_BEFORE_SNIPPET).is_none());
}

#[test]
fn a_top_level_measure_before_the_snippet_throws() {
    let html = format!(
        "<!doctype html><html><head><script>oaiq(\"measure\", \"page_viewed\", {{ type: \"contents\" }});</script>{SNIPPET}</head><body></body></html>"
    );
    let r = scan(PAGE, &html, &[], &[]);
    let f = find(&r, ids::CALL_BEFORE_SNIPPET).expect("fails");
    assert_eq!(f.status, Status::Fail);
    assert_eq!(event(&r, "page_viewed").firing, Firing::Never);
    // The same call in a listener, a timer or a module waits for the page: no failure.
    for wrapped in [
        "document.addEventListener('DOMContentLoaded', function () { oaiq('measure', 'page_viewed', { type: 'contents' }); });",
        "setTimeout(function () { oaiq('measure', 'page_viewed', { type: 'contents' }); }, 0);",
    ] {
        let html = format!("<html><head><script>{wrapped}</script>{SNIPPET}</head></html>");
        let r = scan(PAGE, &html, &[], &[]);
        assert!(find(&r, ids::CALL_BEFORE_SNIPPET).is_none(), "{wrapped}");
        assert_eq!(event(&r, "page_viewed").firing, Firing::Conditional);
    }
    let module = format!("<html><head><script type=\"module\">oaiq('measure', 'page_viewed', {{ type: 'contents' }});</script>{SNIPPET}</head></html>");
    let r = scan(PAGE, &module, &[], &[]);
    assert_eq!(
        event(&r, "page_viewed").firing,
        Firing::Certain,
        "{:?}",
        ids(&r)
    );
}

#[test]
fn a_guard_avoids_the_error_but_stops_the_official_snippet() {
    let guard = "<script>window.oaiq = window.oaiq || function () { (window.oaiq.q = window.oaiq.q || []).push(arguments); };\noaiq('measure', 'page_viewed', { type: 'contents' });</script>";
    let html = format!("<html><head>{guard}{SNIPPET}</head></html>");
    let r = scan(PAGE, &html, &[], &[]);
    assert!(
        find(&r, ids::CALL_BEFORE_SNIPPET).is_none(),
        "{:?}",
        ids(&r)
    );
    assert_eq!(event(&r, "page_viewed").firing, Firing::Certain);
    assert_eq!(
        find(&r, ids::STUB_BLOCKS_SNIPPET).unwrap().status,
        Status::Fail
    );
}

#[test]
fn rendered_events_are_observed() {
    let r = lint_recorded_calls(&[RecordedCall {
        command: "measure".into(),
        args_json: r#"["page_viewed", {"type": "contents"}]"#.into(),
        source: "capture".into(),
    }]);
    assert_eq!(r.events[0].firing, Firing::Observed);
    let json = serde_json::to_value(&r.events[0]).unwrap();
    assert_eq!(json["firing"], "observed");
}

// Bad input.

#[test]
fn half_written_snippets_are_named() {
    let truncated = "<script>(function(w,d,s,u){if(w.oaiq)return;var q=w.oaiq=function(){q.q.push(arguments)};q.q=[];var t=d.createElement(s);t.async=true;t.src=u;d.head.appendChild(t)})(window,document,\"script\",\"https://bzrcdn.openai.com/sdk/oaiq.min.js\"</script>";
    let r = scan(PAGE, &page(truncated, ""), &[], &[]);
    let f = find(&r, ids::SNIPPET_BROKEN).expect("broken");
    assert_eq!(f.status, Status::Fail);
    assert!(f.evidence.iter().any(|e| e.label == "Syntax error"));
    assert!(!r.installed);

    // A call cut short: the script is named, and nothing in it counts as sent.
    let open =
        format!("{SNIPPET}\n<script>oaiq('measure', 'page_viewed', {{ type: 'contents' </script>");
    let r = scan(PAGE, &page(&open, ""), &[], &[]);
    let f = find(&r, ids::SCRIPT_SYNTAX_ERROR).expect("syntax error named");
    assert_eq!(f.status, Status::Warn);
    assert!(f.evidence[0]
        .location
        .as_deref()
        .unwrap()
        .starts_with("inline script 2:"));
    assert!(
        r.events.iter().all(|e| e.firing != Firing::Certain),
        "{:?}",
        r.events
    );
    // One brace too many: the call is read, but its script never runs.
    let extra = format!(
        "{SNIPPET}\n<script>oaiq('measure', 'page_viewed', {{ type: 'contents' }}); }}</script>"
    );
    let r = scan(PAGE, &page(&extra, ""), &[], &[]);
    let viewed = event(&r, "page_viewed");
    assert_eq!(viewed.firing, Firing::Never, "{:?}", r.events);
    assert!(viewed
        .problems
        .contains(&ids::SCRIPT_SYNTAX_ERROR.to_string()));
    assert!(
        find(&r, ids::SNIPPET_BROKEN).is_none(),
        "the snippet itself is fine: {:?}",
        ids(&r)
    );

    let no_url = "<script>(function(w,d,s,u){if(w.oaiq)return;var q=w.oaiq=function(){q.q.push(arguments)};q.q=[];var t=d.createElement(s);t.async=true;t.src=u;d.head.appendChild(t)})(window,document,\"script\");oaiq(\"init\",{pixelId:\"Q3EEHmNNmitscStzPbzSGs\"});</script>";
    let r = scan(PAGE, &page(no_url, ""), &[], &[]);
    assert_eq!(
        find(&r, ids::SNIPPET_INCOMPLETE).unwrap().status,
        Status::Fail,
        "{:?}",
        ids(&r)
    );

    let no_init = SNIPPET.replace(
        "oaiq(\"init\", { pixelId: \"Q3EEHmNNmitscStzPbzSGs\" });",
        "",
    );
    let r = scan(PAGE, &page(&no_init, ""), &[], &[]);
    assert_eq!(find(&r, ids::INIT_MISSING).unwrap().status, Status::Fail);
}

// 4. Constants are followed.

#[test]
fn constants_are_resolved_like_literals() {
    let r = with_snippet(
        r#"
        const EVENT = "order_created";
        var CURRENCY = `USD`;
        let ITEMS = [{ id: "sku-1", quantity: 2, amount: 1999 }];
        const DATA = { type: "contents", amount: 3998, currency: CURRENCY, contents: ITEMS };
        const OPTIONS = { event_id: "order-42" };
        oaiq("measure", EVENT, DATA, OPTIONS);
        const NAMES = { LEAD: "lead_created" };
        oaiq("measure", NAMES.LEAD, { type: "customer_action" });
        "#,
    );
    let order = event(&r, "order_created");
    assert_eq!(order.args[0]["currency"], "USD");
    assert_eq!(order.args[0]["contents"][0]["quantity"], 2);
    assert_eq!(order.args[1]["event_id"], "order-42");
    assert!(order.problems.is_empty(), "{:?}", order.problems);
    event(&r, "lead_created");
}

#[test]
fn reassigned_or_computed_values_stay_dynamic() {
    let r = with_snippet(
        r#"
        let name = "order_created";
        if (window.test) { name = "lead_created"; }
        oaiq("measure", name, { type: "contents" });
        var price = getPrice();
        const payload = { type: "contents", amount: price, currency: "USD" };
        oaiq("measure", "checkout_started", payload);
        const data = { type: "contents", currency: "USD" };
        data.amount = cart.total;
        oaiq("measure", "items_added", data);
        const suffix = window.kind;
        oaiq("measure", "trial_" + suffix, { type: "plan_enrollment" });
        "#,
    );
    assert!(r.events.iter().any(|e| e.name == DYNAMIC), "{:?}", r.events);
    assert_eq!(event(&r, "checkout_started").args[0]["amount"], DYNAMIC);
    assert_eq!(event(&r, "items_added").args[0], DYNAMIC);
    assert!(find(&r, ids::EVENT_NAME_DYNAMIC).is_some());
}

#[test]
fn a_same_named_variable_in_another_function_is_not_confused() {
    let r = with_snippet(
        r#"
        function a() { const ev = "lead_created"; return ev; }
        function b(ev) { oaiq("measure", ev, { type: "customer_action" }); }
        const ev = "page_viewed";
        function c() { oaiq("measure", ev, { type: "contents" }); }
        function d() { let ev = compute(); oaiq("measure", ev, { type: "contents" }); }
        "#,
    );
    let names: Vec<&str> = r.events.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, vec![DYNAMIC, "page_viewed", DYNAMIC], "{names:?}");
}

#[test]
fn constants_that_multiply_stay_bounded() {
    let mut js = String::from("const A0 = [");
    js.push_str(&vec!["'xxxxxxxxxxxxxxxxxxxxxxxx'"; 200].join(","));
    js.push_str("];\n");
    for i in 1..12 {
        let prev = format!("A{}", i - 1);
        js.push_str(&format!(
            "const A{i} = [{}];\n",
            vec![prev.as_str(); 200].join(",")
        ));
    }
    for _ in 0..2_000 {
        js.push_str("oaiq('measure', 'custom', A11, { custom_event_name: A11[0][0] + A11 });\n");
    }
    let started = std::time::Instant::now();
    let r = with_snippet(&js);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
    assert!(!r.events.is_empty());
}
