//! A client's pages from a sitemap or an ads-manager export, read against small servers on
//! 127.0.0.1: sitemap indexes with their children, indexes that list themselves or each other
//! (each sitemap downloaded once), huge, gzip'd, not-XML and unreachable sitemaps, exports with
//! and without a recognisable URL column, and the same URL written several ways counted once.

use preflight_fixtures::closed_port_url;
use preflight_session::page_import::{
    add_previewed_pages, preview_export, preview_for_client, walk_sitemaps, walk_sitemaps_with,
    SitemapStart, WalkLimits, MAX_PAGES_PER_IMPORT,
};
use preflight_session::{open_store, SessionError, Store};
use preflight_utm::ColumnChoice;
use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// A server of fixed answers by path, counting the requests for each path.
struct Server {
    base: String,
    hits: Arc<Mutex<HashMap<String, usize>>>,
}

#[derive(Clone)]
struct Answer {
    status: u16,
    content_type: &'static str,
    body: Vec<u8>,
}

fn ok(content_type: &'static str, body: impl Into<Vec<u8>>) -> Answer {
    Answer {
        status: 200,
        content_type,
        body: body.into(),
    }
}

impl Server {
    /// `routes` map a path to its answer; `{base}` in a body becomes the server's address.
    fn start(routes: Vec<(&str, Answer)>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let routes: HashMap<String, Answer> = routes
            .into_iter()
            .map(|(path, mut a)| {
                if let Ok(text) = String::from_utf8(a.body.clone()) {
                    a.body = text.replace("{base}", &base).into_bytes();
                }
                (path.to_string(), a)
            })
            .collect();
        let hits = Arc::new(Mutex::new(HashMap::new()));
        let counted = hits.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let routes = routes.clone();
                let counted = counted.clone();
                std::thread::spawn(move || {
                    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
                    let mut request = Vec::new();
                    let mut buf = [0u8; 4096];
                    while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                        match stream.read(&mut buf) {
                            Ok(0) | Err(_) => return,
                            Ok(n) => request.extend_from_slice(&buf[..n]),
                        }
                    }
                    let text = String::from_utf8_lossy(&request);
                    let path = text.split_whitespace().nth(1).unwrap_or("/").to_string();
                    *counted.lock().unwrap().entry(path.clone()).or_insert(0) += 1;
                    let answer = routes.get(&path).cloned().unwrap_or(Answer {
                        status: 404,
                        content_type: "text/plain",
                        body: b"not found".to_vec(),
                    });
                    let reason = if answer.status == 200 {
                        "OK"
                    } else {
                        "Not Found"
                    };
                    let head = format!(
                        "HTTP/1.1 {} {reason}\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                        answer.status,
                        answer.content_type,
                        answer.body.len()
                    );
                    let _ = stream.write_all(head.as_bytes());
                    let _ = stream.write_all(&answer.body);
                });
            }
        });
        Server { base, hits }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    fn hits(&self, path: &str) -> usize {
        self.hits.lock().unwrap().get(path).copied().unwrap_or(0)
    }
}

fn urlset(urls: &[String]) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for u in urls {
        xml.push_str(&format!("  <url><loc>{u}</loc></url>\n"));
    }
    xml.push_str("</urlset>\n");
    xml
}

fn index(children: &[&str]) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for c in children {
        xml.push_str(&format!("  <sitemap><loc>{{base}}{c}</loc></sitemap>\n"));
    }
    xml.push_str("</sitemapindex>\n");
    xml
}

fn pages(prefix: &str, n: usize) -> Vec<String> {
    (0..n)
        .map(|i| format!("https://shop.example.com/{prefix}{i}"))
        .collect()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

fn database() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = open_store(&dir.path().join("preflight.sqlite3")).unwrap();
    (dir, store)
}

fn texts(entries: &preflight_session::page_import::SourceEntries) -> Vec<String> {
    entries.urls.iter().map(|e| e.text.clone()).collect()
}

async fn walk(url: String) -> Result<preflight_session::page_import::SourceEntries, SessionError> {
    walk_sitemaps(SitemapStart::Url(url)).await
}

