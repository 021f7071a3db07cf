//! The vault: key hierarchy, key slots and the lock.
//!
//! ```text
//! device KEK (OS keychain) ──┐
//! passcode + KEK (Argon2id) ─┼─ unwraps ─▶ master key ─ unwraps ─▶ data keys ─ seal ─▶ records
//! recovery code (Argon2id) ──┘
//! ```
//!
//! A [`Vault`] owns the database connection and, while unlocked, a
//! [`KeyRing`] (the master key and the data keys) plus the decrypted caches
//! the domain modules keep ([`Caches`]). [`Vault::lock`] drops both (keys
//! zeroize on drop) and wipes the write-ahead log. This module names no
//! domain type: the journal, people, agreements, schedule and settings
//! modules reach the database and keys through [`Vault::unlocked`].

mod keyslots;
mod rekey;
mod restore;
mod setup;
mod types;

use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, Utc};
use rusqlite::Connection;

use crate::crypto::{self, SecretKey};
use crate::error::{Error, Result};
use crate::keychain::{Keychain, KeychainError};
use crate::keys::KeyRing;
use crate::store::keys::{self as slots, SlotKind};
use crate::store::{self, DB_FILE};
use crate::validate::{AUTO_LOCK_MAX, AUTO_LOCK_MIN};

pub use rekey::{RekeyKind, RekeyReport, RekeyStarted};
pub use restore::{
    BackupInfo, Restored, StagedBackup, BACKUP_EXTENSION, BACKUP_MAX_BYTES, REPLACED_FOLDER,
};
pub use types::{
    AppStatus, Caches, Role, SetupStarted, Unlocked, VaultConfig, VaultState, AUTO_LOCK_RANGE,
    DEFAULT_AUTO_LOCK_MINUTES, MIN_PASSCODE_CHARS,
};
use types::{Damage, LockSettings, PendingSetup};

const SALT_LEN: usize = 16;

/// The vault: database connection, key slots and lock state.
pub struct Vault {
    data_dir: PathBuf,
    config: VaultConfig,
    keychain: Box<dyn Keychain>,
    conn: Option<Connection>,
    vault_id: Option<String>,
    damage: Option<Damage>,
    recovery_needed: bool,
    pending: Option<PendingSetup>,
    /// A key change begun, waiting for its new code to be typed back.
    rekey: Option<rekey::PendingRekey>,
    ring: Option<KeyRing>,
    caches: Caches,
    idle_limit_minutes: u32,
    last_activity: DateTime<Utc>,
    /// Counts unlocks, so work started in one unlocked session (a search
    /// index built in the background) is never installed in another.
    epoch: u64,
    /// Wrong recovery codes or passcodes in a row, and when the next try
    /// is accepted (in memory only; see `keyslots.rs`).
    attempts: types::Attempts,
}

impl std::fmt::Debug for Vault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Vault")
            .field("data_dir", &self.data_dir)
            .field("state", &self.state())
            .finish_non_exhaustive()
    }
}

impl Vault {
    /// Opens the vault in `data_dir` (creating the folder, never a vault).
    /// A damaged or too-new database puts the vault in [`VaultState::Damaged`]
    /// and leaves the file untouched.
    pub fn open(
        data_dir: impl Into<PathBuf>,
        keychain: Box<dyn Keychain>,
        config: VaultConfig,
        now: DateTime<Utc>,
    ) -> Result<Vault> {
        let data_dir = data_dir.into();
        std::fs::create_dir_all(&data_dir)?;
        restrict_permissions(&data_dir);
        let mut vault = Vault {
            data_dir,
            config,
            keychain,
            conn: None,
            vault_id: None,
            damage: None,
            recovery_needed: false,
            pending: None,
            rekey: None,
            ring: None,
            caches: Caches::default(),
            idle_limit_minutes: DEFAULT_AUTO_LOCK_MINUTES,
            last_activity: now,
            epoch: 0,
            attempts: types::Attempts::default(),
        };
        let path = vault.db_path();
        if path.exists() {
            match store::open(&path, false).and_then(|c| slots::vault_id(&c).map(|id| (c, id))) {
                Ok((conn, id)) => {
                    vault.conn = Some(conn);
                    vault.vault_id = id;
                }
                Err(e) => vault.damage = Some(Damage::from_error(e)),
            }
        }
        Ok(vault)
    }

    /// The database file path.
    pub fn db_path(&self) -> PathBuf {
        self.data_dir.join(DB_FILE)
    }

    /// The data folder.
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// The current state.
    pub fn state(&self) -> VaultState {
        if self.damage.is_some() {
            VaultState::Damaged
        } else if self.vault_id.is_none() {
            VaultState::NoVault
        } else if self.ring.is_some() {
            VaultState::Unlocked
        } else if self.recovery_needed {
            VaultState::RecoveryNeeded
        } else {
            VaultState::Locked
        }
    }

    /// The state and what the UI needs to pick a screen.
    pub fn status(&self) -> AppStatus {
        let state = self.state();
        let message = match (&self.damage, state) {
            (Some(d), _) => Some(d.to_error().to_string()),
            (None, VaultState::RecoveryNeeded) => Some(Error::RecoveryNeeded.to_string()),
            _ => None,
        };
        AppStatus {
            state,
            needs_passcode: self.has_passcode().unwrap_or(false),
            message,
            data_dir: self.data_dir.display().to_string(),
        }
    }

