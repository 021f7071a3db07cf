//! The agenda gathers what other parts of the vault hold for the session:
//! goals due for a check-in and contact notes since the last record.

mod records_fixture;

use chrono::{Duration, NaiveTime};
use confidant_core::contacts::{ContactInput, ContactMode, Contacts};
use confidant_core::goals::{GoalFields, GoalTerm, Goals};
use confidant_core::records::Records;
use records_fixture::{complete, day, utc, world};

fn goal(title: &str, weeks: u32) -> GoalFields {
    GoalFields {
        title: title.into(),
        description: String::new(),
        term: GoalTerm::Short,
        target_date: None,
        skill_ids: vec![],
        check_in_weeks: weeks,
    }
}

fn contact(date: chrono::NaiveDate, issue: &str) -> ContactInput {
    ContactInput {
        date,
        time: Some(NaiveTime::from_hms_opt(17, 30, 0).expect("time")),
        mode: ContactMode::Phone,
        issue: issue.into(),
        advice: "Follow the safety plan.".into(),
        risk_decision: String::new(),
        follow_up: String::new(),
    }
}

#[test]
fn goals_due_and_contacts_since_the_last_record_join_the_agenda() {
    let mut w = world(false);
    // Goals set on 5 January (session 0's day): a weekly one is due by
    // session 1 (12 January); a twelve-weekly one is not due until April.
    let set = utc(2026, 1, 5, 12);
    let weekly = Goals::of(&mut w.v)
        .create(
            Some(&w.person),
            &goal("Use de-escalation with callers", 1),
            set,
        )
        .expect("goal");
    Goals::of(&mut w.v)
        .create(Some(&w.person), &goal("Finish the trauma course", 12), set)
        .expect("goal");

    // Session 0 is held and recorded; contacts fall before it, between it and
    // session 1, and after session 1.
    w.hold(0);
    let r0 = Records::of(&mut w.v).start(&w.keys[0], set).expect("start");
    Records::of(&mut w.v)
        .save_draft(&r0.id, r0.revision, &complete(day(0)), set)
        .expect("save");
    let later = utc(2026, 1, 30, 9);
    for (d, issue) in [
        (day(0) - Duration::days(3), "Before the last session"),
        (
            day(0) + Duration::days(2),
            "Client disclosed self-harm\nSecond line",
        ),
        (day(1) + Duration::days(1), "After this session"),
    ] {
        Contacts::of(&mut w.v)
            .create(&w.person, &contact(d, issue), later)
            .expect("contact");
    }

    let agenda = Records::of(&mut w.v).agenda(&w.keys[1]).expect("agenda");
    let due: Vec<_> = agenda.goals_due.iter().map(|g| g.title.as_str()).collect();
    assert_eq!(due, ["Use de-escalation with callers"]);
    assert_eq!(agenda.goals_due[0].id, weekly.summary.goal.id);
    assert_eq!(agenda.goals_due[0].date, day(1));
    let contacts: Vec<_> = agenda.contacts.iter().map(|c| c.summary.as_str()).collect();
    assert_eq!(contacts, ["Phone: Client disclosed self-harm…"]);
    assert_eq!(agenda.contacts[0].date, day(0) + Duration::days(2));

    // Without an earlier record the window is the 90 days before the session.
    let first = Records::of(&mut w.v).agenda(&w.keys[0]).expect("agenda 0");
    let contacts: Vec<_> = first.contacts.iter().map(|c| c.summary.as_str()).collect();
    assert_eq!(contacts, ["Phone: Before the last session"]);
}

#[test]
fn a_group_agenda_has_no_contact_notes() {
    let mut w = world(true);
    let agenda = Records::of(&mut w.v).agenda(&w.keys[0]).expect("agenda");
    assert!(agenda.contacts.is_empty());
    assert!(agenda.goals_due.is_empty());
}
