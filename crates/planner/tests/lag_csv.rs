//! Lag tables from CRM exports.

use preflight_planner::{evaluate, lag_table_from_csv, lag_table_from_csv_bytes, Plan};

#[test]
fn comma_file_with_iso_dates() {
    let csv = "lead_id,click_date,conversion_date\n\
               1,2026-05-01,2026-05-01\n\
               2,2026-05-01,2026-05-03\n\
               3,2026-05-02,2026-05-04\n\
               4,2026-05-02,\n\
               5,2026-05-03,2026-05-13\n";
    let import = lag_table_from_csv(csv).unwrap();
    assert_eq!(
        import.lag_table,
        vec![[0.0, 0.25], [2.0, 0.75], [10.0, 1.0]]
    );
    assert_eq!(import.conversions, 4);
    assert_eq!(import.skipped_without_conversion, 1);
    assert_eq!(import.click_column, "click_date");
    assert_eq!(import.conversion_column, "conversion_date");
    assert_eq!(import.median_lag_days, 2.0);
    // The table is a valid plan input.
    let plan = Plan {
        spend: 1000.0.into(),
        cvr: 0.02.into(),
        value: Some(50.0.into()),
        lag_table: Some(import.lag_table),
        ..Default::default()
    };
    assert_eq!(evaluate(&plan).unwrap().f_in, 1.0);
}

#[test]
fn semicolon_file_with_bom_european_dates_and_other_header_names() {
    let csv = "\u{feff}Kunde;Click Date;Order Date;Betrag\n\
               A;01.05.2026;03.05.2026;12,50\n\
               B;28.04.2026;01.05.2026;8,00\n";
    let import = lag_table_from_csv(csv).unwrap();
    assert_eq!(import.click_column, "Click Date");
    assert_eq!(import.conversion_column, "Order Date");
    assert_eq!(import.lag_table, vec![[2.0, 0.5], [3.0, 1.0]]);
}

#[test]
fn iso_datetimes_with_offsets_count_elapsed_days() {
    let csv = "clicked_at,converted_at\n\
               2026-05-01T23:00:00Z,2026-05-02T01:00:00Z\n\
               2026-05-01T10:00:00+02:00,2026-05-03 09:00:00+00:00\n\
               2026-05-01 08:00,2026-05-08T08:00:00.250Z\n";
    let import = lag_table_from_csv(csv).unwrap();
    assert_eq!(
        import.lag_table,
        vec![[0.0, 1.0 / 3.0], [2.0, 2.0 / 3.0], [7.0, 1.0]]
    );
}

#[test]
fn slash_dates_are_read_in_the_order_the_file_shows() {
    let us = "click_date,close_date\n04/30/2026,05/02/2026\n05/01/2026,05/11/2026\n";
    let import = lag_table_from_csv(us).unwrap();
    assert_eq!(import.lag_table, vec![[2.0, 0.5], [10.0, 1.0]]);
    let eu = "click_date\tclose_date\n30/04/2026\t02/05/2026\n";
    assert_eq!(lag_table_from_csv(eu).unwrap().lag_table, vec![[2.0, 1.0]]);
    let unclear = "click_date,close_date\n04/05/2026,05/06/2026\n";
    let e = lag_table_from_csv(unclear).unwrap_err();
    assert_eq!(e.row, Some(2));
    assert!(e.message.contains("YYYY-MM-DD"), "{e}");
}

#[test]
fn click_ids_do_not_confuse_column_detection() {
    let csv =
        "click_id,click_date,conversion_value,conversion_date\nabc,2026-05-01,10,2026-05-02\n";
    let import = lag_table_from_csv(csv).unwrap();
    assert_eq!(import.click_column, "click_date");
    assert_eq!(import.conversion_column, "conversion_date");
}

#[test]
fn errors_give_row_and_column() {
    let e = lag_table_from_csv("").unwrap_err();
    assert!(e.message.contains("empty"));
    let e = lag_table_from_csv("name,amount\nx,1\n").unwrap_err();
    assert_eq!(e.row, Some(1));
    assert!(e.message.contains("click date"), "{e}");
    let e = lag_table_from_csv("click_date,first_click_date,conversion_date\n").unwrap_err();
    assert!(e.message.contains("more than one"), "{e}");
    let e =
        lag_table_from_csv("click_date,conversion_date\n2026-05-01,2026-05-02\n2026-05-01,soon\n")
            .unwrap_err();
    assert_eq!(
        (e.row, e.column.as_deref()),
        (Some(3), Some("conversion_date"))
    );
    assert!(
        e.to_string()
            .starts_with("row 3: column \"conversion_date\""),
        "{e}"
    );
    let e = lag_table_from_csv("click_date,conversion_date\n2026-05-05,2026-05-02\n").unwrap_err();
    assert_eq!(e.row, Some(2));
    assert!(e.message.contains("before the click"), "{e}");
    let e = lag_table_from_csv("click_date,conversion_date\n,2026-05-02\n").unwrap_err();
    assert_eq!((e.row, e.column.as_deref()), (Some(2), Some("click_date")));
    let e = lag_table_from_csv("click_date,conversion_date\n2026-05-01,\n").unwrap_err();
    assert!(e.message.contains("no row has a conversion date"), "{e}");
    let e = lag_table_from_csv("click_date,conversion_date\n2026-02-30,2026-03-02\n").unwrap_err();
    assert_eq!(e.row, Some(2));
}

#[test]
fn blank_lines_crlf_and_non_utf8_bytes_are_tolerated() {
    let csv =
        "click_date,conversion_date\r\n2026-05-01,2026-05-02\r\n\r\n2026-05-01,2026-05-04\r\n";
    assert_eq!(
        lag_table_from_csv(csv).unwrap().lag_table,
        vec![[1.0, 0.5], [3.0, 1.0]]
    );
    let mut bytes = b"Kunde \xe9,click_date,conversion_date\n\xff,2026-05-01,2026-05-02\n".to_vec();
    bytes.extend_from_slice(b"x,2026-05-01,2026-05-01\n");
    assert_eq!(
        lag_table_from_csv_bytes(&bytes).unwrap().lag_table,
        vec![[0.0, 0.5], [1.0, 1.0]]
    );
}
