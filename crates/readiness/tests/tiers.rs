//! The document, the readiness model, the store and the exports stay pure data and rules: none
//! of them pulls in the HTTP client or the browser driver, not even for their tests.

use std::process::Command;

fn tree(package: &str) -> String {
    let out = Command::new(env!("CARGO"))
        .args(["tree", "--offline", "-e", "normal,build,dev", "-p", package])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo runs");
    assert!(
        out.status.success(),
        "cargo tree -p {package} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("cargo tree prints UTF-8")
}

#[test]
fn the_lower_tiers_depend_on_neither_the_network_nor_a_browser() {
    for package in [
        "preflight-document",
        "preflight-readiness",
        "preflight-store",
        "preflight-report",
    ] {
        let tree = tree(package);
        assert!(tree.contains(package), "{tree}");
        for banned in [
            "reqwest",
            "chromiumoxide",
            "preflight-audit",
            "preflight-capture",
        ] {
            assert!(
                !tree.lines().any(|l| l.contains(&format!(" {banned} "))),
                "{package} depends on {banned}:\n{tree}"
            );
        }
    }
}