#[tokio::test]
async fn an_index_brings_the_pages_of_every_sitemap_it_lists_gzipped_ones_included() {
    let server = Server::start(vec![
        (
            "/sitemap.xml",
            ok("application/xml", index(&["/a.xml", "/b.xml.gz"])),
        ),
        ("/a.xml", ok("application/xml", urlset(&pages("a", 2)))),
        (
            "/b.xml.gz",
            ok(
                "application/x-gzip",
                gzip(urlset(&pages("b", 3)).as_bytes()),
            ),
        ),
    ]);
    let entries = walk(server.url("/sitemap.xml")).await.unwrap();
    let mut expected = pages("a", 2);
    expected.extend(pages("b", 3));
    assert_eq!(texts(&entries), expected);
    assert_eq!(
        entries.urls[0].place,
        format!("Line 3 of {}", server.url("/a.xml"))
    );
    assert!(entries.notes.contains(&"3 sitemaps were read.".to_string()));
    assert!(entries.skipped.is_empty());
}

#[tokio::test]
async fn an_index_that_lists_itself_is_read_once() {
    let server = Server::start(vec![
        (
            "/sitemap.xml",
            ok(
                "application/xml",
                index(&["/sitemap.xml", "/a.xml", "/a.xml#again"]),
            ),
        ),
        ("/a.xml", ok("application/xml", urlset(&pages("a", 2)))),
    ]);
    let entries = walk(server.url("/sitemap.xml")).await.unwrap();
    assert_eq!(texts(&entries), pages("a", 2));
    assert_eq!(server.hits("/sitemap.xml"), 1);
    assert_eq!(server.hits("/a.xml"), 1);
    assert!(
        entries
            .notes
            .iter()
            .any(|n| n.contains("each was read once")),
        "{:?}",
        entries.notes
    );
}

#[tokio::test]
async fn indexes_that_list_each_other_are_each_read_once() {
    let server = Server::start(vec![
        ("/one.xml", ok("application/xml", index(&["/two.xml"]))),
        (
            "/two.xml",
            ok("application/xml", index(&["/one.xml", "/pages.xml"])),
        ),
        ("/pages.xml", ok("application/xml", urlset(&pages("p", 4)))),
    ]);
    let entries = tokio::time::timeout(Duration::from_secs(20), walk(server.url("/one.xml")))
        .await
        .expect("the walk ends")
        .unwrap();
    assert_eq!(texts(&entries), pages("p", 4));
    for path in ["/one.xml", "/two.xml", "/pages.xml"] {
        assert_eq!(server.hits(path), 1, "{path}");
    }
}

#[tokio::test]
async fn a_huge_sitemap_keeps_the_first_pages_and_says_how_many() {
    let many = pages("p", MAX_PAGES_PER_IMPORT + 500);
    let server = Server::start(vec![("/big.xml", ok("application/xml", urlset(&many)))]);
    let entries = walk(server.url("/big.xml")).await.unwrap();
    let (_dir, store) = database();
    let client = store.create_client("Acme").unwrap();
    let preview = preview_for_client(&store, client.id, "big.xml", entries).unwrap();
    assert_eq!(preview.new_pages.len(), MAX_PAGES_PER_IMPORT);
    assert_eq!(preview.not_kept, 500);
    assert!(
        preview
            .notes
            .iter()
            .any(|n| n.contains("1500 new pages were found; the first 1000 are kept")),
        "{:?}",
        preview.notes
    );

    // Fewer pages collected, bytes and sitemaps capped.
    let limits = WalkLimits {
        max_urls: 10,
        ..WalkLimits::default()
    };
    let entries = walk_sitemaps_with(SitemapStart::Url(server.url("/big.xml")), limits)
        .await
        .unwrap();
    assert_eq!(entries.urls.len(), 10);
    assert!(entries
        .notes
        .iter()
        .any(|n| n.contains("the first 10 were kept and 1490 more left out")));
}

#[tokio::test]
async fn a_sitemap_over_the_byte_limit_is_refused_with_nothing_added() {
    let server = Server::start(vec![(
        "/big.xml",
        ok("application/xml", urlset(&pages("p", 5_000))),
    )]);
    let limits = WalkLimits {
        max_file_bytes: 64 * 1024,
        ..WalkLimits::default()
    };
    let error = walk_sitemaps_with(SitemapStart::Url(server.url("/big.xml")), limits)
        .await
        .unwrap_err();
    assert_eq!(error.code(), "too_large");
    assert!(error.to_string().contains("larger than 64 KB"), "{error}");
}

