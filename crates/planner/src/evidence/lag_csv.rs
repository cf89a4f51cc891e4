//! An empirical lag table from a CRM export: one row per lead or order with the click date and
//! the conversion date. Rows without a conversion date (not converted yet) are skipped.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};
use ts_rs::TS;

use crate::lag::LagPoint;

/// The lag table and what went into it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
pub struct LagImport {
    /// `[[day, cumulative_share], …]`: share of conversions within `day` whole days of the click.
    pub lag_table: Vec<LagPoint>,
    /// Rows with both dates.
    pub conversions: usize,
    /// Rows with a click date but no conversion date.
    pub skipped_without_conversion: usize,
    /// Header of the column read as the click date.
    pub click_column: String,
    /// Header of the column read as the conversion date.
    pub conversion_column: String,
    /// Half of conversions came within this many days.
    pub median_lag_days: f64,
}

/// Why a CSV could not be read. `row` counts like a spreadsheet: the header is row 1.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS, thiserror::Error)]
#[error("{}{}{message}", row.map(|r| format!("row {r}: ")).unwrap_or_default(), column.as_ref().map(|c| format!("column \"{c}\": ")).unwrap_or_default())]
pub struct CsvImportError {
    #[ts(type = "number | null")]
    pub row: Option<u64>,
    pub column: Option<String>,
    pub message: String,
}

impl CsvImportError {
    fn new(row: Option<u64>, column: Option<&str>, message: impl Into<String>) -> Self {
        CsvImportError {
            row,
            column: column.map(str::to_string),
            message: message.into(),
        }
    }
}

/// Header words that mark the click column.
const CLICK_WORDS: [&str; 1] = ["click"];
/// Header words that mark the conversion column.
const CONVERSION_WORDS: [&str; 9] = [
    "conv",
    "order",
    "purchase",
    "close",
    "won",
    "signup",
    "sign_up",
    "sale",
    "lead_created",
];
/// Header words that mark a column as holding dates (preferred over e.g. `click_id`).
const DATE_WORDS: [&str; 5] = ["date", "time", "_at", "day", "timestamp"];

/// Read a lag table from CSV text (`,`, `;` or tab delimited, optional BOM).
pub fn lag_table_from_csv(text: &str) -> Result<LagImport, CsvImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(CsvImportError::new(None, None, "the file is empty"));
    }
    let delimiter = detect_delimiter(text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| {
            CsvImportError::new(Some(1), None, format!("the header row cannot be read: {e}"))
        })?
        .clone();
    let names: Vec<String> = headers.iter().map(str::to_string).collect();
    let click = find_column(&names, "click date", |h| {
        CLICK_WORDS.iter().any(|w| h.contains(w))
    })?;
    let conversion = find_column(&names, "conversion date", |h| {
        !h.contains("click") && CONVERSION_WORDS.iter().any(|w| h.contains(w))
    })?;

    let mut pairs = Vec::new();
    let mut skipped = 0usize;
    for record in reader.records() {
        let record = record.map_err(|e| {
            let row = e.position().map(|p| p.line());
            CsvImportError::new(row, None, format!("the row cannot be read: {e}"))
        })?;
        let row = record.position().map(|p| p.line()).unwrap_or(0);
        if record.iter().all(str::is_empty) {
            continue;
        }
        let click_raw = record.get(click).unwrap_or("");
        let conversion_raw = record.get(conversion).unwrap_or("");
        if click_raw.is_empty() {
            return Err(CsvImportError::new(
                Some(row),
                Some(&names[click]),
                "the click date is empty",
            ));
        }
        if conversion_raw.is_empty() {
            skipped += 1;
            continue;
        }
        pairs.push((row, click_raw.to_string(), conversion_raw.to_string()));
    }
    if pairs.is_empty() {
        return Err(CsvImportError::new(
            None,
            Some(&names[conversion]),
            "no row has a conversion date, so there is no lag to measure",
        ));
    }

    let slash_order = slash_order(&pairs, &names[click], &names[conversion])?;
    let mut lags = Vec::with_capacity(pairs.len());
    for (row, click_raw, conversion_raw) in &pairs {
        let at = |col: usize, raw: &str| {
            parse_moment(raw, slash_order)
                .map_err(|message| CsvImportError::new(Some(*row), Some(&names[col]), message))
        };
        let clicked = at(click, click_raw)?;
        let converted = at(conversion, conversion_raw)?;
        let lag = clicked.days_until(&converted);
        if lag < 0 {
            return Err(CsvImportError::new(
                Some(*row),
                Some(&names[conversion]),
                format!("the conversion ({conversion_raw}) is before the click ({click_raw})"),
            ));
        }
        lags.push(lag);
    }
    lags.sort_unstable();
    let n = lags.len();
    let mut table: Vec<LagPoint> = Vec::new();
    for (i, &day) in lags.iter().enumerate() {
        let share = (i + 1) as f64 / n as f64;
        match table.last_mut() {
            Some(last) if last[0] == day as f64 => last[1] = share,
            _ => table.push([day as f64, share]),
        }
    }
    let median_lag_days = if n % 2 == 1 {
        lags[n / 2] as f64
    } else {
        (lags[n / 2 - 1] + lags[n / 2]) as f64 / 2.0
    };
    Ok(LagImport {
        lag_table: table,
        conversions: n,
        skipped_without_conversion: skipped,
        click_column: names[click].clone(),
        conversion_column: names[conversion].clone(),
        median_lag_days,
    })
}

