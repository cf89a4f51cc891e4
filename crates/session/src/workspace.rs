//! Which database this machine works in: the local file (the default, for one person) or a team
//! workspace on a PostgreSQL server, and who the work is recorded as. The workspace's address is
//! a setting of this machine (a small file in the user's configuration folder), its password is
//! kept in the operating system's keychain, and `PREFLIGHT_DB` (or `--db`) overrides both.

use crate::secrets::{Keeper, Secret};
use crate::SessionError;
use preflight_store::{Location, ServerAddress, Store, StoreError};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// This machine's choices, kept outside any database (they say which database to open).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MachineSettings {
    /// The team workspace's address, never with its password; `None` for the local file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workspace: Option<String>,
    /// The name work from this machine is recorded under; the login (or the account) otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
}

/// The folder of this machine's settings: `PREFLIGHT_CONFIG_DIR`, else the OS's per-user
/// configuration folder.
fn config_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("PREFLIGHT_CONFIG_DIR").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    dirs::config_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join("preflight")
}

fn settings_file() -> PathBuf {
    config_dir().join("machine.json")
}

/// This machine's settings; defaults when none were saved or the file cannot be read.
pub fn machine_settings() -> MachineSettings {
    std::fs::read(settings_file())
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default()
}

pub fn save_machine_settings(settings: &MachineSettings) -> Result<(), SessionError> {
    let file = settings_file();
    let write = || -> std::io::Result<()> {
        std::fs::create_dir_all(config_dir())?;
        let json = serde_json::to_vec_pretty(settings).map_err(std::io::Error::other)?;
        let temporary = file.with_extension("json.tmp");
        std::fs::write(&temporary, json)?;
        std::fs::rename(&temporary, &file)
    };
    write().map_err(|e| {
        SessionError::Store(StoreError::Open {
            path: file.display().to_string(),
            reason: e.to_string(),
        })
    })
}

/// The database setting in force: `PREFLIGHT_DB`, else this machine's workspace, else the local
/// file in the OS's data folder.
pub fn database_setting() -> PathBuf {
    if std::env::var_os("PREFLIGHT_DB").is_some_and(|p| !p.is_empty()) {
        return preflight_store::default_db_path();
    }
    match machine_settings().workspace {
        Some(address) => PathBuf::from(address),
        None => preflight_store::default_db_path(),
    }
}

/// Where `setting` points. A workspace address without a password takes the one kept in the
/// keychain for it, if any (a login then fails with a message that says where to set it).
pub fn location(setting: &Path) -> Result<Location, StoreError> {
    match Location::parse(setting)? {
        Location::Server(address, _) if !address.has_password() => {
            let kept = password_secret(&address).read().ok().flatten();
            Ok(Location::server(match kept {
                Some(password) => address.with_password(&password),
                None => address,
            }))
        }
        other => Ok(other),
    }
}

fn password_secret(address: &ServerAddress) -> Secret {
    Secret::with_account(format!("workspace-password/{}", address.shown()))
}

/// Keeps the password of the workspace at `address` (its shown form names the login).
pub fn save_password(address: &str, password: &str) -> Result<Keeper, SessionError> {
    let address = ServerAddress::parse(address)?;
    password_secret(&address).save(password)
}

/// Forgets the password of the workspace at `address`; whether one was kept.
pub fn forget_password(address: &str) -> Result<bool, SessionError> {
    let address = ServerAddress::parse(address)?;
    password_secret(&address).remove()
}

/// What connecting to a workspace found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct WorkspaceConnection {
    /// The address as shown (never with a password).
    pub address: String,
    /// Whether the workspace holds no client yet (then copying the local file is offered).
    pub empty: bool,
    /// Clients in the workspace.
    pub clients: u32,
}

/// Connects this machine to the workspace at `address`: tries it (bringing an empty one's
/// tables into being), and only when that works keeps the password in the keychain and the
/// address, without it, in this machine's settings. Nothing changes when it fails.
pub fn connect(address: &str, password: Option<&str>) -> Result<WorkspaceConnection, SessionError> {
    let parsed = ServerAddress::parse(address)?;
    let stripped = parsed.setting().to_string();
    let with_password = match password.filter(|p| !p.is_empty()) {
        Some(password) => parsed.clone().with_password(password),
        None => parsed.clone(),
    };
    let store = Store::open_at(&Location::server(with_password.clone()), Some(crate::now))?;
    let clients = store.list_clients()?.len();
    if let Some(password) = with_password.password() {
        password_secret(&parsed).save(&password)?;
    }
    let mut settings = machine_settings();
    settings.workspace = Some(stripped.clone());
    save_machine_settings(&settings)?;
    Ok(WorkspaceConnection {
        address: parsed.shown().to_string(),
        empty: clients == 0,
        clients: u32::try_from(clients).unwrap_or(u32::MAX),
    })
}

/// Goes back to the local file on this machine. The workspace keeps everything; this machine
/// forgets the workspace's password (connecting again asks for it).
pub fn disconnect() -> Result<(), SessionError> {
    let mut settings = machine_settings();
    let address = settings.workspace.take();
    save_machine_settings(&settings)?;
    if let Some(address) = address {
        // A keychain that cannot be reached holds nothing to forget.
        let _ = forget_password(&address);
    }
    Ok(())
}

/// Who work from this machine is recorded as: the display name set here, else the workspace
/// login, else the operating system's user name.
pub fn author(location: &Location) -> Option<String> {
    let chosen = machine_settings()
        .display_name
        .map(|n| n.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|n| !n.is_empty());
    chosen
        .or_else(|| match location {
            Location::Server(address, _) => address.user().map(str::to_string),
            Location::File(_) => None,
        })
        .or_else(|| {
            ["USER", "USERNAME", "LOGNAME"]
                .iter()
                .find_map(|v| std::env::var(v).ok().filter(|n| !n.trim().is_empty()))
        })
        .map(|n| n.chars().take(120).collect())
}

/// Copies everything in `from` into `to` (see [`Store::copy_into`]), giving `from` its database
/// id first when it has none, so that a later copy between the two knows they are related.
pub fn copy(from: &Store, to: &Store) -> Result<preflight_store::CopyReport, SessionError> {
    crate::secrets::workspace_id(from)?;
    Ok(from.copy_into(to)?)
}
