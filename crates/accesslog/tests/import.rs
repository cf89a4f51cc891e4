//! Whole imports: formats, compression, address checks, findings, errors.

mod common;

use std::io::{self, Read};
use std::sync::atomic::AtomicBool;

use common::*;
use preflight_accesslog::{
    import_log, import_reader, render_text, AddressCheck, AddressScope, IpRanges, LogError,
    LogOptions, LogReport, OpenAiAgent,
};
use preflight_model::{Confidence, Finding, Status};

fn ranges() -> IpRanges {
    IpRanges::from_json(RANGES_JSON).expect("sample ranges parse")
}

fn import_bytes(bytes: &[u8], ranges: Option<&IpRanges>) -> Result<LogReport, LogError> {
    import_reader(bytes, ranges, &LogOptions::default())
}

fn finding<'a>(report: &'a LogReport, id: &str) -> Option<&'a Finding> {
    report.findings.iter().find(|f| f.id == id)
}

fn ids(report: &LogReport) -> Vec<&str> {
    report.findings.iter().map(|f| f.id.as_str()).collect()
}

/// A realistic mixed day: browsers, the real bot over IPv4 and IPv6, an impostor, GPTBot.
fn mixed_log() -> String {
    let mut log = String::new();
    log += &combined(
        "81.2.69.160",
        "12/May/2026:09:00:00 +0000",
        "/",
        200,
        BROWSER_UA,
    );
    log += &combined(
        IN_V4,
        "12/May/2026:09:01:00 +0000",
        "/landing?utm_source=chatgpt",
        200,
        ADSBOT_UA,
    );
    log += &combined(
        IN_V6,
        "12/May/2026:09:02:00 +0000",
        "/landing?utm_source=chatgpt&x=1",
        403,
        ADSBOT_UA,
    );
    log += &combined(
        IN_V4_B,
        "13/May/2026:10:00:00 +0000",
        "/pricing",
        429,
        &ADSBOT_UA.to_uppercase(),
    );
    log += &combined(
        OUT_V4,
        "13/May/2026:10:05:00 +0000",
        "/landing",
        403,
        ADSBOT_UA,
    );
    log += &combined(
        OUT_V6,
        "13/May/2026:10:06:00 +0000",
        "/admin",
        404,
        ADSBOT_UA,
    );
    log += &combined(
        "81.2.69.161",
        "13/May/2026:11:00:00 +0000",
        "/blog",
        200,
        GPTBOT_UA,
    );
    log += &combined(
        "81.2.69.162",
        "13/May/2026:11:30:00 +0000",
        "/",
        304,
        SEARCHBOT_UA,
    );
    log += &combined(
        "81.2.69.160",
        "13/May/2026:12:00:00 +0000",
        "/landing",
        200,
        BROWSER_UA,
    );
    log
}

