//! Fixtures for the restore tests: a source vault with a journal entry, a
//! person and a session record; backups made with `VACUUM INTO` exactly as
//! the backup module makes them; snapshots of a data folder; a target
//! vault and the check that a refused restore changed nothing.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, NaiveDateTime, TimeZone, Utc};
use confidant_core::journal::Journal;
use confidant_core::keychain::MemoryKeychain;
use confidant_core::people::PersonKind;
use confidant_core::records::Records;
use confidant_core::schedule::{
    OccurrenceKey, Pattern, Recurrence, RecurrenceEnd, ReminderSetting, Schedule, SeriesInput,
    SessionKind, SessionStatus, Weekday,
};
use confidant_core::store::DB_FILE;
use confidant_core::vault::{Role, Vault, VaultState};
use confidant_core::Error;
use rusqlite::Connection;

#[path = "../records_fixture/mod.rs"]
pub mod records_fixture;

use records_fixture::common::CONFIG;
use records_fixture::{complete, date, person, utc};

pub fn restore_time() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, 4, 30, 0)
        .single()
        .expect("time")
}

/// A supervisor's vault with a journal entry, a supervisee and a session
/// record, its recovery code and its keychain.
pub struct Source {
    pub dir: tempfile::TempDir,
    pub keychain: MemoryKeychain,
    pub vault: Vault,
    pub code: String,
    pub person: String,
    pub record: String,
    pub journal: String,
}

pub fn source(journal_text: &str) -> Source {
    let dir = tempfile::tempdir().expect("tmp");
    let keychain = MemoryKeychain::new();
    let t = utc(2025, 12, 1, 9);
    let mut vault = Vault::open(dir.path(), Box::new(keychain.clone()), CONFIG, t).expect("open");
    let started = vault.begin_setup(&[Role::Supervisor]).expect("begin");
    vault
        .confirm_setup(&started.recovery_code, t)
        .expect("confirm");
    let person = person(&mut vault, "Maya Okafor", PersonKind::Person, vec![]);
    let start: NaiveDateTime = date(2026, 1, 5).and_hms_opt(10, 0, 0).expect("time");
    let series = Schedule::of(&mut vault)
        .create(
            &SeriesInput {
                person_id: person.clone(),
                kind: SessionKind::Individual,
                time_zone: "Europe/London".into(),
                start,
                end: start + Duration::minutes(60),
                recurrence: Some(Recurrence {
                    pattern: Pattern::Weekly {
                        weekdays: vec![Weekday::Monday],
                    },
                    interval: 1,
                    end: RecurrenceEnd::Count { count: 2 },
                }),
                location: String::new(),
                reminder: ReminderSetting::Default,
                calendar_code: String::new(),
            },
            t,
        )
        .expect("series");
    let key = OccurrenceKey {
        series_id: series.series[0].id.clone(),
        original_start: start,
    };
    let now = utc(2026, 1, 6, 9);
    Schedule::of(&mut vault)
        .set_status(&key, SessionStatus::Held, now)
        .expect("held");
    let record = Records::of(&mut vault).start(&key, now).expect("record");
    Records::of(&mut vault)
        .save_draft(&record.id, record.revision, &complete(start.date()), now)
        .expect("draft");
    let journal = Journal::of(&mut vault)
        .create(journal_text, now)
        .expect("journal")
        .id;
    Source {
        dir,
        keychain,
        vault,
        code: started.recovery_code,
        person,
        record: record.id,
        journal,
    }
}

/// `VACUUM INTO` a backup of `data_dir`'s database, named as the backup
/// module names them, in `into`.
pub fn backup(data_dir: &Path, into: &Path) -> PathBuf {
    let path = into.join("confidant-backup-20261130-210000Z.cfbackup");
    let conn = Connection::open(data_dir.join(DB_FILE)).expect("db");
    conn.execute("VACUUM INTO ?1", [path.to_str().expect("utf-8")])
        .expect("vacuum into");
    path
}

/// Every file under `dir` with its bytes.
pub fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    for entry in walk(dir) {
        if entry.is_dir() || entry.to_string_lossy().ends_with("-shm") {
            // SQLite's shared-memory index changes as readers come and go.
            continue;
        }
        let bytes = std::fs::read(&entry).expect("read");
        out.insert(entry, bytes);
    }
    out
}

pub fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.push(path.clone());
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// The files under `dir`, without SQLite's `-wal` and `-shm` beside an
/// open database.
pub fn names(dir: &Path) -> Vec<PathBuf> {
    walk(dir)
        .into_iter()
        .filter(|p| {
            let s = p.to_string_lossy();
            !s.ends_with("-wal") && !s.ends_with("-shm")
        })
        .collect()
}

pub fn new_machine() -> (tempfile::TempDir, MemoryKeychain, Vault) {
    let dir = tempfile::tempdir().expect("tmp");
    let keychain = MemoryKeychain::new();
    let vault = Vault::open(
        dir.path(),
        Box::new(keychain.clone()),
        CONFIG,
        restore_time(),
    )
    .expect("open");
    (dir, keychain, vault)
}

/// A vault in a data folder to restore into, and how it stood.
pub struct Target {
    pub here: Source,
    pub before: BTreeMap<PathBuf, Vec<u8>>,
    pub keys: usize,
}

pub fn target() -> Target {
    let mut here = source("Still here.");
    here.vault.lock();
    here.vault.unlock(None, restore_time()).expect("unlock");
    let before = snapshot(here.dir.path());
    let keys = here.keychain.len();
    Target { here, before, keys }
}

/// Tries to stage and restore `file` over the target with `code`, and
/// checks that nothing changed; returns the error.
pub fn refused(t: &mut Target, file: &Path, code: &str) -> Error {
    let err = match t.here.vault.stage_restore(file) {
        Err(e) => e,
        Ok(staged) => t
            .here
            .vault
            .restore(&staged, code, true, restore_time())
            .expect_err("refused"),
    };
    assert_eq!(snapshot(t.here.dir.path()), t.before, "nothing changed");
    assert_eq!(t.here.keychain.len(), t.keys);
    assert_eq!(t.here.vault.state(), VaultState::Unlocked);
    assert_eq!(
        Journal::of(&mut t.here.vault)
            .get(&t.here.journal)
            .expect("entry")
            .body,
        "Still here."
    );
    t.before = snapshot(t.here.dir.path());
    err
}

pub fn message(err: &Error) -> String {
    err.to_string()
}

/// The tables a database has at schema `version`.
pub fn tables(conn: &Connection) -> Vec<String> {
    let mut stmt = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .expect("tables");
    let names = stmt
        .query_map([], |r| r.get::<_, String>(0))
        .expect("query")
        .collect::<rusqlite::Result<Vec<_>>>()
        .expect("names");
    names
}

/// A copy of `good` changed by `f` through SQLite.
pub fn edited(good: &Path, dir: &Path, name: &str, f: impl FnOnce(&Connection)) -> PathBuf {
    let path = dir.join(format!("{name}.cfbackup"));
    std::fs::copy(good, &path).expect("copy");
    let conn = Connection::open(&path).expect("open");
    f(&conn);
    drop(conn);
    path
}

/// A copy of `good`, `dir/<name>.cfbackup`, with one byte flipped in the
/// middle of the blob that `query` selects.
pub fn flip_blob(good: &Path, dir: &Path, name: &str, query: &str) -> PathBuf {
    records_fixture::common::flip_blob(good, dir, &format!("{name}.cfbackup"), query)
}
