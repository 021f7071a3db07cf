//! Bad input gets a specific error and changes nothing.

use super::common::scan::random_hex;
use super::*;

#[test]
fn bad_input_gets_a_specific_error_and_changes_nothing() {
    let (dir, mut v) = vault();
    let sam = add_sam(&mut v);
    let acked = Agreements::of(&mut v)
        .create_draft(&sam.id, &dana(), now())
        .expect("draft");
    let acked = acknowledge_all(&mut v, &acked);
    let draft = Agreements::of(&mut v)
        .revise(&acked.id, now())
        .expect("revise");
    let half = Agreements::of(&mut v)
        .acknowledge(&draft.id, &ack(OWNER_PARTY_ID, DANA, today()), now())
        .expect("half acknowledged");
    let gone = uuid_like();
    let before = snapshot(dir.path());
    let unchanged = |v: &mut Vault| {
        assert_eq!(snapshot(dir.path()), before, "nothing was written");
        assert_eq!(Agreements::of(v).get(&draft.id).expect("draft"), half);
        assert_eq!(Agreements::of(v).get(&acked.id).expect("acked"), acked);
    };

    // Unknown, invalid, archived, organisation, no relationship; a second draft.
    assert!(matches!(
        Agreements::of(&mut v).create_draft("not-a-uuid", &dana(), now()),
        Err(Error::InvalidInput(_))
    ));
    assert!(matches!(
        Agreements::of(&mut v).create_draft(&gone, &dana(), now()),
        Err(Error::NotFound(_))
    ));
    assert!(
        matches!(Agreements::of(&mut v).create_draft(&sam.id, &dana(), now()), Err(Error::InvalidInput(m)) if m.contains("already a draft"))
    );
    let archived = supervisee(&mut v, "Archie Vale");
    People::of(&mut v)
        .set_archived(&archived.id, true, now())
        .expect("archive");
    assert!(
        matches!(Agreements::of(&mut v).create_draft(&archived.id, &dana(), now()), Err(Error::InvalidInput(m)) if m.contains("archived"))
    );
    let org = People::of(&mut v)
        .list()
        .expect("people")
        .into_iter()
        .find(|p| p.kind == PersonKind::Organisation)
        .expect("org");
    assert!(matches!(
        Agreements::of(&mut v).create_draft(&org.id, &dana(), now()),
        Err(Error::InvalidInput(_))
    ));
    let contact = People::of(&mut v)
        .create(
            &input(PersonKind::Person, Relation::None, "Cora Contact"),
            now(),
        )
        .expect("contact");
    assert!(matches!(
        Agreements::of(&mut v).create_draft(&contact.id, &dana(), now()),
        Err(Error::InvalidInput(_))
    ));
    let long_name = PartyDetails {
        name: "D".repeat(500),
        ..dana()
    };
    assert!(matches!(
        Agreements::of(&mut v).create_draft(&contact.id, &long_name, now()),
        Err(Error::InvalidInput(_))
    ));
    assert!(matches!(
        Agreements::of(&mut v).list(&gone),
        Err(Error::NotFound(_))
    ));
    assert!(matches!(
        Agreements::of(&mut v).current(&gone),
        Err(Error::NotFound(_))
    ));
    unchanged(&mut v);

    // Invalid content for the draft.
    let base = half.content.clone();
    let bad = |f: &dyn Fn(&mut AgreementContent)| {
        let mut c = base.clone();
        f(&mut c);
        c
    };
    let year = |y: i32, m: u32, d: u32| NaiveDate::from_ymd_opt(y, m, d);
    let cases: Vec<(&str, AgreementContent)> = vec![
        (
            "review before effective",
            bad(&|c| {
                c.effective_date = year(2027, 1, 10);
                c.review_date = year(2027, 1, 9);
            }),
        ),
        ("14 minutes", bad(&|c| c.session_minutes = 14)),
        ("481 minutes", bad(&|c| c.session_minutes = 481)),
        (
            "337 hours' notice",
            bad(&|c| c.cancellation_notice_hours = 337),
        ),
        ("no way of meeting", bad(&|c| c.delivery.clear())),
        (
            "a way of meeting twice",
            bad(&|c| c.delivery = vec![Delivery::Phone, Delivery::Phone]),
        ),
        (
            "a party added",
            bad(&|c| {
                let mut extra = c.parties[1].clone();
                extra.party_id = "b2f0c8d1-0000-4000-8000-000000000000".into();
                c.parties.push(extra);
            }),
        ),
        (
            "a party removed",
            bad(&|c| {
                c.parties.pop();
            }),
        ),
        (
            "a role changed",
            bad(&|c| c.parties[1].role = PartyRole::Supervisor),
        ),
        (
            "a control character",
            bad(&|c| c.purpose = "a\u{1b}[31m".into()),
        ),
        (
            "a year out of range",
            bad(&|c| c.review_date = year(2999, 1, 1)),
        ),
        (
            "a party name too long",
            bad(&|c| c.parties[1].name = "x".repeat(300)),
        ),
    ];
    for (what, c) in &cases {
        let r = Agreements::of(&mut v).update(&draft.id, c, now());
        assert!(
            matches!(r, Err(Error::InvalidInput(_))),
            "{what}: {:?}",
            r.map(|a| a.version)
        );
    }
    assert!(matches!(
        Agreements::of(&mut v).update(&draft.id, &bad(&|c| c.title = "   ".into()), now()),
        Err(Error::Empty(_))
    ));
    let oversize = bad(&|c| c.confidentiality = "x".repeat(MAX_SECTION_BYTES + 1));
    assert!(matches!(
        Agreements::of(&mut v).update(&draft.id, &oversize, now()),
        Err(Error::TooLarge {
            what: "The confidentiality section",
            ..
        })
    ));
    let whole = bad(&|c| {
        let s = "y".repeat(MAX_SECTION_BYTES - 10);
        for field in [
            &mut c.purpose,
            &mut c.model,
            &mut c.functions,
            &mut c.learning_goals,
            &mut c.methods,
            &mut c.evaluation,
            &mut c.availability,
            &mut c.supervisor_roles,
            &mut c.informing_clients,
            &mut c.fees,
            &mut c.record_keeping,
            &mut c.ethics_and_insurance,
            &mut c.confidentiality,
        ] {
            field.clone_from(&s);
        }
    });
    assert!(matches!(
        Agreements::of(&mut v).update(&draft.id, &whole, now()),
        Err(Error::TooLarge {
            what: "The agreement",
            ..
        })
    ));
    assert!(matches!(
        Agreements::of(&mut v).update(&gone, &base, now()),
        Err(Error::NotFound(_))
    ));
    unchanged(&mut v);

    // Acknowledgements: unknown version, blank name, unknown party, twice,
    // future date; an acknowledged version.
    let tomorrow = today().succ_opt().expect("tomorrow");
    let later = tomorrow.succ_opt().expect("later");
    assert!(matches!(
        Agreements::of(&mut v).acknowledge(&gone, &ack(&sam.id, SAM, today()), now()),
        Err(Error::NotFound(_))
    ));
    assert!(matches!(
        Agreements::of(&mut v).acknowledge("nope", &ack(&sam.id, SAM, today()), now()),
        Err(Error::InvalidInput(_))
    ));
    assert!(matches!(
        Agreements::of(&mut v).acknowledge(&draft.id, &ack(&sam.id, "  \t ", today()), now()),
        Err(Error::Empty(_))
    ));
    assert!(matches!(
        Agreements::of(&mut v).acknowledge(&draft.id, &ack(&gone, SAM, today()), now()),
        Err(Error::InvalidInput(_))
    ));
    assert!(matches!(
        Agreements::of(&mut v).acknowledge(&draft.id, &ack(OWNER_PARTY_ID, DANA, today()), now()),
        Err(Error::InvalidInput(m)) if m.contains("already acknowledged")
    ));
    assert!(matches!(
        Agreements::of(&mut v).acknowledge(&draft.id, &ack(&sam.id, SAM, later), now()),
        Err(Error::InvalidInput(_))
    ));
    assert!(is_read_only(&Agreements::of(&mut v).acknowledge(
        &acked.id,
        &ack(&sam.id, SAM, today()),
        now()
    )));
    assert!(is_read_only(&Agreements::of(&mut v).update(
        &acked.id,
        &acked.content,
        now()
    )));
    assert!(is_read_only(
        &Agreements::of(&mut v).discard_draft(&acked.id)
    ));
    assert!(matches!(
        Agreements::of(&mut v).revise(&draft.id, now()),
        Err(Error::InvalidInput(_))
    ));
    assert!(matches!(
        Agreements::of(&mut v).revise(&gone, now()),
        Err(Error::NotFound(_))
    ));
    unchanged(&mut v);

    // Revising for an archived person is refused too.
    People::of(&mut v)
        .set_archived(&sam.id, true, now())
        .expect("archive sam");
    Agreements::of(&mut v)
        .discard_draft(&draft.id)
        .expect("discard");
    let before_revise = snapshot(dir.path());
    assert!(
        matches!(Agreements::of(&mut v).revise(&acked.id, now()), Err(Error::InvalidInput(m)) if m.contains("archived"))
    );
    assert_eq!(snapshot(dir.path()), before_revise);

    // Tomorrow is accepted (time zones ahead of UTC).
    People::of(&mut v)
        .set_archived(&sam.id, false, now())
        .expect("restore sam");
    let d = Agreements::of(&mut v)
        .revise(&acked.id, now())
        .expect("revise");
    Agreements::of(&mut v)
        .acknowledge(&d.id, &ack(&sam.id, SAM, tomorrow), now())
        .expect("tomorrow is fine");

    // Locked.
    v.lock();
    assert!(matches!(
        Agreements::of(&mut v).get(&acked.id),
        Err(Error::Locked)
    ));
    assert!(matches!(
        Agreements::of(&mut v).due_for_review(now(), 30),
        Err(Error::Locked)
    ));
}

pub(super) fn uuid_like() -> String {
    let h = random_hex(16);
    format!(
        "{}-{}-4{}-8{}-{}",
        &h[0..8],
        &h[8..12],
        &h[13..16],
        &h[17..20],
        &h[20..32]
    )
}
