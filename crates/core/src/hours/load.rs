//! The sealed body shapes of the hours tables and reading all of one
//! person's rows at once.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use rusqlite::Connection;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::book_types::{
    Acceptance, Adjustment, EntryReview, FormMinutes, ManualEntry, Reopening, ReviewStatus,
    SignOff, SignOffAddendum,
};
use super::{PracticeWeek, SupervisionForm, SupervisionItem};
use crate::error::{Error, Result};
use crate::keys::KeyRing;
use crate::people::{self, PersonKind};
use crate::schedule::OccurrenceKey;
use crate::store::hours::{self as rows, Meta, Table};
use crate::validate;

/// The sealed body of a manual entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct ManualBody {
    pub date: NaiveDate,
    pub start: NaiveTime,
    pub minutes: u32,
    pub form: SupervisionForm,
    pub group_size: Option<u32>,
    pub supervisor_name: String,
    pub licence_number: String,
    pub credential: String,
    pub note: String,
}

impl ManualBody {
    pub fn entry(&self, meta: &Meta) -> ManualEntry {
        ManualEntry {
            id: meta.id.clone(),
            person_id: meta.person_id.clone(),
            date: self.date,
            start: self.start,
            minutes: self.minutes,
            form: self.form,
            group_size: self.group_size,
            supervisor_name: self.supervisor_name.clone(),
            licence_number: self.licence_number.clone(),
            credential: self.credential.clone(),
            note: self.note.clone(),
        }
    }

    /// Start and end, in minutes from midnight.
    pub fn span(&self) -> (u32, u32) {
        let s = minute_of_day(self.start);
        (s, s + self.minutes)
    }
}

/// Minutes from midnight.
pub(super) fn minute_of_day(t: NaiveTime) -> u32 {
    use chrono::Timelike;
    t.hour() * 60 + t.minute()
}

/// The sealed body of a practice week.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct PracticeBody {
    pub week_start: NaiveDate,
    pub clinical_minutes: u32,
    pub psychotherapy_minutes: u32,
    pub non_clinical_minutes: u32,
    pub setting: String,
}

impl PracticeBody {
    pub fn week(&self, id: &str) -> PracticeWeek {
        PracticeWeek {
            id: id.to_string(),
            week_start: self.week_start,
            clinical_minutes: self.clinical_minutes,
            psychotherapy_minutes: self.psychotherapy_minutes,
            non_clinical_minutes: self.non_clinical_minutes,
            setting: self.setting.clone(),
        }
    }
}

/// The sealed body of a session adjustment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct AdjustmentBody {
    pub key: OccurrenceKey,
    pub form: Option<SupervisionForm>,
    pub minutes: Option<u32>,
    pub reason: String,
    pub adjusted_at: DateTime<Utc>,
}

impl AdjustmentBody {
    pub fn adjustment(&self) -> Adjustment {
        Adjustment {
            key: self.key.clone(),
            form: self.form,
            minutes: self.minutes,
            reason: self.reason.clone(),
            adjusted_at: self.adjusted_at,
        }
    }
}

/// The sealed body of an entry review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct ReviewBody {
    pub entry_id: String,
    pub status: ReviewStatus,
    pub comment: String,
    pub returned_at: Option<DateTime<Utc>>,
    pub approved_at: Option<DateTime<Utc>>,
}

impl ReviewBody {
    pub fn review(&self) -> EntryReview {
        EntryReview {
            entry_id: self.entry_id.clone(),
            status: self.status,
            comment: self.comment.clone(),
            returned_at: self.returned_at,
            approved_at: self.approved_at,
        }
    }
}

/// The sealed body of the supervisee's own count: every covered date with
/// its lines by form (empty: none that day).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct TheirBody {
    pub days: BTreeMap<NaiveDate, Vec<FormMinutes>>,
}

/// The sealed body of an accepted difference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct AcceptedBody {
    pub date: NaiveDate,
    pub theirs: Vec<FormMinutes>,
    pub ours: Vec<FormMinutes>,
    pub acceptance: Acceptance,
}

/// The sealed body of a sign-off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct SignOffBody {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub signed_name: String,
    pub signed_at: DateTime<Utc>,
    pub content_hash: String,
    pub supervision: Vec<SupervisionItem>,
    pub practice: Vec<PracticeWeek>,
    pub reopened: Option<Reopening>,
    pub addenda: Vec<SignOffAddendum>,
}

impl SignOffBody {
    pub fn sign_off(&self, meta: &Meta) -> SignOff {
        SignOff {
            id: meta.id.clone(),
            person_id: meta.person_id.clone(),
            from: self.from,
            to: self.to,
            signed_name: self.signed_name.clone(),
            signed_at: self.signed_at,
            content_hash: self.content_hash.clone(),
            supervision: self.supervision.clone(),
            practice: self.practice.clone(),
            reopened: self.reopened.clone(),
            addenda: self.addenda.clone(),
        }
    }

