//! A database setting that is a server address is never taken as a file path (which used to
//! create a folder called `postgres:` and save there): a PostgreSQL server that cannot be
//! reached is named, with nothing saved locally instead, and other servers are refused.

use std::process::Command;

fn run_in(dir: &std::path::Path, db: &str, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_preflight"))
        .args(args)
        .current_dir(dir)
        .env("PREFLIGHT_DB", db)
        .output()
        .expect("run preflight")
}

#[test]
fn a_server_that_cannot_be_reached_or_used_is_named_and_nothing_is_created() {
    let dir = tempfile::tempdir().unwrap();
    // Nobody listens on port 9.
    let url = "postgres://analyst:s3cret@127.0.0.1:9/preflight?connect_timeout=3";
    let body = dir.path().join("body.json");
    std::fs::write(&body, r#"{"events": []}"#).unwrap();
    for args in [
        vec!["audits", "list"],
        vec![
            "capi",
            "validate",
            body.to_str().unwrap(),
            "--client",
            "Acme",
        ],
    ] {
        let out = run_in(dir.path(), url, &args);
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains("cannot be reached"), "{err}");
        assert!(
            err.contains("postgres://analyst@127.0.0.1:9/preflight"),
            "{err}"
        );
        assert!(
            !err.contains("s3cret"),
            "the password is never repeated: {err}"
        );
    }
    let created: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(created, ["body.json"], "nothing but the input may exist");

    // A server Preflight cannot use is refused.
    let out = Command::new(env!("CARGO_BIN_EXE_preflight"))
        .args(["audits", "list", "--db", "mysql://h/db"])
        .current_dir(dir.path())
        .env_remove("PREFLIGHT_DB")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("database server Preflight cannot use"));
}
