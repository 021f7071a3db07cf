//! Sign-off: what it refuses (naming the dates), the snapshot and its
//! hash, locked entries, changes since sign-off, a logged reopen and
//! correction addenda.

use chrono::Duration;
use confidant_core::hours::{
    AdjustmentInput, ChangeKind, Hours, SignOffEvent, SignOffInput, SupervisionForm,
};
use proptest::prelude::*;

use super::fixture::{day, now, world, World};
use super::support::{err, hold_and_finalise, jan, manual, practice};

fn january(person: &str) -> SignOffInput {
    SignOffInput {
        person_id: person.to_string(),
        from: jan(1),
        to: jan(31),
        signed_name: "Dr Maya Lindqvist".into(),
    }
}

const LOCKED: &str = "That entry is in a signed-off period and cannot be changed.";

/// January with four held, finalised sessions, a manual entry and a
/// practice week, signed off.
fn signed_january() -> (World, String) {
    let mut w = world(false);
    for i in 0..4 {
        hold_and_finalise(&mut w, i);
    }
    Hours::of(&mut w.v)
        .manual_create(&manual(&w.person, jan(14), 15, 0, 60), now())
        .expect("manual");
    Hours::of(&mut w.v)
        .practice_create(&practice(&w.person, jan(12), 1500, 1200, 600), now())
        .expect("practice");
    let b = Hours::of(&mut w.v)
        .sign_off(&january(&w.person), now())
        .expect("sign off");
    let id = b.sign_offs[0].id.clone();
    (w, id)
}

#[test]
fn sign_off_is_refused_while_records_are_missing_or_draft_naming_the_dates() {
    let mut w = world(false);
    w.hold(0);
    w.hold(1);
    hold_and_finalise(&mut w, 2);
    let r = confidant_core::records::Records::of(&mut w.v)
        .start(&w.keys[1], now())
        .expect("draft");
    assert_eq!(r.session_date, day(1));
    let msg = err(Hours::of(&mut w.v).sign_off(&january(&w.person), now()));
    assert_eq!(
        msg,
        "Held sessions in this period still need a final record: 2026-01-05 (no record), 2026-01-12 (draft). Finalise them before signing off."
    );
    let mut future = january(&w.person);
    future.to = now().date_naive() + Duration::days(1);
    future.from = jan(1);
    assert!(
        err(Hours::of(&mut w.v).sign_off(&future, now())).contains("The period ends after today")
    );
    let mut backwards = january(&w.person);
    backwards.to = jan(1) - Duration::days(1);
    assert_eq!(
        err(Hours::of(&mut w.v).sign_off(&backwards, now())),
        "The last day is before the first day."
    );
    let mut unnamed = january(&w.person);
    unnamed.signed_name = String::new();
    assert!(err(Hours::of(&mut w.v).sign_off(&unnamed, now())).contains("Your name"));
    assert!(Hours::of(&mut w.v)
        .book(&w.person, now())
        .expect("book")
        .sign_offs
        .is_empty());
}

#[test]
fn a_returned_entry_blocks_sign_off_until_approved() {
    let mut w = world(false);
    for i in 0..4 {
        hold_and_finalise(&mut w, i);
    }
    let b = Hours::of(&mut w.v).book(&w.person, now()).expect("book");
    let entry = b.ledger.supervision[1].id.clone();
    assert!(
        err(Hours::of(&mut w.v).return_entry(&w.person, &entry, " ", now()))
            .contains("The comment is empty")
    );
    let b = Hours::of(&mut w.v)
        .return_entry(
            &w.person,
            &entry,
            "This was a 50-minute session, please check.",
            now(),
        )
        .expect("return");
    let review = b
        .entries
        .iter()
        .find(|e| e.entry_id == entry)
        .and_then(|e| e.review.clone())
        .expect("review");
    assert_eq!(
        review.comment,
        "This was a 50-minute session, please check."
    );
    let msg = err(Hours::of(&mut w.v).sign_off(&january(&w.person), now()));
    assert_eq!(
        msg,
        "These entries were returned and are not yet approved: 2026-01-12 (individual). Approve each before signing off."
    );
    let b = Hours::of(&mut w.v)
        .approve_entry(&w.person, &entry, now())
        .expect("approve");
    let review = b
        .entries
        .iter()
        .find(|e| e.entry_id == entry)
        .and_then(|e| e.review.clone())
        .expect("review");
    assert_eq!(review.status, confidant_core::hours::ReviewStatus::Approved);
    assert_eq!(
        review.comment, "This was a 50-minute session, please check.",
        "kept as history"
    );
    Hours::of(&mut w.v)
        .sign_off(&january(&w.person), now())
        .expect("sign off");
}

