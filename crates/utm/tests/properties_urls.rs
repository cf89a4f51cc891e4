//! Hostile input is normal input: destination URLs are pasted by people and exported by ad
//! platforms. These properties feed arbitrary text and URL-shaped junk (odd escapes, non-ASCII,
//! repeated `?`, fragments) to the URL checks, the GA4 preview, the redirect judgement and the
//! tagging template, and check that each returns, finishes and keeps its invariants. Failing
//! inputs are kept in `proptest-regressions/` and replayed first on every run.

use preflight_testkit::finishes;
use preflight_utm::{
    check_url, check_urls, evaluate_redirects, ga4_channel, generate, parse_url_lines,
    preview_for_utms, render_text, slug, suggest_corrected, tag_url, to_csv, with_test_click_ids,
    RedirectHop, UtmScheme,
};
use proptest::prelude::*;

/// Failing inputs, kept in the repository and replayed first on every run.
const REGRESSIONS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/proptest-regressions/properties_urls.txt"
);

/// Pieces of query strings: escapes (valid, broken, double-encoded, non-UTF-8), separators,
/// UTM keys in odd spellings, macros and non-ASCII text.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("utm_source=".to_string()),
        Just("UTM_Medium=".to_string()),
        Just("utm_campaign=".to_string()),
        Just("utm%5Fcontent=".to_string()),
        Just("oppref=".to_string()),
        Just("gclid=".to_string()),
        Just("email=".to_string()),
        Just("&".to_string()),
        Just("?".to_string()),
        Just("#".to_string()),
        Just("=".to_string()),
        Just("+".to_string()),
        Just("{{ad.id}}".to_string()),
        Just("[[x]]".to_string()),
        Just("%25".to_string()),
        Just("%2520".to_string()),
        Just("%FF%FE".to_string()),
        Just("%C3%A9".to_string()),
        Just("%E2%82".to_string()),
        Just("&amp;".to_string()),
        Just("&#x26;".to_string()),
        Just("&#38;".to_string()),
        Just(" ".to_string()),
        Just("|".to_string()),
        Just("{campaign_id}".to_string()),
        Just("obref=".to_string()),
        "%[0-9A-Fa-fzZ+]{0,2}",
        "[a-z0-9._@-]{1,8}",
        "\\PC{1,3}",
        "[\u{80}-\u{10FFFF}]{1,2}",
    ]
}

fn url_like() -> impl Strategy<Value = String> {
    (
        prop_oneof![
            4 => Just("https://"),
            1 => Just("http://"),
            1 => Just("HTTPS://"),
            1 => Just("ftp://"),
            1 => Just("//"),
            1 => Just(""),
        ],
        prop_oneof![
            Just("shop.example".to_string()),
            Just("xn--caf-dma.example".to_string()),
            Just("[::1]:8080".to_string()),
            Just("café.example".to_string()),
            "\\PC{0,8}",
        ],
        "(/[a-z0-9%é.]{0,6}){0,3}",
        prop::collection::vec(piece(), 0..16),
    )
        .prop_map(|(scheme, host, path, query)| format!("{scheme}{host}{path}?{}", query.concat()))
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "\\PC{0,200}",
        1 => prop::collection::vec(any::<u8>(), 0..=65_536)
            .prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
    ]
}

