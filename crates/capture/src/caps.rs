//! Limits on what a page can make the capture keep. Everything recorded comes from the page
//! (arguments of its calls, URLs and bodies of its requests), so each value is cut to a length
//! and each capture to a number of items and a total size; a cut value ends with [`CUT_MARKER`]
//! and a capture that dropped anything says so with `Capture::truncated`.

/// Appended to a string that was cut.
pub const CUT_MARKER: &str = "…[cut]";

/// Longest string kept from the page, in characters: each string inside a call's arguments,
/// each query parameter value, the command name, the script location and the page URL.
pub const MAX_STRING_CHARS: usize = 2_000;

/// Longest JSON text of one call's arguments, in characters; a longer one is replaced by a
/// note of its length (the strings inside are already cut to [`MAX_STRING_CHARS`]).
pub const MAX_ARGS_JSON_CHARS: usize = 32_000;

/// Longest request URL kept, in characters (its parameters are read before the cut).
pub const MAX_URL_CHARS: usize = 4_000;

/// Most query parameters kept per request.
pub const MAX_PARAMS: usize = 100;

/// Longest request body kept (beacons, `fetch` posts), in bytes of text.
pub const MAX_BODY_BYTES: usize = 16_000;

/// Most `oaiq` calls kept per capture or journey.
pub const MAX_CALLS: usize = 5_000;

/// Most requests to OpenAI's collection host kept per capture or journey.
pub const MAX_PIXEL_REQUESTS: usize = 1_000;

/// Most bytes of recorded calls and requests (arguments, URLs, parameters, bodies) kept per
/// capture or journey; what comes after is dropped and the capture marked truncated.
pub const MAX_TOTAL_BYTES: usize = 4 * 1024 * 1024;

/// `text` cut to at most `max_chars` characters (plus the marker), never inside a character.
pub fn cut_chars(text: &str, max_chars: usize) -> String {
    match text.char_indices().nth(max_chars) {
        None => text.to_string(),
        Some((end, _)) => format!("{}{CUT_MARKER}", &text[..end]),
    }
}

/// `text` cut to at most `max_bytes` bytes (plus the marker), never inside a character.
pub fn cut_bytes(text: &str, max_bytes: usize) -> String {
    if text.len() <= max_bytes {
        return text.to_string();
    }
    let mut end = max_bytes;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}{CUT_MARKER}", &text[..end])
}

/// A call's arguments as JSON with every string cut to [`MAX_STRING_CHARS`], and the whole
/// text replaced by a note when it is still longer than [`MAX_ARGS_JSON_CHARS`]. Text that is
/// not JSON is kept (cut) so the lint can report it as unreadable.
pub fn cap_args_json(text: &str) -> String {
    let capped = match serde_json::from_str::<serde_json::Value>(text) {
        Ok(mut value) => {
            if !cap_strings(&mut value) {
                return if text.chars().count() > MAX_ARGS_JSON_CHARS {
                    too_long(text)
                } else {
                    text.to_string()
                };
            }
            value.to_string()
        }
        Err(_) => return cut_chars(text, MAX_ARGS_JSON_CHARS),
    };
    if capped.chars().count() > MAX_ARGS_JSON_CHARS {
        too_long(&capped)
    } else {
        capped
    }
}

fn too_long(text: &str) -> String {
    serde_json::json!([format!(
        "<arguments cut: {} characters>",
        text.chars().count()
    )])
    .to_string()
}

/// Cut every string (and object key) in `value`; true when anything changed.
fn cap_strings(value: &mut serde_json::Value) -> bool {
    use serde_json::Value;
    match value {
        Value::String(s) if s.chars().count() > MAX_STRING_CHARS => {
            *s = cut_chars(s, MAX_STRING_CHARS);
            true
        }
        Value::Array(items) => {
            // Every item is visited: no short-circuit.
            let mut changed = false;
            for v in items {
                changed |= cap_strings(v);
            }
            changed
        }
        Value::Object(map) => {
            let long_key = map.keys().any(|k| k.chars().count() > MAX_STRING_CHARS);
            let mut changed = false;
            if long_key {
                let entries = std::mem::take(map);
                for (k, v) in entries {
                    map.insert(cut_chars(&k, MAX_STRING_CHARS), v);
                }
                changed = true;
            }
            for v in map.values_mut() {
                changed |= cap_strings(v);
            }
            changed
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_never_split_a_character() {
        let text = "é".repeat(10) + "日本語🎉";
        for max in 0..text.len() + 2 {
            let cut = cut_bytes(&text, max);
            let kept = cut.strip_suffix(CUT_MARKER).unwrap_or(&cut);
            assert!(kept.len() <= max, "{max}: {cut}");
            assert!(text.starts_with(kept));
        }
        for max in 0..20 {
            let cut = cut_chars(&text, max);
            let kept = cut.strip_suffix(CUT_MARKER).unwrap_or(&cut);
            assert_eq!(kept.chars().count(), max.min(text.chars().count()));
        }
        assert_eq!(cut_chars("abc", 3), "abc");
        assert_eq!(cut_chars("abcd", 3), format!("abc{CUT_MARKER}"));
    }

    #[test]
    fn long_strings_inside_arguments_are_cut_and_the_json_stays_valid() {
        let long = "🎉".repeat(MAX_STRING_CHARS + 5);
        let text = serde_json::json!(["purchase", { "note": long, "n": 1 }]).to_string();
        let capped = cap_args_json(&text);
        let value: serde_json::Value = serde_json::from_str(&capped).unwrap();
        let note = value[1]["note"].as_str().unwrap();
        assert!(note.ends_with(CUT_MARKER));
        assert_eq!(
            note.chars().count(),
            MAX_STRING_CHARS + CUT_MARKER.chars().count()
        );
        assert_eq!(value[1]["n"], 1);
        assert_eq!(value[0], "purchase");
    }

    #[test]
    fn short_arguments_are_kept_exactly() {
        let text = r#"["page_viewed",{"type":"contents","amount":12.50}]"#;
        assert_eq!(cap_args_json(text), text);
        assert_eq!(cap_args_json("not json"), "not json");
    }

    #[test]
    fn huge_arguments_become_a_note() {
        let many: Vec<String> = (0..100).map(|i| format!("{i:0>1000}")).collect();
        let text = serde_json::to_string(&many).unwrap();
        let capped = cap_args_json(&text);
        let value: serde_json::Value = serde_json::from_str(&capped).unwrap();
        assert!(value[0].as_str().unwrap().starts_with("<arguments cut:"));
        let junk = "x".repeat(MAX_ARGS_JSON_CHARS * 2);
        assert!(cap_args_json(&junk).chars().count() <= MAX_ARGS_JSON_CHARS + 10);
    }
}
