//! What differs between the page OAI-AdsBot gets and the page a visitor gets, once the parts that
//! change on every request (tokens, nonces, timestamps, request ids) are set aside.
//!
//! A different headline, different prices or a different offer is cloaking even when the rest of
//! the page is word for word the same; differences only in volatile tokens are not.

use crate::artifacts::FetchArtifact;
use std::collections::HashMap;
use std::sync::OnceLock;

use regex::Regex;

/// Words that make a sentence an offer; a difference next to one of them is a different offer.
const OFFER_WORDS: &[&str] = &[
    "free",
    "gratis",
    "gratuit",
    "kostenlos",
    "off",
    "discount",
    "sale",
    "save",
    "savings",
    "bonus",
    "coupon",
    "promo",
    "code",
    "trial",
    "deal",
    "offer",
    "rabatt",
    "remise",
    "descuento",
    "sconto",
    "bogo",
    "cashback",
    "gift",
];

/// Three-letter currency codes and words a price is written with.
const CURRENCY_WORDS: &[&str] = &[
    "usd", "eur", "gbp", "chf", "jpy", "cad", "aud", "nzd", "inr", "sek", "nok", "dkk", "pln",
    "brl", "mxn", "zar", "sgd", "hkd", "czk", "huf", "try", "krw", "cny", "dollars", "euros",
    "pounds", "dollar", "euro",
];

const CURRENCY_SYMBOLS: &[char] = &['$', '€', '£', '¥', '₹', '₩', '₽', '₺', '₪', '฿', '₫', '₱'];

/// How the two pages differ, beyond volatile tokens.
#[derive(Debug, Default, PartialEq)]
pub struct ContentDiff {
    /// The bot's and the visitor's headline, when they differ.
    pub headline: Option<(String, String)>,
    /// Prices only the bot sees, and prices only the visitor sees.
    pub prices: Option<(Vec<String>, Vec<String>)>,
    /// Offer phrases only the bot sees, and offer phrases only the visitor sees.
    pub offer: Option<(Vec<String>, Vec<String>)>,
    /// Share of distinct words in common, volatile tokens set aside (1.0 = same words).
    pub similarity: f64,
    /// Nothing differs but volatile tokens.
    pub same_but_volatile: bool,
}

impl ContentDiff {
    pub fn is_subtle_cloaking(&self) -> bool {
        self.headline.is_some() || self.prices.is_some() || self.offer.is_some()
    }
}

/// Compares the bot's page with the visitor's.
pub fn compare(bot: &FetchArtifact, browser: &FetchArtifact) -> ContentDiff {
    // The usual case, the same page for both: nothing can differ, so the words are not read.
    let same_page = bot.visible_text == browser.visible_text
        && bot.word_count == browser.word_count
        && bot.headline == browser.headline
        && bot.title == browser.title;
    if same_page {
        return ContentDiff {
            same_but_volatile: true,
            headline: None,
            prices: None,
            offer: None,
            similarity: 1.0,
        };
    }
    compare_words(bot, browser)
}

/// [`compare`] without the shortcut for identical pages.
fn compare_words(bot: &FetchArtifact, browser: &FetchArtifact) -> ContentDiff {
    // The headline is compared on its own, so its words are taken out of the text.
    let body_words = |f: &FetchArtifact| {
        let mut all = words(&f.visible_text);
        if let Some(h) = f.headline.as_deref() {
            remove_run(&mut all, &words(h));
        }
        all
    };
    let (mut a, mut b) = (body_words(bot), body_words(browser));
    // Excerpts are cut at a size: compare the same length, without the last, maybe cut, words.
    let cut = bot.word_count as usize > a.len() || browser.word_count as usize > b.len();
    if cut {
        let keep = a.len().min(b.len()).saturating_sub(10);
        a.truncate(keep);
        b.truncate(keep);
    }
    // The first <h1> on both sides, else the titles: like is compared with like.
    let both_h1 = bot.headline.is_some() && browser.headline.is_some();
    let shown = |f: &FetchArtifact| {
        if both_h1 {
            f.headline.clone()
        } else {
            f.title.clone()
        }
        .unwrap_or_default()
    };
    let (bot_shown, browser_shown) = (shown(bot), shown(browser));
    let (bot_head, browser_head) = (words(&bot_shown).join(" "), words(&browser_shown).join(" "));
    let headline = (!bot_head.is_empty() && !browser_head.is_empty() && bot_head != browser_head)
        .then(|| (bot_shown.clone(), browser_shown.clone()));
    let prices = differing(&prices(&a), &prices(&b));
    let offer = differing(&offers(&a), &offers(&b));
    let similarity = jaccard(&a, &b);
    let same_words = counts(&a) == counts(&b);
    ContentDiff {
        same_but_volatile: same_words && headline.is_none() && bot_head == browser_head,
        headline,
        prices,
        offer,
        similarity,
    }
}

