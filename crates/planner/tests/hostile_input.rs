//! Hostile input is normal input: CRM exports and plan files come from elsewhere. These
//! properties feed arbitrary bytes, CSV-shaped rows (quotes, delimiters, line breaks in cells,
//! dates in every spelling) and JSON-shaped plans (odd numbers, wrong types, unknown fields) to
//! the two readers, and check that each returns, finishes and hands back something the rest of
//! the planner accepts. Failing inputs are kept in `proptest-regressions/` and replayed first
//! on every run.

use preflight_planner::{
    evaluate, lag_table_from_csv_bytes, plan_fields, plan_report, render_text, simulate, tornado,
    Plan,
};
use preflight_testkit::finishes;
use proptest::prelude::*;

/// Failing inputs, kept in the repository and replayed first on every run.
const REGRESSIONS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/proptest-regressions/hostile_input.txt"
);

/// Mostly short inputs, sometimes up to 64 KiB.
fn bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        4 => prop::collection::vec(any::<u8>(), 0..512),
        1 => prop::collection::vec(any::<u8>(), 0..=65_536),
    ]
}

/// Dates as CRM exports write them, and near misses.
fn date() -> impl Strategy<Value = String> {
    let day = 1u32..=31;
    let month = 1u32..=12;
    let year = prop_oneof![Just(2026u32), 1900u32..2100, Just(0u32), Just(9999u32)];
    prop_oneof![
        (year.clone(), month.clone(), day.clone())
            .prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
        (day.clone(), month.clone(), year.clone())
            .prop_map(|(d, m, y)| format!("{d:02}/{m:02}/{y}")),
        (day.clone(), month.clone(), year.clone()).prop_map(|(d, m, y)| format!("{d}.{m}.{y}")),
        (
            year,
            month,
            day,
            0u32..30,
            0u32..70,
            "(Z|z|[+-][0-9]{2}(:?[0-9]{2})?|[.,][0-9]{1,4})?"
        )
            .prop_map(|(y, m, d, h, min, zone)| format!(
                "{y:04}-{m:02}-{d:02}T{h:02}:{min:02}{zone}"
            )),
        "[0-9TZ:+./ -]{0,20}",
        "\\PC{0,10}",
        Just(String::new()),
    ]
}

/// Header pairs an import must recognise.
const HEADERS: [(&str, &str); 5] = [
    ("click_date", "conversion_date"),
    ("Click Date", "Order Date"),
    ("clicked_at", "closed_won_at"),
    ("Click Timestamp", "Purchase Date"),
    ("click_day", "signup_date"),
];

/// One lead: the click (days after 2020-01-01) and, when it converted, the lag in days.
type Lead = (i64, Option<i64>);

fn spell(date: time::Date, format: usize) -> String {
    let (y, m, d) = (date.year(), u8::from(date.month()), date.day());
    match format {
        0 => format!("{y:04}-{m:02}-{d:02}"),
        1 => format!("{d:02}.{m:02}.{y:04}"),
        2 => format!("{y:04}/{m}/{d}"),
        _ => format!("{y:04}-{m:02}-{d:02}T12:00:00Z"),
    }
}

/// A clean CRM export whose lags are known: header, leads in one date spelling, a junk
/// column with quotes and delimiters inside quoted cells, optional BOM and CRLF.
fn crm_export() -> impl Strategy<Value = (String, Vec<Lead>)> {
    (
        prop::sample::select(HEADERS.to_vec()),
        prop::collection::vec((0i64..3_650, prop::option::weighted(0.8, 0i64..400)), 1..40),
        0usize..4,
        prop_oneof![Just(','), Just(';'), Just('\t')],
        prop_oneof![Just("\n"), Just("\r\n")],
        any::<bool>(),
        prop::collection::vec(
            prop_oneof![Just("x"), Just("\"a, \"\"b\"\" ; c\""), Just("é"), Just("")],
            1..4,
        ),
    )
        .prop_map(
            |((click, conversion), leads, format, delimiter, end, bom, notes)| {
                let origin = time::Date::from_calendar_date(2020, time::Month::January, 1).unwrap();
                let d = delimiter.to_string();
                let bom = if bom { "\u{feff}" } else { "" };
                let mut out = format!("{bom}lead{d}{click}{d}{conversion}{d}note{end}");
                for (i, (clicked, lag)) in leads.iter().enumerate() {
                    let click_day = origin + time::Duration::days(*clicked);
                    let converted = lag.map(|l| spell(click_day + time::Duration::days(l), format));
                    let note = notes[i % notes.len()];
                    out.push_str(&format!(
                        "{i}{d}\"{}\"{d}{}{d}{note}{end}",
                        spell(click_day, format),
                        converted.unwrap_or_default()
                    ));
                }
                (out, leads)
            },
        )
}

