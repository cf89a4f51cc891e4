//! Where a database setting (`PREFLIGHT_DB`, `--db`, the app's workspace setting) points: a
//! local file, or a team workspace on a PostgreSQL server. A `scheme://` address is never taken
//! as a file path (which once made a folder called `postgres:`); a `file://` address is its path.

use crate::db::ServerAddress;
use crate::{Result, StoreError};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone)]
#[allow(clippy::large_enum_variant)] // made once per store; boxing would buy nothing
pub enum Location {
    File(PathBuf),
    /// The server's address, and the same as shown (without its password), as a path for
    /// callers that show where the data is.
    Server(ServerAddress, PathBuf),
}

impl Location {
    /// Reads a setting. Addresses of other servers (`mysql://…`) are refused; the password of an
    /// address is never repeated in a message.
    pub fn parse(setting: &Path) -> Result<Location> {
        let text = setting.to_string_lossy();
        let Some((scheme, rest)) = text.split_once("://") else {
            return Ok(Location::File(setting.to_path_buf()));
        };
        let is_scheme = scheme.len() >= 2
            && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
        if !is_scheme {
            return Ok(Location::File(setting.to_path_buf()));
        }
        if scheme.eq_ignore_ascii_case("file") {
            return Ok(Location::File(PathBuf::from(
                rest.strip_prefix("localhost").unwrap_or(rest),
            )));
        }
        if ServerAddress::is_server_address(&text) {
            return Ok(Location::server(ServerAddress::parse(&text)?));
        }
        Err(StoreError::UnsupportedLocation(crate::db::shown_of(&text)))
    }

    pub fn server(address: ServerAddress) -> Location {
        let shown = PathBuf::from(address.shown());
        Location::Server(address, shown)
    }

    /// The file, or the server's address as shown.
    pub fn as_path(&self) -> &Path {
        match self {
            Location::File(path) => path,
            Location::Server(_, shown) => shown,
        }
    }

    pub fn is_server(&self) -> bool {
        matches!(self, Location::Server(..))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_name_a_file_or_a_server_and_never_a_folder_called_postgres() {
        let url = "postgres://analyst:s3cret@127.0.0.1:5432/preflight";
        match Location::parse(Path::new(url)).unwrap() {
            Location::Server(address, shown) => {
                assert_eq!(
                    shown,
                    Path::new("postgres://analyst@127.0.0.1:5432/preflight")
                );
                assert_eq!(address.user(), Some("analyst"));
            }
            other => panic!("{other:?}"),
        }
        let e = Location::parse(Path::new("mysql://root:pw@h/db")).unwrap_err();
        assert_eq!(e.code(), "database_url_unsupported");
        assert!(!e.to_string().contains("pw"), "{e}");
        assert!(e.to_string().contains("mysql://root@h/db"), "{e}");
        assert!(Location::parse(Path::new("sqlite+x://y")).is_err());
        assert!(Location::parse(Path::new("postgresql://h/db"))
            .unwrap()
            .is_server());
        assert_eq!(
            Location::parse(Path::new("file:///tmp/p.sqlite3"))
                .unwrap()
                .as_path(),
            Path::new("/tmp/p.sqlite3")
        );
        let dir = tempfile::tempdir().unwrap();
        let plain = dir.path().join("p.sqlite3");
        assert_eq!(Location::parse(&plain).unwrap().as_path(), plain);
        assert_eq!(
            Location::parse(Path::new("C:\\data\\p.sqlite3"))
                .unwrap()
                .as_path(),
            Path::new("C:\\data\\p.sqlite3")
        );
        // A server nobody listens on is an error, and nothing is created locally.
        let cwd_folder = Path::new("postgres:");
        let existed = cwd_folder.exists();
        let e = crate::Store::open(Path::new(
            "postgres://u:pw@127.0.0.1:9/preflight?connect_timeout=2",
        ))
        .err()
        .expect("nobody listens on port 9");
        assert_eq!(e.code(), "server_unreachable", "{e}");
        assert!(!e.to_string().contains("pw"), "{e}");
        assert_eq!(cwd_folder.exists(), existed);
    }
}
