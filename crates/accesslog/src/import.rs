//! Reading a whole log: detect compression, stream the lines, parse, pick out OpenAI's agents,
//! add them up and derive findings.

use std::fs::{self, File};
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use flate2::bufread::MultiGzDecoder;
use time::OffsetDateTime;

use crate::addresses::AddressChecker;
use crate::agents::{AgentMatcher, OpenAiAgent};
use crate::error::LogError;
use crate::findings::findings;
use crate::line::parse_line;
use crate::ranges::IpRanges;
use crate::reader::{CountingReader, LineReader, Next};
use crate::report::{AddressCheck, AddressScope, LineCounts, LogReport, RangesInfo, UnparsedLine};
use crate::tally::{lossy_cut, Request, Tally};

/// Longest line read; longer lines are counted as unreadable. Real access-log lines are well
/// under 8 KiB even with long URLs and user agents.
pub const MAX_LINE_BYTES: usize = 64 * 1024;
/// Unreadable lines quoted as examples.
const MAX_UNPARSED_EXAMPLES: usize = 5;
const MAX_EXCERPT_CHARS: usize = 200;
/// With no readable line after this many lines or bytes the input is not an access log; stop
/// early instead of reading gigabytes of something else.
const GIVE_UP_LINES: u64 = 1_000;
const GIVE_UP_BYTES: u64 = 8 << 20;
/// Below this share of readable lines the whole file is refused as "not an access log".
const MIN_READABLE_SHARE: f64 = 0.10;
const READ_BUFFER: usize = 256 * 1024;
const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// How to import.
#[derive(Clone, Copy, Default)]
pub struct LogOptions<'a> {
    /// Also summarise GPTBot, OAI-SearchBot and ChatGPT-User, for context.
    pub include_other_agents: bool,
    /// Called with the number of bytes read from the file (compressed bytes for a gzip file,
    /// so it can be compared with the file size), about once per MiB and at the end.
    pub progress: Option<&'a dyn Fn(u64)>,
    /// Set it to stop the import; the import then returns [`LogError::Cancelled`].
    pub cancel: Option<&'a AtomicBool>,
}

impl std::fmt::Debug for LogOptions<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LogOptions")
            .field("include_other_agents", &self.include_other_agents)
            .field("progress", &self.progress.is_some())
            .field("cancel", &self.cancel)
            .finish()
    }
}

/// Imports an access log file, plain or gzip-compressed.
pub fn import_log(
    path: &Path,
    ranges: Option<&IpRanges>,
    options: &LogOptions,
) -> Result<LogReport, LogError> {
    let metadata = fs::metadata(path).map_err(|e| LogError::opening(path, e))?;
    if metadata.is_dir() {
        return Err(LogError::IsDirectory {
            path: path.display().to_string(),
        });
    }
    let file = File::open(path).map_err(|e| LogError::opening(path, e))?;
    let mut report = import_reader(file, ranges, options)?;
    report.source = path.file_name().map(|n| n.to_string_lossy().into_owned());
    Ok(report)
}

/// Imports an access log from any reader, plain or gzip-compressed.
pub fn import_reader(
    reader: impl Read,
    ranges: Option<&IpRanges>,
    options: &LogOptions,
) -> Result<LogReport, LogError> {
    let counting = CountingReader::new(reader, options.progress);
    let mut raw = BufReader::with_capacity(READ_BUFFER, counting);
    let head = raw.fill_buf().map_err(|e| LogError::reading(e, false))?;
    if head.starts_with(&GZIP_MAGIC) {
        let text = BufReader::with_capacity(READ_BUFFER, MultiGzDecoder::new(raw));
        Scan::new(ranges, options, true).run(text)
    } else {
        Scan::new(ranges, options, false).run(raw)
    }
}

/// The state of one import.
struct Scan<'a> {
    options: &'a LogOptions<'a>,
    ranges: Option<&'a IpRanges>,
    compressed: bool,
    matcher: AgentMatcher,
    addresses: AddressChecker<'a>,
    lines: LineCounts,
    unparsed_examples: Vec<UnparsedLine>,
    first: Option<OffsetDateTime>,
    last: Option<OffsetDateTime>,
    adsbot: Tally,
    impostors: Tally,
    others: Vec<(OpenAiAgent, Tally)>,
}

impl<'a> Scan<'a> {
    fn new(ranges: Option<&'a IpRanges>, options: &'a LogOptions<'a>, compressed: bool) -> Self {
        let scope = if ranges.is_some() {
            AddressScope::InRanges
        } else {
            AddressScope::NotChecked
        };
        let others = if options.include_other_agents {
            OpenAiAgent::ALL[1..]
                .iter()
                .map(|a| (*a, Tally::new(*a, AddressScope::NotChecked)))
                .collect()
        } else {
            Vec::new()
        };
        Scan {
            options,
            ranges,
            compressed,
            matcher: AgentMatcher::new(options.include_other_agents),
            addresses: AddressChecker::new(ranges),
            lines: LineCounts::default(),
            unparsed_examples: Vec::new(),
            first: None,
            last: None,
            adsbot: Tally::new(OpenAiAgent::OaiAdsBot, scope),
            impostors: Tally::new(OpenAiAgent::OaiAdsBot, AddressScope::OutsideRanges),
            others,
        }
    }

