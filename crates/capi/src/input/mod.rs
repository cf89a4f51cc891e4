//! Reads payload files as a stream: a request body, an array of events, JSON Lines (one request
//! or event per line, optionally after a log prefix) or a HAR recording, plain or gzip. Events
//! are handed to the collector one at a time, so a file of any size is checked in bounded
//! memory; progress is reported as bytes are read, and a cancel stops at the next event.

mod document;
mod lines;

use std::cell::Cell;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::rc::Rc;

use serde_json::Value;

use crate::collect::{Batch, Collector};
use crate::report::{FileSummary, InputFormat};

/// Longest line of a JSON Lines file that is read; longer ones are reported and skipped.
pub const MAX_LINE_BYTES: usize = 32 * 1024 * 1024;
const PEEK_BYTES: usize = 64 * 1024;

/// How far reading has got, for a progress bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    pub file: String,
    pub bytes_read: u64,
    pub total_bytes: u64,
    pub events: u64,
}

/// Callbacks the reader calls: progress, and whether to stop.
pub struct Control<'a> {
    pub progress: &'a mut dyn FnMut(&Progress),
    pub cancelled: &'a dyn Fn() -> bool,
}

struct Counting<R> {
    inner: R,
    read: Rc<Cell<u64>>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.set(self.read.get() + n as u64);
        Ok(n)
    }
}

/// State shared by the readers of one file.
pub(super) struct Reading<'c, 'a> {
    pub(super) collector: &'c mut Collector,
    pub(super) control: &'c mut Control<'a>,
    pub(super) file: String,
    read: Rc<Cell<u64>>,
    total: u64,
    last_reported: u64,
    events: u64,
    pub(super) stopped: bool,
}

impl Reading<'_, '_> {
    pub(super) fn tick(&mut self) -> bool {
        self.events += 1;
        let read = self.read.get();
        if read >= self.last_reported + (1 << 20) || self.events % 5_000 == 0 {
            self.last_reported = read;
            (self.control.progress)(&Progress {
                file: self.file.clone(),
                bytes_read: read,
                total_bytes: self.total,
                events: self.collector.result.events_checked,
            });
        }
        if (self.control.cancelled)() {
            self.stopped = true;
        }
        !self.stopped
    }
}

/// Read one file into the collector; returns its summary.
pub fn read_file(path: &Path, collector: &mut Collector, control: &mut Control) -> FileSummary {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let unreadable = |bytes: u64, message: String| FileSummary {
        name: name.clone(),
        format: InputFormat::Unreadable,
        bytes,
        events: 0,
        bad_lines: 0,
        message: Some(message),
    };
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) => return unreadable(0, format!("The file could not be opened: {e}.")),
    };
    let total = file.metadata().map(|m| m.len()).unwrap_or(0);
    if path.is_dir() {
        return unreadable(0, "This is a folder, not a file.".to_string());
    }
    let read = Rc::new(Cell::new(0u64));
    let mut raw = BufReader::with_capacity(
        PEEK_BYTES,
        Counting {
            inner: file,
            read: read.clone(),
        },
    );
    let gzip = raw
        .fill_buf()
        .map(|b| b.starts_with(&[0x1f, 0x8b]))
        .unwrap_or(false);
    let inner: Box<dyn Read> = if gzip {
        Box::new(flate2::read::MultiGzDecoder::new(raw))
    } else {
        Box::new(raw)
    };
    let mut reader = BufReader::with_capacity(PEEK_BYTES, inner);
    let peek = match reader.fill_buf() {
        Ok(b) => b.to_vec(),
        Err(e) => return unreadable(total, format!("The file could not be read: {e}.")),
    };
    let start = skip_bom_and_space(&peek);
    if peek.len() <= start {
        return unreadable(total, "The file is empty.".to_string());
    }
    if looks_binary(&peek) {
        return unreadable(total, "This is a binary file, not JSON. Give a request body, a JSON array of events, a JSON Lines log or a HAR recording.".to_string());
    }
    let bom = if peek.starts_with(&[0xef, 0xbb, 0xbf]) {
        3
    } else {
        0
    };
    reader.consume(bom);
    let lines_mode = match peek[start] {
        b'[' => false,
        b'{' => is_lines(path, &peek[start..]),
        _ => true,
    };
    let mut reading = Reading {
        collector,
        control,
        file: name.clone(),
        read,
        total,
        last_reported: 0,
        events: 0,
        stopped: false,
    };
    let events_before = reading.collector.result.events_checked;
    let (format, bad_lines, message) = if lines_mode {
        lines::read_lines(&mut reader, &mut reading)
    } else {
        document::read_document(reader, &mut reading, peek[start] == b'[')
    };
    if reading.stopped {
        reading.collector.result.cancelled = true;
    }
    (reading.control.progress)(&Progress {
        file: name.clone(),
        bytes_read: reading.read.get(),
        total_bytes: total,
        events: reading.collector.result.events_checked,
    });
    FileSummary {
        name,
        format,
        bytes: total,
        events: reading.collector.result.events_checked - events_before,
        bad_lines,
        message,
    }
}

fn skip_bom_and_space(b: &[u8]) -> usize {
    let mut i = if b.starts_with(&[0xef, 0xbb, 0xbf]) {
        3
    } else {
        0
    };
    while i < b.len() && b[i].is_ascii_whitespace() {
        i += 1;
    }
    i
}

fn looks_binary(peek: &[u8]) -> bool {
    if peek.contains(&0) {
        return true;
    }
    match std::str::from_utf8(peek) {
        Ok(_) => false,
        // A character cut at the end of the peek is not a sign of binary data.
        Err(e) => e.error_len().is_some(),
    }
}

/// JSON Lines when the name says so, or when the first line is a whole JSON value and more
/// follows it.
fn is_lines(path: &Path, from_first: &[u8]) -> bool {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if matches!(ext.as_str(), "jsonl" | "ndjson" | "log") {
        return true;
    }
    if ext == "har" {
        return false;
    }
    let Some(end) = from_first.iter().position(|&b| b == b'\n') else {
        return false;
    };
    let rest_has_content = from_first[end..].iter().any(|b| !b.is_ascii_whitespace());
    rest_has_content && serde_json::from_slice::<Value>(&from_first[..end]).is_ok()
}

/// Whether a JSON object is one event (rather than a request or something else).
fn looks_like_event(map: &serde_json::Map<String, Value>) -> bool {
    ["type", "id", "timestamp_ms", "event_name", "event_id"]
        .iter()
        .any(|k| map.contains_key(*k))
}

/// Check a parsed request body: its events one by one (their line is the batch's), then the
/// rest of the body, with `events` put back when it was not a list.
fn check_request(
    r: &mut Reading,
    mut batch: Batch,
    mut root: serde_json::Map<String, Value>,
    events: Option<Value>,
) {
    let line = batch.line();
    let count = match events {
        Some(Value::Array(items)) => {
            for (i, e) in items.iter().enumerate() {
                r.collector.event(&mut batch, i, e, line);
                if !r.tick() {
                    break;
                }
            }
            Some(items.len())
        }
        Some(other) => {
            root.insert("events".into(), other);
            None
        }
        None => None,
    };
    r.collector.end(batch, Some((&root, count)));
}
