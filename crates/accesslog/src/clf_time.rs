//! The access-log timestamp `10/Oct/2000:13:55:36 -0700`, parsed by hand because it is read
//! once per line and a general format parser would dominate the import time.

use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};

/// Parses `dd/Mon/yyyy:HH:MM:SS[.fraction] ±hhmm`; `None` when any part is missing or out of
/// range (31 February, hour 25, offset +9999).
pub fn parse_clf_time(s: &[u8]) -> Option<OffsetDateTime> {
    if s.len() < 20
        || s[2] != b'/'
        || s[6] != b'/'
        || s[11] != b':'
        || s[14] != b':'
        || s[17] != b':'
    {
        return None;
    }
    let day = digits(&s[0..2])? as u8;
    let month = month(&s[3..6])?;
    let year = digits(&s[7..11])? as i32;
    let hour = digits(&s[12..14])? as u8;
    let minute = digits(&s[15..17])? as u8;
    // A leap second (":60") is kept as the last second of the minute.
    let second = (digits(&s[18..20])? as u8).min(59);

    let mut rest = &s[20..];
    if let Some((b'.' | b',', fraction)) = rest.split_first() {
        let digits_len = fraction.iter().take_while(|b| b.is_ascii_digit()).count();
        rest = &fraction[digits_len..];
    }
    let rest = rest.trim_ascii();
    let offset = if rest.is_empty() {
        UtcOffset::UTC
    } else {
        offset(rest)?
    };

    let date = Date::from_calendar_date(year, month, day).ok()?;
    let time = Time::from_hms(hour, minute, second).ok()?;
    Some(PrimitiveDateTime::new(date, time).assume_offset(offset))
}

fn digits(s: &[u8]) -> Option<u32> {
    s.iter().try_fold(0u32, |acc, b| {
        b.is_ascii_digit().then(|| acc * 10 + u32::from(b - b'0'))
    })
}

fn month(s: &[u8]) -> Option<Month> {
    const NAMES: [&[u8; 3]; 12] = [
        b"jan", b"feb", b"mar", b"apr", b"may", b"jun", b"jul", b"aug", b"sep", b"oct", b"nov",
        b"dec",
    ];
    let index = NAMES.iter().position(|name| name.eq_ignore_ascii_case(s))?;
    Month::try_from(index as u8 + 1).ok()
}

/// `+0200`, `-0700`, also `+02:00`.
fn offset(s: &[u8]) -> Option<UtcOffset> {
    let (sign, rest) = match s.split_first()? {
        (b'+', rest) => (1i8, rest),
        (b'-', rest) => (-1i8, rest),
        _ => return None,
    };
    let (hours, minutes) = match rest.len() {
        4 => (&rest[0..2], &rest[2..4]),
        5 if rest[2] == b':' => (&rest[0..2], &rest[3..5]),
        _ => return None,
    };
    let hours = digits(hours)? as i8;
    let minutes = digits(minutes)? as i8;
    UtcOffset::from_hms(sign * hours, sign * minutes, 0).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_standard_form_with_offset() {
        let t = parse_clf_time(b"10/Oct/2000:13:55:36 -0700").unwrap();
        assert_eq!(t.unix_timestamp(), 971_211_336);
        assert_eq!(t.offset().whole_hours(), -7);
        assert_eq!(t.date().to_string(), "2000-10-10");
    }

    #[test]
    fn tolerates_fractions_colon_offsets_and_missing_zone() {
        let a = parse_clf_time(b"12/May/2026:08:00:01.123 +02:00").unwrap();
        let b = parse_clf_time(b"12/may/2026:06:00:01 +0000").unwrap();
        assert_eq!(a.unix_timestamp(), b.unix_timestamp());
        assert_eq!(parse_clf_time(b"12/May/2026:06:00:01").unwrap(), b);
    }

    #[test]
    fn rejects_impossible_dates_and_garbage() {
        for bad in [
            &b"31/Feb/2026:00:00:00 +0000"[..],
            b"10/Foo/2000:13:55:36 -0700",
            b"10/Oct/2000:25:55:36 -0700",
            b"10/Oct/2000:13:55:36 +9999",
            b"10/Oct/2000 13:55:36 -0700",
            b"2000-10-10T13:55:36Z",
            b"",
            b"\xff\xfe",
        ] {
            assert!(
                parse_clf_time(bad).is_none(),
                "{:?}",
                String::from_utf8_lossy(bad)
            );
        }
    }
}
