//! Key management: a new recovery code, and a new master key.
//!
//! Both start with [`Vault::begin_rekey`], which draws the new recovery code
//! and keeps it in memory only; the user saves the new Emergency Kit and
//! types the code back, and [`Vault::finish_rekey`] then changes everything
//! in **one transaction**:
//!
//! * [`RekeyKind::RecoveryCode`]: the recovery slot is replaced by one
//!   wrapped by the new code. The old code stops opening this vault (and
//!   every copy made from now on); copies made before still open with it.
//! * [`RekeyKind::MasterKey`]: a new master key; every data key is re-wrapped
//!   under it; every key slot is replaced (recovery under the new code, the
//!   device slot under a **new device key**, with the app passcode when one
//!   is set). A copy of the database made before then no longer opens with
//!   anything this computer or the new Emergency Kit holds. The data keys
//!   themselves are not changed (that would re-encrypt every record): see
//!   SECURITY.md for what that means.
//!
//! Erasure ([`crate::subject_access`]) runs its deletions inside the same
//! transaction as a master-key rotation through [`Vault::finish_rekey_with`].
//!
//! The new device key reaches the keychain in two steps so that no crash
//! leaves a vault that cannot open (see `keyslots.rs`, `with_new_device_key`):
//! it is stored under a second keychain entry before the transaction, and
//! moved to the main entry after it commits; unlock tries the second entry
//! when the main one does not open the device slot.

use chrono::{DateTime, Utc};
use rusqlite::Transaction;
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::{random_salt, Vault};
use crate::crypto::{self, SecretKey};
use crate::error::{Error, Result};
use crate::keys::KeyRing;
use crate::recovery::RecoveryCode;
use crate::store;
use crate::store::audit::AuditEvent;
use crate::store::keys::{self as slots, SlotKind};

/// What a key change replaces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum RekeyKind {
    /// A new recovery code (the master key stays).
    RecoveryCode,
    /// A new master key, recovery code and device key.
    MasterKey,
}

/// A key change begun: the new recovery code, shown once.
#[derive(Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RekeyStarted {
    /// What will be replaced.
    pub kind: RekeyKind,
    /// The new recovery code (`ABCD-EFGH-…`), in force once typed back.
    pub recovery_code: String,
}

/// What a finished key change did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RekeyReport {
    /// What was replaced.
    pub kind: RekeyKind,
    /// Data keys re-wrapped under the new master key (0 for a new code).
    pub data_keys_rewrapped: u32,
    /// Data keys that were already damaged and were left as they were.
    pub data_keys_damaged: u32,
    /// When the change was made: backups made before it still open with the
    /// old recovery code.
    pub changed_at: DateTime<Utc>,
}

/// A key change waiting for its code to be typed back (memory only).
pub(super) struct PendingRekey {
    kind: RekeyKind,
    code: RecoveryCode,
    passcode: Option<Zeroizing<String>>,
}

impl PendingRekey {
    pub(super) fn code(&self) -> &RecoveryCode {
        &self.code
    }
}

/// The keys a master-key rotation writes, derived before its transaction.
struct NewKeys {
    master: SecretKey,
    kek: SecretKey,
    /// Argon2id(passcode) keyed with the new device key, and its salt.
    passcode_key: Option<(SecretKey, [u8; super::SALT_LEN])>,
}

