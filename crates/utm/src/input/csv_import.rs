//! An ads-manager export (CSV or Excel "Unicode text"): find the destination-URL column and
//! read it. Memory stays proportional to the file plus the URLs kept; time is linear.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::decode::{decode_text, DecodeError, TextEncoding};
use super::{InputIssue, InputUrl, MAX_ISSUES};
use crate::checks::validate;
use crate::data::HEADER_HINTS;

/// Largest file accepted (bytes).
pub const MAX_CSV_BYTES: usize = 256 * 1024 * 1024;
/// Most data rows read.
pub const MAX_CSV_ROWS: u64 = 2_000_000;
/// Rows sampled to score columns.
const SAMPLE_ROWS: usize = 500;
/// A column is picked without asking when its score reaches this.
pub const AUTO_PICK_SCORE: f64 = 0.5;

/// Which column holds the destination URLs, when the caller knows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum ColumnChoice {
    /// Zero-based column index.
    Index(u32),
    /// Header text, compared case-insensitively after trimming.
    Header(String),
}

/// The field delimiter found (or forced).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum Delimiter {
    Comma,
    Semicolon,
    Tab,
}

impl Delimiter {
    pub fn byte(self) -> u8 {
        match self {
            Delimiter::Comma => b',',
            Delimiter::Semicolon => b';',
            Delimiter::Tab => b'\t',
        }
    }

    const ALL: [Delimiter; 3] = [Delimiter::Tab, Delimiter::Semicolon, Delimiter::Comma];
}

/// A column that may hold the destination URLs, with how sure we are.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
pub struct ColumnCandidate {
    pub index: u32,
    /// Header text (empty when the file has no header row).
    pub header: String,
    /// 0..1: combined score used for ranking.
    pub score: f64,
    /// -1..1: how much the header name says "destination URL".
    pub header_score: f64,
    /// 0..1: share of sampled non-empty cells that are web addresses.
    pub content_score: f64,
    /// A few values from the column.
    pub samples: Vec<String>,
}

/// What was read from an export. Row numbers are spreadsheet rows: the header is row 1, and a
/// cell with a line break inside quotes still counts as one row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
pub struct CsvImport {
    pub encoding: TextEncoding,
    pub delimiter: Delimiter,
    pub has_header: bool,
    pub headers: Vec<String>,
    /// Columns ranked best first.
    pub candidates: Vec<ColumnCandidate>,
    /// The column read; `None` when no column is convincing and the user must choose.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub column: Option<u32>,
    /// URLs with their row numbers (`line` is the spreadsheet row).
    pub urls: Vec<InputUrl>,
    /// Rows whose cell is not a usable URL.
    pub issues: Vec<InputIssue>,
    pub issues_not_listed: u64,
    /// Data rows read (header excluded).
    pub rows: u64,
    /// Data rows whose cell in the column is empty.
    pub empty_cells: u64,
}

/// Why a CSV could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CsvError {
    #[error("the file is larger than {} MB", MAX_CSV_BYTES / 1024 / 1024)]
    TooLarge,
    #[error("{0}")]
    Decode(#[from] DecodeError),
    #[error("the file has no rows")]
    NoRows,
    #[error("no column named \"{0}\"; the columns are: {1}")]
    ColumnNotFound(String, String),
    #[error("column {0} does not exist; the file has {1} columns")]
    ColumnOutOfRange(u32, u32),
    #[error("row {row}: {message}")]
    Malformed { row: u64, message: String },
    #[error("the file has more than {MAX_CSV_ROWS} rows; split it into smaller files")]
    TooManyRows,
}

/// Options for [`import_csv`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct CsvOptions {
    /// Read this column instead of the best-scoring one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub column: Option<ColumnChoice>,
}

