//! The security log: security events are recorded as they happen, the hash
//! chain is whole after ordinary use, and every kind of tampering with the
//! file — an entry removed, cut off the end, a byte flipped, a time edited,
//! an entry replaced by an older one — is reported, never silent, while the
//! vault keeps working.

mod common;

use chrono::{DateTime, Duration, TimeZone, Utc};
use confidant_core::audit::{Audit, AuditEvent, SecurityLog};
use confidant_core::ics::{Calendar, ExportOptions};
use confidant_core::keychain::MemoryKeychain;
use confidant_core::people::{People, PersonKind, Relation};
use confidant_core::store::DB_FILE;
use confidant_core::subject_access::SubjectAccess;
use confidant_core::vault::{Role, Vault};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0)
        .single()
        .expect("time")
}

fn log(v: &mut Vault) -> SecurityLog {
    Audit::of(v).list().expect("log")
}

fn events(v: &mut Vault) -> Vec<AuditEvent> {
    let mut out: Vec<_> = log(v).entries.iter().filter_map(|e| e.event).collect();
    out.reverse();
    out
}

fn raw(dir: &tempfile::TempDir) -> rusqlite::Connection {
    rusqlite::Connection::open(dir.path().join(DB_FILE)).expect("db")
}

/// A vault with five entries: created, three unlocks, one export.
fn five_entries() -> (tempfile::TempDir, Vault) {
    let (dir, mut v) = common::unlocked_vault(Role::Supervisor, now());
    for i in 1..=3 {
        v.lock();
        v.unlock(None, now() + Duration::minutes(i))
            .expect("unlock");
    }
    let out = dir.path().join("calendar.ics");
    Calendar::of(&mut v)
        .export_to_file(&ExportOptions::default(), &out, now())
        .expect("export");
    assert_eq!(log(&mut v).total, 5);
    (dir, v)
}

#[test]
fn security_events_are_recorded_in_order_and_the_chain_is_whole() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut v = Vault::open(
        dir.path(),
        Box::new(MemoryKeychain::new()),
        common::CONFIG,
        now(),
    )
    .expect("open");
    let started = v.begin_setup(&[Role::Supervisor]).expect("begin");
    v.confirm_setup(&started.recovery_code, now())
        .expect("setup");
    v.lock();
    v.unlock(None, now()).expect("unlock");
    v.set_passcode(None, "correct horse", now())
        .expect("passcode");
    v.remove_passcode("correct horse", now()).expect("remove");
    let id = People::of(&mut v)
        .create(
            &common::person_input(PersonKind::Person, Relation::ISupervise, "Ines Marlow"),
            now(),
        )
        .expect("person")
        .id;
    let out = dir.path().join("out");
    std::fs::create_dir(&out).expect("dir");
    SubjectAccess::of(&mut v)
        .save(&id, &out.join("export.json"), now())
        .expect("export");
    let (_, code) = common::erase_with_code(&mut v, &id, "Ines Marlow", now()).expect("erase");
    // The recovery code (the new one: erasure rotated the keys), as after a
    // lost keychain entry or passcode, enrols this computer again.
    v.lock();
    assert!(v.recover(&started.recovery_code, now()).is_err());
    v.recover(&code, now()).expect("recover");

    assert_eq!(
        events(&mut v),
        vec![
            AuditEvent::VaultCreated,
            AuditEvent::Unlocked,
            AuditEvent::PasscodeSet,
            AuditEvent::PasscodeRemoved,
            AuditEvent::ExportWritten,
            AuditEvent::PersonErased,
            AuditEvent::RecoveryUsed,
        ]
    );
    let shown = log(&mut v);
    assert_eq!(shown.problem, None);
    assert_eq!(shown.total, 7);
    assert_eq!(shown.entries[0].seq, 7, "newest first");
    let export = &shown.entries[2];
    assert_eq!(export.label, "Export written");
    assert_eq!(export.detail, "subject-access export (JSON and PDF)");
    // Nothing in the log names the person.
    let text = serde_json::to_string(&shown).expect("json");
    assert!(!text.contains("Ines") && !text.contains(&id), "{text}");
}

