//! Checks across many destination URLs: one campaign tagged several ways, values that differ
//! only in case or spacing, and mixed naming styles. Each of these splits one campaign into
//! several rows in analytics reports.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use preflight_model::{Confidence, Finding, Status};

use crate::checks::{utm_finding, validate};
use crate::data::policy;
use crate::parsed::ParsedUrl;

/// URLs listed per value in evidence; the rest are counted.
const MAX_URLS_PER_VALUE: usize = 5;
/// Campaign groups reported per finding id; the rest are counted in one more finding line.
const MAX_GROUPS_REPORTED: usize = 50;

const NOT_SET: &str = "(not set)";

/// The UTM values of one URL, decoded, as written otherwise.
struct Tagged<'a> {
    url: &'a str,
    values: BTreeMap<&'static str, String>,
}

const SET_KEYS: [&str; 5] = [
    "utm_source",
    "utm_medium",
    "utm_campaign",
    "utm_content",
    "utm_term",
];

/// Findings about the set of URLs as a whole. Invalid URLs are skipped (they are reported
/// per URL).
pub fn check_campaign_set(urls: &[String]) -> Vec<Finding> {
    let mut seen = HashSet::new();
    let tagged: Vec<Tagged> = urls
        .iter()
        .map(|u| u.trim())
        .filter(|u| seen.insert(*u))
        .filter(|u| validate(u).is_ok())
        .map(|u| {
            let parsed = ParsedUrl::new(u);
            let values = SET_KEYS
                .iter()
                .filter_map(|k| parsed.first(k).map(|p| (*k, p.value.clone())))
                .collect();
            Tagged { url: u, values }
        })
        .filter(|t| !t.values.is_empty())
        .collect();
    let mut out = Vec::new();
    mixed_within_campaign(&tagged, "utm_source", &mut out);
    mixed_within_campaign(&tagged, "utm_medium", &mut out);
    value_variants(&tagged, &mut out);
    chatgpt_spellings(&tagged, &mut out);
    naming_styles(&tagged, &mut out);
    if out.is_empty() && tagged.len() >= 2 {
        out.push(
            utm_finding(
                "campaign-set-consistent",
                Status::Pass,
                "Campaigns are tagged consistently",
            )
            .detail(format!(
                "{} tagged URLs checked: each campaign uses one source and one medium, and no \
                 two values differ only in capitals or spacing.",
                tagged.len()
            )),
        );
    }
    out
}

/// Lowercase, trimmed, with runs of spaces, `_`, `-` and `+` as one `_`: values that are equal
/// after this are the "same" value spelled differently.
pub fn fold_value(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut pending_sep = false;
    for c in value.trim().chars() {
        if c.is_whitespace() || matches!(c, '_' | '-' | '+') {
            pending_sep = !out.is_empty();
        } else {
            if pending_sep {
                out.push('_');
                pending_sep = false;
            }
            out.extend(c.to_lowercase());
        }
    }
    out
}

fn value_of<'a>(t: &'a Tagged, key: &str) -> &'a str {
    t.values.get(key).map(String::as_str).unwrap_or(NOT_SET)
}

/// The URLs carrying one value: the first few for evidence, and how many in all.
#[derive(Default)]
struct UrlSample<'a> {
    first: Vec<&'a str>,
    count: usize,
}

impl<'a> UrlSample<'a> {
    fn add(&mut self, url: &'a str) {
        if self.first.len() < MAX_URLS_PER_VALUE {
            self.first.push(url);
        }
        self.count += 1;
    }

    fn describe(&self) -> String {
        let mut lines = self.first.join("\n");
        let more = self.count - self.first.len();
        if more > 0 {
            lines.push_str(&format!("\nand {more} more"));
        }
        lines
    }
}

/// Groups URLs by the value they carry, for evidence. URLs are unique (see
/// [`check_campaign_set`]), so no de-duplication is needed here.
fn urls_by_value<'a>(
    items: impl Iterator<Item = (&'a str, &'a str)>,
) -> BTreeMap<String, UrlSample<'a>> {
    let mut map: BTreeMap<String, UrlSample> = BTreeMap::new();
    for (value, url) in items {
        map.entry(value.to_string()).or_default().add(url);
    }
    map
}

