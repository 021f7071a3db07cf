//! Each example profile against worked cases; reasons word for word.

use confidant_core::hours::SupervisionForm;
use confidant_core::hours_rules::{evaluate, examples, Period, Profile, Rule, RuleState};

use super::build::{d, group, individual, ledger, outcome, reasons, sup, week};

#[test]
fn before_the_agreement_nothing_counts_and_says_why() {
    let mut l = ledger(Some(d(2025, 1, 1)));
    let early = individual(&mut l, d(2024, 12, 20), 60);
    let wk = week(&mut l, d(2024, 12, 30), 12, 10, 3);
    let p = evaluate(&examples::texas(), &l, d(2025, 2, 1));
    assert_eq!(
        outcome(&p, &early).reasons,
        ["20 December 2024: before the agreement's effective date (1 January 2025) — 1 supervision hour not counted"]
    );
    assert_eq!(
        outcome(&p, &wk).reasons,
        ["week of 30 December 2024: before the agreement's effective date (1 January 2025) — 12 direct hours and 3 non-clinical hours not counted"]
    );
    assert_eq!(outcome(&p, &wk).counted_minutes, 0);
}

#[test]
fn california_voids_a_week_without_supervision_and_needs_a_second_unit_in_a_busy_week() {
    let mut l = ledger(Some(d(2025, 1, 1)));
    // 3 March: 12 direct hours, no supervision at all.
    let voided = week(&mut l, d(2025, 3, 3), 12, 10, 0);
    // 10 March: 14 direct hours, one individual hour: 4 over 10 not counted.
    let busy = week(&mut l, d(2025, 3, 10), 14, 12, 2);
    individual(&mut l, d(2025, 3, 12), 60);
    // 17 March: 14 direct hours with two units (one individual, two group): all count.
    let two_units = week(&mut l, d(2025, 3, 17), 14, 12, 0);
    individual(&mut l, d(2025, 3, 18), 60);
    group(&mut l, d(2025, 3, 20), 120, 5);
    // 24 March: a 45-minute session does not count, so the week has none that counts.
    let short_week = week(&mut l, d(2025, 3, 24), 8, 6, 0);
    let short = individual(&mut l, d(2025, 3, 25), 45);
    // 31 March: one hour of group is half a unit.
    let half = week(&mut l, d(2025, 3, 31), 5, 5, 0);
    group(&mut l, d(2025, 4, 2), 60, 4);

    let p = evaluate(&examples::california(), &l, d(2025, 4, 30));
    assert_eq!(
        outcome(&p, &voided).reasons,
        ["week of 3 March 2025: no supervision — 12 direct hours not counted (CA weekly unit)"]
    );
    assert_eq!(outcome(&p, &voided).counted_minutes, 0);
    assert_eq!(
        outcome(&p, &busy).reasons,
        ["week of 10 March 2025: one unit of supervision — 4 direct hours over 10 not counted (CA second unit)"]
    );
    assert_eq!(outcome(&p, &busy).counted_minutes, 12 * 60);
    assert!(outcome(&p, &two_units).reasons.is_empty());
    assert_eq!(outcome(&p, &two_units).counted_minutes, 14 * 60);
    assert_eq!(
        outcome(&p, &short).reasons,
        ["25 March 2025: a 45-minute session, under the 60-minute minimum — 0.75 supervision hours not counted (CA minimum session)"]
    );
    assert_eq!(
        outcome(&p, &short_week).reasons,
        ["week of 24 March 2025: no supervision that counts — 8 direct hours not counted (CA weekly unit)"]
    );
    assert_eq!(
        outcome(&p, &half).reasons,
        ["week of 31 March 2025: less than one unit of supervision — 5 direct hours not counted (CA weekly unit)"]
    );
    // Totals: 10 direct and 2 non-clinical (10 March) and 14 direct (17 March) counted.
    let all = p
        .totals
        .iter()
        .find(|t| t.label == "All practice")
        .expect("total");
    assert_eq!(
        (all.logged_minutes, all.counted_minutes),
        (55 * 60, 26 * 60)
    );
    let weeks = p
        .rules
        .iter()
        .find(|r| r.title == "At least 104 weeks with supervision")
        .expect("rule");
    assert_eq!(weeks.state, RuleState::NotYet);
    assert_eq!(weeks.detail, "3 of 104 weeks: 101 more needed.");
    let lcsw = &p.rules[7];
    assert_eq!(lcsw.have, Some(2), "{lcsw:?}");
}

