//! The confidentiality-exception log through the vault: recording, listing
//! newest first, addenda dated and in order, no deletion or change by any
//! path (no function, the triggers against raw SQL), tampering with one
//! entry, and bad input that writes nothing.

mod common;

use std::path::Path;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use confidant_core::exception_log::{
    latest_today, Discussed, ExceptionInput, ExceptionKind, ExceptionLog, TEXT_CHARS,
};
use confidant_core::people::{People, Person, PersonKind, Relation};
use confidant_core::store::DB_FILE;
use confidant_core::vault::{Role, Vault};
use confidant_core::Error;
use rusqlite::Connection;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 30, 12, 0, 0)
        .single()
        .expect("time")
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

fn vault() -> (tempfile::TempDir, Vault) {
    common::unlocked_vault(Role::Supervisor, now())
}

fn add(v: &mut Vault, kind: PersonKind, relation: Relation, name: &str) -> Person {
    People::of(v)
        .create(&common::person_input(kind, relation, name), now())
        .expect("person")
}

fn sam(v: &mut Vault) -> Person {
    add(v, PersonKind::Person, Relation::ISupervise, "Sam Okafor")
}

fn entry(date: NaiveDate) -> ExceptionInput {
    ExceptionInput {
        date,
        kind: ExceptionKind::RiskOfHarm,
        concern: "A client (C-17) described a plan to harm a child in their care.".into(),
        shared: "That C-17 disclosed a risk to a named child; the address on file.".into(),
        recipient_organisation: "Northside Children's Services".into(),
        recipient_role: "Duty social worker".into(),
        basis: "Safeguarding duty; BASW Code of Ethics 3.7; local safeguarding procedure.".into(),
        discussed: Discussed::Yes,
        discussed_how: "Phoned Sam before the referral and agreed who would call.".into(),
        response: "Sam agreed and joined the call.".into(),
        outcome: "Referral made together; Sam follows the safety plan.".into(),
    }
}

fn db(dir: &Path) -> Connection {
    Connection::open(dir.join(DB_FILE)).expect("open the file")
}

fn count(dir: &Path, table: &str) -> i64 {
    db(dir)
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .expect("count")
}

#[test]
fn entries_are_listed_newest_first_with_every_field() {
    let (_dir, mut v) = vault();
    let sam = sam(&mut v);
    let older = ExceptionLog::of(&mut v)
        .record(&sam.id, &entry(day(2026, 10, 2)), now())
        .expect("older");
    let mut harm = entry(day(2026, 11, 20));
    harm.kind = ExceptionKind::HarmfulPractice;
    harm.discussed = Discussed::NotPossible;
    harm.discussed_how = String::new();
    let newer = ExceptionLog::of(&mut v)
        .record(&sam.id, &harm, now() - Duration::days(1))
        .expect("newer");
    let list = ExceptionLog::of(&mut v).list(&sam.id).expect("list");
    let ids: Vec<&str> = list.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(
        ids,
        [newer.id.as_str(), older.id.as_str()],
        "by date of disclosure"
    );
    assert_eq!(list[0].fields.as_ref().expect("opens"), &harm);
    assert_eq!(
        list[1].fields.as_ref().expect("opens"),
        &entry(day(2026, 10, 2))
    );
    assert!(list.iter().all(|e| !e.damaged && e.addenda.is_empty()));
    // Another supervisee's log is their own.
    let alex = add(
        &mut v,
        PersonKind::Person,
        Relation::ISupervise,
        "Alex Rivera",
    );
    assert!(ExceptionLog::of(&mut v)
        .list(&alex.id)
        .expect("alex")
        .is_empty());
}

