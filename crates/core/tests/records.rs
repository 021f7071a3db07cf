//! Session records through the vault: finalising and immutability, addenda,
//! the hand-recorded acknowledgement, the content hash, action items that
//! roll forward, agendas, group members' own notes, damage, and records to
//! write.

mod records_fixture;

use chrono::Duration;
use confidant_core::records::{
    assemble, content_hash, ActionStatus, AddendumInput, AgendaParts, Attendance, HashInput,
    MemberAttendance, MemberNote, RecordStatus, Records, HAND_ACKNOWLEDGEMENT_LABEL,
};
use confidant_core::store::DB_FILE;
use confidant_core::Error;
use records_fixture::{complete, date, day, item, now, utc, world};
use rusqlite::Connection;

fn addendum(text: &str, member: Option<&str>) -> AddendumInput {
    AddendumInput {
        text: text.into(),
        author: "Dr Supervisor".into(),
        member_id: member.map(str::to_string),
    }
}

#[test]
fn a_finalised_record_is_read_only_and_addenda_are_dated_and_ordered() {
    let mut w = world(false);
    w.hold(0);
    let r = Records::of(&mut w.v)
        .start(&w.keys[0], now())
        .expect("start");
    assert_eq!(r.status, RecordStatus::Draft);
    assert_eq!(r.session_date, day(0));
    let saved = Records::of(&mut w.v)
        .save_draft(&r.id, r.revision, &complete(day(0)), now())
        .expect("save");
    assert_eq!(saved.revision, r.revision + 1);
    assert_eq!(saved.action_items.len(), 2);
    assert!(saved.content.action_items.iter().all(|a| !a.id.is_empty()));
    let fin = Records::of(&mut w.v)
        .finalise(&r.id, "Dr Supervisor", now())
        .expect("finalise");
    let f = fin.finalisation.clone().expect("finalisation");
    assert_eq!(f.signed_name, "Dr Supervisor");
    assert_eq!(f.finalised_at, now());
    assert_eq!(f.content_hash.len(), 64);
    assert!(f.content_hash.chars().all(|c| c.is_ascii_hexdigit()));

    // Read-only: saving again is refused with a specific error and changes nothing.
    let mut changed = fin.content.clone();
    changed.exploration = "Rewritten afterwards.".into();
    let err = Records::of(&mut w.v)
        .save_draft(&r.id, fin.revision, &changed, now())
        .expect_err("final is read-only");
    assert!(matches!(err, Error::ReadOnly(_)), "{err:?}");
    let err = Records::of(&mut w.v)
        .finalise(&r.id, "Dr Supervisor", now())
        .expect_err("already final");
    assert!(matches!(err, Error::ReadOnly(_)), "{err:?}");
    assert_eq!(Records::of(&mut w.v).get(&r.id, None).expect("get"), fin);

    // Addenda: dated, oldest first, the original unchanged.
    let later = now() + Duration::days(3);
    let earlier = now() + Duration::days(1);
    Records::of(&mut w.v)
        .add_addendum(&r.id, &addendum("First correction.", None), earlier)
        .expect("addendum");
    let with = Records::of(&mut w.v)
        .add_addendum(&r.id, &addendum("Second correction.", None), later)
        .expect("addendum");
    let texts: Vec<_> = with.addenda.iter().map(|a| a.text.as_str()).collect();
    assert_eq!(texts, ["First correction.", "Second correction."]);
    assert_eq!(with.addenda[0].added_at, earlier);
    assert_eq!(with.addenda[1].added_at, later);
    assert_eq!(with.addenda[0].author, "Dr Supervisor");
    assert_eq!(with.content, fin.content);
    assert_eq!(with.finalisation, fin.finalisation);

    // The acknowledgement is recorded by hand and labelled so, once.
    let ack = Records::of(&mut w.v)
        .acknowledge_by_hand(&r.id, "Sam Supervisee", day(0) + Duration::days(2), later)
        .expect("ack");
    let a = ack.acknowledgement.expect("acknowledgement");
    assert!(a.recorded_by_hand);
    assert_eq!(a.label, HAND_ACKNOWLEDGEMENT_LABEL);
    assert_eq!(ack.finalisation, fin.finalisation);
    let err = Records::of(&mut w.v)
        .acknowledge_by_hand(&r.id, "Sam Supervisee", day(0), later)
        .expect_err("only once");
    assert!(matches!(err, Error::ReadOnly(_)), "{err:?}");

    let list = Records::of(&mut w.v).for_person(&w.person).expect("list");
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].status, RecordStatus::Final);
    assert_eq!(list[0].addenda, 2);
    assert_eq!(list[0].open_actions, 2);
    assert_eq!(list[0].first_item, "Home visit that went badly");
}

