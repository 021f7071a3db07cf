//! S4: the .ics export, expanded by a real, independent iCalendar parser
//! (Python `icalendar` + `recurring_ical_events`), gives exactly the
//! occurrences the app shows — moves and cancellations applied — and no
//! supervisee name appears in any title at the default privacy level.
//!
//! Needs `python3` with `pip install icalendar recurring-ical-events`; the
//! test fails (it does not skip) when they are missing.

use std::process::Command;

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, SecondsFormat, TimeZone, Utc};
use confidant_core::crypto::KdfParams;
use confidant_core::ics::{
    import_preview, series_uid, Calendar, ExportOptions, ImportOptions, Privacy,
};
use confidant_core::keychain::MemoryKeychain;
use confidant_core::people::People;
use confidant_core::people::{PersonInput, PersonKind, Relation};
use confidant_core::schedule::{
    CancelInput, CancelledBy, OccurrenceKey, Pattern, Recurrence, RecurrenceEnd, ReminderSetting,
    Schedule, SeriesInput, SessionKind, SessionStatus, SessionTime, Weekday,
};
use confidant_core::vault::{Role, Vault, VaultConfig};

fn utc(y: i32, m: u32, d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, 0, 0, 0)
        .single()
        .expect("valid time")
}

fn local(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d)
        .and_then(|d| d.and_hms_opt(h, min, 0))
        .expect("valid local time")
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 12, 1, 9, 0, 0)
        .single()
        .expect("t")
}

struct Fixture {
    _dir: tempfile::TempDir,
    vault: Vault,
    names: Vec<String>,
}

fn person(v: &mut Vault, name: &str, email: &str, kind: PersonKind) -> String {
    let input = PersonInput {
        kind,
        relation: Relation::ISupervise,
        name: name.into(),
        pronouns: String::new(),
        email: email.into(),
        phone: String::new(),
        organisation_id: None,
        professional_role: "Social worker".into(),
        licence_number: String::new(),
        licence_body: String::new(),
        licensure_plan: String::new(),
        start_date: None,
        end_date: None,
        notes: "Private notes that must never be exported".into(),
        members: Vec::new(),
        facilitator_id: None,
    };
    People::of(v).create(&input, now()).expect("person").id
}

fn input(
    person_id: &str,
    kind: SessionKind,
    zone: &str,
    start: NaiveDateTime,
    minutes: i64,
    recurrence: Option<Recurrence>,
) -> SeriesInput {
    SeriesInput {
        person_id: person_id.into(),
        kind,
        time_zone: zone.into(),
        start,
        end: start + Duration::minutes(minutes),
        recurrence,
        location: "Room 4, Sam Okafor's office".into(),
        reminder: ReminderSetting::Default,
        calendar_code: String::new(),
    }
}

fn rec(pattern: Pattern, interval: u16, end: RecurrenceEnd) -> Option<Recurrence> {
    Some(Recurrence {
        pattern,
        interval,
        end,
    })
}

fn key(id: &str, original: NaiveDateTime) -> OccurrenceKey {
    OccurrenceKey {
        series_id: id.into(),
        original_start: original,
    }
}

fn cancel() -> CancelInput {
    CancelInput {
        by: CancelledBy::Supervisee,
        reason: "Sam Okafor is unwell".into(),
        notice_hours: None,
    }
}

