//! Hostile input is normal input: ads-manager exports and sitemaps are files from elsewhere.
//! These properties feed arbitrary bytes, CSV-shaped rows (quotes, delimiters, line breaks in
//! cells, several encodings) and XML-shaped sitemap fragments (entities, CDATA, comments,
//! unclosed tags, gzip) to the readers and check that each returns, finishes and numbers its
//! rows and lines sensibly. Failing inputs are kept in `proptest-regressions/` and replayed
//! first on every run; the named tests at the end pin the ones worth reading.

use std::io::Write;

use preflight_testkit::finishes;
use preflight_utm::{
    decode_text, import_csv, parse_sitemap, ColumnChoice, CsvOptions, SitemapError,
};
use proptest::prelude::*;

/// Failing inputs, kept in the repository and replayed first on every run.
const REGRESSIONS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/proptest-regressions/properties_inputs.txt"
);

/// Mostly short inputs, sometimes up to 64 KiB.
fn bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        4 => prop::collection::vec(any::<u8>(), 0..512),
        1 => prop::collection::vec(any::<u8>(), 0..=65_536),
    ]
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(bytes).expect("compress");
    encoder.finish().expect("finish gzip")
}

/// One CSV cell: URLs (clean and broken), header words, quoted text with doubled and stray
/// quotes, delimiters and line breaks inside quotes, non-ASCII text.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("https://shop.example/?utm_source=chatgpt".to_string()),
        Just("\"https://shop.example/a,b?x=1;y=2\"".to_string()),
        Just("www.shop.example".to_string()),
        Just("Final URL".to_string()),
        Just("Display URL".to_string()),
        Just("Campaign".to_string()),
        Just(String::new()),
        Just("\"\"".to_string()),
        Just("\"a\"\"b\"".to_string()),
        Just("\"unclosed".to_string()),
        Just("mid\"quote".to_string()),
        Just("\"line\nbreak\"".to_string()),
        Just("\"cr\r\nlf\"".to_string()),
        Just("sep=;".to_string()),
        "https://[a-z.]{1,10}/[\\PC]{0,10}",
        "[a-zA-Z0-9 ]{0,10}",
        "\\PC{0,10}",
    ]
}

/// A CSV-shaped text: rows of cells joined with one (or, as in broken files, a mix of)
/// delimiter and line ending, sometimes behind a BOM or a `sep=` line.
fn csv_text() -> impl Strategy<Value = String> {
    (
        prop_oneof![
            Just(""),
            Just("\u{feff}"),
            Just("sep=;\n"),
            Just("sep=\t\r\n")
        ],
        prop::collection::vec(
            (
                prop::collection::vec(cell(), 0..6),
                prop_oneof![4 => Just(","), 2 => Just(";"), 2 => Just("\t"), 1 => Just("|")],
                prop_oneof![Just("\n"), Just("\r\n"), Just("\r"), Just("\n\n")],
            ),
            0..24,
        ),
    )
        .prop_map(|(lead, rows)| {
            let mut out = lead.to_string();
            for (cells, delimiter, end) in rows {
                out.push_str(&cells.join(delimiter));
                out.push_str(end);
            }
            out
        })
}

/// The same text as a file might hold it: UTF-8, UTF-16 with or without a BOM, Windows-1252.
fn encoded(text: String, how: u8) -> Vec<u8> {
    match how {
        0 => {
            let mut out = vec![0xFF, 0xFE];
            out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
            out
        }
        1 => text.encode_utf16().flat_map(u16::to_be_bytes).collect(),
        2 => text
            .chars()
            .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?'))
            .collect(),
        _ => text.into_bytes(),
    }
}

fn column_choice() -> impl Strategy<Value = Option<ColumnChoice>> {
    prop_oneof![
        3 => Just(None),
        1 => (0u32..8).prop_map(|i| Some(ColumnChoice::Index(i))),
        1 => Just(Some(ColumnChoice::Index(u32::MAX))),
        1 => prop_oneof![Just("Final URL".to_string()), "\\PC{0,8}"]
            .prop_map(|h| Some(ColumnChoice::Header(h))),
    ]
}

/// Rows of an import are spreadsheet rows: at least 1, never going backwards, and no more
/// URLs than data rows. A column the caller names is the column read.
fn check_import(bytes: Vec<u8>, column: Option<ColumnChoice>) -> Result<(), TestCaseError> {
    let options = CsvOptions {
        column: column.clone(),
    };
    let result = finishes(move || import_csv(&bytes, &options));
    let Ok(import) = result else {
        return Ok(());
    };
    prop_assert!(import.urls.len() as u64 <= import.rows);
    prop_assert!(import.urls.iter().all(|u| u.line >= 1));
    prop_assert!(import.urls.windows(2).all(|w| w[0].line <= w[1].line));
    prop_assert!(import.issues.iter().all(|i| i.line >= 1));
    prop_assert!(import
        .candidates
        .iter()
        .all(|c| (0.0..=1.0).contains(&c.score)));
    match column {
        Some(ColumnChoice::Index(i)) => prop_assert_eq!(import.column, Some(i)),
        Some(ColumnChoice::Header(name)) => {
            let read = import
                .column
                .map(|c| import.headers[c as usize].trim().to_ascii_lowercase());
            prop_assert_eq!(read, Some(name.trim().to_ascii_lowercase()));
        }
        None => {}
    }
    Ok(())
}

