//! Reads one tracking template (`query_string_template`): `key=value` pairs joined by `&`,
//! where a value may hold OpenAI macros in single braces (`click_id={oppref}`). Never fails:
//! everything odd is recorded as a [`Problem`] with the text it concerns. Linear in the input.

use crate::separators::repair_entity_separators;
use crate::unsafe_chars::must_encode;

/// One `key=value` pair of a template, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateParam {
    /// The pair as written.
    pub raw: String,
    /// The name, as written (compared as written: OpenAI documents no decoding).
    pub key: String,
    pub value: String,
}

/// A macro reference found in a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MacroRef {
    /// The name between the braces, exactly as written (OpenAI matches names exactly).
    pub name: String,
    /// The macro as written, braces included.
    pub written: String,
    /// The pair it is in.
    pub pair: String,
}

/// Something wrong with how a template is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// A `?` or `&` before the first pair.
    LeadingSeparator(String),
    /// `&&` or a trailing `&`.
    EmptyPair,
    /// `&amp;` (or `&#38;`, `&#x26;`) between pairs.
    HtmlAmpersand,
    /// `=value` with no name.
    ValueWithoutKey(String),
    /// A name with no `=` and no value.
    KeyWithoutValue(String),
    /// A `{` that is never closed.
    UnclosedBrace(String),
    /// A `}` that was never opened.
    UnopenedBrace(String),
    /// `{}` or `{ }`.
    EmptyMacro(String),
    /// A macro used as a parameter name.
    MacroInKey(String),
    /// `{{…}}`, `${…}`, `[[…]]` or `%%…%%`: another platform's macro syntax.
    ForeignMacroSyntax { written: String, pair: String },
    /// `%7B` / `%7D`: a brace written as a %-code, which OpenAI does not read as a macro.
    EncodedBrace(String),
    /// A `#` (everything after it would never reach the server).
    Hash(String),
    /// A `?` after the start (only the destination's first `?` starts the parameters).
    QuestionMark(String),
    /// Characters that must be percent-encoded (outside macros).
    MustEncode { pair: String, chars: Vec<char> },
    /// Longer than [`MAX_TEMPLATE_CHARS`]; the rest was not read.
    TooLong,
}

/// A template read into its pairs, macros and problems.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParsedTemplate {
    /// The template as given, trimmed.
    pub text: String,
    pub params: Vec<TemplateParam>,
    pub macros: Vec<MacroRef>,
    pub problems: Vec<Problem>,
}

/// Longest template read; the rest is not read (and the template is reported as malformed).
pub const MAX_TEMPLATE_CHARS: usize = 8 * 1024;

pub fn parse_template(input: &str) -> ParsedTemplate {
    let mut t = ParsedTemplate {
        text: input.trim().to_string(),
        ..ParsedTemplate::default()
    };
    let mut text: String = t.text.chars().take(MAX_TEMPLATE_CHARS).collect();
    if text.len() < t.text.len() {
        t.problems.push(Problem::TooLong);
    }
    if let Some(repaired) = repair_entity_separators(&format!("?{text}")) {
        t.problems.push(Problem::HtmlAmpersand);
        text = repaired[1..].to_string();
    }
    let body = text.trim_start_matches(['?', '&']);
    if body.len() < text.len() {
        t.problems.push(Problem::LeadingSeparator(
            text[..text.len() - body.len()].to_string(),
        ));
    }
    if body.is_empty() {
        return t;
    }
    let pairs: Vec<&str> = body.split('&').collect();
    for pair in pairs {
        if pair.is_empty() {
            if !t.problems.contains(&Problem::EmptyPair) {
                t.problems.push(Problem::EmptyPair);
            }
            continue;
        }
        read_pair(pair, &mut t);
    }
    t
}

fn read_pair(pair: &str, t: &mut ParsedTemplate) {
    let (key, value) = match pair.split_once('=') {
        Some((k, v)) => (k, Some(v)),
        None => (pair, None),
    };
    if key.is_empty() {
        t.problems.push(Problem::ValueWithoutKey(pair.to_string()));
    } else if value.is_none() {
        t.problems.push(Problem::KeyWithoutValue(pair.to_string()));
    }
    if pair.contains('#') {
        t.problems.push(Problem::Hash(pair.to_string()));
    }
    if pair.contains('?') {
        t.problems.push(Problem::QuestionMark(pair.to_string()));
    }
    let lower = pair.to_ascii_lowercase();
    if lower.contains("%7b") || lower.contains("%7d") {
        t.problems.push(Problem::EncodedBrace(pair.to_string()));
    }
    let key_spans = braces(key, pair, t, false);
    if !key_spans.is_empty() {
        t.problems.push(Problem::MacroInKey(pair.to_string()));
    }
    let mut spans = Vec::new();
    if let Some(v) = value {
        let offset = key.len() + 1;
        spans = braces(v, pair, t, true)
            .into_iter()
            .map(|(a, b)| (a + offset, b + offset))
            .collect();
    }
    foreign_delimiters(pair, t);
    let chars: Vec<char> = pair
        .char_indices()
        .filter(|(i, c)| {
            must_encode(*c)
                && !matches!(c, '{' | '}')
                && !spans.iter().any(|(a, b)| a <= i && i <= b)
        })
        .map(|(_, c)| c)
        .fold(Vec::new(), |mut acc, c| {
            if !acc.contains(&c) {
                acc.push(c);
            }
            acc
        });
    if !chars.is_empty() {
        t.problems.push(Problem::MustEncode {
            pair: pair.to_string(),
            chars,
        });
    }
    if !key.is_empty() {
        t.params.push(TemplateParam {
            raw: pair.to_string(),
            key: key.to_string(),
            value: value.unwrap_or_default().to_string(),
        });
    }
}