/// The page's words, lowercased, punctuation around them dropped and volatile tokens replaced
/// by one placeholder.
fn words(text: &str) -> Vec<String> {
    text.split_whitespace()
        .map(|w| {
            let w = w.trim_matches(|c: char| {
                !(c.is_alphanumeric() || CURRENCY_SYMBOLS.contains(&c) || c == '%')
            });
            if is_volatile(w) {
                "\u{2022}".to_string()
            } else {
                w.to_lowercase()
            }
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// Removes the first occurrence of `run` (consecutive words) from `all`.
fn remove_run(all: &mut Vec<String>, run: &[String]) {
    if run.is_empty() || run.len() > all.len() {
        return;
    }
    if let Some(at) = all.windows(run.len()).position(|w| w == run) {
        all.drain(at..at + run.len());
    }
}

/// A token, nonce, id or timestamp: changes on every request and means nothing to a reader.
fn is_volatile(word: &str) -> bool {
    // Every pattern below needs a digit or a hyphen; most words have neither.
    if !word.bytes().any(|b| b.is_ascii_digit() || b == b'-') {
        return false;
    }
    static PATTERNS: OnceLock<Vec<Regex>> = OnceLock::new();
    let patterns = PATTERNS.get_or_init(|| {
        [
            // UUIDs and long hex (request ids, hashes, nonces).
            r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$",
            r"^(?:[0-9a-fA-F]*[0-9][0-9a-fA-F]*[a-fA-F]|[0-9a-fA-F]*[a-fA-F][0-9a-fA-F]*[0-9])[0-9a-fA-F]*$",
            // Epoch seconds or milliseconds, long counters.
            r"^[0-9]{8,}$",
            // Clock times and ISO dates or date-times.
            r"^[0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:[.,][0-9]+)?)?(?:[aApP][mM])?$",
            r"^[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[T ][0-9:.]+(?:Z|[+-][0-9:]+)?)?$",
            r"^#?[0-9]+\.[0-9a-fA-F]+\.[0-9a-fA-F.]+$",
        ]
        .iter()
        .map(|p| Regex::new(p).expect("static pattern"))
        .collect()
    });
    if patterns[1].is_match(word) && word.len() < 8 {
        return false;
    }
    if patterns.iter().any(|p| p.is_match(word)) {
        return true;
    }
    // Base64-like tokens: long, with letters and digits mixed.
    let long_mixed = word.len() >= 16
        && word.chars().any(|c| c.is_ascii_digit())
        && word.chars().any(|c| c.is_ascii_alphabetic())
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '+' | '/' | '='));
    long_mixed
}

/// Prices: an amount written with a currency symbol, or next to a currency code or word.
fn prices(words: &[String]) -> Vec<String> {
    let has_digit = |w: &str| w.chars().any(|c| c.is_ascii_digit());
    let mut out = Vec::new();
    for (i, w) in words.iter().enumerate() {
        if has_digit(w) && w.chars().any(|c| CURRENCY_SYMBOLS.contains(&c)) {
            out.push(w.clone());
        } else if has_digit(w) {
            let currency = |j: Option<&String>| {
                j.is_some_and(|n| {
                    CURRENCY_WORDS.contains(&n.as_str())
                        || CURRENCY_SYMBOLS.iter().any(|s| n == &s.to_string())
                })
            };
            if currency(words.get(i + 1)) {
                out.push(format!("{w} {}", words[i + 1]));
            } else if i > 0 && currency(words.get(i - 1)) {
                out.push(format!("{} {w}", words[i - 1]));
            }
        }
    }
    out
}

/// Offer phrases: a percentage, or an offer word with the words either side of it.
fn offers(words: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let percent = w.ends_with('%') && w.chars().any(|c| c.is_ascii_digit());
        let next_is_percent = words.get(i + 1).is_some_and(|n| n == "%");
        if percent || (next_is_percent && w.chars().all(|c| c.is_ascii_digit())) {
            out.push(words[i.saturating_sub(1)..(i + 2).min(words.len())].join(" "));
        } else if OFFER_WORDS.contains(&w.as_str()) {
            out.push(words[i.saturating_sub(1)..(i + 2).min(words.len())].join(" "));
        }
    }
    out
}

/// The items only in `a` and only in `b` (as multisets), or `None` when the two hold the same.
fn differing(a: &[String], b: &[String]) -> Option<(Vec<String>, Vec<String>)> {
    let (ca, cb) = (counts(a), counts(b));
    if ca == cb {
        return None;
    }
    let only = |x: &[String], cx: &HashMap<&str, usize>, cy: &HashMap<&str, usize>| {
        let mut seen = HashMap::new();
        x.iter()
            .filter(|w| {
                let n = seen.entry(w.as_str()).or_insert(0usize);
                *n += 1;
                *n > cy.get(w.as_str()).copied().unwrap_or(0) && cx.contains_key(w.as_str())
            })
            .cloned()
            .collect::<Vec<_>>()
    };
    Some((only(a, &ca, &cb), only(b, &cb, &ca)))
}

