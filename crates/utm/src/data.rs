//! Vendor knowledge embedded from `data/*.toml` and parsed once. Keeping it in data means a
//! reviewer can correct a list or a rule without touching the checks.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use regex::{Regex, RegexBuilder};
use serde::Deserialize;

const CLICK_IDS: &str = include_str!("../data/click_ids.toml");
const POLICY: &str = include_str!("../data/utm_policy.toml");
const CSV_COLUMNS: &str = include_str!("../data/csv_columns.toml");
const GA4_CHANNELS: &str = include_str!("../data/ga4_channels.toml");
const OTHER_PLATFORMS: &str = include_str!("../data/other_platforms.toml");
const OPENAI_MACROS: &str = include_str!("../data/openai_macros.toml");

/// Another advertising platform and the utm_source values that name it.
#[derive(Debug, Clone, Deserialize)]
pub struct OtherPlatform {
    pub name: String,
    pub sources: Vec<String>,
}

#[derive(Deserialize)]
struct OtherPlatformFile {
    platform: Vec<OtherPlatform>,
}

/// Whether OpenAI documents a template macro or only third parties report it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MacroStatus {
    Documented,
    Reported,
}

/// A macro OpenAI fills in inside a tracking template.
#[derive(Debug, Clone, Deserialize)]
pub struct OpenAiMacro {
    pub name: String,
    pub status: MacroStatus,
    pub meaning: String,
}

#[derive(Deserialize)]
struct MacroFile {
    #[serde(rename = "macro")]
    macros: Vec<OpenAiMacro>,
}

/// One other platform's click identifier.
#[derive(Debug, Clone, Deserialize)]
pub struct ForeignClickId {
    pub param: String,
    pub platform: String,
    pub effect: String,
}

#[derive(Deserialize)]
struct ClickIdFile {
    click_id: Vec<ForeignClickId>,
}

/// Which parameters matter and which values to avoid.
#[derive(Debug, Clone, Deserialize)]
pub struct UtmPolicy {
    pub utm_parameters: Vec<String>,
    pub required: Vec<String>,
    pub openai_click_params: Vec<String>,
    pub organic_chatgpt_sources: Vec<String>,
    pub organic_ai_rules: Vec<String>,
    pub organic_like_mediums: Vec<String>,
    pub chatgpt_source_aliases: Vec<String>,
    pub recommended_source: String,
    pub recommended_medium: String,
    pub reserved_params: Vec<String>,
    pub reserved_param_prefixes: Vec<String>,
    pub max_destination_chars: usize,
    pub paid_channel_rules: Vec<String>,
}

impl UtmPolicy {
    pub fn is_utm(&self, key: &str) -> bool {
        self.utm_parameters.iter().any(|p| p == key)
    }

    pub fn is_openai_click_param(&self, key: &str) -> bool {
        self.openai_click_params.iter().any(|p| p == key)
    }

    /// A parameter OpenAI reserves for itself (`oppref`, `olref`, `obref`, other `oai…`),
    /// compared case-insensitively. The flag says whether only the prefix matched.
    pub fn reserved(&self, key: &str) -> Option<bool> {
        let key = key.to_lowercase();
        if self.reserved_params.contains(&key) || self.is_openai_click_param(&key) {
            Some(false)
        } else if self
            .reserved_param_prefixes
            .iter()
            .any(|p| key.starts_with(p.as_str()))
        {
            Some(true)
        } else {
            None
        }
    }

    /// UTMs plus OpenAI's click parameters: what must reach the landing page intact.
    pub fn is_tracked(&self, key: &str) -> bool {
        self.is_utm(key) || self.is_openai_click_param(key)
    }
}

/// A header name that hints at the destination-URL column of a CSV export.
#[derive(Debug, Clone, Deserialize)]
pub struct HeaderHint {
    pub name: String,
    pub weight: f64,
}

#[derive(Deserialize)]
struct HeaderFile {
    header: Vec<HeaderHint>,
}

/// The field of a session a GA4 condition looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Ga4Field {
    Source,
    Medium,
    Campaign,
}

/// One test on one field, as written in the data file.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Ga4Test {
    Equals(Vec<String>),
    Contains(Vec<String>),
    EndsWith(Vec<String>),
    Regex(String),
    InList(String),
}

