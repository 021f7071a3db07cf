//! Repeat rules: validation, alignment and expansion on the wall clock.
//!
//! A rule is expanded by the `rrule` crate on *floating* wall-clock times
//! (the local times are handed to it as if they were UTC, so it never sees a
//! clock change); each local start is then placed in the series' time zone
//! by [`super::time::place`]. That is what keeps 10:00 at 10:00 across
//! daylight-saving changes.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use rrule::{Frequency, NWeekday, RRule, RRuleSet};

use super::time::{self, long_date, place, to_minute};
use super::{
    Pattern, Recurrence, RecurrenceEnd, Weekday, MAX_COUNT, MAX_DURATION_MINUTES,
    MAX_EXPANSION_STEPS, MAX_INTERVAL, MAX_RANGE_DAYS, MAX_SERIES_YEARS, YEAR_RANGE,
};
use crate::error::{Error, Result};

/// A series' validated timing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Timing {
    /// The zone.
    pub tz: Tz,
    /// First session's local start, aligned to the rule.
    pub start: NaiveDateTime,
    /// Length of every session.
    pub duration_minutes: u32,
    /// Repeat rule (normalised).
    pub recurrence: Option<Recurrence>,
}

/// Local starts found in a window.
#[derive(Debug, Default)]
pub(crate) struct Expansion {
    pub starts: Vec<NaiveDateTime>,
    pub truncated: bool,
    /// Rule steps taken: sessions the rule produced, from its first, until
    /// the window's end or a cap. A validated rule produces a session at
    /// least every 48 periods (see `pattern_can_occur`), so each step is
    /// bounded work.
    pub steps: usize,
}

fn invalid(msg: &str) -> Error {
    Error::InvalidInput(msg.to_string())
}

/// Checks a start/end pair and returns the length in minutes. The length is
/// the wall-clock difference, as the user picked it.
pub(crate) fn duration_between(start: NaiveDateTime, end: NaiveDateTime) -> Result<u32> {
    let start = to_minute(start);
    let end = to_minute(end);
    for t in [start, end] {
        if !YEAR_RANGE.contains(&t.year()) {
            return Err(Error::InvalidInput(format!(
                "Sessions must fall between the years {} and {}.",
                YEAR_RANGE.start(),
                YEAR_RANGE.end()
            )));
        }
    }
    if end < start {
        return Err(invalid("The session ends before it starts."));
    }
    if end == start {
        return Err(invalid(
            "The session has no length: it ends when it starts.",
        ));
    }
    let minutes = (end - start).num_minutes();
    if minutes > i64::from(MAX_DURATION_MINUTES) {
        return Err(Error::InvalidInput(format!(
            "A session can be at most {} hours long.",
            MAX_DURATION_MINUTES / 60
        )));
    }
    u32::try_from(minutes).map_err(|_| invalid("The session is too long."))
}

fn days_in_month(year: i32, month: u32) -> u32 {
    let (ny, nm) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(ny, nm, 1)
        .and_then(|d| d.pred_opt())
        .map_or(28, |d| d.day())
}

/// Whether the month `(year, month)` has a session under `pattern`.
fn month_has(pattern: &Pattern, year: i32, month: u32) -> bool {
    let dim = days_in_month(year, month);
    match pattern {
        Pattern::Weekly { .. } => true,
        Pattern::MonthlyByDate { day } => *day == -1 || u32::from(day.unsigned_abs()) <= dim,
        Pattern::MonthlyByWeekday { week, weekday } => {
            if *week < 5 {
                return true;
            }
            let Some(first) = NaiveDate::from_ymd_opt(year, month, 1) else {
                return false;
            };
            let offset = (7 + weekday.to_chrono().num_days_from_monday()
                - first.weekday().num_days_from_monday())
                % 7;
            1 + offset + 28 <= dim
        }
    }
}

/// A monthly rule on the 29th–31st or a 5th weekday, every N months, may
/// never meet a month that has that day. Months repeat their lengths every
/// 4 years, so looking 48 steps ahead decides it.
fn pattern_can_occur(rec: &Recurrence, start: NaiveDate) -> bool {
    if matches!(rec.pattern, Pattern::Weekly { .. }) {
        return true;
    }
    let base = start.year() * 12 + start.month0() as i32;
    (0..48).any(|i| {
        let m = base + i * i32::from(rec.interval);
        month_has(&rec.pattern, m.div_euclid(12), m.rem_euclid(12) as u32 + 1)
    })
}

