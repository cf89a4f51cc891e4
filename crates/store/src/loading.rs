//! Reading stored audits back whole: one, or many at once (a client's list, the Overview) in a
//! few queries whatever their number, so that a team workspace across a network answers as
//! fast as the local file.

use crate::audits::{summary_row, summary_select};
use crate::db::Value;
use crate::journeys::journey_from_row;
use crate::{AuditSummary, Result, Store, StoreError};
use preflight_document::journey::JourneyReport;
use preflight_document::report::{AuditReport, PageReport};
use std::collections::HashMap;

/// Audits read per query (far below both databases' limits on arguments).
const CHUNK: usize = 400;

/// A stored audit as loaded: its listing, the document as saved and the funnel chosen for it.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedAudit {
    pub summary: AuditSummary,
    pub report: AuditReport,
    pub funnel: Option<String>,
}

impl Store {
    /// The full report of a stored audit as saved, pages in their original order, read as one
    /// snapshot. Derived parts (funnel coverage) are left out: the readiness model computes them.
    pub fn load_report(&self, run_id: i64) -> Result<AuditReport> {
        Ok(self.load_audits(&[run_id])?.remove(0).report)
    }

    /// Several stored audits, in the order asked, read as one snapshot. An audit that does not
    /// exist (or was deleted) is [`StoreError::AuditNotFound`].
    pub fn load_audits(&self, run_ids: &[i64]) -> Result<Vec<LoadedAudit>> {
        let _snapshot = self.read_tx()?;
        let mut loaded: HashMap<i64, LoadedAudit> = HashMap::with_capacity(run_ids.len());
        for chunk in run_ids.chunks(CHUNK) {
            self.load_chunk(chunk, &mut loaded)?;
        }
        run_ids
            .iter()
            .map(|id| loaded.remove(id).ok_or(StoreError::AuditNotFound(*id)))
            .collect()
    }

    fn load_chunk(&self, ids: &[i64], into: &mut HashMap<i64, LoadedAudit>) -> Result<()> {
        let marks: Vec<String> = (1..=ids.len()).map(|i| format!("?{i}")).collect();
        let marks = marks.join(", ");
        let args: Vec<Value> = ids.iter().map(|id| Value::Int(*id)).collect();

        let heads = self.db.query_map(
            &format!(
                "SELECT id, schema_version, generator, limits_json, funnel FROM audit_runs
                 WHERE id IN ({marks}) AND deleted_at IS NULL"
            ),
            &args,
            |r| {
                Ok((
                    r.get::<i64>(0)?,
                    (
                        r.get::<i64>(1)?,
                        r.get::<String>(2)?,
                        r.get::<String>(3)?,
                        r.get::<Option<String>>(4)?,
                    ),
                ))
            },
        )?;
        let mut heads: HashMap<i64, _> = heads.into_iter().collect();
        let summaries = self.db.query_map(
            &format!(
                "{} WHERE r.id IN ({marks}) AND r.deleted_at IS NULL",
                summary_select(&self.db)
            ),
            &args,
            summary_row,
        )?;
        let mut pages: HashMap<i64, Vec<PageReport>> = HashMap::new();
        for (run, json) in self.db.query_map(
            &format!(
                "SELECT run_id, page_json FROM page_results WHERE run_id IN ({marks})
                 ORDER BY run_id, position"
            ),
            &args,
            |r| Ok((r.get::<i64>(0)?, r.get::<String>(1)?)),
        )? {
            pages
                .entry(run)
                .or_default()
                .push(serde_json::from_str(&json)?);
        }
        let mut journeys: HashMap<i64, Vec<JourneyReport>> = HashMap::new();
        for (id, run, json) in self.db.query_map(
            &format!(
                "SELECT id, run_id, report_json FROM journeys
                 WHERE run_id IN ({marks}) AND deleted_at IS NULL ORDER BY started_at, id"
            ),
            &args,
            |r| Ok((r.get::<i64>(0)?, r.get::<i64>(1)?, r.get::<String>(2)?)),
        )? {
            journeys
                .entry(run)
                .or_default()
                .push(journey_from_row(id, &json)?);
        }

        for row in summaries {
            let summary = self.summarize(row);
            let Some((schema_version, generator, limits, funnel)) = heads.remove(&summary.id)
            else {
                continue;
            };
            let supported = preflight_document::report::REPORT_SCHEMA_VERSION;
            let schema_version = u32::try_from(schema_version)
                .map_err(|_| StoreError::Corrupt(format!("report format {schema_version}")))?;
            if schema_version > supported {
                return Err(StoreError::NewerReport {
                    found: schema_version,
                    supported,
                });
            }
            let report = AuditReport {
                schema_version,
                generator,
                started_at: summary.started_at.clone(),
                finished_at: summary.finished_at.clone(),
                status: summary.status,
                planned_pages: Some(summary.page_count),
                summary: summary.summary.clone().unwrap_or_default(),
                pages: pages.remove(&summary.id).unwrap_or_default(),
                limits: serde_json::from_str(&limits)?,
                funnel: None,
                journeys: journeys.remove(&summary.id).unwrap_or_default(),
            };
            into.insert(
                summary.id,
                LoadedAudit {
                    summary,
                    report,
                    funnel,
                },
            );
        }
        Ok(())
    }
}
