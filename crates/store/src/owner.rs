//! Who is running an audit. A process that begins a run holds an exclusive lock on a small file
//! of its own in the `<database>-runs` folder next to the database, and the run records that
//! file's name and the machine's name. The operating system releases the lock the moment the
//! process ends, however it ends (a crash, SIGKILL, a power-off), so on the same machine a reader
//! tells at once whether a `running` run still has a live owner. Process ids are never compared,
//! so a reused id cannot be mistaken for the owner.

use crate::files;
use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// The lock this process holds while the store lives; it ends with the store or the process.
pub struct OwnerLock {
    pub token: String,
    path: PathBuf,
    _file: File,
}

impl OwnerLock {
    /// Creates and locks a new owner file. Fails where files cannot be created or locked (a
    /// read-only folder, a file system without locks); runs then fall back to the idle rule.
    pub fn acquire(dir: &Path) -> std::io::Result<OwnerLock> {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        files::create_private_dir_all(dir)?;
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        let token = format!(
            "{}-{nanos:x}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        let path = lock_path(dir, &token).expect("a token made here is valid");
        let mut options = OpenOptions::new();
        options.read(true).write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let file = options.open(&path)?;
        if let Err(e) = file.try_lock() {
            let _ = std::fs::remove_file(&path);
            return Err(match e {
                TryLockError::Error(e) => e,
                TryLockError::WouldBlock => std::io::ErrorKind::WouldBlock.into(),
            });
        }
        Ok(OwnerLock {
            token,
            path,
            _file: file,
        })
    }
}

impl Drop for OwnerLock {
    fn drop(&mut self) {
        // Removed while still locked; the lock itself goes with the file handle just after.
        let _ = std::fs::remove_file(&self.path);
    }
}

/// A key for a server connection's owner lock, different between processes and stores.
pub fn random_key() -> i32 {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    let mixed = (nanos as u64)
        ^ (u64::from(std::process::id()) << 32)
        ^ NEXT
            .fetch_add(1, Ordering::Relaxed)
            .wrapping_mul(0x9E37_79B9_7F4A_7C15);
    // Folded so that every bit of the time and the process id counts.
    (mixed ^ (mixed >> 32)) as u32 as i32
}

/// What the owner file of a run says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    /// Its process still runs.
    Alive,
    /// Its process has ended.
    Gone,
    /// Cannot be told from here.
    Unknown,
}

/// Checks the owner file `token` in `dir`. An owner file left behind by a process that ended is
/// removed on the way.
pub fn check(dir: &Path, token: &str) -> Owner {
    let Some(path) = lock_path(dir, token) else {
        return Owner::Unknown;
    };
    let file = match OpenOptions::new().read(true).write(true).open(&path) {
        Ok(file) => file,
        // Owners create their file before their run exists and remove it only when they end.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Owner::Gone,
        Err(_) => return Owner::Unknown,
    };
    match file.try_lock() {
        Ok(()) => {
            // Tokens are never reused, so nobody will lock this file again.
            let _ = std::fs::remove_file(&path);
            Owner::Gone
        }
        Err(TryLockError::WouldBlock) => Owner::Alive,
        Err(TryLockError::Error(_)) => Owner::Unknown,
    }
}

/// The owner file of `token`, or `None` for a token this crate never makes (a stored value is
/// never allowed to name a file elsewhere).
fn lock_path(dir: &Path, token: &str) -> Option<PathBuf> {
    let valid = !token.is_empty()
        && token.len() <= 64
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-');
    valid.then(|| dir.join(format!("{token}.lock")))
}

/// The folder of owner files for the database at `db` (its real path, so that a database reached
/// through a symbolic link shares it).
pub fn dir_for(db: &Path) -> PathBuf {
    let real = std::fs::canonicalize(db).unwrap_or_else(|_| db.to_path_buf());
    files::side_file(&real, "-runs")
}
