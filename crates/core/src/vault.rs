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

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use zeroize::Zeroizing;

use crate::crypto::{self, KdfParams, SecretKey};
use crate::error::{Error, Result};
use crate::keychain::{Keychain, KeychainError};
use crate::keys::{KeyRing, Scope};
use crate::recovery::{self, RecoveryCode};
use crate::store::keys::{self as slots, SlotKind};
use crate::store::{self, DB_FILE};
use crate::validate::{AUTO_LOCK_MAX, AUTO_LOCK_MIN, PASSCODE_MAX_BYTES, PASSCODE_MIN_CHARS};

/// Default idle time before auto-lock.
pub const DEFAULT_AUTO_LOCK_MINUTES: u32 = 5;
/// Bounds for the auto-lock setting.
pub const AUTO_LOCK_RANGE: std::ops::RangeInclusive<u32> = AUTO_LOCK_MIN..=AUTO_LOCK_MAX;
/// Shortest app passcode accepted (in characters).
pub const MIN_PASSCODE_CHARS: usize = PASSCODE_MIN_CHARS;
const SALT_LEN: usize = 16;

/// Which side(s) of supervision the vault owner works on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Supervises others.
    Supervisor,
    /// Receives supervision.
    Supervisee,
}

/// What the app should show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum VaultState {
    /// No vault yet: onboarding.
    NoVault,
    /// A vault exists and is locked.
    Locked,
    /// Keys are in memory.
    Unlocked,
    /// The keychain entry is missing: ask for the recovery code.
    RecoveryNeeded,
    /// The database cannot be opened (damaged or from a newer version).
    Damaged,
}

/// The state plus what the UI needs to choose a screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AppStatus {
    /// Current state.
    pub state: VaultState,
    /// Unlocking needs the app passcode as well as the keychain.
    pub needs_passcode: bool,
    /// Plain-language detail (why the vault is damaged, for instance).
    pub message: Option<String>,
    /// The data folder, so the user knows where the vault lives.
    pub data_dir: String,
}

/// The recovery code, shown once during setup.
#[derive(Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SetupStarted {
    /// Canonical recovery code (`ABCD-EFGH-…`).
    pub recovery_code: String,
}

/// The part of the sealed settings record the vault itself writes at setup
/// and reads at unlock. The settings module owns the whole record; serde
/// ignores the fields this view does not name.
#[derive(Serialize, Deserialize)]
struct LockSettings {
    roles: Vec<Role>,
    auto_lock_minutes: u32,
}

/// Tunables of a vault (tests lower the KDF cost).
#[derive(Debug, Clone, Copy)]
pub struct VaultConfig {
    /// Argon2id parameters for new recovery and passcode slots.
    pub kdf: KdfParams,
}

impl Default for VaultConfig {
    fn default() -> Self {
        VaultConfig {
            kdf: KdfParams::DEFAULT,
        }
    }
}

#[derive(Debug, Clone)]
enum Damage {
    Corrupt(String),
    TooNew { found: i64, supported: i64 },
    Unreadable(String),
}

impl Damage {
    fn from_error(err: Error) -> Damage {
        match err {
            Error::SchemaTooNew { found, supported } => Damage::TooNew { found, supported },
            Error::CorruptDatabase(m) => Damage::Corrupt(m),
            other => Damage::Unreadable(other.to_string()),
        }
    }

    fn to_error(&self) -> Error {
        match self {
            Damage::Corrupt(m) => Error::CorruptDatabase(m.clone()),
            Damage::TooNew { found, supported } => Error::SchemaTooNew {
                found: *found,
                supported: *supported,
            },
            Damage::Unreadable(m) => Error::CorruptDatabase(m.clone()),
        }
    }
}

struct PendingSetup {
    roles: Vec<Role>,
    code: RecoveryCode,
}

/// Decrypted data the domain modules keep in memory while unlocked (a search
/// index, for instance), one value per type. [`Vault::lock`] drops them all.
#[derive(Default)]
pub struct Caches(HashMap<TypeId, Box<dyn Any + Send>>);

impl Caches {
    /// The cached value of type `T`, if any.
    pub fn get_mut<T: Any + Send>(&mut self) -> Option<&mut T> {
        self.0
            .get_mut(&TypeId::of::<T>())
            .and_then(|b| b.downcast_mut::<T>())
    }

