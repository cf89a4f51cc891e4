//! Safe, mechanical corrections of a destination URL. Each finding names the fix that would
//! resolve it; [`suggest_corrected`] applies all of them. Fixes never invent values: a missing
//! UTM or an unsupported macro has no automatic fix.

use crate::data::{foreign_click_id, policy};
use crate::parsed::{decode_component, encode_component, normalize_value, split_fragment, Param};
use crate::separators::repair_entity_separators;
use crate::unsafe_chars::encode_unsafe;

/// One mechanical correction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fix {
    /// `&amp;` (and `&#38;`, `&#x26;`) between parameters becomes `&`.
    DecodeHtmlAmpersands,
    /// `%` not followed by two hex digits becomes `%25`.
    EncodeStrayPercent,
    /// Spaces, `|`, `"`, non-ASCII letters and the like are percent-encoded (macros excepted).
    EncodeUnsafeCharacters,
    /// `a=1?utm_source=x` becomes `a=1&utm_source=x`.
    SplitRepeatedQuestionMark,
    /// `utm_campaign=tom&jerry` becomes `utm_campaign=tom%26jerry`.
    EncodeAmpersandInValue,
    /// UTMs after `#` move into the query.
    MoveFragmentParams,
    /// `&&`, a trailing `&` and a bare `?` go.
    DropEmptySegments,
    /// `UTM_Source` becomes `utm_source`.
    LowercaseUtmNames,
    /// UTM values are trimmed, lowercased, inner spaces become `_`.
    NormalizeUtmValues,
    /// Other platforms' click ids go.
    DropForeignClickIds,
    /// Parameters OpenAI reserves (`oppref`, `olref`, `obref`, `oai…`) go; OpenAI adds its own.
    DropReservedParams,
    /// A repeated parameter keeps its first occurrence.
    DropDuplicates,
}

impl Fix {
    /// Every fix, in the order they are applied.
    pub const ALL: [Fix; 12] = [
        Fix::DecodeHtmlAmpersands,
        Fix::EncodeStrayPercent,
        Fix::EncodeUnsafeCharacters,
        Fix::SplitRepeatedQuestionMark,
        Fix::EncodeAmpersandInValue,
        Fix::MoveFragmentParams,
        Fix::DropEmptySegments,
        Fix::LowercaseUtmNames,
        Fix::NormalizeUtmValues,
        Fix::DropForeignClickIds,
        Fix::DropReservedParams,
        Fix::DropDuplicates,
    ];
}

/// The URL with every safe fix applied, or `None` when nothing needs fixing.
pub fn suggest_corrected(url: &str) -> Option<String> {
    apply_fixes(url, &Fix::ALL)
}

