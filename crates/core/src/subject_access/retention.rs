//! Retention: how many years each kind of record is kept after the
//! supervision relationship ends, and who is due for disposal on a day.
//!
//! The relationship ended on the person's end date (their details) or,
//! when none is set, on the day their record was archived. A person whose
//! relationship has not ended is never due. The periods are a choice the
//! user makes in Settings (default [`DEFAULT_YEARS`] years each), sealed
//! under the vault key in [`crate::store::retention`]. Disposal is erasure
//! of the whole person ([`super::SubjectAccess::erase`]): the list says
//! which kinds of record are due and which are not yet, so the user sees
//! what erasing now would also remove.

use chrono::{DateTime, Months, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::SubjectAccess;
use crate::error::{Error, Result};
use crate::people::{People, PersonInput, PersonKind};
use crate::store;

/// Default period for every record type, in years after the relationship ends.
pub const DEFAULT_YEARS: u32 = 7;
/// Shortest period that can be set, in years.
pub const MIN_YEARS: u32 = 1;
/// Longest period that can be set, in years.
pub const MAX_YEARS: u32 = 100;

/// A kind of record with a retention period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum RecordType {
    /// Session records and their addenda.
    SessionRecords,
    /// Supervision agreements.
    Agreements,
    /// Between-session contact notes.
    ContactNotes,
    /// The confidentiality-exception log.
    ExceptionLog,
    /// Goals, check-ins, development stages and coaching.
    Goals,
    /// The hours log.
    Hours,
}

impl RecordType {
    /// Every type, in the order Settings shows them.
    pub const ALL: [RecordType; 6] = [
        RecordType::SessionRecords,
        RecordType::Agreements,
        RecordType::ContactNotes,
        RecordType::ExceptionLog,
        RecordType::Goals,
        RecordType::Hours,
    ];

    /// The type's name in a sentence ("session records").
    pub fn label(self) -> &'static str {
        match self {
            RecordType::SessionRecords => "session records",
            RecordType::Agreements => "agreements",
            RecordType::ContactNotes => "contact notes",
            RecordType::ExceptionLog => "the confidentiality-exception log",
            RecordType::Goals => "goals and development",
            RecordType::Hours => "the hours log",
        }
    }
}

/// Years each type is kept after the relationship ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct RetentionPeriods {
    /// Session records and their addenda.
    pub session_records: u32,
    /// Supervision agreements.
    pub agreements: u32,
    /// Contact notes.
    pub contact_notes: u32,
    /// The confidentiality-exception log.
    pub exception_log: u32,
    /// Goals, check-ins, stages and coaching.
    pub goals: u32,
    /// The hours log.
    pub hours: u32,
}

impl Default for RetentionPeriods {
    fn default() -> Self {
        RetentionPeriods {
            session_records: DEFAULT_YEARS,
            agreements: DEFAULT_YEARS,
            contact_notes: DEFAULT_YEARS,
            exception_log: DEFAULT_YEARS,
            goals: DEFAULT_YEARS,
            hours: DEFAULT_YEARS,
        }
    }
}

impl RetentionPeriods {
    /// The years for `t`.
    pub fn years(&self, t: RecordType) -> u32 {
        match t {
            RecordType::SessionRecords => self.session_records,
            RecordType::Agreements => self.agreements,
            RecordType::ContactNotes => self.contact_notes,
            RecordType::ExceptionLog => self.exception_log,
            RecordType::Goals => self.goals,
            RecordType::Hours => self.hours,
        }
    }

    /// Every period within [`MIN_YEARS`]..=[`MAX_YEARS`], or an error
    /// naming the first that is not.
    pub fn check(&self) -> Result<()> {
        for t in RecordType::ALL {
            let y = self.years(t);
            if !(MIN_YEARS..=MAX_YEARS).contains(&y) {
                return Err(Error::InvalidInput(format!(
                    "The retention period for {} must be between {MIN_YEARS} and {MAX_YEARS} years (it was {y}).",
                    t.label()
                )));
            }
        }
        Ok(())
    }
}

/// The periods in force and the bounds the Settings form needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RetentionSettings {
    /// The periods in force.
    pub periods: RetentionPeriods,
    /// Whether the user saved them (false: the defaults apply).
    pub saved: bool,
    /// [`DEFAULT_YEARS`].
    pub default_years: u32,
    /// [`MIN_YEARS`].
    pub min_years: u32,
    /// [`MAX_YEARS`].
    pub max_years: u32,
}

