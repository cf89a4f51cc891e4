//! Turns an import into findings a marketer can act on.

use preflight_model::{Area, Confidence, Finding, Status};

use crate::report::{
    is_blocking_status, AddressCheck, AddressScope, AgentSummary, LogReport, PathSummary,
};

/// Share of unreadable lines from which the import is flagged as probably the wrong format.
const UNPARSED_WARN_SHARE: f64 = 0.05;
/// Paths listed as evidence in one finding.
const MAX_PATH_EVIDENCE: usize = 10;

/// All findings for a report, most urgent first.
pub fn findings(report: &LogReport) -> Vec<Finding> {
    let mut out = Vec::new();
    let no_user_agents = report.lines.parsed > 0 && report.lines.with_user_agent == 0;
    if no_user_agents {
        out.push(no_user_agent(report));
    } else {
        out.extend(blocked(&report.adsbot));
        out.extend(page_errors(&report.adsbot));
        out.extend(impostors(report));
        if report.adsbot.requests == 0 {
            out.push(absent(report));
        }
        out.extend(succeeded(&report.adsbot));
    }
    out.extend(unparsed(report));
    if report.ranges.is_none() && !no_user_agents {
        out.push(no_ranges());
    }
    out
}

/// "OAI-AdsBot" or "OAI-AdsBot (from OpenAI's published addresses)".
fn who(summary: &AgentSummary) -> &'static str {
    match summary.addresses {
        AddressScope::InRanges => "OAI-AdsBot, coming from OpenAI's published addresses,",
        _ => "A visitor calling itself OAI-AdsBot",
    }
}

fn confidence(summary: &AgentSummary) -> Confidence {
    match summary.addresses {
        AddressScope::InRanges => Confidence::High,
        _ => Confidence::Medium,
    }
}

fn blocked(bot: &AgentSummary) -> Option<Finding> {
    let refused: Vec<&PathSummary> = bot
        .paths
        .iter()
        .filter(|p| p.refused_requests() > 0)
        .collect();
    let blocked = bot.blocked_requests();
    if blocked == 0 {
        return None;
    }
    let still_refused = refused.iter().filter(|p| p.last_refused).count();
    // Paths beyond the tracking limit are unknown, so they count as still refused.
    let still_blocked = still_refused > 0 || refused.is_empty();
    let (status, title) = if still_blocked {
        let pages = if refused.is_empty() {
            "some pages".to_string()
        } else {
            plural(still_refused.max(1) as u64, "page")
        };
        (
            Status::Fail,
            format!("OAI-AdsBot is being refused on {pages}"),
        )
    } else {
        (
            Status::Warn,
            "OAI-AdsBot was refused earlier, but its latest visits succeeded".to_string(),
        )
    };
    let codes = code_list(bot, is_blocking_status);
    let mut detail = format!(
        "{} received refusals or server errors instead of your page on {} of its {} visits ({codes}).",
        who(bot),
        blocked,
        bot.requests
    );
    if still_blocked {
        detail.push_str(
            " This is OpenAI's ad-review crawler. While it cannot fetch a landing page, ads pointing \
             there are marked \"Not serving\".",
        );
    } else {
        detail.push_str(
            " On every page where that happened, the crawler's most recent visit got the page, so the \
             problem looks fixed. Ads reviewed while it was refused may still need to be resubmitted.",
        );
    }
    let mut finding = Finding::new("log-adsbot-blocked", Area::Reachability, status, title)
        .detail(detail)
        .confidence(confidence(bot))
        .remedy(block_remedy(bot));
    for path in refused.iter().take(MAX_PATH_EVIDENCE) {
        finding = finding.evidence("Refused page", describe_path(path));
    }
    for example in &bot.blocked_examples {
        finding = finding.evidence_at(
            "Log line",
            &example.text,
            format!("line {}", example.line_number),
        );
    }
    Some(finding)
}

/// Advice that fits the kinds of refusals seen.
fn block_remedy(bot: &AgentSummary) -> String {
    let seen = |pred: fn(u16) -> bool| bot.status_codes.iter().any(|s| pred(s.status));
    let mut steps = Vec::new();
    if seen(|s| matches!(s, 401 | 403 | 406 | 451)) {
        steps.push(
            "Allow OAI-AdsBot in your firewall or bot protection (Cloudflare, Akamai, your host's \
             security settings): allow its user agent together with OpenAI's published addresses \
             (openai.com/adsbot.json), and make sure the landing page needs no login, country or \
             challenge page.",
        );
    }
    if seen(|s| s == 429) {
        steps.push(
            "Your server limited how fast OAI-AdsBot may visit (429 Too Many Requests). Raise or \
             lift the rate limit for OAI-AdsBot, and upload ads in smaller batches.",
        );
    }
    if seen(|s| (500..=599).contains(&s)) {
        steps.push(
            "Your server failed while answering (5xx errors). Ask your developer or host to check \
             the server's error log at the times shown.",
        );
    }
    steps.push("Then edit and resubmit the affected ads, or request another review.");
    steps.join(" ")
}

