//! Turning measured evidence into planner inputs: cannibalization from a holdout test, the lag
//! from CRM data, and a reconciliation of pixel against backend figures.

pub mod holdout;
pub mod lag_csv;
pub mod reconcile;
