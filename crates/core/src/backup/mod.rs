//! Encrypted backups: a consistent snapshot of the sealed vault database,
//! written beside its final name, synced, **verified**, then renamed into
//! place in a folder the user chose; the oldest backups of ours beyond the
//! number to keep are then deleted.
//!
//! A backup is a valid Confidant database file made with SQLite's
//! `VACUUM INTO`: the sealed rows, the vault row, the key slots and the
//! schema version, nothing decrypted. It needs no key, so it can be made
//! while the vault is locked. What is verified is listed in
//! [`BackupReport`] and in `SECURITY.md`: every time, the file's integrity,
//! schema version, vault row, key slots and row counts per table; when the
//! vault is unlocked, also that the master key opens every data key in the
//! snapshot and that the settings record, every journal entry and every
//! person's record in it open. Other tables' sealed values are not opened
//! by the check.
//!
//! The backup plan (folder, schedule, how many to keep) is sealed in the
//! vault's settings: a folder path can contain a name. The last successful
//! backup is not recorded anywhere: it is the newest file of ours in the
//! folder (a file only gets its final name after it verified).
//!
//! The clock is never read here: `now` is passed in.

pub mod name;
mod plan;
mod prune;
mod snapshot;
mod verify;

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::vault::Vault;

pub use name::{file_name, is_backup_name, parse as parse_backup_name, BACKUP_EXTENSION};
pub use plan::{
    status_of, BackupInterval, BackupPlan, BackupSchedule, BackupStatus, Backups, STALE_AFTER,
};
pub use prune::{backups_in, FoundBackup};
pub use verify::{census_file, verify_file, SealedCheck, VerifyReport};

/// Default number of backups kept in the folder.
pub const DEFAULT_KEEP: u32 = 7;
/// Fewest backups that can be kept.
pub const KEEP_MIN: u32 = 1;
/// Most backups that can be kept.
pub const KEEP_MAX: u32 = 365;
/// Longest folder path accepted, in bytes.
pub const FOLDER_MAX_BYTES: usize = 4096;

/// What one successful backup did and what was verified.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BackupReport {
    /// The file's name in the folder (a UTC time, never a name).
    pub file_name: String,
    /// When the snapshot was taken.
    pub made_at: DateTime<Utc>,
    /// The file's size in bytes.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub bytes: u64,
    /// What the verification checked.
    pub verified: VerifyReport,
    /// How many older backups of ours were deleted (keep-last-N).
    pub removed: u32,
    /// How many backups of ours are in the folder now.
    pub kept: u32,
}

/// Checks `keep` (1–365).
pub fn validate_keep(keep: u32) -> Result<u32> {
    if (KEEP_MIN..=KEEP_MAX).contains(&keep) {
        Ok(keep)
    } else {
        Err(Error::InvalidInput(format!(
            "The number of backups to keep must be between {KEEP_MIN} and {KEEP_MAX}."
        )))
    }
}

/// Checks that `folder` is an existing folder given by a full path.
pub fn validate_folder(folder: &Path) -> Result<PathBuf> {
    let text = folder.to_string_lossy();
    if text.is_empty() {
        return Err(Error::InvalidInput("Choose a folder for backups.".into()));
    }
    if text.len() > FOLDER_MAX_BYTES {
        return Err(Error::InvalidInput(
            "The backup folder's path is too long.".into(),
        ));
    }
    if !folder.is_absolute() {
        return Err(Error::InvalidInput(
            "The backup folder must be given as a full path.".into(),
        ));
    }
    match std::fs::metadata(folder) {
        Ok(m) if m.is_dir() => Ok(folder.to_path_buf()),
        Ok(_) => Err(Error::InvalidInput(
            "The backup folder is a file, not a folder. Choose a folder.".into(),
        )),
        Err(_) => Err(Error::InvalidInput(
            "The backup folder does not exist (it may have been moved, renamed or disconnected). Choose it again.".into(),
        )),
    }
}

/// Makes a backup of `vault` in `folder` at `now`, verifies it, then keeps
/// only the newest `keep` backups of ours there. Works while the vault is
/// locked (sealed bytes only; the key checks then are skipped and the
/// report says so). On any failure no file with a backup's final name is
/// left behind and the vault is unchanged.
///
/// Errors: [`Error::InvalidInput`] for a bad folder or `keep` (nothing is
/// written), [`Error::BackupNotVerified`] when the snapshot failed its
/// verification, [`Error::Io`] when the folder cannot be written.
pub fn create(vault: &Vault, folder: &Path, keep: u32, now: DateTime<Utc>) -> Result<BackupReport> {
    create_checked(vault, folder, keep, now, |_| Ok(()))
}

/// [`create`] with a step run on the temporary file before it is verified
/// (tests use it to tamper with the snapshot). Not for the app.
#[doc(hidden)]
pub fn create_checked(
    vault: &Vault,
    folder: &Path,
    keep: u32,
    now: DateTime<Utc>,
    before_verify: impl FnOnce(&Path) -> Result<()>,
) -> Result<BackupReport> {
    let keep = validate_keep(keep)?;
    let folder = validate_folder(folder)?;
    let (conn, ring) = vault.for_backup()?;
    let written = snapshot::write_verified(conn, ring, &folder, now, before_verify)?;
    let (removed, kept) = prune::keep_newest(&folder, keep)?;
    Ok(BackupReport {
        file_name: written.file_name,
        made_at: written.made_at,
        bytes: written.bytes,
        verified: written.verified,
        removed,
        kept,
    })
}