/// The URL with the given fixes applied (always in [`Fix::ALL`] order), or `None` when the
/// result is the same as the input.
pub fn apply_fixes(url: &str, fixes: &[Fix]) -> Option<String> {
    let url = url.trim();
    let on = |f: Fix| fixes.contains(&f);
    let mut text = url.to_string();
    if on(Fix::DecodeHtmlAmpersands) {
        if let Some(repaired) = repair_entity_separators(&text) {
            text = repaired;
        }
    }
    if on(Fix::EncodeStrayPercent) {
        text = encode_stray_percents(&text);
    }
    if on(Fix::EncodeUnsafeCharacters) {
        text = encode_unsafe(&text);
    }
    let (before_hash, mut fragment) = match text.split_once('#') {
        Some((b, f)) => (b.to_string(), Some(f.to_string())),
        None => (text.clone(), None),
    };
    let (base, query) = match before_hash.split_once('?') {
        Some((b, q)) => (b.to_string(), Some(q.to_string())),
        None => (before_hash.clone(), None),
    };
    let mut segments: Vec<String> = query
        .as_deref()
        .map(|q| q.split('&').map(str::to_string).collect())
        .unwrap_or_default();

    if on(Fix::SplitRepeatedQuestionMark) {
        segments = segments
            .iter()
            .flat_map(|s| split_at_repeated_question_marks(s))
            .collect();
    }
    if on(Fix::EncodeAmpersandInValue) {
        segments = merge_orphan_segments(segments);
    }
    if on(Fix::MoveFragmentParams) {
        if let Some(f) = fragment.take() {
            let (rest, moved) = move_fragment_utms(&f);
            segments.extend(moved);
            fragment = rest;
        }
    }
    if on(Fix::DropEmptySegments) {
        segments.retain(|s| !s.is_empty());
    }
    let mut params: Vec<Param> = segments.iter().map(|s| Param::parse(s)).collect();
    if on(Fix::LowercaseUtmNames) {
        for p in &mut params {
            let lower = p.key.to_lowercase();
            if p.key != lower && policy().is_utm(&lower) {
                *p = rebuild(&lower, p.value_raw.as_deref());
            }
        }
    }
    if on(Fix::NormalizeUtmValues) {
        for p in &mut params {
            if policy().is_utm(&p.key) && p.value_raw.is_some() {
                let normal = normalize_value(&p.value);
                if normal != p.value {
                    let encoded = encode_component(&normal);
                    *p = rebuild(&p.key_raw.clone(), Some(&encoded));
                }
            }
        }
    }
    if on(Fix::DropForeignClickIds) {
        params.retain(|p| foreign_click_id(&p.key).is_none());
    }
    if on(Fix::DropReservedParams) {
        params.retain(|p| policy().reserved(&p.key).is_none());
    }
    if on(Fix::DropDuplicates) {
        let mut seen = std::collections::HashSet::new();
        params.retain(|p| p.raw.is_empty() || seen.insert(p.key.clone()));
    }

    let mut out = base;
    let had_query = query.is_some();
    if !params.is_empty() || (had_query && !on(Fix::DropEmptySegments)) {
        out.push('?');
        out.push_str(
            &params
                .iter()
                .map(|p| p.raw.as_str())
                .collect::<Vec<_>>()
                .join("&"),
        );
    }
    if let Some(f) = fragment {
        out.push('#');
        out.push_str(&f);
    }
    (out != url).then_some(out)
}

fn rebuild(key: &str, value_raw: Option<&str>) -> Param {
    match value_raw {
        Some(v) => Param::parse(&format!("{key}={v}")),
        None => Param::parse(key),
    }
}

/// `%` signs that do not start a valid escape become `%25`.
pub fn encode_stray_percents(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        let valid = c == '%'
            && bytes
                .get(i + 1..i + 3)
                .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit));
        if c == '%' && !valid {
            out.push_str("%25");
        } else {
            out.push(c);
        }
    }
    out
}

/// True when text after a `?` looks like the start of another parameter (`name=`).
pub fn starts_like_param(text: &str) -> bool {
    match text.split_once('=') {
        Some((name, _)) => {
            !name.is_empty()
                && name
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
        }
        None => false,
    }
}

/// Splits `a=1?b=2` into `a=1` and `b=2`; a leading `?` (from `??b=2`) goes.
fn split_at_repeated_question_marks(segment: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for piece in segment.split('?') {
        if current.is_empty() && out.is_empty() {
            current.push_str(piece);
        } else if starts_like_param(piece) {
            out.push(std::mem::take(&mut current));
            current.push_str(piece);
        } else {
            current.push('?');
            current.push_str(piece);
        }
    }
    out.push(current);
    out.retain(|s| !s.is_empty());
    if out.is_empty() {
        out.push(String::new());
    }
    out
}

/// A segment without `=` that follows a UTM is the tail of that UTM's value, cut off by an
/// unencoded `&`.
fn merge_orphan_segments(segments: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(segments.len());
    for s in segments {
        let orphan = !s.is_empty() && !s.contains('=');
        let after_utm = out
            .last()
            .is_some_and(|prev| is_utm_segment(prev) && prev.contains('='));
        if orphan && after_utm {
            let prev = out.last_mut().expect("checked above");
            prev.push_str("%26");
            prev.push_str(&s);
        } else {
            out.push(s);
        }
    }
    out
}

