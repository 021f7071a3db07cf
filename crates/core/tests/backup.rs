//! Encrypted backups: made locked and unlocked, verified, equal to the live
//! data, opened as a vault; keep-last-N; tampering and bad input refused
//! with nothing left behind.

use std::path::{Path, PathBuf};

mod common;

use chrono::{DateTime, Duration, Utc};
use confidant_core::backup::{
    self, backups_in, file_name, BackupInterval, BackupSchedule, Backups, KEEP_MAX,
};
use confidant_core::journal::Journal;
use confidant_core::keychain::MemoryKeychain;
use confidant_core::people::{People, PersonKind, Relation};
use confidant_core::store::DB_FILE;
use confidant_core::vault::{Role, Vault, VaultState};
use confidant_core::Error;

fn t0() -> DateTime<Utc> {
    DateTime::from_timestamp(1_796_029_200, 0).expect("time")
}

struct World {
    _dir: tempfile::TempDir,
    keychain: MemoryKeychain,
    vault: Vault,
    journal_id: String,
    person_id: String,
}

fn world() -> World {
    let dir = tempfile::tempdir().expect("tmp");
    let keychain = MemoryKeychain::new();
    let mut vault =
        Vault::open(dir.path(), Box::new(keychain.clone()), common::CONFIG, t0()).expect("open");
    let s = vault.begin_setup(&[Role::Supervisor]).expect("begin");
    vault
        .confirm_setup(&s.recovery_code, t0())
        .expect("confirm");
    let entry = Journal::of(&mut vault)
        .create("A long day of home visits.", t0())
        .expect("entry");
    Journal::of(&mut vault)
        .create("Second entry.", t0())
        .expect("entry");
    let person = People::of(&mut vault)
        .create(
            &common::person_input(PersonKind::Person, Relation::ISupervise, "Ada Morrow"),
            t0(),
        )
        .expect("person");
    World {
        _dir: dir,
        keychain,
        vault,
        journal_id: entry.id,
        person_id: person.id,
    }
}

fn files_in(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Opens a copy of `backup` as a vault in a new folder, with `keychain`.
fn open_copy(backup: &Path, keychain: &MemoryKeychain) -> (tempfile::TempDir, Vault) {
    let dir = tempfile::tempdir().expect("tmp");
    std::fs::copy(backup, dir.path().join(DB_FILE)).expect("copy");
    let vault =
        Vault::open(dir.path(), Box::new(keychain.clone()), common::CONFIG, t0()).expect("open");
    (dir, vault)
}

#[test]
fn a_backup_made_unlocked_verifies_every_covered_value_and_opens_as_a_vault() {
    let mut w = world();
    let folder = tempfile::tempdir().expect("tmp");
    let report = backup::create(&w.vault, folder.path(), 7, t0()).expect("backup");
    assert_eq!(report.file_name, file_name(t0()));
    assert_eq!(files_in(folder.path()), vec![report.file_name.clone()]);
    let sealed = report.verified.sealed.expect("unlocked: keys checked");
    assert_eq!(sealed.already_damaged, 0);
    assert_eq!(sealed.erased, 0);
    let census =
        backup::census_file(&w.vault, &folder.path().join(&report.file_name)).expect("census");
    let opened = |t: &str| census.get(t).map(|o| o.opened);
    assert_eq!(opened("journal_entries"), Some(2));
    assert_eq!(opened("people"), Some(1));
    assert_eq!(opened("settings"), Some(1));
    assert!(opened("audit_log") >= Some(1), "the security log");
    let values: u32 = census
        .iter()
        .filter(|(t, _)| **t != "data_keys")
        .map(|(_, o)| o.opened)
        .sum();
    assert_eq!(sealed.values, values, "every value of every table opened");
    assert_eq!(sealed.tables as usize, census.len() - 1);
    assert!(sealed.tables > 30, "every table with sealed values");
    assert!(sealed.data_keys >= 3, "vault, journal and the person's key");
    assert!(report.verified.key_slots >= 2, "device and recovery");
    assert!(report.verified.tables > 10);
    assert_eq!(report.kept, 1);
    assert_eq!(report.removed, 0);

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(folder.path().join(&report.file_name))
            .expect("meta")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "owner-only");
    }

    // The backup opens as a vault with the same keys and holds the data.
    let (_copy_dir, mut copy) = open_copy(&folder.path().join(&report.file_name), &w.keychain);
    copy.unlock(None, t0()).expect("unlock the copy");
    assert_eq!(
        Journal::of(&mut copy)
            .get(&w.journal_id)
            .expect("entry")
            .body,
        "A long day of home visits."
    );
    assert_eq!(
        People::of(&mut copy)
            .get(&w.person_id)
            .expect("person")
            .fields
            .name,
        "Ada Morrow"
    );
    assert_eq!(
        Journal::of(&mut copy).list(0, 100).expect("list").total,
        Journal::of(&mut w.vault).list(0, 100).expect("list").total
    );
}

