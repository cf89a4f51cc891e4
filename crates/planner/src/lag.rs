//! f_in: the share of all eventual conversions that land inside the attribution window.

use crate::error::PlanError;

/// One point of an empirical lag table: `[day, cumulative share converted by that day]`.
pub type LagPoint = [f64; 2];

/// Log-normal lag: F(t) = Φ((ln t − ln median) / sigma), with Φ(z) = erfc(−z/√2) / 2.
pub fn lognormal_share(window_days: f64, median_days: f64, sigma: f64) -> f64 {
    if window_days <= 0.0 {
        return 0.0;
    }
    let z = (window_days.ln() - median_days.ln()) / sigma;
    0.5 * libm::erfc(-z / std::f64::consts::SQRT_2)
}

/// Empirical lag: linear between the table's points, 0 at day 0 (unless the table says
/// otherwise for day 0), 1 after the last point. The table must already be validated.
pub fn table_share(table: &[LagPoint], window_days: f64) -> f64 {
    let Some(last) = table.last() else {
        return 0.0;
    };
    if window_days > last[0] {
        return 1.0;
    }
    if window_days <= 0.0 {
        return if table[0][0] <= 0.0 { table[0][1] } else { 0.0 };
    }
    // First point at or after the window.
    let i = table.partition_point(|p| p[0] < window_days);
    let upper = table[i];
    let lower = if i == 0 { [0.0, 0.0] } else { table[i - 1] };
    if upper[0] == lower[0] {
        return upper[1];
    }
    let t = (window_days - lower[0]) / (upper[0] - lower[0]);
    lower[1] + t * (upper[1] - lower[1])
}

/// Checks a lag table: non-empty, finite, days ≥ 0 and strictly increasing, shares in [0, 1]
/// and never falling.
pub fn validate_table(table: &[LagPoint]) -> Result<(), PlanError> {
    const FIELD: &str = "lag_table";
    if table.is_empty() {
        return Err(PlanError::new(
            FIELD,
            "the lag table is empty; give at least one [day, cumulative_share] point",
        ));
    }
    let mut previous: Option<LagPoint> = None;
    for (i, &[day, share]) in table.iter().enumerate() {
        let at = format!("{FIELD}[{i}]");
        if !day.is_finite() || !share.is_finite() {
            return Err(PlanError::new(at, "day and share must be finite numbers"));
        }
        if day < 0.0 {
            return Err(PlanError::new(
                at,
                format!("day {day} is negative; days count from the click (day 0)"),
            ));
        }
        if !(0.0..=1.0).contains(&share) {
            return Err(PlanError::new(
                at,
                format!("cumulative share {share} is outside 0–1"),
            ));
        }
        if let Some([prev_day, prev_share]) = previous {
            if day <= prev_day {
                return Err(PlanError::new(
                    at,
                    format!("day {day} does not come after day {prev_day}; list days in increasing order, each once"),
                ));
            }
            if share < prev_share {
                return Err(PlanError::new(
                    at,
                    format!("cumulative share falls from {prev_share} to {share}; a cumulative share can only grow"),
                ));
            }
        }
        previous = Some([day, share]);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lognormal_is_half_at_the_median() {
        assert!((lognormal_share(3.0, 3.0, 1.0) - 0.5).abs() < 1e-12);
        assert!(lognormal_share(30.0, 3.0, 1.0) > 0.98);
        assert_eq!(lognormal_share(0.0, 3.0, 1.0), 0.0);
    }

    #[test]
    fn table_interpolates_from_zero_and_saturates_after_the_last_point() {
        let table = [[10.0, 0.5], [20.0, 0.7]];
        assert!((table_share(&table, 5.0) - 0.25).abs() < 1e-12);
        assert!((table_share(&table, 10.0) - 0.5).abs() < 1e-12);
        assert!((table_share(&table, 15.0) - 0.6).abs() < 1e-12);
        assert!((table_share(&table, 20.0) - 0.7).abs() < 1e-12);
        assert_eq!(table_share(&table, 20.5), 1.0);
    }

    #[test]
    fn table_with_a_day_zero_point_starts_there() {
        let table = [[0.0, 0.4], [10.0, 0.9]];
        assert!((table_share(&table, 5.0) - 0.65).abs() < 1e-12);
    }

    #[test]
    fn bad_tables_are_rejected_with_the_point_index() {
        assert_eq!(validate_table(&[]).unwrap_err().field, "lag_table");
        let e = validate_table(&[[5.0, 0.5], [3.0, 0.6]]).unwrap_err();
        assert_eq!(e.field, "lag_table[1]");
        let e = validate_table(&[[5.0, 0.5], [8.0, 0.4]]).unwrap_err();
        assert!(e.message.contains("only grow"), "{e}");
        let e = validate_table(&[[5.0, 1.5]]).unwrap_err();
        assert_eq!(e.field, "lag_table[0]");
        assert!(validate_table(&[[f64::NAN, 0.5]]).is_err());
        assert!(validate_table(&[[-1.0, 0.5]]).is_err());
    }
}
