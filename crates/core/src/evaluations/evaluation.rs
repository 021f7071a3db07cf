//! Midpoint and final evaluations: ratings per area from both sides,
//! comments, an action plan that becomes goals, and the supervision check
//! taken with them.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::check::{self, CheckBody};
use super::types::{
    ActionPlanItem, AreaRating, CheckOccasion, EnteredBy, Evaluation, EvaluationInput,
    EvaluationKind, EvaluationList,
};
use super::{past_day, rating, text, Evaluations, MAX_ACTION_ITEMS, MAX_LINE_CHARS};
use crate::error::{Error, Result};
use crate::goals::{self, GoalFields, GoalTerm, DEFAULT_CHECK_IN_WEEKS};
use crate::store::evaluations::{self as rows, Filter, Meta, Table};
use crate::store::{self, from_millis, to_millis};
use crate::validate;

/// The sealed body of an evaluation.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct EvaluationBody {
    pub kind: EvaluationKind,
    pub date: NaiveDate,
    pub ratings: Vec<AreaRating>,
    pub supervisee_entered_by: EnteredBy,
    pub supervisor_comments: String,
    pub supervisee_comments: String,
    pub action_plan: Vec<ActionPlanItem>,
    pub check_id: Option<String>,
}

fn to_evaluation(meta: Meta, b: EvaluationBody) -> Option<Evaluation> {
    Some(Evaluation {
        id: meta.id,
        person_id: meta.person_id?,
        recorded_at: meta.created_at,
        kind: b.kind,
        date: b.date,
        ratings: b.ratings,
        supervisee_entered_by: b.supervisee_entered_by,
        supervisor_comments: b.supervisor_comments,
        supervisee_comments: b.supervisee_comments,
        action_plan: b.action_plan,
        check_id: b.check_id,
    })
}

fn kind_words(kind: EvaluationKind) -> &'static str {
    match kind {
        EvaluationKind::Midpoint => "A midpoint evaluation",
        EvaluationKind::Final => "A final evaluation",
    }
}

