//! Reads payload files as a stream: a request body, an array of events, JSON Lines (one request
//! or event per line, optionally after a log prefix) or a HAR recording, plain or gzip. Events
//! are handed to the collector one at a time, so a file of any size is checked in bounded
//! memory; progress is reported as bytes are read, and a cancel stops at the next event.

use std::cell::Cell;
use std::fmt;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::rc::Rc;

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use crate::collect::{Batch, Collector, Origin};
use crate::har;
use crate::report::{FileSummary, InputFormat};
use crate::rules::request;

/// Longest line of a JSON Lines file that is read; longer ones are reported and skipped.
pub const MAX_LINE_BYTES: usize = 32 * 1024 * 1024;
const PEEK_BYTES: usize = 64 * 1024;
const CANCELLED: &str = "cancelled by the user";

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
struct Reading<'c, 'a> {
    collector: &'c mut Collector,
    control: &'c mut Control<'a>,
    file: String,
    read: Rc<Cell<u64>>,
    total: u64,
    last_reported: u64,
    events: u64,
    stopped: bool,
}

impl Reading<'_, '_> {
    fn tick(&mut self) -> bool {
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
        read_lines(&mut reader, &mut reading)
    } else {
        read_document(reader, &mut reading, peek[start] == b'[')
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

fn read_lines(reader: &mut dyn BufRead, r: &mut Reading) -> (InputFormat, u64, Option<String>) {
    let mut line_no = 0u64;
    let mut bad = 0u64;
    let mut good = 0u64;
    let mut loose: Option<Batch> = None;
    let mut loose_index = 0usize;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let n = match (&mut *reader)
            .take(MAX_LINE_BYTES as u64)
            .read_until(b'\n', &mut buf)
        {
            Ok(n) => n,
            Err(e) => {
                r.collector.file_problem(
                    &r.file,
                    Some(line_no + 1),
                    request::line_not_json(
                        line_no + 1,
                        &format!("the file could not be read further: {e}"),
                    ),
                );
                bad += 1;
                break;
            }
        };
        if n == 0 {
            break;
        }
        line_no += 1;
        if buf.len() >= MAX_LINE_BYTES && buf.last() != Some(&b'\n') {
            skip_to_newline(reader);
            bad += 1;
            r.collector.file_problem(
                &r.file,
                Some(line_no),
                request::line_not_json(line_no, "the line is longer than 32 MiB"),
            );
            continue;
        }
        let text = trim_line(&buf);
        if text.is_empty() {
            continue;
        }
        let value = match parse_line(text) {
            Ok(v) => v,
            Err(e) => {
                bad += 1;
                r.collector.file_problem(
                    &r.file,
                    Some(line_no),
                    request::line_not_json(line_no, &e),
                );
                continue;
            }
        };
        good += 1;
        match value {
            Value::Object(mut map) if map.contains_key("events") => {
                let events = map.remove("events");
                let origin = Origin {
                    file: r.file.clone(),
                    label: format!("{} line {line_no}", r.file),
                    line: Some(line_no),
                    is_request: true,
                    ..Origin::default()
                };
                request_from_value(r, origin, map, events);
            }
            Value::Object(map) if looks_like_event(&map) => {
                let batch = loose.get_or_insert_with(|| {
                    r.collector.begin(Origin {
                        file: r.file.clone(),
                        label: format!("{}: events one per line", r.file),
                        is_request: false,
                        ..Origin::default()
                    })
                });
                r.collector
                    .event(batch, loose_index, &Value::Object(map), Some(line_no));
                loose_index += 1;
                if !r.tick() {
                    break;
                }
            }
            other => {
                r.collector
                    .file_problem(&r.file, Some(line_no), request::not_a_request(&other))
            }
        }
        if r.stopped {
            break;
        }
    }
    if let Some(batch) = loose {
        r.collector.end(batch, None);
    }
    let message = (good == 0 && bad > 0).then(|| {
        format!("No line of this file is JSON ({bad} lines tried). Is it the right file?")
    });
    (InputFormat::JsonLines, bad, message)
}

fn skip_to_newline(reader: &mut dyn BufRead) {
    loop {
        let (done, used) = match reader.fill_buf() {
            Ok([]) | Err(_) => return,
            Ok(buf) => match buf.iter().position(|&b| b == b'\n') {
                Some(i) => (true, i + 1),
                None => (false, buf.len()),
            },
        };
        reader.consume(used);
        if done {
            return;
        }
    }
}

fn trim_line(buf: &[u8]) -> &[u8] {
    let start = buf
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(buf.len());
    let end = buf
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(start, |i| i + 1);
    &buf[start..end.max(start)]
}

/// A line as JSON; a log prefix before the first `{` ("2026-12-01 INFO {…}") is allowed.
fn parse_line(text: &[u8]) -> Result<Value, String> {
    match serde_json::from_slice::<Value>(text) {
        Ok(v) => Ok(v),
        Err(e) => {
            if let Some(i) = text.iter().position(|&b| b == b'{').filter(|&i| i > 0) {
                if let Ok(v) = serde_json::from_slice::<Value>(&text[i..]) {
                    return Ok(v);
                }
            }
            Err(e.to_string())
        }
    }
}

fn looks_like_event(map: &Map<String, Value>) -> bool {
    ["type", "id", "timestamp_ms", "event_name", "event_id"]
        .iter()
        .any(|k| map.contains_key(*k))
}

/// A request body already parsed (a JSON Lines line, a HAR body).
fn request_from_value(
    r: &mut Reading,
    origin: Origin,
    root: Map<String, Value>,
    events: Option<Value>,
) {
    let mut batch = r.collector.begin(origin);
    let line = batch_line(&batch);
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
            let mut root = root;
            root.insert("events".into(), other);
            r.collector.end(batch, Some((&root, None)));
            return;
        }
        None => None,
    };
    r.collector.end(batch, Some((&root, count)));
}

