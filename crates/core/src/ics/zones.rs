//! Time-zone helpers for calendar files: Windows zone names, and the offset
//! transitions of an IANA zone (to write `VTIMEZONE` blocks).

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::{OffsetComponents, OffsetName, Tz};

/// Windows time-zone names Outlook and Exchange write in `TZID`, mapped to
/// the IANA zone of the same region (the CLDR "001" territory choice).
pub(crate) const WINDOWS_ZONES: &[(&str, &str)] = &[
    ("GMT Standard Time", "Europe/London"),
    ("Greenwich Standard Time", "Atlantic/Reykjavik"),
    ("W. Europe Standard Time", "Europe/Berlin"),
    ("Romance Standard Time", "Europe/Paris"),
    ("Central Europe Standard Time", "Europe/Budapest"),
    ("Central European Standard Time", "Europe/Warsaw"),
    ("E. Europe Standard Time", "Europe/Chisinau"),
    ("FLE Standard Time", "Europe/Kiev"),
    ("GTB Standard Time", "Europe/Bucharest"),
    ("Turkey Standard Time", "Europe/Istanbul"),
    ("Russian Standard Time", "Europe/Moscow"),
    ("Israel Standard Time", "Asia/Jerusalem"),
    ("South Africa Standard Time", "Africa/Johannesburg"),
    ("Arabian Standard Time", "Asia/Dubai"),
    ("India Standard Time", "Asia/Kolkata"),
    ("China Standard Time", "Asia/Shanghai"),
    ("Singapore Standard Time", "Asia/Singapore"),
    ("Tokyo Standard Time", "Asia/Tokyo"),
    ("Korea Standard Time", "Asia/Seoul"),
    ("AUS Eastern Standard Time", "Australia/Sydney"),
    ("E. Australia Standard Time", "Australia/Brisbane"),
    ("Cen. Australia Standard Time", "Australia/Adelaide"),
    ("AUS Central Standard Time", "Australia/Darwin"),
    ("W. Australia Standard Time", "Australia/Perth"),
    ("Tasmania Standard Time", "Australia/Hobart"),
    ("New Zealand Standard Time", "Pacific/Auckland"),
    ("Eastern Standard Time", "America/New_York"),
    ("Central Standard Time", "America/Chicago"),
    ("Mountain Standard Time", "America/Denver"),
    ("US Mountain Standard Time", "America/Phoenix"),
    ("Pacific Standard Time", "America/Los_Angeles"),
    ("Alaskan Standard Time", "America/Anchorage"),
    ("Hawaiian Standard Time", "Pacific/Honolulu"),
    ("Atlantic Standard Time", "America/Halifax"),
    ("Newfoundland Standard Time", "America/St_Johns"),
    ("Canada Central Standard Time", "America/Regina"),
    ("SA Pacific Standard Time", "America/Bogota"),
    ("Central Standard Time (Mexico)", "America/Mexico_City"),
    ("E. South America Standard Time", "America/Sao_Paulo"),
    ("Argentina Standard Time", "America/Buenos_Aires"),
    ("UTC", "UTC"),
    ("Coordinated Universal Time", "UTC"),
];

/// The IANA zone for a Windows zone name (case-insensitive).
pub(crate) fn windows_zone(name: &str) -> Option<Tz> {
    let name = name.trim();
    WINDOWS_ZONES
        .iter()
        .find(|(w, _)| w.eq_ignore_ascii_case(name))
        .and_then(|(_, iana)| iana.parse().ok())
}

/// UTC offset of `tz` at `utc`, in seconds.
pub(crate) fn offset_at(tz: Tz, utc: DateTime<Utc>) -> i32 {
    tz.offset_from_utc_datetime(&utc.naive_utc())
        .fix()
        .local_minus_utc()
}

/// One change of a zone's UTC offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Transition {
    /// The instant of the change.
    pub at: DateTime<Utc>,
    /// Offset before, in seconds.
    pub from: i32,
    /// Offset after, in seconds.
    pub to: i32,
    /// Abbreviation after ("BST"), when the database has one.
    pub name: Option<String>,
    /// Daylight-saving time after the change.
    pub daylight: bool,
}

impl Transition {
    /// Local wall-clock time of the change, read with the old offset (the
    /// form `VTIMEZONE` `DTSTART` uses).
    pub fn local_before(&self) -> NaiveDateTime {
        self.at.naive_utc() + Duration::seconds(i64::from(self.from))
    }
}

fn state(tz: Tz, utc: DateTime<Utc>) -> (i32, Option<String>, bool) {
    let o = tz.offset_from_utc_datetime(&utc.naive_utc());
    (
        o.fix().local_minus_utc(),
        o.abbreviation().map(str::to_string),
        !o.dst_offset().is_zero(),
    )
}

