//! S2: an agreement drafted, acknowledged, revised and superseded; parties per relationship; edits withdraw acknowledgements.

use super::*;

// ----- S2 ----------------------------------------------------------------------

#[test]
fn s2_sam_agreement_drafted_acknowledged_revised_and_superseded() {
    let (_d, mut v) = vault();
    let sam = add_sam(&mut v);

    let draft = Agreements::of(&mut v)
        .create_draft(&sam.id, &dana(), now())
        .expect("draft");
    assert_eq!(draft.version, 1);
    assert_eq!(draft.status, AgreementStatus::Draft);
    assert_eq!(draft.person_id, sam.id);
    let c = &draft.content;
    assert_eq!(c.title, "Clinical supervision agreement");
    assert_eq!(c.format, SupervisionFormat::Individual);
    assert_eq!((c.frequency, c.session_minutes), (Frequency::Monthly, 60));
    assert_eq!(c.cancellation_notice_hours, 24);
    assert_eq!(c.delivery, vec![Delivery::InPerson, Delivery::Video]);
    assert_eq!(c.effective_date, Some(today()));
    assert_eq!(c.review_date, today().checked_add_months(Months::new(12)));

    // The parties and their licence numbers come from the people records.
    assert_eq!(c.parties.len(), 2);
    assert_eq!(c.parties[0].party_id, OWNER_PARTY_ID);
    assert_eq!(c.parties[0].role, PartyRole::Supervisor);
    assert_eq!(c.parties[0].name, DANA);
    assert_eq!(c.parties[0].licence_number, DANA_LICENCE);
    assert_eq!(c.parties[1].party_id, sam.id);
    assert_eq!(c.parties[1].role, PartyRole::Supervisee);
    assert_eq!(c.parties[1].name, SAM);
    assert_eq!(c.parties[1].licence_number, SAM_LICENCE);
    assert_eq!(c.parties[1].organisation, "Northside Family Services");
    assert!(c.invoicing_party.contains("Northside Family Services"));
    assert!(
        c.learning_goals
            .contains("Texas LCSW: 100 supervision hours"),
        "licensure plan in the goals"
    );

    // The standard confidentiality exceptions.
    let ex = &c.confidentiality_exceptions;
    assert!(ex.contains("serious, foreseeable and imminent harm to a client or to the public"));
    assert!(ex.contains("refuses to change"));
    assert!(ex.contains("minimum information necessary"));
    assert!(c
        .exception_handling
        .contains("discusses the concern with the supervisee first"));
    assert!(
        c.methods.contains("written consent"),
        "recordings need client consent"
    );
    for section in [
        &c.purpose,
        &c.model,
        &c.functions,
        &c.availability,
        &c.evaluation,
        &c.record_keeping,
    ] {
        assert!(section.len() > 100, "every section has real default text");
    }
    for function in ["Normative", "Formative", "Restorative"] {
        assert!(c.functions.contains(function));
    }
    assert_eq!(
        draft.awaiting,
        vec![OWNER_PARTY_ID.to_string(), sam.id.clone()]
    );

    // Dana acknowledges; still a draft until Sam does too.
    let half = Agreements::of(&mut v)
        .acknowledge(&draft.id, &ack(OWNER_PARTY_ID, DANA, today()), now())
        .expect("dana acknowledges");
    assert_eq!(half.status, AgreementStatus::Draft);
    assert_eq!(half.awaiting, vec![sam.id.clone()]);
    assert!(Agreements::of(&mut v)
        .current(&sam.id)
        .expect("current")
        .is_none());

    let later = now() + chrono::Duration::hours(2);
    let v1 = Agreements::of(&mut v)
        .acknowledge(&draft.id, &ack(&sam.id, "Sam Okafor", today()), later)
        .expect("sam acknowledges");
    assert_eq!(v1.status, AgreementStatus::Acknowledged);
    assert!(v1.awaiting.is_empty());
    assert_eq!(v1.acknowledgements.len(), 2);
    assert_eq!(v1.acknowledgements[1].typed_name, "Sam Okafor");
    assert_eq!(v1.acknowledgements[1].role, PartyRole::Supervisee);
    assert_eq!(v1.acknowledgements[1].recorded_at, later);
    assert_eq!(Agreements::of(&mut v).get(&v1.id).expect("get"), v1);
    assert_eq!(
        Agreements::of(&mut v).current(&sam.id).expect("current"),
        Some(v1.clone())
    );

    // Acknowledged means read-only.
    let mut edit = v1.content.clone();
    edit.session_minutes = 90;
    assert!(is_read_only(
        &Agreements::of(&mut v).update(&v1.id, &edit, later)
    ));
    assert!(is_read_only(&Agreements::of(&mut v).acknowledge(
        &v1.id,
        &ack(&sam.id, SAM, today()),
        later
    )));
    assert!(is_read_only(&Agreements::of(&mut v).discard_draft(&v1.id)));
    assert_eq!(Agreements::of(&mut v).get(&v1.id).expect("unchanged"), v1);

    // Revise: version 2, a draft copied from version 1.
    let v2 = Agreements::of(&mut v)
        .revise(&v1.id, later)
        .expect("revise");
    assert_eq!(v2.version, 2);
    assert_eq!(v2.status, AgreementStatus::Draft);
    assert_eq!(v2.content, v1.content);
    assert!(v2.acknowledgements.is_empty());
    assert!(
        matches!(
            Agreements::of(&mut v).revise(&v1.id, later),
            Err(Error::InvalidInput(_))
        ),
        "one draft at a time"
    );
    assert_eq!(
        Agreements::of(&mut v)
            .current(&sam.id)
            .expect("current")
            .map(|a| a.id),
        Some(v1.id.clone())
    );

    let mut changed = v2.content.clone();
    changed.frequency = Frequency::Fortnightly;
    changed.session_minutes = 90;
    let v2 = Agreements::of(&mut v)
        .update(&v2.id, &changed, later)
        .expect("update v2");
    assert_eq!(
        (v2.content.frequency, v2.content.session_minutes),
        (Frequency::Fortnightly, 90)
    );

    // Acknowledging version 2 supersedes version 1.
    let v2 = acknowledge_all(&mut v, &v2);
    assert_eq!(v2.status, AgreementStatus::Acknowledged);
    assert_eq!(
        Agreements::of(&mut v).get(&v1.id).expect("v1").status,
        AgreementStatus::Superseded
    );
    assert_eq!(
        Agreements::of(&mut v)
            .current(&sam.id)
            .expect("current")
            .map(|a| a.id),
        Some(v2.id.clone())
    );
    let list = Agreements::of(&mut v).list(&sam.id).expect("list");
    let versions: Vec<_> = list
        .iter()
        .map(|s| (s.version, s.status, s.damaged))
        .collect();
    assert_eq!(
        versions,
        vec![
            (2, AgreementStatus::Acknowledged, false),
            (1, AgreementStatus::Superseded, false)
        ]
    );
    assert!(list.iter().all(|s| s.person_name == SAM));
    assert!(
        matches!(
            Agreements::of(&mut v).revise(&v1.id, later),
            Err(Error::InvalidInput(_))
        ),
        "superseded"
    );
    assert!(is_read_only(
        &Agreements::of(&mut v).update(&v1.id, &changed, later)
    ));
}

