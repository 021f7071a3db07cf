//! Changes to single occurrences (move, cancel, status, reset) and edit
//! this-and-following, on [`Schedule`].

use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use rusqlite::Connection;

use super::expand::{change_report, collect, conflicts_in};
use super::input::{carry, validate_series, ValidSeries};
use super::records::{self, LoadedOverride, LoadedSeries, Moved, OverrideBody};
use super::rules::duration_between;
use super::time::{self, to_minute};
use super::who;
use super::{
    CancelInput, Cancellation, Occurrence, OccurrenceChange, OccurrenceKey, RecurrenceEnd,
    Schedule, ScheduleChange, SeriesInput, SessionStatus, SessionTime, DEFAULT_NOTICE_HOURS,
    MAX_EXPANSION_STEPS, MAX_REASON_CHARS,
};
use crate::error::{Error, Result};
use crate::keys::KeyRing;
use crate::store;
use crate::validate;

/// Longest notice period accepted (60 days).
const MAX_NOTICE_HOURS: u32 = 60 * 24;

/// Finds an occurrence: its series and its exception, if any (an error when
/// the exception failed its integrity check).
fn locate(
    conn: &Connection,
    ring: &KeyRing,
    key: &OccurrenceKey,
) -> Result<(LoadedSeries, Result<Option<LoadedOverride>>)> {
    let s = records::read_series(conn, ring, &key.series_id)?;
    let original = key.original_start;
    if to_minute(original) != original || !s.timing.contains(original) {
        return Err(Error::NotFound("That session"));
    }
    let ov = match records::read_override(conn, ring, &s, original) {
        Ok(o) => Ok(o),
        Err(e @ Error::Integrity(_)) => Err(e),
        Err(e) => return Err(e),
    };
    Ok((s, ov))
}

/// Writes an exception, or removes it when it says nothing, and seals the
/// series again with its new `updated_at`, in one transaction.
fn store_exception(
    conn: &mut Connection,
    ring: &KeyRing,
    s: &LoadedSeries,
    original: NaiveDateTime,
    status: SessionStatus,
    body: &OverrideBody,
    now: DateTime<Utc>,
) -> Result<()> {
    let deleted = store::write(conn, |tx| {
        let deleted = if status == SessionStatus::Planned && *body == OverrideBody::default() {
            records::delete_override(tx, &s.id, original)?
        } else {
            records::write_override(tx, ring, &s.meta, &s.timing, original, status, body, now)?;
            false
        };
        records::touch_series(tx, ring, s, now)?;
        Ok(deleted)
    })?;
    if deleted {
        store::checkpoint(conn)?;
    }
    Ok(())
}

