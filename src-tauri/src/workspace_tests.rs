use super::*;
use preflight_audit::{CancellationToken, RunOptions};
use std::process::Command;

/// Set in the processes of their own that the tests below start.
const ALONE: &str = "PREFLIGHT_TEST_ALONE";

/// Runs the ignored test `name` of this file in a process of its own, whose settings and data
/// folders are `dir`'s (the machine's settings are read from the environment, which a test must
/// not change under the others).
fn run_alone(name: &str, dir: &Path, env: &[(&str, &Path)]) {
    let out = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            name,
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env_remove("PREFLIGHT_DB")
        .env("PREFLIGHT_CONFIG_DIR", dir.join("config"))
        .env("XDG_DATA_HOME", dir.join("data"))
        .envs(env.iter().copied())
        .env(ALONE, "1")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout.contains("1 passed"),
        "{name}:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn alone() {
    assert!(
        std::env::var_os(ALONE).is_some(),
        "run by its parent test, in a process of its own"
    );
}

#[test]
#[cfg(target_os = "linux")]
fn connecting_copying_and_going_back_swap_the_database_in_place() {
    // Fails here, saying what to do, when no test server is set.
    preflight_testkit::postgres::admin_url();
    let dir = tempfile::tempdir().unwrap();
    run_alone(
        "workspace::tests::connect_copy_and_disconnect",
        dir.path(),
        &[],
    );
}

#[test]
fn preflight_db_keeps_the_database_it_names() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("chosen.sqlite3");
    run_alone(
        "workspace::tests::overridden_by_preflight_db",
        dir.path(),
        &[("PREFLIGHT_DB", &file)],
    );
}

#[test]
#[ignore = "run by preflight_db_keeps_the_database_it_names in a process of its own"]
fn overridden_by_preflight_db() {
    alone();
    let state = AppState::open(workspace::database_setting());
    let s = status(&state);
    assert!(s.overridden && !s.workspace, "{s:?}");
    assert!(s.location.ends_with("chosen.sqlite3"), "{s:?}");
    assert_eq!(local_file(), state.db_path());
    let e = connect(
        &state,
        "postgres://dana@db.example/preflight",
        Some("pw"),
        None,
    )
    .unwrap_err();
    assert_eq!(e.code, "database_overridden");
    assert!(e.hint.is_some());
    assert_eq!(disconnect(&state).unwrap_err().code, "database_overridden");
    assert!(workspace::machine_settings().workspace.is_none());
    // The name work is recorded under can still be set.
    let s = rename_author(&state, "Dana").unwrap();
    assert_eq!(s.author.as_deref(), Some("Dana"));
}

