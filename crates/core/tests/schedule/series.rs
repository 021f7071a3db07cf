//! Series: S3 across the clock change, exceptions, moves, this-and-following, updates, the phased cadence.

use super::*;

#[test]
fn s3_monthly_second_tuesday_across_the_clock_change_move_and_conflict() {
    let (_d, mut v) = vault();
    let sam = person(&mut v, "Sam Okafor", PersonKind::Person);
    let alex = person(&mut v, "Alex Byrne", PersonKind::Person);

    let created = Schedule::of(&mut v)
        .create(
            &series(
                &sam,
                local(2026, 1, 13, 10, 0),
                60,
                monthly_2nd_tuesday(RecurrenceEnd::Until {
                    date: NaiveDate::from_ymd_opt(2026, 12, 31).expect("date"),
                }),
            ),
            now(),
        )
        .expect("create");
    assert!(created.conflicts.is_empty());
    let s = &created.series[0];
    assert_eq!(
        s.description,
        "Monthly on the 2nd Tuesday at 10:00, until Thursday 31 December 2026, starting 13 January 2026 (Europe/London)"
    );

    let occ = year_2026(&mut v, Some(&sam));
    assert_eq!(occ.len(), 12);
    assert!(
        occ.iter()
            .all(|o| o.local_start.time() == local(2026, 1, 1, 10, 0).time()),
        "always 10:00 local"
    );
    // October is still BST (09:00 UTC); November, after the clocks go back on
    // 25 October, is GMT — and still 10:00 on the wall clock.
    let oct = occ
        .iter()
        .find(|o| o.local_start.date() == NaiveDate::from_ymd_opt(2026, 10, 13).expect("d"))
        .expect("oct");
    assert_eq!(oct.start, utc(2026, 10, 13, 9, 0));
    let nov = occ
        .iter()
        .find(|o| o.local_start.date() == NaiveDate::from_ymd_opt(2026, 11, 10).expect("d"))
        .expect("nov");
    assert_eq!(nov.start, utc(2026, 11, 10, 10, 0));
    assert_eq!(nov.local_start, local(2026, 11, 10, 10, 0));
    assert_eq!(nov.local_end, local(2026, 11, 10, 11, 0));

    // Another supervisee booked on Wednesday 11 March.
    let other = Schedule::of(&mut v)
        .create(&series(&alex, local(2026, 3, 11, 10, 30), 60, None), now())
        .expect("alex");
    assert!(other.conflicts.is_empty());

    // Move March's session (Tuesday 10th) to the Wednesday: the conflict is reported.
    let march = key(&s.id, local(2026, 3, 10, 10, 0));
    let moved = Schedule::of(&mut v)
        .move_occurrence(
            &march,
            &SessionTime {
                start: local(2026, 3, 11, 10, 0),
                end: local(2026, 3, 11, 11, 0),
            },
            now(),
        )
        .expect("move");
    assert!(moved.occurrence.moved);
    assert_eq!(moved.occurrence.start, utc(2026, 3, 11, 10, 0));
    assert_eq!(moved.conflicts.len(), 1);
    assert_eq!(moved.conflicts[0].other.series_id, other.series[0].id);
    assert_eq!(moved.conflicts[0].other_person_id, alex);

    // The week view shows both, flagged.
    let week = Schedule::of(&mut v)
        .occurrences(utc(2026, 3, 9, 0, 0), utc(2026, 3, 16, 0, 0), None)
        .expect("week")
        .occurrences;
    assert_eq!(week.len(), 2);
    assert!(week.iter().all(|o| o.conflict));
    assert_eq!(week[0].key, march);
    assert_eq!(
        week[0].conflicts_with,
        vec![key(&other.series[0].id, local(2026, 3, 11, 10, 30))]
    );
    // Tuesday no longer has a session.
    assert!(!week
        .iter()
        .any(|o| o.local_start.date() == NaiveDate::from_ymd_opt(2026, 3, 10).expect("d")));
    // Still 12 sessions in the year, the March one once.
    assert_eq!(year_2026(&mut v, Some(&sam)).len(), 12);
}

