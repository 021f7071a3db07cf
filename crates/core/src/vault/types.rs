//! The vault's public types: roles, states, status, configuration, and the
//! view of an unlocked vault the domain modules get.

use std::any::{Any, TypeId};
use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::crypto::KdfParams;
use crate::error::Error;
use crate::keys::KeyRing;
use crate::recovery::RecoveryCode;
use crate::validate::{AUTO_LOCK_MAX, AUTO_LOCK_MIN, PASSCODE_MIN_CHARS};

/// Default idle time before auto-lock.
pub const DEFAULT_AUTO_LOCK_MINUTES: u32 = 5;
/// Bounds for the auto-lock setting.
pub const AUTO_LOCK_RANGE: std::ops::RangeInclusive<u32> = AUTO_LOCK_MIN..=AUTO_LOCK_MAX;
/// Shortest app passcode accepted (in characters).
pub const MIN_PASSCODE_CHARS: usize = PASSCODE_MIN_CHARS;

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
pub(super) struct LockSettings {
    pub(super) roles: Vec<Role>,
    pub(super) auto_lock_minutes: u32,
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
pub(super) enum Damage {
    Corrupt(String),
    TooNew { found: i64, supported: i64 },
    Unreadable(String),
}

impl Damage {
    pub(super) fn from_error(err: Error) -> Damage {
        match err {
            Error::SchemaTooNew { found, supported } => Damage::TooNew { found, supported },
            Error::CorruptDatabase(m) => Damage::Corrupt(m),
            other => Damage::Unreadable(other.to_string()),
        }
    }

    pub(super) fn to_error(&self) -> Error {
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

pub(super) struct PendingSetup {
    pub(super) roles: Vec<Role>,
    pub(super) code: RecoveryCode,
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

    pub(super) fn clear(&mut self) {
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

/// Wrong recovery codes or passcodes in a row, and when the next attempt is
/// accepted. From the third wrong try in a row each wait doubles: 2, 4, 8 …
/// seconds, at most [`Attempts::MAX_WAIT_SECONDS`]. A right answer resets it.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Attempts {
    failed: u32,
    retry_at: Option<DateTime<Utc>>,
}

impl Attempts {
    /// The longest wait between two attempts.
    pub(crate) const MAX_WAIT_SECONDS: u64 = 300;
    /// Wrong tries in a row allowed before the first wait.
    const FREE: u32 = 2;

    /// `Err(TooManyAttempts)` while a wait is running.
    pub(crate) fn check(&self, now: DateTime<Utc>) -> Result<(), Error> {
        match self.retry_at {
            Some(at) if now < at => {
                let ms = (at - now).num_milliseconds().max(0) as u64;
                Err(Error::TooManyAttempts {
                    wait_seconds: ms.div_ceil(1000).max(1),
                })
            }
            _ => Ok(()),
        }
    }

    /// Counts a wrong answer and starts the wait it earns.
    pub(crate) fn failed(&mut self, now: DateTime<Utc>) {
        self.failed = self.failed.saturating_add(1);
        if self.failed > Self::FREE {
            let exp = (self.failed - Self::FREE).min(16);
            let wait = (1u64 << exp).min(Self::MAX_WAIT_SECONDS);
            self.retry_at = Some(now + chrono::Duration::seconds(wait as i64));
        }
    }

    /// A right answer: no more waiting.
    pub(crate) fn succeeded(&mut self) {
        *self = Attempts::default();
    }
}