fn normalise_recurrence(rec: &Recurrence, start: NaiveDateTime) -> Result<Recurrence> {
    if rec.interval == 0 {
        return Err(invalid(
            "The repeat interval must be at least 1 (every week, every 2 weeks, …).",
        ));
    }
    if rec.interval > MAX_INTERVAL {
        return Err(Error::InvalidInput(format!(
            "The repeat interval can be at most {MAX_INTERVAL}."
        )));
    }
    let pattern = match &rec.pattern {
        Pattern::Weekly { weekdays } => {
            let mut days = weekdays.clone();
            days.sort();
            days.dedup();
            if days.is_empty() {
                days.push(Weekday::from_chrono(start.weekday()));
            }
            Pattern::Weekly { weekdays: days }
        }
        Pattern::MonthlyByDate { day } => {
            if !(*day == -1 || (1..=31).contains(day)) {
                return Err(invalid(
                    "The day of the month must be between 1 and 31, or the last day.",
                ));
            }
            Pattern::MonthlyByDate { day: *day }
        }
        Pattern::MonthlyByWeekday { week, weekday } => {
            if !(*week == -1 || (1..=5).contains(week)) {
                return Err(invalid(
                    "Choose the 1st, 2nd, 3rd, 4th, 5th or last weekday of the month.",
                ));
            }
            Pattern::MonthlyByWeekday {
                week: *week,
                weekday: *weekday,
            }
        }
    };
    match rec.end {
        RecurrenceEnd::Never => {}
        RecurrenceEnd::Count { count } => {
            if count == 0 {
                return Err(invalid(
                    "This repeat rule gives no sessions: the number of sessions is 0.",
                ));
            }
            if count > MAX_COUNT {
                return Err(Error::InvalidInput(format!(
                    "A repeat rule can count at most {MAX_COUNT} sessions. Choose an end date or no end instead."
                )));
            }
        }
        RecurrenceEnd::Until { date } => {
            if date < start.date() {
                return Err(invalid(
                    "This repeat rule gives no sessions: its end date is before the first session.",
                ));
            }
            let limit = start
                .date()
                .checked_add_months(chrono::Months::new(12 * MAX_SERIES_YEARS as u32))
                .unwrap_or(start.date());
            if date > limit {
                return Err(Error::InvalidInput(format!(
                    "The end date is more than {MAX_SERIES_YEARS} years away. Choose an earlier end date or no end."
                )));
            }
        }
    }
    Ok(Recurrence {
        pattern,
        interval: rec.interval,
        end: rec.end,
    })
}

fn rrule_weekday(w: Weekday) -> chrono::Weekday {
    w.to_chrono()
}

/// The rule as an `rrule` set on floating wall-clock times.
fn build_set(rec: &Recurrence, start: NaiveDateTime) -> Result<RRuleSet> {
    let dt = rrule::Tz::UTC.from_utc_datetime(&start);
    let mut rule = match &rec.pattern {
        Pattern::Weekly { weekdays } => RRule::new(Frequency::Weekly).by_weekday(
            weekdays
                .iter()
                .map(|w| NWeekday::Every(rrule_weekday(*w)))
                .collect(),
        ),
        Pattern::MonthlyByDate { day } => RRule::new(Frequency::Monthly).by_month_day(vec![*day]),
        Pattern::MonthlyByWeekday { week, weekday } => RRule::new(Frequency::Monthly).by_weekday(
            vec![NWeekday::Nth(i16::from(*week), rrule_weekday(*weekday))],
        ),
    }
    .interval(rec.interval)
    .week_start(chrono::Weekday::Mon);
    match rec.end {
        RecurrenceEnd::Never => {}
        RecurrenceEnd::Count { count } => rule = rule.count(count),
        RecurrenceEnd::Until { date } => {
            let last = date
                .and_hms_opt(23, 59, 59)
                .ok_or_else(|| invalid("The end date is not valid."))?;
            rule = rule.until(rrule::Tz::UTC.from_utc_datetime(&last));
        }
    }
    rule.build(dt)
        .map(RRuleSet::limit)
        .map_err(|_| invalid("This repeat rule gives no sessions."))
}

impl Timing {
    /// Length of each session.
    pub fn duration(&self) -> Duration {
        Duration::minutes(i64::from(self.duration_minutes))
    }

