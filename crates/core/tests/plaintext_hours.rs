//! Nothing typed into the hours book (manual entries, practice weeks,
//! adjustments, review comments, accepted differences, sign-off names,
//! reopening reasons, corrections) reaches the disk in clear.
//!
//! Every sealed text field gets its own random marker. Every file in the
//! data folder (database, WAL, shared memory) is read as raw bytes and
//! searched for each marker in UTF-8 and UTF-16LE, as typed and
//! lowercased: once while the connection is open, once after the vault is
//! locked. A positive control proves the scanner finds a marker.

#[path = "records_fixture/mod.rs"]
mod fixture;

use chrono::{NaiveDate, NaiveTime};
use confidant_core::hours::{
    AdjustmentInput, Hours, ManualEntryInput, PracticeWeekInput, SignOffInput, SupervisionForm,
    TheirCount, TheirCountInput,
};

use fixture::common::scan::{assert_no_hits, random_hex, scan, Needles};
use fixture::{now, world};

fn feb(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 2, d).expect("date")
}

#[test]
fn no_hours_field_is_on_disk_open_or_locked() {
    let mut w = world(false);
    let mut markers = Vec::new();
    let mut mark = |label: &str| {
        let text = format!("{label}{}", random_hex(12));
        markers.push((label.to_string(), text.clone()));
        text
    };
    w.hold(0);
    let p = w.person.clone();
    let b = Hours::of(&mut w.v)
        .manual_create(
            &ManualEntryInput {
                person_id: p.clone(),
                date: feb(3),
                start: NaiveTime::from_hms_opt(9, 0, 0).expect("time"),
                minutes: 60,
                form: SupervisionForm::Individual,
                group_size: None,
                supervisor_name: mark("SupervisorName"),
                licence_number: mark("Licence"),
                credential: mark("Credential"),
                note: mark("ManualNote"),
            },
            now(),
        )
        .expect("manual");
    let entry = b.manual[0].id.clone();
    Hours::of(&mut w.v)
        .practice_create(
            &PracticeWeekInput {
                person_id: p.clone(),
                week_start: feb(2),
                clinical_minutes: 600,
                psychotherapy_minutes: 300,
                non_clinical_minutes: 120,
                setting: mark("Setting"),
            },
            now(),
        )
        .expect("practice");
    Hours::of(&mut w.v)
        .adjust_session(
            &AdjustmentInput {
                person_id: p.clone(),
                key: w.keys[0].clone(),
                form: Some(SupervisionForm::DirectObservation),
                minutes: Some(50),
                reason: mark("AdjustReason"),
            },
            now(),
        )
        .expect("adjust");
    Hours::of(&mut w.v)
        .return_entry(&p, &entry, &mark("ReturnComment"), now())
        .expect("return");
    Hours::of(&mut w.v)
        .approve_entry(&p, &entry, now())
        .expect("approve");
    Hours::of(&mut w.v)
        .enter_their_counts(
            &TheirCountInput {
                person_id: p.clone(),
                from: feb(1),
                to: feb(28),
                counts: vec![TheirCount {
                    date: feb(3),
                    minutes: 45,
                    form: SupervisionForm::Individual,
                }],
            },
            now(),
        )
        .expect("their count");
    Hours::of(&mut w.v)
        .accept_difference(&p, feb(3), &mark("AcceptNote"), now())
        .expect("accept");
    let b = Hours::of(&mut w.v)
        .sign_off(
            &SignOffInput {
                person_id: p.clone(),
                from: feb(1),
                to: feb(28),
                signed_name: mark("SignedName"),
            },
            now(),
        )
        .expect("sign off");
    let so = b.sign_offs[0].id.clone();
    Hours::of(&mut w.v)
        .add_sign_off_addendum(&p, &so, &mark("Addendum"), now())
        .expect("addendum");
    let b = Hours::of(&mut w.v)
        .reopen_sign_off(&p, &so, &mark("ReopenReason"), now())
        .expect("reopen");
    assert_eq!(b.log.len(), 3, "the markers were really stored");
    let mut needles = Needles::default();
    for (label, text) in &markers {
        needles.text(label, text);
    }
    let found = scan(w.dir.path(), &needles);
    assert!(
        found
            .size_of(&format!("{}-wal", confidant_core::store::DB_FILE))
            .is_some_and(|s| s > 0),
        "the live write-ahead log was scanned"
    );
    assert_no_hits(&found);
    w.v.lock();
    assert_no_hits(&scan(w.dir.path(), &needles));
}

#[test]
fn control_the_scanner_finds_a_marker_in_sqlite() {
    let dir = tempfile::tempdir().expect("tmp");
    let marker = format!("Ctl{}", random_hex(12));
    let conn = rusqlite::Connection::open(dir.path().join("control.db")).expect("db");
    conn.execute_batch("CREATE TABLE t (v TEXT)")
        .expect("table");
    conn.execute("INSERT INTO t (v) VALUES (?1)", [format!("{marker} z")])
        .expect("insert");
    drop(conn);
    let mut needles = Needles::default();
    needles.text("control", &marker);
    assert_eq!(scan(dir.path(), &needles).hits.len(), 1);
}
