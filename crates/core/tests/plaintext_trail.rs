//! Nothing typed into the paper trail reaches the disk in clear: every
//! sealed field of a confidentiality-exception entry, an addendum and a
//! contact note (also an edited and a deleted note) gets a unique marker;
//! every file in the data folder (database, WAL, shared memory) is searched
//! for each marker in UTF-8 and UTF-16LE, as typed and lowercased, while the
//! connection is open and after the vault is dropped. Positive controls
//! prove the scanner finds a marker in a plain file and inside a SQLite
//! database written the same way.
#![allow(clippy::disallowed_methods)] // a test may read the clock; the library may not

mod common;

use chrono::{Duration, NaiveTime, Utc};
use common::scan::{assert_no_hits, random_hex, scan, Needles};
use confidant_core::contacts::{ContactInput, ContactMode, Contacts};
use confidant_core::exception_log::{Discussed, ExceptionInput, ExceptionKind, ExceptionLog};
use confidant_core::people::{People, PersonKind, Relation};
use confidant_core::vault::Role;

#[test]
fn no_paper_trail_field_reaches_the_disk_in_clear() {
    let now = Utc::now();
    let (dir, mut v) = common::unlocked_vault(Role::Supervisor, now);
    let mut typed: Vec<(String, String)> = Vec::new();
    let mut mark = |label: &str| {
        let m = format!("{}{}", label.replace(' ', ""), random_hex(8));
        typed.push((label.to_string(), m.clone()));
        m
    };
    let sam = People::of(&mut v)
        .create(
            &common::person_input(PersonKind::Person, Relation::ISupervise, "Sam Okafor"),
            now,
        )
        .expect("person");
    let input = ExceptionInput {
        date: now.date_naive(),
        kind: ExceptionKind::RiskOfHarm,
        concern: mark("exception concern"),
        shared: mark("exception shared"),
        recipient_organisation: mark("exception organisation"),
        recipient_role: mark("exception role"),
        basis: mark("exception basis"),
        discussed: Discussed::Yes,
        discussed_how: mark("exception discussed how"),
        response: mark("exception response"),
        outcome: mark("exception outcome"),
    };
    let entry = ExceptionLog::of(&mut v)
        .record(&sam.id, &input, now)
        .expect("record");
    ExceptionLog::of(&mut v)
        .add_addendum(&entry.id, &mark("addendum text"), now)
        .expect("addendum");
    let contact = |issue: String, advice: String, risk: String, follow: String| ContactInput {
        date: now.date_naive(),
        time: NaiveTime::from_hms_opt(9, 15, 0),
        mode: ContactMode::Video,
        issue,
        advice,
        risk_decision: risk,
        follow_up: follow,
    };
    let first = contact(
        mark("contact issue"),
        mark("contact advice"),
        mark("contact risk decision"),
        mark("contact follow up"),
    );
    let kept = Contacts::of(&mut v)
        .create(&sam.id, &first, now)
        .expect("contact");
    let edited = contact(
        mark("edited issue"),
        mark("edited advice"),
        mark("edited risk"),
        mark("edited follow up"),
    );
    Contacts::of(&mut v)
        .update(&kept.id, &edited, now + Duration::seconds(1))
        .expect("edit");
    let gone = contact(
        mark("deleted issue"),
        mark("deleted advice"),
        String::new(),
        String::new(),
    );
    let deleted = Contacts::of(&mut v)
        .create(&sam.id, &gone, now)
        .expect("to delete");
    Contacts::of(&mut v).delete(&deleted.id).expect("delete");
    // Everything reads back (the markers were really stored).
    let log = ExceptionLog::of(&mut v).list(&sam.id).expect("log");
    assert_eq!(log[0].fields.as_ref(), Some(&input));
    assert_eq!(log[0].addenda.len(), 1);
    assert_eq!(
        Contacts::of(&mut v).list(&sam.id).expect("contacts")[0]
            .fields
            .as_ref(),
        Some(&edited)
    );

    let mut needles = Needles::default();
    for (label, text) in &typed {
        needles.text(label, text);
    }
    assert_eq!(typed.len(), 19, "every sealed field has a marker");

    // While the connection is open (WAL present).
    let open = scan(dir.path(), &needles);
    assert!(
        open.size_of(&format!("{}-wal", confidant_core::store::DB_FILE))
            .is_some(),
        "the WAL was scanned.\n{}",
        open.report()
    );
    assert_no_hits(&open);
    // After the vault is dropped.
    drop(v);
    assert_no_hits(&scan(dir.path(), &needles));

    // Positive controls: the same scanner finds a marker in a plain file and
    // in a SQLite database (UTF-8 and UTF-16LE).
    let control = tempfile::tempdir().expect("tmp");
    let (label, marker) = &typed[0];
    std::fs::write(control.path().join("plain.txt"), marker).expect("write");
    let conn = rusqlite::Connection::open(control.path().join("control.db")).expect("db");
    conn.execute_batch("CREATE TABLE t (x TEXT)")
        .expect("table");
    conn.execute("INSERT INTO t VALUES (?1)", [marker.to_lowercase()])
        .expect("insert");
    drop(conn);
    let conn16 = rusqlite::Connection::open(control.path().join("utf16.db")).expect("db16");
    conn16
        .execute_batch("PRAGMA encoding = 'UTF-16le'; CREATE TABLE t (x TEXT)")
        .expect("table16");
    conn16
        .execute("INSERT INTO t VALUES (?1)", [marker])
        .expect("insert16");
    drop(conn16);
    let mut one = Needles::default();
    one.text(label, marker);
    let found = scan(control.path(), &one);
    let hit_in = |file: &str, enc: &str| {
        found
            .hits
            .iter()
            .any(|h| h.file.ends_with(file) && h.needle.contains(enc))
    };
    assert!(hit_in("plain.txt", "UTF-8"), "{}", found.report());
    assert!(hit_in("control.db", "UTF-8"), "{}", found.report());
    assert!(hit_in("utf16.db", "UTF-16LE"), "{}", found.report());
}
