//! Exporting a 500-page audit to PDF, CSV and JSON.
//!
//! Run with `cargo bench -p preflight-report --bench export`.

#[path = "../tests/support/mod.rs"]
mod support;

use criterion::{criterion_group, criterion_main, Criterion};
use preflight_report::{findings_csv, render_pdf, report_json, PdfOptions};
use std::hint::black_box;
use std::time::Duration;

fn exports(c: &mut Criterion) {
    let report = support::report_with_pages(500);
    let mut group = c.benchmark_group("export_500_pages");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    group.bench_function("pdf", |b| {
        b.iter(|| render_pdf(black_box(&report), &PdfOptions::default()).unwrap())
    });
    group.bench_function("csv", |b| {
        b.iter(|| findings_csv(black_box(&report)).unwrap())
    });
    group.bench_function("json", |b| {
        b.iter(|| report_json(black_box(&report)).unwrap())
    });
    group.finish();
}

criterion_group!(benches, exports);
criterion_main!(benches);
