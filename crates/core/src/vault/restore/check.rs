//! The hostile-file checks of a restore: the backup is copied, bounded,
//! into a temporary file in the data folder and only the copy is checked
//! and opened (see the parent module for the list).

use std::fs::{File, OpenOptions};
use std::io::Read;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};
use uuid::Uuid;

use super::{BACKUP_MAX_BYTES, TMP_PREFIX};
use crate::error::{Error, Result};
use crate::files;
use crate::store::keys::{self as slots, SlotKind};
use crate::store::{self, SCHEMA_VERSION};
use crate::vault::find_slot;

const WHAT: &str = "The backup file";
const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

pub(super) fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_os_string();
    s.push(suffix);
    PathBuf::from(s)
}

fn damaged(detail: impl std::fmt::Display) -> Error {
    Error::InvalidInput(format!(
        "The backup file is damaged and cannot be restored ({detail}). Nothing was changed."
    ))
}

fn not_a_backup() -> Error {
    Error::InvalidInput(
        "This file is not a Confidant backup. Choose a file ending in .cfbackup. Nothing was changed."
            .into(),
    )
}

/// The checked copy of a backup in the data folder, opened; removed when
/// dropped (the connection closes first: fields drop in order).
pub(super) struct CheckedCopy {
    pub(super) conn: Connection,
    pub(super) vault_id: String,
    pub(super) size: u64,
    file: TempFile,
}

/// A temporary file, removed with its SQLite side files when dropped
/// unless it was put in place.
pub(super) struct TempFile(Option<PathBuf>);

impl TempFile {
    pub(super) fn path(&self) -> &Path {
        self.0.as_deref().unwrap_or(Path::new(""))
    }
    /// The file was renamed into place: nothing to remove.
    pub(super) fn disarm(&mut self) {
        self.0 = None;
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if let Some(path) = self.0.take() {
            for suffix in ["", "-wal", "-shm", "-journal"] {
                let _ = std::fs::remove_file(with_suffix(&path, suffix));
            }
        }
    }
}

impl CheckedCopy {
    /// Checkpoints and closes the copy and flushes it to disk. The returned
    /// guard still removes it unless disarmed.
    pub(super) fn close(self) -> Result<TempFile> {
        let CheckedCopy { conn, file, .. } = self;
        let closed = store::checkpoint(&conn).and_then(|()| {
            conn.close().map_err(|(conn, e)| {
                drop(conn);
                Error::from(e)
            })
        });
        closed?;
        crate::files::sync_file(file.path())?;
        for suffix in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(with_suffix(file.path(), suffix));
        }
        Ok(file)
    }
}

/// Copies the backup at `source` into a temporary file in `data_dir` and
/// checks the copy (see the module documentation).
pub(super) fn copy_checked(source: &Path, data_dir: &Path) -> Result<CheckedCopy> {
    let (file, meta) = files::open_regular_file(source, WHAT)?;
    let too_large = |size: u64| Error::TooLarge {
        what: WHAT,
        size: usize::try_from(size).unwrap_or(usize::MAX),
        limit: usize::try_from(BACKUP_MAX_BYTES).unwrap_or(usize::MAX),
    };
    if meta.len() > BACKUP_MAX_BYTES {
        return Err(too_large(meta.len()));
    }
    let path = data_dir.join(format!("{TMP_PREFIX}{}.tmp", Uuid::new_v4().simple()));
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut out = options.open(&path)?;
    let file_guard = TempFile(Some(path.clone()));
    let size = std::io::copy(&mut file.take(BACKUP_MAX_BYTES + 1), &mut out)?;
    if size > BACKUP_MAX_BYTES {
        return Err(too_large(size));
    }
    out.sync_all()?;
    drop(out);
    check_header(&path, size)?;
    let (conn, vault_id) = check_database(&path)?;
    Ok(CheckedCopy {
        conn,
        vault_id,
        size,
        file: file_guard,
    })
}

/// The SQLite header, and a length at least what the header promises.
fn check_header(path: &Path, size: u64) -> Result<()> {
    let mut header = [0u8; 100];
    let mut file = File::open(path)?;
    if size < 100 || file.read_exact(&mut header).is_err() || &header[..16] != SQLITE_MAGIC {
        return Err(not_a_backup());
    }
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65_536,
        n => u64::from(n),
    };
    let change_counter = &header[24..28];
    let valid_for = &header[92..96];
    let pages = u64::from(u32::from_be_bytes([
        header[28], header[29], header[30], header[31],
    ]));
    if change_counter == valid_for && page_size.saturating_mul(pages) > size {
        return Err(damaged(
            "it ends early; it may have been cut short while copying",
        ));
    }
    Ok(())
}

/// Schema version, integrity, migration, the vault row and the recovery
/// slot, on the copy.
fn check_database(path: &Path) -> Result<(Connection, String)> {
    let version = {
        let raw = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(damaged)?;
        raw.execute_batch("PRAGMA trusted_schema = OFF;")
            .map_err(damaged)?;
        let version: i64 = raw
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(damaged)?;
        if version > SCHEMA_VERSION {
            return Err(newer(version));
        }
        if version < 1 {
            return Err(not_a_backup());
        }
        let verdict: Vec<String> = raw
            .prepare("PRAGMA integrity_check(20)")
            .and_then(|mut s| {
                s.query_map([], |r| r.get::<_, String>(0))?
                    .collect::<rusqlite::Result<Vec<_>>>()
            })
            .map_err(damaged)?;
        if verdict != ["ok"] {
            return Err(damaged(verdict.join("; ")));
        }
        version
    };
    let conn = store::open(path, false).map_err(|e| match e {
        Error::SchemaTooNew { .. } => newer(version),
        other => damaged(other),
    })?;
    let vault_id = match slots::vault_id(&conn) {
        Ok(Some(id)) => id,
        Ok(None) => {
            return Err(Error::InvalidInput(
                "This backup holds no vault (it was made before a vault was created). Nothing was changed."
                    .into(),
            ))
        }
        Err(Error::SchemaTooNew { found, .. }) => return Err(newer(found)),
        Err(e) => return Err(damaged(e)),
    };
    let all = slots::slots(&conn).map_err(damaged)?;
    if find_slot(&all, SlotKind::Recovery).is_none() {
        return Err(damaged(
            "it has no recovery key slot, so no recovery code can open it",
        ));
    }
    Ok((conn, vault_id))
}

fn newer(found: i64) -> Error {
    Error::InvalidInput(format!(
        "This backup was made by a newer version of Confidant (schema {found}; this version \
         understands up to {SCHEMA_VERSION}). Update Confidant, then restore it. Nothing was changed."
    ))
}
