//! Session adjustments (form override, minutes correction, with a reason)
//! and entry reviews (returned with a comment, then approved).

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use super::book_types::{AdjustmentInput, HoursBook, ReviewStatus};
use super::ledger::{session_item_id, Live};
use super::load::{self, AdjustmentBody, ReviewBody};
use super::{Hours, MAX_DAY_MINUTES, NOTE_CHARS};
use crate::error::{Error, Result};
use crate::schedule::OccurrenceKey;
use crate::store::hours::{self as rows, Meta, Table};
use crate::store::{from_millis, to_millis};
use crate::validate;

/// The date of a held session in the person's ledger today.
fn session_date(live: &Live, key: &OccurrenceKey) -> Result<NaiveDate> {
    live.items
        .iter()
        .find(|i| matches!(&i.item.source, super::ItemSource::Session { key: k } if k == key))
        .map(|i| i.item.date)
        .ok_or_else(|| {
            Error::InvalidInput(
                "That session is not a held session in this person's hours; only held sessions can be adjusted.".into(),
            )
        })
}

/// The date of an entry (a supervision item or practice week) in the
/// ledger as it counts (snapshots included).
fn entry_date(live: &Live, entry_id: &str) -> Result<NaiveDate> {
    let ledger = live.effective();
    ledger
        .supervision
        .iter()
        .find(|i| i.id == entry_id)
        .map(|i| i.date)
        .or_else(|| {
            ledger
                .practice
                .iter()
                .find(|p| p.id == entry_id)
                .map(|p| p.week_start)
        })
        .ok_or(Error::NotFound("That hours entry"))
}

impl Hours<'_> {
    /// Sets (or replaces) a held session's adjustment: another form and/or
    /// other minutes, with the reason. Refused inside a signed-off period.
    pub fn adjust_session(
        &mut self,
        input: &AdjustmentInput,
        now: DateTime<Utc>,
    ) -> Result<HoursBook> {
        let live = self.live(&input.person_id, now)?;
        let date = session_date(&live, &input.key)?;
        live.stored.unlocked(date)?;
        let minutes = match input.minutes {
            None => None,
            Some(m) => Some(load::minutes(
                "The minutes",
                m,
                MAX_DAY_MINUTES,
                "A day has at most 1,440 minutes (24 hours).",
            )?),
        };
        if input.form.is_none() && minutes.is_none() {
            return Err(Error::InvalidInput(
                "Choose another form or enter the minutes to count; to undo an adjustment, remove it.".into(),
            ));
        }
        let reason = validate::paragraph("The reason", &input.reason, NOTE_CHARS)?;
        if reason.is_empty() {
            return Err(Error::Empty("The reason"));
        }
        let at = from_millis(to_millis(now))?;
        let body = AdjustmentBody {
            key: input.key.clone(),
            form: input.form,
            minutes,
            reason,
            adjusted_at: at,
        };
        let existing = live
            .stored
            .adjustments
            .iter()
            .find(|(_, a)| a.key == input.key)
            .map(|(m, _)| m.clone());
        let person = live.person_id.clone();
        self.write(|tx, ring| match existing {
            Some(meta) => {
                let meta = Meta {
                    updated_at: at.max(meta.updated_at),
                    ..meta
                };
                rows::replace(tx, ring, Table::Adjustments, &meta, &body)
            }
            None => {
                let meta = Meta {
                    id: Uuid::new_v4().to_string(),
                    person_id: person.clone(),
                    created_at: at,
                    updated_at: at,
                };
                rows::insert(tx, ring, Table::Adjustments, &meta, &body)
            }
        })?;
        self.book(&person, now)
    }

    /// Removes a held session's adjustment (it counts as scheduled again).
    pub fn remove_adjustment(
        &mut self,
        person_id: &str,
        key: &OccurrenceKey,
        now: DateTime<Utc>,
    ) -> Result<HoursBook> {
        let live = self.live(person_id, now)?;
        let date = session_date(&live, key)?;
        live.stored.unlocked(date)?;
        let id = live
            .stored
            .adjustments
            .iter()
            .find(|(_, a)| &a.key == key)
            .map(|(m, _)| m.id.clone())
            .ok_or(Error::NotFound("That adjustment"))?;
        let person = live.person_id.clone();
        self.write(|tx, _| rows::delete(tx, Table::Adjustments, &person, &id).map(|_| ()))?;
        self.book(&person, now)
    }

    /// Returns an entry with a comment: sign-off of its period waits until
    /// it is approved. Refused inside a signed-off period.
    pub fn return_entry(
        &mut self,
        person_id: &str,
        entry_id: &str,
        comment: &str,
        now: DateTime<Utc>,
    ) -> Result<HoursBook> {
        let comment = validate::paragraph("The comment", comment, NOTE_CHARS)?;
        if comment.is_empty() {
            return Err(Error::Empty("The comment"));
        }
        let at = from_millis(to_millis(now))?;
        self.set_review(person_id, entry_id, now, |_| ReviewBody {
            entry_id: entry_id.to_string(),
            status: ReviewStatus::Returned,
            comment,
            returned_at: Some(at),
            approved_at: None,
        })
    }

    /// Approves an entry (after a return, its comment stays as history).
    /// Refused inside a signed-off period.
    pub fn approve_entry(
        &mut self,
        person_id: &str,
        entry_id: &str,
        now: DateTime<Utc>,
    ) -> Result<HoursBook> {
        let at = from_millis(to_millis(now))?;
        self.set_review(person_id, entry_id, now, |old| ReviewBody {
            entry_id: entry_id.to_string(),
            status: ReviewStatus::Approved,
            comment: old.map(|o| o.comment.clone()).unwrap_or_default(),
            returned_at: old.and_then(|o| o.returned_at),
            approved_at: Some(at),
        })
    }

    fn set_review(
        &mut self,
        person_id: &str,
        entry_id: &str,
        now: DateTime<Utc>,
        make: impl FnOnce(Option<&ReviewBody>) -> ReviewBody,
    ) -> Result<HoursBook> {
        let live = self.live(person_id, now)?;
        let entry_id = validate::single_line("The entry", entry_id, 200)?;
        let date = entry_date(&live, &entry_id)?;
        live.stored.unlocked(date)?;
        let existing = live
            .stored
            .reviews
            .iter()
            .find(|(_, r)| r.entry_id == entry_id);
        let body = make(existing.map(|(_, r)| r));
        let at = from_millis(to_millis(now))?;
        let person = live.person_id.clone();
        let existing = existing.map(|(m, _)| m.clone());
        self.write(|tx, ring| match existing {
            Some(meta) => {
                let meta = Meta {
                    updated_at: at.max(meta.updated_at),
                    ..meta
                };
                rows::replace(tx, ring, Table::Reviews, &meta, &body)
            }
            None => {
                let meta = Meta {
                    id: Uuid::new_v4().to_string(),
                    person_id: person.clone(),
                    created_at: at,
                    updated_at: at,
                };
                rows::insert(tx, ring, Table::Reviews, &meta, &body)
            }
        })?;
        self.book(&person, now)
    }
}

/// The ledger id a session adjustment applies to.
pub(super) fn adjusted_item_id(a: &AdjustmentBody) -> String {
    session_item_id(&a.key)
}
