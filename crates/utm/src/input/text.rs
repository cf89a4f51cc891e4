//! Pasted text: one URL per line.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{InputIssue, InputUrl, MAX_ISSUES};
use crate::checks::validate;

/// The URLs found in pasted text and the lines that are not URLs.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema, TS)]
pub struct UrlList {
    pub urls: Vec<InputUrl>,
    pub issues: Vec<InputIssue>,
    /// Issues beyond the first [`MAX_ISSUES`], counted only.
    pub issues_not_listed: u64,
}

impl UrlList {
    pub fn push_issue(&mut self, issue: InputIssue) {
        if self.issues.len() < MAX_ISSUES {
            self.issues.push(issue);
        } else {
            self.issues_not_listed += 1;
        }
    }

    /// The URLs alone, in input order.
    pub fn url_strings(&self) -> Vec<String> {
        self.urls.iter().map(|u| u.url.clone()).collect()
    }
}

/// Reads one URL per line. Blank lines and lines starting with `#` are skipped; surrounding
/// quotes or angle brackets (from spreadsheets and e-mails) are removed.
pub fn parse_url_lines(text: &str) -> UrlList {
    let mut list = UrlList::default();
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    for (i, line) in text.lines().enumerate() {
        let number = i as u64 + 1;
        let entry = unwrap_entry(line.trim());
        if entry.is_empty() || entry.starts_with('#') {
            continue;
        }
        match check_entry(entry) {
            Ok(()) => list.urls.push(InputUrl {
                line: number,
                url: entry.to_string(),
            }),
            Err(reason) => list.push_issue(InputIssue::new(number, line, reason)),
        }
    }
    list
}

/// Why a single entry is not usable as a destination URL.
pub fn check_entry(entry: &str) -> Result<(), String> {
    if entry
        .split_whitespace()
        .skip(1)
        .any(|w| w.to_ascii_lowercase().starts_with("http"))
    {
        return Err("more than one address on this line; put each on its own line".into());
    }
    validate(entry)
}

fn unwrap_entry(entry: &str) -> &str {
    for (open, close) in [('"', '"'), ('\'', '\''), ('<', '>')] {
        if entry.len() >= 2 && entry.starts_with(open) && entry.ends_with(close) {
            return entry[1..entry.len() - 1].trim();
        }
    }
    entry
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_bad_lines_with_numbers_and_reasons() {
        let text = "\u{feff}https://a.example/?utm_source=chatgpt\n\n# comment\nwww.b.example\n\"https://c.example/\"\nftp://d.example\nhttps://e.example https://f.example\n<https://g.example/>";
        let list = parse_url_lines(text);
        let urls: Vec<_> = list.urls.iter().map(|u| (u.line, u.url.as_str())).collect();
        assert_eq!(
            urls,
            vec![
                (1, "https://a.example/?utm_source=chatgpt"),
                (5, "https://c.example/"),
                (8, "https://g.example/")
            ]
        );
        let issues: Vec<_> = list.issues.iter().map(|i| i.line).collect();
        assert_eq!(issues, vec![4, 6, 7]);
        assert!(list.issues[0].reason.contains("https://"));
        assert!(list.issues[1].reason.contains("only http"));
        assert!(list.issues[2].reason.contains("more than one"));
    }

    #[test]
    fn windows_line_endings_and_many_bad_lines() {
        let list = parse_url_lines("https://a.example/\r\nnope\r\n");
        assert_eq!(list.urls[0].url, "https://a.example/");
        assert_eq!(list.issues[0].line, 2);
        let junk = "x\n".repeat(MAX_ISSUES + 5);
        let list = parse_url_lines(&junk);
        assert_eq!(list.issues.len(), MAX_ISSUES);
        assert_eq!(list.issues_not_listed, 5);
    }
}
