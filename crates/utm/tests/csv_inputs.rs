//! CSV exports: delimiters, quoting, encodings, column detection, row numbers, scale.

use std::time::{Duration, Instant};

use preflight_utm::{
    import_csv, ColumnChoice, CsvError, CsvOptions, DecodeError, Delimiter, TextEncoding,
};

fn auto(bytes: &[u8]) -> preflight_utm::CsvImport {
    import_csv(bytes, &CsvOptions::default()).expect("import")
}

fn urls(import: &preflight_utm::CsvImport) -> Vec<(u64, &str)> {
    import
        .urls
        .iter()
        .map(|u| (u.line, u.url.as_str()))
        .collect()
}

#[test]
fn comma_semicolon_and_tab() {
    for (text, delimiter) in [
        (
            "Campaign,Final URL,Clicks\nSpring,https://a.example/?utm_source=chatgpt,10\n",
            Delimiter::Comma,
        ),
        (
            "Campaign;Final URL;Clicks\nSpring;https://a.example/?utm_source=chatgpt;10\n",
            Delimiter::Semicolon,
        ),
        (
            "Campaign\tFinal URL\tClicks\nSpring\thttps://a.example/?utm_source=chatgpt\t10\n",
            Delimiter::Tab,
        ),
    ] {
        let import = auto(text.as_bytes());
        assert_eq!(import.delimiter, delimiter);
        assert!(import.has_header);
        assert_eq!(import.column, Some(1));
        assert_eq!(
            urls(&import),
            vec![(2, "https://a.example/?utm_source=chatgpt")]
        );
    }
}

#[test]
fn quoting_with_embedded_commas_newlines_and_quotes() {
    let text = "Ad name,Description,Destination URL\r\n\
                \"Spring, big\",\"Line one\nline two\",\"https://a.example/?utm_source=chatgpt&utm_campaign=a,b\"\r\n\
                \"He said \"\"hi\"\"\",x,https://b.example/\r\n";
    let import = auto(text.as_bytes());
    assert_eq!(import.delimiter, Delimiter::Comma);
    assert_eq!(
        import.headers,
        vec!["Ad name", "Description", "Destination URL"]
    );
    // The quoted line break does not start a new row: spreadsheet rows 2 and 3.
    assert_eq!(
        urls(&import),
        vec![
            (2, "https://a.example/?utm_source=chatgpt&utm_campaign=a,b"),
            (3, "https://b.example/")
        ]
    );
    // A row after several quoted line breaks still gets its spreadsheet number.
    let text = "URL,Note\nhttps://a.example/,\"a\nb\nc\"\nnope,x\nhttps://c.example/,y\n";
    let import = auto(text.as_bytes());
    assert_eq!(
        urls(&import),
        vec![(2, "https://a.example/"), (4, "https://c.example/")]
    );
    assert_eq!(import.issues[0].line, 3);
}

#[test]
fn utf8_bom_and_excel_sep_hint() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice("Final URL,Clicks\nhttps://a.example/,1\n".as_bytes());
    let import = auto(&bytes);
    assert_eq!(import.encoding, TextEncoding::Utf8Bom);
    assert_eq!(import.headers[0], "Final URL");
    assert_eq!(urls(&import), vec![(2, "https://a.example/")]);

    let import = auto(b"sep=;\nName;URL\nx;https://a.example/,b\n");
    assert_eq!(import.delimiter, Delimiter::Semicolon);
    assert_eq!(urls(&import), vec![(2, "https://a.example/,b")]);
}

/// `sep=<tab>` names the tab as delimiter. Trimming the line's trailing whitespace used to
/// remove the tab itself, so the hint was never recognised: `sep=` became the header row, the
/// real header a data row, and the URL column was no longer picked.
#[test]
fn tab_separator_hint() {
    for text in [
        &b"sep=\t\nName\tURL\nx\thttps://a.example/\n"[..],
        b"sep=\t\r\nName\tURL\r\nx\thttps://a.example/\r\n",
    ] {
        let import = auto(text);
        assert_eq!(import.delimiter, Delimiter::Tab);
        assert_eq!(import.headers, vec!["Name", "URL"]);
        assert_eq!(urls(&import), vec![(2, "https://a.example/")]);
    }
}

#[test]
fn utf16le_excel_unicode_text() {
    // Excel "Unicode text": UTF-16LE with a byte-order mark, tab-separated, CRLF.
    let text = "Kampagne\tZiel-URL\tKlicks\r\nFrühling\thttps://a.example/?utm_campaign=fr%C3%BChling\t3\r\n";
    let mut bytes = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        bytes.extend(u.to_le_bytes());
    }
    let import = auto(&bytes);
    assert_eq!(import.encoding, TextEncoding::Utf16Le);
    assert_eq!(import.delimiter, Delimiter::Tab);
    assert_eq!(import.headers[0], "Kampagne");
    assert_eq!(import.column, Some(1));
    assert_eq!(
        urls(&import),
        vec![(2, "https://a.example/?utm_campaign=fr%C3%BChling")]
    );
}

#[test]
fn windows_1252() {
    // "Café" and "€" as Windows-1252 bytes; not valid UTF-8.
    let bytes =
        b"Campagne;URL de destination\nCaf\xE9 \x80;https://a.example/?utm_source=chatgpt\n";
    let import = auto(bytes);
    assert_eq!(import.encoding, TextEncoding::Windows1252);
    assert_eq!(import.candidates[0].header, "URL de destination");
    assert_eq!(
        urls(&import),
        vec![(2, "https://a.example/?utm_source=chatgpt")]
    );
}

