//! Storage: the SQLite file, its pragmas and migrations, and one module per
//! table family. The modules below are the only code that writes SQL or
//! seals and opens rows; each owns the AAD context of its columns and binds
//! the meaningful plaintext columns of its rows (kind, status, owner,
//! timestamps) into that context, so that a column edited on disk makes
//! that one record fail its integrity check.
//!
//! | module | tables |
//! |---|---|
//! | [`keys`] | `vault`, `keyslots`, `data_keys` |
//! | [`settings`] | `settings` |
//! | [`journal`] | `journal_entries` |
//! | [`people`] | `people` |
//! | [`agreements`] | `agreements` |
//! | [`schedule`] | `session_series`, `session_overrides` |
//! | [`exception_log`] | `exception_entries`, `exception_addenda` |
//! | [`contacts`] | `contact_notes` |
//! | [`goals`] | `skills`, `goals`, `goal_check_ins`, `development_stages`, `coaching_records` |
//! | [`hours_profiles`] | `hours_profiles`, `hours_profile_choices`, `hours_profile_seeds` |
//! | [`records`] | `session_records`, `record_addenda`, `action_items`, `agendas` |
//! | [`hours`] | `hours_manual_entries`, `hours_practice_weeks`, `hours_adjustments`, `hours_reviews`, `hours_their_counts`, `hours_accepted`, `hours_sign_offs` |
//! | [`evaluations`] | `competency_areas`, `evaluations`, `supervision_checks`, `endings` |
//! | [`retention`] | `retention_policy` |
//! | [`invoices`] | `invoices`, `invoice_counter` |
//! | [`packets`] | `packet_identity`, `packet_peers`, `shared_items`, `packets_imported` |
//! | [`journal_flags`] | `journal_flags` |
//! | [`wellbeing`] | `wellbeing_checkins`, `proqol_results` |
//! | [`audit`] | `audit_log`, `audit_head` |
//!
//! [`open_all`] asks every one of them to open each sealed value it holds
//! (backup verification): the [`Census`] says, table by table, how many
//! opened and how many did not.
//!
//! Migrations are numbered SQL files compiled into the binary. Each one is
//! applied together with its `PRAGMA user_version` bump inside a single
//! `BEGIN IMMEDIATE` transaction, so a crash leaves the schema either fully
//! at the old version or fully at the new one. Shipped migrations are never
//! edited; a change is a new file.

pub mod agreements;
pub mod audit;
pub mod contacts;
pub mod evaluations;
pub mod exception_log;
pub mod goals;
pub mod hours;
pub mod hours_profiles;
pub mod invoices;
pub mod journal;
pub mod journal_flags;
pub mod keys;
pub mod packets;
pub mod people;
pub mod records;
pub mod retention;
pub mod schedule;
pub mod settings;
pub mod wellbeing;

use std::collections::BTreeMap;
use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use crate::error::{Error, Result};
use crate::keys::KeyRing;

/// Largest size the WAL file is truncated back to after a checkpoint (bytes).
/// Without a limit the `-wal` file keeps its high-water size, and the frames
/// in it keep old page images (deleted entries, replaced key slots) that
/// `secure_delete` does not reach.
pub const JOURNAL_SIZE_LIMIT: i64 = 1024 * 1024;

/// The migrations, in order. Index + 1 is the schema version it produces.
pub const MIGRATIONS: &[&str] = &[
    include_str!("../../migrations/0001_init.sql"),
    include_str!("../../migrations/0002_people.sql"),
    include_str!("../../migrations/0003_schedule.sql"),
    include_str!("../../migrations/0004_agreements.sql"),
    include_str!("../../migrations/0005_records.sql"),
    include_str!("../../migrations/0006_paper_trail.sql"),
    include_str!("../../migrations/0007_goals.sql"),
    include_str!("../../migrations/0008_hours.sql"),
    include_str!("../../migrations/0009_hours_profiles.sql"),
    include_str!("../../migrations/0010_evaluations.sql"),
    include_str!("../../migrations/0011_invoices.sql"),
    include_str!("../../migrations/0012_retention.sql"),
    include_str!("../../migrations/0013_journal_flags.sql"),
    include_str!("../../migrations/0014_wellbeing.sql"),
    include_str!("../../migrations/0015_packets.sql"),
    include_str!("../../migrations/0016_audit.sql"),
];

/// Schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// The database file name inside the data folder.
pub const DB_FILE: &str = "confidant.db";

/// Opens (creating if `create`) the database at `path`, applies the pragmas
/// and brings the schema up to date.
///
/// Errors: [`Error::CorruptDatabase`] when the file is not a SQLite
/// database, [`Error::SchemaTooNew`] when a newer Confidant wrote it (the
/// file is left untouched).
pub fn open(path: &Path, create: bool) -> Result<Connection> {
    let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    if create {
        flags |= OpenFlags::SQLITE_OPEN_CREATE;
    }
    let mut conn = Connection::open_with_flags(path, flags)?;
    configure(&conn)?;
    migrate(&mut conn)?;
    Ok(conn)
}

/// An in-memory database with the full schema (tests and benchmarks).
pub fn open_in_memory() -> Result<Connection> {
    let mut conn = Connection::open_in_memory()?;
    configure(&conn)?;
    migrate(&mut conn)?;
    Ok(conn)
}

/// Applies the storage policy pragmas. Reading `journal_mode` also makes
/// SQLite read the header, so a file that is not a database fails here.
pub fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") && !mode.eq_ignore_ascii_case("memory") {
        return Err(Error::Internal(format!(
            "could not enable WAL (got {mode})"
        )));
    }
    conn.execute_batch(
        "PRAGMA synchronous = FULL;
         PRAGMA foreign_keys = ON;
         PRAGMA secure_delete = ON;
         PRAGMA temp_store = MEMORY;
         PRAGMA trusted_schema = OFF;",
    )?;
    conn.pragma_update(None, "journal_size_limit", JOURNAL_SIZE_LIMIT)?;
    Ok(())
}

/// Copies every committed page from the WAL into the database file and
/// truncates the WAL to zero bytes, so old page images in `-wal` frames
/// (deleted rows, replaced key slots) are gone from disk. Called after
/// deletes, after key-slot changes and on lock. With `secure_delete` the
/// freed pages in the main file are zeroed too. A reader holding an old
/// snapshot can make the checkpoint partial; the app has no other reader,
/// and a partial checkpoint is reported as an error rather than ignored.
pub fn checkpoint(conn: &Connection) -> Result<()> {
    let (busy, _log, _done): (i64, i64, i64) =
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?;
    if busy != 0 {
        return Err(Error::Internal(
            "the database was busy, so deleted data could not yet be wiped from the write-ahead log"
                .into(),
        ));
    }
    Ok(())
}

/// Runs `f` in one `BEGIN IMMEDIATE` transaction: committed when it returns
/// `Ok`, rolled back otherwise.
pub fn write<T>(
    conn: &mut Connection,
    f: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<T>,
) -> Result<T> {
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let out = f(&tx)?;
    tx.commit()?;
    Ok(out)
}

/// The schema version recorded in the file.
pub fn schema_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// Brings the schema up to [`SCHEMA_VERSION`], one atomic step per migration.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    let found = schema_version(conn)?;
    if found > SCHEMA_VERSION {
        return Err(Error::SchemaTooNew {
            found,
            supported: SCHEMA_VERSION,
        });
    }
    if found < 0 {
        return Err(Error::CorruptDatabase(format!("schema version {found}")));
    }
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let version = index as i64 + 1;
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        // Re-check inside the write lock: another process may have migrated.
        let current: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if current >= version {
            continue;
        }
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", version)?;
        tx.commit()?;
    }
    Ok(())
}

/// What opening every sealed value of one table found.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Opened {
    /// Values that opened (authentic, in their place, under the right key).
    pub opened: u32,
    /// Values that did not open: damaged, moved, or sealed under a key
    /// missing from the ring.
    pub damaged: u32,
    /// Values of people (groups, organisations) erased: their key was
    /// destroyed, so they can never open, by design (the rows the
    /// exception log and gap-free invoice numbering keep).
    pub erased: u32,
}

impl Opened {
    /// Every value of the table, whatever became of it.
    pub fn total(&self) -> u32 {
        self.opened + self.damaged + self.erased
    }
}

/// Table name → what opening its sealed values found.
pub type Census = BTreeMap<&'static str, Opened>;

