//! Importing .ics files: hand-written fixtures in the style of Outlook
//! (Windows zone names, VTIMEZONE blocks, BYSETPOS) and Google Calendar
//! (TZID=Europe/London, BYDAY=2TU, RECURRENCE-ID changes), unsupported and
//! hostile input, and an all-or-nothing commit.

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc};
use confidant_core::crypto::KdfParams;
use confidant_core::ics::{
    import_preview, plan_import, Calendar, ImportCommit, ImportOptions, ImportPlan, ImportPreview,
    ImportResult, MAX_FILE_OBSERVANCES, MAX_ICS_BYTES, MAX_ICS_EVENTS, MAX_IMPORT_RULE_STEPS,
    MAX_OBSERVANCES,
};
use confidant_core::keychain::MemoryKeychain;
use confidant_core::people::People;
use confidant_core::people::{PersonInput, PersonKind, Relation};
use confidant_core::schedule::{
    Pattern, Recurrence, RecurrenceEnd, ReminderSetting, Schedule, SessionKind, SessionStatus,
    Weekday, MAX_COUNT, MAX_EXPANSION_STEPS, MAX_OCCURRENCES_PER_SERIES,
};
use confidant_core::store::DB_FILE;
use confidant_core::vault::{Role, Vault, VaultConfig};
use confidant_core::Error;
use rusqlite::Connection;

fn fixture(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/ics")
        .join(name);
    std::fs::read_to_string(&path).expect("fixture")
}

fn london() -> ImportOptions {
    ImportOptions {
        home_time_zone: "Europe/London".into(),
        default_duration_minutes: 60,
    }
}

fn local(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d)
        .and_then(|d| d.and_hms_opt(h, min, 0))
        .expect("valid local time")
}

fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0)
        .single()
        .expect("valid time")
}

fn now() -> DateTime<Utc> {
    utc(2025, 12, 1, 9, 0)
}

/// Plans `text` for `commit` (before the vault is involved, as the app
/// does) and commits the plan.
fn import(v: &mut Vault, text: &str, commit: &ImportCommit) -> Result<ImportResult, Error> {
    let plan = plan_import(text, &commit.options)?;
    Calendar::of(v).import_commit(&plan, commit, now())
}

/// Plans `text` and checks the work it took stayed within the caps (counted,
/// not timed).
fn planned(text: &str) -> ImportPlan {
    let plan = plan_import(text, &london()).expect("plan");
    let stats = plan.stats();
    assert!(
        stats.rule_steps <= MAX_IMPORT_RULE_STEPS + MAX_EXPANSION_STEPS as u64,
        "{stats:?}"
    );
    assert!(
        stats.observances <= MAX_FILE_OBSERVANCES as u64,
        "{stats:?}"
    );
    plan
}

fn item<'a>(p: &'a ImportPreview, summary: &str) -> &'a confidant_core::ics::ImportItem {
    p.items
        .iter()
        .find(|i| i.summary == summary)
        .unwrap_or_else(|| panic!("no item {summary}: {:?} / {:?}", p.items, p.skipped))
}

fn skipped_reason<'a>(p: &'a ImportPreview, summary: &str) -> &'a str {
    p.skipped
        .iter()
        .find(|s| s.summary == summary)
        .map(|s| s.reason.as_str())
        .unwrap_or_else(|| {
            panic!(
                "{summary} was not skipped: {:?}",
                p.items.iter().map(|i| &i.summary).collect::<Vec<_>>()
            )
        })
}

