//! Goals: set, edit, change status, list, read with a timeline, and the
//! check-in rule.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Connection;
use uuid::Uuid;

use super::load::{self, Change, GoalBody, HistoryItem, LoadedGoal};
use super::skills::check_links;
use super::types::{
    GoalDetail, GoalFields, GoalList, GoalStatus, GoalSummary, TimelineEntry, TimelineEvent,
};
use super::{Goals, CHECK_IN_WEEKS};
use crate::error::{Error, Result};
use crate::keys::KeyRing;
use crate::store::goals::{self as rows, Filter, Meta, Table};
use crate::store::{self, from_millis, to_millis};
use crate::validate::{self, SHORT_CHARS};

/// Checks and normalises a goal's fields. `created_on` is the day it was
/// (or is being) set; `already` the skills linked before an edit.
fn normalise(
    conn: &Connection,
    ring: &KeyRing,
    f: &GoalFields,
    created_on: NaiveDate,
    already: &[String],
) -> Result<GoalFields> {
    let title = validate::required_line("The goal's title", &f.title, SHORT_CHARS)?;
    let description = load::text("The description", &f.description)?;
    if let Some(t) = f.target_date {
        load::date("The target date", t)?;
        if t < created_on {
            return Err(Error::InvalidInput(
                "The target date is before the day the goal was set.".into(),
            ));
        }
    }
    if !CHECK_IN_WEEKS.contains(&f.check_in_weeks) {
        return Err(Error::InvalidInput(format!(
            "Check-ins are every {} to {} weeks.",
            CHECK_IN_WEEKS.start(),
            CHECK_IN_WEEKS.end()
        )));
    }
    let skill_ids = check_links(conn, ring, &f.skill_ids, already)?;
    Ok(GoalFields {
        title,
        description,
        term: f.term,
        target_date: f.target_date,
        skill_ids,
        check_in_weeks: f.check_in_weeks,
    })
}

/// The words for the fields that differ.
fn changed_fields(a: &GoalFields, b: &GoalFields) -> Vec<String> {
    let mut out = Vec::new();
    let mut add = |differs: bool, name: &str| {
        if differs {
            out.push(name.to_string());
        }
    };
    add(a.title != b.title, "title");
    add(a.description != b.description, "description");
    add(a.term != b.term, "term");
    add(a.target_date != b.target_date, "target date");
    add(a.skill_ids != b.skill_ids, "skills");
    add(a.check_in_weeks != b.check_in_weeks, "check-in interval");
    out
}

/// The person's (or, with `None`, the owner's) goals with their summaries.
pub(super) fn list_of(conn: &Connection, ring: &KeyRing, filter: Filter<'_>) -> Result<GoalList> {
    let mut goals = Vec::new();
    let mut damaged = Vec::new();
    for row in rows::list::<GoalBody>(conn, ring, Table::Goals, filter)? {
        match row.body {
            Ok(body) => {
                let g = LoadedGoal {
                    meta: row.meta,
                    body,
                };
                let (check_ins, _) = load::check_ins(conn, ring, &g)?;
                goals.push(load::summary(&g, &check_ins));
            }
            Err(_) => damaged.push(row.meta.id),
        }
    }
    Ok(GoalList { goals, damaged })
}

/// The active goals of a supervisee (or, with `None`, the owner's own)
/// due for a check-in on `on` (see [`Goals::due_for_check_in`]), read with
/// the caller's connection (e.g. inside the agenda's transaction).
/// `person_id` must be a canonical id of a supervisee.
pub(crate) fn due_in(
    conn: &Connection,
    ring: &KeyRing,
    person_id: Option<&str>,
    on: NaiveDate,
) -> Result<Vec<GoalSummary>> {
    validate::date("The date", Some(on))?;
    let person = subject(conn, ring, person_id)?;
    Ok(list_of(conn, ring, Filter::Person(person.as_deref()))?
        .goals
        .into_iter()
        .filter(|s| load::is_due(s, on))
        .collect())
}

