//! Repeat rules in a calendar file mapped onto the schedule's own rules
//! (weekly on some days, every N weeks, monthly by date or by weekday);
//! anything else is a reason to skip the event. No rule from the file is
//! expanded here.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDateTime};
use chrono_tz::Tz;

use super::parse::{parse_time_text, IcsTime};
use crate::schedule::time::local_of;
use crate::schedule::{
    Pattern, Recurrence, RecurrenceEnd, Weekday, MAX_COUNT, MAX_INTERVAL, MAX_SERIES_YEARS,
};

pub(super) fn clean_text(s: &str, max: usize) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .take(max)
        .collect()
}

pub(super) fn weekday_code(code: &str) -> Option<Weekday> {
    Some(match code.to_ascii_uppercase().as_str() {
        "MO" => Weekday::Monday,
        "TU" => Weekday::Tuesday,
        "WE" => Weekday::Wednesday,
        "TH" => Weekday::Thursday,
        "FR" => Weekday::Friday,
        "SA" => Weekday::Saturday,
        "SU" => Weekday::Sunday,
        _ => return None,
    })
}

/// `2TU` → (Some(2), Tuesday); `TU` → (None, Tuesday).
pub(super) fn parse_byday(s: &str) -> Option<(Option<i8>, Weekday)> {
    let s = s.trim();
    if s.len() < 2 {
        return None;
    }
    // Checked: two bytes from the end can fall inside a multi-byte
    // character in a hostile file (found by fuzzing: `BYDAY=1€`).
    let (num, code) = s.split_at_checked(s.len() - 2)?;
    let day = weekday_code(code)?;
    if num.is_empty() {
        return Some((None, day));
    }
    Some((Some(num.trim_start_matches('+').parse().ok()?), day))
}

