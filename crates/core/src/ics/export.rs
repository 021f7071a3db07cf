//! Writing the schedule as an iCalendar file: one `VEVENT` per series,
//! `EXDATE`s for cancelled sessions, `RECURRENCE-ID` events for moved ones,
//! `VTIMEZONE` blocks from the time-zone database, private titles.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use chrono_tz::Tz;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use super::{zones, UID_DOMAIN};
use crate::error::{Error, Result};
use crate::keys::KeyRing;
use crate::schedule::records::{self, LoadedSeries, Overrides};
use crate::schedule::time::place;
use crate::schedule::{
    OccurrenceKey, Pattern, Recurrence, RecurrenceEnd, SessionStatus, Weekday,
    DEFAULT_REMINDER_MINUTES, MAX_REMINDER_MINUTES,
};

/// How much an exported event title says about who the session is with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Privacy {
    /// "Supervision" only (the default).
    #[default]
    Generic,
    /// "Supervision (S.J.)": the series' calendar code, or the initials.
    Initials,
    /// "Supervision – Sam Jones".
    FullName,
}

/// What to export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ExportOptions {
    /// One person's (or group's) sessions, or everyone's.
    pub person_id: Option<String>,
    /// What the titles say.
    pub privacy: Privacy,
    /// Write each series' location.
    pub include_location: bool,
    /// Reminder lead time for series that use the default.
    pub default_reminder_minutes: u32,
}

impl Default for ExportOptions {
    fn default() -> Self {
        ExportOptions {
            person_id: None,
            privacy: Privacy::Generic,
            include_location: false,
            default_reminder_minutes: DEFAULT_REMINDER_MINUTES,
        }
    }
}

/// An exported calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct IcsExport {
    /// The file's text (CRLF line ends, folded at 75 octets).
    pub ics: String,
    /// Series exported.
    pub series: u32,
    /// Series that failed their integrity check and were left out.
    pub damaged: Vec<String>,
    /// Single sessions whose change failed its integrity check: left out of
    /// their (exported) series.
    pub damaged_sessions: Vec<OccurrenceKey>,
}

/// The iCalendar `UID` of a series.
pub fn series_uid(series_id: &str) -> String {
    format!("{series_id}@{UID_DOMAIN}")
}

/// Lines with CRLF ends, folded at 75 octets without splitting a character.
struct Writer {
    out: String,
}

impl Writer {
    fn line(&mut self, content: &str) {
        let mut width = 0;
        for ch in content.chars() {
            let n = ch.len_utf8();
            if width + n > 75 {
                self.out.push_str("\r\n ");
                width = 1;
            }
            self.out.push(ch);
            width += n;
        }
        self.out.push_str("\r\n");
    }

    fn prop(&mut self, name: &str, value: &str) {
        self.line(&format!("{name}:{value}"));
    }
}

/// Escapes a TEXT value (RFC 5545 §3.3.11); control characters are dropped.
fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

fn fmt_local(t: NaiveDateTime) -> String {
    t.format("%Y%m%dT%H%M%S").to_string()
}

fn fmt_utc(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

fn fmt_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.abs();
    let (h, m, sec) = (s / 3600, (s % 3600) / 60, s % 60);
    if sec == 0 {
        format!("{sign}{h:02}{m:02}")
    } else {
        format!("{sign}{h:02}{m:02}{sec:02}")
    }
}

fn fmt_duration(minutes: u32) -> String {
    let (h, m) = (minutes / 60, minutes % 60);
    match (h, m) {
        (0, 0) => "PT0S".into(),
        (0, m) => format!("PT{m}M"),
        (h, 0) => format!("PT{h}H"),
        (h, m) => format!("PT{h}H{m}M"),
    }
}

fn is_utc(tz: Tz) -> bool {
    tz == chrono_tz::UTC || tz == chrono_tz::Etc::UTC
}

/// `DTSTART`-style property for a wall-clock time in the series' zone.
fn time_prop(w: &mut Writer, name: &str, tz: Tz, local: NaiveDateTime) {
    if is_utc(tz) {
        w.prop(name, &format!("{}Z", fmt_local(local)));
    } else {
        w.prop(&format!("{name};TZID={}", tz.name()), &fmt_local(local));
    }
}