#[tokio::test]
async fn an_index_stops_at_the_sitemap_and_byte_limits_and_says_so() {
    let children: Vec<String> = (0..6).map(|i| format!("/c{i}.xml")).collect();
    let refs: Vec<&str> = children.iter().map(String::as_str).collect();
    let mut routes = vec![("/index.xml", ok("application/xml", index(&refs)))];
    for (i, c) in children.iter().enumerate() {
        routes.push((
            c.as_str(),
            ok("application/xml", urlset(&pages(&format!("c{i}-"), 2))),
        ));
    }
    let server = Server::start(routes);
    let limits = WalkLimits {
        max_sitemaps: 3,
        ..WalkLimits::default()
    };
    let entries = walk_sitemaps_with(SitemapStart::Url(server.url("/index.xml")), limits)
        .await
        .unwrap();
    assert_eq!(entries.urls.len(), 4, "two children read");
    assert!(
        entries
            .notes
            .iter()
            .any(|n| n
                == "4 more sitemaps were not read: at most 3 sitemaps are read in one import."),
        "{:?}",
        entries.notes
    );
    assert_eq!(server.hits("/c5.xml"), 0);
}

#[tokio::test]
async fn what_is_not_a_sitemap_is_named() {
    let png = [
        &[0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a][..],
        &[
            0u8, 0, 0, 13, b'I', b'H', b'D', b'R', 0, 0, 1, 0, 0, 0, 1, 0, 8, 6, 0, 0, 0,
        ][..],
    ]
    .concat();
    let server = Server::start(vec![
        (
            "/page",
            ok(
                "text/html",
                "<!DOCTYPE html><html><head><title>Shop</title></head><body>Hi</body></html>",
            ),
        ),
        (
            "/api",
            ok(
                "application/json",
                r#"{"urls": ["https://shop.example.com/"]}"#,
            ),
        ),
        ("/logo.png", ok("image/png", png)),
        (
            "/feed",
            ok("application/rss+xml", "<rss><channel></channel></rss>"),
        ),
    ]);
    for (path, words) in [
        ("/page", "is a web page (HTML), not a sitemap"),
        ("/api", "is JSON, not a sitemap"),
        ("/logo.png", "is a binary file"),
        ("/feed", "its root element is <rss>"),
    ] {
        let error = walk(server.url(path)).await.unwrap_err();
        assert_eq!(error.code(), "invalid_sitemap", "{path}: {error}");
        assert!(error.to_string().contains(words), "{path}: {error}");
        assert!(
            error.to_string().ends_with("Nothing was added."),
            "{path}: {error}"
        );
    }
}

#[tokio::test]
async fn an_unreachable_sitemap_names_its_host() {
    let closed = closed_port_url();
    let host = closed
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_string();
    let error = walk(format!("{closed}sitemap.xml")).await.unwrap_err();
    assert_eq!(error.code(), "download_failed");
    let message = error.to_string();
    assert!(
        message.contains(&format!("nothing answered at {host}")),
        "{message}"
    );

    let server = Server::start(vec![]);
    let error = walk(server.url("/sitemap.xml")).await.unwrap_err();
    assert!(
        error.to_string().contains("answered 404 Not Found"),
        "{error}"
    );
}

#[tokio::test]
async fn a_broken_child_is_reported_and_the_others_are_read() {
    let server = Server::start(vec![
        (
            "/index.xml",
            ok(
                "application/xml",
                index(&["/gone.xml", "/page.html", "/a.xml"]),
            ),
        ),
        (
            "/page.html",
            ok("text/html", "<html><body>Not here</body></html>"),
        ),
        ("/a.xml", ok("application/xml", urlset(&pages("a", 1)))),
    ]);
    let entries = walk(server.url("/index.xml")).await.unwrap();
    assert_eq!(texts(&entries), pages("a", 1));
    let reasons: Vec<&str> = entries.skipped.iter().map(|s| s.reason.as_str()).collect();
    assert_eq!(reasons.len(), 2, "{reasons:?}");
    assert!(reasons[0].contains("answered 404"));
    assert!(reasons[1].contains("web page (HTML)"));
}

