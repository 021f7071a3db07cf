//! `VTIMEZONE` blocks read from a file: their observances (each change of
//! UTC offset), capped, and the onsets they give in a few years — used to
//! match an unknown zone name to a known zone by its offsets.
//!
//! Hostile input is bounded by construction and counted:
//! - at most [`MAX_OBSERVANCES`] observances are read from one block and
//!   [`MAX_FILE_OBSERVANCES`] from the whole file (the rest are ignored, with
//!   a note);
//! - an observance's `RRULE` is evaluated here, not by a general recurrence
//!   engine: only the yearly rules time zones use ("the last Sunday of
//!   March", "the Sunday on or after the 8th", "the 1st of April") are
//!   understood, one step per year, and only the years asked for are
//!   visited (a rule with `COUNT` walks from its first year, at most
//!   [`MAX_ZONE_RULE_YEARS`] years). Any other rule is ignored and the
//!   observance counts once, at its `DTSTART`.

use std::collections::HashMap;

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, Utc};
use icalendar::parser::Component;

use super::parse::{parse_offset, parse_time, parse_time_text, prop, value, IcsTime};
use super::recur::parse_byday;
use super::zones;

/// Most observances read from one `VTIMEZONE` block.
pub const MAX_OBSERVANCES: usize = 300;
/// Most observances read from one file.
pub const MAX_FILE_OBSERVANCES: usize = 1500;
/// Most years a zone rule with a `COUNT` is walked from its first year.
pub const MAX_ZONE_RULE_YEARS: i32 = 400;

/// A `VTIMEZONE` block: its observances.
#[derive(Debug, Clone, Default)]
pub(super) struct VTimezone {
    pub observances: Vec<Observance>,
}

/// One observance: from `start` (local, read with the `from` offset) the
/// offset is `to`, once or by a yearly rule.
#[derive(Debug, Clone)]
pub(super) struct Observance {
    pub start: NaiveDateTime,
    pub from: i32,
    pub to: i32,
    pub rule: Option<YearlyRule>,
}

/// The yearly rules time zones use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct YearlyRule {
    month: u32,
    /// `(n, weekday)`: the nth (negative: from the end) weekday; with
    /// `monthdays`, `n` is `None` and the weekday must fall on one of them.
    byday: Option<(Option<i8>, chrono::Weekday)>,
    monthdays: Vec<u32>,
    until: Option<NaiveDateTime>,
    count: Option<u32>,
}

impl YearlyRule {
    /// Parses `FREQ=YEARLY;BYMONTH=…` with `BYDAY` and/or `BYMONTHDAY`;
    /// `None` for any other rule.
    pub(super) fn parse(rule: &str) -> Option<YearlyRule> {
        let mut freq = None;
        let mut month = None;
        let mut byday = None;
        let mut monthdays = Vec::new();
        let mut until = None;
        let mut count = None;
        for part in rule.split(';').filter(|p| !p.trim().is_empty()) {
            let (k, v) = part.split_once('=')?;
            let v = v.trim();
            match k.trim().to_ascii_uppercase().as_str() {
                "FREQ" => freq = Some(v.to_ascii_uppercase()),
                "BYMONTH" => month = Some(v.parse::<u32>().ok().filter(|m| (1..=12).contains(m))?),
                "BYDAY" => byday = Some(parse_byday(v).map(|(n, w)| (n, w.to_chrono()))?),
                "BYMONTHDAY" => {
                    for d in v.split(',') {
                        let d: u32 = d.trim().parse().ok().filter(|d| (1..=31).contains(d))?;
                        monthdays.push(d);
                    }
                    if monthdays.len() > 31 {
                        return None;
                    }
                }
                "UNTIL" => {
                    until = Some(match parse_time_text(v, None, false)? {
                        IcsTime::Utc(t) => t.naive_utc(),
                        IcsTime::Local(t, _) => t,
                        IcsTime::Date(d) => d.and_hms_opt(23, 59, 59)?,
                    })
                }
                "COUNT" => count = Some(v.parse::<u32>().ok()?),
                "INTERVAL" if v == "1" => {}
                "WKST" => {}
                _ => return None,
            }
        }
        let rule = YearlyRule {
            month: month?,
            byday,
            monthdays,
            until,
            count,
        };
        (freq.as_deref() == Some("YEARLY") && (rule.byday.is_some() || !rule.monthdays.is_empty()))
            .then_some(rule)
    }

