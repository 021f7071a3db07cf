//! Hostile backup files are refused and change nothing: not SQLite,
//! truncated, a folder, a FIFO, over the size cap, from a newer version,
//! without the vault row or the recovery slot, one byte flipped in a key.

mod restore_fixture;

use confidant_core::store::SCHEMA_VERSION;
use confidant_core::vault::BACKUP_MAX_BYTES;
use confidant_core::Error;
use restore_fixture::{backup, edited, flip_blob, message, refused, restore_time, source, target};

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
