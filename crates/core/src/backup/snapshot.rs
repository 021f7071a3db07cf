//! Writing one backup: `VACUUM INTO` a temporary file beside the final
//! name, sync, verify, rename, sync the folder.

use std::fs::OpenOptions;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use super::name;
use super::verify::{self, VerifyReport};
use crate::crypto;
use crate::error::{Error, Result};
use crate::keys::KeyRing;

/// A backup that verified and has its final name.
pub(super) struct Written {
    pub file_name: String,
    pub made_at: DateTime<Utc>,
    pub bytes: u64,
    pub verified: VerifyReport,
}

/// Removes the temporary file unless disarmed (every failure path).
struct TempFile(Option<PathBuf>);

impl Drop for TempFile {
    fn drop(&mut self) {
        if let Some(path) = self.0.take() {
            let _ = std::fs::remove_file(&path);
        }
    }
}

fn temp_name() -> Result<String> {
    let mut random = [0u8; 8];
    crypto::fill_random(&mut random)?;
    let hex: String = random.iter().map(|b| format!("{b:02x}")).collect();
    // Never a name `name::parse` accepts, so keep-last-N never sees it.
    Ok(format!(".{}{hex}.partial", name::BACKUP_PREFIX))
}

/// Whether `file` is a temporary file of ours: `temp_name()`'s pattern,
/// or SQLite's journal beside it.
fn is_stale_temp(file: &str) -> bool {
    let Some(rest) = file
        .strip_prefix('.')
        .and_then(|f| f.strip_prefix(name::BACKUP_PREFIX))
    else {
        return false;
    };
    let Some((hex, tail)) = rest.split_at_checked(16) else {
        return false;
    };
    hex.bytes().all(|b| b.is_ascii_hexdigit())
        && matches!(tail, ".partial" | ".partial-journal" | ".partial-wal")
}

/// Removes temporary files a backup killed part-way left in `folder`
/// (sealed like the vault, but never a backup). Only one app writes
/// backups, and only while it holds the vault, so none is in use.
fn remove_stale_temps(folder: &Path) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let regular = entry.file_type().is_ok_and(|t| t.is_file());
        if regular && name.to_str().is_some_and(is_stale_temp) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Creates an empty owner-only file at `path` (it must not exist), so the
/// snapshot never exists with wider permissions: `VACUUM INTO` refuses an
/// existing non-empty file but writes into an empty one, keeping its mode.
fn reserve(path: &Path) -> Result<()> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)?;
    Ok(())
}

fn sync_file(path: &Path) -> Result<u64> {
    Ok(crate::files::sync_file(path)?.len())
}

fn sync_folder(folder: &Path) -> Result<()> {
    #[cfg(unix)]
    std::fs::File::open(folder)?.sync_all()?;
    #[cfg(not(unix))]
    let _ = folder;
    Ok(())
}

/// Writes, verifies and names one backup of `live` in `folder`.
pub(super) fn write_verified(
    live: &Connection,
    ring: Option<&KeyRing>,
    folder: &Path,
    now: DateTime<Utc>,
    before_verify: impl FnOnce(&Path) -> Result<()>,
) -> Result<Written> {
    // The first free name of this second (a scheduled backup and "Back up
    // now" can land in the same one). Only this app writes backups, and only
    // while it holds the vault, so the name stays free until the rename.
    let (file_name, final_path) = (1..=name::MAX_PER_SECOND)
        .map(|n| name::numbered_file_name(now, n))
        .map(|file_name| {
            let path = folder.join(&file_name);
            (file_name, path)
        })
        .find(|(_, path)| !path.exists())
        .ok_or_else(|| {
            Error::InvalidInput(
                "Several backups were just made in this second. Wait a second and try again."
                    .into(),
            )
        })?;
    let made_at = name::parse(&file_name).unwrap_or(now);
    remove_stale_temps(folder);
    let temp_path = folder.join(temp_name()?);
    reserve(&temp_path)?;
    let mut temp = TempFile(Some(temp_path.clone()));

    // What the vault holds and the snapshot are read on the same connection
    // with no write in between (the caller holds the vault), so they
    // describe the same state.
    let expected = verify::expected(live, ring)?;
    let target = temp_path
        .to_str()
        .ok_or_else(|| Error::InvalidInput("The backup folder's path is not valid text.".into()))?;
    live.execute("VACUUM INTO ?1", [target])?;
    sync_file(&temp_path)?;
    restrict(&temp_path);

    before_verify(&temp_path)?;
    let verified = verify::verify_snapshot(live, ring, &temp_path, &expected)?;

    std::fs::rename(&temp_path, &final_path)?;
    temp.0 = None;
    sync_folder(folder)?;
    let bytes = std::fs::metadata(&final_path)?.len();
    Ok(Written {
        file_name,
        made_at,
        bytes,
        verified,
    })
}

fn restrict(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
    }
    #[cfg(not(unix))]
    let _ = path;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_our_temporary_names_are_stale_temps() {
        let ours = temp_name().expect("name");
        assert!(is_stale_temp(&ours));
        assert!(is_stale_temp(&format!("{ours}-journal")));
        for other in [
            "confidant-backup-20261201-090000Z.cfbackup",
            ".confidant-backup-0123456789abcdef.partial.keep",
            ".confidant-backup-0123456789abcdeg.partial",
            ".confidant-backup-0123.partial",
            "notes.partial",
            ".partial",
            ".confidant-backup-ééééééééé.partial",
        ] {
            assert!(!is_stale_temp(other), "{other}");
        }
    }
}
