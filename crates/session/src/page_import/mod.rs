//! Landing pages added to a client from a sitemap or an ads-manager export, previewed before
//! anything is saved: the new pages, the pages the client already has, repeats within the
//! source (the same URL once normalised, the way pasted pages are), and the entries that are not
//! usable, each with its reason. The app and the `preflight pages add` command both read this
//! preview, so they always agree on what would be added.

mod columns;
mod walk;

use crate::error::SessionError;
use preflight_audit::normalise_url;
use preflight_store::{AddedPages, Store};
use preflight_utm::{ColumnCandidate, ColumnChoice, CsvOptions, InputIssue, InputUrl};
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use ts_rs::TS;

pub use walk::{read_as_sitemap, walk_sitemaps, walk_sitemaps_with, SitemapStart, WalkLimits};

/// New pages one import adds at most. A sitemap can list tens of thousands of pages; an audit
/// of landing pages needs the ones ads point to.
pub const MAX_PAGES_PER_IMPORT: usize = 1_000;
/// Unusable entries listed at most; the rest are counted.
pub const MAX_SKIPPED_LISTED: usize = 200;
/// Repeated URLs listed at most; the rest are counted.
const MAX_REPEATS_LISTED: usize = 200;

/// A URL the source lists, in its normal form, with where it was found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SourcedUrl {
    pub url: String,
    /// "Row 4", "Line 12 of https://example.com/sitemap-2.xml".
    pub place: String,
}

/// An entry that cannot become a landing page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SkippedEntry {
    pub place: String,
    /// The entry as written (cut to 300 characters).
    pub text: String,
    /// Why, as a sentence.
    pub reason: String,
}

/// A URL the source lists more than once; it is added once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RepeatedUrl {
    pub url: String,
    /// How many times it appears after its first.
    pub repeats: u32,
}

/// The columns of an export, for choosing which one holds the destination URLs.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ExportColumns {
    /// Every column (up to 60): the likeliest first, then the others in file order, each with
    /// sample values.
    pub candidates: Vec<ColumnCandidate>,
    /// The column read; `None` when no column clearly holds URLs and the user must choose.
    pub column: Option<u32>,
}

/// What adding pages from a source would do. Nothing is saved until the user confirms.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PagesPreview {
    /// What was read: the sitemap's address or the file's name.
    pub source: String,
    /// Pages the client does not have yet, in the source's order: what "Add" saves.
    pub new_pages: Vec<SourcedUrl>,
    /// New pages beyond [`MAX_PAGES_PER_IMPORT`], left out.
    pub not_kept: u64,
    /// Pages the client already has (normal form).
    pub already_added: Vec<String>,
    /// URLs listed more than once in the source.
    pub repeated: Vec<RepeatedUrl>,
    /// Further repeated URLs not listed.
    pub repeated_not_listed: u64,
    /// Entries that are not usable web addresses.
    pub skipped: Vec<SkippedEntry>,
    pub skipped_not_listed: u64,
    /// Plain sentences about how the source was read (limits reached, sitemaps listed twice).
    pub notes: Vec<String>,
    /// For an export: its columns, and the one read.
    pub columns: Option<ExportColumns>,
}

impl PagesPreview {
    /// True when the user must say which column holds the URLs before anything can be added.
    pub fn needs_column(&self) -> bool {
        self.columns.as_ref().is_some_and(|c| c.column.is_none())
    }

    /// The URLs "Add" would save.
    pub fn urls(&self) -> Vec<String> {
        self.new_pages.iter().map(|p| p.url.clone()).collect()
    }
}

/// URLs read from a source, before they are compared with the client's pages.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceEntries {
    pub urls: Vec<SourcedEntry>,
    pub skipped: Vec<SkippedEntry>,
    pub skipped_not_listed: u64,
    pub notes: Vec<String>,
}

/// One URL as the source wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourcedEntry {
    pub text: String,
    pub place: String,
}

impl SourceEntries {
    pub(crate) fn skip(&mut self, place: String, text: &str, reason: String) {
        if self.skipped.len() < MAX_SKIPPED_LISTED {
            self.skipped.push(SkippedEntry {
                place,
                text: text.chars().take(300).collect(),
                reason: sentence(&reason),
            });
        } else {
            self.skipped_not_listed += 1;
        }
    }

