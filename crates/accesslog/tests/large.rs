//! A large generated log is streamed in bounded memory. Kept in its own test binary so the
//! peak-memory reading is not disturbed by other tests running in parallel.

mod common;

use std::io::{BufWriter, Write};

use common::*;
use flate2::write::GzEncoder;
use flate2::Compression;
use preflight_accesslog::{import_log, IpRanges, LogOptions};

const LINES: u64 = 500_000;

/// Writes the log straight to disk so the test itself never holds it in memory. Every bot
/// line asks for a different path and every tenth comes from a different impostor address,
/// the worst case for the per-path and per-address tallies.
fn write_log(out: &mut impl Write) -> u64 {
    let mut bot_lines = 0;
    for i in 0..LINES {
        let time = format!(
            "{:02}/May/2026:{:02}:{:02}:00 +0000",
            1 + i % 28,
            i % 24,
            i % 60
        );
        let line = match i % 5 {
            0 => {
                bot_lines += 1;
                combined(
                    IN_V4,
                    &time,
                    &format!("/product/{i}?utm_source=chatgpt"),
                    200,
                    ADSBOT_UA,
                )
            }
            1 if i % 10 == 1 => combined(
                &format!("203.0.{}.{}", (i / 256) % 256, i % 256),
                &time,
                "/",
                403,
                ADSBOT_UA,
            ),
            _ => combined(
                "81.2.69.160",
                &time,
                &format!("/page/{}", i % 1000),
                200,
                BROWSER_UA,
            ),
        };
        out.write_all(line.as_bytes()).expect("write log");
    }
    bot_lines
}

/// Peak resident memory of this process so far, in bytes (Linux only).
fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

#[test]
fn half_a_million_lines_plain_and_gzip_in_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    let plain_path = dir.path().join("access.log");
    let gzip_path = dir.path().join("access.log.gz");
    let bot_lines = {
        let mut out = BufWriter::new(std::fs::File::create(&plain_path).unwrap());
        let n = write_log(&mut out);
        out.flush().unwrap();
        n
    };
    {
        let file = BufWriter::new(std::fs::File::create(&gzip_path).unwrap());
        let mut gz = GzEncoder::new(file, Compression::fast());
        write_log(&mut gz);
        gz.finish().unwrap().flush().unwrap();
    }
    let file_size = std::fs::metadata(&plain_path).unwrap().len();
    assert!(
        file_size > 80 << 20,
        "the log should be large: {file_size} bytes"
    );

    let ranges = IpRanges::from_json(RANGES_JSON).unwrap();
    let before = peak_memory();
    for path in [&plain_path, &gzip_path] {
        let report = import_log(path, Some(&ranges), &LogOptions::default()).unwrap();
        assert_eq!(report.lines.total, LINES);
        assert_eq!(report.lines.parsed, LINES);
        assert_eq!(report.bytes_read, file_size);
        assert_eq!(report.adsbot.requests, bot_lines);
        assert_eq!(report.impostors.requests, LINES / 10);
        // Distinct paths and addresses beyond the limits are counted, not stored.
        let tracked: u64 = report.adsbot.paths.iter().map(|p| p.requests).sum();
        assert_eq!(tracked + report.adsbot.untracked_path_requests, bot_lines);
        assert!(report.adsbot.paths.len() <= 2_000);
        assert!(report.impostors.clients.len() <= 2_000);
        assert_eq!(report.adsbot.days.len(), 28);
    }
    if let (Some(before), Some(after)) = (before, peak_memory()) {
        let growth = after.saturating_sub(before);
        assert!(
            growth < 48 << 20,
            "peak memory grew by {} MiB while reading a {} MiB log",
            growth >> 20,
            file_size >> 20
        );
    }
}
