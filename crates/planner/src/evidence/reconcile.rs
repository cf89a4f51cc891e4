//! Reconciling what the pixel credited with what the backend (CRM, order system) recorded for
//! the same period, and spotting the churn signature: traffic that clicks and converts eagerly
//! but does not come back.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::PlanError;
use crate::format::{percent, ratio};
use crate::warnings::{PlanWarning, WarningLevel};

/// A backend/pixel ratio further than this from 1 is flagged.
pub const GAP_THRESHOLD: f64 = 0.20;
/// Default "high" pixel click-through rate for the churn signature. Third-party reports put
/// ChatGPT ads CTR around 0.5–3 %, so 2 % is at the top end.
pub const DEFAULT_HIGH_CTR: f64 = 0.02;
/// Default "high" pixel conversion rate for the churn signature (5 % of clicks).
pub const DEFAULT_HIGH_CVR: f64 = 0.05;
/// Default "low" backend repeat-purchase rate for the churn signature (10 % of customers).
pub const DEFAULT_LOW_REPEAT_PURCHASE_RATE: f64 = 0.10;

/// Measured results for one period. Rates are shares from 0 to 1.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
pub struct ReconcileInput {
    pub pixel_conversions: f64,
    pub backend_conversions: f64,
    #[serde(default)]
    pub pixel_revenue: Option<f64>,
    #[serde(default)]
    pub backend_revenue: Option<f64>,
    /// Click-through rate Ads Manager reports.
    #[serde(default)]
    pub pixel_ctr: Option<f64>,
    /// Conversion rate the pixel reports (conversions per click).
    #[serde(default)]
    pub pixel_cvr: Option<f64>,
    /// Share of the campaign's customers who bought again, from the backend.
    #[serde(default)]
    pub backend_repeat_purchase_rate: Option<f64>,
}

/// When the churn signature fires; the defaults are the `DEFAULT_*` constants.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
pub struct ChurnThresholds {
    pub high_ctr: f64,
    pub high_cvr: f64,
    pub low_repeat_purchase_rate: f64,
}

impl Default for ChurnThresholds {
    fn default() -> Self {
        ChurnThresholds {
            high_ctr: DEFAULT_HIGH_CTR,
            high_cvr: DEFAULT_HIGH_CVR,
            low_repeat_purchase_rate: DEFAULT_LOW_REPEAT_PURCHASE_RATE,
        }
    }
}

/// The comparison of pixel and backend figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
pub struct Reconciliation {
    /// backend / pixel conversions; `None` when the pixel credited none.
    pub conversions_ratio: Option<f64>,
    /// backend / pixel revenue; `None` without both revenues or when the pixel credited none.
    pub revenue_ratio: Option<f64>,
    /// Conversions differ by more than [`GAP_THRESHOLD`].
    pub conversions_gap: bool,
    /// Revenue differs by more than [`GAP_THRESHOLD`].
    pub revenue_gap: bool,
    /// `Some(true)` when CTR and CVR are high but repeat purchases low; `None` when the three
    /// figures were not all given.
    pub churn_signature: Option<bool>,
    pub thresholds: ChurnThresholds,
    pub warnings: Vec<PlanWarning>,
}

/// Every warning id [`reconcile`] can give.
pub const RECONCILE_WARNING_IDS: [&str; 3] = [
    "pixel-backend-gap",
    "pixel-backend-revenue-gap",
    "churn-signature",
];

