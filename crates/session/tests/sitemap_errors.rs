//! A sitemap that cannot be downloaded is explained in plain words, with the host and port,
//! never with the HTTP library's text.

use preflight_fixtures::closed_port_url;
use preflight_session::sitemap::download_sitemap;

#[tokio::test]
async fn a_sitemap_where_nothing_listens_says_so_in_plain_words() {
    let base = closed_port_url();
    let host_port = base.trim_start_matches("http://").trim_end_matches('/');
    let error = download_sitemap(&format!("{base}sitemap.xml"))
        .await
        .expect_err("nothing listens there");
    let text = error.to_string();
    assert!(
        text.ends_with(&format!(
            "The server refused the connection: nothing is listening at {host_port}."
        )),
        "{text}"
    );
    for words in [
        "os error",
        "tcp connect error",
        "client error",
        "error sending request",
    ] {
        assert!(!text.to_lowercase().contains(words), "{text}");
    }
}

#[tokio::test]
async fn a_sitemap_address_that_is_not_one_says_what_to_give() {
    let error = download_sitemap("not a url")
        .await
        .expect_err("not an address");
    let text = error.to_string();
    assert!(text.contains("give the full address"), "{text}");
    assert!(!text.contains("relative URL"), "{text}");
}
