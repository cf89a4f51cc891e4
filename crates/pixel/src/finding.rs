//! How every pixel finding is built: the area, and the evidence label of the code that
//! triggered it. The checks, the vendor mapping and the report assembly all build findings
//! here, so none of them needs another to do it.

use preflight_model::{Area, Finding, Status};

use crate::types::Location;

/// Evidence label of findings derived from calls; they are recomputed when calls change.
pub const CODE_LABEL: &str = "Code";

pub fn finding(id: &str, status: Status, title: impl Into<String>) -> Finding {
    Finding::new(id, Area::Pixel, status, title)
}

/// Attach the code that triggered a finding.
pub fn with_code(f: Finding, text: &str, location: &Location) -> Finding {
    f.evidence_at(CODE_LABEL, text, location.to_string())
}