/// For files that may not be UTF-8 (older spreadsheet exports): invalid bytes are replaced,
/// which cannot affect dates or the English header words the columns are found by.
pub fn lag_table_from_csv_bytes(bytes: &[u8]) -> Result<LagImport, CsvImportError> {
    lag_table_from_csv(&String::from_utf8_lossy(bytes))
}

/// The delimiter used most in the header line.
fn detect_delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or("");
    [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| (header.bytes().filter(|b| b == d).count(), *d == b','))
        .unwrap_or(b',')
}

fn normalise(header: &str) -> String {
    header
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '_' })
        .collect()
}

/// The one column matching `is_candidate`, preferring columns whose name says it holds dates.
fn find_column(
    names: &[String],
    what: &str,
    is_candidate: impl Fn(&str) -> bool,
) -> Result<usize, CsvImportError> {
    let normalised: Vec<String> = names.iter().map(|h| normalise(h)).collect();
    let candidates: Vec<usize> = (0..names.len())
        .filter(|&i| is_candidate(&normalised[i]))
        .collect();
    let dated: Vec<usize> = candidates
        .iter()
        .copied()
        .filter(|&i| DATE_WORDS.iter().any(|w| normalised[i].contains(w)))
        .collect();
    let pick = match (dated.as_slice(), candidates.as_slice()) {
        ([one], _) => Some(*one),
        ([], [one]) => Some(*one),
        _ => None,
    };
    pick.ok_or_else(|| {
        let listed = names
            .iter()
            .map(|h| format!("\"{h}\""))
            .collect::<Vec<_>>()
            .join(", ");
        let message = if candidates.is_empty() {
            format!(
                "no {what} column found among {listed}; name the columns e.g. \"click_date\" and \"conversion_date\""
            )
        } else {
            let found = candidates
                .iter()
                .map(|&i| format!("\"{}\"", names[i]))
                .collect::<Vec<_>>()
                .join(", ");
            format!("more than one column could be the {what} ({found}); keep only one")
        };
        CsvImportError::new(Some(1), None, message)
    })
}

/// How to read dates like 03/04/2026.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SlashOrder {
    DayFirst,
    MonthFirst,
}

/// Decide from the whole file whether d/m/y or m/d/y is meant: a first number above 12 means
/// day first, a second above 12 means month first. Files where neither shows are refused
/// rather than guessed.
fn slash_order(
    pairs: &[(u64, String, String)],
    click_name: &str,
    conversion_name: &str,
) -> Result<Option<SlashOrder>, CsvImportError> {
    let mut day_first: Option<(u64, &str, &str)> = None;
    let mut month_first: Option<(u64, &str, &str)> = None;
    let mut any: Option<(u64, &str, &str)> = None;
    for (row, a, b) in pairs {
        for (raw, col) in [(a.as_str(), click_name), (b.as_str(), conversion_name)] {
            let date = raw.split([' ', 'T']).next().unwrap_or("");
            let parts: Vec<&str> = date.split('/').collect();
            if parts.len() != 3 || parts[0].len() == 4 {
                continue;
            }
            any.get_or_insert((*row, col, raw));
            let first: u32 = parts[0].parse().unwrap_or(0);
            let second: u32 = parts[1].parse().unwrap_or(0);
            if first > 12 {
                day_first.get_or_insert((*row, col, raw));
            }
            if second > 12 {
                month_first.get_or_insert((*row, col, raw));
            }
        }
    }
    match (day_first, month_first, any) {
        (Some(_), None, _) => Ok(Some(SlashOrder::DayFirst)),
        (None, Some(_), _) => Ok(Some(SlashOrder::MonthFirst)),
        (Some((r1, c1, v1)), Some((r2, _, v2)), _) => Err(CsvImportError::new(
            Some(r2),
            Some(c1),
            format!("dates mix day-first ({v1} on row {r1}) and month-first ({v2}) order; export dates as YYYY-MM-DD"),
        )),
        (None, None, Some((row, col, raw))) => Err(CsvImportError::new(
            Some(row),
            Some(col),
            format!("cannot tell whether {raw} is day/month or month/day; export dates as YYYY-MM-DD"),
        )),
        (None, None, None) => Ok(None),
    }
}

/// A parsed date, with the time when the cell had one.
#[derive(Debug, Clone, Copy)]
struct Moment {
    date: Date,
    instant: Option<OffsetDateTime>,
}

impl Moment {
    /// Whole days from `self` to `later`: elapsed time when both have a time, calendar days
    /// otherwise.
    fn days_until(&self, later: &Moment) -> i64 {
        match (self.instant, later.instant) {
            (Some(a), Some(b)) => (b - a).whole_seconds().div_euclid(86_400),
            _ => (later.date - self.date).whole_days(),
        }
    }
}

