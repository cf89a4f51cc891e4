//! Dates as people read them.

use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::OffsetDateTime;

/// "3 May 2026" from an RFC 3339 timestamp; the text itself when it does not parse, so a
/// damaged report still shows something recognisable.
pub(crate) fn human_date(rfc3339: &str) -> String {
    parse(rfc3339)
        .and_then(|t| {
            t.format(format_description!(
                "[day padding:none] [month repr:long] [year]"
            ))
            .ok()
        })
        .unwrap_or_else(|| rfc3339.to_string())
}

/// "3 May 2026, 14:05 UTC+02:00" from an RFC 3339 timestamp; the text itself when it does not
/// parse.
pub(crate) fn human_date_time(rfc3339: &str) -> String {
    parse(rfc3339)
        .and_then(|t| {
            let format = format_description!(
                "[day padding:none] [month repr:long] [year], [hour]:[minute] UTC[offset_hour sign:mandatory]:[offset_minute]"
            );
            t.format(format).ok()
        })
        .unwrap_or_else(|| rfc3339.to_string())
}

/// "3 May 2026" from a calendar date.
pub(crate) fn human_day(date: time::Date) -> String {
    date.format(format_description!(
        "[day padding:none] [month repr:long] [year]"
    ))
    .unwrap_or_else(|_| date.to_string())
}

fn parse(rfc3339: &str) -> Option<OffsetDateTime> {
    OffsetDateTime::parse(rfc3339, &Rfc3339).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_valid_timestamps_and_keeps_invalid_ones() {
        assert_eq!(human_date("2026-05-03T14:05:00+02:00"), "3 May 2026");
        assert_eq!(
            human_date_time("2026-05-03T14:05:00Z"),
            "3 May 2026, 14:05 UTC+00:00"
        );
        assert_eq!(human_date("last Tuesday"), "last Tuesday");
    }
}
