//! Text made safe for XML element content and attribute values, for every XML Preflight writes
//! (JUnit results, the operating systems' scheduler entries): markup is escaped, tabs and line
//! breaks are written as references so no parser normalises them away, and characters XML 1.0
//! cannot hold at all (other control characters, U+FFFE, U+FFFF) become U+FFFD — page text and
//! paths can hold anything.

/// `text` escaped for XML.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push_str(&format!("&#{};", c as u32)),
            c if c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_characters_xml_cannot_hold_are_escaped() {
        assert_eq!(
            xml_escape("a&b<c>d\"e'f\tg\nh\ri\u{1}\u{FFFF}"),
            "a&amp;b&lt;c&gt;d&quot;e&apos;f&#9;g&#10;h&#13;i\u{FFFD}\u{FFFD}"
        );
    }
}
