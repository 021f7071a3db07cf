//! Restoring from a backup file: a new machine, over an existing vault, and
//! hostile files. Backups are made here exactly as the backup module makes
//! them: `VACUUM INTO` from the live database file.

mod records_fixture;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, NaiveDateTime, TimeZone, Utc};
use confidant_core::journal::Journal;
use confidant_core::keychain::MemoryKeychain;
use confidant_core::people::{People, PersonKind};
use confidant_core::records::Records;
use confidant_core::schedule::{
    OccurrenceKey, Pattern, Recurrence, RecurrenceEnd, ReminderSetting, Schedule, SeriesInput,
    SessionKind, SessionStatus, Weekday,
};
use confidant_core::store::{DB_FILE, MIGRATIONS, SCHEMA_VERSION};
use confidant_core::vault::{Role, Vault, VaultState, BACKUP_MAX_BYTES, REPLACED_FOLDER};
use confidant_core::Error;
use records_fixture::common::CONFIG;
use records_fixture::{complete, date, person, utc};
use rusqlite::Connection;

fn restore_time() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, 4, 30, 0)
        .single()
        .expect("time")
}

/// A supervisor's vault with a journal entry, a supervisee and a session
/// record, its recovery code and its keychain.
struct Source {
    dir: tempfile::TempDir,
    keychain: MemoryKeychain,
    vault: Vault,
    code: String,
    person: String,
    record: String,
    journal: String,
}