#[test]
fn real_bot_and_impostors_are_told_apart_by_address() {
    let ranges = ranges();
    let report = import_bytes(mixed_log().as_bytes(), Some(&ranges)).unwrap();

    assert_eq!(report.lines.total, 9);
    assert_eq!(report.lines.parsed, 9);
    assert_eq!(report.lines.with_user_agent, 9);
    assert_eq!(
        report.log_first_seen.as_deref(),
        Some("2026-05-12T09:00:00Z")
    );
    assert_eq!(
        report.log_last_seen.as_deref(),
        Some("2026-05-13T12:00:00Z")
    );

    let bot = &report.adsbot;
    assert_eq!(bot.addresses, AddressScope::InRanges);
    assert_eq!(bot.requests, 3);
    assert_eq!(
        (bot.status_classes.success, bot.status_classes.client_error),
        (1, 2)
    );
    let landing = bot.paths.iter().find(|p| p.path == "/landing").unwrap();
    assert_eq!(
        landing.requests, 2,
        "query strings are folded into one path"
    );
    assert_eq!(landing.last_status, 403);
    assert!(bot
        .clients
        .iter()
        .all(|c| c.check == AddressCheck::InRanges));
    assert_eq!(bot.days.len(), 2);
    assert_eq!(bot.first_seen.as_deref(), Some("2026-05-12T09:01:00Z"));

    let fake = &report.impostors;
    assert_eq!(fake.addresses, AddressScope::OutsideRanges);
    assert_eq!(fake.requests, 2);
    let fake_addresses: Vec<_> = fake.clients.iter().map(|c| c.address.as_str()).collect();
    assert!(fake_addresses.contains(&OUT_V4) && fake_addresses.contains(&OUT_V6));

    assert!(
        report.other_agents.is_empty(),
        "other agents only when asked for"
    );
    let info = report.ranges.as_ref().unwrap();
    assert_eq!(
        info.creation_time.as_deref(),
        Some("2026-05-12T17:40:13.000000")
    );
    assert_eq!(info.prefixes.len(), 3);

    assert_eq!(
        ids(&report),
        ["log-adsbot-blocked", "log-adsbot-impostor", "log-adsbot-ok"]
    );
    let blocked = finding(&report, "log-adsbot-blocked").unwrap();
    assert_eq!(blocked.status, Status::Fail);
    assert_eq!(blocked.confidence, Confidence::High);
    assert!(
        blocked.detail.contains("2 of its 3 visits"),
        "{}",
        blocked.detail
    );
    assert!(blocked.detail.contains("403 Forbidden ×1"));
    assert!(blocked.remedy.contains("firewall") && blocked.remedy.contains("rate limit"));
    let line_numbers: Vec<_> = blocked
        .evidence
        .iter()
        .filter_map(|e| e.location.clone())
        .collect();
    assert_eq!(line_numbers, ["line 3", "line 4"]);
    // The impostor's 404 on /admin does not count as the real bot's page error.
    assert!(finding(&report, "log-adsbot-page-errors").is_none());
    let impostor = finding(&report, "log-adsbot-impostor").unwrap();
    assert_eq!(impostor.status, Status::Warn);
    assert!(impostor.title.starts_with("2 requests"));
}

#[test]
fn other_openai_agents_are_summarised_on_request() {
    let options = LogOptions {
        include_other_agents: true,
        ..LogOptions::default()
    };
    let report = import_reader(mixed_log().as_bytes(), None, &options).unwrap();
    let agents: Vec<_> = report
        .other_agents
        .iter()
        .map(|a| (a.agent, a.requests))
        .collect();
    assert_eq!(
        agents,
        [
            (OpenAiAgent::OaiSearchBot, 1),
            (OpenAiAgent::GptBot, 1),
            (OpenAiAgent::ChatGptUser, 0)
        ]
    );
    assert_eq!(report.other_agents[1].paths[0].path, "/blog");
}

#[test]
fn without_ranges_every_user_agent_match_counts_but_is_flagged_unverified() {
    let report = import_bytes(mixed_log().as_bytes(), None).unwrap();
    assert_eq!(report.adsbot.addresses, AddressScope::NotChecked);
    assert_eq!(report.adsbot.requests, 5);
    assert_eq!(report.impostors.requests, 0);
    assert!(report.ranges.is_none());
    let blocked = finding(&report, "log-adsbot-blocked").unwrap();
    assert_eq!(blocked.confidence, Confidence::Medium);
    assert!(
        ids(&report).contains(&"log-adsbot-page-errors"),
        "the /admin 404 now counts"
    );
    assert_eq!(
        finding(&report, "log-no-ranges").unwrap().status,
        Status::Info
    );
}

#[test]
fn gzip_gives_the_same_report_as_plain_text() {
    let ranges = ranges();
    let plain = import_bytes(mixed_log().as_bytes(), Some(&ranges)).unwrap();
    let packed = import_bytes(&gzip(mixed_log().as_bytes()), Some(&ranges)).unwrap();
    assert!(packed.compressed && !plain.compressed);
    assert_eq!(
        LogReport {
            compressed: false,
            ..packed
        },
        plain
    );
}