#[test]
fn outlook_export_with_windows_zones_and_vtimezones() {
    let p = import_preview(&fixture("outlook.ics"), &london()).expect("preview");
    assert_eq!(p.items.len(), 4, "{:?}", p.skipped);

    let monthly = item(&p, "Supervision - S.O.");
    assert_eq!(monthly.time_zone, "Europe/London");
    assert_eq!(monthly.start, local(2026, 1, 13, 10, 0));
    assert_eq!(monthly.end, local(2026, 1, 13, 11, 0));
    assert_eq!(
        monthly.recurrence,
        Some(Recurrence {
            pattern: Pattern::MonthlyByWeekday {
                week: 2,
                weekday: Weekday::Tuesday
            },
            interval: 1,
            end: RecurrenceEnd::Count { count: 12 },
        })
    );
    assert_eq!((monthly.cancelled, monthly.moved), (1, 1));
    assert!(monthly.notes.is_empty(), "{:?}", monthly.notes);

    let video = item(&p, "Consultation (video)");
    assert_eq!(video.time_zone, "America/New_York");
    assert_eq!(video.first_start, utc(2026, 1, 8, 14, 0));
    assert_eq!(
        video.recurrence,
        Some(Recurrence {
            pattern: Pattern::Weekly {
                weekdays: vec![Weekday::Thursday]
            },
            interval: 2,
            end: RecurrenceEnd::Until {
                date: NaiveDate::from_ymd_opt(2026, 6, 25).expect("d")
            },
        })
    );

    // "(UTC+00:00) Dublin, Edinburgh, Lisbon, London": matched by city and offsets.
    let peer = item(&p, "Peer consultation");
    assert!(
        ["Europe/Dublin", "Europe/Lisbon", "Europe/London"].contains(&peer.time_zone.as_str()),
        "{}",
        peer.time_zone
    );
    assert_eq!(peer.first_start, utc(2026, 7, 17, 13, 30));
    assert!(
        peer.notes.iter().any(|n| n.contains("matched")),
        "{:?}",
        peer.notes
    );

    // A customised zone with US Eastern rules: matched by its offsets.
    let coaching = item(&p, "Coaching call");
    assert_eq!(coaching.time_zone, "America/New_York");
    assert_eq!(coaching.first_start, utc(2026, 4, 2, 15, 0));

    assert!(skipped_reason(&p, "Staff training day").contains("all-day"));
}

#[test]
fn google_calendar_export_with_byday_2tu_and_changed_occurrences() {
    let p = import_preview(&fixture("google.ics"), &london()).expect("preview");
    assert!(p.skipped.is_empty(), "{:?}", p.skipped);
    assert_eq!(p.items.len(), 4);
    let s = item(&p, "Supervision – SO");
    assert_eq!(
        s.recurrence,
        Some(Recurrence {
            pattern: Pattern::MonthlyByWeekday {
                week: 2,
                weekday: Weekday::Tuesday
            },
            interval: 1,
            end: RecurrenceEnd::Until {
                date: NaiveDate::from_ymd_opt(2026, 12, 8).expect("d")
            },
        })
    );
    assert_eq!(
        (s.cancelled, s.moved),
        (2, 1),
        "EXDATE + a cancelled instance; one moved"
    );
    let group = item(&p, "Reflective group");
    assert_eq!(
        group.recurrence.as_ref().map(|r| &r.pattern),
        Some(&Pattern::Weekly {
            weekdays: vec![Weekday::Monday, Weekday::Wednesday]
        })
    );
    assert_eq!(group.end - group.start, Duration::minutes(90));
    let coaching = item(&p, "Coaching");
    assert_eq!(
        coaching.recurrence.as_ref().map(|r| (&r.pattern, r.end)),
        Some((
            &Pattern::MonthlyByWeekday {
                week: -1,
                weekday: Weekday::Friday
            },
            RecurrenceEnd::Never
        ))
    );
    let extra = item(&p, "Extra session");
    assert!(extra.recurrence.is_none());
    assert_eq!(
        extra.time_zone, "Europe/London",
        "UTC one-offs take the home zone"
    );
    assert_eq!(extra.start, local(2026, 2, 4, 15, 0));
}

fn vault() -> (tempfile::TempDir, Vault, String) {
    let dir = tempfile::tempdir().expect("tmp");
    let config = VaultConfig {
        kdf: KdfParams::INSECURE_FOR_TESTS,
    };
    let mut v =
        Vault::open(dir.path(), Box::new(MemoryKeychain::new()), config, now()).expect("open");
    let s = v.begin_setup(&[Role::Supervisor]).expect("begin");
    v.confirm_setup(&s.recovery_code, now()).expect("confirm");
    let sam = People::of(&mut v)
        .create(
            &PersonInput {
                kind: PersonKind::Person,
                relation: Relation::ISupervise,
                name: "Sam Okafor".into(),
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
            },
            now(),
        )
        .expect("person")
        .id;
    (dir, v, sam)
}

