//! Supervision checks: how supervision itself is going, from both sides.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::types::{
    CheckAnswers, CheckList, CheckOccasion, CheckSides, EnteredBy, SupervisionCheck,
    SupervisionCheckInput,
};
use super::{past_day, rating, text, Evaluations};
use crate::error::{Error, Result};
use crate::keys::KeyRing;
use crate::store::evaluations::{self as rows, Filter, Meta, Table};
use crate::store::{self, from_millis, to_millis};

/// The sealed body of a supervision check.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct CheckBody {
    pub date: NaiveDate,
    pub occasion: CheckOccasion,
    pub evaluation_id: Option<String>,
    pub sides: CheckSides,
    pub supervisee_entered_by: EnteredBy,
}

fn answers(side: &str, a: &CheckAnswers) -> Result<CheckAnswers> {
    Ok(CheckAnswers {
        trust: rating(&format!("The {side}'s answer on trust"), a.trust)?,
        collaboration: rating(
            &format!("The {side}'s answer on collaboration"),
            a.collaboration,
        )?,
        power_balance: rating(
            &format!("The {side}'s answer on power balance"),
            a.power_balance,
        )?,
        comment: text(&format!("The {side}'s comment on supervision"), &a.comment)?,
    })
}

fn is_empty(a: &CheckAnswers) -> bool {
    a.trust.is_none()
        && a.collaboration.is_none()
        && a.power_balance.is_none()
        && a.comment.is_empty()
}

/// Both sides' answers checked and trimmed; a check with nothing answered
/// is refused.
pub(super) fn sides(s: &CheckSides) -> Result<CheckSides> {
    let out = CheckSides {
        supervisor: answers("supervisor", &s.supervisor)?,
        supervisee: answers("supervisee", &s.supervisee)?,
    };
    if is_empty(&out.supervisor) && is_empty(&out.supervisee) {
        return Err(Error::InvalidInput(
            "The supervision check has no answers: answer at least one statement.".into(),
        ));
    }
    Ok(out)
}

pub(super) fn to_check(meta: Meta, body: CheckBody) -> Option<SupervisionCheck> {
    Some(SupervisionCheck {
        id: meta.id,
        person_id: meta.person_id?,
        recorded_at: meta.created_at,
        date: body.date,
        occasion: body.occasion,
        evaluation_id: body.evaluation_id,
        sides: body.sides,
        supervisee_entered_by: body.supervisee_entered_by,
    })
}

/// Stores a checked supervision check in the caller's transaction.
pub(super) fn insert(
    conn: &Connection,
    ring: &KeyRing,
    person_id: &str,
    body: &CheckBody,
    now: DateTime<Utc>,
) -> Result<SupervisionCheck> {
    let now = from_millis(to_millis(now))?;
    let meta = Meta {
        id: Uuid::new_v4().to_string(),
        person_id: Some(person_id.to_string()),
        created_at: now,
        updated_at: now,
    };
    rows::insert(conn, ring, Table::Checks, &meta, body)?;
    to_check(meta, body.clone()).ok_or_else(|| Error::Internal("a check without a person".into()))
}

impl Evaluations<'_> {
    /// A supervisee's supervision checks, newest first.
    pub fn checks(&mut self, person_id: &str) -> Result<CheckList> {
        let person = self.supervisee(person_id)?;
        let u = self.vault.unlocked()?;
        let mut checks = Vec::new();
        let mut damaged = Vec::new();
        for row in
            rows::list::<CheckBody>(u.conn, u.ring, Table::Checks, Filter::Person(&person.id))?
        {
            let id = row.meta.id.clone();
            match row.body.ok().and_then(|b| to_check(row.meta, b)) {
                Some(c) => checks.push(c),
                None => damaged.push(id),
            }
        }
        checks.sort_by_key(|c| std::cmp::Reverse((c.date, c.recorded_at)));
        Ok(CheckList { checks, damaged })
    }

    /// Records a supervision check taken on its own (at an agreement
    /// review or another time). Checks taken with an evaluation are part
    /// of [`Evaluations::create`].
    pub fn check_create(
        &mut self,
        person_id: &str,
        input: &SupervisionCheckInput,
        now: DateTime<Utc>,
    ) -> Result<SupervisionCheck> {
        if input.occasion == CheckOccasion::Evaluation {
            return Err(Error::InvalidInput(
                "A check taken with an evaluation is recorded in the evaluation form.".into(),
            ));
        }
        past_day("The date of the check", input.date, now.date_naive())?;
        let sides = sides(&input.sides)?;
        let person = self.active_supervisee(person_id, "A supervision check")?;
        let body = CheckBody {
            date: input.date,
            occasion: input.occasion,
            evaluation_id: None,
            sides,
            supervisee_entered_by: EnteredBy::SupervisorByHand,
        };
        let u = self.vault.unlocked()?;
        let ring = &*u.ring;
        store::write(u.conn, |tx| insert(tx, ring, &person.id, &body, now))
    }
}