fn rrule_text(rec: &Recurrence, tz: Tz) -> String {
    let mut s = String::new();
    match &rec.pattern {
        Pattern::Weekly { weekdays } => {
            let days: Vec<&str> = weekdays.iter().map(|d| d.ics_code()).collect();
            let _ = write!(
                s,
                "FREQ=WEEKLY;INTERVAL={};BYDAY={};WKST=MO",
                rec.interval,
                days.join(",")
            );
        }
        Pattern::MonthlyByDate { day } => {
            let _ = write!(s, "FREQ=MONTHLY;INTERVAL={};BYMONTHDAY={day}", rec.interval);
        }
        Pattern::MonthlyByWeekday { week, weekday } => {
            let _ = write!(
                s,
                "FREQ=MONTHLY;INTERVAL={};BYDAY={week}{}",
                rec.interval,
                weekday.ics_code()
            );
        }
    }
    match rec.end {
        RecurrenceEnd::Never => {}
        RecurrenceEnd::Count { count } => {
            let _ = write!(s, ";COUNT={count}");
        }
        RecurrenceEnd::Until { date } => {
            // RFC 5545: with a TZID start, UNTIL is in UTC. The end of the
            // last local day, placed in the zone.
            let last = date.and_time(NaiveTime::from_hms_opt(23, 59, 59).unwrap_or(NaiveTime::MIN));
            let _ = write!(s, ";UNTIL={}", fmt_utc(place(tz, last).utc));
        }
    }
    s
}

/// Does a yearly "nth weekday of month" rule reproduce the transitions of
/// this kind after the exported span? Returns the RRULE value when it does.
fn verified_zone_rule(
    last: &zones::Transition,
    tail: &[zones::Transition],
    first_year: i32,
) -> Option<String> {
    let local = last.local_before();
    let (n, weekday) = zones::weekday_rule(local.date());
    let month = local.month();
    let later: Vec<&zones::Transition> = tail
        .iter()
        .filter(|t| t.daylight == last.daylight)
        .collect();
    if later.len() != 10 {
        return None;
    }
    for (i, t) in later.iter().enumerate() {
        let expected =
            zones::nth_weekday(first_year + i as i32, month, n, weekday)?.and_time(local.time());
        if t.local_before() != expected || t.from != last.from || t.to != last.to {
            return None;
        }
    }
    Some(format!(
        "FREQ=YEARLY;BYMONTH={month};BYDAY={n}{}",
        Weekday::from_chrono(weekday).ics_code()
    ))
}

fn observance(
    w: &mut Writer,
    daylight: bool,
    start: NaiveDateTime,
    from: i32,
    to: i32,
    name: Option<&str>,
    rule: Option<&str>,
) {
    let kind = if daylight { "DAYLIGHT" } else { "STANDARD" };
    w.prop("BEGIN", kind);
    w.prop("DTSTART", &fmt_local(start));
    if let Some(r) = rule {
        w.prop("RRULE", r);
    }
    w.prop("TZOFFSETFROM", &fmt_offset(from));
    w.prop("TZOFFSETTO", &fmt_offset(to));
    if let Some(n) = name {
        w.prop("TZNAME", &escape_text(n));
    }
    w.prop("END", kind);
}

/// A `VTIMEZONE` for `tz` covering `from_year..=to_year` (and beyond, by
/// rule, when the zone's rule is stable).
fn write_vtimezone(w: &mut Writer, tz: Tz, from_year: i32, to_year: i32) {
    w.prop("BEGIN", "VTIMEZONE");
    w.prop("TZID", tz.name());
    w.prop("X-LIC-LOCATION", tz.name());
    let span = zones::transitions(tz, from_year, to_year);
    let begin = NaiveDate::from_ymd_opt(from_year, 1, 1)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .unwrap_or_default();
    let (off, name, daylight) = zones::zone_state(tz, begin.and_utc());
    // The state at the start of the span, so earlier times have an offset.
    observance(
        w,
        daylight,
        begin + Duration::seconds(i64::from(off)),
        off,
        off,
        name.as_deref(),
        None,
    );
    if !span.is_empty() {
        let tail = zones::transitions(tz, to_year + 1, to_year + 10);
        for (i, t) in span.iter().enumerate() {
            let last_of_kind = !span[i + 1..].iter().any(|u| u.daylight == t.daylight);
            let rule = if last_of_kind {
                verified_zone_rule(t, &tail, to_year + 1)
            } else {
                None
            };
            observance(
                w,
                t.daylight,
                t.local_before(),
                t.from,
                t.to,
                t.name.as_deref(),
                rule.as_deref(),
            );
        }
    }
    w.prop("END", "VTIMEZONE");
}

fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|word| word.chars().find(|c| c.is_alphabetic()))
        .take(4)
        .map(|c| format!("{}.", c.to_uppercase()))
        .collect()
}

fn title(s: &LoadedSeries, privacy: Privacy, names: &HashMap<String, String>) -> String {
    let generic = s.kind.generic_title();
    let name = names.get(&s.person_id).map(String::as_str).unwrap_or("");
    match privacy {
        Privacy::Generic => generic.to_string(),
        Privacy::Initials => {
            let code = if s.body.calendar_code.is_empty() {
                initials(name)
            } else {
                s.body.calendar_code.clone()
            };
            if code.is_empty() {
                generic.to_string()
            } else {
                format!("{generic} ({code})")
            }
        }
        Privacy::FullName if name.is_empty() => generic.to_string(),
        Privacy::FullName => format!("{generic} – {name}"),
    }
}