fn rows(dir: &tempfile::TempDir) -> (i64, i64) {
    let conn = Connection::open(dir.path().join(DB_FILE)).expect("db");
    let count = |t: &str| {
        conn.query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))
            .expect("count")
    };
    (count("session_series"), count("session_overrides"))
}

#[test]
fn commit_writes_the_chosen_events_for_one_person_in_one_transaction() {
    let (dir, mut v, sam) = vault();
    let text = fixture("google.ics");
    let preview = import_preview(&text, &london()).expect("preview");
    let coaching = item(&preview, "Coaching").index;
    let commit = ImportCommit {
        person_id: sam.clone(),
        kind: SessionKind::Individual,
        options: london(),
        skip: vec![coaching],
    };
    let result = import(&mut v, &text, &commit).expect("commit");
    assert_eq!(result.created.series.len(), 3);
    assert_eq!(rows(&dir), (3, 3));
    let monthly = result
        .created
        .series
        .iter()
        .find(|s| {
            s.recurrence
                .as_ref()
                .is_some_and(|r| matches!(r.pattern, Pattern::MonthlyByWeekday { .. }))
        })
        .expect("monthly");
    assert_eq!(monthly.reminder, ReminderSetting::Before { minutes: 30 });
    let year = Schedule::of(&mut v)
        .occurrences(utc(2026, 1, 1, 0, 0), utc(2027, 1, 1, 0, 0), Some(&sam))
        .expect("year")
        .occurrences;
    let sessions: Vec<_> = year
        .iter()
        .filter(|o| o.key.series_id == monthly.id)
        .collect();
    assert_eq!(sessions.len(), 12);
    let march: Vec<_> = sessions
        .iter()
        .filter(|o| o.key.original_start == local(2026, 3, 10, 10, 0))
        .collect();
    assert_eq!(march[0].local_start, local(2026, 3, 11, 10, 0));
    assert!(march[0].moved);
    let cancelled: Vec<NaiveDate> = sessions
        .iter()
        .filter(|o| o.status == SessionStatus::Cancelled)
        .map(|o| o.key.original_start.date())
        .collect();
    assert_eq!(
        cancelled,
        vec![
            NaiveDate::from_ymd_opt(2026, 6, 9).expect("d"),
            NaiveDate::from_ymd_opt(2026, 9, 8).expect("d")
        ]
    );
    assert!(sessions
        .iter()
        .all(|o| o.local_start.time() == local(2026, 1, 1, 10, 0).time()));

    // Importing for someone who does not exist writes nothing.
    let before = rows(&dir);
    let nobody = ImportCommit {
        person_id: "00000000-0000-4000-8000-000000000000".into(),
        ..commit.clone()
    };
    assert!(matches!(
        import(&mut v, &text, &nobody),
        Err(Error::NotFound(_))
    ));
    // Nor does a group session for a single person, nor skipping everything.
    let as_group = ImportCommit {
        kind: SessionKind::Group,
        ..commit.clone()
    };
    assert!(matches!(
        import(&mut v, &text, &as_group),
        Err(Error::InvalidInput(_))
    ));
    let none = ImportCommit {
        skip: (0..10).collect(),
        ..commit.clone()
    };
    assert!(matches!(
        import(&mut v, &text, &none),
        Err(Error::InvalidInput(_))
    ));
    People::of(&mut v)
        .set_archived(&sam, true, now())
        .expect("archive");
    assert!(matches!(
        import(&mut v, &text, &commit),
        Err(Error::InvalidInput(_))
    ));
    assert_eq!(rows(&dir), before);
}

