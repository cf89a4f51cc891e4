//! Hostile input is normal input: a page's HTML, its scripts, its headers and what a browser
//! recorded are all written by someone else. These properties feed arbitrary bytes and
//! HTML+JavaScript-shaped junk (unbalanced brackets, strings, templates, regexes and comments
//! cut anywhere, pixel calls with odd arguments, non-ASCII names) to the public scan and to the
//! rendered-call lint, and check that each returns, finishes and reports positions that exist.
//! A panic inside the JavaScript analysis is caught by the scan and turned into a limit line;
//! these properties treat that line as a failure too. Failing inputs are kept in
//! `proptest-regressions/` and replayed first on every run; the named tests at the end pin the
//! ones worth reading.

use preflight_pixel::{
    custom_name_problem, lint_recorded_calls, merge_rendered, same_origin_script_urls, scan,
    PixelReport, RecordedCall, ScriptSource,
};
use preflight_testkit::finishes;
use proptest::prelude::*;

const PAGE_URL: &str = "https://shop.example/products/runner";

/// Failing inputs, kept in the repository and replayed first on every run.
const REGRESSIONS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/proptest-regressions/properties.txt"
);

/// Scans on a watchdog thread and checks what every report must satisfy: no script analysis
/// died (the scan turns a caught panic into a limit line), and every call sits at a real
/// 1-based position.
fn scan_checked(
    html: String,
    headers: Vec<(String, String)>,
    scripts: Vec<ScriptSource>,
) -> Result<PixelReport, TestCaseError> {
    let report = finishes(move || {
        let _ = same_origin_script_urls(PAGE_URL, &html);
        scan(PAGE_URL, &html, &headers, &scripts)
    });
    for limit in &report.limits {
        prop_assert!(
            !limit.contains("parser failed") && !limit.contains("could not run"),
            "the JavaScript analysis died: {}",
            limit
        );
    }
    for call in &report.calls {
        prop_assert!(
            call.location.line.is_none_or(|l| l >= 1),
            "{:?}",
            call.location
        );
        prop_assert!(
            call.location.column.is_none_or(|c| c >= 1),
            "{:?}",
            call.location
        );
    }
    Ok(report)
}

/// Mostly short inputs, sometimes up to 64 KiB.
fn bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        4 => prop::collection::vec(any::<u8>(), 0..512),
        1 => prop::collection::vec(any::<u8>(), 0..=65_536),
    ]
}

/// JavaScript pieces: pixel and vendor calls, literals of every kind, and the delimiters a
/// light lexer must track (strings, templates, regexes, comments), in any order, so most
/// scripts are broken somewhere.
fn js_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("oaiq(".to_string()),
        Just("window.oaiq=window.oaiq||function(){(oaiq.q=oaiq.q||[]).push(arguments)};".to_string()),
        Just("oaiq(\"init\", {pixelId: \"Q3EEHmNNmitscStzPbzSGs\", debug: true, user: {email: \"a@b.example\"}});".to_string()),
        Just("oaiq('measure', 'order_created', {type: 'contents', amount: 25.99, currency: 'usd'}, {event_id: `o-${id}`});".to_string()),
        Just("oaiq('measureSingle', 'x', 'custom', {}, {custom_event_name: 'Ünïcode name'});".to_string()),
        Just("var o = window['oaiq']; o('consent', false);".to_string()),
        Just("fbq('track', 'Purchase', {value: 1e999});".to_string()),
        Just("gtag('event', 'conversion', {send_to: 'AW-123456789/abc'});".to_string()),
        Just("dataLayer.push({event: 'purchase', ...rest});".to_string()),
        Just("\"https://bzrcdn.openai.com/sdk/oaiq.min.js\"".to_string()),
        Just("'https://bzr.openai.com/v1/sdk/events?pid=x&event=page_viewed&data[amount]=1.5&pid=y'".to_string()),
        Just("'https://bzr.openai.com/v1/events'".to_string()),
        Just("'sk-svcacct-abcdefghijklmnopqrstuvwxyz012345'".to_string()),
        Just("GTM-ABC1234".to_string()),
        Just("0x1F".to_string()),
        Just("-0".to_string()),
        Just("25.".to_string()),
        Just("void 0".to_string()),
        Just("!1".to_string()),
        Just("else if(a)".to_string()),
        Just("=>".to_string()),
        Just("const EV = 'order_created'; let D = {type: `contents`, contents: [{id: 'a'}]}; oaiq('measure', EV, D);".to_string()),
        Just("var a = b, b = a; const c = c + 'x'; oaiq('measure', a, c.d[0]);".to_string()),
        Just("x = 1; x++; for (x in o) {} [x, y] = z; ({x} = z); D.amount = 3; D.contents.push(1);".to_string()),
        Just("window.oaiq = window.oaiq || function(){};".to_string()),
        Just("if (w.oaiq) return;".to_string()),
        Just("document.addEventListener('submit', function(){ oaiq('measure', 'lead_created'); });".to_string()),
        Just("setTimeout(() => oaiq('measure', 'x'), 0);".to_string()),
        Just("(function(a,b,c,d){ d.src = c + '/sdk/' + `oaiq.min.js`; })(window, document, 'https://bzrcdn.openai.com', {});".to_string()),
        Just("function oaiq(){}".to_string()),
        Just("\"https://\" + \"bzrcdn.openai.com\" + x".to_string()),
        prop::sample::select(vec![
            "(", ")", "[", "]", "{", "}", "${", "`", "/*", "*/", "//", "/[/]+/g", "\"", "'", "\\",
            "?", ":", ",", ";", "!", "-", "+", "=", "\n", "\r\n", "\u{2028}", "</script>",
            "<!--", "é", "ツ", "𝒳", "\u{feff}",
        ])
        .prop_map(str::to_string),
        "[a-zA-Z_$][a-zA-Z0-9_$]{0,6}",
        "\\PC{1,4}",
    ]
}

