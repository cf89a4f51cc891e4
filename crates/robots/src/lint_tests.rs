use super::*;

fn found(robots: &str) -> Vec<(u32, LintKind)> {
    lint(robots.as_bytes())
        .findings
        .iter()
        .map(|f| (f.line, f.kind))
        .collect()
}

fn only(robots: &str, kind: LintKind) -> LintFinding {
    let all = lint(robots.as_bytes()).findings;
    let mut of_kind: Vec<LintFinding> = all.iter().filter(|f| f.kind == kind).cloned().collect();
    assert_eq!(of_kind.len(), 1, "{kind:?} in {all:#?}");
    of_kind.remove(0)
}

#[test]
fn a_clean_file_has_no_findings() {
    let clean = "# Shop\nUser-agent: OAI-AdsBot\nAllow: /\n\nUser-agent: *\nDisallow: /admin\nDisallow: /*.pdf$\nDisallow:\nSitemap: https://shop.example/sitemap.xml\n";
    assert_eq!(found(clean), vec![]);
    assert_eq!(lint(b"").findings, vec![]);
}

#[test]
fn accepted_typos_are_called_misspellings_with_the_right_name() {
    for (typo, right) in [
        ("Dissallow", "Disallow"),
        ("Dissalow", "Disallow"),
        ("Useragent", "User-agent"),
        ("user agent", "User-agent"),
        ("Site-map", "Sitemap"),
    ] {
        let value = if right == "User-agent" {
            "*"
        } else if right == "Sitemap" {
            "https://x.example/s.xml"
        } else {
            "/x"
        };
        let robots = format!("User-agent: *\n{typo}: {value}\n");
        let f = only(&robots, LintKind::MisspelledDirective);
        assert_eq!(f.line, 2);
        assert_eq!(f.status, Status::Warn);
        assert!(
            f.problem
                .contains(&format!("“{typo}” is a misspelling of “{right}”")),
            "{}",
            f.problem
        );
        assert_eq!(f.remedy, format!("Write “{right}:”."));
        assert_eq!(f.text, format!("{typo}: {value}"));
    }
    // Case alone is not a misspelling.
    assert_eq!(found("USER-AGENT: *\ndisallow: /x\n"), vec![]);
}

#[test]
fn unknown_names_near_a_directive_get_a_did_you_mean() {
    for (typo, meant) in [
        ("Alow", "Allow"),
        ("Allwo", "Allow"),
        ("Disallw", "Disallow"),
        ("Dsallow", "Disallow"),
        ("User-agnet", "User-agent"),
        ("Sitemaps", "Sitemap"),
        ("Crawl-dealy", "Crawl-delay"),
    ] {
        let f = only(
            &format!("User-agent: *\n{typo}: /x\n"),
            LintKind::UnknownDirective,
        );
        assert_eq!(f.line, 2);
        assert_eq!(f.status, Status::Warn);
        assert!(
            f.problem.contains(&format!("Did you mean “{meant}”?")),
            "{typo}: {}",
            f.problem
        );
        assert!(f.problem.contains("crawlers ignore this line"));
    }
    let f = only("User-agent: *\nX-Foo: bar\n", LintKind::UnknownDirective);
    assert_eq!(f.status, Status::Info);
    assert!(!f.problem.contains("Did you mean"));
}

#[test]
fn rules_before_any_user_agent_belong_to_no_group() {
    let robots = "Disallow: /private\nAllow: /x\nUser-agent: *\nDisallow: /tmp\n";
    let kinds = found(robots);
    assert_eq!(
        kinds,
        vec![
            (1, LintKind::RuleOutsideGroup),
            (2, LintKind::RuleOutsideGroup)
        ]
    );
    let f = &lint(robots.as_bytes()).findings[0];
    assert!(f.problem.contains("belongs to no group"), "{}", f.problem);
    assert!(f.remedy.contains("User-agent: *"));
}

