//! Properties over random ledgers: totals never negative, counted never
//! more than logged, and every reduction has its reason.

use chrono::Duration;
use confidant_core::hours::SupervisionForm;
use confidant_core::hours_rules::{evaluate, examples};
use proptest::prelude::*;

use super::build::{d, ledger, sup, week};

fn form(i: u8) -> SupervisionForm {
    match i % 4 {
        0 => SupervisionForm::Individual,
        1 => SupervisionForm::Triadic,
        2 => SupervisionForm::Group,
        _ => SupervisionForm::DirectObservation,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn counted_never_exceeds_logged_and_every_reduction_says_why(
        sups in prop::collection::vec((0i64..800, 1u32..300, 0u8..4, 2u32..10), 0..60),
        weeks in prop::collection::vec((0i64..110, 0u32..60, 0u32..30, 0u32..20), 0..60),
        from in 0i64..200,
        which in 0usize..5,
    ) {
        let start = d(2022, 1, 3);
        let mut l = ledger(Some(start + Duration::days(from)));
        for (day, minutes, f, size) in sups {
            let form = form(f);
            let size = matches!(form, SupervisionForm::Group | SupervisionForm::Triadic).then_some(size);
            sup(&mut l, start + Duration::days(day), minutes, form, size, "LMFT");
        }
        for (w, c, p, n) in weeks {
            week(&mut l, start + Duration::weeks(w), c, p.min(c), n);
        }
        let profile = examples::all().swap_remove(which);
        let p = evaluate(&profile, &l, d(2024, 6, 1));
        for item in &p.items {
            prop_assert!(item.counted_minutes <= item.logged_minutes);
            prop_assert_eq!(item.counted_minutes < item.logged_minutes, !item.reasons.is_empty(), "{:?}", item);
        }
        for t in &p.totals {
            prop_assert!(t.counted_minutes <= t.logged_minutes, "{:?}", t);
        }
        let mut run = 0;
        for m in &p.months {
            prop_assert!(m.cumulative_target_minutes >= run);
            run = m.cumulative_target_minutes;
        }
    }
}
