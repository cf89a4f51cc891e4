//! Findings about tracking templates: how each is written, its macros against OpenAI's list
//! (`data/openai_macros.toml`), and names set at more than one level.

use std::collections::BTreeMap;

use preflight_model::{Confidence, Finding, Status};

use super::combine::Overridden;
use super::parse::{ParsedTemplate, Problem};
use super::TemplateLevel;
use crate::checks::utm_finding;
use crate::data::{openai_macro, openai_macros, policy, MacroStatus};
use crate::unsafe_chars::describe;

const SOURCE: &str = "https://developers.openai.com/ads/campaign-management";
/// Evidence lines per finding; the rest are counted.
const MAX_EVIDENCE: usize = 12;

pub fn template_findings(parsed: &[(TemplateLevel, ParsedTemplate)]) -> Vec<Finding> {
    let mut out = Vec::new();
    for (level, t) in parsed {
        written(*level, t, &mut out);
        macros(*level, t, &mut out);
        reserved(*level, t, &mut out);
        repeated_within(*level, t, &mut out);
    }
    repeated_across(parsed, &mut out);
    if !parsed.is_empty()
        && !out
            .iter()
            .any(|f| f.status.is_failing() || f.status == Status::Warn)
    {
        let levels: Vec<&str> = parsed.iter().map(|(l, _)| l.label()).collect();
        out.push(
            utm_finding(
                "template-valid",
                Status::Pass,
                "The tracking templates are well formed",
            )
            .detail(format!(
                "Every template is a list of name=value pairs joined by &, and every macro is \
                 one OpenAI documents. Levels checked: {}.",
                levels.join(", ")
            ))
            .evidence("Source", SOURCE),
        );
    }
    out
}

fn finish(
    mut f: Finding,
    level: TemplateLevel,
    t: &ParsedTemplate,
    lines: Vec<(String, String)>,
) -> Finding {
    let total = lines.len();
    for (label, value) in lines.into_iter().take(MAX_EVIDENCE) {
        f = f.evidence(label, value);
    }
    if total > MAX_EVIDENCE {
        f = f.evidence("More", format!("{} more not listed", total - MAX_EVIDENCE));
    }
    let shown: String = t.text.chars().take(300).collect();
    f.evidence(format!("Template ({})", level.label()), shown)
        .evidence("Source", SOURCE)
}

fn written(level: TemplateLevel, t: &ParsedTemplate, out: &mut Vec<Finding>) {
    let mut stray = Vec::new();
    let mut broken = Vec::new();
    let mut encode = Vec::new();
    for p in &t.problems {
        let line = |label: &str, v: &str| (label.to_string(), v.to_string());
        match p {
            Problem::LeadingSeparator(s) => stray.push(line(
                "Starts with",
                &format!("{s} (not needed: OpenAI adds the separator itself)"),
            )),
            Problem::EmptyPair => stray.push(line("Empty pair", "&& or a trailing &")),
            Problem::HtmlAmpersand => stray.push(line(
                "Separator written as &amp;",
                "copied from a web page; use a plain &",
            )),
            Problem::ValueWithoutKey(s) => broken.push(line("A value without a name", s)),
            Problem::KeyWithoutValue(s) => broken.push(line("A name without = and a value", s)),
            Problem::UnclosedBrace(s) => broken.push(line("A { that is never closed", s)),
            Problem::UnopenedBrace(s) => broken.push(line("A } without its {", s)),
            Problem::EmptyMacro(s) => broken.push(line("A macro without a name", s)),
            Problem::MacroInKey(s) => broken.push(line("A macro used as a parameter name", s)),
            Problem::EncodedBrace(s) => broken.push(line(
                "A brace written as %7B or %7D (not read as a macro)",
                s,
            )),
            Problem::Hash(s) => broken.push(line("A # (everything after it is never sent)", s)),
            Problem::QuestionMark(s) => broken.push(line("A ? inside the template", s)),
            Problem::TooLong => broken.push(line(
                "Length",
                "longer than 8,192 characters; the rest was not read",
            )),
            Problem::MustEncode { pair, chars } => {
                let names: Vec<String> = chars.iter().map(|c| describe(*c)).collect();
                encode.push((format!("In {pair}"), names.join(", ")));
            }
            Problem::ForeignMacroSyntax { .. } => {}
        }
    }
    let owner = level.template_words();
    if !broken.is_empty() {
        let f = utm_finding(
            "template-malformed",
            Status::Fail,
            format!("{} is malformed", capitalise(&owner)),
        )
        .detail(
            "A tracking template is a list of name=value pairs joined by &, such as \
             utm_source=chatgpt&click_id={oppref}; macros are a name in single braces inside \
             a value. The parts below do not follow that form, so the parameters a click gets \
             are not the ones you meant.",
        )
        .remedy("Rewrite the template as name=value pairs joined by &, with each macro as {name} inside a value.");
        out.push(finish(f, level, t, broken));
    }
    if !stray.is_empty() {
        let f = utm_finding(
            "template-stray-separator",
            Status::Warn,
            format!("{} has extra separators", capitalise(&owner)),
        )
        .detail(
            "OpenAI joins the template to the destination URL itself. A leading ? or &, an \
             empty pair or &amp; can produce addresses such as \"??\" or \"&&\", or a \
             parameter named \"amp;utm_medium\". Preflight reads the template without them.",
        )
        .remedy("Start the template with the first name=value pair and join pairs with a single plain &.");
        out.push(finish(f, level, t, stray));
    }
    if !encode.is_empty() {
        let f = utm_finding(
            "template-unencoded-characters",
            Status::Warn,
            format!("{} contains characters that must be encoded", capitalise(&owner)),
        )
        .detail(
            "Spaces, quotes, < > | ^ \\ and letters outside plain ASCII are not allowed as they \
             are in a web address; each must be a %-code (a space is %20). Outside the macro \
             braces, the template is added to the URL as written.",
        )
        .remedy("Write these characters as %-codes, or better, use lowercase letters, digits and underscores.");
        out.push(finish(f, level, t, encode));
    }
}

