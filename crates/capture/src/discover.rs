//! Finding a Chromium-family browser on the user's machine: `PREFLIGHT_CHROME` first, then the
//! usual command names on `PATH`, then the standard install locations of each platform.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use crate::error::CaptureError;

/// The environment variable that names the browser binary to use.
pub const BROWSER_ENV: &str = "PREFLIGHT_CHROME";

/// Command names tried on `PATH`, in order.
const PATH_NAMES: &[&str] = &[
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "chrome",
    "msedge",
    "microsoft-edge",
];

/// The platform whose install locations and hints apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Platform {
    Linux,
    MacOs,
    Windows,
    Other,
}

impl Platform {
    pub fn current() -> Self {
        if cfg!(target_os = "macos") {
            Platform::MacOs
        } else if cfg!(windows) {
            Platform::Windows
        } else if cfg!(target_os = "linux") {
            Platform::Linux
        } else {
            Platform::Other
        }
    }

    /// How to get a browser on this platform, shown when none is found.
    pub fn install_hint(self) -> &'static str {
        match self {
            Platform::Linux => "Install Chromium (Debian/Ubuntu: “sudo apt install chromium”; Fedora: “sudo dnf install chromium”) or Google Chrome, or set PREFLIGHT_CHROME to the browser binary.",
            Platform::MacOs => "Install Google Chrome from https://www.google.com/chrome/ (or “brew install --cask google-chrome”), or set PREFLIGHT_CHROME to the browser binary.",
            Platform::Windows => "Install Google Chrome from https://www.google.com/chrome/ (Microsoft Edge also works), or set PREFLIGHT_CHROME to chrome.exe.",
            Platform::Other => "Install Chromium or Google Chrome, or set PREFLIGHT_CHROME to the browser binary.",
        }
    }
}

/// What discovery may look at; real lookups in production, fakes in tests.
pub struct Lookup<'a> {
    pub platform: Platform,
    pub env: &'a dyn Fn(&str) -> Option<OsString>,
    pub is_file: &'a dyn Fn(&Path) -> bool,
}

/// Find a browser on this machine.
pub fn find_browser() -> Result<PathBuf, CaptureError> {
    find_browser_with(&Lookup {
        platform: Platform::current(),
        env: &|name| std::env::var_os(name),
        is_file: &|path| path.is_file(),
    })
}

/// Find a browser using the given lookups (see [`find_browser`]).
pub fn find_browser_with(lookup: &Lookup<'_>) -> Result<PathBuf, CaptureError> {
    if let Some(value) = (lookup.env)(BROWSER_ENV).filter(|v| !v.is_empty()) {
        let path = PathBuf::from(&value);
        if (lookup.is_file)(&path) {
            return Ok(path);
        }
        // An explicit choice that does not exist is a mistake to report, not to work around.
        return Err(CaptureError::BrowserNotFound {
            detail: format!(
                "{BROWSER_ENV} is set to {}, which is not a file",
                path.display()
            ),
            hint: lookup.platform.install_hint().to_string(),
        });
    }
    candidates(lookup)
        .into_iter()
        .find(|path| (lookup.is_file)(path))
        .ok_or_else(|| CaptureError::BrowserNotFound {
            detail: format!(
                "looked for {BROWSER_ENV}, {} on PATH and the standard install locations",
                PATH_NAMES.join(", ")
            ),
            hint: lookup.platform.install_hint().to_string(),
        })
}

/// Every path worth trying, in order of preference.
fn candidates(lookup: &Lookup<'_>) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Some(path_var) = (lookup.env)("PATH") {
        for dir in std::env::split_paths(&path_var) {
            for name in PATH_NAMES {
                match lookup.platform {
                    Platform::Windows => out.push(dir.join(format!("{name}.exe"))),
                    _ => out.push(dir.join(name)),
                }
            }
        }
    }
    out.extend(install_locations(lookup));
    out
}

