//! Where an answer came from: the CDN location named in the response's own headers
//! (`cf-ray: …-FRA`, Fastly's `x-served-by`, CloudFront's `x-amz-cf-pop`…). Challenges and
//! blocks can depend on the location and the network a request comes from, so the verdict
//! shows it. The header table lives in `data/vantage.toml`.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::{Regex, RegexBuilder};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::snapshot::ResponseSnapshot;

const BUILTIN_TOML: &str = include_str!("../data/vantage.toml");

/// Longest header value read for a location; real ones are far shorter.
const MAX_VALUE_BYTES: usize = 512;

/// One location the response names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct VantagePoint {
    /// The header it was read from, lowercase (`cf-ray`).
    pub header: String,
    /// The vendor the header belongs to, when it belongs to one (`cloudflare`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub vendor: Option<String>,
    /// What kind of location it is, in plain words ("Cloudflare data centre").
    pub what: String,
    /// The location as the vendor writes it (`FRA`, `fra1`, `FRA56-P1`).
    pub code: String,
    /// The city, when the code is a known airport code ("Frankfurt").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub place: Option<String>,
}

impl VantagePoint {
    /// One line for a finding's evidence: "Cloudflare data centre FRA (Frankfurt), from cf-ray".
    pub fn describe(&self) -> String {
        match &self.place {
            Some(place) => format!(
                "{} {} ({place}), from {}",
                self.what, self.code, self.header
            ),
            None => format!("{} {}, from {}", self.what, self.code, self.header),
        }
    }

    /// True when the header names a location rather than only a request reference.
    pub fn is_location(&self) -> bool {
        !self.what.contains("no location")
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct HeaderSpec {
    header: String,
    #[serde(default)]
    vendor: Option<String>,
    what: String,
    pattern: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct VantageSpec {
    version: u32,
    headers: Vec<HeaderSpec>,
    #[serde(default)]
    places: BTreeMap<String, String>,
}

struct Compiled {
    spec: HeaderSpec,
    pattern: Regex,
}

struct VantageTable {
    headers: Vec<Compiled>,
    places: BTreeMap<String, String>,
}

fn parse(text: &str) -> Result<VantageTable, String> {
    let spec: VantageSpec = toml::from_str(text).map_err(|e| e.to_string())?;
    if spec.version != 1 {
        return Err(format!(
            "unsupported vantage table version {}",
            spec.version
        ));
    }
    let mut headers = Vec::new();
    for h in spec.headers {
        if h.header.chars().any(|c| c.is_ascii_uppercase()) {
            return Err(format!("header {:?} must be lowercase", h.header));
        }
        let pattern = RegexBuilder::new(&h.pattern)
            .size_limit(1 << 20)
            .build()
            .map_err(|e| format!("{}: {e}", h.header))?;
        if !pattern.capture_names().any(|n| n == Some("code")) {
            return Err(format!("{}: pattern needs a \"code\" group", h.header));
        }
        headers.push(Compiled { spec: h, pattern });
    }
    Ok(VantageTable {
        headers,
        places: spec.places,
    })
}

static BUILTIN: LazyLock<VantageTable> = LazyLock::new(|| {
    // Checked by the crate's tests; failing here is a build defect.
    parse(BUILTIN_TOML).expect("embedded vantage table is valid")
});

/// Vendor ids the vantage table refers to (for consistency checks).
pub fn vantage_vendor_ids() -> Vec<&'static str> {
    BUILTIN
        .headers
        .iter()
        .filter_map(|h| h.spec.vendor.as_deref())
        .collect()
}

/// Every location the response's headers name, in header order, without repeats.
pub fn vantage_points(snapshot: &ResponseSnapshot) -> Vec<VantagePoint> {
    let table = &*BUILTIN;
    let mut out: Vec<VantagePoint> = Vec::new();
    for (name, value) in snapshot.scanned_headers() {
        if value.len() > MAX_VALUE_BYTES {
            continue;
        }
        for h in table
            .headers
            .iter()
            .filter(|h| name.eq_ignore_ascii_case(&h.spec.header))
        {
            let Some(caps) = h.pattern.captures_iter(value).last() else {
                continue;
            };
            let Some(code) = caps.name("code") else {
                continue;
            };
            let place = caps
                .name("place")
                .and_then(|p| table.places.get(&p.as_str().to_ascii_uppercase()))
                .cloned();
            let point = VantagePoint {
                header: h.spec.header.clone(),
                vendor: h.spec.vendor.clone(),
                what: h.spec.what.clone(),
                code: code.as_str().to_string(),
                place,
            };
            if !out.contains(&point) {
                out.push(point);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn points(headers: &[(&str, &str)]) -> Vec<VantagePoint> {
        let mut s = ResponseSnapshot::new(200);
        for (n, v) in headers {
            s = s.header(*n, *v);
        }
        vantage_points(&s)
    }

    #[test]
    fn the_builtin_table_parses() {
        assert!(!BUILTIN.headers.is_empty());
        assert_eq!(
            BUILTIN.places.get("FRA").map(String::as_str),
            Some("Frankfurt")
        );
    }

    #[test]
    fn reads_the_usual_headers() {
        let p = points(&[
            ("CF-RAY", "8f3c2a1b9d4e5f60-FRA"),
            (
                "x-served-by",
                "cache-iad-kiad7000025-IAD, cache-fra-eddf8230045-FRA",
            ),
            ("x-amz-cf-pop", "FRA56-P1"),
            (
                "x-vercel-id",
                "fra1::iad1::abcde-1700000000000-0123456789ab",
            ),
        ]);
        let codes: Vec<&str> = p.iter().map(|v| v.code.as_str()).collect();
        assert_eq!(codes, ["FRA", "FRA", "FRA56-P1", "fra1"]);
        assert!(p.iter().all(|v| v.place.as_deref() == Some("Frankfurt")));
        assert_eq!(
            p[0].describe(),
            "Cloudflare data centre FRA (Frankfurt), from cf-ray"
        );
    }

    #[test]
    fn unknown_codes_have_no_place_and_references_are_not_locations() {
        let p = points(&[
            ("cf-ray", "8f3c2a1b9d4e5f60-QQQ"),
            ("x-azure-ref", "20261205T101010Z-16d4c6f7c6dabcdefgh1"),
        ]);
        assert_eq!(p[0].place, None);
        assert!(p[0].is_location());
        assert!(!p[1].is_location());
    }

    #[test]
    fn rejects_bad_tables() {
        assert!(parse("version = 2\nheaders = []").is_err());
        assert!(parse(
            "version = 1\n[[headers]]\nheader = \"X\"\nwhat = \"w\"\npattern = \"(?P<code>a)\""
        )
        .is_err());
        assert!(
            parse("version = 1\n[[headers]]\nheader = \"x\"\nwhat = \"w\"\npattern = \"a\"")
                .is_err()
        );
        assert!(
            parse("version = 1\n[[headers]]\nheader = \"x\"\nwhat = \"w\"\npattern = \"(\"")
                .is_err()
        );
    }
}
