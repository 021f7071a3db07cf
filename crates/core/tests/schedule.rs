//! Scheduling through the vault, as the commands drive it: S3 (monthly on
//! the 2nd Tuesday across the clock change, a move, a conflict), exceptions,
//! edit this-and-following, the phased cadence, reminders, and validation
//! that changes nothing.

mod common;

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, TimeZone, Timelike, Utc};
use confidant_core::agreements::{AcknowledgementInput, Agreements, Frequency};
use confidant_core::ics::Calendar;
use confidant_core::party::PartyDetails;
use confidant_core::people::People;
use confidant_core::people::{PersonInput, PersonKind, Relation};
use confidant_core::schedule::{
    find_conflicts, CancelInput, CancelledBy, Occurrence, OccurrenceKey, Pattern, PhasedCadence,
    Recurrence, RecurrenceEnd, ReminderSetting, Schedule, SeriesInput, SessionKind, SessionStatus,
    SessionTime, Weekday,
};
use confidant_core::settings::VaultSettings;
use confidant_core::store::DB_FILE;
use confidant_core::vault::{Role, Vault};
use confidant_core::Error;
use rusqlite::Connection;

fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0)
        .single()
        .expect("valid time")
}

fn local(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d)
        .and_then(|d| d.and_hms_opt(h, min, 0))
        .expect("valid local time")
}

fn now() -> DateTime<Utc> {
    utc(2025, 12, 1, 9, 0)
}

fn vault() -> (tempfile::TempDir, Vault) {
    common::unlocked_vault(Role::Supervisor, now())
}

fn person(v: &mut Vault, name: &str, kind: PersonKind) -> String {
    let input = PersonInput {
        kind,
        relation: if kind == PersonKind::Organisation {
            Relation::None
        } else {
            Relation::ISupervise
        },
        name: name.into(),
        pronouns: String::new(),
        email: String::new(),
        phone: String::new(),
        organisation_id: None,
        professional_role: String::new(),
        licence_number: String::new(),
        licence_body: String::new(),
        licensure_plan: String::new(),
        start_date: None,
        end_date: None,
        notes: String::new(),
        members: Vec::new(),
        facilitator_id: None,
    };
    People::of(v).create(&input, now()).expect("person").id
}

fn series(
    person_id: &str,
    start: NaiveDateTime,
    minutes: i64,
    recurrence: Option<Recurrence>,
) -> SeriesInput {
    SeriesInput {
        person_id: person_id.into(),
        kind: SessionKind::Individual,
        time_zone: "Europe/London".into(),
        start,
        end: start + Duration::minutes(minutes),
        recurrence,
        location: "Room 2".into(),
        reminder: ReminderSetting::Default,
        calendar_code: String::new(),
    }
}

fn monthly_2nd_tuesday(end: RecurrenceEnd) -> Option<Recurrence> {
    Some(Recurrence {
        pattern: Pattern::MonthlyByWeekday {
            week: 2,
            weekday: Weekday::Tuesday,
        },
        interval: 1,
        end,
    })
}

fn weekly(days: Vec<Weekday>, interval: u16, end: RecurrenceEnd) -> Option<Recurrence> {
    Some(Recurrence {
        pattern: Pattern::Weekly { weekdays: days },
        interval,
        end,
    })
}

fn key(series_id: &str, original: NaiveDateTime) -> OccurrenceKey {
    OccurrenceKey {
        series_id: series_id.into(),
        original_start: original,
    }
}

fn row_counts(dir: &tempfile::TempDir) -> (i64, i64) {
    let conn = Connection::open(dir.path().join(DB_FILE)).expect("db");
    let s = conn
        .query_row("SELECT count(*) FROM session_series", [], |r| r.get(0))
        .expect("count");
    let o = conn
        .query_row("SELECT count(*) FROM session_overrides", [], |r| r.get(0))
        .expect("count");
    (s, o)
}

fn year_2026(v: &mut Vault, person: Option<&str>) -> Vec<Occurrence> {
    Schedule::of(v)
        .occurrences(utc(2026, 1, 1, 0, 0), utc(2027, 1, 1, 0, 0), person)
        .expect("occurrences")
        .occurrences
}

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

