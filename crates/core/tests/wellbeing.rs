//! Wellbeing check-ins and the ProQOL 5 through the `Wellbeing` handle:
//! validation with nothing written, trends, the gentle prompt, scoring
//! against worked examples, the quarterly offer, damaged rows, lock.

mod common;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use confidant_core::error::Error;
use confidant_core::vault::{Role, Vault};
use confidant_core::wellbeing::{
    proqol, ProqolBand, TrendPeriod, Wellbeing, WellbeingCheckInInput, WellbeingRatings,
};
use rusqlite::Connection;

fn t(day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, day, 18, 0, 0)
        .single()
        .expect("valid")
}

fn d(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

fn vault() -> (tempfile::TempDir, Vault) {
    common::unlocked_vault(Role::Supervisee, t(1))
}

fn ratings(stress: u8) -> WellbeingRatings {
    WellbeingRatings {
        stress,
        energy: 2,
        workload: 4,
        sleep: 3,
        secondary_trauma: 2,
    }
}

fn input(date: &str, stress: u8, note: &str) -> WellbeingCheckInInput {
    WellbeingCheckInInput {
        date: d(date),
        ratings: ratings(stress),
        note: note.into(),
        entry_id: None,
    }
}

const TODAY: &str = "2026-11-30";

#[test]
fn check_ins_round_trip_newest_day_first_and_delete() {
    let (_dir, mut v) = vault();
    let mut w = Wellbeing::of(&mut v);
    let a = w
        .create_check_in(
            &input("2026-11-10", 3, "  A long day of home visits.  "),
            d(TODAY),
            t(10),
        )
        .expect("a");
    assert_eq!(a.note, "A long day of home visits.");
    let entry = uuid::Uuid::new_v4().to_string();
    let mut with_entry = input("2026-11-20", 4, "");
    with_entry.entry_id = Some(entry.clone());
    let b = w.create_check_in(&with_entry, d(TODAY), t(20)).expect("b");
    assert_eq!(b.entry_id.as_deref(), Some(entry.as_str()));
    let list = w.list_check_ins().expect("list");
    assert_eq!(list.damaged, 0);
    assert_eq!(
        list.check_ins
            .iter()
            .map(|c| c.id.as_str())
            .collect::<Vec<_>>(),
        [b.id.as_str(), a.id.as_str()]
    );
    assert_eq!(list.check_ins[1], a);
    w.delete_check_in(&a.id).expect("delete");
    assert!(matches!(w.delete_check_in(&a.id), Err(Error::NotFound(_))));
    assert_eq!(w.list_check_ins().expect("list").check_ins.len(), 1);
}

#[test]
fn bad_check_ins_are_refused_with_the_field_named_and_nothing_written() {
    let (_dir, mut v) = vault();
    let mut w = Wellbeing::of(&mut v);
    let cases: Vec<(WellbeingCheckInInput, &str)> = vec![
        (
            WellbeingCheckInInput {
                ratings: WellbeingRatings {
                    stress: 0,
                    ..ratings(1)
                },
                ..input("2026-11-10", 1, "")
            },
            "Stress must be from 1 to 5",
        ),
        (
            WellbeingCheckInInput {
                ratings: WellbeingRatings {
                    energy: 6,
                    ..ratings(1)
                },
                ..input("2026-11-10", 1, "")
            },
            "Energy must be from 1 to 5",
        ),
        (
            WellbeingCheckInInput {
                ratings: WellbeingRatings {
                    workload: 9,
                    ..ratings(1)
                },
                ..input("2026-11-10", 1, "")
            },
            "Workload must be from 1 to 5",
        ),
        (
            WellbeingCheckInInput {
                ratings: WellbeingRatings {
                    sleep: 0,
                    ..ratings(1)
                },
                ..input("2026-11-10", 1, "")
            },
            "Sleep must be from 1 to 5",
        ),
        (
            WellbeingCheckInInput {
                ratings: WellbeingRatings {
                    secondary_trauma: 255,
                    ..ratings(1)
                },
                ..input("2026-11-10", 1, "")
            },
            "Signs of secondary trauma must be from 1 to 5",
        ),
        (input("2026-12-01", 3, ""), "cannot be after today"),
        (input("1850-01-01", 3, ""), "between the years"),
        (input("2026-11-10", 3, &"x".repeat(4001)), "The note"),
        (input("2026-11-10", 3, "bell \u{7} here"), "The note"),
        (
            WellbeingCheckInInput {
                entry_id: Some("not-an-id".into()),
                ..input("2026-11-10", 3, "")
            },
            "The attached journal entry's id is not valid",
        ),
    ];
    for (bad, expect) in cases {
        let err = w
            .create_check_in(&bad, d(TODAY), t(30))
            .expect_err(expect)
            .to_string();
        assert!(err.contains(expect), "{err} / {expect}");
    }
    assert!(w.list_check_ins().expect("list").check_ins.is_empty());
    assert!(matches!(
        w.delete_check_in("nope"),
        Err(Error::InvalidInput(_))
    ));
}

#[test]
fn trends_and_prompt_from_stored_check_ins() {
    let (_dir, mut v) = vault();
    let mut w = Wellbeing::of(&mut v);
    assert!(
        w.prompt(d(TODAY)).expect("prompt").is_none(),
        "no check-ins: no prompt"
    );
    for (date, stress) in [
        ("2026-11-16", 4),
        ("2026-11-17", 4),
        ("2026-11-23", 5),
        ("2026-11-28", 4),
    ] {
        w.create_check_in(&input(date, stress, ""), d(TODAY), t(28))
            .expect("create");
    }
    let weeks = w
        .trends(d("2026-11-01"), d(TODAY), TrendPeriod::Week)
        .expect("weeks");
    assert_eq!(weeks.len(), 2);
    assert_eq!(
        (weeks[0].start, weeks[0].count, weeks[0].stress),
        (d("2026-11-16"), 2, 4.0)
    );
    assert_eq!(
        (weeks[1].start, weeks[1].count, weeks[1].stress),
        (d("2026-11-23"), 2, 4.5)
    );
    assert_eq!(weeks[1].workload, 4.0);
    let months = w
        .trends(d("2026-01-01"), d(TODAY), TrendPeriod::Month)
        .expect("months");
    assert_eq!(
        (months.len(), months[0].count, months[0].stress),
        (1, 4, 4.25)
    );
    let p = w
        .prompt(d(TODAY))
        .expect("prompt")
        .expect("stress high for two weeks");
    // The window is 17–30 November: the 16th is outside it.
    assert_eq!((p.check_ins, p.since), (3, d("2026-11-17")));
    // A calm day in the window and the prompt goes.
    w.create_check_in(&input("2026-11-25", 2, ""), d(TODAY), t(28))
        .expect("calm");
    assert!(w.prompt(d(TODAY)).expect("prompt").is_none());
    // A range the wrong way round, or too long, is refused.
    assert!(w
        .trends(d(TODAY), d("2026-11-01"), TrendPeriod::Week)
        .is_err());
    assert!(w
        .trends(d("2000-01-01"), d(TODAY), TrendPeriod::Week)
        .is_err());
}

fn all(a: u8) -> Vec<Option<u8>> {
    vec![Some(a); proqol::ITEM_COUNT]
}

#[test]
fn proqol_scores_worked_examples_and_names_missing_items() {
    let (_dir, mut v) = vault();
    let mut w = Wellbeing::of(&mut v);
    // All 3: every scale sums to 30 (burnout's reversed 3s stay 3).
    let r = w.submit_proqol(&all(3), d(TODAY), t(30)).expect("threes");
    assert_eq!(
        (
            r.scores.compassion_satisfaction,
            r.scores.burnout,
            r.scores.secondary_traumatic_stress
        ),
        (30, 30, 30)
    );
    assert_eq!(r.bands.burnout, ProqolBand::Moderate);
    // By hand: compassion-satisfaction items 4 (40, high), burnout's
    // plain items 5 and reversed items 1 → 5 each (50, high), the
    // secondary-stress items 2 (20, low).
    let mut a = all(2);
    for n in proqol::COMPASSION_SATISFACTION {
        a[n - 1] = Some(4);
    }
    for n in proqol::BURNOUT {
        a[n - 1] = Some(if proqol::REVERSED.contains(&n) { 1 } else { 5 });
    }
    let r = w.submit_proqol(&a, d(TODAY), t(30)).expect("by hand");
    assert_eq!(
        (
            r.scores.compassion_satisfaction,
            r.scores.burnout,
            r.scores.secondary_traumatic_stress
        ),
        (40, 50, 20)
    );
    assert_eq!(
        (
            r.bands.compassion_satisfaction,
            r.bands.burnout,
            r.bands.secondary_traumatic_stress
        ),
        (ProqolBand::Moderate, ProqolBand::High, ProqolBand::Low)
    );
    // Boundaries: STS of 22 / 23 / 41 / 42.
    for (sum, band) in [
        (22u8, ProqolBand::Low),
        (23, ProqolBand::Moderate),
        (41, ProqolBand::Moderate),
        (42, ProqolBand::High),
    ] {
        let mut a = all(1);
        let mut left = sum - 10;
        for n in proqol::SECONDARY_TRAUMATIC_STRESS {
            let extra = left.min(4);
            a[n - 1] = Some(1 + extra);
            left -= extra;
        }
        let r = w.submit_proqol(&a, d(TODAY), t(30)).expect("boundary");
        assert_eq!(
            (
                r.scores.secondary_traumatic_stress,
                r.bands.secondary_traumatic_stress
            ),
            (sum, band)
        );
    }
    let stored = w.list_proqol().expect("list").results.len();
    // Missing answers: named, nothing stored.
    let mut a = all(3);
    a[6] = None;
    a[16] = None;
    let err = w
        .submit_proqol(&a, d(TODAY), t(30))
        .expect_err("missing")
        .to_string();
    assert!(err.contains("Not yet answered: items 7, 17."), "{err}");
    assert!(w.submit_proqol(&all(0), d(TODAY), t(30)).is_err());
    assert!(w.submit_proqol(&all(3)[..10], d(TODAY), t(30)).is_err());
    assert_eq!(w.list_proqol().expect("list").results.len(), stored);
}

#[test]
fn proqol_is_offered_quarterly_and_the_questions_are_the_published_ones() {
    let (_dir, mut v) = vault();
    let mut w = Wellbeing::of(&mut v);
    assert!(w.proqol_due(d(TODAY)).expect("due").due);
    w.submit_proqol(&all(3), d("2026-09-01"), t(1))
        .expect("taken");
    let due = w.proqol_due(d("2026-11-29")).expect("due");
    assert!(!due.due);
    assert_eq!(
        (due.last_taken, due.next_due),
        (Some(d("2026-09-01")), d(TODAY))
    );
    assert!(w.proqol_due(d(TODAY)).expect("due").due);
    let q = confidant_core::wellbeing::proqol_questions();
    assert_eq!(q.items.len(), 30);
    assert_eq!(q.items[0].text, "I am happy.");
    assert_eq!(q.items[29].text, "I am happy that I chose to do this work.");
    assert_eq!(
        q.scale,
        ["Never", "Rarely", "Sometimes", "Often", "Very Often"]
    );
    assert!(q.credit.contains("Center for Victims of Torture") && q.credit.contains("ProQOL.org"));
}

#[test]
fn a_damaged_row_is_counted_and_the_rest_still_list() {
    let (dir, mut v) = vault();
    let mut w = Wellbeing::of(&mut v);
    let a = w
        .create_check_in(&input("2026-11-10", 3, "a"), d(TODAY), t(10))
        .expect("a");
    w.create_check_in(&input("2026-11-11", 3, "b"), d(TODAY), t(11))
        .expect("b");
    let r = w.submit_proqol(&all(3), d(TODAY), t(30)).expect("r");
    let conn = Connection::open(dir.path().join("confidant.db")).expect("db");
    for (sql, id) in [
        (
            "UPDATE wellbeing_checkins SET created_at = created_at + 1 WHERE id = ?1",
            &a.id,
        ),
        (
            "UPDATE proqol_results SET created_at = 0 WHERE id = ?1",
            &r.id,
        ),
    ] {
        assert_eq!(conn.execute(sql, [id]).expect("edit"), 1);
    }
    let mut w = Wellbeing::of(&mut v);
    let list = w.list_check_ins().expect("list survives");
    assert_eq!((list.check_ins.len(), list.damaged), (1, 1));
    assert_eq!(list.check_ins[0].note, "b");
    let p = w.list_proqol().expect("list survives");
    assert_eq!((p.results.len(), p.damaged), (0, 1));
}

#[test]
fn locked_vault_answers_locked() {
    let (_dir, mut v) = vault();
    v.lock();
    let mut w = Wellbeing::of(&mut v);
    assert!(matches!(w.list_check_ins(), Err(Error::Locked)));
    assert!(matches!(
        w.submit_proqol(&all(3), d(TODAY), t(30)),
        Err(Error::Locked)
    ));
}
