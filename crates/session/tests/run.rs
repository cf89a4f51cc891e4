//! Audits run through the session against fixture sites on 127.0.0.1, saved in a temporary
//! SQLite database: progress as pages finish, cancel, the client's current audit, and the
//! outcome equal to the saved audit read back.

use preflight_document::report::{AuditReport, RunStatus, Verdict};
use preflight_fixtures::FixtureSite;
use preflight_readiness::ReadinessState;
use preflight_session::{
    client_status, load_audit, mark_interrupted, open_store, prepare_run, CancellationToken,
    PageEvent, RunProgress, RunRequest, RunSink, SessionError, Store, StoreError, Targets,
};
use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

fn database() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = open_store(&dir.path().join("preflight.sqlite3")).unwrap();
    (dir, store)
}

/// A client with these landing pages.
fn client_with(store: &mut Store, name: &str, urls: &[String]) -> i64 {
    let client = store.create_client(name).unwrap();
    store.add_pages(client.id, urls).unwrap();
    client.id
}

fn client_pages(client_id: i64) -> RunRequest {
    RunRequest::new(Targets::ClientPages { client_id })
}

/// Runs a saved audit of a client's pages to its end, collecting its progress.
async fn run_saved(
    sink: &Mutex<Store>,
    request: RunRequest,
    cancel: CancellationToken,
    mut on_progress: impl FnMut(&RunProgress) + Send,
) -> (preflight_session::RunOutcome, Vec<RunProgress>) {
    let prepared = prepare_run(Some(&*sink.lock().unwrap()), request).unwrap();
    let run = prepared.begin(Some(sink)).await.unwrap();
    assert!(run.id().is_some());
    let mut events = Vec::new();
    let outcome = run
        .execute(cancel, |p| {
            on_progress(&p);
            events.push(p);
        })
        .await
        .unwrap();
    (outcome, events)
}

#[tokio::test]
async fn a_run_reports_each_page_saves_it_and_reads_back_as_it_was_shown() {
    let site = FixtureSite::start();
    let (_dir, mut store) = database();
    let urls = vec![
        site.url("/ok"),
        site.url("/blocks-adsbot"),
        site.url("/page/3"),
    ];
    let acme = client_with(&mut store, "Acme", &urls);
    let sink = Mutex::new(store);
    let mut request = client_pages(acme);
    request.funnel = Some("ecommerce".into());
    let (outcome, events) = run_saved(&sink, request, CancellationToken::new(), |_| {}).await;

    // Progress: every page started and finished, counted as it finished, out of three.
    let finished: Vec<&RunProgress> = events
        .iter()
        .filter(|p| matches!(p.event, PageEvent::Finished { .. }))
        .collect();
    assert_eq!(finished.len(), 3);
    assert_eq!(
        finished.iter().map(|p| p.done).collect::<Vec<_>>(),
        [1, 2, 3]
    );
    assert!(events.iter().all(|p| p.total == 3));
    let started = events
        .iter()
        .filter(|p| matches!(p.event, PageEvent::Started { .. }))
        .count();
    assert_eq!(started, 3);
    for p in &finished {
        let PageEvent::Finished { page, .. } = &p.event else {
            unreachable!()
        };
        // Each page is shown read under the counting rules, and as the report lists it.
        let mut again = (**page).clone();
        preflight_readiness::normalise_page(&mut again);
        assert_eq!(&again, page.as_ref());
        assert_eq!(p.verdict(), Some(page.verdict));
        let listed = outcome.report.pages.iter().find(|l| l.url == page.url);
        assert_eq!(listed.map(|l| &l.findings), Some(&page.findings));
    }

    // The outcome: complete, not ready (one page blocks the bot), judged by the readiness model.
    assert_eq!(outcome.status, RunStatus::Complete);
    assert_eq!(outcome.client_id, Some(acme));
    let verdicts: Vec<Verdict> = outcome.report.pages.iter().map(|p| p.verdict).collect();
    assert_eq!(
        verdicts,
        [Verdict::Reachable, Verdict::Blocked, Verdict::Reachable]
    );
    assert_eq!(outcome.readiness.state, ReadinessState::NotReady);
    assert_eq!(
        outcome.readiness,
        preflight_readiness::assess(&outcome.report)
    );
    assert_eq!(outcome.report.planned_pages, Some(3));
    assert_eq!(
        outcome.report.funnel.as_ref().map(|f| f.funnel.id.as_str()),
        Some("ecommerce")
    );

    // Saved: the audit read back is the outcome (which keeps its pages without their bodies),
    // and it stands for the client.
    let run_id = outcome.run_id.unwrap();
    let store = sink.into_inner().unwrap();
    let saved = load_audit(&store, run_id).unwrap();
    assert!(
        saved
            .pages
            .iter()
            .all(|p| !p.fetches[0].body_head.is_empty()),
        "saved whole"
    );
    assert_eq!(without_bodies(saved), outcome.report);
    let summary = store.audit_summary(run_id).unwrap();
    assert_eq!(
        (summary.status, summary.pages_done, summary.page_count),
        (RunStatus::Complete, 3, 3)
    );
    assert_eq!(summary.summary.as_ref(), Some(&outcome.report.summary));
    let status = client_status(&store, acme).unwrap();
    assert_eq!(status.current.map(|c| c.audit.id), Some(run_id));
    // The funnel chosen is the client's default from now on.
    assert_eq!(
        store.client_funnel(acme).unwrap().as_deref(),
        Some("ecommerce")
    );
}

