//! `preflight plan --pdf` and `preflight export --logo`: the files written, and the usage errors
//! for logos that cannot be used (exit code 2, nothing written).

use preflight_fixtures::FixtureSite;
use std::path::Path;
use std::process::Command;
mod support;
use support::{preflight, stderr};

fn pdf_text(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Whether page 1 of the PDF carries an image (the logo).
fn image_on_cover(pdf: &Path) -> bool {
    let out = Command::new("pdfimages")
        .arg("-list")
        .arg(pdf)
        .output()
        .expect("pdfimages (poppler-utils)");
    String::from_utf8_lossy(&out.stdout).lines().any(|l| {
        let cols: Vec<&str> = l.split_whitespace().collect();
        cols.len() > 2 && cols[0] == "1" && cols[2] == "image"
    })
}

/// A 4×4 navy PNG.
const PNG_LOGO: [u8; 73] = [
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x04, 0x08, 0x02, 0x00, 0x00, 0x00, 0x26, 0x93, 0x09,
    0x29, 0x00, 0x00, 0x00, 0x10, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x90, 0xb7, 0x8a, 0x87,
    0x23, 0x06, 0xe2, 0x38, 0x00, 0x27, 0x43, 0x0b, 0x81, 0xab, 0x13, 0x6d, 0x6f, 0x00, 0x00, 0x00,
    0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

const SVG_LOGO: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40" viewBox="0 0 120 40"><rect width="40" height="40" rx="6" fill="#1f3a5f"/></svg>"##;

const PLAN: &str = r#"{ "spend": 10000, "cpc": 4, "cvr": {"low": 0.02, "likely": 0.03, "high": 0.045},
  "value": 120, "margin": 0.4, "lag_median_days": 2, "lag_sigma": 1.0,
  "cannibalization": 0.25, "ai_citation_share": 0.3, "ai_lift": 0.2 }"#;

#[test]
fn plan_writes_a_pdf_with_client_scenario_agency_and_logo() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("spring-launch.json");
    std::fs::write(&plan, PLAN).unwrap();
    // The extension says nothing; the content says PNG.
    let logo = dir.path().join("logo.bin");
    std::fs::write(&logo, PNG_LOGO).unwrap();
    let pdf = dir.path().join("plan.pdf");
    let out = preflight(&[
        "plan",
        "--input",
        plan.to_str().unwrap(),
        "--draws",
        "2000",
        "--seed",
        "3",
        "--pdf",
        pdf.to_str().unwrap(),
        "--client",
        "Acme Outdoor",
        "--agency",
        "Northwind Digital",
        "--logo",
        logo.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // The text report still goes to stdout; the file is announced on stderr.
    assert!(String::from_utf8_lossy(&out.stdout).contains("L4"));
    assert!(stderr(&out).contains("wrote"), "{}", stderr(&out));

    let text = pdf_text(&pdf);
    for expected in [
        "Acme Outdoor",
        "Prepared by Northwind Digital",
        // The scenario defaults to the plan file's name.
        "spring-launch",
        "2,000 outcomes (seed 3)",
        "Sales after the window",
        "Which inputs matter most",
        "cvr",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    assert!(image_on_cover(&pdf), "the logo is not on the cover");

    // A scenario name given on the command line, markup and all, prints as written; an SVG
    // logo is drawn as shapes on the cover.
    let svg = dir.path().join("logo.svg");
    std::fs::write(&svg, SVG_LOGO).unwrap();
    let named = dir.path().join("named.pdf");
    let out = preflight(&[
        "plan",
        "--input",
        plan.to_str().unwrap(),
        "--draws",
        "0",
        "--format",
        "json",
        "--pdf",
        named.to_str().unwrap(),
        "--scenario",
        "Best case #strong[x] $y$",
        "--logo",
        svg.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(report["simulation"].is_null());
    let text = pdf_text(&named);
    assert!(text.contains("Best case #strong[x] $y$"), "{text}");
    assert!(text.contains("The plan was not simulated"), "{text}");
    assert!(navy_in_top_left(&named) > 50, "the SVG logo is not drawn");
    let plain = dir.path().join("plain.pdf");
    let out = preflight(&[
        "plan",
        "--input",
        plan.to_str().unwrap(),
        "--draws",
        "0",
        "--pdf",
        plain.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        navy_in_top_left(&plain),
        0,
        "navy in the corner without a logo"
    );
}

/// Pixels of the logo's navy (#1f3a5f) in the top-left corner of the cover, where the logo
/// goes (the cover's title, in the same colour, is further down).
fn navy_in_top_left(pdf: &Path) -> usize {
    let out = Command::new("pdftoppm")
        .args([
            "-r", "30", "-f", "1", "-l", "1", "-x", "0", "-y", "0", "-W", "120", "-H", "80",
        ])
        .arg(pdf)
        .output()
        .expect("pdftoppm (poppler-utils)");
    assert!(out.status.success());
    // Binary PPM: "P6", width, height, maxval, one whitespace, then RGB triples.
    let bytes = out.stdout;
    let mut at = 0;
    for _ in 0..4 {
        while bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        while !bytes[at].is_ascii_whitespace() {
            at += 1;
        }
    }
    bytes[at + 1..]
        .chunks_exact(3)
        .filter(|p| {
            p[0].abs_diff(0x1f) < 16 && p[1].abs_diff(0x3a) < 16 && p[2].abs_diff(0x5f) < 16
        })
        .count()
}

#[test]
fn an_unusable_logo_is_a_usage_error_and_leaves_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.json");
    std::fs::write(&plan, PLAN).unwrap();
    let gif = dir.path().join("logo.gif");
    std::fs::write(&gif, b"GIF89a\x01\x00\x01\x00\x00\x00\x00;").unwrap();
    let mut broken_png = PNG_LOGO.to_vec();
    broken_png.truncate(30);
    let broken = dir.path().join("broken.png");
    std::fs::write(&broken, &broken_png).unwrap();
    let missing = dir.path().join("no-such-logo.png");

    let pdf = dir.path().join("plan.pdf");
    let existing = dir.path().join("existing.pdf");
    std::fs::write(&existing, b"the previous export").unwrap();
    for (logo, says) in [
        (&gif, "is not a PNG, JPEG or SVG image"),
        (&broken, "cannot use"),
        (&missing, "cannot read the logo"),
    ] {
        for target in [&pdf, &existing] {
            let out = preflight(&[
                "plan",
                "--input",
                plan.to_str().unwrap(),
                "--pdf",
                target.to_str().unwrap(),
                "--logo",
                logo.to_str().unwrap(),
            ]);
            assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
            assert!(stderr(&out).contains(says), "{}", stderr(&out));
            assert!(stderr(&out).contains(logo.to_str().unwrap()));
            // Refused before any work: no report on stdout either.
            assert!(out.stdout.is_empty());
        }
        assert!(!pdf.exists(), "a PDF was written with {}", logo.display());
        assert_eq!(std::fs::read(&existing).unwrap(), b"the previous export");
    }
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    // The PDF-only flags need --pdf.
    let out = preflight(&[
        "plan",
        "--input",
        plan.to_str().unwrap(),
        "--client",
        "Acme",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--pdf"), "{}", stderr(&out));
}

#[test]
fn export_puts_the_logo_on_the_cover_and_refuses_a_bad_one() {
    let site = FixtureSite::start();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");
    let db = db.to_str().unwrap();
    let saved = preflight(&[
        "check",
        &site.url("/ok"),
        "--save",
        "--client",
        "Acme",
        "--db",
        db,
        "--quiet",
    ]);
    assert!(
        saved.status.code().is_some_and(|c| c < 2),
        "{}",
        stderr(&saved)
    );

    let logo = dir.path().join("logo.PNG");
    std::fs::write(&logo, PNG_LOGO).unwrap();
    let pdf = dir.path().join("audit.pdf");
    let out = preflight(&[
        "export",
        "1",
        "--pdf",
        pdf.to_str().unwrap(),
        "--logo",
        logo.to_str().unwrap(),
        "--agency",
        "Northwind Digital",
        "--db",
        db,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(image_on_cover(&pdf));
    assert!(pdf_text(&pdf).contains("Prepared by Northwind Digital"));

    // An SVG that is not well formed, and a JPEG with nothing after its signature.
    let bad_svg = dir.path().join("logo.svg");
    std::fs::write(&bad_svg, "<svg><g>").unwrap();
    let bad_jpeg = dir.path().join("logo.jpg");
    std::fs::write(&bad_jpeg, b"\xff\xd8\xff\xe0").unwrap();
    let pdf2 = dir.path().join("audit2.pdf");
    let json = dir.path().join("audit2.json");
    for logo in [&bad_svg, &bad_jpeg] {
        let out = preflight(&[
            "export",
            "1",
            "--pdf",
            pdf2.to_str().unwrap(),
            "--json",
            json.to_str().unwrap(),
            "--logo",
            logo.to_str().unwrap(),
            "--db",
            db,
        ]);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(stderr(&out).contains("logo"), "{}", stderr(&out));
        assert!(!pdf2.exists());
        assert!(
            !json.exists(),
            "nothing is written when the logo is refused"
        );
    }

    // --logo without --pdf is a usage error.
    let out = preflight(&[
        "export",
        "1",
        "--json",
        json.to_str().unwrap(),
        "--logo",
        logo.to_str().unwrap(),
        "--db",
        db,
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!json.exists());
}