/// Offset changes of `tz` from 1 January of `from_year` to the end of
/// `to_year` (UTC), found by sampling every 6 hours and bisecting to the
/// second.
pub(crate) fn transitions(tz: Tz, from_year: i32, to_year: i32) -> Vec<Transition> {
    let Some(start) = NaiveDate::from_ymd_opt(from_year, 1, 1).and_then(|d| d.and_hms_opt(0, 0, 0))
    else {
        return Vec::new();
    };
    let Some(end) = NaiveDate::from_ymd_opt(to_year + 1, 1, 1).and_then(|d| d.and_hms_opt(0, 0, 0))
    else {
        return Vec::new();
    };
    let (start, end) = (start.and_utc(), end.and_utc());
    let step = Duration::hours(6);
    let mut out = Vec::new();
    let mut t = start;
    let mut prev = offset_at(tz, t);
    while t < end {
        let next = t + step;
        let off = offset_at(tz, next);
        if off != prev {
            // Bisect on whole seconds: `lo` has the old offset, `hi` the new.
            let (mut lo, mut hi) = (t.timestamp(), next.timestamp());
            while hi - lo > 1 {
                let mid = lo + (hi - lo) / 2;
                let at = DateTime::from_timestamp(mid, 0).unwrap_or(t);
                if offset_at(tz, at) == prev {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            let hi = DateTime::from_timestamp(hi, 0).unwrap_or(next);
            let (to, name, daylight) = state(tz, hi);
            out.push(Transition {
                at: hi,
                from: prev,
                to,
                name,
                daylight,
            });
            prev = off;
        }
        t = next;
    }
    out
}

/// The state of `tz` at an instant: offset, abbreviation, daylight or not.
pub(crate) fn zone_state(tz: Tz, utc: DateTime<Utc>) -> (i32, Option<String>, bool) {
    state(tz, utc)
}

/// The nth weekday rule a date follows: `(n, weekday)` with n = 1–4, or −1
/// when it is the last such weekday of its month (preferred for dates in
/// the last week, as most zone rules are "last Sunday").
pub(crate) fn weekday_rule(date: NaiveDate) -> (i8, chrono::Weekday) {
    let nth = ((date.day() - 1) / 7 + 1) as i8;
    let last = date
        .checked_add_signed(Duration::days(7))
        .is_none_or(|d| d.month() != date.month());
    (if last { -1 } else { nth }, date.weekday())
}

/// The date in `year`/`month` of the nth (or last, n = −1) `weekday`.
pub(crate) fn nth_weekday(
    year: i32,
    month: u32,
    n: i8,
    weekday: chrono::Weekday,
) -> Option<NaiveDate> {
    if n == -1 {
        let next = if month == 12 {
            NaiveDate::from_ymd_opt(year + 1, 1, 1)?
        } else {
            NaiveDate::from_ymd_opt(year, month + 1, 1)?
        };
        let mut d = next.pred_opt()?;
        while d.weekday() != weekday {
            d = d.pred_opt()?;
        }
        Some(d)
    } else {
        NaiveDate::from_weekday_of_month_opt(year, month, weekday, u8::try_from(n).ok()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn london_has_two_transitions_a_year() {
        let tz: Tz = "Europe/London".parse().expect("zone");
        let t = transitions(tz, 2026, 2026);
        assert_eq!(t.len(), 2);
        assert_eq!(
            t[0].at,
            Utc.with_ymd_and_hms(2026, 3, 29, 1, 0, 0)
                .single()
                .expect("t")
        );
        assert_eq!((t[0].from, t[0].to, t[0].daylight), (0, 3600, true));
        assert_eq!(t[0].name.as_deref(), Some("BST"));
        assert_eq!(t[0].local_before().to_string(), "2026-03-29 01:00:00");
        assert_eq!(
            t[1].at,
            Utc.with_ymd_and_hms(2026, 10, 25, 1, 0, 0)
                .single()
                .expect("t")
        );
        assert_eq!(t[1].local_before().to_string(), "2026-10-25 02:00:00");
        assert_eq!(
            weekday_rule(t[1].local_before().date()),
            (-1, chrono::Weekday::Sun)
        );
    }

    #[test]
    fn tokyo_has_none_and_windows_names_map() {
        let tz: Tz = "Asia/Tokyo".parse().expect("zone");
        assert!(transitions(tz, 2020, 2030).is_empty());
        assert_eq!(
            windows_zone("gmt standard time"),
            Some(chrono_tz::Europe::London)
        );
        assert_eq!(
            windows_zone("Eastern Standard Time"),
            Some(chrono_tz::America::New_York)
        );
        assert_eq!(windows_zone("Mars Standard Time"), None);
    }

    #[test]
    fn nth_weekday_finds_dates() {
        assert_eq!(
            nth_weekday(2026, 3, -1, chrono::Weekday::Sun),
            NaiveDate::from_ymd_opt(2026, 3, 29)
        );
        assert_eq!(
            nth_weekday(2026, 3, 2, chrono::Weekday::Sun),
            NaiveDate::from_ymd_opt(2026, 3, 8)
        );
    }
}