#[test]
fn concatenated_gzip_members_are_all_read() {
    // logrotate with delaycompress and `cat a.gz b.gz` both produce several members.
    let log = mixed_log();
    let (first, second) = log.split_at(log.find("\n").unwrap() + 1);
    let mut bytes = gzip(first.as_bytes());
    bytes.extend(gzip(second.as_bytes()));
    let report = import_bytes(&bytes, None).unwrap();
    assert_eq!(report.lines.parsed, 9);
}

#[test]
fn files_are_read_from_disk_with_their_name_and_progress() {
    let file = temp_file(&gzip(mixed_log().as_bytes()));
    let size = file.as_file().metadata().unwrap().len();
    let last = std::cell::Cell::new(0u64);
    let progress = |n: u64| last.set(n);
    let options = LogOptions {
        progress: Some(&progress),
        ..LogOptions::default()
    };
    let report = import_log(file.path(), None, &options).unwrap();
    assert_eq!(report.adsbot.requests, 5);
    assert_eq!(last.get(), size, "progress ends at the file size");
    let name = file
        .path()
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    assert_eq!(report.source, Some(name));
}

#[test]
fn common_format_cannot_show_bots_and_says_so() {
    let mut log = String::new();
    for i in 0..5 {
        log += &common(IN_V4, "12/May/2026:09:00:00 +0000", &format!("/p{i}"), 200);
    }
    let report = import_bytes(log.as_bytes(), Some(&ranges())).unwrap();
    assert_eq!(report.lines.parsed, 5);
    assert_eq!(report.lines.with_user_agent, 0);
    assert_eq!(ids(&report), ["log-no-user-agent"]);
    assert_eq!(report.findings[0].status, Status::Warn);
}

#[test]
fn a_log_without_the_bot_says_it_is_absent() {
    let mut log = combined(
        "81.2.69.160",
        "12/May/2026:09:00:00 +0000",
        "/",
        200,
        BROWSER_UA,
    );
    log += &combined(OUT_V4, "12/May/2026:09:00:01 +0000", "/", 403, ADSBOT_UA);
    let report = import_bytes(log.as_bytes(), Some(&ranges())).unwrap();
    assert_eq!(ids(&report), ["log-adsbot-impostor", "log-adsbot-absent"]);
    let absent = finding(&report, "log-adsbot-absent").unwrap();
    assert_eq!(absent.status, Status::Info);
    assert!(absent.detail.contains("1 request used its name"));
    assert!(absent.evidence[0].value.contains("2026-05-12T09:00:00Z"));
    // All bot-named requests came from outside: could be a proxy, so less sure.
    assert_eq!(
        finding(&report, "log-adsbot-impostor").unwrap().confidence,
        Confidence::Medium
    );
}

#[test]
fn a_proxy_address_is_called_out() {
    let log = combined(
        "10.0.0.5",
        "12/May/2026:09:00:00 +0000",
        "/",
        200,
        ADSBOT_UA,
    );
    let report = import_bytes(log.as_bytes(), Some(&ranges())).unwrap();
    assert_eq!(
        report.impostors.clients[0].check,
        AddressCheck::PrivateAddress
    );
    let impostor = finding(&report, "log-adsbot-impostor").unwrap();
    assert!(
        impostor.detail.contains("private network"),
        "{}",
        impostor.detail
    );
    assert!(impostor.remedy.contains("real address"));
}

#[test]
fn a_block_that_was_fixed_is_a_warning_not_a_failure() {
    let mut log = combined(
        IN_V4,
        "12/May/2026:09:00:00 +0000",
        "/landing",
        503,
        ADSBOT_UA,
    );
    log += &combined(
        IN_V4,
        "12/May/2026:10:00:00 +0000",
        "/landing",
        200,
        ADSBOT_UA,
    );
    let report = import_bytes(log.as_bytes(), Some(&ranges())).unwrap();
    let blocked = finding(&report, "log-adsbot-blocked").unwrap();
    assert_eq!(blocked.status, Status::Warn);
    assert!(blocked.remedy.contains("5xx"));
    assert_eq!(
        finding(&report, "log-adsbot-ok").unwrap().status,
        Status::Pass
    );

    // The same lines in reverse order in the file: latest still goes by time.
    let reversed: String = log.lines().rev().map(|l| format!("{l}\n")).collect();
    let report = import_bytes(reversed.as_bytes(), Some(&ranges())).unwrap();
    assert_eq!(
        finding(&report, "log-adsbot-blocked").unwrap().status,
        Status::Warn
    );
}

