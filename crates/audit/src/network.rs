//! No requests to the user's own network by surprise. A landing page on the internet has no
//! business sending Preflight to `localhost`, a router at 192.168.0.1 or a cloud metadata
//! address: redirect hops, scripts and any other address found on a page that resolve to a
//! loopback, private, link-local or otherwise non-public address are refused, unless the user
//! gave that host themselves (a page typed, pasted or imported: testing a staging server on the
//! office network stays possible).

use std::collections::HashSet;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::{Arc, RwLock};
use url::{Host, Url};

/// Words every refusal carries, so the transport error can be recognised in a cause chain.
pub const REFUSED: &str = "refused: a private network address";

/// True for addresses that are not on the public internet.
pub fn is_non_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => v4_non_public(v4),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4_non_public(v4),
            None => v6_non_public(v6),
        },
    }
}

fn v4_non_public(ip: Ipv4Addr) -> bool {
    let [a, b, ..] = ip.octets();
    ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_unspecified()
        || ip.is_broadcast()
        || ip.is_multicast()
        || a == 0
        || (a == 100 && (64..128).contains(&b)) // shared address space (carrier NAT)
        || (a == 198 && (b == 18 || b == 19)) // benchmarking
        || a >= 240
}

fn v6_non_public(ip: Ipv6Addr) -> bool {
    let first = ip.segments()[0];
    ip.is_loopback()
        || ip.is_unspecified()
        || ip.is_multicast()
        || (first & 0xfe00) == 0xfc00 // unique local
        || (first & 0xffc0) == 0xfe80 // link-local
}

/// The hosts the user gave, shared by every request of a fetcher.
#[derive(Debug, Clone, Default)]
pub struct GivenHosts(Arc<RwLock<HashSet<String>>>);

impl GivenHosts {
    pub fn allow(&self, url: &Url) {
        if let Some(host) = url.host_str() {
            self.0
                .write()
                .unwrap_or_else(|e| e.into_inner())
                .insert(host.to_ascii_lowercase());
        }
    }

    fn contains(&self, host: &str) -> bool {
        self.0
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .contains(&host.to_ascii_lowercase())
    }

    /// Why `url` must not be requested, when its host is a non-public address written as such
    /// (names are checked when they are resolved, see [`GuardedResolver`]).
    pub fn refusal(&self, url: &Url) -> Option<String> {
        let ip = match url.host()? {
            Host::Ipv4(ip) => IpAddr::V4(ip),
            Host::Ipv6(ip) => IpAddr::V6(ip),
            Host::Domain(_) => return None,
        };
        let host = url.host_str()?;
        (is_non_public(ip) && !self.contains(host)).then(|| refusal_message(host))
    }
}

fn refusal_message(host: &str) -> String {
    format!(
        "{host} is on a private network (this computer, the office network or a cloud provider's internal addresses), and the page led there by itself: {REFUSED} is never requested unless you add that host yourself."
    )
}

/// Resolves names for the HTTP client and drops non-public addresses, unless the name is one
/// the user gave. A name with only non-public addresses fails to resolve, with the reason.
#[derive(Debug, Clone)]
pub struct GuardedResolver {
    pub given: GivenHosts,
}

impl reqwest::dns::Resolve for GuardedResolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let given = self.given.clone();
        Box::pin(async move {
            let host = name.as_str().to_string();
            let found: Vec<SocketAddr> =
                tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            if given.contains(&host) {
                return Ok(Box::new(found.into_iter()) as reqwest::dns::Addrs);
            }
            let public: Vec<SocketAddr> = found
                .iter()
                .copied()
                .filter(|a| !is_non_public(a.ip()))
                .collect();
            if public.is_empty() && !found.is_empty() {
                return Err(refusal_message(&host).into());
            }
            Ok(Box::new(public.into_iter()) as reqwest::dns::Addrs)
        })
    }
}

/// True when `error` (or one of its causes) is a refusal to reach a private network address.
pub fn is_refusal(error: &(dyn std::error::Error + 'static)) -> bool {
    let mut cause = Some(error);
    while let Some(e) = cause {
        if e.to_string().contains(REFUSED) {
            return true;
        }
        cause = e.source();
    }
    false
}

/// An HTTP client for downloads outside an audit (a sitemap and the sitemaps it lists) that
/// follows redirects itself but never into a private network, unless the user gave the host.
pub fn guarded_client(
    given: &GivenHosts,
    timeout: std::time::Duration,
) -> reqwest::Result<reqwest::Client> {
    let redirects = given.clone();
    reqwest::Client::builder()
        .timeout(timeout)
        .dns_resolver(Arc::new(GuardedResolver {
            given: given.clone(),
        }))
        .redirect(reqwest::redirect::Policy::custom(move |attempt| {
            if attempt.previous().len() >= 10 {
                return attempt.error("more than 10 redirects");
            }
            match redirects.refusal(attempt.url()) {
                Some(why) => attempt.error(why),
                None => attempt.follow(),
            }
        }))
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_public_addresses_are_recognised() {
        for ip in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "0.0.0.0",
            "100.64.0.1",
            "::1",
            "fe80::1",
            "fd00::1",
            "::ffff:127.0.0.1",
            "255.255.255.255",
        ] {
            assert!(is_non_public(ip.parse().unwrap()), "{ip}");
        }
        for ip in ["93.184.216.34", "8.8.8.8", "2606:4700::1111", "172.32.0.1"] {
            assert!(!is_non_public(ip.parse().unwrap()), "{ip}");
        }
    }

    #[test]
    fn a_literal_private_host_is_refused_unless_given() {
        let given = GivenHosts::default();
        let url = Url::parse("http://127.0.0.1:8080/admin").unwrap();
        assert!(given.refusal(&url).unwrap().contains(REFUSED));
        assert!(given
            .refusal(&Url::parse("http://[::1]/").unwrap())
            .is_some());
        given.allow(&url);
        assert_eq!(given.refusal(&url), None);
        assert_eq!(
            given.refusal(&Url::parse("https://shop.example/").unwrap()),
            None
        );
    }

    #[tokio::test]
    async fn the_download_client_does_not_follow_a_redirect_into_a_private_network() {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        tokio::spawn(async move {
            while let Ok((mut socket, _)) = listener.accept().await {
                let mut buf = [0u8; 1024];
                let _ = socket.read(&mut buf).await;
                let answer = format!(
                    "HTTP/1.1 302 Found\r\nLocation: http://127.0.0.2:{port}/admin\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                );
                let _ = socket.write_all(answer.as_bytes()).await;
            }
        });
        let given = GivenHosts::default();
        let typed = Url::parse(&format!("http://127.0.0.1:{port}/sitemap.xml")).unwrap();
        given.allow(&typed);
        let client = guarded_client(&given, std::time::Duration::from_secs(5)).unwrap();
        let error = client.get(typed).send().await.expect_err("refused");
        assert!(is_refusal(&error), "{error:?}");
    }

    #[tokio::test]
    async fn names_that_resolve_to_private_addresses_are_refused_unless_given() {
        use reqwest::dns::Resolve;
        let resolver = GuardedResolver {
            given: GivenHosts::default(),
        };
        let name: reqwest::dns::Name = "localhost".parse().unwrap();
        let refused = resolver.resolve(name).await.err().expect("refused");
        assert!(refused.to_string().contains(REFUSED));
        resolver
            .given
            .allow(&Url::parse("http://localhost:1/").unwrap());
        let name: reqwest::dns::Name = "localhost".parse().unwrap();
        assert!(resolver.resolve(name).await.is_ok());
    }
}
