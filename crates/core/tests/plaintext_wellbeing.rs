//! Wellbeing check-ins and ProQOL results are sealed: a check-in's note, the
//! day it is about, its ratings, the journal entry it is attached to, and
//! the ProQOL answers and sums are in no file of the data folder, while the
//! connection is open and after the vault is dropped. A positive control
//! proves the scanner finds the same text in a plain file there.
#![allow(clippy::disallowed_methods)] // a test may read the clock; the library may not

mod common;

use chrono::{NaiveDate, Utc};
use common::scan::{assert_no_hits, random_hex, scan, Needles};
use confidant_core::vault::Role;
use confidant_core::wellbeing::{Wellbeing, WellbeingCheckInInput, WellbeingRatings};

#[test]
fn wellbeing_does_not_reach_the_disk_in_clear() {
    let now = Utc::now();
    let (dir, mut v) = common::unlocked_vault(Role::Supervisee, now);
    let note = format!("WellbeingNote{}", random_hex(12));
    let entry = uuid::Uuid::new_v4().to_string();
    let date = NaiveDate::from_ymd_opt(2026, 11, 17).expect("date");
    let mut w = Wellbeing::of(&mut v);
    w.create_check_in(
        &WellbeingCheckInInput {
            date,
            ratings: WellbeingRatings {
                stress: 5,
                energy: 1,
                workload: 4,
                sleep: 2,
                secondary_trauma: 3,
            },
            note: note.clone(),
            entry_id: Some(entry.clone()),
        },
        NaiveDate::from_ymd_opt(2026, 11, 30).expect("today"),
        now,
    )
    .expect("check-in");
    // An answer pattern whose JSON is distinctive.
    let answers: Vec<Option<u8>> = (0..30u8).map(|i| Some(1 + (i * 7) % 5)).collect();
    let json: String = answers
        .iter()
        .map(|a| a.map(|x| x.to_string()).unwrap_or_default())
        .collect::<Vec<_>>()
        .join(",");
    w.submit_proqol(&answers, date, now).expect("proqol");
    let mut needles = Needles::default();
    needles
        .text("note", &note)
        .text("attached entry id", &entry)
        .text("check-in day", "2026-11-17")
        .text("ratings JSON", "\"stress\":5")
        .text("answers JSON", &format!("[{json}]"))
        .text("answers field", "\"answers\"")
        .text("scores field", "compassion_satisfaction");
    assert_no_hits(&scan(dir.path(), &needles));
    drop(v);
    assert_no_hits(&scan(dir.path(), &needles));

    std::fs::write(dir.path().join("control.txt"), format!("x{note}x[{json}]")).expect("write");
    let found = scan(dir.path(), &needles);
    assert!(
        found.hits.len() >= 2,
        "positive control: {}",
        found.report()
    );
}