fn mixed_within_campaign(tagged: &[Tagged], key: &'static str, out: &mut Vec<Finding>) {
    let mut by_campaign: BTreeMap<String, Vec<&Tagged>> = BTreeMap::new();
    for t in tagged {
        if let Some(c) = t
            .values
            .get("utm_campaign")
            .filter(|c| !c.trim().is_empty())
        {
            by_campaign.entry(fold_value(c)).or_default().push(t);
        }
    }
    let short = key.trim_start_matches("utm_");
    let id = format!("campaign-mixed-{short}s");
    let mut reported = 0;
    let mut skipped = 0;
    for (campaign, members) in by_campaign {
        let groups = urls_by_value(members.iter().map(|t| (value_of(t, key), t.url)));
        if groups.len() < 2 {
            continue;
        }
        if reported >= MAX_GROUPS_REPORTED {
            skipped += 1;
            continue;
        }
        reported += 1;
        let aliases = groups
            .keys()
            .filter(|v| {
                policy()
                    .chatgpt_source_aliases
                    .contains(&v.trim().to_lowercase())
            })
            .count();
        let values: Vec<&str> = groups.keys().map(String::as_str).collect();
        let mut f = utm_finding(
            &id,
            Status::Warn,
            format!(
                "Campaign \"{campaign}\" uses {} different {key} values",
                groups.len()
            ),
        )
        .detail(format!(
            "Ads of the same campaign are tagged with {key} = {}. Analytics shows each \
             spelling as a separate {short}, so the campaign's clicks and sales are split \
             across rows{}.",
            values.join(", "),
            if key == "utm_source" && aliases >= 2 {
                " even though they all mean ChatGPT"
            } else {
                ""
            }
        ))
        .remedy(match key {
            "utm_source" => format!(
                "Use one source for every ChatGPT ad: utm_source={}.",
                policy().recommended_source
            ),
            _ => format!(
                "Use one medium for every ChatGPT ad: utm_medium={}.",
                policy().recommended_medium
            ),
        });
        for (value, urls) in &groups {
            f = f.evidence(format!("{key}={value}"), urls.describe());
        }
        out.push(f);
    }
    if skipped > 0 {
        out.push(
            utm_finding(
                &id,
                Status::Warn,
                format!("{skipped} more campaigns mix {key} values"),
            )
            .detail("Only the first campaigns are listed in detail to keep the report short.")
            .remedy(format!("Give every ad in a campaign the same {key}.")),
        );
    }
}

fn value_variants(tagged: &[Tagged], out: &mut Vec<Finding>) {
    for key in SET_KEYS {
        // folded value -> spelling -> urls
        let mut groups: BTreeMap<String, BTreeMap<String, UrlSample>> = BTreeMap::new();
        for t in tagged {
            if let Some(v) = t.values.get(key).filter(|v| !v.trim().is_empty()) {
                groups
                    .entry(fold_value(v))
                    .or_default()
                    .entry(v.clone())
                    .or_default()
                    .add(t.url);
            }
        }
        let split: Vec<_> = groups.into_iter().filter(|(_, s)| s.len() > 1).collect();
        if split.is_empty() {
            continue;
        }
        let mut f = utm_finding(
            "utm-value-variants",
            Status::Warn,
            format!("{key} values differ only in capitals or spacing"),
        )
        .detail(format!(
            "Some {key} values are the same word written differently (capitals, spaces, _ or \
             -). Analytics keeps each spelling as its own row, so one {} is split into \
             several.",
            key.trim_start_matches("utm_")
        ))
        .remedy(format!(
            "Pick one spelling per value, in lowercase with underscores, and use it in every \
             ad's {key}."
        ));
        for (folded, spellings) in split.iter().take(MAX_GROUPS_REPORTED) {
            for (spelling, urls) in spellings {
                f = f.evidence(
                    format!("{key}=\"{spelling}\" (same as {folded})"),
                    urls.describe(),
                );
            }
        }
        out.push(f);
    }
}