#[test]
#[ignore = "run by connecting_copying_and_going_back_swap_the_database_in_place in a process of its own"]
fn connect_copy_and_disconnect() {
    alone();
    use preflight_testkit::postgres::TestDatabase;

    // This computer's own file, with a client and an audit.
    let local = local_file();
    assert!(local.starts_with(std::env::var("XDG_DATA_HOME").unwrap()));
    std::fs::create_dir_all(local.parent().unwrap()).unwrap();
    {
        let store = open_database(&local).unwrap();
        let client = store.create_client("Acme").unwrap();
        let header =
            preflight_session::run::header(&RunOptions::default(), 1, preflight_session::now());
        store.begin_run(Some(client.id), &header, 1).unwrap();
    }
    let state = AppState::open(workspace::database_setting());
    let s = status(&state);
    assert!(
        !s.workspace && !s.overridden && s.local_file_exists,
        "{s:?}"
    );
    assert_eq!(s.location, local.display().to_string());

    let db = TestDatabase::new();
    let role = db.analyst("c0rrect-h0rse");
    let address = db
        .url_for(&role, "c0rrect-h0rse")
        .replace(":c0rrect-h0rse@", "@");

    // A refused login changes nothing.
    let e = connect(&state, &address, Some("wrong"), Some("Dana")).unwrap_err();
    assert_eq!(e.code, "login_refused");
    assert!(e.hint.is_some());
    assert!(!state.store().unwrap().location().is_server());
    assert_eq!(workspace::machine_settings(), Default::default());

    // Something still working on the file keeps the app on it.
    state.running().insert(1, CancellationToken::new());
    let e = connect(&state, &address, Some("c0rrect-h0rse"), None).unwrap_err();
    assert_eq!(e.code, "work_in_progress");
    state.running().clear();

    let connected = connect(&state, &address, Some("c0rrect-h0rse"), Some(" Dana ")).unwrap();
    assert!(connected.empty);
    assert_eq!((connected.local_clients, connected.local_audits), (1, 1));
    let s = &connected.status;
    assert!(s.workspace, "{s:?}");
    assert!(!s.location.contains("c0rrect"), "{s:?}");
    assert_eq!(s.location, connected.address);
    assert_eq!(s.author.as_deref(), Some("Dana"));
    assert_eq!(s.display_name.as_deref(), Some("Dana"));
    assert!(state.store().unwrap().location().is_server());
    assert!(state.store().unwrap().list_clients().unwrap().is_empty());
    assert_eq!(state.store().unwrap().author(), Some("Dana"));

    let report = copy_local(&state).unwrap();
    assert_eq!(report.rows("clients").unwrap().copied, 1);
    assert_eq!(report.rows("audit_runs").unwrap().copied, 1);
    let names = |state: &AppState| -> Vec<String> {
        let clients = state.store().unwrap().list_clients().unwrap();
        clients.into_iter().map(|c| c.client.name).collect()
    };
    assert_eq!(names(&state), ["Acme"]);

    // A colleague's client changes the revision the window polls.
    let before = state.store().unwrap().revision().unwrap();
    open_database(Path::new(&db.url()))
        .unwrap()
        .create_client("Beta")
        .unwrap();
    assert_ne!(state.store().unwrap().revision().unwrap(), before);
    assert_eq!(names(&state), ["Acme", "Beta"]);

    let s = rename_author(&state, "  Dana   Q ").unwrap();
    assert_eq!(s.display_name.as_deref(), Some("Dana Q"));
    assert_eq!(state.store().unwrap().author(), Some("Dana Q"));

    let s = disconnect(&state).unwrap();
    assert!(!s.workspace, "{s:?}");
    assert_eq!(names(&state), ["Acme"]);
    assert!(workspace::machine_settings().workspace.is_none());
    // The password is forgotten: the address alone is refused.
    let e = open_database(Path::new(&address)).err().unwrap();
    assert_eq!(e.code, "login_refused");
}

#[test]
fn a_workspace_is_shown_without_its_password() {
    let local = Path::new("/nowhere/preflight.sqlite3");
    let setting = Path::new("postgres://dana:s3cret@db.example:5432/preflight?sslmode=require");
    let s = status_of(setting, None, false, None, local);
    assert!(s.workspace && !s.local_file_exists, "{s:?}");
    assert_eq!(s.location, "postgres://dana@db.example:5432/preflight");
    assert!(!serde_json::to_string(&s).unwrap().contains("s3cret"));
    assert_eq!(shown_location(setting), s.location);
    assert_eq!(
        setting_without_password(setting),
        Path::new("postgres://dana@db.example:5432/preflight?sslmode=require")
    );
    // Files kept beside the database stay on this computer.
    assert_eq!(local_folder(setting), local_file().parent().unwrap());

    let file = Path::new("/data/preflight.sqlite3");
    let s = status_of(file, None, true, Some("Dana".into()), local);
    assert!(!s.workspace && s.overridden, "{s:?}");
    assert_eq!(s.location, "/data/preflight.sqlite3");
    assert_eq!(setting_without_password(file), file);
    assert_eq!(local_folder(file), Path::new("/data"));
}

#[test]
fn the_database_is_swapped_in_place_and_a_failure_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("first.sqlite3");
    let second = dir.path().join("second.sqlite3");
    let state = AppState::open(first.clone());
    state.store().unwrap().create_client("Acme").unwrap();
    state.capi_events().insert(1, Vec::new());

    state.switch_to(second.clone(), open_database(&second));
    assert_eq!(state.db_path(), second);
    assert!(state.store().unwrap().list_clients().unwrap().is_empty());
    assert!(
        state.capi_events().is_empty(),
        "kept for the old database's clients"
    );

    let bad = PathBuf::from("mysql://root@db.example/preflight");
    state.switch_to(bad.clone(), open_database(&bad));
    let e = state.store().err().unwrap();
    assert_eq!(state.store_error().unwrap().code, e.code);

    state.switch_to(first.clone(), open_database(&first));
    assert!(state.store_error().is_none());
    assert_eq!(state.store().unwrap().list_clients().unwrap().len(), 1);
}

