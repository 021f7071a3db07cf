//! Verifying a backup file: opened read-only, checked by SQLite, compared
//! with the live database, and — when the vault is unlocked — opened with
//! the current keys.
//!
//! What is checked, exactly (the UI and `SECURITY.md` say no more):
//! - always: `PRAGMA integrity_check` is `ok`; the schema version equals
//!   the live one; the vault row names the same vault; at least one key
//!   slot is present; every table has as many rows as the live database had
//!   when the snapshot was taken;
//! - when the vault is unlocked: the current master key opens the data keys
//!   in the snapshot (those not destroyed by an erasure), and the settings
//!   record, the journal entries and the people's records (people, groups,
//!   organisations not erased) in the snapshot open with them — exactly as
//!   many of each as opened in the live database at snapshot time, so a
//!   value already damaged in the vault is copied as it is and counted, and
//!   a value that opens in the vault but not in the copy fails the check.
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
    /// Data keys the current master key opened in the copy.
    pub data_keys: u32,
    /// The settings record (1 when it opened).
    pub settings: u32,
    /// Journal entries that opened.
    pub journal_entries: u32,
    /// People, groups and organisations whose record opened.
    pub people: u32,
    /// Keys and values among these that were already damaged in the vault
    /// itself when the snapshot was taken (copied as they are; 0 normally).
    pub already_damaged: u32,
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

/// What opens in one database with the current master key: its data keys,
/// the settings record, journal entries and people.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Tally {
    keys_opened: u32,
    keys_live: u32,
    settings: u32,
    journal_opened: u32,
    journal_damaged: u32,
    people_opened: u32,
    people_damaged: u32,
}

impl Tally {
    /// The same database with nothing damaged.
    fn whole(&self) -> Tally {
        Tally {
            keys_opened: self.keys_live,
            keys_live: self.keys_live,
            settings: 1,
            journal_opened: self.journal_opened + self.journal_damaged,
            journal_damaged: 0,
            people_opened: self.people_opened + self.people_damaged,
            people_damaged: 0,
        }
    }

    /// Why `self` (the copy) falls short of `expected`, if it does.
    fn shortfall(&self, expected: &Tally) -> Option<String> {
        if (self.keys_opened, self.keys_live) != (expected.keys_opened, expected.keys_live) {
            return Some(format!(
                "the current master key opened {} of the copy's {} data keys (in the vault: {} of {})",
                self.keys_opened, self.keys_live, expected.keys_opened, expected.keys_live
            ));
        }
        if self.settings != expected.settings {
            return Some("the copy's settings record does not open".into());
        }
        if (self.journal_opened, self.journal_damaged)
            != (expected.journal_opened, expected.journal_damaged)
        {
            return Some("a journal entry in the copy does not open".into());
        }
        if (self.people_opened, self.people_damaged)
            != (expected.people_opened, expected.people_damaged)
        {
            return Some("a person's record in the copy does not open".into());
        }
        None
    }

    fn report(&self) -> SealedCheck {
        SealedCheck {
            data_keys: self.keys_opened,
            settings: self.settings,
            journal_entries: self.journal_opened,
            people: self.people_opened,
            already_damaged: self.keys_live.saturating_sub(self.keys_opened)
                + 1u32.saturating_sub(self.settings)
                + self.journal_damaged
                + self.people_damaged,
        }
    }
}

fn small(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Opens what [`Tally`] counts in `conn` with `master` (a copy of it).
fn tally(conn: &Connection, vault_id: &str, master: &SecretKey) -> Result<Tally> {
    let ring = slots::load_ring(conn, vault_id, SecretKey::from_bytes(*master.expose())).map_err(
        |_| failed("the current master key does not open the vault's own keys in the copy"),
    )?;
    let keys_live: i64 = conn.query_row(
        "SELECT count(*) FROM data_keys WHERE wrapped_key IS NOT NULL",
        [],
        |r| r.get(0),
    )?;
    let journal = store::journal::all(conn, &ring)?;
    let journal_opened = small(journal.iter().filter(|e| e.body.is_ok()).count());
    let people = store::people::list::<serde_json::Value>(conn, &ring)?;
    let people_opened = small(people.iter().filter(|p| p.body.is_ok()).count());
    Ok(Tally {
        keys_opened: small(ring.key_count()),
        keys_live: u32::try_from(keys_live).unwrap_or(u32::MAX),
        settings: u32::from(store::settings::read::<serde_json::Value>(conn, &ring).is_ok()),
        journal_opened,
        journal_damaged: small(journal.len()) - journal_opened,
        people_opened,
        people_damaged: small(people.len()) - people_opened,
    })
}

/// What the live database holds at snapshot time: rows per table and,
/// when unlocked, what opens.
pub(super) struct Expected {
    counts: Counts,
    sealed: Option<Tally>,
}

/// Reads [`Expected`] from the live database (just before the snapshot).
pub(super) fn expected(live: &Connection, ring: Option<&KeyRing>) -> Result<Expected> {
    let sealed = match ring {
        Some(ring) => Some(tally(live, ring.vault_id(), ring.master())?),
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

/// The checks that need no key: integrity, schema version, vault row, key
/// slots (their number is returned).
fn check_file(snap: &Connection, vault_id: &str, version: i64) -> Result<u32> {
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
    Ok(small(key_slots))
}

/// With `ring`, what opens in the copy must be what opened in the vault
/// (`expected`), or, with no expectation, everything; `None` without keys.
fn check_sealed(
    snap: &Connection,
    ring: Option<&KeyRing>,
    vault_id: &str,
    expected: Option<&Tally>,
) -> Result<Option<SealedCheck>> {
    let Some(ring) = ring else {
        return Ok(None);
    };
    let copy = tally(snap, vault_id, ring.master())?;
    let expected = expected.copied().unwrap_or_else(|| copy.whole());
    if let Some(why) = copy.shortfall(&expected) {
        return Err(failed(why));
    }
    Ok(Some(copy.report()))
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
    let version = store::schema_version(live)?;
    let snap = open_read_only(path)?;
    let key_slots = check_file(&snap, &vault_id, version)?;
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
/// same checks as at backup time except the comparison with the vault (it
/// may have changed since): with the keys, every data key, the settings,
/// every journal entry and person in the file must open. Opens the file
/// read-only and writes nothing.
pub fn verify_file(vault: &Vault, path: &Path) -> Result<VerifyReport> {
    let (live, ring) = vault.for_backup()?;
    let vault_id = slots::vault_id(live)?.ok_or(Error::NoVault)?;
    let version = store::schema_version(live)?;
    let snap = open_read_only(path)?;
    let key_slots = check_file(&snap, &vault_id, version)?;
    let sealed = check_sealed(&snap, ring, &vault_id, None)?;
    let counts = table_counts(&snap)?;
    Ok(VerifyReport {
        tables: small(counts.len()),
        rows: counts.values().sum(),
        key_slots,
        sealed,
    })
}