/// Reads an export, scores its columns and reads the destination URLs from the chosen one.
pub fn import_csv(bytes: &[u8], options: &CsvOptions) -> Result<CsvImport, CsvError> {
    if bytes.len() > MAX_CSV_BYTES {
        return Err(CsvError::TooLarge);
    }
    let (text, encoding) = decode_text(bytes)?;
    let (text, forced) = strip_sep_hint(&text);
    let delimiter = forced.unwrap_or_else(|| detect_delimiter(text));
    let reader = || {
        csv::ReaderBuilder::new()
            .delimiter(delimiter.byte())
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes())
    };

    // Sample: the first row plus up to SAMPLE_ROWS more.
    let mut sample: Vec<Vec<String>> = Vec::new();
    for (i, record) in reader().records().take(SAMPLE_ROWS + 1).enumerate() {
        let record = record.map_err(|e| malformed(i as u64 + 1, e))?;
        sample.push(record.iter().map(|c| c.trim().to_string()).collect());
    }
    let Some(first) = sample.first() else {
        return Err(CsvError::NoRows);
    };
    let has_header = !first.iter().any(|c| validate(c).is_ok());
    let headers = if has_header {
        first.clone()
    } else {
        Vec::new()
    };
    let data_sample = if has_header {
        &sample[1..]
    } else {
        &sample[..]
    };
    let width = sample.iter().map(Vec::len).max().unwrap_or(0);
    let candidates = score_columns(&headers, data_sample, width);

    let column = match &options.column {
        Some(choice) => Some(resolve_choice(choice, &headers, width)?),
        None => candidates
            .first()
            .filter(|c| c.score >= AUTO_PICK_SCORE)
            .map(|c| c.index),
    };
    let mut import = CsvImport {
        encoding,
        delimiter,
        has_header,
        headers,
        candidates,
        column,
        urls: Vec::new(),
        issues: Vec::new(),
        issues_not_listed: 0,
        rows: 0,
        empty_cells: 0,
    };
    let Some(column) = column else {
        return Ok(import);
    };

    let mut record = csv::StringRecord::new();
    let mut rdr = reader();
    let mut index: u64 = 0;
    // Line breaks inside quoted cells so far: they move the line number, not the row.
    let mut inner_breaks: u64 = 0;
    let mut line: u64 = 1;
    let mut counted_to: usize = 0;
    loop {
        index += 1;
        match rdr.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => return Err(malformed(index, e)),
        }
        // Spreadsheet row: blank lines count as rows, breaks inside quotes do not. Lines are
        // counted from byte offsets (the reader's own line count skips blank lines).
        let start = record
            .position()
            .map_or(counted_to, |p| p.byte() as usize)
            .clamp(counted_to, text.len());
        let first_byte = start
            + text.as_bytes()[start..]
                .iter()
                .take_while(|b| matches!(b, b'\r' | b'\n'))
                .count();
        line += text.as_bytes()[counted_to..first_byte]
            .iter()
            .filter(|b| **b == b'\n')
            .count() as u64;
        counted_to = first_byte;
        let row = line.saturating_sub(inner_breaks).max(1);
        inner_breaks += record
            .iter()
            .map(|c| c.matches('\n').count() as u64)
            .sum::<u64>();
        if index == 1 && has_header {
            continue;
        }
        import.rows += 1;
        if import.rows > MAX_CSV_ROWS {
            return Err(CsvError::TooManyRows);
        }
        let cell = record.get(column as usize).map(str::trim);
        match cell {
            None if record.len() <= 1 && record.get(0).is_none_or(|c| c.trim().is_empty()) => {
                import.empty_cells += 1;
            }
            None => push_issue(
                &mut import,
                InputIssue::new(
                    row,
                    &record.iter().collect::<Vec<_>>().join(" | "),
                    format!(
                        "row {row} has only {} columns, so column {} is missing",
                        record.len(),
                        column + 1
                    ),
                ),
            ),
            Some("") => import.empty_cells += 1,
            Some(value) => match validate(value) {
                Ok(()) => import.urls.push(InputUrl {
                    line: row,
                    url: value.to_string(),
                }),
                Err(reason) => push_issue(
                    &mut import,
                    InputIssue::new(row, value, format!("row {row}: {reason}")),
                ),
            },
        }
    }
    Ok(import)
}

fn push_issue(import: &mut CsvImport, issue: InputIssue) {
    if import.issues.len() < MAX_ISSUES {
        import.issues.push(issue);
    } else {
        import.issues_not_listed += 1;
    }
}

fn malformed(row: u64, e: csv::Error) -> CsvError {
    CsvError::Malformed {
        row,
        message: e.to_string(),
    }
}

/// Excel may write `sep=;` as the first line to name the delimiter.
fn strip_sep_hint(text: &str) -> (&str, Option<Delimiter>) {
    let first_line = text.lines().next().unwrap_or_default();
    // Only spaces and a stray carriage return are trimmed: a tab is the hint's own value.
    let forced = match first_line.trim_end_matches(['\r', ' ']) {
        "sep=," => Some(Delimiter::Comma),
        "sep=;" => Some(Delimiter::Semicolon),
        "sep=\t" => Some(Delimiter::Tab),
        _ => None,
    };
    match forced {
        Some(d) => {
            let rest = text[first_line.len()..].trim_start_matches(['\r', '\n']);
            (rest, Some(d))
        }
        None => (text, None),
    }
}

