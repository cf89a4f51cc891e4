//! The ROAS plan PDF, read back with poppler: `pdftotext` for the words, `pdftoppm` for the
//! pixels, `pdfinfo` and `pdfimages` for the structure.

mod support;

use preflight_planner::{Assumption, InputName, Layer, PlanReport, PlanWarning, WarningLevel};
use preflight_report::{check_logo, render_plan_pdf, LogoFormat, PlanPdfOptions};
use std::path::{Path, PathBuf};
use std::process::Command;
use support::plan::*;

struct Rendered {
    dir: tempfile::TempDir,
    path: PathBuf,
}

impl Rendered {
    fn new(bytes: &[u8]) -> Self {
        assert!(bytes.starts_with(b"%PDF-"), "not a PDF");
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.pdf");
        std::fs::write(&path, bytes).unwrap();
        Rendered { dir, path }
    }

    fn text(&self, args: &[&str]) -> String {
        let mut all = args.to_vec();
        all.push(self.path.to_str().unwrap());
        all.push("-");
        String::from_utf8(run("pdftotext", &all)).expect("poppler prints UTF-8")
    }

    fn page_text(&self, page: usize) -> String {
        let n = page.to_string();
        self.text(&["-layout", "-f", &n, "-l", &n])
    }

    fn page_count(&self) -> usize {
        let info = String::from_utf8(run("pdfinfo", &[self.path.to_str().unwrap()])).unwrap();
        info.lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .and_then(|n| n.trim().parse().ok())
            .expect("pdfinfo reports a page count")
    }

    /// One page as an RGB raster (`pdftoppm -r 40`, binary PPM): width, height, pixels.
    fn raster(&self, page: usize) -> (usize, usize, Vec<[u8; 3]>) {
        let n = page.to_string();
        let ppm = run(
            "pdftoppm",
            &["-r", "40", "-f", &n, "-l", &n, self.path.to_str().unwrap()],
        );
        parse_ppm(&ppm)
    }
}