fn install_locations(lookup: &Lookup<'_>) -> Vec<PathBuf> {
    match lookup.platform {
        Platform::Linux | Platform::Other => [
            "/usr/bin/chromium",
            "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome",
            "/usr/bin/google-chrome-stable",
            "/snap/bin/chromium",
            "/opt/google/chrome/chrome",
            "/usr/bin/microsoft-edge",
        ]
        .iter()
        .map(PathBuf::from)
        .collect(),
        Platform::MacOs => {
            let apps = [
                "Google Chrome.app/Contents/MacOS/Google Chrome",
                "Chromium.app/Contents/MacOS/Chromium",
                "Google Chrome Canary.app/Contents/MacOS/Google Chrome Canary",
                "Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
            ];
            let mut roots = vec![PathBuf::from("/Applications")];
            if let Some(home) = (lookup.env)("HOME") {
                roots.push(PathBuf::from(home).join("Applications"));
            }
            roots
                .iter()
                .flat_map(|root| apps.iter().map(move |app| root.join(app)))
                .collect()
        }
        Platform::Windows => {
            let chrome = ["Google", "Chrome", "Application", "chrome.exe"];
            let edge = ["Microsoft", "Edge", "Application", "msedge.exe"];
            let roots: Vec<PathBuf> = ["ProgramFiles", "ProgramFiles(x86)", "LocalAppData"]
                .iter()
                .filter_map(|var| (lookup.env)(var))
                .map(PathBuf::from)
                .collect();
            [chrome, edge]
                .iter()
                .flat_map(|parts| {
                    roots
                        .iter()
                        .map(move |root| parts.iter().fold(root.clone(), |p, part| p.join(part)))
                })
                .collect()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn find(
        platform: Platform,
        env: &[(&str, &str)],
        files: &[&str],
    ) -> Result<PathBuf, CaptureError> {
        let env: HashMap<String, OsString> = env
            .iter()
            .map(|(k, v)| (k.to_string(), OsString::from(v)))
            .collect();
        let files: Vec<PathBuf> = files.iter().map(PathBuf::from).collect();
        find_browser_with(&Lookup {
            platform,
            env: &|name| env.get(name).cloned(),
            is_file: &|path| files.iter().any(|f| f == path),
        })
    }

    #[test]
    fn env_variable_wins_over_path() {
        let found = find(
            Platform::Linux,
            &[("PREFLIGHT_CHROME", "/opt/my/chrome"), ("PATH", "/usr/bin")],
            &["/opt/my/chrome", "/usr/bin/chromium"],
        );
        assert_eq!(found.unwrap(), PathBuf::from("/opt/my/chrome"));
    }

    #[test]
    fn env_variable_pointing_nowhere_is_an_error() {
        let err = find(
            Platform::Linux,
            &[("PREFLIGHT_CHROME", "/nope/chrome"), ("PATH", "/usr/bin")],
            &["/usr/bin/chromium"],
        )
        .unwrap_err();
        assert_eq!(err.code(), "browser_not_found");
        assert!(err.to_string().contains("/nope/chrome"), "{err}");
    }

    #[test]
    fn path_is_searched_in_name_order() {
        let found = find(
            Platform::Linux,
            &[("PATH", "/a:/b")],
            &["/b/chromium", "/a/google-chrome"],
        );
        // Directory order comes first, as a shell would.
        assert_eq!(found.unwrap(), PathBuf::from("/a/google-chrome"));
    }

    #[test]
    fn linux_falls_back_to_standard_locations() {
        let found = find(Platform::Linux, &[], &["/opt/google/chrome/chrome"]);
        assert_eq!(found.unwrap(), PathBuf::from("/opt/google/chrome/chrome"));
    }

    #[test]
    fn macos_finds_the_app_bundle() {
        let found = find(
            Platform::MacOs,
            &[("HOME", "/Users/ann")],
            &["/Users/ann/Applications/Chromium.app/Contents/MacOS/Chromium"],
        );
        assert_eq!(
            found.unwrap(),
            PathBuf::from("/Users/ann/Applications/Chromium.app/Contents/MacOS/Chromium")
        );
    }

    #[test]
    fn windows_finds_chrome_then_edge_under_program_files() {
        let chrome = PathBuf::from("C:/PF")
            .join("Google")
            .join("Chrome")
            .join("Application")
            .join("chrome.exe");
        let edge = PathBuf::from("C:/PF86")
            .join("Microsoft")
            .join("Edge")
            .join("Application")
            .join("msedge.exe");
        let env = [("ProgramFiles", "C:/PF"), ("ProgramFiles(x86)", "C:/PF86")];
        let both = [chrome.to_str().unwrap(), edge.to_str().unwrap()];
        assert_eq!(find(Platform::Windows, &env, &both).unwrap(), chrome);
        assert_eq!(find(Platform::Windows, &env, &both[1..]).unwrap(), edge);
    }

    #[test]
    fn nothing_found_gives_a_platform_hint() {
        let linux = find(Platform::Linux, &[("PATH", "/usr/bin")], &[]).unwrap_err();
        assert_eq!(linux.code(), "browser_not_found");
        assert!(
            linux.to_string().contains("apt install chromium"),
            "{linux}"
        );
        let mac = find(Platform::MacOs, &[], &[]).unwrap_err();
        assert!(mac.to_string().contains("Google Chrome"), "{mac}");
        let win = find(Platform::Windows, &[], &[]).unwrap_err();
        assert!(win.to_string().contains("Google Chrome"), "{win}");
    }
}
