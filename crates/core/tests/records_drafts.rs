//! Drafts: autosave replaces the content, action items are kept in step
//! with the draft (ids kept, removed items gone, status changes dated), and
//! an action item marked done from a later agenda updates its draft too.

mod records_fixture;

use chrono::Duration;
use confidant_core::records::{ActionStatus, Records};
use records_fixture::{complete, day, now, world};

#[test]
fn autosave_keeps_action_item_ids_and_dates_status_changes() {
    let mut w = world(false);
    w.hold(0);
    let r = Records::of(&mut w.v)
        .start(&w.keys[0], now())
        .expect("start");
    let s1 = Records::of(&mut w.v)
        .save_draft(&r.id, r.revision, &complete(day(0)), now())
        .expect("save");
    let ids: Vec<String> = s1.action_items.iter().map(|a| a.id.clone()).collect();
    assert_eq!(ids.len(), 2);
    assert_eq!(
        s1.content
            .action_items
            .iter()
            .map(|a| a.id.clone())
            .collect::<Vec<_>>(),
        ids
    );

    // Second save: the first item done, the second removed, a new one added.
    let later = now() + Duration::minutes(5);
    let mut c = s1.content.clone();
    c.action_items[0].status = ActionStatus::Done;
    c.action_items.remove(1);
    c.action_items
        .push(records_fixture::action("Read the policy", day(0)));
    let s2 = Records::of(&mut w.v)
        .save_draft(&r.id, s1.revision, &c, later)
        .expect("save again");
    assert_eq!(s2.action_items.len(), 2);
    assert_eq!(s2.action_items[0].id, ids[0]);
    assert_eq!(s2.action_items[0].status, ActionStatus::Done);
    assert_eq!(s2.action_items[0].history.len(), 1);
    assert_eq!(s2.action_items[0].history[0].at, later);
    assert!(!s2.action_items.iter().any(|a| a.id == ids[1]), "removed");
    assert_eq!(s2.action_items[1].text, "Read the policy");
    assert!(s2.content.exploration.starts_with("We looked"));
    let open = Records::of(&mut w.v).open_actions(&w.person).expect("open");
    assert_eq!(open.len(), 1);
    assert_eq!(open[0].text, "Read the policy");

    // Saving an id that is not this record's is refused.
    let mut foreign = s2.content.clone();
    foreign.action_items[1].id = uuid_like();
    assert!(Records::of(&mut w.v)
        .save_draft(&r.id, s2.revision, &foreign, later)
        .is_err());
}

fn uuid_like() -> String {
    "00000000-0000-4000-8000-000000000000".into()
}

#[test]
fn marking_a_draft_records_item_done_from_a_later_agenda_updates_the_draft() {
    let mut w = world(false);
    w.hold(0);
    let r = Records::of(&mut w.v)
        .start(&w.keys[0], now())
        .expect("start");
    let s = Records::of(&mut w.v)
        .save_draft(&r.id, r.revision, &complete(day(0)), now())
        .expect("save");
    // The draft's open items are on the next agenda already.
    let a = Records::of(&mut w.v).agenda(&w.keys[1]).expect("agenda");
    assert_eq!(a.open_actions.len(), 2);
    let item = a.open_actions[0].id.clone();
    let done = Records::of(&mut w.v)
        .set_action_status(&item, ActionStatus::Done, now() + Duration::days(1))
        .expect("done");
    assert_eq!(done.status, ActionStatus::Done);
    let d = Records::of(&mut w.v).get(&r.id, None).expect("draft");
    assert_eq!(d.revision, s.revision + 1, "the draft changed");
    assert_eq!(d.content.action_items[0].status, ActionStatus::Done);
    assert_eq!(
        Records::of(&mut w.v)
            .agenda(&w.keys[1])
            .expect("agenda")
            .open_actions
            .len(),
        1
    );
    // A window still holding the older revision must reload.
    assert!(Records::of(&mut w.v)
        .save_draft(&r.id, s.revision, &s.content, now())
        .is_err());
    // Setting the same status again changes nothing.
    let again = Records::of(&mut w.v)
        .set_action_status(&item, ActionStatus::Done, now() + Duration::days(2))
        .expect("same");
    assert_eq!(again.history.len(), 1);
    assert_eq!(
        Records::of(&mut w.v)
            .get(&r.id, None)
            .expect("draft")
            .revision,
        d.revision
    );
}

