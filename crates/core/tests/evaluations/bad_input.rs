//! Bad input: a specific error, and nothing written.

use chrono::Duration;
use confidant_core::evaluations::{
    CheckAnswers, CheckOccasion, CheckSides, EndingInput, EvaluationKind, Evaluations, Referral,
    ReferralKind, SupervisionCheckInput,
};
use confidant_core::goals::Goals;
use confidant_core::people::{People, PersonKind, Relation};
use confidant_core::vault::Vault;

use super::fixture::{common, date, day, now, world};
use super::midpoint;

/// Nothing of the family was written: no evaluation, check, goal or ending.
fn nothing_written(v: &mut Vault, person: &str) {
    assert!(Evaluations::of(v)
        .list(person)
        .expect("list")
        .evaluations
        .is_empty());
    assert!(Evaluations::of(v)
        .checks(person)
        .expect("checks")
        .checks
        .is_empty());
    assert!(Goals::of(v)
        .list(Some(person))
        .expect("goals")
        .goals
        .is_empty());
    assert!(Evaluations::of(v).ending(person).expect("ending").is_none());
}

fn refused(
    v: &mut Vault,
    person: &str,
    input: &confidant_core::evaluations::EvaluationInput,
    says: &str,
) {
    let err = Evaluations::of(v)
        .create(person, input, now())
        .expect_err(says);
    assert!(err.to_string().contains(says), "{err} should say {says:?}");
    nothing_written(v, person);
}

#[test]
fn evaluations_with_bad_ratings_dates_or_plans_are_refused_and_write_nothing() {
    let mut w = world(false);
    let good = midpoint(&mut w.v);
    let mut e = good.clone();
    e.ratings[0].supervisor = Some(6);
    refused(&mut w.v, &w.person, &e, "The supervisor's rating for “Ethics, standards and accountability” is 6; ratings are 1 to 5.");
    let mut e = good.clone();
    e.ratings[1].supervisee = Some(0);
    refused(
        &mut w.v,
        &w.person,
        &e,
        "The supervisee's rating for “Knowledge and skills” is 0",
    );
    let mut e = good.clone();
    e.check.as_mut().expect("check").supervisee.power_balance = Some(9);
    refused(
        &mut w.v,
        &w.person,
        &e,
        "The supervisee's answer on power balance is 9",
    );
    let mut e = good.clone();
    for r in &mut e.ratings {
        r.supervisor = None;
        r.supervisee = None;
    }
    refused(
        &mut w.v,
        &w.person,
        &e,
        "Rate at least one competency area.",
    );
    let mut e = good.clone();
    e.date = now().date_naive() + Duration::days(1);
    refused(
        &mut w.v,
        &w.person,
        &e,
        "The date of the evaluation is in the future.",
    );
    let mut e = good.clone();
    e.ratings.push(e.ratings[0].clone());
    refused(&mut w.v, &w.person, &e, "is rated twice");
    let mut e = good.clone();
    e.action_plan[1].title = "   ".into();
    refused(&mut w.v, &w.person, &e, "Action plan item 2 has no title.");
    let mut e = good.clone();
    e.action_plan[0].target_date = Some(day(0));
    refused(
        &mut w.v,
        &w.person,
        &e,
        "Action plan item 1's target date is in the past.",
    );
    let mut e = good.clone();
    e.ratings[0].area_id = uuid_like();
    refused(&mut w.v, &w.person, &e, "not on the competency areas list");
    let mut e = good.clone();
    e.check = Some(CheckSides::default());
    refused(
        &mut w.v,
        &w.person,
        &e,
        "The supervision check has no answers",
    );
    // A retired area is refused.
    let id = good.ratings[1].area_id.clone();
    Evaluations::of(&mut w.v)
        .area_retire(&id, now())
        .expect("retire");
    refused(&mut w.v, &w.person, &good, "is retired");
}

fn uuid_like() -> String {
    "00000000-0000-4000-8000-000000000000".into()
}

