//! iCalendar (.ics, RFC 5545) export and import of the schedule.
//!
//! # Export
//!
//! [`Vault::ics_export`] writes one `VEVENT` per series with a stable `UID`
//! (`<series-id>@confidant.local`), `DTSTART;TZID=…` in the series' own time
//! zone, `DURATION`, an `RRULE` for repeating series, an `EXDATE` for every
//! cancelled occurrence, and a `VEVENT` with `RECURRENCE-ID` for every moved
//! one. A `VTIMEZONE` is written for each zone used, built from the time-zone
//! database: every offset change in the years the export covers, and a
//! yearly rule on the last change of each kind when the rule is verified to
//! hold for ten more years. Every event is `CLASS:PRIVATE` and carries a
//! `VALARM` for its reminder.
//!
//! The event title depends on the [`Privacy`] level chosen at export:
//! [`Privacy::Generic`] (the default) says only "Supervision" (or "Group
//! supervision", "Peer supervision", "Coaching"); [`Privacy::Initials`] adds
//! the series' calendar code or the person's initials; [`Privacy::FullName`]
//! adds the name. Notes, emails and cancellation reasons are never exported;
//! the location only when asked.
//!
//! # Import
//!
//! [`import_preview`] reads a file (from Outlook, Google Calendar, Apple
//! Calendar…) without writing anything and says what would be created, what
//! is skipped and why. [`Vault::ics_import_commit`] reads it again and writes
//! the chosen events for one person in one transaction: all or nothing.
//!
//! Time zones: IANA names are used as they are; Windows names ("GMT Standard
//! Time") are mapped for the common zones; any other `TZID` is matched by the
//! offsets of its `VTIMEZONE` block to a known zone, or else read in the
//! user's home zone, with a note either way. Repeat rules that Confidant's
//! schedule can hold (weekly on some days, every N weeks, monthly by date or
//! by weekday such as `BYDAY=2TU`, `BYDAY=TU;BYSETPOS=2`, `-1FR`) are kept;
//! others (daily, yearly…) are skipped with a reason. All-day events are
//! skipped.
//!
//! Hostile input gets a specific error or a capped, explained result: files
//! over [`MAX_ICS_BYTES`], more than [`MAX_ICS_EVENTS`] events, components
//! nested deeper than [`MAX_ICS_DEPTH`], invalid dates, and rules with more
//! than [`crate::schedule::MAX_COUNT`] occurrences (capped, with a note).

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt::Write as _;

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use icalendar::parser::{self, Component, Property};
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::schedule::db::{self, LoadedOverride, LoadedSeries, Moved, OverrideBody};
use crate::schedule::ops::{self as sched_ops, PlannedException};
use crate::schedule::rules::{validate_timing, Timing};
use crate::schedule::time::{self, local_of, place};
use crate::schedule::zones;
use crate::schedule::{
    describe_recurrence, Cancellation, CancelledBy, Pattern, Recurrence, RecurrenceEnd,
    ReminderSetting, ScheduleChange, SeriesInput, SessionKind, SessionStatus, Weekday,
    DEFAULT_DURATION_MINUTES, DEFAULT_REMINDER_MINUTES, MAX_COUNT, MAX_EXPANSION_STEPS,
    MAX_INTERVAL, MAX_REMINDER_MINUTES, MAX_SERIES_YEARS,
};
use crate::vault::{Session, Vault};

/// Largest file accepted for import (2 MiB).
pub const MAX_ICS_BYTES: usize = 2 * 1024 * 1024;
/// Most events (`VEVENT`s, including changed occurrences) in one import.
pub const MAX_ICS_EVENTS: usize = 2000;
/// Deepest nesting of components accepted (a calendar needs 3).
pub const MAX_ICS_DEPTH: usize = 6;
/// Most excluded dates read from one event.
pub const MAX_EXDATES: usize = 1000;
/// Unknown time-zone names matched by their offsets per file (others fall
/// back to the home zone).
const MAX_ZONE_MATCHES: usize = 20;
const MAX_SUMMARY_CHARS: usize = 200;
const MAX_LOCATION_CHARS: usize = 200;
const UID_DOMAIN: &str = "confidant.local";