#[tokio::test]
async fn cancelling_after_two_pages_keeps_them_and_leaves_the_client_status_alone() {
    let site = FixtureSite::start();
    let (_dir, mut store) = database();
    let acme = client_with(&mut store, "Acme", &[site.url("/ok")]);
    let sink = Mutex::new(store);
    let (first, _) = run_saved(&sink, client_pages(acme), CancellationToken::new(), |_| {}).await;
    assert_eq!(first.status, RunStatus::Complete);

    // Two quick pages, then four that take 30 seconds each.
    let mut urls = vec![site.url("/page/1"), site.url("/page/2")];
    urls.extend((0..4).map(|i| site.url(&format!("/slow?ms=30000&n={i}"))));
    let beta = client_with(&mut sink.lock().unwrap(), "Beta", &urls);
    {
        // Beta's last complete audit, to stay its status.
        let (done, _) = run_saved(
            &sink,
            RunRequest::new(Targets::Text {
                text: site.url("/ok"),
                client: Some("Beta".into()),
            }),
            CancellationToken::new(),
            |_| {},
        )
        .await;
        assert_eq!(done.client_id, Some(beta));
    }
    let before = client_status(&*sink.lock().unwrap(), beta).unwrap();
    let current = before.current.as_ref().unwrap().audit.id;

    let cancel = CancellationToken::new();
    let stop = cancel.clone();
    let cancelled_at = Arc::new(Mutex::new(None));
    let noted = cancelled_at.clone();
    let mut request = client_pages(beta);
    request.concurrency = Some(2);
    let (outcome, events) = tokio::time::timeout(
        Duration::from_secs(20),
        run_saved(&sink, request, cancel, move |p| {
            if p.done == 2 {
                stop.cancel();
                noted.lock().unwrap().get_or_insert_with(Instant::now);
            }
        }),
    )
    .await
    .expect("cancel ends the run at once");
    // The slow pages were still waiting for their answers: cancel ended the waits.
    let waited = cancelled_at.lock().unwrap().expect("cancelled").elapsed();
    assert!(waited < Duration::from_secs(3), "{waited:?} after cancel");

    assert_eq!(outcome.status, RunStatus::Cancelled);
    assert_eq!(outcome.report.pages.len(), 2);
    assert_eq!(outcome.readiness.state, ReadinessState::Partial);
    assert_eq!(outcome.readiness.planned_pages, Some(6));
    assert!(
        outcome
            .readiness
            .headline
            .starts_with("Partial audit (stopped): 2 of 6 pages"),
        "{}",
        outcome.readiness.headline
    );
    let finished = events
        .iter()
        .filter(|p| matches!(p.event, PageEvent::Finished { .. }))
        .count();
    assert_eq!(finished, 2);

    let run_id = outcome.run_id.unwrap();
    let store = sink.into_inner().unwrap();
    let summary = store.audit_summary(run_id).unwrap();
    assert_eq!(
        (summary.status, summary.pages_done, summary.page_count),
        (RunStatus::Cancelled, 2, 6)
    );
    assert_eq!(
        without_bodies(load_audit(&store, run_id).unwrap()),
        outcome.report
    );
    // A stopped audit never stands for the client: its last complete audit still does.
    let after = client_status(&store, beta).unwrap();
    assert_eq!(after.current.map(|c| c.audit.id), Some(current));
    assert_eq!(after.newer_partial.map(|p| p.audit.id), Some(run_id));
}