pub fn reconcile(
    input: &ReconcileInput,
    thresholds: &ChurnThresholds,
) -> Result<Reconciliation, PlanError> {
    check_amount("pixel_conversions", Some(input.pixel_conversions))?;
    check_amount("backend_conversions", Some(input.backend_conversions))?;
    check_amount("pixel_revenue", input.pixel_revenue)?;
    check_amount("backend_revenue", input.backend_revenue)?;
    check_rate("pixel_ctr", input.pixel_ctr)?;
    check_rate("pixel_cvr", input.pixel_cvr)?;
    check_rate(
        "backend_repeat_purchase_rate",
        input.backend_repeat_purchase_rate,
    )?;
    check_rate("high_ctr", Some(thresholds.high_ctr))?;
    check_rate("high_cvr", Some(thresholds.high_cvr))?;
    check_rate(
        "low_repeat_purchase_rate",
        Some(thresholds.low_repeat_purchase_rate),
    )?;

    let mut warnings = Vec::new();
    let (conversions_ratio, conversions_gap) =
        compare(input.pixel_conversions, input.backend_conversions);
    if conversions_gap {
        warnings.push(gap_warning(
            "pixel-backend-gap",
            "conversions",
            conversions_ratio,
        ));
    }
    let (revenue_ratio, revenue_gap) = match (input.pixel_revenue, input.backend_revenue) {
        (Some(pixel), Some(backend)) => compare(pixel, backend),
        _ => (None, false),
    };
    if revenue_gap {
        warnings.push(gap_warning(
            "pixel-backend-revenue-gap",
            "revenue",
            revenue_ratio,
        ));
    }

    let churn_signature = match (
        input.pixel_ctr,
        input.pixel_cvr,
        input.backend_repeat_purchase_rate,
    ) {
        (Some(ctr), Some(cvr), Some(repeat)) => {
            let fires = ctr >= thresholds.high_ctr
                && cvr >= thresholds.high_cvr
                && repeat <= thresholds.low_repeat_purchase_rate;
            if fires {
                warnings.push(PlanWarning {
                    id: "churn-signature".to_string(),
                    level: WarningLevel::Warning,
                    title: "Eager clicks, few repeat buyers".to_string(),
                    detail: format!(
                        "Click-through {} and conversion rate {} are high, but only {} of these customers bought again. \
                         Traffic like this often buys once on a promotion and leaves, so first-order revenue overstates its worth.",
                        percent(ctr),
                        percent(cvr),
                        percent(repeat)
                    ),
                    remedy: "Value conversions at their lifetime value from the backend, not the first order, and compare \
                             repeat rates with other channels before scaling."
                        .to_string(),
                });
            }
            Some(fires)
        }
        _ => None,
    };

    Ok(Reconciliation {
        conversions_ratio,
        revenue_ratio,
        conversions_gap,
        revenue_gap,
        churn_signature,
        thresholds: *thresholds,
        warnings,
    })
}

/// (backend / pixel, whether the gap exceeds the threshold).
fn compare(pixel: f64, backend: f64) -> (Option<f64>, bool) {
    if pixel == 0.0 {
        return (None, backend > 0.0);
    }
    let r = backend / pixel;
    (Some(r), (r - 1.0).abs() > GAP_THRESHOLD)
}

fn gap_warning(id: &str, what: &str, r: Option<f64>) -> PlanWarning {
    let (title, detail, remedy) = match r {
        None => (
            format!("The pixel credited no {what}, but the backend recorded some"),
            format!("The backend shows {what} for this period while the pixel shows none."),
            "Check that the pixel fires on the conversion page and that oppref survives redirects.",
        ),
        Some(r) if r < 1.0 => (
            format!("The backend has {} fewer {what} than the pixel", percent(1.0 - r)),
            format!(
                "Backend ÷ pixel = {}. The pixel credits more than really happened: modelled conversions, \
                 duplicate events without an event_id, or test orders.",
                ratio(r)
            ),
            "Send an event_id with every event so duplicates are removed, exclude test orders, and plan on the backend figure.",
        ),
        Some(r) => (
            format!("The backend has {} more {what} than the pixel", percent(r - 1.0)),
            format!(
                "Backend ÷ pixel = {}. The pixel misses conversions: consent banners, ad blockers, lost oppref, \
                 or conversions after the 30-day window. Some may also come from other channels.",
                ratio(r)
            ),
            "Send conversions from the server too (Conversions API) and check that oppref survives redirects.",
        ),
    };
    PlanWarning {
        id: id.to_string(),
        level: WarningLevel::Warning,
        title,
        detail,
        remedy: remedy.to_string(),
    }
}

fn check_amount(field: &str, v: Option<f64>) -> Result<(), PlanError> {
    match v {
        Some(x) if !(x.is_finite() && x >= 0.0) => Err(PlanError::new(
            field,
            format!("{field} is {x}; it must be 0 or more"),
        )),
        _ => Ok(()),
    }
}

