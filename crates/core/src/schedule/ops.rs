//! The scheduling commands on an unlocked [`Vault`].

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use rusqlite::{params, Connection, TransactionBehavior};
use uuid::Uuid;

use super::db::{self, LoadedOverride, LoadedSeries, Moved, OverrideBody, SeriesBody};
use super::rules::{self, check_range, duration_between, validate_timing, Timing};
use super::time::{self, floating_ms, to_minute};
use super::{
    cadence, find_conflicts, reminders_due, CancelInput, Cancellation, Conflict, Occurrence,
    OccurrenceChange, OccurrenceKey, OccurrenceList, PhasedCadence, RecurrenceEnd, Reminder,
    ReminderSetting, ScheduleChange, Series, SeriesInput, SeriesList, SessionStatus, SessionTime,
    DEFAULT_NOTICE_HOURS, MAX_CODE_CHARS, MAX_EXPANSION_STEPS, MAX_LOCATION_CHARS,
    MAX_OCCURRENCES_PER_SERIES, MAX_REASON_CHARS, MAX_REMINDER_MINUTES, MAX_UPCOMING,
};
use crate::error::{Error, Result};
use crate::vault::{Session, Vault};

/// How far ahead conflicts are looked for when a series is created.
const CONFLICT_HORIZON_DAYS: i64 = 366;
/// Most notes returned with a change.
const MAX_NOTES: usize = 8;
/// Longest notice period accepted (60 days).
const MAX_NOTICE_HOURS: u32 = 60 * 24;

/// A series input that passed validation.
#[derive(Debug, Clone)]
pub(crate) struct ValidSeries {
    pub person_id: String,
    pub kind: super::SessionKind,
    pub body: SeriesBody,
    pub timing: Timing,
    pub notes: Vec<String>,
}

fn text(field: &str, value: &str, max_chars: usize, multiline: bool) -> Result<String> {
    let v = value.trim();
    if v.chars().count() > max_chars {
        return Err(Error::InvalidInput(format!(
            "{field} is too long (at most {max_chars} characters)."
        )));
    }
    if v.chars()
        .any(|c| c.is_control() && !(multiline && (c == '\n' || c == '\t')))
    {
        return Err(Error::InvalidInput(format!(
            "{field} contains control characters."
        )));
    }
    Ok(v.to_string())
}

