//! Saving an export so a reader never sees half a file: write a temporary file next to the
//! target, flush it to disk, then rename it over the target in one step.

use crate::error::ExportError;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path` atomically: either the whole new content is there afterwards, or the
/// previous file (if any) is untouched and no temporary file is left behind.
///
/// Errors carry a stable [`ExportError::code`]: `read_only`, `not_found` (the folder does not
/// exist), `disk_full`, `invalid_path` (the path is a folder or names no file) or `io_failed`.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    let dir = target_dir(path)?;
    let io_error = |e| ExportError::from_io(path, &dir, e);

    let mut builder = tempfile::Builder::new();
    builder.prefix(".preflight-export-").suffix(".tmp");
    // tempfile creates 0600 files; ask for 0666 so the saved file gets the usual umask-based
    // permissions, like any other file the user saves.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    // From here on, dropping `temp` (on any early return) deletes the temporary file.
    let mut temp = builder.tempfile_in(&dir).map_err(io_error)?;
    temp.write_all(bytes).map_err(io_error)?;
    temp.as_file().sync_all().map_err(io_error)?;
    temp.persist(path).map_err(|e| io_error(e.error))?;
    sync_dir(&dir);
    Ok(())
}

/// The folder the file goes into, after rejecting paths that cannot name a file.
fn target_dir(path: &Path) -> Result<PathBuf, ExportError> {
    let invalid = |reason: &str| ExportError::InvalidPath {
        path: path.to_path_buf(),
        reason: reason.to_string(),
    };
    let text = path.as_os_str().to_string_lossy();
    if text.is_empty() {
        return Err(invalid("the path is empty"));
    }
    if text.ends_with('/') || text.ends_with(std::path::MAIN_SEPARATOR) {
        return Err(invalid("it ends with a folder separator, not a file name"));
    }
    if path.file_name().is_none() {
        return Err(invalid("it does not end with a file name"));
    }
    if path.is_dir() {
        return Err(invalid("it is a folder, not a file"));
    }
    let dir = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !dir.exists() {
        return Err(ExportError::NotFound {
            path: path.to_path_buf(),
            dir,
        });
    }
    if !dir.is_dir() {
        return Err(invalid(&format!(
            "{} is a file, not a folder",
            dir.display()
        )));
    }
    Ok(dir)
}

/// Flushes the rename itself to disk so it survives a power cut. Best effort: the data is
/// already safe and some file systems refuse to sync a directory.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(handle) = std::fs::File::open(dir) {
        let _ = handle.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}
