//! Turning what a marketer pastes into a clean list of landing-page URLs: one or many per line,
//! validated, normalised and de-duplicated, with a plain reason for every line that is refused.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use url::Url;

/// Longest URL accepted. Browsers and servers commonly stop somewhere between 8 and 64 KiB;
/// an ad destination longer than this is almost certainly a paste error.
pub const MAX_URL_LEN: usize = 8_192;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct ParsedTargets {
    /// Valid, normalised, unique URLs in the order they were pasted.
    pub urls: Vec<String>,
    /// Lines (or parts of lines) that could not be used, with the reason.
    pub invalid: Vec<InvalidTarget>,
    /// URLs dropped because an equal one came earlier.
    pub duplicates: Vec<DuplicateTarget>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct InvalidTarget {
    /// 1-based line number in the pasted text.
    pub line: u32,
    pub text: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct DuplicateTarget {
    pub line: u32,
    pub url: String,
}

/// Splits pasted text into URLs. Blank lines and lines starting with `#` are ignored; several URLs
/// on one line may be separated by spaces, tabs or commas.
pub fn parse_targets(text: &str) -> ParsedTargets {
    let mut parsed = ParsedTargets {
        urls: Vec::new(),
        invalid: Vec::new(),
        duplicates: Vec::new(),
    };
    let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
    for (index, line) in text.lines().enumerate() {
        let line_no = (index + 1) as u32;
        let trimmed = line.trim().trim_start_matches('\u{feff}');
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let tokens: Vec<&str> = trimmed
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|t| !t.is_empty())
            .collect();
        let results: Vec<(&str, Result<String, String>)> =
            tokens.iter().map(|t| (*t, normalise_url(t))).collect();
        if results.iter().all(|(_, r)| r.is_err()) && tokens.len() > 1 {
            // Nothing on the line is a URL: report the line once, not word by word.
            parsed.invalid.push(InvalidTarget {
                line: line_no,
                text: trimmed.chars().take(200).collect(),
                reason: "This line is not a web address.".into(),
            });
            continue;
        }
        for (token, result) in results {
            match result {
                Ok(url) => {
                    if !seen.insert(url.clone()) {
                        parsed
                            .duplicates
                            .push(DuplicateTarget { line: line_no, url });
                    } else {
                        parsed.urls.push(url);
                    }
                }
                Err(reason) => parsed.invalid.push(InvalidTarget {
                    line: line_no,
                    text: token.chars().take(200).collect(),
                    reason,
                }),
            }
        }
    }
    parsed
}

/// Validates one URL and returns its normal form: scheme and host lowercased, default port and
/// empty path normalised. A missing scheme means https. Query and fragment are kept as written,
/// because the exact tagged URL is what the ad sends people to.
pub fn normalise_url(input: &str) -> Result<String, String> {
    let input = input.trim();
    if input.is_empty() {
        return Err("The line is empty.".into());
    }
    if input.len() > MAX_URL_LEN {
        return Err(format!(
            "The URL is {} characters long; the limit is {MAX_URL_LEN}. It is probably two URLs pasted together.",
            input.len()
        ));
    }
    let with_scheme = match scheme_of(input) {
        Some(scheme) if scheme == "http" || scheme == "https" => input.to_string(),
        Some(scheme) => {
            return Err(format!(
                "\"{scheme}:\" links cannot be ad landing pages; only web pages (http or https) can be audited."
            ))
        }
        None => format!("https://{input}"),
    };
    let url = Url::parse(&with_scheme).map_err(|e| explain_parse_error(e, input))?;
    let host = url
        .host_str()
        .ok_or_else(|| "The URL has no website address (host).".to_string())?;
    if !url.username().is_empty() || url.password().is_some() {
        return Err("The URL contains a user name or password; remove it before auditing.".into());
    }
    let is_ip = matches!(
        url.host(),
        Some(url::Host::Ipv4(_)) | Some(url::Host::Ipv6(_))
    );
    if !is_ip && host != "localhost" && !host.contains('.') {
        return Err(format!(
            "\"{host}\" is not a complete website address (it has no ending such as .com)."
        ));
    }
    Ok(url.to_string())
}

/// The scheme of an absolute URL, if the text starts with one. `example.com:8080/x` has none:
/// a scheme never contains a dot followed by a port-like number, and `host:port` is common.
fn scheme_of(input: &str) -> Option<String> {
    let colon = input.find(':')?;
    let candidate = &input[..colon];
    let rest = &input[colon + 1..];
    let looks_like_scheme = !candidate.is_empty()
        && candidate
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic())
        && candidate
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    let looks_like_port = rest.chars().next().is_some_and(|c| c.is_ascii_digit());
    if looks_like_scheme
        && !(candidate.contains('.') && looks_like_port)
        && !(candidate == "localhost" && looks_like_port)
    {
        Some(candidate.to_ascii_lowercase())
    } else {
        None
    }
}