#[test]
fn unsupported_and_hostile_rules_are_skipped_or_capped_with_reasons() {
    let p = planned(&fixture("hostile_rules.ics")).preview();
    let million = item(&p, "Weekly a million times");
    assert_eq!(
        million.recurrence.as_ref().map(|r| r.end),
        Some(RecurrenceEnd::Count { count: MAX_COUNT })
    );
    assert!(
        million
            .notes
            .iter()
            .any(|n| n.contains("1000000") && n.contains("first 1000")),
        "{:?}",
        million.notes
    );
    assert!(skipped_reason(&p, "Every minute").contains("more than once a day"));
    assert!(skipped_reason(&p, "Daily stand-up").contains("daily"));
    let fortnight = item(&p, "Every 14 days");
    assert_eq!(
        fortnight.recurrence,
        Some(Recurrence {
            pattern: Pattern::Weekly {
                weekdays: vec![Weekday::Tuesday]
            },
            interval: 2,
            end: RecurrenceEnd::Count { count: 3 }
        })
    );
    let far = item(&p, "Until the year 9999");
    assert_eq!(
        far.recurrence.as_ref().map(|r| r.end),
        Some(RecurrenceEnd::Never)
    );
    assert!(far.notes.iter().any(|n| n.contains("no end")));
    assert!(skipped_reason(&p, "Annual review").contains("yearly"));
    assert!(skipped_reason(&p, "Garbage date").contains("not a valid date"));
    assert!(skipped_reason(&p, "Ends before it starts").contains("ends before it starts"));
    assert!(skipped_reason(&p, "No length").contains("no length"));
    assert!(skipped_reason(&p, "Two days").contains("12 hours"));
    let floating = item(&p, "Floating time");
    assert_eq!(floating.time_zone, "Europe/London");
    assert!(floating.notes.iter().any(|n| n.contains("no time zone")));
    let no_end = item(&p, "No end given");
    assert_eq!(no_end.end - no_end.start, Duration::minutes(60));
    assert!(skipped_reason(&p, "Called off").contains("cancelled"));
    assert!(skipped_reason(&p, "Interval zero").contains("interval is 0"));
    assert!(skipped_reason(&p, "Every 30 February").contains("gives no sessions"));
    assert!(skipped_reason(&p, "Garbage rule").contains("not valid"));
    assert!(skipped_reason(&p, "No start").contains("no start"));
    let mars = item(&p, "Unknown zone");
    assert_eq!(mars.time_zone, "Europe/London");
    assert!(mars
        .notes
        .iter()
        .any(|n| n.contains("not one Confidant knows")));
    assert!(!p.notes.is_empty());

    // The capped rule commits, and a query over it is bounded.
    let (_d, mut v, sam) = vault();
    let commit = ImportCommit {
        person_id: sam,
        kind: SessionKind::Individual,
        options: london(),
        skip: vec![],
    };
    let text = fixture("hostile_rules.ics");
    let r = import(&mut v, &text, &commit).expect("commit");
    assert_eq!(r.created.series.len(), p.items.len());
    let far = Schedule::of(&mut v)
        .occurrences(utc(2040, 1, 1, 0, 0), utc(2041, 1, 1, 0, 0), None)
        .expect("far future");
    assert!(far.occurrences.len() <= r.created.series.len() * MAX_OCCURRENCES_PER_SERIES);
}

fn event(i: usize, extra: &str) -> String {
    format!(
        "BEGIN:VEVENT\r\nUID:e{i}@example\r\nDTSTART:20260105T090000Z\r\nDURATION:PT1H\r\n{extra}SUMMARY:Event {i}\r\nEND:VEVENT\r\n"
    )
}

fn calendar(body: &str) -> String {
    format!("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n{body}END:VCALENDAR\r\n")
}