#[test]
fn addenda_are_dated_in_order_and_leave_the_original_visible() {
    let (_dir, mut v) = vault();
    let sam = sam(&mut v);
    let e = ExceptionLog::of(&mut v)
        .record(&sam.id, &entry(day(2026, 11, 27)), now())
        .expect("record");
    let t1 = now() + Duration::hours(1);
    let t2 = now() + Duration::days(2);
    ExceptionLog::of(&mut v)
        .add_addendum(
            &e.id,
            "Correction: the referral was made on 28 November.",
            t1,
        )
        .expect("first");
    let after = ExceptionLog::of(&mut v)
        .add_addendum(&e.id, "  Outcome: the family is now supported.\r\n  ", t2)
        .expect("second");
    assert_eq!(after.fields, e.fields, "the original is unchanged");
    let seen: Vec<(u32, DateTime<Utc>, &str)> = after
        .addenda
        .iter()
        .map(|a| (a.seq, a.recorded_at, a.text.as_str()))
        .collect();
    assert_eq!(
        seen,
        [
            (1, t1, "Correction: the referral was made on 28 November."),
            (2, t2, "Outcome: the family is now supported."),
        ]
    );
    let listed = ExceptionLog::of(&mut v).list(&sam.id).expect("list");
    assert_eq!(listed, vec![after]);
}

#[test]
fn the_triggers_refuse_a_raw_delete_or_change() {
    let (dir, mut v) = vault();
    let sam = sam(&mut v);
    let e = ExceptionLog::of(&mut v)
        .record(&sam.id, &entry(day(2026, 11, 27)), now())
        .expect("record");
    ExceptionLog::of(&mut v)
        .add_addendum(&e.id, "A correction.", now())
        .expect("addendum");
    let conn = db(dir.path());
    for sql in [
        "DELETE FROM exception_entries",
        "DELETE FROM exception_entries WHERE id = ?1",
        "UPDATE exception_entries SET body = x'00' WHERE id = ?1",
        "UPDATE exception_entries SET created_at = 0",
        "DELETE FROM exception_addenda",
        "UPDATE exception_addenda SET body = x'00'",
        "UPDATE exception_addenda SET seq = 7",
    ] {
        let err = conn
            .execute(
                sql,
                rusqlite::params_from_iter(sql.contains("?1").then_some(&e.id)),
            )
            .expect_err(sql);
        assert!(
            err.to_string().contains("cannot be"),
            "{sql}: refused by the trigger, got {err}"
        );
    }
    // A REPLACE (a delete that fires no delete trigger, then an insert) is
    // refused as well.
    for sql in [
        "INSERT OR REPLACE INTO exception_entries SELECT * FROM exception_entries",
        "REPLACE INTO exception_addenda SELECT * FROM exception_addenda",
        "INSERT OR REPLACE INTO exception_addenda (id, entry_id, person_id, key_id, seq, created_at, body)
         SELECT 'other', entry_id, person_id, key_id, seq, created_at, x'00' FROM exception_addenda",
    ] {
        let err = conn.execute(sql, []).expect_err(sql);
        assert!(err.to_string().contains("cannot be replaced"), "{sql}: {err}");
    }
    drop(conn);
    assert_eq!(count(dir.path(), "exception_entries"), 1);
    assert_eq!(count(dir.path(), "exception_addenda"), 1);
    let listed = ExceptionLog::of(&mut v).list(&sam.id).expect("list");
    assert_eq!(listed[0].fields, e.fields);
    assert_eq!(listed[0].addenda.len(), 1);
}

/// The core has no way to delete or change an entry: neither the domain
/// module nor its store contains a delete or an update, and the handle
/// offers only list, record and add_addendum (this file calls every one).
#[test]
fn no_core_function_deletes_or_changes_an_entry() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for file in ["exception_log.rs", "store/exception_log.rs"] {
        let text = std::fs::read_to_string(src.join(file)).expect("source");
        let code: String = text
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n")
            .to_lowercase();
        for banned in [
            "delete",
            "update ",
            "replace",
            "fn remove",
            "fn erase",
            "drop trigger",
        ] {
            assert!(!code.contains(banned), "{file} contains `{banned}`");
        }
        assert!(
            text.to_lowercase().contains("delete"),
            "{file}: the scan reads the text (its docs say why there is no delete)"
        );
    }
}