// ----- export ----------------------------------------------------------------

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
    conn: &rusqlite::Connection,
    session: &Session,
    ids: &BTreeSet<String>,
) -> Result<HashMap<String, String>> {
    let mut out = HashMap::new();
    for id in ids {
        if let Some(person) = crate::people::load(conn, session, id)? {
            out.insert(id.clone(), person.fields.name);
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

fn write_series(w: &mut Writer, s: &LoadedSeries, overrides: &[LoadedOverride], e: &EventText<'_>) {
    let tz = s.timing.tz;
    match &s.timing.recurrence {
        None => {
            // A one-off: its (possibly moved) time; cancelled is a status.
            let ov = overrides.iter().find(|o| o.original == s.timing.start);
            let body = ov.map(|o| o.body.clone()).unwrap_or_default();
            let (local, _, _) = db::effective_times(&s.timing, s.timing.start, &body);
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

impl Vault {
    /// Exports the schedule (one person's or everyone's) as an iCalendar
    /// file. Titles follow `options.privacy`; nothing else about the person
    /// is written. `now` is the `DTSTAMP`.
    pub fn ics_export(&mut self, options: &ExportOptions, now: DateTime<Utc>) -> Result<IcsExport> {
        let person = options
            .person_id
            .as_deref()
            .map(|p| db::parse_id("That person's", p))
            .transpose()?;
        if options.default_reminder_minutes > MAX_REMINDER_MINUTES {
            return Err(Error::InvalidInput(
                "A reminder can be at most a week before the session.".into(),
            ));
        }
        let (conn, session) = self.unlocked_parts()?;
        if let Some(p) = &person {
            let exists: Option<i64> = conn
                .query_row("SELECT 1 FROM people WHERE id = ?1", [p], |r| r.get(0))
                .optional()?;
            if exists.is_none() {
                return Err(Error::NotFound("That person"));
            }
        }
        let mut series = Vec::new();
        let mut damaged = Vec::new();
        for s in db::all_series(conn, session, person.as_deref())? {
            match s {
                Ok(s) => match db::read_overrides(conn, session, &s, None) {
                    Ok(o) => series.push((s, o)),
                    Err(Error::Integrity(_)) => damaged.push(s.id.clone()),
                    Err(e) => return Err(e),
                },
                Err(id) => damaged.push(id),
            }
        }
        let names = if options.privacy == Privacy::Generic {
            HashMap::new()
        } else {
            let ids: BTreeSet<String> = series.iter().map(|(s, _)| s.person_id.clone()).collect();
            person_names(conn, session, &ids)?
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
        })
    }
}

// ----- import ----------------------------------------------------------------

/// Settings for reading a calendar file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportOptions {
    /// The user's IANA time zone: used for times without a zone and for
    /// zones that cannot be recognised.
    pub home_time_zone: String,
    /// Length given to events with neither an end nor a duration.
    pub default_duration_minutes: u32,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions {
            home_time_zone: "UTC".into(),
            default_duration_minutes: DEFAULT_DURATION_MINUTES,
        }
    }
}

/// One event that would be imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportItem {
    /// Position in the preview (pass it in [`ImportCommit::skip`] to leave it out).
    pub index: u32,
    /// The event's title in the file — shown in the preview only, never stored.
    pub summary: String,
    /// IANA time zone the sessions will be in.
    pub time_zone: String,
    /// First session's local start.
    pub start: NaiveDateTime,
    /// First session's local end.
    pub end: NaiveDateTime,
    /// First session's start.
    pub first_start: DateTime<Utc>,
    /// Repeat rule, if any.
    pub recurrence: Option<Recurrence>,
    /// The rule in words.
    pub description: String,
    /// Occurrences that will be marked cancelled.
    pub cancelled: u32,
    /// Occurrences that will be moved.
    pub moved: u32,
    /// Plain-language notes about this event.
    pub notes: Vec<String>,
}

/// An event that will not be imported, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportSkipped {
    /// The event's title in the file (preview only).
    pub summary: String,
    /// Why.
    pub reason: String,
}

/// What importing a file would do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportPreview {
    /// Events that would be imported.
    pub items: Vec<ImportItem>,
    /// Events left out.
    pub skipped: Vec<ImportSkipped>,
    /// Notes about the whole file.
    pub notes: Vec<String>,
}

/// Importing a file for one person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportCommit {
    /// Who the sessions are with.
    pub person_id: String,
    /// Kind of session.
    pub kind: SessionKind,
    /// The same options as the preview.
    pub options: ImportOptions,
    /// Preview indexes to leave out.
    pub skip: Vec<u32>,
}

/// What an import wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportResult {
    /// The series created, with conflicts and notes.
    pub created: ScheduleChange,
    /// Events left out (by the preview's rules).
    pub skipped: Vec<ImportSkipped>,
}

/// A file-level failure.
fn not_ics() -> Error {
    Error::InvalidInput(
        "This file could not be read as an iCalendar (.ics) file. Export it again from your calendar program and try once more."
            .into(),
    )
}

/// Normalises line ends, unfolds, drops blank lines, and checks nesting and
/// the number of events before the parser sees anything.
fn normalise(text: &str) -> Result<String> {
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

fn prop<'a>(c: &'a Component<'a>, name: &str) -> Option<&'a Property<'a>> {
    c.properties
        .iter()
        .find(|p| p.name.as_str().eq_ignore_ascii_case(name))
}

fn props<'a>(c: &'a Component<'a>, name: &'a str) -> impl Iterator<Item = &'a Property<'a>> + 'a {
    c.properties
        .iter()
        .filter(move |p| p.name.as_str().eq_ignore_ascii_case(name))
}

