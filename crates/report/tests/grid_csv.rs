//! The page grid's CSV, parsed back with the csv crate: the chosen rows in the chosen order,
//! under the grid's own headings, saying what the grid says.

mod support;

use preflight_readiness::{grid, GridColumn};
use preflight_report::page_grid_csv;
use support::*;

fn parse(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_reader(bytes);
    let headers = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    (headers, rows)
}

fn column(label: &str) -> usize {
    GridColumn::ALL
        .iter()
        .position(|c| c.label() == label)
        .unwrap()
}

#[test]
fn the_chosen_rows_in_the_chosen_order() {
    let report = sample_report();
    let urls = [&report.pages[3], &report.pages[0], &report.pages[1]]
        .map(|p| p.url.clone())
        .to_vec();
    let mut asked = urls.clone();
    asked.push("https://not-in-this-audit.example/".into());
    asked.push(urls[0].clone());
    let (headers, rows) = parse(&page_grid_csv(&report, &asked).unwrap());

    assert_eq!(headers, GridColumn::ALL.map(|c| c.label().to_string()));
    assert_eq!(
        rows.iter()
            .map(|r| r[column("Page")].clone())
            .collect::<Vec<_>>(),
        urls,
        "only pages of the audit, each once, in the order asked"
    );

    // Every cell is the grid's own text for that page.
    let grid_rows = grid::rows(&report);
    for row in &rows {
        let standing = grid_rows.iter().find(|p| p.url == row[0]).unwrap();
        let expected: Vec<String> = GridColumn::ALL.iter().map(|c| c.cell(standing)).collect();
        assert_eq!(row, &expected);
    }

    // Words, not codes; the hostile title comes out as written.
    assert_eq!(rows[0][column("Verdict")], "Challenged");
    assert_eq!(
        Some(rows[0][column("Firewall / CDN")].as_str()),
        report.pages[3].vendor.as_deref()
    );
    assert!(!rows[0][column("Firewall / CDN")].is_empty());
    assert_eq!(rows[1][column("Verdict")], "Reachable");
    assert_eq!(rows[1][column("robots.txt")], "Allowed");
    assert!(rows[1][column("Title")].starts_with(HOSTILE_VISIBLE));
    assert_eq!(rows[2][column("Verdict")], "Blocked by robots.txt");
    assert_eq!(rows[2][column("robots.txt")], "Blocked");
    assert_eq!(rows[2][column("UTM parameters")], "Lost in a redirect");
    assert_ne!(rows[0][column("Blocking problems")], "0");
}

#[test]
fn no_urls_gives_the_headings_only() {
    let (headers, rows) = parse(&page_grid_csv(&sample_report(), &[]).unwrap());
    assert_eq!(headers.len(), GridColumn::ALL.len());
    assert!(rows.is_empty());
}