#[test]
fn autosaving_the_group_view_keeps_each_members_own_note() {
    use confidant_core::records::{Attendance, MemberAttendance, MemberNote};
    let mut w = world(true);
    w.hold(0);
    let (ana, ben) = (w.members[0].clone(), w.members[1].clone());
    let r = Records::of(&mut w.v)
        .start(&w.keys[0], now())
        .expect("start");
    let mut c = complete(day(0));
    c.consultations[0].supervisee_id = Some(ana.clone());
    c.action_items.clear();
    c.attendance = vec![MemberAttendance {
        member_id: ana.clone(),
        attendance: Attendance::Present,
    }];
    c.member_notes = vec![
        MemberNote {
            member_id: ana.clone(),
            text: "Ana's note".into(),
        },
        MemberNote {
            member_id: ben.clone(),
            text: "Ben's note".into(),
        },
    ];
    let s = Records::of(&mut w.v)
        .save_draft(&r.id, r.revision, &c, now())
        .expect("save");
    assert!(s.content.member_notes.is_empty(), "the group's own view");
    let note = |w: &mut records_fixture::World, m: &str| {
        Records::of(&mut w.v)
            .get(&r.id, Some(m))
            .expect("member view")
            .content
            .member_notes
            .iter()
            .map(|n| n.text.clone())
            .collect::<Vec<_>>()
    };
    // The group view (no notes) saved back: both notes kept.
    let mut g = s.content.clone();
    g.shared_notes = "Shared.".into();
    let s = Records::of(&mut w.v)
        .save_draft(&r.id, s.revision, &g, now())
        .expect("save group view");
    assert_eq!(note(&mut w, &ana), ["Ana's note"]);
    assert_eq!(note(&mut w, &ben), ["Ben's note"]);
    // Ana's view saved with her note changed: Ben's kept.
    let mut a = Records::of(&mut w.v)
        .get(&r.id, Some(&ana))
        .expect("ana")
        .content;
    a.member_notes[0].text = "Ana's note, edited".into();
    let s2 = Records::of(&mut w.v)
        .save_draft(&r.id, s.revision, &a, now())
        .expect("save ana's view");
    assert_eq!(note(&mut w, &ana), ["Ana's note, edited"]);
    assert_eq!(note(&mut w, &ben), ["Ben's note"]);
    // Sent with empty text: removed.
    let mut rm = s2.content.clone();
    rm.member_notes = vec![MemberNote {
        member_id: ben.clone(),
        text: String::new(),
    }];
    Records::of(&mut w.v)
        .save_draft(&r.id, s2.revision, &rm, now())
        .expect("remove");
    assert!(note(&mut w, &ben).is_empty());
    assert_eq!(note(&mut w, &ana), ["Ana's note, edited"]);
}

#[test]
fn a_moved_sessions_record_takes_the_date_it_was_held() {
    use confidant_core::schedule::{Schedule, SessionTime};
    let mut w = world(false);
    let moved = w.keys[0].original_start + Duration::days(3);
    Schedule::of(&mut w.v)
        .move_occurrence(
            &w.keys[0],
            &SessionTime {
                start: moved,
                end: moved + Duration::hours(1),
            },
            now(),
        )
        .expect("move");
    w.hold(0);
    let r = Records::of(&mut w.v)
        .start(&w.keys[0], now())
        .expect("start");
    assert_eq!(r.key, w.keys[0], "still named by its original slot");
    assert_eq!(r.session_date, moved.date());
    // Due on the original day is now before the session.
    let mut c = complete(day(0));
    c.action_items[0].due = Some(day(0));
    assert!(Records::of(&mut w.v)
        .save_draft(&r.id, r.revision, &c, now())
        .is_err());
}

#[test]
fn a_locked_vault_reads_and_writes_no_record() {
    use confidant_core::Error;
    let mut w = world(false);
    w.hold(0);
    let r = Records::of(&mut w.v)
        .start(&w.keys[0], now())
        .expect("start");
    w.v.lock();
    assert!(matches!(
        Records::of(&mut w.v).get(&r.id, None),
        Err(Error::Locked)
    ));
    assert!(matches!(
        Records::of(&mut w.v).save_draft(&r.id, r.revision, &complete(day(0)), now()),
        Err(Error::Locked)
    ));
    let person = w.person.clone();
    assert!(matches!(
        Records::of(&mut w.v).for_person(&person),
        Err(Error::Locked)
    ));
    assert!(matches!(
        Records::of(&mut w.v).to_write(now()),
        Err(Error::Locked)
    ));
}

#[test]
fn a_persons_records_are_listed_newest_session_first() {
    let mut w = world(false);
    for i in [1, 0, 2] {
        w.hold(i);
        Records::of(&mut w.v)
            .start(&w.keys[i], now())
            .expect("start");
    }
    let person = w.person.clone();
    let list = Records::of(&mut w.v).for_person(&person).expect("list");
    let dates: Vec<_> = list.iter().map(|r| r.session_date).collect();
    assert_eq!(dates, [day(2), day(1), day(0)]);
    assert!(list.iter().all(|r| !r.damaged && r.first_item.is_empty()));
}
