//! Ways into the vault: unlocking with the keychain (and passcode),
//! recovering with the recovery code, and changing the passcode — each
//! change draws a new device key.

use chrono::{DateTime, Utc};

use super::types::MIN_PASSCODE_CHARS;
use super::{find_slot, keychain_unavailable, load, random_salt, Vault};
use crate::crypto::{self, SecretKey};
use crate::error::{Error, Result};
use crate::keychain::KeychainError;
use crate::keys::KeyRing;
use crate::recovery::RecoveryCode;
use crate::store;
use crate::store::audit::AuditEvent;
use crate::store::keys::{self as slots, SlotKind};
use crate::validate::PASSCODE_MAX_BYTES;

impl Vault {
    // ----- unlock / lock / recover ------------------------------------------

    /// Unlocks with the device key from the OS keychain (and the passcode
    /// when one is set). A missing keychain entry moves the vault to
    /// [`VaultState::RecoveryNeeded`]; it never creates anything.
    pub fn unlock(&mut self, passcode: Option<&str>, now: DateTime<Utc>) -> Result<()> {
        if self.ring.is_some() {
            return Ok(());
        }
        let (conn, vault_id) = self.require_vault()?;
        let all = slots::slots(conn)?;
        let kek = match self.keychain.get(vault_id) {
            Ok(Some(k)) => k,
            Ok(None) | Err(KeychainError::Malformed) => {
                // A key change that committed just before a crash may have
                // left the new key only in the second entry.
                let passcode = passcode.filter(|p| !p.is_empty());
                match self.unlock_with_next_key(vault_id, &all, passcode) {
                    Some(master) => {
                        let (ring, idle) = load(conn, vault_id, master)?;
                        self.attempts.succeeded();
                        self.adopt_ring(ring, idle, now);
                        return Ok(());
                    }
                    None => {
                        self.recovery_needed = true;
                        return Err(Error::RecoveryNeeded);
                    }
                }
            }
            Err(e) => return Err(keychain_unavailable(e)),
        };
        let master = if let Some(slot) = find_slot(&all, SlotKind::DevicePasscode) {
            let passcode = passcode
                .filter(|p| !p.is_empty())
                .ok_or(Error::PasscodeRequired)?;
            check_passcode_len(passcode)?;
            self.attempts.check(now)?;
            match unwrap_passcode_slot(vault_id, slot, &kek, passcode) {
                Ok(master) => master,
                Err(Error::WrongPasscode) => {
                    match self.unlock_with_next_key(vault_id, &all, Some(passcode)) {
                        Some(master) => master,
                        None => {
                            self.attempts.failed(now);
                            return Err(Error::WrongPasscode);
                        }
                    }
                }
                Err(e) => return Err(e),
            }
        } else if let Some(slot) = find_slot(&all, SlotKind::Device) {
            match slot.unwrap(vault_id, &kek) {
                Ok(m) => m,
                Err(_) => match self.unlock_with_next_key(vault_id, &all, None) {
                    Some(master) => master,
                    None => {
                        self.recovery_needed = true;
                        return Err(Error::RecoveryNeeded);
                    }
                },
            }
        } else {
            self.recovery_needed = true;
            return Err(Error::RecoveryNeeded);
        };
        let (ring, idle) = load(conn, vault_id, master)?;
        // Best effort: a log that cannot be written (a full disk) or is
        // damaged must not keep the owner out; the log view reports damage.
        if let Some(conn) = self.conn.as_mut() {
            let written = store::write(conn, |tx| {
                store::audit::append(tx, &ring, AuditEvent::Unlocked, "", now)
            });
            // Keep the write-ahead log empty at rest, as lock leaves it.
            if written.is_ok() {
                let _ = store::checkpoint(conn);
            }
        }
        self.attempts.succeeded();
        self.adopt_ring(ring, idle, now);
        Ok(())
    }

    /// Unlocks with the recovery code and enrols this device: a new device
    /// key goes into the keychain and replaces the device slot (an old
    /// passcode slot is removed, since it was bound to the old device key).
    pub fn recover(&mut self, typed_code: &str, now: DateTime<Utc>) -> Result<()> {
        let code = RecoveryCode::parse(typed_code)?;
        self.attempts.check(now)?;
        let (conn, vault_id) = self.require_vault()?;
        let vault_id = vault_id.to_string();
        let master = match unwrap_recovery_slot(conn, &vault_id, &code) {
            Ok(master) => master,
            Err(Error::WrongRecoveryCode) => {
                self.attempts.failed(now);
                return Err(Error::WrongRecoveryCode);
            }
            Err(e) => return Err(e),
        };
        // Check the data keys open before touching the keychain.
        let (ring, idle) = load(conn, &vault_id, master)?;
        self.replace_device_key(&ring, None, AuditEvent::RecoveryUsed, now)?;
        self.attempts.succeeded();
        self.adopt_ring(ring, idle, now);
        Ok(())
    }

