//! Reconcile: the supervisee's own count against the ledger per date and
//! form; accepted differences; sign-off refused while one is open.

use confidant_core::hours::{
    FormMinutes, Hours, SignOffInput, SupervisionForm, TheirCount, TheirCountInput,
};

use super::fixture::{day, now, world};
use super::support::{err, hold_and_finalise, jan};

fn count(date: chrono::NaiveDate, minutes: i32, form: SupervisionForm) -> TheirCount {
    TheirCount {
        date,
        minutes,
        form,
    }
}

fn sheet(person: &str, counts: Vec<TheirCount>) -> TheirCountInput {
    TheirCountInput {
        person_id: person.to_string(),
        from: jan(1),
        to: jan(31),
        counts,
    }
}

fn fm(form: SupervisionForm, minutes: u32) -> FormMinutes {
    FormMinutes { form, minutes }
}

#[test]
fn differences_are_listed_per_date_and_form_and_accepting_one_reconciles_it() {
    let mut w = world(false);
    for i in 0..4 {
        hold_and_finalise(&mut w, i);
    }
    use SupervisionForm::{Group, Individual};
    Hours::of(&mut w.v)
        .enter_their_counts(
            &sheet(
                &w.person,
                vec![
                    count(day(0), 60, Individual),
                    count(day(1), 60, Individual),
                    count(day(1), 30, Individual),
                    count(day(3), 60, Group),
                ],
            ),
            now(),
        )
        .expect("their count");
    let r = Hours::of(&mut w.v)
        .reconcile(&w.person, jan(1), jan(31), now())
        .expect("reconcile");
    assert_eq!(r.covered_days, 31);
    let got: Vec<_> = r
        .differences
        .iter()
        .map(|d| (d.date, d.theirs.clone(), d.ours.clone()))
        .collect();
    assert_eq!(
        got,
        vec![
            (day(1), vec![fm(Individual, 90)], vec![fm(Individual, 60)]),
            (day(2), vec![], vec![fm(Individual, 60)]),
            (day(3), vec![fm(Group, 60)], vec![fm(Individual, 60)]),
        ]
    );
    assert_eq!(r.unreconciled, vec![day(1), day(2), day(3)]);
    let signing = SignOffInput {
        person_id: w.person.clone(),
        from: jan(1),
        to: jan(31),
        signed_name: "Dr Maya Lindqvist".into(),
    };
    assert_eq!(
        err(Hours::of(&mut w.v).sign_off(&signing, now())),
        "The supervisee's count differs from the ledger on 2026-01-12, 2026-01-19, 2026-01-26. Correct the entries or accept each difference with a note before signing off."
    );
    assert!(
        err(Hours::of(&mut w.v).accept_difference(&w.person, day(0), "fine", now()))
            .contains("There is no difference on 2026-01-05 to accept.")
    );
    assert!(
        err(Hours::of(&mut w.v).accept_difference(&w.person, day(1), "", now()))
            .contains("The note is empty")
    );
    for d in [day(1), day(2), day(3)] {
        Hours::of(&mut w.v)
            .accept_difference(
                &w.person,
                d,
                "Checked against the calendar; the ledger is right.",
                now(),
            )
            .expect("accept");
    }
    let r = Hours::of(&mut w.v)
        .reconcile(&w.person, jan(1), jan(31), now())
        .expect("reconcile");
    assert!(r.unreconciled.is_empty());
    assert!(r.differences.iter().all(|d| d.accepted.is_some()));
    // Their count changes: the acceptance no longer matches.
    Hours::of(&mut w.v)
        .enter_their_counts(
            &TheirCountInput {
                person_id: w.person.clone(),
                from: day(2),
                to: day(2),
                counts: vec![count(day(2), 45, Individual)],
            },
            now(),
        )
        .expect("recount");
    let r = Hours::of(&mut w.v)
        .reconcile(&w.person, jan(1), jan(31), now())
        .expect("reconcile");
    assert_eq!(r.unreconciled, vec![day(2)]);
    Hours::of(&mut w.v)
        .enter_their_counts(
            &TheirCountInput {
                person_id: w.person.clone(),
                from: day(2),
                to: day(2),
                counts: vec![count(day(2), 60, Individual)],
            },
            now(),
        )
        .expect("recount");
    Hours::of(&mut w.v)
        .sign_off(&signing, now())
        .expect("sign off");
}

#[test]
fn only_dates_their_count_covers_are_compared() {
    let mut w = world(false);
    hold_and_finalise(&mut w, 0);
    let r = Hours::of(&mut w.v)
        .reconcile(&w.person, jan(1), jan(31), now())
        .expect("reconcile");
    assert_eq!((r.covered_days, r.differences.len()), (0, 0));
}

#[test]
fn bad_counts_are_refused_with_their_reason_and_nothing_is_written() {
    let mut w = world(false);
    use SupervisionForm::Individual;
    let cases = [
        (
            sheet(
                &w.person,
                vec![count(jan(1) - chrono::Duration::days(1), 60, Individual)],
            ),
            "is outside the period it covers",
        ),
        (
            sheet(&w.person, vec![count(jan(2), -60, Individual)]),
            "The minutes of their count cannot be negative.",
        ),
        (
            sheet(&w.person, vec![count(jan(2), 1441, Individual)]),
            "A day has at most 1,440 minutes (24 hours).",
        ),
        (
            sheet(
                &w.person,
                vec![
                    count(jan(2), 1000, Individual),
                    count(jan(2), 500, Individual),
                ],
            ),
            "Their count for 2026-01-02 adds up to more than 24 hours.",
        ),
        (
            TheirCountInput {
                person_id: w.person.clone(),
                from: jan(31),
                to: jan(1),
                counts: vec![],
            },
            "The last day is before the first day.",
        ),
        (
            TheirCountInput {
                person_id: w.person.clone(),
                from: jan(1),
                to: jan(1) + chrono::Duration::days(400),
                counts: vec![],
            },
            "A period can be at most 366 days long.",
        ),
    ];
    for (input, want) in cases {
        let msg = err(Hours::of(&mut w.v).enter_their_counts(&input, now()));
        assert!(msg.contains(want), "{want:?} not in {msg:?}");
    }
    let r = Hours::of(&mut w.v)
        .reconcile(&w.person, jan(1), jan(31), now())
        .expect("reconcile");
    assert_eq!(r.covered_days, 0, "nothing written");
}