fn run(tool: &str, args: &[&str]) -> Vec<u8> {
    let output = Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{tool} (poppler-utils) must be installed: {e}"));
    assert!(
        output.status.success(),
        "{tool} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

/// A binary PPM (P6, maxval 255) as rows of RGB pixels.
fn parse_ppm(bytes: &[u8]) -> (usize, usize, Vec<[u8; 3]>) {
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(std::str::from_utf8(&bytes[start..at]).unwrap().to_string());
    }
    at += 1;
    assert_eq!(fields[0], "P6", "pdftoppm writes binary PPM");
    assert_eq!(fields[3], "255");
    let (w, h): (usize, usize) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    let pixels: Vec<[u8; 3]> = bytes[at..]
        .chunks_exact(3)
        .map(|c| [c[0], c[1], c[2]])
        .collect();
    assert_eq!(pixels.len(), w * h);
    (w, h, pixels)
}

fn squashed(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{200B}')
        .collect()
}

fn options() -> PlanPdfOptions {
    PlanPdfOptions {
        client_name: Some("Acme Outdoor GmbH".into()),
        scenario_name: Some(HOSTILE_SCENARIO.into()),
        agency_name: Some("Northwind Digital".into()),
        agency_logo: None,
        date: Some(time::macros::date!(2026 - 05 - 04)),
    }
}

fn ratio(x: f64) -> String {
    format!("{x:.2}")
}

#[test]
fn cover_summary_waterfall_bands_tornado_and_inputs_carry_the_plans_figures() {
    let report = ranged_report();
    let pdf = Rendered::new(&render_plan_pdf(&report, &options()).unwrap());
    let p = &report.point;

    let cover = pdf.page_text(1);
    for expected in [
        "What is the channel really worth?",
        "Acme Outdoor GmbH",
        "Prepared by Northwind Digital",
        "4 May 2026",
        "Scenario:",
        "10,000 outcomes (seed 7)",
        "Does not pay for itself",
    ] {
        assert!(
            cover.contains(expected),
            "cover lacks {expected:?}:\n{cover}"
        );
    }
    // Standard ROAS vs fully adjusted, with the simulated band.
    let sim = report.simulation.as_ref().unwrap();
    let band = format!(
        "{} to {}",
        ratio(sim.layers.halo.roas.p10),
        ratio(sim.layers.halo.roas.p90)
    );
    for figure in [
        ratio(p.layers.standard.roas),
        ratio(p.layers.halo.roas),
        band.clone(),
    ] {
        assert!(cover.contains(&figure), "cover lacks {figure}:\n{cover}");
    }

    let text = pdf.text(&[]);
    // Table cells wrap, so phrases are looked for with the whitespace taken out.
    let flat = squashed(&text);
    let has = |phrase: &str| flat.contains(&squashed(phrase));
    for expected in [
        "Executive summary",
        "Ads Manager will report a return on ad spend (ROAS) of",
        "The platform figure overstates what the channel is really worth",
        "From what Ads Manager shows to what the channel is worth",
        "Sales after the window",
        "Sales you would get anyway",
        "AI visibility lift",
        "The four layers",
        "Standard (what Ads Manager shows)",
        "Full-cycle (adds late conversions)",
        "Incremental (removes sales you'd get anyway)",
        "Halo-adjusted (adds AI visibility lift)",
        "How sure is this?",
        "Low (P10)",
        "Which inputs matter most",
        "Sales you would get anyway",
        "Conversion rate the pixel credits",
        "Value of one conversion",
        "Cost per click",
        "Inputs and assumptions",
        "Attribution window",
        "OpenAI's only attribution window is 30 days after the click.",
        "Your figure",
        "Notes and warnings",
        "The plan does not pay for itself",
        "What this model cannot tell you",
    ] {
        assert!(has(expected), "missing {expected:?} in:\n{text}");
    }
    // The waterfall's values: both totals and the three signed changes.
    let l = &p.layers;
    let delta = |from: f64, to: f64| {
        let d = to - from;
        if ratio(d.abs()) == "0.00" {
            "±0.00".to_string()
        } else if d < 0.0 {
            format!("\u{2212}{}", ratio(-d))
        } else {
            format!("+{}", ratio(d))
        }
    };
    for value in [
        ratio(l.standard.roas),
        delta(l.standard.roas, l.full_cycle.roas),
        delta(l.full_cycle.roas, l.incremental.roas),
        delta(l.incremental.roas, l.halo.roas),
        ratio(l.halo.roas),
    ] {
        assert!(text.contains(&value), "waterfall value {value} missing");
    }
    // Every layer's simulated middle outcome is in the bands table.
    for layer in Layer::ALL {
        let p50 = ratio(sim.layers.get(layer).roas.p50);
        assert!(text.contains(&p50), "P50 {p50} of {layer:?} missing");
    }
    // Tornado: every ranged input, by its name and its plan field, with both end values.
    for bar in &report.tornado {
        let field = bar.input.as_str();
        assert!(text.contains(field), "tornado lacks {field}");
        for end in [bar.l4_roas_at_low, bar.l4_roas_at_high] {
            assert!(text.contains(&ratio(end)), "tornado lacks {}", ratio(end));
        }
    }
    assert_eq!(report.tornado.len(), 5);
    assert!(!text.contains("NaN"));
}

#[test]
fn a_scenario_name_full_of_markup_prints_literally() {
    let pdf = Rendered::new(&render_plan_pdf(&ranged_report(), &options()).unwrap());
    let text = squashed(&pdf.text(&["-raw"]));
    assert!(
        text.contains(&squashed(HOSTILE_SCENARIO)),
        "the scenario name is not printed as written:\n{text}"
    );
    // In the running header of later pages too.
    let header = squashed(&pdf.page_text(2));
    assert!(header.contains(&squashed(HOSTILE_SCENARIO)), "{header}");
}

#[test]
fn every_page_after_the_cover_is_numbered_and_none_is_empty() {
    let pdf = Rendered::new(&render_plan_pdf(&ranged_report(), &options()).unwrap());
    let pages = pdf.page_count();
    assert!((3..=8).contains(&pages), "{pages} pages");
    assert!(!pdf.page_text(1).contains("Page 1 of"));
    for page in 2..=pages {
        let text = pdf.page_text(page);
        let expected = format!("Page {page} of {pages}");
        assert!(text.contains(&expected), "page {page} lacks {expected:?}");
        let words = text.split_whitespace().count();
        assert!(words > 60, "page {page} is nearly empty ({words} words)");
    }
    // No word runs past the right margin (A4 is 595 pt wide, margins 1.8 cm).
    let boxes = pdf.text(&["-bbox"]);
    for line in boxes.lines().filter(|l| l.contains("<word ")) {
        let start = line.find("xMax=\"").unwrap() + 6;
        let x_max: f64 = line[start..start + line[start..].find('"').unwrap()]
            .parse()
            .unwrap();
        assert!(x_max <= 560.0, "text runs into the margin: {line}");
    }
}

#[test]
fn pages_render_to_images_with_the_charts_drawn() {
    let pdf = Rendered::new(&render_plan_pdf(&ranged_report(), &options()).unwrap());

    // A PNG of the cover, as pdftoppm makes it for a preview.
    let prefix = pdf.dir.path().join("cover");
    run(
        "pdftoppm",
        &[
            "-png",
            "-r",
            "50",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            pdf.path.to_str().unwrap(),
            prefix.to_str().unwrap(),
        ],
    );
    let png = std::fs::read(prefix.with_extension("png")).unwrap();
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
    let width = u32::from_be_bytes(png[16..20].try_into().unwrap());
    let height = u32::from_be_bytes(png[20..24].try_into().unwrap());
    // A4 (210 × 297 mm) at 50 dpi, give or take poppler's rounding.
    assert!(
        (412..=414).contains(&width) && (584..=586).contains(&height),
        "{width}×{height}"
    );

    // Every page has ink on it.
    for page in 1..=pdf.page_count() {
        let (_, _, pixels) = pdf.raster(page);
        let inked = pixels.iter().filter(|p| p.iter().any(|c| *c < 200)).count();
        assert!(
            inked * 200 > pixels.len(),
            "page {page} is almost blank ({inked} dark pixels)"
        );
    }

    // The waterfall page shows green (added) and red (taken away) bars and the accent totals.
    let page = (1..=pdf.page_count())
        .find(|&p| pdf.page_text(p).contains("Sales after the window"))
        .expect("a page with the waterfall");
    let (_, _, pixels) = pdf.raster(page);
    let near = |target: [u8; 3]| {
        pixels
            .iter()
            .filter(|p| (0..3).all(|i| p[i].abs_diff(target[i]) < 12))
            .count()
    };
    assert!(near([0x2d, 0xa4, 0x4e]) > 30, "no green bar");
    assert!(near([0xcf, 0x22, 0x2e]) > 30, "no red bar");
    assert!(near([0x1f, 0x3a, 0x5f]) > 100, "no total bars");
}

#[test]
fn not_a_number_and_infinity_print_as_an_explained_dash() {
    let mut report = ranged_report();
    report.point.layers.halo.roas = f64::NAN;
    report.point.layers.halo.revenue = f64::INFINITY;
    report.point.waterfall.clear();
    report.tornado[0].l4_roas_at_high = f64::NAN;
    let sim = report.simulation.as_mut().unwrap();
    sim.layers.halo.roas.p90 = f64::INFINITY;
    sim.probability_clears_break_even = f64::NAN;
    report.warnings.push(PlanWarning {
        id: "below-break-even".into(),
        level: WarningLevel::Warning,
        title: "The plan does not pay for itself".into(),
        detail: "Halo-adjusted ROAS is NaN against a break-even ROAS of inf.".into(),
        remedy: String::new(),
    });
    // The planner's verdict for these figures, as plan_report would give it.
    report.verdict = preflight_planner::plan_verdict(&report.point, report.simulation.as_ref());
    let pdf = Rendered::new(&render_plan_pdf(&report, &options()).unwrap());
    let text = pdf.text(&[]);
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        let lower = word.to_ascii_lowercase();
        assert!(
            !matches!(lower.as_str(), "nan" | "inf" | "infinity"),
            "{word:?} printed in:\n{text}"
        );
    }
    assert!(text.contains("Halo-adjusted ROAS is – against a break-even ROAS of –."));
    assert!(
        text.contains("A dash (–) marks a figure that cannot be computed"),
        "{text}"
    );
    assert!(pdf
        .page_text(1)
        .contains("cannot be computed from these inputs"));
    // An undefined result is never called a loss or a profit.
    assert!(
        squashed(&text).contains(&squashed(
            "At – it cannot be told whether it pays for itself"
        )),
        "{text}"
    );
}

