//! JSON Lines: one request or one event per line, as servers log them; a line that is not JSON
//! is reported by its number and the rest are still checked.

use std::io::{BufRead, Read};

use serde_json::Value;

use super::{looks_like_event, Reading, MAX_LINE_BYTES};
use crate::collect::{Batch, Origin};
use crate::report::InputFormat;
use crate::rules::request;

pub(super) fn read_lines(
    reader: &mut dyn BufRead,
    r: &mut Reading,
) -> (InputFormat, u64, Option<String>) {
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
                let batch = r.collector.begin(origin);
                super::check_request(r, batch, map, events);
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