/// Counts one value of `table` in `census`: opened when `opened`, else
/// erased when it belongs to `subject` and that person was erased, else
/// damaged.
pub(crate) fn tally(
    census: &mut Census,
    ring: &KeyRing,
    table: &'static str,
    subject: Option<&str>,
    opened: bool,
) {
    let entry = census.entry(table).or_default();
    if opened {
        entry.opened += 1;
    } else if subject.is_some_and(|s| ring.is_erased(s)) {
        entry.erased += 1;
    } else {
        entry.damaged += 1;
    }
}

/// Reads every row `sql` selects (with `map`) and counts it in `census`
/// under `table` as `open` finds it: the person it belongs to (if any) and
/// whether its sealed value opened. The table gets an entry even when empty.
pub(crate) fn census_rows<R>(
    conn: &Connection,
    ring: &KeyRing,
    census: &mut Census,
    table: &'static str,
    sql: &str,
    map: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<R>,
    mut open: impl FnMut(R) -> (Option<String>, bool),
) -> Result<()> {
    census.entry(table).or_default();
    let rows = conn
        .prepare(sql)?
        .query_map([], map)?
        .collect::<rusqlite::Result<Vec<R>>>()?;
    for row in rows {
        let (subject, opened) = open(row);
        tally(census, ring, table, subject.as_deref(), opened);
    }
    Ok(())
}

/// Counts rows a store has already read and opened (`(person, opened)`
/// each) in `census` under `table`, which gets an entry even when empty.
pub(crate) fn tally_rows<'a>(
    census: &mut Census,
    ring: &KeyRing,
    table: &'static str,
    rows: impl IntoIterator<Item = (Option<&'a str>, bool)>,
) {
    census.entry(table).or_default();
    for (subject, opened) in rows {
        tally(census, ring, table, subject, opened);
    }
}

/// Opens every sealed value of every table with `ring`, through each
/// table's own store (the same context and key checks as when reading it),
/// and counts what opened. A value that does not open is counted, never an
/// error; only a failed query is. Every table with sealed values has an
/// entry, empty ones too. Key slots are not here: they are sealed under
/// keys the ring does not hold (the device key, the passcode, the recovery
/// code).
pub fn open_all(conn: &Connection, ring: &KeyRing) -> Result<Census> {
    let mut census = Census::new();
    let c = &mut census;
    keys::open_all(conn, ring, c)?;
    settings::open_all(conn, ring, c)?;
    journal::open_all(conn, ring, c)?;
    journal_flags::open_all(conn, ring, c)?;
    wellbeing::open_all(conn, ring, c)?;
    people::open_all(conn, ring, c)?;
    agreements::open_all(conn, ring, c)?;
    schedule::open_all(conn, ring, c)?;
    records::open_all(conn, ring, c)?;
    exception_log::open_all(conn, ring, c)?;
    contacts::open_all(conn, ring, c)?;
    goals::open_all(conn, ring, c)?;
    hours::open_all(conn, ring, c)?;
    hours_profiles::open_all(conn, ring, c)?;
    evaluations::open_all(conn, ring, c)?;
    invoices::open_all(conn, ring, c)?;
    retention::open_all(conn, ring, c)?;
    packets::open_all(conn, ring, c)?;
    audit::open_all(conn, ring, c)?;
    Ok(census)
}

/// Unix milliseconds of a timestamp.
pub fn to_millis(t: chrono::DateTime<chrono::Utc>) -> i64 {
    t.timestamp_millis()
}