#[test]
fn a_sign_off_keeps_its_snapshot_locks_its_entries_and_lists_later_changes() {
    let (mut w, id) = signed_january();
    let b = Hours::of(&mut w.v).book(&w.person, now()).expect("book");
    let so = &b.sign_offs[0];
    assert_eq!(so.signed_name, "Dr Maya Lindqvist");
    assert_eq!(so.content_hash.len(), 64);
    assert!(so.content_hash.chars().all(|c| c.is_ascii_hexdigit()));
    assert_eq!(
        so.supervision.len(),
        5,
        "four sessions and the manual entry"
    );
    assert_eq!(so.practice.len(), 1);
    assert!(
        b.entries
            .iter()
            .filter(|e| e.locked_by.as_deref() == Some(id.as_str()))
            .count()
            >= 6
    );
    let manual_id = b.manual[0].id.clone();
    let week_id = b.ledger.practice[0].id.clone();
    let msgs = [
        err(Hours::of(&mut w.v).manual_create(&manual(&w.person, jan(20), 15, 0, 30), now())),
        err(Hours::of(&mut w.v).manual_update(
            &manual_id,
            &manual(&w.person, jan(14), 16, 0, 30),
            now(),
        )),
        err(Hours::of(&mut w.v).manual_update(
            &manual_id,
            &manual(&w.person, day(5), 16, 0, 30),
            now(),
        )),
        err(Hours::of(&mut w.v).manual_delete(&w.person, &manual_id, now())),
        err(Hours::of(&mut w.v).practice_update(
            &week_id,
            &practice(&w.person, jan(12), 60, 0, 0),
            now(),
        )),
        err(Hours::of(&mut w.v).practice_delete(&w.person, &week_id, now())),
        err(Hours::of(&mut w.v).adjust_session(
            &AdjustmentInput {
                person_id: w.person.clone(),
                key: w.keys[0].clone(),
                form: Some(SupervisionForm::DirectObservation),
                minutes: None,
                reason: "Observed practice".into(),
            },
            now(),
        )),
        err(Hours::of(&mut w.v).return_entry(&w.person, &manual_id, "Check this", now())),
    ];
    for m in msgs {
        assert!(m.starts_with(LOCKED), "{m}");
    }
    assert_eq!(
        Hours::of(&mut w.v).book(&w.person, now()).expect("book"),
        b,
        "nothing changed"
    );
    // A January session cancelled and another rescheduled as held after
    // sign-off: the snapshot still counts; the difference is listed.
    confidant_core::schedule::Schedule::of(&mut w.v)
        .set_status(
            &w.keys[3],
            confidant_core::schedule::SessionStatus::Planned,
            now(),
        )
        .expect("unheld");
    let after = Hours::of(&mut w.v).book(&w.person, now()).expect("book");
    assert_eq!(after.ledger.supervision, b.ledger.supervision);
    assert_eq!(after.changes.len(), 1);
    assert_eq!(after.changes[0].kind, ChangeKind::Removed);
    assert_eq!(after.changes[0].date, day(3));
    // Overlapping sign-off refused.
    let msg = err(Hours::of(&mut w.v).sign_off(&january(&w.person), now()));
    assert_eq!(msg, "Part of this period is already signed off (2026-01-01 to 2026-01-31). Reopen that sign-off first, or choose another period.");
}

