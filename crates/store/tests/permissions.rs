//! On Unix the database holds clients' pages and findings: only its owner may read it.
#![cfg(unix)]

mod support;
use support::open_store;

use preflight_document::report::{standard_limits, AuditReport, RunStatus, REPORT_SCHEMA_VERSION};
use preflight_store::LATEST_VERSION;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o777
}

fn set_mode(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

fn side(path: &Path, suffix: &str) -> PathBuf {
    PathBuf::from(format!("{}{suffix}", path.display()))
}

fn header() -> AuditReport {
    AuditReport {
        schema_version: REPORT_SCHEMA_VERSION,
        generator: "Preflight test".into(),
        started_at: "2026-11-25T10:00:00Z".into(),
        finished_at: None,
        status: RunStatus::Running,
        planned_pages: None,
        summary: Default::default(),
        pages: Vec::new(),
        limits: standard_limits(),
        funnel: None,
        journeys: Vec::new(),
    }
}

#[test]
fn a_new_database_its_side_files_and_the_folders_made_for_it_are_owner_only() {
    let dir = tempfile::tempdir().unwrap();
    let shared = dir.path().join("shared");
    std::fs::create_dir(&shared).unwrap();
    set_mode(&shared, 0o755);
    let path = shared.join("made").join("here").join("p.db");

    let store = open_store(&path).unwrap();
    store.begin_run(None, &header(), 1).unwrap();
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(&side(&path, "-wal")), 0o600);
    assert_eq!(mode(&side(&path, "-shm")), 0o600);
    assert_eq!(mode(&shared.join("made")), 0o700);
    assert_eq!(mode(&shared.join("made").join("here")), 0o700);
    assert_eq!(mode(&shared), 0o755, "a folder that existed is left alone");

    let runs = side(&path, "-runs");
    assert_eq!(mode(&runs), 0o700);
    let owner_files: Vec<_> = std::fs::read_dir(&runs).unwrap().collect();
    assert_eq!(owner_files.len(), 1);
    assert_eq!(mode(&owner_files[0].as_ref().unwrap().path()), 0o600);
    drop(store);
    assert_eq!(
        std::fs::read_dir(&runs).unwrap().count(),
        0,
        "the owner file goes with its store"
    );
}

#[test]
fn an_existing_database_readable_by_others_is_tightened_when_opened() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.db");
    let keep_open = open_store(&path).unwrap();
    keep_open.create_client("Acme").unwrap();
    for file in [path.clone(), side(&path, "-wal"), side(&path, "-shm")] {
        set_mode(&file, 0o644);
    }
    let _store = open_store(&path).unwrap();
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(&side(&path, "-wal")), 0o600);
    assert_eq!(mode(&side(&path, "-shm")), 0o600);
}

#[test]
fn a_newer_database_is_refused_without_touching_its_permissions() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.db");
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch(&format!(
            "CREATE TABLE x (y); PRAGMA user_version = {};",
            LATEST_VERSION + 1
        ))
        .unwrap();
    set_mode(&path, 0o644);
    assert!(open_store(&path).is_err());
    assert_eq!(mode(&path), 0o644);
}