fn page_errors(bot: &AgentSummary) -> Option<Finding> {
    let broken: Vec<&PathSummary> = bot
        .paths
        .iter()
        .filter(|p| {
            (400..500).contains(&p.last_status)
                && !p.last_refused
                && !p.path.eq_ignore_ascii_case("/robots.txt")
        })
        .collect();
    if broken.is_empty() {
        return None;
    }
    let mut finding = Finding::new(
        "log-adsbot-page-errors",
        Area::Reachability,
        Status::Warn,
        format!("OAI-AdsBot found {} missing or broken", plural(broken.len() as u64, "page")),
    )
    .detail(format!(
        "{} last got a \"not found\" or similar error (for example 404) on these pages. If they are \
         ad landing pages, the ad cannot pass review.",
        who(bot)
    ))
    .confidence(confidence(bot))
    .remedy(
        "Check that each ad's destination URL is spelled correctly and the page is live, or \
         redirect the old address to the current page. Then resubmit the ad.",
    );
    for path in broken.iter().take(MAX_PATH_EVIDENCE) {
        finding = finding.evidence("Page with an error", describe_path(path));
    }
    Some(finding)
}

fn succeeded(bot: &AgentSummary) -> Option<Finding> {
    if bot.status_classes.success == 0 {
        return None;
    }
    let ok: Vec<&PathSummary> = bot
        .paths
        .iter()
        .filter(|p| (200..300).contains(&p.last_status))
        .collect();
    let title = if ok.is_empty() {
        format!(
            "OAI-AdsBot received your pages on {}",
            plural(bot.status_classes.success, "visit")
        )
    } else {
        format!(
            "OAI-AdsBot fetched {} successfully",
            plural(ok.len() as u64, "page")
        )
    };
    let mut finding = Finding::new("log-adsbot-ok", Area::Reachability, Status::Pass, title)
        .detail(format!(
            "{} got a successful response on {} of its {} visits, between {} and {}. This is the \
         strongest evidence that ad review can read those pages.",
            who(bot),
            bot.status_classes.success,
            bot.requests,
            bot.first_seen.as_deref().unwrap_or("?"),
            bot.last_seen.as_deref().unwrap_or("?"),
        ))
        .confidence(confidence(bot));
    for path in ok.iter().take(MAX_PATH_EVIDENCE) {
        finding = finding.evidence("Page received", describe_path(path));
    }
    Some(finding)
}

fn absent(report: &LogReport) -> Finding {
    let mut detail = String::from(
        "No request from OAI-AdsBot appears in this log. OpenAI's ad-review crawler only visits \
         pages that have been submitted as ads, so this is expected before any ad points at this \
         site.",
    );
    if report.impostors.requests > 0 {
        detail.push_str(&format!(
            " {} used its name, but none came from OpenAI's published addresses.",
            plural(report.impostors.requests, "request")
        ));
    }
    Finding::new(
        "log-adsbot-absent",
        Area::Reachability,
        Status::Info,
        "OAI-AdsBot did not visit during this log",
    )
    .detail(detail)
    .evidence("Log period", log_period(report))
    .remedy(
        "If ads for this site are already submitted, check that the log covers the days of the \
         review and the right website. If a CDN or firewall sits in front of your server, it may \
         answer or block the crawler before your server sees it: look at its logs too.",
    )
}

fn impostors(report: &LogReport) -> Option<Finding> {
    let fake = &report.impostors;
    if fake.requests == 0 {
        return None;
    }
    let private: u64 = fake
        .clients
        .iter()
        .filter(|c| c.check == AddressCheck::PrivateAddress)
        .map(|c| c.requests)
        .sum();
    let all_outside = report.adsbot.requests == 0;
    let mut detail = format!(
        "{} used OAI-AdsBot's name but came from addresses that are not in OpenAI's published \
         list. They are most likely other bots pretending to be OpenAI's; blocking them is fine. \
         What these requests received is kept apart and does not count as OpenAI's crawler.",
        plural(fake.requests, "request")
    );
    if private > 0 {
        detail.push_str(&format!(
            " {} came from private network addresses: your log probably records a proxy, load \
             balancer or CDN instead of the real visitor, which would make every visitor look \
             like an impostor.",
            plural(private, "request")
        ));
    }
    let doubtful = private > 0 || all_outside;
    let mut finding = Finding::new(
        "log-adsbot-impostor",
        Area::Reachability,
        Status::Warn,
        format!(
            "{} pretended to be OAI-AdsBot",
            plural(fake.requests, "request")
        ),
    )
    .detail(detail)
    .confidence(if doubtful {
        Confidence::Medium
    } else {
        Confidence::High
    })
    .remedy(
        "Recognise OAI-AdsBot by its address (openai.com/adsbot.json) as well as its user agent, \
         and do not allowlist the user agent alone. If your server sits behind a CDN, load \
         balancer or proxy, have the log record the visitor's real address (nginx real_ip, \
         Apache mod_remoteip) and import again.",
    );
    for client in fake.clients.iter().take(MAX_PATH_EVIDENCE) {
        finding = finding.evidence(
            "Address using OAI-AdsBot's name",
            format!(
                "{} ({})",
                client.address,
                plural(client.requests, "request")
            ),
        );
    }
    if let Some(ranges) = &report.ranges {
        finding = finding.evidence(
            "OpenAI's address list",
            format!(
                "{} ranges, created {}",
                ranges.prefixes.len(),
                ranges.creation_time.as_deref().unwrap_or("(no date)")
            ),
        );
    }
    Some(finding)
}

