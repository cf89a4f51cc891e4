//! Throughput of a whole audit (`run_audit`) over 500 landing pages on loopback fixture sites,
//! against a plain GET of the same URLs with as many requests at a time as the run has pages.
//!
//! Run with `cargo bench -p preflight-audit --bench throughput`.
//!
//! The pages are spread over six loopback hosts (127.0.0.1 to 127.0.0.6, one fixture site
//! each) and the per-host interval is set to zero: this measures the engine's own cost, not the
//! politeness waits, which are a chosen limit (with the default 250 ms interval a host gets at
//! most four requests a second, one page a second, whatever the engine's speed).

use criterion::{criterion_group, criterion_main, Criterion, SamplingMode, Throughput};
use futures::stream::{self, StreamExt};
use preflight_audit::{CancellationToken, FetchOptions, Fetcher, RunOptions};
use preflight_fixtures::FixtureSite;
use std::time::Duration;

const PAGES: usize = 500;
const HOSTS: usize = 6;

fn throughput(c: &mut Criterion) {
    let sites: Vec<FixtureSite> = (1..=HOSTS)
        .map(|h| FixtureSite::start_on(&format!("127.0.0.{h}:0")))
        .collect();
    let urls: Vec<String> = (0..PAGES)
        .map(|n| sites[n % HOSTS].url(&format!("/page/{n}?utm_source=chatgpt&utm_medium=cpc")))
        .collect();
    let options = RunOptions {
        min_interval: Duration::ZERO,
        ..RunOptions::default()
    };
    // The plain GET runs as many requests at a time as the run checks pages at a time.
    let concurrency = preflight_audit::run::plan(&urls, &options).concurrency;
    let fetcher = Fetcher::new(FetchOptions::default()).expect("client");
    let client = reqwest::Client::new();
    let runtime = tokio::runtime::Runtime::new().expect("runtime");

    let mut group = c.benchmark_group("500_pages_6_loopback_hosts");
    group
        .throughput(Throughput::Elements(PAGES as u64))
        .sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .measurement_time(Duration::from_secs(30));
    group.bench_function("run_audit", |b| {
        b.iter(|| {
            let report = runtime.block_on(preflight_audit::run_audit(
                &urls,
                &fetcher,
                &options,
                &CancellationToken::new(),
                None,
            ));
            assert_eq!(report.summary.reachable as usize, PAGES);
        })
    });
    group.bench_function("plain_get", |b| {
        b.iter(|| {
            let ok = runtime.block_on(
                stream::iter(&urls)
                    .map(|url| {
                        let client = client.clone();
                        async move {
                            let response = client.get(url).send().await.ok()?;
                            response.bytes().await.ok()
                        }
                    })
                    .buffer_unordered(concurrency)
                    .filter(|body| std::future::ready(body.is_some()))
                    .count(),
            );
            assert_eq!(ok, PAGES);
        })
    });
    group.finish();
}

criterion_group!(benches, throughput);
criterion_main!(benches);
