//! Retention periods and the list of what is due for disposal.

use confidant_core::people::{People, PersonKind, Relation};
use confidant_core::subject_access::retention::{
    add_years, EndedBy, RecordType, RetentionPeriods, DEFAULT_YEARS,
};
use confidant_core::subject_access::SubjectAccess;
use confidant_core::vault::Role;
use confidant_core::Error;

use super::records_fixture::{common, date, now};

#[test]
fn periods_default_to_seven_years_and_bad_ones_are_refused() {
    let (_dir, mut v) = common::unlocked_vault(Role::Supervisor, now());
    let got = SubjectAccess::of(&mut v).retention().expect("get");
    assert!(!got.saved);
    assert_eq!(got.periods, RetentionPeriods::default());
    assert_eq!(got.periods.hours, DEFAULT_YEARS);
    let bad = RetentionPeriods {
        contact_notes: 0,
        ..RetentionPeriods::default()
    };
    let err = SubjectAccess::of(&mut v).set_retention(&bad, now());
    assert!(matches!(err, Err(Error::InvalidInput(m)) if m.contains("contact notes")));
    assert!(
        !SubjectAccess::of(&mut v).retention().expect("get").saved,
        "nothing written"
    );
    let good = RetentionPeriods {
        session_records: 6,
        ..RetentionPeriods::default()
    };
    SubjectAccess::of(&mut v)
        .set_retention(&good, now())
        .expect("set");
    v.lock();
    v.unlock(None, now()).expect("unlock");
    let got = SubjectAccess::of(&mut v).retention().expect("get");
    assert!(got.saved);
    assert_eq!(got.periods, good);
}

#[test]
fn due_dates_follow_the_end_date_or_the_archive_date() {
    assert_eq!(add_years(date(2024, 2, 29), 7), date(2031, 2, 28));
    let (_dir, mut v) = common::unlocked_vault(Role::Supervisor, now());
    let mut add = |name: &str, end: Option<chrono::NaiveDate>| {
        let mut input = common::person_input(PersonKind::Person, Relation::ISupervise, name);
        input.end_date = end;
        People::of(&mut v).create(&input, now()).expect("person").id
    };
    let ended = add("Ended Person", Some(date(2019, 3, 1)));
    let archived = add("Archived Person", None);
    let _current = add("Current Person", None);
    People::of(&mut v)
        .set_archived(&archived, true, now())
        .expect("archive");
    let six = RetentionPeriods {
        session_records: 6,
        ..RetentionPeriods::default()
    };
    SubjectAccess::of(&mut v)
        .set_retention(&six, now())
        .expect("set");

    let before = SubjectAccess::of(&mut v)
        .due_for_disposal(date(2025, 2, 28))
        .expect("due");
    assert!(before.is_empty(), "nothing due the day before: {before:?}");

    let partly = SubjectAccess::of(&mut v)
        .due_for_disposal(date(2025, 3, 1))
        .expect("due");
    assert_eq!(partly.len(), 1);
    assert_eq!(partly[0].person_id, ended);
    assert_eq!(partly[0].ended_by, EndedBy::EndDate);
    let due: Vec<RecordType> = partly[0].due.iter().map(|d| d.record_type).collect();
    assert_eq!(due, [RecordType::SessionRecords]);
    assert_eq!(partly[0].not_yet.len(), 5);
    assert!(partly[0]
        .not_yet
        .iter()
        .all(|d| d.due_on == date(2026, 3, 1)));

    let all = SubjectAccess::of(&mut v)
        .due_for_disposal(date(2026, 3, 1))
        .expect("due");
    assert_eq!(all[0].due.len(), 6);
    assert!(all[0].not_yet.is_empty());
    assert_eq!(all.len(), 1, "the archived person is not due yet");

    let later = SubjectAccess::of(&mut v)
        .due_for_disposal(date(2032, 3, 2))
        .expect("due");
    let by_archive = later
        .iter()
        .find(|d| d.person_id == archived)
        .expect("archived person due");
    assert_eq!(by_archive.ended_by, EndedBy::Archived);
    assert_eq!(by_archive.ended_on, now().date_naive());
    assert_eq!(later.len(), 2, "the current person is never due");
}