#[test]
fn plans_without_ranges_or_simulation_say_so() {
    let minimal = report(MINIMAL_PLAN, 2_000);
    let pdf = Rendered::new(&render_plan_pdf(&minimal, &PlanPdfOptions::default()).unwrap());
    let text = pdf.text(&[]);
    assert!(
        text.contains("Every input is a single number, so the result has no uncertainty band."),
        "{text}"
    );
    assert!(text.contains("No input is a range, so there is nothing to rank."));
    // The defaults are named, with their reasons.
    for field in ["margin", "lag_median_days", "cannibalization", "ai_lift"] {
        assert!(text.contains(field), "default {field} not listed");
    }
    assert!(text.contains("inputs are standard defaults"), "{text}");
    assert!(!text.contains("A dash (–)"), "no figure is missing here");

    let unsimulated = report(RANGED_PLAN, 0);
    let pdf = Rendered::new(&render_plan_pdf(&unsimulated, &PlanPdfOptions::default()).unwrap());
    let text = pdf.text(&[]);
    assert!(text.contains("The plan was not simulated"), "{text}");
    let cover = pdf.page_text(1);
    assert!(cover.contains("not run"), "{cover}");
    assert!(!cover.contains("simulated outcomes"), "{cover}");
    // The tornado does not need the simulation.
    assert!(text.contains("Which inputs matter most"));
    assert!(text.contains("Input at its high value"));
}