#[tokio::test]
async fn a_run_that_is_not_saved_saves_nothing_and_names_what_it_skipped() {
    let site = FixtureSite::start();
    let (_dir, store) = database();
    let text = format!("{}\nnot a url\n", site.url("/ok"));
    let request = RunRequest::new(Targets::Text {
        text,
        client: Some("Acme".into()),
    });
    let prepared = prepare_run(None, request).unwrap();
    assert_eq!(prepared.urls, [site.url("/ok")]);
    assert_eq!(prepared.skipped.len(), 1);
    assert_eq!(prepared.client_id, None);
    let run = prepared.begin(None::<&Mutex<Store>>).await.unwrap();
    assert_eq!(run.id(), None);
    let outcome = run.execute(CancellationToken::new(), |_| {}).await.unwrap();
    assert_eq!(outcome.run_id, None);
    assert_eq!(outcome.status, RunStatus::Complete);
    assert_eq!(outcome.report.pages.len(), 1);
    assert!(store.list_audits(None).unwrap().is_empty());
    assert!(store.list_clients().unwrap().is_empty());
}

#[tokio::test]
async fn a_run_asks_for_pages_a_known_funnel_and_a_url() {
    let (_dir, store) = database();
    let empty = store.create_client("Empty").unwrap();
    let code = |r: Result<preflight_session::PreparedRun, SessionError>| {
        r.err().map(|e| e.code()).unwrap_or("prepared")
    };
    assert_eq!(
        code(prepare_run(Some(&store), client_pages(empty.id))),
        "no_pages"
    );
    assert_eq!(
        code(prepare_run(Some(&store), client_pages(999))),
        "not_found"
    );
    let nothing = RunRequest::new(Targets::Text {
        text: "ftp://example.com/file\n".into(),
        client: None,
    });
    match prepare_run(None, nothing) {
        Err(SessionError::NoValidUrl { skipped }) => assert_eq!(skipped.len(), 1),
        other => panic!("{:?}", other.err()),
    }
    let mut unknown = RunRequest::new(Targets::Text {
        text: "https://example.com/".into(),
        client: Some("Acme".into()),
    });
    unknown.funnel = Some("teleshopping".into());
    let e = prepare_run(Some(&store), unknown).err().unwrap();
    assert_eq!(e.code(), "invalid_input");
    assert!(e.to_string().contains("ecommerce"), "{e}");
    // Refused before anything was written.
    assert!(store.client_by_name("Acme").unwrap().is_none());

    // Without a choice, the client's default funnel is used.
    store
        .set_client_funnel(empty.id, Some("lead-generation"))
        .unwrap();
    let prepared = prepare_run(
        Some(&store),
        RunRequest::new(Targets::Text {
            text: "https://example.com/".into(),
            client: Some("Empty".into()),
        }),
    )
    .unwrap();
    assert_eq!(prepared.client_id, Some(empty.id));
    assert_eq!(prepared.options.funnel.as_deref(), Some("lead-generation"));
}

