//! Nothing typed reaches a backup in clear: markers in journal entries, a
//! person's name and notes, and a backup folder whose path holds a name;
//! backups made unlocked and locked; then every file in the backup folder
//! and in the data folder is searched for each marker (UTF-8 and UTF-16LE,
//! as typed and lowercased). Positive controls prove the scanner finds a
//! marker in a plain file and in a SQLite file in the same folder shape.

mod common;
use common::scan::{assert_no_hits, random_hex, scan, Needles};

use chrono::{DateTime, Duration, Utc};
use confidant_core::backup::{self, Backups};
use confidant_core::journal::Journal;
use confidant_core::people::{People, PersonKind, Relation};
use confidant_core::vault::Role;

fn t0() -> DateTime<Utc> {
    DateTime::from_timestamp(1_796_029_200, 0).expect("time")
}

#[test]
fn backups_and_the_backup_folder_hold_no_plaintext() {
    let journal_marker = format!("Jm{}", random_hex(16));
    let deleted_marker = format!("Dm{}", random_hex(16));
    let name_marker = format!("Nm{}", random_hex(12));
    let notes_marker = format!("No{}", random_hex(16));
    let folder_marker = format!("Fm{}", random_hex(12));

    let (data, mut vault) = common::unlocked_vault(Role::Supervisor, t0());
    Journal::of(&mut vault)
        .create(&format!("Today {journal_marker} was hard."), t0())
        .expect("entry");
    let gone = Journal::of(&mut vault)
        .create(&format!("Delete me {deleted_marker}"), t0())
        .expect("entry");
    Journal::of(&mut vault).delete(&gone.id).expect("delete");
    let mut input = common::person_input(PersonKind::Person, Relation::ISupervise, &name_marker);
    input.notes = format!("Notes {notes_marker}");
    People::of(&mut vault).create(&input, t0()).expect("person");

    // The backup folder's own path carries a name: it is sealed in settings.
    let root = tempfile::tempdir().expect("tmp");
    let folder = root.path().join(format!("Backups of {folder_marker}"));
    std::fs::create_dir(&folder).expect("folder");
    Backups::of(&mut vault)
        .set_folder(&folder, t0())
        .expect("set folder");
    Backups::of(&mut vault)
        .back_up_now(t0())
        .expect("backup unlocked");
    vault.lock();
    backup::create(&vault, &folder, 7, t0() + Duration::hours(1)).expect("backup locked");
    drop(vault);

    let mut needles = Needles::default();
    needles
        .text("journal marker", &journal_marker)
        .text("deleted journal marker", &deleted_marker)
        .text("person's name", &name_marker)
        .text("person's notes", &notes_marker);
    let in_backups = scan(&folder, &needles);
    assert_eq!(
        in_backups.files.len(),
        2,
        "two backups and nothing else:\n{}",
        in_backups.report()
    );
    assert!(
        in_backups.hits.is_empty() && in_backups.files.iter().all(|(_, size)| *size > 0),
        "plaintext reached a backup.\n{}",
        in_backups.report()
    );

    needles.text("backup folder's name", &folder_marker);
    let in_data = scan(data.path(), &needles);
    assert!(!in_data.files.is_empty());
    assert_no_hits(&in_data);
    // The backups themselves do not hold the folder's path either.
    let again = scan(&folder, &needles);
    assert!(again.hits.is_empty(), "{}", again.report());

    // Positive controls: the same scan finds a marker in a plain file and
    // in a SQLite file (as a backup would be) in the backup folder.
    std::fs::write(folder.join("control.txt"), format!("x{journal_marker}y")).expect("write");
    let conn = rusqlite::Connection::open(folder.join("control.db")).expect("db");
    conn.execute_batch(&format!(
        "CREATE TABLE t (v TEXT); INSERT INTO t VALUES ('{name_marker}');"
    ))
    .expect("insert");
    drop(conn);
    let control = scan(&folder, &needles);
    let labels: Vec<&str> = control.hits.iter().map(|h| h.needle.as_str()).collect();
    assert!(labels.contains(&"journal marker (UTF-8)"), "{labels:?}");
    assert!(labels.contains(&"person's name (UTF-8)"), "{labels:?}");
}