fn source(journal_text: &str) -> Source {
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
fn backup(data_dir: &Path, into: &Path) -> PathBuf {
    let path = into.join("confidant-backup-20261130-210000Z.cfbackup");
    let conn = Connection::open(data_dir.join(DB_FILE)).expect("db");
    conn.execute("VACUUM INTO ?1", [path.to_str().expect("utf-8")])
        .expect("vacuum into");
    path
}

/// Every file under `dir` with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
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

fn walk(dir: &Path) -> Vec<PathBuf> {
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
fn names(dir: &Path) -> Vec<PathBuf> {
    walk(dir)
        .into_iter()
        .filter(|p| {
            let s = p.to_string_lossy();
            !s.ends_with("-wal") && !s.ends_with("-shm")
        })
        .collect()
}

fn new_machine() -> (tempfile::TempDir, MemoryKeychain, Vault) {
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

#[test]
fn a_new_machine_restores_the_vault_with_the_recovery_code_alone() {
    let mut src = source("Supervision left me unsettled about the home visit.");
    let backups = tempfile::tempdir().expect("tmp");
    let file = backup(src.dir.path(), backups.path());
    src.vault.lock();
    let old_keys = src.keychain.len();

    let (dir, keychain, mut vault) = new_machine();
    assert_eq!(vault.state(), VaultState::NoVault);
    let staged = vault.stage_restore(&file).expect("stage");
    let info = staged.info();
    assert_eq!(info.file_name, "confidant-backup-20261130-210000Z.cfbackup");
    assert_eq!(info.taken_at.as_deref(), Some("2026-11-30T21:00:00+00:00"));
    assert!(!info.vault_exists);
    assert_eq!(
        info.size_bytes,
        std::fs::metadata(&file).expect("meta").len()
    );
    assert_eq!(
        names(dir.path()),
        Vec::<PathBuf>::new(),
        "checking the file leaves nothing behind"
    );

    let kept = vault
        .restore(&staged, &src.code, false, restore_time())
        .expect("restore");
    assert_eq!(kept, None, "nothing was replaced");
    assert_eq!(vault.state(), VaultState::Unlocked);
    assert_eq!(
        Journal::of(&mut vault)
            .get(&src.journal)
            .expect("entry")
            .body,
        "Supervision left me unsettled about the home visit."
    );
    let people = People::of(&mut vault).list().expect("people");
    assert_eq!(people.len(), 1);
    assert_eq!(people[0].name, "Maya Okafor");
    let record = Records::of(&mut vault)
        .get(&src.record, None)
        .expect("record");
    assert_eq!(
        record.content.key_learning, "Name the risk out loud.",
        "the record reads back"
    );
    assert_eq!(
        Records::of(&mut vault)
            .for_person(&src.person)
            .expect("records")
            .len(),
        1
    );
    assert_eq!(keychain.len(), 1, "a new device key is enrolled here");
    assert_eq!(
        src.keychain.len(),
        old_keys,
        "the old machine's keychain is untouched"
    );
    assert_eq!(
        names(dir.path()),
        vec![dir.path().join(DB_FILE)],
        "only the vault is left in the data folder (no temporary copy)"
    );

    // The new device key opens the vault after a restart, with no code.
    drop(vault);
    let mut again = Vault::open(
        dir.path(),
        Box::new(keychain.clone()),
        CONFIG,
        restore_time(),
    )
    .expect("open");
    assert_eq!(again.state(), VaultState::Locked);
    again
        .unlock(None, restore_time())
        .expect("unlock with the new key");
    assert_eq!(Journal::of(&mut again).list(0, 10).expect("list").total, 1);

    // The old machine's device key does not open the restored copy.
    let old = Vault::open(
        dir.path(),
        Box::new(src.keychain.clone()),
        CONFIG,
        restore_time(),
    );
    let mut old = old.expect("open");
    assert!(matches!(
        old.unlock(None, restore_time()),
        Err(Error::RecoveryNeeded)
    ));
}

#[test]
fn a_wrong_code_restores_nothing() {
    let src = source("A private note.");
    let backups = tempfile::tempdir().expect("tmp");
    let file = backup(src.dir.path(), backups.path());
    let (dir, keychain, mut vault) = new_machine();
    let staged = vault.stage_restore(&file).expect("stage");
    let other = source("Another vault.").code;
    let err = vault
        .restore(&staged, &other, false, restore_time())
        .expect_err("wrong code");
    assert!(matches!(err, Error::WrongRecoveryCode), "{err:?}");
    assert_eq!(
        names(dir.path()),
        Vec::<PathBuf>::new(),
        "no vault, no copy"
    );
    assert_eq!(keychain.len(), 0);
    assert_eq!(vault.state(), VaultState::NoVault);
    // The right code still works afterwards.
    vault
        .restore(&staged, &src.code, false, restore_time())
        .expect("restore");
    assert_eq!(vault.state(), VaultState::Unlocked);
}

#[test]
fn restoring_over_a_vault_needs_confirmation_and_keeps_the_replaced_vault() {
    let src = source("From the backup.");
    let backups = tempfile::tempdir().expect("tmp");
    let file = backup(src.dir.path(), backups.path());
    let mut here = source("Written on this computer only.");
    let before = snapshot(here.dir.path());
    let keys_before = here.keychain.len();

    let staged = here.vault.stage_restore(&file).expect("stage");
    assert!(staged.info().vault_exists);
    assert_eq!(
        staged.info().replaced_folder,
        here.dir.path().join(REPLACED_FOLDER).display().to_string()
    );
    let err = here
        .vault
        .restore(&staged, &src.code, false, restore_time())
        .expect_err("needs confirmation");
    match err {
        Error::InvalidInput(m) => assert!(m.contains("confirm"), "{m}"),
        other => panic!("expected InvalidInput, got {other:?}"),
    }
    assert_eq!(snapshot(here.dir.path()), before, "nothing changed");
    assert_eq!(here.vault.state(), VaultState::Unlocked);

    let kept = here
        .vault
        .restore(&staged, &src.code, true, restore_time())
        .expect("restore")
        .expect("the replaced vault is kept");
    assert_eq!(
        kept,
        here.dir
            .path()
            .join(REPLACED_FOLDER)
            .join("confidant-backup-20261201-043000Z.cfbackup")
    );
    assert_eq!(here.vault.state(), VaultState::Unlocked);
    assert_eq!(
        Journal::of(&mut here.vault)
            .get(&src.journal)
            .expect("restored entry")
            .body,
        "From the backup."
    );
    assert!(matches!(
        Journal::of(&mut here.vault).get(&here.journal),
        Err(Error::NotFound(_))
    ));
    assert_eq!(
        here.keychain.len(),
        keys_before,
        "the replaced vault's device key is removed, the restored one's added"
    );

    // The kept vault still opens, with its own recovery code.
    let elsewhere = tempfile::tempdir().expect("tmp");
    std::fs::copy(&kept, elsewhere.path().join(DB_FILE)).expect("copy");
    let mut old = Vault::open(
        elsewhere.path(),
        Box::new(MemoryKeychain::new()),
        CONFIG,
        restore_time(),
    )
    .expect("open");
    assert!(matches!(
        old.recover(&src.code, restore_time()),
        Err(Error::WrongRecoveryCode)
    ));
    old.recover(&here.code, restore_time())
        .expect("its own code");
    assert_eq!(
        Journal::of(&mut old).get(&here.journal).expect("kept").body,
        "Written on this computer only."
    );

    // A second restore in the same second keeps a second copy.
    let kept2 = here
        .vault
        .restore(&staged, &src.code, true, restore_time())
        .expect("again")
        .expect("kept");
    assert_ne!(kept, kept2);
    assert!(
        kept.exists() && kept2.exists(),
        "kept copies are never deleted"
    );
}

/// A vault in a data folder to restore into, and how it stood.
struct Target {
    here: Source,
    before: BTreeMap<PathBuf, Vec<u8>>,
    keys: usize,
}

fn target() -> Target {
    let mut here = source("Still here.");
    here.vault.lock();
    here.vault.unlock(None, restore_time()).expect("unlock");
    let before = snapshot(here.dir.path());
    let keys = here.keychain.len();
    Target { here, before, keys }
}

/// Tries to stage and restore `file` over the target with `code`, and
/// checks that nothing changed; returns the error.
fn refused(t: &mut Target, file: &Path, code: &str) -> Error {
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

fn message(err: &Error) -> String {
    err.to_string()
}

#[test]
fn hostile_files_are_refused_and_change_nothing() {
    let src = source("Backed up.");
    let backups = tempfile::tempdir().expect("tmp");
    let good = backup(src.dir.path(), backups.path());
    let good_bytes = std::fs::read(&good).expect("read");
    let mut t = target();
    let code = src.code.clone();

    // Not SQLite.
    let text = backups.path().join("notes.cfbackup");
    std::fs::write(&text, "Dear diary, this is not a database.\n".repeat(20)).expect("write");
    let err = refused(&mut t, &text, &code);
    assert!(message(&err).contains("not a Confidant backup"), "{err}");

    // Truncated: the first half of a real backup.
    let cut = backups.path().join("cut.cfbackup");
    std::fs::write(&cut, &good_bytes[..good_bytes.len() / 2]).expect("write");
    let err = refused(&mut t, &cut, &code);
    assert!(message(&err).contains("damaged"), "{err}");

    // A folder.
    let folder = backups.path().join("folder.cfbackup");
    std::fs::create_dir(&folder).expect("dir");
    let err = refused(&mut t, &folder, &code);
    assert!(message(&err).contains("is a folder"), "{err}");

    // Over the cap (a sparse file: no disk used).
    let huge = backups.path().join("huge.cfbackup");
    std::fs::File::create(&huge)
        .and_then(|f| f.set_len(BACKUP_MAX_BYTES + 1))
        .expect("sparse");
    let err = refused(&mut t, &huge, &code);
    assert!(matches!(err, Error::TooLarge { .. }), "{err:?}");

    // Made by a newer version.
    let newer = edited(&good, backups.path(), "newer", |c| {
        c.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .expect("version");
    });
    let err = refused(&mut t, &newer, &code);
    assert!(
        message(&err).contains("made by a newer version of Confidant"),
        "{err}"
    );

    // No vault row.
    let empty = edited(&good, backups.path(), "novault", |c| {
        c.execute("DELETE FROM vault", []).expect("delete");
    });
    let err = refused(&mut t, &empty, &code);
    assert!(message(&err).contains("holds no vault"), "{err}");

    // No recovery slot.
    let slotless = edited(&good, backups.path(), "noslot", |c| {
        c.execute("DELETE FROM keyslots WHERE kind = 'recovery'", [])
            .expect("delete");
    });
    let err = refused(&mut t, &slotless, &code);
    assert!(message(&err).contains("no recovery key slot"), "{err}");

    // One byte flipped in the recovery key slot: the authenticated
    // encryption cannot tell this from a wrong code.
    let flipped = flip_blob(
        &good,
        backups.path(),
        "slot",
        "SELECT wrapped_key FROM keyslots WHERE kind = 'recovery'",
    );
    let err = refused(&mut t, &flipped, &code);
    assert!(matches!(err, Error::WrongRecoveryCode), "{err:?}");

    // One byte flipped in a wrapped data key: an integrity error.
    let flipped = flip_blob(
        &good,
        backups.path(),
        "datakey",
        "SELECT wrapped_key FROM data_keys LIMIT 1",
    );
    let err = refused(&mut t, &flipped, &code);
    assert!(matches!(err, Error::Integrity(_)), "{err:?}");

    // The good file still restores over the target, proving the checks
    // above refused for their own reasons.
    let staged = t.here.vault.stage_restore(&good).expect("stage");
    t.here
        .vault
        .restore(&staged, &code, true, restore_time())
        .expect("restore");
}

#[cfg(unix)]
#[test]
fn a_fifo_is_refused_without_blocking() {
    let backups = tempfile::tempdir().expect("tmp");
    let fifo = backups.path().join("pipe.cfbackup");
    match std::process::Command::new("mkfifo").arg(&fifo).status() {
        Ok(s) if s.success() => {}
        other => {
            println!("SKIPPED a_fifo_is_refused_without_blocking: no mkfifo ({other:?})");
            return;
        }
    }
    let mut t = target();
    let code = t.here.code.clone();
    let err = refused(&mut t, &fifo, &code);
    assert!(message(&err).contains("not a regular file"), "{err}");
}

#[test]
fn a_damaged_vault_is_replaced_when_confirmed_and_kept_byte_for_byte() {
    let src = source("Backed up.");
    let backups = tempfile::tempdir().expect("tmp");
    let file = backup(src.dir.path(), backups.path());
    let (dir, keychain, _) = new_machine();
    let damaged = b"this was a vault once, now it is not a database at all".repeat(40);
    std::fs::write(dir.path().join(DB_FILE), &damaged).expect("write");
    let mut vault = Vault::open(
        dir.path(),
        Box::new(keychain.clone()),
        CONFIG,
        restore_time(),
    )
    .expect("open");
    assert_eq!(vault.state(), VaultState::Damaged);
    // A log beside it: kept with the damaged file, never applied to the
    // restored one.
    std::fs::write(dir.path().join("confidant.db-wal"), b"a stale log").expect("write");
    let staged = vault.stage_restore(&file).expect("stage");
    assert!(staged.info().vault_exists);
    let err = vault
        .restore(&staged, &src.code, false, restore_time())
        .expect_err("needs confirmation");
    assert!(matches!(err, Error::InvalidInput(_)), "{err:?}");
    assert_eq!(
        std::fs::read(dir.path().join(DB_FILE)).expect("read"),
        damaged
    );

    let kept = vault
        .restore(&staged, &src.code, true, restore_time())
        .expect("restore")
        .expect("kept");
    assert_eq!(std::fs::read(&kept).expect("kept"), damaged);
    let mut wal = kept.clone().into_os_string();
    wal.push("-wal");
    assert_eq!(std::fs::read(wal).expect("kept log"), b"a stale log");
    assert_eq!(vault.state(), VaultState::Unlocked);
    assert_eq!(
        Journal::of(&mut vault)
            .get(&src.journal)
            .expect("entry")
            .body,
        "Backed up."
    );
}

/// The tables a database has at schema `version`.
fn tables(conn: &Connection) -> Vec<String> {
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

#[test]
fn a_backup_of_an_older_schema_is_migrated_on_restore() {
    let src = source("From an older version.");
    let backups = tempfile::tempdir().expect("tmp");
    let good = backup(src.dir.path(), backups.path());
    // The schema before the last migration of this build: the tables an
    // older version had, at its version number.
    let older = SCHEMA_VERSION - 1;
    let reference = Connection::open_in_memory().expect("memory");
    for sql in &MIGRATIONS[..older as usize] {
        reference.execute_batch(sql).expect("migration");
    }
    let old_tables = tables(&reference);
    let file = edited(&good, backups.path(), "older", |c| {
        for table in tables(c) {
            if !old_tables.contains(&table) {
                c.execute_batch(&format!("DROP TABLE \"{table}\""))
                    .expect("drop");
            }
        }
        c.pragma_update(None, "user_version", older)
            .expect("version");
    });
    let (dir, _keychain, mut vault) = new_machine();
    vault
        .stage_restore(&file)
        .map(|staged| {
            vault
                .restore(&staged, &src.code, false, restore_time())
                .expect("restore")
        })
        .expect("stage");
    assert_eq!(
        Journal::of(&mut vault)
            .get(&src.journal)
            .expect("entry")
            .body,
        "From an older version."
    );
    let conn = Connection::open(dir.path().join(DB_FILE)).expect("db");
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .expect("version");
    assert_eq!(version, SCHEMA_VERSION, "migrated to this build's schema");
    assert_eq!(
        tables(&conn),
        tables(&Connection::open(&good).expect("good"))
    );
}

#[test]
fn a_locked_vault_is_not_replaced() {
    let src = source("Backed up.");
    let backups = tempfile::tempdir().expect("tmp");
    let file = backup(src.dir.path(), backups.path());
    let mut here = source("Mine.");
    here.vault.lock();
    let before = snapshot(here.dir.path());
    let staged = here.vault.stage_restore(&file).expect("stage");
    let err = here
        .vault
        .restore(&staged, &src.code, true, restore_time())
        .expect_err("locked");
    assert!(matches!(err, Error::Locked), "{err:?}");
    assert_eq!(snapshot(here.dir.path()), before);
}

#[test]
fn a_relative_path_is_refused() {
    let t = target();
    let err = t
        .here
        .vault
        .stage_restore(Path::new("confidant-backup.cfbackup"))
        .expect_err("relative");
    assert!(matches!(err, Error::InvalidInput(_)), "{err:?}");
}

/// A copy of `good` changed by `f` through SQLite.
fn edited(good: &Path, dir: &Path, name: &str, f: impl FnOnce(&Connection)) -> PathBuf {
    let path = dir.join(format!("{name}.cfbackup"));
    std::fs::copy(good, &path).expect("copy");
    let conn = Connection::open(&path).expect("open");
    f(&conn);
    drop(conn);
    path
}

/// A copy of `good` with one byte flipped in the middle of the blob that
/// `query` selects (found in the file by its bytes).
fn flip_blob(good: &Path, dir: &Path, name: &str, query: &str) -> PathBuf {
    let blob: Vec<u8> = Connection::open(good)
        .expect("open")
        .query_row(query, [], |r| r.get(0))
        .expect("blob");
    let mut bytes = std::fs::read(good).expect("read");
    let at = bytes
        .windows(blob.len())
        .position(|w| w == blob.as_slice())
        .expect("the blob is in the file");
    bytes[at + blob.len() / 2] ^= 0x01;
    let path = dir.join(format!("{name}.cfbackup"));
    std::fs::write(&path, bytes).expect("write");
    path
}