fn check_rate(field: &str, v: Option<f64>) -> Result<(), PlanError> {
    match v {
        Some(x) if !(x.is_finite() && (0.0..=1.0).contains(&x)) => Err(PlanError::new(
            field,
            format!("{field} is {x}; it must be a share from 0 to 1"),
        )),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(pixel: f64, backend: f64) -> ReconcileInput {
        ReconcileInput {
            pixel_conversions: pixel,
            backend_conversions: backend,
            ..Default::default()
        }
    }

    #[test]
    fn gap_over_twenty_percent_is_flagged_either_way() {
        let r = reconcile(&input(100.0, 85.0), &ChurnThresholds::default()).unwrap();
        assert_eq!(r.conversions_ratio, Some(0.85));
        assert!(!r.conversions_gap);
        assert!(r.warnings.is_empty());
        let r = reconcile(&input(100.0, 75.0), &ChurnThresholds::default()).unwrap();
        assert!(r.conversions_gap);
        assert_eq!(r.warnings[0].id, "pixel-backend-gap");
        assert!(r.warnings[0].title.contains("fewer"));
        let r = reconcile(&input(100.0, 130.0), &ChurnThresholds::default()).unwrap();
        assert!(r.conversions_gap);
        assert!(r.warnings[0].title.contains("more"));
    }

    #[test]
    fn revenue_compared_only_when_both_given() {
        let mut i = input(100.0, 100.0);
        i.pixel_revenue = Some(10_000.0);
        let r = reconcile(&i, &ChurnThresholds::default()).unwrap();
        assert_eq!(r.revenue_ratio, None);
        i.backend_revenue = Some(5_000.0);
        let r = reconcile(&i, &ChurnThresholds::default()).unwrap();
        assert_eq!(r.revenue_ratio, Some(0.5));
        assert!(r.revenue_gap);
        assert_eq!(r.warnings[0].id, "pixel-backend-revenue-gap");
    }

    #[test]
    fn zero_pixel_conversions_give_no_ratio_and_no_nan() {
        let r = reconcile(&input(0.0, 10.0), &ChurnThresholds::default()).unwrap();
        assert_eq!(r.conversions_ratio, None);
        assert!(r.conversions_gap);
        let r = reconcile(&input(0.0, 0.0), &ChurnThresholds::default()).unwrap();
        assert!(!r.conversions_gap);
        let json = serde_json::to_string(&r).unwrap();
        assert!(!json.contains("NaN"));
    }

    #[test]
    fn churn_signature_needs_all_three_and_respects_thresholds() {
        let mut i = input(100.0, 100.0);
        i.pixel_ctr = Some(0.03);
        i.pixel_cvr = Some(0.08);
        let r = reconcile(&i, &ChurnThresholds::default()).unwrap();
        assert_eq!(r.churn_signature, None);
        i.backend_repeat_purchase_rate = Some(0.05);
        let r = reconcile(&i, &ChurnThresholds::default()).unwrap();
        assert_eq!(r.churn_signature, Some(true));
        assert_eq!(r.warnings[0].id, "churn-signature");
        i.backend_repeat_purchase_rate = Some(0.3);
        let r = reconcile(&i, &ChurnThresholds::default()).unwrap();
        assert_eq!(r.churn_signature, Some(false));
        // Stricter thresholds supplied by the caller.
        i.backend_repeat_purchase_rate = Some(0.05);
        let strict = ChurnThresholds {
            high_ctr: 0.05,
            ..ChurnThresholds::default()
        };
        assert_eq!(reconcile(&i, &strict).unwrap().churn_signature, Some(false));
    }

    #[test]
    fn bad_inputs_name_their_field() {
        let e = reconcile(&input(-1.0, 10.0), &ChurnThresholds::default()).unwrap_err();
        assert_eq!(e.field, "pixel_conversions");
        let mut i = input(1.0, 1.0);
        i.pixel_cvr = Some(1.5);
        assert_eq!(
            reconcile(&i, &ChurnThresholds::default())
                .unwrap_err()
                .field,
            "pixel_cvr"
        );
        i.pixel_cvr = None;
        i.backend_revenue = Some(f64::INFINITY);
        assert_eq!(
            reconcile(&i, &ChurnThresholds::default())
                .unwrap_err()
                .field,
            "backend_revenue"
        );
    }
}
