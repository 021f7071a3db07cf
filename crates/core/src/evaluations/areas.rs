//! The competency areas list: seeded at first use from the three
//! functions of supervision and the goals skills list, then added to,
//! renamed and retired (never deleted, so every evaluation stays readable).

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::types::{CompetencyArea, EvaluationForm, SupervisionFunction};
use super::{
    scale, Evaluations, CHECK_QUESTIONS, CHECK_SCALE, FUNCTION_AREAS, MAX_ACTION_ITEMS, MAX_AREAS,
    MAX_LINE_CHARS, MAX_REFERRALS, MAX_TEXT_CHARS, RATING_SCALE,
};
use crate::error::{Error, Result};
use crate::goals::Goals;
use crate::keys::KeyRing;
use crate::store::evaluations::{self as rows, Filter, Meta, Table};
use crate::store::{self, from_millis, to_millis};
use crate::validate;

/// The sealed body of a competency area.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct AreaBody {
    pub name: String,
    pub function: Option<SupervisionFunction>,
    pub skill_id: Option<String>,
    pub retired: bool,
}

fn meta(id: String, now: DateTime<Utc>, offset_ms: i64) -> Result<Meta> {
    let now = from_millis(to_millis(now) + offset_ms)?;
    Ok(Meta {
        id,
        person_id: None,
        created_at: now,
        updated_at: now,
    })
}

/// Every area, in the order added, retired ones included.
pub(super) fn all(conn: &Connection, ring: &KeyRing) -> Result<Vec<CompetencyArea>> {
    Ok(
        rows::list::<AreaBody>(conn, ring, Table::Areas, Filter::All)?
            .into_iter()
            .map(|row| match row.body {
                Ok(b) => CompetencyArea {
                    id: row.meta.id,
                    name: b.name,
                    function: b.function,
                    skill_id: b.skill_id,
                    retired: b.retired,
                    damaged: false,
                },
                Err(_) => CompetencyArea {
                    id: row.meta.id,
                    name: String::new(),
                    function: None,
                    skill_id: None,
                    retired: false,
                    damaged: true,
                },
            })
            .collect(),
    )
}

fn name(value: &str) -> Result<String> {
    validate::required_line("The area's name", value, MAX_LINE_CHARS)
}

/// Refuses a name another area in use already has (ignoring case).
fn unique(list: &[CompetencyArea], name: &str, except: Option<&str>) -> Result<()> {
    let folded = name.to_lowercase();
    if list
        .iter()
        .any(|a| !a.retired && Some(a.id.as_str()) != except && a.name.to_lowercase() == folded)
    {
        return Err(Error::InvalidInput(
            "There is already a competency area with that name.".into(),
        ));
    }
    Ok(())
}