#[test]
fn a_flipped_byte_damages_that_entry_only_and_the_list_still_loads() {
    let (dir, mut v) = vault();
    let sam = sam(&mut v);
    let a = ExceptionLog::of(&mut v)
        .record(&sam.id, &entry(day(2026, 11, 1)), now())
        .expect("a");
    let b = ExceptionLog::of(&mut v)
        .record(&sam.id, &entry(day(2026, 11, 2)), now())
        .expect("b");
    ExceptionLog::of(&mut v)
        .add_addendum(&b.id, "First.", now())
        .expect("b1");
    ExceptionLog::of(&mut v)
        .add_addendum(&b.id, "Second.", now())
        .expect("b2");
    // Someone with the file drops the trigger (it guards honest writers, not
    // the integrity check) and flips a byte of entry a and of b's first addendum.
    let conn = db(dir.path());
    conn.execute_batch(
        "DROP TRIGGER exception_entries_no_update; DROP TRIGGER exception_addenda_no_update;",
    )
    .expect("drop");
    for (table, id_col, id) in [
        ("exception_entries", "id", &a.id),
        ("exception_addenda", "entry_id", &b.id),
    ] {
        let body: Vec<u8> = conn
            .query_row(
                &format!("SELECT body FROM {table} WHERE {id_col} = ?1 ORDER BY rowid LIMIT 1"),
                [id],
                |r| r.get(0),
            )
            .expect("body");
        let mut damaged = body;
        let middle = damaged.len() / 2;
        damaged[middle] ^= 0x01;
        conn.execute(
            &format!("UPDATE {table} SET body = ?2 WHERE rowid = (SELECT rowid FROM {table} WHERE {id_col} = ?1 ORDER BY rowid LIMIT 1)"),
            rusqlite::params![id, damaged],
        )
        .expect("tamper");
    }
    drop(conn);
    let list = ExceptionLog::of(&mut v)
        .list(&sam.id)
        .expect("the list still loads");
    assert_eq!(list.len(), 2);
    let a_listed = list.iter().find(|e| e.id == a.id).expect("a listed");
    assert!(a_listed.damaged && a_listed.fields.is_none());
    let b_listed = list.iter().find(|e| e.id == b.id).expect("b listed");
    assert!(!b_listed.damaged);
    assert_eq!(b_listed.fields, b.fields);
    let flags: Vec<(u32, bool, &str)> = b_listed
        .addenda
        .iter()
        .map(|x| (x.seq, x.damaged, x.text.as_str()))
        .collect();
    assert_eq!(flags, [(1, true, ""), (2, false, "Second.")]);
    // No addendum to an entry that no longer opens.
    assert!(matches!(
        ExceptionLog::of(&mut v).add_addendum(&a.id, "More.", now()),
        Err(Error::Integrity(_))
    ));
}

#[test]
fn an_entry_moved_to_another_person_is_damaged() {
    let (dir, mut v) = vault();
    let sam = sam(&mut v);
    let alex = add(
        &mut v,
        PersonKind::Person,
        Relation::ISupervise,
        "Alex Rivera",
    );
    let e = ExceptionLog::of(&mut v)
        .record(&sam.id, &entry(day(2026, 11, 1)), now())
        .expect("record");
    let conn = db(dir.path());
    conn.execute_batch("DROP TRIGGER exception_entries_no_update")
        .expect("drop");
    conn.execute(
        "UPDATE exception_entries SET person_id = ?2 WHERE id = ?1",
        rusqlite::params![e.id, alex.id],
    )
    .expect("move");
    drop(conn);
    let list = ExceptionLog::of(&mut v).list(&alex.id).expect("list");
    assert_eq!(list.len(), 1);
    assert!(list[0].damaged, "sealed under Sam's key and bound to Sam");
}