fn macros(level: TemplateLevel, t: &ParsedTemplate, out: &mut Vec<Finding>) {
    let documented: Vec<String> = openai_macros()
        .iter()
        .filter(|m| m.status == MacroStatus::Documented)
        .map(|m| format!("{{{}}}", m.name))
        .collect();
    let owner = level.template_words();
    let mut unknown = Vec::new();
    let mut reported = Vec::new();
    for m in &t.macros {
        match openai_macro(&m.name) {
            Some(known) if known.status == MacroStatus::Documented => {}
            Some(known) => reported.push((
                format!("{} in {}", m.written, m.pair),
                known.meaning.clone(),
            )),
            None => {
                let hint = near_match(&m.name)
                    .map(|n| format!("did you mean {{{n}}}?"))
                    .unwrap_or_else(|| "not a macro OpenAI fills in".to_string());
                unknown.push((format!("{} in {}", m.written, m.pair), hint));
            }
        }
    }
    for p in &t.problems {
        if let Problem::ForeignMacroSyntax { written, pair } = p {
            unknown.push((
                format!("{written} in {pair}"),
                "another platform's macro syntax; OpenAI's macros use single braces".to_string(),
            ));
        }
    }
    if !unknown.is_empty() {
        let f = utm_finding(
            "template-unknown-macro",
            Status::Fail,
            format!("{} uses macros OpenAI does not fill in", capitalise(&owner)),
        )
        .detail(format!(
            "OpenAI replaces only the macros it knows, such as {}; names are matched exactly. \
             Any other placeholder reaches your site and your reports as literal text, so \
             every click shows the same meaningless value.",
            documented.join(", ")
        ))
        .remedy(format!(
            "Use one of OpenAI's documented macros ({}), written exactly so, or a fixed value.",
            documented.join(", ")
        ));
        out.push(finish(f, level, t, unknown));
    }
    if !reported.is_empty() {
        let f = utm_finding(
            "template-macro-undocumented",
            Status::Warn,
            format!(
                "{} uses macros that are not in OpenAI's documented list",
                capitalise(&owner)
            ),
        )
        .confidence(Confidence::Medium)
        .detail(format!(
            "Third parties report these macros, but OpenAI's own documentation lists only {}. \
             If OpenAI does not fill them in, the text in braces reaches your reports as is.",
            documented.join(", ")
        ))
        .remedy(
            "Prefer a documented macro. If you keep this one, click the ad's preview and check \
             that the value is filled in.",
        );
        out.push(finish(f, level, t, reported));
    }
}

/// A documented or reported macro this name was probably meant to be (case, spaces, - or _).
fn near_match(name: &str) -> Option<&'static str> {
    let fold = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect()
    };
    let folded = fold(name);
    openai_macros()
        .iter()
        .find(|m| fold(&m.name) == folded)
        .map(|m| m.name.as_str())
}

fn reserved(level: TemplateLevel, t: &ParsedTemplate, out: &mut Vec<Finding>) {
    let hits: Vec<(String, String)> = t
        .params
        .iter()
        .filter(|p| policy().reserved(&p.key).is_some())
        .map(|p| ("Parameter".to_string(), p.raw.clone()))
        .collect();
    if hits.is_empty() {
        return;
    }
    let f = utm_finding(
        "template-reserved-parameter",
        Status::Warn,
        format!(
            "{} sets a parameter name OpenAI reserves",
            capitalise(&level.template_words())
        ),
    )
    .confidence(Confidence::Medium)
    .detail(
        "OpenAI adds oppref to every click itself and reserves oppref, olref, obref and other \
         names starting with \"oai\". A destination that carries one is not served (serving \
         issue reserved_query_params_present); a template that sets one risks the same, and \
         the click would carry the name twice.",
    )
    .remedy("Use your own parameter name for the value, as in OpenAI's example click_id={oppref}.");
    out.push(finish(f, level, t, hits));
}

