//! Characters that must be percent-encoded but are written as they are, and parameter
//! separators written as HTML entities (`&amp;`).

use std::collections::BTreeMap;

use preflight_model::{Finding, Status};

use super::{utm_finding, with_fix};
use crate::fix::Fix;
use crate::parsed::ParsedUrl;
use crate::separators::{entity_separators, repair_entity_separators};
use crate::unsafe_chars::{describe, find_unsafe};

/// Places listed in the evidence; the rest are counted.
const MAX_PLACES: usize = 10;

pub fn check(parsed: &ParsedUrl, out: &mut Vec<Finding>) {
    unsafe_characters(parsed, out);
}

/// `url-html-ampersand`, judged on the URL as typed (the other checks see it repaired).
pub fn html_ampersands(typed: &str) -> Option<Finding> {
    let repaired = repair_entity_separators(typed)?;
    let written = entity_separators(typed);
    let mut f = utm_finding(
        "url-html-ampersand",
        Status::Fail,
        "The parameters are separated by &amp; instead of &",
    )
    .detail(
        "This URL was copied from a web page's source or an e-mail template, where & is \
         written as &amp; (or &#38;, &#x26;). A browser sends it as written, so your site \
         and Google Analytics see a parameter named \"amp;utm_medium\" instead of \
         utm_medium: every parameter after the first is lost. The other checks below judge \
         the URL as it was meant, with plain & separators.",
    )
    .remedy("Replace every &amp; (and &#38; or &#x26;) between parameters with a plain &.");
    for w in written {
        f = f.evidence("Separator as written", w);
    }
    Some(
        f.evidence("Destination as written", typed)
            .evidence("Corrected URL", repaired),
    )
}

fn unsafe_characters(parsed: &ParsedUrl, out: &mut Vec<Finding>) {
    let hits = find_unsafe(&parsed.raw);
    if hits.is_empty() {
        return;
    }
    let mut by_place: BTreeMap<String, Vec<char>> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    for h in &hits {
        let chars = by_place.entry(h.place.clone()).or_insert_with(|| {
            order.push(h.place.clone());
            Vec::new()
        });
        if !chars.contains(&h.ch) {
            chars.push(h.ch);
        }
    }
    let mut f = utm_finding(
        "url-unencoded-characters",
        Status::Warn,
        "The URL contains characters that must be encoded",
    )
    .detail(
        "Spaces, quotes, < > | ^ { } \\ and backticks, and letters outside plain ASCII (such \
         as é or ü), are not allowed as they are in a web address; each must be written as a \
         %-code (a space is %20). Browsers and servers repair them in different ways, some \
         reject the address, and the value that reaches your reports can be cut at the first \
         such character.",
    )
    .remedy(
        "Use the corrected URL, where each of these characters is written as its %-code. For \
         UTM values, prefer plain lowercase letters, digits and underscores.",
    );
    for place in order.iter().take(MAX_PLACES) {
        let chars: Vec<String> = by_place[place].iter().map(|c| describe(*c)).collect();
        f = f.evidence(format!("In {place}"), chars.join(", "));
    }
    if order.len() > MAX_PLACES {
        f = f.evidence(
            "More places",
            format!("{} more not listed", order.len() - MAX_PLACES),
        );
    }
    out.push(with_fix(f, &parsed.raw, Fix::EncodeUnsafeCharacters));
}