/// A CRM-export-shaped text that is broken somewhere: headers, cells and quotes at random.
fn csv_text() -> impl Strategy<Value = String> {
    let cell = prop_oneof![
        4 => date(),
        1 => date().prop_map(|d| format!("\"{d}\"")),
        1 => Just("\"a\"\"b\"".to_string()),
        1 => Just("\"unclosed".to_string()),
        1 => Just("\"line\nbreak\"".to_string()),
        1 => "[0-9,.]{0,6}",
    ];
    let names: Vec<&str> = HEADERS.iter().flat_map(|(a, b)| [*a, *b]).collect();
    let header = prop_oneof![
        3 => prop::sample::select(names).prop_map(str::to_string),
        1 => Just("click_id".to_string()),
        1 => Just("\"click, date\"".to_string()),
        1 => "[a-z_ ]{0,12}",
        1 => "\\PC{0,8}",
    ];
    (
        prop_oneof![Just(""), Just("\u{feff}")],
        prop::collection::vec(header, 0..5),
        prop::collection::vec(prop::collection::vec(cell, 0..5), 0..30),
        prop_oneof![3 => Just(","), 2 => Just(";"), 1 => Just("\t")],
        prop_oneof![Just("\n"), Just("\r\n"), Just("\r")],
    )
        .prop_map(|(bom, headers, rows, delimiter, end)| {
            let mut out = format!("{bom}{}{end}", headers.join(delimiter));
            for row in rows {
                out.push_str(&row.join(delimiter));
                out.push_str(end);
            }
            out
        })
}

/// What an import must hand back: a cumulative table the planner accepts as `lag_table`.
fn check_lag_import(bytes: Vec<u8>) -> Result<(), TestCaseError> {
    let result = finishes(move || lag_table_from_csv_bytes(&bytes));
    let Ok(import) = result else {
        return Ok(());
    };
    let table = &import.lag_table;
    prop_assert!(!table.is_empty());
    prop_assert!(table
        .windows(2)
        .all(|w| w[0][0] < w[1][0] && w[0][1] < w[1][1]));
    prop_assert!(table
        .iter()
        .all(|p| p[0] >= 0.0 && p[1] > 0.0 && p[1] <= 1.0));
    prop_assert_eq!(table.last().map(|p| p[1]), Some(1.0));
    prop_assert!(import.median_lag_days >= 0.0);
    let plan = Plan {
        spend: 1000.0.into(),
        cvr: 0.02.into(),
        value: Some(50.0.into()),
        lag_table: Some(import.lag_table.clone()),
        ..Default::default()
    };
    // The plan may still be refused as a whole (a cvr the lag makes impossible), but never
    // for its table.
    if let Err(e) = Plan::from_json(&plan.to_json()) {
        prop_assert!(
            !e.field.starts_with("lag_table"),
            "imported table refused: {}",
            e
        );
    }
    Ok(())
}

/// JSON values a plan field might hold in a hostile or garbled file.
fn json_value() -> impl Strategy<Value = String> {
    let number = prop_oneof![
        Just("0".to_string()),
        Just("-1".to_string()),
        Just("1e308".to_string()),
        Just("1e-320".to_string()),
        Just("1e400".to_string()),
        Just("0.03".to_string()),
        Just("30".to_string()),
        Just("18446744073709551616".to_string()),
        any::<f64>()
            .prop_filter("finite", |x| x.is_finite())
            .prop_map(|x| format!("{x:e}")),
        (0.0f64..2.0).prop_map(|x| x.to_string()),
    ];
    prop_oneof![
        4 => number.clone(),
        2 => (number.clone(), number.clone(), number).prop_map(|(l, m, h)| format!("{{\"low\": {l}, \"likely\": {m}, \"high\": {h}}}")),
        1 => prop::collection::vec(((0.0f64..100.0), (0.0f64..1.2)), 0..6)
            .prop_map(|t| format!("[{}]", t.iter().map(|(d, s)| format!("[{d}, {s}]")).collect::<Vec<_>>().join(", "))),
        1 => Just("null".to_string()),
        1 => Just("\"3\"".to_string()),
        1 => Just("[]".to_string()),
        1 => Just("{\"low\": 1}".to_string()),
        1 => Just("true".to_string()),
    ]
}