    fn run(mut self, text: impl BufRead) -> Result<LogReport, LogError> {
        let compressed = self.compressed;
        let mut reader = LineReader::new(text, MAX_LINE_BYTES);
        let mut events: u32 = 0;
        loop {
            events = events.wrapping_add(1);
            if events.is_multiple_of(1024) {
                self.check_cancel()?;
            }
            match reader
                .next_line()
                .map_err(|e| LogError::reading(e, compressed))?
            {
                Next::Eof => break,
                Next::Skipping => self.check_cancel()?,
                Next::TooLong => {
                    self.lines.total += 1;
                    self.lines.too_long += 1;
                    self.unreadable("line longer than 64 KiB", b"");
                }
                Next::Line(line) => self.line(line),
            }
            self.give_up_early(reader.bytes())?;
        }
        self.finish(reader.bytes())
    }

    fn check_cancel(&self) -> Result<(), LogError> {
        match self.options.cancel {
            Some(flag) if flag.load(Ordering::Relaxed) => Err(LogError::Cancelled),
            _ => Ok(()),
        }
    }

    fn line(&mut self, raw: &[u8]) {
        self.lines.total += 1;
        if raw.trim_ascii().is_empty() {
            self.lines.blank += 1;
            return;
        }
        let line = match parse_line(raw) {
            Ok(line) => line,
            Err(failure) => return self.unreadable(failure.reason(), raw),
        };
        self.lines.parsed += 1;
        self.first = Some(self.first.map_or(line.time, |t| t.min(line.time)));
        self.last = Some(self.last.map_or(line.time, |t| t.max(line.time)));
        let Some(user_agent) = line.user_agent else {
            return;
        };
        self.lines.with_user_agent += 1;
        let Some(agent) = self.matcher.classify(user_agent) else {
            return;
        };
        let line_number = self.lines.total;
        if agent == OpenAiAgent::OaiAdsBot {
            let check = self.addresses.check(line.client);
            let request = Request {
                line: &line,
                line_number,
                raw,
                check,
            };
            match check {
                AddressCheck::InRanges | AddressCheck::NotChecked => self.adsbot.add(&request),
                _ => self.impostors.add(&request),
            }
        } else if let Some((_, tally)) = self.others.iter_mut().find(|(a, _)| *a == agent) {
            let check = AddressCheck::NotChecked;
            tally.add(&Request {
                line: &line,
                line_number,
                raw,
                check,
            });
        }
    }

    fn unreadable(&mut self, reason: &str, raw: &[u8]) {
        self.lines.unparsed += 1;
        if self.unparsed_examples.len() < MAX_UNPARSED_EXAMPLES {
            self.unparsed_examples.push(UnparsedLine {
                line_number: self.lines.total,
                reason: reason.to_string(),
                excerpt: lossy_cut(raw, MAX_EXCERPT_CHARS),
            });
        }
    }

    fn give_up_early(&self, bytes: u64) -> Result<(), LogError> {
        if self.lines.parsed == 0
            && (self.lines.non_blank() >= GIVE_UP_LINES || bytes >= GIVE_UP_BYTES)
        {
            return Err(self.not_an_access_log("nothing readable near the start of the file"));
        }
        Ok(())
    }

    fn not_an_access_log(&self, reason: &str) -> LogError {
        LogError::NotAnAccessLog {
            lines: self.lines.non_blank(),
            readable: self.lines.parsed,
            reason: reason.to_string(),
        }
    }

    fn finish(self, bytes: u64) -> Result<LogReport, LogError> {
        let non_blank = self.lines.non_blank();
        if non_blank == 0 {
            return Err(LogError::Empty);
        }
        if (self.lines.parsed as f64) < MIN_READABLE_SHARE * non_blank as f64 {
            let reason = match self.unparsed_examples.first() {
                Some(example) => format!(
                    "for example line {}: {}",
                    example.line_number, example.reason
                ),
                None => "unknown format".to_string(),
            };
            return Err(self.not_an_access_log(&reason));
        }
        let rfc3339 = |t: OffsetDateTime| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        };
        let mut report = LogReport {
            source: None,
            compressed: self.compressed,
            bytes_read: bytes,
            lines: self.lines,
            log_first_seen: self.first.and_then(rfc3339),
            log_last_seen: self.last.and_then(rfc3339),
            unparsed_examples: self.unparsed_examples,
            ranges: self.ranges.map(|r| RangesInfo {
                creation_time: r.creation_time().map(str::to_string),
                prefixes: r.prefixes().iter().map(|p| p.to_string()).collect(),
            }),
            adsbot: self.adsbot.finish(),
            impostors: self.impostors.finish(),
            other_agents: self.others.into_iter().map(|(_, t)| t.finish()).collect(),
            findings: Vec::new(),
        };
        report.findings = findings(&report);
        Ok(report)
    }
}
