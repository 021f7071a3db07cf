//! The phased cadence preset for newly qualified practitioners.

use chrono::{Datelike, Duration, Months};
use serde::{Deserialize, Serialize};

use super::rules::duration_between;
use super::{Pattern, Recurrence, RecurrenceEnd, SeriesInput, Weekday};
use crate::error::{Error, Result};

/// Shown next to the preset: it is an example, not a rule.
pub const PHASED_CADENCE_LABEL: &str =
    "Example only: weekly for the first 6 weeks, fortnightly until 6 months, \
then monthly. Employers and licensing boards set their own standards; change it to match yours.";

/// How many weeks the weekly phase may last.
pub const PHASED_WEEKLY_WEEKS: std::ops::RangeInclusive<u32> = 1..=52;
/// How many months after the first session the fortnightly phase may end.
pub const PHASED_FORTNIGHTLY_MONTHS: std::ops::RangeInclusive<u32> = 1..=36;

/// A phased cadence: weekly, then fortnightly, then monthly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PhasedCadence {
    /// Number of weekly sessions at the start.
    pub weekly_weeks: u32,
    /// Fortnightly sessions until this many months after the first session.
    pub fortnightly_until_months: u32,
}

impl PhasedCadence {
    /// The example preset (see [`PHASED_CADENCE_LABEL`]).
    pub const EXAMPLE: PhasedCadence = PhasedCadence {
        weekly_weeks: 6,
        fortnightly_until_months: 6,
    };
}

impl Default for PhasedCadence {
    fn default() -> Self {
        PhasedCadence::EXAMPLE
    }
}

/// Splits `first` into up to three series: weekly on the first session's
/// weekday, then every 2 weeks, then monthly on the same weekday of the
/// month ("2nd Tuesday"; a 5th weekday becomes "last").
///
/// `first` gives the first session (start, end, zone, person, kind…); the
/// pattern in `first.recurrence` is ignored and its end applies to the
/// whole plan: an end date cuts every phase (a phase it cuts off entirely is
/// left out), a count or no end applies to the monthly phase. Each phase
/// starts at least two weeks after the last session of the one before.
pub fn phased_cadence(first: &SeriesInput, cadence: &PhasedCadence) -> Result<Vec<SeriesInput>> {
    if !PHASED_WEEKLY_WEEKS.contains(&cadence.weekly_weeks) {
        return Err(Error::InvalidInput(
            "The weekly phase must last between 1 and 52 weeks.".into(),
        ));
    }
    if !PHASED_FORTNIGHTLY_MONTHS.contains(&cadence.fortnightly_until_months) {
        return Err(Error::InvalidInput(
            "The fortnightly phase must end between 1 and 36 months after the first session."
                .into(),
        ));
    }
    duration_between(first.start, first.end)?;
    let length = first.end - first.start;
    let start = first.start;
    let weekday = Weekday::from_chrono(start.weekday());
    let overall_end = first
        .recurrence
        .as_ref()
        .map_or(RecurrenceEnd::Never, |r| r.end);
    let until_date = match overall_end {
        RecurrenceEnd::Until { date } => Some(date),
        _ => None,
    };
    let with = |start: chrono::NaiveDateTime,
                pattern: Pattern,
                interval: u16,
                end: RecurrenceEnd| SeriesInput {
        start,
        end: start + length,
        recurrence: Some(Recurrence {
            pattern,
            interval,
            end,
        }),
        ..first.clone()
    };
    let clip = |end: RecurrenceEnd, phase_last: chrono::NaiveDate| match until_date {
        Some(d) if d < phase_last => (RecurrenceEnd::Until { date: d }, true),
        _ => (end, false),
    };
    let weekly = Pattern::Weekly {
        weekdays: vec![weekday],
    };
    let mut out = Vec::new();

    // Weekly.
    let weekly_last = start + Duration::weeks(i64::from(cadence.weekly_weeks) - 1);
    let (end, clipped) = clip(
        RecurrenceEnd::Count {
            count: cadence.weekly_weeks,
        },
        weekly_last.date(),
    );
    out.push(with(start, weekly.clone(), 1, end));
    if clipped {
        return Ok(out);
    }

    // Fortnightly, until the day before the month mark.
    let month_mark = start
        .date()
        .checked_add_months(Months::new(cadence.fortnightly_until_months))
        .ok_or_else(|| Error::InvalidInput("The first session is too far away.".into()))?;
    let fort_start = weekly_last + Duration::weeks(2);
    let fort_until = month_mark - Duration::days(1);
    let mut last_session = weekly_last;
    if fort_start.date() <= fort_until {
        let (end, clipped) = clip(RecurrenceEnd::Until { date: fort_until }, fort_until);
        if until_date.is_some_and(|d| d < fort_start.date()) {
            return Ok(out);
        }
        out.push(with(fort_start, weekly, 2, end));
        if clipped {
            return Ok(out);
        }
        let weeks = (fort_until - fort_start.date()).num_weeks() / 2 * 2;
        last_session = fort_start + Duration::weeks(weeks);
    }

    // Monthly on the same weekday of the month as the first session.
    let nth = ((start.day() - 1) / 7 + 1) as i8;
    let week = if nth >= 5 { -1 } else { nth };
    let from = (last_session + Duration::weeks(2)).max(month_mark.and_time(start.time()));
    if until_date.is_some_and(|d| d < from.date()) {
        return Ok(out);
    }
    out.push(with(
        from,
        Pattern::MonthlyByWeekday { week, weekday },
        1,
        overall_end,
    ));
    Ok(out)
}