/// A year of realistic schedules with moves and cancellations, in three
/// zones, including times that fall in a clock change.
fn fixture() -> Fixture {
    let dir = tempfile::tempdir().expect("tmp");
    let config = VaultConfig {
        kdf: KdfParams::INSECURE_FOR_TESTS,
    };
    let mut v =
        Vault::open(dir.path(), Box::new(MemoryKeychain::new()), config, now()).expect("open");
    let s = v.begin_setup(&[Role::Supervisor]).expect("begin");
    v.confirm_setup(&s.recovery_code, now()).expect("confirm");
    let people = [
        ("Sam Okafor", "sam@example.org", PersonKind::Person),
        ("Alex Byrne", "alex.byrne@example.org", PersonKind::Person),
        ("Tuesday Reflective Group", "", PersonKind::Group),
        ("Priya Natarajan", "priya@example.com", PersonKind::Person),
        ("Li Wei", "li.wei@example.net", PersonKind::Person),
    ];
    let ids: Vec<String> = people
        .iter()
        .map(|(n, e, k)| person(&mut v, n, e, *k))
        .collect();
    let names: Vec<String> = people
        .iter()
        .flat_map(|(n, e, _)| [n.to_string(), e.to_string()])
        .chain(["Okafor".to_string(), "Natarajan".to_string()])
        .filter(|s| !s.is_empty())
        .collect();
    let (sam, alex, group, priya, li) = (&ids[0], &ids[1], &ids[2], &ids[3], &ids[4]);
    let london = "Europe/London";
    let until = |y, m, d| RecurrenceEnd::Until {
        date: NaiveDate::from_ymd_opt(y, m, d).expect("d"),
    };

    // S3: Sam monthly on the 2nd Tuesday at 10:00; March moved to the
    // Wednesday; June cancelled.
    let a = Schedule::of(&mut v)
        .create(
            &input(
                sam,
                SessionKind::Individual,
                london,
                local(2026, 1, 13, 10, 0),
                60,
                rec(
                    Pattern::MonthlyByWeekday {
                        week: 2,
                        weekday: Weekday::Tuesday,
                    },
                    1,
                    until(2026, 12, 31),
                ),
            ),
            now(),
        )
        .expect("a")
        .series[0]
        .id
        .clone();
    Schedule::of(&mut v)
        .move_occurrence(
            &key(&a, local(2026, 3, 10, 10, 0)),
            &SessionTime {
                start: local(2026, 3, 11, 10, 0),
                end: local(2026, 3, 11, 11, 0),
            },
            now(),
        )
        .expect("move");
    Schedule::of(&mut v)
        .cancel(&key(&a, local(2026, 6, 9, 10, 0)), &cancel(), now())
        .expect("cancel");
    Schedule::of(&mut v)
        .set_status(
            &key(&a, local(2026, 1, 13, 10, 0)),
            SessionStatus::Held,
            Utc.with_ymd_and_hms(2026, 1, 13, 11, 0, 0)
                .single()
                .expect("t"),
        )
        .expect("held");

    // Alex every 2 weeks on Thursday 14:30 for 20 sessions; one cancelled,
    // one moved to a longer Friday slot.
    let b = Schedule::of(&mut v)
        .create(
            &input(
                alex,
                SessionKind::Individual,
                london,
                local(2026, 1, 8, 14, 30),
                60,
                rec(
                    Pattern::Weekly {
                        weekdays: vec![Weekday::Thursday],
                    },
                    2,
                    RecurrenceEnd::Count { count: 20 },
                ),
            ),
            now(),
        )
        .expect("b")
        .series[0]
        .id
        .clone();
    Schedule::of(&mut v)
        .cancel(&key(&b, local(2026, 4, 2, 14, 30)), &cancel(), now())
        .expect("cancel");
    Schedule::of(&mut v)
        .move_occurrence(
            &key(&b, local(2026, 9, 17, 14, 30)),
            &SessionTime {
                start: local(2026, 9, 18, 9, 0),
                end: local(2026, 9, 18, 10, 30),
            },
            now(),
        )
        .expect("move");

    // A weekly group on Mondays and Wednesdays, 90 minutes, no end.
    let mut g = input(
        group,
        SessionKind::Group,
        london,
        local(2026, 1, 5, 9, 0),
        90,
        rec(
            Pattern::Weekly {
                weekdays: vec![Weekday::Monday, Weekday::Wednesday],
            },
            1,
            RecurrenceEnd::Never,
        ),
    );
    g.reminder = ReminderSetting::Before { minutes: 30 };
    let c = Schedule::of(&mut v).create(&g, now()).expect("c").series[0]
        .id
        .clone();
    for d in [(2026, 4, 6), (2026, 12, 28), (2026, 8, 31)] {
        Schedule::of(&mut v)
            .cancel(&key(&c, local(d.0, d.1, d.2, 9, 0)), &cancel(), now())
            .expect("cancel");
    }
    Schedule::of(&mut v)
        .move_occurrence(
            &key(&c, local(2026, 3, 30, 9, 0)),
            &SessionTime {
                start: local(2026, 3, 31, 13, 0),
                end: local(2026, 3, 31, 14, 30),
            },
            now(),
        )
        .expect("move");

    // Priya in New York: monthly on the last Friday at 16:00.
    Schedule::of(&mut v)
        .create(
            &input(
                priya,
                SessionKind::Coaching,
                "America/New_York",
                local(2026, 1, 30, 16, 0),
                50,
                rec(
                    Pattern::MonthlyByWeekday {
                        week: -1,
                        weekday: Weekday::Friday,
                    },
                    1,
                    RecurrenceEnd::Never,
                ),
            ),
            now(),
        )
        .expect("d");
    // Li in Sydney: monthly on the 31st (only months that have one), 12 times.
    Schedule::of(&mut v)
        .create(
            &input(
                li,
                SessionKind::Peer,
                "Australia/Sydney",
                local(2026, 1, 31, 8, 0),
                60,
                rec(
                    Pattern::MonthlyByDate { day: 31 },
                    1,
                    RecurrenceEnd::Count { count: 12 },
                ),
            ),
            now(),
        )
        .expect("e");
    // Li, Sundays at 02:30 Sydney time: ambiguous on 5 April, nonexistent on 4 October.
    let mut night = input(
        li,
        SessionKind::Peer,
        "Australia/Sydney",
        local(2026, 3, 1, 2, 30),
        30,
        rec(
            Pattern::Weekly {
                weekdays: vec![Weekday::Sunday],
            },
            1,
            until(2026, 11, 1),
        ),
    );
    night.reminder = ReminderSetting::Off;
    Schedule::of(&mut v).create(&night, now()).expect("night");
    // Monthly on the last day of the month at 17:00, in London.
    Schedule::of(&mut v)
        .create(
            &input(
                alex,
                SessionKind::Individual,
                london,
                local(2026, 1, 31, 17, 0),
                45,
                rec(Pattern::MonthlyByDate { day: -1 }, 1, RecurrenceEnd::Never),
            ),
            now(),
        )
        .expect("f");
    // Weekly in UTC.
    Schedule::of(&mut v)
        .create(
            &input(
                priya,
                SessionKind::Individual,
                "UTC",
                local(2026, 2, 6, 12, 0),
                60,
                rec(
                    Pattern::Weekly { weekdays: vec![] },
                    1,
                    RecurrenceEnd::Count { count: 10 },
                ),
            ),
            now(),
        )
        .expect("g");
    // One-offs: one moved, one cancelled.
    let h = Schedule::of(&mut v)
        .create(
            &input(
                sam,
                SessionKind::Individual,
                london,
                local(2026, 5, 20, 13, 0),
                60,
                None,
            ),
            now(),
        )
        .expect("h")
        .series[0]
        .id
        .clone();
    Schedule::of(&mut v)
        .move_occurrence(
            &key(&h, local(2026, 5, 20, 13, 0)),
            &SessionTime {
                start: local(2026, 5, 21, 15, 0),
                end: local(2026, 5, 21, 16, 0),
            },
            now(),
        )
        .expect("move");
    let i = Schedule::of(&mut v)
        .create(
            &input(
                alex,
                SessionKind::Individual,
                london,
                local(2026, 7, 1, 11, 0),
                60,
                None,
            ),
            now(),
        )
        .expect("i")
        .series[0]
        .id
        .clone();
    Schedule::of(&mut v)
        .cancel(&key(&i, local(2026, 7, 1, 11, 0)), &cancel(), now())
        .expect("cancel");
    // Edit this-and-following on the group's Wednesday session in September.
    let mut later = input(
        group,
        SessionKind::Group,
        london,
        local(2026, 9, 2, 9, 30),
        60,
        rec(
            Pattern::Weekly {
                weekdays: vec![Weekday::Wednesday],
            },
            1,
            RecurrenceEnd::Never,
        ),
    );
    later.reminder = ReminderSetting::Before { minutes: 30 };
    Schedule::of(&mut v)
        .edit_following(&key(&c, local(2026, 9, 2, 9, 0)), &later, now())
        .expect("split");

    Fixture {
        _dir: dir,
        vault: v,
        names,
    }
}

