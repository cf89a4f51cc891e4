//! The lint catalogue in docs/findings-robots.md names every lint kind, so a new kind cannot
//! ship undocumented.

use preflight_robots::LintKind;
use std::path::PathBuf;

#[test]
fn documentation_lists_every_lint_kind() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/findings-robots.md");
    let doc = std::fs::read_to_string(&path).expect("docs/findings-robots.md exists");
    for kind in LintKind::ALL {
        let name = serde_json::to_value(kind).unwrap();
        let row = format!("| `{}` |", name.as_str().unwrap());
        assert!(
            doc.contains(&row),
            "docs/findings-robots.md lacks the row {row}"
        );
    }
}
