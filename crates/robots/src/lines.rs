//! Turns the raw robots.txt bytes into numbered lines: applies the 500 KiB parse limit, skips
//! a (possibly partial) UTF-8 byte-order mark and accepts LF, CR and CRLF line endings.

use crate::types::Truncation;

/// The bytes to parse, cut to `max` bytes. When the cut falls inside a line, that partial line
/// is dropped too: a half-read `Disallow: /private` would otherwise become `Disallow: /`.
pub(crate) fn limit_input(bytes: &[u8], max: usize) -> (&[u8], Option<Truncation>) {
    if bytes.len() <= max {
        return (bytes, None);
    }
    let cut = if is_line_end(bytes[max]) {
        max
    } else {
        bytes[..max]
            .iter()
            .rposition(|&b| is_line_end(b))
            .map_or(0, |i| i + 1)
    };
    let truncation = Truncation {
        total_bytes: bytes.len() as u64,
        parsed_bytes: cut as u64,
    };
    (&bytes[..cut], Some(truncation))
}

/// Skips the UTF-8 byte-order mark, or any leading part of it, as Google's parser does: files
/// saved by some editors start with it and it must not spoil the first line.
pub(crate) fn strip_bom(bytes: &[u8]) -> &[u8] {
    const BOM: [u8; 3] = [0xEF, 0xBB, 0xBF];
    let skip = bytes
        .iter()
        .zip(BOM.iter())
        .take_while(|(a, b)| a == b)
        .count();
    &bytes[skip..]
}

fn is_line_end(b: u8) -> bool {
    b == b'\n' || b == b'\r'
}

/// Numbered lines (1-based). A final line is always produced, even when empty, so numbering
/// matches what an editor shows.
pub(crate) struct Lines<'a> {
    rest: &'a [u8],
    number: u32,
    done: bool,
}

impl<'a> Lines<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Self {
        Lines {
            rest: bytes,
            number: 0,
            done: false,
        }
    }
}

impl<'a> Iterator for Lines<'a> {
    type Item = (u32, &'a [u8]);

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        self.number = self.number.saturating_add(1);
        match self.rest.iter().position(|&b| is_line_end(b)) {
            Some(end) => {
                let line = &self.rest[..end];
                let crlf = self.rest[end] == b'\r' && self.rest.get(end + 1) == Some(&b'\n');
                self.rest = &self.rest[end + if crlf { 2 } else { 1 }..];
                Some((self.number, line))
            }
            None => {
                self.done = true;
                Some((self.number, self.rest))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(input: &str) -> Vec<(u32, String)> {
        Lines::new(input.as_bytes())
            .map(|(n, l)| (n, String::from_utf8_lossy(l).into_owned()))
            .collect()
    }

    #[test]
    fn all_line_endings_count_the_same() {
        for input in [
            "a\nb\n\n\nc",
            "a\r\nb\r\n\r\n\r\nc",
            "a\rb\r\r\rc",
            "a\nb\r\n\n\r\nc",
        ] {
            let got = lines(input);
            assert_eq!(got.len(), 5, "{input:?}");
            assert_eq!(got[0], (1, "a".into()));
            assert_eq!(got[1], (2, "b".into()));
            assert_eq!(got[4], (5, "c".into()), "{input:?}");
        }
    }

    #[test]
    fn lf_cr_is_two_line_breaks() {
        assert_eq!(lines("a\n\rb").len(), 3);
    }

    #[test]
    fn trailing_newline_yields_an_empty_last_line() {
        assert_eq!(lines("a\n"), vec![(1, "a".into()), (2, String::new())]);
        assert_eq!(lines(""), vec![(1, String::new())]);
    }

    #[test]
    fn bom_and_partial_bom_are_skipped_only_at_the_start() {
        assert_eq!(strip_bom(b"\xEF\xBB\xBFUser"), b"User");
        assert_eq!(strip_bom(b"\xEF\xBBUser"), b"User");
        assert_eq!(strip_bom(b"\xEFUser"), b"User");
        assert_eq!(strip_bom(b"\xEF\x11\xBFUser"), b"\x11\xBFUser");
        assert_eq!(strip_bom(b"User\xEF\xBB\xBF"), b"User\xEF\xBB\xBF");
    }

    #[test]
    fn limit_keeps_small_input_whole() {
        let (kept, cut) = limit_input(b"abc\n", 10);
        assert_eq!(kept, b"abc\n");
        assert!(cut.is_none());
    }

    #[test]
    fn limit_drops_the_partial_last_line() {
        let (kept, cut) = limit_input(b"ab\ncd\nDisallow: /private\n", 12);
        assert_eq!(kept, b"ab\ncd\n");
        let cut = cut.unwrap();
        assert_eq!(cut.parsed_bytes, 6);
        assert_eq!(cut.total_bytes, 25);
    }

    #[test]
    fn limit_on_a_line_boundary_keeps_the_whole_line() {
        let (kept, _) = limit_input(b"ab\ncd\nef", 5);
        assert_eq!(kept, b"ab\ncd");
    }

    #[test]
    fn limit_without_any_line_end_keeps_nothing() {
        let (kept, cut) = limit_input(&[b'a'; 100], 10);
        assert!(kept.is_empty());
        assert_eq!(cut.unwrap().parsed_bytes, 0);
    }
}
