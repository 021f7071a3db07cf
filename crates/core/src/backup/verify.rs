//! Verifying a backup file: opened read-only, checked by SQLite, compared
//! with the live database, and — when the vault is unlocked — every sealed
//! value in it opened with the current keys.
//!
//! What is checked, exactly (the UI and `SECURITY.md` say no more):
//! - always: `PRAGMA integrity_check` is `ok`; the schema version equals
//!   the live one; the table definitions (`sqlite_master`: type, name,
//!   table and SQL text of every table, index and trigger) are the live
//!   database's, word for word; the vault row names the same vault; at
//!   least one key slot is present; every table has as many rows as the
//!   live database had when the snapshot was taken (a backup being made);
//! - when the vault is unlocked: the current master key opens the data keys
//!   in the copy (those not destroyed by an erasure), and every sealed value
//!   of every table in the copy is opened through its table's store
//!   ([`store::open_all`]: the same place, bound columns and key checks as
//!   when the app reads it). While a backup is made, each table must come
//!   out exactly as in the live database at snapshot time — as many values
//!   opened, as many not — so a value already damaged in the vault is
//!   copied as it is and counted, and a value that opens in the vault but
//!   not in the copy fails the check. A backup file checked later
//!   ([`verify_file`]) has nothing to compare with: every value in it must
//!   open. Values of erased people never open (their key was destroyed);
//!   they are counted apart, never as damage.
//!
//! Key slots are not opened: they are sealed under the device key, the
//! passcode and the recovery code, which the check does not hold.

use std::collections::BTreeMap;
use std::path::Path;

use rusqlite::{Connection, OpenFlags};
use serde::{Deserialize, Serialize};

use crate::crypto::SecretKey;
use crate::error::{Error, Result};
use crate::keys::KeyRing;
use crate::store::{self, keys as slots, Census, Opened};
use crate::vault::Vault;

/// Row counts per table, by table name.
pub(super) type Counts = BTreeMap<String, u64>;

/// The sealed values a verification opened (vault unlocked only).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SealedCheck {
    /// Data keys the current master key opened in the copy.
    pub data_keys: u32,
    /// Sealed values that opened with them, all tables together (data keys
    /// not included).
    pub values: u32,
    /// Tables with sealed values that were checked (empty ones too; the
    /// data-key table not included).
    pub tables: u32,
    /// Keys and values that did not open in the copy because they were
    /// already damaged in the vault itself when the snapshot was taken
    /// (copied as they are; 0 normally, and always 0 for a backup file
    /// checked later, where every value must open).
    pub already_damaged: u32,
    /// Values of erased people: their key was destroyed, so they never open
    /// (the exception log's entries and invoices, which are kept).
    pub erased: u32,
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

