//! Log lines, range files and temporary files shared by the integration tests.
#![allow(dead_code)]

use std::io::Write;

use flate2::write::GzEncoder;
use flate2::Compression;
use tempfile::NamedTempFile;

pub const ADSBOT_UA: &str = "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko); compatible; OAI-AdsBot/1.0; +https://openai.com/adsbot";
pub const GPTBOT_UA: &str = "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko); compatible; GPTBot/1.3; +https://openai.com/gptbot";
pub const SEARCHBOT_UA: &str = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36; compatible; OAI-SearchBot/1.3; +https://openai.com/searchbot";
pub const BROWSER_UA: &str = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

/// Shaped like OpenAI's published range files; the addresses are documentation ranges.
pub const RANGES_JSON: &str = r#"{
  "creationTime": "2026-05-12T17:40:13.000000",
  "prefixes": [
    {"ipv4Prefix": "192.0.2.0/25"},
    {"ipv4Prefix": "198.51.100.64/28"},
    {"ipv6Prefix": "2001:db8:ad5::/48"}
  ]
}"#;

/// Addresses inside and outside the sample ranges.
pub const IN_V4: &str = "192.0.2.10";
pub const IN_V4_B: &str = "198.51.100.70";
pub const IN_V6: &str = "2001:db8:ad5::1f";
pub const OUT_V4: &str = "203.0.113.50";
pub const OUT_V6: &str = "2001:db8:ffff::2";

/// One nginx "combined" line.
pub fn combined(ip: &str, time: &str, target: &str, status: u16, ua: &str) -> String {
    format!("{ip} - - [{time}] \"GET {target} HTTP/1.1\" {status} 5120 \"-\" \"{ua}\"\n")
}

/// One "common" line (no referer, no user agent).
pub fn common(ip: &str, time: &str, target: &str, status: u16) -> String {
    format!("{ip} - - [{time}] \"GET {target} HTTP/1.1\" {status} 5120\n")
}

pub fn temp_file(bytes: &[u8]) -> NamedTempFile {
    let mut file = NamedTempFile::new().expect("temp file");
    file.write_all(bytes).expect("write temp file");
    file.flush().expect("flush");
    file
}

pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(bytes).expect("compress");
    encoder.finish().expect("finish gzip")
}
