//! Conflicts, reminders, upcoming sessions and local times in a clock change.

use super::*;

#[test]
fn conflicts_are_flagged_across_people_but_not_for_cancelled_or_touching_sessions() {
    let (_d, mut v) = vault();
    let sam = person(&mut v, "Sam", PersonKind::Person);
    let alex = person(&mut v, "Alex", PersonKind::Person);
    let group = person(&mut v, "Tuesday group", PersonKind::Group);
    let a = Schedule::of(&mut v)
        .create(&series(&sam, local(2026, 5, 5, 10, 0), 60, None), now())
        .expect("a");
    // Touching: 11:00-12:00 right after.
    let b = Schedule::of(&mut v)
        .create(&series(&alex, local(2026, 5, 5, 11, 0), 60, None), now())
        .expect("b");
    assert!(b.conflicts.is_empty());
    // Overlapping weekly group on Tuesdays 10:30, for the first year.
    let mut g = series(
        &group,
        local(2026, 4, 28, 10, 30),
        90,
        weekly(vec![Weekday::Tuesday], 1, RecurrenceEnd::Never),
    );
    g.kind = SessionKind::Group;
    let gc = Schedule::of(&mut v).create(&g, now()).expect("group");
    assert_eq!(
        gc.conflicts.len(),
        2,
        "with Sam at 10:00 and Alex at 11:00 on 5 May"
    );
    assert!(gc.conflicts_checked_until <= gc.series[0].first_start + Duration::days(366));
    // Cancelling Sam's session removes its conflict.
    Schedule::of(&mut v)
        .cancel(
            &key(&a.series[0].id, local(2026, 5, 5, 10, 0)),
            &CancelInput {
                by: CancelledBy::Supervisee,
                reason: String::new(),
                notice_hours: None,
            },
            now(),
        )
        .expect("cancel");
    let day = Schedule::of(&mut v)
        .occurrences(utc(2026, 5, 5, 0, 0), utc(2026, 5, 6, 0, 0), None)
        .expect("day")
        .occurrences;
    assert_eq!(day.len(), 3);
    let by_series = |id: &str| day.iter().find(|o| o.key.series_id == id).expect("occ");
    assert!(!by_series(&a.series[0].id).conflict);
    assert!(by_series(&b.series[0].id).conflict);
    assert!(by_series(&gc.series[0].id).conflict);
    assert_eq!(by_series(&gc.series[0].id).conflicts_with.len(), 1);

    // The pure function on its own.
    let mut only = day.clone();
    for o in &mut only {
        o.status = SessionStatus::Planned;
    }
    find_conflicts(&mut only);
    assert!(only.iter().all(|o| o.conflict));
    assert_eq!(
        only.iter()
            .find(|o| o.key.series_id == a.series[0].id)
            .expect("a")
            .conflicts_with
            .len(),
        1
    );
}

#[test]
fn reminders_fire_once_at_the_injected_time() {
    let (_d, mut v) = vault();
    let sam = person(&mut v, "Sam", PersonKind::Person);
    let alex = person(&mut v, "Alex", PersonKind::Person);
    let a = Schedule::of(&mut v)
        .create(
            &series(
                &sam,
                local(2026, 6, 1, 10, 0),
                60,
                weekly(vec![], 1, RecurrenceEnd::Count { count: 3 }),
            ),
            now(),
        )
        .expect("a");
    let mut b_input = series(&alex, local(2026, 6, 1, 14, 0), 60, None);
    b_input.reminder = ReminderSetting::Before { minutes: 60 };
    Schedule::of(&mut v).create(&b_input, now()).expect("b");
    let mut c_input = series(&alex, local(2026, 6, 2, 14, 0), 60, None);
    c_input.reminder = ReminderSetting::Off;
    Schedule::of(&mut v).create(&c_input, now()).expect("c");

    // 10:00 BST is 09:00 UTC; the default reminder is 15 minutes before.
    let r = Schedule::of(&mut v)
        .reminders_due(utc(2026, 6, 1, 8, 40), utc(2026, 6, 1, 8, 44), 15)
        .expect("r");
    assert!(r.is_empty());
    let r = Schedule::of(&mut v)
        .reminders_due(utc(2026, 6, 1, 8, 44), utc(2026, 6, 1, 8, 45), 15)
        .expect("r");
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].fire_at, utc(2026, 6, 1, 8, 45));
    assert_eq!(r[0].minutes_before, 15);
    assert_eq!(r[0].person_id, sam);
    assert_eq!(r[0].local_start, local(2026, 6, 1, 10, 0));
    // The next window does not repeat it.
    assert!(Schedule::of(&mut v)
        .reminders_due(utc(2026, 6, 1, 8, 45), utc(2026, 6, 1, 8, 50), 15)
        .expect("r")
        .is_empty());
    // Alex's series override: 60 minutes before 14:00 BST = 12:00 UTC.
    let r = Schedule::of(&mut v)
        .reminders_due(utc(2026, 6, 1, 11, 0), utc(2026, 6, 1, 12, 0), 15)
        .expect("r");
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].minutes_before, 60);
    // Reminders off: nothing on 2 June at 14:00.
    assert!(Schedule::of(&mut v)
        .reminders_due(utc(2026, 6, 2, 12, 0), utc(2026, 6, 2, 13, 0), 15)
        .expect("r")
        .is_empty());
    // A cancelled session gets none.
    Schedule::of(&mut v)
        .cancel(
            &key(&a.series[0].id, local(2026, 6, 8, 10, 0)),
            &CancelInput {
                by: CancelledBy::Supervisor,
                reason: String::new(),
                notice_hours: None,
            },
            now(),
        )
        .expect("cancel");
    assert!(Schedule::of(&mut v)
        .reminders_due(utc(2026, 6, 8, 8, 0), utc(2026, 6, 8, 9, 0), 15)
        .expect("r")
        .is_empty());
    // A long sleep does not replay a week of reminders.
    let r = Schedule::of(&mut v)
        .reminders_due(utc(2026, 1, 1, 0, 0), utc(2026, 6, 15, 8, 50), 15)
        .expect("r");
    assert_eq!(
        r.len(),
        1,
        "only the one due in the last day: 15 June 10:00"
    );
}