/// Checks `fields` and adds an active goal inside the caller's transaction
/// (so that, e.g., an evaluation and the goals of its action plan are saved
/// together or not at all); returns the goal's id.
pub(crate) fn create_in(
    tx: &rusqlite::Transaction<'_>,
    ring: &KeyRing,
    person_id: Option<&str>,
    fields: &GoalFields,
    now: DateTime<Utc>,
) -> Result<String> {
    let today = now.date_naive();
    let id = Uuid::new_v4().to_string();
    let person = subject(tx, ring, person_id)?;
    let fields = normalise(tx, ring, fields, today, &[])?;
    let now = from_millis(to_millis(now))?;
    let meta = Meta {
        id: id.clone(),
        person_id: person,
        goal_id: None,
        created_at: now,
        updated_at: now,
    };
    let body = GoalBody {
        fields,
        created_on: today,
        status: GoalStatus::Active,
        history: Vec::new(),
    };
    rows::insert(tx, ring, Table::Goals, &meta, &body)?;
    Ok(id)
}

fn subject(conn: &Connection, ring: &KeyRing, person_id: Option<&str>) -> Result<Option<String>> {
    person_id
        .map(|p| load::supervisee(conn, ring, p))
        .transpose()
}

impl Goals<'_> {
    /// The goals of a supervisee, or (`None`) the owner's own, oldest
    /// first. Damaged goals are named by id; they do not fail the list.
    pub fn list(&mut self, person_id: Option<&str>) -> Result<GoalList> {
        let u = self.vault.unlocked()?;
        let person = subject(u.conn, u.ring, person_id)?;
        list_of(u.conn, u.ring, Filter::Person(person.as_deref()))
    }

    /// Every goal in the vault (the owner's and every supervisee's).
    pub fn list_all(&mut self) -> Result<GoalList> {
        let u = self.vault.unlocked()?;
        list_of(u.conn, u.ring, Filter::All)
    }

    /// The active goals of a supervisee (or, with `None`, the owner's own)
    /// that are due for a check-in on `on`: the latest check-in (or the day
    /// the goal was set) plus the goal's interval is on or before `on`, or
    /// the target date is before `on`. Oldest goal first; damaged goals
    /// are left out (the goals list names them).
    pub fn due_for_check_in(
        &mut self,
        person_id: Option<&str>,
        on: NaiveDate,
    ) -> Result<Vec<GoalSummary>> {
        let u = self.vault.unlocked()?;
        due_in(u.conn, u.ring, person_id, on)
    }

    /// One goal with its timeline, oldest event first.
    pub fn get(&mut self, id: &str) -> Result<GoalDetail> {
        let u = self.vault.unlocked()?;
        let g = load::goal(u.conn, u.ring, id)?;
        let (check_ins, damaged) = load::check_ins(u.conn, u.ring, &g)?;
        let summary = load::summary(&g, &check_ins);
        let mut timeline = vec![TimelineEntry {
            on: g.body.created_on,
            recorded_at: g.meta.created_at,
            event: TimelineEvent::Created {
                title: g.body.fields.title.clone(),
            },
        }];
        for h in &g.body.history {
            let event = match &h.change {
                Change::Edited { changed } => TimelineEvent::Edited {
                    changed: changed.clone(),
                },
                Change::Status { from, to, reason } => TimelineEvent::StatusChanged {
                    from: *from,
                    to: *to,
                    reason: reason.clone(),
                },
            };
            timeline.push(TimelineEntry {
                on: h.on,
                recorded_at: h.at,
                event,
            });
        }
        for c in check_ins {
            timeline.push(TimelineEntry {
                on: c.fields.date,
                recorded_at: c.recorded_at,
                event: TimelineEvent::CheckIn { check_in: c },
            });
        }
        for id in damaged {
            timeline.push(TimelineEntry {
                on: g.body.created_on,
                recorded_at: g.meta.created_at,
                event: TimelineEvent::DamagedCheckIn { id },
            });
        }
        if let Some(person) = g.meta.person_id.as_deref() {
            let (records, _) = load::coaching_of(u.conn, u.ring, person)?;
            for r in records {
                if r.method.is_evidence() && r.goal_id.as_deref() == Some(g.meta.id.as_str()) {
                    timeline.push(TimelineEntry {
                        on: r.date,
                        recorded_at: r.recorded_at,
                        event: TimelineEvent::Coaching { record: r },
                    });
                }
            }
        }
        timeline.sort_by_key(|e| (e.on, e.recorded_at));
        Ok(GoalDetail { summary, timeline })
    }

    /// Sets a goal for a supervisee, or (`person_id` `None`) for the
    /// owner's own development. It starts active, set today.
    pub fn create(
        &mut self,
        person_id: Option<&str>,
        fields: &GoalFields,
        now: DateTime<Utc>,
    ) -> Result<GoalDetail> {
        let id = {
            let u = self.vault.unlocked()?;
            let ring = &*u.ring;
            store::write(u.conn, |tx| create_in(tx, ring, person_id, fields, now))?
        };
        self.get(&id)
    }

    /// Edits a goal's fields (kept in its history as an edit). The person
    /// cannot change. Editing with nothing changed is an error.
    pub fn update(
        &mut self,
        id: &str,
        fields: &GoalFields,
        now: DateTime<Utc>,
    ) -> Result<GoalDetail> {
        let id = self.change(id, now, |conn, ring, body| {
            let fields = normalise(conn, ring, fields, body.created_on, &body.fields.skill_ids)?;
            let changed = changed_fields(&body.fields, &fields);
            if changed.is_empty() {
                return Err(Error::InvalidInput("Nothing was changed.".into()));
            }
            body.fields = fields;
            Ok(Change::Edited { changed })
        })?;
        self.get(&id)
    }

    /// Changes a goal's status on the day `on` (not before the goal was
    /// set, not after today) with a reason; kept in its history.
    pub fn set_status(
        &mut self,
        id: &str,
        status: GoalStatus,
        on: NaiveDate,
        reason: &str,
        now: DateTime<Utc>,
    ) -> Result<GoalDetail> {
        let reason = load::text("The reason", reason)?;
        load::not_future("The date of the change", on, now.date_naive())?;
        let id = self.change_on(id, now, Some(on), |_, _, body| {
            if body.status == status {
                return Err(Error::InvalidInput(
                    "The goal already has that status.".into(),
                ));
            }
            if on < body.created_on {
                return Err(Error::InvalidInput(
                    "The date of the change is before the day the goal was set.".into(),
                ));
            }
            let from = body.status;
            body.status = status;
            Ok(Change::Status {
                from,
                to: status,
                reason,
            })
        })?;
        self.get(&id)
    }

    fn change(
        &mut self,
        id: &str,
        now: DateTime<Utc>,
        f: impl FnOnce(&Connection, &KeyRing, &mut GoalBody) -> Result<Change>,
    ) -> Result<String> {
        self.change_on(id, now, None, f)
    }

    /// Reads the goal, lets `f` change its body and say what changed, adds
    /// that to the history (dated `on`, or today) and stores it, in one
    /// transaction. Returns the goal's id.
    fn change_on(
        &mut self,
        id: &str,
        now: DateTime<Utc>,
        on: Option<NaiveDate>,
        f: impl FnOnce(&Connection, &KeyRing, &mut GoalBody) -> Result<Change>,
    ) -> Result<String> {
        let u = self.vault.unlocked()?;
        let ring = &*u.ring;
        store::write(u.conn, |tx| {
            let mut g = load::goal(tx, ring, id)?;
            let change = f(tx, ring, &mut g.body)?;
            let at = from_millis(to_millis(now))?.max(g.meta.created_at);
            g.body.history.push(HistoryItem {
                on: on.unwrap_or(now.date_naive()).max(g.body.created_on),
                at,
                change,
            });
            g.meta.updated_at = at;
            rows::replace(tx, ring, Table::Goals, &g.meta, &g.body)?;
            Ok(g.meta.id)
        })
    }
}
