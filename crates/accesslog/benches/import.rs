//! Import throughput on a generated 200 MB combined-format log, plain and gzip-compressed.
//!
//! Run: `cargo bench -p preflight-accesslog --bench import`

use std::io::{BufWriter, Write};
use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use flate2::write::GzEncoder;
use flate2::Compression;
use preflight_accesslog::{import_log, IpRanges, LogOptions};

const TARGET_BYTES: u64 = 200_000_000;

const RANGES: &str = r#"{"creationTime": "2026-05-12T17:40:13.000000", "prefixes": [
  {"ipv4Prefix": "192.0.2.0/25"}, {"ipv6Prefix": "2001:db8:ad5::/48"}]}"#;

const UAS: [&str; 4] = [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko); compatible; OAI-AdsBot/1.0; +https://openai.com/adsbot",
    "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko); compatible; GPTBot/1.3; +https://openai.com/gptbot",
];

/// Mostly browsers, a few percent bots, some IPv6, typical URL and referer lengths.
fn write_log(out: &mut impl Write) -> u64 {
    let mut written = 0u64;
    let mut i = 0u64;
    while written < TARGET_BYTES {
        let ua = match i % 50 {
            0 => UAS[2],
            1 => UAS[3],
            n => UAS[(n % 2) as usize],
        };
        let client = if i.is_multiple_of(10) {
            format!("2001:db8:ad5::{:x}", i % 4096)
        } else {
            format!("192.0.{}.{}", (i / 256) % 256, i % 256)
        };
        let status = [200, 200, 200, 304, 404, 403][(i % 6) as usize];
        let line = format!(
            "{client} - - [{:02}/May/2026:{:02}:{:02}:{:02} +0000] \"GET /products/item-{}?utm_source=chatgpt&utm_campaign=spring HTTP/1.1\" {status} {} \"https://shop.example.com/category/{}\" \"{ua}\" 0.0{}\n",
            1 + i % 28,
            i % 24,
            i % 60,
            (i / 60) % 60,
            i % 5000,
            1000 + i % 90_000,
            i % 40,
            i % 90,
        );
        out.write_all(line.as_bytes()).expect("write benchmark log");
        written += line.len() as u64;
        i += 1;
    }
    written
}

fn bench_import(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let plain = dir.path().join("access.log");
    let packed = dir.path().join("access.log.gz");
    let bytes = {
        let mut out = BufWriter::new(std::fs::File::create(&plain).expect("create log"));
        let n = write_log(&mut out);
        out.flush().expect("flush log");
        n
    };
    {
        let file = BufWriter::new(std::fs::File::create(&packed).expect("create gzip"));
        let mut gz = GzEncoder::new(file, Compression::default());
        write_log(&mut gz);
        gz.finish()
            .expect("finish gzip")
            .flush()
            .expect("flush gzip");
    }
    let ranges = IpRanges::from_json(RANGES).expect("ranges parse");
    let options = LogOptions {
        include_other_agents: true,
        ..LogOptions::default()
    };
    let run = |path: &Path| {
        let report = import_log(path, Some(&ranges), &options).expect("imports");
        assert_eq!(report.bytes_read, bytes);
        report
    };

    let mut group = c.benchmark_group("import 200 MB");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bytes));
    group.bench_function("plain", |b| b.iter(|| run(&plain)));
    group.bench_function("gzip", |b| b.iter(|| run(&packed)));
    group.finish();
}

criterion_group!(benches, bench_import);
criterion_main!(benches);
