//! Vendor knowledge, loaded once from the TOML files in `data/`: events and their shapes,
//! currencies, SDK facts, mappings from other platforms, funnels, third-party scripts, secrets.
//!
//! The files are compiled in; a malformed file is a build-time mistake caught by the tests, so
//! loading panics with the file name rather than limping on with half the rules.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;
use serde::Deserialize;

use crate::types::Funnel;

#[derive(Debug, Deserialize)]
pub struct EventsFile {
    pub commands: Vec<String>,
    pub option_keys: Vec<String>,
    pub options_only_keys: Vec<String>,
    pub content_keys: Vec<String>,
    pub content_keys_capi_only: Vec<String>,
    pub event: Vec<EventDef>,
    pub shape: BTreeMap<String, ShapeDef>,
    pub wrong_name: Vec<Rename>,
    pub wrong_field: Vec<Rename>,
}

#[derive(Debug, Deserialize)]
pub struct EventDef {
    pub name: String,
    pub label: String,
    pub shape: String,
    /// False for events only the Conversions API accepts.
    pub pixel: bool,
}

#[derive(Debug, Deserialize)]
pub struct ShapeDef {
    pub fields: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct Rename {
    pub name: String,
    #[serde(rename = "use")]
    pub use_instead: String,
}

#[derive(Debug, Deserialize)]
pub struct CurrenciesFile {
    pub default_minor_unit: u32,
    pub zero_decimal: Vec<String>,
    pub three_decimal: Vec<String>,
    pub four_decimal: Vec<String>,
    pub codes: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct SdkFile {
    pub sdk_url: String,
    pub sdk_host: String,
    pub sdk_path: String,
    pub events_host: String,
    pub image_tag_path: String,
    pub capi_path: String,
    pub global_name: String,
    pub image_tag_params: Vec<String>,
    pub init_keys: Vec<String>,
    pub user_hashed_fields: Vec<String>,
    pub user_plain_fields: Vec<String>,
    pub user_raw_pii_keys: Vec<String>,
    pub csp: Vec<CspNeed>,
}

#[derive(Debug, Deserialize)]
pub struct ConsentFile {
    /// Script types consent managers park code with (`text/plain`, …).
    pub parked_types: Vec<String>,
    pub manager: Vec<ConsentManager>,
}

/// How one consent manager marks the scripts it holds back.
#[derive(Debug, Deserialize)]
pub struct ConsentManager {
    pub name: String,
    #[serde(default)]
    pub attributes: Vec<String>,
    #[serde(default)]
    pub attribute_prefixes: Vec<String>,
    #[serde(default)]
    pub class_prefixes: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct CspNeed {
    pub id: String,
    pub purpose: String,
    pub url: String,
    pub directives: Vec<String>,
    pub status: String,
}

#[derive(Debug, Deserialize)]
struct MappingsFile {
    map: Vec<PlatformEvent>,
}

#[derive(Debug, Deserialize)]
pub struct PlatformEvent {
    pub platform: String,
    pub name: String,
    pub openai: String,
}

#[derive(Debug, Deserialize)]
struct FunnelsFile {
    funnel: Vec<Funnel>,
}

#[derive(Debug, Deserialize)]
struct ThirdPartyFile {
    vendor: Vec<VendorRaw>,
}

#[derive(Debug, Deserialize)]
struct VendorRaw {
    name: String,
    kind: String,
    url: String,
    id_literal: Option<String>,
}

/// A third-party script signature with its patterns compiled.
#[derive(Debug)]
pub struct Vendor {
    pub name: String,
    pub kind: String,
    pub url: Regex,
    pub id_literal: Option<Regex>,
}

#[derive(Debug, Deserialize)]
struct SecretsFile {
    secret: Vec<SecretRaw>,
}

#[derive(Debug, Deserialize)]
struct SecretRaw {
    name: String,
    pattern: String,
    requires: Option<String>,
    confidence: Option<String>,
}

/// A secret pattern with its regexes compiled.
#[derive(Debug)]
pub struct SecretPattern {
    pub name: String,
    pub pattern: Regex,
    pub requires: Option<Regex>,
    pub medium_confidence: bool,
}

/// All the data, parsed.
#[derive(Debug)]
pub struct Data {
    pub events: EventsFile,
    pub currencies: CurrenciesFile,
    pub sdk: SdkFile,
    pub consent: ConsentFile,
    pub mappings: Vec<PlatformEvent>,
    pub funnels: Vec<Funnel>,
    pub vendors: Vec<Vendor>,
    pub secrets: Vec<SecretPattern>,
}

pub const EVENTS_TOML: &str = include_str!("../data/events.toml");
pub const CURRENCIES_TOML: &str = include_str!("../data/currencies.toml");
pub const SDK_TOML: &str = include_str!("../data/sdk.toml");
pub const CONSENT_TOML: &str = include_str!("../data/consent.toml");
pub const MAPPINGS_TOML: &str = include_str!("../data/mappings.toml");
pub const FUNNELS_TOML: &str = include_str!("../data/funnels.toml");
pub const THIRD_PARTY_TOML: &str = include_str!("../data/third_party.toml");
pub const SECRETS_TOML: &str = include_str!("../data/secrets.toml");

fn parse<T: serde::de::DeserializeOwned>(file: &str, text: &str) -> Result<T, String> {
    toml::from_str(text).map_err(|e| format!("data/{file}: {e}"))
}

fn regex(file: &str, pattern: &str) -> Result<Regex, String> {
    Regex::new(pattern).map_err(|e| format!("data/{file}: bad pattern {pattern:?}: {e}"))
}

/// Parse every data file; the error names the file and the problem.
pub fn load() -> Result<Data, String> {
    let mappings: MappingsFile = parse("mappings.toml", MAPPINGS_TOML)?;
    let funnels: FunnelsFile = parse("funnels.toml", FUNNELS_TOML)?;
    let third_party: ThirdPartyFile = parse("third_party.toml", THIRD_PARTY_TOML)?;
    let secrets: SecretsFile = parse("secrets.toml", SECRETS_TOML)?;
    let vendors = third_party
        .vendor
        .into_iter()
        .map(|v| {
            Ok(Vendor {
                url: regex("third_party.toml", &v.url)?,
                id_literal: v
                    .id_literal
                    .as_deref()
                    .map(|p| regex("third_party.toml", p))
                    .transpose()?,
                name: v.name,
                kind: v.kind,
            })
        })
        .collect::<Result<Vec<_>, String>>()?;
    let secrets = secrets
        .secret
        .into_iter()
        .map(|s| {
            Ok(SecretPattern {
                pattern: regex("secrets.toml", &s.pattern)?,
                requires: s
                    .requires
                    .as_deref()
                    .map(|p| regex("secrets.toml", p))
                    .transpose()?,
                medium_confidence: s.confidence.as_deref() == Some("medium"),
                name: s.name,
            })
        })
        .collect::<Result<Vec<_>, String>>()?;
    Ok(Data {
        events: parse("events.toml", EVENTS_TOML)?,
        currencies: parse("currencies.toml", CURRENCIES_TOML)?,
        sdk: parse("sdk.toml", SDK_TOML)?,
        consent: parse("consent.toml", CONSENT_TOML)?,
        mappings: mappings.map,
        funnels: funnels.funnel,
        vendors,
        secrets,
    })
}

static DATA: LazyLock<Data> = LazyLock::new(|| load().unwrap_or_else(|e| panic!("{e}")));

/// The parsed data, loaded on first use.
pub fn data() -> &'static Data {
    &DATA
}

impl Data {
    pub fn event(&self, name: &str) -> Option<&EventDef> {
        self.events.event.iter().find(|e| e.name == name)
    }

