//! Hostile input is normal input: sitemaps and ads-manager exports come from elsewhere. Arbitrary
//! bytes and URL-shaped junk go through the page-import readers and the preview; each returns
//! within the watchdog, never panics, and the preview never lists a page twice or more pages
//! than one import keeps. Failing inputs are kept in `proptest-regressions/` and replayed first.

use preflight_session::page_import::{
    build_preview, read_as_sitemap, read_export, SourceEntries, SourcedEntry, MAX_PAGES_PER_IMPORT,
};
use preflight_testkit::finishes;
use proptest::prelude::*;
use std::collections::HashSet;

const REGRESSIONS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/proptest-regressions/properties_page_import.txt"
);

fn bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        4 => prop::collection::vec(any::<u8>(), 0..512),
        1 => prop::collection::vec(any::<u8>(), 0..=65_536),
    ]
}

/// URL-shaped text: real pages, the same page written differently, junk.
fn entry() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("https://shop.example.com/sale?utm_source=chatgpt".to_string()),
        Just("HTTPS://SHOP.example.com:443/sale?utm_source=chatgpt".to_string()),
        Just("shop.example.com/sale".to_string()),
        Just("javascript:alert(1)".to_string()),
        Just("https://[::1]:99999/".to_string()),
        Just(String::new()),
        "https://[a-z]{1,8}\\.example/[a-z0-9?=&%#]{0,20}",
        "\\PC{0,80}",
    ]
}

proptest! {
    #![proptest_config(preflight_testkit::config(REGRESSIONS))]

    #[test]
    fn any_bytes_read_as_a_sitemap_return(data in bytes()) {
        finishes(move || {
            let _ = read_as_sitemap(&data, "sitemap.xml");
        });
    }

    #[test]
    fn any_bytes_read_as_an_export_return(data in bytes(), column in proptest::option::of(0u32..6)) {
        finishes(move || {
            let choice = column.map(preflight_utm::ColumnChoice::Index);
            let _ = read_export(&data, choice);
        });
    }

    #[test]
    fn the_preview_lists_each_page_once(
        listed in prop::collection::vec(entry(), 0..60),
        existing in prop::collection::vec(entry(), 0..10),
    ) {
        let preview = finishes(move || {
            let entries = SourceEntries {
                urls: listed
                    .iter()
                    .enumerate()
                    .map(|(i, t)| SourcedEntry { text: t.clone(), place: format!("Row {}", i + 2) })
                    .collect(),
                ..SourceEntries::default()
            };
            build_preview(&existing, "ads.csv", entries)
        });
        let mut seen = HashSet::new();
        for url in preview.urls().iter().chain(preview.already_added.iter()) {
            prop_assert!(seen.insert(url.clone()), "{url} listed twice");
        }
        prop_assert!(preview.new_pages.len() <= MAX_PAGES_PER_IMPORT);
    }
}