    pub fn active(&self) -> bool {
        self.reopened.is_none()
    }

    pub fn covers(&self, date: NaiveDate) -> bool {
        self.active() && self.from <= date && date <= self.to
    }
}

/// All of one person's hours rows that opened, and how many did not.
#[derive(Default)]
pub(super) struct Stored {
    pub manual: Vec<(Meta, ManualBody)>,
    pub practice: Vec<(Meta, PracticeBody)>,
    pub adjustments: Vec<(Meta, AdjustmentBody)>,
    pub reviews: Vec<(Meta, ReviewBody)>,
    pub their: Option<(Meta, TheirBody)>,
    pub accepted: Vec<(Meta, AcceptedBody)>,
    pub sign_offs: Vec<(Meta, SignOffBody)>,
    pub damaged: u32,
}

impl Stored {
    /// The active sign-off covering `date`, if any.
    pub fn lock_of(&self, date: NaiveDate) -> Option<&(Meta, SignOffBody)> {
        self.sign_offs.iter().find(|(_, s)| s.covers(date))
    }

    /// Refuses a change dated `date` inside a signed-off period.
    pub fn unlocked(&self, date: NaiveDate) -> Result<()> {
        if self.lock_of(date).is_some() {
            return Err(locked());
        }
        Ok(())
    }
}

/// The error for a change inside a signed-off period.
pub(super) fn locked() -> Error {
    Error::ReadOnly(
        "That entry is in a signed-off period and cannot be changed. Reopen the sign-off (with a reason) to change it, or add a correction to the sign-off.",
    )
}

fn opened<B: DeserializeOwned>(
    conn: &Connection,
    ring: &KeyRing,
    table: Table,
    person_id: &str,
    damaged: &mut u32,
) -> Result<Vec<(Meta, B)>> {
    let mut out = Vec::new();
    for row in rows::list::<B>(conn, ring, table, person_id)? {
        match row.body {
            Ok(b) => out.push((row.meta, b)),
            Err(_) => *damaged += 1,
        }
    }
    Ok(out)
}

/// Every hours row of `person_id`. Damaged rows are counted and left out.
pub(super) fn stored(conn: &Connection, ring: &KeyRing, person_id: &str) -> Result<Stored> {
    let mut damaged = 0;
    let mut their: Vec<(Meta, TheirBody)> =
        opened(conn, ring, Table::TheirCounts, person_id, &mut damaged)?;
    Ok(Stored {
        manual: opened(conn, ring, Table::Manual, person_id, &mut damaged)?,
        practice: opened(conn, ring, Table::Practice, person_id, &mut damaged)?,
        adjustments: opened(conn, ring, Table::Adjustments, person_id, &mut damaged)?,
        reviews: opened(conn, ring, Table::Reviews, person_id, &mut damaged)?,
        their: their.pop(),
        accepted: opened(conn, ring, Table::Accepted, person_id, &mut damaged)?,
        sign_offs: opened(conn, ring, Table::SignOffs, person_id, &mut damaged)?,
        damaged,
    })
}

/// A person (not a group or organisation) whose hours may be kept.
pub(super) fn person(conn: &Connection, ring: &KeyRing, person_id: &str) -> Result<String> {
    let id = validate::id_string("That person's", person_id)?;
    let person = people::load(conn, ring, &id)?.ok_or(Error::NotFound("That person"))?;
    if person.fields.kind != PersonKind::Person {
        return Err(Error::InvalidInput(
            "Hours are kept for a person, not for a group or an organisation.".into(),
        ));
    }
    Ok(id)
}

/// Whole minutes from a signed input: not negative, at most `max`.
pub(super) fn minutes(field: &str, value: i32, max: u32, over: &str) -> Result<u32> {
    let v = u32::try_from(value)
        .map_err(|_| Error::InvalidInput(format!("{field} cannot be negative.")))?;
    if v > max {
        return Err(Error::InvalidInput(over.to_string()));
    }
    Ok(v)
}

/// Minutes of the same form added up, zero lines dropped, in form order.
pub(super) fn by_form(lines: impl IntoIterator<Item = FormMinutes>) -> Vec<FormMinutes> {
    let mut sums: BTreeMap<SupervisionForm, u32> = BTreeMap::new();
    for l in lines {
        *sums.entry(l.form).or_default() += l.minutes;
    }
    sums.into_iter()
        .filter(|(_, m)| *m > 0)
        .map(|(form, minutes)| FormMinutes { form, minutes })
        .collect()
}
