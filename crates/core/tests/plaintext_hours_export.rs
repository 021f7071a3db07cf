//! Saving the hours exports writes the chosen files and nothing else: the
//! supervisee's name and licence and the owner's name, each a random
//! marker, are in no file of the data folder (database, WAL, shared
//! memory), read while the vault is open and again after it is closed.
//! Positive control: the scanner finds the owner's name in the saved CSV.

mod common;

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use confidant_core::hours_export::HoursExport;
use confidant_core::party::PartyDetails;
use confidant_core::people::{People, PersonKind, Relation};
use confidant_core::schedule::{
    OccurrenceKey, ReminderSetting, Schedule, SeriesInput, SessionKind, SessionStatus,
};
use confidant_core::settings::VaultSettings;
use confidant_core::vault::Role;

use common::scan::{assert_no_hits, random_hex, scan, Needles};

#[test]
fn exports_reach_only_the_chosen_folder() {
    let at = |d: u32| {
        Utc.with_ymd_and_hms(2026, 3, d, 9, 0, 0)
            .single()
            .expect("time")
    };
    let (dir, mut v) = common::unlocked_vault(Role::Supervisor, at(1));
    let person_name = format!("Person {}", random_hex(12));
    let licence = format!("LIC{}", random_hex(12));
    let owner_name = format!("Owner {}", random_hex(12));

    let mut input = common::person_input(PersonKind::Person, Relation::ISupervise, &person_name);
    input.licence_number = licence.clone();
    let person = People::of(&mut v).create(&input, at(1)).expect("person").id;
    let profile = PartyDetails {
        name: owner_name.clone(),
        ..PartyDetails::default()
    };
    VaultSettings::of(&mut v)
        .set_profile(&profile, at(1))
        .expect("profile");
    let start = NaiveDate::from_ymd_opt(2026, 3, 2)
        .expect("date")
        .and_hms_opt(10, 0, 0)
        .expect("time");
    let series = SeriesInput {
        person_id: person.clone(),
        kind: SessionKind::Individual,
        time_zone: "Europe/London".into(),
        start,
        end: start + Duration::minutes(60),
        recurrence: None,
        location: String::new(),
        reminder: ReminderSetting::Default,
        calendar_code: String::new(),
    };
    let series_id = Schedule::of(&mut v)
        .create(&series, at(1))
        .expect("series")
        .series[0]
        .id
        .clone();
    let key = OccurrenceKey {
        series_id,
        original_start: start,
    };
    Schedule::of(&mut v)
        .set_status(&key, SessionStatus::Held, at(3))
        .expect("held");

    let out = tempfile::tempdir().expect("export folder");
    let (from, to) = (
        NaiveDate::from_ymd_opt(2026, 3, 1).expect("date"),
        NaiveDate::from_ymd_opt(2026, 3, 31).expect("date"),
    );
    HoursExport::of(&mut v)
        .save_csv(&person, from, to, &out.path().join("hours.csv"), at(4))
        .expect("csv");
    HoursExport::of(&mut v)
        .save_pdf(&person, from, to, &out.path().join("hours.pdf"), at(4))
        .expect("pdf");

    let mut needles = Needles::default();
    needles
        .text("the person's name", &person_name)
        .text("the person's licence", &licence)
        .text("the owner's name", &owner_name);

    // Positive control: the CSV names the supervisor of record in clear
    // (the PDF's text is compressed, and the CSV does not name the person).
    let exported = scan(out.path(), &needles);
    assert!(
        exported
            .hits
            .iter()
            .any(|h| h.needle.starts_with("the owner's name") && h.file.ends_with("hours.csv")),
        "the scanner finds the owner's name in the saved CSV\n{}",
        exported.report()
    );

    assert_no_hits(&scan(dir.path(), &needles));
    drop(v);
    assert_no_hits(&scan(dir.path(), &needles));
}
