//! Who can be scheduled, and the agreement's defaults.

use super::damage::tamper;
use super::*;

// ----- who can be scheduled, and the agreement's defaults ---------------------

#[test]
fn who_can_be_scheduled_is_decided_from_the_sealed_record() {
    let (dir, mut v) = vault();
    let sam = person(&mut v, "Sam", PersonKind::Person);
    let group = person(&mut v, "Tuesday group", PersonKind::Group);
    let org = person(&mut v, "Acme Care", PersonKind::Organisation);
    let contact = People::of(&mut v)
        .create(
            &common::person_input(PersonKind::Person, Relation::None, "A contact"),
            now(),
        )
        .expect("contact")
        .id;
    let gone = person(&mut v, "Gone", PersonKind::Person);
    People::of(&mut v)
        .set_archived(&gone, true, now())
        .expect("archive");
    let people = Schedule::of(&mut v).people().expect("people");
    let ids: Vec<&str> = people.iter().map(|p| p.person_id.as_str()).collect();
    assert_eq!(
        ids,
        vec![sam.as_str(), group.as_str()],
        "by name; no org, contact or archived"
    );
    assert_eq!(
        people[0].session_kinds,
        vec![
            SessionKind::Individual,
            SessionKind::Peer,
            SessionKind::Coaching
        ]
    );
    assert_eq!(
        people[1].session_kinds,
        vec![SessionKind::Group, SessionKind::Peer]
    );
    // The core refuses what the list leaves out.
    let at = local(2026, 2, 3, 10, 0);
    let err = Schedule::of(&mut v)
        .create(&series(&contact, at, 60, None), now())
        .expect_err("contact");
    assert!(err.to_string().contains("contact"), "{err}");
    assert!(Schedule::of(&mut v)
        .create(&series(&org, at, 60, None), now())
        .is_err());
    let mut peer = series(&group, at, 60, None);
    peer.kind = SessionKind::Peer;
    Schedule::of(&mut v)
        .create(&peer, now())
        .expect("peer group");
    // The plaintext kind of a person's row is not what decides: flipping it
    // on disk makes the record damaged, and a damaged record is refused.
    tamper(
        &dir,
        "UPDATE people SET kind = 'group' WHERE id = ?1",
        &[&sam],
    );
    let mut as_group = series(&sam, at, 60, None);
    as_group.kind = SessionKind::Group;
    assert!(matches!(
        Schedule::of(&mut v).create(&as_group, now()),
        Err(Error::Integrity(_))
    ));
    assert!(Schedule::of(&mut v)
        .people()
        .expect("people")
        .iter()
        .all(|p| p.person_id != sam));
}

#[test]
fn defaults_come_from_the_acknowledged_agreement() {
    let (_d, mut v) = vault();
    let sam = person(&mut v, "Sam Okafor", PersonKind::Person);
    let first = NaiveDate::from_ymd_opt(2026, 1, 29).expect("d"); // 5th Thursday
    let none = Schedule::of(&mut v).defaults(&sam, first).expect("none");
    assert_eq!(none.duration_minutes, 60);
    assert_eq!(none.recurrence, None);
    assert_eq!(none.agreement_version, None);
    assert_eq!(none.notice_hours, 24);

    VaultSettings::of(&mut v)
        .set_profile(
            &PartyDetails {
                name: "Dana Whitfield".into(),
                professional_role: String::new(),
                organisation: String::new(),
                licence_number: String::new(),
                licence_body: String::new(),
            },
            now(),
        )
        .expect("profile");
    let draft = Agreements::of(&mut v).start(&sam, now()).expect("draft");
    let mut content = draft.content.clone();
    content.frequency = Frequency::Monthly;
    content.session_minutes = 90;
    content.cancellation_notice_hours = 48;
    let draft = Agreements::of(&mut v)
        .update(&draft.id, &content, now())
        .expect("update");
    // A draft is not in force.
    assert_eq!(
        Schedule::of(&mut v)
            .defaults(&sam, first)
            .expect("draft")
            .agreement_version,
        None
    );
    for p in &draft.content.parties {
        Agreements::of(&mut v)
            .acknowledge(
                &draft.id,
                &AcknowledgementInput {
                    party_id: p.party_id.clone(),
                    typed_name: p.name.clone(),
                    date: NaiveDate::from_ymd_opt(2025, 12, 1).expect("d"),
                },
                now(),
            )
            .expect("acknowledge");
    }
    let d = Schedule::of(&mut v)
        .defaults(&sam, first)
        .expect("defaults");
    assert_eq!(d.duration_minutes, 90);
    assert_eq!(d.notice_hours, 48);
    assert_eq!(d.agreement_version, Some(1));
    assert_eq!(
        d.recurrence,
        Some(Recurrence {
            pattern: Pattern::MonthlyByWeekday {
                week: -1,
                weekday: Weekday::Thursday
            },
            interval: 1,
            end: RecurrenceEnd::Never
        }),
        "a 5th Thursday becomes the last, so no month is skipped"
    );
    assert!(d.note.expect("note").contains("version 1"));
    assert!(matches!(
        Schedule::of(&mut v).defaults("nope", first),
        Err(Error::InvalidInput(_))
    ));
}
