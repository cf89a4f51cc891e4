//! Sitemap variants.

use std::io::Write;

use preflight_utm::{parse_sitemap, SitemapError, SitemapKind};

#[test]
fn urlset_with_namespaces_entities_cdata_and_extensions() {
    let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
  <url>
    <loc> https://a.example/?utm_source=chatgpt&amp;utm_medium=cpc </loc>
    <image:image><image:loc>https://cdn.example/a.png</image:loc></image:image>
  </url>
  <url><loc><![CDATA[https://a.example/b?x=1&y=2]]></loc></url>
  <url><loc>https://a.example/caf&#xE9;</loc></url>
  <url><loc>/relative/path</loc></url>
</urlset>"#;
    let s = parse_sitemap(xml.as_bytes()).unwrap();
    assert_eq!(s.kind, SitemapKind::UrlSet);
    let urls: Vec<(u64, &str)> = s.urls.iter().map(|u| (u.line, u.url.as_str())).collect();
    assert_eq!(
        urls,
        vec![
            (5, "https://a.example/?utm_source=chatgpt&utm_medium=cpc"),
            (8, "https://a.example/b?x=1&y=2"),
            (9, "https://a.example/café"),
        ]
    );
    assert_eq!(s.issues.len(), 1);
    assert_eq!(s.issues[0].line, 10);
    assert!(s.child_sitemaps.is_empty());
}

#[test]
fn sitemap_index_returns_children() {
    let xml = r#"<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>https://a.example/sitemap-1.xml</loc><lastmod>2026-01-01</lastmod></sitemap>
  <sitemap><loc>https://a.example/sitemap-2.xml.gz</loc></sitemap>
</sitemapindex>"#;
    let s = parse_sitemap(xml.as_bytes()).unwrap();
    assert_eq!(s.kind, SitemapKind::SitemapIndex);
    assert_eq!(
        s.child_sitemaps,
        vec![
            "https://a.example/sitemap-1.xml",
            "https://a.example/sitemap-2.xml.gz"
        ]
    );
    assert!(s.urls.is_empty());
}

#[test]
fn prefixed_namespace_bom_and_gzip() {
    let xml = "\u{feff}<sm:urlset xmlns:sm=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><sm:url><sm:loc>https://a.example/</sm:loc></sm:url></sm:urlset>";
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(xml.as_bytes()).unwrap();
    let bytes = gz.finish().unwrap();
    let s = parse_sitemap(&bytes).unwrap();
    assert_eq!(s.urls[0].url, "https://a.example/");
}

#[test]
fn plain_text_sitemap() {
    let s = parse_sitemap(b"https://a.example/\nhttps://b.example/\n").unwrap();
    assert_eq!(s.kind, SitemapKind::PlainText);
    assert_eq!(s.urls.len(), 2);
}

#[test]
fn bad_sitemaps_give_clear_errors() {
    assert!(matches!(
        parse_sitemap(b"<html><body>hi</body></html>"),
        Err(SitemapError::NotASitemap(root)) if root == "html"
    ));
    let err = parse_sitemap(b"<urlset>\n<url><loc>https://a.example/</url></urlset>").unwrap_err();
    assert!(matches!(err, SitemapError::Xml { line: 2, .. }), "{err:?}");
    assert!(matches!(
        parse_sitemap(b"<urlset><url><loc>https://a.example/&bogus;</loc></url></urlset>"),
        Err(SitemapError::Xml { .. })
    ));
    assert!(matches!(
        parse_sitemap(&[0x1f, 0x8b, 0, 1, 2]),
        Err(SitemapError::Gzip(_))
    ));
    // Entity-expansion bombs are not expanded: a custom entity is an error, not a blow-up.
    let bomb = r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>
<urlset><url><loc>&lol2;</loc></url></urlset>"#;
    assert!(parse_sitemap(bomb.as_bytes()).is_err());
    assert!(matches!(parse_sitemap(b"<urlset/>"), Ok(s) if s.urls.is_empty()));
}

#[test]
fn gzip_bomb_is_capped() {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let chunk = vec![b' '; 1024 * 1024];
    for _ in 0..60 {
        gz.write_all(&chunk).unwrap();
    }
    let bytes = gz.finish().unwrap();
    assert!(bytes.len() < 1024 * 1024);
    assert_eq!(parse_sitemap(&bytes), Err(SitemapError::TooLarge));
}

/// A sitemap at the protocol's limit of 50,000 URLs, laid out four different ways (one entry
/// per line, an entry spread over several lines, comments and CRLF between entries, several
/// entries on one line): every URL and every issue carries the line of its `<loc>`.
#[test]
fn line_numbers_of_a_full_size_sitemap() {
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    let mut line = 3u64;
    let mut expected: Vec<(u64, String)> = Vec::new();
    let push = |xml: &mut String, text: &str, line: &mut u64| {
        xml.push_str(text);
        *line += text.matches('\n').count() as u64;
    };
    for i in 0..50_000u32 {
        let url = if i % 997 == 0 {
            format!("not-a-url/{i}")
        } else {
            format!("https://shop.example/caf\u{e9}/{i}?utm_source=chatgpt")
        };
        match i % 4 {
            0 => push(&mut xml, "<url>", &mut line),
            1 => push(&mut xml, "<url>\n  ", &mut line),
            2 => push(
                &mut xml,
                "<!-- spread\nover lines -->\r\n<url><lastmod>2026-01-01</lastmod>\r\n",
                &mut line,
            ),
            _ => push(&mut xml, " <url>", &mut line),
        }
        expected.push((line, url.clone()));
        let entry = match i % 4 {
            1 => format!("<loc>\n    {url}\n  </loc>\n</url>\n"),
            3 => format!("<loc>{url}</loc></url>"),
            _ => format!("<loc>{url}</loc></url>\n"),
        };
        push(&mut xml, &entry, &mut line);
    }
    xml.push_str("\n</urlset>\n");

    let sitemap = parse_sitemap(xml.as_bytes()).unwrap();
    let mut got: Vec<(u64, String)> = sitemap
        .urls
        .iter()
        .map(|u| (u.line, u.url.clone()))
        .chain(sitemap.issues.iter().map(|i| (i.line, i.text.clone())))
        .collect();
    got.sort();
    expected.sort();
    assert_eq!(sitemap.issues.len(), 51);
    assert_eq!(got.len(), 50_000);
    assert_eq!(got, expected);
    assert_eq!(sitemap.issues[0].line, 3);
    assert_eq!(sitemap.urls[0].line, 5);
    assert_eq!(sitemap.urls.last().unwrap().line, line);
}
