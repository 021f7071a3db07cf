//! Rule profiles (`hours_rules`): a profile as the UI sends it or the
//! vault stores it (JSON), checked by `hours_rules::check::profile`, then
//! applied by `hours_rules::evaluate` to a ledger.
//!
//! Input: JSON `{"profile": …, "ledger": …, "today": "YYYY-MM-DD"}`
//! (ledger and today optional). A ledger the hours module could never
//! produce (minutes over a day on one item, over a week in a practice week,
//! dates outside the years Confidant accepts, huge groups) is left out, so
//! a finding is about the rules, not about impossible hours.
//!
//! Invariants: nothing panics; a checked profile checks again to itself
//! (checking is idempotent) and survives a JSON round trip unchanged;
//! evaluating a checked profile never panics and is deterministic, and
//! gives one status per rule.

use chrono::{Datelike, NaiveDate};
use confidant_core::hours::{Ledger, MAX_DAY_MINUTES, MAX_WEEK_MINUTES};
use confidant_core::hours_rules::{check, evaluate, Profile};
use confidant_core::validate::{EARLIEST_YEAR, LATEST_YEAR};
use serde::Deserialize;

/// Most ledger items evaluated (a few years of weekly sessions and weeks).
const MAX_LEDGER_ITEMS: usize = 3000;
/// Largest group size considered.
const MAX_GROUP: u32 = 100;

#[derive(Deserialize)]
struct Input {
    profile: Profile,
    #[serde(default)]
    ledger: Option<Ledger>,
    #[serde(default)]
    today: Option<NaiveDate>,
}

fn in_years(d: NaiveDate) -> bool {
    (EARLIEST_YEAR..=LATEST_YEAR).contains(&d.year())
}

/// A ledger the hours module could produce (see the module documentation).
fn possible(l: &Ledger) -> bool {
    l.supervision.len() + l.practice.len() <= MAX_LEDGER_ITEMS
        && l.counts_from.is_none_or(in_years)
        && l.supervision.iter().all(|s| {
            in_years(s.date)
                && s.minutes <= MAX_DAY_MINUTES
                && s.group_size.unwrap_or(0) <= MAX_GROUP
        })
        && l.practice.iter().all(|w| {
            in_years(w.week_start)
                && w.clinical_minutes.saturating_add(w.non_clinical_minutes) <= MAX_WEEK_MINUTES
                && w.psychotherapy_minutes <= w.clinical_minutes
        })
}

/// One fuzz input. Returns whether it was accepted (checked and evaluated).
pub fn run(data: &[u8]) -> bool {
    let Ok(input) = serde_json::from_slice::<Input>(data) else {
        return false;
    };
    let Ok(checked) = check::profile(&input.profile) else {
        return false;
    };
    let again = check::profile(&checked).expect("a checked profile checks again");
    assert_eq!(again, checked, "checking is not idempotent");
    let json = serde_json::to_vec(&checked).expect("a profile serialises");
    let back: Profile = serde_json::from_slice(&json).expect("a profile reads back");
    assert_eq!(back, checked, "the JSON round trip changed the profile");

    let ledger = input.ledger.unwrap_or_else(|| Ledger {
        person_id: "p".into(),
        counts_from: None,
        supervision: vec![],
        practice: vec![],
    });
    let today = input
        .today
        .filter(|d| in_years(*d))
        .unwrap_or_else(|| super::now().date_naive());
    if !possible(&ledger) {
        return false;
    }
    let progress = evaluate(&checked, &ledger, today);
    assert_eq!(
        progress.rules.len(),
        checked.rules.len(),
        "one status per rule"
    );
    assert_eq!(
        evaluate(&checked, &ledger, today),
        progress,
        "not deterministic"
    );
    true
}
