//! The OS keychain behind a trait: the real one (macOS Keychain, Windows
//! Credential Manager, Secret Service on Linux) and an in-memory one for tests.
//!
//! The keychain holds one secret per vault: the 32-byte device key-encryption
//! key (KEK) that unwraps the vault's device key slot. Service = the app
//! identifier; account = the vault id.
//!
//! On Windows the entry is written by this module (not by `keyring`, whose
//! 3.6 Windows backend hard-codes `CRED_PERSIST_ENTERPRISE`, which roams with
//! the user's profile to other computers): a generic credential with
//! `CRED_PERSIST_LOCAL_MACHINE`, so the device key stays on this computer.
//! The target name is keyring's (`{account}.{service}`), so an entry an
//! earlier build wrote is found, and reading one with another persistence
//! rewrites it with local-machine persistence.

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

    #[cfg(not(windows))]
    fn entry(&self, account: &str) -> Result<keyring::Entry, KeychainError> {
        keyring::Entry::new(&self.service, account).map_err(map_keyring)
    }
}

#[cfg(not(windows))]
fn map_keyring(err: keyring::Error) -> KeychainError {
    match err {
        keyring::Error::NoStorageAccess(_) => KeychainError::NoAccess,
        keyring::Error::BadEncoding(_) => KeychainError::Malformed,
        other => KeychainError::Unavailable(other.to_string()),
    }
}

#[cfg(not(windows))]
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

#[cfg(windows)]
impl Keychain for OsKeychain {
    fn get(&self, account: &str) -> Result<Option<SecretKey>, KeychainError> {
        let target = windows_credential::target_name(&self.service, account);
        let Some(stored) = windows_credential::read(&target)? else {
            return Ok(None);
        };
        let key = SecretKey::from_slice(&stored.secret).ok_or(KeychainError::Malformed)?;
        if stored.persist != windows_credential::LOCAL_MACHINE {
            // Written with another persistence (keyring's roaming default by
            // an earlier build): keep it on this computer from now on. Best
            // effort: the key just read is good either way, and the next
            // successful write fixes the persistence.
            let _ = windows_credential::write(&target, account, key.expose());
        }
        Ok(Some(key))
    }

    fn set(&self, account: &str, key: &SecretKey) -> Result<(), KeychainError> {
        let target = windows_credential::target_name(&self.service, account);
        windows_credential::write(&target, account, key.expose())
    }

    fn delete(&self, account: &str) -> Result<(), KeychainError> {
        windows_credential::delete(&windows_credential::target_name(&self.service, account))
    }
}

/// Generic credentials in the Windows Credential Manager, written with
/// local-machine persistence. The only unsafe code in the core: the API is C.
#[cfg(windows)]
#[allow(unsafe_code)]
mod windows_credential {
    use super::KeychainError;
    use windows_sys::Win32::Foundation::{
        GetLastError, ERROR_NOT_FOUND, ERROR_NO_SUCH_LOGON_SESSION, WIN32_ERROR,
    };
    use windows_sys::Win32::Security::Credentials::{
        CredDeleteW, CredFree, CredReadW, CredWriteW, CREDENTIALW, CRED_PERSIST,
        CRED_PERSIST_LOCAL_MACHINE, CRED_TYPE_GENERIC,
    };
    use zeroize::Zeroizing;

    pub(super) const LOCAL_MACHINE: CRED_PERSIST = CRED_PERSIST_LOCAL_MACHINE;

    /// keyring's naming, so entries written by earlier builds are found.
    pub(super) fn target_name(service: &str, account: &str) -> String {
        format!("{account}.{service}")
    }

    fn wide(s: &str) -> Vec<u16> {
        s.encode_utf16().chain(std::iter::once(0)).collect()
    }

    fn last_error() -> WIN32_ERROR {
        // SAFETY: no arguments; reads the calling thread's last-error value.
        unsafe { GetLastError() }
    }

    fn error(code: WIN32_ERROR) -> KeychainError {
        match code {
            ERROR_NO_SUCH_LOGON_SESSION => KeychainError::NoAccess,
            other => KeychainError::Unavailable(format!("Credential Manager error {other}")),
        }
    }

    /// A credential as read back.
    pub(super) struct Stored {
        pub(super) secret: Zeroizing<Vec<u8>>,
        pub(super) persist: CRED_PERSIST,
    }

