//! One JSON document read as a stream: a request body (its `events` streamed one at a time),
//! an array of events, one event, or a HAR recording (its entries streamed one at a time).

use std::fmt;
use std::io::Read;

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::{Map, Value};

use super::{looks_like_event, Reading};
use crate::collect::{Batch, Origin};
use crate::har;
use crate::report::InputFormat;
use crate::rules::request;

const CANCELLED: &str = "cancelled by the user";

pub(super) fn read_document(
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
            super::check_request(r, batch, root, events);
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
