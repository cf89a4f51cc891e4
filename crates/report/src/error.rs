//! One error type for every export, with a stable machine code and a message a person can act on.

use std::io;
use std::path::{Path, PathBuf};

/// Why an export could not be produced or saved.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The folder exists but this program may not write there.
    #[error("cannot write to {}: the location is read-only or you do not have permission", .path.display())]
    ReadOnly { path: PathBuf, source: io::Error },

    /// The folder to save into does not exist.
    #[error("cannot save {}: the folder {} does not exist", .path.display(), .dir.display())]
    NotFound { path: PathBuf, dir: PathBuf },

    /// The disk (or the user's quota) is full.
    #[error("cannot save {}: the disk is full", .path.display())]
    DiskFull { path: PathBuf, source: io::Error },

    /// The path cannot name a file: it is a folder, is empty, or ends in `..`.
    #[error("cannot save to {}: {reason}", .path.display())]
    InvalidPath { path: PathBuf, reason: String },

    /// Any other input/output failure, with the system's own words.
    #[error("cannot save {}: {source}", .path.display())]
    Io { path: PathBuf, source: io::Error },

    /// The logo given for the cover is not a readable PNG, JPEG or SVG image.
    #[error("the logo is not a valid {format} image: {reason}")]
    InvalidLogo {
        format: &'static str,
        reason: String,
    },

    /// The PDF could not be laid out (a bug in the template or an unusable input).
    #[error("the PDF could not be produced: {0}")]
    RenderFailed(String),

    /// The data could not be turned into CSV or JSON.
    #[error("the export could not be encoded: {0}")]
    EncodeFailed(String),
}

impl ExportError {
    /// A stable, lowercase identifier for programs (CLI exit messages, the app's UI).
    pub fn code(&self) -> &'static str {
        match self {
            ExportError::ReadOnly { .. } => "read_only",
            ExportError::NotFound { .. } => "not_found",
            ExportError::DiskFull { .. } => "disk_full",
            ExportError::InvalidPath { .. } => "invalid_path",
            ExportError::Io { .. } => "io_failed",
            ExportError::InvalidLogo { .. } => "invalid_logo",
            ExportError::RenderFailed(_) => "render_failed",
            ExportError::EncodeFailed(_) => "encode_failed",
        }
    }

    /// One plain sentence on what to do about this error, shown under its message.
    pub fn hint(&self) -> &'static str {
        match self {
            ExportError::ReadOnly { .. } => {
                "Save to a folder you are allowed to write to, such as Documents."
            }
            ExportError::NotFound { .. } => "Choose a folder that exists, then export again.",
            ExportError::DiskFull { .. } => {
                "Free some disk space or save to another drive, then export again."
            }
            ExportError::InvalidPath { .. } => {
                "Give a file name inside an existing folder, then export again."
            }
            ExportError::Io { .. } => "Try again, or save to another folder.",
            ExportError::InvalidLogo { .. } => {
                "Use a PNG, JPEG or SVG file as the logo, or remove the logo."
            }
            ExportError::RenderFailed(_) => {
                "Export CSV or JSON instead, and report the problem with the audit it happened on."
            }
            ExportError::EncodeFailed(_) => {
                "Try again; if it keeps failing, report the problem with the audit it happened on."
            }
        }
    }

    /// Classifies an I/O failure met while saving `path` (whose folder is `dir`).
    pub(crate) fn from_io(path: &Path, dir: &Path, source: io::Error) -> Self {
        let path = path.to_path_buf();
        if is_disk_full(&source) {
            return ExportError::DiskFull { path, source };
        }
        match source.kind() {
            io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem => {
                ExportError::ReadOnly { path, source }
            }
            io::ErrorKind::NotFound => ExportError::NotFound {
                path,
                dir: dir.to_path_buf(),
            },
            io::ErrorKind::NotADirectory => ExportError::InvalidPath {
                path,
                reason: format!("{} is a file, not a folder", dir.display()),
            },
            io::ErrorKind::IsADirectory => ExportError::InvalidPath {
                path,
                reason: "it is a folder, not a file".into(),
            },
            _ => ExportError::Io { path, source },
        }
    }
}

