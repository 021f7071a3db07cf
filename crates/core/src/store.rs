//! The SQLite file: opening it with the storage pragmas, and migrations.
//!
//! Migrations are numbered SQL files compiled into the binary. Each one is
//! applied together with its `PRAGMA user_version` bump inside a single
//! `BEGIN IMMEDIATE` transaction, so a crash leaves the schema either fully
//! at the old version or fully at the new one. Shipped migrations are never
//! edited; a change is a new file.

use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use crate::error::{Error, Result};

/// The migrations, in order. Index + 1 is the schema version it produces.
pub const MIGRATIONS: &[&str] = &[
    include_str!("../migrations/0001_init.sql"),
    include_str!("../migrations/0002_people.sql"),
    include_str!("../migrations/0003_schedule.sql"),
    include_str!("../migrations/0004_agreements.sql"),
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
    Ok(())
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
        let fk: i64 = conn
            .query_row("PRAGMA foreign_key_check", [], |r| r.get(0))
            .unwrap_or(0);
        assert_eq!(fk, 0);
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
        let mode: String = conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .expect("mode");
        assert_eq!(mode, "wal");
    }
}