#[test]
fn the_content_hash_is_stable_and_changes_with_the_content() {
    let c = complete(date(2026, 1, 5));
    let start = date(2026, 1, 5).and_hms_opt(10, 0, 0).expect("t");
    let input = |content| HashInput {
        record_id: "r",
        person_id: "p",
        series_id: "s",
        original_start: start,
        session_date: date(2026, 1, 5),
        content,
        signed_name: "Dr Supervisor",
        finalised_at: now(),
    };
    let h = content_hash(&input(&c));
    let copy = c.clone();
    assert_eq!(h, content_hash(&input(&copy)), "same content, same hash");
    let mut one_char = c.clone();
    one_char.exploration.push('.');
    assert_ne!(h, content_hash(&input(&one_char)));
    let mut reordered = c.clone();
    reordered.agenda_items.reverse();
    assert_ne!(h, content_hash(&input(&reordered)));
    let mut untick = c.clone();
    untick.functions.formative.ticked = false;
    assert_ne!(h, content_hash(&input(&untick)));

    // The stored hash is the one computed from the stored content, on every read.
    let mut w = world(false);
    w.hold(0);
    let r = Records::of(&mut w.v)
        .start(&w.keys[0], now())
        .expect("start");
    let s = Records::of(&mut w.v)
        .save_draft(&r.id, r.revision, &c, now())
        .expect("save");
    let fin = Records::of(&mut w.v)
        .finalise(&r.id, "Dr Supervisor", now())
        .expect("final");
    let again = Records::of(&mut w.v).get(&r.id, None).expect("get");
    let stored = fin.finalisation.expect("f").content_hash;
    assert_eq!(again.finalisation.expect("f").content_hash, stored);
    let expected = content_hash(&HashInput {
        record_id: &r.id,
        person_id: &w.person,
        series_id: &w.series_id,
        original_start: w.keys[0].original_start,
        session_date: day(0),
        content: &s.content,
        signed_name: "Dr Supervisor",
        finalised_at: now(),
    });
    assert_eq!(stored, expected);
}

#[test]
fn action_items_roll_forward_exactly_until_done_or_dropped() {
    let mut w = world(false);
    for i in 0..3 {
        w.hold(i);
    }
    // Session 1 agrees two items.
    let r1 = Records::of(&mut w.v)
        .start(&w.keys[0], now())
        .expect("start");
    let mut c1 = complete(day(0));
    c1.action_items = vec![
        records_fixture::action("Update the safety plan", day(2)),
        records_fixture::action("Book a joint visit", day(2)),
    ];
    Records::of(&mut w.v)
        .save_draft(&r1.id, r1.revision, &c1, now())
        .expect("save");
    let r1 = Records::of(&mut w.v)
        .finalise(&r1.id, "Dr Supervisor", now())
        .expect("final");
    let (plan, visit) = (r1.action_items[0].id.clone(), r1.action_items[1].id.clone());

    // Session 2's agenda shows both; the first is done there.
    let a2 = Records::of(&mut w.v).agenda(&w.keys[1]).expect("agenda 2");
    let ids: Vec<_> = a2.open_actions.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, [plan.as_str(), visit.as_str()]);
    let done_at = now() + Duration::hours(1);
    let done = Records::of(&mut w.v)
        .set_action_status(&plan, ActionStatus::Done, done_at)
        .expect("done");
    assert_eq!(done.status, ActionStatus::Done);
    assert_eq!(done.history.len(), 1);
    assert_eq!(done.history[0].at, done_at, "status changes are dated");

    // Session 3's agenda shows only the one still open; then it is dropped.
    let a3 = Records::of(&mut w.v).agenda(&w.keys[2]).expect("agenda 3");
    let ids: Vec<_> = a3.open_actions.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, [visit.as_str()]);
    Records::of(&mut w.v)
        .set_action_status(&visit, ActionStatus::Dropped, done_at)
        .expect("dropped");
    for k in 2..5 {
        let a = Records::of(&mut w.v).agenda(&w.keys[k]).expect("agenda");
        assert!(a.open_actions.is_empty(), "session {k}");
    }
    assert!(Records::of(&mut w.v)
        .open_actions(&w.person)
        .expect("open")
        .is_empty());
    // The final record keeps the items as agreed; their status is shown as it is now.
    let r1 = Records::of(&mut w.v).get(&r1.id, None).expect("get");
    assert_eq!(r1.content.action_items[0].status, ActionStatus::Open);
    assert_eq!(r1.action_items[0].status, ActionStatus::Done);
    // An earlier session's agenda never shows later items.
    assert!(Records::of(&mut w.v)
        .agenda(&w.keys[0])
        .expect("agenda 1")
        .open_actions
        .is_empty());
}