fn js_text() -> impl Strategy<Value = String> {
    prop::collection::vec(js_piece(), 0..40).prop_map(|p| p.join(""))
}

/// Nesting far deeper than any real script, which the analysis must refuse or walk within
/// its limits instead of overflowing the stack.
fn deep_js() -> impl Strategy<Value = String> {
    (
        prop::sample::select(vec![
            "(",
            "[",
            "{",
            "!",
            "-",
            "a=",
            "x=>",
            "a?b:",
            "`${",
            "if(a);else ",
        ]),
        200usize..4_000,
    )
        .prop_map(|(open, n)| format!("oaiq('init', {});{}1", "{pixelId:'x'}", open.repeat(n)))
}

fn attribute_name() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("onclick".to_string()),
        Just("ONLOAD".to_string()),
        Just("o€".to_string()),
        Just("oné".to_string()),
        Just("xé".to_string()),
        Just("nonce".to_string()),
        Just("data-cookieconsent".to_string()),
        "[a-z][a-z-]{0,8}",
        "[^\\s\"'>/=\u{0}]{1,4}",
    ]
}

/// HTML pieces around the scripts: tags browsers read scripts, images and policies from, and
/// markup cut or nested oddly.
fn html_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => js_text().prop_map(|js| format!("<script>{js}</script>")),
        1 => js_text().prop_map(|js| format!("<script type=\"text/plain\" data-cookieconsent=\"marketing\">{js}</script>")),
        1 => (attribute_name(), js_text()).prop_map(|(name, js)| {
            format!("<p {name}=\"{}\">x</p>", js.replace('"', "&quot;"))
        }),
        1 => prop::sample::select(vec![
            "<html>", "<head>", "</head>", "<body>", "</body>", "<script>", "</script>",
            "<script src=\"https://bzrcdn.openai.com/sdk/oaiq.min.js\" async></script>",
            "<script src=\"//bzrcdn.openai.com/sdk/oaiq.min.js\"></script>",
            "<script src=\"/js/app.js\"></script>",
            "<script src=\"http://[::1\"></script>",
            "<base href=\"https://cdn.example/é/\">",
            "<img src=\"https://bzr.openai.com/v1/sdk/events?pid=x&amp;event=Purchase&amp;data[amount]=abc\">",
            "<noscript><img src=\"https://bzr.openai.com/v1/sdk/events?event=page_viewed\"></noscript>",
            "<noscript><script>oaiq('measure', 'page_viewed')</script></noscript>",
            "<!-- <script>oaiq('init', {pixelId: 'x'}); oaiq('measure', 'order_created', {</script> -->",
            "<pre><code>&lt;script&gt;oaiq(&quot;measure&quot;, &quot;lead_created&quot;, {type: &quot;customer_action&quot;})&lt;/script&gt;</code></pre>",
            "<p>oaiq( oaiq(( oaiq(\"a\" oaiq = bzrcdn.openai.com/sdk/oaiq.min.js</p>",
            "<script type=\"text/plain\">oaiq('measure', 'x')</script>",
            "<script type=\"text/plain\" class=\"optanon-category-C0004 _iub_cs_activate\" data-cmp-ab=\"1\">oaiq('init')</script>",
            "<script src=\"/js/oaiq.js\" defer></script>",
            "<script src=\"/js/oaiq-init.js\" async></script>",
            "<script type=\"module\">oaiq('measure', 'page_viewed')</script>",
            "<iframe src=\"https://www.googletagmanager.com/ns.html?id=GTM-XYZ1234\"></iframe>",
            "<meta http-equiv=\"Content-Security-Policy\" content=\"script-src 'self' 'nonce-abc'\">",
            "<!--", "-->", "<![CDATA[", "<textarea>", "<title>", "<style>", "<", ">", "&amp;",
            "&#x0;", "\r", "\n", "é", "ツ",
        ])
        .prop_map(str::to_string),
        1 => "\\PC{0,12}",
    ]
}