#[test]
fn maryland_caps_group_at_half_and_reports_a_month_under_the_minimum() {
    let mut l = ledger(Some(d(2025, 1, 1)));
    for monday in [3, 10, 17, 24] {
        week(&mut l, d(2025, 3, monday), 30, 20, 10);
    }
    individual(&mut l, d(2025, 3, 5), 60);
    let g1 = group(&mut l, d(2025, 3, 12), 120, 5);
    let g2 = group(&mut l, d(2025, 3, 26), 60, 5);
    let too_big = group(&mut l, d(2025, 3, 28), 90, 7);
    let p = evaluate(&examples::maryland(), &l, d(2025, 5, 1));
    assert_eq!(
        outcome(&p, &too_big).reasons,
        ["28 March 2025: a group of 7, over the limit of 6 — 1.5 supervision hours not counted (MD group size)"]
    );
    assert_eq!(
        outcome(&p, &g2).reasons,
        ["26 March 2025: group supervision over half of all supervision counted — 1 supervision hour not counted (MD group share)"]
    );
    assert_eq!(
        outcome(&p, &g1).reasons,
        ["12 March 2025: group supervision over half of all supervision counted — 1 supervision hour not counted (MD group share)"]
    );
    let monthly = &p.rules[0];
    assert_eq!(monthly.state, RuleState::NotYet);
    assert_eq!(
        monthly.detail,
        "1 period under the minimum: March 2025 (2 of 3 hours)."
    );
    assert_eq!(
        monthly.title,
        "Supervision: at least 3 hours a month, or 1 hour per 40 practice hours if that is less"
    );
}

#[test]
fn a_monthly_minimum_that_voids_practice_says_which_month_and_why() {
    let mut profile: Profile = examples::maryland();
    profile.rules[0] = Rule::SupervisionPerPeriod {
        period: Period::Month,
        min_minutes: Some(180),
        min_per_practice: None,
        max_minutes: None,
        max_per_practice: None,
        voids_practice: true,
    };
    let mut l = ledger(Some(d(2025, 1, 1)));
    let wk = week(&mut l, d(2025, 3, 3), 30, 20, 10);
    individual(&mut l, d(2025, 3, 5), 120);
    let april = week(&mut l, d(2025, 4, 7), 30, 20, 10);
    individual(&mut l, d(2025, 4, 8), 180);
    let p = evaluate(&profile, &l, d(2025, 5, 1));
    assert_eq!(
        outcome(&p, &wk).reasons,
        ["week of 3 March 2025: March 2025 had 2 supervision hours, under the 3-hour monthly minimum — 30 direct hours and 10 non-clinical hours not counted (MD monthly minimum)"]
    );
    assert!(outcome(&p, &april).reasons.is_empty());
}

#[test]
fn virginia_counts_group_hour_for_hour_up_to_100() {
    let mut l = ledger(Some(d(2024, 1, 1)));
    let mut ids = Vec::new();
    // 55 group sessions of 2 hours, weekly from 3 January 2024 (110 hours).
    for i in 0..55 {
        ids.push(group(
            &mut l,
            d(2024, 1, 3) + chrono::Duration::weeks(i),
            120,
            4,
        ));
    }
    for i in 0..30 {
        sup(
            &mut l,
            d(2024, 1, 5) + chrono::Duration::weeks(i),
            60,
            SupervisionForm::Individual,
            None,
            "LMFT, LPC",
        );
    }
    let p = evaluate(&examples::virginia(), &l, d(2025, 6, 1));
    let taken: Vec<_> = ids
        .iter()
        .filter(|id| !outcome(&p, id).reasons.is_empty())
        .collect();
    assert_eq!(
        taken.len(),
        5,
        "the 5 latest sessions make up the 10 hours over 100"
    );
    assert_eq!(
        outcome(&p, ids.last().expect("last")).reasons,
        ["15 January 2025: group supervision over the 100-hour limit — 2 supervision hours not counted (VA group limit)"]
    );
    assert_eq!(outcome(&p, &ids[49]).reasons, Vec::<String>::new());
    let group_total = p
        .totals
        .iter()
        .find(|t| t.label == "Group supervision")
        .expect("line");
    assert_eq!(group_total.counted_minutes, 100 * 60);
    let lmft = &p.rules[2];
    assert_eq!(lmft.detail, "30 of 100 hours counted: 70 more needed.");
    assert!(p
        .notes
        .iter()
        .any(|n| n.contains("supervision in proportion to practice is not checked")));
}