    /// The secret and persistence of `target`; `None` when there is no entry.
    pub(super) fn read(target: &str) -> Result<Option<Stored>, KeychainError> {
        let target = wide(target);
        let mut cred: *mut CREDENTIALW = std::ptr::null_mut();
        // SAFETY: `target` is NUL-terminated UTF-16 that outlives the call;
        // on success `cred` points to a buffer the API allocated, freed below.
        if unsafe { CredReadW(target.as_ptr(), CRED_TYPE_GENERIC, 0, &mut cred) } == 0 {
            return match last_error() {
                ERROR_NOT_FOUND => Ok(None),
                code => Err(error(code)),
            };
        }
        // SAFETY: CredReadW succeeded, so `cred` is a valid CREDENTIALW whose
        // blob holds CredentialBlobSize bytes (or is null); both stay valid
        // until CredFree. The blob is zeroed before the buffer is freed.
        unsafe {
            let c = &*cred;
            let len = c.CredentialBlobSize as usize;
            let secret = if c.CredentialBlob.is_null() || len == 0 {
                Zeroizing::new(Vec::new())
            } else {
                let copy =
                    Zeroizing::new(std::slice::from_raw_parts(c.CredentialBlob, len).to_vec());
                std::ptr::write_bytes(c.CredentialBlob, 0, len);
                copy
            };
            let persist = c.Persist;
            CredFree(cred.cast());
            Ok(Some(Stored { secret, persist }))
        }
    }

    /// Creates or replaces `target` with `secret`, persisted on this computer only.
    pub(super) fn write(target: &str, user: &str, secret: &[u8]) -> Result<(), KeychainError> {
        let mut target = wide(target);
        let mut user = wide(user);
        let mut blob = Zeroizing::new(secret.to_vec());
        let credential = CREDENTIALW {
            Type: CRED_TYPE_GENERIC,
            TargetName: target.as_mut_ptr(),
            CredentialBlobSize: u32::try_from(blob.len())
                .map_err(|_| KeychainError::Unavailable("secret too large".into()))?,
            CredentialBlob: blob.as_mut_ptr(),
            Persist: CRED_PERSIST_LOCAL_MACHINE,
            UserName: user.as_mut_ptr(),
            ..Default::default()
        };
        // SAFETY: every pointer in `credential` points into a buffer above
        // that outlives the call; the API copies what it keeps.
        if unsafe { CredWriteW(&credential, 0) } == 0 {
            return Err(error(last_error()));
        }
        Ok(())
    }

    /// Deletes `target`; a missing entry is not an error.
    pub(super) fn delete(target: &str) -> Result<(), KeychainError> {
        let target = wide(target);
        // SAFETY: `target` is NUL-terminated UTF-16 that outlives the call.
        if unsafe { CredDeleteW(target.as_ptr(), CRED_TYPE_GENERIC, 0) } == 0 {
            return match last_error() {
                ERROR_NOT_FOUND => Ok(()),
                code => Err(error(code)),
            };
        }
        Ok(())
    }

    #[cfg(test)]
    mod tests {
        use super::super::{Keychain, OsKeychain};
        use super::*;
        use crate::crypto::SecretKey;
        use windows_sys::Win32::Security::Credentials::CRED_PERSIST_ENTERPRISE;

        struct Cleanup(String);
        impl Drop for Cleanup {
            fn drop(&mut self) {
                let _ = delete(&self.0);
            }
        }

        fn persistence(target: &str) -> CRED_PERSIST {
            read(target)
                .expect("read")
                .expect("the entry exists")
                .persist
        }

        #[test]
        #[ignore = "writes to the Windows Credential Manager; scripts/windows.sh runs it under Wine"]
        fn the_device_key_stays_on_this_computer() {
            let service = format!("{}.test-{}", crate::APP_ID, uuid::Uuid::new_v4().simple());
            let account = uuid::Uuid::new_v4().to_string();
            let target = target_name(&service, &account);
            let _cleanup = Cleanup(target.clone());
            let keychain = OsKeychain::new(&service);
            let key = SecretKey::generate().expect("key");

            keychain.set(&account, &key).expect("set");
            assert_eq!(persistence(&target), CRED_PERSIST_LOCAL_MACHINE);

            // An entry written by keyring (as earlier builds did) roams...
            keyring::Entry::new(&service, &account)
                .expect("keyring entry")
                .set_secret(key.expose())
                .expect("keyring write");
            assert_eq!(persistence(&target), CRED_PERSIST_ENTERPRISE);
            // ...until Confidant reads it: same key, now kept on this computer.
            let read_back = keychain.get(&account).expect("get").expect("entry");
            assert_eq!(read_back.expose(), key.expose());
            assert_eq!(persistence(&target), CRED_PERSIST_LOCAL_MACHINE);

            keychain.delete(&account).expect("delete");
            assert!(read(&target).expect("read").is_none());
            keychain
                .delete(&account)
                .expect("deleting a missing entry is Ok");
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