fn html_text() -> impl Strategy<Value = String> {
    prop::collection::vec(html_piece(), 0..24).prop_map(|p| p.concat())
}

fn csp_header() -> impl Strategy<Value = Vec<(String, String)>> {
    let source = prop::sample::select(vec![
        "'self'",
        "'none'",
        "'unsafe-inline'",
        "'nonce-abc'",
        "'sha256-x'",
        "*",
        "https:",
        "https://bzrcdn.openai.com",
        "*.openai.com",
        "bzr.openai.com:*",
        "bzr.openai.com:99999",
        "bzrcdn.openai.com/sdk/",
        "https://:443",
        "*.",
        ":",
        "é.example",
        "'strict-dynamic'",
    ]);
    let directive = prop::sample::select(vec![
        "default-src",
        "script-src",
        "script-src-elem",
        "connect-src",
        "img-src",
        "SCRIPT-SRC",
        "",
    ]);
    prop::collection::vec((directive, prop::collection::vec(source, 0..5)), 0..5).prop_map(|ds| {
        let value = ds
            .iter()
            .map(|(d, s)| format!("{d} {}", s.join(" ")))
            .collect::<Vec<_>>()
            .join("; ");
        vec![("Content-Security-Policy".to_string(), value)]
    })
}

/// Arguments a browser capture might record: valid JSON of any shape, near-JSON and junk.
fn args_json() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::Bool),
        any::<f64>().prop_map(|x| serde_json::json!(x)),
        any::<i64>().prop_map(|x| serde_json::json!(x)),
        prop::sample::select(vec![
            "init",
            "measure",
            "order_created",
            "custom",
            "contents",
            "USD",
            "usd",
            "<dynamic>",
            "...",
            "pixelId",
            "amount",
            "currency",
            "type",
            "user",
            "event_id",
            "",
        ])
        .prop_map(|s| serde_json::json!(s)),
        "\\PC{0,10}".prop_map(serde_json::Value::String),
    ];
    let value = leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::Array),
            prop::collection::vec(
                (
                    prop::sample::select(vec![
                        "pixelId",
                        "debug",
                        "user",
                        "type",
                        "amount",
                        "currency",
                        "contents",
                        "quantity",
                        "custom_event_name",
                        "event_id",
                        "email_sha256",
                        "country",
                        "id",
                        "...",
                        "<dynamic>",
                    ]),
                    inner,
                ),
                0..6,
            )
            .prop_map(|kv| {
                serde_json::Value::Object(kv.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
            }),
        ]
    });
    prop_oneof![
        4 => prop::collection::vec(value, 0..5).prop_map(|v| serde_json::Value::Array(v).to_string()),
        1 => "\\PC{0,30}",
        1 => Just("[".repeat(500)),
    ]
}

