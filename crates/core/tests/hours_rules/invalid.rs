//! Profiles that contradict themselves are refused with a specific error.

use confidant_core::hours::SupervisionForm;
use confidant_core::hours_rules::{check, examples, LengthUnit, PracticeKind, Rule};

fn err_of(rules: Vec<Rule>) -> String {
    let mut p = examples::texas();
    p.rules = rules;
    check::profile(&p).expect_err("refused").to_string()
}

#[test]
fn minimum_over_maximum() {
    assert_eq!(
        err_of(vec![Rule::PracticeTotal {
            of: PracticeKind::All,
            min_hours: Some(3000),
            max_hours: Some(2000)
        }]),
        "Rule 1: practice hours: the minimum (3,000) is more than the maximum (2,000)."
    );
}

#[test]
fn minimum_period_over_maximum_period() {
    assert_eq!(
        err_of(vec![Rule::PeriodLength {
            unit: LengthUnit::Months,
            min: Some(48),
            max: Some(24)
        }]),
        "Rule 1: the period: the minimum (48) is more than the maximum (24)."
    );
    assert_eq!(
        err_of(vec![
            Rule::PeriodLength { unit: LengthUnit::Months, min: Some(84), max: None },
            Rule::ContinuousWindow { max_months: 72 },
        ]),
        "Rules 1 and 2 contradict each other: the minimum period is longer than the longest period allowed."
    );
}

#[test]
fn share_over_100_percent() {
    assert_eq!(
        err_of(vec![Rule::ShareCap {
            forms: vec![SupervisionForm::Group],
            max_percent: Some(150),
            max_hours: None
        }]),
        "Rule 1: a share cannot be over 100 % (it says 150 %)."
    );
}

#[test]
fn a_part_needing_more_than_its_whole_allows() {
    assert_eq!(
        err_of(vec![
            Rule::PracticeTotal { of: PracticeKind::All, min_hours: None, max_hours: Some(1000) },
            Rule::PracticeTotal { of: PracticeKind::Clinical, min_hours: Some(2000), max_hours: None },
        ]),
        "Rules 1 and 2 contradict each other: at least 2,000 direct hours cannot fit in at most 1,000 practice hours."
    );
}

#[test]
fn empty_name_and_no_rules() {
    let mut p = examples::texas();
    p.name = "   ".into();
    assert!(check::profile(&p)
        .expect_err("empty")
        .to_string()
        .contains("name"));
    let mut p = examples::texas();
    p.rules.clear();
    assert_eq!(
        check::profile(&p).expect_err("none").to_string(),
        "A profile needs at least one rule."
    );
}
