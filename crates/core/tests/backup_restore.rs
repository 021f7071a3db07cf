//! The two halves together: a backup made by `backup::create` (while the
//! vault is locked, as a scheduled backup is) restores on a new machine with
//! the recovery code alone, and the name and extension the restore dialog
//! filters on are the ones the backup module writes.

mod restore_fixture;

use confidant_core::audit::{Audit, AuditEvent};
use confidant_core::backup;
use confidant_core::journal::Journal;
use confidant_core::vault::{VaultState, BACKUP_EXTENSION};
use restore_fixture::{new_machine, restore_time, source};

#[test]
fn a_backup_made_while_locked_restores_on_a_new_machine() {
    let mut src = source("The supervisee asked about dual relationships in a small town.");
    src.vault.lock();
    let folder = tempfile::tempdir().expect("tmp");
    let report = backup::create(&src.vault, folder.path(), 7, restore_time()).expect("backup");
    assert_eq!(report.kept, 1);
    assert!(report.file_name.ends_with(&format!(".{BACKUP_EXTENSION}")));
    assert_eq!(backup::name::BACKUP_EXTENSION, BACKUP_EXTENSION);
    assert_eq!(backup::name::parse(&report.file_name), Some(report.made_at));

    let (_dir, _keychain, mut vault) = new_machine();
    let staged = vault
        .stage_restore(&folder.path().join(&report.file_name))
        .expect("stage");
    assert_eq!(staged.info().file_name, report.file_name);
    vault
        .restore(&staged, &src.code, false, restore_time())
        .expect("restore");
    assert_eq!(vault.state(), VaultState::Unlocked);
    assert_eq!(
        Journal::of(&mut vault)
            .get(&src.journal)
            .expect("entry")
            .body,
        "The supervisee asked about dual relationships in a small town."
    );
    // The restored vault's security log goes on from the backup's, whole.
    let log = Audit::of(&mut vault).list().expect("log");
    assert_eq!(log.problem, None);
    assert_eq!(log.entries[0].event, Some(AuditEvent::Restored));
    assert_eq!(
        log.entries.last().and_then(|e| e.event),
        Some(AuditEvent::VaultCreated)
    );
}