#[test]
fn hostile_files_get_a_specific_error_and_bounded_work() {
    // Too large.
    let huge = calendar(&"X-PAD:".repeat(MAX_ICS_BYTES / 6 + 10));
    assert!(matches!(
        import_preview(&huge, &london()),
        Err(Error::TooLarge { .. })
    ));
    // Nested a hundred thousand deep (would overflow a recursive parser).
    let deep = calendar(&format!(
        "{}{}",
        "BEGIN:X\r\n".repeat(100_000),
        "END:X\r\n".repeat(100_000)
    ));
    let err = import_preview(&deep, &london()).expect_err("deep");
    assert!(err.to_string().contains("nests"), "{err}");
    // Too many events.
    let many: String = (0..=MAX_ICS_EVENTS).map(|i| event(i, "")).collect();
    let err = import_preview(&calendar(&many), &london()).expect_err("many");
    assert!(err.to_string().contains("more than"), "{err}");
    // Just under the cap: every event is read, quickly.
    let most: String = (0..MAX_ICS_EVENTS)
        .map(|i| event(i, "RRULE:FREQ=WEEKLY;COUNT=1000\r\n"))
        .collect();
    let p = planned(&calendar(&most)).preview();
    assert_eq!(p.items.len(), MAX_ICS_EVENTS);
    // Not a calendar at all, binary garbage, a truncated calendar, an unbalanced END.
    for bad in [
        "hello".to_string(),
        String::from_utf8_lossy(&[0xff, 0x00, 0x13, 0x37, 0x80, 0x81]).into_owned(),
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20260105T090000Z\r\n".to_string(),
        "END:VEVENT\r\nBEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".to_string(),
        String::new(),
    ] {
        assert!(
            matches!(import_preview(&bad, &london()), Err(Error::InvalidInput(_))),
            "{bad:?}"
        );
    }
    // A bad home zone or default length.
    assert!(matches!(
        import_preview(
            &calendar(&event(1, "")),
            &ImportOptions {
                home_time_zone: "Nowhere/Else".into(),
                default_duration_minutes: 60
            }
        ),
        Err(Error::InvalidInput(_))
    ));
    // 100,000 excluded dates on one event: read up to the cap, quickly.
    let exdates: Vec<String> = (0..100_000)
        .map(|i| format!("2026{:02}{:02}T090000Z", 1 + i % 12, 1 + i % 28))
        .collect();
    let body = event(
        1,
        &format!("RRULE:FREQ=WEEKLY\r\nEXDATE:{}\r\n", exdates.join(",")),
    );
    assert!(body.len() < MAX_ICS_BYTES);
    let p = planned(&calendar(&body)).preview();
    assert!(
        p.items[0].notes.iter().any(|n| n.contains("first 1000")),
        "{:?}",
        p.items[0].notes
    );
    // Hundreds of unknown zones, each with its own VTIMEZONE: bounded work.
    let zones: String = (0..300)
        .map(|i| {
            format!(
                "BEGIN:VTIMEZONE\r\nTZID:Zone {i}\r\nBEGIN:STANDARD\r\nDTSTART:16010101T000000\r\nTZOFFSETFROM:+0{}00\r\nTZOFFSETTO:+0{}00\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n",
                i % 9,
                i % 9
            )
        })
        .collect();
    let events: String = (0..300)
        .map(|i| format!("BEGIN:VEVENT\r\nUID:z{i}\r\nDTSTART;TZID=Zone {i}:20260105T090000\r\nDURATION:PT1H\r\nSUMMARY:Z{i}\r\nEND:VEVENT\r\n"))
        .collect();
    let plan = planned(&calendar(&format!("{zones}{events}")));
    assert_eq!(plan.stats().observances, 300, "{:?}", plan.stats());
    let p = plan.preview();
    assert_eq!(p.items.len(), 300);
    assert_eq!(p.items[1].time_zone, "Etc/GMT-1", "a fixed +01:00 zone");
    assert!(p.items[299]
        .notes
        .iter()
        .any(|n| n.contains("not one Confidant knows")));
}

#[test]
fn a_changed_occurrence_without_its_series_is_a_single_session() {
    let body = "BEGIN:VEVENT\r\nUID:lonely@example\r\nRECURRENCE-ID;TZID=Europe/London:20260310T100000\r\n\
                DTSTART;TZID=Europe/London:20260311T100000\r\nDTEND;TZID=Europe/London:20260311T110000\r\n\
                SUMMARY:Moved session\r\nEND:VEVENT\r\n\
                BEGIN:VEVENT\r\nUID:gone@example\r\nRECURRENCE-ID;TZID=Europe/London:20260310T100000\r\n\
                DTSTART;TZID=Europe/London:20260310T100000\r\nDURATION:PT1H\r\nSTATUS:CANCELLED\r\n\
                SUMMARY:Cancelled instance\r\nEND:VEVENT\r\n";
    let p = import_preview(&calendar(body), &london()).expect("preview");
    assert_eq!(p.items.len(), 1);
    assert_eq!(p.items[0].start, local(2026, 3, 11, 10, 0));
    assert!(p.items[0].recurrence.is_none());
    assert!(skipped_reason(&p, "Cancelled instance").contains("cancelled"));
    assert!(
        p.notes.iter().any(|n| n.contains("single sessions")),
        "{:?}",
        p.notes
    );
}

