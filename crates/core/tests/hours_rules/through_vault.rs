//! Profiles stored in the vault, a person's choice, and progress through
//! the real ledger.

use confidant_core::hours_rules::{examples, HoursRules, Rule};
use confidant_core::people::PersonKind;
use confidant_core::Error;

use super::fixture::{now, person, world};

#[test]
fn examples_are_seeded_once_editable_and_deletable_and_progress_reads_the_ledger() {
    let mut w = world(false);
    w.hold(0);
    w.hold(1);
    let list = HoursRules::of(&mut w.v).list(now()).expect("list");
    let ids: Vec<_> = list.profiles.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, examples::EXAMPLE_IDS);
    assert_eq!(list.damaged, 0);

    // Edit an example: it stays marked as an example.
    let mut tx = HoursRules::of(&mut w.v)
        .get("example-tx-lcsw", now())
        .expect("get");
    tx.rules.push(Rule::MinSessionMinutes { minutes: 30 });
    tx.example = false;
    let saved = HoursRules::of(&mut w.v)
        .update("example-tx-lcsw", &tx, now())
        .expect("update");
    assert!(saved.example);
    assert_eq!(
        HoursRules::of(&mut w.v)
            .get("example-tx-lcsw", now())
            .expect("get")
            .rules
            .len(),
        6
    );

    // A contradicting edit changes nothing.
    let mut bad = saved.clone();
    bad.rules[0] = Rule::PracticeTotal {
        of: confidant_core::hours_rules::PracticeKind::All,
        min_hours: Some(10),
        max_hours: Some(5),
    };
    assert!(matches!(
        HoursRules::of(&mut w.v).update("example-tx-lcsw", &bad, now()),
        Err(Error::InvalidInput(_))
    ));
    assert_eq!(
        HoursRules::of(&mut w.v)
            .get("example-tx-lcsw", now())
            .expect("get"),
        saved
    );

    // A copy of one's own.
    let mut own = examples::new_york();
    own.name = "My board".into();
    let own = HoursRules::of(&mut w.v)
        .create(&own, now())
        .expect("create");
    assert!(!own.example);

    // Choose it for the person; progress uses it and the held sessions.
    let person_id = w.person.clone();
    HoursRules::of(&mut w.v)
        .set_person_profile(&person_id, Some(&own.id), now())
        .expect("choose");
    assert_eq!(
        HoursRules::of(&mut w.v)
            .person_profile(&person_id)
            .expect("choice"),
        Some(own.id.clone())
    );
    let p = HoursRules::of(&mut w.v)
        .progress(&person_id, None, now().date_naive(), now())
        .expect("progress");
    assert_eq!(p.profile_id, own.id);
    let all_sup = p
        .totals
        .iter()
        .find(|t| t.label == "All supervision")
        .expect("line");
    assert_eq!(
        (all_sup.logged_minutes, all_sup.counted_minutes),
        (120, 120)
    );

    let everyone = HoursRules::of(&mut w.v)
        .progress_all(&own.id, now().date_naive(), now())
        .expect("all");
    assert_eq!(everyone.len(), 1);

    // Deleting an example does not bring it back; the deleted profile's
    // choice reads as none.
    HoursRules::of(&mut w.v)
        .delete("example-ca-lcsw", now())
        .expect("delete");
    HoursRules::of(&mut w.v)
        .delete(&own.id, now())
        .expect("delete own");
    let list = HoursRules::of(&mut w.v).list(now()).expect("list");
    assert_eq!(list.profiles.len(), 4);
    assert_eq!(
        HoursRules::of(&mut w.v)
            .person_profile(&person_id)
            .expect("choice"),
        None
    );
    assert!(matches!(
        HoursRules::of(&mut w.v).progress(&person_id, None, now().date_naive(), now()),
        Err(Error::InvalidInput(_))
    ));

    // A group has no hours profile.
    let g = person(&mut w.v, "Thursday group", PersonKind::Group, vec![]);
    assert!(HoursRules::of(&mut w.v)
        .set_person_profile(&g, Some("example-ny-lcsw"), now())
        .is_err());
}
