//! A supervisee's development stage, with its history.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::load;
use super::types::{StageEntry, StageHistory, StageInput};
use super::Goals;
use crate::error::{Error, Result};
use crate::keys::KeyRing;
use crate::store::goals::{self as rows, Filter, Meta, Table};
use crate::store::{self, from_millis, to_millis};

fn history(conn: &rusqlite::Connection, ring: &KeyRing, person_id: &str) -> Result<StageHistory> {
    let mut entries = Vec::new();
    let mut damaged = 0;
    for row in rows::list::<StageInput>(conn, ring, Table::Stages, Filter::Person(Some(person_id)))?
    {
        match row.body {
            Ok(fields) => entries.push(StageEntry {
                id: row.meta.id,
                recorded_at: row.meta.created_at,
                fields,
            }),
            Err(_) => damaged += 1,
        }
    }
    // Newest first: by the day it applies from, then the order recorded.
    entries.sort_by(|a, b| {
        (b.fields.set_on, b.recorded_at, &b.id).cmp(&(a.fields.set_on, a.recorded_at, &a.id))
    });
    Ok(StageHistory {
        current: entries.first().cloned(),
        history: entries,
        damaged,
    })
}

impl Goals<'_> {
    /// A supervisee's development stage (the latest set) and its history.
    pub fn stage(&mut self, person_id: &str) -> Result<StageHistory> {
        let u = self.vault.unlocked()?;
        let person = load::supervisee(u.conn, u.ring, person_id)?;
        history(u.conn, u.ring, &person)
    }

    /// Sets a supervisee's development stage from `input.set_on` (not in
    /// the future). Setting the stage they already have is an error; the
    /// earlier stages are kept as history.
    pub fn set_stage(
        &mut self,
        person_id: &str,
        input: &StageInput,
        now: DateTime<Utc>,
    ) -> Result<StageHistory> {
        let note = load::text("The note", &input.note)?;
        load::not_future("The date", input.set_on, now.date_naive())?;
        let u = self.vault.unlocked()?;
        let ring = &*u.ring;
        store::write(u.conn, |tx| {
            let person = load::supervisee(tx, ring, person_id)?;
            let before = history(tx, ring, &person)?;
            if let Some(current) = &before.current {
                if current.fields.stage == input.stage {
                    return Err(Error::InvalidInput(
                        "That is already their development stage.".into(),
                    ));
                }
                if input.set_on < current.fields.set_on {
                    return Err(Error::InvalidInput(
                        "The date is before the date of their current stage.".into(),
                    ));
                }
            }
            let now = from_millis(to_millis(now))?;
            let meta = Meta {
                id: Uuid::new_v4().to_string(),
                person_id: Some(person.clone()),
                goal_id: None,
                created_at: now,
                updated_at: now,
            };
            let body = StageInput {
                stage: input.stage,
                set_on: input.set_on,
                note,
            };
            rows::insert(tx, ring, Table::Stages, &meta, &body)?;
            history(tx, ring, &person)
        })
    }
}