fn counts(items: &[String]) -> HashMap<&str, usize> {
    let mut m = HashMap::new();
    for i in items {
        *m.entry(i.as_str()).or_insert(0) += 1;
    }
    m
}

fn jaccard(a: &[String], b: &[String]) -> f64 {
    let (sa, sb): (std::collections::HashSet<_>, std::collections::HashSet<_>) =
        (a.iter().collect(), b.iter().collect());
    if sa.is_empty() && sb.is_empty() {
        return 1.0;
    }
    sa.intersection(&sb).count() as f64 / sa.union(&sb).count() as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agents::Agent;

    fn page(headline: &str, text: &str) -> FetchArtifact {
        let mut f = FetchArtifact::new(Agent::Browser, "https://shop.example/");
        f.status = Some(200);
        f.headline = Some(headline.to_string());
        f.title = Some(format!("{headline} | Acme"));
        f.visible_text = format!("{headline} {text}");
        f.word_count = f.visible_text.split_whitespace().count() as u32;
        f
    }

    const BODY: &str = "Grippy light and waterproof trail shoes for long days in the hills. \
        Now only $129.00 with free delivery and 20% off your first order. Order by 14:30 for \
        same-day dispatch. Request id 9f8e7d6c5b4a39281706 served at 2026-12-05T14:30:11Z.";

    #[test]
    fn tokens_timestamps_and_nonces_are_not_differences() {
        let bot = page("Trail shoes", BODY);
        let other = BODY
            .replace("9f8e7d6c5b4a39281706", "0a1b2c3d4e5f60718293")
            .replace("2026-12-05T14:30:11Z", "2026-12-05T14:30:12Z")
            .replace("14:30", "14:31");
        let browser = page(
            "Trail shoes",
            &(other + " nonce dGhpcyBpcyBhIG5vbmNlIDEyMw=="),
        );
        let d = compare(&bot, &page("Trail shoes", BODY));
        assert!(d.same_but_volatile && !d.is_subtle_cloaking(), "{d:?}");
        let d = compare(&bot, &browser);
        assert!(!d.is_subtle_cloaking(), "{d:?}");
    }

    #[test]
    fn a_different_headline_price_or_offer_is_found() {
        let visitor = page("Trail shoes", BODY);
        let d = compare(&page("Trail shoes on sale", BODY), &visitor);
        assert!(
            d.headline.is_some() && d.prices.is_none() && d.offer.is_none(),
            "{d:?}"
        );

        let d = compare(
            &page("Trail shoes", &BODY.replace("$129.00", "$89.00")),
            &visitor,
        );
        let (bot, browser) = d.prices.clone().expect("prices differ");
        assert_eq!(
            (bot, browser),
            (vec!["$89.00".to_string()], vec!["$129.00".to_string()])
        );
        assert!(d.similarity > 0.9);

        let d = compare(
            &page("Trail shoes", &BODY.replace("20% off", "40% off")),
            &visitor,
        );
        assert!(d.offer.is_some() && d.prices.is_none(), "{d:?}");

        let d = compare(
            &page("Trail shoes", &BODY.replace("$129.00", "129 EUR")),
            &page("Trail shoes", &BODY.replace("$129.00", "149 EUR")),
        );
        assert!(d.prices.is_some(), "{d:?}");
    }

    #[test]
    fn ordinary_words_and_numbers_are_not_volatile() {
        for w in [
            "shoes", "2026", "cafe", "20%", "$129.00", "128", "b2b", "mp3",
        ] {
            assert!(!is_volatile(w), "{w}");
        }
        for w in [
            "9f8e7d6c5b4a39281706",
            "1733405411",
            "14:30:11",
            "2026-12-05T14:30:11Z",
            "550e8400-e29b-41d4-a716-446655440000",
        ] {
            assert!(is_volatile(w), "{w}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]
        /// Any page text compares without panicking, and a page always equals itself.
        #[test]
        fn any_text_compares(a in "\\PC{0,400}", b in "\\PC{0,400}", h in proptest::option::of("\\PC{0,40}")) {
            let mut bot = page("x", "");
            bot.visible_text = a.clone();
            bot.headline = h.clone();
            bot.word_count = 1_000;
            let mut browser = bot.clone();
            browser.visible_text = b;
            let _ = compare(&bot, &browser);
            let same = compare(&bot, &bot.clone());
            proptest::prop_assert!(!same.is_subtle_cloaking());
            // The shortcut for identical pages says what reading their words would say.
            proptest::prop_assert_eq!(same, compare_words(&bot, &bot.clone()));
        }
    }
}