#[test]
fn the_agenda_carries_unreached_items_and_becomes_the_records_agenda() {
    let mut w = world(false);
    w.hold(0);
    w.hold(1);
    let r1 = Records::of(&mut w.v)
        .start(&w.keys[0], now())
        .expect("start");
    let mut c1 = complete(day(0));
    c1.agenda_items[1].carry_over = true; // not reached
    Records::of(&mut w.v)
        .save_draft(&r1.id, r1.revision, &c1, now())
        .expect("save");

    let a = Records::of(&mut w.v).agenda(&w.keys[1]).expect("agenda");
    assert!(!a.saved);
    assert_eq!(a.carried_over.len(), 1);
    assert_eq!(a.carried_over[0].item.text, "Caseload is too high");
    assert_eq!(a.carried_over[0].record_id, r1.id);
    assert!(a.goals_due.is_empty() && a.contacts.is_empty());

    // Own items: add, reorder, remove by saving the new list.
    Records::of(&mut w.v)
        .agenda_save(
            &w.keys[1],
            &[item("Supervision contract review"), item("Training plan")],
            now(),
        )
        .expect("save agenda");
    let a = Records::of(&mut w.v)
        .agenda_save(&w.keys[1], &[item("Training plan")], now())
        .expect("save agenda");
    assert!(a.saved);
    let own: Vec<_> = a.items.iter().map(|i| i.text.as_str()).collect();
    assert_eq!(own, ["Training plan"]);

    // Starting the record copies the agenda in: carried items, then own items.
    let r2 = Records::of(&mut w.v)
        .start(&w.keys[1], now())
        .expect("start 2");
    let texts: Vec<_> = r2
        .content
        .agenda_items
        .iter()
        .map(|i| i.text.as_str())
        .collect();
    assert_eq!(texts, ["Caseload is too high", "Training plan"]);
    assert!(r2.content.agenda_items.iter().all(|i| !i.carry_over));
    assert_eq!(
        Records::of(&mut w.v)
            .agenda(&w.keys[1])
            .expect("a")
            .record_id,
        Some(r2.id.clone())
    );
    // Starting again returns the same record.
    assert_eq!(
        Records::of(&mut w.v)
            .start(&w.keys[1], now())
            .expect("again")
            .id,
        r2.id
    );
}

#[test]
fn assemble_is_pure_and_filters_by_status_date_and_record() {
    let mut w = world(false);
    w.hold(0);
    let r = Records::of(&mut w.v)
        .start(&w.keys[0], now())
        .expect("start");
    let s = Records::of(&mut w.v)
        .save_draft(&r.id, r.revision, &complete(day(0)), now())
        .expect("save");
    let mut actions = s.action_items.clone();
    actions[1].status = ActionStatus::Done;
    let parts = |date, record_id: Option<String>| AgendaParts {
        key: w.keys[1].clone(),
        person_id: w.person.clone(),
        session_date: date,
        actions: actions.clone(),
        last_record: Some((
            r.id.clone(),
            day(0),
            vec![item("a"), {
                let mut i = item("b");
                i.carry_over = true;
                i
            }],
        )),
        own_items: None,
        brought: vec![],
        goals_due: vec![],
        contacts: vec![],
        record_id,
    };
    let a = assemble(parts(day(1), None));
    assert_eq!(a.open_actions.len(), 1, "done items are left out");
    assert_eq!(a.open_actions[0].id, actions[0].id);
    assert_eq!(a.carried_over.len(), 1);
    assert_eq!(a.carried_over[0].item.text, "b");
    assert!(!a.saved && a.items.is_empty());
    assert!(
        assemble(parts(day(0) - Duration::days(1), None))
            .open_actions
            .is_empty(),
        "later items never on an earlier agenda"
    );
    assert!(
        assemble(parts(day(1), Some(r.id.clone())))
            .open_actions
            .is_empty(),
        "a record's own items are not on its agenda"
    );
}