#[test]
fn texas_counts_at_most_10_supervision_hours_a_month() {
    let mut l = ledger(Some(d(2025, 1, 1)));
    let mut ids = Vec::new();
    for day in [3, 7, 10, 14, 21, 28] {
        ids.push(individual(&mut l, d(2025, 3, day), 120));
    }
    let big = group(&mut l, d(2025, 4, 2), 60, 8);
    let p = evaluate(&examples::texas(), &l, d(2025, 5, 1));
    assert_eq!(
        outcome(&p, &ids[5]).reasons,
        ["28 March 2025: over the 10-hour monthly limit for March 2025 — 2 supervision hours not counted (TX monthly limit)"]
    );
    assert_eq!(outcome(&p, &ids[5]).counted_minutes, 0);
    assert_eq!(outcome(&p, &ids[4]).counted_minutes, 120);
    assert_eq!(
        outcome(&p, &big).reasons,
        ["2 April 2025: a group of 8, over the limit of 6 — 1 supervision hour not counted (TX group size)"]
    );
    assert_eq!(reasons(&p).len(), 2);
}

#[test]
fn new_york_counts_only_within_six_years_of_the_first_counted_day() {
    let mut l = ledger(Some(d(2018, 1, 1)));
    let first = week(&mut l, d(2018, 1, 1), 20, 20, 0);
    individual(&mut l, d(2018, 1, 3), 60);
    let last_in = week(&mut l, d(2023, 12, 25), 20, 20, 0);
    let after = week(&mut l, d(2024, 1, 1), 20, 20, 0);
    let late_sup = individual(&mut l, d(2024, 1, 3), 60);
    let p = evaluate(&examples::new_york(), &l, d(2024, 2, 1));
    assert!(outcome(&p, &first).reasons.is_empty());
    assert!(outcome(&p, &last_in).reasons.is_empty());
    assert_eq!(
        outcome(&p, &after).reasons,
        ["week of 1 January 2024: after the 6-year window (1 January 2018 to 31 December 2023) — 20 direct hours not counted (NY 6-year window)"]
    );
    assert_eq!(
        outcome(&p, &late_sup).reasons,
        ["3 January 2024: after the 6-year window (1 January 2018 to 31 December 2023) — 1 supervision hour not counted (NY 6-year window)"]
    );
    let period = &p.rules[1];
    assert_eq!(period.state, RuleState::Met);
}

#[test]
fn the_projection_says_how_it_was_computed_and_none_without_pace() {
    let mut l = ledger(Some(d(2025, 1, 1)));
    for i in 0..20 {
        week(
            &mut l,
            d(2025, 1, 6) + chrono::Duration::weeks(i),
            25,
            20,
            5,
        );
    }
    let today = d(2025, 5, 25);
    let p = evaluate(&examples::texas(), &l, today);
    let t = p.target.as_ref().expect("target");
    assert_eq!((t.minutes, t.counted_minutes), (3000 * 60, 600 * 60));
    // 12 weeks at 30 hours: 2,400 hours to go take 80 weeks (560 days, to
    // 6 December 2026), but the 24 months from 6 January 2025 end later.
    assert_eq!(
        p.projection.finish_on,
        Some(d(2027, 1, 5)),
        "{}",
        p.projection.explanation
    );
    assert_eq!(
        p.projection.explanation,
        "At the pace of the last 12 weeks (30 practice hours counted a week on average), the 2,400 hours still needed take about 80 weeks. The minimum period is complete on 5 January 2027, so not before then."
    );
    let later = evaluate(&examples::texas(), &l, d(2026, 1, 1));
    assert_eq!(later.projection.finish_on, None);
    assert!(later
        .projection
        .explanation
        .starts_with("No practice hours were counted in the last 12 weeks"));
    let last = later.months.last().expect("months");
    assert_eq!(last.cumulative_target_minutes, 600 * 60);
}

#[test]
fn the_summary_follows_the_board_form_fields() {
    let mut l = ledger(Some(d(2025, 1, 1)));
    week(&mut l, d(2025, 1, 6), 20, 15, 5);
    individual(&mut l, d(2025, 1, 8), 60);
    let p = evaluate(&examples::new_york(), &l, d(2025, 2, 1));
    let lines: Vec<(&str, &str)> = p
        .summary
        .iter()
        .map(|s| (s.label.as_str(), s.value.as_str()))
        .collect();
    assert_eq!(
        lines,
        [
            (
                "Supervisor's name, licence and number",
                "Dr Maya Okafor, LCSW, licence LC-4471"
            ),
            ("Dates of supervised experience: from", "6 January 2025"),
            ("Dates of supervised experience: to", "12 January 2025"),
            ("Months of supervised experience", "0"),
            ("Client contact hours", "20"),
            ("Hours of individual or group supervision", "1"),
        ]
    );
}

#[test]
fn every_example_is_marked_and_names_its_source() {
    for p in examples::all() {
        assert!(p.example);
        assert!(!p.source_citation.is_empty());
        confidant_core::hours_rules::check::profile(&p).expect("examples are valid");
    }
}