fn tamper(dir: &tempfile::TempDir, sql: &str, args: &[&dyn rusqlite::ToSql]) {
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

// ----- who can be scheduled, and the agreement's defaults ---------------------

#[test]
fn who_can_be_scheduled_is_decided_from_the_sealed_record() {
    let (dir, mut v) = vault();
    let sam = person(&mut v, "Sam", PersonKind::Person);
    let group = person(&mut v, "Tuesday group", PersonKind::Group);
    let org = person(&mut v, "Acme Care", PersonKind::Organisation);
    let contact = People::of(&mut v)
        .create(
            &common::person_input(PersonKind::Person, Relation::None, "A contact"),
            now(),
        )
        .expect("contact")
        .id;
    let gone = person(&mut v, "Gone", PersonKind::Person);
    People::of(&mut v)
        .set_archived(&gone, true, now())
        .expect("archive");
    let people = Schedule::of(&mut v).people().expect("people");
    let ids: Vec<&str> = people.iter().map(|p| p.person_id.as_str()).collect();
    assert_eq!(
        ids,
        vec![sam.as_str(), group.as_str()],
        "by name; no org, contact or archived"
    );
    assert_eq!(
        people[0].session_kinds,
        vec![
            SessionKind::Individual,
            SessionKind::Peer,
            SessionKind::Coaching
        ]
    );
    assert_eq!(
        people[1].session_kinds,
        vec![SessionKind::Group, SessionKind::Peer]
    );
    // The core refuses what the list leaves out.
    let at = local(2026, 2, 3, 10, 0);
    let err = Schedule::of(&mut v)
        .create(&series(&contact, at, 60, None), now())
        .expect_err("contact");
    assert!(err.to_string().contains("contact"), "{err}");
    assert!(Schedule::of(&mut v)
        .create(&series(&org, at, 60, None), now())
        .is_err());
    let mut peer = series(&group, at, 60, None);
    peer.kind = SessionKind::Peer;
    Schedule::of(&mut v)
        .create(&peer, now())
        .expect("peer group");
    // The plaintext kind of a person's row is not what decides: flipping it
    // on disk makes the record damaged, and a damaged record is refused.
    tamper(
        &dir,
        "UPDATE people SET kind = 'group' WHERE id = ?1",
        &[&sam],
    );
    let mut as_group = series(&sam, at, 60, None);
    as_group.kind = SessionKind::Group;
    assert!(matches!(
        Schedule::of(&mut v).create(&as_group, now()),
        Err(Error::Integrity(_))
    ));
    assert!(Schedule::of(&mut v)
        .people()
        .expect("people")
        .iter()
        .all(|p| p.person_id != sam));
}

#[test]
fn defaults_come_from_the_acknowledged_agreement() {
    let (_d, mut v) = vault();
    let sam = person(&mut v, "Sam Okafor", PersonKind::Person);
    let first = NaiveDate::from_ymd_opt(2026, 1, 29).expect("d"); // 5th Thursday
    let none = Schedule::of(&mut v).defaults(&sam, first).expect("none");
    assert_eq!(none.duration_minutes, 60);
    assert_eq!(none.recurrence, None);
    assert_eq!(none.agreement_version, None);
    assert_eq!(none.notice_hours, 24);

    VaultSettings::of(&mut v)
        .set_profile(
            &PartyDetails {
                name: "Dana Whitfield".into(),
                professional_role: String::new(),
                organisation: String::new(),
                licence_number: String::new(),
                licence_body: String::new(),
            },
            now(),
        )
        .expect("profile");
    let draft = Agreements::of(&mut v).start(&sam, now()).expect("draft");
    let mut content = draft.content.clone();
    content.frequency = Frequency::Monthly;
    content.session_minutes = 90;
    content.cancellation_notice_hours = 48;
    let draft = Agreements::of(&mut v)
        .update(&draft.id, &content, now())
        .expect("update");
    // A draft is not in force.
    assert_eq!(
        Schedule::of(&mut v)
            .defaults(&sam, first)
            .expect("draft")
            .agreement_version,
        None
    );
    for p in &draft.content.parties {
        Agreements::of(&mut v)
            .acknowledge(
                &draft.id,
                &AcknowledgementInput {
                    party_id: p.party_id.clone(),
                    typed_name: p.name.clone(),
                    date: NaiveDate::from_ymd_opt(2025, 12, 1).expect("d"),
                },
                now(),
            )
            .expect("acknowledge");
    }
    let d = Schedule::of(&mut v)
        .defaults(&sam, first)
        .expect("defaults");
    assert_eq!(d.duration_minutes, 90);
    assert_eq!(d.notice_hours, 48);
    assert_eq!(d.agreement_version, Some(1));
    assert_eq!(
        d.recurrence,
        Some(Recurrence {
            pattern: Pattern::MonthlyByWeekday {
                week: -1,
                weekday: Weekday::Thursday
            },
            interval: 1,
            end: RecurrenceEnd::Never
        }),
        "a 5th Thursday becomes the last, so no month is skipped"
    );
    assert!(d.note.expect("note").contains("version 1"));
    assert!(matches!(
        Schedule::of(&mut v).defaults("nope", first),
        Err(Error::InvalidInput(_))
    ));
}
