//! SQLite's whole-file check (`file_check::check_file`): a vault as the app
//! leaves it passes; one byte changed inside an index — damage no record's
//! own integrity check can see, since the rows still open — is reported
//! with SQLite's words, and the file is only read.

mod common;

use chrono::{TimeZone, Utc};
use confidant_core::file_check::{check_file, FileCheck, FileCheckState};
use confidant_core::journal::Journal;
use confidant_core::store::DB_FILE;
use confidant_core::vault::Role;
use rusqlite::Connection;

#[test]
fn a_vault_as_the_app_leaves_it_passes() {
    let now = Utc
        .with_ymd_and_hms(2026, 12, 1, 9, 0, 0)
        .single()
        .expect("time");
    let (dir, mut v) = common::unlocked_vault(Role::Supervisee, now);
    for i in 0..20 {
        Journal::of(&mut v)
            .create(&format!("Entry {i} about supervision."), now)
            .expect("entry");
    }
    // While the vault is open (the app checks in the background).
    assert_eq!(check_file(&dir.path().join(DB_FILE)).expect("check"), None);
    let done = FileCheck::from_outcome(Ok(None), now);
    assert_eq!(done.state, FileCheckState::Ok);
}

#[test]
fn a_changed_byte_in_an_index_is_reported_and_the_file_is_not_written() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("damaged.db");
    let page_size: u64;
    let root: u64;
    {
        let conn = Connection::open(&db).expect("db");
        conn.execute_batch(
            "CREATE TABLE t (id INTEGER PRIMARY KEY, k TEXT NOT NULL);
             CREATE INDEX t_k ON t (k);",
        )
        .expect("schema");
        for i in 0..40 {
            conn.execute("INSERT INTO t (k) VALUES (?1)", [format!("key-{i:04}")])
                .expect("row");
        }
        page_size = conn
            .query_row("PRAGMA page_size", [], |r| r.get::<_, i64>(0))
            .expect("page size") as u64;
        root = conn
            .query_row(
                "SELECT rootpage FROM sqlite_master WHERE name = 't_k'",
                [],
                |r| r.get::<_, i64>(0),
            )
            .expect("root") as u64;
    }
    assert_eq!(
        check_file(&db).expect("check"),
        None,
        "the file starts whole"
    );

    // The index's cells sit at the end of its page: change one key byte.
    let mut bytes = std::fs::read(&db).expect("read");
    let at = (root * page_size - 4) as usize;
    bytes[at] ^= 0x01;
    std::fs::write(&db, &bytes).expect("write");

    let problem = check_file(&db)
        .expect("the check runs")
        .expect("damage found");
    assert!(problem.contains("t_k"), "SQLite names the index: {problem}");
    assert_eq!(
        std::fs::read(&db).expect("read"),
        bytes,
        "the check only reads"
    );
    let now = Utc
        .with_ymd_and_hms(2026, 12, 1, 9, 0, 0)
        .single()
        .expect("time");
    let damaged = FileCheck::from_outcome(Ok(Some(problem.clone())), now);
    assert_eq!(damaged.state, FileCheckState::Damaged);
    assert_eq!(damaged.problem, Some(problem));
}

#[test]
fn a_file_that_cannot_be_read_is_an_error_not_a_pass() {
    let dir = tempfile::tempdir().expect("tmp");
    let outcome = check_file(&dir.path().join("missing.db"));
    assert!(outcome.is_err());
    let now = Utc
        .with_ymd_and_hms(2026, 12, 1, 9, 0, 0)
        .single()
        .expect("time");
    assert_eq!(
        FileCheck::from_outcome(outcome, now).state,
        FileCheckState::Failed
    );
}
