//! Unit tests of the plan PDF's figures and axes.

use super::charts::ticks;
use super::fmt::Fmt;
use super::{Tick, DASH};
use preflight_planner::MoneyFormat;

#[test]
fn numbers_read_plainly_and_never_as_nan() {
    let f = Fmt::default();
    assert_eq!(f.ratio(0.717929), "0.72");
    assert_eq!(f.signed(-0.2257), "\u{2212}0.23");
    assert_eq!(f.signed(0.0001), "±0.00");
    assert_eq!(f.money(1234567.891), "1,234,568");
    assert_eq!(f.money(903.056), "903.06");
    assert_eq!(f.count(75.26), "75.3");
    assert_eq!(f.count(2.0), "2");
    assert_eq!(f.percent(0.045), "4.5\u{a0}%");
    assert_eq!(f.percent(0.2), "20\u{a0}%");
    assert_eq!(f.days(30.0), "30 days");
    assert!(!f.dashed.get());
    assert_eq!(f.ratio(f64::NAN), DASH);
    assert_eq!(f.money(f64::INFINITY), DASH);
    assert_eq!(f.percent(f64::NEG_INFINITY), DASH);
    assert!(f.dashed.get());
}

#[test]
fn planner_words_lose_non_finite_numbers() {
    let f = Fmt::default();
    let text = f.words("Halo-adjusted ROAS is NaN against a break-even ROAS of inf.");
    assert_eq!(
        text,
        "Halo-adjusted ROAS is – against a break-even ROAS of –."
    );
    assert!(f.dashed.get());
    let g = Fmt::default();
    assert_eq!(
        g.words("Information is infinite"),
        "Information is infinite"
    );
    assert!(!g.dashed.get());
}

#[test]
fn axis_ticks_are_round_and_cover_the_data() {
    let f = Fmt::default();
    let (top, ticks) = ticks(2.8, &f);
    assert_eq!(top, 3.0);
    let labels: Vec<&str> = ticks.iter().map(|t| t.label.as_str()).collect();
    assert_eq!(labels, ["0.00", "1.00", "2.00", "3.00"]);
    let (top, _) = ticks_of(0.0);
    assert!(top > 0.0);
}

fn ticks_of(max: f64) -> (f64, Vec<Tick>) {
    ticks(max, &Fmt::default())
}

#[test]
fn money_is_written_in_the_plans_currency_by_the_planners_rule() {
    let euro = MoneyFormat::new(Some("EUR"));
    let f = Fmt::new(euro.clone());
    for x in [1234567.891, 903.056, 0.72, -12.5] {
        assert_eq!(f.money(x), euro.format(x));
    }
    assert_eq!(f.money(1234567.891), "€1,234,568");
    assert_eq!(f.money(f64::NAN), DASH);
}
