//! Scheduling benchmark: `cargo bench -p confidant-core --bench schedule`.
//!
//! A program, not a test: it prints a table and always exits 0. It builds a
//! vault on disk with 30 supervisees and 5 groups on realistic rules for a
//! year (monthly on the nth weekday, fortnightly, weekly, weekly groups of
//! 90 minutes, a few in other time zones), each with two moved and one
//! cancelled session, then measures (medians):
//!
//! - `schedule_occurrences` for the year and for one month: decrypting every
//!   series and its exceptions, expanding the rules, placing each session in
//!   its zone and flagging conflicts across everyone (target: < 50 ms for the
//!   year);
//! - the pure expansion alone (`preview_series`, no database or crypto);
//! - `schedule_upcoming(now, 10)`, `schedule_reminders_due` and `ics_export`.
#![allow(clippy::disallowed_methods)] // a test or benchmark may read the clock; the library may not

use std::time::{Duration as StdDuration, Instant};

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc};
use confidant_core::crypto::KdfParams;
use confidant_core::ics::{Calendar, ExportOptions};
use confidant_core::keychain::MemoryKeychain;
use confidant_core::people::{People, PersonInput, PersonKind, Relation};
use confidant_core::schedule::{
    preview_series, CancelInput, CancelledBy, OccurrenceKey, Pattern, Recurrence, RecurrenceEnd,
    ReminderSetting, Schedule, SeriesInput, SessionKind, SessionTime, Weekday,
};
use confidant_core::vault::{Role, Vault, VaultConfig};

const SUPERVISEES: usize = 30;
const GROUPS: usize = 5;
const YEAR_TARGET: StdDuration = StdDuration::from_millis(50);

fn utc(y: i32, m: u32, d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, 0, 0, 0)
        .single()
        .unwrap_or_default()
}

fn local(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d)
        .and_then(|d| d.and_hms_opt(h, min, 0))
        .unwrap_or_default()
}

fn person_input(name: String, kind: PersonKind) -> PersonInput {
    PersonInput {
        kind,
        relation: Relation::ISupervise,
        name,
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
    }
}

const WEEKDAYS: [Weekday; 5] = [
    Weekday::Monday,
    Weekday::Tuesday,
    Weekday::Wednesday,
    Weekday::Thursday,
    Weekday::Friday,
];

/// A realistic rule for supervisee `i` (or group `i` when `group`).
fn rule_for(i: usize, group: bool, person_id: &str) -> SeriesInput {
    let weekday = WEEKDAYS[i % 5];
    let hour = 9 + (i % 8) as u32;
    let zone = match i % 10 {
        7 => "America/New_York",
        9 => "Australia/Sydney",
        _ => "Europe/London",
    };
    let start = local(
        2026,
        1,
        5 + (i % 5) as u32,
        hour,
        if i % 2 == 0 { 0 } else { 30 },
    );
    let (pattern, interval, minutes, kind) = if group {
        (
            Pattern::Weekly {
                weekdays: vec![weekday],
            },
            if i % 2 == 0 { 1 } else { 2 },
            90,
            SessionKind::Group,
        )
    } else {
        match i % 20 {
            0..=11 => (
                Pattern::MonthlyByWeekday {
                    week: (1 + i % 4) as i8,
                    weekday,
                },
                1,
                60,
                SessionKind::Individual,
            ),
            12..=16 => (
                Pattern::Weekly {
                    weekdays: vec![weekday],
                },
                2,
                60,
                SessionKind::Individual,
            ),
            _ => (
                Pattern::Weekly {
                    weekdays: vec![weekday],
                },
                1,
                50,
                SessionKind::Coaching,
            ),
        }
    };
    SeriesInput {
        person_id: person_id.to_string(),
        kind,
        time_zone: zone.into(),
        start,
        end: start + Duration::minutes(minutes),
        recurrence: Some(Recurrence {
            pattern,
            interval,
            end: if i % 3 == 0 {
                RecurrenceEnd::Never
            } else {
                RecurrenceEnd::Until {
                    date: NaiveDate::from_ymd_opt(2026, 12, 31).unwrap_or_default(),
                }
            },
        }),
        location: "Room 1".into(),
        reminder: ReminderSetting::Default,
        calendar_code: String::new(),
    }
}

