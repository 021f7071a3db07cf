//! A restore writes nothing typed to disk in the clear: the backup file, the
//! restored database (and its live WAL), and the copy of the replaced vault
//! kept in `replaced/` hold only sealed values. Every marker (a person's
//! name, a journal entry, in the backed-up vault and in the vault it
//! replaces) is searched for in every file of the data folder and of the
//! backup folder, in UTF-8 and UTF-16LE, as typed and lowercased, while the
//! restored vault is open and after it is closed. A positive control proves
//! the scanner finds a marker in a plain file and inside a SQLite database.

mod common;

use std::path::{Path, PathBuf};

use chrono::{DateTime, TimeZone, Utc};
use confidant_core::journal::Journal;
use confidant_core::keychain::MemoryKeychain;
use confidant_core::people::{People, PersonKind, Relation};
use confidant_core::store::DB_FILE;
use confidant_core::vault::{Role, Vault, REPLACED_FOLDER};

use common::scan::{assert_no_hits, random_hex, scan, Needles};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, 5, 0, 0)
        .single()
        .expect("time")
}

/// A vault in a new folder with a person and a journal entry carrying
/// markers; returns the folder, the vault and its recovery code.
fn vault_with(needles: &mut Needles, tag: &str) -> (tempfile::TempDir, Vault, String) {
    let dir = tempfile::tempdir().expect("tmp");
    let mut v = Vault::open(
        dir.path(),
        Box::new(MemoryKeychain::new()),
        common::CONFIG,
        now(),
    )
    .expect("open");
    let started = v.begin_setup(&[Role::Supervisee]).expect("begin");
    v.confirm_setup(&started.recovery_code, now())
        .expect("confirm");
    let name = format!("{tag}Name{}", random_hex(10));
    let body = format!("{tag}Entry{}", random_hex(12));
    People::of(&mut v)
        .create(
            &common::person_input(PersonKind::Person, Relation::SupervisesMe, &name),
            now(),
        )
        .expect("person");
    Journal::of(&mut v).create(&body, now()).expect("entry");
    needles.text(&format!("{tag} name"), &name);
    needles.text(&format!("{tag} entry"), &body);
    (dir, v, started.recovery_code)
}

fn backup(data_dir: &Path, into: &Path) -> PathBuf {
    let path = into.join("confidant-backup-20261130-210000Z.cfbackup");
    let conn = rusqlite::Connection::open(data_dir.join(DB_FILE)).expect("db");
    conn.execute("VACUUM INTO ?1", [path.to_str().expect("utf-8")])
        .expect("vacuum into");
    path
}

#[test]
fn nothing_typed_is_on_disk_after_a_restore_over_a_vault() {
    let mut needles = Needles::default();
    let (src_dir, mut src, code) = vault_with(&mut needles, "Backed");
    let backups = tempfile::tempdir().expect("tmp");
    let file = backup(src_dir.path(), backups.path());
    src.lock();
    let (dir, mut here, _) = vault_with(&mut needles, "Replaced");

    let staged = here.stage_restore(&file).expect("stage");
    let kept = here
        .restore(&staged, &code, true, now())
        .expect("restore")
        .expect("kept");
    assert!(kept.starts_with(dir.path().join(REPLACED_FOLDER)));
    // The restored vault reads back the backed-up entry (the markers are
    // really in the files, sealed).
    assert_eq!(Journal::of(&mut here).list(0, 10).expect("list").total, 1);

    let open = scan(dir.path(), &needles);
    assert!(
        open.files.iter().any(|(p, _)| *p == kept),
        "the kept copy was scanned:\n{}",
        open.report()
    );
    assert_no_hits(&open);
    let in_backups = scan(backups.path(), &needles);
    assert!(
        in_backups.files.iter().any(|(p, _)| *p == file) && in_backups.hits.is_empty(),
        "the backup file was scanned and holds no marker:\n{}",
        in_backups.report()
    );
    here.lock();
    drop(here);
    assert_no_hits(&scan(dir.path(), &needles));
}

#[test]
fn control_the_scanner_finds_a_marker_in_a_plain_file_and_in_sqlite() {
    let dir = tempfile::tempdir().expect("tmp");
    let marker = format!("Ctl{}", random_hex(12));
    std::fs::write(dir.path().join("plain.txt"), format!("x {marker} y")).expect("write");
    let conn = rusqlite::Connection::open(dir.path().join("control.db")).expect("db");
    conn.execute_batch("CREATE TABLE t (v TEXT)")
        .expect("table");
    conn.execute("INSERT INTO t (v) VALUES (?1)", [format!("{marker} z")])
        .expect("insert");
    drop(conn);
    let mut needles = Needles::default();
    needles.text("control", &marker);
    let found = scan(dir.path(), &needles);
    let files: std::collections::BTreeSet<_> = found.hits.iter().map(|h| h.file.clone()).collect();
    assert_eq!(files.len(), 2, "{}", found.report());
}
