//! Coaching records: the skill, the method, how it went, the strengths
//! noticed and the next step, with an optional follow-up check-in
//! scheduled as a one-off coaching session.
//!
//! The follow-up goes through the schedule's public API
//! ([`Schedule::create`]), which runs its own transaction. To write nothing
//! half-way, every check of the coaching record (person, skill, goal,
//! texts) is made first, then the session is scheduled (the schedule
//! validates it and writes nothing on error), then the record is stored
//! with the session's series id. Only a failure of that last insert (a
//! full disk, say) could leave the session without its record; the
//! session is then visible on the calendar and can be cancelled there.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::load::{self, CoachingBody};
use super::types::{CoachingInput, CoachingList, CoachingRecord, FollowUpInput};
use super::Goals;
use crate::error::{Error, Result};
use crate::keys::KeyRing;
use crate::schedule::{ReminderSetting, Schedule, SeriesInput, SessionKind};
use crate::store::goals::{self as rows, Meta, Table};
use crate::store::{self, from_millis, to_millis};
use crate::validate;

/// The checked record, without its follow-up yet.
fn checked(
    conn: &rusqlite::Connection,
    ring: &KeyRing,
    input: &CoachingInput,
    now: DateTime<Utc>,
) -> Result<(String, CoachingBody)> {
    let how_it_went = load::text("How it went", &input.how_it_went)?;
    if how_it_went.is_empty() {
        return Err(Error::Empty("How it went"));
    }
    let strengths = load::text("The strengths noticed", &input.strengths)?;
    let next_step = load::text("The next step", &input.next_step)?;
    load::not_future("The coaching date", input.date, now.date_naive())?;
    let person = load::supervisee(conn, ring, &input.person_id)?;
    let skill_id = validate::id_string("The skill's", &input.skill_id)?;
    let skill = load::skill(conn, ring, &skill_id).map_err(|e| match e {
        Error::NotFound(_) => {
            Error::InvalidInput("The chosen skill is not on the skills list.".into())
        }
        other => other,
    })?;
    if skill.retired {
        return Err(Error::InvalidInput(
            "The chosen skill is retired; choose a skill in use.".into(),
        ));
    }
    let goal_id = match input.goal_id.as_deref() {
        None => None,
        Some(g) => {
            let goal = load::goal(conn, ring, g)?;
            if goal.meta.person_id.as_deref() != Some(person.as_str()) {
                return Err(Error::InvalidInput(
                    "The chosen goal is not this supervisee's.".into(),
                ));
            }
            Some(goal.meta.id)
        }
    };
    Ok((
        person,
        CoachingBody {
            date: input.date,
            skill_id,
            method: input.method,
            how_it_went,
            strengths,
            next_step,
            goal_id,
            follow_up_series_id: None,
        },
    ))
}

fn follow_up_series(person_id: &str, f: &FollowUpInput) -> Result<SeriesInput> {
    let end = f
        .start
        .checked_add_signed(chrono::Duration::minutes(i64::from(f.minutes)))
        .ok_or_else(|| Error::InvalidInput("The follow-up's length is not valid.".into()))?;
    Ok(SeriesInput {
        person_id: person_id.to_string(),
        kind: SessionKind::Coaching,
        time_zone: f.time_zone.clone(),
        start: f.start,
        end,
        recurrence: None,
        location: String::new(),
        reminder: ReminderSetting::Default,
        calendar_code: String::new(),
    })
}

impl Goals<'_> {
    /// A supervisee's coaching records, newest first.
    pub fn coaching_list(&mut self, person_id: &str) -> Result<CoachingList> {
        let u = self.vault.unlocked()?;
        let person = load::supervisee(u.conn, u.ring, person_id)?;
        let (mut records, damaged) = load::coaching_of(u.conn, u.ring, &person)?;
        records.sort_by_key(|r| std::cmp::Reverse((r.date, r.recorded_at)));
        Ok(CoachingList { records, damaged })
    }

    /// Records a coaching session and, when asked, schedules its follow-up
    /// check-in as a one-off coaching session (see the module
    /// documentation for the order of writes).
    pub fn coaching_create(
        &mut self,
        input: &CoachingInput,
        now: DateTime<Utc>,
    ) -> Result<CoachingRecord> {
        let (person, mut body) = {
            let u = self.vault.unlocked()?;
            checked(u.conn, u.ring, input, now)?
        };
        if let Some(f) = &input.follow_up {
            let series = follow_up_series(&person, f)?;
            let change = Schedule::of(self.vault).create(&series, now)?;
            body.follow_up_series_id = change.series.into_iter().next().map(|s| s.id);
        }
        let u = self.vault.unlocked()?;
        let ring = &*u.ring;
        let now = from_millis(to_millis(now))?;
        let meta = Meta {
            id: Uuid::new_v4().to_string(),
            person_id: Some(person),
            goal_id: None,
            created_at: now,
            updated_at: now,
        };
        store::write(u.conn, |tx| {
            rows::insert(tx, ring, Table::Coaching, &meta, &body)
        })?;
        load::coaching_record(meta, body)
            .ok_or_else(|| Error::Internal("a coaching record without a person".into()))
    }
}