fn small(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The data-key table's name in the census.
const DATA_KEYS: &str = "data_keys";

/// Opens every sealed value in `conn` with `master` (a copy of it).
fn census(conn: &Connection, vault_id: &str, master: &SecretKey) -> Result<Census> {
    let ring = slots::load_ring(conn, vault_id, SecretKey::from_bytes(*master.expose())).map_err(
        |_| failed("the current master key does not open the vault's own keys in the copy"),
    )?;
    store::open_all(conn, &ring)
}

/// "2 sealed values in the copy's table goals do not open", or the same
/// for several tables; `None` when `short` is empty.
fn not_opening(short: &[(&str, u32)]) -> Option<String> {
    match short {
        [] => None,
        [(table, 1)] => Some(format!(
            "1 sealed value in the copy's table {table} does not open"
        )),
        [(table, n)] => Some(format!(
            "{n} sealed values in the copy's table {table} do not open"
        )),
        many => {
            let list: Vec<String> = many.iter().map(|(t, n)| format!("{n} in {t}")).collect();
            Some(format!(
                "sealed values in {} of the copy's tables do not open: {}",
                many.len(),
                list.join(", ")
            ))
        }
    }
}

/// Why the copy's census falls short of `expected` (the live database's at
/// snapshot time), or — with no expectation — of every value opening.
fn shortfall(copy: &Census, expected: Option<&Census>) -> Option<String> {
    let none = Opened::default();
    let keys = copy.get(DATA_KEYS).copied().unwrap_or_default();
    let keys_expected = match expected {
        Some(live) => live.get(DATA_KEYS).copied().unwrap_or_default(),
        None => Opened {
            opened: keys.opened + keys.damaged,
            damaged: 0,
            erased: keys.erased,
        },
    };
    if keys != keys_expected {
        return Some(format!(
            "the current master key opened {} of the copy's {} data keys (in the vault: {} of {})",
            keys.opened,
            keys.opened + keys.damaged,
            keys_expected.opened,
            keys_expected.opened + keys_expected.damaged
        ));
    }
    let mut tables: Vec<&str> = copy.keys().copied().collect();
    if let Some(live) = expected {
        tables.extend(live.keys().copied().filter(|t| !copy.contains_key(t)));
    }
    let mut short = Vec::new();
    let mut differ = Vec::new();
    for table in tables.into_iter().filter(|t| *t != DATA_KEYS) {
        let found = copy.get(table).copied().unwrap_or(none);
        match expected {
            None if found.damaged > 0 => short.push((table, found.damaged)),
            None => {}
            Some(live) => {
                let want = live.get(table).copied().unwrap_or(none);
                if found.damaged > want.damaged {
                    short.push((table, found.damaged - want.damaged));
                } else if found != want {
                    differ.push(table);
                }
            }
        }
    }
    not_opening(&short).or_else(|| {
        (!differ.is_empty()).then(|| {
            format!(
                "the sealed values of the copy's table(s) {} are not those of the vault",
                differ.join(", ")
            )
        })
    })
}

/// What the copy's census reports.
fn report(copy: &Census) -> SealedCheck {
    let keys = copy.get(DATA_KEYS).copied().unwrap_or_default();
    let values = copy.iter().filter(|(t, _)| **t != DATA_KEYS);
    let (mut opened, mut damaged, mut erased, mut tables) = (0u32, keys.damaged, 0u32, 0u32);
    for (_, o) in values {
        opened += o.opened;
        damaged += o.damaged;
        erased += o.erased;
        tables += 1;
    }
    SealedCheck {
        data_keys: keys.opened,
        values: opened,
        tables,
        already_damaged: damaged,
        erased,
    }
}

/// What the live database holds at snapshot time: rows per table and,
/// when unlocked, what opens in each table.
pub(super) struct Expected {
    counts: Counts,
    sealed: Option<Census>,
}

/// Reads [`Expected`] from the live database (just before the snapshot).
pub(super) fn expected(live: &Connection, ring: Option<&KeyRing>) -> Result<Expected> {
    let sealed = match ring {
        Some(ring) => Some(census(live, ring.vault_id(), ring.master())?),
        None => None,
    };
    Ok(Expected {
        counts: table_counts(live)?,
        sealed,
    })
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

/// Every entry of `sqlite_master` (tables, indexes, triggers, SQLite's own
/// too): type, name, table and SQL text, as stored bytes (text that is not
/// UTF-8 any more is a difference, not a failure to read), in a fixed order.
type Schema = Vec<[Option<Vec<u8>>; 4]>;

fn schema(conn: &Connection) -> rusqlite::Result<Schema> {
    let bytes = |r: &rusqlite::Row<'_>, i: usize| -> rusqlite::Result<Option<Vec<u8>>> {
        Ok(r.get_ref(i)?.as_bytes_or_null()?.map(<[u8]>::to_vec))
    };
    conn.prepare(
        "SELECT type, name, tbl_name, sql FROM sqlite_master \
         ORDER BY CAST(type AS BLOB), CAST(name AS BLOB), CAST(tbl_name AS BLOB)",
    )?
    .query_map([], |r| {
        Ok([bytes(r, 0)?, bytes(r, 1)?, bytes(r, 2)?, bytes(r, 3)?])
    })?
    .collect()
}

/// The checks that need no key: integrity, schema version and text (the
/// same as `live`'s), vault row, key slots (their number is returned).
fn check_file(live: &Connection, snap: &Connection, vault_id: &str) -> Result<u32> {
    let version = store::schema_version(live)?;
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
    let copy_schema =
        schema(snap).map_err(|_| failed("SQLite could not read the copy's table definitions"))?;
    if copy_schema != schema(live)? {
        return Err(failed(
            "the copy's table definitions differ from the vault's",
        ));
    }
    if slots::vault_id(snap)?.as_deref() != Some(vault_id) {
        return Err(failed("the copy does not hold this vault"));
    }
    let key_slots = slots::slots(snap)?.len();
    if key_slots == 0 {
        return Err(failed("the copy has no key slots"));
    }
    Ok(small(key_slots))
}

/// With `ring`, what opens in the copy must be what opened in the vault
/// (`expected`), or, with no expectation, everything; `None` without keys.
fn check_sealed(
    snap: &Connection,
    ring: Option<&KeyRing>,
    vault_id: &str,
    expected: Option<&Census>,
) -> Result<Option<SealedCheck>> {
    let Some(ring) = ring else {
        return Ok(None);
    };
    let copy = census(snap, vault_id, ring.master())?;
    if let Some(why) = shortfall(&copy, expected) {
        return Err(failed(why));
    }
    Ok(Some(report(&copy)))
}

/// Verifies the snapshot at `path` against what the live database held
/// (see the module docs).
pub(super) fn verify_snapshot(
    live: &Connection,
    ring: Option<&KeyRing>,
    path: &Path,
    expected: &Expected,
) -> Result<VerifyReport> {
    let vault_id = slots::vault_id(live)?.ok_or(Error::NoVault)?;
    let snap = open_read_only(path)?;
    let key_slots = check_file(live, &snap, &vault_id)?;
    let counts = table_counts(&snap)?;
    let live_counts = &expected.counts;
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
    let sealed = check_sealed(&snap, ring, &vault_id, expected.sealed.as_ref())?;
    Ok(VerifyReport {
        tables: small(counts.len()),
        rows: counts.values().sum(),
        key_slots,
        sealed,
    })
}

/// Verifies a backup file already written, for `vault` as it is now: the
/// same checks as at backup time except the row counts and the census of
/// the vault (it may have changed since; its schema text may not, at the
/// same schema version): with the keys, every data key and every sealed
/// value in the file must open, but those of erased people. Opens the file
/// read-only and writes nothing.
pub fn verify_file(vault: &Vault, path: &Path) -> Result<VerifyReport> {
    let (live, ring) = vault.for_backup()?;
    let vault_id = slots::vault_id(live)?.ok_or(Error::NoVault)?;
    let snap = open_read_only(path)?;
    let key_slots = check_file(live, &snap, &vault_id)?;
    let sealed = check_sealed(&snap, ring, &vault_id, None)?;
    let counts = table_counts(&snap)?;
    Ok(VerifyReport {
        tables: small(counts.len()),
        rows: counts.values().sum(),
        key_slots,
        sealed,
    })
}

/// Opens every sealed value of the backup file at `path` with the vault's
/// current keys and counts, table by table, what opened (the census the
/// checks above compare). The file is opened read-only; nothing else is
/// checked.
///
/// Errors: [`Error::Locked`] when the vault is locked;
/// [`Error::BackupNotVerified`] when the file is not a database or the
/// current master key does not open its data keys.
pub fn census_file(vault: &Vault, path: &Path) -> Result<Census> {
    let (live, ring) = vault.for_backup()?;
    let ring = ring.ok_or(Error::Locked)?;
    let vault_id = slots::vault_id(live)?.ok_or(Error::NoVault)?;
    let snap = open_read_only(path)?;
    census(&snap, &vault_id, ring.master())
}
