//! The two scripts put into the page: the init script that wraps `window.oaiq`, and the
//! stand-in served in place of OpenAI's SDK. The init script reports through a binding with a
//! per-capture name, and its messages carry a secret that only it knows (the stand-in is
//! served to the page, which can read it, so it holds neither).

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};

use crate::caps::{MAX_ARGS_JSON_CHARS, MAX_STRING_CHARS};
use crate::intercept::SDK_HOST;

const INIT_TEMPLATE: &str = include_str!("js/init.js");
const SDK_TEMPLATE: &str = include_str!("js/sdk.js");
const STEPS_SCRIPT: &str = include_str!("js/steps.js");

/// The names shared by the browser side and the capture for one run.
#[derive(Debug, Clone)]
pub(crate) struct Scripts {
    /// The `Runtime.addBinding` name the init script reports through (and removes from the
    /// page's `window` before any page script runs).
    pub binding: String,
    /// Carried by every message of the init script; a message without it is not recorded.
    pub secret: String,
}

impl Scripts {
    pub fn new() -> Self {
        let token = random_token();
        Scripts {
            binding: format!("__preflightEmit_{token}"),
            secret: format!("{}{}", random_token(), random_token()),
        }
    }

    pub fn init_script(&self) -> String {
        INIT_TEMPLATE
            .replace("@@STEPS@@", STEPS_SCRIPT)
            .replace("@@BINDING@@", &self.binding)
            .replace("@@SECRET@@", &self.secret)
            .replace("@@SDK_HOST@@", SDK_HOST)
            .replace("@@MAX_STRING@@", &MAX_STRING_CHARS.to_string())
            .replace("@@MAX_ARGS_JSON@@", &MAX_ARGS_JSON_CHARS.to_string())
    }

    pub fn sdk_script(&self) -> String {
        SDK_TEMPLATE.to_string()
    }
}

/// 64 random bits from the standard library's per-process hash keys; enough to keep the
/// names unguessable, no cryptographic strength needed.
fn random_token() -> String {
    let mut hasher = RandomState::new().build_hasher();
    hasher.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default(),
    );
    format!("{:016x}", hasher.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_all_filled() {
        let scripts = Scripts::new();
        for text in [scripts.init_script(), scripts.sdk_script()] {
            assert!(!text.contains("@@"), "unfilled placeholder in:\n{text}");
        }
        assert!(scripts.init_script().contains(&scripts.binding));
        assert!(scripts.init_script().contains(&scripts.secret));
        assert!(
            !scripts.sdk_script().contains(&scripts.secret),
            "the stand-in is served to the page and must not hold the secret"
        );
    }

    #[test]
    fn each_capture_gets_its_own_names() {
        assert_ne!(Scripts::new().binding, Scripts::new().binding);
        assert_ne!(Scripts::new().secret, Scripts::new().secret);
    }
}