/// The Python to run: `$CONFIDANT_PYTHON` (scripts/setup.sh makes a venv with
/// the packages under target/tools/py) or `python3`.
fn python() -> String {
    std::env::var("CONFIDANT_PYTHON").unwrap_or_else(|_| "python3".into())
}

fn python_ok() -> String {
    let probe = Command::new(python()).arg("--version").output();
    match probe {
        Ok(o) if o.status.success() => String::from_utf8_lossy(&o.stdout).trim().to_string(),
        Ok(o) => panic!(
            "python3 is installed but does not run: {}",
            String::from_utf8_lossy(&o.stderr)
        ),
        Err(e) => panic!(
            "This test needs python3 with the packages icalendar and recurring-ical-events \
             (pip install icalendar recurring-ical-events). python3 could not be started: {e}"
        ),
    }
}

#[test]
fn a_real_parser_expands_the_export_to_exactly_the_apps_occurrences() {
    if cfg!(windows) {
        eprintln!("skipped on Windows: needs Python with icalendar (CONFIDANT_PYTHON), set up on Linux only");
        return;
    }
    let version = python_ok();
    let mut f = fixture();
    let (from, to) = (utc(2026, 1, 1), utc(2027, 1, 1));
    let list = Schedule::of(&mut f.vault)
        .occurrences(from, to, None)
        .expect("occurrences");
    assert!(list.damaged_series.is_empty());
    let expected: Vec<serde_json::Value> = list
        .occurrences
        .iter()
        .filter(|o| o.status != SessionStatus::Cancelled)
        .map(|o| {
            serde_json::json!({
                "uid": series_uid(&o.key.series_id),
                "start": o.start.to_rfc3339_opts(SecondsFormat::Secs, true),
                "end": o.end.to_rfc3339_opts(SecondsFormat::Secs, true),
            })
        })
        .collect();
    assert!(expected.len() > 150, "a realistic year: {}", expected.len());
    assert!(list.occurrences.iter().any(|o| o.moved));
    assert!(
        list.occurrences.iter().any(|o| o.note.is_some()),
        "clock-change times are in the set"
    );

    let export = Calendar::of(&mut f.vault)
        .export(&ExportOptions::default(), now())
        .expect("export");
    assert!(export.damaged.is_empty());
    let dir = tempfile::tempdir().expect("tmp");
    let ics_path = dir.path().join("confidant.ics");
    let json_path = dir.path().join("expected.json");
    std::fs::write(&ics_path, &export.ics).expect("write ics");
    let spec = serde_json::json!({
        "from": from.to_rfc3339_opts(SecondsFormat::Secs, true),
        "to": to.to_rfc3339_opts(SecondsFormat::Secs, true),
        "occurrences": expected,
        "forbidden": f.names,
    });
    std::fs::write(&json_path, serde_json::to_vec_pretty(&spec).expect("json"))
        .expect("write json");

    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ics_roundtrip.py");
    let out = Command::new(python())
        .arg(&script)
        .arg(&ics_path)
        .arg(&json_path)
        .output()
        .expect("run python3");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    match out.status.code() {
        Some(0) => println!("{version}\n{stdout}"),
        Some(3) => panic!("The Python packages are missing. Run: pip install icalendar recurring-ical-events\n{stderr}"),
        _ => panic!("The iCalendar round trip failed ({version}).\n{stdout}\n{stderr}\n--- export ---\n{}", export.ics),
    }
}

