//! OpenAI's published OAI-AdsBot address ranges (`adsbot.json`): parsing and lookup.

use std::net::IpAddr;

use ipnet::IpNet;
use serde::Deserialize;

use crate::error::LogError;

/// The address ranges OpenAI publishes for a crawler, e.g. <https://openai.com/adsbot.json>.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IpRanges {
    creation_time: Option<String>,
    prefixes: Vec<IpNet>,
}

/// The file as published: `{"creationTime": "...", "prefixes": [{"ipv4Prefix": "..."}, ...]}`.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RangeFile {
    creation_time: Option<String>,
    prefixes: Vec<PrefixEntry>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PrefixEntry {
    ipv4_prefix: Option<String>,
    ipv6_prefix: Option<String>,
}

impl IpRanges {
    /// Parses the JSON text of an OpenAI range file. Unknown fields are ignored so a future
    /// addition to the file does not break the import; a malformed prefix is an error because
    /// silently dropping it could turn the real bot into an "impostor".
    pub fn from_json(text: &str) -> Result<IpRanges, LogError> {
        let file: RangeFile =
            serde_json::from_str(text).map_err(|e| LogError::RangesInvalidJson(e.to_string()))?;
        let mut prefixes = Vec::with_capacity(file.prefixes.len());
        for entry in file.prefixes {
            for (text, want_v4) in [(entry.ipv4_prefix, true), (entry.ipv6_prefix, false)] {
                let Some(text) = text else { continue };
                let net = parse_prefix(&text)
                    .filter(|net| matches!(net, IpNet::V4(_)) == want_v4)
                    .ok_or_else(|| LogError::RangesInvalidPrefix(text.clone()))?;
                prefixes.push(net.trunc());
            }
        }
        if prefixes.is_empty() {
            return Err(LogError::RangesEmpty);
        }
        Ok(IpRanges {
            creation_time: file.creation_time.filter(|t| !t.trim().is_empty()),
            prefixes,
        })
    }

    /// True when the address lies in one of the published ranges. IPv4 addresses written in
    /// IPv6 form (`::ffff:192.0.2.1`, as dual-stack servers log them) are compared as IPv4.
    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = ip.to_canonical();
        self.prefixes.iter().any(|net| net.contains(&ip))
    }

    /// The file's `creationTime`, verbatim, when it had one.
    pub fn creation_time(&self) -> Option<&str> {
        self.creation_time.as_deref()
    }

    /// The ranges, in file order.
    pub fn prefixes(&self) -> &[IpNet] {
        &self.prefixes
    }
}

/// A CIDR prefix; a bare address counts as a single-address range.
fn parse_prefix(text: &str) -> Option<IpNet> {
    let text = text.trim();
    text.parse::<IpNet>()
        .ok()
        .or_else(|| text.parse::<IpAddr>().ok().map(IpNet::from))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"{
      "creationTime": "2026-05-12T00:00:00.000000",
      "prefixes": [
        {"ipv4Prefix": "20.42.10.176/28"},
        {"ipv6Prefix": "2a03:2880:f000::/48"},
        {"ipv4Prefix": "52.230.152.5"}
      ]
    }"#;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn parses_prefixes_and_creation_time() {
        let r = IpRanges::from_json(SAMPLE).unwrap();
        assert_eq!(r.creation_time(), Some("2026-05-12T00:00:00.000000"));
        assert_eq!(r.prefixes().len(), 3);
        assert!(r.contains(ip("20.42.10.176")));
        assert!(r.contains(ip("20.42.10.191")));
        assert!(!r.contains(ip("20.42.10.192")));
        assert!(r.contains(ip("2a03:2880:f000::1")));
        assert!(!r.contains(ip("2a03:2880:f001::1")));
        assert!(r.contains(ip("52.230.152.5")));
        assert!(!r.contains(ip("52.230.152.6")));
    }

    #[test]
    fn ipv4_mapped_ipv6_is_compared_as_ipv4() {
        let r = IpRanges::from_json(SAMPLE).unwrap();
        assert!(r.contains(ip("::ffff:20.42.10.180")));
        assert!(!r.contains(ip("::ffff:8.8.8.8")));
    }

    #[test]
    fn rejects_bad_files_with_stable_codes() {
        let code = |t: &str| IpRanges::from_json(t).unwrap_err().code();
        assert_eq!(code("not json"), "ranges-invalid-json");
        assert_eq!(code(r#"{"prefixes": []}"#), "ranges-empty");
        assert_eq!(code(r#"{"prefixes": [{}]}"#), "ranges-empty");
        assert_eq!(
            code(r#"{"prefixes": [{"ipv4Prefix": "300.1.1.1/24"}]}"#),
            "ranges-invalid-prefix"
        );
        assert_eq!(
            code(r#"{"prefixes": [{"ipv4Prefix": "2001:db8::/32"}]}"#),
            "ranges-invalid-prefix"
        );
        assert_eq!(code(r#"{"creationTime": "x"}"#), "ranges-invalid-json");
    }

    #[test]
    fn host_bits_in_a_prefix_are_ignored() {
        let r = IpRanges::from_json(r#"{"prefixes": [{"ipv4Prefix": "10.1.2.3/24"}]}"#).unwrap();
        assert!(r.contains(ip("10.1.2.200")));
        assert_eq!(r.creation_time(), None);
    }
}
