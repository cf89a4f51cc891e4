//! The model's default inputs and the platform facts behind the planner's warnings, kept in
//! `data/defaults.json` so they can be corrected without touching the arithmetic.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

const DEFAULTS_JSON: &str = include_str!("../data/defaults.json");

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DefaultValue {
    pub value: f64,
    pub reason: String,
}

/// Facts about OpenAI's ads platform the warnings compare a plan against.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlatformFacts {
    pub attribution_window_days: f64,
    pub min_daily_budget: f64,
    pub recommended_cpc_low: f64,
    pub recommended_cpc_high: f64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DefaultsFile {
    pub defaults: BTreeMap<String, DefaultValue>,
    pub facts: PlatformFacts,
}

/// Fields that fall back to a default when the plan leaves them out.
#[cfg(test)]
pub const DEFAULTED_FIELDS: [&str; 10] = [
    "cpc",
    "cpm",
    "margin",
    "window_days",
    "lag_median_days",
    "lag_sigma",
    "cannibalization",
    "ai_citation_share",
    "ai_lift",
    "quarters",
];

pub fn defaults_file() -> &'static DefaultsFile {
    static FILE: OnceLock<DefaultsFile> = OnceLock::new();
    FILE.get_or_init(|| {
        // The file is embedded at build time and checked by a test, so this cannot fail in a
        // released build.
        serde_json::from_str(DEFAULTS_JSON).expect("data/defaults.json is valid")
    })
}

/// The default for a field; every name in [`DEFAULTED_FIELDS`] has one (tested).
pub fn default_for(field: &str) -> &'static DefaultValue {
    defaults_file()
        .defaults
        .get(field)
        .unwrap_or_else(|| panic!("data/defaults.json has no default for {field}"))
}

pub fn facts() -> &'static PlatformFacts {
    &defaults_file().facts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_defaulted_field_has_a_default_and_nothing_else_does() {
        let file = defaults_file();
        for field in DEFAULTED_FIELDS {
            let d = default_for(field);
            assert!(d.value.is_finite(), "{field}");
            assert!(d.reason.len() > 20, "{field} needs a plain-language reason");
        }
        assert_eq!(file.defaults.len(), DEFAULTED_FIELDS.len());
    }

    #[test]
    fn defaults_match_the_model_document() {
        assert_eq!(default_for("cpc").value, 4.0);
        assert_eq!(default_for("cpm").value, 60.0);
        assert_eq!(default_for("margin").value, 1.0);
        assert_eq!(default_for("window_days").value, 30.0);
        assert_eq!(default_for("lag_median_days").value, 3.0);
        assert_eq!(default_for("lag_sigma").value, 1.0);
        assert_eq!(default_for("cannibalization").value, 0.2);
        assert_eq!(default_for("ai_citation_share").value, 0.0);
        assert_eq!(default_for("ai_lift").value, 0.2);
        let facts = facts();
        assert_eq!(facts.attribution_window_days, 30.0);
        assert_eq!(facts.min_daily_budget, 25.0);
        assert!(facts.recommended_cpc_low < facts.recommended_cpc_high);
    }
}