    /// Draws a new device key and replaces the device slot(s) with one
    /// wrapped by it (and by `passcode` through Argon2id when given), in one
    /// transaction; then wipes the old slot's page images from the
    /// write-ahead log. A copy of the database taken before this call no
    /// longer opens with the keychain's key.
    fn replace_device_key(
        &mut self,
        ring: &KeyRing,
        passcode: Option<&str>,
        event: AuditEvent,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let vault_id = ring.vault_id().to_string();
        let kdf = self.config.kdf;
        let kek = SecretKey::generate()?;
        let wrapping = match passcode {
            Some(p) => {
                let salt = random_salt()?;
                let key = crypto::derive_key(kdf, p.as_bytes(), &salt, Some(kek.expose()))?;
                Some((key, salt))
            }
            None => None,
        };
        self.with_new_device_key(&vault_id, &kek, |conn| {
            store::write(conn, |tx| {
                slots::delete_device_slots(tx)?;
                store::audit::append(tx, ring, event, "", now)?;
                match &wrapping {
                    Some((key, salt)) => slots::insert_slot(
                        tx,
                        &vault_id,
                        SlotKind::DevicePasscode,
                        Some((kdf, salt)),
                        key,
                        ring.master(),
                        now,
                    ),
                    None => slots::insert_slot(
                        tx,
                        &vault_id,
                        SlotKind::Device,
                        None,
                        &kek,
                        ring.master(),
                        now,
                    ),
                }
            })
        })?;
        if let Some(conn) = &self.conn {
            store::checkpoint(conn)?;
        }
        Ok(())
    }

    /// Runs `write` (the transaction that makes `kek` the device key) so
    /// that no crash leaves the vault unopenable: `kek` goes to the
    /// keychain's second entry first; once `write` commits it moves to the
    /// main entry. A crash before the commit leaves the main entry as the
    /// database expects; a crash after it leaves the new key in the second
    /// entry, which unlock tries and moves (see [`Vault::unlock`]). If
    /// `write` fails, the second entry is removed and nothing changed.
    pub(super) fn with_new_device_key<T>(
        &mut self,
        vault_id: &str,
        kek: &SecretKey,
        write: impl FnOnce(&mut rusqlite::Connection) -> Result<T>,
    ) -> Result<T> {
        let next = next_account(vault_id);
        self.keychain
            .set(&next, kek)
            .map_err(keychain_unavailable)?;
        let conn = self.conn.as_mut().ok_or(Error::NoVault);
        match conn.and_then(write) {
            Ok(out) => {
                // Committed. If moving the key fails, unlock finds it in
                // the second entry and moves it then.
                if self.keychain.set(vault_id, kek).is_ok() {
                    let _ = self.keychain.delete(&next);
                }
                Ok(out)
            }
            Err(e) => {
                let _ = self.keychain.delete(&next);
                Err(e)
            }
        }
    }

    /// After a key change committed but before its new device key reached
    /// the keychain's main entry (a crash in between): the second entry's
    /// key, if it opens the device slot, is moved to the main entry.
    fn unlock_with_next_key(
        &self,
        vault_id: &str,
        all: &[slots::Slot],
        passcode: Option<&str>,
    ) -> Option<SecretKey> {
        let next = next_account(vault_id);
        let kek = self.keychain.get(&next).ok().flatten()?;
        let master = if let Some(slot) = find_slot(all, SlotKind::DevicePasscode) {
            unwrap_passcode_slot(vault_id, slot, &kek, passcode?).ok()?
        } else {
            find_slot(all, SlotKind::Device)?
                .unwrap(vault_id, &kek)
                .ok()?
        };
        if self.keychain.set(vault_id, &kek).is_ok() {
            let _ = self.keychain.delete(&next);
        }
        Some(master)
    }

    // ----- passcode ----------------------------------------------------------