fn recorded_calls() -> impl Strategy<Value = Vec<RecordedCall>> {
    prop::collection::vec(
        (
            prop::sample::select(vec![
                "init",
                "measure",
                "measureSingle",
                "consent",
                "track",
                "",
            ]),
            args_json(),
            "\\PC{0,12}",
        )
            .prop_map(|(command, args_json, source)| RecordedCall {
                command: command.to_string(),
                args_json,
                source,
            }),
        0..8,
    )
}

proptest! {
    #![proptest_config(preflight_testkit::config(REGRESSIONS))]

    #[test]
    fn arbitrary_bytes_as_a_page(raw in bytes()) {
        scan_checked(String::from_utf8_lossy(&raw).into_owned(), Vec::new(), Vec::new())?;
    }

    #[test]
    fn arbitrary_bytes_as_a_script(raw in bytes()) {
        let script = ScriptSource {
            url: "https://shop.example/js/app.js".to_string(),
            text: String::from_utf8_lossy(&raw).into_owned(),
        };
        let html = "<script src=\"/js/app.js\"></script>".to_string();
        scan_checked(html, Vec::new(), vec![script])?;
    }

    #[test]
    fn arbitrary_bytes_as_a_file_named_like_the_sdk(raw in bytes(), mode in prop::sample::select(vec!["", "async", "defer"])) {
        let script = ScriptSource {
            url: "https://shop.example/js/oaiq.js".to_string(),
            text: String::from_utf8_lossy(&raw).into_owned(),
        };
        let html = format!("<script src=\"/js/oaiq.js\" {mode}></script><script>oaiq('measure', 'page_viewed')</script>");
        scan_checked(html, Vec::new(), vec![script])?;
    }

    #[test]
    fn arbitrary_text_where_code_never_runs(text in js_text(), raw in bytes()) {
        // Comments, page text, text/plain and <noscript> are read with a cutter that must stop
        // on any input.
        let lossy = String::from_utf8_lossy(&raw).into_owned();
        let html = format!(
            "<!-- {text} --><pre>{}</pre><script type=\"text/plain\">{text}</script><noscript><script>{text}</script></noscript><p>oaiq({lossy}</p>",
            text.replace('<', "&lt;")
        );
        scan_checked(html, Vec::new(), Vec::new())?;
    }

    #[test]
    fn html_and_script_shaped_pages(html in html_text(), script in js_text(), headers in csp_header()) {
        let script = ScriptSource { url: "https://shop.example/js/app.js".to_string(), text: script };
        scan_checked(html, headers, vec![script])?;
    }

    #[test]
    fn deeply_nested_scripts(js in deep_js(), inline in any::<bool>()) {
        let (html, scripts) = if inline {
            (format!("<script>{js}</script>"), Vec::new())
        } else {
            (String::new(), vec![ScriptSource { url: "https://shop.example/deep.js".to_string(), text: js }])
        };
        scan_checked(html, Vec::new(), scripts)?;
    }

    #[test]
    fn any_recorded_calls_are_linted(recorded in recorded_calls()) {
        let count = recorded.len();
        let (report, merged) = finishes(move || {
            let report = lint_recorded_calls(&recorded);
            let base = scan(PAGE_URL, "<script>oaiq('init', {pixelId: 'Q3EEHmNNmitscStzPbzSGs'})</script>", &[], &[]);
            (report, merge_rendered(base, &recorded))
        });
        prop_assert!(report.calls.len() <= count);
        prop_assert!(merged.calls.len() >= report.calls.len());
    }

    #[test]
    fn custom_names_are_judged(name in prop_oneof!["\\PC{0,80}", "[a-z0-9_-]{1,70}"]) {
        let problem = custom_name_problem(&name);
        let plain = (1..=64).contains(&name.chars().count())
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        if !plain {
            prop_assert!(problem.is_some(), "{:?} accepted", name);
        }
    }
}

/// An event-handler attribute whose name has a multi-byte second character (`o€`, `oné`): the
/// handler check looked at the first two bytes of the name as text, which panicked on a
/// character boundary and took the whole scan down. The check lives in `src/html.rs`.
#[test]
fn handler_attribute_with_a_multibyte_second_character() {
    let html = "<p o€=1>a</p><p xé=2 onclick=\"oaiq('measure','lead_created')\">b</p><p oné=3>";
    let report = finishes(move || scan(PAGE_URL, html, &[], &[]));
    assert!(report.calls.iter().any(|c| c.command == "measure"));
}
