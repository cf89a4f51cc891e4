//! The key figures of an audit, labelled with exactly what each counts: the words the PDF's key
//! figures and the command line's summary both print beside the readiness model's counts.

use preflight_readiness::{Readiness, ReadinessState};

/// One count of [`Readiness::counts`] and what it counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    pub label: String,
    pub value: u32,
}

/// Pages checked, pages OAI-AdsBot can use, pages with blocking problems, blocking problems
/// (each root cause once) and warnings, in that order.
pub fn readiness_figures(readiness: &Readiness) -> [Figure; 5] {
    let c = &readiness.counts;
    let figure = |label: &str, value| Figure {
        label: label.to_string(),
        value,
    };
    [
        Figure {
            label: match readiness.planned_pages {
                Some(planned) if readiness.state == ReadinessState::Partial => {
                    format!("Pages checked (of {planned} planned)")
                }
                _ => "Pages checked".into(),
            },
            value: c.pages,
        },
        figure("Pages OAI-AdsBot can use", c.reachable),
        figure("Pages with blocking problems", c.failing_pages),
        figure(
            "Blocking problems (each root cause once)",
            c.failing_findings,
        ),
        figure("Warnings (worth fixing, not blocking)", c.warnings),
    ]
}