/// How the end of a relationship was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum EndedBy {
    /// The end date in the person's details.
    EndDate,
    /// The day the record was archived (no end date set).
    Archived,
}

/// When one type of a person's records falls due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TypeDue {
    /// The type.
    pub record_type: RecordType,
    /// The first day it may be disposed of.
    pub due_on: NaiveDate,
}

/// A person (or group) with records due for disposal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DisposalDue {
    /// Person id.
    pub person_id: String,
    /// Their name (shown on screen only).
    pub name: String,
    /// Person or group.
    pub kind: PersonKind,
    /// When the relationship ended.
    pub ended_on: NaiveDate,
    /// Where that date comes from.
    pub ended_by: EndedBy,
    /// Types due on or before the day asked about.
    pub due: Vec<TypeDue>,
    /// Types still within their period (erasing now removes them too).
    pub not_yet: Vec<TypeDue>,
}

/// `date` plus `years` (29 February falls back to 28 February).
pub fn add_years(date: NaiveDate, years: u32) -> NaiveDate {
    date.checked_add_months(Months::new(years.saturating_mul(12)))
        .unwrap_or(NaiveDate::MAX)
}

/// The due dates of every type for a relationship that ended on `ended_on`,
/// split into those due by `today` and those not yet.
pub fn due_dates(
    periods: &RetentionPeriods,
    ended_on: NaiveDate,
    today: NaiveDate,
) -> (Vec<TypeDue>, Vec<TypeDue>) {
    RecordType::ALL
        .into_iter()
        .map(|t| TypeDue {
            record_type: t,
            due_on: add_years(ended_on, periods.years(t)),
        })
        .partition(|d| d.due_on <= today)
}

impl SubjectAccess<'_> {
    /// The retention periods in force (the defaults until the user saves).
    pub fn retention(&mut self) -> Result<RetentionSettings> {
        let u = self.vault.unlocked()?;
        let stored: Option<RetentionPeriods> = store::retention::read(u.conn, u.ring)?;
        Ok(settings(stored))
    }

    /// Saves new retention periods; nothing is written when one is out of
    /// range.
    pub fn set_retention(
        &mut self,
        periods: &RetentionPeriods,
        now: DateTime<Utc>,
    ) -> Result<RetentionSettings> {
        periods.check()?;
        let u = self.vault.unlocked()?;
        let ring = &*u.ring;
        store::write(u.conn, |tx| store::retention::write(tx, ring, periods, now))?;
        Ok(settings(Some(*periods)))
    }

    /// People and groups whose relationship has ended and who have at least
    /// one type of record due for disposal on `today`, earliest due first.
    pub fn due_for_disposal(&mut self, today: NaiveDate) -> Result<Vec<DisposalDue>> {
        let periods = self.retention()?.periods;
        let people = People::of(self.vault).list()?;
        let mut out = Vec::new();
        for p in people {
            if p.damaged || p.kind == PersonKind::Organisation {
                continue;
            }
            let person = People::of(self.vault).get(&p.id)?;
            let ended = match person.fields.end_date {
                Some(d) => Some((d, EndedBy::EndDate)),
                None => archived_on(self, &p.id)?.map(|d| (d, EndedBy::Archived)),
            };
            let Some((ended_on, ended_by)) = ended else {
                continue;
            };
            let (due, not_yet) = due_dates(&periods, ended_on, today);
            if due.is_empty() {
                continue;
            }
            out.push(DisposalDue {
                person_id: p.id,
                name: p.name,
                kind: p.kind,
                ended_on,
                ended_by,
                due,
                not_yet,
            });
        }
        out.sort_by(|a, b| {
            let first = |d: &DisposalDue| d.due.iter().map(|t| t.due_on).min();
            first(a)
                .cmp(&first(b))
                .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
        });
        Ok(out)
    }
}

fn settings(stored: Option<RetentionPeriods>) -> RetentionSettings {
    RetentionSettings {
        saved: stored.is_some(),
        periods: stored.unwrap_or_default(),
        default_years: DEFAULT_YEARS,
        min_years: MIN_YEARS,
        max_years: MAX_YEARS,
    }
}

/// The date `person_id`'s record was archived (UTC), if it is. The people
/// domain exposes only whether a record is archived, so the date comes
/// from its store's row.
fn archived_on(sa: &mut SubjectAccess<'_>, person_id: &str) -> Result<Option<NaiveDate>> {
    let u = sa.vault.unlocked()?;
    Ok(
        store::people::get::<PersonInput>(u.conn, u.ring, person_id)?
            .and_then(|row| row.archived_at)
            .map(|t| t.date_naive()),
    )
}
