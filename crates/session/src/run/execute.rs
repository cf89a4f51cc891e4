//! A begun run: the engine runs, each page is saved as it finishes and reported read under the
//! counting rules, and the run is finished with its counts.
//!
//! Memory stays flat however many pages the run has: each page is saved (and, when asked, kept
//! on disk whole for the JSON export) as it finishes, and only its record without the bodies
//! kept as evidence stays in memory for the counts and the readiness.

use super::header::header;
use super::pace::{Pace, RunPace};
use super::prepare::PreparedRun;
use super::sink::RunSink;
use super::spill::PageSpill;
use crate::audits::load_audit;
use crate::clock;
use preflight_audit::report::{AuditReport, PageReport, RunStatus, Verdict};
use preflight_audit::{CancellationToken, RunEvent};
use preflight_readiness::Readiness;
use preflight_store::{Store, StoreError};
use std::time::Instant;

/// Where a run has got to.
#[derive(Debug, Clone, PartialEq)]
pub struct RunProgress {
    /// Pages finished so far, this one included.
    pub done: u32,
    pub total: u32,
    pub event: PageEvent,
    /// How the run is going: pages per minute, time left, slowest and paused sites.
    pub pace: RunPace,
}

#[derive(Debug, Clone, PartialEq)]
pub enum PageEvent {
    /// A page is being checked.
    Started { index: u32, url: String },
    /// A page was checked (and saved, when the run is saved): the page as every reader shows
    /// it, under the counting rules.
    Finished { index: u32, page: Box<PageReport> },
}

impl RunProgress {
    pub fn url(&self) -> &str {
        match &self.event {
            PageEvent::Started { url, .. } => url,
            PageEvent::Finished { page, .. } => &page.url,
        }
    }

    /// The page's verdict, once it is checked.
    pub fn verdict(&self) -> Option<Verdict> {
        match &self.event {
            PageEvent::Started { .. } => None,
            PageEvent::Finished { page, .. } => Some(page.verdict),
        }
    }
}

/// How a run ended.
#[derive(Debug)]
pub struct RunOutcome {
    /// The saved audit, when the run was saved.
    pub run_id: Option<i64>,
    pub client_id: Option<i64>,
    pub status: RunStatus,
    /// The audit as every reader shows it: what loading the saved audit gives, with each page
    /// [without its bodies](PageReport::without_bodies).
    pub report: AuditReport,
    pub readiness: Readiness,
    /// The pages whole, in input order, when the run was asked to keep them
    /// ([`Run::keep_whole_pages`]).
    pub whole_pages: Option<PageSpill>,
}

/// A run recorded in the store (or not saved), ready to execute.
pub struct Run<S: RunSink> {
    prepared: PreparedRun,
    header: AuditReport,
    run_id: Option<i64>,
    sink: Option<S>,
    spill: Option<PageSpill>,
}

impl PreparedRun {
    /// Records the run with its header, through `sink`; without one, the run is not saved.
    pub async fn begin<S: RunSink>(self, sink: Option<S>) -> Result<Run<S>, S::Error> {
        let header = header(&self.options, self.total(), clock::now());
        let run_id = match &sink {
            Some(sink) => {
                let (client_id, record) = (self.client_id, header.clone());
                let funnel = self.options.funnel.clone();
                let planned = self.urls.len();
                let run_id = sink
                    .with_store(move |store| {
                        let run_id = store.begin_run(client_id, &record, planned)?;
                        store.set_audit_funnel(run_id, funnel.as_deref())?;
                        Ok(run_id)
                    })
                    .await?;
                Some(run_id)
            }
            None => None,
        };
        Ok(Run {
            prepared: self,
            header,
            run_id,
            sink,
            spill: None,
        })
    }
}

impl<S: RunSink> Run<S> {
    /// The saved audit's id, when the run is saved.
    pub fn id(&self) -> Option<i64> {
        self.run_id
    }

    pub fn client_id(&self) -> Option<i64> {
        self.prepared.client_id
    }

    pub fn total(&self) -> u32 {
        self.prepared.total()
    }

    /// Also keeps every page whole on disk as it finishes, for the outcome's
    /// [`RunOutcome::whole_pages`].
    pub fn keep_whole_pages(mut self) -> Result<Self, S::Error> {
        let spill = PageSpill::new()
            .map_err(|e| crate::SessionError::Internal(format!("no room for the pages: {e}")))?;
        self.spill = Some(spill);
        Ok(self)
    }

