//! Calendar import (`ics::plan_import`): the `.ics` reader (unfolding,
//! components, properties, parameters, values), `VTIMEZONE` blocks and
//! their matching to known zones, repeat rules mapped onto the schedule's,
//! excluded and changed occurrences. No vault: the plan is what the app
//! shows before anything is written.
//!
//! The first byte picks the import options (home time zone, default
//! length); the rest is the file, as UTF-8 (the app refuses anything else
//! before parsing, so other bytes are read lossily rather than wasted).
//!
//! Invariants: nothing panics; reading is deterministic (the preview and
//! the commit number events alike only if it is); items are numbered from
//! 0 in order; at most `MAX_ICS_EVENTS` events come out; the work counted
//! stays within its documented caps (rule steps, observances).

use confidant_core::ics::{
    plan_import, ImportOptions, MAX_FILE_OBSERVANCES, MAX_ICS_EVENTS, MAX_IMPORT_RULE_STEPS,
};
use confidant_core::schedule::MAX_EXPANSION_STEPS;

const ZONES: [&str; 4] = [
    "UTC",
    "Europe/London",
    "America/New_York",
    "Australia/Lord_Howe",
];
const LENGTHS: [u32; 4] = [50, 1, 60, 720];

/// One fuzz input. Returns whether it was accepted (planned).
pub fn run(data: &[u8]) -> bool {
    let Some((&pick, rest)) = data.split_first() else {
        return false;
    };
    let options = ImportOptions {
        home_time_zone: ZONES[usize::from(pick & 3)].into(),
        default_duration_minutes: LENGTHS[usize::from((pick >> 2) & 3)],
    };
    let text = String::from_utf8_lossy(rest);
    let Ok(plan) = plan_import(&text, &options) else {
        return false;
    };
    let preview = plan.preview();
    let stats = plan.stats();
    let again = plan_import(&text, &options).expect("the same file reads again");
    assert_eq!(again.preview(), preview, "reading is not deterministic");
    assert_eq!(
        again.stats(),
        stats,
        "the work counted is not deterministic"
    );
    for (n, item) in preview.items.iter().enumerate() {
        assert_eq!(item.index as usize, n, "items are numbered in order");
    }
    assert!(preview.items.len() + preview.skipped.len() <= MAX_ICS_EVENTS);
    assert!(
        stats.rule_steps <= MAX_IMPORT_RULE_STEPS + MAX_EXPANSION_STEPS as u64,
        "rule steps over the cap: {}",
        stats.rule_steps
    );
    assert!(stats.observances <= MAX_FILE_OBSERVANCES as u64);
    true
}