    /// Sets or changes the app passcode. `current` is required when a
    /// passcode is already set. A new device key is drawn every time.
    pub fn set_passcode(
        &mut self,
        current: Option<&str>,
        new_passcode: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        check_passcode_len(new_passcode)?;
        if new_passcode.chars().count() < MIN_PASSCODE_CHARS {
            return Err(Error::InvalidInput(format!(
                "A passcode needs at least {MIN_PASSCODE_CHARS} characters."
            )));
        }
        self.verify_current_passcode(current)?;
        self.with_ring(|vault, ring| {
            vault.replace_device_key(ring, Some(new_passcode), AuditEvent::PasscodeSet, now)
        })
    }

    /// Removes the app passcode (unlocking then needs only the keychain). A
    /// new device key is drawn.
    pub fn remove_passcode(&mut self, current: &str, now: DateTime<Utc>) -> Result<()> {
        if !self.has_passcode()? {
            return Err(Error::InvalidInput("No app passcode is set.".into()));
        }
        self.verify_current_passcode(Some(current))?;
        self.with_ring(|vault, ring| {
            vault.replace_device_key(ring, None, AuditEvent::PasscodeRemoved, now)
        })
    }

    /// Runs `f` with the key ring taken out of the vault for the call.
    fn with_ring(&mut self, f: impl FnOnce(&mut Vault, &KeyRing) -> Result<()>) -> Result<()> {
        self.unlocked()?;
        let ring = self.ring.take().ok_or(Error::Locked)?;
        let result = f(self, &ring);
        self.ring = Some(ring);
        result
    }

    /// Reads the device KEK and, when a passcode is set, checks `current`.
    pub(super) fn verify_current_passcode(&mut self, current: Option<&str>) -> Result<()> {
        let has_passcode = self.has_passcode()?;
        let vault_id = self.unlocked()?.ring.vault_id().to_string();
        let kek = match self.keychain.get(&vault_id) {
            Ok(Some(k)) => k,
            Ok(None) | Err(KeychainError::Malformed) => return Err(Error::RecoveryNeeded),
            Err(e) => return Err(keychain_unavailable(e)),
        };
        if has_passcode {
            let current = current
                .filter(|c| !c.is_empty())
                .ok_or(Error::PasscodeRequired)?;
            check_passcode_len(current)?;
            let all = slots::slots(self.unlocked()?.conn)?;
            let slot = find_slot(&all, SlotKind::DevicePasscode)
                .ok_or_else(|| Error::Integrity("The passcode key slot".into()))?;
            unwrap_passcode_slot(&vault_id, slot, &kek, current)?;
        }
        Ok(())
    }
}

/// Opens the master key with the recovery code (one Argon2id derivation).
/// A code that does not open the recovery slot is
/// [`Error::WrongRecoveryCode`].
pub(super) fn unwrap_recovery_slot(
    conn: &rusqlite::Connection,
    vault_id: &str,
    code: &RecoveryCode,
) -> Result<SecretKey> {
    let all = slots::slots(conn)?;
    let slot = find_slot(&all, SlotKind::Recovery)
        .ok_or_else(|| Error::Integrity("The recovery key slot".into()))?;
    let (kdf, salt) = slot.kdf()?;
    let recovery_key = crypto::derive_key(kdf, &code.kdf_input(), salt, None)?;
    slot.unwrap(vault_id, &recovery_key).map_err(|e| match e {
        Error::Integrity(_) => Error::WrongRecoveryCode,
        other => other,
    })
}

fn check_passcode_len(passcode: &str) -> Result<()> {
    if passcode.len() > PASSCODE_MAX_BYTES {
        return Err(Error::TooLarge {
            what: "The passcode",
            size: passcode.len(),
            limit: PASSCODE_MAX_BYTES,
        });
    }
    Ok(())
}
fn unwrap_passcode_slot(
    vault_id: &str,
    slot: &slots::Slot,
    kek: &SecretKey,
    passcode: &str,
) -> Result<SecretKey> {
    let (kdf, salt) = slot.kdf()?;
    let key = crypto::derive_key(kdf, passcode.as_bytes(), salt, Some(kek.expose()))?;
    slot.unwrap(vault_id, &key).map_err(|e| match e {
        Error::Integrity(_) => Error::WrongPasscode,
        other => other,
    })
}

/// The keychain entry that holds a new device key while the transaction
/// that starts using it runs (see [`Vault::with_new_device_key`]).
fn next_account(vault_id: &str) -> String {
    format!("{vault_id}.next")
}
