//! How the URL is put together: separators, %-codes, fragment, scheme and OpenAI's length
//! limit.

use preflight_model::{Confidence, Finding, Status};

use super::{utm_finding, with_fix};
use crate::data::policy;
use crate::fix::{starts_like_param, Fix};
use crate::parsed::{decode_component, ParsedUrl};

pub fn check(parsed: &ParsedUrl, out: &mut Vec<Finding>) {
    repeated_question_mark(parsed, out);
    unencoded_ampersand(parsed, out);
    stray_separators(parsed, out);
    percent_encoding(parsed, out);
    fragment(parsed, out);
    https(parsed, out);
    length(parsed, out);
}

fn repeated_question_mark(parsed: &ParsedUrl, out: &mut Vec<Finding>) {
    let bad: Vec<&str> = parsed
        .segments
        .iter()
        .filter(|p| p.raw.split('?').skip(1).any(starts_like_param))
        .map(|p| p.raw.as_str())
        .collect();
    if bad.is_empty() {
        return;
    }
    let mut f = utm_finding(
        "url-repeated-question-mark",
        Status::Warn,
        "The URL uses ? more than once",
    )
    .detail(
        "Only the first ? starts the parameters; every further parameter must follow an &. \
         With a second ?, the parameter after it is read as part of the previous value, so \
         that UTM is lost (this often happens when UTMs are pasted onto a URL that already \
         had parameters).",
    )
    .remedy("Replace the second ? with &.");
    for raw in bad {
        f = f.evidence("Parameter as written", raw);
    }
    out.push(with_fix(f, &parsed.raw, Fix::SplitRepeatedQuestionMark));
}

fn unencoded_ampersand(parsed: &ParsedUrl, out: &mut Vec<Finding>) {
    let mut hits = Vec::new();
    for pair in parsed.segments.windows(2) {
        let (prev, cur) = (&pair[0], &pair[1]);
        let prev_is_utm = prev.value_raw.is_some() && policy().is_utm(&prev.key.to_lowercase());
        if prev_is_utm && !cur.raw.is_empty() && cur.value_raw.is_none() {
            hits.push(format!("{}&{}", prev.raw, cur.raw));
        }
    }
    if hits.is_empty() {
        return;
    }
    let mut f = utm_finding(
        "url-unencoded-ampersand",
        Status::Warn,
        "A UTM value seems to contain an unencoded &",
    )
    .confidence(Confidence::Medium)
    .detail(
        "An & inside a value ends the parameter, so \"utm_campaign=tom&jerry\" is read as the \
         campaign \"tom\" plus a stray parameter \"jerry\". The campaign name in your reports \
         is cut short.",
    )
    .remedy("Write & inside a value as %26, or better, use a value without & (tom_and_jerry).");
    for h in hits {
        f = f.evidence("Parameters as written", h);
    }
    out.push(with_fix(f, &parsed.raw, Fix::EncodeAmpersandInValue));
}

fn stray_separators(parsed: &ParsedUrl, out: &mut Vec<Finding>) {
    let Some(query) = &parsed.query else { return };
    let mut problems = Vec::new();
    if query.is_empty() {
        problems.push("the URL ends with a ? and no parameters");
    } else {
        if query.ends_with('&') {
            problems.push("the parameters end with &");
        }
        if query.starts_with('&') {
            problems.push("the parameters start with &");
        }
        if query.contains("&&") {
            problems.push("two & in a row");
        }
    }
    if problems.is_empty() {
        return;
    }
    let f = utm_finding(
        "url-stray-separator",
        Status::Info,
        "The URL has an extra ? or &",
    )
    .detail(format!(
        "Harmless for most sites, but a sign the URL was assembled by hand: {}. OpenAI adds its \
         own parameter at the end, which can then produce \"&&\" or \"?&\".",
        problems.join(", ")
    ))
    .evidence("Query as written", format!("?{query}"))
    .remedy("Remove the extra ? or &.");
    out.push(with_fix(f, &parsed.raw, Fix::DropEmptySegments));
}