#[test]
fn reopening_needs_a_reason_is_logged_and_unlocks_corrections_are_addenda() {
    let (mut w, id) = signed_january();
    assert!(
        err(Hours::of(&mut w.v).reopen_sign_off(&w.person, &id, "", now()))
            .contains("The reason is empty")
    );
    let b = Hours::of(&mut w.v)
        .add_sign_off_addendum(
            &w.person,
            &id,
            "The 14 January entry was agency supervision.",
            now() + Duration::hours(1),
        )
        .expect("addendum");
    assert_eq!(b.sign_offs[0].addenda.len(), 1);
    let b = Hours::of(&mut w.v)
        .reopen_sign_off(
            &w.person,
            &id,
            "The supervisee found a missing session.",
            now() + Duration::hours(2),
        )
        .expect("reopen");
    let log: Vec<_> = b.log.iter().map(|l| (l.event, l.text.as_str())).collect();
    assert_eq!(
        log,
        vec![
            (SignOffEvent::Signed, "Dr Maya Lindqvist"),
            (
                SignOffEvent::Addendum,
                "The 14 January entry was agency supervision."
            ),
            (
                SignOffEvent::Reopened,
                "The supervisee found a missing session."
            ),
        ]
    );
    assert!(b.entries.iter().all(|e| e.locked_by.is_none()));
    assert!(
        err(Hours::of(&mut w.v).reopen_sign_off(&w.person, &id, "again", now()))
            .contains("already reopened")
    );
    Hours::of(&mut w.v)
        .manual_create(&manual(&w.person, jan(20), 15, 0, 30), now())
        .expect("editable again");
    let b = Hours::of(&mut w.v)
        .sign_off(&january(&w.person), now() + Duration::hours(3))
        .expect("sign again");
    assert_eq!(b.sign_offs.len(), 2);
    assert_eq!(b.log.len(), 4);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, ..ProptestConfig::default() })]

    /// Whatever is tried after sign-off (entries inside and outside the
    /// period, adjustments, sessions marked held or not), the signed-off
    /// items never change.
    #[test]
    fn locked_entries_never_change(ops in proptest::collection::vec((0u8..4, 0usize..8, 1i32..200), 1..8)) {
        let (mut w, _) = signed_january();
        let signed = Hours::of(&mut w.v).book(&w.person, now()).expect("book");
        let in_jan = |l: &confidant_core::hours::Ledger| -> Vec<_> {
            l.supervision.iter().filter(|i| i.date <= jan(31)).cloned().collect()
        };
        for (op, i, minutes) in ops {
            let date = day(i) + Duration::days(1);
            let _ = match op {
                0 => Hours::of(&mut w.v).manual_create(&manual(&w.person, date, 8, 0, minutes), now()).map(|_| ()),
                1 => Hours::of(&mut w.v).adjust_session(&AdjustmentInput {
                    person_id: w.person.clone(),
                    key: w.keys[i].clone(),
                    form: None,
                    minutes: Some(minutes),
                    reason: "Correction".into(),
                }, now()).map(|_| ()),
                2 => confidant_core::schedule::Schedule::of(&mut w.v)
                    .set_status(&w.keys[i], confidant_core::schedule::SessionStatus::Held, now()).map(|_| ()),
                _ => confidant_core::schedule::Schedule::of(&mut w.v)
                    .set_status(&w.keys[i], confidant_core::schedule::SessionStatus::Planned, now()).map(|_| ()),
            };
            let now_book = Hours::of(&mut w.v).book(&w.person, now()).expect("book");
            prop_assert_eq!(in_jan(&now_book.ledger), in_jan(&signed.ledger));
            prop_assert_eq!(&now_book.sign_offs, &signed.sign_offs);
        }
    }
}