#[test]
fn a_final_evaluation_for_an_archived_person_is_refused() {
    let mut w = world(false);
    let mut e = midpoint(&mut w.v);
    e.kind = EvaluationKind::Final;
    People::of(&mut w.v)
        .set_archived(&w.person, true, now())
        .expect("archive");
    refused(
        &mut w.v,
        &w.person,
        &e,
        "A final evaluation cannot be made for someone archived",
    );
}

#[test]
fn groups_organisations_and_own_supervisors_have_no_evaluations() {
    let mut w = world(true);
    let e = midpoint(&mut w.v);
    let err = Evaluations::of(&mut w.v)
        .create(&w.person, &e, now())
        .expect_err("group");
    assert!(err.to_string().contains("not for a group"), "{err}");
    let mine = People::of(&mut w.v)
        .create(
            &common::person_input(PersonKind::Person, Relation::SupervisesMe, "Dr Ruth Obi"),
            now(),
        )
        .expect("supervisor")
        .id;
    let err = Evaluations::of(&mut w.v)
        .create(&mine, &e, now())
        .expect_err("supervises me");
    assert!(err.to_string().contains("people you supervise"), "{err}");
}

#[test]
fn endings_before_the_start_in_the_future_or_with_a_blank_referral_are_refused() {
    let mut w = world(false);
    w.hold(0);
    let mut p = People::of(&mut w.v).get(&w.person).expect("person");
    p.fields.start_date = Some(date(2026, 1, 5));
    People::of(&mut w.v)
        .update(&w.person, &p.fields, now())
        .expect("start date");
    let ending = |end| EndingInput {
        end_date: end,
        reason: String::new(),
        referrals: vec![],
    };
    let check = |v: &mut Vault, input: &EndingInput, says: &str| {
        let err = Evaluations::of(v)
            .end(&w.person, input, now())
            .expect_err(says);
        assert!(err.to_string().contains(says), "{err} should say {says:?}");
        let err = Evaluations::of(v)
            .ending_preview(&w.person, input, now())
            .expect_err(says);
        assert!(err.to_string().contains(says), "{err} should say {says:?}");
        nothing_written(v, &w.person);
        let p = People::of(v).get(&w.person).expect("person");
        assert!(
            !p.archived && p.fields.end_date.is_none(),
            "the person is unchanged"
        );
    };
    check(
        &mut w.v,
        &ending(date(2026, 1, 1)),
        "The ending date is before supervision started (2026-01-05).",
    );
    check(
        &mut w.v,
        &ending(now().date_naive() + Duration::days(1)),
        "The ending date is in the future.",
    );
    let mut blank = ending(day(2));
    blank.referrals.push(Referral {
        kind: ReferralKind::Training,
        to: " ".into(),
        note: String::new(),
    });
    check(
        &mut w.v,
        &blank,
        "Referral 1 does not say to whom or where.",
    );
}

#[test]
fn a_check_with_an_evaluation_occasion_or_a_future_date_is_refused_on_its_own() {
    let mut w = world(false);
    let mut input = SupervisionCheckInput {
        date: day(1),
        occasion: CheckOccasion::Evaluation,
        sides: CheckSides {
            supervisor: CheckAnswers {
                trust: Some(3),
                ..CheckAnswers::default()
            },
            supervisee: CheckAnswers::default(),
        },
    };
    let err = Evaluations::of(&mut w.v)
        .check_create(&w.person, &input, now())
        .expect_err("occasion");
    assert!(err.to_string().contains("evaluation form"), "{err}");
    input.occasion = CheckOccasion::Other;
    input.date = now().date_naive() + Duration::days(3);
    let err = Evaluations::of(&mut w.v)
        .check_create(&w.person, &input, now())
        .expect_err("future");
    assert!(
        err.to_string()
            .contains("The date of the check is in the future."),
        "{err}"
    );
    nothing_written(&mut w.v, &w.person);
}
