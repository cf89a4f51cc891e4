//! Cannibalization from a holdout test: the share of conversions the holdout group made
//! without seeing the ads, relative to the exposed group.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::PlanError;

/// Upper end of the estimate. A holdout converting as well as the exposed group means the ads
/// added (almost) nothing; the model needs c < 1, and 0.99 keeps later layers readable while
/// saying "practically everything would have happened anyway".
pub const MAX_CANNIBALIZATION: f64 = 0.99;

/// The cannibalization estimate from a holdout test.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
pub struct HoldoutEstimate {
    /// r_holdout / r_exposed, clamped to [0, [`MAX_CANNIBALIZATION`]]: use as `cannibalization`.
    pub cannibalization: f64,
    /// r_holdout / r_exposed before clamping.
    pub raw_ratio: f64,
    /// True when the raw ratio was at or above 1 and had to be capped.
    pub clamped: bool,
    /// A plain-language reading of the result.
    pub note: String,
}

/// `c = r_holdout / r_exposed`, clamped to [0, 1). Rates are conversions per person (or per
/// session) in each group, as shares from 0 to 1.
pub fn cannibalization_from_holdout(
    r_exposed: f64,
    r_holdout: f64,
) -> Result<HoldoutEstimate, PlanError> {
    for (field, r) in [("r_exposed", r_exposed), ("r_holdout", r_holdout)] {
        if !(r.is_finite() && (0.0..=1.0).contains(&r)) {
            return Err(PlanError::new(
                field,
                format!("{field} is {r}; a conversion rate must be a share from 0 to 1"),
            ));
        }
    }
    if r_exposed == 0.0 {
        return Err(PlanError::new(
            "r_exposed",
            "the exposed group has no conversions, so the test cannot say what the ads added; run it longer",
        ));
    }
    let raw_ratio = r_holdout / r_exposed;
    let clamped = raw_ratio > MAX_CANNIBALIZATION;
    let cannibalization = raw_ratio.clamp(0.0, MAX_CANNIBALIZATION);
    let note = if raw_ratio >= 1.0 {
        "The holdout group converted at least as well as the people who saw the ads: the test \
         shows no lift. Check the test's size and split before trusting this, and do not scale \
         spend on it."
            .to_string()
    } else {
        format!(
            "{:.0} % of credited conversions would have happened without the ads; the ads added the other {:.0} %.",
            cannibalization * 100.0,
            (1.0 - cannibalization) * 100.0
        )
    };
    Ok(HoldoutEstimate {
        cannibalization,
        raw_ratio,
        clamped,
        note,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratio_of_holdout_to_exposed() {
        let e = cannibalization_from_holdout(0.04, 0.01).unwrap();
        assert!((e.cannibalization - 0.25).abs() < 1e-12);
        assert!(!e.clamped);
        assert!(e.note.contains("25 %"), "{}", e.note);
    }

    #[test]
    fn clamped_below_one_and_at_zero() {
        let e = cannibalization_from_holdout(0.02, 0.03).unwrap();
        assert_eq!(e.cannibalization, MAX_CANNIBALIZATION);
        assert!(e.cannibalization < 1.0);
        assert!(e.clamped);
        assert!((e.raw_ratio - 1.5).abs() < 1e-12);
        let e = cannibalization_from_holdout(0.02, 0.0).unwrap();
        assert_eq!(e.cannibalization, 0.0);
    }

    #[test]
    fn bad_rates_name_their_field() {
        assert_eq!(
            cannibalization_from_holdout(0.0, 0.01).unwrap_err().field,
            "r_exposed"
        );
        assert_eq!(
            cannibalization_from_holdout(f64::NAN, 0.01)
                .unwrap_err()
                .field,
            "r_exposed"
        );
        assert_eq!(
            cannibalization_from_holdout(0.02, -0.1).unwrap_err().field,
            "r_holdout"
        );
        assert_eq!(
            cannibalization_from_holdout(0.02, 1.5).unwrap_err().field,
            "r_holdout"
        );
    }
}