fn batch_line(b: &Batch) -> Option<u64> {
    b.line()
}

fn read_document(
    reader: impl Read,
    r: &mut Reading,
    is_array: bool,
) -> (InputFormat, u64, Option<String>) {
    let mut de = serde_json::Deserializer::from_reader(reader);
    let mut state = DocState {
        format: if is_array {
            InputFormat::EventArray
        } else {
            InputFormat::RequestBody
        },
    };
    let outcome = TopSeed {
        r,
        state: &mut state,
    }
    .deserialize(&mut de)
    .and_then(|_| de.end());
    match outcome {
        Ok(()) => (state.format, 0, None),
        Err(_) if r.stopped => (state.format, 0, None),
        Err(e) => {
            let line = e.line() as u64;
            r.collector.file_problem(
                &r.file,
                Some(line),
                request::line_not_json(line, &e.to_string()),
            );
            (state.format, 1, Some(format!("The file stops being valid JSON at line {line}, column {}; what came before was checked.", e.column())))
        }
    }
}

struct DocState {
    format: InputFormat,
}

struct TopSeed<'x, 'c, 'a> {
    r: &'x mut Reading<'c, 'a>,
    state: &'x mut DocState,
}

impl<'de> DeserializeSeed<'de> for TopSeed<'_, '_, '_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for TopSeed<'_, '_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a request body, an array of events or a HAR recording")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
        let file = self.r.file.clone();
        let mut batch = self.r.collector.begin(Origin {
            label: format!("{file}: array of events"),
            file,
            is_request: false,
            ..Origin::default()
        });
        let result = stream_events(self.r, &mut batch, seq);
        self.r.collector.end(batch, None);
        result.map(|_| ())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut root = Map::new();
        let mut batch: Option<Batch> = None;
        let mut count: Option<usize> = None;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "events" if batch.is_none() => {
                    let file = self.r.file.clone();
                    let mut b = self.r.collector.begin(Origin {
                        label: file.clone(),
                        file,
                        is_request: true,
                        ..Origin::default()
                    });
                    match map.next_value_seed(EventsSeed {
                        r: &mut *self.r,
                        batch: &mut b,
                    })? {
                        Ok(n) => count = Some(n),
                        Err(other) => {
                            root.insert(key, other);
                        }
                    }
                    batch = Some(b);
                }
                "log" if batch.is_none() && root.is_empty() => {
                    self.state.format = InputFormat::Har;
                    map.next_value_seed(HarLogSeed { r: &mut *self.r })?;
                }
                _ => {
                    let v: Value = map.next_value()?;
                    if root.len() < 64 {
                        root.insert(key, v);
                    }
                }
            }
            if self.r.stopped {
                return Err(de::Error::custom(CANCELLED));
            }
        }
        if self.state.format == InputFormat::Har {
            return Ok(());
        }
        match batch {
            Some(b) => self.r.collector.end(b, Some((&root, count))),
            None if looks_like_event(&root) => {
                let file = self.r.file.clone();
                let mut b = self.r.collector.begin(Origin {
                    label: format!("{file}: one event"),
                    file,
                    is_request: false,
                    ..Origin::default()
                });
                self.r
                    .collector
                    .event(&mut b, 0, &Value::Object(root), None);
                self.r.collector.end(b, None);
            }
            None => {
                let file = self.r.file.clone();
                let b = self.r.collector.begin(Origin {
                    label: file.clone(),
                    file,
                    is_request: true,
                    ..Origin::default()
                });
                self.r.collector.end(b, Some((&root, None)));
            }
        }
        Ok(())
    }
}