#[test]
fn column_detection_prefers_destination_over_display_url() {
    let text = "Display URL,Final URL,Image URL,Notes\n\
                https://a.example/,https://a.example/landing?utm_source=chatgpt,https://cdn.example/i.png,hello\n\
                https://a.example/,https://a.example/other?utm_source=chatgpt,https://cdn.example/j.png,world\n";
    let import = auto(text.as_bytes());
    assert_eq!(import.column, Some(1));
    let ranked: Vec<&str> = import
        .candidates
        .iter()
        .map(|c| c.header.as_str())
        .collect();
    assert_eq!(ranked[0], "Final URL");
    assert!(import.candidates[0].score > import.candidates[1].score);
    assert!(!ranked.contains(&"Notes"));
    let display = import
        .candidates
        .iter()
        .find(|c| c.header == "Display URL")
        .unwrap();
    assert!(display.header_score < 0.0);
    assert_eq!(display.content_score, 1.0);
}

#[test]
fn detection_by_content_without_a_header() {
    let text = "Spring,https://a.example/?utm_source=chatgpt\nSummer,https://b.example/\n";
    let import = auto(text.as_bytes());
    assert!(!import.has_header);
    assert_eq!(import.column, Some(1));
    assert_eq!(urls(&import)[0].0, 1);
}

#[test]
fn unconvincing_columns_are_left_for_the_user_and_explicit_choice_works() {
    let text = "Name,Link\nSpring,see site\nSummer,https://b.example/\nAutumn,tbd\n";
    let import = auto(text.as_bytes());
    assert_eq!(import.column, None, "{:?}", import.candidates);
    assert!(import.urls.is_empty());
    assert_eq!(import.candidates[0].header, "Link");

    let chosen = import_csv(
        text.as_bytes(),
        &CsvOptions {
            column: Some(ColumnChoice::Header("link".into())),
        },
    )
    .unwrap();
    assert_eq!(urls(&chosen), vec![(3, "https://b.example/")]);
    let rows: Vec<u64> = chosen.issues.iter().map(|i| i.line).collect();
    assert_eq!(rows, vec![2, 4]);
    assert!(chosen.issues[0].reason.starts_with("row 2:"));

    let by_index = import_csv(
        text.as_bytes(),
        &CsvOptions {
            column: Some(ColumnChoice::Index(1)),
        },
    )
    .unwrap();
    assert_eq!(by_index.urls.len(), 1);
    assert!(matches!(
        import_csv(
            text.as_bytes(),
            &CsvOptions {
                column: Some(ColumnChoice::Index(7))
            }
        ),
        Err(CsvError::ColumnOutOfRange(7, 2))
    ));
    let err = import_csv(
        text.as_bytes(),
        &CsvOptions {
            column: Some(ColumnChoice::Header("URL".into())),
        },
    )
    .unwrap_err();
    assert!(err.to_string().contains("Name, Link"));
}

#[test]
fn short_rows_empty_cells_and_bad_files() {
    let text = "Name,Final URL\nA,https://a.example/\nB\nC,\n\nD,https://d.example/\n";
    let import = auto(text.as_bytes());
    // The blank line is a row of its own, as in a spreadsheet.
    assert_eq!(
        urls(&import),
        vec![(2, "https://a.example/"), (6, "https://d.example/")]
    );
    assert_eq!(import.issues.len(), 1);
    assert_eq!(import.issues[0].line, 3);
    assert!(import.issues[0].reason.contains("only 1 columns"));
    assert_eq!(import.empty_cells, 1);

    assert_eq!(
        import_csv(b"", &CsvOptions::default()),
        Err(CsvError::Decode(DecodeError::Empty))
    );
    assert_eq!(
        import_csv(b"PK\x03\x04xlsx", &CsvOptions::default()),
        Err(CsvError::Decode(DecodeError::Workbook))
    );
    let garbage: Vec<u8> = (0u8..=255).cycle().take(10_000).collect();
    assert!(import_csv(&garbage, &CsvOptions::default()).is_err());
}

#[test]
fn a_hundred_thousand_rows_in_bounded_time() {
    let mut text = String::with_capacity(12_000_000);
    text.push_str("Campaign,Ad group,Final URL,Clicks\n");
    for i in 0..100_000 {
        if i % 10_000 == 9_999 {
            text.push_str(&format!("c{i},\"g, {i}\",not a url,{i}\n"));
        } else {
            text.push_str(&format!(
                "c{i},\"g, {i}\",https://shop.example/p{i}?utm_source=chatgpt&utm_medium=cpc&utm_campaign=c{},{i}\n",
                i % 50
            ));
        }
    }
    let start = Instant::now();
    let import = auto(text.as_bytes());
    let elapsed = start.elapsed();
    assert_eq!(import.rows, 100_000);
    assert_eq!(import.urls.len(), 99_990);
    assert_eq!(import.issues.len(), 10);
    assert_eq!(import.issues[0].line, 10_001);
    assert_eq!(import.urls.last().unwrap().line, 100_000);
    assert!(elapsed < Duration::from_secs(30), "took {elapsed:?}");

    let start = Instant::now();
    let urls: Vec<String> = import.urls.iter().map(|u| u.url.clone()).collect();
    let report = preflight_utm::check_urls(&urls);
    assert_eq!(report.urls.len(), 99_990);
    assert!(
        start.elapsed() < Duration::from_secs(60),
        "took {:?}",
        start.elapsed()
    );
}
