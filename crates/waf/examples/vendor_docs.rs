//! Prints the "Vendor summary" and "Vendor reference" sections of docs/findings-waf.md from the
//! built-in signature table, so the doc can be refreshed after the data changes:
//! `cargo run -p preflight-waf --example vendor_docs`.

use preflight_waf::{SignalKind, SignalSpec, SignatureTable, Vendor, VendorCategory};

fn category(c: VendorCategory) -> &'static str {
    match c {
        VendorCategory::Cdn => "CDN",
        VendorCategory::Waf => "WAF",
        VendorCategory::BotManager => "bot manager",
        VendorCategory::Hosting => "host",
        VendorCategory::Plugin => "CMS plugin",
        VendorCategory::Origin => "web server",
    }
}

fn kind_label(k: SignalKind) -> &'static str {
    match k {
        SignalKind::Presence => "Presence",
        SignalKind::Block => "Block",
        SignalKind::Challenge => "Challenge",
        SignalKind::RateLimit => "Rate limit",
        SignalKind::PayPerCrawl => "Pay per crawl",
    }
}

fn short(s: &SignalSpec) -> String {
    if let Some(h) = &s.header {
        format!("`{h}` header")
    } else if let Some(c) = &s.cookie {
        format!(
            "cookie `{}`",
            c.trim_start_matches('^')
                .trim_end_matches('$')
                .replace('|', "\\|")
        )
    } else if s.body.is_some() {
        "body marker".to_string()
    } else {
        format!(
            "HTTP {}",
            s.status
                .iter()
                .map(u16::to_string)
                .collect::<Vec<_>>()
                .join("/")
        )
    }
}

fn line(s: &SignalSpec, standalone: bool) -> String {
    let what = if let Some(h) = &s.header {
        match &s.value {
            Some(v) => format!("header `{h}` matching `{v}`"),
            None => format!("header `{h}` present"),
        }
    } else if let Some(c) = &s.cookie {
        format!("cookie name `{c}`")
    } else if let Some(b) = &s.body {
        format!("body `{b}`")
    } else {
        "no marker (status only)".to_string()
    };
    let mut parts = Vec::new();
    if !s.status.is_empty() {
        let codes: Vec<String> = s.status.iter().map(u16::to_string).collect();
        parts.push(format!("status {}", codes.join("/")));
    }
    if let Some(n) = s.max_body_bytes {
        parts.push(format!("body ≤ {n} bytes"));
    }
    let bare = s.header.is_none() && s.cookie.is_none() && s.body.is_none();
    if !standalone && (s.requires_presence || bare) {
        parts.push("only once identified".to_string());
    }
    parts.push(format!("weight {}", s.weight));
    let mut out = format!("{what} ({})", parts.join(", "));
    if let Some(note) = &s.note {
        out.push_str(&format!(" — {note}"));
    }
    out
}

fn section(v: &Vendor) {
    println!("### `{}`: {}\n", v.id, v.name);
    println!("Kind: {}. {}\n", category(v.category), v.looks_like);
    if !v.signals.is_empty() {
        println!("Signals:\n");
        let mut kinds: Vec<SignalKind> = Vec::new();
        for s in &v.signals {
            if !kinds.contains(&s.kind) {
                kinds.push(s.kind);
            }
        }
        for k in kinds {
            println!("- **{}**:", kind_label(k));
            for s in v.signals.iter().filter(|s| s.kind == k) {
                println!("  - {}", line(s, false));
                if let Some(r) = &s.remedy {
                    println!("    - step when this sign decides: {r}");
                }
            }
        }
        println!();
    }
    println!("Allowlisting OAI-AdsBot:\n");
    for (n, step) in v.allowlist.iter().enumerate() {
        println!("{}. {}", n + 1, step);
    }
    println!();
    if !v.remedy_source.is_empty() {
        println!("Source of these steps: {}\n", v.remedy_source);
    }
}

fn main() {
    let table = SignatureTable::builtin();
    println!("## Vendor summary\n");
    println!(
        "| Id | Name | Kind | Identified by (strongest signs) | Blocks and challenges look like |"
    );
    println!("| --- | --- | --- | --- | --- |");
    for v in table.vendors() {
        let mut ident: Vec<&SignalSpec> = v
            .signals
            .iter()
            .filter(|s| s.kind == SignalKind::Presence && !s.requires_presence)
            .collect();
        if ident.is_empty() {
            ident = v.signals.iter().filter(|s| !s.requires_presence).collect();
        }
        ident.sort_by(|a, b| b.weight.total_cmp(&a.weight));
        let signs: Vec<String> = ident.iter().take(3).map(|s| short(s)).collect();
        println!(
            "| `{}` | {} | {} | {} | {} |",
            v.id,
            v.name,
            category(v.category),
            signs.join(", "),
            v.looks_like.replace('|', "\\|")
        );
    }
    println!("\n## Vendor reference\n");
    println!("Signals are listed as they are in the data files: the pattern, its constraints and its weight.\n\"Only once identified\" means the signal cannot identify the vendor alone.\n");
    section(table.origin());
    for v in table.vendors() {
        section(v);
    }
    println!("### Generic signs (no vendor)\n");
    for s in table.generic_signals() {
        println!(
            "- **{}**: {}",
            kind_label(s.kind).to_lowercase(),
            line(s, true)
        );
    }
}
