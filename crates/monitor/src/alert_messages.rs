//! An alert rendered for each channel: Slack, Microsoft Teams, a generic JSON POST and e-mail.
//!
//! Page URLs, sentences and client names come from audited pages and settings, so they are
//! treated as untrusted everywhere: escaped for Slack, kept out of markup for Teams, put on one
//! line for e-mail, and clipped so that one long value cannot push a message over a channel's
//! size limits.

use crate::alert::Alert;
use crate::changes::ChangeEvent;
use preflight_report::Direction;
use serde_json::{json, Value};

/// Changes listed in a chat message; the rest are counted ("…and N more").
pub const LISTED_CHANGES: usize = 20;
/// Changes listed in an e-mail, which has room for more.
const EMAIL_LISTED_CHANGES: usize = 200;
/// Longest page URL, sentence and name shown, in characters.
const MAX_URL: usize = 500;
const MAX_SENTENCE: usize = 600;
const MAX_NAME: usize = 100;
/// Slack's limits: a header's plain text and a section's text.
const SLACK_HEADER: usize = 150;
const SLACK_SECTION: usize = 3000;

/// The agency's own name (white label), when one is set.
fn agency(alert: &Alert) -> Option<String> {
    let name = one_line(alert.agency.as_deref()?, MAX_NAME);
    (!name.is_empty()).then_some(name)
}

/// Who the alert comes from: the agency when set, else Preflight.
fn sender(alert: &Alert) -> String {
    agency(alert).unwrap_or_else(|| "Preflight".to_string())
}

fn client(alert: &Alert) -> String {
    one_line(&alert.client, MAX_NAME)
}

/// The headline every channel shows.
fn title(alert: &Alert) -> String {
    if alert.test {
        format!("Test alert for {}", client(alert))
    } else {
        format!("Ads readiness changed for {}", client(alert))
    }
}

/// The one line a notification or a subject shows: "[Preflight] Acme: 2 changes on …".
fn headline(alert: &Alert) -> String {
    let what = if alert.test {
        format!("Test alert for {}", client(alert))
    } else {
        client(alert)
    };
    format!(
        "[{}] {what}: {}",
        sender(alert),
        one_line(&alert.summary, MAX_SENTENCE)
    )
}

fn test_note(alert: &Alert) -> String {
    format!(
        "This is a test alert from {}: if you can read it, alerts for {} arrive here.",
        sender(alert),
        client(alert)
    )
}

fn direction_word(direction: Direction) -> &'static str {
    match direction {
        Direction::Worse => "Worse",
        Direction::Better => "Better",
        Direction::Different => "Different",
    }
}

/// "Worse — https://…: sentence", on one line.
fn change_line(change: &ChangeEvent) -> String {
    format!(
        "{} — {}: {}",
        direction_word(change.direction),
        one_line(&change.page_url, MAX_URL),
        one_line(&change.sentence, MAX_SENTENCE)
    )
}

fn more_line(alert: &Alert, listed: usize) -> Option<String> {
    let more = alert.changes.len().saturating_sub(listed);
    (more > 0).then(|| format!("…and {more} more"))
}

fn audits_line(alert: &Alert) -> Option<String> {
    match (alert.older_audit_id, alert.newer_audit_id) {
        (Some(older), Some(newer)) => Some(format!("Audits compared: #{older} → #{newer}")),
        _ => None,
    }
}

/// The text on one line (control characters become spaces) and at most `max` characters.
fn one_line(text: &str, max: usize) -> String {
    let flat: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    clip(flat.trim(), max)
}

fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// Slack's escaping: only `&`, `<` and `>` (which would otherwise make links and mentions).
fn slack_escape(text: &str) -> String {
    text.chars().map(slack_escape_char).collect()
}

fn slack_escape_char(c: char) -> String {
    match c {
        '&' => "&amp;".to_string(),
        '<' => "&lt;".to_string(),
        '>' => "&gt;".to_string(),
        c => c.to_string(),
    }
}

/// Escaped text of at most `max` characters; an entity is never cut in half.
fn slack_escape_within(text: &str, max: usize) -> String {
    let full = slack_escape(text);
    if full.chars().count() <= max {
        return full;
    }
    let mut out = String::new();
    let mut length = 0;
    for piece in text.chars().map(slack_escape_char) {
        let size = piece.chars().count();
        if length + size + 1 > max {
            break;
        }
        length += size;
        out.push_str(&piece);
    }
    out.push('…');
    out
}

