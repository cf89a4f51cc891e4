//! A sitemap: `<urlset>` gives page URLs, `<sitemapindex>` gives child sitemaps for the caller
//! to fetch. Gzip-compressed files and plain-text sitemaps (one URL per line) are accepted.

use std::io::Read;

use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::Event;
use quick_xml::Reader;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::decode::{decode_text, DecodeError};
use super::text::{parse_url_lines, UrlList};
use super::{InputIssue, InputUrl};
use crate::checks::validate;

/// The sitemap protocol's own limit for one uncompressed file.
pub const MAX_SITEMAP_BYTES: usize = 50 * 1024 * 1024;
/// Entries read at most (the protocol allows 50,000 per file; this leaves room for bad ones).
pub const MAX_SITEMAP_ENTRIES: usize = 200_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum SitemapKind {
    /// `<urlset>`: page URLs.
    UrlSet,
    /// `<sitemapindex>`: links to further sitemaps.
    SitemapIndex,
    /// A text file with one URL per line.
    PlainText,
}

/// What a sitemap lists. `line` in URLs and issues is the line of the `<loc>` element.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct Sitemap {
    pub kind: SitemapKind,
    /// Page URLs (empty for a sitemap index).
    pub urls: Vec<InputUrl>,
    /// Child sitemaps to fetch next (empty for a urlset).
    pub child_sitemaps: Vec<String>,
    pub issues: Vec<InputIssue>,
    pub issues_not_listed: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SitemapError {
    #[error("the sitemap is larger than 50 MB uncompressed, the protocol's limit")]
    TooLarge,
    #[error("the file looks gzip-compressed but cannot be decompressed: {0}")]
    Gzip(String),
    #[error("{0}")]
    Decode(#[from] DecodeError),
    #[error("the sitemap is not well-formed XML (line {line}): {message}")]
    Xml { line: u64, message: String },
    #[error(
        "this XML is not a sitemap: its root element is <{0}>, expected <urlset> or <sitemapindex>"
    )]
    NotASitemap(String),
    #[error("the sitemap lists more than {MAX_SITEMAP_ENTRIES} entries")]
    TooManyEntries,
}

/// Reads a sitemap from its bytes (as downloaded).
pub fn parse_sitemap(bytes: &[u8]) -> Result<Sitemap, SitemapError> {
    let inflated;
    let bytes = if bytes.starts_with(&[0x1f, 0x8b]) {
        inflated = gunzip(bytes)?;
        &inflated[..]
    } else {
        bytes
    };
    if bytes.len() > MAX_SITEMAP_BYTES {
        return Err(SitemapError::TooLarge);
    }
    let (text, _) = decode_text(bytes)?;
    if !text.trim_start().starts_with('<') {
        let UrlList {
            urls,
            issues,
            issues_not_listed,
        } = parse_url_lines(&text);
        return Ok(Sitemap {
            kind: SitemapKind::PlainText,
            urls,
            child_sitemaps: Vec::new(),
            issues,
            issues_not_listed,
        });
    }
    parse_xml(&text)
}

fn gunzip(bytes: &[u8]) -> Result<Vec<u8>, SitemapError> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .take(MAX_SITEMAP_BYTES as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|e| SitemapError::Gzip(e.to_string()))?;
    if out.len() > MAX_SITEMAP_BYTES {
        return Err(SitemapError::TooLarge);
    }
    Ok(out)
}