fn is_disk_full(error: &io::Error) -> bool {
    // ENOSPC (28) and EDQUOT (122 on Linux, 69 on macOS); `StorageFull` covers the first on
    // recent std, the raw codes cover quota errors.
    if error.kind() == io::ErrorKind::StorageFull || error.kind() == io::ErrorKind::QuotaExceeded {
        return true;
    }
    matches!(error.raw_os_error(), Some(28))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One error of each kind. The match makes adding a kind without a sample a compile error.
    fn samples() -> Vec<ExportError> {
        let path = || PathBuf::from("out/report.pdf");
        let io = || io::Error::other("no");
        let all = vec![
            ExportError::ReadOnly {
                path: path(),
                source: io(),
            },
            ExportError::NotFound {
                path: path(),
                dir: PathBuf::from("out"),
            },
            ExportError::DiskFull {
                path: path(),
                source: io(),
            },
            ExportError::InvalidPath {
                path: path(),
                reason: "it is a folder".into(),
            },
            ExportError::Io {
                path: path(),
                source: io(),
            },
            ExportError::InvalidLogo {
                format: "PNG",
                reason: "truncated".into(),
            },
            ExportError::RenderFailed("layout".into()),
            ExportError::EncodeFailed("json".into()),
        ];
        for (i, e) in all.iter().enumerate() {
            let index = match e {
                ExportError::ReadOnly { .. } => 0,
                ExportError::NotFound { .. } => 1,
                ExportError::DiskFull { .. } => 2,
                ExportError::InvalidPath { .. } => 3,
                ExportError::Io { .. } => 4,
                ExportError::InvalidLogo { .. } => 5,
                ExportError::RenderFailed(_) => 6,
                ExportError::EncodeFailed(_) => 7,
            };
            assert_eq!(index, i, "samples out of order");
        }
        all
    }

    #[test]
    fn every_error_has_its_own_code_and_a_one_sentence_hint() {
        let mut codes = std::collections::HashSet::new();
        for e in samples() {
            assert!(codes.insert(e.code()), "{} is used twice", e.code());
            let hint = e.hint();
            assert!(hint.ends_with('.') && hint.len() > 20, "{e:?}: {hint}");
            assert!(
                !hint.trim_end_matches('.').contains(". "),
                "one sentence: {hint}"
            );
        }
    }

    #[test]
    fn io_errors_map_to_stable_codes() {
        let p = Path::new("out/report.pdf");
        let d = Path::new("out");
        let code = |e: io::Error| ExportError::from_io(p, d, e).code();
        assert_eq!(code(io::Error::from_raw_os_error(28)), "disk_full");
        assert_eq!(code(io::ErrorKind::PermissionDenied.into()), "read_only");
        assert_eq!(code(io::ErrorKind::ReadOnlyFilesystem.into()), "read_only");
        assert_eq!(code(io::ErrorKind::NotFound.into()), "not_found");
        assert_eq!(code(io::ErrorKind::IsADirectory.into()), "invalid_path");
        assert_eq!(code(io::ErrorKind::Interrupted.into()), "io_failed");
    }

    #[test]
    fn messages_name_the_path_and_the_cause() {
        let e = ExportError::from_io(
            Path::new("out/report.pdf"),
            Path::new("out"),
            io::Error::from_raw_os_error(28),
        );
        assert_eq!(
            e.to_string(),
            "cannot save out/report.pdf: the disk is full"
        );
        let e = ExportError::from_io(
            Path::new("missing/report.pdf"),
            Path::new("missing"),
            io::ErrorKind::NotFound.into(),
        );
        assert_eq!(
            e.to_string(),
            "cannot save missing/report.pdf: the folder missing does not exist"
        );
    }
}