/// A timestamp from unix milliseconds; out-of-range values are a damaged row.
pub fn from_millis(ms: i64) -> Result<chrono::DateTime<chrono::Utc>> {
    chrono::DateTime::from_timestamp_millis(ms)
        .ok_or_else(|| Error::Integrity(format!("a stored timestamp ({ms})")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_validate_on_a_fresh_database() {
        let conn = open_in_memory().expect("open");
        assert_eq!(schema_version(&conn).expect("version"), SCHEMA_VERSION);
        // foreign_key_check returns one row per violation and none when the
        // schema is consistent: count them.
        let mut stmt = conn.prepare("PRAGMA foreign_key_check").expect("fk");
        let violations = stmt.query_map([], |_| Ok(())).expect("fk").count();
        assert_eq!(violations, 0);
        let ok: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .expect("check");
        assert_eq!(ok, "ok");
    }

    #[test]
    fn each_migration_applies_atomically_from_every_earlier_version() {
        for start in 0..SCHEMA_VERSION {
            let mut conn = Connection::open_in_memory().expect("open");
            for (i, sql) in MIGRATIONS.iter().enumerate().take(start as usize) {
                conn.execute_batch(sql).expect("apply");
                conn.pragma_update(None, "user_version", i as i64 + 1)
                    .expect("bump");
            }
            migrate(&mut conn).expect("migrate");
            assert_eq!(schema_version(&conn).expect("v"), SCHEMA_VERSION);
        }
    }

    #[test]
    fn a_failing_migration_leaves_the_version_unchanged() {
        let mut conn = Connection::open_in_memory().expect("open");
        // Pre-create a table the first migration creates, so it fails midway.
        conn.execute_batch("CREATE TABLE journal_entries (x)")
            .expect("setup");
        assert!(migrate(&mut conn).is_err());
        assert_eq!(schema_version(&conn).expect("v"), 0);
        let vault_tables: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name = 'vault'",
                [],
                |r| r.get(0),
            )
            .expect("count");
        assert_eq!(vault_tables, 0, "the partial migration was rolled back");
    }

    #[test]
    fn newer_schema_is_refused_untouched() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join(DB_FILE);
        {
            let conn = open(&path, true).expect("open");
            conn.pragma_update(None, "user_version", SCHEMA_VERSION + 5)
                .expect("bump");
        }
        match open(&path, false) {
            Err(Error::SchemaTooNew { found, supported }) => {
                assert_eq!(found, SCHEMA_VERSION + 5);
                assert_eq!(supported, SCHEMA_VERSION);
            }
            other => panic!("expected SchemaTooNew, got {:?}", other.err()),
        }
    }

    #[test]
    fn foreign_key_check_counts_violations() {
        // The check above must be able to fail: a dangling reference is seen.
        let conn = open_in_memory().expect("open");
        conn.execute_batch(
            "PRAGMA foreign_keys = OFF;
             INSERT INTO people (id, kind, key_id, created_at, updated_at, body)
             VALUES ('p', 'person', 'no-such-key', 0, 0, x'00');",
        )
        .expect("insert");
        let mut stmt = conn.prepare("PRAGMA foreign_key_check").expect("fk");
        assert_eq!(stmt.query_map([], |_| Ok(())).expect("fk").count(), 1);
    }

    #[test]
    fn checkpoint_truncates_the_wal() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join(DB_FILE);
        let conn = open(&path, true).expect("open");
        conn.execute(
            "INSERT INTO journal_entries (id, created_at, updated_at, body) VALUES ('a', 0, 0, x'00')",
            [],
        )
        .expect("insert");
        let wal = dir.path().join(format!("{DB_FILE}-wal"));
        assert!(std::fs::metadata(&wal).expect("wal").len() > 0);
        checkpoint(&conn).expect("checkpoint");
        assert_eq!(std::fs::metadata(&wal).expect("wal").len(), 0);
    }

    #[test]
    fn a_file_that_is_not_a_database_is_reported_as_corrupt() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join(DB_FILE);
        std::fs::write(&path, vec![0x5au8; 8192]).expect("write");
        assert!(matches!(open(&path, false), Err(Error::CorruptDatabase(_))));
    }

    #[test]
    fn pragmas_are_applied() {
        let dir = tempfile::tempdir().expect("tmp");
        let conn = open(&dir.path().join(DB_FILE), true).expect("open");
        let get = |p: &str| -> i64 {
            conn.query_row(&format!("PRAGMA {p}"), [], |r| r.get(0))
                .expect("pragma")
        };
        assert_eq!(get("synchronous"), 2, "FULL");
        assert_eq!(get("foreign_keys"), 1);
        assert_eq!(get("secure_delete"), 1);
        assert_eq!(get("temp_store"), 2, "MEMORY");
        assert_eq!(get("journal_size_limit"), JOURNAL_SIZE_LIMIT);
        let mode: String = conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .expect("mode");
        assert_eq!(mode, "wal");
    }
}
