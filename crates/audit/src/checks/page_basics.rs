//! Page health seen from the bot's fetch: HTTPS, speed, size, content that needs JavaScript.
//! Warnings, not blockers.

use crate::agents::Agent;
use crate::app_shell;
use crate::artifacts::FetchArtifact;
use crate::report::Verdict;
use preflight_model::{Area, Confidence, Finding, Status};

/// A page slower than this (first request to end of body) is reported as slow.
pub const SLOW_PAGE_MS: u32 = 5_000;

/// Fewer visible words than this in the HTML, with app-shell signs, means the content is drawn
/// by JavaScript. A real page this short (a thank-you page) has no empty mount point or
/// "enable JavaScript" message, so it is not flagged.
pub const MAX_APP_SHELL_WORDS: u32 = 25;

/// `verdict` is the page's reachability verdict: content checks only make sense on the page
/// the bot really got (not on a block or challenge page, which have their own findings).
pub fn check(fetches: &[FetchArtifact], verdict: Verdict) -> Vec<Finding> {
    let Some(bot) = fetches.iter().find(|f| f.agent == Agent::Adsbot) else {
        return Vec::new();
    };
    let mut findings = Vec::new();
    let final_url = bot.final_url.as_deref().unwrap_or(&bot.requested_url);
    if final_url.starts_with("http://") {
        findings.push(
            Finding::new("page-not-https", Area::Page, Status::Warn, "The landing page is not served over HTTPS")
                .detail("Visitors see a \"Not secure\" warning and browsers may refuse forms on it. OpenAI's examples all use HTTPS landing pages.")
                .evidence("Final URL", final_url)
                .remedy("Serve the page over HTTPS and redirect http:// to https:// (keeping the query string)."),
        );
    }
    if bot.error.is_none() && bot.total_ms > SLOW_PAGE_MS {
        findings.push(
            Finding::new("page-slow", Area::Page, Status::Warn, "The page is slow to load")
                .detail(format!(
                    "Loading the page took {:.1} seconds. Crawlers may give up, and visitors from an ad leave before it appears.",
                    bot.total_ms as f64 / 1000.0
                ))
                .evidence("Time to full page", format!("{} ms", bot.total_ms))
                .remedy("Speed up the server's response (caching, a CDN, lighter pages)."),
        );
    }
    if bot.body_truncated {
        findings.push(
            Finding::new("page-too-large", Area::Page, Status::Warn, "The page is unusually large")
                .detail(format!(
                    "Only the first {} bytes were read; the rest was skipped. Very large pages load slowly and may be cut off by crawlers.",
                    bot.body_bytes
                ))
                .evidence("Bytes read", bot.body_bytes.to_string())
                .remedy("Reduce the size of the HTML (inline data, images embedded as text)."),
        );
    }
    if matches!(verdict, Verdict::Reachable | Verdict::Cloaked) {
        findings.extend(needs_javascript(bot));
    }
    if bot.decode_errors {
        findings.push(
            Finding::new("page-encoding-invalid", Area::Page, Status::Info, "The page's text encoding is inconsistent")
                .detail("Some bytes are not valid in the character set the page declares, so some characters may show as �.")
                .evidence("Declared or detected encoding", bot.charset.clone().unwrap_or_default())
                .remedy("Declare the right charset in the Content-Type header or a <meta charset> tag (UTF-8 is best)."),
        );
    }
    findings
}