fn slack_mrkdwn(text: String) -> Value {
    json!({"type": "mrkdwn", "text": text})
}

/// A Slack incoming-webhook body: `text` for notifications, `blocks` for the message itself.
pub fn slack_message(alert: &Alert) -> Value {
    let mut blocks = vec![json!({
        "type": "header",
        "text": {"type": "plain_text", "text": slack_escape_within(&title(alert), SLACK_HEADER)}
    })];
    let mut intro = format!(
        "*{}*",
        slack_escape(&one_line(&alert.summary, MAX_SENTENCE))
    );
    if alert.test {
        intro = format!("{}\n{intro}", slack_escape(&test_note(alert)));
    }
    blocks.push(json!({"type": "section", "text": slack_mrkdwn(intro)}));
    // Lines are gathered into sections of at most Slack's section length.
    let mut section = String::new();
    for change in alert.changes.iter().take(LISTED_CHANGES) {
        let line = format!("• {}", slack_escape(&change_line(change)));
        if !section.is_empty() && section.chars().count() + line.chars().count() >= SLACK_SECTION {
            blocks.push(json!({"type": "section", "text": slack_mrkdwn(section)}));
            section = String::new();
        }
        if !section.is_empty() {
            section.push('\n');
        }
        section.push_str(&line);
    }
    if !section.is_empty() {
        blocks.push(json!({"type": "section", "text": slack_mrkdwn(section)}));
    }
    let mut context: Vec<Value> = Vec::new();
    if let Some(more) = more_line(alert, LISTED_CHANGES) {
        context.push(slack_mrkdwn(more));
    }
    if let Some(audits) = audits_line(alert) {
        context.push(slack_mrkdwn(audits));
    }
    context.push(slack_mrkdwn(format!(
        "From {}",
        slack_escape(&sender(alert))
    )));
    blocks.push(json!({"type": "context", "elements": context}));
    json!({"text": slack_escape(&headline(alert)), "blocks": blocks})
}

/// Adaptive-card text takes a subset of markdown; "](" is split so that text from a page can
/// never form a link.
fn card_text(text: &str) -> String {
    text.replace("](", "] (")
}

fn text_block(text: &str) -> Value {
    json!({"type": "TextBlock", "text": card_text(text), "wrap": true})
}

fn subtle_block(text: &str) -> Value {
    json!({"type": "TextBlock", "text": card_text(text), "wrap": true, "isSubtle": true,
        "spacing": "Small"})
}

/// The body Microsoft Teams workflow webhooks take: one message with an adaptive card.
pub fn teams_message(alert: &Alert) -> Value {
    let mut body = vec![
        json!({"type": "TextBlock", "text": card_text(&title(alert)),
        "size": "Large", "weight": "Bolder", "wrap": true}),
    ];
    if let Some(agency) = agency(alert) {
        body.push(subtle_block(&format!("From {agency}")));
    }
    if alert.test {
        body.push(text_block(&test_note(alert)));
    }
    let mut summary = text_block(&one_line(&alert.summary, MAX_SENTENCE));
    summary["weight"] = json!("Bolder");
    body.push(summary);
    for change in alert.changes.iter().take(LISTED_CHANGES) {
        let mut line = text_block(&format!("• {}", change_line(change)));
        line["spacing"] = json!("Small");
        line["color"] = json!(match change.direction {
            Direction::Worse => "Attention",
            Direction::Better => "Good",
            Direction::Different => "Default",
        });
        body.push(line);
    }
    if let Some(more) = more_line(alert, LISTED_CHANGES) {
        body.push(subtle_block(&more));
    }
    if let Some(audits) = audits_line(alert) {
        body.push(subtle_block(&audits));
    }
    json!({
        "type": "message",
        "attachments": [{
            "contentType": "application/vnd.microsoft.card.adaptive",
            "contentUrl": null,
            "content": {
                "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
                "type": "AdaptiveCard",
                "version": "1.4",
                "body": body,
            }
        }]
    })
}

/// The generic webhook's body: the alert itself, as documented.
pub fn generic_message(alert: &Alert) -> Value {
    serde_json::to_value(alert).expect("an alert is plain data and always serializes")
}

/// The e-mail's subject, on one line.
pub fn email_subject(alert: &Alert) -> String {
    one_line(&headline(alert), 250)
}