#[test]
fn thousands_of_hostile_rules_stop_at_a_counted_cap() {
    // Impossible, too frequent and huge-interval rules are refused without
    // being expanded; weekly rules from 1970 with a changed date in 2199 each
    // need about 12,000 steps to match it, so the file's step budget runs
    // out part-way and the rest are skipped with a reason.
    let hostile = [
        "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30\r\n",
        "RRULE:FREQ=SECONDLY\r\n",
        "RRULE:FREQ=WEEKLY;INTERVAL=4000000000\r\n",
        "RRULE:FREQ=MONTHLY;BYMONTHDAY=32;INTERVAL=12\r\n",
        "RRULE:FREQ=MONTHLY;BYDAY=5MO;INTERVAL=12\r\nEXDATE:21991230T090000Z\r\n",
    ];
    let body: String = (0..MAX_ICS_EVENTS)
        .map(|i| {
            let extra = if i % 2 == 0 {
                "RRULE:FREQ=WEEKLY\r\nEXDATE:21991230T090000Z\r\n"
            } else {
                hostile[i / 2 % hostile.len()]
            };
            format!(
                "BEGIN:VEVENT\r\nUID:h{i}@example\r\nDTSTART:19700105T090000Z\r\nDURATION:PT1H\r\n{extra}SUMMARY:Hostile {i}\r\nEND:VEVENT\r\n"
            )
        })
        .collect();
    let text = calendar(&body);
    assert!(text.len() < MAX_ICS_BYTES);
    let plan = plan_import(&text, &london()).expect("plan");
    let stats = plan.stats();
    // The cap holds, and it was reached (the test can fail both ways).
    assert!(
        stats.rule_steps <= MAX_IMPORT_RULE_STEPS + MAX_EXPANSION_STEPS as u64,
        "{stats:?}"
    );
    assert!(
        stats.rule_steps >= MAX_IMPORT_RULE_STEPS - MAX_EXPANSION_STEPS as u64,
        "{stats:?}"
    );
    let p = plan.preview();
    assert_eq!(p.items.len() + p.skipped.len(), MAX_ICS_EVENTS);
    let over_budget = p
        .skipped
        .iter()
        .filter(|s| s.reason.contains("too many steps"))
        .count();
    assert!(over_budget > 500, "{over_budget} skipped for the budget");
    assert!(
        p.notes.iter().any(|n| n.contains("Import it in parts")),
        "{:?}",
        p.notes
    );
    assert!(skipped_reason(&p, "Hostile 1").contains("does not support"));
    assert!(skipped_reason(&p, "Hostile 3").contains("more than once a day"));
    assert!(skipped_reason(&p, "Hostile 5").contains("not valid"));
    assert!(skipped_reason(&p, "Hostile 7").contains("day of the month"));
    // The first weekly events were read before the budget ran out.
    assert!(p.items.iter().any(|i| i.summary == "Hostile 0"));
}

fn observance(i: usize, rule: &str) -> String {
    let (kind, from, to) = if i % 2 == 0 {
        ("DAYLIGHT", "+0000", "+0100")
    } else {
        ("STANDARD", "+0100", "+0000")
    };
    format!(
        "BEGIN:{kind}\r\nDTSTART:19700329T010000\r\n{rule}TZOFFSETFROM:{from}\r\nTZOFFSETTO:{to}\r\nEND:{kind}\r\n"
    )
}

