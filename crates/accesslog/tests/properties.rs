//! Hostile input is normal input: an access log is whatever the server (or a mistaken upload)
//! wrote. These properties feed arbitrary bytes, gzip of them, cut-off gzip and log-shaped
//! lines (valid ones mixed with junk, odd targets, quotes, IPv6, virtual hosts) to the import,
//! and arbitrary text to the range-file reader, and check that each returns, finishes and
//! counts exactly what it was given. Failing inputs are kept in `proptest-regressions/` and
//! replayed first on every run.

mod common;

use common::{gzip, ADSBOT_UA, BROWSER_UA, GPTBOT_UA, IN_V4, IN_V6, OUT_V4, RANGES_JSON};
use preflight_accesslog::{import_reader, render_text, IpRanges, LogError, LogOptions};
use preflight_testkit::finishes;
use proptest::prelude::*;

/// Failing inputs, kept in the repository and replayed first on every run.
const REGRESSIONS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/proptest-regressions/properties.txt"
);

/// Mostly short inputs, sometimes up to 64 KiB.
fn bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        4 => prop::collection::vec(any::<u8>(), 0..512),
        1 => prop::collection::vec(any::<u8>(), 0..=65_536),
    ]
}

fn import(bytes: &[u8]) -> Result<preflight_accesslog::LogReport, LogError> {
    let ranges = IpRanges::from_json(RANGES_JSON).expect("sample ranges");
    import_reader(bytes, Some(&ranges), &LogOptions::default())
}

/// A timestamp the log format allows: any real date, fractions, both offset spellings.
fn timestamp() -> impl Strategy<Value = String> {
    (
        1u8..=28,
        prop::sample::select(vec![
            "Jan", "feb", "MAR", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ]),
        2000u16..2031,
        (0u8..24, 0u8..60, 0u8..61),
        prop_oneof![Just(String::new()), "[.,][0-9]{1,6}"],
        prop_oneof![
            Just(String::new()),
            Just(" +0000".to_string()),
            Just(" -0700".to_string()),
            Just(" +05:30".to_string()),
            Just(" +1400".to_string()),
        ],
    )
        .prop_map(|(day, month, year, (h, m, s), fraction, zone)| {
            format!("{day:02}/{month}/{year}:{h:02}:{m:02}:{s:02}{fraction}{zone}")
        })
}

/// Request targets with escapes, non-ASCII text, queries and fragments, but no quote,
/// backslash or whitespace (those belong to the messy lines below).
fn target() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just("/".to_string()),
            Just("?utm_source=chatgpt&x=1".to_string()),
            Just("#top".to_string()),
            Just("%2F%E3%83%84%zz".to_string()),
            "[a-z0-9._~-]{1,8}",
            "[\u{80}-\u{10FFFF}]{1,3}",
        ],
        1..8,
    )
    .prop_map(|p| format!("/{}", p.concat()))
}

fn agent() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(ADSBOT_UA.to_string()),
        Just("oai-adsbot/1.0".to_string()),
        Just(GPTBOT_UA.to_string()),
        Just(BROWSER_UA.to_string()),
        Just("-".to_string()),
        "[a-zA-Z0-9/;(). -]{0,30}",
    ]
}

/// A line in the combined or common format that the import must read.
#[derive(Debug, Clone)]
struct ValidLine {
    text: String,
    names_adsbot: bool,
}

fn valid_line() -> impl Strategy<Value = ValidLine> {
    (
        prop_oneof![Just(String::new()), Just("shop.example:443 ".to_string())],
        prop::sample::select(vec![
            IN_V4,
            OUT_V4,
            IN_V6,
            "::ffff:192.0.2.5",
            "10.0.0.1",
            "not-an-address",
        ]),
        prop_oneof![Just("-".to_string()), "[a-z]{1,6}"],
        timestamp(),
        prop::sample::select(vec!["GET", "HEAD", "POST", "PROPFIND"]),
        target(),
        (
            100u16..600,
            prop_oneof![Just("-".to_string()), "[0-9]{1,7}"],
        ),
        prop::option::of((
            prop_oneof![Just("-".to_string()), "https://[a-z.]{1,12}/[a-z?=&]{0,10}"],
            agent(),
        )),
    )
        .prop_map(
            |(vhost, ip, user, time, method, target, (status, size), combined)| {
                let mut text = format!(
                    "{vhost}{ip} - {user} [{time}] \"{method} {target} HTTP/1.1\" {status} {size}"
                );
                let names_adsbot = match &combined {
                    Some((referer, ua)) => {
                        text.push_str(&format!(" \"{referer}\" \"{ua}\""));
                        ua.to_ascii_lowercase().contains("oai-adsbot")
                    }
                    None => false,
                };
                ValidLine { text, names_adsbot }
            },
        )
}

/// A line no reader could take for a log line: it has no `[`, so no timestamp.
fn junk_line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("   ".to_string()),
        "[^\\[\r\n]{0,80}",
        Just(format!(
            "1.2.3.4 - - \"GET / HTTP/1.1\" 200 5 \"-\" \"{ADSBOT_UA}\""
        )),
    ]
}

/// Lines the parser should cope with but whose reading is not pinned down: unescaped and
/// escaped quotes, missing fields, broken timestamps.
fn messy_line() -> impl Strategy<Value = String> {
    (
        valid_line(),
        any::<prop::sample::Index>(),
        prop::sample::select(vec!["\"", "\\\"", "\\", "]", "[", " ", "\t", "-", "é"]),
    )
        .prop_map(|(line, at, insert)| {
            let mut text = line.text;
            let mut cut = at.index(text.len() + 1);
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            text.insert_str(cut, insert);
            text
        })
}

