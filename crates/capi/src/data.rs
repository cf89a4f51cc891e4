//! Vendor knowledge about the Conversions API, loaded once from `data/capi.toml`. Event names,
//! data shapes, currencies and key patterns are the pixel crate's: one table for both.

use std::sync::LazyLock;

use serde::Deserialize;

#[derive(Debug, Deserialize)]
pub struct CapiData {
    pub default_endpoint: String,
    pub events_path: String,
    pub max_batch: usize,
    pub max_age_days: i64,
    pub max_future_minutes: i64,
    pub root_fields: Vec<String>,
    pub integration_source_max: usize,
    pub event_fields: Vec<String>,
    pub action_sources: Vec<String>,
    pub app_events: Vec<String>,
    pub user_hashed: Vec<String>,
    pub user_hashed_lists: Vec<String>,
    pub user_plain: Vec<String>,
    pub user_plain_lists: Vec<String>,
    pub user_country_fields: Vec<String>,
    pub list_values_used: usize,
    pub user_raw_pii: Vec<String>,
    pub user_unsupported: Vec<String>,
    pub junk_hash_inputs: Vec<String>,
    pub wrong_field: Vec<Rename>,
}

#[derive(Debug, Deserialize)]
pub struct Rename {
    pub name: String,
    #[serde(rename = "use")]
    pub use_instead: String,
}

impl CapiData {
    pub fn rename(&self, field: &str) -> Option<&str> {
        self.wrong_field
            .iter()
            .find(|w| w.name == field)
            .map(|w| w.use_instead.as_str())
    }

    pub fn has(list: &[String], value: &str) -> bool {
        list.iter().any(|v| v == value)
    }
}

static DATA: LazyLock<CapiData> = LazyLock::new(|| {
    toml::from_str(include_str!("../data/capi.toml")).expect("crates/capi/data/capi.toml parses")
});

pub fn data() -> &'static CapiData {
    &DATA
}

/// Where events are sent when no other address is set.
pub fn default_endpoint() -> &'static str {
    &data().default_endpoint
}
