//! The two scripts put into the page: the init script that wraps `window.oaiq`, and the
//! stand-in served in place of OpenAI's SDK. Both carry a per-capture token so the page
//! cannot guess the names the capture listens on.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};

use crate::intercept::SDK_HOST;

const INIT_TEMPLATE: &str = include_str!("js/init.js");
const SDK_TEMPLATE: &str = include_str!("js/sdk.js");

/// The names shared by the browser side and the capture for one run.
#[derive(Debug, Clone)]
pub(crate) struct Scripts {
    /// The `Runtime.addBinding` name the init script reports through.
    pub binding: String,
    registry: String,
}

impl Scripts {
    pub fn new() -> Self {
        let token = random_token();
        Scripts {
            binding: format!("__preflightEmit_{token}"),
            registry: format!("__preflightCapture_{token}"),
        }
    }

    pub fn init_script(&self) -> String {
        INIT_TEMPLATE
            .replace("@@BINDING@@", &self.binding)
            .replace("@@REGISTRY@@", &self.registry)
            .replace("@@SDK_HOST@@", SDK_HOST)
    }

    pub fn sdk_script(&self) -> String {
        SDK_TEMPLATE.replace("@@REGISTRY@@", &self.registry)
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
        assert!(scripts.sdk_script().contains(&scripts.registry));
    }

    #[test]
    fn each_capture_gets_its_own_names() {
        assert_ne!(Scripts::new().binding, Scripts::new().binding);
    }
}
