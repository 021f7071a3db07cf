//! The vault: key hierarchy, key slots, lock state, settings.
//!
//! ```text
//! device KEK (OS keychain) ──┐
//! passcode + KEK (Argon2id) ─┼─ unwraps ─▶ master key ─ unwraps ─▶ data keys ─ seal ─▶ records
//! recovery code (Argon2id) ──┘
//! ```
//!
//! A [`Vault`] owns the database connection and, while unlocked, the master
//! key and the data keys. [`Vault::lock`] drops them (they zeroize on drop)
//! together with every decrypted cache.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use zeroize::Zeroizing;

use crate::agreements::PartyDetails;
use crate::crypto::{self, Context, KdfParams, SecretKey};
use crate::error::{Error, Result};
use crate::journal::JournalIndex;
use crate::keychain::{Keychain, KeychainError};
use crate::recovery::{self, RecoveryCode};
use crate::store::{self, to_millis, DB_FILE};

/// The vault format version recorded in the `vault` table.
pub const VAULT_FORMAT: i64 = 1;
/// Default idle time before auto-lock.
pub const DEFAULT_AUTO_LOCK_MINUTES: u32 = 5;
/// Bounds for the auto-lock setting.
pub const AUTO_LOCK_RANGE: std::ops::RangeInclusive<u32> = 1..=240;
/// Shortest app passcode accepted (in characters).
pub const MIN_PASSCODE_CHARS: usize = 6;
const MAX_PASSCODE_BYTES: usize = 1024;
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

/// User settings (sealed in the database).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Settings {
    /// The owner's roles.
    pub roles: Vec<Role>,
    /// The owner's own name and professional details (printed on agreements).
    pub profile: PartyDetails,
    /// Idle minutes before auto-lock.
    pub auto_lock_minutes: u32,
    /// Whether an app passcode is set.
    pub has_passcode: bool,
}

#[derive(Clone, Serialize, Deserialize)]
struct StoredSettings {
    roles: Vec<Role>,
    auto_lock_minutes: u32,
    #[serde(default)]
    profile: PartyDetails,
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

/// Keys and decrypted caches of an unlocked vault. Dropping it wipes them.
pub(crate) struct Session {
    pub(crate) vault_id: String,
    master: SecretKey,
    keys: HashMap<Uuid, SecretKey>,
    vault_key: Uuid,
    pub(crate) journal_key: Uuid,
    settings: StoredSettings,
    pub(crate) journal_index: Option<JournalIndex>,
}

impl Session {
    /// Creates a data key for one person (or group, organisation), wraps it
    /// with the master key and stores it in `conn` (the caller's
    /// transaction). The key joins this session only once `commit` says so:
    /// call [`Session::adopt_key`] after the transaction commits.
    pub(crate) fn new_subject_key(
        &self,
        conn: &Connection,
        subject_id: &str,
        now: DateTime<Utc>,
    ) -> Result<(Uuid, SecretKey)> {
        let key = (Uuid::new_v4(), SecretKey::generate()?);
        insert_subject_key(
            conn,
            &self.vault_id,
            "person",
            Some(subject_id),
            &key,
            &self.master,
            now,
        )?;
        Ok(key)
    }

    /// Adds a committed data key to the session.
    pub(crate) fn adopt_key(&mut self, key: (Uuid, SecretKey)) {
        self.keys.insert(key.0, key.1);
    }

    /// The data key with id `id`, or an integrity error naming `what`.
    pub(crate) fn key(&self, id: Uuid, what: &str) -> Result<&SecretKey> {
        self.keys
            .get(&id)
            .ok_or_else(|| Error::Integrity(what.to_string()))
    }
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
    session: Option<Session>,
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

struct SlotRow {
    id: String,
    kind: String,
    kdf: Option<String>,
    salt: Option<Vec<u8>>,
    wrapped: Vec<u8>,
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
            session: None,
            last_activity: now,
        };
        let path = vault.db_path();
        if path.exists() {
            match store::open(&path, false).and_then(|c| read_vault_id(&c).map(|id| (c, id))) {
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
        } else if self.session.is_some() {
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
            needs_passcode: self.has_passcode_slot().unwrap_or(false),
            message,
            data_dir: self.data_dir.display().to_string(),
        }
    }

