//! A begun run: the engine runs, each page is saved as it finishes and reported read under the
//! counting rules, and the run is finished with its counts.

use super::header::header;
use super::prepare::PreparedRun;
use super::sink::RunSink;
use crate::audits::load_audit;
use crate::clock;
use preflight_audit::report::{AuditReport, PageReport, RunStatus, Verdict};
use preflight_audit::{CancellationToken, RunEvent};
use preflight_readiness::Readiness;
use preflight_store::{Store, StoreError};

/// Where a run has got to.
#[derive(Debug, Clone, PartialEq)]
pub struct RunProgress {
    /// Pages finished so far, this one included.
    pub done: u32,
    pub total: u32,
    pub event: PageEvent,
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
#[derive(Debug, Clone, PartialEq)]
pub struct RunOutcome {
    /// The saved audit, when the run was saved.
    pub run_id: Option<i64>,
    pub client_id: Option<i64>,
    pub status: RunStatus,
    /// The audit as every reader shows it: what loading the saved audit gives.
    pub report: AuditReport,
    pub readiness: Readiness,
}

/// A run recorded in the store (or not saved), ready to execute.
pub struct Run<S: RunSink> {
    prepared: PreparedRun,
    header: AuditReport,
    run_id: Option<i64>,
    sink: Option<S>,
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
        } = self;
        let total = prepared.total();
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        let engine = preflight_audit::run_audit(
            &prepared.urls,
            &prepared.fetcher,
            &prepared.options,
            &cancel,
            Some(tx),
        );
        let saving = async {
            let mut done = 0u32;
            while let Some(event) = rx.recv().await {
                let event = match event {
                    RunEvent::PageStarted { index, url } => PageEvent::Started { index, url },
                    RunEvent::PageFinished { index, page } => {
                        done += 1;
                        if let (Some(sink), Some(run_id)) = (&sink, run_id) {
                            let saved = page.clone();
                            sink.with_store(move |store| {
                                store.save_page(run_id, index as usize, &saved)
                            })
                            .await
                            // Nothing more can be saved: stop fetching.
                            .inspect_err(|_| cancel.cancel())?;
                        }
                        let mut page = page;
                        preflight_readiness::normalise_page(&mut page);
                        PageEvent::Finished { index, page }
                    }
                };
                progress(RunProgress { done, total, event });
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
        let mut report = header;
        report.pages = checked.pages;
        report.status = checked.status;
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