#[test]
fn a_hostile_vtimezone_stops_at_its_observance_cap() {
    // 100,000 observances do not fit in a file Confidant reads at all.
    let huge: String = (0..100_000).map(|i| observance(i, "")).collect();
    let text = calendar(&format!(
        "BEGIN:VTIMEZONE\r\nTZID:Hostile\r\n{huge}END:VTIMEZONE\r\n{}",
        event(1, "")
    ));
    assert!(matches!(
        import_preview(&text, &london()),
        Err(Error::TooLarge { .. })
    ));

    // More than the cap in two blocks (with impossible and sparse yearly rules
    // and a rule no zone uses), used by an event so the zone is matched by
    // its offsets: only the capped number is read, and each rule is
    // evaluated for the few years asked for.
    let rules = [
        "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30\r\n",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n",
        "RRULE:FREQ=SECONDLY\r\n",
        "",
    ];
    let mut blocks = String::new();
    let mut n: u64 = 0;
    for z in 0..2 {
        blocks.push_str(&format!("BEGIN:VTIMEZONE\r\nTZID:Hostile {z}\r\n"));
        for i in 0..(MAX_OBSERVANCES + 100) {
            blocks.push_str(&observance(i, rules[i % rules.len()]));
            n += 1;
        }
        blocks.push_str("END:VTIMEZONE\r\n");
    }
    let events: String = (0..2)
        .map(|z| format!("BEGIN:VEVENT\r\nUID:hz{z}\r\nDTSTART;TZID=Hostile {z}:20260105T090000\r\nDURATION:PT1H\r\nSUMMARY:HZ{z}\r\nEND:VEVENT\r\n"))
        .collect();
    let text = calendar(&format!("{blocks}{events}"));
    assert!(text.len() < MAX_ICS_BYTES, "{} bytes", text.len());
    let plan = plan_import(&text, &london()).expect("plan");
    let stats = plan.stats();
    assert_eq!(stats.observances, 2 * MAX_OBSERVANCES as u64, "{stats:?}");
    assert_eq!(stats.observances_ignored, n - 2 * MAX_OBSERVANCES as u64);
    // Each matched zone evaluates its rules for 4 years at most.
    assert!(stats.zone_rule_steps > 0, "{stats:?}");
    assert!(
        stats.zone_rule_steps <= 2 * MAX_OBSERVANCES as u64 * 4,
        "{stats:?}"
    );
    let p = plan.preview();
    assert_eq!(p.items.len(), 2);
    assert!(
        p.notes.iter().any(|n| n.contains("were ignored")),
        "{:?}",
        p.notes
    );

    // Across a file, at most MAX_FILE_OBSERVANCES are read.
    let blocks = MAX_FILE_OBSERVANCES / MAX_OBSERVANCES + 1;
    let many: String = (0..blocks)
        .map(|z| {
            let obs: String = (0..MAX_OBSERVANCES).map(|i| observance(i, "")).collect();
            format!("BEGIN:VTIMEZONE\r\nTZID:Many {z}\r\n{obs}END:VTIMEZONE\r\n")
        })
        .collect();
    let text = calendar(&format!("{many}{}", event(1, "")));
    assert!(text.len() < MAX_ICS_BYTES, "{} bytes", text.len());
    let stats = plan_import(&text, &london()).expect("plan").stats();
    assert_eq!(stats.observances, MAX_FILE_OBSERVANCES as u64);
}

#[test]
fn a_fifo_a_device_or_an_oversize_file_gets_a_clear_error_without_blocking() {
    use confidant_core::ics::{read_import_file, MAX_ICS_BYTES};
    let dir = tempfile::tempdir().expect("tmp");
    // One byte over the cap.
    let big = dir.path().join("big.ics");
    std::fs::write(&big, vec![b'A'; MAX_ICS_BYTES + 1]).expect("write");
    assert!(matches!(
        read_import_file(&big),
        Err(Error::TooLarge { limit, .. }) if limit == MAX_ICS_BYTES
    ));
    // A folder.
    assert!(matches!(
        read_import_file(dir.path()),
        Err(Error::InvalidInput(_))
    ));
    if cfg!(windows) {
        eprintln!("skipped on Windows: FIFOs and /dev/zero are Unix files");
        return;
    }
    // A FIFO with no writer: opening it for reading would block forever.
    let fifo = dir.path().join("calendar.ics");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    if made {
        match read_import_file(&fifo) {
            Err(Error::InvalidInput(m)) => assert!(m.contains("will not read it"), "{m}"),
            other => panic!("expected a clear error for a FIFO, got {other:?}"),
        }
    } else {
        eprintln!(
            "mkfifo is not available: the FIFO case is covered by files.rs's unit tests only"
        );
    }
    // An endless device.
    assert!(matches!(
        read_import_file(std::path::Path::new("/dev/zero")),
        Err(Error::InvalidInput(_))
    ));
}