#[test]
fn the_export_is_well_formed_private_and_reads_back() {
    let mut f = fixture();
    let export = Calendar::of(&mut f.vault)
        .export(&ExportOptions::default(), now())
        .expect("export");
    let ics = &export.ics;
    // CRLF everywhere, no physical line over 75 octets.
    assert!(!ics.replace("\r\n", "").contains('\n'));
    assert!(ics.split("\r\n").all(|l| l.len() <= 75));
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
    for tz in ["Europe/London", "America/New_York", "Australia/Sydney"] {
        assert!(
            ics.contains(&format!("BEGIN:VTIMEZONE\r\nTZID:{tz}\r\n")),
            "{tz}"
        );
    }
    assert!(!ics.contains("TZID:UTC"), "UTC times are written with Z");
    assert!(
        ics.contains("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU"),
        "London's rule continues"
    );
    assert!(ics.contains("RRULE:FREQ=MONTHLY;INTERVAL=1;BYDAY=2TU;UNTIL=20261231T235959Z"));
    assert!(ics.contains("RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TH;WKST=MO;COUNT=20"));
    assert!(ics.contains("EXDATE;TZID=Europe/London:20260609T100000"));
    assert!(ics.contains("RECURRENCE-ID;TZID=Europe/London:20260310T100000"));
    assert!(ics.contains("STATUS:CANCELLED"));
    assert!(ics.contains("TRIGGER:-PT15M") && ics.contains("TRIGGER:-PT30M"));
    assert_eq!(
        ics.matches("BEGIN:VEVENT").count(),
        ics.matches("CLASS:PRIVATE").count()
    );
    for secret in f.names.iter().map(String::as_str).chain([
        "unwell",
        "Private notes",
        "Room 4",
        "Social worker",
    ]) {
        assert!(
            !ics.to_lowercase().contains(&secret.to_lowercase()),
            "{secret} leaked"
        );
    }
    assert!(ics.contains("SUMMARY:Supervision\r\n"));
    assert!(ics.contains("SUMMARY:Group supervision\r\n"));

    // The crate's own parser reads it, and our importer finds the same rules.
    icalendar::parser::read_calendar(&icalendar::parser::unfold(ics)).expect("parses");
    let preview = import_preview(
        ics,
        &ImportOptions {
            home_time_zone: "Europe/London".into(),
            default_duration_minutes: 60,
        },
    )
    .expect("preview");
    let series = Schedule::of(&mut f.vault)
        .series_list(None)
        .expect("series")
        .series;
    assert_eq!(
        preview.items.len() + 1,
        series.len(),
        "the cancelled one-off is skipped: {:?}",
        preview.skipped
    );
    assert_eq!(preview.skipped.len(), 1);
    let by_rule: Vec<_> = series
        .iter()
        .filter(|s| s.recurrence.is_some())
        .map(|s| (s.start, s.recurrence.clone()))
        .collect();
    for item in preview.items.iter().filter(|i| i.recurrence.is_some()) {
        assert!(
            by_rule.contains(&(item.start, item.recurrence.clone())),
            "{}",
            item.description
        );
    }
    assert_eq!(
        preview.items.iter().map(|i| i.cancelled).sum::<u32>(),
        4,
        "the split dropped one"
    );
    assert_eq!(preview.items.iter().map(|i| i.moved).sum::<u32>(), 3);
}

