//! Between-session contact notes through the vault: recording, listing,
//! editing, deleting, the notes since a date for the next agenda, tampering
//! with one note, and bad input that writes nothing.

mod common;

use std::path::Path;

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use confidant_core::contacts::{ContactInput, ContactMode, Contacts};
use confidant_core::exception_log::{latest_today, TEXT_CHARS};
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

fn note(date: NaiveDate, issue: &str) -> ContactInput {
    ContactInput {
        date,
        time: NaiveTime::from_hms_opt(18, 30, 0),
        mode: ContactMode::Phone,
        issue: issue.into(),
        advice: "Follow the safety plan; call the crisis team if it escalates.".into(),
        risk_decision: "No immediate danger; no referral today.".into(),
        follow_up: "Bring it to Thursday's session.".into(),
    }
}

fn db(dir: &Path) -> Connection {
    Connection::open(dir.join(DB_FILE)).expect("open the file")
}

fn count(dir: &Path) -> i64 {
    db(dir)
        .query_row("SELECT count(*) FROM contact_notes", [], |r| r.get(0))
        .expect("count")
}

#[test]
fn notes_are_listed_newest_first_edited_and_deleted() {
    let (dir, mut v) = vault();
    let sam = add(
        &mut v,
        PersonKind::Person,
        Relation::ISupervise,
        "Sam Okafor",
    );
    let a = Contacts::of(&mut v)
        .create(
            &sam.id,
            &note(day(2026, 11, 10), "Client disclosed self-harm."),
            now(),
        )
        .expect("a");
    let mut morning = note(day(2026, 11, 20), "Worried about a home visit.");
    morning.time = None;
    morning.mode = ContactMode::Message;
    let b = Contacts::of(&mut v)
        .create(&sam.id, &morning, now())
        .expect("b");
    let c = Contacts::of(&mut v)
        .create(&sam.id, &note(day(2026, 11, 20), "Follow-up call."), now())
        .expect("c");
    let ids = |v: &mut Vault| -> Vec<String> {
        Contacts::of(v)
            .list(&sam.id)
            .expect("list")
            .into_iter()
            .map(|n| n.id)
            .collect()
    };
    assert_eq!(ids(&mut v), [c.id.clone(), b.id.clone(), a.id.clone()]);

    let later = now() + Duration::hours(2);
    let mut edited = note(day(2026, 11, 10), "Client disclosed self-harm (edited).");
    edited.time = NaiveTime::from_hms_milli_opt(7, 5, 33, 120);
    let after = Contacts::of(&mut v)
        .update(&a.id, &edited, later)
        .expect("update");
    assert_eq!(after.created_at, a.created_at);
    assert_eq!(after.updated_at, later);
    let stored = after.fields.expect("opens");
    assert_eq!(stored.issue, "Client disclosed self-harm (edited).");
    assert_eq!(
        stored.time,
        NaiveTime::from_hms_opt(7, 5, 0),
        "kept to the minute"
    );

    Contacts::of(&mut v).delete(&b.id).expect("delete");
    assert_eq!(ids(&mut v), [c.id.clone(), a.id.clone()]);
    assert_eq!(count(dir.path()), 2);
    assert!(matches!(
        Contacts::of(&mut v).delete(&b.id),
        Err(Error::NotFound(_))
    ));
}

#[test]
fn contacts_since_gives_the_notes_from_a_date_oldest_first() {
    let (_dir, mut v) = vault();
    let sam = add(
        &mut v,
        PersonKind::Person,
        Relation::ISupervise,
        "Sam Okafor",
    );
    let alex = add(
        &mut v,
        PersonKind::Person,
        Relation::ISupervise,
        "Alex Rivera",
    );
    for (d, who) in [(5, &sam), (12, &sam), (12, &alex), (25, &sam), (11, &sam)] {
        Contacts::of(&mut v)
            .create(
                &who.id,
                &note(day(2026, 11, d), &format!("On the {d}th.")),
                now(),
            )
            .expect("note");
    }
    let since = Contacts::of(&mut v)
        .since(&sam.id, day(2026, 11, 11))
        .expect("since");
    let issues: Vec<String> = since
        .iter()
        .map(|n| n.fields.as_ref().expect("opens").issue.clone())
        .collect();
    assert_eq!(issues, ["On the 11th.", "On the 12th.", "On the 25th."]);
    assert!(Contacts::of(&mut v)
        .since(&sam.id, day(2026, 11, 26))
        .expect("none")
        .is_empty());
}