#[test]
fn exceptions_apply_exactly_once() {
    let (dir, mut v) = vault();
    let sam = person(&mut v, "Sam", PersonKind::Person);
    let c = Schedule::of(&mut v)
        .create(
            &series(
                &sam,
                local(2026, 1, 6, 10, 0),
                60,
                weekly(vec![], 1, RecurrenceEnd::Count { count: 10 }),
            ),
            now(),
        )
        .expect("create");
    let id = c.series[0].id.clone();
    let k = key(&id, local(2026, 1, 13, 10, 0));
    // Move twice: the second move replaces the first, measured from the original slot.
    Schedule::of(&mut v)
        .move_occurrence(
            &k,
            &SessionTime {
                start: local(2026, 1, 14, 9, 0),
                end: local(2026, 1, 14, 10, 0),
            },
            now(),
        )
        .expect("move 1");
    Schedule::of(&mut v)
        .move_occurrence(
            &k,
            &SessionTime {
                start: local(2026, 1, 15, 9, 0),
                end: local(2026, 1, 15, 10, 30),
            },
            now(),
        )
        .expect("move 2");
    let occ = year_2026(&mut v, None);
    assert_eq!(occ.len(), 10);
    let hits: Vec<_> = occ.iter().filter(|o| o.key == k).collect();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].local_start, local(2026, 1, 15, 9, 0));
    assert_eq!(hits[0].end - hits[0].start, Duration::minutes(90));
    assert_eq!(row_counts(&dir), (1, 1));

    // Cancel it (late: less than 24 h notice), restore it, mark another held.
    let cancelled = Schedule::of(&mut v)
        .cancel(
            &k,
            &CancelInput {
                by: CancelledBy::Supervisee,
                reason: "Unwell".into(),
                notice_hours: None,
            },
            utc(2026, 1, 14, 12, 0),
        )
        .expect("cancel");
    assert_eq!(cancelled.status, SessionStatus::Cancelled);
    let c = cancelled.cancellation.expect("cancellation");
    assert!(c.late);
    assert_eq!(c.by, CancelledBy::Supervisee);
    assert_eq!(c.reason, "Unwell");
    assert_eq!(
        year_2026(&mut v, None).len(),
        10,
        "a cancelled session is still listed"
    );
    let early = Schedule::of(&mut v)
        .cancel(
            &k,
            &CancelInput {
                by: CancelledBy::Supervisor,
                reason: String::new(),
                notice_hours: Some(48),
            },
            utc(2026, 1, 12, 9, 0),
        )
        .expect("cancel early");
    assert!(!early.cancellation.expect("c").late);
    let restored = Schedule::of(&mut v)
        .set_status(&k, SessionStatus::Planned, now())
        .expect("restore");
    assert_eq!(restored.status, SessionStatus::Planned);
    assert!(restored.moved, "restoring keeps the move");
    let first = key(&id, local(2026, 1, 6, 10, 0));
    let held = Schedule::of(&mut v)
        .set_status(&first, SessionStatus::Held, utc(2026, 1, 6, 11, 0))
        .expect("held");
    assert_eq!(held.status, SessionStatus::Held);
    let no_show = Schedule::of(&mut v)
        .set_status(
            &key(&id, local(2026, 1, 20, 10, 0)),
            SessionStatus::NoShow,
            utc(2026, 1, 20, 10, 20),
        )
        .expect("no show");
    assert_eq!(no_show.status, SessionStatus::NoShow);

    // Reset returns it to the original slot and removes the row.
    let reset = Schedule::of(&mut v)
        .reset_occurrence(&k, now())
        .expect("reset");
    assert!(!reset.moved);
    assert_eq!(reset.local_start, local(2026, 1, 13, 10, 0));
    // Moving back to the original slot also removes a move.
    Schedule::of(&mut v)
        .move_occurrence(
            &k,
            &SessionTime {
                start: local(2026, 1, 14, 9, 0),
                end: local(2026, 1, 14, 10, 0),
            },
            now(),
        )
        .expect("move");
    let back = Schedule::of(&mut v)
        .move_occurrence(
            &k,
            &SessionTime {
                start: local(2026, 1, 13, 10, 0),
                end: local(2026, 1, 13, 11, 0),
            },
            now(),
        )
        .expect("move back");
    assert!(!back.occurrence.moved);
    assert_eq!(
        row_counts(&dir),
        (1, 2),
        "only the held and no-show rows remain"
    );
    let statuses: Vec<SessionStatus> = year_2026(&mut v, None).iter().map(|o| o.status).collect();
    assert_eq!(
        statuses
            .iter()
            .filter(|s| **s == SessionStatus::Held)
            .count(),
        1
    );
    assert_eq!(
        statuses
            .iter()
            .filter(|s| **s == SessionStatus::NoShow)
            .count(),
        1
    );
}