#[derive(Debug, Clone)]
enum Line {
    Valid(ValidLine),
    Junk(String),
}

fn log_text() -> impl Strategy<Value = (Vec<Line>, String)> {
    prop::collection::vec(
        (
            prop_oneof![
                3 => valid_line().prop_map(Line::Valid),
                1 => junk_line().prop_map(Line::Junk),
            ],
            prop_oneof![3 => Just("\n"), 1 => Just("\r\n")],
        ),
        0..40,
    )
    .prop_map(|lines| {
        let text = lines.iter().map(|(l, end)| match l {
            Line::Valid(v) => format!("{}{end}", v.text),
            Line::Junk(j) => format!("{j}{end}"),
        });
        let text = text.collect();
        (lines.into_iter().map(|(l, _)| l).collect(), text)
    })
}

proptest! {
    #![proptest_config(preflight_testkit::config(REGRESSIONS))]

    #[test]
    fn arbitrary_bytes_import(raw in bytes(), how in 0u8..3) {
        let raw = match how {
            0 => raw,
            1 => gzip(&raw),
            // A gzip download cut short.
            _ => { let mut z = gzip(&raw); z.truncate(z.len() * 2 / 3); z }
        };
        let result = finishes(move || {
            let result = import(&raw);
            if let Ok(report) = &result {
                assert!(!render_text(report).is_empty());
            }
            result
        });
        if let Ok(report) = result {
            let l = &report.lines;
            prop_assert_eq!(l.total, l.blank + l.parsed + l.unparsed);
            prop_assert!(report.adsbot.requests + report.impostors.requests <= l.with_user_agent);
        }
    }

    #[test]
    fn log_shaped_lines_are_counted_exactly((lines, text) in log_text()) {
        let valid = lines.iter().filter(|l| matches!(l, Line::Valid(_))).count() as u64;
        let adsbot = lines.iter().filter(|l| matches!(l, Line::Valid(v) if v.names_adsbot)).count() as u64;
        // Blank as the import counts it: ASCII whitespace only.
        let blank = lines.iter().filter(|l| matches!(l, Line::Junk(j) if j.as_bytes().trim_ascii().is_empty())).count() as u64;
        let non_blank = lines.len() as u64 - blank;
        let zipped = gzip(text.as_bytes());
        let (plain, from_gzip) = finishes(move || (import(text.as_bytes()), import(&zipped)));
        match plain {
            Ok(report) => {
                prop_assert_eq!(report.lines.total, lines.len() as u64);
                prop_assert_eq!(report.lines.blank, blank);
                prop_assert_eq!(report.lines.parsed, valid);
                prop_assert_eq!(report.adsbot.requests + report.impostors.requests, adsbot);
                let mut from_gzip = from_gzip.expect("the gzip of a readable log is readable");
                prop_assert!(from_gzip.compressed);
                from_gzip.compressed = false;
                prop_assert_eq!(report, from_gzip);
            }
            Err(LogError::Empty) => prop_assert_eq!(non_blank, 0),
            // The import's own threshold: under a tenth of the lines readable.
            Err(LogError::NotAnAccessLog { .. }) => prop_assert!((valid as f64) < 0.10 * non_blank as f64),
            Err(other) => prop_assert!(false, "unexpected error {}", other),
        }
    }

    #[test]
    fn messy_lines_never_break_the_import(lines in prop::collection::vec(messy_line(), 1..30)) {
        let text = lines.join("\n");
        let result = finishes(move || import(text.as_bytes()));
        if let Ok(report) = result {
            prop_assert_eq!(report.lines.total, lines.len() as u64);
        }
    }

    #[test]
    fn any_text_as_a_range_file(text in prop_oneof![
        "\\PC{0,200}",
        (
            prop::collection::vec(prop_oneof![
                Just("{\"ipv4Prefix\": \"192.0.2.0/24\"}".to_string()),
                Just("{\"ipv6Prefix\": \"2001:db8::/32\"}".to_string()),
                Just("{\"ipv4Prefix\": \"2001:db8::/32\"}".to_string()),
                Just("{\"ipv4Prefix\": \"300.1.1.1/8\"}".to_string()),
                Just("{\"ipv4Prefix\": \"192.0.2.1/33\"}".to_string()),
                Just("{}".to_string()),
                "\\{\"ipv[46]Prefix\": \"[0-9a-f.:/]{0,20}\"\\}",
            ], 0..6),
            prop_oneof![Just("null"), Just("\"2026-05-12\""), Just("7")],
        ).prop_map(|(p, t)| format!("{{\"creationTime\": {t}, \"prefixes\": [{}]}}", p.join(","))),
    ]) {
        let parsed = finishes(move || IpRanges::from_json(&text));
        if let Ok(ranges) = parsed {
            prop_assert!(!ranges.prefixes().is_empty());
        }
    }
}

/// A line holding only a vertical tab (which Rust's `str::trim` treats as whitespace but
/// ASCII whitespace does not include) is content, not a blank line: the log below has one
/// unreadable line and so is not an access log.
#[test]
fn a_vertical_tab_line_is_not_blank() {
    let result = finishes(|| import(b"\x0b\n"));
    assert!(
        matches!(
            result,
            Err(LogError::NotAnAccessLog {
                lines: 1,
                readable: 0,
                ..
            })
        ),
        "{result:?}"
    );
}