#[test]
fn the_inputs_table_repeats_its_header_on_every_page_it_spans() {
    let mut report = ranged_report();
    for i in 0..40 {
        report.assumptions.push(Assumption::new(
            &format!("extra_{i}"),
            "1",
            "A long explanation of why this figure was chosen, long enough to wrap over two lines in the table column that holds it.",
        ));
    }
    let pdf = Rendered::new(&render_plan_pdf(&report, &options()).unwrap());
    let with_header: Vec<usize> = (1..=pdf.page_count())
        .filter(|&p| {
            pdf.page_text(p).lines().any(|l| {
                l.split_whitespace().collect::<Vec<_>>().join(" ")
                    == "Input Value used Where it comes from"
            })
        })
        .collect();
    assert!(with_header.len() >= 2, "header on pages {with_header:?}");
    assert!(with_header.windows(2).all(|w| w[1] == w[0] + 1));
}

#[test]
fn same_plan_and_date_give_the_same_bytes() {
    let a = render_plan_pdf(&ranged_report(), &options()).unwrap();
    let b = render_plan_pdf(&ranged_report(), &options()).unwrap();
    assert_eq!(a, b);
    // Without a date, today's is printed.
    let today = render_plan_pdf(
        &ranged_report(),
        &PlanPdfOptions {
            date: None,
            ..options()
        },
    )
    .unwrap();
    let cover = Rendered::new(&today).page_text(1);
    let day = |t: time::OffsetDateTime| {
        t.format(time::macros::format_description!(
            "[day padding:none] [month repr:long] [year]"
        ))
        .unwrap()
    };
    // The local date, or the UTC one when the local offset cannot be told (either may have
    // moved on by a day while rendering).
    let now = time::OffsetDateTime::now_utc();
    let candidates: Vec<String> = [-1i64, 0, 1]
        .iter()
        .map(|d| day(now + time::Duration::days(*d)))
        .collect();
    assert!(
        candidates.iter().any(|c| cover.contains(c.as_str())),
        "none of {candidates:?} on the cover:\n{cover}"
    );
}

/// A small JPEG made by poppler itself from a rendered page.
fn jpeg_logo(dir: &Path) -> Vec<u8> {
    let pdf = Rendered::new(&render_plan_pdf(&report(MINIMAL_PLAN, 0), &options()).unwrap());
    let prefix = dir.join("logo");
    run(
        "pdftoppm",
        &[
            "-jpeg",
            "-r",
            "6",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            pdf.path.to_str().unwrap(),
            prefix.to_str().unwrap(),
        ],
    );
    std::fs::read(prefix.with_extension("jpg")).unwrap()
}

