//! Verifying a backup file: opened read-only, checked by SQLite, compared
//! with the live database, and — when the vault is unlocked — opened with
//! the current keys.
//!
//! What is checked, exactly (the UI and `SECURITY.md` say no more):
//! - always: `PRAGMA integrity_check` is `ok`; the schema version equals
//!   the live one; the vault row names the same vault; at least one key
//!   slot is present; every table has as many rows as the live database had
//!   when the snapshot was taken;
//! - when the vault is unlocked: the current master key opens every data
//!   key in the snapshot that was not destroyed by an erasure, and the
//!   settings record, every journal entry and every person's record (people,
//!   groups, organisations not erased) in the snapshot open with them.
//!   Other tables' sealed values are not opened by this check.

use std::collections::BTreeMap;
use std::path::Path;

use rusqlite::{Connection, OpenFlags};
use serde::{Deserialize, Serialize};

use crate::crypto::SecretKey;
use crate::error::{Error, Result};
use crate::keys::KeyRing;
use crate::store::{self, keys as slots};
use crate::vault::Vault;

/// Row counts per table, by table name.
pub(super) type Counts = BTreeMap<String, u64>;

/// The sealed values a verification opened (vault unlocked only).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SealedCheck {
    /// Data keys the current master key opened (all live ones in the file).
    pub data_keys: u32,
    /// The settings record (1 when present).
    pub settings: u32,
    /// Journal entries opened.
    pub journal_entries: u32,
    /// People, groups and organisations whose record opened.
    pub people: u32,
}

/// What a verification found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct VerifyReport {
    /// Tables whose rows were counted.
    pub tables: u32,
    /// Rows in the file, all tables together.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub rows: u64,
    /// Key slots in the file.
    pub key_slots: u32,
    /// The sealed values opened with the current keys; `None` when the
    /// vault was locked, so no key was available and none was checked.
    pub sealed: Option<SealedCheck>,
}

fn failed(why: impl Into<String>) -> Error {
    Error::BackupNotVerified(why.into())
}

/// Rows per table of `conn` (SQLite's own tables left out).
pub(super) fn table_counts(conn: &Connection) -> Result<Counts> {
    let mut stmt = conn.prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )?;
    let names = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut counts = Counts::new();
    for name in names {
        let quoted = name.replace('"', "\"\"");
        let n: i64 = conn.query_row(&format!("SELECT count(*) FROM \"{quoted}\""), [], |r| {
            r.get(0)
        })?;
        counts.insert(name, u64::try_from(n).unwrap_or(0));
    }
    Ok(counts)
}

/// Opens a backup file read-only, without creating any side file.
fn open_read_only(path: &Path) -> Result<Connection> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|_| failed("the copy could not be opened as a database"))?;
    conn.execute_batch("PRAGMA trusted_schema = OFF;")
        .map_err(|_| failed("the copy could not be opened as a database"))?;
    Ok(conn)
}

/// The checks that need no live database: integrity, schema version, vault
/// row, key slots, and the keys when `ring` is given.
fn check_file(
    snap: &Connection,
    ring: Option<&KeyRing>,
    vault_id: &str,
    version: i64,
) -> Result<(u32, Option<SealedCheck>)> {
    let integrity: String = snap
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(|_| failed("SQLite could not check the copy"))?;
    if integrity != "ok" {
        return Err(failed("the copy failed SQLite's integrity check"));
    }
    let found = store::schema_version(snap)?;
    if found != version {
        return Err(failed(format!(
            "the copy has schema version {found}, the vault {version}"
        )));
    }
    if slots::vault_id(snap)?.as_deref() != Some(vault_id) {
        return Err(failed("the copy does not hold this vault"));
    }
    let key_slots = slots::slots(snap)?.len();
    if key_slots == 0 {
        return Err(failed("the copy has no key slots"));
    }
    let sealed = match ring {
        Some(ring) => Some(open_sealed(snap, ring, vault_id)?),
        None => None,
    };
    Ok((u32::try_from(key_slots).unwrap_or(u32::MAX), sealed))
}

/// Opens the key hierarchy and the covered tables of the snapshot with the
/// current master key (the snapshot's own data keys, not the live ones).
fn open_sealed(snap: &Connection, live: &KeyRing, vault_id: &str) -> Result<SealedCheck> {
    let master = SecretKey::from_bytes(*live.master().expose());
    let ring = slots::load_ring(snap, vault_id, master)
        .map_err(|_| failed("the current master key does not open the copy's vault keys"))?;
    let wrapped: i64 = snap.query_row(
        "SELECT count(*) FROM data_keys WHERE wrapped_key IS NOT NULL",
        [],
        |r| r.get(0),
    )?;
    if ring.key_count() as i64 != wrapped {
        return Err(failed(format!(
            "the current master key opened {} of the copy's {wrapped} data keys",
            ring.key_count()
        )));
    }
    store::settings::read::<serde_json::Value>(snap, &ring)
        .map_err(|_| failed("the copy's settings record does not open"))?;
    let mut journal_entries = 0u32;
    for entry in store::journal::all(snap, &ring)? {
        entry
            .body
            .map_err(|_| failed("a journal entry in the copy does not open"))?;
        journal_entries += 1;
    }
    let mut people = 0u32;
    for person in store::people::list::<serde_json::Value>(snap, &ring)? {
        person
            .body
            .map_err(|_| failed("a person's record in the copy does not open"))?;
        people += 1;
    }
    Ok(SealedCheck {
        data_keys: u32::try_from(wrapped).unwrap_or(u32::MAX),
        settings: 1,
        journal_entries,
        people,
    })
}

/// Verifies the snapshot at `path` against `live` (see the module docs).
pub(super) fn verify_snapshot(
    live: &Connection,
    ring: Option<&KeyRing>,
    path: &Path,
    live_counts: &Counts,
) -> Result<VerifyReport> {
    let vault_id = slots::vault_id(live)?.ok_or(Error::NoVault)?;
    let version = store::schema_version(live)?;
    let snap = open_read_only(path)?;
    let (key_slots, sealed) = check_file(&snap, ring, &vault_id, version)?;
    let counts = table_counts(&snap)?;
    if &counts != live_counts {
        let differs = live_counts
            .iter()
            .filter(|(t, n)| counts.get(*t) != Some(n))
            .count()
            + counts
                .keys()
                .filter(|t| !live_counts.contains_key(*t))
                .count();
        return Err(failed(format!(
            "{differs} table(s) in the copy have a different number of rows from the vault"
        )));
    }
    Ok(VerifyReport {
        tables: u32::try_from(counts.len()).unwrap_or(u32::MAX),
        rows: counts.values().sum(),
        key_slots,
        sealed,
    })
}

/// Verifies a backup file already written, for `vault` as it is now: the
/// same checks as at backup time except the row counts (the vault may have
/// changed since). Opens the file read-only and writes nothing.
pub fn verify_file(vault: &Vault, path: &Path) -> Result<VerifyReport> {
    let (live, ring) = vault.for_backup()?;
    let vault_id = slots::vault_id(live)?.ok_or(Error::NoVault)?;
    let version = store::schema_version(live)?;
    let snap = open_read_only(path)?;
    let (key_slots, sealed) = check_file(&snap, ring, &vault_id, version)?;
    let counts = table_counts(&snap)?;
    Ok(VerifyReport {
        tables: u32::try_from(counts.len()).unwrap_or(u32::MAX),
        rows: counts.values().sum(),
        key_slots,
        sealed,
    })
}
