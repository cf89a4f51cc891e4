//! A consistent UTM scheme for ChatGPT campaigns, the tagged URLs it produces and a CSV ready
//! to paste into an ads manager.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::checks::validate;
use crate::data::policy;
use crate::parsed::{encode_component, ParsedUrl};

/// The UTM values to put on every destination of one campaign.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct UtmScheme {
    pub source: String,
    pub medium: String,
    pub campaign: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub content: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub term: Option<String>,
}

impl UtmScheme {
    /// The recommended scheme for a campaign: `utm_source=chatgpt`, `utm_medium=cpc` and the
    /// campaign name as a slug.
    pub fn for_campaign(name: &str) -> Self {
        UtmScheme {
            source: policy().recommended_source.clone(),
            medium: policy().recommended_medium.clone(),
            campaign: slug(name),
            content: None,
            term: None,
        }
    }

    /// The same scheme with every value turned into a slug, so no ad gets a stray capital.
    pub fn normalized(&self) -> Self {
        let opt = |v: &Option<String>| v.as_deref().map(slug).filter(|s| !s.is_empty());
        UtmScheme {
            source: slug(&self.source),
            medium: slug(&self.medium),
            campaign: slug(&self.campaign),
            content: opt(&self.content),
            term: opt(&self.term),
        }
    }

    fn pairs(&self) -> Vec<(&'static str, &str)> {
        let mut pairs = vec![
            ("utm_source", self.source.as_str()),
            ("utm_medium", self.medium.as_str()),
            ("utm_campaign", self.campaign.as_str()),
        ];
        if let Some(c) = &self.content {
            pairs.push(("utm_content", c));
        }
        if let Some(t) = &self.term {
            pairs.push(("utm_term", t));
        }
        pairs
    }
}

/// Lowercase; letters and digits kept, every run of anything else becomes one `_`.
/// "Spring Sale – 2026!" becomes "spring_sale_2026".
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if pending && !out.is_empty() {
                out.push('_');
            }
            pending = false;
            out.extend(c.to_lowercase());
        } else {
            pending = true;
        }
    }
    out
}

/// One generated destination.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct TaggedUrl {
    pub base_url: String,
    pub tagged_url: String,
}

/// A base URL that could not be tagged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct TemplateIssue {
    pub base_url: String,
    pub reason: String,
}

/// The tagged URLs and the bases that were rejected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct TemplateOutput {
    pub scheme: UtmScheme,
    pub urls: Vec<TaggedUrl>,
    pub issues: Vec<TemplateIssue>,
}

/// Tags one base URL: existing UTMs are replaced, other parameters kept, a `#fragment` kept
/// at the end. The scheme is used as given (see [`UtmScheme::normalized`]).
pub fn tag_url(base: &str, scheme: &UtmScheme) -> Result<String, String> {
    let base = base.trim();
    validate(base)?;
    let parsed = ParsedUrl::new(base);
    let mut segments: Vec<String> = parsed
        .params()
        .filter(|p| !policy().is_utm(&p.key.to_lowercase()))
        .map(|p| p.raw.clone())
        .collect();
    for (k, v) in scheme.pairs() {
        segments.push(format!("{k}={}", encode_component(v)));
    }
    let mut out = format!("{}?{}", parsed.base, segments.join("&"));
    if let Some(f) = &parsed.fragment {
        out.push('#');
        out.push_str(f);
    }
    Ok(out)
}

/// Tags every base URL (blank lines skipped) with the normalised scheme.
pub fn generate(bases: &[String], scheme: &UtmScheme) -> TemplateOutput {
    let scheme = scheme.normalized();
    let mut urls = Vec::new();
    let mut issues = Vec::new();
    for base in bases.iter().map(|b| b.trim()).filter(|b| !b.is_empty()) {
        match tag_url(base, &scheme) {
            Ok(tagged_url) => urls.push(TaggedUrl {
                base_url: base.to_string(),
                tagged_url,
            }),
            Err(reason) => issues.push(TemplateIssue {
                base_url: base.to_string(),
                reason,
            }),
        }
    }
    TemplateOutput {
        scheme,
        urls,
        issues,
    }
}

/// A CSV with a header row, quoted where needed, one row per tagged URL.
pub fn to_csv(output: &TemplateOutput) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let s = &output.scheme;
    let write = |w: &mut csv::Writer<Vec<u8>>, row: &[&str]| {
        w.write_record(row).expect("writing to memory cannot fail");
    };
    write(
        &mut writer,
        &[
            "Base URL",
            "Destination URL",
            "utm_source",
            "utm_medium",
            "utm_campaign",
            "utm_content",
            "utm_term",
        ],
    );
    for u in &output.urls {
        write(
            &mut writer,
            &[
                &u.base_url,
                &u.tagged_url,
                &s.source,
                &s.medium,
                &s.campaign,
                s.content.as_deref().unwrap_or(""),
                s.term.as_deref().unwrap_or(""),
            ],
        );
    }
    let bytes = writer.into_inner().expect("writing to memory cannot fail");
    String::from_utf8(bytes).expect("input was UTF-8")
}
