//! Wall-clock times in IANA time zones: parsing a zone name and placing a
//! local time on the UTC time line by the RFC 5545 §3.3.5 rule.

use chrono::{DateTime, Duration, LocalResult, NaiveDateTime, Offset, TimeZone, Timelike, Utc};
use chrono_tz::Tz;

use crate::error::{Error, Result};

/// Parses an IANA time zone name (`Europe/London`).
pub(crate) fn parse_zone(name: &str) -> Result<Tz> {
    name.trim().parse::<Tz>().map_err(|_| {
        Error::InvalidInput(
            "That time zone is not one Confidant knows. Choose one from the list (for example Europe/London)."
                .into(),
        )
    })
}

/// A local time placed in a zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Placed {
    /// The instant.
    pub utc: DateTime<Utc>,
    /// What happened to the wall-clock time, if anything.
    pub issue: Option<LocalIssue>,
}

/// A local time that does not exist or happens twice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LocalIssue {
    /// In a spring-forward gap; the session is at this local time instead.
    Gap { actual: NaiveDateTime },
    /// In a fall-back overlap; the earlier instant was used.
    Ambiguous,
}

/// Places the wall-clock time `local` in `tz`.
///
/// - A time in a spring-forward gap is read with the offset in force before
///   the gap (RFC 5545 §3.3.5), i.e. moved forward by the gap's length:
///   02:30 → 03:30 for a one-hour gap.
/// - A time in a fall-back overlap is the earlier of its two instants.
pub(crate) fn place(tz: Tz, local: NaiveDateTime) -> Placed {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(dt) => Placed {
            utc: dt.with_timezone(&Utc),
            issue: None,
        },
        LocalResult::Ambiguous(a, b) => Placed {
            utc: a.with_timezone(&Utc).min(b.with_timezone(&Utc)),
            issue: Some(LocalIssue::Ambiguous),
        },
        LocalResult::None => {
            // The offset a day earlier is the one in force before the gap
            // (transitions are months apart in every zone).
            let before = tz
                .offset_from_utc_datetime(&(local - Duration::days(1)))
                .fix()
                .local_minus_utc();
            let utc = (local - Duration::seconds(i64::from(before))).and_utc();
            let actual = utc.with_timezone(&tz).naive_local();
            if actual > local {
                return Placed {
                    utc,
                    issue: Some(LocalIssue::Gap { actual }),
                };
            }
            // Defensive: walk forward to the first valid minute.
            let mut probe = local;
            for _ in 0..(24 * 60) {
                probe += Duration::minutes(1);
                if let Some(dt) = tz.from_local_datetime(&probe).earliest() {
                    return Placed {
                        utc: dt.with_timezone(&Utc),
                        issue: Some(LocalIssue::Gap { actual: probe }),
                    };
                }
            }
            Placed {
                utc: local.and_utc(),
                issue: Some(LocalIssue::Gap { actual: local }),
            }
        }
    }
}

/// The local wall-clock time of an instant in `tz`.
pub(crate) fn local_of(tz: Tz, utc: DateTime<Utc>) -> NaiveDateTime {
    utc.with_timezone(&tz).naive_local()
}

/// "14:05".
pub(crate) fn hm(t: NaiveDateTime) -> String {
    format!("{:02}:{:02}", t.hour(), t.minute())
}

/// "Sunday 29 March 2026".
pub(crate) fn long_date(t: NaiveDateTime) -> String {
    t.format("%A %-d %B %Y").to_string()
}

/// "UTC+01:00".
fn offset_text(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.abs();
    format!("UTC{sign}{:02}:{:02}", s / 3600, (s % 3600) / 60)
}

/// The note shown for a local time that fell in a clock change.
pub(crate) fn issue_note(tz: Tz, local: NaiveDateTime, placed: &Placed) -> Option<String> {
    match placed.issue? {
        LocalIssue::Gap { actual } => Some(format!(
            "{} does not exist on {} in {} (the clocks go forward); the session is at {}.",
            hm(local),
            long_date(local),
            tz.name(),
            hm(actual)
        )),
        LocalIssue::Ambiguous => {
            let offset = tz
                .offset_from_utc_datetime(&placed.utc.naive_utc())
                .fix()
                .local_minus_utc();
            Some(format!(
                "{} happens twice on {} in {} (the clocks go back); the session is at the first {} ({}).",
                hm(local),
                long_date(local),
                tz.name(),
                hm(local),
                offset_text(offset)
            ))
        }
    }
}

/// Drops seconds and fractions: sessions are scheduled to the minute.
pub(crate) fn to_minute(t: NaiveDateTime) -> NaiveDateTime {
    t.with_second(0)
        .and_then(|t| t.with_nanosecond(0))
        .unwrap_or(t)
}

/// Floating milliseconds of a wall-clock time (as if it were UTC); the
/// stored form of an [`super::OccurrenceKey::original_start`].
pub(crate) fn floating_ms(t: NaiveDateTime) -> i64 {
    t.and_utc().timestamp_millis()
}

/// Inverse of [`floating_ms`].
pub(crate) fn from_floating_ms(ms: i64) -> Result<NaiveDateTime> {
    DateTime::from_timestamp_millis(ms)
        .map(|d| d.naive_utc())
        .ok_or_else(|| Error::Integrity(format!("a stored session time ({ms})")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .and_then(|d| d.and_hms_opt(h, min, 0))
            .expect("valid date")
    }

    #[test]
    fn gap_moves_forward_by_the_gap() {
        let tz: Tz = "Europe/London".parse().expect("zone");
        let p = place(tz, at(2026, 3, 29, 1, 30));
        assert_eq!(p.utc, at(2026, 3, 29, 1, 30).and_utc());
        assert_eq!(
            p.issue,
            Some(LocalIssue::Gap {
                actual: at(2026, 3, 29, 2, 30)
            })
        );
        let note = issue_note(tz, at(2026, 3, 29, 1, 30), &p).expect("note");
        assert_eq!(
            note,
            "01:30 does not exist on Sunday 29 March 2026 in Europe/London (the clocks go forward); the session is at 02:30."
        );
        // Lord Howe Island has a 30-minute gap.
        let lh: Tz = "Australia/Lord_Howe".parse().expect("zone");
        let p = place(lh, at(2026, 10, 4, 2, 15));
        assert_eq!(
            p.issue,
            Some(LocalIssue::Gap {
                actual: at(2026, 10, 4, 2, 45)
            })
        );
    }

    #[test]
    fn overlap_takes_the_earlier_instant() {
        let tz: Tz = "Europe/London".parse().expect("zone");
        let p = place(tz, at(2026, 10, 25, 1, 30));
        assert_eq!(p.utc, at(2026, 10, 25, 0, 30).and_utc());
        assert_eq!(p.issue, Some(LocalIssue::Ambiguous));
        let note = issue_note(tz, at(2026, 10, 25, 1, 30), &p).expect("note");
        assert!(note.contains("UTC+01:00"), "{note}");
    }

    #[test]
    fn floating_ms_round_trips() {
        let t = at(2026, 5, 12, 10, 0);
        assert_eq!(from_floating_ms(floating_ms(t)).expect("ms"), t);
    }
}
