//! Running the `preflight` binary as a black box, shared by the CLI test files.
#![allow(dead_code)]

use std::process::{Command, Output};

/// Runs `preflight` with `args`, never against the user's own database.
pub fn preflight(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_preflight"))
        .args(args)
        .env_remove("PREFLIGHT_DB")
        .env("PREFLIGHT_CONFIG_DIR", no_machine_settings())
        .output()
        .expect("run preflight")
}

/// Standard output as JSON; a failure shows both streams.
pub fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}):\n{}\nstderr:\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A settings folder with nothing in it, so that no test uses this machine's team workspace.
pub fn no_machine_settings() -> std::path::PathBuf {
    std::env::temp_dir().join("preflight-tests-without-machine-settings")
}