    /// Local starts in `[lo, hi)`, at most `max_out` of them, taking at
    /// most [`MAX_EXPANSION_STEPS`] steps.
    pub fn starts_between(
        &self,
        lo: NaiveDateTime,
        hi: NaiveDateTime,
        max_out: usize,
    ) -> Expansion {
        self.starts_within(lo, hi, max_out, MAX_EXPANSION_STEPS)
    }

    /// [`Timing::starts_between`] with a lower step cap (`max_steps`, at
    /// most [`MAX_EXPANSION_STEPS`]).
    pub fn starts_within(
        &self,
        lo: NaiveDateTime,
        hi: NaiveDateTime,
        max_out: usize,
        max_steps: usize,
    ) -> Expansion {
        let max_steps = max_steps.min(MAX_EXPANSION_STEPS);
        let mut out = Expansion::default();
        let Some(rec) = &self.recurrence else {
            out.steps = 1;
            if self.start >= lo && self.start < hi {
                out.starts.push(self.start);
            }
            return out;
        };
        let Ok(set) = build_set(rec, self.start) else {
            return out;
        };
        for (steps, dt) in set.into_iter().enumerate() {
            out.steps = steps + 1;
            let local = dt.naive_utc();
            if local >= hi {
                break;
            }
            if steps >= max_steps {
                out.truncated = true;
                break;
            }
            if local >= lo {
                if out.starts.len() >= max_out {
                    out.truncated = true;
                    break;
                }
                out.starts.push(local);
            }
        }
        out
    }

    /// Whether `local` is an original start of this series.
    pub fn contains(&self, local: NaiveDateTime) -> bool {
        self.starts_between(local, local + Duration::minutes(1), 1)
            .starts
            .first()
            == Some(&local)
    }

    /// The last local start, or `None` when the rule has no end.
    pub fn last_start(&self) -> Option<NaiveDateTime> {
        let Some(rec) = &self.recurrence else {
            return Some(self.start);
        };
        if rec.end == RecurrenceEnd::Never {
            return None;
        }
        let set = build_set(rec, self.start).ok()?;
        set.into_iter()
            .take(MAX_EXPANSION_STEPS)
            .last()
            .map(|d| d.naive_utc())
    }

    /// The first session's start instant.
    pub fn first_start_utc(&self) -> DateTime<Utc> {
        place(self.tz, self.start).utc
    }

    /// The last session's end instant, if the rule ends.
    pub fn last_end_utc(&self) -> Option<DateTime<Utc>> {
        self.last_start()
            .map(|l| place(self.tz, l).utc + self.duration())
    }
}

/// Validates the timing part of a series and aligns its start to the rule.
/// Returns the timing and notes for the user.
pub(crate) fn validate_timing(
    time_zone: &str,
    start: NaiveDateTime,
    end: NaiveDateTime,
    recurrence: Option<&Recurrence>,
) -> Result<(Timing, Vec<String>)> {
    let tz = time::parse_zone(time_zone)?;
    let duration_minutes = duration_between(start, end)?;
    let start = to_minute(start);
    let mut notes = Vec::new();
    let Some(rec) = recurrence else {
        let timing = Timing {
            tz,
            start,
            duration_minutes,
            recurrence: None,
        };
        if let Some(n) = time::issue_note(tz, start, &place(tz, start)) {
            notes.push(n);
        }
        return Ok((timing, notes));
    };
    let rec = normalise_recurrence(rec, start)?;
    if !pattern_can_occur(&rec, start.date()) {
        return Err(invalid(
            "This repeat rule gives no sessions: none of the months it falls in has that day.",
        ));
    }
    let set = build_set(&rec, start)?;
    let first = set
        .into_iter()
        .take(MAX_EXPANSION_STEPS)
        .next()
        .map(|d| d.naive_utc())
        .ok_or_else(|| {
            invalid("This repeat rule gives no sessions: no date between the start and the end date fits it.")
        })?;
    if first != start {
        notes.push(format!(
            "The first session is on {}, the first date on or after the one you chose that fits the rule.",
            long_date(first)
        ));
    }
    if !YEAR_RANGE.contains(&first.year()) {
        return Err(invalid("This repeat rule's first session is too far away."));
    }
    let timing = Timing {
        tz,
        start: first,
        duration_minutes,
        recurrence: Some(rec),
    };
    if let Some(n) = time::issue_note(tz, first, &place(tz, first)) {
        notes.push(n);
    }
    Ok((timing, notes))
}