#[test]
fn a_session_moved_into_or_out_of_a_range_is_found_there() {
    let (_d, mut v) = vault();
    let sam = person(&mut v, "Sam", PersonKind::Person);
    let c = Schedule::of(&mut v)
        .create(
            &series(
                &sam,
                local(2026, 2, 3, 10, 0),
                60,
                weekly(vec![], 1, RecurrenceEnd::Count { count: 3 }),
            ),
            now(),
        )
        .expect("create");
    let k = key(&c.series[0].id, local(2026, 2, 17, 10, 0));
    // Move the last session two months later, past the series' own end.
    Schedule::of(&mut v)
        .move_occurrence(
            &k,
            &SessionTime {
                start: local(2026, 4, 21, 10, 0),
                end: local(2026, 4, 21, 11, 0),
            },
            now(),
        )
        .expect("move");
    let feb = Schedule::of(&mut v)
        .occurrences(utc(2026, 2, 1, 0, 0), utc(2026, 3, 1, 0, 0), None)
        .expect("feb");
    assert_eq!(feb.occurrences.len(), 2);
    let apr = Schedule::of(&mut v)
        .occurrences(utc(2026, 4, 1, 0, 0), utc(2026, 5, 1, 0, 0), None)
        .expect("apr");
    assert_eq!(apr.occurrences.len(), 1);
    assert_eq!(apr.occurrences[0].key, k);
    assert!(apr.occurrences[0].moved);
}

