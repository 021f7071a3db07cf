//! What the goal, check-in, stage and coaching code share: the sealed body
//! shapes, the checks of who a record is for, reading goals with their
//! check-ins, and the check-in rule.

use chrono::{DateTime, Days, NaiveDate, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use super::types::{
    CheckIn, CheckInInput, CoachingMethod, CoachingRecord, Goal, GoalFields, GoalStatus,
    GoalSummary,
};
use super::MAX_TEXT_CHARS;
use crate::error::{Error, Result};
use crate::keys::KeyRing;
use crate::people::{self, PersonKind, Relation};
use crate::store::goals::{self as rows, Filter, Meta, Table};
use crate::validate;

/// A change kept in a goal's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub(super) enum Change {
    Edited {
        changed: Vec<String>,
    },
    Status {
        from: GoalStatus,
        to: GoalStatus,
        reason: String,
    },
}

/// One dated change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct HistoryItem {
    pub on: NaiveDate,
    pub at: DateTime<Utc>,
    pub change: Change,
}

/// The sealed body of a goal row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct GoalBody {
    pub fields: GoalFields,
    pub created_on: NaiveDate,
    pub status: GoalStatus,
    pub history: Vec<HistoryItem>,
}

/// The sealed body of a skill row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct SkillBody {
    pub name: String,
    pub retired: bool,
}

/// The sealed body of a coaching row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct CoachingBody {
    pub date: NaiveDate,
    pub skill_id: String,
    pub method: CoachingMethod,
    pub how_it_went: String,
    pub strengths: String,
    pub next_step: String,
    pub goal_id: Option<String>,
    pub follow_up_series_id: Option<String>,
}

/// A goal row that opened.
pub(super) struct LoadedGoal {
    pub meta: Meta,
    pub body: GoalBody,
}

impl LoadedGoal {
    pub fn goal(&self) -> Goal {
        Goal {
            id: self.meta.id.clone(),
            person_id: self.meta.person_id.clone(),
            created_at: self.meta.created_at,
            created_on: self.body.created_on,
            updated_at: self.meta.updated_at,
            fields: self.body.fields.clone(),
            status: self.body.status,
        }
    }
}

/// A multi-line text field, trimmed, at most [`MAX_TEXT_CHARS`].
pub(super) fn text(field: &str, value: &str) -> Result<String> {
    validate::paragraph(field, value, MAX_TEXT_CHARS)
}

/// A date within the accepted years.
pub(super) fn date(field: &str, value: NaiveDate) -> Result<()> {
    validate::date(field, Some(value))
}

/// A date that is not after `today`.
pub(super) fn not_future(field: &str, value: NaiveDate, today: NaiveDate) -> Result<()> {
    date(field, value)?;
    if value > today {
        return Err(Error::InvalidInput(format!("{field} is in the future.")));
    }
    Ok(())
}

/// The canonical id of a supervisee who can have goals, stages and
/// coaching: a person record the owner supervises.
pub(super) fn supervisee(conn: &Connection, ring: &KeyRing, person_id: &str) -> Result<String> {
    let id = validate::id_string("That person's", person_id)?;
    let person = people::load(conn, ring, &id)?.ok_or(Error::NotFound("That person"))?;
    match person.fields.kind {
        PersonKind::Person => {}
        PersonKind::Organisation => {
            return Err(Error::InvalidInput(
                "An organisation cannot have goals, a development stage or coaching records; choose a supervisee.".into(),
            ))
        }
        PersonKind::Group => {
            return Err(Error::InvalidInput(
                "A group cannot have goals, a development stage or coaching records; choose one of its members.".into(),
            ))
        }
    }
    if person.fields.relation != Relation::ISupervise {
        return Err(Error::InvalidInput(
            "Goals, development stages and coaching records are kept for people you supervise. Put your own goals under your own development.".into(),
        ));
    }
    Ok(id)
}

/// The skill `id` opened, or an error naming what is wrong with it.
pub(super) fn skill(conn: &Connection, ring: &KeyRing, id: &str) -> Result<SkillBody> {
    let id = validate::id_string("A skill's", id)?;
    let row = rows::get::<SkillBody>(conn, ring, Table::Skills, &id)?
        .ok_or(Error::NotFound("That skill"))?;
    row.body
}

/// A goal row, opened.
pub(super) fn goal(conn: &Connection, ring: &KeyRing, id: &str) -> Result<LoadedGoal> {
    let id = validate::id_string("That goal's", id)?;
    let row = rows::get::<GoalBody>(conn, ring, Table::Goals, &id)?
        .ok_or(Error::NotFound("That goal"))?;
    Ok(LoadedGoal {
        body: row.body?,
        meta: row.meta,
    })
}