fn median(mut samples: Vec<StdDuration>) -> StdDuration {
    samples.sort();
    samples[samples.len() / 2]
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> (StdDuration, T) {
    let mut samples = Vec::with_capacity(runs);
    let mut last = None;
    for _ in 0..runs {
        let t = Instant::now();
        last = Some(f());
        samples.push(t.elapsed());
    }
    (median(samples), last.unwrap_or_else(f))
}

fn ms(d: StdDuration) -> String {
    format!("{:8.2} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let now = utc(2025, 12, 1);
    let dir = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => {
            println!("schedule bench: no temp dir ({e})");
            return;
        }
    };
    let config = VaultConfig {
        kdf: KdfParams::INSECURE_FOR_TESTS,
    };
    let setup = (|| -> confidant_core::Result<(Vault, Vec<SeriesInput>)> {
        let mut v = Vault::open(dir.path(), Box::new(MemoryKeychain::new()), config, now)?;
        let s = v.begin_setup(&[Role::Supervisor])?;
        v.confirm_setup(&s.recovery_code, now)?;
        let mut inputs = Vec::new();
        for i in 0..SUPERVISEES {
            let id = People::of(&mut v)
                .create(
                    &person_input(format!("Supervisee {i}"), PersonKind::Person),
                    now,
                )?
                .id;
            inputs.push(rule_for(i, false, &id));
        }
        for i in 0..GROUPS {
            let id = People::of(&mut v)
                .create(&person_input(format!("Group {i}"), PersonKind::Group), now)?
                .id;
            inputs.push(rule_for(i, true, &id));
        }
        for input in &inputs {
            let created = Schedule::of(&mut v).create(input, now)?;
            let s = &created.series[0];
            let list = Schedule::of(&mut v).occurrences(
                utc(2026, 1, 1),
                utc(2026, 7, 1),
                Some(&s.person_id),
            )?;
            let mine: Vec<_> = list
                .occurrences
                .iter()
                .filter(|o| o.key.series_id == s.id)
                .collect();
            for (n, o) in mine.iter().take(3).enumerate() {
                let key: OccurrenceKey = o.key.clone();
                if n < 2 {
                    let start = o.local_start + Duration::days(1) + Duration::hours(1);
                    Schedule::of(&mut v).move_occurrence(
                        &key,
                        &SessionTime {
                            start,
                            end: start + (o.end - o.start),
                        },
                        now,
                    )?;
                } else {
                    let c = CancelInput {
                        by: CancelledBy::Supervisee,
                        reason: "Leave".into(),
                        notice_hours: None,
                    };
                    Schedule::of(&mut v).cancel(&key, &c, now)?;
                }
            }
        }
        Ok((v, inputs))
    })();
    let (mut v, inputs) = match setup {
        Ok(x) => x,
        Err(e) => {
            println!("schedule bench: setup failed: {e}");
            return;
        }
    };

    let (year_from, year_to) = (utc(2026, 1, 1), utc(2027, 1, 1));
    let (month_from, month_to) = (utc(2026, 3, 1), utc(2026, 4, 1));
    let (t_year, year) = time(21, || {
        Schedule::of(&mut v).occurrences(year_from, year_to, None)
    });
    let (t_month, month) = time(51, || {
        Schedule::of(&mut v).occurrences(month_from, month_to, None)
    });
    let (t_pure, pure) = time(21, || {
        inputs
            .iter()
            .map(|i| {
                preview_series(i, year_from, year_to)
                    .map(|p| p.occurrences.len())
                    .unwrap_or(0)
            })
            .sum::<usize>()
    });
    let (t_up, _) = time(21, || Schedule::of(&mut v).upcoming(utc(2026, 6, 15), 10));
    let (t_rem, _) = time(51, || {
        Schedule::of(&mut v).reminders_due(
            utc(2026, 6, 15),
            utc(2026, 6, 15) + Duration::minutes(1),
            15,
        )
    });
    let (t_ics, ics) = time(11, || {
        Calendar::of(&mut v).export(&ExportOptions::default(), now)
    });

    let (year_n, conflicts) = match &year {
        Ok(l) => (
            l.occurrences.len(),
            l.occurrences.iter().filter(|o| o.conflict).count(),
        ),
        Err(e) => {
            println!("schedule bench: the year query failed: {e}");
            return;
        }
    };
    let month_n = month.as_ref().map_or(0, |l| l.occurrences.len());
    let ics_len = ics.as_ref().map_or(0, |e| e.ics.len());

    println!("Confidant scheduling benchmark — {SUPERVISEES} supervisees + {GROUPS} groups, {} series, 2 moves + 1 cancellation each", inputs.len());
    println!("{:<58} {:>11} {:>10}", "operation", "median", "result");
    println!(
        "{:<58} {} {:>10}",
        "schedule_occurrences: a year (all series, conflicts)",
        ms(t_year),
        format!("{year_n} sess")
    );
    println!(
        "{:<58} {} {:>10}",
        "schedule_occurrences: one month",
        ms(t_month),
        format!("{month_n} sess")
    );
    println!(
        "{:<58} {} {:>10}",
        "pure expansion of the 35 rules for a year (no db/crypto)",
        ms(t_pure),
        format!("{pure} sess")
    );
    println!("{:<58} {}", "schedule_upcoming(now, 10)", ms(t_up));
    println!(
        "{:<58} {}",
        "schedule_reminders_due (1-minute window)",
        ms(t_rem)
    );
    println!(
        "{:<58} {} {:>10}",
        "ics_export (everyone, VTIMEZONEs for 3 zones)",
        ms(t_ics),
        format!("{} KB", ics_len / 1024)
    );
    println!("sessions flagged as conflicting in the year: {conflicts}");
    let verdict = if t_year < YEAR_TARGET {
        "within"
    } else {
        "OVER"
    };
    println!(
        "year expansion: {:.2} ms — {verdict} the {} ms target ({:.1}x headroom)",
        t_year.as_secs_f64() * 1000.0,
        YEAR_TARGET.as_millis(),
        YEAR_TARGET.as_secs_f64() / t_year.as_secs_f64().max(1e-9)
    );
}