#[test]
fn a_backup_made_locked_verifies_structure_only_and_opens_with_the_same_keys() {
    let mut w = world();
    w.vault.lock();
    assert_eq!(w.vault.state(), VaultState::Locked);
    let folder = tempfile::tempdir().expect("tmp");
    let report = backup::create(&w.vault, folder.path(), 7, t0()).expect("backup");
    assert_eq!(report.verified.sealed, None, "no key while locked");
    let path = folder.path().join(&report.file_name);

    // Once unlocked, the same file verifies with the keys too.
    w.vault.unlock(None, t0()).expect("unlock");
    let again = backup::verify_file(&w.vault, &path).expect("verify");
    let census = backup::census_file(&w.vault, &path).expect("census");
    assert_eq!(census["journal_entries"].opened, 2);
    let sealed = again.sealed.expect("keys");
    assert_eq!((sealed.already_damaged, sealed.erased), (0, 0));
    assert!(
        sealed.values >= 4,
        "entries, person, settings, log: {sealed:?}"
    );
    assert_eq!(again.rows, report.verified.rows);

    let (_copy_dir, mut copy) = open_copy(&path, &w.keychain);
    copy.unlock(None, t0()).expect("unlock the copy");
    assert_eq!(
        Journal::of(&mut copy)
            .get(&w.journal_id)
            .expect("entry")
            .body,
        "A long day of home visits."
    );
}

#[test]
fn backups_in_the_same_second_are_all_kept_numbered_and_pruned_oldest_first() {
    // A scheduled backup and "Back up now" can land in the same second.
    let w = world();
    let folder = tempfile::tempdir().expect("tmp");
    let first = backup::create(&w.vault, folder.path(), 2, t0()).expect("first");
    let second = backup::create(&w.vault, folder.path(), 2, t0()).expect("second, same second");
    assert_eq!(first.file_name, file_name(t0()));
    assert_eq!(
        second.file_name,
        "confidant-backup-20261130-090000Z-2.cfbackup"
    );
    assert_eq!(second.made_at, t0());
    assert_eq!((second.removed, second.kept), (0, 2));
    backup::verify_file(&w.vault, &folder.path().join(&second.file_name)).expect("verifies");
    // Newest first: the numbered one is the newer of the two.
    let names = |f: &Path| -> Vec<String> {
        backups_in(f)
            .expect("list")
            .into_iter()
            .map(|b| b.file_name)
            .collect()
    };
    assert_eq!(
        names(folder.path()),
        vec![second.file_name.clone(), first.file_name.clone()]
    );
    // A third in that second pushes out the oldest, the plain name.
    let third = backup::create(&w.vault, folder.path(), 2, t0()).expect("third");
    assert_eq!(
        third.file_name,
        "confidant-backup-20261130-090000Z-3.cfbackup"
    );
    assert_eq!((third.removed, third.kept), (1, 2));
    assert_eq!(
        names(folder.path()),
        vec![third.file_name, second.file_name]
    );
}

#[test]
fn keep_last_n_deletes_only_our_oldest_files() {
    let w = world();
    let folder = tempfile::tempdir().expect("tmp");
    let foreign = [
        "confidant-backup-20200101-000000Z.cfbackup.bak",
        "confidant-backup-20200101-000000.cfbackup",
        "confidant-backup-20200101-000000Z.db",
        "my-confidant-backup-20200101-000000Z.cfbackup",
        "notes.txt",
    ];
    for name in foreign {
        std::fs::write(folder.path().join(name), b"not ours").expect("write");
    }
    // A folder with our name is not a file of ours either.
    std::fs::create_dir(
        folder
            .path()
            .join("confidant-backup-20190101-000000Z.cfbackup"),
    )
    .expect("dir");
    let mut made = Vec::new();
    for i in 0..5 {
        let at = t0() + Duration::days(i);
        let r = backup::create(&w.vault, folder.path(), 3, at).expect("backup");
        made.push(r.file_name.clone());
        assert_eq!(r.kept, (i as u32 + 1).min(3));
        assert_eq!(r.removed, u32::from(i >= 3));
    }
    let ours: Vec<String> = backups_in(folder.path())
        .expect("list")
        .into_iter()
        .map(|b| b.file_name)
        .collect();
    assert_eq!(
        ours,
        vec![made[4].clone(), made[3].clone(), made[2].clone()]
    );
    let all = files_in(folder.path());
    for name in foreign {
        assert!(all.contains(&name.to_string()), "{name} kept");
    }
    assert!(all.contains(&"confidant-backup-20190101-000000Z.cfbackup".to_string()));
    assert_eq!(all.len(), foreign.len() + 1 + 3);
}