#[test]
fn a_missing_colon_is_flagged() {
    let f = only("User-agent: *\ndisallow /x\n", LintKind::MissingColon);
    assert_eq!(f.line, 2);
    assert_eq!(f.remedy, "Write “Disallow: /x”.");
}

#[test]
fn a_leading_bom_is_fine_but_one_mid_file_is_not() {
    assert_eq!(found("\u{FEFF}User-agent: *\nDisallow: /x\n"), vec![]);
    let robots = "User-agent: *\nDisallow: /x\n\u{FEFF}User-agent: GPTBot\nDisallow: /\n";
    let f = only(robots, LintKind::StrayByteOrderMark);
    assert_eq!(f.line, 3);
    // The line is read without the mark, so no second, confusing finding.
    assert!(!found(robots)
        .iter()
        .any(|(_, k)| *k == LintKind::UnknownDirective));
}

#[test]
fn a_file_that_is_not_utf8_is_flagged_once() {
    let f = lint(b"User-agent: *\nDisallow: /caf\xE9\nDisallow: /cr\xE8me\n");
    let bad: Vec<_> = f
        .findings
        .iter()
        .filter(|f| f.kind == LintKind::NotUtf8)
        .collect();
    assert_eq!(bad.len(), 1);
    assert_eq!(bad[0].line, 2);
    assert_eq!(bad[0].remedy, "Save robots.txt as UTF-8.");
}

#[test]
fn content_past_500_kib_names_the_first_ignored_line() {
    let mut robots = String::from("User-agent: *\nDisallow: /early\n");
    let mut lines = 2;
    while robots.len() < 600 * 1024 {
        robots.push_str("# padding padding padding padding padding padding\n");
        lines += 1;
    }
    robots.push_str("Disallow: /late\n");
    let f = only(&robots, LintKind::BeyondSizeLimit);
    // Each padding line is 50 bytes; the first ignored one is the line cut by the limit.
    let kept_lines = 2 + (512_000 - 31) / 50;
    assert_eq!(f.line, kept_lines as u32 + 1, "of {lines} lines");
    assert!(
        f.problem
            .contains(&format!("line {} and everything after it", f.line)),
        "{}",
        f.problem
    );
    assert!(f.problem.contains(&format!("{} bytes", robots.len())));
    assert!(lint(b"User-agent: *\nAllow: /\n").findings.is_empty());
}

#[test]
fn the_first_ignored_line_is_exact_at_line_boundaries() {
    let bytes = b"ab\ncd\nef";
    assert_eq!(
        first_line_after(bytes, 5),
        3,
        "cut on the line end after cd"
    );
    assert_eq!(
        first_line_after(bytes, 6),
        3,
        "cut right after the line end"
    );
    assert_eq!(first_line_after(bytes, 4), 2, "cut inside cd");
    assert_eq!(first_line_after(b"ab\r\ncd", 3), 2);
}

#[test]
fn crawl_delay_says_adsbot_may_ignore_it() {
    let f = only(
        "User-agent: *\nCrawl-delay: 10\nDisallow: /x\n",
        LintKind::CrawlDelay,
    );
    assert_eq!((f.line, f.status), (2, Status::Info));
    assert!(
        f.problem.contains("OAI-AdsBot may ignore it"),
        "{}",
        f.problem
    );
}

#[test]
fn non_standard_directives_are_notes() {
    let f = only(
        "User-agent: *\nNoindex: /x\n",
        LintKind::NonStandardDirective,
    );
    assert!(f.problem.contains("Noindex"));
    let f = only(
        "User-agent: *\nContent-signal: search=yes\nAllow: /\n",
        LintKind::NonStandardDirective,
    );
    assert!(f.problem.contains("does not block or allow OAI-AdsBot"));
}