    /// Entries and issues read from one file (`file` names it when several were read).
    pub(crate) fn take_file(
        &mut self,
        urls: Vec<InputUrl>,
        issues: Vec<InputIssue>,
        not_listed: u64,
        unit: &str,
        file: Option<&str>,
    ) {
        let place = |line: u64| match (line, file) {
            (0, Some(f)) => f.to_string(),
            (0, None) => String::new(),
            (n, Some(f)) => format!("{unit} {n} of {f}"),
            (n, None) => format!("{unit} {n}"),
        };
        for u in urls {
            self.urls.push(SourcedEntry {
                place: place(u.line),
                text: u.url,
            });
        }
        for i in issues {
            // A cell such as "shop.example.com/sale" is a page to Preflight (https is assumed,
            // as when pages are pasted), even where a UTM check asks for the full address.
            if i.text.chars().count() < 300 && normalise_url(&i.text).is_ok() {
                self.urls.push(SourcedEntry {
                    place: place(i.line),
                    text: i.text,
                });
            } else {
                self.skip(place(i.line), &i.text, without_place(&i.reason).to_string());
            }
        }
        self.skipped_not_listed += not_listed;
    }
}

/// Compares what a source lists with the pages a client has: every URL in its normal form,
/// each once.
pub fn build_preview(existing: &[String], source: &str, entries: SourceEntries) -> PagesPreview {
    let existing: HashSet<&str> = existing.iter().map(String::as_str).collect();
    let mut preview = PagesPreview {
        source: source.to_string(),
        new_pages: Vec::new(),
        not_kept: 0,
        already_added: Vec::new(),
        repeated: Vec::new(),
        repeated_not_listed: 0,
        skipped: entries.skipped,
        skipped_not_listed: entries.skipped_not_listed,
        notes: entries.notes,
        columns: None,
    };
    let mut seen: HashSet<String> = HashSet::new();
    // Index in `repeated` of each URL seen twice or more.
    let mut repeats: HashMap<String, usize> = HashMap::new();
    for entry in entries.urls {
        let url = match normalise_url(&entry.text) {
            Ok(url) => url,
            Err(reason) => {
                if preview.skipped.len() < MAX_SKIPPED_LISTED {
                    preview.skipped.push(SkippedEntry {
                        place: entry.place,
                        text: entry.text.chars().take(300).collect(),
                        reason: sentence(&reason),
                    });
                } else {
                    preview.skipped_not_listed += 1;
                }
                continue;
            }
        };
        if !seen.insert(url.clone()) {
            match repeats.get(&url) {
                Some(&i) => preview.repeated[i].repeats += 1,
                None if preview.repeated.len() < MAX_REPEATS_LISTED => {
                    repeats.insert(url.clone(), preview.repeated.len());
                    preview.repeated.push(RepeatedUrl { url, repeats: 1 });
                }
                None => preview.repeated_not_listed += 1,
            }
            continue;
        }
        if existing.contains(url.as_str()) {
            preview.already_added.push(url);
        } else if preview.new_pages.len() < MAX_PAGES_PER_IMPORT {
            preview.new_pages.push(SourcedUrl {
                url,
                place: entry.place,
            });
        } else {
            preview.not_kept += 1;
        }
    }
    if preview.not_kept > 0 {
        preview.notes.push(format!(
            "{} new pages were found; the first {MAX_PAGES_PER_IMPORT} are kept. Add the rest in another import, or keep only the pages your ads point to.",
            preview.new_pages.len() as u64 + preview.not_kept
        ));
    }
    preview
}

/// The preview for a client's pages.
pub fn preview_for_client(
    store: &Store,
    client_id: i64,
    source: &str,
    entries: SourceEntries,
) -> Result<PagesPreview, SessionError> {
    store.client(client_id)?;
    let existing: Vec<String> = store
        .list_pages(client_id)?
        .into_iter()
        .map(|p| p.url)
        .collect();
    Ok(build_preview(&existing, source, entries))
}

/// Reads an ads-manager export. With no `column`, the destination-URL column is detected;
/// when no column is convincing the preview lists the columns and adds nothing
/// ([`PagesPreview::needs_column`]).
pub fn read_export(
    bytes: &[u8],
    column: Option<ColumnChoice>,
) -> Result<(SourceEntries, ExportColumns), SessionError> {
    let import = preflight_utm::import_csv(bytes, &CsvOptions { column }).map_err(|e| {
        SessionError::InvalidCsv(sentence(&format!(
            "The file could not be read as a CSV export: {e}"
        )))
    })?;
    let columns = ExportColumns {
        candidates: columns::all_columns(bytes, &import),
        column: import.column,
    };
    let mut entries = SourceEntries::default();
    if import.column.is_some() {
        entries.take_file(
            import.urls,
            import.issues,
            import.issues_not_listed,
            "Row",
            None,
        );
    }
    Ok((entries, columns))
}