fn flip_in_sealed_journal_body(path: &Path) -> confidant_core::Result<()> {
    // Find one sealed journal body's bytes in the file and flip one in its
    // middle: SQLite's own check still passes, only the seal breaks.
    let body: Vec<u8> = {
        let c =
            rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
                .expect("open");
        c.query_row("SELECT body FROM journal_entries LIMIT 1", [], |r| r.get(0))
            .expect("body")
    };
    let mut bytes = std::fs::read(path)?;
    let at = bytes
        .windows(body.len())
        .position(|w| w == body.as_slice())
        .expect("the sealed body is in the file");
    bytes[at + body.len() / 2] ^= 0x01;
    std::fs::write(path, bytes)?;
    Ok(())
}

#[test]
fn a_tampered_snapshot_fails_verification_and_leaves_no_backup() {
    let w = world();
    let folder = tempfile::tempdir().expect("tmp");
    let err = backup::create_checked(
        &w.vault,
        folder.path(),
        7,
        t0(),
        flip_in_sealed_journal_body,
    )
    .expect_err("tampered");
    match err {
        Error::BackupNotVerified(why) => assert_eq!(
            why,
            "1 sealed value in the copy's table journal_entries does not open"
        ),
        other => panic!("expected BackupNotVerified, got {other:?}"),
    }
    assert_eq!(
        files_in(folder.path()),
        Vec::<String>::new(),
        "no file at all"
    );

    // A row removed from the copy: the counts differ.
    let err = backup::create_checked(&w.vault, folder.path(), 7, t0(), |p| {
        let c = rusqlite::Connection::open(p).expect("open");
        c.execute("DELETE FROM journal_entries WHERE rowid IN (SELECT rowid FROM journal_entries LIMIT 1)", [])
            .expect("delete");
        Ok(())
    })
    .expect_err("a row missing");
    match err {
        Error::BackupNotVerified(why) => assert!(why.contains("number of rows"), "{why}"),
        other => panic!("expected BackupNotVerified, got {other:?}"),
    }
    assert_eq!(files_in(folder.path()), Vec::<String>::new());

    // Garbage instead of a database.
    let err = backup::create_checked(&w.vault, folder.path(), 7, t0(), |p| {
        std::fs::write(p, vec![0x5a; 8192])?;
        Ok(())
    })
    .expect_err("garbage");
    assert!(matches!(err, Error::BackupNotVerified(_)), "{err:?}");
    assert_eq!(files_in(folder.path()), Vec::<String>::new());
}

#[test]
fn a_tampered_file_already_written_fails_verify_file() {
    let w = world();
    let folder = tempfile::tempdir().expect("tmp");
    let report = backup::create(&w.vault, folder.path(), 7, t0()).expect("backup");
    let path = folder.path().join(&report.file_name);
    flip_in_sealed_journal_body(&path).expect("flip");
    let err = backup::verify_file(&w.vault, &path).expect_err("tampered");
    assert!(matches!(err, Error::BackupNotVerified(_)), "{err:?}");
}

#[test]
fn bad_input_is_refused_and_nothing_is_written() {
    let w = world();
    let folder = tempfile::tempdir().expect("tmp");
    let missing: PathBuf = folder.path().join("not-here");
    let file = folder.path().join("a-file");
    std::fs::write(&file, b"x").expect("write");
    let cases: Vec<(PathBuf, u32, &str)> = vec![
        (missing.clone(), 7, "does not exist"),
        (file.clone(), 7, "is a file"),
        (PathBuf::from("relative/folder"), 7, "full path"),
        (folder.path().to_path_buf(), 0, "between 1 and 365"),
        (
            folder.path().to_path_buf(),
            KEEP_MAX + 635,
            "between 1 and 365",
        ),
    ];
    for (path, keep, says) in cases {
        match backup::create(&w.vault, &path, keep, t0()) {
            Err(Error::InvalidInput(m)) => assert!(m.contains(says), "{m}"),
            other => panic!("expected InvalidInput for {path:?}/{keep}, got {other:?}"),
        }
    }
    assert!(!missing.exists());
    assert_eq!(files_in(folder.path()), vec!["a-file".to_string()]);
}

