//! Property tests: repeat rules keep the wall-clock time across daylight-
//! saving changes in several zones, and exceptions apply exactly once.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use confidant_core::crypto::KdfParams;
use confidant_core::keychain::MemoryKeychain;
use confidant_core::people::People;
use confidant_core::people::{PersonInput, PersonKind, Relation};
use confidant_core::schedule::{
    preview_series, CancelInput, CancelledBy, OccurrenceKey, Pattern, Recurrence, RecurrenceEnd,
    ReminderSetting, Schedule, SeriesInput, SessionKind, SessionStatus, SessionTime, Weekday,
};
use confidant_core::vault::{Role, Vault, VaultConfig};
use proptest::prelude::*;

const ZONES: [&str; 3] = ["Europe/London", "America/New_York", "Australia/Sydney"];
const WEEKDAYS: [Weekday; 7] = [
    Weekday::Monday,
    Weekday::Tuesday,
    Weekday::Wednesday,
    Weekday::Thursday,
    Weekday::Friday,
    Weekday::Saturday,
    Weekday::Sunday,
];

fn pattern() -> impl Strategy<Value = Pattern> {
    prop_oneof![
        proptest::sample::subsequence(WEEKDAYS.to_vec(), 0..=3)
            .prop_map(|weekdays| Pattern::Weekly { weekdays }),
        prop_oneof![1i8..=31, Just(-1i8)].prop_map(|day| Pattern::MonthlyByDate { day }),
        (
            prop_oneof![1i8..=4, Just(-1i8)],
            proptest::sample::select(WEEKDAYS.to_vec())
        )
            .prop_map(|(week, weekday)| Pattern::MonthlyByWeekday { week, weekday }),
    ]
}

fn input(zone: &str, start: NaiveDateTime, minutes: i64, recurrence: Recurrence) -> SeriesInput {
    SeriesInput {
        person_id: "00000000-0000-4000-8000-000000000001".into(),
        kind: SessionKind::Individual,
        time_zone: zone.into(),
        start,
        end: start + Duration::minutes(minutes),
        recurrence: Some(recurrence),
        location: String::new(),
        reminder: ReminderSetting::Default,
        calendar_code: String::new(),
    }
}

