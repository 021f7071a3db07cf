//! One event of a calendar file: its times, zone, reminder and status, and
//! its plan (rule, excluded dates, changed occurrences).

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{Datelike, Duration, NaiveDateTime};
use chrono_tz::Tz;
use icalendar::parser::{Component, Property};

use super::import::{Budget, ImportItem, ImportOptions, PlannedChange, PlannedItem};
use super::parse::{param, parse_duration, parse_time, parse_times, prop, props, value, IcsTime};
use super::recur::{clean_text, map_rrule};
use super::tzmatch::ZoneResolver;
use super::{MAX_EXDATES, MAX_LOCATION_CHARS, MAX_SUMMARY_CHARS};
use crate::schedule::records::Moved;
use crate::schedule::rules::validate_timing;
use crate::schedule::time::{self, local_of, place};
use crate::schedule::{
    describe_recurrence, ReminderSetting, MAX_EXPANSION_STEPS, MAX_REMINDER_MINUTES,
};

/// The wall-clock time of a value in the zone `tz` (the event's zone).
pub(super) fn in_zone(
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

pub(super) fn summary_of(c: &Component<'_>) -> String {
    let s = prop(c, "SUMMARY")
        .map(|p| clean_text(p.val.as_str(), MAX_SUMMARY_CHARS))
        .unwrap_or_default();
    if s.is_empty() {
        "(no title)".into()
    } else {
        s
    }
}

pub(super) fn reminder_of(c: &Component<'_>) -> ReminderSetting {
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
pub(super) fn event_times(
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

pub(super) fn is_cancelled(c: &Component<'_>) -> bool {
    prop(c, "STATUS").is_some_and(|p| value(p).eq_ignore_ascii_case("CANCELLED"))
}

/// One master event (or a changed occurrence standing alone) read into a
/// planned item with its notes; `Err` is the reason it is skipped. Matching
/// its excluded and changed dates to its sessions takes rule steps from
/// `budget`.
pub(super) fn plan_event(
    e: &Component<'_>,
    is_orphan: bool,
    changes: &HashMap<String, Vec<&Component<'_>>>,
    zr: &mut ZoneResolver<'_>,
    home: Tz,
    options: &ImportOptions,
    budget: &mut Budget,
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
            if budget.left() == 0 {
                budget.exhausted = true;
                return Err(
                    "The file's repeat rules took too many steps to read before this event; import the file in parts."
                        .into(),
                );
            }
            let left = usize::try_from(budget.left()).unwrap_or(usize::MAX);
            let expansion = timing.starts_within(
                timing.start,
                max + Duration::minutes(1),
                MAX_EXPANSION_STEPS,
                left,
            );
            budget.steps += expansion.steps as u64;
            let slots: HashSet<NaiveDateTime> = expansion.starts.into_iter().collect();
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