#[test]
fn the_plan_is_sealed_in_settings_and_validated() {
    let mut w = world();
    let folder = tempfile::tempdir().expect("tmp");
    let plan = Backups::of(&mut w.vault).plan().expect("plan");
    assert_eq!(plan.folder, None);
    assert_eq!(plan.keep, 7);
    assert_eq!(plan.interval, BackupInterval::Daily);
    let status = Backups::of(&mut w.vault).status(t0()).expect("status");
    assert!(status.stale && status.last.is_none());

    Backups::of(&mut w.vault)
        .set_folder(folder.path(), t0())
        .expect("folder");
    let bad = Backups::of(&mut w.vault).set_schedule(
        &BackupSchedule {
            scheduled: true,
            interval: BackupInterval::Weekly,
            keep: 1000,
        },
        t0(),
    );
    assert!(matches!(bad, Err(Error::InvalidInput(_))));
    assert_eq!(
        Backups::of(&mut w.vault).plan().expect("plan").keep,
        7,
        "unchanged"
    );
    let plan = Backups::of(&mut w.vault)
        .set_schedule(
            &BackupSchedule {
                scheduled: true,
                interval: BackupInterval::Weekly,
                keep: 2,
            },
            t0(),
        )
        .expect("schedule");
    assert_eq!(plan.keep, 2);
    // Other settings still save without losing the plan.
    confidant_core::settings::VaultSettings::of(&mut w.vault)
        .set_auto_lock(10, t0())
        .expect("auto-lock");
    let plan = Backups::of(&mut w.vault).plan().expect("plan");
    assert_eq!(plan.folder.as_deref(), folder.path().to_str());
    assert_eq!(plan.interval, BackupInterval::Weekly);
    assert!(plan.due(None, t0()));

    let report = Backups::of(&mut w.vault).back_up_now(t0()).expect("now");
    let status = Backups::of(&mut w.vault)
        .status(t0() + Duration::days(7))
        .expect("status");
    assert_eq!(status.last.expect("last").file_name, report.file_name);
    assert!(!status.stale, "exactly a week old is not yet stale");
    assert!(!plan.due(Some(t0()), t0() + Duration::days(6)));
    assert!(plan.due(Some(t0()), t0() + Duration::days(7)));
    let status = Backups::of(&mut w.vault)
        .status(t0() + Duration::days(7) + Duration::seconds(1))
        .expect("status");
    assert!(status.stale);

    // A folder that went away is reported, not an error.
    drop(folder);
    let status = Backups::of(&mut w.vault).status(t0()).expect("status");
    assert!(status
        .folder_problem
        .expect("problem")
        .contains("does not exist"));
}

#[test]
fn a_value_already_damaged_in_the_vault_is_copied_and_counted_not_blocking() {
    let mut w = world();
    // Damage one journal entry in the live file through a second connection.
    {
        let c = rusqlite::Connection::open(w.vault.db_path()).expect("open");
        let mut body: Vec<u8> = c
            .query_row(
                "SELECT body FROM journal_entries WHERE id = ?1",
                [&w.journal_id],
                |r| r.get(0),
            )
            .expect("body");
        let mid = body.len() / 2;
        body[mid] ^= 0x01;
        c.execute(
            "UPDATE journal_entries SET body = ?1 WHERE id = ?2",
            rusqlite::params![body, w.journal_id],
        )
        .expect("damage");
    }
    assert!(
        Journal::of(&mut w.vault).get(&w.journal_id).is_err(),
        "damaged in the vault"
    );
    let folder = tempfile::tempdir().expect("tmp");
    let report = backup::create(&w.vault, folder.path(), 7, t0()).expect("backup");
    let sealed = report.verified.sealed.expect("keys");
    assert_eq!(sealed.already_damaged, 1);
    let file = folder.path().join(&report.file_name);
    let census = backup::census_file(&w.vault, &file).expect("census");
    let journal = census.get("journal_entries").expect("journal counted");
    assert_eq!((journal.opened, journal.damaged), (1, 1));
    // Checked again as a file (no vault to compare with), the damage shows.
    let err = backup::verify_file(&w.vault, &file).expect_err("a damaged entry in the file");
    match err {
        Error::BackupNotVerified(why) => assert_eq!(
            why,
            "1 sealed value in the copy's table journal_entries does not open"
        ),
        other => panic!("{other:?}"),
    }
}