/// Does `date` fit `pattern`?
fn fits(pattern: &Pattern, date: NaiveDate) -> bool {
    match pattern {
        Pattern::Weekly { weekdays } => weekdays.iter().any(|w| w.to_chrono() == date.weekday()),
        Pattern::MonthlyByDate { day: -1 } => (date + Duration::days(1)).month() != date.month(),
        Pattern::MonthlyByDate { day } => date.day() == *day as u32,
        Pattern::MonthlyByWeekday { week, weekday } => {
            date.weekday() == weekday.to_chrono()
                && if *week == -1 {
                    (date + Duration::days(7)).month() != date.month()
                } else {
                    (date.day() - 1) / 7 + 1 == *week as u32
                }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::with_cases(300) })]

    /// At a daytime hour (no zone here changes its clocks then), every
    /// occurrence is at exactly the chosen wall-clock time, on a date the
    /// rule allows, with no note — across a year and more of DST changes.
    #[test]
    fn daytime_sessions_keep_their_wall_clock_time(
        zone in proptest::sample::select(ZONES.to_vec()),
        days in 0i64..1460,
        hour in 7u32..=21,
        quarter in 0u32..4,
        mut pattern in pattern(),
        interval in 1u16..=3,
        count in 1u32..=40,
    ) {
        let date = NaiveDate::from_ymd_opt(2025, 1, 1).expect("d") + Duration::days(days);
        if let Pattern::Weekly { weekdays } = &mut pattern {
            if weekdays.is_empty() {
                // Empty means the first session's weekday.
                weekdays.push(Weekday::from_chrono(date.weekday()));
            }
        }
        let time = NaiveTime::from_hms_opt(hour, quarter * 15, 0).expect("t");
        let rec = Recurrence { pattern: pattern.clone(), interval, end: RecurrenceEnd::Count { count } };
        let tz: Tz = zone.parse().expect("zone");
        let from = tz.from_local_datetime(&date.and_time(time)).earliest().expect("valid").with_timezone(&Utc) - Duration::days(1);
        let preview = match preview_series(&input(zone, date.and_time(time), 50, rec), from, from + Duration::days(400)) {
            Ok(p) => p,
            // A monthly rule on, say, the 31st with an interval that never meets such a month.
            Err(e) => { prop_assert!(e.to_string().contains("gives no sessions"), "{e}"); return Ok(()); }
        };
        prop_assert!(preview.first_local_start.date() >= date);
        prop_assert!(!preview.occurrences.is_empty());
        let mut previous: Option<DateTime<Utc>> = None;
        for o in &preview.occurrences {
            let local = o.start.with_timezone(&tz).naive_local();
            prop_assert_eq!(local.time(), time, "{} in {}", o.start, zone);
            prop_assert_eq!(o.local_start, local);
            prop_assert!(o.note.is_none());
            prop_assert!(fits(&pattern, local.date()), "{} does not fit {:?}", local.date(), pattern);
            prop_assert_eq!(o.end - o.start, Duration::minutes(50));
            if let (Some(p), Pattern::Weekly { weekdays }) = (previous, &pattern) {
                if weekdays.len() <= 1 {
                    // Exactly N weeks apart on the wall clock; ±1 h in UTC across a change.
                    let gap = o.start - p;
                    let weeks = Duration::weeks(i64::from(interval));
                    prop_assert!((gap - weeks).num_minutes().abs() <= 60, "gap {gap}");
                }
            }
            previous = Some(o.start);
        }
        prop_assert!(preview.occurrences.len() <= count as usize);
    }

    /// At any hour, including the ones that fall in a clock change, each
    /// occurrence is either at the chosen time, or in a gap moved forward by
    /// the gap (with a note), or in an overlap at the earlier instant (with a
    /// note).
    #[test]
    fn any_hour_is_resolved_by_the_documented_rule(
        zone in proptest::sample::select(ZONES.to_vec()),
        days in 0i64..1100,
        hour in 0u32..=3,
        minute in proptest::sample::select(vec![0u32, 15, 30, 45]),
        weekday in proptest::sample::select(vec![Weekday::Sunday, Weekday::Saturday]),
    ) {
        let date = NaiveDate::from_ymd_opt(2025, 1, 1).expect("d") + Duration::days(days);
        let time = NaiveTime::from_hms_opt(hour, minute, 0).expect("t");
        let rec = Recurrence { pattern: Pattern::Weekly { weekdays: vec![weekday] }, interval: 1, end: RecurrenceEnd::Count { count: 52 } };
        let tz: Tz = zone.parse().expect("zone");
        let from = date.and_hms_opt(0, 0, 0).expect("t").and_utc() - Duration::days(2);
        let preview = preview_series(&input(zone, date.and_time(time), 30, rec), from, from + Duration::days(400)).expect("preview");
        prop_assert_eq!(preview.occurrences.len(), 52);
        for o in &preview.occurrences {
            let nominal = o.start.with_timezone(&tz).naive_local().date().and_time(time);
            match tz.from_local_datetime(&nominal) {
                chrono::LocalResult::Single(dt) => {
                    prop_assert_eq!(o.start, dt.with_timezone(&Utc));
                    prop_assert!(o.note.is_none());
                }
                chrono::LocalResult::Ambiguous(a, b) => {
                    prop_assert_eq!(o.start, a.with_timezone(&Utc).min(b.with_timezone(&Utc)));
                    prop_assert!(o.note.as_deref().is_some_and(|n| n.contains("happens twice")));
                }
                chrono::LocalResult::None => {
                    // Read with the offset before the gap.
                    let before = tz.offset_from_utc_datetime(&(nominal - Duration::days(1))).fix_seconds();
                    prop_assert_eq!(o.start, (nominal - Duration::seconds(before)).and_utc());
                    prop_assert!(o.local_start > nominal);
                    prop_assert!(o.note.as_deref().is_some_and(|n| n.contains("does not exist")));
                }
            }
        }
    }
}

trait FixSeconds {
    fn fix_seconds(&self) -> i64;
}

impl<O: chrono::Offset> FixSeconds for O {
    fn fix_seconds(&self) -> i64 {
        i64::from(self.fix().local_minus_utc())
    }
}

// ----- exceptions apply exactly once, through the vault -----------------------

#[derive(Debug, Clone)]
enum Op {
    Move {
        index: usize,
        hours: i64,
        minutes: i64,
    },
    Cancel {
        index: usize,
    },
    Held {
        index: usize,
    },
    Restore {
        index: usize,
    },
    Reset {
        index: usize,
    },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (
            0usize..20,
            -72i64..72,
            prop_oneof![Just(30i64), Just(60), Just(90)]
        )
            .prop_map(|(index, hours, minutes)| Op::Move {
                index,
                hours,
                minutes
            }),
        (0usize..20).prop_map(|index| Op::Cancel { index }),
        (0usize..20).prop_map(|index| Op::Held { index }),
        (0usize..20).prop_map(|index| Op::Restore { index }),
        (0usize..20).prop_map(|index| Op::Reset { index }),
    ]
}

#[derive(Debug, Clone, PartialEq)]
struct Expected {
    local_start: NaiveDateTime,
    minutes: i64,
    status: SessionStatus,
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 1, 9, 0, 0)
        .single()
        .expect("t")
}