    fn has_passcode_slot(&self) -> Result<bool> {
        let Some(conn) = &self.conn else {
            return Ok(false);
        };
        let n: i64 = conn.query_row(
            "SELECT count(*) FROM keyslots WHERE kind = 'device_passcode'",
            [],
            |r| r.get(0),
        )?;
        Ok(n > 0)
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

    /// Writes the Emergency Kit for the pending setup to `path` (a file the
    /// user chose). The only place the recovery code is ever written.
    pub fn save_emergency_kit(&self, path: &Path, now: DateTime<Utc>) -> Result<()> {
        let pending = self.pending.as_ref().ok_or(Error::SetupNotStarted)?;
        if !path.is_absolute() || path.file_name().is_none() {
            return Err(Error::InvalidInput(
                "Choose a file to save the Emergency Kit to.".into(),
            ));
        }
        let text = recovery::emergency_kit_text(&pending.code, &now.format("%Y-%m-%d").to_string());
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
        let master = SecretKey::generate()?;
        let kek = SecretKey::generate()?;
        let recovery_salt = random_salt()?;
        let recovery_key = crypto::derive_key(
            self.config.kdf,
            &pending.code.kdf_input(),
            &recovery_salt,
            None,
        )?;
        let vault_key = (Uuid::new_v4(), SecretKey::generate()?);
        let journal_key = (Uuid::new_v4(), SecretKey::generate()?);
        let settings = StoredSettings {
            roles: pending.roles.clone(),
            auto_lock_minutes: DEFAULT_AUTO_LOCK_MINUTES,
            profile: PartyDetails::default(),
        };

        self.keychain
            .set(&vault_id, &kek)
            .map_err(keychain_unavailable)?;

        let written = (|| -> Result<Connection> {
            let mut conn = match self.conn.take() {
                Some(c) => c,
                None => store::open(&self.db_path(), true)?,
            };
            let result = (|| -> Result<()> {
                let tx =
                    conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
                tx.execute(
                    "INSERT INTO vault (id, format_version, created_at) VALUES (?1, ?2, ?3)",
                    params![vault_id, VAULT_FORMAT, to_millis(now)],
                )?;
                insert_slot(&tx, &vault_id, "device", None, None, &kek, &master, now)?;
                insert_slot(
                    &tx,
                    &vault_id,
                    "recovery",
                    Some(self.config.kdf),
                    Some(&recovery_salt),
                    &recovery_key,
                    &master,
                    now,
                )?;
                insert_data_key(&tx, &vault_id, "vault", &vault_key, &master, now)?;
                insert_data_key(&tx, &vault_id, "journal", &journal_key, &master, now)?;
                write_settings(&tx, (vault_key.0, &vault_key.1), &settings, now)?;
                tx.commit()?;
                Ok(())
            })();
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

        let mut keys = HashMap::new();
        keys.insert(vault_key.0, vault_key.1);
        keys.insert(journal_key.0, journal_key.1);
        self.session = Some(Session {
            vault_id: vault_id.clone(),
            master,
            keys,
            vault_key: vault_key.0,
            journal_key: journal_key.0,
            settings,
            journal_index: None,
        });
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
        if self.session.is_some() {
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
        let slots = read_slots(conn)?;
        let master = if let Some(slot) = slots.iter().find(|s| s.kind == "device_passcode") {
            let passcode = passcode
                .filter(|p| !p.is_empty())
                .ok_or(Error::PasscodeRequired)?;
            check_passcode_len(passcode)?;
            unwrap_passcode_slot(vault_id, slot, &kek, passcode)?
        } else if let Some(slot) = slots.iter().find(|s| s.kind == "device") {
            match unwrap_slot(vault_id, slot, &kek) {
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
        let session = load_session(conn, vault_id, master)?;
        self.session = Some(session);
        self.recovery_needed = false;
        self.last_activity = now;
        Ok(())
    }

    /// Unlocks with the recovery code and enrols this device: a new device
    /// key goes into the keychain and replaces the device slot (an old
    /// passcode slot is removed, since it was bound to the old device key).
    pub fn recover(&mut self, typed_code: &str, now: DateTime<Utc>) -> Result<()> {
        let code = RecoveryCode::parse(typed_code)?;
        let (conn, vault_id) = self.require_vault()?;
        let vault_id = vault_id.to_string();
        let slots = read_slots(conn)?;
        let slot = slots
            .iter()
            .find(|s| s.kind == "recovery")
            .ok_or_else(|| Error::Integrity("The recovery key slot".into()))?;
        let (kdf, salt) = slot_kdf(slot)?;
        let recovery_key = crypto::derive_key(kdf, &code.kdf_input(), salt, None)?;
        let master = unwrap_slot(&vault_id, slot, &recovery_key).map_err(|e| match e {
            Error::Integrity(_) => Error::WrongRecoveryCode,
            other => other,
        })?;
        // Check the data keys open before touching the keychain.
        let session = load_session(conn, &vault_id, master)?;

        let previous = self.keychain.get(&vault_id).ok().flatten();
        let kek = SecretKey::generate()?;
        self.keychain
            .set(&vault_id, &kek)
            .map_err(keychain_unavailable)?;
        let conn = self.conn.as_mut().ok_or(Error::NoVault)?;
        let replaced = replace_device_slots(
            conn,
            &vault_id,
            &kek,
            None,
            self.config.kdf,
            &session.master,
            now,
        );
        if let Err(e) = replaced {
            // Put back whatever the keychain held before.
            let _ = match previous {
                Some(old) => self.keychain.set(&vault_id, &old),
                None => self.keychain.delete(&vault_id),
            };
            return Err(e);
        }
        self.session = Some(session);
        self.recovery_needed = false;
        self.last_activity = now;
        Ok(())
    }

    /// Locks: drops the master key, data keys and decrypted caches (all
    /// zeroize on drop). Later calls answer [`Error::Locked`].
    pub fn lock(&mut self) {
        self.session = None;
        self.pending = None;
    }

    /// Records user activity for auto-lock.
    pub fn touch(&mut self, now: DateTime<Utc>) {
        if now > self.last_activity {
            self.last_activity = now;
        }
    }

    /// Locks when idle for longer than the auto-lock delay. Returns true when
    /// it locked.
    pub fn lock_if_idle(&mut self, now: DateTime<Utc>) -> bool {
        let Some(session) = &self.session else {
            return false;
        };
        let limit = Duration::minutes(i64::from(session.settings.auto_lock_minutes));
        if now - self.last_activity >= limit {
            self.lock();
            true
        } else {
            false
        }
    }

    /// The connection and session of an unlocked vault.
    pub(crate) fn unlocked(&mut self) -> Result<(&mut Connection, &mut Session)> {
        if let Some(d) = &self.damage {
            return Err(d.to_error());
        }
        match (&mut self.conn, &mut self.session) {
            (Some(c), Some(s)) => Ok((c, s)),
            (None, _) => Err(Error::NoVault),
            (Some(_), None) => Err(Error::Locked),
        }
    }

    // ----- settings ----------------------------------------------------------

    /// Current settings.
    pub fn settings(&mut self) -> Result<Settings> {
        let has_passcode = self.has_passcode_slot()?;
        let (_, session) = self.unlocked()?;
        Ok(Settings {
            roles: session.settings.roles.clone(),
            profile: session.settings.profile.clone(),
            auto_lock_minutes: session.settings.auto_lock_minutes,
            has_passcode,
        })
    }

    /// Sets the idle minutes before auto-lock (1–240).
    pub fn set_auto_lock(&mut self, minutes: u32, now: DateTime<Utc>) -> Result<Settings> {
        if !AUTO_LOCK_RANGE.contains(&minutes) {
            return Err(Error::InvalidInput(format!(
                "Auto-lock must be between {} and {} minutes.",
                AUTO_LOCK_RANGE.start(),
                AUTO_LOCK_RANGE.end()
            )));
        }
        let mut updated = self.unlocked()?.1.settings.clone();
        updated.auto_lock_minutes = minutes;
        self.store_settings(updated, now)
    }

    /// Sets the owner's own name and professional details.
    pub fn set_profile(&mut self, profile: &PartyDetails, now: DateTime<Utc>) -> Result<Settings> {
        let profile = crate::agreements::normalise_party_details(profile)?;
        let mut updated = self.unlocked()?.1.settings.clone();
        updated.profile = profile;
        self.store_settings(updated, now)
    }

    /// The owner's details, as printed on agreements.
    pub fn owner_profile(&mut self) -> Result<PartyDetails> {
        Ok(self.unlocked()?.1.settings.profile.clone())
    }

    fn store_settings(&mut self, updated: StoredSettings, now: DateTime<Utc>) -> Result<Settings> {
        let (conn, session) = self.unlocked()?;
        let key = session.key(session.vault_key, "The settings key")?;
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        write_settings(&tx, (session.vault_key, key), &updated, now)?;
        tx.commit()?;
        session.settings = updated;
        self.settings()
    }

    /// Sets or changes the app passcode. `current` is required when a
    /// passcode is already set.
    pub fn set_passcode(
        &mut self,
        current: Option<&str>,
        new_passcode: &str,
        now: DateTime<Utc>,
    ) -> Result<Settings> {
        check_passcode_len(new_passcode)?;
        if new_passcode.chars().count() < MIN_PASSCODE_CHARS {
            return Err(Error::InvalidInput(format!(
                "A passcode needs at least {MIN_PASSCODE_CHARS} characters."
            )));
        }
        let kek = self.verify_current_passcode(current)?;
        let kdf = self.config.kdf;
        let (conn, session) = self.unlocked()?;
        let vault_id = session.vault_id.clone();
        replace_device_slots(
            conn,
            &vault_id,
            &kek,
            Some(new_passcode),
            kdf,
            &session.master,
            now,
        )?;
        self.settings()
    }

    /// Removes the app passcode (unlocking then needs only the keychain).
    pub fn remove_passcode(&mut self, current: &str, now: DateTime<Utc>) -> Result<Settings> {
        if !self.has_passcode_slot()? {
            return Err(Error::InvalidInput("No app passcode is set.".into()));
        }
        let kek = self.verify_current_passcode(Some(current))?;
        let kdf = self.config.kdf;
        let (conn, session) = self.unlocked()?;
        let vault_id = session.vault_id.clone();
        replace_device_slots(conn, &vault_id, &kek, None, kdf, &session.master, now)?;
        self.settings()
    }

    /// Reads the device KEK and, when a passcode is set, checks `current`.
    fn verify_current_passcode(&mut self, current: Option<&str>) -> Result<SecretKey> {
        let has_passcode = self.has_passcode_slot()?;
        let vault_id = self.unlocked()?.1.vault_id.clone();
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
            let slots = read_slots(self.unlocked()?.0)?;
            let slot = slots
                .iter()
                .find(|s| s.kind == "device_passcode")
                .ok_or_else(|| Error::Integrity("The passcode key slot".into()))?;
            unwrap_passcode_slot(&vault_id, slot, &kek, current)?;
        }
        Ok(kek)
    }
}

// ----- helpers ---------------------------------------------------------------

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
    if passcode.len() > MAX_PASSCODE_BYTES {
        return Err(Error::TooLarge {
            what: "The passcode",
            size: passcode.len(),
            limit: MAX_PASSCODE_BYTES,
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

fn read_vault_id(conn: &Connection) -> Result<Option<String>> {
    let row: Option<(String, i64)> = conn
        .query_row("SELECT id, format_version FROM vault LIMIT 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    match row {
        Some((_, v)) if v > VAULT_FORMAT => Err(Error::SchemaTooNew {
            found: v,
            supported: VAULT_FORMAT,
        }),
        Some((id, _)) => Ok(Some(id)),
        None => Ok(None),
    }
}

fn slot_context<'a>(kind: &'a str, row: &'a str) -> Context<'a> {
    Context::new("keyslots", kind, row)
}

#[allow(clippy::too_many_arguments)]
fn insert_slot(
    conn: &Connection,
    vault_id: &str,
    kind: &str,
    kdf: Option<KdfParams>,
    salt: Option<&[u8]>,
    wrapping_key: &SecretKey,
    master: &SecretKey,
    now: DateTime<Utc>,
) -> Result<()> {
    let slot_id = Uuid::new_v4();
    let row = format!("{vault_id}/{slot_id}");
    let wrapped = crypto::seal(
        wrapping_key,
        slot_id,
        slot_context(kind, &row),
        master.expose(),
    )?;
    conn.execute(
        "INSERT INTO keyslots (id, kind, kdf, salt, wrapped_key, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![slot_id.to_string(), kind, kdf.map(|k| k.encode()), salt, wrapped, to_millis(now)],
    )?;
    Ok(())
}

fn read_slots(conn: &Connection) -> Result<Vec<SlotRow>> {
    let mut stmt = conn.prepare("SELECT id, kind, kdf, salt, wrapped_key FROM keyslots")?;
    let rows = stmt.query_map([], |r| {
        Ok(SlotRow {
            id: r.get(0)?,
            kind: r.get(1)?,
            kdf: r.get(2)?,
            salt: r.get(3)?,
            wrapped: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

fn unwrap_slot(vault_id: &str, slot: &SlotRow, wrapping_key: &SecretKey) -> Result<SecretKey> {
    let row = format!("{vault_id}/{}", slot.id);
    let what = format!("The {} key slot", slot.kind);
    let bytes = crypto::open(
        wrapping_key,
        slot_context(&slot.kind, &row),
        &slot.wrapped,
        &what,
    )?;
    SecretKey::from_slice(&bytes).ok_or(Error::Integrity(what))
}

fn slot_kdf(slot: &SlotRow) -> Result<(KdfParams, &[u8])> {
    let damaged = || Error::Integrity(format!("The {} key slot", slot.kind));
    let kdf = slot
        .kdf
        .as_deref()
        .and_then(KdfParams::decode)
        .ok_or_else(damaged)?;
    let salt = slot.salt.as_deref().ok_or_else(damaged)?;
    Ok((kdf, salt))
}

fn unwrap_passcode_slot(
    vault_id: &str,
    slot: &SlotRow,
    kek: &SecretKey,
    passcode: &str,
) -> Result<SecretKey> {
    let (kdf, salt) = slot_kdf(slot)?;
    let key = crypto::derive_key(kdf, passcode.as_bytes(), salt, Some(kek.expose()))?;
    unwrap_slot(vault_id, slot, &key).map_err(|e| match e {
        Error::Integrity(_) => Error::WrongPasscode,
        other => other,
    })
}

/// Replaces the device slot(s) with one wrapped by `kek` (and `passcode`
/// through Argon2id when given), in one transaction.
fn replace_device_slots(
    conn: &mut Connection,
    vault_id: &str,
    kek: &SecretKey,
    passcode: Option<&str>,
    kdf: KdfParams,
    master: &SecretKey,
    now: DateTime<Utc>,
) -> Result<()> {
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    tx.execute(
        "DELETE FROM keyslots WHERE kind IN ('device', 'device_passcode')",
        [],
    )?;
    match passcode {
        Some(p) => {
            let salt = random_salt()?;
            let key = crypto::derive_key(kdf, p.as_bytes(), &salt, Some(kek.expose()))?;
            insert_slot(
                &tx,
                vault_id,
                "device_passcode",
                Some(kdf),
                Some(&salt),
                &key,
                master,
                now,
            )?;
        }
        None => insert_slot(&tx, vault_id, "device", None, None, kek, master, now)?,
    }
    tx.commit()?;
    Ok(())
}

fn data_key_context<'a>(scope: &'a str, row: &'a str) -> Context<'a> {
    Context::new("data_keys", scope, row)
}

fn insert_data_key(
    conn: &Connection,
    vault_id: &str,
    scope: &str,
    key: &(Uuid, SecretKey),
    master: &SecretKey,
    now: DateTime<Utc>,
) -> Result<()> {
    insert_subject_key(conn, vault_id, scope, None, key, master, now)
}

fn insert_subject_key(
    conn: &Connection,
    vault_id: &str,
    scope: &str,
    subject_id: Option<&str>,
    key: &(Uuid, SecretKey),
    master: &SecretKey,
    now: DateTime<Utc>,
) -> Result<()> {
    let row = format!("{vault_id}/{}", key.0);
    let master_id = Uuid::parse_str(vault_id).map_err(|e| Error::Internal(e.to_string()))?;
    let wrapped = crypto::seal(
        master,
        master_id,
        data_key_context(scope, &row),
        key.1.expose(),
    )?;
    conn.execute(
        "INSERT INTO data_keys (id, scope, subject_id, wrapped_key, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![key.0.to_string(), scope, subject_id, wrapped, to_millis(now)],
    )?;
    Ok(())
}

fn load_session(conn: &Connection, vault_id: &str, master: SecretKey) -> Result<Session> {
    let mut stmt =
        conn.prepare("SELECT id, scope, wrapped_key FROM data_keys WHERE wrapped_key IS NOT NULL")?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Vec<u8>>(2)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut keys = HashMap::new();
    let mut vault_key = None;
    let mut journal_key = None;
    for (id, scope, wrapped) in rows {
        let Ok(uuid) = Uuid::parse_str(&id) else {
            continue;
        };
        let row = format!("{vault_id}/{id}");
        // A damaged data key makes only the records sealed under it
        // unreadable (they report an integrity error); the rest still opens.
        let Ok(bytes) = crypto::open(
            &master,
            data_key_context(&scope, &row),
            &wrapped,
            "A data key",
        ) else {
            continue;
        };
        let Some(key) = SecretKey::from_slice(&bytes) else {
            continue;
        };
        match scope.as_str() {
            "vault" => vault_key = Some(uuid),
            "journal" => journal_key = Some(uuid),
            _ => {}
        }
        keys.insert(uuid, key);
    }
    let vault_key = vault_key.ok_or_else(|| Error::Integrity("The vault's settings key".into()))?;
    let journal_key = journal_key.ok_or_else(|| Error::Integrity("The journal's key".into()))?;
    let sealed: Vec<u8> =
        conn.query_row("SELECT body FROM settings WHERE id = 1", [], |r| r.get(0))?;
    let key = keys
        .get(&vault_key)
        .ok_or_else(|| Error::Integrity("The vault's settings key".into()))?;
    let json = crypto::open_string(key, settings_context(), &sealed, "The settings record")?;
    let settings: StoredSettings =
        serde_json::from_str(&json).map_err(|_| Error::Integrity("The settings record".into()))?;
    Ok(Session {
        vault_id: vault_id.to_string(),
        master,
        keys,
        vault_key,
        journal_key,
        settings,
        journal_index: None,
    })
}

fn settings_context() -> Context<'static> {
    Context::new("settings", "body", "1")
}

fn write_settings(
    conn: &Connection,
    (id, key): (Uuid, &SecretKey),
    settings: &StoredSettings,
    now: DateTime<Utc>,
) -> Result<()> {
    let json =
        Zeroizing::new(serde_json::to_vec(settings).map_err(|e| Error::Internal(e.to_string()))?);
    let sealed = crypto::seal(key, id, settings_context(), &json)?;
    conn.execute(
        "INSERT INTO settings (id, body, updated_at) VALUES (1, ?1, ?2)
         ON CONFLICT (id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at",
        params![sealed, to_millis(now)],
    )?;
    Ok(())
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