fn parse_moment(raw: &str, slash_order: Option<SlashOrder>) -> Result<Moment, String> {
    let bad = || {
        format!(
            "\"{raw}\" is not a date this importer reads; use YYYY-MM-DD or an ISO date-time such as 2026-05-01T14:30:00Z"
        )
    };
    let (date_part, time_part) = match raw.find(['T', ' ']) {
        Some(i) => (&raw[..i], Some(raw[i + 1..].trim())),
        None => (raw, None),
    };
    let date = parse_date(date_part, slash_order).ok_or_else(bad)?;
    let instant = match time_part {
        None | Some("") => None,
        Some(t) => Some(parse_time(date, t).ok_or_else(bad)?),
    };
    Ok(Moment { date, instant })
}

fn number(s: &str, digits: std::ops::RangeInclusive<usize>) -> Option<u32> {
    if !digits.contains(&s.len()) || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn make_date(year: u32, month: u32, day: u32) -> Option<Date> {
    let month = Month::try_from(u8::try_from(month).ok()?).ok()?;
    Date::from_calendar_date(i32::try_from(year).ok()?, month, u8::try_from(day).ok()?).ok()
}

fn parse_date(s: &str, slash_order: Option<SlashOrder>) -> Option<Date> {
    let sep = ['-', '/', '.'].into_iter().find(|c| s.contains(*c))?;
    let parts: Vec<&str> = s.split(sep).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    if a.len() == 4 && sep != '.' {
        return make_date(number(a, 4..=4)?, number(b, 1..=2)?, number(c, 1..=2)?);
    }
    let (day, month) = match (sep, slash_order) {
        ('.', _) => (a, b),
        ('/', Some(SlashOrder::DayFirst)) => (a, b),
        ('/', Some(SlashOrder::MonthFirst)) => (b, a),
        _ => return None,
    };
    make_date(
        number(c, 4..=4)?,
        number(month, 1..=2)?,
        number(day, 1..=2)?,
    )
}

/// `HH:MM[:SS[.fraction]]` followed by nothing (read as UTC), `Z`, `±HH:MM` or `±HHMM`.
fn parse_time(date: Date, s: &str) -> Option<OffsetDateTime> {
    let split = s.find(['Z', 'z', '+', '-']).unwrap_or(s.len());
    let (clock, zone) = s.split_at(split);
    let clock = clock.trim();
    let mut parts = clock.split(':');
    let hour = number(parts.next()?, 1..=2)?;
    let minute = number(parts.next()?, 2..=2)?;
    let second = match parts.next() {
        Some(sec) => {
            let whole = sec.split(['.', ',']).next()?;
            number(whole, 2..=2)?
        }
        None => 0,
    };
    if parts.next().is_some() {
        return None;
    }
    let time = Time::from_hms(u8::try_from(hour).ok()?, minute as u8, second as u8).ok()?;
    let offset = match zone.trim() {
        "" | "Z" | "z" => UtcOffset::UTC,
        z => {
            let sign: i8 = if z.starts_with('-') { -1 } else { 1 };
            let digits: String = z[1..].chars().filter(|c| *c != ':').collect();
            let h = number(digits.get(..2)?, 2..=2)?;
            let m = match digits.get(2..) {
                Some("") | None => 0,
                Some(m) => number(m, 2..=2)?,
            };
            UtcOffset::from_hms(sign * h as i8, sign * m as i8, 0).ok()?
        }
    };
    Some(PrimitiveDateTime::new(date, time).assume_offset(offset))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_dates_in_common_formats() {
        let d = |s| parse_moment(s, Some(SlashOrder::DayFirst)).map(|m| m.date.to_string());
        assert_eq!(d("2026-05-01").unwrap(), "2026-05-01");
        assert_eq!(d("2026/5/1").unwrap(), "2026-05-01");
        assert_eq!(d("01.05.2026").unwrap(), "2026-05-01");
        assert_eq!(d("01/05/2026").unwrap(), "2026-05-01");
        assert_eq!(d("2026-05-01T10:30:00Z").unwrap(), "2026-05-01");
        assert_eq!(d("2026-05-01 10:30").unwrap(), "2026-05-01");
        assert_eq!(d("2026-05-01T10:30:00.123+02:00").unwrap(), "2026-05-01");
        assert!(d("2026-02-30").is_err());
        assert!(d("yesterday").is_err());
        assert!(d("2026-05-01T25:00").is_err());
        let m = |s| parse_moment(s, None).unwrap();
        assert_eq!(
            m("2026-05-01T23:00:00Z").days_until(&m("2026-05-02T01:00:00Z")),
            0
        );
        assert_eq!(
            m("2026-05-01T23:00:00+02:00").days_until(&m("2026-05-02T21:00:00Z")),
            1
        );
        assert_eq!(m("2026-05-01T23:00:00Z").days_until(&m("2026-05-03")), 2);
    }
}