#[test]
fn a_supervisor_relationship_and_a_group_get_the_right_parties() {
    let (_d, mut v) = vault();
    let mut lee = input(PersonKind::Person, Relation::SupervisesMe, "Lee Marsh");
    lee.licence_number = "LPC-S 1234".into();
    let lee = People::of(&mut v).create(&lee, now()).expect("lee");
    let a = Agreements::of(&mut v)
        .create_draft(&lee.id, &dana(), now())
        .expect("draft");
    let roles: Vec<_> = a
        .content
        .parties
        .iter()
        .map(|p| (p.party_id.clone(), p.role))
        .collect();
    assert_eq!(
        roles,
        vec![
            (lee.id.clone(), PartyRole::Supervisor),
            (OWNER_PARTY_ID.to_string(), PartyRole::Supervisee)
        ]
    );
    assert_eq!(a.content.parties[0].licence_number, "LPC-S 1234");

    // A group: the owner facilitates, every member is a party.
    let m1 = supervisee(&mut v, "Ana Ruiz");
    let m2 = supervisee(&mut v, "Ben Cho");
    let m3 = supervisee(&mut v, "Cy Park");
    let mut g = input(PersonKind::Group, Relation::ISupervise, "Tuesday group");
    g.members = vec![m1.id.clone(), m2.id.clone(), m3.id.clone()];
    let group = People::of(&mut v).create(&g, now()).expect("group");
    let a = Agreements::of(&mut v)
        .create_draft(&group.id, &dana(), now())
        .expect("group draft");
    assert_eq!(a.content.title, "Group supervision agreement");
    assert_eq!(a.content.format, SupervisionFormat::Group);
    let roles: Vec<_> = a
        .content
        .parties
        .iter()
        .map(|p| (p.name.as_str(), p.role))
        .collect();
    assert_eq!(
        roles,
        vec![
            (DANA, PartyRole::Facilitator),
            ("Ana Ruiz", PartyRole::Member),
            ("Ben Cho", PartyRole::Member),
            ("Cy Park", PartyRole::Member)
        ]
    );
    assert!(a
        .content
        .confidentiality
        .contains("Group members keep confidential"));
    // Everyone must acknowledge before it is in force.
    let mut last = a.clone();
    for (i, p) in a.content.parties.iter().enumerate() {
        assert_eq!(
            last.status,
            AgreementStatus::Draft,
            "still a draft before party {i}"
        );
        last = Agreements::of(&mut v)
            .acknowledge(&a.id, &ack(&p.party_id, &p.name, today()), now())
            .expect("acknowledge");
    }
    assert_eq!(last.status, AgreementStatus::Acknowledged);

    // A group with another facilitator: the owner is a member when they do
    // not supervise the group.
    let f = People::of(&mut v)
        .create(
            &input(PersonKind::Person, Relation::SupervisesMe, "Fay Lund"),
            now(),
        )
        .expect("facilitator");
    let mut peer = input(
        PersonKind::Group,
        Relation::SupervisesMe,
        "Consultation group",
    );
    peer.members = vec![m1.id.clone()];
    peer.facilitator_id = Some(f.id.clone());
    let peer = People::of(&mut v).create(&peer, now()).expect("peer group");
    let a = Agreements::of(&mut v)
        .create_draft(&peer.id, &dana(), now())
        .expect("draft");
    let roles: Vec<_> = a
        .content
        .parties
        .iter()
        .map(|p| (p.name.as_str(), p.role))
        .collect();
    assert_eq!(
        roles,
        vec![
            ("Fay Lund", PartyRole::Facilitator),
            (DANA, PartyRole::Member),
            ("Ana Ruiz", PartyRole::Member)
        ]
    );

    // A group with no members cannot have an agreement yet.
    let empty = People::of(&mut v)
        .create(
            &input(PersonKind::Group, Relation::ISupervise, "Empty group"),
            now(),
        )
        .expect("empty group");
    assert!(matches!(
        Agreements::of(&mut v).create_draft(&empty.id, &dana(), now()),
        Err(Error::InvalidInput(_))
    ));
}

