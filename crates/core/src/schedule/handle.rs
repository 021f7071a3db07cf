//! [`Schedule`]: the scheduling operations on an unlocked vault — series,
//! queries, reminders, who can be scheduled and what a new series starts
//! from. Changes to single occurrences are in `exceptions.rs`.

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Utc};

use super::expand::{change_report, collect, CONFLICT_HORIZON_DAYS, MAX_NOTES};
use super::input::{self, carry, insert_all, validate_series};
use super::records;
use super::reminders::{self, ReminderInstant, MAX_REMINDER_PLAN_DAYS};
use super::rules::check_range;
use super::who::{self, SchedulablePerson, ScheduleDefaults};
use super::{
    cadence, reminders_due, Occurrence, OccurrenceList, PhasedCadence, Reminder, ScheduleChange,
    Series, SeriesInput, SeriesList, SessionStatus, MAX_REMINDER_MINUTES, MAX_UPCOMING,
};
use crate::error::{Error, Result};
use crate::people::People;
use crate::store;
use crate::vault::Vault;

/// One-off and recurring sessions of a vault: `Schedule::of(&mut vault)`.
pub struct Schedule<'a> {
    pub(super) vault: &'a mut Vault,
}

impl<'a> Schedule<'a> {
    /// The schedule of `vault`.
    pub fn of(vault: &'a mut Vault) -> Self {
        Schedule { vault }
    }

    /// Schedules a one-off session or a recurring series. Returns the series,
    /// the sessions it overlaps in its first year (the user may keep them),
    /// and notes (start aligned to the rule, clock changes).
    pub fn create(&mut self, input: &SeriesInput, now: DateTime<Utc>) -> Result<ScheduleChange> {
        self.create_many(std::slice::from_ref(input), now)
    }

    /// Schedules several series in one transaction (all or nothing).
    pub fn create_many(
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
        let u = self.vault.unlocked()?;
        let created = insert_all(u.conn, u.ring, &items, now)?;
        notes.truncate(MAX_NOTES);
        change_report(u.conn, u.ring, &created, notes, 0)
    }

    /// Schedules the phased cadence (see [`super::phased_cadence`]) from the
    /// first session described by `first`, as up to three series.
    pub fn create_phased(
        &mut self,
        first: &SeriesInput,
        cadence: &PhasedCadence,
        now: DateTime<Utc>,
    ) -> Result<ScheduleChange> {
        let inputs = cadence::phased_cadence(first, cadence)?;
        self.create_many(&inputs, now)
    }

    /// One series.
    pub fn series_get(&mut self, id: &str) -> Result<Series> {
        let u = self.vault.unlocked()?;
        Ok(records::read_series(u.conn, u.ring, id)?.to_series())
    }

    /// All series, or one person's, by first start. Damaged series are
    /// listed by id; they do not fail the list.
    pub fn series_list(&mut self, person_id: Option<&str>) -> Result<SeriesList> {
        let person = person_id
            .map(|p| records::parse_id("That person's", p))
            .transpose()?;
        let u = self.vault.unlocked()?;
        let mut series = Vec::new();
        let mut damaged = Vec::new();
        for s in records::all_series(u.conn, u.ring, person.as_deref())? {
            match s {
                Ok(s) => series.push(s.to_series()),
                Err(id) => damaged.push(id),
            }
        }
        Ok(SeriesList { series, damaged })
    }

    /// Replaces a whole series' fields, keeping its id. Exceptions whose
    /// original slot is still a session stay; the others are dropped (and
    /// counted in the result), as are exceptions that fail their integrity
    /// check (with a note).
    pub fn series_update(
        &mut self,
        id: &str,
        input: &SeriesInput,
        now: DateTime<Utc>,
    ) -> Result<ScheduleChange> {
        let mut v = validate_series(input)?;
        let u = self.vault.unlocked()?;
        let old = records::read_series(u.conn, u.ring, id)?;
        who::check_person(u.conn, u.ring, &v.person_id, v.kind)?;
        let overrides = records::read_overrides(u.conn, u.ring, &old, None)?;
        let (carried, dropped) = carry(overrides, NaiveDateTime::MIN, &v.timing, &mut v.notes);
        let ring = &*u.ring;
        store::write(u.conn, |tx| {
            records::delete_overrides_from(tx, &old.id, None)?;
            let meta = records::replace_series(
                tx,
                ring,
                &old.meta,
                &v.person_id,
                v.kind,
                &v.body,
                &v.timing,
                now,
            )?;
            for e in &carried {
                records::write_override(
                    tx, ring, &meta, &v.timing, e.original, e.status, &e.body, now,
                )?;
            }
            Ok(())
        })?;
        store::checkpoint(u.conn)?;
        let updated = records::read_series(u.conn, u.ring, &old.id)?;
        change_report(u.conn, u.ring, &[updated], v.notes, dropped)
    }

