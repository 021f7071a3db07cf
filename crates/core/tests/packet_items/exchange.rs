//! The round trips: Sam → Dana (a journal entry, an hours count, an
//! acknowledgement of Dana's record after Dana asked for it) and Dana → Sam
//! (a session summary, action items, signed hours, an evaluation).

use chrono::Duration;
use confidant_core::evaluations::{AreaRatingInput, EvaluationInput, EvaluationKind, Evaluations};
use confidant_core::hours::{Hours, SignOffInput, SupervisionForm};
use confidant_core::journal::Journal;
use confidant_core::packet_items::Exchange;
use confidant_core::packets::items::{AckTarget, ItemBody};
use confidant_core::packets::view::{Direction, SendSource};
use confidant_core::records::{Records, HAND_ACKNOWLEDGEMENT_LABEL, PACKET_ACKNOWLEDGEMENT_LABEL};

use super::fixture::{day, now};
use super::{jan, pair};

#[test]
fn sams_acknowledgement_hours_and_entry_land_in_danas_vault() {
    let mut p = pair();
    let record = p.dana_finalises(0);
    for i in 1..4 {
        p.dana.hold(i);
    }
    for i in 0..3 {
        p.sam_holds(i);
    }
    let sam = p.sam_in_dana();
    let dana = p.dana_in_sam.clone();
    // Dana first recorded Sam's acknowledgement by hand.
    Records::of(&mut p.dana.v)
        .acknowledge_by_hand(&record, "Sam Okafor", day(0), now())
        .expect("by hand");

    // Dana asks Sam to acknowledge the record.
    let hash = Records::of(&mut p.dana.v)
        .get(&record, None)
        .expect("record")
        .finalisation
        .expect("final")
        .content_hash;
    let target = AckTarget::Record {
        id: record.clone(),
        content_hash: hash,
    };
    let offered = Exchange::of(&mut p.dana.v)
        .candidates(&sam, now())
        .expect("candidates");
    let request = SendSource::AckRequest {
        target: target.clone(),
    };
    assert!(offered.iter().any(|c| c.source == request), "{offered:#?}");
    assert!(offered.iter().all(|c| c.last_sent.is_none()));
    let bytes = p.dana_sends(vec![request.clone()], now());
    let offered = Exchange::of(&mut p.dana.v)
        .candidates(&sam, now())
        .expect("candidates");
    let sent = offered.iter().find(|c| c.source == request).expect("still offered");
    assert_eq!(sent.last_sent, Some(now()), "last sent is remembered");

    let preview = Exchange::of(&mut p.sam).preview(&bytes, now()).expect("preview");
    assert_eq!(preview.sender.name, "Dana Whitfield");
    assert_eq!(preview.items.len(), 1);
    assert_eq!(preview.items[0].kind_label, "Acknowledgement request");
    assert!(preview.items[0].effect.contains("send your acknowledgement back"));
    let outcome = Exchange::of(&mut p.sam).import(&bytes, now()).expect("sam imports");
    assert_eq!(outcome.added, 1);
    assert!(outcome.effects.is_empty(), "a request only lands as a shared item");
    match &p.sam_shared()[0].body {
        Some(ItemBody::AckRequest { text, .. }) => {
            assert!(text.contains("Home visit that went badly"), "{text}");
            assert!(text.contains("We looked at what happened on the doorstep."));
        }
        other => panic!("{other:?}"),
    }

    // Sam's vault offers the acknowledgement, a journal entry and hours counts.
    let entry = Journal::of(&mut p.sam)
        .create("The doorstep visit, written up.\nI froze at the door.", now())
        .expect("entry");
    let offered = Exchange::of(&mut p.sam)
        .candidates(&dana, now())
        .expect("candidates");
    let ack = SendSource::Acknowledgement {
        target: target.clone(),
    };
    let count = SendSource::HoursCount {
        from: jan(1),
        to: jan(31),
    };
    assert!(offered.iter().any(|c| c.source == ack), "{offered:#?}");
    assert!(offered.iter().any(|c| c.source == count), "{offered:#?}");
    let entry_source = SendSource::JournalEntry {
        entry_id: entry.id.clone(),
    };
    assert!(offered.iter().any(|c| c.source == entry_source));

    let later = now() + Duration::days(1);
    let bytes = p.sam_sends(vec![entry_source, count, ack], later);

    // Before the import Dana has no count from Sam.
    let before = Hours::of(&mut p.dana.v)
        .reconcile(&sam, jan(1), jan(31), later)
        .expect("reconcile");
    assert_eq!(before.covered_days, 0);

    let preview = Exchange::of(&mut p.dana.v)
        .preview(&bytes, later)
        .expect("preview");
    assert_eq!(preview.sender.name, "Sam Supervisee");
    let effects: Vec<&str> = preview.items.iter().map(|i| i.effect.as_str()).collect();
    assert_eq!(effects[0], "Kept under Sam Supervisee, read-only");
    assert!(effects[1].starts_with("Sam Supervisee's count for 1 January 2026 – 31 January 2026, for reconciling"), "{}", effects[1]);
    assert_eq!(
        effects[2],
        "Replaces the acknowledgement you recorded on Sam Supervisee's behalf on the record of 5 January 2026"
    );

    let outcome = Exchange::of(&mut p.dana.v)
        .import(&bytes, later)
        .expect("dana imports");
    assert_eq!(outcome.person_id, sam);
    assert_eq!(outcome.added, 3);
    assert_eq!(outcome.effects.len(), 2, "{:?}", outcome.effects);

    // The record's acknowledgement is Sam's own now, not "by hand".
    let r = Records::of(&mut p.dana.v).get(&record, None).expect("record");
    let a = r.acknowledgement.expect("acknowledged");
    assert!(!a.recorded_by_hand);
    assert_ne!(a.label, HAND_ACKNOWLEDGEMENT_LABEL);
    assert_eq!(a.label, PACKET_ACKNOWLEDGEMENT_LABEL);
    assert_eq!(a.name, "Sam Okafor");
    assert_eq!(a.date, later.date_naive());
    assert!(a.packet_id.is_some());

    // Dana's reconciliation has Sam's count: every day of January covered,
    // and the 26 January session (held in Dana's vault, not in Sam's) differs.
    let rec = Hours::of(&mut p.dana.v)
        .reconcile(&sam, jan(1), jan(31), later)
        .expect("reconcile");
    assert_eq!(rec.covered_days, 31);
    assert_eq!(rec.unreconciled, vec![jan(26)]);
    let d = &rec.differences[0];
    assert!(d.theirs.is_empty());
    assert_eq!(d.ours[0].form, SupervisionForm::Individual);
    assert_eq!(d.ours[0].minutes, 60);

    // The entry is kept under Sam, read-only.
    let shared = p.dana_shared();
    assert_eq!(shared.len(), 4, "the request sent and the three received");
    let received: Vec<_> = shared
        .iter()
        .filter(|s| s.direction == Direction::Received)
        .collect();
    assert_eq!(received.len(), 3);
    assert!(received.iter().any(|s| matches!(
        &s.body,
        Some(ItemBody::JournalEntry { sections, .. }) if sections[0].text.contains("I froze at the door.")
    )));
    // Imported once only.
    assert!(Exchange::of(&mut p.dana.v).import(&bytes, later).is_err());
}