fn explain_parse_error(error: url::ParseError, input: &str) -> String {
    use url::ParseError::*;
    match error {
        EmptyHost => "The URL has no website address (host).".into(),
        InvalidPort => "The port number in the URL is not valid.".into(),
        InvalidIpv4Address | InvalidIpv6Address => "The IP address in the URL is not valid.".into(),
        InvalidDomainCharacter | IdnaError => format!(
            "The website address in \"{}\" contains characters that are not allowed.",
            input.chars().take(80).collect::<String>()
        ),
        other => format!("This is not a valid web address ({other})."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_scheme_host_port_and_path() {
        assert_eq!(
            normalise_url("HTTPS://Example.COM:443").unwrap(),
            "https://example.com/"
        );
        assert_eq!(
            normalise_url("example.com/a?b=1").unwrap(),
            "https://example.com/a?b=1"
        );
        assert_eq!(
            normalise_url("http://localhost:8080/x").unwrap(),
            "http://localhost:8080/x"
        );
        assert_eq!(
            normalise_url("localhost:8080/x").unwrap(),
            "https://localhost:8080/x"
        );
        assert_eq!(
            normalise_url("example.com:8443/x").unwrap(),
            "https://example.com:8443/x"
        );
        assert_eq!(
            normalise_url("https://bücher.example/").unwrap(),
            "https://xn--bcher-kva.example/"
        );
    }

    #[test]
    fn keeps_query_and_fragment_as_written() {
        assert_eq!(
            normalise_url("https://a.com/p?utm_source=ChatGPT&x=%20#frag").unwrap(),
            "https://a.com/p?utm_source=ChatGPT&x=%20#frag"
        );
    }

    #[test]
    fn refuses_with_plain_reasons() {
        assert!(normalise_url("ftp://a.com/x").unwrap_err().contains("ftp"));
        assert!(normalise_url("mailto:a@b.com")
            .unwrap_err()
            .contains("mailto"));
        assert!(normalise_url("javascript:alert(1)")
            .unwrap_err()
            .contains("javascript"));
        assert!(normalise_url("intranet")
            .unwrap_err()
            .contains("not a complete"));
        assert!(normalise_url("https://").unwrap_err().contains("host"));
        assert!(normalise_url("https://u:p@a.com/")
            .unwrap_err()
            .contains("password"));
        assert!(normalise_url("https://a.com:99999/")
            .unwrap_err()
            .contains("port"));
        assert!(normalise_url(&format!("https://a.com/{}", "x".repeat(MAX_URL_LEN))).is_err());
    }

    #[test]
    fn parses_many_lines_with_duplicates_and_invalid_lines() {
        let pasted = "\u{feff}https://a.com/\n\n# comment\nA.com\nb.com/x, c.com/y\nnot a url\nftp://x.com\n";
        let parsed = parse_targets(pasted);
        assert_eq!(
            parsed.urls,
            vec!["https://a.com/", "https://b.com/x", "https://c.com/y"]
        );
        assert_eq!(
            parsed.duplicates,
            vec![DuplicateTarget {
                line: 4,
                url: "https://a.com/".into()
            }]
        );
        let invalid: Vec<(u32, &str)> = parsed
            .invalid
            .iter()
            .map(|i| (i.line, i.text.as_str()))
            .collect();
        assert_eq!(invalid, vec![(6, "not a url"), (7, "ftp://x.com")]);
        let mixed = parse_targets("a.com nonsense");
        assert_eq!(mixed.urls, vec!["https://a.com/"]);
        assert_eq!(mixed.invalid[0].text, "nonsense");
    }
}