#[test]
fn patterns_without_a_slash_and_full_addresses_match_nothing() {
    let f = only(
        "User-agent: *\nDisallow: private\n",
        LintKind::PatternWithoutSlash,
    );
    assert_eq!(
        f.remedy,
        "Start the path with “/”, such as “Disallow: /private”."
    );
    assert!(!crate::evaluate(
        b"User-agent: *\nDisallow: private\n",
        "bot",
        "https://x.example/private"
    )
    .unwrap()
    .matched_rule
    .is_some());
    let f = only(
        "User-agent: *\nDisallow: https://shop.example/cart\n",
        LintKind::PatternWithoutSlash,
    );
    assert_eq!(f.remedy, "Write the path only, such as “Disallow: /cart”.");
    assert_eq!(found("User-agent: *\nDisallow: *.pdf\n"), vec![]);
}

#[test]
fn a_dollar_in_the_middle_is_literal() {
    let f = only("User-agent: *\nDisallow: /a$b\n", LintKind::DollarInMiddle);
    assert_eq!(f.line, 2);
    assert_eq!(found("User-agent: *\nDisallow: /a$\n"), vec![]);
}

#[test]
fn duplicate_groups_for_one_crawler_are_merged_and_said_so() {
    let robots = "User-agent: OAI-AdsBot\nDisallow: /a\n\nUser-agent: GPTBot\nDisallow: /\n\nUser-agent: oai-adsbot\nDisallow: /b\nUser-agent: *\nAllow: /\nUser-agent: *\nDisallow: /c\n";
    let kinds = found(robots);
    assert_eq!(
        kinds,
        vec![
            (7, LintKind::DuplicateGroup),
            (11, LintKind::DuplicateGroup)
        ]
    );
    let f = &lint(robots.as_bytes()).findings[0];
    assert!(
        f.problem.contains("already has a group at line 1"),
        "{}",
        f.problem
    );
    assert!(f.problem.contains("merge"));
    // Two names in one group are not duplicates.
    assert_eq!(found("User-agent: a\nUser-agent: a\nDisallow: /\n"), vec![]);
}

#[test]
fn sitemaps_must_be_full_addresses() {
    let f = only(
        "User-agent: *\nAllow: /\nSitemap: /sitemap.xml\n",
        LintKind::SitemapNotAbsolute,
    );
    assert_eq!(f.line, 3);
    assert!(f.problem.contains("“/sitemap.xml” is not a full address"));
    assert_eq!(found("Sitemap: https://x.example/s.xml\n"), vec![]);
}

#[test]
fn user_agent_values_that_match_nothing_get_the_name_to_write() {
    let f = only(
        "User-agent: Mozilla/5.0 (compatible; OAI-AdsBot/1.0)\nAllow: /\n",
        LintKind::UnmatchableAgent,
    );
    assert_eq!(
        f.remedy,
        "Write just the name, one per line: “User-agent: OAI-AdsBot”."
    );
    let f = only(
        "User-agent: GPTBot/1.3\nDisallow: /\n",
        LintKind::UnmatchableAgent,
    );
    assert_eq!(
        f.remedy,
        "Write just the name, one per line: “User-agent: GPTBot”."
    );
}

#[test]
fn a_last_group_without_rules_is_noted() {
    let f = only(
        "User-agent: *\nDisallow: /x\nUser-agent: OAI-AdsBot\n",
        LintKind::EmptyGroup,
    );
    assert_eq!((f.line, f.text.as_str()), (3, "User-agent: OAI-AdsBot"));
}

#[test]
fn findings_are_capped_and_counted() {
    let robots = "Disallow: /x\n".repeat(MAX_LINT_FINDINGS + 7);
    let l = lint(robots.as_bytes());
    assert_eq!(l.findings.len(), MAX_LINT_FINDINGS);
    assert_eq!(l.not_listed, 7);
}

#[test]
fn findings_come_in_line_order() {
    let robots = "Disallow: /a\nUser-agent: *\nCrawl-delay: 5\nDissallow: b\n";
    let lines: Vec<u32> = lint(robots.as_bytes())
        .findings
        .iter()
        .map(|f| f.line)
        .collect();
    assert_eq!(lines, vec![1, 3, 4, 4]);
}
