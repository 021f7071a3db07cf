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
