//! Figures as the plan PDF writes them. Money goes through the planner's [`MoneyFormat`], so
//! the PDF writes every amount as the app and the command line do.

use super::DASH;
use preflight_planner::format::grouped;
use preflight_planner::{FieldKind, MoneyFormat};
use std::cell::Cell;

use crate::pdf::text::breakable;

/// Number formatting that remembers whether it ever had to print a dash.
pub(super) struct Fmt {
    pub(super) dashed: Cell<bool>,
    money: MoneyFormat,
}

impl Default for Fmt {
    fn default() -> Self {
        Fmt::new(MoneyFormat::default())
    }
}

impl Fmt {
    pub(super) fn new(money: MoneyFormat) -> Self {
        Fmt {
            dashed: Cell::new(false),
            money,
        }
    }

    fn finite(&self, x: f64) -> Option<f64> {
        if x.is_finite() {
            Some(x)
        } else {
            self.dashed.set(true);
            None
        }
    }

    /// A ROAS or POAS: "0.72".
    pub(super) fn ratio(&self, x: f64) -> String {
        self.finite(x)
            .map(|x| grouped(x, 2))
            .unwrap_or_else(|| DASH.into())
    }

    /// A signed change of ROAS: "+0.04", "−0.23".
    pub(super) fn signed(&self, x: f64) -> String {
        match self.finite(x) {
            None => DASH.into(),
            Some(x) if grouped(x.abs(), 2) == "0.00" => "±0.00".into(),
            Some(x) if x < 0.0 => format!("\u{2212}{}", grouped(-x, 2)),
            Some(x) => format!("+{}", grouped(x, 2)),
        }
    }

    /// An amount in the plan's currency: "$12,346", "$903.06" (the planner's rule).
    pub(super) fn money(&self, x: f64) -> String {
        self.finite(x)
            .map(|x| self.money.format(x))
            .unwrap_or_else(|| DASH.into())
    }

    /// A count of conversions or people: one decimal below 100 unless it is whole.
    pub(super) fn count(&self, x: f64) -> String {
        self.finite(x)
            .map(|x| {
                let whole = x == x.round() || x.abs() >= 100.0;
                grouped(x, if whole { 0 } else { 1 })
            })
            .unwrap_or_else(|| DASH.into())
    }

    /// A share: "3.1 %".
    pub(super) fn percent(&self, x: f64) -> String {
        match self.finite(x) {
            None => DASH.into(),
            Some(x) => {
                let p = x * 100.0;
                let text = if p != 0.0 && p.abs() < 0.1 {
                    format!("{p:.3}")
                } else if p == p.round() {
                    format!("{p:.0}")
                } else {
                    format!("{p:.1}")
                };
                format!("{text}\u{a0}%")
            }
        }
    }

    pub(super) fn plain(&self, x: f64) -> String {
        match self.finite(x) {
            None => DASH.into(),
            Some(x) if x == x.round() && x.abs() < 1e15 => grouped(x, 0),
            Some(x) => {
                let text = format!("{x:.3}");
                text.trim_end_matches('0').trim_end_matches('.').to_string()
            }
        }
    }

    pub(super) fn days(&self, x: f64) -> String {
        match self.finite(x) {
            None => DASH.into(),
            Some(x) => match self.plain(x) {
                one if one == "1" => "1 day".into(),
                n => format!("{n} days"),
            },
        }
    }

    /// A value of a plan field, written as its kind in the field catalogue says.
    pub(super) fn value(&self, kind: FieldKind, x: f64) -> String {
        match kind {
            FieldKind::Money => self.money(x),
            FieldKind::Percent => self.percent(x),
            FieldKind::Days => self.days(x),
            FieldKind::Count => self.count(x),
            FieldKind::Number | FieldKind::Table | FieldKind::Currency => self.plain(x),
        }
    }

    /// Text the planner worded, with any non-finite number it printed replaced by a dash.
    pub(super) fn words(&self, text: &str) -> String {
        let mut out = Vec::new();
        for token in text.split(' ') {
            let core = token.trim_matches(|c: char| !c.is_alphanumeric());
            let lower = core.to_ascii_lowercase();
            if matches!(lower.as_str(), "nan" | "inf" | "infinity") {
                self.dashed.set(true);
                out.push(token.replacen(core, DASH, 1).replace("-\u{2013}", DASH));
            } else {
                out.push(token.to_string());
            }
        }
        breakable(&out.join(" "))
    }
}