impl Evaluations<'_> {
    /// A supervisee's evaluations, newest first.
    pub fn list(&mut self, person_id: &str) -> Result<EvaluationList> {
        let person = self.supervisee(person_id)?;
        let u = self.vault.unlocked()?;
        let mut evaluations = Vec::new();
        let mut damaged = Vec::new();
        for row in rows::list::<EvaluationBody>(
            u.conn,
            u.ring,
            Table::Evaluations,
            Filter::Person(&person.id),
        )? {
            let id = row.meta.id.clone();
            match row.body.ok().and_then(|b| to_evaluation(row.meta, b)) {
                Some(e) => evaluations.push(e),
                None => damaged.push(id),
            }
        }
        evaluations.sort_by_key(|e| std::cmp::Reverse((e.date, e.recorded_at)));
        Ok(EvaluationList {
            evaluations,
            damaged,
        })
    }

    /// One evaluation.
    pub fn get(&mut self, id: &str) -> Result<Evaluation> {
        let id = validate::id_string("That evaluation's", id)?;
        let u = self.vault.unlocked()?;
        let row = rows::get::<EvaluationBody>(u.conn, u.ring, Table::Evaluations, &id)?
            .ok_or(Error::NotFound("That evaluation"))?;
        let body = row.body?;
        to_evaluation(row.meta, body).ok_or(Error::Integrity("This evaluation".into()))
    }

    /// Records a midpoint or final evaluation of a supervisee who is not
    /// archived, with the supervision check taken with it (if any), and
    /// sets each action plan item as a short-term goal of theirs. Every
    /// field is checked first; bad input writes nothing.
    pub fn create(
        &mut self,
        person_id: &str,
        input: &EvaluationInput,
        now: DateTime<Utc>,
    ) -> Result<Evaluation> {
        let today = now.date_naive();
        let person = self.active_supervisee(person_id, kind_words(input.kind))?;
        past_day("The date of the evaluation", input.date, today)?;
        if let Some(start) = person.fields.start_date {
            if input.date < start {
                return Err(Error::InvalidInput(
                    "The date of the evaluation is before the supervision started.".into(),
                ));
            }
        }
        let areas = self.areas(now)?;
        let mut ratings: Vec<AreaRating> = Vec::with_capacity(input.ratings.len());
        for r in &input.ratings {
            let area_id = validate::id_string("A competency area's", &r.area_id)?;
            let area = areas
                .iter()
                .find(|a| a.id == area_id && !a.damaged)
                .ok_or_else(|| {
                    Error::InvalidInput("A rated area is not on the competency areas list.".into())
                })?;
            if area.retired {
                return Err(Error::InvalidInput(format!(
                    "The area “{}” is retired; choose an area in use.",
                    area.name
                )));
            }
            if ratings.iter().any(|x| x.area_id == area_id) {
                return Err(Error::InvalidInput(format!(
                    "The area “{}” is rated twice.",
                    area.name
                )));
            }
            let rating = AreaRating {
                area_id,
                area_name: area.name.clone(),
                function: area.function,
                supervisor: rating(
                    &format!("The supervisor's rating for “{}”", area.name),
                    r.supervisor,
                )?,
                supervisee: rating(
                    &format!("The supervisee's rating for “{}”", area.name),
                    r.supervisee,
                )?,
                comment: text(&format!("The comment on “{}”", area.name), &r.comment)?,
            };
            if rating.supervisor.is_some()
                || rating.supervisee.is_some()
                || !rating.comment.is_empty()
            {
                ratings.push(rating);
            }
        }
        if !ratings
            .iter()
            .any(|r| r.supervisor.is_some() || r.supervisee.is_some())
        {
            return Err(Error::InvalidInput(
                "Rate at least one competency area.".into(),
            ));
        }
        let supervisor_comments = text("The supervisor's comments", &input.supervisor_comments)?;
        let supervisee_comments = text("The supervisee's comments", &input.supervisee_comments)?;
        if input.action_plan.len() > MAX_ACTION_ITEMS {
            return Err(Error::InvalidInput(format!(
                "An action plan has at most {MAX_ACTION_ITEMS} items."
            )));
        }
        let mut plan = Vec::with_capacity(input.action_plan.len());
        for (i, item) in input.action_plan.iter().enumerate() {
            let n = i + 1;
            let title = validate::single_line(
                &format!("Action plan item {n}'s title"),
                &item.title,
                MAX_LINE_CHARS,
            )?;
            if title.is_empty() {
                return Err(Error::InvalidInput(format!(
                    "Action plan item {n} has no title."
                )));
            }
            let description = text(
                &format!("Action plan item {n}'s description"),
                &item.description,
            )?;
            if let Some(t) = item.target_date {
                validate::date(&format!("Action plan item {n}'s target date"), Some(t))?;
                if t < today {
                    return Err(Error::InvalidInput(format!(
                        "Action plan item {n}'s target date is in the past."
                    )));
                }
            }
            plan.push(ActionPlanItem {
                title,
                description,
                target_date: item.target_date,
                goal_id: None,
            });
        }
        let check_sides = input.check.as_ref().map(check::sides).transpose()?;

        // Write the evaluation and its check together.
        let now_ms = from_millis(to_millis(now))?;
        let meta = Meta {
            id: Uuid::new_v4().to_string(),
            person_id: Some(person.id.clone()),
            created_at: now_ms,
            updated_at: now_ms,
        };
        let mut body = EvaluationBody {
            kind: input.kind,
            date: input.date,
            ratings,
            supervisee_entered_by: EnteredBy::SupervisorByHand,
            supervisor_comments,
            supervisee_comments,
            action_plan: plan,
            check_id: None,
        };
        // The check, the goals of the action plan and the evaluation with
        // its links to them: one transaction, all or nothing.
        {
            let u = self.vault.unlocked()?;
            let ring = &*u.ring;
            store::write(u.conn, |tx| {
                if let Some(sides) = &check_sides {
                    let c = check::insert(
                        tx,
                        ring,
                        &person.id,
                        &CheckBody {
                            date: input.date,
                            occasion: CheckOccasion::Evaluation,
                            evaluation_id: Some(meta.id.clone()),
                            sides: sides.clone(),
                            supervisee_entered_by: EnteredBy::SupervisorByHand,
                        },
                        now,
                    )?;
                    body.check_id = Some(c.id);
                }
                for item in &mut body.action_plan {
                    let fields = GoalFields {
                        title: item.title.clone(),
                        description: item.description.clone(),
                        term: GoalTerm::Short,
                        target_date: item.target_date,
                        skill_ids: Vec::new(),
                        check_in_weeks: DEFAULT_CHECK_IN_WEEKS,
                    };
                    item.goal_id =
                        Some(goals::create_in(tx, ring, Some(&person.id), &fields, now)?);
                }
                rows::insert(tx, ring, Table::Evaluations, &meta, &body)
            })?;
        }
        self.get(&meta.id)
    }
}

/// Evaluations of a person, counted (for the termination summary).
pub(super) fn count_of(ev: &mut Evaluations<'_>, person_id: &str) -> Result<u32> {
    let u = ev.vault.unlocked()?;
    Ok(rows::list::<EvaluationBody>(
        u.conn,
        u.ring,
        Table::Evaluations,
        Filter::Person(person_id),
    )?
    .len() as u32)
}