proptest! {
    #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::with_cases(24) })]

    #[test]
    fn exceptions_apply_exactly_once(ops in proptest::collection::vec(op(), 1..25), zone in proptest::sample::select(ZONES.to_vec())) {
        let dir = tempfile::tempdir().expect("tmp");
        let config = VaultConfig { kdf: KdfParams::INSECURE_FOR_TESTS };
        let mut v = Vault::open(dir.path(), Box::new(MemoryKeychain::new()), config, now()).expect("open");
        let s = v.begin_setup(&[Role::Supervisor]).expect("begin");
        v.confirm_setup(&s.recovery_code, now()).expect("confirm");
        let person = People::of(&mut v).create(&PersonInput {
            kind: PersonKind::Person, relation: Relation::ISupervise, name: "Sam".into(), pronouns: String::new(),
            email: String::new(), phone: String::new(), organisation_id: None, professional_role: String::new(),
            licence_number: String::new(), licence_body: String::new(), licensure_plan: String::new(),
            start_date: None, end_date: None, notes: String::new(), members: Vec::new(), facilitator_id: None,
        }, now()).expect("person").id;
        // Weekly on Wednesdays at 10:00 for 20 weeks, across a DST change in every zone.
        let first = NaiveDate::from_ymd_opt(2026, 2, 4).expect("d").and_hms_opt(10, 0, 0).expect("t");
        let mut series_input = input(zone, first, 60, Recurrence {
            pattern: Pattern::Weekly { weekdays: vec![] }, interval: 1, end: RecurrenceEnd::Count { count: 20 },
        });
        series_input.person_id = person;
        let created = Schedule::of(&mut v).create(&series_input, now()).expect("create");
        let id = created.series[0].id.clone();
        let originals: Vec<NaiveDateTime> = (0..20).map(|i| first + Duration::weeks(i)).collect();
        let mut model: BTreeMap<NaiveDateTime, Expected> = originals
            .iter()
            .map(|o| (*o, Expected { local_start: *o, minutes: 60, status: SessionStatus::Planned }))
            .collect();
        let later = Utc.with_ymd_and_hms(2027, 1, 1, 0, 0, 0).single().expect("t");
        for op in &ops {
            let index = match op {
                Op::Move { index, .. } | Op::Cancel { index } | Op::Held { index } | Op::Restore { index } | Op::Reset { index } => *index,
            };
            let original = originals[index];
            let key = OccurrenceKey { series_id: id.clone(), original_start: original };
            let e = model.get_mut(&original).expect("model");
            match op {
                Op::Move { hours, minutes, .. } => {
                    let start = original + Duration::hours(*hours);
                    let result = Schedule::of(&mut v).move_occurrence(&key, &SessionTime { start, end: start + Duration::minutes(*minutes) }, now());
                    if e.status == SessionStatus::Cancelled {
                        prop_assert!(result.is_err());
                    } else {
                        result.expect("move");
                        e.local_start = start;
                        e.minutes = *minutes;
                    }
                }
                Op::Cancel { .. } => {
                    Schedule::of(&mut v).cancel(&key, &CancelInput { by: CancelledBy::Supervisor, reason: String::new(), notice_hours: None }, now()).expect("cancel");
                    e.status = SessionStatus::Cancelled;
                }
                Op::Held { .. } => {
                    Schedule::of(&mut v).set_status(&key, SessionStatus::Held, later).expect("held");
                    e.status = SessionStatus::Held;
                }
                Op::Restore { .. } => {
                    Schedule::of(&mut v).set_status(&key, SessionStatus::Planned, now()).expect("restore");
                    e.status = SessionStatus::Planned;
                }
                Op::Reset { .. } => {
                    Schedule::of(&mut v).reset_occurrence(&key, now()).expect("reset");
                    *e = Expected { local_start: original, minutes: 60, status: SessionStatus::Planned };
                }
            }
        }
        let from = Utc.with_ymd_and_hms(2026, 1, 20, 0, 0, 0).single().expect("t");
        let list = Schedule::of(&mut v).occurrences(from, from + Duration::days(200), None).expect("list");
        prop_assert_eq!(list.occurrences.len(), 20, "every session exactly once");
        let tz: Tz = zone.parse().expect("zone");
        for o in &list.occurrences {
            let e = model.get(&o.key.original_start).expect("known original");
            prop_assert_eq!(o.start.with_timezone(&tz).naive_local(), e.local_start);
            prop_assert_eq!(o.end - o.start, Duration::minutes(e.minutes));
            prop_assert_eq!(o.status, e.status);
            prop_assert_eq!(o.moved, e.local_start != o.key.original_start || e.minutes != 60);
        }
        let mut keys: Vec<_> = list.occurrences.iter().map(|o| o.key.original_start).collect();
        keys.sort();
        keys.dedup();
        prop_assert_eq!(keys, originals);
    }
}
