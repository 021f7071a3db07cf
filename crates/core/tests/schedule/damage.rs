//! Sealed bodies, and damage on disk: one record, never the whole month.

use super::*;

// ----- damage on disk: one record, never the whole month -----------------------

/// Sam has a weekly series in January (4 sessions, the second cancelled),
/// Alex a one-off on 8 January.
fn january(v: &mut Vault) -> (String, String, String, String) {
    let sam = person(v, "Sam", PersonKind::Person);
    let alex = person(v, "Alex", PersonKind::Person);
    let s = Schedule::of(v)
        .create(
            &series(
                &sam,
                local(2026, 1, 6, 10, 0),
                60,
                weekly(vec![], 1, RecurrenceEnd::Count { count: 4 }),
            ),
            now(),
        )
        .expect("sam")
        .series[0]
        .id
        .clone();
    let a = Schedule::of(v)
        .create(&series(&alex, local(2026, 1, 8, 15, 0), 60, None), now())
        .expect("alex")
        .series[0]
        .id
        .clone();
    Schedule::of(v)
        .cancel(
            &key(&s, local(2026, 1, 13, 10, 0)),
            &CancelInput {
                by: CancelledBy::Supervisee,
                reason: "Unwell".into(),
                notice_hours: None,
            },
            now(),
        )
        .expect("cancel");
    (sam, alex, s, a)
}

pub(super) fn tamper(dir: &tempfile::TempDir, sql: &str, args: &[&dyn rusqlite::ToSql]) {
    let conn = Connection::open(dir.path().join(DB_FILE)).expect("db");
    assert_eq!(conn.execute(sql, args).expect("tamper"), 1, "{sql}");
}

fn month(v: &mut Vault) -> confidant_core::schedule::OccurrenceList {
    Schedule::of(v)
        .occurrences(utc(2026, 1, 1, 0, 0), utc(2026, 2, 1, 0, 0), None)
        .expect("the month still lists")
}

#[test]
fn a_status_flipped_on_disk_damages_that_one_session_only() {
    let (dir, mut v) = vault();
    let (_sam, _alex, s, _a) = january(&mut v);
    // Attendance flipped from cancelled to held, without the keys.
    tamper(
        &dir,
        "UPDATE session_overrides SET status = 'held' WHERE series_id = ?1",
        &[&s],
    );
    let list = month(&mut v);
    let bad = key(&s, local(2026, 1, 13, 10, 0));
    assert_eq!(list.damaged_sessions, vec![bad.clone()]);
    assert!(list.damaged_series.is_empty());
    assert_eq!(list.occurrences.len(), 4, "3 of Sam's and Alex's one");
    assert!(list.occurrences.iter().all(|o| o.key != bad));
    assert!(
        list.occurrences
            .iter()
            .all(|o| o.status == SessionStatus::Planned),
        "nothing shows as held"
    );
    assert!(
        list.notes.iter().any(|n| n.contains("integrity check")),
        "{:?}",
        list.notes
    );
    // The other views keep working and leave it out too.
    let up = Schedule::of(&mut v).upcoming(now(), 10).expect("upcoming");
    assert_eq!(up.len(), 4);
    assert!(up.iter().all(|o| o.key != bad));
    let export = Calendar::of(&mut v)
        .export(&confidant_core::ics::ExportOptions::default(), now())
        .expect("export");
    assert_eq!(export.series, 2);
    assert_eq!(export.damaged_sessions, vec![bad.clone()]);
    assert!(export
        .ics
        .contains("EXDATE;TZID=Europe/London:20260113T100000"));
    // It cannot be changed as it is; resetting it is the way back.
    assert!(matches!(
        Schedule::of(&mut v).set_status(&bad, SessionStatus::Planned, now()),
        Err(Error::Integrity(_))
    ));
    let reset = Schedule::of(&mut v)
        .reset_occurrence(&bad, now())
        .expect("reset");
    assert_eq!(reset.status, SessionStatus::Planned);
    let list = month(&mut v);
    assert!(list.damaged_sessions.is_empty());
    assert_eq!(list.occurrences.len(), 5);
}

#[test]
fn an_exception_time_or_slot_edited_on_disk_is_damage() {
    let (dir, mut v) = vault();
    let (_sam, _alex, s, _a) = january(&mut v);
    tamper(
        &dir,
        "UPDATE session_overrides SET start_at = start_at + 3600000, end_at = end_at + 3600000 WHERE series_id = ?1",
        &[&s],
    );
    assert_eq!(month(&mut v).damaged_sessions.len(), 1);
    let (dir, mut v) = vault();
    let (_sam, _alex, s, _a) = january(&mut v);
    // Moved to another original slot (another session of the series).
    let other_slot = chrono::NaiveDate::from_ymd_opt(2026, 1, 20)
        .and_then(|d| d.and_hms_opt(10, 0, 0))
        .expect("t")
        .and_utc()
        .timestamp_millis();
    tamper(
        &dir,
        "UPDATE session_overrides SET recurrence_id = ?2 WHERE series_id = ?1",
        &[&s, &other_slot],
    );
    let list = month(&mut v);
    assert_eq!(
        list.damaged_sessions,
        vec![key(&s, local(2026, 1, 20, 10, 0))]
    );
    assert_eq!(
        list.occurrences
            .iter()
            .filter(|o| o.status == SessionStatus::Cancelled)
            .count(),
        0
    );
}

#[test]
fn a_series_moved_to_another_person_or_kind_on_disk_is_damaged_alone() {
    for (column, value) in [("person_id", None), ("kind", Some("coaching"))] {
        let (dir, mut v) = vault();
        let (sam, alex, s, a) = january(&mut v);
        let value = value.map(str::to_string).unwrap_or_else(|| alex.clone());
        tamper(
            &dir,
            &format!("UPDATE session_series SET {column} = ?2 WHERE id = ?1"),
            &[&s, &value],
        );
        let list = month(&mut v);
        assert_eq!(list.damaged_series, vec![s.clone()], "{column}");
        assert_eq!(list.occurrences.len(), 1, "{column}: Alex's still shows");
        assert_eq!(list.occurrences[0].key.series_id, a);
        assert!(matches!(
            Schedule::of(&mut v).series_get(&s),
            Err(Error::Integrity(_))
        ));
        let listed = Schedule::of(&mut v).series_list(None).expect("series list");
        assert_eq!(listed.damaged, vec![s.clone()]);
        assert_eq!(listed.series.len(), 1);
        // Nobody's sessions show up under the wrong person.
        let alex_only = Schedule::of(&mut v)
            .occurrences(utc(2026, 1, 1, 0, 0), utc(2026, 2, 1, 0, 0), Some(&alex))
            .expect("alex");
        assert!(alex_only.occurrences.iter().all(|o| o.person_id == alex));
        assert!(Schedule::of(&mut v)
            .occurrences(utc(2026, 1, 1, 0, 0), utc(2026, 2, 1, 0, 0), Some(&sam))
            .expect("sam")
            .occurrences
            .is_empty());
        let export = Calendar::of(&mut v)
            .export(&confidant_core::ics::ExportOptions::default(), now())
            .expect("export");
        assert_eq!(export.damaged, vec![s.clone()]);
        assert_eq!(export.series, 1);
    }
    // A bumped timestamp is damage too.
    let (dir, mut v) = vault();
    let (_sam, _alex, s, _a) = january(&mut v);
    tamper(
        &dir,
        "UPDATE session_series SET updated_at = updated_at + 1 WHERE id = ?1",
        &[&s],
    );
    assert_eq!(month(&mut v).damaged_series, vec![s]);
}