/// Maps an `RRULE` onto the schedule's rules. `Err` is the reason it cannot.
pub(super) fn map_rrule(
    rule: &str,
    start: NaiveDateTime,
    tz: Tz,
    notes: &mut Vec<String>,
) -> std::result::Result<Recurrence, String> {
    let unsupported =
        |what: &str| format!("It repeats {what}, which Confidant's schedule does not support.");
    let mut parts: HashMap<String, String> = HashMap::new();
    for part in rule.split(';').filter(|p| !p.trim().is_empty()) {
        let (k, v) = part
            .split_once('=')
            .ok_or_else(|| "Its repeat rule is not valid.".to_string())?;
        parts.insert(k.trim().to_ascii_uppercase(), v.trim().to_string());
    }
    for k in parts.keys() {
        if ![
            "FREQ",
            "INTERVAL",
            "COUNT",
            "UNTIL",
            "BYDAY",
            "BYMONTHDAY",
            "BYSETPOS",
            "WKST",
        ]
        .contains(&k.as_str())
        {
            return Err(unsupported("in a way (such as by month or hour)"));
        }
    }
    let interval: u16 = match parts.get("INTERVAL") {
        None => 1,
        Some(v) => v
            .parse()
            .map_err(|_| "Its repeat interval is not valid.".to_string())?,
    };
    if interval == 0 {
        return Err("Its repeat interval is 0.".into());
    }
    let freq = parts
        .get("FREQ")
        .map(|f| f.to_ascii_uppercase())
        .unwrap_or_default();
    let bydays: Vec<(Option<i8>, Weekday)> = match parts.get("BYDAY") {
        None => Vec::new(),
        Some(v) => v
            .split(',')
            .map(parse_byday)
            .collect::<Option<Vec<_>>>()
            .ok_or_else(|| "Its repeat rule has days that are not valid.".to_string())?,
    };
    let setpos: Option<i8> = match parts.get("BYSETPOS") {
        None => None,
        Some(v) => Some(
            v.parse()
                .map_err(|_| unsupported("on several positions in the month"))?,
        ),
    };
    let monthdays: Vec<i8> = match parts.get("BYMONTHDAY") {
        None => Vec::new(),
        Some(v) => v
            .split(',')
            .map(|d| d.trim().parse::<i8>())
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(|_| "Its days of the month are not valid.".to_string())?,
    };
    let (pattern, interval) = match freq.as_str() {
        "WEEKLY" => {
            if setpos.is_some() || !monthdays.is_empty() || bydays.iter().any(|(n, _)| n.is_some())
            {
                return Err(unsupported("weekly with positions"));
            }
            (
                Pattern::Weekly {
                    weekdays: bydays.iter().map(|(_, d)| *d).collect(),
                },
                interval,
            )
        }
        "DAILY"
            if interval % 7 == 0
                && bydays.is_empty()
                && monthdays.is_empty()
                && setpos.is_none() =>
        {
            (
                Pattern::Weekly {
                    weekdays: Vec::new(),
                },
                interval / 7,
            )
        }
        "DAILY" => return Err(unsupported("daily")),
        "MONTHLY" => match (bydays.as_slice(), monthdays.as_slice(), setpos) {
            ([], [], None) => (
                Pattern::MonthlyByDate {
                    day: start.day() as i8,
                },
                interval,
            ),
            ([], [d], None) => (Pattern::MonthlyByDate { day: *d }, interval),
            ([(Some(n), d)], [], None) => (
                Pattern::MonthlyByWeekday {
                    week: *n,
                    weekday: *d,
                },
                interval,
            ),
            ([(None, d)], [], Some(n)) => (
                Pattern::MonthlyByWeekday {
                    week: n,
                    weekday: *d,
                },
                interval,
            ),
            _ => return Err(unsupported("monthly on several days")),
        },
        "YEARLY" => return Err(unsupported("yearly")),
        "HOURLY" | "MINUTELY" | "SECONDLY" => return Err(unsupported("more than once a day")),
        _ => return Err("Its repeat rule has no valid frequency.".into()),
    };
    if interval > MAX_INTERVAL {
        return Err(format!("It repeats only every {interval} weeks or months; Confidant allows at most {MAX_INTERVAL}."));
    }
    let count = match parts.get("COUNT") {
        None => None,
        Some(v) => Some(
            v.parse::<u64>()
                .map_err(|_| "Its number of repeats is not valid.".to_string())?,
        ),
    };
    let end = match (count, parts.get("UNTIL")) {
        (Some(0), _) => return Err("Its repeat rule gives no sessions (a count of 0).".into()),
        (Some(c), until) => {
            if until.is_some() {
                notes.push(
                    "The repeat rule gave both a count and an end date; the count was used.".into(),
                );
            }
            if c > u64::from(MAX_COUNT) {
                notes.push(format!(
                    "It repeats {c} times; Confidant imports the first {MAX_COUNT} sessions."
                ));
                RecurrenceEnd::Count { count: MAX_COUNT }
            } else {
                RecurrenceEnd::Count { count: c as u32 }
            }
        }
        (None, Some(u)) => {
            let last_date = match parse_time_text(u, None, false) {
                Some(IcsTime::Date(d)) => d,
                Some(IcsTime::Utc(t)) => {
                    let l = local_of(tz, t);
                    if l.time() >= start.time() {
                        l.date()
                    } else {
                        l.date().pred_opt().unwrap_or(l.date())
                    }
                }
                Some(IcsTime::Local(l, _)) => {
                    if l.time() >= start.time() {
                        l.date()
                    } else {
                        l.date().pred_opt().unwrap_or(l.date())
                    }
                }
                None => return Err("Its repeat end date is not valid.".into()),
            };
            let limit = start
                .date()
                .checked_add_months(chrono::Months::new(12 * MAX_SERIES_YEARS as u32))
                .unwrap_or(start.date());
            if last_date > limit {
                notes.push(format!(
                    "Its end date is more than {MAX_SERIES_YEARS} years away, so it was imported with no end."
                ));
                RecurrenceEnd::Never
            } else {
                RecurrenceEnd::Until { date: last_date }
            }
        }
        (None, None) => RecurrenceEnd::Never,
    };
    Ok(Recurrence {
        pattern,
        interval,
        end,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byday_parses() {
        assert_eq!(parse_byday("2TU"), Some((Some(2), Weekday::Tuesday)));
        assert_eq!(parse_byday("-1FR"), Some((Some(-1), Weekday::Friday)));
        assert_eq!(parse_byday("+1mo"), Some((Some(1), Weekday::Monday)));
        assert_eq!(parse_byday("XX"), None);
        // A multi-byte character where the day code would be (fuzzing).
        assert_eq!(parse_byday("1€"), None);
        assert_eq!(parse_byday("€TU"), None);
    }
}
