//! Occurrences: a series' rule expanded over a range, its exceptions
//! applied, conflicts marked across everyone. A damaged series or a damaged
//! exception leaves out only its own sessions (listed as damaged, with a
//! note); the rest of the range still shows.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use rusqlite::Connection;

use super::records::{self, LoadedSeries, OverrideBody};
use super::rules;
use super::time;
use super::{
    find_conflicts, Conflict, Occurrence, OccurrenceKey, OccurrenceList, ScheduleChange,
    SessionStatus, MAX_OCCURRENCES_PER_SERIES,
};
use crate::error::{Error, Result};
use crate::keys::KeyRing;

/// How far ahead conflicts are looked for when a series is created.
pub(crate) const CONFLICT_HORIZON_DAYS: i64 = 366;
/// Most notes returned with a change.
pub(crate) const MAX_NOTES: usize = 8;

fn occurrence(
    s: &LoadedSeries,
    original: NaiveDateTime,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    status: SessionStatus,
    body: Option<&OverrideBody>,
    note: Option<String>,
) -> Occurrence {
    Occurrence {
        key: OccurrenceKey {
            series_id: s.id.clone(),
            original_start: original,
        },
        person_id: s.person_id.clone(),
        kind: s.kind,
        status,
        start,
        end,
        local_start: time::local_of(s.timing.tz, start),
        local_end: time::local_of(s.timing.tz, end),
        time_zone: s.body.time_zone.clone(),
        moved: body.is_some_and(|b| b.moved.is_some()),
        recurring: s.timing.recurrence.is_some(),
        cancellation: body.and_then(|b| b.cancellation.clone()),
        conflict: false,
        conflicts_with: Vec::new(),
        reminder: s.body.reminder,
        note,
    }
}

/// One series' occurrences in a range.
pub(crate) struct SeriesOccurrences {
    pub occurrences: Vec<Occurrence>,
    pub truncated: bool,
    /// Original slots whose exception failed its integrity check.
    pub damaged: Vec<NaiveDateTime>,
}