#[test]
fn privacy_levels_choose_what_titles_say() {
    let mut f = fixture();
    let sam = People::of(&mut f.vault)
        .list()
        .expect("people")
        .into_iter()
        .find(|p| p.name == "Sam Okafor")
        .expect("sam")
        .id;
    let only_sam = |privacy| ExportOptions {
        person_id: Some(sam.clone()),
        privacy,
        ..ExportOptions::default()
    };
    let initials = Calendar::of(&mut f.vault)
        .export(&only_sam(Privacy::Initials), now())
        .expect("initials")
        .ics;
    assert!(initials.contains("SUMMARY:Supervision (S.O.)"));
    assert!(!initials.contains("Okafor"));
    let full = Calendar::of(&mut f.vault)
        .export(&only_sam(Privacy::FullName), now())
        .expect("full");
    assert_eq!(full.series, 2, "Sam's two series only");
    assert!(full.ics.contains("SUMMARY:Supervision – Sam Okafor"));
    assert!(!full.ics.contains("sam@example.org"), "never emails");
    assert!(!full.ics.contains("Alex"));
    let with_location = Calendar::of(&mut f.vault)
        .export(
            &ExportOptions {
                include_location: true,
                ..only_sam(Privacy::Generic)
            },
            now(),
        )
        .expect("location")
        .ics;
    assert!(with_location.contains("LOCATION:Room 4\\, Sam Okafor's office"));
    assert!(matches!(
        Calendar::of(&mut f.vault).export(
            &ExportOptions {
                person_id: Some("00000000-0000-4000-8000-000000000009".into()),
                ..ExportOptions::default()
            },
            now()
        ),
        Err(confidant_core::Error::NotFound(_))
    ));
}