    /// The rule's date in `year`, if it has one.
    fn date_in(&self, year: i32) -> Option<NaiveDate> {
        match (&self.byday, self.monthdays.as_slice()) {
            (Some((Some(n), wd)), []) => nth_weekday(year, self.month, *n, *wd),
            (Some((None, wd)), days) if !days.is_empty() => days
                .iter()
                .filter_map(|d| NaiveDate::from_ymd_opt(year, self.month, *d))
                .filter(|d| d.weekday() == *wd)
                .min(),
            (None, [d]) => NaiveDate::from_ymd_opt(year, self.month, *d),
            _ => None,
        }
    }
}

/// The nth weekday of a month; negative counts from the end.
fn nth_weekday(year: i32, month: u32, n: i8, wd: chrono::Weekday) -> Option<NaiveDate> {
    match n {
        1..=5 => zones::nth_weekday(year, month, n, wd),
        -5..=-1 => {
            let last = zones::nth_weekday(year, month, -1, wd)?;
            let d = last - Duration::weeks(i64::from(-n - 1));
            (d.month() == month).then_some(d)
        }
        _ => None,
    }
}

/// What reading the `VTIMEZONE` blocks of a file found and how much work it
/// took.
#[derive(Debug, Default)]
pub(super) struct ZoneBlocks {
    pub zones: HashMap<String, VTimezone>,
    /// Observances read (at most [`MAX_FILE_OBSERVANCES`]).
    pub observances: usize,
    /// Observances left unread because of the caps.
    pub ignored: usize,
}

impl ZoneBlocks {
    /// Reads one block (until the per-block and per-file caps).
    pub fn add(&mut self, c: &Component<'_>) {
        let Some(id) = prop(c, "TZID") else {
            return;
        };
        let mut observances = Vec::new();
        for sub in &c.components {
            let name = sub.name.as_str();
            if !(name.eq_ignore_ascii_case("STANDARD") || name.eq_ignore_ascii_case("DAYLIGHT")) {
                continue;
            }
            if observances.len() >= MAX_OBSERVANCES || self.observances >= MAX_FILE_OBSERVANCES {
                self.ignored += 1;
                continue;
            }
            self.observances += 1;
            let start = prop(sub, "DTSTART")
                .and_then(parse_time)
                .and_then(|t| match t {
                    IcsTime::Local(t, _) => Some(t),
                    IcsTime::Utc(t) => Some(t.naive_utc()),
                    IcsTime::Date(d) => d.and_hms_opt(0, 0, 0),
                });
            let from = prop(sub, "TZOFFSETFROM").and_then(|p| parse_offset(value(p)));
            let to = prop(sub, "TZOFFSETTO").and_then(|p| parse_offset(value(p)));
            if let (Some(start), Some(from), Some(to)) = (start, from, to) {
                observances.push(Observance {
                    start,
                    from,
                    to,
                    rule: prop(sub, "RRULE").and_then(|p| YearlyRule::parse(value(p))),
                });
            }
        }
        self.zones.insert(
            value(id).trim_matches('"').to_string(),
            VTimezone { observances },
        );
    }

    /// The note for the file when observances were left unread.
    pub fn note(&self) -> Option<String> {
        (self.ignored > 0).then(|| {
            format!(
                "The time zones in this file list more changes of offset than Confidant reads ({} were ignored); times in them may need checking.",
                self.ignored
            )
        })
    }
}