/// The delimiter that splits the first rows into the same number (> 1) of fields; among
/// those, the one with the most fields. Quotes are respected, so commas inside quoted URLs
/// do not count.
pub fn detect_delimiter(text: &str) -> Delimiter {
    let mut best = (Delimiter::Comma, 0usize, false);
    for d in Delimiter::ALL {
        let mut counts = Vec::new();
        let mut rdr = csv::ReaderBuilder::new()
            .delimiter(d.byte())
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        for record in rdr.records().take(50) {
            match record {
                Ok(r) => counts.push(r.len()),
                Err(_) => break,
            }
        }
        let Some(&first) = counts.first() else {
            continue;
        };
        let consistent = counts.iter().all(|c| *c == first);
        if first < 2 {
            continue;
        }
        let better = match (consistent, best.2) {
            (true, false) => true,
            (false, true) => false,
            _ => first > best.1,
        };
        if better {
            best = (d, first, consistent);
        }
    }
    best.0
}

fn normalize_header(header: &str) -> String {
    header
        .trim()
        .to_lowercase()
        .split(|c: char| c.is_whitespace() || c == '_' || c == '-')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// How strongly a header name says "destination URL" (-1..1).
pub fn header_score(header: &str) -> f64 {
    let h = normalize_header(header);
    if h.is_empty() {
        return 0.0;
    }
    if let Some(hint) = HEADER_HINTS.iter().find(|hint| hint.name == h) {
        return hint.weight;
    }
    // Partial matches count less than exact ones.
    HEADER_HINTS
        .iter()
        .filter(|hint| h.contains(hint.name.as_str()))
        .map(|hint| hint.weight * 0.6)
        .fold(0.0_f64, |acc, w| if w.abs() > acc.abs() { w } else { acc })
}

fn score_columns(headers: &[String], rows: &[Vec<String>], width: usize) -> Vec<ColumnCandidate> {
    let mut out = Vec::new();
    for index in 0..width {
        let header = headers.get(index).cloned().unwrap_or_default();
        let cells: Vec<&str> = rows
            .iter()
            .filter_map(|r| r.get(index))
            .map(String::as_str)
            .filter(|c| !c.is_empty())
            .collect();
        let urls = cells.iter().filter(|c| validate(c).is_ok()).count();
        let content_score = if cells.is_empty() {
            0.0
        } else {
            urls as f64 / cells.len() as f64
        };
        let header_score = header_score(&header);
        if content_score == 0.0 && header_score <= 0.0 {
            continue;
        }
        let score = if content_score == 0.0 && !cells.is_empty() {
            0.0 // a named column full of non-URLs cannot be the destination
        } else {
            (0.7 * content_score + 0.3 * header_score.max(0.0) + 0.5 * header_score.min(0.0))
                .clamp(0.0, 1.0)
        };
        out.push(ColumnCandidate {
            index: index as u32,
            header,
            score,
            header_score,
            content_score,
            samples: cells.iter().take(3).map(|c| c.to_string()).collect(),
        });
    }
    out.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.index.cmp(&b.index)));
    out
}

fn resolve_choice(
    choice: &ColumnChoice,
    headers: &[String],
    width: usize,
) -> Result<u32, CsvError> {
    match choice {
        ColumnChoice::Index(i) if (*i as usize) < width => Ok(*i),
        ColumnChoice::Index(i) => Err(CsvError::ColumnOutOfRange(*i, width as u32)),
        ColumnChoice::Header(name) => headers
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name.trim()))
            .map(|i| i as u32)
            .ok_or_else(|| CsvError::ColumnNotFound(name.clone(), headers.join(", "))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_scores() {
        assert_eq!(header_score("Final URL"), 1.0);
        assert_eq!(header_score("destination_url"), 1.0);
        assert!(header_score("Display URL") < 0.0);
        assert!(header_score("Ad final url (mobile)") > 0.0);
        assert_eq!(header_score("Clicks"), 0.0);
    }

    #[test]
    fn delimiter_ignores_quoted_commas() {
        let text = "Ad;URL\n\"a, b\";https://x.example/?a=1,2\n\"c\";https://y.example/\n";
        assert_eq!(detect_delimiter(text), Delimiter::Semicolon);
        assert_eq!(detect_delimiter("a\tb\n1\t2\n"), Delimiter::Tab);
        assert_eq!(detect_delimiter("a,b\n1,2\n"), Delimiter::Comma);
        assert_eq!(detect_delimiter("https://x.example/\n"), Delimiter::Comma);
    }
}
