//! Secrets a client needs (its Ads API key) kept in the operating system's keychain — Keychain on
//! macOS, Credential Manager on Windows, the Secret Service (GNOME Keyring, KWallet) on Linux with
//! the kernel's key store where no Secret Service runs — and never in the database, logs or
//! exports. The database only holds a random workspace name so that two databases never share a
//! client's key.

use crate::SessionError;
use keyring::{Entry, Error as KeyringError};
use preflight_store::Store;
use serde::Serialize;
use ts_rs::TS;

/// The settings key of this database's random name, part of every keychain entry's name.
const WORKSPACE_ID: &str = preflight_store::DATABASE_ID;
/// The service name keychain entries are filed under, as the keychain app shows it.
const SERVICE: &str = "Preflight";

/// What a secret is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecretKind {
    AdsApiKey,
    /// An alert webhook's address (it carries the token), per alert channel.
    WebhookUrl,
    /// The password of the SMTP server alerts are e-mailed through (one per workspace).
    SmtpPassword,
    /// A client's Conversions API key, for the optional live validation.
    ConversionsApiKey,
}

impl SecretKind {
    fn slug(self) -> &'static str {
        match self {
            SecretKind::AdsApiKey => "ads-api-key",
            SecretKind::WebhookUrl => "alert-webhook",
            SecretKind::SmtpPassword => "smtp-password",
            SecretKind::ConversionsApiKey => "conversions-api-key",
        }
    }
}

/// Where a secret was kept, as settings show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Keeper {
    /// The desktop's keychain (Keychain, Credential Manager, Secret Service).
    SystemKeychain,
    /// Linux's kernel key store: kept for the session and for a few days after logging out.
    KernelKeyring,
}

impl Keeper {
    pub fn label(self) -> &'static str {
        match self {
            Keeper::SystemKeychain => "the system keychain",
            Keeper::KernelKeyring => {
                "the kernel key store (no keychain service is running: the key lasts until you log out or restart)"
            }
        }
    }
}

/// One client's secret of one kind.
pub struct Secret {
    account: String,
}

impl Secret {
    /// A secret kept under `account` (not tied to a client or a database).
    pub(crate) fn with_account(account: String) -> Secret {
        Secret { account }
    }

    /// The secret `kind` of client `client_id` in this database.
    pub fn of(store: &Store, kind: SecretKind, client_id: i64) -> Result<Secret, SessionError> {
        let workspace = workspace_id(store)?;
        Ok(Secret {
            account: format!("{}/{workspace}/client-{client_id}", kind.slug()),
        })
    }

    /// Keeps `value` in the first keeper that takes it and removes any copy from the others.
    pub fn save(&self, value: &str) -> Result<Keeper, SessionError> {
        let mut last = None;
        let keepers = self.keepers();
        for (i, (keeper, holder)) in keepers.iter().enumerate() {
            match holder.set(value) {
                Ok(()) => {
                    for (_, other) in keepers.iter().skip(i + 1) {
                        let _ = other.delete();
                    }
                    return Ok(*keeper);
                }
                Err(e) => last = Some(e),
            }
        }
        Err(keychain_error("could not save the key", last))
    }

    /// The secret, or `None` when none is kept; an error only when no keeper could be asked.
    pub fn read(&self) -> Result<Option<String>, SessionError> {
        let mut asked = false;
        let mut last = None;
        for (_, holder) in self.keepers() {
            match holder.get() {
                Ok(Some(value)) => return Ok(Some(value)),
                Ok(None) => asked = true,
                Err(e) => last = Some(e),
            }
        }
        if asked {
            Ok(None)
        } else {
            Err(keychain_error("could not read the key", last))
        }
    }

    /// Where the secret is kept, without handing it out; `None` when it is nowhere.
    pub fn kept_in(&self) -> Option<Keeper> {
        self.keepers()
            .into_iter()
            .find(|(_, holder)| matches!(holder.get(), Ok(Some(_))))
            .map(|(keeper, _)| keeper)
    }

    /// Removes the secret everywhere; whether one was kept.
    pub fn remove(&self) -> Result<bool, SessionError> {
        let mut removed = false;
        for (_, holder) in self.keepers() {
            // A keeper that cannot be reached holds nothing to remove.
            removed |= matches!(holder.delete(), Ok(true));
        }
        Ok(removed)
    }

    #[cfg(target_os = "linux")]
    fn keepers(&self) -> Vec<(Keeper, Holder)> {
        use keyring::secret_service::SsCredential;
        let mut out = Vec::new();
        if std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some() {
            if let Ok(c) = SsCredential::new_with_target(None, SERVICE, &self.account) {
                let entry = Entry::new_with_credential(Box::new(c));
                out.push((Keeper::SystemKeychain, Holder::Keyring(entry)));
            }
        }
        let description = format!("{SERVICE}:{}", self.account);
        out.push((Keeper::KernelKeyring, Holder::Kernel(description)));
        out
    }

    #[cfg(not(target_os = "linux"))]
    fn keepers(&self) -> Vec<(Keeper, Holder)> {
        Entry::new(SERVICE, &self.account)
            .map(|e| vec![(Keeper::SystemKeychain, Holder::Keyring(e))])
            .unwrap_or_default()
    }
}

/// One place a secret can be held.
enum Holder {
    Keyring(Entry),
    /// Linux's kernel key store, by key description.
    #[cfg(target_os = "linux")]
    Kernel(String),
}