/// Validates everything in a series input that does not need the database.
pub(crate) fn validate_series(input: &SeriesInput) -> Result<ValidSeries> {
    let person_id = db::parse_id("That person's", &input.person_id)?;
    let (timing, notes) = validate_timing(
        &input.time_zone,
        input.start,
        input.end,
        input.recurrence.as_ref(),
    )?;
    let location = text("The location", &input.location, MAX_LOCATION_CHARS, false)?;
    let calendar_code = text(
        "The calendar code",
        &input.calendar_code,
        MAX_CODE_CHARS,
        false,
    )?;
    if let ReminderSetting::Before { minutes } = input.reminder {
        if minutes > MAX_REMINDER_MINUTES {
            return Err(Error::InvalidInput(
                "A reminder can be at most a week before the session.".into(),
            ));
        }
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

/// One series' occurrences overlapping `[from, to)`, exceptions applied.
pub(crate) fn series_occurrences(
    conn: &Connection,
    session: &Session,
    s: &LoadedSeries,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<(Vec<Occurrence>, bool)> {
    let (slots, truncated) = rules::placed_between(&s.timing, from, to, MAX_OCCURRENCES_PER_SERIES);
    let lo = from.naive_utc() - Duration::hours(28);
    let hi = to.naive_utc() + Duration::hours(15);
    let overrides = db::read_overrides(conn, session, s, Some((lo, hi, from, to)))?;
    let by_original: HashSet<NaiveDateTime> = overrides.iter().map(|o| o.original).collect();
    let mut out = Vec::with_capacity(slots.len() + overrides.len());
    for (local, start, end, note) in slots {
        if !by_original.contains(&local) {
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
    for ov in &overrides {
        let (local, start, end) = db::effective_times(&s.timing, ov.original, &ov.body);
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
    Ok((out, truncated))
}

/// Every occurrence overlapping `[from, to)` with conflicts marked (looking
/// 12 hours beyond each end so overlaps at the edges are seen).
pub(crate) fn collect(
    conn: &Connection,
    session: &Session,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    person_id: Option<&str>,
) -> Result<OccurrenceList> {
    let margin = Duration::hours(12);
    let (ext_from, ext_to) = (from - margin, to + margin);
    let mut occurrences = Vec::new();
    let mut damaged_series = Vec::new();
    let mut truncated = false;
    for s in db::series_in_range(conn, session, ext_from, ext_to, None)? {
        match s {
            Ok(s) => match series_occurrences(conn, session, &s, ext_from, ext_to) {
                Ok((occ, t)) => {
                    truncated |= t;
                    occurrences.extend(occ);
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
    Ok(OccurrenceList {
        occurrences,
        truncated,
        damaged_series,
        notes,
    })
}

/// Conflicts (and clock-change notes) of the sessions of `series_ids` in a
/// collected list.
fn conflicts_in(list: &OccurrenceList, series_ids: &[&str]) -> (Vec<Conflict>, Vec<String>) {
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
    session: &Session,
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
    let list = collect(conn, session, from, to, None)?;
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

/// An exception to write with a new series.
pub(crate) struct PlannedException {
    pub original: NaiveDateTime,
    pub status: SessionStatus,
    pub body: OverrideBody,
}

/// Inserts validated series (with their exceptions) in one transaction.
/// Each exception must name an occurrence of its series.
pub(crate) fn insert_all(
    conn: &mut Connection,
    session: &Session,
    items: &[(ValidSeries, Vec<PlannedException>)],
    now: DateTime<Utc>,
) -> Result<Vec<LoadedSeries>> {
    let mut keys = Vec::with_capacity(items.len());
    for (v, exceptions) in items {
        keys.push(db::subject_key(conn, &v.person_id, v.kind)?);
        for e in exceptions {
            if !v.timing.contains(e.original) {
                return Err(Error::NotFound("That session"));
            }
        }
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let mut ids = Vec::with_capacity(items.len());
    for ((v, exceptions), key_id) in items.iter().zip(keys) {
        let id = Uuid::new_v4().to_string();
        db::insert_series(
            &tx,
            session,
            &id,
            &v.person_id,
            v.kind,
            key_id,
            &v.body,
            &v.timing,
            now,
        )?;
        for e in exceptions {
            db::write_override(
                &tx, session, &id, key_id, &v.timing, e.original, e.status, &e.body, now,
            )?;
        }
        ids.push(id);
    }
    tx.commit()?;
    ids.iter()
        .map(|id| db::read_series(conn, session, id))
        .collect()
}

/// Finds an occurrence: its series and its exception, if any.
fn locate(
    conn: &Connection,
    session: &Session,
    key: &OccurrenceKey,
) -> Result<(LoadedSeries, Option<LoadedOverride>)> {
    let s = db::read_series(conn, session, &key.series_id)?;
    let original = key.original_start;
    if to_minute(original) != original || !s.timing.contains(original) {
        return Err(Error::NotFound("That session"));
    }
    let ov = db::read_override(conn, session, &s, original)?;
    Ok((s, ov))
}

/// Writes an exception, or removes it when it says nothing.
#[allow(clippy::too_many_arguments)]
fn store_exception(
    conn: &mut Connection,
    session: &Session,
    s: &LoadedSeries,
    original: NaiveDateTime,
    status: SessionStatus,
    body: &OverrideBody,
    now: DateTime<Utc>,
) -> Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    if status == SessionStatus::Planned && *body == OverrideBody::default() {
        db::delete_override(&tx, &s.id, original, now)?;
    } else {
        db::write_override(
            &tx, session, &s.id, s.key_id, &s.timing, original, status, body, now,
        )?;
    }
    tx.commit()?;
    Ok(())
}

/// The occurrence as it is now, with what it overlaps.
fn occurrence_now(
    conn: &Connection,
    session: &Session,
    key: &OccurrenceKey,
) -> Result<OccurrenceChange> {
    let (s, ov) = locate(conn, session, key)?;
    let body = ov.map(|o| o.body).unwrap_or_default();
    let (_, start, end) = db::effective_times(&s.timing, key.original_start, &body);
    let from = start - Duration::hours(1);
    let to = end + Duration::hours(1);
    let list = collect(conn, session, from, to, None)?;
    let (conflicts, notes) = conflicts_in(&list, &[s.id.as_str()]);
    let occurrence = list
        .occurrences
        .into_iter()
        .find(|o| &o.key == key)
        .ok_or(Error::NotFound("That session"))?;
    let conflicts = conflicts
        .into_iter()
        .filter(|c| &c.occurrence == key)
        .collect();
    Ok(OccurrenceChange {
        occurrence,
        conflicts,
        notes,
    })
}

/// Where exceptions go when a series' timing is replaced from `split` on.
/// Returns those to rewrite under the new timing and how many were dropped.
fn carry_exceptions(
    overrides: Vec<LoadedOverride>,
    split: NaiveDateTime,
    new_timing: &Timing,
) -> (Vec<PlannedException>, u32) {
    let mut carried = Vec::new();
    let mut dropped = 0;
    for ov in overrides.into_iter().filter(|o| o.original >= split) {
        if new_timing.contains(ov.original) {
            carried.push(PlannedException {
                original: ov.original,
                status: ov.status,
                body: ov.body,
            });
        } else {
            dropped += 1;
        }
    }
    (carried, dropped)
}

/// Re-aligns a timing after its recurrence end changed.
fn with_end(v: &mut ValidSeries, end: RecurrenceEnd) {
    if let Some(rec) = v.timing.recurrence.as_mut() {
        rec.end = end;
    }
    v.body.recurrence = v.timing.recurrence.clone();
}

impl Vault {
    /// Schedules a one-off session or a recurring series. Returns the series,
    /// the sessions it overlaps in its first year (the user may keep them),
    /// and notes (start aligned to the rule, clock changes).
    pub fn schedule_create(
        &mut self,
        input: &SeriesInput,
        now: DateTime<Utc>,
    ) -> Result<ScheduleChange> {
        self.schedule_create_many(std::slice::from_ref(input), now)
    }

    /// Schedules several series in one transaction (all or nothing).
    pub fn schedule_create_many(
        &mut self,
        inputs: &[SeriesInput],
        now: DateTime<Utc>,
    ) -> Result<ScheduleChange> {
        if inputs.is_empty() {
            return Err(Error::InvalidInput("Nothing to schedule.".into()));
        }
        let mut items = Vec::with_capacity(inputs.len());
        let mut notes = Vec::new();
        for input in inputs {
            let v = validate_series(input)?;
            notes.extend(v.notes.iter().cloned());
            items.push((v, Vec::new()));
        }
        let (conn, session) = self.unlocked_parts()?;
        let created = insert_all(conn, session, &items, now)?;
        notes.truncate(MAX_NOTES);
        change_report(conn, session, &created, notes, 0)
    }

    /// Schedules the phased cadence (see [`super::phased_cadence`]) from the
    /// first session described by `first`, as up to three series.
    pub fn schedule_create_phased(
        &mut self,
        first: &SeriesInput,
        cadence: &PhasedCadence,
        now: DateTime<Utc>,
    ) -> Result<ScheduleChange> {
        let inputs = cadence::phased_cadence(first, cadence)?;
        self.schedule_create_many(&inputs, now)
    }

    /// One series.
    pub fn schedule_series_get(&mut self, id: &str) -> Result<Series> {
        let (conn, session) = self.unlocked_parts()?;
        Ok(db::read_series(conn, session, id)?.to_series())
    }

    /// All series, or one person's, by first start.
    pub fn schedule_series_list(&mut self, person_id: Option<&str>) -> Result<SeriesList> {
        let person = person_id
            .map(|p| db::parse_id("That person's", p))
            .transpose()?;
        let (conn, session) = self.unlocked_parts()?;
        let mut series = Vec::new();
        let mut damaged = Vec::new();
        for s in db::all_series(conn, session, person.as_deref())? {
            match s {
                Ok(s) => series.push(s.to_series()),
                Err(id) => damaged.push(id),
            }
        }
        Ok(SeriesList { series, damaged })
    }

    /// Replaces a whole series' fields, keeping its id. Exceptions whose
    /// original slot is still a session stay; the others are dropped (and
    /// counted in the result).
    pub fn schedule_series_update(
        &mut self,
        id: &str,
        input: &SeriesInput,
        now: DateTime<Utc>,
    ) -> Result<ScheduleChange> {
        let v = validate_series(input)?;
        let (conn, session) = self.unlocked_parts()?;
        let old = db::read_series(conn, session, id)?;
        let key_id = db::subject_key(conn, &v.person_id, v.kind)?;
        let overrides = db::read_overrides(conn, session, &old, None)?;
        let (carried, dropped) = carry_exceptions(overrides, NaiveDateTime::MIN, &v.timing);
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute(
            "DELETE FROM session_overrides WHERE series_id = ?1",
            [&old.id],
        )?;
        let sealed_under = LoadedSeries {
            key_id,
            ..old.clone()
        };
        db::update_series(&tx, session, &sealed_under, &v.body, &v.timing, now)?;
        tx.execute(
            "UPDATE session_series SET person_id = ?2, kind = ?3, key_id = ?4 WHERE id = ?1",
            params![old.id, v.person_id, v.kind.as_str(), key_id.to_string()],
        )?;
        for e in &carried {
            db::write_override(
                &tx, session, &old.id, key_id, &v.timing, e.original, e.status, &e.body, now,
            )?;
        }
        tx.commit()?;
        let updated = db::read_series(conn, session, &old.id)?;
        change_report(conn, session, &[updated], v.notes, dropped)
    }

    /// Deletes a series and all its exceptions.
    pub fn schedule_series_delete(&mut self, id: &str) -> Result<()> {
        let id = db::parse_id("That session series'", id)?;
        let (conn, _) = self.unlocked_parts()?;
        let n = conn.execute("DELETE FROM session_series WHERE id = ?1", [&id])?;
        if n == 0 {
            return Err(Error::NotFound("That session series"));
        }
        Ok(())
    }

    /// Every session overlapping `[from, to)` (at most
    /// [`super::MAX_RANGE_DAYS`] days), of one person or everyone, with
    /// status, moves and conflicts (conflicts are always across everyone).
    pub fn schedule_occurrences(
        &mut self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        person_id: Option<&str>,
    ) -> Result<OccurrenceList> {
        check_range(from, to)?;
        let person = person_id
            .map(|p| db::parse_id("That person's", p))
            .transpose()?;
        let (conn, session) = self.unlocked_parts()?;
        collect(conn, session, from, to, person.as_deref())
    }

    /// The next `n` sessions (at most [`MAX_UPCOMING`]) that have not ended
    /// and are not cancelled, looking up to a year ahead.
    pub fn schedule_upcoming(&mut self, now: DateTime<Utc>, n: usize) -> Result<Vec<Occurrence>> {
        if n == 0 || n > MAX_UPCOMING {
            return Err(Error::InvalidInput(format!(
                "Ask for between 1 and {MAX_UPCOMING} sessions."
            )));
        }
        let (conn, session) = self.unlocked_parts()?;
        let mut out: Vec<Occurrence> = Vec::new();
        let step = Duration::days(31);
        let mut from = now;
        while out.len() < n && from < now + Duration::days(CONFLICT_HORIZON_DAYS) {
            let to = from + step;
            let list = collect(conn, session, from, to, None)?;
            for o in list.occurrences {
                let fresh = o.start >= from || from == now;
                if fresh && o.end > now && o.status != SessionStatus::Cancelled {
                    out.push(o);
                }
            }
            from = to;
        }
        out.sort_by(|a, b| (a.start, &a.key).cmp(&(b.start, &b.key)));
        out.dedup_by(|a, b| a.key == b.key);
        out.truncate(n);
        Ok(out)
    }

    /// Reminders due in `(since, now]` (see [`super::reminders_due`]);
    /// `default_minutes` is the app-wide lead time. A `since` more than a
    /// day ago is treated as a day ago, so waking from a long sleep does not
    /// replay old reminders.
    pub fn schedule_reminders_due(
        &mut self,
        since: DateTime<Utc>,
        now: DateTime<Utc>,
        default_minutes: u32,
    ) -> Result<Vec<Reminder>> {
        if default_minutes > MAX_REMINDER_MINUTES {
            return Err(Error::InvalidInput(
                "A reminder can be at most a week before the session.".into(),
            ));
        }
        let since = since.max(now - Duration::days(1));
        if since >= now {
            return Ok(Vec::new());
        }
        let (conn, session) = self.unlocked_parts()?;
        let horizon = now + Duration::minutes(i64::from(MAX_REMINDER_MINUTES) + 1);
        let list = collect(conn, session, since, horizon, None)?;
        Ok(reminders_due(
            &list.occurrences,
            since,
            now,
            default_minutes,
        ))
    }

    /// Moves one occurrence to a new local time (in the series' time zone).
    /// Moving it again replaces the earlier move; moving it back to its
    /// original slot and length removes the move. Returns the sessions it
    /// now overlaps (the user may keep them).
    pub fn schedule_move(
        &mut self,
        key: &OccurrenceKey,
        to: &SessionTime,
        now: DateTime<Utc>,
    ) -> Result<OccurrenceChange> {
        let minutes = duration_between(to.start, to.end)?;
        let start = to_minute(to.start);
        let (conn, session) = self.unlocked_parts()?;
        let (s, ov) = locate(conn, session, key)?;
        let status = ov.as_ref().map_or(SessionStatus::Planned, |o| o.status);
        if status == SessionStatus::Cancelled {
            return Err(Error::InvalidInput(
                "This session is cancelled. Restore it before moving it.".into(),
            ));
        }
        let mut body = ov.map(|o| o.body).unwrap_or_default();
        body.moved = if start == key.original_start && minutes == s.timing.duration_minutes {
            None
        } else {
            Some(Moved {
                start,
                duration_minutes: minutes,
            })
        };
        store_exception(conn, session, &s, key.original_start, status, &body, now)?;
        let mut change = occurrence_now(conn, session, key)?;
        if let Some(n) = time::issue_note(s.timing.tz, start, &time::place(s.timing.tz, start)) {
            if !change.notes.contains(&n) {
                change.notes.push(n);
            }
        }
        Ok(change)
    }

    /// Cancels one occurrence, recording who, why, and whether it was late:
    /// less than the notice period (`notice_hours`, default
    /// [`DEFAULT_NOTICE_HOURS`]) before its start.
    pub fn schedule_cancel(
        &mut self,
        key: &OccurrenceKey,
        input: &CancelInput,
        now: DateTime<Utc>,
    ) -> Result<Occurrence> {
        let reason = text("The reason", &input.reason, MAX_REASON_CHARS, true)?;
        let notice = input.notice_hours.unwrap_or(DEFAULT_NOTICE_HOURS);
        if notice > MAX_NOTICE_HOURS {
            return Err(Error::InvalidInput(
                "The notice period can be at most 60 days.".into(),
            ));
        }
        let (conn, session) = self.unlocked_parts()?;
        let (s, ov) = locate(conn, session, key)?;
        let mut body = ov.map(|o| o.body).unwrap_or_default();
        let (_, start, _) = db::effective_times(&s.timing, key.original_start, &body);
        body.cancellation = Some(Cancellation {
            by: input.by,
            reason,
            late: start - now < Duration::hours(i64::from(notice)),
            cancelled_at: now,
        });
        store_exception(
            conn,
            session,
            &s,
            key.original_start,
            SessionStatus::Cancelled,
            &body,
            now,
        )?;
        Ok(occurrence_now(conn, session, key)?.occurrence)
    }

    /// Sets an occurrence's status to planned (restoring a cancelled one),
    /// held or no-show. Held and no-show need the session to have started.
    /// Use [`Vault::schedule_cancel`] to cancel.
    pub fn schedule_set_status(
        &mut self,
        key: &OccurrenceKey,
        status: SessionStatus,
        now: DateTime<Utc>,
    ) -> Result<Occurrence> {
        if status == SessionStatus::Cancelled {
            return Err(Error::InvalidInput(
                "Use Cancel to cancel a session, so that who cancelled and why are recorded."
                    .into(),
            ));
        }
        let (conn, session) = self.unlocked_parts()?;
        let (s, ov) = locate(conn, session, key)?;
        let mut body = ov.map(|o| o.body).unwrap_or_default();
        let (_, start, _) = db::effective_times(&s.timing, key.original_start, &body);
        if status != SessionStatus::Planned && start > now {
            return Err(Error::InvalidInput(
                "A session can be marked held or no-show only once it has started.".into(),
            ));
        }
        body.cancellation = None;
        store_exception(conn, session, &s, key.original_start, status, &body, now)?;
        Ok(occurrence_now(conn, session, key)?.occurrence)
    }

    /// Removes every exception of one occurrence: it goes back to its
    /// original slot, planned.
    pub fn schedule_occurrence_reset(
        &mut self,
        key: &OccurrenceKey,
        now: DateTime<Utc>,
    ) -> Result<Occurrence> {
        let (conn, session) = self.unlocked_parts()?;
        let (s, _) = locate(conn, session, key)?;
        store_exception(
            conn,
            session,
            &s,
            key.original_start,
            SessionStatus::Planned,
            &OverrideBody::default(),
            now,
        )?;
        Ok(occurrence_now(conn, session, key)?.occurrence)
    }

    /// Edit this-and-following: the series now ends with the session before
    /// `key`, and a new series made from `input` starts at `key` (aligned to
    /// its rule). The new part must start after the last session that stays.
    /// If the old series ended after a count and `input` gives the same
    /// count, the new part gets the sessions that remain. Exceptions from
    /// `key` on move to the new series when their original slot is one of its
    /// sessions, and are dropped otherwise (`dropped_exceptions`). When `key`
    /// is the first session, the old series is replaced entirely.
    pub fn schedule_edit_following(
        &mut self,
        key: &OccurrenceKey,
        input: &SeriesInput,
        now: DateTime<Utc>,
    ) -> Result<ScheduleChange> {
        let mut v = validate_series(input)?;
        let (conn, session) = self.unlocked_parts()?;
        let (old, _) = locate(conn, session, key)?;
        let split = key.original_start;
        let kept = old
            .timing
            .starts_between(old.timing.start, split, MAX_EXPANSION_STEPS)
            .starts;
        if let Some(last) = kept.last() {
            if v.timing.start.date() <= last.date() {
                return Err(Error::InvalidInput(format!(
                    "The changed sessions must start after {}, the last session that stays as it was.",
                    time::long_date(*last)
                )));
            }
        }
        if let (Some(old_rec), Some(new_rec)) = (&old.timing.recurrence, &v.timing.recurrence) {
            if let (RecurrenceEnd::Count { count: a }, RecurrenceEnd::Count { count: b }) =
                (old_rec.end, new_rec.end)
            {
                if a == b {
                    let remaining = a.saturating_sub(kept.len() as u32).max(1);
                    with_end(&mut v, RecurrenceEnd::Count { count: remaining });
                }
            }
        }
        let new_key = db::subject_key(conn, &v.person_id, v.kind)?;
        let overrides = db::read_overrides(conn, session, &old, None)?;
        let (carried, dropped) = carry_exceptions(overrides, split, &v.timing);

        let new_id = Uuid::new_v4().to_string();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute(
            "DELETE FROM session_overrides WHERE series_id = ?1 AND recurrence_id >= ?2",
            params![old.id, floating_ms(split)],
        )?;
        let old_kept = match kept.last() {
            None => {
                tx.execute("DELETE FROM session_series WHERE id = ?1", [&old.id])?;
                false
            }
            Some(last) => {
                let mut body = old.body.clone();
                if let Some(rec) = body.recurrence.as_mut() {
                    rec.end = RecurrenceEnd::Until { date: last.date() };
                }
                let timing = db::timing_of(&body)?;
                db::update_series(&tx, session, &old, &body, &timing, now)?;
                true
            }
        };
        db::insert_series(
            &tx,
            session,
            &new_id,
            &v.person_id,
            v.kind,
            new_key,
            &v.body,
            &v.timing,
            now,
        )?;
        for e in &carried {
            db::write_override(
                &tx, session, &new_id, new_key, &v.timing, e.original, e.status, &e.body, now,
            )?;
        }
        tx.commit()?;

        let mut written = Vec::new();
        if old_kept {
            written.push(db::read_series(conn, session, &old.id)?);
        }
        let new_series = db::read_series(conn, session, &new_id)?;
        let mut report = change_report(
            conn,
            session,
            std::slice::from_ref(&new_series),
            v.notes,
            dropped,
        )?;
        written.push(new_series);
        report.series = written.iter().map(LoadedSeries::to_series).collect();
        Ok(report)
    }
}
