//! Restoring from a backup file: a new machine, over an existing vault or
//! a damaged one, an older schema. Backups are made here exactly as the
//! backup module makes them: `VACUUM INTO` from the live database file.

mod restore_fixture;

use std::path::{Path, PathBuf};

use confidant_core::journal::Journal;
use confidant_core::keychain::MemoryKeychain;
use confidant_core::people::People;
use confidant_core::records::Records;
use confidant_core::store::{DB_FILE, MIGRATIONS, SCHEMA_VERSION};
use confidant_core::vault::{Vault, VaultState, REPLACED_FOLDER};
use confidant_core::Error;
use restore_fixture::records_fixture::common::CONFIG;
use restore_fixture::{
    backup, edited, names, new_machine, restore_time, snapshot, source, tables, target,
};
use rusqlite::Connection;

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
