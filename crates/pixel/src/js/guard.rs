//! A cheap pre-check that refuses scripts nested so deeply that a recursive-descent parser
//! would run out of stack (hostile input such as a million `(` or `!`).
//!
//! It is a light lexer, not a parser: it skips strings, comments, template text and regular
//! expressions well enough to count real nesting, and errs on the side of refusing.

/// Why a script was refused, with the byte offset where the limit was crossed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TooDeep {
    pub what: &'static str,
    pub offset: usize,
}

#[derive(Clone, Copy, PartialEq)]
enum Frame {
    Bracket,
    TemplateExpr,
}

/// Returns `Err` when brackets, prefix operators or right-nesting chains (`a=b=c…`, `a?b:c?…`,
/// `x=>y=>…`, `else if …`) go deeper than `limit`.
pub fn check_nesting(src: &str, limit: usize) -> Result<(), TooDeep> {
    let b = src.as_bytes();
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    let mut prefix_run = 0usize;
    let mut chain = 0usize;
    let mut last_significant = b'(';
    // `else if` chains nest in the parser even when every branch has braces, so they are
    // counted at the bracket depth where the chain started and reset when it ends.
    let mut else_chain = 0usize;
    let mut else_depth = 0usize;
    let too_deep = |what, offset| Err(TooDeep { what, offset });
    while i < b.len() {
        let c = b[i];
        match c {
            b' ' | b'\t' | b'\n' | b'\r' => {
                i += 1;
                continue;
            }
            b'"' | b'\'' => {
                i = skip_quoted(b, i);
                last_significant = b'"';
                prefix_run = 0;
                continue;
            }
            b'`' => {
                match skip_template(b, i + 1) {
                    TemplateEnd::Closed(next) => i = next,
                    TemplateEnd::Expr(next) => {
                        stack.push(Frame::TemplateExpr);
                        if stack.len() > limit {
                            return too_deep("brackets", i);
                        }
                        i = next;
                    }
                }
                last_significant = b'"';
                continue;
            }
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i = src[i + 2..].find("*/").map_or(b.len(), |p| i + 2 + p + 2);
                continue;
            }
            b'/' if starts_regex(last_significant) => {
                i = skip_regex(b, i + 1);
                last_significant = b'"';
                continue;
            }
            b'(' | b'[' | b'{' => {
                stack.push(Frame::Bracket);
                if stack.len() > limit {
                    return too_deep("brackets", i);
                }
                if c == b'{' {
                    chain = 0;
                }
            }
            b'}' if stack.last() == Some(&Frame::TemplateExpr) => {
                stack.pop();
                match skip_template(b, i + 1) {
                    TemplateEnd::Closed(next) => i = next,
                    TemplateEnd::Expr(next) => {
                        stack.push(Frame::TemplateExpr);
                        i = next;
                    }
                }
                last_significant = b'"';
                continue;
            }
            b')' | b']' | b'}' => {
                stack.pop();
                if c == b'}' {
                    chain = 0;
                    if stack.len() == else_depth && !next_word_is_else(src, i + 1) {
                        else_chain = 0;
                    }
                }
            }
            b'!' | b'~' | b'+' | b'-' => {
                prefix_run += 1;
                if prefix_run > limit {
                    return too_deep("operators", i);
                }
                last_significant = c;
                i += 1;
                continue;
            }
            b',' => chain = 0,
            b';' => {
                chain = 0;
                if stack.len() == else_depth && !next_word_is_else(src, i + 1) {
                    else_chain = 0;
                }
            }
            b'=' => {
                let prev = if i > 0 { b[i - 1] } else { b' ' };
                let next = b.get(i + 1).copied().unwrap_or(b' ');
                let comparison = matches!(prev, b'=' | b'!' | b'<' | b'>') || next == b'=';
                if !comparison {
                    chain += 1;
                }
            }
            b'?' => {
                let next = b.get(i + 1).copied().unwrap_or(b' ');
                if next != b'.' && next != b'?' {
                    chain += 1;
                }
            }
            b'e' if src[i..].starts_with("else") && !is_ident_byte(prev_byte(b, i)) => {
                if else_chain == 0 || stack.len() != else_depth {
                    else_depth = stack.len();
                    else_chain = 0;
                }
                else_chain += 1;
                if else_chain > limit {
                    return too_deep("else-if chains", i);
                }
                i += 4;
                last_significant = b'(';
                prefix_run = 0;
                continue;
            }
            _ => {}
        }
        if chain > limit {
            return too_deep("chained expressions", i);
        }
        prefix_run = 0;
        last_significant = c;
        // Skip the rest of an identifier or number in one go.
        if is_ident_byte(c) {
            while i + 1 < b.len() && is_ident_byte(b[i + 1]) {
                i += 1;
            }
            last_significant = b'a';
        }
        i += 1;
    }
    Ok(())
}

