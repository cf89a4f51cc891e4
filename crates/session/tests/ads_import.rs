//! A client's ad account end to end against a loopback stand-in for OpenAI's Ads API: the key
//! kept in the keychain (never in the database), ads imported as the client's pages, imported
//! again without duplicates, and every failure leaving what was saved as it was.

use preflight_fixtures::ads_api::{FakeAd, FakeAdsApi};
use preflight_session::ads_import::{
    check_key, connection, keep_ads, kept_key, read_ads, remove_key, save_key, saved_ads,
};
use preflight_session::{SessionError, Store};

const KEY: &str = "sk-ads-import-test-5d1e";

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = preflight_session::open_store(&dir.path().join("preflight.db")).unwrap();
    (dir, store)
}

fn block<T>(f: impl std::future::Future<Output = T>) -> T {
    tokio::runtime::Runtime::new().unwrap().block_on(f)
}

fn page_urls(store: &Store, client: i64) -> Vec<String> {
    store
        .list_pages(client)
        .unwrap()
        .into_iter()
        .map(|p| p.url)
        .collect()
}

#[test]
fn ads_become_the_clients_pages_and_a_second_import_updates_them() {
    let (dir, store) = store();
    let client = store.create_client("Acme").unwrap().id;
    let api = FakeAdsApi::start(
        KEY,
        vec![
            FakeAd::approved("ad_1", "https://shop.example/boots"),
            FakeAd::approved("ad_2", "https://shop.example/boots"),
            FakeAd::approved("ad_3", "https://shop.example/tents").rejected("crawler_403"),
        ],
    );
    let account = block(check_key(KEY, &api.base_url())).unwrap();
    assert_eq!(account.name.as_deref(), Some("Acme Outdoor"));
    save_key(&store, client, KEY).unwrap();
    assert!(connection(&store, client).unwrap().connected);

    let key = kept_key(&store, client).unwrap();
    let ads = block(read_ads(&key, &api.base_url())).unwrap();
    assert_eq!(ads.len(), 3, "three ads over two pages of the list");
    let counts = keep_ads(&store, client, &ads).unwrap();
    assert_eq!((counts.added, counts.pages_added), (3, 2));
    assert_eq!(
        page_urls(&store, client),
        ["https://shop.example/boots", "https://shop.example/tents"]
    );
    let kept = saved_ads(&store, client).unwrap();
    assert_eq!(kept[2].review.reason.as_deref(), Some("crawler_403"));
    assert!(kept[0]
        .click_url
        .as_deref()
        .unwrap()
        .contains("utm_source=chatgpt"));

    // The account changes: ad 3 is fixed and approved, ad 2 deleted, ad 4 added.
    api.set_ads(vec![
        FakeAd::approved("ad_1", "https://shop.example/boots"),
        FakeAd::approved("ad_3", "https://shop.example/tents"),
        FakeAd::approved("ad_4", "https://shop.example/stoves"),
    ]);
    let again = block(read_ads(&key, &api.base_url())).unwrap();
    let counts = keep_ads(&store, client, &again).unwrap();
    assert_eq!(
        (
            counts.added,
            counts.updated,
            counts.unchanged,
            counts.gone,
            counts.pages_added
        ),
        (1, 1, 1, 1, 1)
    );
    let kept = saved_ads(&store, client).unwrap();
    let ids: Vec<&str> = kept.iter().map(|a| a.ad.id.as_str()).collect();
    assert_eq!(ids, ["ad_1", "ad_3", "ad_4"]);
    assert_eq!(kept[1].review.status.as_deref(), Some("approved"));
    assert_eq!(page_urls(&store, client).len(), 3, "no page twice");

    // The key is in the keychain, never in the database's files.
    drop(store);
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        assert!(!bytes.windows(KEY.len()).any(|w| w == KEY.as_bytes()));
    }
    let store = preflight_session::open_store(&dir.path().join("preflight.db")).unwrap();
    assert!(remove_key(&store, client).unwrap());
    assert!(matches!(
        kept_key(&store, client),
        Err(SessionError::Ads(preflight_ads::AdsError::NoKey))
    ));
    assert_eq!(
        saved_ads(&store, client).unwrap().len(),
        3,
        "removing the key keeps the ads"
    );
}

#[test]
fn a_revoked_key_an_empty_account_or_a_garbled_answer_change_nothing() {
    let (_dir, store) = store();
    let client = store.create_client("Acme").unwrap().id;
    let api = FakeAdsApi::start(
        KEY,
        vec![FakeAd::approved("ad_1", "https://shop.example/a")],
    );
    let ads = block(read_ads(KEY, &api.base_url())).unwrap();
    keep_ads(&store, client, &ads).unwrap();
    let before = (
        saved_ads(&store, client).unwrap(),
        page_urls(&store, client),
    );

    api.set_ads(Vec::new());
    let none = block(read_ads(KEY, &api.base_url())).unwrap();
    let err = keep_ads(&store, client, &none).unwrap_err();
    assert_eq!(err.code(), "ads_none");
    assert!(
        err.to_string().contains("nothing saved was changed"),
        "{err}"
    );

    api.set_ads(vec![FakeAd::approved("ad_1", "https://shop.example/a")]);
    api.answer_malformed();
    let err = block(read_ads(KEY, &api.base_url())).unwrap_err();
    assert_eq!(err.code(), "ads_unreadable");

    api.revoke_key();
    let err = block(check_key(KEY, &api.base_url())).unwrap_err();
    assert_eq!(err.code(), "ads_unauthorized");
    assert!(!err.to_string().contains(KEY));

    let after = (
        saved_ads(&store, client).unwrap(),
        page_urls(&store, client),
    );
    assert_eq!(before, after);
}

#[test]
fn the_api_address_is_a_setting_that_takes_only_web_addresses() {
    use preflight_session::ads_import::{api_address, set_api_address};
    let (_dir, store) = store();
    let first = api_address(&store).unwrap();
    assert_eq!(first.saved, "");
    assert_eq!(first.default, preflight_ads::DEFAULT_BASE_URL);
    let set = set_api_address(&store, " https://ads-proxy.example/v1/ ").unwrap();
    assert_eq!(set.saved, "https://ads-proxy.example/v1");
    if !set.from_environment {
        assert_eq!(set.effective, "https://ads-proxy.example/v1");
    }
    let err = set_api_address(&store, "file:///etc/passwd").unwrap_err();
    assert_eq!(err.code(), "ads_bad_base_url");
    assert_eq!(
        api_address(&store).unwrap().saved,
        "https://ads-proxy.example/v1",
        "a refused address changes nothing"
    );
    assert_eq!(set_api_address(&store, "").unwrap().saved, "");
}