#[test]
fn a_group_members_own_notes_and_addenda_are_seen_only_by_that_member() {
    let mut w = world(true);
    w.hold(0);
    let (ana, ben) = (w.members[0].clone(), w.members[1].clone());
    let r = Records::of(&mut w.v)
        .start(&w.keys[0], now())
        .expect("start");
    let mut c = complete(day(0));
    c.consultations[0].supervisee_id = Some(ana.clone());
    for a in &mut c.action_items {
        a.owner = Some(confidant_core::records::ActionOwner::Member(ben.clone()));
    }
    c.attendance = vec![
        MemberAttendance {
            member_id: ana.clone(),
            attendance: Attendance::Present,
        },
        MemberAttendance {
            member_id: ben.clone(),
            attendance: Attendance::Apologies,
        },
    ];
    c.shared_notes = "Shared with the group.".into();
    c.member_notes = vec![
        MemberNote {
            member_id: ana.clone(),
            text: "ANA-PRIVATE".into(),
        },
        MemberNote {
            member_id: ben.clone(),
            text: "BEN-PRIVATE".into(),
        },
    ];
    let saved = Records::of(&mut w.v)
        .save_draft(&r.id, r.revision, &c, now())
        .expect("save");
    assert!(
        saved.content.member_notes.is_empty(),
        "the save returns the group's own view"
    );
    Records::of(&mut w.v)
        .finalise(&r.id, "Dr Supervisor", now())
        .expect("final");
    Records::of(&mut w.v)
        .add_addendum(&r.id, &addendum("ANA-ADDENDUM", Some(&ana)), now())
        .expect("ana");
    Records::of(&mut w.v)
        .add_addendum(&r.id, &addendum("For everyone.", None), now())
        .expect("all");

    let text =
        |rec: &confidant_core::records::SessionRecord| serde_json::to_string(rec).expect("json");
    let group = Records::of(&mut w.v).get(&r.id, None).expect("group view");
    let as_ana = Records::of(&mut w.v)
        .get(&r.id, Some(&ana))
        .expect("ana view");
    let as_ben = Records::of(&mut w.v)
        .get(&r.id, Some(&ben))
        .expect("ben view");
    for (view, sees, hidden) in [
        (
            &group,
            vec![],
            vec!["ANA-PRIVATE", "BEN-PRIVATE", "ANA-ADDENDUM"],
        ),
        (
            &as_ana,
            vec!["ANA-PRIVATE", "ANA-ADDENDUM"],
            vec!["BEN-PRIVATE"],
        ),
        (
            &as_ben,
            vec!["BEN-PRIVATE"],
            vec!["ANA-PRIVATE", "ANA-ADDENDUM"],
        ),
    ] {
        let t = text(view);
        assert!(t.contains("Shared with the group.") && t.contains("For everyone."));
        for s in sees {
            assert!(t.contains(s), "{s} missing from {:?}", view.viewer);
        }
        for h in hidden {
            assert!(!t.contains(h), "{h} leaked into {:?}", view.viewer);
        }
    }
    assert_eq!(as_ana.viewer.as_deref(), Some(ana.as_str()));
    // An unknown member: neither a view nor an addendum.
    let stranger = w.person.clone();
    assert!(matches!(
        Records::of(&mut w.v).get(&r.id, Some(&stranger)),
        Err(Error::InvalidInput(_))
    ));
    let before = Records::of(&mut w.v)
        .get(&r.id, None)
        .expect("g")
        .addenda
        .len();
    let err = Records::of(&mut w.v)
        .add_addendum(&r.id, &addendum("x", Some(&stranger)), now())
        .expect_err("not a member");
    assert!(err.to_string().contains("not a member"), "{err}");
    assert_eq!(
        Records::of(&mut w.v)
            .get(&r.id, None)
            .expect("g")
            .addenda
            .len(),
        before
    );
    // The case is Ana's, found under her case references.
    let cases = Records::of(&mut w.v).case_references(&ana).expect("cases");
    assert_eq!(cases.len(), 1);
    assert_eq!(cases[0].case_reference, "C-17");
    assert!(Records::of(&mut w.v)
        .case_references(&ben)
        .expect("cases")
        .is_empty());
}

