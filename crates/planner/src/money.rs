//! Money as every reader sees it: the plan's currency sign, digits grouped in thousands, whole
//! units from 1,000 up and the currency's minor unit below. The command line, the app and the
//! PDF all write money through [`MoneyFormat`], so the same plan reads the same everywhere.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::PlanError;
use crate::format::grouped;

/// Printed instead of a figure that is not a finite number.
pub const NO_FIGURE: &str = "–";

/// Currencies with a sign of their own, and the decimals of their minor unit. Any other
/// well-formed code is written as the code and a space ("SEK 1,200") with two decimals.
const CURRENCIES: &[(&str, &str, u8)] = &[
    ("USD", "$", 2),
    ("EUR", "€", 2),
    ("GBP", "£", 2),
    ("JPY", "¥", 0),
    ("CNY", "CN¥", 2),
    ("INR", "₹", 2),
    ("KRW", "₩", 0),
    ("BRL", "R$", 2),
    ("MXN", "MX$", 2),
    ("CAD", "CA$", 2),
    ("AUD", "A$", 2),
    ("NZD", "NZ$", 2),
    ("HKD", "HK$", 2),
    ("SGD", "S$", 2),
    ("ILS", "₪", 2),
];

/// Amounts of this size and above are written in whole units.
const WHOLE_FROM: f64 = 1000.0;

/// How money is written for one plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct MoneyFormat {
    /// The plan's ISO 4217 code, when it names one.
    pub currency: Option<String>,
    /// Written before the amount: "$", "€", "SEK " (a code without a sign of its own, and a
    /// space), or nothing when the plan names no currency.
    pub prefix: String,
    /// Decimals of amounts below 1,000: 2 for most currencies, 0 for yen or won.
    pub decimals: u8,
}

impl Default for MoneyFormat {
    fn default() -> Self {
        MoneyFormat::new(None)
    }
}

impl MoneyFormat {
    /// The format for a currency code; `None` writes plain numbers.
    pub fn new(currency: Option<&str>) -> MoneyFormat {
        let Some(code) = currency else {
            return MoneyFormat {
                currency: None,
                prefix: String::new(),
                decimals: 2,
            };
        };
        let (prefix, decimals) = CURRENCIES
            .iter()
            .find(|(c, _, _)| *c == code)
            .map(|(_, sign, decimals)| (sign.to_string(), *decimals))
            .unwrap_or_else(|| (format!("{code} "), 2));
        MoneyFormat {
            currency: Some(code.to_string()),
            prefix,
            decimals,
        }
    }

    /// US dollars, the currency OpenAI states its platform figures in.
    pub fn usd() -> MoneyFormat {
        MoneyFormat::new(Some("USD"))
    }

    /// 12345.6 → "$12,346"; 903.056 → "$903.06"; −4.5 → "−$4.50"; not finite → "–".
    pub fn format(&self, x: f64) -> String {
        if !x.is_finite() {
            return NO_FIGURE.to_string();
        }
        let digits = self.digits(x.abs());
        // "−0.00" reads as a loss that is not there.
        let sign = if x < 0.0 && !all_zero(&digits) {
            "\u{2212}"
        } else {
            ""
        };
        format!("{sign}{}{digits}", self.prefix)
    }

    /// A change of money with its sign: "+$1,200", "−$300", "±$0.00".
    pub fn signed(&self, x: f64) -> String {
        if !x.is_finite() {
            return NO_FIGURE.to_string();
        }
        let digits = self.digits(x.abs());
        let sign = if all_zero(&digits) {
            "±"
        } else if x < 0.0 {
            "\u{2212}"
        } else {
            "+"
        };
        format!("{sign}{}{digits}", self.prefix)
    }

    fn digits(&self, magnitude: f64) -> String {
        let decimals = if magnitude >= WHOLE_FROM {
            0
        } else {
            self.decimals as usize
        };
        grouped(magnitude, decimals)
    }
}

fn all_zero(digits: &str) -> bool {
    !digits.chars().any(|c| c.is_ascii_digit() && c != '0')
}

/// A currency is an ISO 4217 code: three capital letters.
pub(crate) fn check_currency(code: &str) -> Result<(), PlanError> {
    if code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()) {
        return Ok(());
    }
    Err(PlanError::new(
        "currency",
        format!("currency {code:?} is not an ISO 4217 code; write three capital letters, e.g. USD or EUR"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_takes_the_currency_sign_and_whole_units_from_a_thousand() {
        let usd = MoneyFormat::usd();
        assert_eq!(usd.format(12345.6), "$12,346");
        assert_eq!(usd.format(903.056), "$903.06");
        assert_eq!(usd.format(-4.5), "\u{2212}$4.50");
        assert_eq!(usd.format(-0.001), "$0.00");
        assert_eq!(usd.format(f64::NAN), NO_FIGURE);
        assert_eq!(usd.signed(-300.0), "\u{2212}$300.00");
        assert_eq!(usd.signed(1200.0), "+$1,200");
        assert_eq!(usd.signed(0.001), "±$0.00");
        assert_eq!(
            MoneyFormat::new(Some("EUR")).format(1234567.0),
            "€1,234,567"
        );
        assert_eq!(MoneyFormat::new(Some("JPY")).format(450.4), "¥450");
        assert_eq!(MoneyFormat::new(Some("SEK")).format(99.5), "SEK 99.50");
        assert_eq!(MoneyFormat::new(None).format(1234567.891), "1,234,568");
        assert_eq!(MoneyFormat::new(None).format(75.255), "75.25");
    }

    #[test]
    fn every_listed_currency_is_a_valid_code_once() {
        for (i, (code, sign, decimals)) in CURRENCIES.iter().enumerate() {
            assert!(check_currency(code).is_ok(), "{code}");
            assert!(!sign.is_empty() && *decimals <= 3, "{code}");
            assert!(
                CURRENCIES[i + 1..].iter().all(|(c, _, _)| c != code),
                "{code} listed twice"
            );
        }
        for bad in ["usd", "US", "USDX", "U$D", "", "ÜSD"] {
            assert_eq!(check_currency(bad).unwrap_err().field, "currency", "{bad}");
        }
    }
}