fn parse_xml(text: &str) -> Result<Sitemap, SitemapError> {
    let mut reader = Reader::from_str(text);
    let mut sitemap = Sitemap {
        kind: SitemapKind::UrlSet,
        urls: Vec::new(),
        child_sitemaps: Vec::new(),
        issues: Vec::new(),
        issues_not_listed: 0,
    };
    let mut root: Option<String> = None;
    // Element names from the root down, local names only (namespace prefixes dropped).
    let mut path: Vec<String> = Vec::new();
    let mut loc: Option<(String, u64)> = None;
    let mut entries = 0usize;
    let mut lines = LineCounter::new(text);

    loop {
        let event = reader.read_event().map_err(|e| SitemapError::Xml {
            line: lines.line_at(reader.error_position()),
            message: e.to_string(),
        })?;
        match event {
            Event::Start(e) => {
                let name = e.local_name().into_inner().to_ascii_lowercase();
                if root.is_none() {
                    sitemap.kind = match name.as_str() {
                        "urlset" => SitemapKind::UrlSet,
                        "sitemapindex" => SitemapKind::SitemapIndex,
                        other => return Err(SitemapError::NotASitemap(other.to_string())),
                    };
                    root = Some(name.clone());
                }
                if name == "loc" && is_entry_loc(&path, sitemap.kind) {
                    loc = Some((String::new(), lines.line_at(reader.buffer_position())));
                }
                path.push(name);
            }
            Event::Empty(e) if root.is_none() => {
                let name = e.local_name().into_inner().to_ascii_lowercase();
                return match name.as_str() {
                    "urlset" | "sitemapindex" => Ok(sitemap),
                    other => Err(SitemapError::NotASitemap(other.to_string())),
                };
            }
            Event::Text(t) => {
                if let Some((buf, _)) = loc.as_mut() {
                    buf.push_str(&t.xml10_content());
                }
            }
            Event::CData(t) => {
                if let Some((buf, _)) = loc.as_mut() {
                    buf.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                if let Some((buf, line)) = loc.as_mut() {
                    match r.resolve_char_ref() {
                        Ok(Some(c)) => buf.push(c),
                        _ => match resolve_predefined_entity(&r) {
                            Some(s) => buf.push_str(s),
                            None => {
                                return Err(SitemapError::Xml {
                                    line: *line,
                                    message: format!("unknown entity &{};", &*r),
                                })
                            }
                        },
                    }
                }
            }
            Event::End(_) => {
                let closed = path.pop();
                if closed.as_deref() == Some("loc") {
                    if let Some((value, line)) = loc.take() {
                        entries += 1;
                        if entries > MAX_SITEMAP_ENTRIES {
                            return Err(SitemapError::TooManyEntries);
                        }
                        record(&mut sitemap, value.trim(), line);
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    match root {
        Some(_) => Ok(sitemap),
        None => Err(SitemapError::NotASitemap("(none)".into())),
    }
}

/// Line numbers of byte offsets, counted as the reader moves through the file: each answer
/// counts only the line breaks between the previous offset and this one, so numbering every
/// `<loc>` of a large sitemap takes one pass over the text. (An offset before the previous one,
/// as an error position can be, counts back.)
struct LineCounter<'t> {
    text: &'t [u8],
    offset: usize,
    line: u64,
}

impl<'t> LineCounter<'t> {
    fn new(text: &'t str) -> Self {
        LineCounter {
            text: text.as_bytes(),
            offset: 0,
            line: 1,
        }
    }

    /// The 1-based line holding byte `pos` (offsets past the end count as the end): one more
    /// than the line feeds before it.
    fn line_at(&mut self, pos: u64) -> u64 {
        let pos = usize::try_from(pos)
            .unwrap_or(usize::MAX)
            .min(self.text.len());
        let line_feeds = |bytes: &[u8]| bytes.iter().filter(|&&b| b == b'\n').count() as u64;
        if pos >= self.offset {
            self.line += line_feeds(&self.text[self.offset..pos]);
        } else {
            self.line -= line_feeds(&self.text[pos..self.offset]);
        }
        self.offset = pos;
        self.line
    }
}

/// `<urlset><url><loc>` or `<sitemapindex><sitemap><loc>`; not image or video `<loc>`s.
fn is_entry_loc(path: &[String], kind: SitemapKind) -> bool {
    let parent = match kind {
        SitemapKind::SitemapIndex => "sitemap",
        _ => "url",
    };
    path.len() == 2 && path[1] == parent
}

fn record(sitemap: &mut Sitemap, value: &str, line: u64) {
    match validate(value) {
        Ok(()) if sitemap.kind == SitemapKind::SitemapIndex => {
            sitemap.child_sitemaps.push(value.to_string())
        }
        Ok(()) => sitemap.urls.push(InputUrl {
            line,
            url: value.to_string(),
        }),
        Err(reason) => {
            if sitemap.issues.len() < super::MAX_ISSUES {
                sitemap.issues.push(InputIssue::new(line, value, reason));
            } else {
                sitemap.issues_not_listed += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the counter must answer: line feeds before the offset, plus one.
    fn counted_from_the_start(text: &str, pos: usize) -> u64 {
        text.as_bytes()[..pos.min(text.len())]
            .iter()
            .filter(|&&b| b == b'\n')
            .count() as u64
            + 1
    }

    #[test]
    fn line_counter_matches_counting_from_the_start_in_any_order() {
        let text = "a\nbé\r\n\n<loc>ツ</loc>\rx\n\ny";
        let len = text.len();
        let forward: Vec<usize> = (0..=len + 2).collect();
        let backward: Vec<usize> = (0..=len + 2).rev().collect();
        let jumps: Vec<usize> = (0..=len).map(|i| (i * 7) % (len + 1)).collect();
        for order in [forward, backward, jumps] {
            let mut counter = LineCounter::new(text);
            for pos in order {
                assert_eq!(
                    counter.line_at(pos as u64),
                    counted_from_the_start(text, pos),
                    "offset {pos}"
                );
            }
        }
        assert_eq!(LineCounter::new(text).line_at(u64::MAX), 6);
    }
}