    /// Checks every page, saving each as it finishes and telling `progress`, and finishes the
    /// run. `cancel` stops it at once: pages not finished are left out and the run ends
    /// `cancelled`. A page that cannot be saved (a full disk, say) stops the run: it is ended
    /// as interrupted, with the pages saved so far, and the error is returned.
    pub async fn execute(
        self,
        cancel: CancellationToken,
        mut progress: impl FnMut(RunProgress) + Send,
    ) -> Result<RunOutcome, S::Error> {
        let Run {
            prepared,
            header,
            run_id,
            sink,
            mut spill,
        } = self;
        let total = prepared.total();
        let plan = preflight_audit::run::plan(&prepared.urls, &prepared.options);
        let mut pace = Pace::new(
            &prepared.urls,
            plan.concurrency,
            plan.per_host,
            Instant::now(),
        );
        let (tx, mut rx) = tokio::sync::mpsc::channel(preflight_audit::run::EVENT_BUFFER);
        let engine = preflight_audit::stream_audit(
            &prepared.urls,
            &prepared.fetcher,
            &prepared.options,
            &cancel,
            tx,
        );
        let mut kept: Vec<(u32, PageReport)> = Vec::new();
        let saving = async {
            let mut done = 0u32;
            while let Some(event) = rx.recv().await {
                let event = match event {
                    RunEvent::PageStarted { index, url } => {
                        pace.page_started(&url, Instant::now());
                        PageEvent::Started { index, url }
                    }
                    RunEvent::PageFinished { index, page } => {
                        done += 1;
                        pace.page_finished(
                            &page.url,
                            page.findings
                                .iter()
                                .any(|f| f.id == preflight_audit::checks::host_pause::ID),
                        );
                        let mut page = *page;
                        if let (Some(sink), Some(run_id)) = (&sink, run_id) {
                            page = sink
                                .with_store(move |store| {
                                    store
                                        .save_page(run_id, index as usize, &page)
                                        .map(|()| page)
                                })
                                .await
                                // Nothing more can be saved: stop fetching.
                                .inspect_err(|_| cancel.cancel())?;
                        }
                        preflight_readiness::normalise_page(&mut page);
                        if let Some(spill) = &mut spill {
                            spill.keep(index as usize, &page).map_err(|e| {
                                cancel.cancel();
                                crate::SessionError::Internal(format!(
                                    "a checked page could not be kept: {e}"
                                ))
                            })?;
                        }
                        // From here on the page is kept and shown without its bodies.
                        let page = page.without_bodies();
                        kept.push((index, page.clone()));
                        PageEvent::Finished {
                            index,
                            page: Box::new(page),
                        }
                    }
                };
                progress(RunProgress {
                    done,
                    total,
                    event,
                    pace: pace.at(Instant::now()),
                });
            }
            Ok::<(), S::Error>(())
        };
        let (checked, saved) = tokio::join!(engine, saving);
        if let Err(error) = saved {
            if let (Some(sink), Some(run_id)) = (&sink, run_id) {
                // Best effort: the disk that refused the page may refuse this too, and then
                // the run reads as interrupted once its owner has ended.
                let _ = sink
                    .with_store(move |store| mark_interrupted(store, run_id))
                    .await;
            }
            return Err(error);
        }
        kept.sort_by_key(|(index, _)| *index);
        let mut report = header;
        report.pages = kept.into_iter().map(|(_, page)| page).collect();
        report.status = checked;
        report.finished_at = Some(clock::now());
        let report = preflight_readiness::normalise(report, prepared.options.funnel.as_deref());
        if let (Some(sink), Some(run_id)) = (&sink, run_id) {
            let (status, summary) = (report.status, report.summary.clone());
            let finished_at = report.finished_at.clone().unwrap_or_default();
            sink.with_store(move |store| store.finish_run(run_id, status, &finished_at, &summary))
                .await?;
        }
        let readiness = preflight_readiness::assess(&report);
        Ok(RunOutcome {
            run_id,
            client_id: prepared.client_id,
            status: report.status,
            report,
            readiness,
            whole_pages: spill,
        })
    }
}

/// Ends a run that stopped without finishing as interrupted, with the pages it saved, counted
/// under the counting rules. A run that already finished is left as it is (`not_found`).
pub fn mark_interrupted(store: &Store, run_id: i64) -> Result<(), StoreError> {
    let summary = load_audit(store, run_id)
        .map(|report| report.summary)
        .unwrap_or_default();
    store.finish_run(run_id, RunStatus::Interrupted, &clock::now(), &summary)
}