/// The preview of an export for a client.
pub fn preview_export(
    store: &Store,
    client_id: i64,
    name: &str,
    bytes: &[u8],
    column: Option<ColumnChoice>,
) -> Result<PagesPreview, SessionError> {
    let (entries, columns) = read_export(bytes, column)?;
    let mut preview = preview_for_client(store, client_id, name, entries)?;
    preview.columns = Some(columns);
    Ok(preview)
}

/// Saves the pages a preview showed (sent back by the window or the command), each in its
/// normal form; pages the client already has are reported, not repeated.
pub fn add_previewed_pages(
    store: &mut Store,
    client_id: i64,
    urls: &[String],
) -> Result<AddedPages, SessionError> {
    let urls: Vec<String> = urls
        .iter()
        .filter_map(|u| normalise_url(u).ok())
        .collect::<Vec<_>>();
    let mut seen = HashSet::new();
    let urls: Vec<String> = urls
        .into_iter()
        .filter(|u| seen.insert(u.clone()))
        .collect();
    Ok(store.add_pages(client_id, &urls)?)
}

/// A reason without the "row 5: " its reader put first (the place is shown apart).
fn without_place(reason: &str) -> &str {
    let Some((head, rest)) = reason.split_once(": ") else {
        return reason;
    };
    let mut words = head.split(' ');
    match (words.next(), words.next(), words.next()) {
        (Some(unit), Some(n), None)
            if ["row", "line"].contains(&unit.to_ascii_lowercase().as_str())
                && n.chars().all(|c| c.is_ascii_digit()) =>
        {
            rest
        }
        _ => reason,
    }
}

/// "it does not start with https://" → "It does not start with https://."
pub(crate) fn sentence(text: &str) -> String {
    let text = text.trim();
    let mut chars = text.chars();
    let mut out = match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect::<String>(),
        None => return String::new(),
    };
    if !out.ends_with(['.', '!', '?']) {
        out.push('.');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(urls: &[&str]) -> SourceEntries {
        SourceEntries {
            urls: urls
                .iter()
                .enumerate()
                .map(|(i, u)| SourcedEntry {
                    text: u.to_string(),
                    place: format!("Row {}", i + 2),
                })
                .collect(),
            ..SourceEntries::default()
        }
    }

    #[test]
    fn the_same_url_written_differently_is_one_page() {
        let existing = vec!["https://shop.example.com/old".to_string()];
        let preview = build_preview(
            &existing,
            "ads.csv",
            entries(&[
                "https://Shop.Example.com/sale?utm_source=chatgpt",
                "HTTPS://shop.example.com:443/sale?utm_source=chatgpt",
                "https://shop.example.com/sale?utm_source=chatgpt",
                "shop.example.com/old",
                "https://shop.example.com/new",
                "mailto:someone@example.com",
            ]),
        );
        assert_eq!(
            preview.urls(),
            [
                "https://shop.example.com/sale?utm_source=chatgpt",
                "https://shop.example.com/new"
            ]
        );
        assert_eq!(preview.new_pages[0].place, "Row 2");
        assert_eq!(preview.already_added, ["https://shop.example.com/old"]);
        assert_eq!(
            preview.repeated,
            [RepeatedUrl {
                url: "https://shop.example.com/sale?utm_source=chatgpt".into(),
                repeats: 2
            }]
        );
        assert_eq!(preview.skipped.len(), 1);
        assert_eq!(preview.skipped[0].place, "Row 7");
        assert!(preview.skipped[0].reason.ends_with('.'));
        assert!(preview.notes.is_empty());
    }

    #[test]
    fn new_pages_stop_at_the_limit_and_say_how_many_were_kept() {
        let urls: Vec<String> = (0..MAX_PAGES_PER_IMPORT + 25)
            .map(|i| format!("https://example.com/p{i}"))
            .collect();
        let refs: Vec<&str> = urls.iter().map(String::as_str).collect();
        let preview = build_preview(&[], "sitemap.xml", entries(&refs));
        assert_eq!(preview.new_pages.len(), MAX_PAGES_PER_IMPORT);
        assert_eq!(preview.not_kept, 25);
        assert!(preview.notes[0].contains("1025 new pages were found; the first 1000 are kept"));
    }

    #[test]
    fn reasons_read_as_sentences() {
        assert_eq!(sentence("it is empty"), "It is empty.");
        assert_eq!(sentence("Done."), "Done.");
        assert_eq!(sentence(""), "");
        assert_eq!(without_place("Row 5: it is empty"), "it is empty");
        assert_eq!(without_place("line 12: bad"), "bad");
        assert_eq!(without_place("The row: 5"), "The row: 5");
    }
}
