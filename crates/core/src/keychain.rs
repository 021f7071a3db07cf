//! The OS keychain behind a trait: the real one (macOS Keychain, Windows
//! Credential Manager, Secret Service on Linux) and an in-memory one for tests.
//!
//! The keychain holds one secret per vault: the 32-byte device key-encryption
//! key (KEK) that unwraps the vault's device key slot. Service = the app
//! identifier; account = the vault id.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use crate::crypto::SecretKey;

/// Why the keychain could not answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeychainError {
    /// The keychain service is locked or refused access.
    #[error("the keychain is locked or refused access")]
    NoAccess,
    /// No keychain service could be reached.
    #[error("no keychain service is available: {0}")]
    Unavailable(String),
    /// The stored entry is not a key Confidant wrote.
    #[error("the keychain entry is malformed")]
    Malformed,
}

/// A place to keep the device KEK.
pub trait Keychain: Send + Sync {
    /// Reads the key for `account`; `Ok(None)` when there is no entry.
    fn get(&self, account: &str) -> Result<Option<SecretKey>, KeychainError>;
    /// Stores (or replaces) the key for `account`.
    fn set(&self, account: &str, key: &SecretKey) -> Result<(), KeychainError>;
    /// Deletes the key for `account`; deleting a missing entry is not an error.
    fn delete(&self, account: &str) -> Result<(), KeychainError>;
}

/// The OS keychain through the `keyring` crate.
#[derive(Debug, Clone)]
pub struct OsKeychain {
    service: String,
}

impl OsKeychain {
    /// A keychain whose entries are filed under `service` (the app identifier).
    pub fn new(service: impl Into<String>) -> Self {
        OsKeychain {
            service: service.into(),
        }
    }

    fn entry(&self, account: &str) -> Result<keyring::Entry, KeychainError> {
        keyring::Entry::new(&self.service, account).map_err(map_keyring)
    }
}

fn map_keyring(err: keyring::Error) -> KeychainError {
    match err {
        keyring::Error::NoStorageAccess(_) => KeychainError::NoAccess,
        keyring::Error::BadEncoding(_) => KeychainError::Malformed,
        other => KeychainError::Unavailable(other.to_string()),
    }
}

impl Keychain for OsKeychain {
    fn get(&self, account: &str) -> Result<Option<SecretKey>, KeychainError> {
        match self.entry(account)?.get_secret() {
            Ok(bytes) => {
                let bytes = zeroize::Zeroizing::new(bytes);
                SecretKey::from_slice(&bytes)
                    .map(Some)
                    .ok_or(KeychainError::Malformed)
            }
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(map_keyring(e)),
        }
    }

    fn set(&self, account: &str, key: &SecretKey) -> Result<(), KeychainError> {
        self.entry(account)?
            .set_secret(key.expose())
            .map_err(map_keyring)
    }

    fn delete(&self, account: &str) -> Result<(), KeychainError> {
        match self.entry(account)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(map_keyring(e)),
        }
    }
}

/// An in-memory keychain for tests. Clones share storage, so a test can
/// delete an entry "behind the app's back" to simulate a lost keychain.
#[derive(Clone, Default)]
pub struct MemoryKeychain {
    entries: Arc<Mutex<HashMap<String, [u8; 32]>>>,
    failure: Arc<Mutex<Option<KeychainError>>>,
}

impl std::fmt::Debug for MemoryKeychain {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("MemoryKeychain")
    }
}

impl MemoryKeychain {
    /// An empty keychain.
    pub fn new() -> Self {
        Self::default()
    }

    /// Makes every later call fail with `err` (or succeed again with `None`).
    pub fn set_failure(&self, err: Option<KeychainError>) {
        *self.failure.lock().unwrap_or_else(|p| p.into_inner()) = err;
    }

    /// Number of entries held.
    pub fn len(&self) -> usize {
        self.entries.lock().unwrap_or_else(|p| p.into_inner()).len()
    }

    /// True when no entry is held.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn check(&self) -> Result<(), KeychainError> {
        match &*self.failure.lock().unwrap_or_else(|p| p.into_inner()) {
            Some(e) => Err(e.clone()),
            None => Ok(()),
        }
    }
}

impl Keychain for MemoryKeychain {
    fn get(&self, account: &str) -> Result<Option<SecretKey>, KeychainError> {
        self.check()?;
        let map = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        Ok(map.get(account).map(|k| SecretKey::from_bytes(*k)))
    }

    fn set(&self, account: &str, key: &SecretKey) -> Result<(), KeychainError> {
        self.check()?;
        let mut map = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        map.insert(account.to_string(), *key.expose());
        Ok(())
    }

    fn delete(&self, account: &str) -> Result<(), KeychainError> {
        self.check()?;
        let mut map = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(mut k) = map.remove(account) {
            zeroize::Zeroize::zeroize(&mut k);
        }
        Ok(())
    }
}