    /// Standard events the browser pixel accepts (excludes `custom` and app-only events).
    pub fn pixel_standard_events(&self) -> impl Iterator<Item = &EventDef> {
        self.events
            .event
            .iter()
            .filter(|e| e.pixel && e.name != "custom")
    }

    /// Digits after the decimal point for a currency code; `None` for unknown codes.
    pub fn minor_unit(&self, code: &str) -> Option<u32> {
        let c = &self.currencies;
        let has = |list: &[String]| list.iter().any(|x| x == code);
        if !has(&c.codes) {
            return None;
        }
        Some(if has(&c.zero_decimal) {
            0
        } else if has(&c.three_decimal) {
            3
        } else if has(&c.four_decimal) {
            4
        } else {
            c.default_minor_unit
        })
    }

    /// The consent manager whose marker an element carries, with the marker as written
    /// (`data-cookieconsent`, `class="optanon-category-C0004"`).
    pub fn consent_marker<'e>(
        &self,
        attrs: impl Iterator<Item = (&'e str, &'e str)> + Clone,
    ) -> Option<(&str, String)> {
        for m in &self.consent.manager {
            for (name, value) in attrs.clone() {
                let name = name.to_ascii_lowercase();
                if m.attributes.contains(&name)
                    || m.attribute_prefixes
                        .iter()
                        .any(|p| name.starts_with(p.as_str()))
                {
                    return Some((m.name.as_str(), name));
                }
                if name == "class" {
                    if let Some(class) = value
                        .split_ascii_whitespace()
                        .find(|c| m.class_prefixes.iter().any(|p| c.starts_with(p.as_str())))
                    {
                        return Some((m.name.as_str(), format!("class=\"{class}\"")));
                    }
                }
            }
        }
        None
    }

    pub fn mapping(&self, platform: &str, name: &str) -> Option<&PlatformEvent> {
        self.mappings
            .iter()
            .find(|m| m.platform == platform && m.name == name)
    }
}
