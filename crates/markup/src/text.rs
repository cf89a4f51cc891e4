//! Scraped text kept within a documented length, cut on a character boundary.

/// Characters of a page title kept (titles are shown in lists and reports; real ones are far
/// shorter, search engines show about 60).
pub const TITLE_CHARS: usize = 300;

/// `s` with its HTML character references decoded, as a browser shows them: named (`&amp;`),
/// decimal (`&#35;`) and hexadecimal (`&#x23;`). A reference that is not valid stays as it was.
/// For text quoted from a page's source (a block page's "Reference&#32;&#35;18…"), never for
/// text the HTML parser already decoded.
pub fn decode_entities(s: &str) -> std::borrow::Cow<'_, str> {
    html_escape::decode_html_entities(s)
}

/// The largest index at most `max` that is a character boundary of `s`.
pub fn floor_boundary(s: &str, max: usize) -> usize {
    if max >= s.len() {
        return s.len();
    }
    (0..=max)
        .rev()
        .find(|&i| s.is_char_boundary(i))
        .unwrap_or(0)
}

/// `s` cut to at most `max_chars` characters; a cut text ends with "…" (counted in the limit).
pub fn clip(s: &str, max_chars: usize) -> String {
    match s.char_indices().nth(max_chars) {
        None => s.to_string(),
        Some(_) if max_chars == 0 => String::new(),
        Some(_) => {
            let keep = s
                .char_indices()
                .nth(max_chars - 1)
                .map_or(s.len(), |(i, _)| i);
            let mut out = s[..keep].to_string();
            out.push('…');
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clip_keeps_short_text_and_marks_a_cut() {
        assert_eq!(clip("Sale", 10), "Sale");
        assert_eq!(clip("Sale", 4), "Sale");
        assert_eq!(clip("Sales", 4), "Sal…");
        assert_eq!(clip("ééééé", 3).chars().count(), 3);
        assert_eq!(clip("abc", 0), "");
    }

    #[test]
    fn entities_are_decoded_and_invalid_ones_kept() {
        assert_eq!(
            decode_entities("Reference&#32;&#35;18&#46;5f2 &amp; &#x41;&eacute;"),
            "Reference #18.5f2 & Aé"
        );
        assert_eq!(
            decode_entities("&nosuch; &#xZZ; & &#;"),
            "&nosuch; &#xZZ; & &#;"
        );
        assert_eq!(decode_entities("plain"), "plain");
    }

    #[test]
    fn floor_boundary_never_splits_a_character() {
        let s = "aé€";
        for max in 0..10 {
            let i = floor_boundary(s, max);
            assert!(s.is_char_boundary(i) && i <= max.max(0).min(s.len()));
        }
    }
}