    /// Stores (or replaces) the value of type `T`.
    pub fn insert<T: Any + Send>(&mut self, value: T) -> &mut T {
        self.0.insert(TypeId::of::<T>(), Box::new(value));
        self.get_mut::<T>().expect("just inserted")
    }

    fn clear(&mut self) {
        self.0.clear();
    }
}

/// An unlocked vault as the domain modules see it: the connection, the key
/// ring, and the caches.
pub struct Unlocked<'a> {
    /// The database connection.
    pub(crate) conn: &'a mut Connection,
    /// Master and data keys.
    pub(crate) ring: &'a mut KeyRing,
    /// Decrypted caches, dropped on lock.
    pub(crate) caches: &'a mut Caches,
}

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
    ring: Option<KeyRing>,
    caches: Caches,
    idle_limit_minutes: u32,
    last_activity: DateTime<Utc>,
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
            ring: None,
            caches: Caches::default(),
            idle_limit_minutes: DEFAULT_AUTO_LOCK_MINUTES,
            last_activity: now,
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

    /// The Emergency Kit text of the pending setup (the only place the
    /// recovery code is ever written out, to a file the user chooses).
    pub fn emergency_kit_text(&self, now: DateTime<Utc>) -> Result<Zeroizing<String>> {
        let pending = self.pending.as_ref().ok_or(Error::SetupNotStarted)?;
        Ok(recovery::emergency_kit_text(
            &pending.code,
            &now.format("%Y-%m-%d").to_string(),
        ))
    }

    /// Writes the Emergency Kit for the pending setup to `path` (a file the
    /// user chose in a dialog the app opened), owner-only and atomically.
    pub fn save_emergency_kit(&self, path: &Path, now: DateTime<Utc>) -> Result<()> {
        if !path.is_absolute() || path.file_name().is_none() {
            return Err(Error::InvalidInput(
                "Choose a file to save the Emergency Kit to.".into(),
            ));
        }
        let text = self.emergency_kit_text(now)?;
        std::fs::write(path, text.as_bytes())?;
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
                store::settings::write(tx, &ring, &settings, now)
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
        self.caches.clear();
        self.idle_limit_minutes = settings.auto_lock_minutes;
        self.conn = Some(conn);
        self.vault_id = Some(vault_id);
        self.pending = None;
        self.recovery_needed = false;
        self.last_activity = now;
        Ok(())
    }

    // ----- unlock / lock / recover ------------------------------------------

    /// Unlocks with the device key from the OS keychain (and the passcode
    /// when one is set). A missing keychain entry moves the vault to
    /// [`VaultState::RecoveryNeeded`]; it never creates anything.
    pub fn unlock(&mut self, passcode: Option<&str>, now: DateTime<Utc>) -> Result<()> {
        if self.ring.is_some() {
            return Ok(());
        }
        let (conn, vault_id) = self.require_vault()?;
        let kek = match self.keychain.get(vault_id) {
            Ok(Some(k)) => k,
            Ok(None) | Err(KeychainError::Malformed) => {
                self.recovery_needed = true;
                return Err(Error::RecoveryNeeded);
            }
            Err(e) => return Err(keychain_unavailable(e)),
        };
        let all = slots::slots(conn)?;
        let master = if let Some(slot) = find_slot(&all, SlotKind::DevicePasscode) {
            let passcode = passcode
                .filter(|p| !p.is_empty())
                .ok_or(Error::PasscodeRequired)?;
            check_passcode_len(passcode)?;
            unwrap_passcode_slot(vault_id, slot, &kek, passcode)?
        } else if let Some(slot) = find_slot(&all, SlotKind::Device) {
            match slot.unwrap(vault_id, &kek) {
                Ok(m) => m,
                Err(_) => {
                    self.recovery_needed = true;
                    return Err(Error::RecoveryNeeded);
                }
            }
        } else {
            self.recovery_needed = true;
            return Err(Error::RecoveryNeeded);
        };
        let (ring, idle) = load(conn, vault_id, master)?;
        self.adopt_ring(ring, idle, now);
        Ok(())
    }

    fn adopt_ring(&mut self, ring: KeyRing, idle_limit_minutes: u32, now: DateTime<Utc>) {
        self.ring = Some(ring);
        self.caches.clear();
        self.idle_limit_minutes = idle_limit_minutes;
        self.recovery_needed = false;
        self.last_activity = now;
    }

    /// Unlocks with the recovery code and enrols this device: a new device
    /// key goes into the keychain and replaces the device slot (an old
    /// passcode slot is removed, since it was bound to the old device key).
    pub fn recover(&mut self, typed_code: &str, now: DateTime<Utc>) -> Result<()> {
        let code = RecoveryCode::parse(typed_code)?;
        let (conn, vault_id) = self.require_vault()?;
        let vault_id = vault_id.to_string();
        let all = slots::slots(conn)?;
        let slot = find_slot(&all, SlotKind::Recovery)
            .ok_or_else(|| Error::Integrity("The recovery key slot".into()))?;
        let (kdf, salt) = slot.kdf()?;
        let recovery_key = crypto::derive_key(kdf, &code.kdf_input(), salt, None)?;
        let master = slot.unwrap(&vault_id, &recovery_key).map_err(|e| match e {
            Error::Integrity(_) => Error::WrongRecoveryCode,
            other => other,
        })?;
        // Check the data keys open before touching the keychain.
        let (ring, idle) = load(conn, &vault_id, master)?;
        self.replace_device_key(&ring, None, now)?;
        self.adopt_ring(ring, idle, now);
        Ok(())
    }

    /// Draws a new device key, stores it in the keychain and replaces the
    /// device slot(s) with one wrapped by it (and by `passcode` through
    /// Argon2id when given), in one transaction; then wipes the old slot's
    /// page images from the write-ahead log. A copy of the database taken
    /// before this call no longer opens with the keychain's key. If the
    /// database write fails, the keychain gets its previous key back.
    fn replace_device_key(
        &mut self,
        ring: &KeyRing,
        passcode: Option<&str>,
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
        let previous = self.keychain.get(&vault_id).ok().flatten();
        self.keychain
            .set(&vault_id, &kek)
            .map_err(keychain_unavailable)?;
        let conn = self.conn.as_mut().ok_or(Error::NoVault)?;
        let written = store::write(conn, |tx| {
            slots::delete_device_slots(tx)?;
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
        });
        if let Err(e) = written {
            // Put back whatever the keychain held before.
            let _ = match previous {
                Some(old) => self.keychain.set(&vault_id, &old),
                None => self.keychain.delete(&vault_id),
            };
            return Err(e);
        }
        store::checkpoint(conn)?;
        Ok(())
    }

    /// Locks: drops the master key, data keys and decrypted caches (all
    /// zeroize on drop), and wipes the write-ahead log. Later calls answer
    /// [`Error::Locked`].
    pub fn lock(&mut self) {
        self.ring = None;
        self.caches.clear();
        self.pending = None;
        if let Some(conn) = &self.conn {
            // Best effort: locking must not fail; the next lock, delete or
            // key change checkpoints again.
            let _ = store::checkpoint(conn);
        }
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

    /// TRANSITIONAL (removed when agreements, schedule and ics move to their
    /// stores): the connection and key ring as a pair.
    pub(crate) fn unlocked_parts(&mut self) -> Result<(&mut Connection, &mut KeyRing)> {
        let u = self.unlocked()?;
        Ok((u.conn, u.ring))
    }

    /// `Ok` when the vault is unlocked; otherwise the error
    /// [`Vault::unlocked`] gives. Commands that read a file the user chose
    /// call this before reading anything.
    pub fn ensure_unlocked(&mut self) -> Result<()> {
        self.unlocked().map(|_| ())
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
        self.with_ring(|vault, ring| vault.replace_device_key(ring, Some(new_passcode), now))
    }

    /// Removes the app passcode (unlocking then needs only the keychain). A
    /// new device key is drawn.
    pub fn remove_passcode(&mut self, current: &str, now: DateTime<Utc>) -> Result<()> {
        if !self.has_passcode()? {
            return Err(Error::InvalidInput("No app passcode is set.".into()));
        }
        self.verify_current_passcode(Some(current))?;
        self.with_ring(|vault, ring| vault.replace_device_key(ring, None, now))
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
    fn verify_current_passcode(&mut self, current: Option<&str>) -> Result<()> {
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

fn keychain_unavailable(e: KeychainError) -> Error {
    Error::KeychainUnavailable(e.to_string())
}

fn random_salt() -> Result<[u8; SALT_LEN]> {
    let mut salt = [0u8; SALT_LEN];
    crypto::fill_random(&mut salt)?;
    Ok(salt)
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

/// TRANSITIONAL name of the key ring in modules not yet moved to stores.
pub(crate) type Session = KeyRing;