/// The e-mail's plain-text body.
pub fn email_body(alert: &Alert) -> String {
    let mut lines = Vec::new();
    if alert.test {
        lines.push(test_note(alert));
        lines.push(String::new());
    }
    if let Some(agency) = agency(alert) {
        lines.push(format!("Agency: {agency}"));
    }
    lines.push(format!("Client: {}", client(alert)));
    lines.push(one_line(&alert.summary, MAX_SENTENCE));
    if !alert.changes.is_empty() {
        lines.push(String::new());
    }
    for change in alert.changes.iter().take(EMAIL_LISTED_CHANGES) {
        lines.push(change_line(change));
    }
    if let Some(more) = more_line(alert, EMAIL_LISTED_CHANGES) {
        lines.push(more);
    }
    let audits = audits_line(alert);
    let audited = alert.audited_at.as_deref().map(|at| one_line(at, 40));
    if audits.is_some() || audited.is_some() {
        lines.push(String::new());
    }
    lines.extend(audits);
    lines.extend(audited.map(|at| format!("Audited at: {at}")));
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::alert::ALERT_SCHEMA;
    use crate::changes::{summary_line, ChangeKind};

    const HOSTILE: &str = "<script>alert(1)</script> & more";

    fn change(n: usize, direction: Direction, sentence: &str) -> ChangeEvent {
        ChangeEvent {
            page_url: format!("https://acme.example/p{n}?a=1&b=2"),
            kind: ChangeKind::Pixel,
            direction,
            finding_id: Some("pixel-missing".into()),
            sentence: sentence.to_string(),
        }
    }

    fn alert(changes: Vec<ChangeEvent>) -> Alert {
        Alert {
            schema: ALERT_SCHEMA.into(),
            agency: None,
            client: "Acme".into(),
            summary: summary_line(&changes),
            changes,
            older_audit_id: Some(3),
            newer_audit_id: Some(4),
            audited_at: Some("2026-05-03T09:00:00Z".into()),
            test: false,
        }
    }

    fn many(n: usize) -> Alert {
        alert(
            (0..n)
                .map(|i| change(i, Direction::Worse, "Pixel: missing"))
                .collect(),
        )
    }

    /// Every string in the JSON that contains `needle`, with the key it sits under and the
    /// `type` of the object holding it.
    fn strings_with(value: &Value, needle: &str) -> Vec<(String, String)> {
        let mut found = Vec::new();
        if let Value::Object(map) = value {
            let kind = map.get("type").and_then(Value::as_str).unwrap_or("");
            for (key, item) in map {
                match item {
                    Value::String(s) if s.contains(needle) => {
                        found.push((key.clone(), kind.to_string()))
                    }
                    _ => found.extend(strings_with(item, needle)),
                }
            }
        } else if let Value::Array(items) = value {
            for item in items {
                found.extend(strings_with(item, needle));
            }
        }
        found
    }

    #[test]
    fn slack_escapes_page_text_and_client_names() {
        let mut a = alert(vec![change(1, Direction::Worse, HOSTILE)]);
        a.client = "Acme & Co <b>".into();
        let message = slack_message(&a);
        let raw = message.to_string();
        assert!(!raw.contains("<script>") && !raw.contains("<b>"), "{raw}");
        assert!(raw.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; more"));
        assert!(raw.contains("p1?a=1&amp;b=2"));
        let text = message["text"].as_str().unwrap();
        assert!(text.starts_with("[Preflight] Acme &amp; Co &lt;b&gt;: 1 change on 1 page"));
    }

    #[test]
    fn slack_header_is_clipped_without_cutting_an_entity() {
        let mut a = many(1);
        a.client = "&".repeat(300);
        let header = slack_message(&a)["blocks"][0]["text"]["text"]
            .as_str()
            .unwrap()
            .to_string();
        assert!(header.chars().count() <= SLACK_HEADER);
        assert!(header.ends_with("&amp;…"), "{header}");
    }

    #[test]
    fn teams_keeps_raw_page_text_only_in_text_blocks() {
        let message = teams_message(&alert(vec![change(1, Direction::Worse, HOSTILE)]));
        let found = strings_with(&message, HOSTILE);
        assert_eq!(found, vec![("text".to_string(), "TextBlock".to_string())]);
        assert!(!message.to_string().contains("&lt;"));
        let card = &message["attachments"][0];
        assert_eq!(
            card["contentType"],
            "application/vnd.microsoft.card.adaptive"
        );
        assert_eq!(card["content"]["type"], "AdaptiveCard");
        assert_eq!(card["content"]["version"], "1.4");
        let body = card["content"]["body"].as_array().unwrap();
        assert!(body.iter().all(|b| b["type"] == "TextBlock"));
    }

    #[test]
    fn teams_text_cannot_form_a_link() {
        let message = teams_message(&alert(vec![change(
            1,
            Direction::Worse,
            "[Log in](https://phish.example)",
        )]));
        assert!(message
            .to_string()
            .contains("[Log in] (https://phish.example)"));
    }

    #[test]
    fn chat_messages_list_twenty_changes_and_count_the_rest() {
        let slack = slack_message(&many(25)).to_string();
        assert_eq!(slack.matches("• Worse — ").count(), 20);
        assert!(slack.contains("…and 5 more"));
        let teams = teams_message(&many(25));
        let body = teams["attachments"][0]["content"]["body"]
            .as_array()
            .unwrap();
        let listed = body
            .iter()
            .filter(|b| b["text"].as_str().unwrap().starts_with("• "))
            .count();
        assert_eq!(listed, 20);
        assert!(teams.to_string().contains("…and 5 more"));
        assert!(!slack_message(&many(20)).to_string().contains("more"));
        assert!(!teams_message(&many(20)).to_string().contains("more"));
    }

    #[test]
    fn slack_sections_stay_within_slack_s_limit() {
        let long = "x".repeat(2000);
        let a = alert(
            (0..20)
                .map(|i| change(i, Direction::Worse, &long))
                .collect(),
        );
        let message = slack_message(&a);
        for block in message["blocks"].as_array().unwrap() {
            if block["type"] == "section" {
                let text = block["text"]["text"].as_str().unwrap();
                assert!(text.chars().count() <= SLACK_SECTION);
            }
        }
        assert_eq!(message.to_string().matches("• Worse — ").count(), 20);
    }

    #[test]
    fn test_alerts_say_so_everywhere() {
        let mut a = alert(Vec::new());
        a.test = true;
        a.agency = Some("Northwind".into());
        let slack = slack_message(&a);
        assert!(slack["text"]
            .as_str()
            .unwrap()
            .starts_with("[Northwind] Test alert for Acme: Nothing changed."));
        assert!(slack
            .to_string()
            .contains("This is a test alert from Northwind"));
        assert!(teams_message(&a)
            .to_string()
            .contains("Test alert for Acme"));
        assert!(email_subject(&a).starts_with("[Northwind] Test alert for Acme"));
        assert!(email_body(&a).starts_with("This is a test alert from Northwind"));
    }

    #[test]
    fn generic_message_is_the_alert_itself() {
        let a = alert(vec![change(1, Direction::Better, "Fixed — Pixel: missing")]);
        let value = generic_message(&a);
        assert_eq!(value, serde_json::to_value(&a).unwrap());
        assert_eq!(serde_json::from_value::<Alert>(value).unwrap(), a);
    }

    #[test]
    fn email_lists_every_change_on_its_own_line() {
        let mut a = alert(vec![
            change(1, Direction::Worse, "Pixel: missing"),
            change(2, Direction::Better, "Fixed — UTM: dropped\nby a redirect"),
        ]);
        a.agency = Some("Northwind".into());
        let body = email_body(&a);
        let lines: Vec<&str> = body.lines().collect();
        assert_eq!(lines[0], "Agency: Northwind");
        assert_eq!(lines[1], "Client: Acme");
        assert_eq!(lines[2], "2 changes on 2 pages: 1 worse, 1 fixed.");
        assert!(lines.contains(&"Worse — https://acme.example/p1?a=1&b=2: Pixel: missing"));
        assert!(lines.contains(
            &"Better — https://acme.example/p2?a=1&b=2: Fixed — UTM: dropped by a redirect"
        ));
        assert!(lines.contains(&"Audits compared: #3 → #4"));
        assert_eq!(
            email_subject(&a),
            "[Northwind] Acme: 2 changes on 2 pages: 1 worse, 1 fixed."
        );
    }

    #[test]
    fn subject_stays_on_one_line() {
        let mut a = many(1);
        a.client = "Acme\r\nBcc: someone@example.com".into();
        let subject = email_subject(&a);
        assert!(
            !subject.contains('\r') && !subject.contains('\n'),
            "{subject}"
        );
    }
}
