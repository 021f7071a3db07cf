//! Onboarding: the recovery code, the Emergency Kit, and creating the vault.

use std::path::Path;

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use uuid::Uuid;
use zeroize::Zeroizing;

use super::types::{LockSettings, PendingSetup, Role, SetupStarted, DEFAULT_AUTO_LOCK_MINUTES};
use super::{keychain_unavailable, random_salt, restrict_permissions, Vault};
use crate::crypto::{self, SecretKey};
use crate::error::{Error, Result};
use crate::keys::{KeyRing, Scope};
use crate::recovery::{self, RecoveryCode};
use crate::store;
use crate::store::keys::{self as slots, SlotKind};

impl Vault {
    // ----- setup -----------------------------------------------------------

    /// Starts onboarding: draws the recovery code and keeps it in memory.
    /// Nothing is written until [`Vault::confirm_setup`].
    pub fn begin_setup(&mut self, roles: &[Role]) -> Result<SetupStarted> {
        if let Some(d) = &self.damage {
            return Err(d.to_error());
        }
        if self.vault_id.is_some() {
            return Err(Error::VaultExists);
        }
        let roles = normalise_roles(roles)?;
        let code = RecoveryCode::generate()?;
        let started = SetupStarted {
            recovery_code: code.as_str().to_string(),
        };
        self.pending = Some(PendingSetup { roles, code });
        Ok(started)
    }

    /// The Emergency Kit text of the pending setup or key change (the only
    /// place the recovery code is ever written out, to a file the user
    /// chooses).
    pub fn emergency_kit_text(&self, now: DateTime<Utc>) -> Result<Zeroizing<String>> {
        let code = match (&self.pending, &self.rekey) {
            (Some(setup), _) => &setup.code,
            (None, Some(rekey)) => rekey.code(),
            (None, None) => return Err(Error::SetupNotStarted),
        };
        Ok(recovery::emergency_kit_text(
            code,
            &now.format("%Y-%m-%d").to_string(),
        ))
    }

    /// Writes the Emergency Kit for the pending setup or key change to `path` (a file the
    /// user chose in a dialog the app opened), owner-only and atomically.
    pub fn save_emergency_kit(&self, path: &Path, now: DateTime<Utc>) -> Result<()> {
        if !path.is_absolute() || path.file_name().is_none() {
            return Err(Error::InvalidInput(
                "Choose a file to save the Emergency Kit to.".into(),
            ));
        }
        let text = self.emergency_kit_text(now)?;
        crate::files::write_private_atomic(path, text.as_bytes())?;
        Ok(())
    }

    /// Forgets a pending setup.
    pub fn cancel_setup(&mut self) {
        self.pending = None;
    }

    /// Finishes onboarding once the user has typed the recovery code back:
    /// stores the device key in the keychain and creates the vault in one
    /// transaction. On any failure nothing is left behind.
    pub fn confirm_setup(&mut self, typed_code: &str, now: DateTime<Utc>) -> Result<()> {
        if self.vault_id.is_some() {
            return Err(Error::VaultExists);
        }
        let pending = self.pending.as_ref().ok_or(Error::SetupNotStarted)?;
        let typed = RecoveryCode::parse(typed_code)?;
        if !(typed == pending.code) {
            return Err(Error::WrongRecoveryCode);
        }
        if let Some(d) = &self.damage {
            return Err(d.to_error());
        }

        let vault_id = Uuid::new_v4().to_string();
        let kek = SecretKey::generate()?;
        let recovery_salt = random_salt()?;
        let recovery_key = crypto::derive_key(
            self.config.kdf,
            &pending.code.kdf_input(),
            &recovery_salt,
            None,
        )?;
        let mut ring = KeyRing::new(&vault_id, SecretKey::generate()?);
        let (vault_key, journal_key) = (Uuid::new_v4(), Uuid::new_v4());
        ring.adopt(vault_key, SecretKey::generate()?, Some(Scope::Vault), None);
        ring.adopt(
            journal_key,
            SecretKey::generate()?,
            Some(Scope::Journal),
            None,
        );
        let settings = LockSettings {
            roles: pending.roles.clone(),
            auto_lock_minutes: DEFAULT_AUTO_LOCK_MINUTES,
        };
        let kdf = self.config.kdf;

        self.keychain
            .set(&vault_id, &kek)
            .map_err(keychain_unavailable)?;

        let written = (|| -> Result<Connection> {
            let mut conn = match self.conn.take() {
                Some(c) => c,
                None => store::open(&self.db_path(), true)?,
            };
            let result = store::write(&mut conn, |tx| {
                let master = ring.master();
                slots::insert_vault(tx, &vault_id, now)?;
                slots::insert_slot(tx, &vault_id, SlotKind::Device, None, &kek, master, now)?;
                slots::insert_slot(
                    tx,
                    &vault_id,
                    SlotKind::Recovery,
                    Some((kdf, &recovery_salt)),
                    &recovery_key,
                    master,
                    now,
                )?;
                for (scope, id) in [(Scope::Vault, vault_key), (Scope::Journal, journal_key)] {
                    let key = ring.key(id, "A new data key")?;
                    slots::insert_data_key(tx, &ring, scope.as_str(), None, (id, key), now)?;
                }
                store::settings::write(tx, &ring, &settings, now)?;
                store::audit::append(tx, &ring, store::audit::AuditEvent::VaultCreated, "", now)
            });
            match result {
                Ok(()) => Ok(conn),
                Err(e) => {
                    self.conn = Some(conn);
                    Err(e)
                }
            }
        })();
        let conn = match written {
            Ok(c) => c,
            Err(e) => {
                // Best effort: do not leave an orphan key in the keychain.
                let _ = self.keychain.delete(&vault_id);
                return Err(e);
            }
        };
        restrict_permissions(&self.db_path());

        self.ring = Some(ring);
        self.epoch += 1;
        self.caches.clear();
        self.idle_limit_minutes = settings.auto_lock_minutes;
        self.conn = Some(conn);
        self.vault_id = Some(vault_id);
        self.pending = None;
        self.recovery_needed = false;
        self.last_activity = now;
        Ok(())
    }
}

fn normalise_roles(roles: &[Role]) -> Result<Vec<Role>> {
    let mut out = Vec::new();
    for r in [Role::Supervisor, Role::Supervisee] {
        if roles.contains(&r) {
            out.push(r);
        }
    }
    if out.is_empty() {
        return Err(Error::InvalidInput(
            "Choose at least one role: supervisor, supervisee, or both.".into(),
        ));
    }
    Ok(out)
}