#[test]
fn edit_this_and_following_splits_the_series() {
    let (dir, mut v) = vault();
    let sam = person(&mut v, "Sam", PersonKind::Person);
    let c = Schedule::of(&mut v)
        .create(
            &series(
                &sam,
                local(2026, 1, 6, 10, 0),
                60,
                weekly(vec![], 1, RecurrenceEnd::Count { count: 10 }),
            ),
            now(),
        )
        .expect("create");
    let id = c.series[0].id.clone();
    // Exceptions after the split point.
    Schedule::of(&mut v)
        .cancel(
            &key(&id, local(2026, 2, 17, 10, 0)),
            &CancelInput {
                by: CancelledBy::Supervisor,
                reason: String::new(),
                notice_hours: None,
            },
            now(),
        )
        .expect("cancel");
    Schedule::of(&mut v)
        .move_occurrence(
            &key(&id, local(2026, 2, 24, 10, 0)),
            &SessionTime {
                start: local(2026, 2, 25, 10, 0),
                end: local(2026, 2, 25, 11, 0),
            },
            now(),
        )
        .expect("move");
    // And one before it, which stays.
    Schedule::of(&mut v)
        .cancel(
            &key(&id, local(2026, 1, 13, 10, 0)),
            &CancelInput {
                by: CancelledBy::Supervisor,
                reason: String::new(),
                notice_hours: None,
            },
            now(),
        )
        .expect("cancel");

    // From the 5th session (3 February) on: 14:00, same count of 10 overall.
    let edit = series(
        &sam,
        local(2026, 2, 3, 14, 0),
        60,
        weekly(vec![], 1, RecurrenceEnd::Count { count: 10 }),
    );
    let split = Schedule::of(&mut v)
        .edit_following(&key(&id, local(2026, 2, 3, 10, 0)), &edit, now())
        .expect("split");
    assert_eq!(split.series.len(), 2);
    assert_eq!(split.series[0].id, id);
    assert_eq!(
        split.series[0].recurrence.as_ref().map(|r| r.end),
        Some(RecurrenceEnd::Until {
            date: NaiveDate::from_ymd_opt(2026, 1, 27).expect("d")
        })
    );
    assert_eq!(
        split.series[1].recurrence.as_ref().map(|r| r.end),
        Some(RecurrenceEnd::Count { count: 6 }),
        "the total stays 10"
    );
    assert_eq!(
        split.dropped_exceptions, 2,
        "10:00 slots are no longer sessions"
    );
    let occ = year_2026(&mut v, None);
    assert_eq!(occ.len(), 10);
    assert_eq!(occ.iter().filter(|o| o.local_start.hour() == 10).count(), 4);
    assert_eq!(occ.iter().filter(|o| o.local_start.hour() == 14).count(), 6);
    assert_eq!(
        occ.iter()
            .filter(|o| o.status == SessionStatus::Cancelled)
            .count(),
        1,
        "the earlier cancellation stays"
    );
    assert_eq!(row_counts(&dir), (2, 1));

    // Splitting again where only the location changes carries exceptions over.
    let new_id = split.series[1].id.clone();
    Schedule::of(&mut v)
        .cancel(
            &key(&new_id, local(2026, 3, 3, 14, 0)),
            &CancelInput {
                by: CancelledBy::Supervisee,
                reason: String::new(),
                notice_hours: None,
            },
            now(),
        )
        .expect("cancel");
    let mut same = series(
        &sam,
        local(2026, 2, 24, 14, 0),
        60,
        weekly(vec![], 1, RecurrenceEnd::Count { count: 6 }),
    );
    same.location = "Video".into();
    let again = Schedule::of(&mut v)
        .edit_following(&key(&new_id, local(2026, 2, 24, 14, 0)), &same, now())
        .expect("split 2");
    assert_eq!(again.dropped_exceptions, 0);
    assert_eq!(again.series[1].location, "Video");
    let occ = year_2026(&mut v, None);
    assert_eq!(occ.len(), 10);
    let mar3: Vec<_> = occ
        .iter()
        .filter(|o| o.local_start == local(2026, 3, 3, 14, 0))
        .collect();
    assert_eq!(mar3.len(), 1);
    assert_eq!(mar3[0].status, SessionStatus::Cancelled);
    assert_eq!(mar3[0].key.series_id, again.series[1].id);

    // The new part must start after the last session that stays.
    let too_early = series(
        &sam,
        local(2026, 2, 9, 9, 0),
        60,
        weekly(vec![], 1, RecurrenceEnd::Never),
    );
    let before = row_counts(&dir);
    assert!(matches!(
        Schedule::of(&mut v).edit_following(
            &key(&again.series[1].id, local(2026, 3, 10, 14, 0)),
            &too_early,
            now()
        ),
        Err(Error::InvalidInput(_))
    ));
    assert_eq!(row_counts(&dir), before);

    // Editing from the first session replaces the series entirely.
    let whole = Schedule::of(&mut v)
        .edit_following(
            &key(&id, local(2026, 1, 6, 10, 0)),
            &series(
                &sam,
                local(2026, 1, 7, 9, 0),
                45,
                weekly(vec![], 1, RecurrenceEnd::Count { count: 2 }),
            ),
            now(),
        )
        .expect("replace");
    assert_eq!(whole.series.len(), 1);
    assert_ne!(whole.series[0].id, id);
    assert!(matches!(
        Schedule::of(&mut v).series_get(&id),
        Err(Error::NotFound(_))
    ));
}

