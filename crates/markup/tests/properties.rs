//! Arbitrary text never makes the bounded parser panic, changes the length of what it parses,
//! or lets the built tree grow deeper than the cap.

use preflight_markup::{bounded, parse_document, MAX_DEPTH};
use proptest::prelude::*;
use scraper::Selector;

fn tags() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("<div>".to_string()),
        Just("</div>".to_string()),
        Just("<span>".to_string()),
        Just("</span>".to_string()),
        Just("<b>".to_string()),
        Just("</b>".to_string()),
        Just("<p o€=1>".to_string()),
        Just("<svg><path/>".to_string()),
        Just("</svg>".to_string()),
        Just("<script>".to_string()),
        Just("</script>".to_string()),
        Just("<!--".to_string()),
        Just("-->".to_string()),
        Just("<table><tr><td>".to_string()),
        Just("<a title='>'>".to_string()),
        "[a-z<>/=\"' é€]{0,6}",
    ];
    proptest::collection::vec(piece, 0..400).prop_map(|v| v.concat())
}

/// Failing inputs, kept in the repository and replayed first on every run.
const REGRESSIONS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/proptest-regressions/properties.txt"
);

proptest! {
    #![proptest_config(preflight_testkit::config_without_shrink_limit(REGRESSIONS))]

    #[test]
    fn arbitrary_bytes_are_parsed_without_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        let text = String::from_utf8_lossy(&bytes);
        let flat = bounded(&text);
        prop_assert_eq!(flat.len(), text.len());
        let _ = parse_document(&text);
    }

    #[test]
    fn arbitrary_text_with_entities_decodes_without_panic(
        text in proptest::collection::vec(prop_oneof![
            Just("&".to_string()), Just("#".to_string()), Just("x".to_string()), Just(";".to_string()),
            Just("&#1114112;".to_string()), Just("&#xD800;".to_string()), Just("&#0;".to_string()),
            Just("&amp".to_string()), Just("&notin;".to_string()), "[0-9a-fA-Z€é ]{0,4}", any::<String>(),
        ], 0..200).prop_map(|v| v.concat())
    ) {
        let decoded = preflight_markup::decode_entities(&text);
        // Decoding never lengthens the text by more than a character per reference.
        prop_assert!(decoded.chars().count() <= text.chars().count() * 2);
    }

    #[test]
    fn tag_soup_keeps_its_length_and_depth(html in tags()) {
        let flat = bounded(&html);
        prop_assert_eq!(flat.len(), html.len());
        let doc = parse_document(&html);
        let all = Selector::parse("*").unwrap();
        let deepest = doc.select(&all).map(|e| e.ancestors().count()).max().unwrap_or(0);
        prop_assert!(deepest <= 4 * MAX_DEPTH + 16, "depth {deepest}");
    }
}

#[test]
fn deep_soup_of_every_kind_stays_within_the_cap() {
    // Tables count once per level in the model, but the parser adds tbody, tr and td.
    for (unit, per_level) in [
        ("<div>", 1),
        ("<span><b><i>x", 1),
        ("<span><div></span>", 1),
        ("<b><div></b>", 1),
        ("<div/>", 1),
        ("<table><tr><td>", 4),
        ("<svg><g>", 1),
    ] {
        let html = unit.repeat(3_000);
        let doc = parse_document(&html);
        let all = Selector::parse("*").unwrap();
        let deepest = doc
            .select(&all)
            .map(|e| e.ancestors().count())
            .max()
            .unwrap_or(0);
        assert!(
            deepest <= per_level * MAX_DEPTH + 16,
            "{unit}: depth {deepest}"
        );
    }
}