#[tokio::test]
async fn a_sitemap_index_file_downloads_the_sitemaps_it_lists() {
    let server = Server::start(vec![(
        "/a.xml",
        ok("application/xml", urlset(&pages("a", 2))),
    )]);
    let file = index(&["/a.xml"]).replace("{base}", &server.url(""));
    let entries = walk_sitemaps(SitemapStart::File {
        name: "sitemap_index.xml".into(),
        bytes: file.into_bytes(),
    })
    .await
    .unwrap();
    assert_eq!(texts(&entries), pages("a", 2));
}

#[tokio::test]
async fn the_preview_collapses_repeats_and_pages_the_client_has_and_adds_only_new_ones() {
    let mut urls = pages("p", 3);
    urls.push("https://SHOP.example.com:443/p0".into());
    urls.push("https://shop.example.com/p1".into());
    urls.push("ftp://shop.example.com/file".into());
    let server = Server::start(vec![("/s.xml", ok("application/xml", urlset(&urls)))]);
    let (_dir, mut store) = database();
    let client = store.create_client("Acme").unwrap();
    store
        .add_pages(client.id, &["https://shop.example.com/p2".into()])
        .unwrap();

    let entries = walk(server.url("/s.xml")).await.unwrap();
    let preview = preview_for_client(&store, client.id, &server.url("/s.xml"), entries).unwrap();
    assert_eq!(preview.urls(), pages("p", 2));
    assert_eq!(preview.already_added, ["https://shop.example.com/p2"]);
    let repeated: Vec<(&str, u32)> = preview
        .repeated
        .iter()
        .map(|r| (r.url.as_str(), r.repeats))
        .collect();
    assert_eq!(
        repeated,
        [
            ("https://shop.example.com/p0", 1),
            ("https://shop.example.com/p1", 1)
        ]
    );
    assert_eq!(preview.skipped.len(), 1);
    assert_eq!(preview.skipped[0].place, "Line 8");

    let added = add_previewed_pages(&mut store, client.id, &preview.urls()).unwrap();
    assert_eq!(added.added.len(), 2);
    let stored: Vec<String> = store
        .list_pages(client.id)
        .unwrap()
        .into_iter()
        .map(|p| p.url)
        .collect();
    assert_eq!(
        stored,
        [
            "https://shop.example.com/p2",
            "https://shop.example.com/p0",
            "https://shop.example.com/p1"
        ]
    );
}

#[test]
fn an_export_with_a_url_column_is_read_and_repeats_collapse() {
    let (_dir, mut store) = database();
    let client = store.create_client("Acme").unwrap();
    store
        .add_pages(client.id, &["https://shop.example.com/old".into()])
        .unwrap();
    let csv = "Campaign,Ad name,Final URL\n\
               Spring,A,https://shop.example.com/sale?utm_source=chatgpt\n\
               Spring,B,https://Shop.Example.com/sale?utm_source=chatgpt\n\
               Spring,C,https://shop.example.com/old\n\
               Spring,D,not a link\n\
               Spring,E,https://shop.example.com/new\n";
    let preview = preview_export(&store, client.id, "ads.csv", csv.as_bytes(), None).unwrap();
    assert!(!preview.needs_column());
    assert_eq!(preview.columns.as_ref().unwrap().column, Some(2));
    assert_eq!(
        preview.urls(),
        [
            "https://shop.example.com/sale?utm_source=chatgpt",
            "https://shop.example.com/new"
        ]
    );
    assert_eq!(preview.new_pages[0].place, "Row 2");
    assert_eq!(preview.already_added, ["https://shop.example.com/old"]);
    assert_eq!(preview.repeated.len(), 1);
    assert_eq!(preview.skipped.len(), 1);
    assert_eq!(preview.skipped[0].place, "Row 5");
    assert_eq!(
        preview.skipped[0].reason,
        "It does not start with https://."
    );
}