#[test]
fn editing_a_draft_withdraws_acknowledgements_given_for_other_text() {
    let (_d, mut v) = vault();
    let sam = add_sam(&mut v);
    let a = Agreements::of(&mut v)
        .create_draft(&sam.id, &dana(), now())
        .expect("draft");
    let a = Agreements::of(&mut v)
        .acknowledge(&a.id, &ack(OWNER_PARTY_ID, DANA, today()), now())
        .expect("ack");
    assert_eq!(a.acknowledgements.len(), 1);

    // Saving the same text keeps the acknowledgement.
    let same = Agreements::of(&mut v)
        .update(&a.id, &a.content, now())
        .expect("same");
    assert_eq!(same.acknowledgements.len(), 1);

    let mut edited = a.content.clone();
    edited.location = "Room 4, Northside Family Services".into();
    let edited = Agreements::of(&mut v)
        .update(&a.id, &edited, now())
        .expect("edit");
    assert!(edited.acknowledgements.is_empty());
    assert_eq!(edited.awaiting.len(), 2);
    assert_eq!(Agreements::of(&mut v).get(&a.id).expect("get"), edited);

    // A blank party name must be filled in before anyone acknowledges.
    let jo = supervisee(&mut v, "Jo Ames");
    let blank_owner = Agreements::of(&mut v)
        .create_draft(&jo.id, &PartyDetails::default(), now())
        .expect("draft with blank owner name");
    let r = Agreements::of(&mut v).acknowledge(
        &blank_owner.id,
        &ack(&blank_owner.content.parties[1].party_id, "Jo Ames", today()),
        now(),
    );
    assert!(matches!(r, Err(Error::InvalidInput(m)) if m.contains("name of every party")));
    let mut named = blank_owner.content.clone();
    named.parties[0].name = DANA.into();
    Agreements::of(&mut v)
        .update(&blank_owner.id, &named, now())
        .expect("fill in the name");
    let jo_id = blank_owner.content.parties[1].party_id.clone();
    Agreements::of(&mut v)
        .acknowledge(&blank_owner.id, &ack(&jo_id, "Jo Ames", today()), now())
        .expect("now it can be acknowledged");

    // A discarded draft is gone; a new one can be started.
    Agreements::of(&mut v)
        .discard_draft(&a.id)
        .expect("discard");
    assert!(matches!(
        Agreements::of(&mut v).get(&a.id),
        Err(Error::NotFound(_))
    ));
    let again = Agreements::of(&mut v)
        .create_draft(&sam.id, &dana(), now())
        .expect("new draft");
    assert_eq!(
        again.version, 1,
        "a discarded draft frees its version number"
    );
}