#[test]
fn series_update_keeps_the_id_and_matching_exceptions() {
    let (_d, mut v) = vault();
    let sam = person(&mut v, "Sam", PersonKind::Person);
    let c = Schedule::of(&mut v)
        .create(
            &series(
                &sam,
                local(2026, 1, 6, 10, 0),
                60,
                weekly(vec![], 2, RecurrenceEnd::Count { count: 4 }),
            ),
            now(),
        )
        .expect("create");
    let id = c.series[0].id.clone();
    Schedule::of(&mut v)
        .cancel(
            &key(&id, local(2026, 1, 20, 10, 0)),
            &CancelInput {
                by: CancelledBy::Supervisor,
                reason: String::new(),
                notice_hours: None,
            },
            now(),
        )
        .expect("cancel");
    let longer = series(
        &sam,
        local(2026, 1, 6, 10, 0),
        90,
        weekly(vec![], 2, RecurrenceEnd::Count { count: 4 }),
    );
    let u = Schedule::of(&mut v)
        .series_update(&id, &longer, now())
        .expect("update");
    assert_eq!(u.series[0].id, id);
    assert_eq!(u.series[0].duration_minutes, 90);
    assert_eq!(u.dropped_exceptions, 0);
    let occ = year_2026(&mut v, None);
    assert_eq!(occ.len(), 4);
    assert!(occ.iter().all(|o| o.end - o.start == Duration::minutes(90)));
    assert_eq!(
        occ.iter()
            .filter(|o| o.status == SessionStatus::Cancelled)
            .count(),
        1
    );
    Schedule::of(&mut v).series_delete(&id).expect("delete");
    assert!(year_2026(&mut v, None).is_empty());
    assert!(matches!(
        Schedule::of(&mut v).series_delete(&id),
        Err(Error::NotFound(_))
    ));
}

#[test]
fn phased_cadence_creates_weekly_fortnightly_then_monthly() {
    let (_d, mut v) = vault();
    let sam = person(&mut v, "Sam", PersonKind::Person);
    let first = series(
        &sam,
        local(2026, 1, 13, 10, 0),
        60,
        Some(Recurrence {
            pattern: Pattern::Weekly { weekdays: vec![] },
            interval: 1,
            end: RecurrenceEnd::Until {
                date: NaiveDate::from_ymd_opt(2026, 12, 31).expect("d"),
            },
        }),
    );
    let c = Schedule::of(&mut v)
        .create_phased(&first, &PhasedCadence::EXAMPLE, now())
        .expect("phased");
    assert_eq!(c.series.len(), 3);
    assert!(c.conflicts.is_empty(), "the phases do not overlap");
    let occ = year_2026(&mut v, None);
    let dates: Vec<NaiveDate> = occ.iter().map(|o| o.local_start.date()).collect();
    // 6 weekly sessions from 13 January.
    assert_eq!(dates[5], NaiveDate::from_ymd_opt(2026, 2, 17).expect("d"));
    assert!(dates
        .windows(2)
        .take(5)
        .all(|w| w[1] - w[0] == Duration::weeks(1)));
    // Then fortnightly until 12 July.
    assert_eq!(dates[6], NaiveDate::from_ymd_opt(2026, 3, 3).expect("d"));
    // The last fortnightly session is 7 July; then monthly on the 2nd
    // Tuesday, at least two weeks later (so 11 August, not 14 July).
    let fortnightly: Vec<_> = occ
        .iter()
        .filter(|o| o.key.series_id == c.series[1].id)
        .collect();
    assert_eq!(
        fortnightly.last().expect("last").local_start.date(),
        NaiveDate::from_ymd_opt(2026, 7, 7).expect("d")
    );
    let monthly: Vec<_> = occ
        .iter()
        .filter(|o| o.key.series_id == c.series[2].id)
        .collect();
    assert_eq!(
        monthly[0].local_start.date(),
        NaiveDate::from_ymd_opt(2026, 8, 11).expect("d")
    );
    assert_eq!(monthly.len(), 5);
    assert!(dates.windows(2).all(|w| w[1] - w[0] >= Duration::weeks(1)));
    assert!(occ
        .iter()
        .all(|o| o.local_start.time() == local(2026, 1, 1, 10, 0).time()));
}
