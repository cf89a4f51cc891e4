//! Number formatting for text a marketer reads. Money has its own module ([`crate::MoneyFormat`])
//! because it carries the plan's currency.

/// 2500.0 → "2,500"; 75.25 → "75.3" (one decimal when it is not a whole number).
pub fn count(x: f64) -> String {
    if (x - x.round()).abs() < 0.05 {
        grouped(x, 0)
    } else {
        grouped(x, 1)
    }
}

/// A ROAS or POAS ratio: "0.90".
pub fn ratio(x: f64) -> String {
    format!("{x:.2}")
}

/// A share as a percentage: 0.0312 → "3.1 %".
pub fn percent(x: f64) -> String {
    let p = x * 100.0;
    if p != 0.0 && p.abs() < 0.1 {
        format!("{p:.3} %")
    } else {
        format!("{p:.1} %")
    }
}

/// Digits grouped in thousands with `decimals` after the point: 1234567.891 → "1,234,567.89".
/// Never "-0.00": a negative number that rounds to zero loses its sign.
pub fn grouped(x: f64, decimals: usize) -> String {
    if !x.is_finite() {
        return format!("{x}");
    }
    let text = format!("{:.*}", decimals, x.abs());
    let (int, frac) = match text.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (text.as_str(), None),
    };
    let mut out = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    if x < 0.0 && out.chars().any(|c| c.is_ascii_digit() && c != '0') {
        out.insert(0, '-');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_for_readers() {
        assert_eq!(grouped(1234567.891, 2), "1,234,567.89");
        assert_eq!(grouped(-1234.5, 2), "-1,234.50");
        assert_eq!(grouped(-0.001, 2), "0.00");
        assert_eq!(count(2500.0), "2,500");
        assert_eq!(count(75.26), "75.3");
        assert_eq!(ratio(0.9), "0.90");
        assert_eq!(percent(0.0312), "3.1 %");
        assert_eq!(percent(0.0001), "0.010 %");
    }
}
