//! Checking what was typed for a series, and writing new series with their
//! exceptions in one transaction.

use std::collections::HashSet;

use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use rusqlite::Connection;

use super::records::{self, LoadedSeries, OverrideBody, Overrides, SeriesBody};
use super::rules::{validate_timing, Timing};
use super::who;
use super::{
    ReminderSetting, SeriesInput, SessionKind, SessionStatus, MAX_CODE_CHARS, MAX_EXPANSION_STEPS,
    MAX_REMINDER_MINUTES,
};
use crate::error::{Error, Result};
use crate::keys::KeyRing;
use crate::store;
use crate::validate::{self, SHORT_CHARS};

/// A series input that passed validation.
#[derive(Debug, Clone)]
pub(crate) struct ValidSeries {
    pub person_id: String,
    pub kind: SessionKind,
    pub body: SeriesBody,
    pub timing: Timing,
    pub notes: Vec<String>,
}

/// Checks a reminder lead time.
pub(crate) fn check_reminder_minutes(minutes: u32) -> Result<()> {
    if minutes > MAX_REMINDER_MINUTES {
        return Err(Error::InvalidInput(
            "A reminder can be at most a week before the session.".into(),
        ));
    }
    Ok(())
}

/// Validates everything in a series input that does not need the database.
pub(crate) fn validate_series(input: &SeriesInput) -> Result<ValidSeries> {
    let person_id = records::parse_id("That person's", &input.person_id)?;
    let (timing, notes) = validate_timing(
        &input.time_zone,
        input.start,
        input.end,
        input.recurrence.as_ref(),
    )?;
    let location = validate::single_line("The location", &input.location, SHORT_CHARS)?;
    let calendar_code =
        validate::single_line("The calendar code", &input.calendar_code, MAX_CODE_CHARS)?;
    if let ReminderSetting::Before { minutes } = input.reminder {
        check_reminder_minutes(minutes)?;
    }
    let body = SeriesBody {
        time_zone: timing.tz.name().to_string(),
        start: timing.start,
        duration_minutes: timing.duration_minutes,
        recurrence: timing.recurrence.clone(),
        location,
        reminder: input.reminder,
        calendar_code,
    };
    Ok(ValidSeries {
        person_id,
        kind: input.kind,
        body,
        timing,
        notes,
    })
}

/// An exception to write with a new series.
#[derive(Debug, Clone)]
pub(crate) struct PlannedException {
    pub original: NaiveDateTime,
    pub status: SessionStatus,
    pub body: OverrideBody,
}

/// Whether every one of `originals` is a session of `timing`, found with
/// one expansion (not one per exception).
pub(crate) fn all_are_sessions(timing: &Timing, originals: &[NaiveDateTime]) -> bool {
    let Some(max) = originals.iter().max() else {
        return true;
    };
    let slots: HashSet<NaiveDateTime> = timing
        .starts_between(
            timing.start,
            *max + Duration::minutes(1),
            MAX_EXPANSION_STEPS,
        )
        .starts
        .into_iter()
        .collect();
    originals.iter().all(|o| slots.contains(o))
}

/// Inserts validated series (with their exceptions) in one transaction and
/// returns them as stored. Each person must be one who can have sessions of
/// that kind (read from their sealed record); each exception must name an
/// occurrence of its series.
pub(crate) fn insert_all(
    conn: &mut Connection,
    ring: &KeyRing,
    items: &[(ValidSeries, Vec<PlannedException>)],
    now: DateTime<Utc>,
) -> Result<Vec<LoadedSeries>> {
    for (v, exceptions) in items {
        who::check_person(conn, ring, &v.person_id, v.kind)?;
        let originals: Vec<NaiveDateTime> = exceptions.iter().map(|e| e.original).collect();
        if !all_are_sessions(&v.timing, &originals) {
            return Err(Error::NotFound("That session"));
        }
    }
    let ids = store::write(conn, |tx| {
        let mut ids = Vec::with_capacity(items.len());
        for (v, exceptions) in items {
            let meta =
                records::insert_series(tx, ring, &v.person_id, v.kind, &v.body, &v.timing, now)?;
            for e in exceptions {
                records::write_override(
                    tx, ring, &meta, &v.timing, e.original, e.status, &e.body, now,
                )?;
            }
            ids.push(meta.id);
        }
        Ok(ids)
    })?;
    ids.iter()
        .map(|id| records::read_series(conn, ring, id))
        .collect()
}

/// Where exceptions go when a series' timing is replaced from `split` on.
/// Returns those to rewrite under the new timing and how many were dropped:
/// those whose slot is no longer a session, and those that failed their
/// integrity check (with a note, as they cannot be carried).
pub(crate) fn carry(
    overrides: Overrides,
    split: NaiveDateTime,
    new_timing: &Timing,
    notes: &mut Vec<String>,
) -> (Vec<PlannedException>, u32) {
    let kept: Vec<_> = overrides
        .ok
        .into_iter()
        .filter(|o| o.original >= split)
        .collect();
    let originals: Vec<NaiveDateTime> = kept.iter().map(|o| o.original).collect();
    let slots: HashSet<NaiveDateTime> = match originals.iter().max() {
        None => HashSet::new(),
        Some(max) => new_timing
            .starts_between(
                new_timing.start,
                *max + Duration::minutes(1),
                MAX_EXPANSION_STEPS,
            )
            .starts
            .into_iter()
            .collect(),
    };
    let mut carried = Vec::new();
    let mut dropped = 0;
    for ov in kept {
        if slots.contains(&ov.original) {
            carried.push(PlannedException {
                original: ov.original,
                status: ov.status,
                body: ov.body,
            });
        } else {
            dropped += 1;
        }
    }
    let damaged = overrides.damaged.iter().filter(|o| **o >= split).count() as u32;
    if damaged > 0 {
        notes.push(format!(
            "{damaged} change{} to single sessions failed {} integrity check and {} removed.",
            if damaged == 1 { "" } else { "s" },
            if damaged == 1 { "its" } else { "their" },
            if damaged == 1 { "was" } else { "were" },
        ));
    }
    (carried, dropped + damaged)
}