proptest! {
    #![proptest_config(preflight_testkit::config(REGRESSIONS))]

    #[test]
    fn any_url_is_checked(url in prop_oneof![url_like(), any_text()]) {
        let report = finishes(move || {
            let report = check_url(&url);
            let corrected = suggest_corrected(&url);
            (report, corrected, url)
        });
        let (report, corrected, url) = report;
        prop_assert!(!report.findings.is_empty() || report.ga4.is_some());
        if let Some(fixed) = corrected {
            prop_assert_ne!(&fixed, url.trim());
            // The corrected URL needs no further separator or encoding repair.
            let again = finishes({
                let fixed = fixed.clone();
                move || check_url(&fixed)
            });
            for id in ["url-html-ampersand", "url-unencoded-characters", "url-reserved-parameter"] {
                prop_assert!(
                    !again.findings.iter().any(|f| f.id == id),
                    "{} still in {} (from {})", id, fixed, url
                );
            }
        }
    }

    #[test]
    fn any_url_list_is_checked(urls in prop::collection::vec(prop_oneof![url_like(), "\\PC{0,40}"], 0..12)) {
        let (report, distinct) = finishes(move || {
            let mut distinct: Vec<&str> = urls.iter().map(|u| u.trim()).collect();
            distinct.sort_unstable();
            distinct.dedup();
            let distinct = distinct.len();
            let report = check_urls(&urls);
            let _ = render_text(&report);
            (report, distinct)
        });
        prop_assert_eq!(report.urls.len(), distinct);
        prop_assert_eq!(report.summary.urls as usize, distinct);
    }

    #[test]
    fn pasted_text_gives_numbered_lines(text in prop_oneof![
        any_text(),
        prop::collection::vec((url_like(), prop_oneof![Just("\n"), Just("\r\n"), Just("\r")]), 0..20)
            .prop_map(|lines| lines.into_iter().map(|(u, e)| format!("{u}{e}")).collect()),
    ]) {
        let lines = text.lines().count().max(1) as u64;
        let list = finishes(move || parse_url_lines(&text));
        let numbers: Vec<u64> = list.urls.iter().map(|u| u.line).chain(list.issues.iter().map(|i| i.line)).collect();
        prop_assert!(numbers.iter().all(|n| (1..=lines).contains(n)), "{:?} of {}", numbers, lines);
        prop_assert!(list.urls.windows(2).all(|w| w[0].line < w[1].line));
    }

    #[test]
    fn ga4_preview_takes_any_values(
        source in prop_oneof![Just("chatgpt.com".to_string()), any_text()],
        medium in prop_oneof![Just("cpc".to_string()), "\\PC{0,20}"],
        campaign in "\\PC{0,30}",
        present in any::<(bool, bool, bool)>(),
    ) {
        finishes(move || {
            let preview = ga4_channel(&source, &medium, &campaign);
            assert!(!preview.channel.is_empty());
            let pick = |on: bool, v: &str| on.then(|| v.to_string());
            let (s, m, c) = (pick(present.0, &source), pick(present.1, &medium), pick(present.2, &campaign));
            let (_, preview) = preview_for_utms(s.as_deref(), m.as_deref(), c.as_deref());
            assert!(!preview.channel.is_empty());
        });
    }

    #[test]
    fn any_redirect_chain_is_judged(
        original in prop_oneof![url_like(), "\\PC{0,40}"],
        hops in prop::collection::vec(
            (prop_oneof![url_like(), "\\PC{0,30}", "(/|\\.\\./|//)[a-z?=&%]{0,12}"], any::<u16>()),
            0..6,
        ),
    ) {
        finishes(move || {
            let chain: Vec<RedirectHop> = hops.into_iter().map(|(url, status)| RedirectHop { url, status }).collect();
            let finding = evaluate_redirects(&original, &chain);
            assert!(!finding.id.is_empty());
            let _ = with_test_click_ids(&original);
        });
    }

    #[test]
    fn tagging_keeps_the_values_it_was_given(
        base in prop_oneof![url_like(), "\\PC{0,40}"],
        source in "\\PC{0,20}",
        medium in "\\PC{0,20}",
        campaign in "\\PC{0,20}",
        content in prop::option::of("\\PC{0,20}"),
    ) {
        let scheme = UtmScheme { source, medium, campaign, content, term: None };
        let expected = scheme.clone();
        let tagged = finishes(move || {
            let output = generate(std::slice::from_ref(&base), &scheme);
            let _ = to_csv(&output);
            let _ = slug(&base);
            tag_url(&base, &scheme)
        });
        if let Ok(tagged) = tagged {
            let url = url::Url::parse(&tagged).expect("a tagged URL is a valid URL");
            let last = |key: &str| url.query_pairs().filter(|(k, _)| k == key).map(|(_, v)| v.into_owned()).last();
            prop_assert_eq!(last("utm_source"), Some(expected.source));
            prop_assert_eq!(last("utm_medium"), Some(expected.medium));
            prop_assert_eq!(last("utm_campaign"), Some(expected.campaign));
            prop_assert_eq!(last("utm_content"), expected.content);
        }
    }
}