fn chatgpt_spellings(tagged: &[Tagged], out: &mut Vec<Finding>) {
    let p = policy();
    let groups = urls_by_value(
        tagged
            .iter()
            .filter_map(|t| t.values.get("utm_source").map(|s| (s.as_str(), t.url)))
            .filter(|(s, _)| p.chatgpt_source_aliases.contains(&s.trim().to_lowercase())),
    );
    let folded: BTreeSet<String> = groups.keys().map(|s| fold_value(s)).collect();
    // Pure case/spacing variants are already reported by utm-value-variants.
    if folded.len() < 2 {
        return;
    }
    let mut f = utm_finding(
        "chatgpt-source-spellings-mixed",
        Status::Warn,
        "ChatGPT ads use several different sources",
    )
    .detail(format!(
        "Your ChatGPT ads are tagged with utm_source = {}. They all mean ChatGPT, but \
         analytics reports each as its own source, so the total for ChatGPT ads has to be \
         added up by hand.",
        groups.keys().cloned().collect::<Vec<_>>().join(", ")
    ))
    .remedy(format!(
        "Use utm_source={} on every ChatGPT ad.",
        p.recommended_source
    ));
    for (value, urls) in &groups {
        f = f.evidence(format!("utm_source={value}"), urls.describe());
    }
    out.push(f);
}

/// How a campaign name is written.
fn naming_style(value: &str) -> Option<&'static str> {
    let v = value.trim();
    let has_upper = v.chars().any(char::is_uppercase);
    let has_lower = v.chars().any(char::is_lowercase);
    let seps: BTreeSet<char> = v
        .chars()
        .filter(|c| matches!(c, ' ' | '_' | '-' | '.'))
        .collect();
    let style = match (seps.len(), seps.iter().next()) {
        (0, _) if has_upper && has_lower => "CamelCase",
        (0, _) => return None, // one word fits any convention
        (1, Some(' ')) => "words with spaces",
        (1, Some('_')) => "underscore_separated",
        (1, Some('-')) => "hyphen-separated",
        (1, Some('.')) => "dot.separated",
        _ => "mixed separators",
    };
    Some(match (style, has_upper) {
        ("underscore_separated", true) => "Underscore_Separated with capitals",
        ("hyphen-separated", true) => "Hyphen-Separated with capitals",
        _ => style,
    })
}

fn naming_styles(tagged: &[Tagged], out: &mut Vec<Finding>) {
    let mut by_style: BTreeMap<&'static str, BTreeSet<&str>> = BTreeMap::new();
    for t in tagged {
        if let Some(c) = t.values.get("utm_campaign") {
            if let Some(style) = naming_style(c) {
                by_style.entry(style).or_default().insert(c.as_str());
            }
        }
    }
    if by_style.len() < 2 {
        return;
    }
    let mut f = utm_finding(
        "campaign-naming-mixed",
        Status::Info,
        "Campaign names follow different naming styles",
    )
    .confidence(Confidence::Medium)
    .detail(
        "Campaign names are written in several styles. This is not an error, but mixed styles \
         make reports harder to filter and lead to near-duplicate names over time.",
    )
    .remedy("Agree on one style, for example lowercase words joined by underscores.");
    for (style, values) in by_style {
        let list: Vec<&str> = values.iter().take(10).copied().collect();
        let more = values.len().saturating_sub(10);
        let suffix = if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        };
        f = f.evidence(style, format!("{}{suffix}", list.join(", ")));
    }
    out.push(f);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_spacing_and_separators() {
        assert_eq!(fold_value(" Spring Sale "), "spring_sale");
        assert_eq!(fold_value("spring-sale"), "spring_sale");
        assert_eq!(fold_value("SPRING__SALE"), "spring_sale");
        assert_eq!(fold_value("springsale"), "springsale");
    }

    #[test]
    fn classifies_naming_styles() {
        assert_eq!(naming_style("spring_sale"), Some("underscore_separated"));
        assert_eq!(naming_style("spring-sale"), Some("hyphen-separated"));
        assert_eq!(naming_style("Spring Sale"), Some("words with spaces"));
        assert_eq!(naming_style("SpringSale"), Some("CamelCase"));
        assert_eq!(naming_style("spring_sale-2026"), Some("mixed separators"));
        assert_eq!(naming_style("spring"), None);
    }
}
