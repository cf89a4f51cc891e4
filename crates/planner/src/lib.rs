//! The ROAS planner: turns the one number an ad platform reports (standard ROAS) into the number
//! a finance team should decide on, one visible layer at a time.
//!
//! - L1 standard ROAS: revenue the pixel credits inside the 30-day window ÷ spend.
//! - L2 full-cycle: L1 ÷ f_in, adding conversions that land after the window.
//! - L3 incremental: L2 × (1 − cannibalization), removing sales that would have happened anyway.
//! - L4 halo-adjusted: L3 × (1 + ai_lift × ai_citation_share), adding the AI visibility halo.
//!
//! Pure arithmetic: no files, no network, no clock. Plans and CSVs come in as strings.
//!
//! ```
//! let plan = preflight_planner::Plan::from_json(
//!     r#"{"spend": 10000, "cpc": 4, "cvr": 0.03, "value": 120, "margin": 0.4,
//!         "lag_median_days": 2, "lag_sigma": 1.0, "cannibalization": 0.25,
//!         "ai_citation_share": 0.3, "ai_lift": 0.2}"#,
//! ).unwrap();
//! let point = preflight_planner::evaluate(&plan).unwrap();
//! assert!((point.layers.halo.roas - 0.717929).abs() < 1e-6);
//! ```

mod assumption;
mod catalogue;
mod defaults;
mod error;
pub mod evidence;
mod figures;
pub mod format;
mod input;
mod lag;
mod load;
mod model;
mod money;
mod plan;
mod point;
mod presets;
mod reach;
mod render;
mod report;
mod simulate;
mod tornado;
mod validate;
mod verdict;
mod warnings;

pub use assumption::Assumption;
pub use catalogue::{plan_field, plan_fields, Bounds, FieldKind, PlanField};
pub use error::PlanError;
pub use evidence::holdout::{cannibalization_from_holdout, HoldoutEstimate, MAX_CANNIBALIZATION};
pub use evidence::lag_csv::{
    lag_table_from_csv, lag_table_from_csv_bytes, CsvImportError, LagImport,
};
pub use evidence::reconcile::{
    reconcile, ChurnThresholds, ReconcileInput, Reconciliation, DEFAULT_HIGH_CTR, DEFAULT_HIGH_CVR,
    DEFAULT_LOW_REPEAT_PURCHASE_RATE, GAP_THRESHOLD, RECONCILE_WARNING_IDS,
};
pub use figures::{LayerMoney, MoneyFigures, SpreadText};
pub use input::{Input, Range};
pub use lag::{lognormal_share, table_share, LagPoint};
pub use load::MAX_PLAN_BYTES;
pub use model::InputName;
pub use money::{MoneyFormat, NO_FIGURE};
pub use plan::Plan;
pub use point::{
    evaluate, Layer, LayerResult, PerLayer, PointResult, WaterfallStep, WaterfallStepKind,
};
pub use presets::{preset, presets, Preset};
pub use reach::Reach;
pub use render::render_text;
pub use report::{plan_report, plan_report_default, PlanReport};
pub use simulate::{
    simulate, LayerSpread, Simulation, Spread, DEFAULT_DRAWS, DEFAULT_SEED, MAX_DRAWS,
};
pub use tornado::{tornado, TornadoBar};
pub use verdict::{
    break_even_chance, chance_tone, plan_verdict, PlanTone, PlanVerdict, LOST_CHANCE, SURE_CHANCE,
};
pub use warnings::{
    PlanWarning, WarningLevel, FEW_DRAWS, HIGH_IMPLIED_EVENTUAL_CVR, LOW_WINDOW_SHARE,
    UNCERTAIN_BREAK_EVEN, WARNING_IDS,
};
