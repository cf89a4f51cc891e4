//! Why an import or a range file was refused. Every error has a stable code the app and the
//! CLI can map to their own wording, and a message a marketer can act on.

use std::io;

/// An access log or range file that could not be used. When an import fails nothing of it is
/// kept: the caller gets this error, never half a report.
#[derive(Debug, thiserror::Error)]
pub enum LogError {
    #[error("The log file {path} does not exist. Check the file name and folder.")]
    NotFound { path: String },

    #[error("Preflight is not allowed to read {path}. Copy the log somewhere your user can read, or change its permissions.")]
    PermissionDenied { path: String },

    #[error("{path} is a folder, not a log file. Choose one access-log file inside it.")]
    IsDirectory { path: String },

    #[error("The log could not be read: {source}")]
    Read {
        #[source]
        source: io::Error,
    },

    #[error("The log is compressed (gzip) but the compressed data is damaged or cut off: {source}. Copy the file again, or import the uncompressed log.")]
    CorruptGzip {
        #[source]
        source: io::Error,
    },

    #[error("The log is empty: it contains no requests. Check that you picked the current log and not an empty rotated one.")]
    Empty,

    #[error("This does not look like a web server access log: {readable} of {lines} lines could be read ({reason}). Preflight reads the nginx and Apache 'combined' and 'common' formats.")]
    NotAnAccessLog {
        lines: u64,
        readable: u64,
        reason: String,
    },

    #[error("The import was cancelled.")]
    Cancelled,

    #[error("OpenAI's address list is not valid JSON: {0}")]
    RangesInvalidJson(String),

    #[error("OpenAI's address list has an entry that is not an IP range: {0:?}")]
    RangesInvalidPrefix(String),

    #[error("OpenAI's address list contains no address ranges.")]
    RangesEmpty,

    #[error("The address-list file {path} could not be read: {reason}. Choose the adsbot.json file saved from OpenAI.")]
    RangesUnreadable { path: String, reason: String },
}

impl LogError {
    /// A stable kebab-case code for this kind of error.
    pub fn code(&self) -> &'static str {
        match self {
            LogError::NotFound { .. } => "log-file-not-found",
            LogError::PermissionDenied { .. } => "log-permission-denied",
            LogError::IsDirectory { .. } => "log-is-directory",
            LogError::Read { .. } => "log-read-failed",
            LogError::CorruptGzip { .. } => "log-corrupt-gzip",
            LogError::Empty => "log-empty",
            LogError::NotAnAccessLog { .. } => "log-not-an-access-log",
            LogError::Cancelled => "log-import-cancelled",
            LogError::RangesInvalidJson(_) => "ranges-invalid-json",
            LogError::RangesInvalidPrefix(_) => "ranges-invalid-prefix",
            LogError::RangesEmpty => "ranges-empty",
            LogError::RangesUnreadable { .. } => "ranges-unreadable",
        }
    }

    /// One plain sentence on what to do about this error, shown under its message.
    pub fn hint(&self) -> &'static str {
        match self {
            LogError::NotFound { .. } => "Check the file name and folder, or pick the file again.",
            LogError::PermissionDenied { .. } => {
                "Copy the log to a folder you can read (for example Downloads) and import the copy."
            }
            LogError::IsDirectory { .. } => {
                "Pick one access-log file inside the folder, such as access.log."
            }
            LogError::Read { .. } => {
                "Copy the log to your own computer (not a network drive or USB stick) and import the copy."
            }
            LogError::CorruptGzip { .. } => {
                "Download the log from the server again, or import the uncompressed log."
            }
            LogError::Empty => {
                "Rotated logs are often empty, so try the previous one (for example access.log.1)."
            }
            LogError::NotAnAccessLog { .. } => {
                "Import the standard nginx or Apache access log (combined or common format); JSON logs, CDN exports and IIS logs cannot be read yet."
            }
            LogError::Cancelled => "Start the import again when you are ready.",
            LogError::RangesInvalidJson(_)
            | LogError::RangesInvalidPrefix(_)
            | LogError::RangesEmpty
            | LogError::RangesUnreadable { .. } => {
                "Choose OpenAI's adsbot.json file, or leave the address-list field empty to download the list."
            }
        }
    }

    /// Maps an error from opening a file to the error a user can act on.
    pub(crate) fn opening(path: &std::path::Path, source: io::Error) -> Self {
        let path = path.display().to_string();
        match source.kind() {
            io::ErrorKind::NotFound => LogError::NotFound { path },
            io::ErrorKind::PermissionDenied => LogError::PermissionDenied { path },
            io::ErrorKind::IsADirectory => LogError::IsDirectory { path },
            _ => LogError::Read { source },
        }
    }

    /// Maps a read error; inside a gzip stream, data errors mean the compression is damaged.
    pub(crate) fn reading(source: io::Error, compressed: bool) -> Self {
        let data_error = matches!(
            source.kind(),
            io::ErrorKind::InvalidData | io::ErrorKind::InvalidInput | io::ErrorKind::UnexpectedEof
        );
        if compressed && data_error {
            LogError::CorruptGzip { source }
        } else {
            LogError::Read { source }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One error of each kind. The match makes adding a kind without a sample a compile error.
    fn samples() -> Vec<LogError> {
        let path = || "access.log".to_string();
        let io = || io::Error::other("no");
        let all = vec![
            LogError::NotFound { path: path() },
            LogError::PermissionDenied { path: path() },
            LogError::IsDirectory { path: path() },
            LogError::Read { source: io() },
            LogError::CorruptGzip { source: io() },
            LogError::Empty,
            LogError::NotAnAccessLog {
                lines: 10,
                readable: 0,
                reason: "no dates".into(),
            },
            LogError::Cancelled,
            LogError::RangesInvalidJson("eof".into()),
            LogError::RangesInvalidPrefix("x".into()),
            LogError::RangesEmpty,
            LogError::RangesUnreadable {
                path: "adsbot.json".into(),
                reason: "no".into(),
            },
        ];
        for (i, e) in all.iter().enumerate() {
            let index = match e {
                LogError::NotFound { .. } => 0,
                LogError::PermissionDenied { .. } => 1,
                LogError::IsDirectory { .. } => 2,
                LogError::Read { .. } => 3,
                LogError::CorruptGzip { .. } => 4,
                LogError::Empty => 5,
                LogError::NotAnAccessLog { .. } => 6,
                LogError::Cancelled => 7,
                LogError::RangesInvalidJson(_) => 8,
                LogError::RangesInvalidPrefix(_) => 9,
                LogError::RangesEmpty => 10,
                LogError::RangesUnreadable { .. } => 11,
            };
            assert_eq!(index, i, "samples out of order");
        }
        all
    }

    #[test]
    fn every_error_has_its_own_code_and_a_one_sentence_hint() {
        let mut codes = std::collections::HashSet::new();
        for e in samples() {
            let code = e.code();
            assert!(codes.insert(code), "{code} is used twice");
            assert!(
                code.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{code} is not kebab-case"
            );
            let hint = e.hint();
            assert!(hint.ends_with('.') && hint.len() > 20, "{e:?}: {hint}");
            assert!(
                !hint.trim_end_matches('.').contains(". "),
                "one sentence: {hint}"
            );
        }
    }
}
