//! OpenAI's address list as the import uses it: downloaded when online, kept as a local copy
//! for offline use, or read from a file the user supplies.

use std::path::Path;
use std::time::{Duration, SystemTime};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::LogError;
use crate::ranges::IpRanges;

/// Where OpenAI publishes OAI-AdsBot's addresses.
pub const ADSBOT_RANGES_URL: &str = "https://openai.com/adsbot.json";
/// The list is a few kilobytes; anything far larger is not it.
const MAX_RANGES_BYTES: usize = 1024 * 1024;
const DOWNLOAD_TIMEOUT: Duration = Duration::from_secs(15);

/// How the address list used for an import was obtained, to show next to the results.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum RangesOrigin {
    /// Downloaded just now.
    Downloaded { url: String },
    /// The download failed; the copy saved at an earlier download was used.
    SavedCopy {
        /// When that copy was saved (RFC 3339), if known.
        saved_at: Option<String>,
        why_not_downloaded: String,
    },
    /// A file the user chose.
    LocalFile { path: String },
    /// No list could be had: addresses were not checked.
    Unavailable { reason: String },
}

/// The list (if any) and where it came from.
#[derive(Debug, Clone)]
pub struct LoadedRanges {
    pub ranges: Option<IpRanges>,
    pub origin: RangesOrigin,
}

/// Reads a range file the user supplied; an unreadable or invalid file is an error (the user
/// asked for this file, so silently ignoring it would mislead).
pub fn ranges_from_file(path: &Path) -> Result<LoadedRanges, LogError> {
    let text = std::fs::read_to_string(path).map_err(|e| LogError::RangesUnreadable {
        path: path.display().to_string(),
        reason: e.to_string(),
    })?;
    Ok(LoadedRanges {
        ranges: Some(IpRanges::from_json(&text)?),
        origin: RangesOrigin::LocalFile {
            path: path.display().to_string(),
        },
    })
}

/// Downloads the list from `url`; on success it replaces the saved copy at `saved_copy`, on
/// failure the saved copy is used; with neither, the import goes on without checking addresses.
pub async fn published_ranges(url: &str, saved_copy: &Path) -> LoadedRanges {
    match download(url).await {
        Ok((text, ranges)) => {
            // A copy that cannot be saved only costs the offline fallback.
            let _ = save_copy(saved_copy, &text);
            LoadedRanges {
                ranges: Some(ranges),
                origin: RangesOrigin::Downloaded {
                    url: url.to_string(),
                },
            }
        }
        Err(why) => match read_saved_copy(saved_copy) {
            Some((ranges, saved_at)) => LoadedRanges {
                ranges: Some(ranges),
                origin: RangesOrigin::SavedCopy {
                    saved_at,
                    why_not_downloaded: why,
                },
            },
            None => LoadedRanges {
                ranges: None,
                origin: RangesOrigin::Unavailable {
                    reason: format!(
                        "{why}, and no earlier copy is saved. Requests were not checked against OpenAI's addresses; choose a saved adsbot.json file to check them."
                    ),
                },
            },
        },
    }
}

async fn download(url: &str) -> Result<(String, IpRanges), String> {
    let client = reqwest::Client::builder()
        .timeout(DOWNLOAD_TIMEOUT)
        .build()
        .map_err(|e| format!("the download could not start ({e})"))?;
    let fail = |e: reqwest::Error| format!("OpenAI's address list could not be downloaded ({e})");
    let mut response = client.get(url).send().await.map_err(fail)?;
    if !response.status().is_success() {
        return Err(format!(
            "OpenAI's address list could not be downloaded (the server answered {})",
            response.status()
        ));
    }
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(fail)? {
        body.extend_from_slice(&chunk);
        if body.len() > MAX_RANGES_BYTES {
            return Err("the downloaded address list is far larger than expected".into());
        }
    }
    let text = String::from_utf8_lossy(&body).into_owned();
    let ranges = IpRanges::from_json(&text)
        .map_err(|e| format!("the downloaded address list was not usable ({e})"))?;
    Ok((text, ranges))
}