#[test]
fn a_flipped_byte_damages_that_note_only_and_the_list_still_loads() {
    let (dir, mut v) = vault();
    let sam = add(
        &mut v,
        PersonKind::Person,
        Relation::ISupervise,
        "Sam Okafor",
    );
    let a = Contacts::of(&mut v)
        .create(&sam.id, &note(day(2026, 11, 10), "A."), now())
        .expect("a");
    let b = Contacts::of(&mut v)
        .create(&sam.id, &note(day(2026, 11, 11), "B."), now())
        .expect("b");
    let conn = db(dir.path());
    let mut body: Vec<u8> = conn
        .query_row(
            "SELECT body FROM contact_notes WHERE id = ?1",
            [&a.id],
            |r| r.get(0),
        )
        .expect("body");
    let middle = body.len() / 2;
    body[middle] ^= 0x40;
    conn.execute(
        "UPDATE contact_notes SET body = ?2 WHERE id = ?1",
        rusqlite::params![a.id, body],
    )
    .expect("tamper");
    // An edited timestamp is damage too (it is bound).
    conn.execute(
        "UPDATE contact_notes SET updated_at = updated_at + 1 WHERE id = ?1",
        [&b.id],
    )
    .expect("edit time");
    let c = Contacts::of(&mut v)
        .create(&sam.id, &note(day(2026, 11, 12), "C."), now())
        .expect("c");
    drop(conn);
    let list = Contacts::of(&mut v).list(&sam.id).expect("the list loads");
    let flags: Vec<(String, bool)> = list.iter().map(|n| (n.id.clone(), n.damaged)).collect();
    assert_eq!(flags.len(), 3);
    assert!(flags.contains(&(a.id.clone(), true)));
    assert!(flags.contains(&(b.id.clone(), true)));
    assert!(flags.contains(&(c.id.clone(), false)));
    assert!(list
        .iter()
        .filter(|n| n.damaged)
        .all(|n| n.fields.is_none()));
    // A damaged note cannot be edited over; it can be deleted.
    assert!(matches!(
        Contacts::of(&mut v).update(&a.id, &note(day(2026, 11, 10), "A again."), now()),
        Err(Error::Integrity(_))
    ));
    Contacts::of(&mut v).delete(&a.id).expect("delete damaged");
}

#[test]
fn each_bad_input_is_a_specific_error_and_writes_nothing() {
    let (dir, mut v) = vault();
    let sam = add(
        &mut v,
        PersonKind::Person,
        Relation::ISupervise,
        "Sam Okafor",
    );
    let org = add(
        &mut v,
        PersonKind::Organisation,
        Relation::None,
        "Northside Trust",
    );
    let ok = note(day(2026, 11, 27), "Issue.");
    let with = |f: &dyn Fn(&mut ContactInput)| {
        let mut n = ok.clone();
        f(&mut n);
        n
    };
    let long = "x".repeat(TEXT_CHARS + 1);
    let cases: Vec<(&str, String, ContactInput, &str)> = vec![
        (
            "empty issue",
            sam.id.clone(),
            with(&|n| n.issue = "  ".into()),
            "The issue is empty",
        ),
        (
            "future",
            sam.id.clone(),
            with(&|n| n.date = latest_today(now()) + Duration::days(1)),
            "in the future",
        ),
        (
            "too long",
            sam.id.clone(),
            with(&|n| n.advice = long.clone()),
            "The advice given is too long",
        ),
        (
            "control",
            sam.id.clone(),
            with(&|n| n.follow_up = "a\u{0}b".into()),
            "control characters",
        ),
        (
            "organisation",
            org.id.clone(),
            ok.clone(),
            "not an organisation",
        ),
        (
            "unknown",
            "0b6c4a8e-9d64-4c1e-8f00-2a4f3e1a7c11".into(),
            ok.clone(),
            "That person was not found",
        ),
    ];
    for (label, person, input, message) in cases {
        let err = Contacts::of(&mut v)
            .create(&person, &input, now())
            .expect_err(label);
        assert!(err.to_string().contains(message), "{label}: {err}");
    }
    assert_eq!(count(dir.path()), 0);
    let n = Contacts::of(&mut v)
        .create(&sam.id, &ok, now())
        .expect("ok");
    let err = Contacts::of(&mut v)
        .update(&n.id, &with(&|n| n.issue = String::new()), now())
        .expect_err("empty on update");
    assert!(matches!(err, Error::Empty("The issue")));
    assert_eq!(
        Contacts::of(&mut v).list(&sam.id).expect("list")[0].fields,
        n.fields,
        "unchanged"
    );
    assert!(matches!(
        Contacts::of(&mut v).update("0b6c4a8e-9d64-4c1e-8f00-2a4f3e1a7c11", &ok, now()),
        Err(Error::NotFound(_))
    ));
}