#[test]
fn jpeg_logos_are_embedded_and_broken_ones_rejected_before_layout() {
    let dir = tempfile::tempdir().unwrap();
    let jpeg = jpeg_logo(dir.path());
    assert_eq!(LogoFormat::detect(&jpeg), Some(LogoFormat::Jpeg));
    let pdf = Rendered::new(
        &render_plan_pdf(
            &ranged_report(),
            &PlanPdfOptions {
                agency_logo: Some((jpeg.clone(), LogoFormat::Jpeg)),
                ..options()
            },
        )
        .unwrap(),
    );
    let images =
        String::from_utf8(run("pdfimages", &["-list", pdf.path.to_str().unwrap()])).unwrap();
    let on_cover = images.lines().any(|l| {
        let cols: Vec<&str> = l.split_whitespace().collect();
        cols.len() > 2 && cols[0] == "1" && cols[2] == "image"
    });
    assert!(on_cover, "{images}");

    let mut broken = jpeg.clone();
    broken.truncate(40);
    let error = check_logo(&broken, LogoFormat::Jpeg).unwrap_err();
    assert_eq!(error.code(), "invalid_logo");
    assert!(error.to_string().contains("JPEG"), "{error}");
    let error = render_plan_pdf(
        &ranged_report(),
        &PlanPdfOptions {
            agency_logo: Some((broken, LogoFormat::Jpeg)),
            ..options()
        },
    )
    .unwrap_err();
    assert_eq!(error.code(), "invalid_logo");
    // A JPEG passed off as a PNG is caught by its signature.
    assert_eq!(
        check_logo(&jpeg, LogoFormat::Png).unwrap_err().code(),
        "invalid_logo"
    );
    assert_eq!(
        check_logo(b"<svg><rect", LogoFormat::Svg)
            .unwrap_err()
            .code(),
        "invalid_logo"
    );
}

#[test]
fn logo_formats_are_told_from_content_and_extension() {
    assert_eq!(
        LogoFormat::detect(b"\x89PNG\r\n\x1a\nrest"),
        Some(LogoFormat::Png)
    );
    assert_eq!(
        LogoFormat::detect(b"\xff\xd8\xff\xe0rest"),
        Some(LogoFormat::Jpeg)
    );
    assert_eq!(
        LogoFormat::detect(b"<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>"),
        Some(LogoFormat::Svg)
    );
    assert_eq!(LogoFormat::detect(b"GIF89a"), None);
    assert_eq!(LogoFormat::detect(b""), None);
    assert_eq!(LogoFormat::from_extension("JPG"), Some(LogoFormat::Jpeg));
    assert_eq!(LogoFormat::from_extension("jpeg"), Some(LogoFormat::Jpeg));
    assert_eq!(LogoFormat::from_extension("Svg"), Some(LogoFormat::Svg));
    assert_eq!(LogoFormat::from_extension("gif"), None);
}

#[test]
fn the_tornado_names_inputs_in_plain_words() {
    let report: PlanReport = ranged_report();
    let top = report.tornado[0].input;
    assert_eq!(top, InputName::Cvr, "{:?}", report.tornado);
    let pdf = Rendered::new(&render_plan_pdf(&report, &options()).unwrap());
    let text = pdf.text(&[]);
    assert!(
        text.contains(
            "The input that moves the result most is conversion rate the pixel credits (cvr)"
        ),
        "{text}"
    );
}

#[test]
fn amounts_carry_the_plans_currency_and_inputs_their_catalogue_labels() {
    let plan = RANGED_PLAN.replacen('{', r#"{ "currency": "EUR","#, 1);
    let report = report(&plan, 2_000);
    let pdf = Rendered::new(&render_plan_pdf(&report, &PlanPdfOptions::default()).unwrap());
    let text = pdf.text(&[]);
    let flat = squashed(&text);
    // The PDF writes amounts as the planner writes them for the app.
    assert_eq!(report.money.spend, "€10,000");
    for amount in [&report.money.spend, &report.money.layers.halo.revenue] {
        assert!(
            text.contains(amount.as_str()),
            "{amount} missing in:\n{text}"
        );
    }
    assert!(
        flat.contains(&squashed("Profit per €1.00 (POAS)")),
        "{text}"
    );
    assert!(flat.contains(&squashed("Revenue and cost per conversion are in EUR.")));
    // Every input the plan sets is named by its catalogue label.
    for field in [
        "spend",
        "cpc",
        "cvr",
        "value",
        "cannibalization",
        "currency",
    ] {
        let label = &preflight_planner::plan_field(field).unwrap().label;
        assert!(
            flat.contains(&squashed(label)),
            "{label} missing in:\n{text}"
        );
    }
}