#[test]
fn variants_vhost_extra_fields_and_escaped_quotes_are_read() {
    let ua = r#"Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko); compatible; OAI-AdsBot/1.0; +https://openai.com/adsbot; \"x\""#;
    let log = format!(
        "shop.example.com:443 {IN_V4} - - [12/May/2026:09:00:00 +0200] \"GET /a?b=1 HTTP/2.0\" 200 - \"https://chatgpt.com/\" \"{ua}\" 0.012 \"10.0.0.1:8080\"\n\
         shop.example.com:443 {IN_V6} - - [12/May/2026:09:00:01 +0200] \"HEAD /a HTTP/2.0\" 200 0 \"-\" \"{ua}\" rt=0.001\n"
    );
    let report = import_bytes(log.as_bytes(), Some(&ranges())).unwrap();
    assert_eq!(report.adsbot.requests, 2);
    let path = &report.adsbot.paths[0];
    assert_eq!(path.host.as_deref(), Some("shop.example.com:443"));
    assert_eq!((path.path.as_str(), path.requests), ("/a", 2));
    assert_eq!(report.adsbot.days[0].date, "2026-05-12");
    assert_eq!(
        report.adsbot.first_seen.as_deref(),
        Some("2026-05-12T09:00:00+02:00")
    );
}

#[test]
fn malformed_lines_and_odd_bytes_are_counted_not_fatal() {
    let mut bytes = Vec::new();
    for i in 0..40 {
        let line = combined(
            IN_V4,
            "12/May/2026:09:00:00 +0000",
            &format!("/caf\u{e9}/{i}"),
            200,
            ADSBOT_UA,
        );
        bytes.extend(line.as_bytes());
    }
    bytes.extend(b"this is not a log line\n");
    bytes.extend(b"\xff\xfe\x00\x01 garbage \x80\n");
    bytes.extend(b"\n   \n");
    // Latin-1 bytes in the path and user agent, as old clients send them.
    bytes.extend(format!("{IN_V4} - - [12/May/2026:09:00:00 +0000] \"GET /").as_bytes());
    bytes.extend(b"\xe9t\xe9 HTTP/1.1\" 200 1 \"-\" \"\xff ");
    bytes.extend(format!("{ADSBOT_UA}\"\n").as_bytes());
    bytes.extend(format!("{IN_V4} - - [12/May/2026:09:00:00 +0000] \"GET /x HTTP/1.1\" 200 1 \"-\" \"unterminated\n").as_bytes());

    let report = import_bytes(&bytes, Some(&ranges())).unwrap();
    assert_eq!(report.lines.total, 46);
    assert_eq!(report.lines.blank, 2);
    assert_eq!(report.lines.parsed, 41);
    assert_eq!(report.lines.unparsed, 3);
    let examples: Vec<_> = report
        .unparsed_examples
        .iter()
        .map(|e| (e.line_number, e.reason.as_str()))
        .collect();
    assert_eq!(
        examples,
        [
            (41, "no [timestamp] field"),
            (42, "no [timestamp] field"),
            (46, "a quoted field is not closed")
        ]
    );
    assert!(report.unparsed_examples[1].excerpt.contains('\u{fffd}'));
    assert!(report
        .adsbot
        .paths
        .iter()
        .any(|p| p.path == "/\u{fffd}t\u{fffd}"));
    let unparsed = finding(&report, "log-unparsed-lines").unwrap();
    assert_eq!(
        unparsed.status,
        Status::Warn,
        "3 of 44 lines is more than 5%"
    );
    assert_eq!(unparsed.evidence[0].location.as_deref(), Some("line 41"));
}

