use super::*;
use preflight_audit::report::Summary;
use preflight_audit::RunOptions;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, Mutex};

#[derive(Clone)]
struct Host {
    state: Arc<AppState>,
    events: Arc<Mutex<Vec<AuditProgress>>>,
}

impl RunHost for Host {
    fn app_state(&self) -> &AppState {
        &self.state
    }

    fn emit_progress(&self, progress: AuditProgress) {
        self.events.lock().unwrap().push(progress);
    }
}

struct Fixture {
    _dir: tempfile::TempDir,
    host: Host,
    client_id: i64,
    run_id: i64,
}

/// A database with one client and one run just begun, as `start_audit` leaves it.
fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let state = AppState::open(dir.path().join("preflight.sqlite3"));
    let (client_id, run_id) = {
        let store = state.store().unwrap();
        let client = store.create_client("Acme").unwrap();
        let header =
            preflight_session::run::header(&RunOptions::default(), 2, preflight_session::now());
        let run = store.begin_run(Some(client.id), &header, 2).unwrap();
        (client.id, run)
    };
    Fixture {
        _dir: dir,
        host: Host {
            state: Arc::new(state),
            events: Arc::default(),
        },
        client_id,
        run_id,
    }
}

impl Fixture {
    fn guard(&self) -> RunGuard<Host> {
        RunGuard::start(
            self.host.clone(),
            self.host.state.database_in_place(),
            self.run_id,
            self.client_id,
            2,
            CancellationToken::new(),
        )
    }

    fn stored_status(&self) -> RunStatus {
        let store = self.host.state.store().unwrap();
        store.audit_summary(self.run_id).unwrap().status
    }

    fn running(&self) -> usize {
        self.host.state.running().len()
    }

    fn events(&self) -> Vec<AuditProgress> {
        self.host.events.lock().unwrap().clone()
    }
}

#[test]
fn a_run_is_running_exactly_while_its_guard_lives() {
    let f = fixture();
    let guard = f.guard();
    assert!(f.host.state.running().contains_key(&f.run_id));
    drop(guard);
    assert_eq!(f.running(), 0);
}

#[test]
fn a_panic_during_the_run_still_ends_it() {
    let f = fixture();
    let unwound = catch_unwind(AssertUnwindSafe(|| {
        let _guard = f.guard();
        panic!("a check blew up");
    }));
    assert!(unwound.is_err());
    assert_eq!(f.running(), 0, "the run left the running map");
    assert_eq!(f.stored_status(), RunStatus::Interrupted);
    let events = f.events();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].kind, ProgressKind::Failed);
    assert_eq!(events[0].run_id, f.run_id);
    assert_eq!(events[0].error.as_ref().unwrap().code, "audit_interrupted");
    // With the run over, its audit and client can be deleted.
    let store = f.host.state.store().unwrap();
    store.delete_audit(f.run_id).unwrap();
    store.delete_client(f.client_id).unwrap();
}

async fn explode() -> AppResult<RunStatus> {
    panic!("the parser met a bad byte")
}

#[tokio::test]
async fn a_panicking_task_becomes_a_readable_error() {
    let f = fixture();
    supervise(f.guard(), explode()).await;
    assert_eq!(f.running(), 0);
    assert_eq!(f.stored_status(), RunStatus::Interrupted);
    let events = f.events();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].kind, ProgressKind::Failed);
    let error = events[0].error.as_ref().unwrap();
    assert_eq!(error.code, "audit_crashed");
    assert!(
        error.message.contains("the parser met a bad byte")
            && error.message.contains("pages checked so far are kept"),
        "{}",
        error.message
    );
}

#[tokio::test]
async fn a_failed_run_reports_its_error_and_stops_running() {
    let f = fixture();
    let failure = AppError::new("disk_full", "The disk is full.");
    supervise(f.guard(), async move { Err(failure) }).await;
    assert_eq!(f.running(), 0);
    assert_eq!(f.stored_status(), RunStatus::Interrupted);
    let events = f.events();
    assert_eq!(events[0].kind, ProgressKind::Failed);
    assert_eq!(events[0].error.as_ref().unwrap().code, "disk_full");
}

#[tokio::test]
async fn a_finished_run_keeps_its_status() {
    let f = fixture();
    let (state, run_id) = (f.host.state.clone(), f.run_id);
    supervise(f.guard(), async move {
        let now = preflight_session::now();
        state
            .store()?
            .finish_run(run_id, RunStatus::Cancelled, &now, &Summary::default())?;
        Ok::<_, AppError>(RunStatus::Cancelled)
    })
    .await;
    assert_eq!(f.running(), 0);
    assert_eq!(f.stored_status(), RunStatus::Cancelled);
    let events = f.events();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].kind, ProgressKind::Finished);
    assert_eq!(events[0].status, Some(RunStatus::Cancelled));
    assert!(events[0].error.is_none());
}

#[test]
fn a_run_dropped_without_an_answer_is_interrupted() {
    // As when the app quits while an audit runs: the task is dropped mid-way.
    let f = fixture();
    let work = supervise(f.guard(), std::future::pending::<AppResult<RunStatus>>());
    drop(work);
    assert_eq!(f.running(), 0);
    assert_eq!(f.stored_status(), RunStatus::Interrupted);
    assert_eq!(f.events()[0].kind, ProgressKind::Failed);
}

#[test]
fn an_interrupted_run_is_counted_by_the_readiness_model() {
    let f = fixture();
    // A page the bot cannot use, saved without a finding that says why: it still counts as a
    // page with a blocking problem.
    let page: preflight_audit::PageReport = serde_json::from_value(serde_json::json!({
        "url": "https://shop.example/",
        "verdict": "blocked",
        "verdict_confidence": "high",
        "verdict_reason": "403 for the bot",
        "findings": [],
        "fetches": []
    }))
    .unwrap();
    f.host
        .state
        .store()
        .unwrap()
        .save_page(f.run_id, 0, &page)
        .unwrap();
    drop(f.guard());
    assert_eq!(f.stored_status(), RunStatus::Interrupted);
    let store = f.host.state.store().unwrap();
    let counts = store.audit_summary(f.run_id).unwrap().summary.unwrap();
    assert_eq!((counts.pages, counts.failing_pages), (1, 1));
}

#[test]
fn a_run_whose_database_was_switched_leaves_the_new_one_alone() {
    let f = fixture();
    let guard = f.guard();
    // Another database whose run has the same number, running on someone else's computer.
    let other = f._dir.path().join("other.sqlite3");
    // (Kept open: a run reads as running while the Preflight that began it is open.)
    let their_preflight = crate::state::open_database(&other).unwrap();
    let client = their_preflight.create_client("Globex").unwrap();
    let header =
        preflight_session::run::header(&RunOptions::default(), 2, preflight_session::now());
    let theirs = their_preflight
        .begin_run(Some(client.id), &header, 2)
        .unwrap();
    assert_eq!(theirs, f.run_id);
    f.host
        .state
        .switch_to(other.clone(), crate::state::open_database(&other));
    drop(guard);
    assert_eq!(f.running(), 0);
    assert_eq!(
        f.stored_status(),
        RunStatus::Running,
        "the other database's run"
    );
    assert_eq!(f.events()[0].kind, ProgressKind::Failed);
    drop(their_preflight);
}
