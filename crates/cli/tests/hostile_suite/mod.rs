//! The hostile suite's runner and its export checks.

pub mod exports;
pub mod harness;