/// A plan file: the required fields, mostly with usable values, plus a random subset of the
/// others with hostile ones; sometimes a misspelt field, sometimes cut short.
fn plan_text() -> impl Strategy<Value = String> {
    let positive = prop_oneof![
        Just("1e-300".to_string()),
        Just("1e308".to_string()),
        (1e-6f64..1e9).prop_map(|x| x.to_string()),
    ];
    let rate = prop_oneof![
        Just("1".to_string()),
        (1e-9f64..1.0).prop_map(|x| x.to_string())
    ];
    let usable = |good: BoxedStrategy<String>| prop_oneof![6 => good, 1 => json_value()];
    let optional = prop::collection::btree_map(
        prop::sample::select(
            plan_fields()
                .iter()
                .map(|f| f.id.clone())
                .collect::<Vec<_>>(),
        ),
        json_value(),
        0..8,
    );
    (
        usable(positive.clone().boxed()),
        usable(rate.boxed()),
        usable(positive.boxed()),
        optional,
        prop::option::weighted(0.05, "[a-z]{1,6}"),
        any::<prop::sample::Index>(),
        prop::bool::weighted(0.05),
    )
        .prop_map(|(spend, cvr, value, mut fields, typo, cut_at, cut)| {
            fields.entry("spend".into()).or_insert(spend);
            fields.entry("cvr".into()).or_insert(cvr);
            if !fields.contains_key("deal_value") {
                fields.entry("value".into()).or_insert(value);
            }
            if let Some(typo) = typo {
                fields.insert(typo, "1".into());
            }
            let body: Vec<String> = fields
                .iter()
                .map(|(k, v)| format!("{}: {v}", serde_json::to_string(k).unwrap()))
                .collect();
            let text = format!("{{{}}}", body.join(", "));
            if cut {
                let mut at = cut_at.index(text.len() + 1);
                while !text.is_char_boundary(at) {
                    at -= 1;
                }
                text[..at].to_string()
            } else {
                text
            }
        })
}

/// A plan that reads must survive every use the app makes of it, and save and read back the
/// same.
fn check_plan_text(text: String) -> Result<(), TestCaseError> {
    let parsed = finishes(move || Plan::from_json(&text));
    let Ok(plan) = parsed else {
        return Ok(());
    };
    let saved = plan.to_json();
    prop_assert_eq!(Plan::from_json(&saved).ok(), Some(plan.clone()));
    finishes(move || {
        let _ = evaluate(&plan);
        let _ = tornado(&plan);
        let _ = simulate(&plan, 200, 7);
        if let Ok(report) = plan_report(&plan, 200, 7) {
            assert!(!render_text(&report).is_empty());
        }
    });
    Ok(())
}

proptest! {
    #![proptest_config(preflight_testkit::config(REGRESSIONS))]

    #[test]
    fn arbitrary_bytes_as_a_lag_csv(raw in bytes()) {
        check_lag_import(raw)?;
    }

    #[test]
    fn crm_shaped_csv_imports(text in csv_text()) {
        check_lag_import(text.into_bytes())?;
    }

    #[test]
    fn clean_crm_exports_give_their_lags((text, leads) in crm_export()) {
        let bytes = text.into_bytes();
        check_lag_import(bytes.clone())?;
        let import = finishes(move || lag_table_from_csv_bytes(&bytes));
        let mut lags: Vec<i64> = leads.iter().filter_map(|(_, lag)| *lag).collect();
        if lags.is_empty() {
            prop_assert!(import.is_err());
            return Ok(());
        }
        let import = import.map_err(|e| TestCaseError::fail(e.to_string()))?;
        lags.sort_unstable();
        let n = lags.len();
        let mut table: Vec<[f64; 2]> = Vec::new();
        for (i, &day) in lags.iter().enumerate() {
            if lags.get(i + 1) != Some(&day) {
                table.push([day as f64, (i + 1) as f64 / n as f64]);
            }
        }
        let median = if n % 2 == 1 {
            lags[n / 2] as f64
        } else {
            (lags[n / 2 - 1] + lags[n / 2]) as f64 / 2.0
        };
        prop_assert_eq!(import.conversions, n);
        prop_assert_eq!(import.skipped_without_conversion, leads.len() - n);
        prop_assert_eq!(import.lag_table, table);
        prop_assert_eq!(import.median_lag_days, median);
    }

    #[test]
    fn arbitrary_bytes_as_a_plan_file(raw in bytes()) {
        check_plan_text(String::from_utf8_lossy(&raw).into_owned())?;
    }

    #[test]
    fn plan_shaped_json_reads_or_is_refused(text in plan_text()) {
        check_plan_text(text)?;
    }
}

/// Every conversion lands months after the click, far outside the 30-day window. The table is
/// still a valid `lag_table`; a plan using it is refused for its cvr (almost nothing lands in
/// the window, so the credited cvr would mean more conversions than clicks), not for the table.
#[test]
fn lags_beyond_the_window_give_a_valid_table() {
    let mut csv = String::from("lead,click_date,conversion_date\n0,2020-01-01,2020-06-16\n");
    for i in 1..9 {
        csv.push_str(&format!("{i},2020-01-01,2020-06-17\n"));
    }
    let import = lag_table_from_csv_bytes(csv.as_bytes()).unwrap();
    assert_eq!(import.lag_table, vec![[167.0, 1.0 / 9.0], [168.0, 1.0]]);
    let plan = Plan {
        spend: 1000.0.into(),
        cvr: 0.02.into(),
        value: Some(50.0.into()),
        lag_table: Some(import.lag_table),
        ..Default::default()
    };
    assert_eq!(Plan::from_json(&plan.to_json()).unwrap_err().field, "cvr");
}
