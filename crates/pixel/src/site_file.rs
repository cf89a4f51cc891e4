//! A script of the site's own named like the SDK (`/js/oaiq.js`, `/assets/oaiq-init.js`): is it
//! a copy of the SDK served from the site, or the site's tag file holding OpenAI's snippet (the
//! recommended install, moved into a file)? The name cannot tell; what the file does can.

use preflight_model::{Confidence, Finding, Status};

use crate::data::data;
use crate::finding::finding;
use crate::ids;
use crate::js::{Callee, ScriptFacts};
use crate::lint::urls::{classify, UrlKind};
use crate::types::Location;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileRole {
    /// It holds pixel code of the site's own: OpenAI's snippet (loading the SDK from OpenAI) or
    /// calls to the pixel. Its content is scanned like the page's own scripts.
    TagFile { loads_official_sdk: bool },
    /// The SDK's own code, served from the site; the reason is what shows it.
    SdkCopy(String),
    /// Nothing to do with the pixel.
    Unrelated,
    /// The file was not passed in (or could not be read), so only its name is known.
    Unread,
}

pub fn role(fact: Option<&ScriptFacts>) -> FileRole {
    let Some(fact) = fact.filter(|f| f.skipped.is_none()) else {
        return FileRole::Unread;
    };
    let sdk = &data().sdk;
    if fact
        .strings
        .iter()
        .any(|s| classify(&s.value) == UrlKind::OfficialSdk)
    {
        return FileRole::TagFile {
            loads_official_sdk: true,
        };
    }
    let calls_pixel = fact.calls.iter().any(|c| {
        c.callee == Callee::Oaiq
            && c.args
                .first()
                .and_then(|a| a.as_str())
                .is_some_and(|cmd| data().events.commands.iter().any(|k| k == cmd))
    });
    if calls_pixel {
        return FileRole::TagFile {
            loads_official_sdk: false,
        };
    }
    // An image tag address (with its parameters) is a tag of the site's own; a bare events
    // address is what the SDK itself sends to.
    if fact
        .strings
        .iter()
        .any(|s| s.value.contains(&sdk.events_host) && !s.value.contains("pid="))
    {
        return FileRole::SdkCopy(format!(
            "the file holds the pixel's own code, which sends events to {} itself, and loads nothing from {}",
            sdk.events_host, sdk.sdk_host
        ));
    }
    if fact.defines_stub {
        return FileRole::TagFile {
            loads_official_sdk: false,
        };
    }
    if fact.mentions_pixel {
        return FileRole::SdkCopy(format!(
            "the file works with “{}” but neither holds OpenAI's snippet nor loads the SDK from {}",
            sdk.global_name, sdk.sdk_host
        ));
    }
    FileRole::Unrelated
}

/// The finding for a script tag whose file is named like the SDK, given what the file is.
pub fn finding_for(
    url: &str,
    name_reason: &str,
    role: &FileRole,
    at: &Location,
) -> Option<Finding> {
    let official = &data().sdk.sdk_url;
    match role {
        FileRole::TagFile { loads_official_sdk } => Some(
            finding(ids::SNIPPET_IN_SITE_FILE, Status::Info, "The pixel is installed from a file of your own site")
                .detail(if *loads_official_sdk {
                    "The file holds OpenAI's snippet, which loads the SDK from OpenAI. That is the recommended installation, moved into a file; its calls are checked like code in the page."
                } else {
                    "The file holds pixel calls of your own, not a copy of the SDK; its calls are checked like code in the page."
                })
                .evidence_at("File", url, at.to_string())
                .remedy("Nothing to fix. Load this file near the top of <head>, without “async” or “defer” if the page calls “oaiq” itself."),
        ),
        FileRole::SdkCopy(why) => Some(
            finding(ids::SDK_URL_WRONG, Status::Fail, "The pixel is loaded from a copy of the SDK on your own site")
                .detail(format!("{why}. A copy does not get OpenAI's updates and fixes, and may stop working when OpenAI changes its service."))
                .confidence(Confidence::High)
                .evidence_at("Address", url, at.to_string())
                .remedy(format!("Replace this file with OpenAI's snippet, which loads the SDK from exactly {official}.")),
        ),
        FileRole::Unread => Some(
            finding(ids::SDK_URL_WRONG, Status::Fail, "The pixel is loaded from the wrong address")
                .detail(format!("The page loads a script named like the pixel's SDK from another address: {name_reason}. The file itself was not read, so this is judged from its name; if it holds OpenAI's snippet rather than the SDK, it is fine."))
                .confidence(Confidence::Medium)
                .evidence_at("Address", url, at.to_string())
                .remedy(format!("If the file is a copy of the SDK, load the SDK from exactly {official}, as in OpenAI's snippet.")),
        ),
        FileRole::Unrelated => None,
    }
}