#[derive(Debug, Clone, Deserialize)]
pub struct Ga4ConditionSpec {
    pub field: Ga4Field,
    #[serde(flatten)]
    pub test: Ga4Test,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Ga4RuleSpec {
    pub id: String,
    pub channel: String,
    pub text: String,
    /// The rule in plain words, when `text` is not plain already (it has a regular expression).
    #[serde(default)]
    pub words: Option<String>,
    #[serde(default)]
    pub inferred: bool,
    /// AND of OR-groups.
    pub when: Vec<Vec<Ga4ConditionSpec>>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Ga4File {
    pub rule: Vec<Ga4RuleSpec>,
    pub sources: HashMap<String, Vec<String>>,
}

/// A condition ready to evaluate: regexes compiled, values lowercased.
#[derive(Debug)]
pub enum CompiledTest {
    Equals(Vec<String>),
    Contains(Vec<String>),
    EndsWith(Vec<String>),
    Regex(Regex),
    InList(HashSet<String>),
}

#[derive(Debug)]
pub struct CompiledCondition {
    pub field: Ga4Field,
    pub test: CompiledTest,
}

#[derive(Debug)]
pub struct CompiledRule {
    pub id: String,
    pub channel: String,
    pub text: String,
    /// The rule in plain words (`text` itself when that is plain).
    pub words: String,
    pub inferred: bool,
    pub when: Vec<Vec<CompiledCondition>>,
}

#[derive(Debug)]
pub struct Ga4Table {
    pub rules: Vec<CompiledRule>,
    pub source_lists: HashMap<String, HashSet<String>>,
}

pub static FOREIGN_CLICK_IDS: LazyLock<Vec<ForeignClickId>> = LazyLock::new(|| {
    toml::from_str::<ClickIdFile>(CLICK_IDS)
        .expect("data/click_ids.toml is valid (checked by tests)")
        .click_id
});

pub static POLICY_DATA: LazyLock<UtmPolicy> = LazyLock::new(|| {
    toml::from_str(POLICY).expect("data/utm_policy.toml is valid (checked by tests)")
});

pub static HEADER_HINTS: LazyLock<Vec<HeaderHint>> = LazyLock::new(|| {
    toml::from_str::<HeaderFile>(CSV_COLUMNS)
        .expect("data/csv_columns.toml is valid (checked by tests)")
        .header
});

pub static GA4: LazyLock<Ga4Table> = LazyLock::new(|| {
    compile_ga4(parse_ga4_file().expect("data/ga4_channels.toml is valid (checked by tests)"))
        .expect("data/ga4_channels.toml compiles (checked by tests)")
});

pub static OTHER_PLATFORM_DATA: LazyLock<Vec<OtherPlatform>> = LazyLock::new(|| {
    toml::from_str::<OtherPlatformFile>(OTHER_PLATFORMS)
        .expect("data/other_platforms.toml is valid (checked by tests)")
        .platform
});

pub static OPENAI_MACRO_DATA: LazyLock<Vec<OpenAiMacro>> = LazyLock::new(|| {
    toml::from_str::<MacroFile>(OPENAI_MACROS)
        .expect("data/openai_macros.toml is valid (checked by tests)")
        .macros
});

pub fn other_platforms() -> &'static [OtherPlatform] {
    &OTHER_PLATFORM_DATA
}

/// The template macro with exactly this name.
pub fn openai_macro(name: &str) -> Option<&'static OpenAiMacro> {
    OPENAI_MACRO_DATA.iter().find(|m| m.name == name)
}

pub fn openai_macros() -> &'static [OpenAiMacro] {
    &OPENAI_MACRO_DATA
}

pub fn policy() -> &'static UtmPolicy {
    &POLICY_DATA
}

/// The foreign click id with this parameter name, compared case-insensitively.
pub fn foreign_click_id(key: &str) -> Option<&'static ForeignClickId> {
    FOREIGN_CLICK_IDS
        .iter()
        .find(|c| c.param.eq_ignore_ascii_case(key))
}

pub fn parse_ga4_file() -> Result<Ga4File, toml::de::Error> {
    toml::from_str(GA4_CHANNELS)
}

/// Compiles regexes (case-insensitive) and resolves list names; fails on an unknown list.
pub fn compile_ga4(file: Ga4File) -> Result<Ga4Table, String> {
    let source_lists: HashMap<String, HashSet<String>> = file
        .sources
        .into_iter()
        .map(|(name, entries)| {
            let set = entries.into_iter().map(|e| e.to_lowercase()).collect();
            (name, set)
        })
        .collect();
    let mut rules = Vec::with_capacity(file.rule.len());
    for spec in file.rule {
        let mut when = Vec::with_capacity(spec.when.len());
        for group in spec.when {
            let mut compiled = Vec::with_capacity(group.len());
            for cond in group {
                let test = match cond.test {
                    Ga4Test::Equals(v) => CompiledTest::Equals(lowercase_all(v)),
                    Ga4Test::Contains(v) => CompiledTest::Contains(lowercase_all(v)),
                    Ga4Test::EndsWith(v) => CompiledTest::EndsWith(lowercase_all(v)),
                    Ga4Test::Regex(r) => CompiledTest::Regex(
                        RegexBuilder::new(&r)
                            .case_insensitive(true)
                            .build()
                            .map_err(|e| format!("rule {}: bad regex {r}: {e}", spec.id))?,
                    ),
                    Ga4Test::InList(name) => CompiledTest::InList(
                        source_lists
                            .get(&name)
                            .cloned()
                            .ok_or_else(|| format!("rule {}: unknown list {name}", spec.id))?,
                    ),
                };
                compiled.push(CompiledCondition {
                    field: cond.field,
                    test,
                });
            }
            when.push(compiled);
        }
        rules.push(CompiledRule {
            id: spec.id,
            channel: spec.channel,
            words: spec.words.unwrap_or_else(|| spec.text.clone()),
            text: spec.text,
            inferred: spec.inferred,
            when,
        });
    }
    Ok(Ga4Table {
        rules,
        source_lists,
    })
}

