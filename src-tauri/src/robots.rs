//! The robots.txt tester in the window: many URLs against one file with the line that decided
//! each, the file's lint, and a site's live robots.txt fetched as the audit fetches it.

use crate::error::{AppError, AppResult};
use crate::worker::blocking;
use preflight_robots::{RobotsLint, RobotsSource, RobotsTest};
use preflight_session::robots::FetchedRobots;

/// Tests each line of `urls` for `agent` against `robots_txt`. `source` is what fetching the
/// file gave, when the text is still the one fetched from a site; absent for a typed or edited
/// file (its rules apply).
#[tauri::command]
pub async fn test_robots(
    robots_txt: String,
    agent: String,
    urls: String,
    source: Option<RobotsSource>,
) -> AppResult<RobotsTest> {
    blocking(move || {
        if urls.trim().is_empty() {
            return Err(AppError::new(
                "invalid_input",
                "Enter at least one URL to test, one per line.",
            ));
        }
        preflight_robots::test_urls(
            source.unwrap_or(RobotsSource::Parsed),
            robots_txt.as_bytes(),
            &agent,
            &urls,
        )
        .map_err(|e| AppError::new("invalid_input", e.to_string()))
    })
    .await
}

/// Lines of the file crawlers skip or read differently from what was meant.
#[tauri::command]
pub async fn lint_robots(robots_txt: String) -> AppResult<RobotsLint> {
    blocking(move || Ok(preflight_robots::lint(robots_txt.as_bytes()))).await
}

/// Fetches the robots.txt of the site `site` belongs to (an origin, host or any of its URLs).
#[tauri::command]
pub async fn fetch_site_robots(site: String) -> AppResult<FetchedRobots> {
    preflight_session::robots::fetch_robots(&site)
        .await
        .map_err(AppError::from)
}