fn no_user_agent(report: &LogReport) -> Finding {
    Finding::new(
        "log-no-user-agent",
        Area::Reachability,
        Status::Warn,
        "This log does not record which browser or bot made each request",
    )
    .detail(format!(
        "The {} readable lines are in the \"common\" log format, which leaves out the user agent. \
         Without it, OAI-AdsBot's visits cannot be told apart from anyone else's.",
        report.lines.parsed
    ))
    .evidence("Log period", log_period(report))
    .remedy(
        "Ask your developer or host to switch the access log to the \"combined\" format (the \
         default in nginx and most Apache setups), wait for OAI-AdsBot to visit, then import the \
         new log.",
    )
}

fn unparsed(report: &LogReport) -> Option<Finding> {
    let lines = &report.lines;
    if lines.unparsed == 0 {
        return None;
    }
    let share = lines.unparsed as f64 / lines.non_blank().max(1) as f64;
    let many = share >= UNPARSED_WARN_SHARE;
    let mut finding = Finding::new(
        "log-unparsed-lines",
        Area::Reachability,
        if many { Status::Warn } else { Status::Info },
        format!(
            "{} of the log could not be read",
            plural(lines.unparsed, "line")
        ),
    )
    .detail(format!(
        "{} of {} lines ({:.1}%) are not in the nginx/Apache \"combined\" or \"common\" format{}. \
         Requests on those lines are missing from this report.",
        lines.unparsed,
        lines.non_blank(),
        share * 100.0,
        if lines.too_long > 0 {
            format!(
                ", {} of them because they are extremely long",
                lines.too_long
            )
        } else {
            String::new()
        }
    ))
    .confidence(if many {
        Confidence::High
    } else {
        Confidence::Medium
    })
    .remedy(if many {
        "Check that this is the web server's access log (not its error log) and that it uses the \
         combined or common format; a custom log format may need to be switched to combined."
    } else {
        "A few damaged or unusual lines are normal; nothing needs doing unless bot visits seem \
         to be missing."
    });
    for example in &report.unparsed_examples {
        finding = finding.evidence_at(
            format!("Unreadable line: {}", example.reason),
            &example.excerpt,
            format!("line {}", example.line_number),
        );
    }
    Some(finding)
}

fn no_ranges() -> Finding {
    Finding::new(
        "log-no-ranges",
        Area::Reachability,
        Status::Info,
        "Visitors were not checked against OpenAI's address list",
    )
    .detail(
        "Anyone can call themselves OAI-AdsBot. Without OpenAI's list of the crawler's addresses, \
         the requests above are grouped by name only, and some may come from impostors.",
    )
    .remedy(
        "Import the log again together with OpenAI's address list (openai.com/adsbot.json) so \
         the real crawler can be told apart from impostors.",
    )
}

fn describe_path(path: &PathSummary) -> String {
    let statuses: Vec<String> = path
        .statuses
        .iter()
        .map(|s| format!("{} ×{}", s.status, s.count))
        .collect();
    let host = path
        .host
        .as_deref()
        .map(|h| format!("{h} "))
        .unwrap_or_default();
    format!(
        "{host}{}: {}; latest {} at {}",
        path.path,
        statuses.join(", "),
        path.last_status,
        path.last_seen
    )
}

fn code_list(bot: &AgentSummary, pred: fn(u16) -> bool) -> String {
    bot.status_codes
        .iter()
        .filter(|s| pred(s.status))
        .map(|s| format!("{} {} ×{}", s.status, status_name(s.status), s.count))
        .collect::<Vec<_>>()
        .join(", ")
}

fn status_name(status: u16) -> &'static str {
    match status {
        401 => "Unauthorized",
        403 => "Forbidden",
        406 => "Not Acceptable",
        429 => "Too Many Requests",
        451 => "Unavailable For Legal Reasons",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ if status >= 500 => "Server Error",
        _ => "",
    }
}

fn log_period(report: &LogReport) -> String {
    format!(
        "{} readable lines{}",
        report.lines.parsed,
        match (&report.log_first_seen, &report.log_last_seen) {
            (Some(first), Some(last)) => format!(", from {first} to {last}"),
            _ => String::new(),
        }
    )
}

fn plural(n: u64, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}
