//! What the end-to-end tests share: a virtual display, tauri-driver, the app under WebDriver and
//! small waiting helpers.
#![allow(dead_code)]

use fantoccini::{Client, ClientBuilder, Locator};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub const WAIT: Duration = Duration::from_secs(30);

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A child process stopped with SIGTERM on drop (SIGKILL would leave WebKitWebDriver running).
pub struct Proc(Child);

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
pub fn display() -> (String, Option<Proc>) {
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

pub struct Driver {
    _driver: Proc,
    pub port: u16,
}

pub fn start_driver(display: &str, db: &Path) -> Driver {
    start_driver_sized(display, db, None)
}

/// tauri-driver for an app whose window opens at `size` ("900x600").
pub fn start_driver_sized(display: &str, db: &Path, size: Option<&str>) -> Driver {
    start_driver_with(display, db, size, &[])
}

/// tauri-driver for an app started with extra environment variables (such as the address of
/// a loopback stand-in for an outside API).
pub fn start_driver_with(
    display: &str,
    db: &Path,
    size: Option<&str>,
    env: &[(&str, &str)],
) -> Driver {
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
        .env("PREFLIGHT_WINDOW_SIZE", size.unwrap_or(""))
        .env("WEBKIT_DISABLE_DMABUF_RENDERER", "1")
        .envs(env.iter().copied())
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("tauri-driver is needed (cargo install tauri-driver --version '^2' --locked)");
    // tauri-driver listens at once but forwards to the native driver it starts beside it; a
    // session asked for before that one listens is dropped, so both are waited for.
    let deadline = Instant::now() + Duration::from_secs(30);
    for (listener, what) in [(port, "tauri-driver"), (native, "the native WebDriver")] {
        while std::net::TcpStream::connect(("127.0.0.1", listener)).is_err() {
            assert!(Instant::now() < deadline, "{what} did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
    }
    Driver {
        _driver: Proc(child),
        port,
    }
}

pub async fn open_app(driver: &Driver) -> Client {
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

pub async fn text_of(client: &Client, css: &str) -> Vec<String> {
    // The page's own rendered text, read in one call (a driver's per-element text can read
    // cells of a scrolling grid as empty).
    let script = "return Array.from(document.querySelectorAll(arguments[0])).map(e => (e.innerText || e.textContent || '').trim());";
    client
        .execute(script, vec![serde_json::Value::String(css.to_string())])
        .await
        .ok()
        .and_then(|v| serde_json::from_value(v).ok())
        .unwrap_or_default()
}

/// Waits until `check` is true for the texts of the elements matching `css`.
pub async fn wait_for_texts(
    client: &Client,
    css: &str,
    what: &str,
    check: impl Fn(&[String]) -> bool,
) -> Vec<String> {
    wait_for_texts_within(client, css, what, WAIT, check).await
}

/// [`wait_for_texts`] with a longer wait, for work that runs a browser.
pub async fn wait_for_texts_within(
    client: &Client,
    css: &str,
    what: &str,
    wait: Duration,
    check: impl Fn(&[String]) -> bool,
) -> Vec<String> {
    let deadline = Instant::now() + wait;
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

/// `PREFLIGHT_E2E_SCREENSHOTS=1` takes every screenshot; a comma-separated list of name starts
/// (`utm,area-planner`) takes only those.
fn screenshot_wanted(name: &str) -> bool {
    match std::env::var("PREFLIGHT_E2E_SCREENSHOTS") {
        Ok(v) if v == "1" => true,
        Ok(v) => v
            .split(',')
            .map(str::trim)
            .any(|p| !p.is_empty() && name.starts_with(p)),
        Err(_) => false,
    }
}

pub async fn save_screenshot(client: &Client, name: &str) -> std::io::Result<()> {
    // WebKitGTK's driver can stall on a screenshot of some screens (sticky and scrolling boxes),
    // and a stalled command holds the whole session; screenshots are taken only when asked for.
    if !screenshot_wanted(name) {
        return Ok(());
    }
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("screenshots");
    std::fs::create_dir_all(&dir)?;
    if let Ok(png) = client.screenshot().await {
        std::fs::write(dir.join(format!("{name}.png")), png)?;
    }
    Ok(())
}

/// Clicks as a user would: the element is brought to the middle of the view (WebDriver would
/// put it at the bottom edge, where notices sit), and while something covers it (a notice that
/// has not faded yet) the click is tried again.
pub async fn click(client: &Client, css: &str) {
    let deadline = Instant::now() + WAIT;
    loop {
        let element = client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("{css}: {e}"));
        let reference = serde_json::to_value(&element).unwrap();
        let _ = client
            .execute(
                "arguments[0].scrollIntoView({block: 'center', inline: 'nearest'});",
                vec![reference.clone()],
            )
            .await;
        settle(client, &reference).await;
        match element.click().await {
            Ok(()) => return,
            Err(e) if covered(&e) && Instant::now() < deadline => {
                tokio::time::sleep(Duration::from_millis(250)).await;
            }
            Err(e) => {
                let cover = client
                    .execute(COVERING_ELEMENT, vec![reference])
                    .await
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default();
                panic!("{css}: {e} (covered by: {cover})");
            }
        }
    }
}

/// Waits (up to 2 s) until the element stays in one place for 150 ms: a click is aimed at a
/// point, and a line that appears above the element moves it away from that point.
async fn settle(client: &Client, element: &serde_json::Value) {
    const RECT: &str = "const r = arguments[0].getBoundingClientRect(); return [r.x, r.y, r.width, r.height].join(',');";
    let deadline = Instant::now() + Duration::from_secs(2);
    let mut last = None;
    while Instant::now() < deadline {
        let rect = client.execute(RECT, vec![element.clone()]).await.ok();
        if rect.is_some() && rect == last {
            return;
        }
        last = rect;
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
}

fn covered(e: &fantoccini::error::CmdError) -> bool {
    matches!(e, fantoccini::error::CmdError::Standard(w)
        if w.error == fantoccini::error::ErrorStatus::ElementClickIntercepted)
}

/// Names the element on top at the middle of the given one, for a failure message.
const COVERING_ELEMENT: &str = "const r = arguments[0].getBoundingClientRect();
const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
return top ? top.outerHTML.slice(0, 200) : 'nothing';";

pub async fn type_into(client: &Client, css: &str, text: &str) {
    let field = client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"));
    field.clear().await.unwrap();
    // A cleared React field can keep its old value in state: select all and delete as a user
    // would (Control+A, release, Backspace) before typing.
    field.send_keys("\u{E009}a\u{E000}\u{E003}").await.unwrap();
    field.send_keys(text).await.unwrap();
}

/// A screenshot at 1280×800, the size the app is first checked at. The smallest window
/// (900×600) is checked in a session opened at that size (`start_driver_sized`): resizing a
/// running window below its start size is not something every driver can do.
pub async fn screenshot_wide(client: &Client, name: &str) {
    if !screenshot_wanted(name) {
        return;
    }
    let _ = client.set_window_size(1280, 800).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    save_screenshot(client, &format!("{name}-1280x800"))
        .await
        .unwrap();
}

/// Whether the main area scrolls sideways (something is wider than the window).
pub async fn main_scrolls_sideways(client: &Client) -> bool {
    client
        .execute(
            "const m = document.querySelector('main.main'); return m ? m.scrollWidth > m.clientWidth + 1 : false;",
            vec![],
        )
        .await
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

/// Clicks `css` once it is in the page, scrolled to the middle of the window first (a toast or
/// a sticky bar may cover the window's edges).
pub async fn centred_click(client: &Client, css: &str) {
    wait_for_texts(client, css, css, |t| t.len() == 1).await;
    // A button still waiting for its data is disabled; a user waits for it too.
    let deadline = Instant::now() + WAIT;
    while client
        .execute(
            "return !!document.querySelector(arguments[0]).disabled;",
            vec![serde_json::json!(css)],
        )
        .await
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
    {
        assert!(Instant::now() < deadline, "{css} stayed disabled");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    client
        .execute(
            "document.querySelector(arguments[0]).scrollIntoView({ block: 'center' });",
            vec![serde_json::json!(css)],
        )
        .await
        .unwrap();
    click(client, css).await;
}