impl Vault {
    /// Starts a key change: checks the app passcode (when one is set; a
    /// wrong one counts toward the growing wait), draws the new recovery
    /// code and keeps it in memory. Nothing is written until
    /// [`Vault::finish_rekey`].
    pub fn begin_rekey(
        &mut self,
        kind: RekeyKind,
        passcode: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<RekeyStarted> {
        self.unlocked()?;
        self.attempts.check(now)?;
        match self.verify_current_passcode(passcode) {
            Err(Error::WrongPasscode) => {
                self.attempts.failed(now);
                return Err(Error::WrongPasscode);
            }
            other => other?,
        }
        self.attempts.succeeded();
        let has_passcode = self.has_passcode()?;
        let code = RecoveryCode::generate()?;
        let started = RekeyStarted {
            kind,
            recovery_code: code.as_str().to_string(),
        };
        self.rekey = Some(PendingRekey {
            kind,
            code,
            passcode: passcode
                .filter(|_| has_passcode)
                .map(|p| Zeroizing::new(p.to_string())),
        });
        Ok(started)
    }

    /// Forgets a key change that was begun (nothing was written).
    pub fn cancel_rekey(&mut self) {
        self.rekey = None;
    }

    /// Finishes the key change begun with [`Vault::begin_rekey`] once the
    /// new code is typed back (see the module documentation).
    pub fn finish_rekey(&mut self, typed_code: &str, now: DateTime<Utc>) -> Result<RekeyReport> {
        let kind = self.rekey.as_ref().ok_or(Error::KeyChangeNotStarted)?.kind;
        let event = match kind {
            RekeyKind::RecoveryCode => AuditEvent::RecoveryCodeReplaced,
            RekeyKind::MasterKey => AuditEvent::KeysRotated,
        };
        self.finish_rekey_with(typed_code, kind, (event, ""), now, |_, _| Ok(()))
            .map(|(report, ())| report)
    }

    /// Finishes a pending key change of `kind` with `also` run first in the
    /// same transaction (erasure's deletions), logging `event` with its
    /// detail. On any
    /// failure nothing is changed, the keychain included, and the pending
    /// change stays so it can be tried again.
    pub(crate) fn finish_rekey_with<T>(
        &mut self,
        typed_code: &str,
        kind: RekeyKind,
        event: (AuditEvent, &str),
        now: DateTime<Utc>,
        also: impl FnOnce(&Transaction<'_>, &KeyRing) -> Result<T>,
    ) -> Result<(RekeyReport, T)> {
        self.unlocked()?;
        let pending = self.rekey.as_ref().ok_or(Error::KeyChangeNotStarted)?;
        if pending.kind != kind {
            return Err(Error::KeyChangeNotStarted);
        }
        let typed = RecoveryCode::parse(typed_code)?;
        if !(typed == pending.code) {
            return Err(Error::WrongRecoveryCode);
        }
        let kdf = self.config.kdf;
        let recovery_salt = random_salt()?;
        let recovery_key =
            crypto::derive_key(kdf, &pending.code.kdf_input(), &recovery_salt, None)?;
        let new_keys = match kind {
            RekeyKind::RecoveryCode => None,
            RekeyKind::MasterKey => {
                let kek = SecretKey::generate()?;
                let passcode_key = match &pending.passcode {
                    Some(p) => {
                        let salt = random_salt()?;
                        let key = crypto::derive_key(kdf, p.as_bytes(), &salt, Some(kek.expose()))?;
                        Some((key, salt))
                    }
                    None => None,
                };
                Some(NewKeys {
                    master: SecretKey::generate()?,
                    kek,
                    passcode_key,
                })
            }
        };
        let ring = self.ring.take().ok_or(Error::Locked)?;
        let vault_id = ring.vault_id().to_string();
        let write = |conn: &mut rusqlite::Connection| {
            store::write(conn, |tx| {
                let out = also(tx, &ring)?;
                let mut report = RekeyReport {
                    kind,
                    data_keys_rewrapped: 0,
                    data_keys_damaged: 0,
                    changed_at: now,
                };
                let master = match &new_keys {
                    None => {
                        slots::delete_recovery_slot(tx)?;
                        ring.master()
                    }
                    Some(keys) => {
                        let (done, damaged) = slots::rewrap_data_keys(tx, &ring, &keys.master)?;
                        report.data_keys_rewrapped = done;
                        report.data_keys_damaged = damaged;
                        slots::delete_all_slots(tx)?;
                        match &keys.passcode_key {
                            Some((key, salt)) => slots::insert_slot(
                                tx,
                                &vault_id,
                                SlotKind::DevicePasscode,
                                Some((kdf, salt)),
                                key,
                                &keys.master,
                                now,
                            )?,
                            None => slots::insert_slot(
                                tx,
                                &vault_id,
                                SlotKind::Device,
                                None,
                                &keys.kek,
                                &keys.master,
                                now,
                            )?,
                        }
                        &keys.master
                    }
                };
                slots::insert_slot(
                    tx,
                    &vault_id,
                    SlotKind::Recovery,
                    Some((kdf, &recovery_salt)),
                    &recovery_key,
                    master,
                    now,
                )?;
                store::audit::append(tx, &ring, event.0, event.1, now)?;
                Ok((report, out))
            })
        };
        let result = match &new_keys {
            None => {
                let conn = self.conn.as_mut().ok_or(Error::NoVault);
                conn.and_then(write)
            }
            Some(keys) => self.with_new_device_key(&vault_id, &keys.kek, write),
        };
        let mut ring = ring;
        if result.is_ok() {
            if let Some(keys) = new_keys {
                ring.set_master(keys.master);
            }
            self.rekey = None;
        }
        self.ring = Some(ring);
        let result = result?;
        // Wipe the old slots' page images from the write-ahead log. Best
        // effort: the change is committed, and the next lock checkpoints
        // again.
        if let Some(conn) = &self.conn {
            let _ = store::checkpoint(conn);
        }
        Ok(result)
    }
}
