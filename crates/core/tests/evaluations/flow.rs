//! Areas, evaluations, action plans and supervision checks.

use confidant_core::evaluations::{
    CheckAnswers, CheckOccasion, CheckSides, EnteredBy, Evaluations, SupervisionCheckInput,
    SupervisionFunction, FUNCTION_AREAS,
};
use confidant_core::goals::{GoalStatus, GoalTerm, Goals, SEED_SKILLS};

use super::fixture::{day, now, world};
use super::midpoint;

#[test]
fn the_areas_start_with_the_three_functions_then_the_skills_list() {
    let mut w = world(false);
    let areas = Evaluations::of(&mut w.v).areas(now()).expect("areas");
    let names: Vec<&str> = areas.iter().map(|a| a.name.as_str()).collect();
    let mut expected: Vec<&str> = FUNCTION_AREAS.iter().map(|(_, n)| *n).collect();
    expected.extend(SEED_SKILLS);
    assert_eq!(names, expected);
    assert_eq!(areas[0].function, Some(SupervisionFunction::Normative));
    assert_eq!(areas[2].function, Some(SupervisionFunction::Restorative));
    let skills = Goals::of(&mut w.v).skills_list(now()).expect("skills");
    assert_eq!(areas[3].skill_id.as_deref(), Some(skills[0].id.as_str()));
    // Read again: not seeded twice.
    assert_eq!(
        Evaluations::of(&mut w.v).areas(now()).expect("again").len(),
        areas.len()
    );
}

#[test]
fn areas_are_added_renamed_and_retired() {
    let mut w = world(false);
    let added = Evaluations::of(&mut w.v)
        .area_add(
            "Working with interpreters",
            Some(SupervisionFunction::Formative),
            now(),
        )
        .expect("add");
    let dup = Evaluations::of(&mut w.v)
        .area_add("working with INTERPRETERS", None, now())
        .expect_err("duplicate");
    assert!(
        dup.to_string().contains("already a competency area"),
        "{dup}"
    );
    let renamed = Evaluations::of(&mut w.v)
        .area_rename(&added.id, "Working with interpreters and advocates", now())
        .expect("rename");
    assert_eq!(renamed.name, "Working with interpreters and advocates");
    let retired = Evaluations::of(&mut w.v)
        .area_retire(&added.id, now())
        .expect("retire");
    assert!(retired.retired);
    let form = Evaluations::of(&mut w.v).form(now()).expect("form");
    assert_eq!(form.areas.len(), 3 + SEED_SKILLS.len() + 1);
    assert_eq!(form.scale.len(), 5);
    assert_eq!(form.scale[3].label, "Competent");
    assert_eq!(form.check_questions.len(), 3);
}

#[test]
fn an_evaluation_keeps_both_sides_ratings_and_its_action_plan_becomes_goals() {
    let mut w = world(false);
    let input = midpoint(&mut w.v);
    let e = Evaluations::of(&mut w.v)
        .create(&w.person, &input, now())
        .expect("create");
    assert_eq!(e.ratings.len(), 2);
    assert_eq!(
        (e.ratings[0].supervisor, e.ratings[0].supervisee),
        (Some(4), Some(3))
    );
    assert_eq!(
        e.ratings[0].area_name,
        "Ethics, standards and accountability"
    );
    assert_eq!(e.supervisee_entered_by, EnteredBy::SupervisorByHand);
    assert_eq!(e.action_plan.len(), 2);
    // Each item became an active short-term goal of the supervisee.
    let goals = Goals::of(&mut w.v)
        .list(Some(&w.person))
        .expect("goals")
        .goals;
    assert_eq!(goals.len(), 2);
    for item in &e.action_plan {
        let id = item.goal_id.as_deref().expect("linked");
        let g = goals
            .iter()
            .find(|g| g.goal.id == id)
            .expect("the linked goal");
        assert_eq!(g.goal.fields.title, item.title);
        assert_eq!(g.goal.fields.term, GoalTerm::Short);
        assert_eq!(g.goal.status, GoalStatus::Active);
    }
    // The check taken with it is its own record, linked both ways.
    let checks = Evaluations::of(&mut w.v).checks(&w.person).expect("checks");
    assert_eq!(checks.checks.len(), 1);
    let c = &checks.checks[0];
    assert_eq!(c.occasion, CheckOccasion::Evaluation);
    assert_eq!(c.evaluation_id.as_deref(), Some(e.id.as_str()));
    assert_eq!(e.check_id.as_deref(), Some(c.id.as_str()));
    assert_eq!(c.sides.supervisee.power_balance, Some(2));
    // It reads back the same, listed for the person.
    let list = Evaluations::of(&mut w.v).list(&w.person).expect("list");
    assert_eq!(list.evaluations, vec![e.clone()]);
    assert_eq!(Evaluations::of(&mut w.v).get(&e.id).expect("get"), e);
}

#[test]
fn a_check_at_an_agreement_review_stands_on_its_own_and_checks_list_newest_first() {
    let mut w = world(false);
    let input = |d| SupervisionCheckInput {
        date: d,
        occasion: CheckOccasion::AgreementReview,
        sides: CheckSides {
            supervisor: CheckAnswers {
                trust: Some(4),
                ..CheckAnswers::default()
            },
            supervisee: CheckAnswers {
                power_balance: Some(4),
                comment: "Better since we share the agenda.".into(),
                ..CheckAnswers::default()
            },
        },
    };
    Evaluations::of(&mut w.v)
        .check_create(&w.person, &input(day(1)), now())
        .expect("first");
    let second = Evaluations::of(&mut w.v)
        .check_create(&w.person, &input(day(6)), now())
        .expect("second");
    let list = Evaluations::of(&mut w.v).checks(&w.person).expect("list");
    assert_eq!(list.checks.len(), 2);
    assert_eq!(list.checks[0], second);
    assert_eq!(second.evaluation_id, None);
}
