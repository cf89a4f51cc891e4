//! Hostile input is normal input: the response a landing page sends is written by whoever runs
//! it. These properties feed arbitrary header bytes, bodies up to 64 KiB and real vendor
//! markers in odd places to the classifier and the findings, and check that each returns,
//! finishes and gives a verdict with its signs. Failing inputs are kept in
//! `proptest-regressions/` and replayed first on every run.

use preflight_testkit::finishes;
use preflight_waf::{
    classify, classify_compared, findings, findings_compared, vantage_points, Baselines,
    ResponseKind, ResponseSnapshot, MAX_HEADERS,
};
use proptest::prelude::*;

/// Failing inputs, kept in the repository and replayed first on every run.
const REGRESSIONS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/proptest-regressions/properties.txt"
);

/// Header names and values: real vendor signs, their near misses and arbitrary bytes.
fn header() -> impl Strategy<Value = (Vec<u8>, Vec<u8>)> {
    let name = prop_oneof![
        prop::sample::select(vec![
            "server",
            "Server",
            "cf-ray",
            "cf-mitigated",
            "set-cookie",
            "x-amz-cf-id",
            "x-iinfo",
            "x-sucuri-id",
            "akamai-grn",
            "x-datadome",
            "x-served-by",
            "x-amz-cf-pop",
            "x-vercel-id",
            "x-msedge-ref",
            "server-timing",
            "crawler-price",
            "retry-after",
            " server ",
        ])
        .prop_map(|s| s.as_bytes().to_vec()),
        prop::collection::vec(any::<u8>(), 0..12),
    ];
    let value = prop_oneof![
        prop::sample::select(vec![
            "cloudflare",
            "challenge",
            "8a1b2c3d4e5f6789-AMS",
            "__cf_bm=abc; path=/",
            "; =broken",
            "datadome=x",
            "AkamaiGHost",
            "cache-fra-eddf8230045-FRA, cache-",
            "FRA56-P1",
            "fra1::",
            "Ref B: AMS04EDGE",
            "cdn-pop; desc=\"",
            "USD 0.01",
            "0",
            "é",
            "",
        ])
        .prop_map(|s| s.as_bytes().to_vec()),
        prop::collection::vec(any::<u8>(), 0..40),
    ];
    (name, value)
}

fn body() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        3 => prop::collection::vec(
            prop_oneof![
                prop::sample::select(vec![
                    "<title>Just a moment...</title>", "Attention Required!", "Access Denied",
                    "Reference #18.", "captcha-delivery.com", "Request unsuccessful. Incapsula",
                    "Too Many Requests", "\n\t  ", "é", "\u{fffd}",
                ])
                .prop_map(|s| s.as_bytes().to_vec()),
                prop::collection::vec(any::<u8>(), 0..64),
            ],
            0..20,
        )
        .prop_map(|p| p.concat()),
        1 => prop::collection::vec(any::<u8>(), 0..=65_536),
    ]
}

fn snapshot() -> impl Strategy<Value = ResponseSnapshot> {
    (
        prop_oneof![
            Just(200u16),
            Just(402),
            Just(403),
            Just(429),
            Just(503),
            any::<u16>()
        ],
        prop::collection::vec(header(), 0..12),
        body(),
    )
        .prop_map(|(status, headers, body)| {
            let mut snapshot = ResponseSnapshot::new(status).body_bytes(&body);
            for (name, value) in &headers {
                snapshot = snapshot.header_bytes(name, value);
            }
            snapshot
        })
}

proptest! {
    #![proptest_config(preflight_testkit::config(REGRESSIONS))]

    #[test]
    fn any_response_is_classified(bot in snapshot(), baseline in prop::option::of(snapshot())) {
        let (verdict, base) = finishes(move || {
            let verdict = classify(&bot);
            let base = baseline.map(|b| classify(&b));
            assert!(!findings(&verdict, base.as_ref()).is_empty());
            (verdict, base)
        });
        for c in std::iter::once(&verdict).chain(base.as_ref()) {
            if c.kind == ResponseKind::Ok {
                prop_assert!(c.kind_signals.is_empty(), "{:?}", c);
            } else {
                prop_assert!(!c.kind_signals.is_empty(), "{:?}", c);
            }
        }
    }
}

proptest! {
    #![proptest_config(preflight_testkit::config(REGRESSIONS))]

    /// Location headers with arbitrary values never panic, and what is read is bounded.
    #[test]
    fn any_location_header_is_read_safely(
        name in prop::sample::select(vec!["cf-ray", "x-served-by", "x-amz-cf-pop", "x-vercel-id", "x-msedge-ref", "x-azure-ref", "akamai-grn", "x-cache", "server", "x-edge-location", "x-77-pop", "x-azion-edge-pop", "x-id", "server-timing"]),
        value in prop_oneof![
            ".{0,600}",
            "[0-9a-f]{16}-[A-Z]{3}",
            "(cache-[a-z0-9]{3,12}-[A-Z]{3}, ){0,20}cache-[a-z]{3}-[A-Z]{3}",
        ],
    ) {
        let snapshot = ResponseSnapshot::new(200).header(name, value);
        let points = finishes(move || vantage_points(&snapshot));
        for p in points {
            prop_assert!(p.code.len() <= 512);
            prop_assert!(!p.describe().is_empty());
        }
    }

    /// Comparing three responses never panics and always gives a verdict finding.
    #[test]
    fn any_three_responses_compare(bot in snapshot(), browser in snapshot(), token in snapshot()) {
        finishes(move || {
            let verdict = classify_compared(&bot, Some(&browser));
            let b = classify(&browser);
            let t = classify(&token);
            assert!(!findings_compared(&verdict, Baselines { browser: Some(&b), token: Some(&t) }).is_empty());
        });
    }
}

/// Far more headers than the classifier reads: only the first [`MAX_HEADERS`] count, and the
/// call still returns.
#[test]
fn a_flood_of_headers_is_bounded() {
    let mut snapshot = ResponseSnapshot::new(403);
    for i in 0..(MAX_HEADERS * 40) {
        snapshot = snapshot.header(format!("x-junk-{i}"), "y".repeat(200));
    }
    let snapshot = snapshot.header("cf-mitigated", "challenge");
    let verdict = finishes(move || classify(&snapshot));
    assert!(verdict
        .kind_signals
        .iter()
        .all(|s| !s.contains("cf-mitigated")));
}
