//! Restoring the vault from a backup file, on this computer or a new one.
//!
//! A backup (`confidant-backup-YYYYMMDD-HHMMSSZ.cfbackup`) is a consistent
//! snapshot of the vault database (`VACUUM INTO`): sealed rows, the vault
//! row and the key slots. The recovery code opens its recovery slot, which
//! gives the master key; a **new device key** is then drawn and enrolled in
//! this computer's keychain, so the old computer is never needed.
//!
//! The backup file is treated as hostile. [`Vault::stage_restore`] and
//! [`Vault::restore`] both copy it, at most [`BACKUP_MAX_BYTES`], into a
//! temporary file in the data folder (`.restore-<random>.tmp`) and check the
//! copy, never the original (which could change between checks): the path
//! must name a regular file (a folder, FIFO, device or socket is refused,
//! also behind a symlink, and opening never blocks); the copy must start
//! with the SQLite header and be as long as the header says; its schema
//! must not be newer than this build's; `PRAGMA integrity_check` must say
//! `ok`; it must hold the vault row and a recovery key slot. An older schema
//! is migrated, as the live vault would be. Then the recovery code must open
//! the master key and every data key; a wrong code is
//! [`Error::WrongRecoveryCode`]. The copy's device slots are replaced by one
//! for the new device key.
//!
//! Over an existing vault, restore needs `replace = true` (the UI asks in
//! plain words first). The vault it replaces is kept as a backup file,
//! `replaced/confidant-backup-YYYYMMDD-HHMMSSZ.cfbackup` inside the data
//! folder ([`REPLACED_FOLDER`]); Confidant never deletes it. It still opens
//! with its own recovery code.
//!
//! # Order of steps, and a kill at any point
//!
//! 1. Copy and check the backup into the temporary file; open it with the
//!    code; write the new device slot into the copy; checkpoint and close
//!    it; flush it to disk. A kill here leaves only a stray temporary file,
//!    which the vault never reads and the next restore removes.
//! 2. Keep the current vault: `VACUUM INTO` a `.part` file in `replaced/`
//!    (a damaged vault that cannot be opened is copied byte for byte), flush,
//!    rename to its final name. A kill here leaves the live vault untouched
//!    (and perhaps an extra kept copy).
//! 3. Put the new device key in the keychain (the previous entry, if any, is
//!    put back when a later step fails). A kill after this step and before
//!    step 5, when the backup is of this same vault, leaves the live vault
//!    asking for its recovery code: nothing is lost.
//! 4. Checkpoint (TRUNCATE) and close the live connection, and remove its
//!    then empty `-wal` and `-shm` files, so no stale write-ahead log can be
//!    applied to the file put in place next.
//! 5. Rename the temporary file over `confidant.db` (atomic), flush the
//!    folder. Before the rename the old vault is in place, after it the
//!    restored one: there is never a moment with no vault or half a vault.
//!
//! The core never reads the clock: `now` names the kept file and dates the
//! new key slot.

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

mod check;

use check::{copy_checked, with_suffix};

use super::keyslots::unwrap_recovery_slot;
use super::{keychain_unavailable, load, restrict_permissions, AppStatus, Vault, VaultState};
use crate::crypto::SecretKey;
use crate::error::{Error, Result};
use crate::recovery::RecoveryCode;
use crate::store;
use crate::store::keys::{self as slots, SlotKind};

/// The extension of backup files (the open dialog filters on it).
pub const BACKUP_EXTENSION: &str = "cfbackup";
/// The largest backup file Confidant restores (4 GiB): far above any real
/// vault, small enough that a huge or endless file is refused early.
pub const BACKUP_MAX_BYTES: u64 = 4 * 1024 * 1024 * 1024;
/// The folder, inside the data folder, where a vault replaced by a restore
/// is kept as a backup file.
pub const REPLACED_FOLDER: &str = "replaced";

