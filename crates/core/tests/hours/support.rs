//! Helpers of the hours book tests: inputs and finalised records.

use chrono::{NaiveDate, NaiveTime};
use confidant_core::hours::{ManualEntryInput, PracticeWeekInput, SupervisionForm};
use confidant_core::records::Records;

use super::fixture::{complete, day, now, World};

pub fn time(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).expect("time")
}

/// A manual individual entry on `date` at `h:m` for `minutes`.
pub fn manual(person: &str, date: NaiveDate, h: u32, m: u32, minutes: i32) -> ManualEntryInput {
    ManualEntryInput {
        person_id: person.to_string(),
        date,
        start: time(h, m),
        minutes,
        form: SupervisionForm::Individual,
        group_size: None,
        supervisor_name: "Dr Ines Alvarado".into(),
        licence_number: "LCSW 40211".into(),
        credential: "LCSW".into(),
        note: "Agency supervision".into(),
    }
}

pub fn practice(
    person: &str,
    week_start: NaiveDate,
    clinical: i32,
    psycho: i32,
    non: i32,
) -> PracticeWeekInput {
    PracticeWeekInput {
        person_id: person.to_string(),
        week_start,
        clinical_minutes: clinical,
        psychotherapy_minutes: psycho,
        non_clinical_minutes: non,
        setting: "Community clinic".into(),
    }
}

/// Holds session `i` and finalises its record.
pub fn hold_and_finalise(w: &mut World, i: usize) {
    w.hold(i);
    let r = Records::of(&mut w.v)
        .start(&w.keys[i], now())
        .expect("start");
    Records::of(&mut w.v)
        .save_draft(&r.id, r.revision, &complete(day(i)), now())
        .expect("save");
    Records::of(&mut w.v)
        .finalise(&r.id, "Dr Supervisor", now())
        .expect("finalise");
}

/// The error message of `r`, which must be an error.
pub fn err<T: std::fmt::Debug>(r: confidant_core::error::Result<T>) -> String {
    r.expect_err("refused").to_string()
}

pub fn jan(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, d).expect("date")
}