fn param<'a>(p: &'a Property<'a>, key: &str) -> Option<&'a str> {
    p.params
        .iter()
        .find(|x| x.key.as_str().eq_ignore_ascii_case(key))
        .and_then(|x| x.val.as_ref())
        .map(|v| v.as_str())
}

fn value<'a>(p: &'a Property<'a>) -> &'a str {
    p.val.as_str().trim()
}

/// A date or time value as written.
#[derive(Debug, Clone, PartialEq, Eq)]
enum IcsTime {
    Utc(DateTime<Utc>),
    Local(NaiveDateTime, Option<String>),
    Date(NaiveDate),
}

fn parse_time_text(v: &str, tzid: Option<&str>, date_only: bool) -> Option<IcsTime> {
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

fn parse_time(p: &Property<'_>) -> Option<IcsTime> {
    let date_only = param(p, "VALUE").is_some_and(|v| v.eq_ignore_ascii_case("DATE"));
    parse_time_text(value(p), param(p, "TZID"), date_only)
}

fn parse_times(p: &Property<'_>) -> Vec<Option<IcsTime>> {
    let date_only = param(p, "VALUE").is_some_and(|v| v.eq_ignore_ascii_case("DATE"));
    value(p)
        .split(',')
        .filter(|s| !s.trim().is_empty())
        .map(|s| parse_time_text(s, param(p, "TZID"), date_only))
        .collect()
}

/// An ISO 8601 / RFC 5545 duration in minutes (`PT1H30M`, `P1D`, `-PT15M`).
fn parse_duration(v: &str) -> Option<i64> {
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

/// A `VTIMEZONE` block: its observances.
#[derive(Debug, Clone, Default)]
struct VTimezone {
    observances: Vec<Observance>,
}

#[derive(Debug, Clone)]
struct Observance {
    start: NaiveDateTime,
    from: i32,
    to: i32,
    rule: Option<String>,
}

fn parse_offset(v: &str) -> Option<i32> {
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

impl VTimezone {
    fn parse(c: &Component<'_>) -> VTimezone {
        let mut observances = Vec::new();
        for sub in &c.components {
            let name = sub.name.as_str();
            if !(name.eq_ignore_ascii_case("STANDARD") || name.eq_ignore_ascii_case("DAYLIGHT")) {
                continue;
            }
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
                    rule: prop(sub, "RRULE").map(|p| value(p).to_string()),
                });
            }
        }
        VTimezone { observances }
    }

    /// Onsets (UTC instant, new offset) in the years `y0..=y1`, sorted.
    fn onsets(&self, y0: i32, y1: i32) -> Vec<(DateTime<Utc>, i32)> {
        let mut out = Vec::new();
        for o in &self.observances {
            let mut locals = vec![o.start];
            if let Some(rule) = &o.rule {
                if let Ok(r) = rule.parse::<rrule::RRule<rrule::Unvalidated>>() {
                    let dt = rrule::Tz::UTC.from_utc_datetime(&o.start);
                    if let Ok(set) = r.build(dt) {
                        locals = set
                            .limit()
                            .into_iter()
                            .map(|d| d.naive_utc())
                            .take_while(|d| d.year() <= y1)
                            .take(5000)
                            .filter(|d| d.year() >= y0)
                            .collect();
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
fn offset_from_onsets(onsets: &[(DateTime<Utc>, i32)], before_first: i32, t: DateTime<Utc>) -> i32 {
    match onsets.partition_point(|(at, _)| *at <= t) {
        0 => before_first,
        i => onsets[i - 1].1,
    }
}

struct ZoneResolver<'a> {
    vtimezones: &'a HashMap<String, VTimezone>,
    home: Tz,
    cache: HashMap<String, (Tz, Option<String>)>,
    matched: usize,
}

impl ZoneResolver<'_> {
    fn resolve(&mut self, tzid: &str, year: i32) -> (Tz, Option<String>) {
        if let Some(hit) = self.cache.get(tzid) {
            return hit.clone();
        }
        let found = self.lookup(tzid, year);
        self.cache.insert(tzid.to_string(), found.clone());
        found
    }

    fn lookup(&mut self, tzid: &str, year: i32) -> (Tz, Option<String>) {
        let name = tzid.trim().trim_matches('"');
        if let Ok(tz) = name.parse::<Tz>() {
            return (tz, None);
        }
        if let Some(tz) = zones::windows_zone(name) {
            return (tz, None);
        }
        // "/mozilla.org/20050126_1/Europe/London" and similar prefixes.
        let parts: Vec<&str> = name.split('/').filter(|p| !p.is_empty()).collect();
        for k in (1..=parts.len().min(3)).rev() {
            if let Ok(tz) = parts[parts.len() - k..].join("/").parse::<Tz>() {
                if tz.name().contains('/') || k == 1 {
                    return (tz, None);
                }
            }
        }
        let shown: String = name.chars().filter(|c| !c.is_control()).take(80).collect();
        if let Some(vtz) = self
            .vtimezones
            .get(tzid)
            .filter(|v| !v.observances.is_empty())
        {
            if self.matched < MAX_ZONE_MATCHES {
                self.matched += 1;
                if let Some(tz) = match_by_offsets(vtz, name, year) {
                    return (
                        tz,
                        Some(format!(
                            "The time zone \"{shown}\" was matched to {} by its UTC offsets.",
                            tz.name()
                        )),
                    );
                }
            }
        }
        (
            self.home,
            Some(format!(
                "The time zone \"{shown}\" is not one Confidant knows; its times were read as {}. Check them.",
                self.home.name()
            )),
        )
    }
}

/// Finds a known zone whose offsets agree with a `VTIMEZONE` every three
/// days over two years. Prefers a zone whose city appears in the name, then
/// the Windows-map zones, then any zone (fixed offsets: `Etc/GMT±N`).
fn match_by_offsets(vtz: &VTimezone, name: &str, year: i32) -> Option<Tz> {
    let onsets = vtz.onsets(year - 1, year + 2);
    let before_first = vtz
        .observances
        .iter()
        .min_by_key(|o| o.start)
        .map_or(0, |o| o.from);
    let start = NaiveDate::from_ymd_opt(year, 1, 1)?
        .and_hms_opt(12, 0, 0)?
        .and_utc();
    let samples: Vec<(DateTime<Utc>, i32)> = (0..244)
        .map(|i| {
            let t = start + Duration::days(i * 3);
            (t, offset_from_onsets(&onsets, before_first, t))
        })
        .collect();
    let fits = |tz: Tz| {
        samples
            .iter()
            .all(|(t, off)| zones::offset_at(tz, *t) == *off)
    };
    let lower = name.to_lowercase();
    let by_city = chrono_tz::TZ_VARIANTS.iter().copied().find(|tz| {
        let city = tz
            .name()
            .rsplit('/')
            .next()
            .unwrap_or("")
            .replace('_', " ")
            .to_lowercase();
        city.len() >= 4 && tz.name().contains('/') && lower.contains(&city) && fits(*tz)
    });
    if by_city.is_some() {
        return by_city;
    }
    let mapped = zones::WINDOWS_ZONES
        .iter()
        .filter_map(|(_, iana)| iana.parse::<Tz>().ok())
        .find(|tz| fits(*tz));
    if mapped.is_some() {
        return mapped;
    }
    let fixed = samples
        .first()
        .map(|s| s.1)
        .filter(|off| samples.iter().all(|s| s.1 == *off));
    if let Some(off) = fixed {
        if off % 3600 == 0 {
            let h = off / 3600;
            let etc = if h == 0 {
                "Etc/GMT".to_string()
            } else {
                format!("Etc/GMT{:+}", -h)
            };
            if let Ok(tz) = etc.parse::<Tz>() {
                return Some(tz);
            }
        }
    }
    chrono_tz::TZ_VARIANTS.iter().copied().find(|tz| fits(*tz))
}

/// A planned exception before `now` is known.
#[derive(Debug, Clone)]
enum PlannedChange {
    Cancel,
    Move(Moved),
}

/// One event ready to import.
#[derive(Debug, Clone)]
struct PlannedItem {
    item: ImportItem,
    location: String,
    reminder: ReminderSetting,
    timing: Timing,
    changes: BTreeMap<NaiveDateTime, PlannedChange>,
}

/// The whole plan for a file.
struct Plan {
    items: Vec<PlannedItem>,
    skipped: Vec<ImportSkipped>,
    notes: Vec<String>,
}

fn clean_text(s: &str, max: usize) -> String {
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

fn weekday_code(code: &str) -> Option<Weekday> {
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
fn parse_byday(s: &str) -> Option<(Option<i8>, Weekday)> {
    let s = s.trim();
    if s.len() < 2 {
        return None;
    }
    let (num, code) = s.split_at(s.len() - 2);
    let day = weekday_code(code)?;
    if num.is_empty() {
        return Some((None, day));
    }
    Some((Some(num.trim_start_matches('+').parse().ok()?), day))
}

/// Maps an `RRULE` onto the schedule's rules. `Err` is the reason it cannot.
fn map_rrule(
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

/// The wall-clock time of a value in the zone `tz` (the event's zone).
fn in_zone(
    t: &IcsTime,
    tz: Tz,
    master_tzid: Option<&str>,
    zr: &mut ZoneResolver<'_>,
) -> Option<NaiveDateTime> {
    match t {
        IcsTime::Utc(u) => Some(local_of(tz, *u)),
        IcsTime::Local(l, None) => Some(*l),
        IcsTime::Local(l, Some(id)) if Some(id.as_str()) == master_tzid => Some(*l),
        IcsTime::Local(l, Some(id)) => {
            let (other, _) = zr.resolve(id, l.year());
            if other == tz {
                Some(*l)
            } else {
                Some(local_of(tz, place(other, *l).utc))
            }
        }
        IcsTime::Date(_) => None,
    }
}

fn summary_of(c: &Component<'_>) -> String {
    let s = prop(c, "SUMMARY")
        .map(|p| clean_text(p.val.as_str(), MAX_SUMMARY_CHARS))
        .unwrap_or_default();
    if s.is_empty() {
        "(no title)".into()
    } else {
        s
    }
}

fn reminder_of(c: &Component<'_>) -> ReminderSetting {
    let Some(alarm) = c
        .components
        .iter()
        .find(|a| a.name.as_str().eq_ignore_ascii_case("VALARM"))
    else {
        return ReminderSetting::Off;
    };
    let Some(trigger) = prop(alarm, "TRIGGER") else {
        return ReminderSetting::Default;
    };
    if param(trigger, "RELATED").is_some_and(|r| r.eq_ignore_ascii_case("END"))
        || param(trigger, "VALUE").is_some_and(|v| v.eq_ignore_ascii_case("DATE-TIME"))
    {
        return ReminderSetting::Default;
    }
    match parse_duration(value(trigger)) {
        Some(m) if m <= 0 && -m <= i64::from(MAX_REMINDER_MINUTES) => ReminderSetting::Before {
            minutes: (-m) as u32,
        },
        _ => ReminderSetting::Default,
    }
}

/// Start (local, zone) and length of an event. `Err` is a skip reason.
fn event_times(
    c: &Component<'_>,
    zr: &mut ZoneResolver<'_>,
    home: Tz,
    default_minutes: u32,
    repeating: bool,
    notes: &mut Vec<String>,
) -> std::result::Result<(Tz, Option<String>, NaiveDateTime, u32), String> {
    let dtstart = prop(c, "DTSTART").ok_or_else(|| "It has no start time.".to_string())?;
    let start =
        parse_time(dtstart).ok_or_else(|| "Its start date is not a valid date.".to_string())?;
    let (tz, tzid, local) = match &start {
        IcsTime::Date(_) => {
            return Err("It is an all-day event; Confidant schedules sessions at a time.".into())
        }
        IcsTime::Utc(u) if repeating => (chrono_tz::UTC, None, u.naive_utc()),
        IcsTime::Utc(u) => (home, None, local_of(home, *u)),
        IcsTime::Local(l, None) => {
            notes.push(format!(
                "It has no time zone; its time was read as {}.",
                home.name()
            ));
            (home, None, *l)
        }
        IcsTime::Local(l, Some(id)) => {
            let (tz, note) = zr.resolve(id, l.year());
            if let Some(n) = note {
                notes.push(n);
            }
            (tz, Some(id.clone()), *l)
        }
    };
    if !crate::schedule::YEAR_RANGE.contains(&local.year()) {
        return Err("Its start date is out of range.".into());
    }
    let start_utc = place(tz, local).utc;
    let minutes: i64 = if let Some(end) = prop(c, "DTEND") {
        let end = parse_time(end).ok_or_else(|| "Its end date is not a valid date.".to_string())?;
        let end_utc = match &end {
            IcsTime::Utc(u) => *u,
            IcsTime::Local(l, None) => place(tz, *l).utc,
            IcsTime::Local(l, Some(id)) => {
                let (etz, _) = zr.resolve(id, l.year());
                place(etz, *l).utc
            }
            IcsTime::Date(_) => return Err("Its end is a date without a time.".into()),
        };
        (end_utc - start_utc).num_minutes()
    } else if let Some(d) = prop(c, "DURATION") {
        parse_duration(value(d)).ok_or_else(|| "Its duration is not valid.".to_string())?
    } else {
        notes.push(format!(
            "It has no end time; it was given {default_minutes} minutes."
        ));
        i64::from(default_minutes)
    };
    if minutes < 0 {
        return Err("It ends before it starts.".into());
    }
    if minutes == 0 {
        return Err("It has no length: it ends when it starts.".into());
    }
    if minutes > i64::from(crate::schedule::MAX_DURATION_MINUTES) {
        return Err("It is longer than 12 hours.".into());
    }
    Ok((tz, tzid, local, minutes as u32))
}

fn is_cancelled(c: &Component<'_>) -> bool {
    prop(c, "STATUS").is_some_and(|p| value(p).eq_ignore_ascii_case("CANCELLED"))
}

/// Reads a calendar file into a plan. Pure and deterministic.
fn plan_import(text: &str, options: &ImportOptions) -> Result<Plan> {
    let home = time::parse_zone(&options.home_time_zone)?;
    if options.default_duration_minutes == 0
        || options.default_duration_minutes > crate::schedule::MAX_DURATION_MINUTES
    {
        return Err(Error::InvalidInput(
            "The default session length must be between 1 minute and 12 hours.".into(),
        ));
    }
    let normal = normalise(text)?;
    let calendar = parser::read_calendar(&normal).map_err(|_| not_ics())?;
    let mut vtimezones = HashMap::new();
    let mut events: Vec<&Component<'_>> = Vec::new();
    for c in &calendar.components {
        let name = c.name.as_str();
        if name.eq_ignore_ascii_case("VTIMEZONE") {
            if let Some(id) = prop(c, "TZID") {
                vtimezones.insert(value(id).trim_matches('"').to_string(), VTimezone::parse(c));
            }
        } else if name.eq_ignore_ascii_case("VEVENT") {
            events.push(c);
        }
    }
    let mut zr = ZoneResolver {
        vtimezones: &vtimezones,
        home,
        cache: HashMap::new(),
        matched: 0,
    };
    // Masters and their changed occurrences, by UID.
    let mut masters: Vec<&Component<'_>> = Vec::new();
    let mut changes: HashMap<String, Vec<&Component<'_>>> = HashMap::new();
    let mut master_uids: HashSet<String> = HashSet::new();
    for e in &events {
        let uid = prop(e, "UID").map(|p| value(p).to_string());
        match (prop(e, "RECURRENCE-ID"), uid) {
            (Some(_), Some(uid)) => changes.entry(uid).or_default().push(e),
            (_, uid) => {
                if let Some(u) = uid {
                    master_uids.insert(u);
                }
                masters.push(e);
            }
        }
    }
    // Changed occurrences whose series is not in the file stand alone.
    // (Sorted, so that the preview and the commit number them alike.)
    let mut orphan_uids: Vec<&String> = changes
        .keys()
        .filter(|uid| !master_uids.contains(*uid))
        .collect();
    orphan_uids.sort();
    let orphans: Vec<&Component<'_>> = orphan_uids
        .into_iter()
        .flat_map(|uid| changes[uid].iter().copied())
        .collect();
    let orphan_count = orphans.len();
    masters.extend(orphans);

    let mut items = Vec::new();
    let mut skipped = Vec::new();
    let mut notes = Vec::new();
    for (n, e) in masters.iter().enumerate() {
        let summary = summary_of(e);
        let is_orphan = n >= masters.len() - orphan_count;
        match plan_event(e, is_orphan, &changes, &mut zr, home, options) {
            Ok((planned_item, mut item_notes)) => {
                let mut p = planned_item;
                p.item.index = items.len() as u32;
                p.item.summary = summary;
                item_notes.dedup();
                p.item.notes = item_notes;
                items.push(p);
            }
            Err(reason) => skipped.push(ImportSkipped { summary, reason }),
        }
    }
    if !skipped.is_empty() {
        notes.push(format!(
            "{} event{} will not be imported; see the reasons below.",
            skipped.len(),
            if skipped.len() == 1 { "" } else { "s" }
        ));
    }
    if orphan_count > 0 {
        notes.push(format!(
            "{orphan_count} changed occurrence{} had no repeating event in the file and will be imported as single sessions.",
            if orphan_count == 1 { "" } else { "s" }
        ));
    }
    Ok(Plan {
        items,
        skipped,
        notes,
    })
}

fn plan_event(
    e: &Component<'_>,
    is_orphan: bool,
    changes: &HashMap<String, Vec<&Component<'_>>>,
    zr: &mut ZoneResolver<'_>,
    home: Tz,
    options: &ImportOptions,
) -> std::result::Result<(PlannedItem, Vec<String>), String> {
    let mut notes = Vec::new();
    if is_cancelled(e) {
        return Err("It is cancelled in the calendar.".into());
    }
    let rrules: Vec<&Property<'_>> = if is_orphan {
        Vec::new()
    } else {
        props(e, "RRULE").collect()
    };
    if rrules.len() > 1 {
        return Err(
            "It has several repeat rules, which Confidant's schedule does not support.".into(),
        );
    }
    if !is_orphan && prop(e, "RDATE").is_some() {
        notes.push("Extra dates added to the repeat (RDATE) were not imported.".into());
    }
    let (tz, tzid, local, minutes) = event_times(
        e,
        zr,
        home,
        options.default_duration_minutes,
        !rrules.is_empty(),
        &mut notes,
    )?;
    let recurrence = match rrules.first() {
        None => None,
        Some(r) => Some(map_rrule(value(r), local, tz, &mut notes)?),
    };
    let end = local + Duration::minutes(i64::from(minutes));
    let (timing, timing_notes) =
        validate_timing(tz.name(), local, end, recurrence.as_ref()).map_err(|e| e.to_string())?;
    notes.extend(timing_notes);

    // Exceptions: EXDATE and RECURRENCE-ID events.
    let mut planned: BTreeMap<NaiveDateTime, PlannedChange> = BTreeMap::new();
    let mut wanted: Vec<(NaiveDateTime, PlannedChange)> = Vec::new();
    let mut unmatched = 0usize;
    let mut invalid = 0usize;
    if !is_orphan && timing.recurrence.is_some() {
        let mut exdates = 0usize;
        for p in props(e, "EXDATE") {
            for t in parse_times(p) {
                exdates += 1;
                if exdates > MAX_EXDATES {
                    break;
                }
                match t.as_ref().and_then(|t| in_zone(t, tz, tzid.as_deref(), zr)) {
                    Some(l) => wanted.push((l, PlannedChange::Cancel)),
                    None => invalid += 1,
                }
            }
        }
        if exdates > MAX_EXDATES {
            notes.push(format!(
                "Only the first {MAX_EXDATES} excluded dates were read."
            ));
        }
        let uid = prop(e, "UID")
            .map(|p| value(p).to_string())
            .unwrap_or_default();
        for c in changes.get(&uid).map(Vec::as_slice).unwrap_or(&[]) {
            let Some(original) = prop(c, "RECURRENCE-ID")
                .and_then(parse_time)
                .and_then(|t| in_zone(&t, tz, tzid.as_deref(), zr))
            else {
                invalid += 1;
                continue;
            };
            if prop(c, "RECURRENCE-ID")
                .and_then(|p| param(p, "RANGE"))
                .is_some()
            {
                notes.push(
                    "A change to \"this and following\" sessions was applied to one session only."
                        .into(),
                );
            }
            if is_cancelled(c) {
                wanted.push((original, PlannedChange::Cancel));
                continue;
            }
            let mut scratch = Vec::new();
            match event_times(c, zr, tz, minutes, false, &mut scratch) {
                Ok((ctz, _, clocal, cminutes)) => {
                    let new_local = if ctz == tz {
                        clocal
                    } else {
                        local_of(tz, place(ctz, clocal).utc)
                    };
                    if new_local != original || cminutes != minutes {
                        wanted.push((
                            original,
                            PlannedChange::Move(Moved {
                                start: time::to_minute(new_local),
                                duration_minutes: cminutes,
                            }),
                        ));
                    }
                }
                Err(_) => invalid += 1,
            }
        }
        if let Some(max) = wanted.iter().map(|(o, _)| *o).max() {
            let slots: HashSet<NaiveDateTime> = timing
                .starts_between(
                    timing.start,
                    max + Duration::minutes(1),
                    MAX_EXPANSION_STEPS,
                )
                .starts
                .into_iter()
                .collect();
            for (original, change) in wanted {
                if slots.contains(&original) {
                    // A cancellation wins over a move of the same session.
                    if !matches!(planned.get(&original), Some(PlannedChange::Cancel)) {
                        planned.insert(original, change);
                    }
                } else {
                    unmatched += 1;
                }
            }
        }
    } else if !is_orphan {
        let uid = prop(e, "UID")
            .map(|p| value(p).to_string())
            .unwrap_or_default();
        if changes.get(&uid).is_some_and(|v| !v.is_empty()) {
            notes.push(
                "Changes to single sessions of an event that does not repeat were ignored.".into(),
            );
        }
    }
    if unmatched > 0 {
        notes.push(format!(
            "{unmatched} excluded or changed date{} did not match a session of this event and {} ignored.",
            if unmatched == 1 { "" } else { "s" },
            if unmatched == 1 { "was" } else { "were" }
        ));
    }
    if invalid > 0 {
        notes.push(format!(
            "{invalid} excluded or changed date{} not valid and {} ignored.",
            if invalid == 1 { " was" } else { "s were" },
            if invalid == 1 { "was" } else { "were" }
        ));
    }
    let location = prop(e, "LOCATION")
        .map(|p| clean_text(p.val.as_str(), MAX_LOCATION_CHARS))
        .unwrap_or_default();
    let cancelled = planned
        .values()
        .filter(|c| matches!(c, PlannedChange::Cancel))
        .count() as u32;
    let moved = planned.len() as u32 - cancelled;
    let item = ImportItem {
        index: 0,
        summary: String::new(),
        time_zone: timing.tz.name().to_string(),
        start: timing.start,
        end: timing.start + timing.duration(),
        first_start: timing.first_start_utc(),
        recurrence: timing.recurrence.clone(),
        description: describe_recurrence(
            timing.recurrence.as_ref(),
            timing.start,
            timing.tz.name(),
        ),
        cancelled,
        moved,
        notes: Vec::new(),
    };
    Ok((
        PlannedItem {
            item,
            location,
            reminder: reminder_of(e),
            timing,
            changes: planned,
        },
        notes,
    ))
}

/// Reads a calendar file and says what importing it would create, what
/// would be skipped and why. Writes nothing.
pub fn import_preview(text: &str, options: &ImportOptions) -> Result<ImportPreview> {
    let plan = plan_import(text, options)?;
    Ok(ImportPreview {
        items: plan.items.into_iter().map(|p| p.item).collect(),
        skipped: plan.skipped,
        notes: plan.notes,
    })
}

impl Vault {
    /// Imports a calendar file's events (all but those in `commit.skip`) as
    /// sessions with one person, in one transaction: either everything is
    /// written or nothing is. The file is read again exactly as
    /// [`import_preview`] read it. Event titles are not stored.
    pub fn ics_import_commit(
        &mut self,
        text: &str,
        commit: &ImportCommit,
        now: DateTime<Utc>,
    ) -> Result<ImportResult> {
        let plan = plan_import(text, &commit.options)?;
        let skip: HashSet<u32> = commit.skip.iter().copied().collect();
        let mut items = Vec::new();
        let mut notes = Vec::new();
        for p in plan
            .items
            .into_iter()
            .filter(|p| !skip.contains(&p.item.index))
        {
            let input = SeriesInput {
                person_id: commit.person_id.clone(),
                kind: commit.kind,
                time_zone: p.item.time_zone.clone(),
                start: p.timing.start,
                end: p.timing.start + p.timing.duration(),
                recurrence: p.timing.recurrence.clone(),
                location: p.location.clone(),
                reminder: p.reminder,
                calendar_code: String::new(),
            };
            let v = sched_ops::validate_series(&input)?;
            notes.extend(p.item.notes.iter().cloned());
            let exceptions = p
                .changes
                .into_iter()
                .map(|(original, change)| match change {
                    PlannedChange::Cancel => PlannedException {
                        original,
                        status: SessionStatus::Cancelled,
                        body: OverrideBody {
                            moved: None,
                            cancellation: Some(Cancellation {
                                by: CancelledBy::Other,
                                reason: String::new(),
                                late: false,
                                cancelled_at: now,
                            }),
                        },
                    },
                    PlannedChange::Move(m) => PlannedException {
                        original,
                        status: SessionStatus::Planned,
                        body: OverrideBody {
                            moved: Some(m),
                            cancellation: None,
                        },
                    },
                })
                .collect();
            items.push((v, exceptions));
        }
        if items.is_empty() {
            return Err(Error::InvalidInput(
                "There is nothing to import from this file.".into(),
            ));
        }
        let (conn, session) = self.unlocked_parts()?;
        let created = sched_ops::insert_all(conn, session, &items, now)?;
        notes.sort();
        notes.dedup();
        notes.truncate(20);
        let change = sched_ops::change_report(conn, session, &created, notes, 0)?;
        Ok(ImportResult {
            created: change,
            skipped: plan.skipped,
        })
    }
}

/// Reads a calendar file the user chose for import: refuses files over
/// [`MAX_ICS_BYTES`] before reading them, and text that is not UTF-8.
pub fn read_import_file(path: &std::path::Path) -> Result<String> {
    let size = std::fs::metadata(path)?.len();
    if size > MAX_ICS_BYTES as u64 {
        return Err(Error::TooLarge {
            what: "The calendar file",
            size: usize::try_from(size).unwrap_or(usize::MAX),
            limit: MAX_ICS_BYTES,
        });
    }
    let bytes = std::fs::read(path)?;
    String::from_utf8(bytes).map_err(|_| {
        Error::InvalidInput(
            "The calendar file is not UTF-8 text, so it is not an .ics file.".into(),
        )
    })
}

impl Vault {
    /// Exports sessions (see [`Vault::ics_export`]) to a file the user chose.
    /// Returns what was written, without the text.
    pub fn ics_export_to_file(
        &mut self,
        options: &ExportOptions,
        path: &std::path::Path,
        now: DateTime<Utc>,
    ) -> Result<IcsExport> {
        if !path.is_absolute() || path.file_name().is_none() {
            return Err(Error::InvalidInput(
                "Choose a file to save the calendar to.".into(),
            ));
        }
        let mut export = self.ics_export(options, now)?;
        std::fs::write(path, export.ics.as_bytes())?;
        export.ics = String::new();
        Ok(export)
    }
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
        assert_eq!(parse_offset("-0330"), Some(-12600));
        assert_eq!(parse_duration("PT1H30M"), Some(90));
        assert_eq!(parse_duration("-PT15M"), Some(-15));
        assert_eq!(parse_duration("P1W"), Some(7 * 24 * 60));
        assert_eq!(parse_duration("PT"), None);
        assert_eq!(parse_duration("P1H"), None);
        assert_eq!(initials("Sam  van Jones"), "S.V.J.");
    }

    #[test]
    fn byday_parses() {
        assert_eq!(parse_byday("2TU"), Some((Some(2), Weekday::Tuesday)));
        assert_eq!(parse_byday("-1FR"), Some((Some(-1), Weekday::Friday)));
        assert_eq!(parse_byday("+1mo"), Some((Some(1), Weekday::Monday)));
        assert_eq!(parse_byday("XX"), None);
    }
}