const TMP_PREFIX: &str = ".restore-";
const NAME_PREFIX: &str = "confidant-backup-";
const NAME_TIME: &str = "%Y%m%d-%H%M%SZ";

/// What a chosen backup file is, shown before the recovery code is asked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BackupInfo {
    /// The file's name (not its folder).
    pub file_name: String,
    /// Its size in bytes.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub size_bytes: u64,
    /// When the snapshot was taken (RFC 3339, UTC), read from the file
    /// name; `None` when the file was renamed.
    pub taken_at: Option<String>,
    /// A vault already exists here: restoring replaces it (after a
    /// confirmation) and keeps it as a backup file.
    pub vault_exists: bool,
    /// The folder where a replaced vault is kept.
    pub replaced_folder: String,
}

/// A finished restore: the restored vault's status (unlocked) and where the
/// vault it replaced is kept, if it replaced one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Restored {
    /// The restored vault's status.
    pub status: AppStatus,
    /// The kept copy of the replaced vault (a full path), if any.
    pub kept_as: Option<String>,
}

/// A backup file that passed the checks, waiting for the recovery code.
/// It holds only the path (the app keeps it; the webview never sends one)
/// and what was shown; [`Vault::restore`] checks the file again.
#[derive(Debug, Clone)]
pub struct StagedBackup {
    path: PathBuf,
    info: BackupInfo,
}

impl StagedBackup {
    /// What the file is.
    pub fn info(&self) -> &BackupInfo {
        &self.info
    }
}

impl Vault {
    /// Checks the backup file at `path` (an absolute path from a dialog the
    /// app opened) and describes it. Nothing is kept in the data folder.
    pub fn stage_restore(&self, path: &Path) -> Result<StagedBackup> {
        if !path.is_absolute() || path.file_name().is_none() {
            return Err(Error::InvalidInput(
                "Choose a backup file to restore.".into(),
            ));
        }
        remove_stale_copies(&self.data_dir);
        let size = {
            let copy = copy_checked(path, &self.data_dir)?;
            copy.size
        };
        let file_name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let info = BackupInfo {
            taken_at: taken_at(&file_name).map(|t| t.to_rfc3339()),
            file_name,
            size_bytes: size,
            vault_exists: self.vault_exists_here(),
            replaced_folder: self.replaced_folder().display().to_string(),
        };
        Ok(StagedBackup {
            path: path.to_path_buf(),
            info,
        })
    }

    /// Restores the vault from `staged` with the recovery code, enrols a new
    /// device key in this computer's keychain and unlocks the restored
    /// vault. Over an existing vault `replace` must be true; the replaced
    /// vault is kept and its path returned. On any error the data folder and
    /// the keychain are as they were (see the module documentation for the
    /// order of steps).
    pub fn restore(
        &mut self,
        staged: &StagedBackup,
        typed_code: &str,
        replace: bool,
        now: DateTime<Utc>,
    ) -> Result<Option<PathBuf>> {
        let code = RecoveryCode::parse(typed_code)?;
        self.attempts.check(now)?;
        let existing = self.vault_exists_here();
        if existing && self.state() == VaultState::Locked {
            // Replacing a vault is for its owner: unlock it first (a
            // damaged vault, or one whose keychain entry is gone, cannot be
            // unlocked and may be replaced from the backup).
            return Err(Error::Locked);
        }
        if existing && !replace {
            return Err(Error::InvalidInput(format!(
                "A vault already exists on this computer. Restoring replaces it; confirm that \
                 first. The current vault would be kept as a backup file in {}. Nothing was changed.",
                self.replaced_folder().display()
            )));
        }
        remove_stale_copies(&self.data_dir);

        // 1. The checked copy, opened with the code, with a new device slot.
        let mut copy = copy_checked(&staged.path, &self.data_dir)?;
        let vault_id = copy.vault_id.clone();
        let master = match unwrap_recovery_slot(&copy.conn, &vault_id, &code) {
            Ok(master) => master,
            Err(Error::WrongRecoveryCode) => {
                self.attempts.failed(now);
                return Err(Error::WrongRecoveryCode);
            }
            Err(e) => return Err(e),
        };
        let (ring, idle) = load(&copy.conn, &vault_id, master)?;
        let kek = SecretKey::generate()?;
        store::write(&mut copy.conn, |tx| {
            slots::delete_device_slots(tx)?;
            slots::insert_slot(
                tx,
                &vault_id,
                SlotKind::Device,
                None,
                &kek,
                ring.master(),
                now,
            )
        })?;
        let mut tmp = copy.close()?;

        // 2. Keep the current vault.
        let kept = if existing {
            Some(self.keep_replaced(now)?)
        } else {
            None
        };

        // 3. The new device key.
        let previous = self.keychain.get(&vault_id).ok().flatten();
        self.keychain
            .set(&vault_id, &kek)
            .map_err(keychain_unavailable)?;
        let put_back_key = |vault: &mut Vault| {
            let _ = match &previous {
                Some(old) => vault.keychain.set(&vault_id, old),
                None => vault.keychain.delete(&vault_id),
            };
        };

        // 4. Close the live connection.
        let db = self.db_path();
        if let Some(live) = self.conn.take() {
            if let Err(e) = store::checkpoint(&live) {
                self.conn = Some(live);
                put_back_key(self);
                return Err(e);
            }
            drop(live);
        }
        // After the checkpoint these are empty; beside a damaged vault the
        // log was kept with it (step 2). None may stay beside the restored
        // file: SQLite would apply a stale log to it.
        for suffix in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(with_suffix(&db, suffix));
        }