#[test]
fn an_export_without_a_url_column_asks_which_one_and_reads_the_chosen_column() {
    let (_dir, store) = database();
    let client = store.create_client("Acme").unwrap();
    let csv = "Campaign,Clicks,Where\nSpring,10,shop.example.com/a\nSpring,4,shop.example.com/b\nSpring,2,shop.example.com/a\n";
    let preview = preview_export(&store, client.id, "ads.csv", csv.as_bytes(), None).unwrap();
    assert!(preview.needs_column());
    assert!(preview.new_pages.is_empty());
    let columns = preview.columns.as_ref().unwrap();
    // Every column can be chosen, with sample values, even one no reader took for URLs.
    let headers: Vec<&str> = columns
        .candidates
        .iter()
        .map(|c| c.header.as_str())
        .collect();
    assert_eq!(headers, ["Campaign", "Clicks", "Where"]);
    assert_eq!(
        columns.candidates[2].samples,
        [
            "shop.example.com/a",
            "shop.example.com/b",
            "shop.example.com/a"
        ]
    );

    let chosen = preview_export(
        &store,
        client.id,
        "ads.csv",
        csv.as_bytes(),
        Some(ColumnChoice::Header("Where".into())),
    )
    .unwrap();
    assert!(!chosen.needs_column());
    assert_eq!(chosen.columns.as_ref().unwrap().column, Some(2));
    // Without https://, as when pages are pasted, https is assumed.
    assert_eq!(
        chosen.urls(),
        ["https://shop.example.com/a", "https://shop.example.com/b"]
    );
    assert_eq!(chosen.repeated.len(), 1);
    assert!(chosen.skipped.is_empty());
}

#[test]
fn a_file_that_is_not_an_export_is_refused() {
    let (_dir, store) = database();
    let client = store.create_client("Acme").unwrap();
    let error = preview_export(&store, client.id, "x.xlsx", b"PK\x03\x04rest", None).unwrap_err();
    assert_eq!(error.code(), "invalid_csv");
    assert!(error.to_string().contains("save it as CSV"), "{error}");
    let error = preview_export(
        &store,
        999,
        "ads.csv",
        b"Final URL\nhttps://a.example.com/\n",
        None,
    )
    .unwrap_err();
    assert_eq!(error.code(), "not_found");
}

#[tokio::test]
async fn a_gzip_bomb_stops_at_the_size_limit() {
    let zeros = vec![b' '; 60 * 1024 * 1024];
    let server = Server::start(vec![(
        "/bomb.xml.gz",
        ok("application/x-gzip", gzip(&zeros)),
    )]);
    let error = walk(server.url("/bomb.xml.gz")).await.unwrap_err();
    assert_eq!(error.code(), "too_large");
    assert!(error.to_string().contains("larger than 50 MB"), "{error}");
    assert!(error.to_string().ends_with("Nothing was added."), "{error}");
}

#[tokio::test]
async fn a_server_that_never_answers_or_answers_garbage_is_named() {
    use preflight_fixtures::{RawBehaviour, RawServer};
    let limits = WalkLimits {
        timeout: Duration::from_secs(2),
        ..WalkLimits::default()
    };
    let silent = RawServer::start(RawBehaviour::Silent);
    let started = std::time::Instant::now();
    let error = walk_sitemaps_with(SitemapStart::Url(silent.url("/sitemap.xml")), limits)
        .await
        .unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(10));
    assert_eq!(error.code(), "download_failed");
    assert!(
        error
            .to_string()
            .contains("did not answer within 2 seconds"),
        "{error}"
    );

    for behaviour in [RawBehaviour::Garbage, RawBehaviour::CloseWithoutAnswer] {
        let server = RawServer::start(behaviour);
        let url = server.url("/sitemap.xml");
        let host = url
            .trim_start_matches("http://")
            .trim_end_matches("/sitemap.xml")
            .to_string();
        let error = walk_sitemaps_with(SitemapStart::Url(url), limits)
            .await
            .unwrap_err();
        assert_eq!(error.code(), "download_failed", "{behaviour:?}");
        // The reason itself names the host, in words.
        let message = error.to_string();
        let why = message
            .split("could not be downloaded: ")
            .nth(1)
            .unwrap_or_default();
        assert!(why.contains(&host), "{behaviour:?}: {message}");
        assert!(
            !why.contains("error sending request"),
            "{behaviour:?}: {message}"
        );
    }
}
