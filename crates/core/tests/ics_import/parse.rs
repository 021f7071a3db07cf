//! Real calendar exports: Outlook with Windows zones, Google with changed occurrences.

use super::*;

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
