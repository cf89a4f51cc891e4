//! The work done on one page after its fetches, on pathological markup: decoding and parsing
//! the body once (`digest`), then every check including the pixel scan (`score_page`). Each
//! case must stay within about two seconds in a release build; the nesting-depth cap and the
//! per-kind element caps are what keep them there.
//!
//! Run with `cargo bench -p preflight-audit --bench hostile_markup`.

use criterion::{criterion_group, criterion_main, Criterion, SamplingMode};
use preflight_audit::artifacts::FetchArtifact;
use preflight_audit::digest::{digest, DigestLimits};
use preflight_audit::pixel::PageSource;
use preflight_audit::run::score_page;
use preflight_audit::{Agent, FetchOptions};
use std::time::Duration;

const URL: &str = "https://shop.example/landing";

fn cases() -> Vec<(&'static str, String)> {
    vec![
        (
            "200000_nested_divs",
            format!("<html><body>{}</body></html>", "<div>".repeat(200_000)),
        ),
        (
            "40000_nested_span_b_i_with_text",
            format!(
                "<html><body>{}</body></html>",
                "<span><b><i>Buy now ".repeat(40_000)
            ),
        ),
        (
            "50000_inline_scripts",
            format!(
                "<html><head>{}</head><body>Sale</body></html>",
                "<script>window.dataLayer=window.dataLayer||[];oaiq('measure','page_viewed');</script>"
                    .repeat(50_000)
            ),
        ),
    ]
}

/// Everything the engine does with a fetched page: one digest per identity's body, then the
/// checks and the pixel scan.
fn process(html: &str) -> usize {
    let options = FetchOptions::default();
    let mut fetches = Vec::new();
    let mut source = None;
    for agent in Agent::ALL {
        let limits = DigestLimits {
            body_head_chars: options.body_head_chars,
            visible_text_chars: options.visible_text_chars,
            read_for_pixel: (agent == Agent::Browser).then(|| URL.to_string()),
        };
        let d = digest(html.as_bytes(), Some("text/html"), &limits);
        let mut fetch = FetchArtifact::new(agent, URL);
        fetch.status = Some(200);
        fetch.final_url = Some(URL.to_string());
        fetch.content_type = Some("text/html".into());
        fetch.body_bytes = html.len() as u64;
        fetch.body_head = d.body_head;
        fetch.title = d.title;
        fetch.visible_text = d.visible_text;
        fetch.word_count = d.word_count;
        if let Some(page) = d.page {
            source = Some(PageSource {
                page_url: URL.to_string(),
                html: d.text,
                page,
                ..PageSource::default()
            });
        }
        fetches.push(fetch);
    }
    let report = score_page(URL, fetches, None, None, source.as_ref());
    report.findings.len()
}

fn hostile_markup(c: &mut Criterion) {
    let mut group = c.benchmark_group("hostile_markup_one_page");
    group
        .sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    for (name, html) in cases() {
        group.bench_function(name, |b| b.iter(|| process(&html)));
    }
    group.finish();
}

criterion_group!(benches, hostile_markup);
criterion_main!(benches);