    /// Whether unlocking needs an app passcode.
    pub fn has_passcode(&self) -> Result<bool> {
        match &self.conn {
            Some(conn) => slots::has_passcode(conn),
            None => Ok(false),
        }
    }

    fn require_vault(&self) -> Result<(&Connection, &str)> {
        if let Some(d) = &self.damage {
            return Err(d.to_error());
        }
        match (&self.conn, &self.vault_id) {
            (Some(c), Some(id)) => Ok((c, id.as_str())),
            _ => Err(Error::NoVault),
        }
    }

    fn adopt_ring(&mut self, ring: KeyRing, idle_limit_minutes: u32, now: DateTime<Utc>) {
        self.ring = Some(ring);
        self.epoch += 1;
        self.caches.clear();
        self.idle_limit_minutes = idle_limit_minutes;
        self.recovery_needed = false;
        self.last_activity = now;
    }

    /// Locks: drops the master key, data keys and decrypted caches (all
    /// zeroize on drop), and wipes the write-ahead log. Later calls answer
    /// [`Error::Locked`].
    pub fn lock(&mut self) {
        self.ring = None;
        self.caches.clear();
        self.pending = None;
        self.rekey = None;
        if let Some(conn) = &self.conn {
            // Best effort: locking must not fail; the next lock, delete or
            // key change checkpoints again.
            let _ = store::checkpoint(conn);
        }
    }

    /// Where the vault's data stands: the unlocked session (counted up at
    /// each unlock) and the rows changed on its connection so far (every
    /// insert, update and delete counts, committed or not). Two equal
    /// generations mean nothing was written in between; the in-memory
    /// search index compares them to know when it is stale.
    pub fn generation(&self) -> (u64, u64) {
        let changes = self.conn.as_ref().map_or(0, Connection::total_changes);
        (self.epoch, changes)
    }

    /// Records user activity for auto-lock.
    pub fn touch(&mut self, now: DateTime<Utc>) {
        if now > self.last_activity {
            self.last_activity = now;
        }
    }

    /// The idle minutes before auto-lock, as last read or set.
    pub fn idle_limit_minutes(&self) -> u32 {
        self.idle_limit_minutes
    }

    /// Records a new auto-lock delay (the settings module stores it).
    pub(crate) fn set_idle_limit(&mut self, minutes: u32) {
        self.idle_limit_minutes = minutes;
    }

    /// Locks when idle for longer than the auto-lock delay. Returns true when
    /// it locked.
    pub fn lock_if_idle(&mut self, now: DateTime<Utc>) -> bool {
        if self.ring.is_none() {
            return false;
        }
        let limit = Duration::minutes(i64::from(self.idle_limit_minutes));
        if now - self.last_activity >= limit {
            self.lock();
            true
        } else {
            false
        }
    }

    /// The connection, keys and caches of an unlocked vault, or
    /// [`Error::Locked`] / [`Error::NoVault`] / the damage.
    pub fn unlocked(&mut self) -> Result<Unlocked<'_>> {
        if let Some(d) = &self.damage {
            return Err(d.to_error());
        }
        match (&mut self.conn, &mut self.ring) {
            (Some(conn), Some(ring)) => Ok(Unlocked {
                conn,
                ring,
                caches: &mut self.caches,
            }),
            (None, _) => Err(Error::NoVault),
            (Some(_), None) => Err(Error::Locked),
        }
    }

    /// The connection, and the keys when unlocked, for the backup module:
    /// a backup copies sealed bytes, so it needs no key and works locked.
    pub(crate) fn for_backup(&self) -> Result<(&Connection, Option<&KeyRing>)> {
        let (conn, _) = self.require_vault()?;
        Ok((conn, self.ring.as_ref()))
    }

    /// `Ok` when the vault is unlocked; otherwise the error
    /// [`Vault::unlocked`] gives. Commands that read a file the user chose
    /// call this before reading anything.
    pub fn ensure_unlocked(&mut self) -> Result<()> {
        self.unlocked().map(|_| ())
    }
}

// ----- helpers ---------------------------------------------------------------

/// Opens every data key and reads the auto-lock delay.
fn load(conn: &Connection, vault_id: &str, master: SecretKey) -> Result<(KeyRing, u32)> {
    let ring = slots::load_ring(conn, vault_id, master)?;
    let settings: LockSettings = store::settings::read(conn, &ring)?;
    let idle = settings
        .auto_lock_minutes
        .clamp(AUTO_LOCK_MIN, AUTO_LOCK_MAX);
    Ok((ring, idle))
}

fn find_slot(all: &[slots::Slot], kind: SlotKind) -> Option<&slots::Slot> {
    all.iter().find(|s| s.kind == Some(kind))
}
fn keychain_unavailable(e: KeychainError) -> Error {
    Error::KeychainUnavailable(e.to_string())
}

fn random_salt() -> Result<[u8; SALT_LEN]> {
    let mut salt = [0u8; SALT_LEN];
    crypto::fill_random(&mut salt)?;
    Ok(salt)
}
/// Owner-only permissions on Unix for the data folder and database.
fn restrict_permissions(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = if path.is_dir() { 0o700 } else { 0o600 };
        let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode));
    }
    #[cfg(not(unix))]
    let _ = path;
}