/// The HTML the bot got is an app shell with almost no text: the content only appears once
/// scripts run. Whether OAI-AdsBot runs JavaScript is not documented, so this is a warning.
pub fn needs_javascript(bot: &FetchArtifact) -> Option<Finding> {
    let html = bot
        .content_type
        .as_deref()
        .is_none_or(|ct| ct.to_ascii_lowercase().contains("html"));
    if !bot.is_success() || !html || bot.word_count >= MAX_APP_SHELL_WORDS {
        return None;
    }
    let signs = app_shell::signs(&bot.body_head);
    if !signs.has_scripts() || (signs.empty_mount.is_none() && signs.noscript_message.is_none()) {
        return None;
    }
    let confidence = if signs.empty_mount.is_some() && signs.noscript_message.is_some() {
        Confidence::High
    } else {
        Confidence::Medium
    };
    let scripts = match signs.script_files.as_slice() {
        [] => format!("inline scripts only ({} bytes)", signs.inline_script_bytes),
        files => {
            let shown: Vec<&str> = files.iter().take(3).map(String::as_str).collect();
            let more = if files.len() > 3 { ", …" } else { "" };
            format!("{} script file(s): {}{more}", files.len(), shown.join(", "))
        }
    };
    let mut finding = Finding::new(
        "page-needs-javascript",
        Area::Page,
        Status::Warn,
        "The page's content only appears after JavaScript runs",
    )
    .detail(format!(
        "As the server sends it, the page has almost no text ({} words): it is an empty frame that scripts fill in inside a browser. OpenAI does not say whether OAI-AdsBot runs JavaScript. If it does not, it sees an empty page, and OpenAI asks for a directly reachable page with enough content to review.",
        bot.word_count
    ))
    .evidence("Words in the page as sent", bot.word_count.to_string())
    .evidence("Scripts", scripts)
    .confidence(confidence)
    .remedy("Ask your developers to put the page's text in the HTML the server sends: server-side rendering or pre-rendering (most frameworks and site builders offer it, e.g. Next.js, Nuxt, SvelteKit, Angular). Then audit again.");
    if let Some(mount) = &signs.empty_mount {
        finding = finding.evidence("Empty element the scripts fill", mount.clone());
    }
    if let Some(message) = &signs.noscript_message {
        finding = finding.evidence("Message for visitors without JavaScript", message.clone());
    }
    Some(finding)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::page_text::summarise_html;

    fn bot_page(status: u16, html: &str) -> FetchArtifact {
        let mut f = FetchArtifact::new(Agent::Adsbot, "https://shop.example/sale");
        f.status = Some(status);
        f.final_url = Some(f.requested_url.clone());
        f.content_type = Some("text/html; charset=utf-8".into());
        let summary = summarise_html(html, 8 * 1024);
        f.word_count = summary.word_count;
        f.visible_text = summary.visible_text;
        f.body_head = html.to_string();
        f
    }

    const SHELL: &str = "<html><head><script src=\"/static/js/main.4f9a.js\"></script></head>\
        <body><noscript>You need to enable JavaScript to run this app.</noscript><div id=\"root\"></div></body></html>";

    #[test]
    fn an_app_shell_is_flagged_with_its_signs() {
        let finding = needs_javascript(&bot_page(200, SHELL)).expect("flagged");
        assert_eq!(finding.id, "page-needs-javascript");
        assert_eq!(finding.status, Status::Warn);
        assert_eq!(finding.confidence, Confidence::High);
        let evidence: Vec<(&str, &str)> = finding
            .evidence
            .iter()
            .map(|e| (e.label.as_str(), e.value.as_str()))
            .collect();
        assert!(evidence.contains(&("Words in the page as sent", "0")));
        assert!(evidence.contains(&("Empty element the scripts fill", "<div id=\"root\">")));
        assert!(evidence
            .iter()
            .any(|(l, v)| *l == "Scripts" && v.contains("/static/js/main.4f9a.js")));
        assert!(finding.remedy.contains("server-side rendering"));
        assert!(finding
            .detail
            .contains("does not say whether OAI-AdsBot runs JavaScript"));
        // One sign is enough, with less confidence.
        let only_mount = "<body><div id=\"app\"></div><script type=\"module\" src=\"/assets/index.js\"></script></body>";
        let finding = needs_javascript(&bot_page(200, only_mount)).expect("flagged");
        assert_eq!(finding.confidence, Confidence::Medium);
    }

    #[test]
    fn short_real_pages_rendered_pages_and_errors_are_not_flagged() {
        let thanks = "<html><head><script async src=\"/js/analytics.js\"></script></head><body><main>\
            <h1>Thank you!</h1><p>Your order is confirmed. We will email you when it ships.</p></main>\
            <noscript><img src=\"/pixel.gif\"></noscript></body></html>";
        assert_eq!(needs_javascript(&bot_page(200, thanks)), None);
        let rendered = format!(
            "<body><noscript>Please enable JavaScript for the best experience.</noscript><div id=\"root\"><p>{}</p></div><script src=\"/main.js\"></script></body>",
            "Lightweight running shoes for road and trail. ".repeat(5)
        );
        assert_eq!(needs_javascript(&bot_page(200, &rendered)), None);
        let no_scripts = "<body><div id=\"root\"></div></body>";
        assert_eq!(needs_javascript(&bot_page(200, no_scripts)), None);
        assert_eq!(needs_javascript(&bot_page(403, SHELL)), None);
        let mut json = bot_page(200, SHELL);
        json.content_type = Some("application/json".into());
        assert_eq!(needs_javascript(&json), None);
    }

    #[test]
    fn only_pages_the_bot_really_got_are_checked() {
        let fetches = vec![bot_page(200, SHELL)];
        let ids = |v| {
            check(&fetches, v)
                .into_iter()
                .map(|f| f.id)
                .collect::<Vec<_>>()
        };
        assert!(ids(Verdict::Reachable).contains(&"page-needs-javascript".to_string()));
        assert!(!ids(Verdict::Challenged).contains(&"page-needs-javascript".to_string()));
        assert!(!ids(Verdict::RobotsBlocked).contains(&"page-needs-javascript".to_string()));
    }
}