impl Holder {
    fn set(&self, value: &str) -> Result<(), String> {
        match self {
            Holder::Keyring(entry) => entry.set_password(value).map_err(|e| e.to_string()),
            #[cfg(target_os = "linux")]
            Holder::Kernel(description) => kernel::set(description, value),
        }
    }

    /// The secret, `None` when none is held.
    fn get(&self) -> Result<Option<String>, String> {
        match self {
            Holder::Keyring(entry) => match entry.get_password() {
                Ok(value) => Ok(Some(value)),
                Err(KeyringError::NoEntry) => Ok(None),
                Err(e) => Err(e.to_string()),
            },
            #[cfg(target_os = "linux")]
            Holder::Kernel(description) => kernel::get(description),
        }
    }

    /// Whether a secret was held and removed.
    fn delete(&self) -> Result<bool, String> {
        match self {
            Holder::Keyring(entry) => match entry.delete_credential() {
                Ok(()) => Ok(true),
                Err(KeyringError::NoEntry) => Ok(false),
                Err(e) => Err(e.to_string()),
            },
            #[cfg(target_os = "linux")]
            Holder::Kernel(description) => kernel::delete(description),
        }
    }
}

/// The kernel key store: the user's keyring, shared by every process of the user (the app and
/// the command line alike) until the user's last session ends. (The persistent keyring is not
/// used: asking for it gives the process a session keyring of its own, and not every system
/// allows it.)
#[cfg(target_os = "linux")]
mod kernel {
    use linux_keyutils::{KeyError, KeyRing, KeyRingIdentifier};

    fn user_keyring() -> Result<KeyRing, String> {
        KeyRing::from_special_id(KeyRingIdentifier::User, false).map_err(|e| format!("{e:?}"))
    }

    pub fn set(description: &str, value: &str) -> Result<(), String> {
        user_keyring()?
            .add_key(description, value.as_bytes())
            .map(|_| ())
            .map_err(|e| format!("{e:?}"))
    }

    pub fn get(description: &str) -> Result<Option<String>, String> {
        match user_keyring()?.search(description) {
            Ok(key) => {
                let bytes = key.read_to_vec().map_err(|e| format!("{e:?}"))?;
                String::from_utf8(bytes)
                    .map(Some)
                    .map_err(|_| "the kept key is not text".to_string())
            }
            Err(KeyError::KeyDoesNotExist | KeyError::KeyRevoked | KeyError::KeyExpired) => {
                Ok(None)
            }
            Err(e) => Err(format!("{e:?}")),
        }
    }

    pub fn delete(description: &str) -> Result<bool, String> {
        let ring = user_keyring()?;
        match ring.search(description) {
            Ok(key) => {
                ring.unlink_key(key).map_err(|e| format!("{e:?}"))?;
                // Gone from the keyring; the kernel drops the key itself at once too.
                let _ = key.invalidate();
                Ok(true)
            }
            Err(KeyError::KeyDoesNotExist | KeyError::KeyRevoked | KeyError::KeyExpired) => {
                Ok(false)
            }
            Err(e) => Err(format!("{e:?}")),
        }
    }
}

/// This database's random name, made on first use.
pub(crate) fn workspace_id(store: &Store) -> Result<String, SessionError> {
    if let Some(id) = store.setting(WORKSPACE_ID)? {
        return Ok(id);
    }
    let id: String = (0..16)
        .map(|_| format!("{:02x}", rand::random::<u8>()))
        .collect();
    store.set_setting(WORKSPACE_ID, &id)?;
    Ok(id)
}

fn keychain_error(what: &str, e: Option<String>) -> SessionError {
    let reason = match e {
        Some(e) => e,
        None => "no keychain is available on this computer".to_string(),
    };
    SessionError::Keychain(format!("Preflight {what} in the keychain: {reason}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = crate::open_store(&dir.path().join("p.db")).unwrap();
        (dir, store)
    }

    #[test]
    fn a_key_is_kept_read_and_removed_outside_the_database() {
        let (dir, store) = temp_store();
        let secret = Secret::of(&store, SecretKind::AdsApiKey, 1).unwrap();
        let value = "sk-ads-test-7f3a9c-never-in-the-db";
        let keeper = secret.save(value).unwrap();
        assert!(!keeper.label().is_empty());
        assert_eq!(secret.read().unwrap().as_deref(), Some(value));
        drop(store);
        for entry in std::fs::read_dir(dir.path()).unwrap() {
            let bytes = std::fs::read(entry.unwrap().path()).unwrap();
            assert!(
                !bytes.windows(value.len()).any(|w| w == value.as_bytes()),
                "the key reached a database file"
            );
        }
        assert!(secret.remove().unwrap());
        assert_eq!(secret.read().unwrap(), None);
        assert!(!secret.remove().unwrap());
    }

    #[test]
    fn two_databases_never_share_a_clients_key() {
        let (_a_dir, a) = temp_store();
        let (_b_dir, b) = temp_store();
        let in_a = Secret::of(&a, SecretKind::AdsApiKey, 1).unwrap();
        let in_b = Secret::of(&b, SecretKind::AdsApiKey, 1).unwrap();
        in_a.save("key-of-a").unwrap();
        assert_eq!(in_b.read().unwrap(), None);
        assert_eq!(
            Secret::of(&a, SecretKind::AdsApiKey, 2)
                .unwrap()
                .read()
                .unwrap(),
            None
        );
        in_a.remove().unwrap();
    }
}