        // 5. Put the restored file in place.
        if let Err(e) = std::fs::rename(tmp.path(), &db) {
            drop(tmp);
            if existing {
                if let Ok(conn) = store::open(&db, false) {
                    self.conn = Some(conn);
                }
            }
            put_back_key(self);
            return Err(e.into());
        }
        tmp.disarm();
        sync_folder(&self.data_dir);
        restrict_permissions(&db);

        let old_id = self.vault_id.take();
        self.ring = None;
        self.caches.clear();
        self.damage = None;
        self.pending = None;
        match store::open(&db, false) {
            Ok(conn) => self.conn = Some(conn),
            Err(e) => {
                self.damage = Some(super::types::Damage::from_error(e));
                return Err(self
                    .damage
                    .as_ref()
                    .map_or(Error::NoVault, |d| d.to_error()));
            }
        }
        self.vault_id = Some(vault_id.clone());
        // Best effort, as for an unlock: the restore is done either way.
        if let Some(conn) = self.conn.as_mut() {
            let detail = if kept.is_some() {
                "the vault here was kept in replaced/"
            } else {
                ""
            };
            let _ = store::write(conn, |tx| {
                store::audit::append(tx, &ring, store::audit::AuditEvent::Restored, detail, now)
            });
        }
        self.adopt_ring(ring, idle, now);
        if let Some(old) = old_id.filter(|old| *old != vault_id) {
            // The replaced vault's device key would open the kept copy
            // without its recovery code; it is no longer needed here.
            let _ = self.keychain.delete(&old);
        }
        Ok(kept)
    }

    /// The folder where a replaced vault is kept.
    pub fn replaced_folder(&self) -> PathBuf {
        self.data_dir.join(REPLACED_FOLDER)
    }

    /// A vault, or a file that could not be opened as one, is here (an
    /// empty database file left by a setup that failed is not a vault).
    fn vault_exists_here(&self) -> bool {
        self.vault_id.is_some() || self.damage.is_some()
    }

    /// Step 2: writes the current vault to `replaced/` under the backup
    /// naming, via a `.part` file renamed when complete.
    fn keep_replaced(&self, now: DateTime<Utc>) -> Result<PathBuf> {
        let folder = self.replaced_folder();
        std::fs::create_dir_all(&folder)?;
        restrict_permissions(&folder);
        let target = unique_name(&folder, now);
        let part = folder.join(format!(".{}.part", Uuid::new_v4().simple()));
        let written = (|| -> Result<()> {
            match &self.conn {
                Some(conn) => {
                    let text = part.to_str().ok_or_else(|| {
                        Error::Internal("the data folder's path is not valid text".into())
                    })?;
                    conn.execute("VACUUM INTO ?1", [text])?;
                }
                None => {
                    // A damaged vault: its bytes as they are, with its
                    // write-ahead log beside the kept copy.
                    std::fs::copy(self.db_path(), &part)?;
                    let wal = with_suffix(&self.db_path(), "-wal");
                    if wal.exists() {
                        std::fs::copy(&wal, with_suffix(&target, "-wal"))?;
                    }
                }
            }
            crate::files::sync_file(&part)?;
            std::fs::rename(&part, &target)?;
            restrict_permissions(&target);
            sync_folder(&folder);
            Ok(())
        })();
        if let Err(e) = written {
            let _ = std::fs::remove_file(&part);
            return Err(e);
        }
        Ok(target)
    }
}