/// XML-shaped sitemap pieces, concatenated in any order.
fn xml_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("<?xml version=\"1.0\" encoding=\"UTF-8\"?>".to_string()),
        Just("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">".to_string()),
        Just("</urlset>".to_string()),
        Just("<sitemapindex>".to_string()),
        Just("</sitemapindex>".to_string()),
        Just("<sitemap>".to_string()),
        Just("</sitemap>".to_string()),
        Just("<url>".to_string()),
        Just("</url>".to_string()),
        Just("<loc>".to_string()),
        Just("</loc>".to_string()),
        Just("<sm:loc>".to_string()),
        Just("<image:loc>".to_string()),
        Just("<loc/>".to_string()),
        Just("https://shop.example/?a=1&amp;utm_source=chatgpt".to_string()),
        Just("&amp;".to_string()),
        Just("&#xE9;".to_string()),
        Just("&#233;".to_string()),
        Just("&#xFFFFFFFF;".to_string()),
        Just("&#0;".to_string()),
        Just("&nbsp;".to_string()),
        Just("&".to_string()),
        Just("<![CDATA[https://x.example/?a=1&b=2]]>".to_string()),
        Just("<![CDATA[".to_string()),
        Just("<!-- comment -->".to_string()),
        Just("<!DOCTYPE urlset [<!ENTITY x \"y\">]>".to_string()),
        Just("<".to_string()),
        Just(">".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        "<[a-z:]{0,6}>",
        "\\PC{0,8}",
    ]
}

/// Pieces in any order, or inside a `<urlset>` / `<sitemapindex>` root so that most inputs
/// get past the root check to the entries.
fn xml_text() -> impl Strategy<Value = String> {
    (
        prop_oneof![Just(""), Just("\u{feff}"), Just("  \n")],
        prop::collection::vec(xml_piece(), 0..24),
        prop_oneof![
            Just(("", "")),
            Just(("<urlset>\n", "\n</urlset>")),
            Just(("<urlset><url><loc>", "</loc></url></urlset>")),
            Just((
                "<sitemapindex><sitemap><loc>",
                "</loc></sitemap></sitemapindex>"
            )),
        ],
    )
        .prop_map(|(lead, pieces, (open, close))| format!("{lead}{open}{}{close}", pieces.concat()))
}

/// Every line number a sitemap reports points into the text.
fn check_sitemap_lines(text: &str, result: &Result<preflight_utm::Sitemap, SitemapError>) {
    let lines = text.matches('\n').count() as u64 + 1;
    match result {
        Ok(sitemap) => {
            let numbers = sitemap.urls.iter().map(|u| u.line);
            let numbers: Vec<u64> = numbers
                .chain(sitemap.issues.iter().map(|i| i.line))
                .collect();
            assert!(
                numbers.iter().all(|n| (1..=lines).contains(n)),
                "{numbers:?} outside 1..={lines}"
            );
            assert!(sitemap.urls.windows(2).all(|w| w[0].line <= w[1].line));
        }
        Err(SitemapError::Xml { line, .. }) => {
            assert!(
                (1..=lines).contains(line),
                "line {line} outside 1..={lines}"
            )
        }
        Err(_) => {}
    }
}

proptest! {
    #![proptest_config(preflight_testkit::config(REGRESSIONS))]

    #[test]
    fn arbitrary_bytes_decode(raw in bytes()) {
        let input = raw.clone();
        let decoded = finishes(move || decode_text(&raw).map(|(text, _)| text));
        // Plain UTF-8 (no byte-order mark, no zero bytes that suggest UTF-16, no zip
        // signature) is read exactly as written, unless it is refused as binary.
        let plain_utf8 = std::str::from_utf8(&input).ok().filter(|t| {
            !t.is_empty() && !t.contains('\0') && !t.starts_with('\u{feff}') && !t.starts_with("PK\x03\x04")
        });
        if let Some(text) = plain_utf8 {
            match decoded {
                Ok(decoded) => prop_assert_eq!(decoded, text),
                Err(e) => prop_assert_eq!(e, preflight_utm::DecodeError::Binary),
            }
        }
    }

    #[test]
    fn arbitrary_bytes_import_as_csv(raw in bytes(), column in column_choice()) {
        check_import(raw, column)?;
    }

    #[test]
    fn csv_shaped_files_import(text in csv_text(), how in 0u8..5, column in column_choice()) {
        check_import(encoded(text, how), column)?;
    }

    #[test]
    fn arbitrary_bytes_read_as_sitemap(raw in bytes(), zipped in any::<bool>()) {
        let raw = if zipped { gzip(&raw) } else { raw };
        finishes(move || {
            let _ = parse_sitemap(&raw);
        });
    }

    #[test]
    fn sitemap_shaped_text_reads_the_same_plain_and_gzipped(text in xml_text()) {
        let zipped = gzip(text.as_bytes());
        let (plain, from_gzip, text) = finishes(move || {
            let plain = parse_sitemap(text.as_bytes());
            check_sitemap_lines(&text, &plain);
            (plain, parse_sitemap(&zipped), text)
        });
        prop_assert_eq!(&plain, &from_gzip);
        // A download cut short must not panic either.
        let mut cut = gzip(text.as_bytes());
        cut.truncate(cut.len() / 2);
        finishes(move || {
            let _ = parse_sitemap(&cut);
        });
    }
}