/// Checks a query range.
pub(crate) fn check_range(from: DateTime<Utc>, to: DateTime<Utc>) -> Result<()> {
    if to <= from {
        return Err(invalid("The end of the range is before its start."));
    }
    if to - from > Duration::days(MAX_RANGE_DAYS) {
        return Err(Error::InvalidInput(format!(
            "Choose a range of at most {MAX_RANGE_DAYS} days."
        )));
    }
    Ok(())
}

/// A base slot: original local start, start, end, and a clock-change note.
pub(crate) type Slot = (NaiveDateTime, DateTime<Utc>, DateTime<Utc>, Option<String>);

/// Expands a timing over `[from, to)` into placed occurrences (base slots,
/// no exceptions): `(original local start, start, end, note)`.
pub(crate) fn placed_between(
    timing: &Timing,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    max_out: usize,
) -> (Vec<Slot>, bool) {
    // Wall-clock window wide enough for any offset (±14 h) and length (12 h).
    let lo = from.naive_utc() - Duration::hours(28);
    let hi = to.naive_utc() + Duration::hours(15);
    let exp = timing.starts_between(lo, hi, MAX_EXPANSION_STEPS);
    let mut out = Vec::new();
    let mut truncated = exp.truncated;
    for local in exp.starts {
        let placed = place(timing.tz, local);
        let start = placed.utc;
        let end = start + timing.duration();
        if start < to && end > from {
            if out.len() >= max_out {
                truncated = true;
                break;
            }
            out.push((
                local,
                start,
                end,
                time::issue_note(timing.tz, local, &placed),
            ));
        }
    }
    (out, truncated)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::describe_recurrence;

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .and_then(|d| d.and_hms_opt(h, min, 0))
            .expect("valid date")
    }

    fn monthly_2nd_tuesday(end: RecurrenceEnd) -> Recurrence {
        Recurrence {
            pattern: Pattern::MonthlyByWeekday {
                week: 2,
                weekday: Weekday::Tuesday,
            },
            interval: 1,
            end,
        }
    }

    #[test]
    fn start_is_aligned_to_the_rule() {
        let rec = monthly_2nd_tuesday(RecurrenceEnd::Count { count: 3 });
        let (t, notes) = validate_timing(
            "Europe/London",
            at(2026, 1, 1, 10, 0),
            at(2026, 1, 1, 11, 0),
            Some(&rec),
        )
        .expect("valid");
        assert_eq!(t.start, at(2026, 1, 13, 10, 0));
        assert_eq!(notes.len(), 1);
        assert_eq!(t.last_start(), Some(at(2026, 3, 10, 10, 0)));
        assert!(t.contains(at(2026, 2, 10, 10, 0)));
        assert!(!t.contains(at(2026, 2, 11, 10, 0)));
        assert_eq!(
            t.starts_between(t.start, at(2026, 3, 10, 10, 0), 10)
                .starts
                .len(),
            2
        );
    }

    #[test]
    fn impossible_rules_are_refused_quickly() {
        let rec = Recurrence {
            pattern: Pattern::MonthlyByDate { day: 30 },
            interval: 12,
            end: RecurrenceEnd::Never,
        };
        let err = validate_timing(
            "UTC",
            at(2026, 2, 1, 10, 0),
            at(2026, 2, 1, 11, 0),
            Some(&rec),
        )
        .expect_err("February never has a 30th");
        assert!(err.to_string().contains("gives no sessions"), "{err}");
    }

    #[test]
    fn descriptions_read_well() {
        let rec = monthly_2nd_tuesday(RecurrenceEnd::Count { count: 12 });
        assert_eq!(
            describe_recurrence(Some(&rec), at(2026, 1, 13, 10, 0), "Europe/London"),
            "Monthly on the 2nd Tuesday at 10:00, 12 sessions, starting 13 January 2026 (Europe/London)"
        );
        let weekly = Recurrence {
            pattern: Pattern::Weekly {
                weekdays: vec![Weekday::Monday, Weekday::Wednesday],
            },
            interval: 2,
            end: RecurrenceEnd::Never,
        };
        assert!(
            describe_recurrence(Some(&weekly), at(2026, 1, 12, 9, 30), "UTC")
                .starts_with("Every 2 weeks on Monday and Wednesday at 09:30")
        );
    }
}