fn next_word_is_else(src: &str, from: usize) -> bool {
    src[from..].trim_start().starts_with("else")
}

fn prev_byte(b: &[u8], i: usize) -> u8 {
    if i == 0 {
        b' '
    } else {
        b[i - 1]
    }
}

fn is_ident_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c == b'$' || c >= 0x80
}

/// A `/` starts a regular expression after an operator or opening punctuation.
fn starts_regex(last: u8) -> bool {
    matches!(
        last,
        b'(' | b','
            | b'='
            | b':'
            | b'['
            | b'!'
            | b'&'
            | b'|'
            | b'?'
            | b'{'
            | b'}'
            | b';'
            | b'+'
            | b'-'
            | b'*'
            | b'%'
            | b'<'
            | b'>'
            | b'~'
            | b'^'
    )
}

fn skip_quoted(b: &[u8], start: usize) -> usize {
    let quote = b[start];
    let mut i = start + 1;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'\n' => return i,
            c if c == quote => return i + 1,
            _ => i += 1,
        }
    }
    b.len()
}

fn skip_regex(b: &[u8], mut i: usize) -> usize {
    let mut in_class = false;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'\n' => return i,
            b'[' => {
                in_class = true;
                i += 1
            }
            b']' => {
                in_class = false;
                i += 1
            }
            b'/' if !in_class => return i + 1,
            _ => i += 1,
        }
    }
    b.len()
}

enum TemplateEnd {
    /// The template closed; continue after the backtick.
    Closed(usize),
    /// A `${` opened; continue inside the expression.
    Expr(usize),
}

fn skip_template(b: &[u8], mut i: usize) -> TemplateEnd {
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'`' => return TemplateEnd::Closed(i + 1),
            b'$' if b.get(i + 1) == Some(&b'{') => return TemplateEnd::Expr(i + 2),
            _ => i += 1,
        }
    }
    TemplateEnd::Closed(b.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_code_passes() {
        let src = r#"(function(w,d){ var a = "(((", b = /\(+/g, c = `x${ {y:1}.y }(`; if (a) { b(); } else if (c) {} })(window, document);"#;
        assert_eq!(check_nesting(src, 5), Ok(()));
    }

    #[test]
    fn deep_brackets_are_refused() {
        let src = "(".repeat(100) + &")".repeat(100);
        assert_eq!(check_nesting(&src, 50).unwrap_err().what, "brackets");
        assert!(check_nesting(&src, 200).is_ok());
    }

    #[test]
    fn long_prefix_and_chains_are_refused() {
        assert!(check_nesting(&"!".repeat(100), 50).is_err());
        assert!(check_nesting(&"a=".repeat(100), 50).is_err());
        assert!(check_nesting(&"if(a);else ".repeat(100), 50).is_err());
        assert!(check_nesting(&"if(a){b;c}else ".repeat(100), 50).is_err());
        // Many separate if/else statements are not a chain.
        assert!(check_nesting(&"if(a){b}else{c};".repeat(1000), 50).is_ok());
        // Many short statements do not add up.
        assert!(check_nesting(&"a=b=1;".repeat(1000), 50).is_ok());
    }
}