fn person_names(
    conn: &Connection,
    ring: &KeyRing,
    ids: &BTreeSet<String>,
) -> Result<HashMap<String, String>> {
    let mut out = HashMap::new();
    for id in ids {
        // A damaged record gives no name: the title stays generic.
        match crate::people::load(conn, ring, id) {
            Ok(Some(person)) => {
                out.insert(id.clone(), person.fields.name);
            }
            Ok(None) | Err(Error::Integrity(_)) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(out)
}

struct EventText<'a> {
    uid: &'a str,
    stamp: &'a str,
    sequence: i64,
    created: DateTime<Utc>,
    modified: DateTime<Utc>,
    summary: &'a str,
    location: Option<&'a str>,
    alarm: Option<u32>,
}

fn event_common(w: &mut Writer, e: &EventText<'_>) {
    w.prop("UID", e.uid);
    w.prop("DTSTAMP", e.stamp);
    w.prop("CREATED", &fmt_utc(e.created));
    w.prop("LAST-MODIFIED", &fmt_utc(e.modified));
    w.prop("SEQUENCE", &e.sequence.to_string());
}

fn event_tail(w: &mut Writer, e: &EventText<'_>, cancelled: bool) {
    w.prop("SUMMARY", &escape_text(e.summary));
    if let Some(loc) = e.location.filter(|l| !l.is_empty()) {
        w.prop("LOCATION", &escape_text(loc));
    }
    w.prop("CLASS", "PRIVATE");
    w.prop("TRANSP", "OPAQUE");
    w.prop("STATUS", if cancelled { "CANCELLED" } else { "CONFIRMED" });
    if let (Some(minutes), false) = (e.alarm, cancelled) {
        w.prop("BEGIN", "VALARM");
        w.prop("ACTION", "DISPLAY");
        w.prop("DESCRIPTION", &escape_text(e.summary));
        w.prop("TRIGGER", &format!("-{}", fmt_duration(minutes)));
        w.prop("END", "VALARM");
    }
}

fn write_series(w: &mut Writer, s: &LoadedSeries, all: &Overrides, e: &EventText<'_>) {
    let tz = s.timing.tz;
    let overrides = &all.ok;
    match &s.timing.recurrence {
        None => {
            // A one-off: its (possibly moved) time; cancelled is a status.
            let ov = overrides.iter().find(|o| o.original == s.timing.start);
            let body = ov.map(|o| o.body.clone()).unwrap_or_default();
            let (local, _, _) = records::effective_times(&s.timing, s.timing.start, &body);
            let minutes = body
                .moved
                .map_or(s.timing.duration_minutes, |m| m.duration_minutes);
            let cancelled = ov.is_some_and(|o| o.status == SessionStatus::Cancelled);
            w.prop("BEGIN", "VEVENT");
            event_common(w, e);
            time_prop(w, "DTSTART", tz, local);
            w.prop("DURATION", &fmt_duration(minutes));
            event_tail(w, e, cancelled);
            w.prop("END", "VEVENT");
        }
        Some(rec) => {
            w.prop("BEGIN", "VEVENT");
            event_common(w, e);
            time_prop(w, "DTSTART", tz, s.timing.start);
            w.prop("DURATION", &fmt_duration(s.timing.duration_minutes));
            w.prop("RRULE", &rrule_text(rec, tz));
            for o in overrides
                .iter()
                .filter(|o| o.status == SessionStatus::Cancelled)
            {
                time_prop(w, "EXDATE", tz, o.original);
            }
            // A session whose change failed its integrity check is left out
            // rather than shown as planned (it is listed in the result).
            for original in &all.damaged {
                time_prop(w, "EXDATE", tz, *original);
            }
            event_tail(w, e, false);
            w.prop("END", "VEVENT");
            for o in overrides
                .iter()
                .filter(|o| o.status != SessionStatus::Cancelled)
            {
                let Some(m) = o.body.moved else {
                    continue;
                };
                w.prop("BEGIN", "VEVENT");
                event_common(w, e);
                time_prop(w, "RECURRENCE-ID", tz, o.original);
                time_prop(w, "DTSTART", tz, m.start);
                w.prop("DURATION", &fmt_duration(m.duration_minutes));
                event_tail(w, e, false);
                w.prop("END", "VEVENT");
            }
        }
    }
}

/// Exports the schedule (one person's or everyone's) as an iCalendar file
/// (see [`super::Calendar::export`]).
pub(super) fn export(
    conn: &Connection,
    ring: &KeyRing,
    options: &ExportOptions,
    now: DateTime<Utc>,
) -> Result<IcsExport> {
    let person = options
        .person_id
        .as_deref()
        .map(|p| records::parse_id("That person's", p))
        .transpose()?;
    if options.default_reminder_minutes > MAX_REMINDER_MINUTES {
        return Err(Error::InvalidInput(
            "A reminder can be at most a week before the session.".into(),
        ));
    }
    if let Some(p) = &person {
        // A damaged record still exists: its sessions are exported by
        // their generic titles.
        match crate::people::load(conn, ring, p) {
            Ok(None) => return Err(Error::NotFound("That person")),
            Ok(Some(_)) | Err(Error::Integrity(_)) => {}
            Err(e) => return Err(e),
        }
    }
    let mut series = Vec::new();
    let mut damaged = Vec::new();
    let mut damaged_sessions = Vec::new();
    for s in records::all_series(conn, ring, person.as_deref())? {
        match s {
            Ok(s) => {
                let o = records::read_overrides(conn, ring, &s, None)?;
                if s.timing.recurrence.is_none() && !o.damaged.is_empty() {
                    // A one-off whose only exception is damaged: nothing
                    // can be said about it.
                    damaged.push(s.id.clone());
                    continue;
                }
                damaged_sessions.extend(o.damaged.iter().map(|original| OccurrenceKey {
                    series_id: s.id.clone(),
                    original_start: *original,
                }));
                series.push((s, o));
            }
            Err(id) => damaged.push(id),
        }
    }
    let names = if options.privacy == Privacy::Generic {
        HashMap::new()
    } else {
        let ids: BTreeSet<String> = series.iter().map(|(s, _)| s.person_id.clone()).collect();
        person_names(conn, ring, &ids)?
    };

    // The years each zone must cover.
    let mut spans: BTreeMap<&str, (Tz, i32, i32)> = BTreeMap::new();
    for (s, overrides) in &series {
        if is_utc(s.timing.tz) {
            continue;
        }
        let mut years = vec![s.first_start.year(), now.year()];
        years.extend(s.last_end.map(|e| e.year()));
        years.extend(
            overrides
                .ok
                .iter()
                .filter_map(|o| o.body.moved.map(|m| m.start.year())),
        );
        let (lo, hi) = (
            years.iter().min().copied().unwrap_or(now.year()),
            years.iter().max().copied().unwrap_or(now.year()),
        );
        let e = spans
            .entry(s.timing.tz.name())
            .or_insert((s.timing.tz, lo, hi));
        e.1 = e.1.min(lo);
        e.2 = e.2.max(hi);
    }

    let mut w = Writer { out: String::new() };
    w.prop("BEGIN", "VCALENDAR");
    w.prop("VERSION", "2.0");
    w.prop("PRODID", "-//Confidant//Confidant Desktop//EN");
    w.prop("CALSCALE", "GREGORIAN");
    w.prop("METHOD", "PUBLISH");
    for (tz, lo, hi) in spans.values() {
        let from = lo - 1;
        let to = (hi + 1).min(from + 80);
        write_vtimezone(&mut w, *tz, from, to);
    }
    let stamp = fmt_utc(now);
    for (s, overrides) in &series {
        let uid = series_uid(&s.id);
        let summary = title(s, options.privacy, &names);
        let e = EventText {
            uid: &uid,
            stamp: &stamp,
            sequence: (s.updated - s.created)
                .num_seconds()
                .clamp(0, i64::from(i32::MAX)),
            created: s.created,
            modified: s.updated,
            summary: &summary,
            location: options.include_location.then_some(s.body.location.as_str()),
            alarm: s.body.reminder.minutes(options.default_reminder_minutes),
        };
        write_series(&mut w, s, overrides, &e);
    }
    w.prop("END", "VCALENDAR");
    Ok(IcsExport {
        ics: w.out,
        series: series.len() as u32,
        damaged,
        damaged_sessions,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_fold_at_75_octets_without_splitting_characters() {
        let mut w = Writer { out: String::new() };
        let long = format!("SUMMARY:{}", "é".repeat(100));
        w.line(&long);
        for physical in w.out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(physical.len() <= 75, "{} octets", physical.len());
        }
        let unfolded = w.out.replace("\r\n ", "");
        assert_eq!(unfolded, format!("{long}\r\n"));
    }

    #[test]
    fn text_is_escaped_and_durations_formatted() {
        assert_eq!(escape_text("a,b;c\\d\ne\u{7}"), "a\\,b\\;c\\\\d\\ne");
        assert_eq!(fmt_duration(60), "PT1H");
        assert_eq!(fmt_duration(90), "PT1H30M");
        assert_eq!(fmt_duration(15), "PT15M");
        assert_eq!(fmt_offset(3600), "+0100");
        assert_eq!(fmt_offset(-12600), "-0330");
        assert_eq!(initials("Sam  van Jones"), "S.V.J.");
    }
}
