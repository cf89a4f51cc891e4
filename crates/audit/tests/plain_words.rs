//! What an audit says is in plain words: a transport failure names what happened and where,
//! without the HTTP library's text; a page that cannot be reached has no "check could not run"
//! finding; and no finding shows code quoted in backticks.

use preflight_audit::run::audit_page;
use preflight_audit::{Agent, FetchOptions, Fetcher, PageReport};
use preflight_fixtures::{closed_port_url, FixtureSite};
use preflight_model::Status;
use std::time::Duration;

fn fetcher() -> Fetcher {
    Fetcher::new(FetchOptions {
        timeout: Duration::from_secs(3),
        max_body_bytes: 1024 * 1024,
        ..FetchOptions::default()
    })
    .unwrap()
}

const LIBRARY_WORDS: [&str; 5] = [
    "os error",
    "tcp connect error",
    "client error",
    "error trying to connect",
    "hyper",
];

#[tokio::test]
async fn a_refused_connection_is_one_plain_sentence_with_host_and_port() {
    let url = closed_port_url();
    let host_port = url.trim_start_matches("http://").trim_end_matches('/');
    let fetch = fetcher().fetch(&url, Agent::Adsbot).await;
    let error = fetch.error.expect("nothing listens there");
    assert_eq!(
        error.message,
        format!("The server refused the connection: nothing is listening at {host_port}.")
    );
    for words in LIBRARY_WORDS {
        assert!(
            !error.message.to_lowercase().contains(words),
            "{}",
            error.message
        );
    }
    // The library's own words are kept apart, for whoever reads the raw evidence.
    assert!(error.detail.is_some_and(|d| !d.is_empty()));
}

#[tokio::test]
async fn an_address_that_does_not_resolve_names_the_host() {
    let fetch = fetcher()
        .fetch("http://shop.invalid/sale", Agent::Adsbot)
        .await;
    let error = fetch.error.expect("no such domain");
    assert!(
        error
            .message
            .starts_with("The website address shop.invalid does not exist"),
        "{}",
        error.message
    );
    for words in LIBRARY_WORDS {
        assert!(
            !error.message.to_lowercase().contains(words),
            "{}",
            error.message
        );
    }
}

fn no_check_failed(page: &PageReport) {
    let errors: Vec<&str> = page
        .findings
        .iter()
        .filter(|f| f.status == Status::Error)
        .map(|f| f.id.as_str())
        .collect();
    assert!(errors.is_empty(), "{}: {errors:?}", page.url);
}

fn no_backticks(page: &PageReport) {
    for f in &page.findings {
        for text in [&f.title, &f.detail, &f.remedy] {
            assert!(!text.contains('`'), "{} on {}: {text}", f.id, page.url);
        }
        for e in &f.evidence {
            assert!(
                !e.label.contains('`'),
                "{} on {}: {}",
                f.id,
                page.url,
                e.label
            );
        }
    }
}

#[tokio::test]
async fn an_unreachable_page_has_no_check_that_could_not_run() {
    let page = audit_page(
        &fetcher(),
        &format!("{}sale?utm_source=chatgpt", closed_port_url()),
    )
    .await;
    assert!(!page.findings.is_empty());
    no_check_failed(&page);
    no_backticks(&page);
    for f in &page.findings {
        for e in &f.evidence {
            for words in LIBRARY_WORDS {
                assert!(
                    !e.value.to_lowercase().contains(words),
                    "{}: {}",
                    f.id,
                    e.value
                );
            }
        }
    }
}

#[tokio::test]
async fn findings_across_the_fixture_site_are_free_of_backticks_and_check_failures() {
    let site = FixtureSite::start();
    let fetcher = fetcher();
    for path in [
        "/ok?utm_source=chatgpt",
        "/cf-challenge",
        "/drops-params?utm_source=chatgpt",
        "/blocks-adsbot",
        "/blocks-openai",
        "/cloaked",
        "/redirect-away",
        "/rate-limited",
        "/status/500",
        "/loop-a",
        "/no-location",
        "/app-shell",
        "/pixel/inline",
        "/pixel/none",
        "/pixel/checkout",
        "/pixel/meta-style",
        "/pixel/injected",
        "/pixel/vendor-events",
    ] {
        let page = audit_page(&fetcher, &site.url(path)).await;
        no_backticks(&page);
        no_check_failed(&page);
    }
}