/// The occurrence as it is now, with what it overlaps.
fn occurrence_now(
    conn: &Connection,
    ring: &KeyRing,
    key: &OccurrenceKey,
) -> Result<OccurrenceChange> {
    let (s, ov) = locate(conn, ring, key)?;
    let body = ov?.map(|o| o.body).unwrap_or_default();
    let (_, start, end) = records::effective_times(&s.timing, key.original_start, &body);
    let from = start - Duration::hours(1);
    let to = end + Duration::hours(1);
    let list = collect(conn, ring, from, to, None)?;
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

/// Re-aligns a timing after its recurrence end changed.
fn with_end(v: &mut ValidSeries, end: RecurrenceEnd) {
    if let Some(rec) = v.timing.recurrence.as_mut() {
        rec.end = end;
    }
    v.body.recurrence = v.timing.recurrence.clone();
}

impl Schedule<'_> {
    /// The occurrence `key` names, as it stands now (moves, status and
    /// conflicts applied), found directly from its series and exception
    /// however far it was moved. A key that names no occurrence of its
    /// series is not found; a damaged series or exception is an integrity
    /// error.
    pub fn occurrence(&mut self, key: &OccurrenceKey) -> Result<Occurrence> {
        let u = self.vault.unlocked()?;
        Ok(occurrence_now(u.conn, u.ring, key)?.occurrence)
    }

    /// Moves one occurrence to a new local time (in the series' time zone).
    /// Moving it again replaces the earlier move; moving it back to its
    /// original slot and length removes the move. Returns the sessions it
    /// now overlaps (the user may keep them).
    pub fn move_occurrence(
        &mut self,
        key: &OccurrenceKey,
        to: &SessionTime,
        now: DateTime<Utc>,
    ) -> Result<OccurrenceChange> {
        let minutes = duration_between(to.start, to.end)?;
        let start = to_minute(to.start);
        let u = self.vault.unlocked()?;
        let (s, ov) = locate(u.conn, u.ring, key)?;
        let ov = ov?;
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
        store_exception(u.conn, u.ring, &s, key.original_start, status, &body, now)?;
        let mut change = occurrence_now(u.conn, u.ring, key)?;
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
    pub fn cancel(
        &mut self,
        key: &OccurrenceKey,
        input: &CancelInput,
        now: DateTime<Utc>,
    ) -> Result<Occurrence> {
        let reason = validate::paragraph("The reason", &input.reason, MAX_REASON_CHARS)?;
        let notice = input.notice_hours.unwrap_or(DEFAULT_NOTICE_HOURS);
        if notice > MAX_NOTICE_HOURS {
            return Err(Error::InvalidInput(
                "The notice period can be at most 60 days.".into(),
            ));
        }
        let u = self.vault.unlocked()?;
        let (s, ov) = locate(u.conn, u.ring, key)?;
        let mut body = ov?.map(|o| o.body).unwrap_or_default();
        let (_, start, _) = records::effective_times(&s.timing, key.original_start, &body);
        body.cancellation = Some(Cancellation {
            by: input.by,
            reason,
            late: start - now < Duration::hours(i64::from(notice)),
            cancelled_at: now,
        });
        store_exception(
            u.conn,
            u.ring,
            &s,
            key.original_start,
            SessionStatus::Cancelled,
            &body,
            now,
        )?;
        Ok(occurrence_now(u.conn, u.ring, key)?.occurrence)
    }

    /// Sets an occurrence's status to planned (restoring a cancelled one),
    /// held or no-show. Held and no-show need the session to have started.
    /// Use [`Schedule::cancel`] to cancel.
    pub fn set_status(
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
        let u = self.vault.unlocked()?;
        let (s, ov) = locate(u.conn, u.ring, key)?;
        let mut body = ov?.map(|o| o.body).unwrap_or_default();
        let (_, start, _) = records::effective_times(&s.timing, key.original_start, &body);
        if status != SessionStatus::Planned && start > now {
            return Err(Error::InvalidInput(
                "A session can be marked held or no-show only once it has started.".into(),
            ));
        }
        body.cancellation = None;
        store_exception(u.conn, u.ring, &s, key.original_start, status, &body, now)?;
        Ok(occurrence_now(u.conn, u.ring, key)?.occurrence)
    }

    /// Removes every exception of one occurrence: it goes back to its
    /// original slot, planned. This also removes an exception that failed
    /// its integrity check (the only way to clear one).
    pub fn reset_occurrence(
        &mut self,
        key: &OccurrenceKey,
        now: DateTime<Utc>,
    ) -> Result<Occurrence> {
        let u = self.vault.unlocked()?;
        let (s, _) = locate(u.conn, u.ring, key)?;
        store_exception(
            u.conn,
            u.ring,
            &s,
            key.original_start,
            SessionStatus::Planned,
            &OverrideBody::default(),
            now,
        )?;
        Ok(occurrence_now(u.conn, u.ring, key)?.occurrence)
    }

    /// Edit this-and-following: the series now ends with the session before
    /// `key`, and a new series made from `input` starts at `key` (aligned to
    /// its rule). The new part must start after the last session that stays.
    /// If the old series ended after a count and `input` gives the same
    /// count, the new part gets the sessions that remain. Exceptions from
    /// `key` on move to the new series when their original slot is one of its
    /// sessions, and are dropped otherwise (`dropped_exceptions`). When `key`
    /// is the first session, the old series is replaced entirely.
    pub fn edit_following(
        &mut self,
        key: &OccurrenceKey,
        input: &SeriesInput,
        now: DateTime<Utc>,
    ) -> Result<ScheduleChange> {
        let mut v = validate_series(input)?;
        let u = self.vault.unlocked()?;
        let (old, _) = locate(u.conn, u.ring, key)?;
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
        who::check_person(u.conn, u.ring, &v.person_id, v.kind)?;
        let overrides = records::read_overrides(u.conn, u.ring, &old, None)?;
        let (carried, dropped) = carry(overrides, split, &v.timing, &mut v.notes);

        let ring = &*u.ring;
        let (old_kept, new_id) = store::write(u.conn, |tx| {
            records::delete_overrides_from(tx, &old.id, Some(split))?;
            let old_kept = match kept.last() {
                None => {
                    records::delete_series(tx, &old.id)?;
                    false
                }
                Some(last) => {
                    let mut body = old.body.clone();
                    if let Some(rec) = body.recurrence.as_mut() {
                        rec.end = RecurrenceEnd::Until { date: last.date() };
                    }
                    let timing = records::timing_of(&body)?;
                    records::replace_series(
                        tx,
                        ring,
                        &old.meta,
                        &old.person_id,
                        old.kind,
                        &body,
                        &timing,
                        now,
                    )?;
                    true
                }
            };
            let meta =
                records::insert_series(tx, ring, &v.person_id, v.kind, &v.body, &v.timing, now)?;
            for e in &carried {
                records::write_override(
                    tx, ring, &meta, &v.timing, e.original, e.status, &e.body, now,
                )?;
            }
            Ok((old_kept, meta.id))
        })?;
        store::checkpoint(u.conn)?;

        let mut written = Vec::new();
        if old_kept {
            written.push(records::read_series(u.conn, u.ring, &old.id)?);
        }
        let new_series = records::read_series(u.conn, u.ring, &new_id)?;
        let mut report = change_report(
            u.conn,
            u.ring,
            std::slice::from_ref(&new_series),
            v.notes,
            dropped,
        )?;
        written.push(new_series);
        report.series = written.iter().map(LoadedSeries::to_series).collect();
        Ok(report)
    }
}