/// The backup file name for a snapshot taken at `now`.
pub(crate) fn backup_file_name(now: DateTime<Utc>) -> String {
    format!("{NAME_PREFIX}{}.{BACKUP_EXTENSION}", now.format(NAME_TIME))
}

/// When the snapshot named `file_name` was taken, if the name says.
fn taken_at(file_name: &str) -> Option<DateTime<Utc>> {
    let stamp = file_name
        .strip_prefix(NAME_PREFIX)?
        .strip_suffix(BACKUP_EXTENSION)?
        .strip_suffix('.')?;
    NaiveDateTime::parse_from_str(stamp, NAME_TIME)
        .ok()
        .map(|t| t.and_utc())
}

/// A free name in `folder` for a copy kept at `now` (`-2`, `-3`… when two
/// restores happen within a second).
fn unique_name(folder: &Path, now: DateTime<Utc>) -> PathBuf {
    let first = folder.join(backup_file_name(now));
    if !first.exists() {
        return first;
    }
    let stamp = now.format(NAME_TIME);
    (2u32..)
        .map(|n| folder.join(format!("{NAME_PREFIX}{stamp}-{n}.{BACKUP_EXTENSION}")))
        .find(|p| !p.exists())
        .unwrap_or(first)
}

fn sync_folder(folder: &Path) {
    #[cfg(unix)]
    if let Ok(f) = std::fs::File::open(folder) {
        let _ = f.sync_all();
    }
    #[cfg(not(unix))]
    let _ = folder;
}

/// Removes temporary copies left by a restore that was killed.
fn remove_stale_copies(data_dir: &Path) {
    let Ok(entries) = std::fs::read_dir(data_dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(TMP_PREFIX) && entry.file_type().is_ok_and(|t| t.is_file()) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use chrono::TimeZone;

    #[test]
    fn the_snapshot_time_is_read_from_the_file_name() {
        let t = Utc
            .with_ymd_and_hms(2026, 11, 30, 21, 5, 9)
            .single()
            .unwrap();
        let name = backup_file_name(t);
        assert_eq!(name, "confidant-backup-20261130-210509Z.cfbackup");
        assert_eq!(taken_at(&name), Some(t));
        assert_eq!(taken_at("my vault.cfbackup"), None);
        assert_eq!(taken_at("confidant-backup-2026.cfbackup"), None);
    }

    #[test]
    fn a_second_kept_copy_in_the_same_second_gets_its_own_name() {
        let dir = tempfile::tempdir().unwrap();
        let t = Utc
            .with_ymd_and_hms(2026, 11, 30, 21, 5, 9)
            .single()
            .unwrap();
        let first = unique_name(dir.path(), t);
        std::fs::write(&first, b"x").unwrap();
        let second = unique_name(dir.path(), t);
        assert_ne!(first, second);
        assert!(second.to_string_lossy().ends_with("-210509Z-2.cfbackup"));
    }
}