    /// Deletes a series and all its exceptions (even a damaged one), and
    /// wipes them from the write-ahead log.
    pub fn series_delete(&mut self, id: &str) -> Result<()> {
        let id = records::parse_id("That session series'", id)?;
        let u = self.vault.unlocked()?;
        if !records::delete_series(u.conn, &id)? {
            return Err(Error::NotFound("That session series"));
        }
        store::checkpoint(u.conn)
    }

    /// Every session overlapping `[from, to)` (at most
    /// [`super::MAX_RANGE_DAYS`] days), of one person or everyone, with
    /// status, moves and conflicts (conflicts are always across everyone).
    pub fn occurrences(
        &mut self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        person_id: Option<&str>,
    ) -> Result<OccurrenceList> {
        check_range(from, to)?;
        let person = person_id
            .map(|p| records::parse_id("That person's", p))
            .transpose()?;
        let u = self.vault.unlocked()?;
        collect(u.conn, u.ring, from, to, person.as_deref())
    }

    /// The next `n` sessions (at most [`MAX_UPCOMING`]) that have not ended
    /// and are not cancelled, looking up to a year ahead.
    pub fn upcoming(&mut self, now: DateTime<Utc>, n: usize) -> Result<Vec<Occurrence>> {
        if n == 0 || n > MAX_UPCOMING {
            return Err(Error::InvalidInput(format!(
                "Ask for between 1 and {MAX_UPCOMING} sessions."
            )));
        }
        let u = self.vault.unlocked()?;
        let mut out: Vec<Occurrence> = Vec::new();
        let step = Duration::days(31);
        let mut from = now;
        while out.len() < n && from < now + Duration::days(CONFLICT_HORIZON_DAYS) {
            let to = from + step;
            let list = collect(u.conn, u.ring, from, to, None)?;
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
    pub fn reminders_due(
        &mut self,
        since: DateTime<Utc>,
        now: DateTime<Utc>,
        default_minutes: u32,
    ) -> Result<Vec<Reminder>> {
        input::check_reminder_minutes(default_minutes)?;
        let since = since.max(now - Duration::days(1));
        if since >= now {
            return Ok(Vec::new());
        }
        let u = self.vault.unlocked()?;
        let horizon = now + Duration::minutes(i64::from(MAX_REMINDER_MINUTES) + 1);
        let list = collect(u.conn, u.ring, since, horizon, None)?;
        Ok(reminders_due(
            &list.occurrences,
            since,
            now,
            default_minutes,
        ))
    }

    /// The reminder instants due in `(from, until]` (at most
    /// [`MAX_REMINDER_PLAN_DAYS`] days): times and session kinds only — no
    /// names, no ids, nothing sealed — so the app can keep them in memory
    /// while the vault is locked and fire them then (see
    /// [`super::reminder_plan`]).
    pub fn reminder_plan(
        &mut self,
        from: DateTime<Utc>,
        until: DateTime<Utc>,
        default_minutes: u32,
    ) -> Result<Vec<ReminderInstant>> {
        input::check_reminder_minutes(default_minutes)?;
        if until <= from {
            return Err(Error::InvalidInput(
                "The end of the reminder window is before its start.".into(),
            ));
        }
        if until - from > Duration::days(MAX_REMINDER_PLAN_DAYS) {
            return Err(Error::InvalidInput(format!(
                "Plan reminders for at most {MAX_REMINDER_PLAN_DAYS} days at a time."
            )));
        }
        let u = self.vault.unlocked()?;
        let horizon = until + Duration::minutes(i64::from(MAX_REMINDER_MINUTES) + 1);
        let list = collect(u.conn, u.ring, from, horizon, None)?;
        Ok(reminders::reminder_plan(
            &list.occurrences,
            from,
            until,
            default_minutes,
        ))
    }

    /// Everyone sessions can be scheduled with, and the session kinds each
    /// can have (see the table in the schedule's `who` module), sorted by
    /// name. Archived and damaged records are left out.
    pub fn people(&mut self) -> Result<Vec<SchedulablePerson>> {
        let list = People::of(self.vault).list()?;
        Ok(who::schedulable(list))
    }

    /// What the form for new sessions with `person_id` starts from, for a
    /// first session on `first_date`: the session length, repeat rule and
    /// cancellation notice of the agreement in force (the latest
    /// acknowledged version), or one hour, no repeat and the default notice
    /// when there is none.
    pub fn defaults(&mut self, person_id: &str, first_date: NaiveDate) -> Result<ScheduleDefaults> {
        let person_id = records::parse_id("That person's", person_id)?;
        let current = crate::agreements::Agreements::of(self.vault).current(&person_id)?;
        Ok(who::defaults_from_agreement(
            current.as_ref().map(|a| (&a.content, a.version)),
            first_date,
        ))
    }
}