#[test]
fn work_on_the_database_keeps_it_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let state = AppState::open(dir.path().join("p.sqlite3"));
    assert_eq!(state.work_in_progress(), None);
    state.running().insert(7, CancellationToken::new());
    assert_eq!(state.work_in_progress(), Some("an audit is running"));
    state.running().clear();
    *state.log_import() = Some(Default::default());
    assert!(state.work_in_progress().is_some());
}

#[test]
fn a_file_named_at_the_start_opens_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let state = AppState::starting(dir.path().join("p.sqlite3"));
    assert!(!state.connecting());
    assert!(state.store().is_ok());
    assert!(!state.finish_connecting(), "nothing was waiting to connect");
}

#[test]
fn a_workspace_named_at_the_start_is_connected_to_after_the_window_shows() {
    let unused = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let down = PathBuf::from(format!(
        "postgres://dana:s3cret@127.0.0.1:{}/preflight",
        unused.local_addr().unwrap().port()
    ));
    drop(unused);
    let state = AppState::starting(down);
    assert!(state.connecting());
    let e = state.store().err().unwrap();
    assert_eq!(e.code, "workspace_connecting");
    assert!(e.hint.is_some());
    assert!(e.message.contains("127.0.0.1"), "{}", e.message);
    assert!(!e.message.contains("s3cret"), "{}", e.message);
    assert_eq!(state.store_error().unwrap().code, "workspace_connecting");

    // A server that is down: its error is kept once the attempt ends.
    assert!(state.finish_connecting());
    assert!(!state.connecting());
    assert_eq!(state.store_error().unwrap().code, "server_unreachable");
    assert!(!state.finish_connecting(), "tried once");
}

#[test]
fn going_back_to_the_file_while_connecting_keeps_the_file() {
    use std::sync::mpsc;
    // A server that takes the connection and answers nothing until told to hang up.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let (accepted, on_accept) = mpsc::channel();
    let (hang_up, on_hang_up) = mpsc::channel::<()>();
    let server = std::thread::spawn(move || {
        let (socket, _) = listener.accept().unwrap();
        accepted.send(()).unwrap();
        let _ = on_hang_up.recv();
        drop(socket);
    });
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("p.sqlite3");
    let state = std::sync::Arc::new(AppState::starting(PathBuf::from(format!(
        "postgres://dana:pw@127.0.0.1:{port}/preflight?sslmode=disable"
    ))));
    let connecting = {
        let state = state.clone();
        std::thread::spawn(move || state.finish_connecting())
    };
    on_accept.recv().unwrap();
    state.switch_to(file.clone(), open_database(&file));
    hang_up.send(()).unwrap();
    assert!(
        !connecting.join().unwrap(),
        "the late connection is dropped"
    );
    server.join().unwrap();
    assert!(!state.connecting());
    assert_eq!(state.db_path(), file);
    assert!(state.store_error().is_none());
    assert!(state.store().is_ok());
}

#[test]
fn a_reachable_workspace_named_at_the_start_opens() {
    let db = preflight_testkit::postgres::TestDatabase::new();
    let state = AppState::starting(PathBuf::from(db.url()));
    assert!(state.connecting());
    assert!(state.finish_connecting());
    assert!(state.store_error().is_none(), "{:?}", state.store_error());
    assert!(state.store().unwrap().location().is_server());
}

#[test]
fn work_begun_on_one_database_never_writes_to_the_next() {
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("first.sqlite3");
    let second = dir.path().join("second.sqlite3");
    let state = AppState::open(first);
    let began = state.database_in_place();
    assert!(state.store_since(began).is_ok());

    state.switch_to(second.clone(), open_database(&second));
    let e = state.store_since(began).err().unwrap();
    assert_eq!(e.code, "database_changed");
    assert!(e.hint.is_some());
    assert!(state.store_since(state.database_in_place()).is_ok());
}