impl VTimezone {
    /// Onsets (UTC instant, new offset) in the years `y0..=y1`, sorted.
    /// Each year a rule is evaluated for adds one to `steps`.
    pub fn onsets(&self, y0: i32, y1: i32, steps: &mut u64) -> Vec<(DateTime<Utc>, i32)> {
        let mut out = Vec::new();
        for o in &self.observances {
            let mut locals = Vec::new();
            match &o.rule {
                None => locals.push(o.start),
                Some(rule) => {
                    // With a count, occurrences are numbered from the first
                    // year; otherwise only the years asked for are visited.
                    let first = if rule.count.is_some() {
                        o.start.year()
                    } else {
                        o.start.year().max(y0)
                    };
                    let last = y1.min(first.saturating_add(MAX_ZONE_RULE_YEARS));
                    let mut seen = 0u32;
                    for year in first..=last {
                        *steps += 1;
                        let Some(at) = rule
                            .date_in(year)
                            .map(|d| d.and_time(o.start.time()))
                            .filter(|t| *t >= o.start)
                        else {
                            continue;
                        };
                        if rule.until.is_some_and(|u| at > u) {
                            break;
                        }
                        seen += 1;
                        if rule.count.is_some_and(|c| seen > c) {
                            break;
                        }
                        if year >= y0 {
                            locals.push(at);
                        }
                    }
                }
            }
            for l in locals {
                out.push(((l - Duration::seconds(i64::from(o.from))).and_utc(), o.to));
            }
        }
        out.sort();
        out
    }
}

/// Offset at `t` given sorted onsets; before the first, that observance's
/// "from" offset.
pub(super) fn offset_from_onsets(
    onsets: &[(DateTime<Utc>, i32)],
    before_first: i32,
    t: DateTime<Utc>,
) -> i32 {
    match onsets.partition_point(|(at, _)| *at <= t) {
        0 => before_first,
        i => onsets[i - 1].1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yearly_zone_rules_are_evaluated_one_year_at_a_time() {
        let last_sunday = YearlyRule::parse("FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU").expect("rule");
        assert_eq!(
            last_sunday.date_in(2026),
            NaiveDate::from_ymd_opt(2026, 3, 29)
        );
        let second = YearlyRule::parse("FREQ=YEARLY;BYMONTH=3;BYDAY=2SU").expect("rule");
        assert_eq!(second.date_in(2026), NaiveDate::from_ymd_opt(2026, 3, 8));
        let on_or_after =
            YearlyRule::parse("FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=8,9,10,11,12,13,14;BYDAY=SU")
                .expect("rule");
        assert_eq!(
            on_or_after.date_in(2026),
            NaiveDate::from_ymd_opt(2026, 3, 8)
        );
        // Impossible or unusual rules are not understood: never expanded.
        let feb30 = YearlyRule::parse("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30").expect("rule");
        assert_eq!(feb30.date_in(2026), None);
        assert_eq!(YearlyRule::parse("FREQ=SECONDLY"), None);
        assert_eq!(
            YearlyRule::parse("FREQ=YEARLY;INTERVAL=1000000;BYMONTH=3;BYDAY=-1SU"),
            None
        );
        assert_eq!(
            YearlyRule::parse("FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU;BYHOUR=1"),
            None
        );

        let o = Observance {
            start: NaiveDate::from_ymd_opt(1601, 3, 25)
                .and_then(|d| d.and_hms_opt(1, 0, 0))
                .expect("t"),
            from: 0,
            to: 3600,
            rule: Some(last_sunday),
        };
        let v = VTimezone {
            observances: vec![o],
        };
        let mut steps = 0;
        let onsets = v.onsets(2025, 2028, &mut steps);
        assert_eq!(onsets.len(), 4);
        assert_eq!(steps, 4, "only the years asked for, from a 1601 start");
    }
}