/// Finds brace groups in `text` (a key or a value of `pair`); records macros (when
/// `record`) and brace problems. Returns the byte spans (inclusive) of the groups.
fn braces(text: &str, pair: &str, t: &mut ParsedTemplate, record: bool) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut depth = 0usize;
    let mut start = 0usize;
    let mut max_depth = 0usize;
    for (i, c) in text.char_indices() {
        match c {
            '{' => {
                if depth == 0 {
                    start = i;
                    max_depth = 0;
                }
                depth += 1;
                max_depth = max_depth.max(depth);
            }
            '}' if depth == 0 => t.problems.push(Problem::UnopenedBrace(pair.to_string())),
            '}' => {
                depth -= 1;
                if depth == 0 {
                    spans.push((start, i));
                    let dollar = text[..start].ends_with('$');
                    let written = &text[start..=i];
                    let inner = &written[1..written.len() - 1];
                    if max_depth > 1 || dollar {
                        let shown = if dollar {
                            format!("${written}")
                        } else {
                            written.to_string()
                        };
                        t.problems.push(Problem::ForeignMacroSyntax {
                            written: shown,
                            pair: pair.to_string(),
                        });
                    } else if inner.trim().is_empty() {
                        t.problems.push(Problem::EmptyMacro(pair.to_string()));
                    } else if record {
                        t.macros.push(MacroRef {
                            name: inner.to_string(),
                            written: written.to_string(),
                            pair: pair.to_string(),
                        });
                    }
                }
            }
            _ => {}
        }
    }
    if depth > 0 {
        t.problems.push(Problem::UnclosedBrace(pair.to_string()));
    }
    spans
}

/// `[[…]]` and `%%…%%` placeholders (other platforms' syntax).
fn foreign_delimiters(pair: &str, t: &mut ParsedTemplate) {
    for (open, close) in [("[[", "]]"), ("%%", "%%")] {
        if let Some(a) = pair.find(open) {
            if let Some(b) = pair[a + 2..].find(close) {
                t.problems.push(Problem::ForeignMacroSyntax {
                    written: pair[a..a + 2 + b + 2].to_string(),
                    pair: pair.to_string(),
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_pairs_and_macros() {
        let t =
            parse_template(" utm_source=chatgpt&utm_campaign=cmp_{campaign_id}&click_id={oppref} ");
        assert!(t.problems.is_empty(), "{:?}", t.problems);
        let keys: Vec<&str> = t.params.iter().map(|p| p.key.as_str()).collect();
        assert_eq!(keys, vec!["utm_source", "utm_campaign", "click_id"]);
        let names: Vec<&str> = t.macros.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, vec!["campaign_id", "oppref"]);
    }

    #[test]
    fn records_each_problem() {
        type Wanted = fn(&Problem) -> bool;
        let cases: Vec<(&str, Wanted)> = vec![
            (
                "?a=1",
                |p| matches!(p, Problem::LeadingSeparator(s) if s == "?"),
            ),
            ("a=1&&b=2&", |p| *p == Problem::EmptyPair),
            ("a=1&amp;b=2", |p| *p == Problem::HtmlAmpersand),
            ("=x", |p| matches!(p, Problem::ValueWithoutKey(_))),
            ("flag", |p| matches!(p, Problem::KeyWithoutValue(_))),
            ("a={campaign_id", |p| matches!(p, Problem::UnclosedBrace(_))),
            ("a=campaign_id}", |p| matches!(p, Problem::UnopenedBrace(_))),
            ("a={}", |p| matches!(p, Problem::EmptyMacro(_))),
            ("{ad_id}=1", |p| matches!(p, Problem::MacroInKey(_))),
            (
                "a={{campaign.name}}",
                |p| matches!(p, Problem::ForeignMacroSyntax { written, .. } if written == "{{campaign.name}}"),
            ),
            (
                "a=${ad_id}",
                |p| matches!(p, Problem::ForeignMacroSyntax { written, .. } if written == "${ad_id}"),
            ),
            ("a=%%SITE%%", |p| {
                matches!(p, Problem::ForeignMacroSyntax { .. })
            }),
            ("a=[[x]]", |p| {
                matches!(p, Problem::ForeignMacroSyntax { .. })
            }),
            ("a=%7Bad_id%7D", |p| matches!(p, Problem::EncodedBrace(_))),
            ("a=1#x", |p| matches!(p, Problem::Hash(_))),
            ("a=1?b=2", |p| matches!(p, Problem::QuestionMark(_))),
            (
                "a=spring sale|x",
                |p| matches!(p, Problem::MustEncode { chars, .. } if chars == &vec![' ', '|']),
            ),
        ];
        for (text, want) in cases {
            let t = parse_template(text);
            assert!(t.problems.iter().any(want), "{text}: {:?}", t.problems);
        }
    }

    #[test]
    fn a_macro_with_spaces_inside_is_one_macro_not_an_encoding_problem() {
        let t = parse_template("a={ ad_id }");
        assert!(t.problems.is_empty(), "{:?}", t.problems);
        assert_eq!(t.macros[0].name, " ad_id ");
    }

    #[test]
    fn very_long_templates_are_cut_and_reported() {
        let t = parse_template(&"a=b&".repeat(MAX_TEMPLATE_CHARS));
        assert!(t.problems.contains(&Problem::TooLong));
        assert!(t.params.len() <= MAX_TEMPLATE_CHARS / 4 + 1);
    }
}