impl Evaluations<'_> {
    /// Seeds the list when it has never had an area: the three functions,
    /// then the skills in use on the goals skills list.
    fn ensure_areas(&mut self, now: DateTime<Utc>) -> Result<()> {
        {
            let u = self.vault.unlocked()?;
            if rows::count(u.conn, Table::Areas)? > 0 {
                return Ok(());
            }
        }
        let skills = Goals::of(self.vault).skills_list(now)?;
        let mut seed: Vec<AreaBody> = FUNCTION_AREAS
            .iter()
            .map(|(f, n)| AreaBody {
                name: (*n).to_string(),
                function: Some(*f),
                skill_id: None,
                retired: false,
            })
            .collect();
        for s in skills.into_iter().filter(|s| !s.retired && !s.damaged) {
            if seed
                .iter()
                .any(|a| a.name.to_lowercase() == s.name.to_lowercase())
            {
                continue;
            }
            seed.push(AreaBody {
                name: s.name,
                function: Some(SupervisionFunction::Formative),
                skill_id: Some(s.id),
                retired: false,
            });
        }
        let u = self.vault.unlocked()?;
        let ring = &*u.ring;
        store::write(u.conn, |tx| {
            // Re-checked inside the write lock.
            if rows::count(tx, Table::Areas)? > 0 {
                return Ok(());
            }
            for (i, body) in seed.iter().enumerate() {
                // Distinct creation times keep the seeded order.
                let m = meta(Uuid::new_v4().to_string(), now, i as i64)?;
                rows::insert(tx, ring, Table::Areas, &m, body)?;
            }
            Ok(())
        })
    }

    /// The competency areas in the order added, retired ones included
    /// (marked); seeded the first time it is read.
    pub fn areas(&mut self, now: DateTime<Utc>) -> Result<Vec<CompetencyArea>> {
        self.ensure_areas(now)?;
        let u = self.vault.unlocked()?;
        all(u.conn, u.ring)
    }

    /// Everything an evaluation form needs: the areas (seeded the first
    /// time), both scales with their descriptors, the check's statements
    /// and the limits.
    pub fn form(&mut self, now: DateTime<Utc>) -> Result<EvaluationForm> {
        let areas = self.areas(now)?;
        Ok(EvaluationForm {
            areas,
            scale: scale(&RATING_SCALE),
            check_scale: scale(&CHECK_SCALE),
            check_questions: CHECK_QUESTIONS
                .iter()
                .map(|(topic, statement)| super::CheckQuestion {
                    topic: *topic,
                    statement: (*statement).to_string(),
                })
                .collect(),
            text_chars: MAX_TEXT_CHARS as u32,
            line_chars: MAX_LINE_CHARS as u32,
            max_action_items: MAX_ACTION_ITEMS as u32,
            max_referrals: MAX_REFERRALS as u32,
        })
    }

    /// Adds an area.
    pub fn area_add(
        &mut self,
        name_: &str,
        function: Option<SupervisionFunction>,
        now: DateTime<Utc>,
    ) -> Result<CompetencyArea> {
        let name = name(name_)?;
        self.ensure_areas(now)?;
        let u = self.vault.unlocked()?;
        let ring = &*u.ring;
        store::write(u.conn, |tx| {
            let list = all(tx, ring)?;
            if list.len() >= MAX_AREAS {
                return Err(Error::InvalidInput(format!(
                    "The competency areas list holds at most {MAX_AREAS} areas."
                )));
            }
            unique(&list, &name, None)?;
            let m = meta(Uuid::new_v4().to_string(), now, 0)?;
            let body = AreaBody {
                name: name.clone(),
                function,
                skill_id: None,
                retired: false,
            };
            rows::insert(tx, ring, Table::Areas, &m, &body)?;
            Ok(CompetencyArea {
                id: m.id,
                name,
                function,
                skill_id: None,
                retired: false,
                damaged: false,
            })
        })
    }

    /// Renames an area (evaluations already made keep the old name).
    pub fn area_rename(
        &mut self,
        id: &str,
        name_: &str,
        now: DateTime<Utc>,
    ) -> Result<CompetencyArea> {
        let name = name(name_)?;
        self.change_area(id, now, |body, list, id| {
            unique(list, &name, Some(id))?;
            if body.name == name {
                return Err(Error::InvalidInput(
                    "The area already has that name.".into(),
                ));
            }
            body.name = name;
            Ok(())
        })
    }

    /// Retires an area: no longer offered for new evaluations.
    pub fn area_retire(&mut self, id: &str, now: DateTime<Utc>) -> Result<CompetencyArea> {
        self.change_area(id, now, |body, _, _| {
            if body.retired {
                return Err(Error::InvalidInput("That area is already retired.".into()));
            }
            body.retired = true;
            Ok(())
        })
    }

    fn change_area(
        &mut self,
        id: &str,
        now: DateTime<Utc>,
        f: impl FnOnce(&mut AreaBody, &[CompetencyArea], &str) -> Result<()>,
    ) -> Result<CompetencyArea> {
        let id = validate::id_string("That competency area's", id)?;
        let u = self.vault.unlocked()?;
        let ring = &*u.ring;
        store::write(u.conn, |tx| {
            let row = rows::get::<AreaBody>(tx, ring, Table::Areas, &id)?
                .ok_or(Error::NotFound("That competency area"))?;
            let mut body = row.body?;
            let list = all(tx, ring)?;
            f(&mut body, &list, &id)?;
            let mut m = row.meta;
            m.updated_at = from_millis(to_millis(now))?.max(m.created_at);
            rows::replace(tx, ring, Table::Areas, &m, &body)?;
            Ok(CompetencyArea {
                id: m.id,
                name: body.name,
                function: body.function,
                skill_id: body.skill_id,
                retired: body.retired,
                damaged: false,
            })
        })
    }
}