#[test]
fn upcoming_lists_the_next_sessions_in_order() {
    let (_d, mut v) = vault();
    let sam = person(&mut v, "Sam", PersonKind::Person);
    let alex = person(&mut v, "Alex", PersonKind::Person);
    let a = Schedule::of(&mut v)
        .create(
            &series(
                &sam,
                local(2026, 1, 13, 10, 0),
                60,
                monthly_2nd_tuesday(RecurrenceEnd::Never),
            ),
            now(),
        )
        .expect("a");
    Schedule::of(&mut v)
        .create(
            &series(
                &alex,
                local(2026, 1, 20, 9, 0),
                60,
                weekly(vec![], 2, RecurrenceEnd::Never),
            ),
            now(),
        )
        .expect("b");
    Schedule::of(&mut v)
        .cancel(
            &key(&a.series[0].id, local(2026, 2, 10, 10, 0)),
            &CancelInput {
                by: CancelledBy::Supervisor,
                reason: String::new(),
                notice_hours: None,
            },
            now(),
        )
        .expect("cancel");
    let up = Schedule::of(&mut v)
        .upcoming(utc(2026, 1, 13, 10, 30), 5)
        .expect("upcoming");
    let starts: Vec<NaiveDateTime> = up.iter().map(|o| o.local_start).collect();
    assert_eq!(
        starts,
        vec![
            local(2026, 1, 13, 10, 0), // in progress
            local(2026, 1, 20, 9, 0),
            local(2026, 2, 3, 9, 0),
            local(2026, 2, 17, 9, 0), // 10 February is cancelled
            local(2026, 3, 3, 9, 0),
        ]
    );
    assert!(matches!(
        Schedule::of(&mut v).upcoming(now(), 0),
        Err(Error::InvalidInput(_))
    ));
}

#[test]
fn local_times_in_a_clock_change_are_resolved_and_explained() {
    let (_d, mut v) = vault();
    let sam = person(&mut v, "Sam", PersonKind::Person);
    // 01:30 on 29 March 2026 does not exist in London (01:00 GMT -> 02:00 BST).
    let c = Schedule::of(&mut v)
        .create(&series(&sam, local(2026, 3, 29, 1, 30), 30, None), now())
        .expect("gap");
    assert_eq!(
        c.notes,
        vec!["01:30 does not exist on Sunday 29 March 2026 in Europe/London (the clocks go forward); the session is at 02:30.".to_string()]
    );
    assert_eq!(c.series[0].first_start, utc(2026, 3, 29, 1, 30));
    let occ = Schedule::of(&mut v)
        .occurrences(utc(2026, 3, 29, 0, 0), utc(2026, 3, 30, 0, 0), None)
        .expect("day")
        .occurrences;
    assert_eq!(occ[0].local_start, local(2026, 3, 29, 2, 30));
    assert!(occ[0].note.is_some());
    // 01:30 on 25 October 2026 happens twice: the first (BST) is used.
    let c = Schedule::of(&mut v)
        .create(&series(&sam, local(2026, 10, 25, 1, 30), 30, None), now())
        .expect("overlap");
    assert_eq!(c.series[0].first_start, utc(2026, 10, 25, 0, 30));
    assert!(c.notes[0].contains("happens twice"), "{:?}", c.notes);
}

#[test]
fn one_occurrence_is_found_by_its_key_however_far_it_moved() {
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
    let id = c.series[0].id.clone();
    let k = key(&id, local(2026, 2, 17, 10, 0));
    let plain = Schedule::of(&mut v).occurrence(&k).expect("found");
    assert_eq!((plain.key.clone(), plain.moved), (k.clone(), false));
    assert_eq!(plain.local_start, local(2026, 2, 17, 10, 0));

    // Moved most of a year away: still found directly, at its new time.
    Schedule::of(&mut v)
        .move_occurrence(
            &k,
            &SessionTime {
                start: local(2026, 12, 1, 9, 0),
                end: local(2026, 12, 1, 10, 0),
            },
            now(),
        )
        .expect("move");
    let moved = Schedule::of(&mut v).occurrence(&k).expect("found");
    assert!(moved.moved);
    assert_eq!(moved.local_start, local(2026, 12, 1, 9, 0));

    // A time that is not one of the series' slots, and an unknown series.
    for missing in [
        key(&id, local(2026, 2, 17, 10, 30)),
        key(&id, local(2026, 2, 24, 10, 0)),
        key(
            "6f1c2d3e-0000-4000-8000-000000000000",
            local(2026, 2, 3, 10, 0),
        ),
    ] {
        assert!(
            matches!(
                Schedule::of(&mut v).occurrence(&missing),
                Err(Error::NotFound(_))
            ),
            "{missing:?} was found"
        );
    }
}
