//! How the levels combine into the URL a click gets: the destination's own parameters win,
//! then the ad's template, the ad group's, the campaign's and the ad account's. A name already
//! set keeps its first value; the rest are added before any `#`, in that order.

use std::collections::HashSet;

use super::parse::ParsedTemplate;
use super::{ClickUrl, TemplateLevel};
use crate::parsed::{Param, ParsedUrl};
use crate::separators::repair_entity_separators;

/// A template parameter that the destination URL already sets, so the template's is dropped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overridden {
    pub key: String,
    pub destination: String,
    pub level: TemplateLevel,
    pub template: String,
    pub same_value: bool,
}

fn intended(destination: &str) -> String {
    repair_entity_separators(destination.trim()).unwrap_or_else(|| destination.trim().to_string())
}

/// The parameters a click gets from the templates (not set by the destination), with where
/// each comes from, and the template parameters the destination overrides.
pub fn inherited(
    destination: &str,
    parsed: &[(TemplateLevel, ParsedTemplate)],
) -> (Vec<(String, Param)>, Vec<Overridden>) {
    let url = ParsedUrl::new(&intended(destination));
    let mut seen: HashSet<String> = HashSet::new();
    let mut inherited = Vec::new();
    let mut overridden = Vec::new();
    for (level, t) in parsed.iter().rev() {
        for tp in &t.params {
            let p = Param::parse(&tp.raw);
            if let Some(own) = url.first(&p.key) {
                overridden.push(Overridden {
                    key: p.key.clone(),
                    destination: own.raw.clone(),
                    level: *level,
                    template: tp.raw.clone(),
                    same_value: own.value == p.value,
                });
            } else if seen.insert(p.key.clone()) {
                inherited.push((level.template_words(), p));
            }
        }
    }
    (inherited, overridden)
}

/// The URL a click gets at each level (ad account first): that level's template and every
/// more general one applied to the destination.
pub fn click_urls(destination: &str, parsed: &[(TemplateLevel, ParsedTemplate)]) -> Vec<ClickUrl> {
    let url = intended(destination);
    TemplateLevel::ALL
        .iter()
        .map(|level| {
            let applying: Vec<&(TemplateLevel, ParsedTemplate)> =
                parsed.iter().filter(|(l, _)| l <= level).collect();
            ClickUrl {
                level: *level,
                template: parsed
                    .iter()
                    .find(|(l, _)| l == level)
                    .map(|(_, t)| t.text.clone()),
                url: combine(&url, &applying),
            }
        })
        .collect()
}

fn combine(url: &str, applying: &[&(TemplateLevel, ParsedTemplate)]) -> String {
    let parsed = ParsedUrl::new(url);
    let mut present: HashSet<String> = parsed.params().map(|p| p.key.clone()).collect();
    let mut added: Vec<&str> = Vec::new();
    for (_, t) in applying.iter().rev() {
        for tp in &t.params {
            if present.insert(Param::parse(&tp.raw).key) {
                added.push(&tp.raw);
            }
        }
    }
    let (before_hash, fragment) = match url.split_once('#') {
        Some((b, f)) => (b, Some(f)),
        None => (url, None),
    };
    let mut out = before_hash.to_string();
    if !added.is_empty() {
        if !out.contains('?') {
            out.push('?');
        } else if !out.ends_with(['?', '&']) {
            out.push('&');
        }
        out.push_str(&added.join("&"));
    }
    if let Some(f) = fragment {
        out.push('#');
        out.push_str(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::parse::parse_template;
    use super::*;

    fn levels(list: &[(TemplateLevel, &str)]) -> Vec<(TemplateLevel, ParsedTemplate)> {
        list.iter().map(|(l, t)| (*l, parse_template(t))).collect()
    }

    #[test]
    fn precedence_destination_then_ad_then_up_to_the_account() {
        let parsed = levels(&[
            (TemplateLevel::AdAccount, "utm_source=acct&utm_medium=cpc"),
            (
                TemplateLevel::Campaign,
                "utm_source=chatgpt&utm_campaign={campaign_id}",
            ),
            (
                TemplateLevel::Ad,
                "utm_content={ad_id}&utm_campaign=ad_level",
            ),
        ]);
        let urls = click_urls("https://x.example/p?utm_content=hero#top", &parsed);
        let got: Vec<&str> = urls.iter().map(|u| u.url.as_str()).collect();
        assert_eq!(
            got,
            vec![
                "https://x.example/p?utm_content=hero&utm_source=acct&utm_medium=cpc#top",
                "https://x.example/p?utm_content=hero&utm_source=chatgpt&utm_campaign={campaign_id}&utm_medium=cpc#top",
                "https://x.example/p?utm_content=hero&utm_source=chatgpt&utm_campaign={campaign_id}&utm_medium=cpc#top",
                "https://x.example/p?utm_content=hero&utm_campaign=ad_level&utm_source=chatgpt&utm_medium=cpc#top",
            ]
        );
        assert_eq!(urls[2].template, None);
        let (inherited, overridden) = inherited("https://x.example/p?utm_content=hero", &parsed);
        let keys: Vec<&str> = inherited.iter().map(|(_, p)| p.key.as_str()).collect();
        assert_eq!(keys, vec!["utm_campaign", "utm_source", "utm_medium"]);
        assert_eq!(inherited[0].0, "the ad's tracking template");
        assert_eq!(overridden.len(), 1);
        assert_eq!(overridden[0].level, TemplateLevel::Ad);
    }

    #[test]
    fn a_bare_destination_gets_a_question_mark() {
        let parsed = levels(&[(TemplateLevel::Ad, "click_id={oppref}")]);
        assert_eq!(
            click_urls("https://x.example", &parsed)[3].url,
            "https://x.example?click_id={oppref}"
        );
        assert_eq!(
            click_urls("https://x.example/?", &parsed)[3].url,
            "https://x.example/?click_id={oppref}"
        );
    }
}