/// One series' occurrences overlapping `[from, to)`, exceptions applied.
pub(crate) fn series_occurrences(
    conn: &Connection,
    ring: &KeyRing,
    s: &LoadedSeries,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<SeriesOccurrences> {
    let (slots, truncated) = rules::placed_between(&s.timing, from, to, MAX_OCCURRENCES_PER_SERIES);
    let lo = from.naive_utc() - Duration::hours(28);
    let hi = to.naive_utc() + Duration::hours(15);
    let overrides = records::read_overrides(conn, ring, s, Some((lo, hi, from, to)))?;
    let taken: HashSet<NaiveDateTime> = overrides
        .ok
        .iter()
        .map(|o| o.original)
        .chain(overrides.damaged.iter().copied())
        .collect();
    let mut out = Vec::with_capacity(slots.len() + overrides.ok.len());
    for (local, start, end, note) in slots {
        if !taken.contains(&local) {
            out.push(occurrence(
                s,
                local,
                start,
                end,
                SessionStatus::Planned,
                None,
                note,
            ));
        }
    }
    for ov in &overrides.ok {
        let (local, start, end) = records::effective_times(&s.timing, ov.original, &ov.body);
        if start < to && end > from {
            let note = time::issue_note(s.timing.tz, local, &time::place(s.timing.tz, local));
            out.push(occurrence(
                s,
                ov.original,
                start,
                end,
                ov.status,
                Some(&ov.body),
                note,
            ));
        }
    }
    Ok(SeriesOccurrences {
        occurrences: out,
        truncated,
        damaged: overrides.damaged,
    })
}

/// Every occurrence overlapping `[from, to)` with conflicts marked (looking
/// 12 hours beyond each end so overlaps at the edges are seen).
pub(crate) fn collect(
    conn: &Connection,
    ring: &KeyRing,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    person_id: Option<&str>,
) -> Result<OccurrenceList> {
    let margin = Duration::hours(12);
    let (ext_from, ext_to) = (from - margin, to + margin);
    let mut occurrences = Vec::new();
    let mut damaged_series = Vec::new();
    let mut damaged_sessions = Vec::new();
    let mut truncated = false;
    for s in records::series_in_range(conn, ring, ext_from, ext_to)? {
        match s {
            Ok(s) => match series_occurrences(conn, ring, &s, ext_from, ext_to) {
                Ok(found) => {
                    truncated |= found.truncated;
                    occurrences.extend(found.occurrences);
                    if person_id.is_none_or(|p| s.person_id == p) {
                        damaged_sessions.extend(found.damaged.into_iter().map(|original| {
                            OccurrenceKey {
                                series_id: s.id.clone(),
                                original_start: original,
                            }
                        }));
                    }
                }
                Err(Error::Integrity(_)) => damaged_series.push(s.id.clone()),
                Err(e) => return Err(e),
            },
            Err(id) => damaged_series.push(id),
        }
    }
    find_conflicts(&mut occurrences);
    occurrences
        .retain(|o| o.start < to && o.end > from && person_id.is_none_or(|p| o.person_id == p));
    occurrences.sort_by(|a, b| (a.start, a.end, &a.key).cmp(&(b.start, b.end, &b.key)));
    damaged_sessions.sort();
    let mut notes = Vec::new();
    if truncated {
        notes.push(format!(
            "Some series have more than {MAX_OCCURRENCES_PER_SERIES} sessions in this range; only the first are shown. Choose a shorter range."
        ));
    }
    if !damaged_series.is_empty() {
        notes.push(format!(
            "{} session series failed their integrity check and are not shown.",
            damaged_series.len()
        ));
    }
    if !damaged_sessions.is_empty() {
        let n = damaged_sessions.len();
        notes.push(format!(
            "{n} session{} failed {} integrity check and {} not shown; the rest of {} series {} shown.",
            if n == 1 { "" } else { "s" },
            if n == 1 { "its" } else { "their" },
            if n == 1 { "is" } else { "are" },
            if n == 1 { "its" } else { "their" },
            if n == 1 { "is" } else { "are" },
        ));
    }
    Ok(OccurrenceList {
        occurrences,
        truncated,
        damaged_series,
        damaged_sessions,
        notes,
    })
}

/// Conflicts (and clock-change notes) of the sessions of `series_ids` in a
/// collected list.
pub(crate) fn conflicts_in(
    list: &OccurrenceList,
    series_ids: &[&str],
) -> (Vec<Conflict>, Vec<String>) {
    let by_key: HashMap<&OccurrenceKey, &Occurrence> =
        list.occurrences.iter().map(|o| (&o.key, o)).collect();
    let mut conflicts = Vec::new();
    let mut notes = Vec::new();
    for o in list
        .occurrences
        .iter()
        .filter(|o| series_ids.contains(&o.key.series_id.as_str()))
    {
        if let Some(n) = &o.note {
            if notes.len() < MAX_NOTES && !notes.contains(n) {
                notes.push(n.clone());
            }
        }
        for other in &o.conflicts_with {
            // A pair inside the new series set is reported once.
            if series_ids.contains(&other.series_id.as_str()) && other < &o.key {
                continue;
            }
            if let Some(x) = by_key.get(other) {
                conflicts.push(Conflict {
                    occurrence: o.key.clone(),
                    start: o.start,
                    end: o.end,
                    other: other.clone(),
                    other_person_id: x.person_id.clone(),
                    other_start: x.start,
                    other_end: x.end,
                });
            }
        }
    }
    (conflicts, notes)
}

/// The change report for newly written series: conflicts within a year of
/// the first session.
pub(crate) fn change_report(
    conn: &Connection,
    ring: &KeyRing,
    series: &[LoadedSeries],
    mut notes: Vec<String>,
    dropped_exceptions: u32,
) -> Result<ScheduleChange> {
    let from = series
        .iter()
        .map(|s| s.first_start)
        .min()
        .unwrap_or(DateTime::<Utc>::UNIX_EPOCH); // no series: an empty window
    let horizon = from + Duration::days(CONFLICT_HORIZON_DAYS);
    let last = series
        .iter()
        .map(|s| s.last_end.unwrap_or(horizon))
        .max()
        .unwrap_or(horizon);
    let to = last.min(horizon).max(from + Duration::minutes(1));
    let ids: Vec<&str> = series.iter().map(|s| s.id.as_str()).collect();
    let list = collect(conn, ring, from, to, None)?;
    let (conflicts, more_notes) = conflicts_in(&list, &ids);
    for n in more_notes {
        if notes.len() < MAX_NOTES && !notes.contains(&n) {
            notes.push(n);
        }
    }
    Ok(ScheduleChange {
        series: series.iter().map(LoadedSeries::to_series).collect(),
        conflicts,
        conflicts_checked_until: to,
        notes,
        dropped_exceptions,
    })
}
