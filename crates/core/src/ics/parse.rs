//! Reading the text of a calendar file: size, nesting and event-count checks
//! before the parser sees it, properties and parameters, date-time values,
//! durations and UTC offsets.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use icalendar::parser::{self, Component, Property};

use super::{MAX_ICS_BYTES, MAX_ICS_DEPTH, MAX_ICS_EVENTS};
use crate::error::{Error, Result};

/// A file-level failure.
pub(super) fn not_ics() -> Error {
    Error::InvalidInput(
        "This file could not be read as an iCalendar (.ics) file. Export it again from your calendar program and try once more."
            .into(),
    )
}

/// Normalises line ends, unfolds, drops blank lines, and checks nesting and
/// the number of events before the parser sees anything.
pub(super) fn normalise(text: &str) -> Result<String> {
    if text.len() > MAX_ICS_BYTES {
        return Err(Error::TooLarge {
            what: "The calendar file",
            size: text.len(),
            limit: MAX_ICS_BYTES,
        });
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lf = text.replace("\r\n", "\n").replace('\r', "\n");
    let unfolded = parser::unfold(&lf);
    let mut out = String::with_capacity(unfolded.len());
    let mut depth = 0usize;
    let mut events = 0usize;
    let mut saw_calendar = false;
    for line in unfolded.lines() {
        if line.trim().is_empty() {
            continue;
        }
        let upper = line.get(..6).map(str::to_ascii_uppercase);
        if upper.as_deref() == Some("BEGIN:") {
            depth += 1;
            if depth > MAX_ICS_DEPTH {
                return Err(Error::InvalidInput(format!(
                    "This calendar file nests its parts more than {MAX_ICS_DEPTH} deep, which no calendar program does. It was not imported."
                )));
            }
            let name = line[6..].trim().to_ascii_uppercase();
            if name == "VEVENT" {
                events += 1;
                if events > MAX_ICS_EVENTS {
                    return Err(Error::InvalidInput(format!(
                        "This calendar file has more than {MAX_ICS_EVENTS} events. Export a shorter period and import it in parts."
                    )));
                }
            }
            if name == "VCALENDAR" {
                saw_calendar = true;
            }
        } else if line.get(..4).map(str::to_ascii_uppercase).as_deref() == Some("END:") {
            depth = depth.checked_sub(1).ok_or_else(not_ics)?;
        }
        out.push_str(line);
        out.push('\n');
    }
    if !saw_calendar {
        return Err(not_ics());
    }
    Ok(out)
}

pub(super) fn prop<'a>(c: &'a Component<'a>, name: &str) -> Option<&'a Property<'a>> {
    c.properties
        .iter()
        .find(|p| p.name.as_str().eq_ignore_ascii_case(name))
}

pub(super) fn props<'a>(
    c: &'a Component<'a>,
    name: &'a str,
) -> impl Iterator<Item = &'a Property<'a>> + 'a {
    c.properties
        .iter()
        .filter(move |p| p.name.as_str().eq_ignore_ascii_case(name))
}

pub(super) fn param<'a>(p: &'a Property<'a>, key: &str) -> Option<&'a str> {
    p.params
        .iter()
        .find(|x| x.key.as_str().eq_ignore_ascii_case(key))
        .and_then(|x| x.val.as_ref())
        .map(|v| v.as_str())
}

pub(super) fn value<'a>(p: &'a Property<'a>) -> &'a str {
    p.val.as_str().trim()
}

/// A date or time value as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum IcsTime {
    Utc(DateTime<Utc>),
    Local(NaiveDateTime, Option<String>),
    Date(NaiveDate),
}

pub(super) fn parse_time_text(v: &str, tzid: Option<&str>, date_only: bool) -> Option<IcsTime> {
    let v = v.trim();
    if date_only || (v.len() == 8 && !v.contains('T')) {
        return NaiveDate::parse_from_str(v, "%Y%m%d")
            .ok()
            .map(IcsTime::Date);
    }
    if let Some(z) = v.strip_suffix('Z').or_else(|| v.strip_suffix('z')) {
        let t = NaiveDateTime::parse_from_str(z, "%Y%m%dT%H%M%S").ok()?;
        return Some(IcsTime::Utc(t.and_utc()));
    }
    let t = NaiveDateTime::parse_from_str(v, "%Y%m%dT%H%M%S").ok()?;
    Some(IcsTime::Local(t, tzid.map(str::to_string)))
}

pub(super) fn parse_time(p: &Property<'_>) -> Option<IcsTime> {
    let date_only = param(p, "VALUE").is_some_and(|v| v.eq_ignore_ascii_case("DATE"));
    parse_time_text(value(p), param(p, "TZID"), date_only)
}

pub(super) fn parse_times(p: &Property<'_>) -> Vec<Option<IcsTime>> {
    let date_only = param(p, "VALUE").is_some_and(|v| v.eq_ignore_ascii_case("DATE"));
    value(p)
        .split(',')
        .filter(|s| !s.trim().is_empty())
        .map(|s| parse_time_text(s, param(p, "TZID"), date_only))
        .collect()
}

/// An ISO 8601 / RFC 5545 duration in minutes (`PT1H30M`, `P1D`, `-PT15M`).
pub(super) fn parse_duration(v: &str) -> Option<i64> {
    let v = v.trim();
    let (sign, rest) = match v.as_bytes().first()? {
        b'-' => (-1, &v[1..]),
        b'+' => (1, &v[1..]),
        _ => (1, v),
    };
    let rest = rest.strip_prefix('P').or_else(|| rest.strip_prefix('p'))?;
    let mut total: i64 = 0;
    let mut num = String::new();
    let mut in_time = false;
    let mut any = false;
    for ch in rest.chars() {
        match ch.to_ascii_uppercase() {
            'T' => in_time = true,
            c if c.is_ascii_digit() => num.push(c),
            unit => {
                let n: i64 = num.parse().ok()?;
                num.clear();
                any = true;
                let minutes = match (unit, in_time) {
                    ('W', false) => n.checked_mul(7 * 24 * 60)?,
                    ('D', false) => n.checked_mul(24 * 60)?,
                    ('H', true) => n.checked_mul(60)?,
                    ('M', true) => n,
                    ('S', true) => n / 60,
                    _ => return None,
                };
                total = total.checked_add(minutes)?;
            }
        }
    }
    (any && num.is_empty()).then_some(sign * total)
}

pub(super) fn parse_offset(v: &str) -> Option<i32> {
    let v = v.trim();
    let (sign, digits) = match v.as_bytes().first()? {
        b'+' => (1, &v[1..]),
        b'-' => (-1, &v[1..]),
        _ => return None,
    };
    if !(digits.len() == 4 || digits.len() == 6) || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let h: i32 = digits[0..2].parse().ok()?;
    let m: i32 = digits[2..4].parse().ok()?;
    let s: i32 = if digits.len() == 6 {
        digits[4..6].parse().ok()?
    } else {
        0
    };
    if h > 18 || m > 59 || s > 59 {
        return None;
    }
    Some(sign * (h * 3600 + m * 60 + s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_and_durations_parse() {
        assert_eq!(parse_offset("-0330"), Some(-12600));
        assert_eq!(parse_duration("PT1H30M"), Some(90));
        assert_eq!(parse_duration("-PT15M"), Some(-15));
        assert_eq!(parse_duration("P1W"), Some(7 * 24 * 60));
        assert_eq!(parse_duration("PT"), None);
        assert_eq!(parse_duration("P1H"), None);
    }
}
