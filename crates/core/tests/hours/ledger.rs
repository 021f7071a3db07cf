//! Gathering the ledger from held sessions.

use confidant_core::hours::{Hours, ItemSource, SupervisionForm};

use super::fixture::{day, now, world};

#[test]
fn held_individual_sessions_become_sixty_minute_items_oldest_first() {
    let mut w = world(false);
    w.hold(2);
    w.hold(0);
    let ledger = Hours::of(&mut w.v)
        .ledger(&w.person, now())
        .expect("ledger");
    assert_eq!(ledger.person_id, w.person);
    let got: Vec<_> = ledger
        .supervision
        .iter()
        .map(|i| (i.date, i.minutes, i.form, i.group_size))
        .collect();
    assert_eq!(
        got,
        vec![
            (day(0), 60, SupervisionForm::Individual, None),
            (day(2), 60, SupervisionForm::Individual, None),
        ]
    );
    assert!(
        matches!(&ledger.supervision[0].source, ItemSource::Session { key } if key == &w.keys[0])
    );
    assert!(ledger.supervision[0].supervisor.is_owner);
    assert_eq!(ledger.counts_from, None, "no agreement yet");
}

#[test]
fn a_group_of_two_is_triadic_for_each_member_and_the_group_itself_has_no_ledger() {
    let mut w = world(true);
    w.hold(1);
    for m in w.members.clone() {
        let ledger = Hours::of(&mut w.v).ledger(&m, now()).expect("ledger");
        assert_eq!(ledger.supervision.len(), 1);
        assert_eq!(ledger.supervision[0].form, SupervisionForm::Triadic);
        assert_eq!(ledger.supervision[0].group_size, Some(2));
    }
    let err = Hours::of(&mut w.v)
        .ledger(&w.person, now())
        .expect_err("a group");
    assert!(err.to_string().contains("not for a group"), "{err}");
}

#[test]
fn planned_sessions_do_not_count() {
    let mut w = world(false);
    let ledger = Hours::of(&mut w.v)
        .ledger(&w.person, now())
        .expect("ledger");
    assert!(ledger.supervision.is_empty());
}