/// The check-ins of a goal that opened (oldest recorded first) and the ids
/// of those that did not.
pub(super) fn check_ins(
    conn: &Connection,
    ring: &KeyRing,
    goal: &LoadedGoal,
) -> Result<(Vec<CheckIn>, Vec<String>)> {
    let mut ok = Vec::new();
    let mut damaged = Vec::new();
    for row in rows::list::<CheckInInput>(conn, ring, Table::CheckIns, Filter::Goal(&goal.meta.id))?
    {
        // A check-in moved to another person's goal fails to open under the
        // goal's key or binding; one whose person differs is damaged too.
        match row.body {
            Ok(fields) if row.meta.person_id == goal.meta.person_id => ok.push(CheckIn {
                id: row.meta.id,
                recorded_at: row.meta.created_at,
                fields,
            }),
            _ => damaged.push(row.meta.id),
        }
    }
    ok.sort_by(|a, b| {
        (a.fields.date, a.recorded_at, &a.id).cmp(&(b.fields.date, b.recorded_at, &b.id))
    });
    Ok((ok, damaged))
}

/// The day the next check-in is due by: the latest check-in (or the day
/// the goal was set) plus the interval.
pub(super) fn next_check_in(body: &GoalBody, last: Option<NaiveDate>) -> NaiveDate {
    let from = last.map_or(body.created_on, |l| l.max(body.created_on));
    from.checked_add_days(Days::new(u64::from(body.fields.check_in_weeks) * 7))
        .unwrap_or(NaiveDate::MAX)
}

/// A goal's list line, from its check-ins.
pub(super) fn summary(goal: &LoadedGoal, check_ins: &[CheckIn]) -> GoalSummary {
    let last = check_ins.last();
    let last_date = last.map(|c| c.fields.date);
    GoalSummary {
        goal: goal.goal(),
        last_check_in: last_date,
        last_rating: last.map(|c| c.fields.rating),
        next_check_in: next_check_in(&goal.body, last_date),
    }
}

/// The check-in rule (see the module documentation).
pub(super) fn is_due(summary: &GoalSummary, on: NaiveDate) -> bool {
    summary.goal.status == GoalStatus::Active
        && (summary.next_check_in <= on || summary.goal.fields.target_date.is_some_and(|t| t < on))
}

/// A coaching row as the public record.
pub(super) fn coaching_record(meta: Meta, body: CoachingBody) -> Option<CoachingRecord> {
    Some(CoachingRecord {
        id: meta.id,
        recorded_at: meta.created_at,
        person_id: meta.person_id?,
        date: body.date,
        skill_id: body.skill_id,
        method: body.method,
        how_it_went: body.how_it_went,
        strengths: body.strengths,
        next_step: body.next_step,
        goal_id: body.goal_id,
        follow_up_series_id: body.follow_up_series_id,
    })
}

/// The coaching records of a supervisee that opened, and the ids of those
/// that did not.
pub(super) fn coaching_of(
    conn: &Connection,
    ring: &KeyRing,
    person_id: &str,
) -> Result<(Vec<CoachingRecord>, Vec<String>)> {
    let mut ok = Vec::new();
    let mut damaged = Vec::new();
    for row in
        rows::list::<CoachingBody>(conn, ring, Table::Coaching, Filter::Person(Some(person_id)))?
    {
        let id = row.meta.id.clone();
        match row.body.ok().and_then(|b| coaching_record(row.meta, b)) {
            Some(r) => ok.push(r),
            None => damaged.push(id),
        }
    }
    Ok((ok, damaged))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::goals::types::GoalTerm;

    fn body(created: NaiveDate, weeks: u32, target: Option<NaiveDate>) -> GoalBody {
        GoalBody {
            fields: GoalFields {
                title: "t".into(),
                description: String::new(),
                term: GoalTerm::Short,
                target_date: target,
                skill_ids: vec![],
                check_in_weeks: weeks,
            },
            created_on: created,
            status: GoalStatus::Active,
            history: vec![],
        }
    }

    #[test]
    fn next_check_in_counts_from_the_latest_check_in_or_the_start() {
        let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).expect("date");
        let b = body(d(1, 1), 4, None);
        assert_eq!(next_check_in(&b, None), d(1, 29));
        assert_eq!(next_check_in(&b, Some(d(2, 1))), d(3, 1));
    }
}