#[test]
fn each_bad_input_is_a_specific_error_and_writes_nothing() {
    let (dir, mut v) = vault();
    let sam = sam(&mut v);
    let org = add(
        &mut v,
        PersonKind::Organisation,
        Relation::None,
        "Northside Trust",
    );
    let group = add(
        &mut v,
        PersonKind::Group,
        Relation::ISupervise,
        "Tuesday group",
    );
    let ok = entry(day(2026, 11, 27));
    let with = |f: &dyn Fn(&mut ExceptionInput)| {
        let mut e = ok.clone();
        f(&mut e);
        e
    };
    let long = "x".repeat(TEXT_CHARS + 1);
    let future = latest_today(now()) + Duration::days(1);
    let cases: Vec<(&str, String, ExceptionInput, &str)> = vec![
        (
            "no recipient",
            sam.id.clone(),
            with(&|e| e.recipient_organisation = "  ".into()),
            "needs a recipient",
        ),
        (
            "no role",
            sam.id.clone(),
            with(&|e| e.recipient_role = String::new()),
            "needs a recipient",
        ),
        (
            "empty concern",
            sam.id.clone(),
            with(&|e| e.concern = " \n ".into()),
            "The concern is empty",
        ),
        (
            "nothing shared",
            sam.id.clone(),
            with(&|e| e.shared = String::new()),
            "What was shared is empty",
        ),
        (
            "no basis",
            sam.id.clone(),
            with(&|e| e.basis = String::new()),
            "The legal or ethical basis is empty",
        ),
        (
            "discussed, not how",
            sam.id.clone(),
            with(&|e| e.discussed_how = String::new()),
            "Say how it was discussed",
        ),
        (
            "future date",
            sam.id.clone(),
            with(&|e| e.date = future),
            "is in the future",
        ),
        (
            "year out of range",
            sam.id.clone(),
            with(&|e| e.date = day(1850, 1, 1)),
            "between the years",
        ),
        (
            "too long",
            sam.id.clone(),
            with(&|e| e.concern = long.clone()),
            "The concern is too long",
        ),
        (
            "control characters",
            sam.id.clone(),
            with(&|e| e.recipient_role = "a\u{7}b".into()),
            "control characters",
        ),
        (
            "organisation as subject",
            org.id.clone(),
            ok.clone(),
            "not an organisation",
        ),
        (
            "group as subject",
            group.id.clone(),
            ok.clone(),
            "not a group",
        ),
        (
            "unknown person",
            uuid_like(),
            ok.clone(),
            "That person was not found",
        ),
        (
            "bad id",
            "nope".into(),
            ok.clone(),
            "That person's id is not valid",
        ),
    ];
    for (label, person, input, message) in cases {
        let err = ExceptionLog::of(&mut v)
            .record(&person, &input, now())
            .expect_err(label);
        assert!(err.to_string().contains(message), "{label}: {err}");
    }
    assert_eq!(count(dir.path(), "exception_entries"), 0);
    // Today in the easternmost time zone is still accepted.
    let edge = with(&|e| e.date = latest_today(now()));
    let e = ExceptionLog::of(&mut v)
        .record(&sam.id, &edge, now())
        .expect("the latest date anywhere today");
    // Addenda: to an unknown entry, empty, too long, bad id.
    for (label, id, text, message) in [
        (
            "unknown entry",
            uuid_like(),
            "Text.".to_string(),
            "That exception entry was not found",
        ),
        (
            "empty",
            e.id.clone(),
            "  ".to_string(),
            "The addendum is empty",
        ),
        (
            "too long",
            e.id.clone(),
            "y".repeat(TEXT_CHARS + 1),
            "The addendum is too long",
        ),
        (
            "bad id",
            "x".to_string(),
            "Text.".to_string(),
            "id is not valid",
        ),
    ] {
        let err = ExceptionLog::of(&mut v)
            .add_addendum(&id, &text, now())
            .expect_err(label);
        assert!(err.to_string().contains(message), "{label}: {err}");
    }
    assert_eq!(count(dir.path(), "exception_entries"), 1);
    assert_eq!(count(dir.path(), "exception_addenda"), 0);
    // The organisation's and group's logs cannot be listed either.
    assert!(ExceptionLog::of(&mut v).list(&org.id).is_err());
}

#[test]
fn a_locked_vault_refuses() {
    let (_dir, mut v) = vault();
    let sam = sam(&mut v);
    v.lock();
    assert!(matches!(
        ExceptionLog::of(&mut v).record(&sam.id, &entry(day(2026, 11, 1)), now()),
        Err(Error::Locked)
    ));
    assert!(matches!(
        ExceptionLog::of(&mut v).list(&sam.id),
        Err(Error::Locked)
    ));
}

fn uuid_like() -> String {
    "0b6c4a8e-9d64-4c1e-8f00-2a4f3e1a7c11".into()
}
