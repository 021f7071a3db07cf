//! Committing an import: one person, one transaction; unsupported rules skipped with reasons.

use super::*;

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