#[test]
fn case_references_follow_a_case_across_sessions() {
    let mut w = world(false);
    for i in 0..2 {
        w.hold(i);
        let r = Records::of(&mut w.v)
            .start(&w.keys[i], now())
            .expect("start");
        let mut c = complete(day(i));
        c.consultations[0].guidance = format!("Guidance {i}");
        Records::of(&mut w.v)
            .save_draft(&r.id, r.revision, &c, now())
            .expect("save");
    }
    let cases = Records::of(&mut w.v)
        .case_references(&w.person)
        .expect("cases");
    assert_eq!(cases.len(), 1);
    assert_eq!(cases[0].case_reference, "C-17");
    let g: Vec<_> = cases[0]
        .entries
        .iter()
        .map(|e| e.consultation.guidance.as_str())
        .collect();
    assert_eq!(g, ["Guidance 0", "Guidance 1"]);
    assert_eq!(cases[0].entries[1].session_date, day(1));
}

#[test]
fn a_byte_flipped_in_one_record_damages_that_record_only() {
    let mut w = world(false);
    let mut ids = Vec::new();
    for i in 0..2 {
        w.hold(i);
        let r = Records::of(&mut w.v)
            .start(&w.keys[i], now())
            .expect("start");
        Records::of(&mut w.v)
            .save_draft(&r.id, r.revision, &complete(day(i)), now())
            .expect("save");
        ids.push(r.id);
    }
    {
        let conn = Connection::open(w.dir.path().join(DB_FILE)).expect("db");
        let mut body: Vec<u8> = conn
            .query_row(
                "SELECT body FROM session_records WHERE id = ?1",
                [&ids[0]],
                |r| r.get(0),
            )
            .expect("body");
        let n = body.len();
        body[n - 20] ^= 0x01;
        conn.execute(
            "UPDATE session_records SET body = ?2 WHERE id = ?1",
            rusqlite::params![ids[0], body],
        )
        .expect("tamper");
    }
    let err = Records::of(&mut w.v)
        .get(&ids[0], None)
        .expect_err("damaged");
    assert!(matches!(err, Error::Integrity(_)), "{err:?}");
    assert!(Records::of(&mut w.v).get(&ids[1], None).is_ok());
    let list = Records::of(&mut w.v)
        .for_person(&w.person)
        .expect("the list still loads");
    assert_eq!(list.len(), 2);
    let damaged: Vec<_> = list
        .iter()
        .filter(|s| s.damaged)
        .map(|s| s.id.clone())
        .collect();
    assert_eq!(damaged, [ids[0].clone()]);
    assert!(Records::of(&mut w.v).case_references(&w.person).is_ok());
    assert!(Records::of(&mut w.v).agenda(&w.keys[2]).is_ok());

    // A bound column edited on disk (the session date) is damage too.
    {
        let conn = Connection::open(w.dir.path().join(DB_FILE)).expect("db");
        conn.execute(
            "UPDATE session_records SET session_date = session_date + 86400000 WHERE id = ?1",
            [&ids[1]],
        )
        .expect("tamper");
    }
    assert!(matches!(
        Records::of(&mut w.v).get(&ids[1], None),
        Err(Error::Integrity(_))
    ));
}

#[test]
fn records_to_write_are_held_sessions_without_a_final_record() {
    let mut w = world(false);
    w.hold(0);
    w.hold(1);
    // Session 3 is held too but starts after `now` in no case here: all
    // sessions before 2 March are in the window.
    let list = Records::of(&mut w.v).to_write(now()).expect("list");
    assert_eq!(
        list.iter().map(|r| r.key.clone()).collect::<Vec<_>>(),
        [w.keys[0].clone(), w.keys[1].clone()]
    );
    assert!(list.iter().all(|r| r.draft_id.is_none()));
    let r = Records::of(&mut w.v)
        .start(&w.keys[0], now())
        .expect("start");
    let list = Records::of(&mut w.v).to_write(now()).expect("list");
    assert_eq!(list[0].draft_id.as_deref(), Some(r.id.as_str()));
    Records::of(&mut w.v)
        .save_draft(&r.id, r.revision, &complete(day(0)), now())
        .expect("save");
    Records::of(&mut w.v)
        .finalise(&r.id, "Dr Supervisor", now())
        .expect("final");
    let list = Records::of(&mut w.v).to_write(now()).expect("list");
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].key, w.keys[1]);
    // Outside the 90-day window nothing is listed.
    assert!(Records::of(&mut w.v)
        .to_write(utc(2026, 9, 1, 9))
        .expect("later")
        .is_empty());
}