fn save_copy(path: &Path, text: &str) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let temporary = path.with_extension("json.partial");
    std::fs::write(&temporary, text)?;
    std::fs::rename(&temporary, path)
}

fn read_saved_copy(path: &Path) -> Option<(IpRanges, Option<String>)> {
    let text = std::fs::read_to_string(path).ok()?;
    let ranges = IpRanges::from_json(&text).ok()?;
    let saved_at = std::fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(rfc3339);
    Some((ranges, saved_at))
}

fn rfc3339(time: SystemTime) -> Option<String> {
    time::OffsetDateTime::from(time)
        .format(&time::format_description::well_known::Rfc3339)
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};
    use std::net::TcpListener;

    const LIST: &str =
        r#"{"creationTime":"2026-11-01T00:00:00Z","prefixes":[{"ipv4Prefix":"203.0.113.0/24"}]}"#;

    /// A loopback server answering every request with `status` and `body`.
    fn serve(status: u16, body: &'static str) -> String {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}/adsbot.json", listener.local_addr().unwrap());
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { return };
                let mut buf = [0u8; 2048];
                let _ = stream.read(&mut buf);
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
            }
        });
        url
    }

    fn closed_url() -> String {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}/adsbot.json", listener.local_addr().unwrap())
    }

    #[tokio::test]
    async fn a_download_is_used_and_saved_for_offline_use() {
        let dir = tempfile::tempdir().unwrap();
        let copy = dir.path().join("cache").join("adsbot.json");
        let online = published_ranges(&serve(200, LIST), &copy).await;
        assert!(matches!(online.origin, RangesOrigin::Downloaded { .. }));
        assert!(online
            .ranges
            .unwrap()
            .contains("203.0.113.9".parse().unwrap()));
        assert_eq!(std::fs::read_to_string(&copy).unwrap(), LIST);

        let offline = published_ranges(&closed_url(), &copy).await;
        match &offline.origin {
            RangesOrigin::SavedCopy {
                saved_at,
                why_not_downloaded,
            } => {
                assert!(saved_at.is_some());
                assert!(why_not_downloaded.contains("could not be downloaded"));
            }
            other => panic!("{other:?}"),
        }
        assert!(offline.ranges.is_some());
    }

    #[tokio::test]
    async fn a_bad_download_never_replaces_a_good_copy() {
        let dir = tempfile::tempdir().unwrap();
        let copy = dir.path().join("adsbot.json");
        std::fs::write(&copy, LIST).unwrap();
        for url in [
            serve(200, "<html>captive portal</html>"),
            serve(503, "busy"),
        ] {
            let loaded = published_ranges(&url, &copy).await;
            assert!(
                matches!(loaded.origin, RangesOrigin::SavedCopy { .. }),
                "{:?}",
                loaded.origin
            );
            assert_eq!(std::fs::read_to_string(&copy).unwrap(), LIST);
        }
    }

    #[tokio::test]
    async fn with_no_download_and_no_copy_addresses_are_not_checked() {
        let dir = tempfile::tempdir().unwrap();
        let loaded = published_ranges(&closed_url(), &dir.path().join("none.json")).await;
        assert!(loaded.ranges.is_none());
        match loaded.origin {
            RangesOrigin::Unavailable { reason } => {
                assert!(reason.contains("not checked"), "{reason}")
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_chosen_file_must_be_readable_and_valid() {
        let dir = tempfile::tempdir().unwrap();
        let good = dir.path().join("good.json");
        std::fs::write(&good, LIST).unwrap();
        assert!(matches!(
            ranges_from_file(&good).unwrap().origin,
            RangesOrigin::LocalFile { .. }
        ));
        let bad = dir.path().join("bad.json");
        std::fs::write(&bad, "{}").unwrap();
        assert!(ranges_from_file(&bad).is_err());
        assert!(ranges_from_file(&dir.path().join("missing.json")).is_err());
    }
}
