//! Scheduling through the vault, as the commands drive it: S3 (monthly on
//! the 2nd Tuesday across the clock change, a move, a conflict), exceptions,
//! edit this-and-following, the phased cadence, reminders, and validation
//! that changes nothing.

#[path = "../common/mod.rs"]
mod common;

mod damage;
mod invalid;
mod series;
mod timing;
mod who;

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