#[test]
fn a_few_bad_lines_are_only_information() {
    let mut log = String::new();
    for _ in 0..100 {
        log += &combined(IN_V4, "12/May/2026:09:00:00 +0000", "/", 200, ADSBOT_UA);
    }
    log += "garbage\n";
    let report = import_bytes(log.as_bytes(), Some(&ranges())).unwrap();
    assert_eq!(
        finding(&report, "log-unparsed-lines").unwrap().status,
        Status::Info
    );
}

#[test]
fn an_over_long_line_is_skipped() {
    let mut log = combined(IN_V4, "12/May/2026:09:00:00 +0000", "/", 200, ADSBOT_UA);
    log += &combined(
        IN_V4,
        "12/May/2026:09:00:00 +0000",
        &"/x".repeat(40_000),
        200,
        ADSBOT_UA,
    );
    for _ in 0..20 {
        log += &combined(IN_V4, "12/May/2026:09:00:00 +0000", "/", 200, ADSBOT_UA);
    }
    let report = import_bytes(log.as_bytes(), Some(&ranges())).unwrap();
    assert_eq!((report.lines.too_long, report.lines.parsed), (1, 21));
    assert_eq!(report.unparsed_examples[0].line_number, 2);
}

fn error_code(result: Result<LogReport, LogError>) -> &'static str {
    result.expect_err("import should fail").code()
}

#[test]
fn corrupt_and_truncated_gzip_are_refused_whole() {
    let mut log = String::new();
    for i in 0..2000 {
        log += &combined(
            IN_V4,
            "12/May/2026:09:00:00 +0000",
            &format!("/p{i}"),
            200,
            ADSBOT_UA,
        );
    }
    let packed = gzip(log.as_bytes());

    let truncated = &packed[..packed.len() / 2];
    assert_eq!(
        error_code(import_bytes(truncated, None)),
        "log-corrupt-gzip"
    );

    let mut damaged = packed.clone();
    let middle = damaged.len() / 2;
    for b in &mut damaged[middle..middle + 64] {
        *b ^= 0x5a;
    }
    assert_eq!(error_code(import_bytes(&damaged, None)), "log-corrupt-gzip");

    // A valid stream followed by junk is damaged too.
    let mut trailing = packed.clone();
    trailing.extend(b"\x1f\x8bjunk");
    assert_eq!(
        error_code(import_bytes(&trailing, None)),
        "log-corrupt-gzip"
    );

    let file = temp_file(truncated);
    let err = import_log(file.path(), None, &LogOptions::default()).unwrap_err();
    assert_eq!(err.code(), "log-corrupt-gzip");
    assert!(err.to_string().contains("damaged or cut off"));
}

#[test]
fn empty_input_is_an_error() {
    assert_eq!(error_code(import_bytes(b"", None)), "log-empty");
    assert_eq!(error_code(import_bytes(b"\n\n  \r\n", None)), "log-empty");
    assert_eq!(error_code(import_bytes(&gzip(b""), None)), "log-empty");
    let file = temp_file(b"");
    assert_eq!(
        error_code(import_log(file.path(), None, &LogOptions::default())),
        "log-empty"
    );
}

#[test]
fn binary_or_foreign_files_are_not_access_logs() {
    // Pseudo-random bytes with the odd newline, like an image or archive.
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let binary: Vec<u8> = (0..200_000)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8
        })
        .collect();
    let err = import_bytes(&binary, None).unwrap_err();
    assert_eq!(err.code(), "log-not-an-access-log");
    assert!(err.to_string().contains("combined"));

    // An error log: lines of text, none in the access-log format.
    let error_log = "2026/05/12 09:00:00 [error] 123#0: *1 open() failed\n".repeat(50);
    assert_eq!(
        error_code(import_bytes(error_log.as_bytes(), None)),
        "log-not-an-access-log"
    );

    // Mostly foreign with a few readable lines: still refused, nothing partial.
    let mut mostly = error_log.repeat(4);
    mostly += &combined(IN_V4, "12/May/2026:09:00:00 +0000", "/", 200, ADSBOT_UA);
    assert_eq!(
        error_code(import_bytes(mostly.as_bytes(), None)),
        "log-not-an-access-log"
    );
}

