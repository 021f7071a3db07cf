//! A rule in words, and the sessions a series would create before it is
//! saved (the form's live preview).

use chrono::{DateTime, NaiveDateTime, Utc};

use super::rules::{check_range, placed_between, validate_timing};
use super::time::{self, hm, long_date};
use super::{
    Pattern, PreviewOccurrence, Recurrence, RecurrenceEnd, SeriesInput, SeriesPreview,
    MAX_OCCURRENCES_PER_SERIES,
};
use crate::error::Result;

fn ordinal(n: i8) -> String {
    match n {
        -1 => "last".into(),
        1 | 21 | 31 => format!("{n}st"),
        2 | 22 => format!("{n}nd"),
        3 | 23 => format!("{n}rd"),
        _ => format!("{n}th"),
    }
}

fn join_names(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} and {}", init.join(", "), last),
    }
}

/// The rule in words: "Monthly on the 2nd Tuesday at 10:00, 12 sessions
/// (Europe/London)".
pub fn describe_recurrence(
    recurrence: Option<&Recurrence>,
    start: NaiveDateTime,
    time_zone: &str,
) -> String {
    let Some(rec) = recurrence else {
        return format!(
            "One session on {} at {} ({time_zone})",
            long_date(start),
            hm(start)
        );
    };
    let every = |unit: &str, plural: &str| {
        if rec.interval == 1 {
            unit.to_string()
        } else {
            format!("Every {} {plural}", rec.interval)
        }
    };
    let what = match &rec.pattern {
        Pattern::Weekly { weekdays } => {
            let names: Vec<&str> = weekdays.iter().map(|w| w.name()).collect();
            format!("{} on {}", every("Weekly", "weeks"), join_names(&names))
        }
        Pattern::MonthlyByDate { day } => {
            if *day == -1 {
                format!("{} on the last day", every("Monthly", "months"))
            } else {
                format!("{} on the {}", every("Monthly", "months"), ordinal(*day))
            }
        }
        Pattern::MonthlyByWeekday { week, weekday } => format!(
            "{} on the {} {}",
            every("Monthly", "months"),
            ordinal(*week),
            weekday.name()
        ),
    };
    let end = match rec.end {
        RecurrenceEnd::Never => String::new(),
        RecurrenceEnd::Until { date } => format!(", until {}", date.format("%A %-d %B %Y")),
        RecurrenceEnd::Count { count: 1 } => ", 1 session".into(),
        RecurrenceEnd::Count { count } => format!(", {count} sessions"),
    };
    format!(
        "{what} at {}{end}, starting {} ({time_zone})",
        hm(start),
        start.format("%-d %B %Y")
    )
}

/// The sessions a series input would create in `[from, to)`, without
/// saving anything (for the "new series" form and for tests).
pub fn preview_series(
    input: &SeriesInput,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<SeriesPreview> {
    check_range(from, to)?;
    let (timing, notes) = validate_timing(
        &input.time_zone,
        input.start,
        input.end,
        input.recurrence.as_ref(),
    )?;
    let (slots, truncated) = placed_between(&timing, from, to, MAX_OCCURRENCES_PER_SERIES);
    let occurrences = slots
        .into_iter()
        .map(|(_, start, end, note)| PreviewOccurrence {
            start,
            end,
            local_start: time::local_of(timing.tz, start),
            local_end: time::local_of(timing.tz, end),
            note,
        })
        .collect();
    Ok(SeriesPreview {
        first_local_start: timing.start,
        description: describe_recurrence(
            timing.recurrence.as_ref(),
            timing.start,
            timing.tz.name(),
        ),
        occurrences,
        truncated,
        notes,
    })
}
