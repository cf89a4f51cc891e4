//! The database's files on disk: owner-only permissions on Unix (the audits hold clients' pages
//! and findings), and the name of this machine for telling whose run is whose.

use std::path::{Path, PathBuf};

/// The files SQLite keeps next to the database.
const SIDE_FILES: &[&str] = &["-wal", "-shm", "-journal"];

/// Creates the folders leading to `path` that do not exist yet (owner-only on Unix) and the
/// empty database file itself (owner-only on Unix) before SQLite opens it, so that SQLite's own
/// side files, which copy the database file's permissions, are owner-only from the start.
/// Another process creating the same folder or file at the same moment is not an error.
pub fn prepare(path: &Path) -> std::io::Result<()> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        create_private_dir_all(parent)?;
    }
    if path.symlink_metadata().is_ok() {
        return Ok(());
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e),
    }
}

/// Creates `dir` and any missing parents; the ones created here are owner-only on Unix.
pub fn create_private_dir_all(dir: &Path) -> std::io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Takes group and world access away from the database and its side files when they have it.
/// Best effort: a file owned by someone else, or a file system without Unix permissions, is left
/// as it is.
pub fn tighten(path: &Path) {
    tighten_one(path);
    for suffix in SIDE_FILES {
        tighten_one(&side_file(path, suffix));
    }
}

/// `path` with `suffix` appended to its file name (`p.db` → `p.db-wal`).
pub fn side_file(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

#[cfg(unix)]
fn tighten_one(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let Ok(meta) = std::fs::metadata(path) else {
        return;
    };
    let mode = meta.permissions().mode() & 0o7777;
    if meta.is_file() && mode & 0o077 != 0 {
        let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode & !0o077));
    }
}

#[cfg(not(unix))]
fn tighten_one(_path: &Path) {}

/// This machine's name, or `None` when it cannot be read.
pub fn host_name() -> Option<String> {
    let name = host_name_raw()?;
    let name = name.trim();
    (!name.is_empty()).then(|| name.to_string())
}

#[cfg(unix)]
fn host_name_raw() -> Option<String> {
    let mut buf = [0u8; 256];
    // SAFETY: the buffer is writable for its whole length; the result is NUL-terminated unless
    // truncated, which the search for the first NUL handles.
    let rc = unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len()) };
    if rc != 0 {
        return None;
    }
    let end = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
    Some(String::from_utf8_lossy(&buf[..end]).into_owned())
}

#[cfg(windows)]
fn host_name_raw() -> Option<String> {
    std::env::var("COMPUTERNAME").ok()
}

#[cfg(not(any(unix, windows)))]
fn host_name_raw() -> Option<String> {
    None
}