#[test]
fn endless_input_without_newlines_stops_quickly() {
    // Like pointing the import at /dev/zero: must end with an error, not hang or grow memory.
    let endless = io::repeat(0);
    let err = import_reader(endless, None, &LogOptions::default()).unwrap_err();
    assert_eq!(err.code(), "log-not-an-access-log");
    let endless_lines = io::repeat(b'\n').take(u64::MAX);
    let lines = io::repeat(b'x').take(10).chain(endless_lines);
    let err = import_reader(lines, None, &LogOptions::default()).unwrap_err();
    assert_eq!(err.code(), "log-not-an-access-log");
}

#[test]
fn a_cancelled_import_returns_cancelled() {
    let cancel = AtomicBool::new(true);
    let options = LogOptions {
        cancel: Some(&cancel),
        ..LogOptions::default()
    };
    let log = mixed_log().repeat(500);
    assert_eq!(
        error_code(import_reader(log.as_bytes(), None, &options)),
        "log-import-cancelled"
    );
    // Endless valid log lines: only the flag can stop it, and it does.
    let endless = io::repeat(b'x')
        .take(0)
        .chain(RepeatLine(mixed_log().into_bytes(), 0));
    assert_eq!(
        error_code(import_reader(endless, None, &options)),
        "log-import-cancelled"
    );
}

/// A reader that repeats a log forever.
struct RepeatLine(Vec<u8>, usize);

impl Read for RepeatLine {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = buf.len().min(self.0.len() - self.1);
        buf[..n].copy_from_slice(&self.0[self.1..self.1 + n]);
        self.1 = (self.1 + n) % self.0.len();
        Ok(n)
    }
}

#[test]
fn unreadable_paths_give_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("access.log");
    let err = import_log(&missing, None, &LogOptions::default()).unwrap_err();
    assert_eq!(err.code(), "log-file-not-found");
    assert!(err.to_string().contains("access.log"));
    assert_eq!(
        error_code(import_log(dir.path(), None, &LogOptions::default())),
        "log-is-directory"
    );
}

#[cfg(unix)]
#[test]
fn a_file_without_read_permission_is_refused() {
    use std::os::unix::fs::PermissionsExt;
    let file = temp_file(mixed_log().as_bytes());
    std::fs::set_permissions(file.path(), std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::File::open(file.path()).is_ok() {
        return; // Running with privileges that ignore file modes: nothing to check.
    }
    assert_eq!(
        error_code(import_log(file.path(), None, &LogOptions::default())),
        "log-permission-denied"
    );
}

#[test]
fn reports_round_trip_through_json_and_render_as_text() {
    let ranges = ranges();
    let options = LogOptions {
        include_other_agents: true,
        ..LogOptions::default()
    };
    let report = import_reader(mixed_log().as_bytes(), Some(&ranges), &options).unwrap();
    let json = serde_json::to_string(&report).unwrap();
    let back: LogReport = serde_json::from_str(&json).unwrap();
    assert_eq!(back, report);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["adsbot"]["agent"], "OAI-AdsBot");
    assert_eq!(value["adsbot"]["addresses"], "in-ranges");

    let text = render_text(&report);
    for expected in [
        "OAI-AdsBot (from OpenAI's addresses): 3 requests",
        "Impostors using OAI-AdsBot's name (outside OpenAI's addresses): 2 requests",
        "/landing  200 ×1, 403 ×1",
        "GPTBot (addresses not verified): 1 request\n",
        "[FAIL]",
        "created 2026-05-12T17:40:13.000000",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
}

#[test]
fn type_declarations_use_numbers_for_counts() {
    use ts_rs::TS;
    let decl = preflight_accesslog::LineCounts::decl(&ts_rs::Config::default());
    assert!(decl.contains("total: number"), "{decl}");
    let schema = schemars::schema_for!(LogReport);
    let schema = serde_json::to_value(schema).unwrap();
    assert!(schema["properties"]["adsbot"].is_object());
}