/// A store whose third write (the second page) fails as a full disk would.
struct FailingDisk {
    store: Mutex<Store>,
    writes: AtomicUsize,
}

impl RunSink for FailingDisk {
    type Error = SessionError;

    fn with_store<T, F>(&self, work: F) -> impl Future<Output = Result<T, SessionError>> + Send
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> Result<T, StoreError> + Send + 'static,
    {
        let result = if self.writes.fetch_add(1, Ordering::SeqCst) == 2 {
            Err(SessionError::Store(StoreError::DiskFull))
        } else {
            self.store.with_store(work).into_inner_now()
        };
        std::future::ready(result)
    }
}

/// The answer of a future that is ready at once.
trait ReadyNow<T> {
    fn into_inner_now(self) -> T;
}

impl<T, F: Future<Output = T>> ReadyNow<T> for F {
    fn into_inner_now(self) -> T {
        let waker = std::task::Waker::noop();
        let mut context = std::task::Context::from_waker(waker);
        let mut future = std::pin::pin!(self);
        match future.as_mut().poll(&mut context) {
            std::task::Poll::Ready(value) => value,
            std::task::Poll::Pending => panic!("the store's writes run in place"),
        }
    }
}

#[tokio::test]
async fn a_page_that_cannot_be_saved_stops_the_run_and_ends_it_interrupted() {
    let site = FixtureSite::start();
    let (_dir, mut store) = database();
    let mut urls = vec![site.url("/page/1"), site.url("/page/2")];
    urls.extend((0..3).map(|i| site.url(&format!("/slow?ms=30000&n={i}"))));
    let acme = client_with(&mut store, "Acme", &urls);
    let prepared = prepare_run(Some(&store), client_pages(acme)).unwrap();
    let disk = FailingDisk {
        store: Mutex::new(store),
        writes: AtomicUsize::new(0),
    };
    let run = prepared.begin(Some(&disk)).await.unwrap();
    let run_id = run.id().unwrap();
    let error = tokio::time::timeout(
        Duration::from_secs(20),
        run.execute(CancellationToken::new(), |_| {}),
    )
    .await
    .expect("a failed save stops fetching")
    .unwrap_err();
    assert_eq!(error.code(), "disk_full");
    let store = disk.store.lock().unwrap();
    let summary = store.audit_summary(run_id).unwrap();
    assert_eq!(summary.status, RunStatus::Interrupted);
    assert_eq!(summary.pages_done, 1);
    assert_eq!(summary.summary.map(|s| s.pages), Some(1));
}

#[test]
fn a_run_that_stopped_without_finishing_is_counted_and_ended_as_interrupted() {
    let (_dir, mut store) = database();
    let header = preflight_session::run::header(
        &preflight_audit::RunOptions::default(),
        2,
        preflight_session::now(),
    );
    let run = store.begin_run(None, &header, 2).unwrap();
    let page: preflight_document::PageReport = serde_json::from_value(serde_json::json!({
        "url": "https://shop.example/",
        "verdict": "blocked",
        "verdict_confidence": "high",
        "verdict_reason": "403 for the bot",
        "findings": [],
        "fetches": []
    }))
    .unwrap();
    store.save_page(run, 0, &page).unwrap();
    mark_interrupted(&store, run).unwrap();
    let summary = store.audit_summary(run).unwrap();
    assert_eq!(summary.status, RunStatus::Interrupted);
    let counts = summary.summary.unwrap();
    // A blocked page counts as failing even with no finding saying why.
    assert_eq!((counts.pages, counts.failing_pages), (1, 1));
    // A run that already ended stays as it ended.
    assert_eq!(
        mark_interrupted(&store, run).unwrap_err().code(),
        "not_found"
    );
}

fn without_bodies(mut report: AuditReport) -> AuditReport {
    report.pages = report
        .pages
        .into_iter()
        .map(|p| p.without_bodies())
        .collect();
    report
}
