//! Evaluations and endings: competency areas, evaluations with their
//! action plans becoming goals, supervision checks, the termination
//! summary's figures, the verification letter (through `pdftotext`) and
//! bad input refused with nothing written.

#[path = "../records_fixture/mod.rs"]
mod fixture;

mod bad_input;
mod ending;
mod flow;

use chrono::Duration;
use confidant_core::evaluations::{
    ActionPlanInput, AreaRatingInput, CheckAnswers, CheckSides, EvaluationInput, EvaluationKind,
    Evaluations,
};
use confidant_core::vault::Vault;

use fixture::{day, now};

/// The ids of the first `n` areas in use.
pub fn area_ids(v: &mut Vault, n: usize) -> Vec<String> {
    Evaluations::of(v)
        .areas(now())
        .expect("areas")
        .into_iter()
        .filter(|a| !a.retired)
        .take(n)
        .map(|a| a.id)
        .collect()
}

/// A midpoint evaluation on day 4 rating the first two areas, with a
/// two-item action plan and a supervision check.
pub fn midpoint(v: &mut Vault) -> EvaluationInput {
    let ids = area_ids(v, 2);
    EvaluationInput {
        kind: EvaluationKind::Midpoint,
        date: day(4),
        ratings: vec![
            AreaRatingInput {
                area_id: ids[0].clone(),
                supervisor: Some(4),
                supervisee: Some(3),
                comment: "Clear about boundaries with the agency.".into(),
            },
            AreaRatingInput {
                area_id: ids[1].clone(),
                supervisor: Some(2),
                supervisee: None,
                comment: String::new(),
            },
        ],
        supervisor_comments: "Growing confidence in risk conversations.".into(),
        supervisee_comments: "I want more practice with families in crisis.".into(),
        action_plan: vec![
            ActionPlanInput {
                title: "Lead a risk review with the team".into(),
                description: "Prepare and chair one review.".into(),
                target_date: Some(now().date_naive() + Duration::days(60)),
            },
            ActionPlanInput {
                title: "Read the de-escalation guidance".into(),
                description: String::new(),
                target_date: None,
            },
        ],
        check: Some(CheckSides {
            supervisor: CheckAnswers {
                trust: Some(4),
                collaboration: Some(4),
                power_balance: Some(3),
                comment: String::new(),
            },
            supervisee: CheckAnswers {
                trust: Some(5),
                collaboration: Some(3),
                power_balance: Some(2),
                comment: "Sometimes the agenda feels set for me.".into(),
            },
        }),
    }
}
