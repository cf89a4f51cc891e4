//! Every column of an export, for the column picker: the columns the export reader found
//! promising first (best first), then all the others in file order, each with a few sample
//! values, so that a column of addresses written without https:// can be chosen too.

use preflight_utm::{ColumnCandidate, CsvImport};

/// Columns listed at most; exports rarely have more, and the picker stays readable.
const MAX_COLUMNS: usize = 60;
/// Data rows sampled for the values shown.
const SAMPLE_ROWS: usize = 5;

/// The export's columns: `import.candidates`, then the rest with samples.
pub(crate) fn all_columns(bytes: &[u8], import: &CsvImport) -> Vec<ColumnCandidate> {
    let mut out = import.candidates.clone();
    let samples = sample_rows(bytes, import);
    let width = samples
        .iter()
        .map(Vec::len)
        .chain(std::iter::once(import.headers.len()))
        .max()
        .unwrap_or(0)
        .min(MAX_COLUMNS);
    for index in 0..width {
        if out.iter().any(|c| c.index as usize == index) {
            continue;
        }
        out.push(ColumnCandidate {
            index: index as u32,
            header: import.headers.get(index).cloned().unwrap_or_default(),
            score: 0.0,
            header_score: 0.0,
            content_score: 0.0,
            samples: samples
                .iter()
                .filter_map(|row| row.get(index))
                .filter(|c| !c.is_empty())
                .take(3)
                .map(|c| c.chars().take(120).collect())
                .collect(),
        });
    }
    out
}

/// The first data rows, read the way the export reader read the file.
fn sample_rows(bytes: &[u8], import: &CsvImport) -> Vec<Vec<String>> {
    let Ok((text, _)) = preflight_utm::decode_text(bytes) else {
        return Vec::new();
    };
    let first = text.lines().next().unwrap_or_default();
    let text = if first.trim_end_matches(['\r', ' ']).starts_with("sep=") {
        &text[first.len()..]
    } else {
        &text[..]
    };
    csv::ReaderBuilder::new()
        .delimiter(import.delimiter.byte())
        .has_headers(import.has_header)
        .flexible(true)
        .from_reader(text.trim_start_matches(['\r', '\n']).as_bytes())
        .records()
        .take(SAMPLE_ROWS)
        .filter_map(Result::ok)
        .map(|r| r.iter().map(|c| c.trim().to_string()).collect())
        .collect()
}
