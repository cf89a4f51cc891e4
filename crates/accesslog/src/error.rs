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