#[test]
fn danas_summary_actions_signed_hours_and_evaluation_land_under_dana_in_sams_vault() {
    let mut p = pair();
    let record = p.dana_finalises(0);
    let sam = p.sam_in_dana();
    let book = Hours::of(&mut p.dana.v)
        .sign_off(
            &SignOffInput {
                person_id: sam.clone(),
                from: jan(1),
                to: jan(11),
                signed_name: "Dana Whitfield".into(),
            },
            now(),
        )
        .expect("sign off");
    let sign_off = book.sign_offs[0].id.clone();
    let areas = Evaluations::of(&mut p.dana.v).areas(now()).expect("areas");
    let evaluation = Evaluations::of(&mut p.dana.v)
        .create(
            &sam,
            &EvaluationInput {
                kind: EvaluationKind::Midpoint,
                date: day(4),
                ratings: vec![AreaRatingInput {
                    area_id: areas[0].id.clone(),
                    supervisor: Some(4),
                    supervisee: Some(3),
                    comment: "Clear about boundaries.".into(),
                }],
                supervisor_comments: "Growing confidence in risk conversations.".into(),
                supervisee_comments: String::new(),
                action_plan: Vec::new(),
                check: None,
            },
            now(),
        )
        .expect("evaluation")
        .id;
    let sources = vec![
        SendSource::SessionSummary {
            record_id: record.clone(),
        },
        SendSource::ActionItems {
            record_id: record.clone(),
        },
        SendSource::SignedHours {
            sign_off_id: sign_off.clone(),
        },
        SendSource::Evaluation {
            evaluation_id: evaluation.clone(),
        },
    ];
    let offered = Exchange::of(&mut p.dana.v)
        .candidates(&sam, now())
        .expect("candidates");
    for s in &sources {
        assert!(offered.iter().any(|c| &c.source == s), "{s:?} in {offered:#?}");
    }
    let bytes = p.dana_sends(sources, now());
    let preview = Exchange::of(&mut p.sam).preview(&bytes, now()).expect("preview");
    assert!(preview
        .items
        .iter()
        .all(|i| i.effect == "Kept under Dana Whitfield, read-only"));
    let outcome = Exchange::of(&mut p.sam).import(&bytes, now()).expect("import");
    assert_eq!(outcome.added, 4);
    assert!(outcome.effects.is_empty());

    let shared = p.sam_shared();
    assert_eq!(shared.len(), 4);
    assert!(shared.iter().all(|s| s.direction == Direction::Received));
    let bodies: Vec<&ItemBody> = shared.iter().filter_map(|s| s.body.as_ref()).collect();
    assert!(bodies.iter().any(|b| matches!(b,
        ItemBody::SessionSummary { summary, session_date }
            if *session_date == day(0) && summary.contains("Take a colleague on the next visit.")
            && !summary.contains("doorstep"))));
    assert!(bodies.iter().any(|b| matches!(b,
        ItemBody::ActionItems { items, .. }
            if items.len() == 2 && items[0].starts_with("Update the safety plan"))));
    assert!(bodies.iter().any(|b| matches!(b,
        ItemBody::SignedHours { from, to, totals, signed_by, .. }
            if *from == jan(1) && *to == jan(11) && signed_by == "Dana Whitfield"
            && totals.len() == 1 && totals[0].form == "individual" && totals[0].minutes == 60)));
    assert!(bodies.iter().any(|b| matches!(b,
        ItemBody::Evaluation { ratings, comments, .. }
            if ratings.len() == 1 && ratings[0].rating == Some(4)
            && comments == "Growing confidence in risk conversations.")));
}