fn percent_encoding(parsed: &ParsedUrl, out: &mut Vec<Finding>) {
    let decoded = decode_component(&parsed.raw);
    let mut evidence: Vec<(String, String)> = decoded
        .stray_percents
        .iter()
        .map(|s| {
            (
                "A % that does not start a valid code".to_string(),
                s.clone(),
            )
        })
        .collect();
    for p in parsed.params() {
        let d = decode_component(p.value_raw.as_deref().unwrap_or_default());
        if d.invalid_utf8 {
            evidence.push((
                "Value that decodes to unreadable text".into(),
                p.raw.clone(),
            ));
        }
        if looks_double_encoded(&p.value) {
            evidence.push(("Value that seems encoded twice".into(), p.raw.clone()));
        }
    }
    if evidence.is_empty() {
        return;
    }
    let mut f = utm_finding(
        "url-bad-percent-encoding",
        Status::Warn,
        "The URL has broken %-codes",
    )
    .detail(
        "Special characters in a URL are written as % followed by two hexadecimal digits \
         (%20 for a space). A lone %, a broken code or a value encoded twice (%2520) shows up \
         garbled in reports, and some servers reject the request.",
    )
    .remedy("Write a literal % as %25, and encode each value only once.");
    for (label, value) in evidence {
        f = f.evidence(label, value);
    }
    out.push(with_fix(f, &parsed.raw, Fix::EncodeStrayPercent));
}

/// A decoded value that still holds a %XX code was most likely encoded twice.
fn looks_double_encoded(value: &str) -> bool {
    let b = value.as_bytes();
    b.windows(3)
        .any(|w| w[0] == b'%' && w[1].is_ascii_hexdigit() && w[2].is_ascii_hexdigit())
}

fn fragment(parsed: &ParsedUrl, out: &mut Vec<Finding>) {
    let Some(fragment) = &parsed.fragment else {
        return;
    };
    let tracked: Vec<_> = parsed
        .fragment_params
        .iter()
        .filter(|p| policy().is_tracked(&p.key.to_lowercase()))
        .collect();
    if !tracked.is_empty() {
        let mut f = utm_finding(
            "utm-in-fragment",
            Status::Fail,
            "UTM parameters are after the #, where they are not read",
        )
        .detail(
            "Everything after # stays in the browser: it is never sent to your server, and \
             Google Analytics does not read UTMs from it. These clicks lose their campaign \
             data.",
        )
        .remedy("Move the parameters before the #, right after the ? of the URL.");
        for p in tracked {
            f = f.evidence("Parameter after #", &p.raw);
        }
        out.push(with_fix(f, &parsed.raw, Fix::MoveFragmentParams));
        return;
    }
    out.push(
        utm_finding(
            "url-has-fragment",
            Status::Warn,
            "The destination URL contains a #",
        )
        .confidence(Confidence::Medium)
        .detail(
            "OpenAI adds its click reference (oppref) \"to the end\" of the destination URL. \
             How it does this when the URL already has a # is not documented; if it lands \
             after the #, your server and some tags never see it and conversions go \
             unattributed.",
        )
        .evidence("Part after #", format!("#{fragment}"))
        .remedy(
            "Use a destination without #. If you need to jump to a section, link to the page \
             and scroll with a parameter or script instead.",
        ),
    );
}

fn https(parsed: &ParsedUrl, out: &mut Vec<Finding>) {
    if !parsed.raw.to_ascii_lowercase().starts_with("http://") {
        return;
    }
    let https = format!("https://{}", &parsed.raw["http://".len()..]);
    out.push(
        utm_finding(
            "url-not-https",
            Status::Warn,
            "The destination is not HTTPS",
        )
        .detail(
            "The address starts with http://. Browsers mark such pages \"Not secure\", and the \
             redirect to https:// that most sites add is one more hop that can drop your \
             parameters.",
        )
        .evidence("Destination", &parsed.raw)
        .evidence("Suggested URL", https)
        .remedy("Use the https:// address of the page, after checking that it opens."),
    );
}

fn length(parsed: &ParsedUrl, out: &mut Vec<Finding>) {
    let limit = policy().max_destination_chars;
    let len = parsed.raw.chars().count();
    if len <= limit {
        return;
    }
    out.push(
        utm_finding(
            "url-too-long",
            Status::Fail,
            format!("The URL is longer than OpenAI accepts ({len} characters)"),
        )
        .detail(format!(
            "OpenAI accepts destination URLs of at most {} characters and rejects longer \
             ones, so this ad cannot run with this URL.",
            thousands(limit)
        ))
        .evidence("Length", len.to_string())
        .evidence("Limit", format!("{} characters (OpenAI)", thousands(limit)))
        .evidence("Destination", &parsed.raw)
        .remedy(
            "Shorten the URL: remove parameters that analytics does not need and keep UTM \
             values short.",
        ),
    );
}

fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