fn lowercase_all(values: Vec<String>) -> Vec<String> {
    values.into_iter().map(|v| v.to_lowercase()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_data_file_parses() {
        assert!(FOREIGN_CLICK_IDS.len() >= 10);
        assert!(!policy().utm_parameters.is_empty());
        assert!(!HEADER_HINTS.is_empty());
        assert!(GA4.rules.len() >= 15);
    }

    #[test]
    fn click_ids_are_unique_and_never_tracking_params() {
        let mut seen = HashSet::new();
        for c in FOREIGN_CLICK_IDS.iter() {
            assert!(seen.insert(c.param.to_lowercase()), "duplicate {}", c.param);
            assert!(!policy().is_tracked(&c.param.to_lowercase()), "{}", c.param);
            assert!(!c.platform.is_empty() && !c.effect.is_empty());
        }
    }

    #[test]
    fn policy_is_consistent() {
        let p = policy();
        let file = parse_ga4_file().unwrap();
        let rule_ids: HashSet<&str> = file.rule.iter().map(|r| r.id.as_str()).collect();
        for r in &p.required {
            assert!(p.is_utm(r), "{r} is required but not a UTM parameter");
        }
        for s in &p.organic_chatgpt_sources {
            assert!(
                p.chatgpt_source_aliases.contains(s),
                "{s} missing from aliases"
            );
        }
        assert!(p.chatgpt_source_aliases.contains(&p.recommended_source));
        assert!(!p.organic_chatgpt_sources.contains(&p.recommended_source));
        assert!(!p.organic_like_mediums.contains(&p.recommended_medium));
        assert_eq!(p.max_destination_chars, 2048);
        for rule in &p.paid_channel_rules {
            assert!(rule_ids.contains(rule.as_str()), "unknown rule {rule}");
        }
        assert!(p.reserved("oppref").is_some() && p.reserved("OBREF").is_some());
        assert_eq!(p.reserved("oaiq_x"), Some(true));
        assert_eq!(p.reserved("utm_source"), None);
    }

    #[test]
    fn other_platforms_never_name_chatgpt() {
        let p = policy();
        let mut seen = HashSet::new();
        for platform in other_platforms() {
            assert!(!platform.sources.is_empty(), "{}", platform.name);
            for s in &platform.sources {
                assert_eq!(s, &s.to_lowercase());
                assert!(seen.insert(s.clone()), "duplicate {s}");
                assert!(!p.chatgpt_source_aliases.contains(s), "{s} is ChatGPT");
                assert!(!s.contains("chatgpt") && !s.contains("openai"), "{s}");
            }
        }
    }

    #[test]
    fn openai_macros_are_unique_and_documented_ones_are_there() {
        let mut seen = HashSet::new();
        for m in openai_macros() {
            assert!(seen.insert(m.name.clone()), "duplicate {}", m.name);
            assert!(!m.meaning.is_empty());
        }
        for name in ["campaign_id", "ad_id", "oppref"] {
            assert_eq!(openai_macro(name).unwrap().status, MacroStatus::Documented);
        }
        for name in ["ad_group_id", "ad_account_id"] {
            assert_eq!(openai_macro(name).unwrap().status, MacroStatus::Reported);
        }
    }

    #[test]
    fn header_hints_are_normalised_and_unique() {
        let mut seen = HashSet::new();
        for h in HEADER_HINTS.iter() {
            assert_eq!(h.name, h.name.to_lowercase());
            assert!(seen.insert(h.name.clone()));
            assert!((-1.0..=1.0).contains(&h.weight));
        }
    }

    #[test]
    fn ga4_rules_have_unique_ids_known_lists_and_groups() {
        let file = parse_ga4_file().unwrap();
        let mut ids = HashSet::new();
        for r in &file.rule {
            assert!(ids.insert(r.id.clone()), "duplicate rule {}", r.id);
            assert!(!r.when.is_empty() && r.when.iter().all(|g| !g.is_empty()));
        }
        for rule in &policy().organic_ai_rules {
            assert!(
                ids.contains(rule),
                "organic_ai_rules names unknown rule {rule}"
            );
        }
        for list in ["search", "social", "shopping", "video"] {
            assert!(file.sources.contains_key(list), "missing list {list}");
        }
        // Unknown: keep ChatGPT off every list (see docs/findings-utm.md).
        for entries in file.sources.values() {
            assert!(!entries.iter().any(|e| e.contains("chatgpt")));
        }
        compile_ga4(file).unwrap();
    }

    #[test]
    fn an_unknown_list_is_rejected() {
        let mut file = parse_ga4_file().unwrap();
        file.sources.remove("video");
        assert!(compile_ga4(file)
            .unwrap_err()
            .contains("unknown list video"));
    }
}
