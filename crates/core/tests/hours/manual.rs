//! Manual entries, practice weeks, adjustments and group attendance; bad
//! input refused with its own message and nothing written.

use confidant_core::hours::{AdjustmentInput, Hours, ItemSource, SupervisionForm};
use confidant_core::records::{Attendance, MemberAttendance, Records};

use super::fixture::{complete, day, now, world};
use super::support::{err, jan, manual, practice, time};

#[test]
fn manual_entries_and_practice_weeks_join_the_ledger_in_order() {
    let mut w = world(false);
    w.hold(1);
    let mut late = manual(&w.person, jan(20), 14, 0, 90);
    late.form = SupervisionForm::Group;
    late.group_size = Some(4);
    Hours::of(&mut w.v)
        .manual_create(&late, now())
        .expect("late");
    Hours::of(&mut w.v)
        .manual_create(&manual(&w.person, jan(6), 9, 0, 45), now())
        .expect("early");
    Hours::of(&mut w.v)
        .practice_create(&practice(&w.person, jan(19), 1200, 900, 600), now())
        .expect("week 19");
    Hours::of(&mut w.v)
        .practice_create(&practice(&w.person, jan(5), 1000, 800, 400), now())
        .expect("week 5");
    let l = Hours::of(&mut w.v)
        .ledger(&w.person, now())
        .expect("ledger");
    let got: Vec<_> = l
        .supervision
        .iter()
        .map(|i| {
            (
                i.date,
                i.minutes,
                i.form,
                i.group_size,
                matches!(i.source, ItemSource::Manual { .. }),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (jan(6), 45, SupervisionForm::Individual, None, true),
            (day(1), 60, SupervisionForm::Individual, None, false),
            (jan(20), 90, SupervisionForm::Group, Some(4), true),
        ]
    );
    let m = &l.supervision[0];
    assert_eq!(m.supervisor.name, "Dr Ines Alvarado");
    assert_eq!(m.supervisor.licence_number, "LCSW 40211");
    assert!(!m.supervisor.is_owner);
    assert_eq!(m.note.as_deref(), Some("Agency supervision"));
    let weeks: Vec<_> = l
        .practice
        .iter()
        .map(|p| (p.week_start, p.clinical_minutes))
        .collect();
    assert_eq!(weeks, vec![(jan(5), 1000), (jan(19), 1200)]);
}

#[test]
fn updates_and_deletes_change_only_that_entry() {
    let mut w = world(false);
    let b = Hours::of(&mut w.v)
        .manual_create(&manual(&w.person, jan(6), 9, 0, 45), now())
        .expect("create");
    let id = b.manual[0].id.clone();
    let mut edit = manual(&w.person, jan(7), 9, 0, 50);
    edit.note = String::new();
    let b = Hours::of(&mut w.v)
        .manual_update(&id, &edit, now())
        .expect("update");
    assert_eq!((b.manual[0].date, b.manual[0].minutes), (jan(7), 50));
    assert_eq!(b.ledger.supervision[0].note, None);
    let b = Hours::of(&mut w.v)
        .manual_delete(&w.person, &id, now())
        .expect("delete");
    assert!(b.manual.is_empty() && b.ledger.supervision.is_empty());
}

type Change = Box<dyn Fn(&mut confidant_core::hours::ManualEntryInput)>;

#[test]
fn bad_manual_entries_are_refused_with_their_reason_and_nothing_is_written() {
    let mut w = world(false);
    w.hold(0); // 5 January 10:00–11:00
    Hours::of(&mut w.v)
        .manual_create(&manual(&w.person, jan(6), 9, 0, 60), now())
        .expect("first");
    let before = Hours::of(&mut w.v).book(&w.person, now()).expect("book");
    let cases: Vec<(Change, &str)> = vec![
        (
            Box::new(|i| i.minutes = -30),
            "The minutes cannot be negative.",
        ),
        (
            Box::new(|i| i.minutes = 0),
            "The minutes must be at least 1.",
        ),
        (
            Box::new(|i| {
                i.start = time(0, 0);
                i.minutes = 1441
            }),
            "A day has at most 1,440 minutes (24 hours)",
        ),
        (
            Box::new(|i| {
                i.start = time(23, 0);
                i.minutes = 90
            }),
            "must end by midnight",
        ),
        (
            Box::new(|i| i.date = jan(6) + chrono::Duration::days(400)),
            "The date is in the future",
        ),
        (
            Box::new(|i| i.form = SupervisionForm::Group),
            "Enter the group size",
        ),
        (
            Box::new(|i| {
                i.form = SupervisionForm::Group;
                i.group_size = Some(2)
            }),
            "The group size must be from 3 to 50",
        ),
        (
            Box::new(|i| {
                i.form = SupervisionForm::Triadic;
                i.group_size = Some(3)
            }),
            "Triadic supervision has two supervisees",
        ),
        (
            Box::new(|i| i.group_size = Some(3)),
            "A group size is only for group or triadic supervision.",
        ),
        (
            Box::new(|i| i.supervisor_name = "  ".into()),
            "The supervisor's name",
        ),
        (
            Box::new(|i| {
                i.date = jan(6);
                i.start = time(9, 30)
            }),
            "overlaps another manual entry on 2026-01-06 (09:00–10:00)",
        ),
        (
            Box::new(|i| {
                i.date = jan(5);
                i.start = time(10, 30);
                i.minutes = 20
            }),
            "overlaps a held session with you on 2026-01-05 at 10:00",
        ),
        (
            Box::new(|i| {
                i.date = jan(5);
                i.start = time(9, 0);
                i.minutes = 61
            }),
            "overlaps a held session",
        ),
    ];
    for (change, want) in cases {
        let mut input = manual(&w.person, jan(8), 12, 0, 60);
        change(&mut input);
        let msg = err(Hours::of(&mut w.v).manual_create(&input, now()));
        assert!(msg.contains(want), "{want:?} not in {msg:?}");
    }
    assert_eq!(
        Hours::of(&mut w.v).book(&w.person, now()).expect("book"),
        before
    );
    // Touching, not overlapping: 10:00 after 09:00–10:00, and 09:00–10:00 before the session.
    Hours::of(&mut w.v)
        .manual_create(&manual(&w.person, jan(6), 10, 0, 30), now())
        .expect("adjacent entry");
    Hours::of(&mut w.v)
        .manual_create(&manual(&w.person, jan(5), 9, 0, 60), now())
        .expect("before the session");
}

#[test]
fn bad_practice_weeks_are_refused_with_their_reason() {
    let mut w = world(false);
    Hours::of(&mut w.v)
        .practice_create(&practice(&w.person, jan(5), 6000, 3000, 1000), now())
        .expect("first");
    let cases = [
        (
            practice(&w.person, jan(6), 60, 0, 0),
            "A practice week must start on a Monday.",
        ),
        (
            practice(&w.person, jan(12), -1, 0, 0),
            "The clinical minutes cannot be negative.",
        ),
        (
            practice(&w.person, jan(12), 60, -5, 0),
            "The psychotherapy minutes cannot be negative.",
        ),
        (
            practice(&w.person, jan(12), 60, 90, 0),
            "Psychotherapy minutes are part of the clinical minutes",
        ),
        (
            practice(&w.person, jan(12), 10_081, 0, 0),
            "A week has at most 10,080 minutes (168 hours).",
        ),
        (
            practice(&w.person, jan(12), 6000, 0, 5000),
            "Clinical and non-clinical minutes together are more than a week has",
        ),
        (
            practice(&w.person, jan(5), 60, 0, 0),
            "There is already a practice week starting 2026-01-05 for this work setting",
        ),
    ];
    for (input, want) in cases {
        let msg = err(Hours::of(&mut w.v).practice_create(&input, now()));
        assert!(msg.contains(want), "{want:?} not in {msg:?}");
    }
    let mut other = practice(&w.person, jan(5), 3000, 0, 1000);
    other.setting = "Hospital".into();
    let msg = err(Hours::of(&mut w.v).practice_create(&other, now()));
    assert!(
        msg.contains("With the other settings, the week starting 2026-01-05"),
        "{msg}"
    );
    let l = Hours::of(&mut w.v)
        .ledger(&w.person, now())
        .expect("ledger");
    assert_eq!(l.practice.len(), 1, "nothing written");
}

#[test]
fn a_session_adjustment_changes_form_and_minutes_with_a_reason() {
    let mut w = world(false);
    w.hold(0);
    let input = AdjustmentInput {
        person_id: w.person.clone(),
        key: w.keys[0].clone(),
        form: Some(SupervisionForm::DirectObservation),
        minutes: Some(45),
        reason: "Observed a home visit; the session ended early.".into(),
    };
    let mut blank = input.clone();
    blank.reason = " ".into();
    assert!(err(Hours::of(&mut w.v).adjust_session(&blank, now())).contains("The reason is empty"));
    let mut neither = input.clone();
    neither.form = None;
    neither.minutes = None;
    assert!(
        err(Hours::of(&mut w.v).adjust_session(&neither, now())).contains("Choose another form")
    );
    let mut negative = input.clone();
    negative.minutes = Some(-1);
    assert!(err(Hours::of(&mut w.v).adjust_session(&negative, now()))
        .contains("The minutes cannot be negative."));
    let mut planned = input.clone();
    planned.key = w.keys[1].clone();
    assert!(err(Hours::of(&mut w.v).adjust_session(&planned, now())).contains("not a held session"));
    let b = Hours::of(&mut w.v)
        .adjust_session(&input, now())
        .expect("adjust");
    let it = &b.ledger.supervision[0];
    assert_eq!(
        (it.form, it.minutes),
        (SupervisionForm::DirectObservation, 45)
    );
    assert_eq!(
        b.entries[0].adjustment.as_ref().map(|a| a.minutes),
        Some(Some(45))
    );
    let b = Hours::of(&mut w.v)
        .remove_adjustment(&w.person, &w.keys[0], now())
        .expect("remove");
    assert_eq!(b.ledger.supervision[0].minutes, 60);
    assert_eq!(b.ledger.supervision[0].form, SupervisionForm::Individual);
}

#[test]
fn a_member_marked_apologies_in_the_final_group_record_has_no_hours_for_it() {
    let mut w = world(true);
    w.hold(0);
    w.hold(1);
    let (ana, ben) = (w.members[0].clone(), w.members[1].clone());
    let r = Records::of(&mut w.v)
        .start(&w.keys[0], now())
        .expect("start");
    let mut c = complete(day(0));
    c.consultations[0].supervisee_id = Some(ana.clone());
    for a in &mut c.action_items {
        a.owner = Some(confidant_core::records::ActionOwner::Member(ana.clone()));
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
    Records::of(&mut w.v)
        .save_draft(&r.id, r.revision, &c, now())
        .expect("save");
    Records::of(&mut w.v)
        .finalise(&r.id, "Dr Supervisor", now())
        .expect("final");
    let dates = |w: &mut super::fixture::World, p: &str| -> Vec<_> {
        Hours::of(&mut w.v)
            .ledger(p, now())
            .expect("ledger")
            .supervision
            .iter()
            .map(|i| i.date)
            .collect()
    };
    assert_eq!(dates(&mut w, &ana), vec![day(0), day(1)]);
    assert_eq!(dates(&mut w, &ben), vec![day(1)], "apologies on 5 January");
}
