//! What the app and the command line share when they export: file names and the agency logo.

use crate::error::SessionError;
use preflight_report::LogoFormat;
use std::path::Path;

/// A file name any desktop accepts: no path separators or characters Windows refuses.
pub fn safe_file_name(name: &str) -> String {
    name.chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '-',
            c if c.is_control() => '-',
            c => c,
        })
        .collect::<String>()
        .trim()
        .to_string()
}

/// An audit's export: "Acme audit 2026-11-25 #3.pdf" ("Ad-hoc check" without a client).
pub fn audit_file_name(
    client_name: Option<&str>,
    started_at: &str,
    id: i64,
    extension: &str,
) -> String {
    let client = client_name.unwrap_or("Ad-hoc check");
    let day = started_at.get(..10).unwrap_or("audit");
    safe_file_name(&format!("{client} audit {day} #{id}.{extension}"))
}

/// A UTM check's CSV on `day`.
pub fn utm_check_file_name(day: &str) -> String {
    safe_file_name(&format!("UTM check {day}.csv"))
}

/// Tagged URLs for a campaign, as a CSV for the ads manager.
pub fn tagged_urls_file_name(campaign: &str, day: &str) -> String {
    safe_file_name(&format!("Tagged URLs {campaign} {day}.csv"))
}

/// A plan's PDF: "Acme plan 2026-11-25 Base case.pdf" ("ROAS plan …" without a client).
pub fn plan_file_name(client_name: Option<&str>, day: &str, scenario: Option<&str>) -> String {
    safe_file_name(&format!(
        "{} plan {day}{}.pdf",
        client_name.unwrap_or("ROAS"),
        scenario.map(|s| format!(" {s}")).unwrap_or_default()
    ))
}

/// Reads a logo file for a PDF cover. The format is told from the content (PNG and JPEG
/// signatures, an `<svg` element), else from the extension, and the image must decode.
pub fn read_logo(path: &Path) -> Result<(Vec<u8>, LogoFormat), SessionError> {
    let bytes = std::fs::read(path).map_err(|e| {
        // What happened in plain words, not the operating system's ("os error 2").
        let why = match e.kind() {
            std::io::ErrorKind::NotFound => "there is no such file",
            std::io::ErrorKind::PermissionDenied => "this computer does not let Preflight open it",
            std::io::ErrorKind::IsADirectory => "it is a folder, not a file",
            _ => "the file could not be opened",
        };
        SessionError::InvalidLogo(format!(
            "Preflight cannot read the logo {}: {why}.",
            path.display()
        ))
    })?;
    let by_extension = path
        .extension()
        .and_then(|e| e.to_str())
        .and_then(LogoFormat::from_extension);
    let format = LogoFormat::detect(&bytes).or(by_extension).ok_or_else(|| {
        SessionError::InvalidLogo(format!(
            "The logo {} is not a PNG, JPEG or SVG image.",
            path.display()
        ))
    })?;
    preflight_report::check_logo(&bytes, format).map_err(|e| {
        SessionError::InvalidLogo(format!(
            "Preflight cannot use {} as the logo: {e}.",
            path.display()
        ))
    })?;
    Ok((bytes, format))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_lose_separators_and_reserved_characters() {
        assert_eq!(
            safe_file_name("Acme/Beta: \"Q4\" audit 2026-11-25 #3.pdf"),
            "Acme-Beta- -Q4- audit 2026-11-25 #3.pdf"
        );
        assert_eq!(safe_file_name("tab\there.csv"), "tab-here.csv");
    }

    #[test]
    fn exports_are_named_after_the_client_the_day_and_the_audit() {
        assert_eq!(
            audit_file_name(Some("Acme/Beta"), "2026-11-25T10:00:00Z", 3, "pdf"),
            "Acme-Beta audit 2026-11-25 #3.pdf"
        );
        assert_eq!(
            audit_file_name(None, "2026-11-25T10:00:00Z", 4, "csv"),
            "Ad-hoc check audit 2026-11-25 #4.csv"
        );
        assert_eq!(
            utm_check_file_name("2026-11-25"),
            "UTM check 2026-11-25.csv"
        );
        assert_eq!(
            tagged_urls_file_name("spring/sale", "2026-11-25"),
            "Tagged URLs spring-sale 2026-11-25.csv"
        );
        assert_eq!(
            plan_file_name(Some("Acme"), "2026-11-25", Some("Base")),
            "Acme plan 2026-11-25 Base.pdf"
        );
        assert_eq!(
            plan_file_name(None, "2026-11-25", None),
            "ROAS plan 2026-11-25.pdf"
        );
    }

    #[test]
    fn a_logo_must_be_an_image_that_decodes() {
        let dir = tempfile::tempdir().unwrap();
        let gif = dir.path().join("logo.gif");
        std::fs::write(&gif, b"GIF89a\x01\x00\x01\x00\x00\x00\x00;").unwrap();
        let missing = dir.path().join("missing.png");
        let broken = dir.path().join("broken.svg");
        std::fs::write(&broken, "<svg><g>").unwrap();
        for (path, says) in [
            (&gif, "is not a PNG, JPEG or SVG image"),
            (&missing, "cannot read the logo"),
            (&missing, "there is no such file."),
            (&broken, "cannot use"),
        ] {
            let e = read_logo(path).unwrap_err();
            assert_eq!(e.code(), "invalid_logo");
            assert!(e.to_string().contains(says), "{e}");
            assert!(e.to_string().contains(&path.display().to_string()));
            assert!(!e.to_string().contains("os error"), "{e}");
        }
        let svg = dir.path().join("logo.svg");
        std::fs::write(
            &svg,
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" height="4"/></svg>"#,
        )
        .unwrap();
        assert_eq!(read_logo(&svg).unwrap().1, LogoFormat::Svg);
    }
}