#[test]
fn an_entry_removed_from_the_middle_is_reported() {
    let (dir, mut v) = five_entries();
    let conn = raw(&dir);
    let refused = conn.execute("DELETE FROM audit_log WHERE seq = 2", []);
    assert!(refused.is_err(), "the trigger refuses a delete");
    conn.execute_batch("DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq = 2;")
        .expect("tamper");
    let shown = log(&mut v);
    assert_eq!(
        shown.problem.as_deref(),
        Some("Entry 2 of the security log is missing.")
    );
    assert_eq!(shown.total, 4);
}

#[test]
fn entries_cut_off_the_end_are_reported() {
    let (dir, mut v) = five_entries();
    raw(&dir)
        .execute_batch("DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq >= 4;")
        .expect("tamper");
    assert_eq!(
        log(&mut v).problem.as_deref(),
        Some("The security log ends early: 5 entries were written, 3 are there.")
    );
}

#[test]
fn a_flipped_byte_damages_that_entry_only_and_is_reported() {
    let (dir, mut v) = five_entries();
    let conn = raw(&dir);
    let mut body: Vec<u8> = conn
        .query_row("SELECT body FROM audit_log WHERE seq = 3", [], |r| r.get(0))
        .expect("body");
    let last = body.len() - 1;
    body[last] ^= 0x01;
    conn.execute_batch("DROP TRIGGER audit_log_no_update;")
        .expect("drop");
    conn.execute(
        "UPDATE audit_log SET body = ?1 WHERE seq = 3",
        rusqlite::params![body],
    )
    .expect("tamper");
    let shown = log(&mut v);
    assert_eq!(
        shown.problem.as_deref(),
        Some("Entry 3 of the security log failed its integrity check.")
    );
    let damaged: Vec<i64> = shown
        .entries
        .iter()
        .filter(|e| e.event.is_none())
        .map(|e| e.seq)
        .collect();
    assert_eq!(damaged, vec![3]);
}

#[test]
fn an_edited_time_damages_the_entry() {
    let (dir, mut v) = five_entries();
    raw(&dir)
        .execute_batch(
            "DROP TRIGGER audit_log_no_update;
             UPDATE audit_log SET created_at = created_at - 86400000 WHERE seq = 2;",
        )
        .expect("tamper");
    let shown = log(&mut v);
    assert_eq!(
        shown.problem.as_deref(),
        Some("Entry 2 of the security log failed its integrity check.")
    );
}

#[test]
fn an_entry_swapped_for_another_valid_one_breaks_the_chain() {
    // Entry 4 deleted and entry 5's body replaced by entry 3's (a valid
    // sealed value, but for another number): the gap is the first problem.
    let (dir, mut v) = five_entries();
    raw(&dir)
        .execute_batch(
            "DROP TRIGGER audit_log_no_delete; DROP TRIGGER audit_log_no_update;
             DELETE FROM audit_log WHERE seq = 4;
             UPDATE audit_log SET body = (SELECT body FROM audit_log WHERE seq = 3) WHERE seq = 5;",
        )
        .expect("tamper");
    let shown = log(&mut v);
    assert!(shown.problem.is_some());
    assert_eq!(
        shown.problem.as_deref(),
        Some("Entry 4 of the security log is missing.")
    );
}

#[test]
fn a_damaged_head_never_locks_the_owner_out_and_is_reported() {
    let (dir, mut v) = five_entries();
    raw(&dir)
        .execute("UPDATE audit_head SET updated_at = updated_at + 1", [])
        .expect("tamper");
    v.lock();
    v.unlock(None, now() + Duration::hours(1))
        .expect("unlock still works");
    let shown = log(&mut v);
    assert_eq!(shown.total, 6, "the unlock was still recorded");
    assert_eq!(
        shown.problem.as_deref(),
        Some("The security log's chain breaks at entry 6: an entry before it was changed, removed or replaced.")
    );
    // Later entries chain on from the one after the break.
    v.lock();
    v.unlock(None, now() + Duration::hours(2)).expect("unlock");
    assert_eq!(log(&mut v).total, 7);
}
