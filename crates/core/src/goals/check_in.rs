//! Check-ins on a goal: a dated progress note, evidence by reference and a
//! 1–5 rating.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::load::{self, CoachingBody};
use super::types::{CheckInInput, Evidence, GoalDetail, GoalStatus};
use super::{Goals, MAX_EVIDENCE, RATINGS};
use crate::error::{Error, Result};
use crate::store::goals::{self as rows, Meta, Table};
use crate::store::{self, from_millis, to_millis};
use crate::validate::{self, SHORT_CHARS};

fn evidence(items: &[Evidence]) -> Result<Vec<Evidence>> {
    if items.len() > MAX_EVIDENCE {
        return Err(Error::InvalidInput(format!(
            "A check-in holds at most {MAX_EVIDENCE} evidence items."
        )));
    }
    items
        .iter()
        .map(|e| {
            Ok(Evidence {
                kind: e.kind,
                reference: validate::required_line(
                    "An evidence item's reference",
                    &e.reference,
                    SHORT_CHARS,
                )?,
            })
        })
        .collect()
}

impl Goals<'_> {
    /// Records a check-in on an active or achieved goal (not a dropped or
    /// revised one). The date is not before the goal was set and not after
    /// today; a linked coaching record must be the same supervisee's.
    pub fn check_in(
        &mut self,
        goal_id: &str,
        input: &CheckInInput,
        now: DateTime<Utc>,
    ) -> Result<GoalDetail> {
        let progress_note = validate::paragraph(
            "The progress note",
            &input.progress_note,
            super::MAX_TEXT_CHARS,
        )?;
        if progress_note.is_empty() {
            return Err(Error::Empty("The progress note"));
        }
        if !RATINGS.contains(&input.rating) {
            return Err(Error::InvalidInput(format!(
                "The rating is from {} to {}.",
                RATINGS.start(),
                RATINGS.end()
            )));
        }
        load::not_future("The check-in date", input.date, now.date_naive())?;
        let evidence = evidence(&input.evidence)?;
        let coaching_id = input
            .coaching_id
            .as_deref()
            .map(|c| validate::id_string("The coaching record's", c))
            .transpose()?;
        let goal_id = {
            let u = self.vault.unlocked()?;
            let ring = &*u.ring;
            store::write(u.conn, |tx| {
                let g = load::goal(tx, ring, goal_id)?;
                match g.body.status {
                    GoalStatus::Dropped => {
                        return Err(Error::InvalidInput(
                            "This goal was dropped; reactivate it before checking in.".into(),
                        ))
                    }
                    GoalStatus::Revised => {
                        return Err(Error::InvalidInput(
                            "This goal was revised; check in on the goal that replaced it.".into(),
                        ))
                    }
                    GoalStatus::Active | GoalStatus::Achieved => {}
                }
                if input.date < g.body.created_on {
                    return Err(Error::InvalidInput(
                        "The check-in date is before the day the goal was set.".into(),
                    ));
                }
                if let Some(c) = &coaching_id {
                    let row = rows::get::<CoachingBody>(tx, ring, Table::Coaching, c)?
                        .ok_or(Error::NotFound("That coaching record"))?;
                    row.body?;
                    if g.meta.person_id.is_none() || row.meta.person_id != g.meta.person_id {
                        return Err(Error::InvalidInput(
                            "The coaching record is not with this goal's supervisee.".into(),
                        ));
                    }
                }
                let now = from_millis(to_millis(now))?;
                let meta = Meta {
                    id: Uuid::new_v4().to_string(),
                    person_id: g.meta.person_id.clone(),
                    goal_id: Some(g.meta.id.clone()),
                    created_at: now,
                    updated_at: now,
                };
                let body = CheckInInput {
                    date: input.date,
                    progress_note,
                    evidence,
                    rating: input.rating,
                    coaching_id,
                };
                rows::insert(tx, ring, Table::CheckIns, &meta, &body)?;
                Ok(g.meta.id)
            })?
        };
        self.get(&goal_id)
    }
}
