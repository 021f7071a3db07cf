//! Hostile files: bounded work, counted caps, specific errors, no blocking on a FIFO or device.

use super::*;

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
