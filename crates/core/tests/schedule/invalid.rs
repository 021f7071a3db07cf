//! Validation: every bad input gets a specific error and changes nothing.

use super::*;

#[test]
fn invalid_input_gets_a_specific_error_and_changes_nothing() {
    let (dir, mut v) = vault();
    let sam = person(&mut v, "Sam", PersonKind::Person);
    let org = person(&mut v, "Acme Care", PersonKind::Organisation);
    let gone = person(&mut v, "Former supervisee", PersonKind::Person);
    People::of(&mut v)
        .set_archived(&gone, true, now())
        .expect("archive");
    let ok = Schedule::of(&mut v)
        .create(
            &series(
                &sam,
                local(2026, 1, 6, 10, 0),
                60,
                weekly(vec![], 1, RecurrenceEnd::Count { count: 4 }),
            ),
            now(),
        )
        .expect("create");
    let id = ok.series[0].id.clone();
    let before = row_counts(&dir);

    let start = local(2026, 2, 3, 10, 0);
    type Case = (&'static str, SeriesInput, fn(&Error) -> bool);
    let mut cases: Vec<Case> = Vec::new();
    let invalid = |e: &Error| matches!(e, Error::InvalidInput(_));
    let not_found = |e: &Error| matches!(e, Error::NotFound(_));
    let mut s = series(&sam, start, 60, None);
    s.end = start - Duration::minutes(30);
    cases.push(("ends before it starts", s, invalid));
    cases.push(("no length", series(&sam, start, 0, None), invalid));
    cases.push((
        "at most 12 hours",
        series(&sam, start, 13 * 60, None),
        invalid,
    ));
    cases.push((
        "at least 1",
        series(&sam, start, 60, weekly(vec![], 0, RecurrenceEnd::Never)),
        invalid,
    ));
    cases.push((
        "end date is before",
        series(
            &sam,
            start,
            60,
            weekly(
                vec![],
                1,
                RecurrenceEnd::Until {
                    date: NaiveDate::from_ymd_opt(2026, 1, 1).expect("d"),
                },
            ),
        ),
        invalid,
    ));
    cases.push((
        "number of sessions is 0",
        series(
            &sam,
            start,
            60,
            weekly(vec![], 1, RecurrenceEnd::Count { count: 0 }),
        ),
        invalid,
    ));
    cases.push((
        "gives no sessions",
        series(
            &sam,
            local(2026, 2, 1, 10, 0),
            60,
            Some(Recurrence {
                pattern: Pattern::MonthlyByDate { day: 30 },
                interval: 12,
                end: RecurrenceEnd::Never,
            }),
        ),
        invalid,
    ));
    cases.push((
        "no date between the start and the end date",
        series(
            &sam,
            local(2026, 2, 1, 10, 0),
            60,
            Some(Recurrence {
                pattern: Pattern::MonthlyByDate { day: 31 },
                interval: 1,
                end: RecurrenceEnd::Until {
                    date: NaiveDate::from_ymd_opt(2026, 3, 1).expect("d"),
                },
            }),
        ),
        invalid,
    ));
    cases.push((
        "at most 1000",
        series(
            &sam,
            start,
            60,
            weekly(vec![], 1, RecurrenceEnd::Count { count: 1_000_000 }),
        ),
        invalid,
    ));
    cases.push((
        "1st, 2nd",
        series(
            &sam,
            start,
            60,
            Some(Recurrence {
                pattern: Pattern::MonthlyByWeekday {
                    week: 6,
                    weekday: Weekday::Monday,
                },
                interval: 1,
                end: RecurrenceEnd::Never,
            }),
        ),
        invalid,
    ));
    let mut s = series(&sam, start, 60, None);
    s.time_zone = "Mars/Olympus_Mons".into();
    cases.push(("time zone", s, invalid));
    let mut s = series(&sam, start, 60, None);
    s.person_id = "00000000-0000-4000-8000-000000000000".into();
    cases.push(("That person was not found", s, not_found));
    let mut s = series(&sam, start, 60, None);
    s.person_id = "not-a-uuid".into();
    cases.push(("id is not valid", s, invalid));
    cases.push(("archived", series(&gone, start, 60, None), invalid));
    cases.push((
        "not an organisation",
        series(&org, start, 60, None),
        invalid,
    ));
    let mut s = series(&sam, start, 60, None);
    s.kind = SessionKind::Group;
    cases.push(("group session is with a group", s, invalid));
    let mut s = series(&sam, start, 60, None);
    s.reminder = ReminderSetting::Before { minutes: 100_000 };
    cases.push(("at most a week", s, invalid));
    let mut s = series(&sam, start, 60, None);
    s.location = "x".repeat(500);
    cases.push(("too long", s, invalid));
    for (expected, input, kind) in &cases {
        let err = Schedule::of(&mut v)
            .create(input, now())
            .expect_err(expected);
        assert!(kind(&err), "{expected}: {err:?}");
        assert!(err.to_string().contains(expected), "{expected}: {err}");
        assert!(
            !err.to_string().contains("Mars") && !err.to_string().contains("xxxx"),
            "never echoes input"
        );
        assert_eq!(row_counts(&dir), before, "{expected}");
    }

    // Exceptions on something that is not there.
    let t = SessionTime {
        start: local(2026, 3, 1, 10, 0),
        end: local(2026, 3, 1, 11, 0),
    };
    assert!(matches!(
        Schedule::of(&mut v).move_occurrence(&key(&id, local(2026, 1, 7, 10, 0)), &t, now()),
        Err(Error::NotFound(_))
    ));
    assert!(
        matches!(
            Schedule::of(&mut v).move_occurrence(&key(&id, local(2026, 3, 3, 10, 0)), &t, now()),
            Err(Error::NotFound(_))
        ),
        "after the last session"
    );
    assert!(matches!(
        Schedule::of(&mut v).move_occurrence(
            &key(
                "00000000-0000-4000-8000-000000000000",
                local(2026, 1, 6, 10, 0)
            ),
            &t,
            now()
        ),
        Err(Error::NotFound(_))
    ));
    assert!(matches!(
        Schedule::of(&mut v).move_occurrence(&key("nope", local(2026, 1, 6, 10, 0)), &t, now()),
        Err(Error::InvalidInput(_))
    ));
    let bad = SessionTime {
        start: local(2026, 3, 1, 10, 0),
        end: local(2026, 3, 1, 9, 0),
    };
    assert!(matches!(
        Schedule::of(&mut v).move_occurrence(&key(&id, local(2026, 1, 6, 10, 0)), &bad, now()),
        Err(Error::InvalidInput(_))
    ));
    assert!(
        matches!(
            Schedule::of(&mut v).set_status(
                &key(&id, local(2026, 1, 27, 10, 0)),
                SessionStatus::Held,
                now()
            ),
            Err(Error::InvalidInput(_))
        ),
        "held before it happened"
    );
    assert!(matches!(
        Schedule::of(&mut v).set_status(
            &key(&id, local(2026, 1, 27, 10, 0)),
            SessionStatus::Cancelled,
            now()
        ),
        Err(Error::InvalidInput(_))
    ));
    let k = key(&id, local(2026, 1, 13, 10, 0));
    Schedule::of(&mut v)
        .cancel(
            &k,
            &CancelInput {
                by: CancelledBy::Other,
                reason: String::new(),
                notice_hours: None,
            },
            now(),
        )
        .expect("cancel");
    let after_cancel = row_counts(&dir);
    assert!(
        matches!(
            Schedule::of(&mut v).move_occurrence(&k, &t, now()),
            Err(Error::InvalidInput(_))
        ),
        "cancelled sessions are restored first"
    );
    assert!(matches!(
        Schedule::of(&mut v).cancel(
            &k,
            &CancelInput {
                by: CancelledBy::Other,
                reason: "\u{7}".into(),
                notice_hours: None
            },
            now()
        ),
        Err(Error::InvalidInput(_))
    ));
    assert_eq!(row_counts(&dir), after_cancel);

    // Query ranges.
    assert!(matches!(
        Schedule::of(&mut v).occurrences(utc(2026, 1, 2, 0, 0), utc(2026, 1, 1, 0, 0), None),
        Err(Error::InvalidInput(_))
    ));
    assert!(matches!(
        Schedule::of(&mut v).occurrences(utc(2026, 1, 1, 0, 0), utc(2028, 1, 1, 0, 0), None),
        Err(Error::InvalidInput(_))
    ));

    // Locked.
    v.lock();
    assert!(matches!(
        Schedule::of(&mut v).create(&series(&sam, start, 60, None), now()),
        Err(Error::Locked)
    ));
    assert!(matches!(
        Schedule::of(&mut v).occurrences(utc(2026, 1, 1, 0, 0), utc(2026, 2, 1, 0, 0), None),
        Err(Error::Locked)
    ));
}

#[test]
fn sealed_bodies_hold_the_details_and_a_moved_ciphertext_fails() {
    let (dir, mut v) = vault();
    let sam = person(&mut v, "Sam", PersonKind::Person);
    let mut input = series(
        &sam,
        local(2026, 1, 6, 10, 0),
        60,
        weekly(vec![], 1, RecurrenceEnd::Never),
    );
    input.location = "Room 2, Mercy Building".into();
    let a = Schedule::of(&mut v).create(&input, now()).expect("a");
    let b = Schedule::of(&mut v)
        .create(&series(&sam, local(2026, 1, 7, 10, 0), 60, None), now())
        .expect("b");
    let conn = Connection::open(dir.path().join(DB_FILE)).expect("db");
    let body: Vec<u8> = conn
        .query_row(
            "SELECT body FROM session_series WHERE id = ?1",
            [&a.series[0].id],
            |r| r.get(0),
        )
        .expect("body");
    assert!(!String::from_utf8_lossy(&body).contains("Mercy"));
    assert!(!String::from_utf8_lossy(&body).contains("Europe/London"));
    // Copy A's sealed body onto B: B now fails its integrity check and is reported.
    conn.execute(
        "UPDATE session_series SET body = ?1 WHERE id = ?2",
        rusqlite::params![body, b.series[0].id],
    )
    .expect("tamper");
    assert!(matches!(
        Schedule::of(&mut v).series_get(&b.series[0].id),
        Err(Error::Integrity(_))
    ));
    let list = Schedule::of(&mut v)
        .occurrences(utc(2026, 1, 1, 0, 0), utc(2026, 2, 1, 0, 0), None)
        .expect("list");
    assert_eq!(list.damaged_series, vec![b.series[0].id.clone()]);
    assert_eq!(list.occurrences.len(), 4, "the rest still shows");
    assert!(!list.notes.is_empty());
    let series = Schedule::of(&mut v).series_list(Some(&sam)).expect("list");
    assert_eq!(series.series.len(), 1);
    assert_eq!(series.damaged.len(), 1);
}