fn stream_events<'de, A: SeqAccess<'de>>(
    r: &mut Reading,
    batch: &mut Batch,
    mut seq: A,
) -> Result<usize, A::Error> {
    let mut i = 0usize;
    while let Some(event) = seq.next_element::<Value>()? {
        r.collector.event(batch, i, &event, None);
        i += 1;
        if !r.tick() {
            return Err(de::Error::custom(CANCELLED));
        }
    }
    Ok(i)
}

/// The `events` value: streamed when it is a list; otherwise returned as it is.
struct EventsSeed<'x, 'c, 'a> {
    r: &'x mut Reading<'c, 'a>,
    batch: &'x mut Batch,
}

impl<'de> DeserializeSeed<'de> for EventsSeed<'_, '_, '_> {
    type Value = Result<usize, Value>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for EventsSeed<'_, '_, '_> {
    type Value = Result<usize, Value>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of events")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        stream_events(self.r, self.batch, seq).map(Ok)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        let v = Value::deserialize(de::value::MapAccessDeserializer::new(map))?;
        Ok(Err(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Err(Value::String(v.chars().take(200).collect())))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        self.visit_str(&v)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(Err(Value::Bool(v)))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Err(Value::from(v)))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Err(Value::from(v)))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(Err(Value::from(v)))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Err(Value::Null))
    }
}

use serde::Deserialize;

/// `log` of a HAR file: only `entries` is read, one entry at a time.
struct HarLogSeed<'x, 'c, 'a> {
    r: &'x mut Reading<'c, 'a>,
}

impl<'de> DeserializeSeed<'de> for HarLogSeed<'_, '_, '_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for HarLogSeed<'_, '_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a HAR log")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            if key == "entries" {
                map.next_value_seed(HarEntriesSeed { r: &mut *self.r })?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }
}

struct HarEntriesSeed<'x, 'c, 'a> {
    r: &'x mut Reading<'c, 'a>,
}

impl<'de> DeserializeSeed<'de> for HarEntriesSeed<'_, '_, '_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for HarEntriesSeed<'_, '_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("HAR entries")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut n = 0u64;
        while let Some(entry) = seq.next_element::<Value>()? {
            n += 1;
            if let Some(req) = har::events_request(&entry) {
                har_request(self.r, n, req);
                if self.r.stopped {
                    return Err(de::Error::custom(CANCELLED));
                }
            }
        }
        Ok(())
    }
}

fn har_request(r: &mut Reading, entry_no: u64, req: har::HarRequest) {
    let origin = Origin {
        file: r.file.clone(),
        label: format!("{} entry {entry_no}", r.file),
        line: Some(entry_no),
        is_request: true,
        pixel_id: req.pixel_id.clone(),
        response_status: req.response_status,
        sent_at_ms: req.sent_at_ms,
    };
    let parsed = req
        .body
        .as_deref()
        .map(|b| serde_json::from_str::<Value>(b));
    let mut batch = r.collector.begin(origin);
    if req.pixel_id.is_none() {
        r.collector
            .batch_problem(&mut batch, request::pixel_id_missing(&req.url));
    }
    if let Some(evidence) = &req.browser_evidence {
        r.collector
            .batch_problem(&mut batch, request::sent_from_browser(evidence));
    }
    if crate::secrets::contains_key(&req.headers_text) {
        r.collector
            .batch_problem(&mut batch, request::key_in_payload("(request headers)"));
    }
    match parsed {
        Some(Ok(Value::Object(mut root))) => {
            let events = root.remove("events");
            let count = match events {
                Some(Value::Array(items)) => {
                    for (i, e) in items.iter().enumerate() {
                        r.collector.event(&mut batch, i, e, Some(entry_no));
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
        Some(Ok(Value::Array(_))) => r.collector.end(batch, Some((&Map::new(), None))),
        Some(Ok(other)) => {
            r.collector
                .batch_problem(&mut batch, request::not_a_request(&other));
            r.collector.end(batch, Some((&Map::new(), None)));
        }
        Some(Err(e)) => {
            r.collector
                .batch_problem(&mut batch, request::body_not_json(entry_no, &e.to_string()));
            r.collector.end(batch, None);
        }
        None => r.collector.end(batch, None),
    }
}