fn is_utm_segment(segment: &str) -> bool {
    let key = segment.split('=').next().unwrap_or_default();
    policy().is_utm(&decode_component(key).text.to_lowercase())
}

/// Moves UTM and OpenAI parameters out of a fragment; returns what is left of the fragment
/// (`None` when nothing is) and the moved segments.
fn move_fragment_utms(fragment: &str) -> (Option<String>, Vec<String>) {
    let (prefix, params) = split_fragment(fragment);
    let is_moved = |p: &Param| policy().is_tracked(&p.key.to_lowercase());
    if !params.iter().any(is_moved) {
        return (Some(fragment.to_string()), Vec::new());
    }
    let moved = params
        .iter()
        .filter(|p| is_moved(p))
        .map(|p| p.raw.clone())
        .collect();
    let kept: Vec<&str> = params
        .iter()
        .filter(|p| !is_moved(p))
        .map(|p| p.raw.as_str())
        .collect();
    let rest = if kept.is_empty() {
        prefix.trim_end_matches('?').to_string()
    } else {
        format!("{prefix}{}", kept.join("&"))
    };
    let rest = (!rest.is_empty() && rest != "/").then_some(rest);
    (rest, moved)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_to_fix_gives_none() {
        assert_eq!(
            suggest_corrected(
                "https://shop.example/p?utm_source=chatgpt&utm_medium=cpc&utm_campaign=spring"
            ),
            None
        );
    }

    #[test]
    fn combines_every_safe_fix() {
        let url = "https://shop.example/p?UTM_Source=ChatGPT&utm_medium=%20CPC&gclid=abc&utm_medium=cpc&oppref=gAAAAold&utm_campaign=Spring%20Sale&#utm_content=Hero";
        assert_eq!(
            suggest_corrected(url).unwrap(),
            "https://shop.example/p?utm_source=chatgpt&utm_medium=cpc&utm_campaign=spring_sale&utm_content=hero"
        );
    }

    #[test]
    fn repeated_question_mark_and_orphan_ampersand() {
        assert_eq!(
            apply_fixes(
                "https://x.example/?a=1?utm_source=chatgpt",
                &[Fix::SplitRepeatedQuestionMark]
            )
            .unwrap(),
            "https://x.example/?a=1&utm_source=chatgpt"
        );
        assert_eq!(
            apply_fixes(
                "https://x.example/?utm_campaign=tom&jerry&utm_source=chatgpt",
                &[Fix::EncodeAmpersandInValue]
            )
            .unwrap(),
            "https://x.example/?utm_campaign=tom%26jerry&utm_source=chatgpt"
        );
        // A flag parameter at the start is legitimate and stays.
        assert_eq!(
            apply_fixes(
                "https://x.example/?amp&utm_source=a",
                &[Fix::EncodeAmpersandInValue]
            ),
            None
        );
    }

    #[test]
    fn empty_segments_and_bare_question_mark() {
        assert_eq!(
            apply_fixes("https://x.example/p?", &[Fix::DropEmptySegments]).unwrap(),
            "https://x.example/p"
        );
        assert_eq!(
            apply_fixes("https://x.example/p?a=1&&b=2&", &[Fix::DropEmptySegments]).unwrap(),
            "https://x.example/p?a=1&b=2"
        );
    }

    #[test]
    fn fragment_route_is_kept_when_params_move_out() {
        assert_eq!(
            apply_fixes(
                "https://x.example/#/pricing?utm_source=chatgpt&tab=2",
                &[Fix::MoveFragmentParams]
            )
            .unwrap(),
            "https://x.example/?utm_source=chatgpt#/pricing?tab=2"
        );
        assert_eq!(
            apply_fixes("https://x.example/#section", &[Fix::MoveFragmentParams]),
            None
        );
    }

    #[test]
    fn stray_percent_is_encoded() {
        assert_eq!(
            encode_stray_percents("a=50%off&b=%41%2"),
            "a=50%25off&b=%41%252"
        );
    }
}
