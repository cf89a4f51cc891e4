//! The real desktop app, driven over WebDriver (tauri-driver + WebKitWebDriver) in a virtual X
//! display: create a client, add pages served by a local fixture site, run an audit, read the
//! verdicts, close the app, reopen it and find the audit still there.
//!
//! Needs `tauri-driver` and `WebKitWebDriver` on PATH and `Xvfb` when no DISPLAY is set; the
//! README's test command installs them. The UI must be built (ui/dist) before the app.

use fantoccini::{Client, ClientBuilder, Locator};
use preflight_fixtures::FixtureSite;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(30);

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A child process stopped with SIGTERM on drop (SIGKILL would leave WebKitWebDriver running).
struct Proc(Child);

impl Drop for Proc {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .arg("-TERM")
            .arg(self.0.id().to_string())
            .status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.0.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = self.0.kill();
    }
}

/// The display to use: the current one, or a private Xvfb.
fn display() -> (String, Option<Proc>) {
    if let Ok(d) = std::env::var("DISPLAY") {
        if !d.is_empty() {
            return (d, None);
        }
    }
    let n = 90 + (std::process::id() % 400);
    let display = format!(":{n}");
    let xvfb = Command::new("Xvfb")
        .args([&display, "-screen", "0", "1280x900x24", "-nolisten", "tcp"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("Xvfb is needed when no DISPLAY is set (apt install xvfb)");
    std::thread::sleep(Duration::from_millis(800));
    (display, Some(Proc(xvfb)))
}

struct Driver {
    _driver: Proc,
    port: u16,
}

fn start_driver(display: &str, db: &Path) -> Driver {
    let port = free_port();
    let native = free_port();
    let child = Command::new("tauri-driver")
        .args([
            "--port",
            &port.to_string(),
            "--native-port",
            &native.to_string(),
        ])
        .env("DISPLAY", display)
        .env("PREFLIGHT_DB", db)
        .env("WEBKIT_DISABLE_DMABUF_RENDERER", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("tauri-driver is needed (cargo install tauri-driver --version '^2' --locked)");
    let deadline = Instant::now() + Duration::from_secs(10);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "tauri-driver did not start");
        std::thread::sleep(Duration::from_millis(100));
    }
    Driver {
        _driver: Proc(child),
        port,
    }
}

async fn open_app(driver: &Driver) -> Client {
    let app = PathBuf::from(env!("CARGO_BIN_EXE_preflight-desktop"));
    let mut caps = serde_json::Map::new();
    caps.insert("browserName".into(), "wry".into());
    caps.insert(
        "tauri:options".into(),
        serde_json::json!({ "application": app }),
    );
    ClientBuilder::rustls()
        .expect("tls")
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{}", driver.port))
        .await
        .expect("the app starts under WebDriver")
}

async fn text_of(client: &Client, css: &str) -> Vec<String> {
    let mut out = Vec::new();
    for element in client.find_all(Locator::Css(css)).await.unwrap_or_default() {
        out.push(element.text().await.unwrap_or_default());
    }
    out
}

/// Waits until `check` is true for the texts of the elements matching `css`.
async fn wait_for_texts(
    client: &Client,
    css: &str,
    what: &str,
    check: impl Fn(&[String]) -> bool,
) -> Vec<String> {
    let deadline = Instant::now() + WAIT;
    loop {
        let texts = text_of(client, css).await;
        if check(&texts) {
            return texts;
        }
        if Instant::now() > deadline {
            let _ = save_screenshot(client, "failure").await;
            panic!("timed out waiting for {what}; `{css}` shows {texts:?}");
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

async fn save_screenshot(client: &Client, name: &str) -> std::io::Result<()> {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("screenshots");
    std::fs::create_dir_all(&dir)?;
    if let Ok(png) = client.screenshot().await {
        std::fs::write(dir.join(format!("{name}.png")), png)?;
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn create_client_add_pages_run_audit_and_find_it_after_restart() {
    let site = FixtureSite::start();
    let ok = site.url("/ok?utm_source=chatgpt&utm_medium=cpc");
    let blocked = site.url("/blocks-adsbot");
    let data = tempfile::tempdir().unwrap();
    let db = data.path().join("preflight.sqlite3");
    let (display, _xvfb) = display();

    {
        let driver = start_driver(&display, &db);
        let client = open_app(&driver).await;

        let name = client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css("[data-testid=new-client-name]"))
            .await
            .unwrap();
        name.send_keys("Acme e2e").await.unwrap();
        client
            .find(Locator::Css("[data-testid=create-client]"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        wait_for_texts(
            &client,
            "[data-testid=client-title]",
            "the new client",
            |t| t == ["Acme e2e"],
        )
        .await;

        let paste = client
            .find(Locator::Css("[data-testid=paste-urls]"))
            .await
            .unwrap();
        // WebKitWebDriver types a newline only as the Enter key.
        let enter = char::from(fantoccini::key::Key::Enter).to_string();
        paste
            .send_keys(&[ok.as_str(), "not a url", blocked.as_str()].join(&enter))
            .await
            .unwrap();
        wait_for_texts(
            &client,
            "[data-testid=invalid-line]",
            "the invalid line to be explained",
            |t| t.len() >= 1 && t[0].contains("Line 2"),
        )
        .await;
        client
            .find(Locator::Css("[data-testid=add-pages]"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        wait_for_texts(&client, "[data-testid=page-list] .url", "two pages", |t| {
            t.len() == 2
        })
        .await;

        client
            .find(Locator::Css("[data-testid=run-audit]"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        let history = wait_for_texts(
            &client,
            "[data-testid=audit-item]",
            "the finished audit",
            |t| t.len() == 1 && t[0].contains("Not ready"),
        )
        .await;
        assert!(
            history[0].contains("1 of 2 pages have blocking problems"),
            "{history:?}"
        );

        client
            .find(Locator::Css("[data-testid=audit-item]"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        let headline = wait_for_texts(
            &client,
            "[data-testid=audit-headline]",
            "the audit view",
            |t| !t.is_empty(),
        )
        .await;
        assert!(headline[0].contains("Not ready"), "{headline:?}");
        // Pages with problems are listed first; switch to all pages to see both.
        client.find(Locator::LinkText("All pages")).await.ok();
        for b in client
            .find_all(Locator::Css(".segmented button"))
            .await
            .unwrap()
        {
            if b.text().await.unwrap_or_default() == "All pages" {
                b.click().await.unwrap();
            }
        }
        let verdicts = wait_for_texts(
            &client,
            "[data-testid=page-verdict]",
            "both verdicts",
            |t| t.len() == 2,
        )
        .await;
        assert_eq!(verdicts, vec!["Reachable", "Blocked"]);
        save_screenshot(&client, "audit-result").await.unwrap();
        client.close().await.unwrap();
    }

    // Reopen: the client and its audit are still there.
    let driver = start_driver(&display, &db);
    let client = open_app(&driver).await;
    wait_for_texts(
        &client,
        "[data-testid=client-title]",
        "the saved client",
        |t| t == ["Acme e2e"],
    )
    .await;
    wait_for_texts(
        &client,
        "[data-testid=audit-item]",
        "the saved audit",
        |t| t.len() == 1,
    )
    .await;
    client.close().await.unwrap();
}