fn repeated_within(level: TemplateLevel, t: &ParsedTemplate, out: &mut Vec<Finding>) {
    let mut by_key: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for p in &t.params {
        by_key
            .entry(p.key.as_str())
            .or_default()
            .push(p.raw.as_str());
    }
    let lines: Vec<(String, String)> = by_key
        .into_iter()
        .filter(|(_, v)| v.len() > 1)
        .map(|(k, v)| (format!("{k} ({} times)", v.len()), v.join(" & ")))
        .collect();
    if lines.is_empty() {
        return;
    }
    let f = utm_finding(
        "template-duplicate-key",
        Status::Warn,
        format!(
            "{} sets the same parameter more than once",
            capitalise(&level.template_words())
        ),
    )
    .detail(
        "Within one template a name should appear once. Which value a click carries is not \
         documented, and most sites read only the first.",
    )
    .remedy("Keep each parameter once in the template.");
    out.push(finish(f, level, t, lines));
}

fn repeated_across(parsed: &[(TemplateLevel, ParsedTemplate)], out: &mut Vec<Finding>) {
    let mut by_key: BTreeMap<&str, Vec<(TemplateLevel, &str, &str)>> = BTreeMap::new();
    for (level, t) in parsed {
        let mut seen = std::collections::HashSet::new();
        for p in &t.params {
            if seen.insert(p.key.as_str()) {
                by_key.entry(p.key.as_str()).or_default().push((
                    *level,
                    p.raw.as_str(),
                    p.value.as_str(),
                ));
            }
        }
    }
    let mut differ = false;
    let mut lines = Vec::new();
    for (key, sets) in by_key.into_iter().filter(|(_, v)| v.len() > 1) {
        let winner = sets.iter().max_by_key(|(l, _, _)| *l).expect("two or more");
        differ |= sets.iter().any(|(_, _, v)| *v != winner.2);
        let losers: Vec<String> = sets
            .iter()
            .filter(|s| s.0 != winner.0)
            .map(|(l, raw, _)| format!("{raw} ({})", l.label()))
            .collect();
        lines.push((
            key.to_string(),
            format!(
                "a click carries {} from the {}; not used: {}",
                winner.1,
                winner.0.label(),
                losers.join(", ")
            ),
        ));
    }
    if lines.is_empty() {
        return;
    }
    let mut f = utm_finding(
        "template-duplicate-key",
        if differ { Status::Warn } else { Status::Info },
        "The same parameter is set at more than one level",
    )
    .detail(
        "When several levels set the same name, the most specific one wins: the ad over the \
         ad group, the ad group over the campaign, the campaign over the ad account. The \
         other values are dropped without notice, which is fine when intended and a common \
         cause of missing campaign data when not.",
    )
    .remedy(
        "Set each parameter at one level, or check that the value that wins is the one you want.",
    );
    for (label, value) in lines.into_iter().take(MAX_EVIDENCE) {
        f = f.evidence(label, value);
    }
    out.push(f.evidence("Source", SOURCE));
}

/// `template-duplicate-key` for parameters the destination URL sets itself, which win over
/// every template.
pub fn overridden_by_destination(overridden: &[Overridden]) -> Option<Finding> {
    if overridden.is_empty() {
        return None;
    }
    let differ = overridden.iter().any(|o| !o.same_value);
    let mut f = utm_finding(
        "template-duplicate-key",
        if differ { Status::Warn } else { Status::Info },
        "The destination URL sets parameters its tracking templates also set",
    )
    .detail(
        "The destination URL's own parameters come first: a template's value for the same \
         name is dropped. A campaign template with utm_campaign={campaign_id} does nothing \
         for an ad whose destination already has utm_campaign.",
    )
    .remedy(
        "Remove the parameter from the destination URL to let the template set it, or from \
         the template if the destination's value is the one you want.",
    );
    for o in overridden.iter().take(MAX_EVIDENCE) {
        f = f.evidence(
            o.key.clone(),
            format!(
                "the destination's {} wins; not used: {} ({})",
                o.destination,
                o.template,
                o.level.template_words()
            ),
        );
    }
    Some(f.evidence("Source", SOURCE))
}

fn capitalise(text: &str) -> String {
    let mut c = text.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
