//! Importing .ics files: hand-written fixtures in the style of Outlook
//! (Windows zone names, VTIMEZONE blocks, BYSETPOS) and Google Calendar
//! (TZID=Europe/London, BYDAY=2TU, RECURRENCE-ID changes), unsupported and
//! hostile input, and an all-or-nothing commit.

mod commit;
mod hostile;
mod parse;

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc};
use confidant_core::crypto::KdfParams;
use confidant_core::ics::{
    import_preview, plan_import, Calendar, ImportCommit, ImportOptions, ImportPlan, ImportPreview,
    ImportResult, MAX_FILE_OBSERVANCES, MAX_ICS_BYTES, MAX_ICS_EVENTS, MAX_IMPORT_RULE_STEPS,
    MAX_OBSERVANCES,
};
use confidant_core::keychain::MemoryKeychain;
use confidant_core::people::People;
use confidant_core::people::{PersonInput, PersonKind, Relation};
use confidant_core::schedule::{
    Pattern, Recurrence, RecurrenceEnd, ReminderSetting, Schedule, SessionKind, SessionStatus,
    Weekday, MAX_COUNT, MAX_EXPANSION_STEPS, MAX_OCCURRENCES_PER_SERIES,
};
use confidant_core::store::DB_FILE;
use confidant_core::vault::{Role, Vault, VaultConfig};
use confidant_core::Error;
use rusqlite::Connection;

fn fixture(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/ics")
        .join(name);
    std::fs::read_to_string(&path).expect("fixture")
}

fn london() -> ImportOptions {
    ImportOptions {
        home_time_zone: "Europe/London".into(),
        default_duration_minutes: 60,
    }
}

fn local(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d)
        .and_then(|d| d.and_hms_opt(h, min, 0))
        .expect("valid local time")
}

fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0)
        .single()
        .expect("valid time")
}

fn now() -> DateTime<Utc> {
    utc(2025, 12, 1, 9, 0)
}

/// Plans `text` for `commit` (before the vault is involved, as the app
/// does) and commits the plan.
fn import(v: &mut Vault, text: &str, commit: &ImportCommit) -> Result<ImportResult, Error> {
    let plan = plan_import(text, &commit.options)?;
    Calendar::of(v).import_commit(&plan, commit, now())
}

/// Plans `text` and checks the work it took stayed within the caps (counted,
/// not timed).
fn planned(text: &str) -> ImportPlan {
    let plan = plan_import(text, &london()).expect("plan");
    let stats = plan.stats();
    assert!(
        stats.rule_steps <= MAX_IMPORT_RULE_STEPS + MAX_EXPANSION_STEPS as u64,
        "{stats:?}"
    );
    assert!(
        stats.observances <= MAX_FILE_OBSERVANCES as u64,
        "{stats:?}"
    );
    plan
}

fn item<'a>(p: &'a ImportPreview, summary: &str) -> &'a confidant_core::ics::ImportItem {
    p.items
        .iter()
        .find(|i| i.summary == summary)
        .unwrap_or_else(|| panic!("no item {summary}: {:?} / {:?}", p.items, p.skipped))
}

fn skipped_reason<'a>(p: &'a ImportPreview, summary: &str) -> &'a str {
    p.skipped
        .iter()
        .find(|s| s.summary == summary)
        .map(|s| s.reason.as_str())
        .unwrap_or_else(|| {
            panic!(
                "{summary} was not skipped: {:?}",
                p.items.iter().map(|i| &i.summary).collect::<Vec<_>>()
            )
        })
}
