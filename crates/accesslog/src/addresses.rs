//! Checks client addresses against OpenAI's list, remembering recent answers because a bot
//! tends to come back from the same few addresses.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};

use crate::ranges::IpRanges;
use crate::report::AddressCheck;

/// Distinct addresses remembered; beyond this each address is checked afresh (still correct,
/// only slower), so a log full of random addresses cannot grow the cache without limit.
const CACHE_LIMIT: usize = 10_000;

pub struct AddressChecker<'a> {
    ranges: Option<&'a IpRanges>,
    cache: HashMap<Vec<u8>, AddressCheck>,
}

impl<'a> AddressChecker<'a> {
    pub fn new(ranges: Option<&'a IpRanges>) -> Self {
        AddressChecker {
            ranges,
            cache: HashMap::new(),
        }
    }

    pub fn check(&mut self, client: &[u8]) -> AddressCheck {
        let Some(ranges) = self.ranges else {
            return AddressCheck::NotChecked;
        };
        if let Some(check) = self.cache.get(client) {
            return *check;
        }
        let check = match parse_client(client) {
            None => AddressCheck::NotAnAddress,
            Some(ip) if ranges.contains(ip) => AddressCheck::InRanges,
            Some(ip) if is_private(ip) => AddressCheck::PrivateAddress,
            Some(_) => AddressCheck::OutsideRanges,
        };
        if self.cache.len() < CACHE_LIMIT {
            self.cache.insert(client.to_vec(), check);
        }
        check
    }
}

/// An address as servers log it: bare, in brackets, or with a port.
pub fn parse_client(client: &[u8]) -> Option<IpAddr> {
    let text = std::str::from_utf8(client).ok()?;
    text.parse::<IpAddr>()
        .ok()
        .or_else(|| text.parse::<SocketAddr>().ok().map(|s| s.ip()))
        .or_else(|| {
            text.strip_prefix('[')
                .and_then(|t| t.strip_suffix(']'))
                .and_then(|t| t.parse().ok())
        })
}

/// Private, loopback, link-local and carrier-grade NAT addresses: never a crawler's own.
fn is_private(ip: IpAddr) -> bool {
    match ip.to_canonical() {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            v4.is_private()
                || v4.is_loopback()
                || v4.is_link_local()
                || (a == 100 && (64..128).contains(&b))
        }
        IpAddr::V6(v6) => {
            let first = v6.segments()[0];
            v6.is_loopback() || (first & 0xfe00) == 0xfc00 || (first & 0xffc0) == 0xfe80
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_addresses() {
        let ranges = IpRanges::from_json(
            r#"{"prefixes": [{"ipv4Prefix": "20.42.10.176/28"}, {"ipv6Prefix": "2603:1030:a02::/48"}]}"#,
        )
        .unwrap();
        let mut c = AddressChecker::new(Some(&ranges));
        assert_eq!(c.check(b"20.42.10.180"), AddressCheck::InRanges);
        assert_eq!(c.check(b"20.42.10.180"), AddressCheck::InRanges);
        assert_eq!(c.check(b"2603:1030:a02::9"), AddressCheck::InRanges);
        assert_eq!(c.check(b"[2603:1030:a02::9]"), AddressCheck::InRanges);
        assert_eq!(c.check(b"20.42.10.180:51234"), AddressCheck::InRanges);
        assert_eq!(c.check(b"::ffff:20.42.10.181"), AddressCheck::InRanges);
        assert_eq!(c.check(b"198.51.100.7"), AddressCheck::OutsideRanges);
        assert_eq!(c.check(b"2001:db8::1"), AddressCheck::OutsideRanges);
        assert_eq!(c.check(b"10.0.0.4"), AddressCheck::PrivateAddress);
        assert_eq!(c.check(b"100.64.1.1"), AddressCheck::PrivateAddress);
        assert_eq!(c.check(b"fd00::1"), AddressCheck::PrivateAddress);
        assert_eq!(c.check(b"127.0.0.1"), AddressCheck::PrivateAddress);
        assert_eq!(c.check(b"crawler.example.net"), AddressCheck::NotAnAddress);
        assert_eq!(c.check(b"\xff"), AddressCheck::NotAnAddress);
        assert_eq!(
            AddressChecker::new(None).check(b"20.42.10.180"),
            AddressCheck::NotChecked
        );
    }
}
