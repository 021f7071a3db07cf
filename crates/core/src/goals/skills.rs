//! The skills list: seeded at first use, then added to, renamed and
//! retired (never deleted, so every link stays readable).

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use uuid::Uuid;

use super::load::{self, SkillBody};
use super::types::Skill;
use super::{Goals, MAX_SKILLS, SEED_SKILLS};
use crate::error::{Error, Result};
use crate::keys::KeyRing;
use crate::store::goals::{self as rows, Filter, Meta, Table};
use crate::store::{self, from_millis, to_millis};
use crate::validate::{self, SHORT_CHARS};

fn meta(id: String, now: DateTime<Utc>) -> Result<Meta> {
    let now = from_millis(to_millis(now))?;
    Ok(Meta {
        id,
        person_id: None,
        goal_id: None,
        created_at: now,
        updated_at: now,
    })
}

/// Seeds the list when it has never had a skill. Run in a transaction.
fn ensure_seeded(conn: &Connection, ring: &KeyRing, now: DateTime<Utc>) -> Result<()> {
    if rows::count(conn, Table::Skills)? > 0 {
        return Ok(());
    }
    for (i, name) in SEED_SKILLS.iter().enumerate() {
        // Distinct creation times keep the seeded order.
        let m = meta(Uuid::new_v4().to_string(), now)?;
        let m = Meta {
            created_at: m.created_at + chrono::Duration::milliseconds(i as i64),
            updated_at: m.updated_at + chrono::Duration::milliseconds(i as i64),
            ..m
        };
        rows::insert(
            conn,
            ring,
            Table::Skills,
            &m,
            &SkillBody {
                name: (*name).to_string(),
                retired: false,
            },
        )?;
    }
    Ok(())
}

fn all(conn: &Connection, ring: &KeyRing) -> Result<Vec<Skill>> {
    Ok(
        rows::list::<SkillBody>(conn, ring, Table::Skills, Filter::All)?
            .into_iter()
            .map(|row| match row.body {
                Ok(b) => Skill {
                    id: row.meta.id,
                    name: b.name,
                    retired: b.retired,
                    damaged: false,
                },
                Err(_) => Skill {
                    id: row.meta.id,
                    name: String::new(),
                    retired: false,
                    damaged: true,
                },
            })
            .collect(),
    )
}

fn name(value: &str) -> Result<String> {
    validate::required_line("The skill's name", value, SHORT_CHARS)
}

/// Refuses a name another skill in use already has (ignoring case).
fn unique(list: &[Skill], name: &str, except: Option<&str>) -> Result<()> {
    let folded = name.to_lowercase();
    if list
        .iter()
        .any(|s| !s.retired && Some(s.id.as_str()) != except && s.name.to_lowercase() == folded)
    {
        return Err(Error::InvalidInput(
            "There is already a skill with that name.".into(),
        ));
    }
    Ok(())
}

impl Goals<'_> {
    /// The skills list in the order added, retired ones included (marked);
    /// seeded with [`SEED_SKILLS`] the first time it is read.
    pub fn skills_list(&mut self, now: DateTime<Utc>) -> Result<Vec<Skill>> {
        let u = self.vault.unlocked()?;
        let ring = &*u.ring;
        store::write(u.conn, |tx| ensure_seeded(tx, ring, now))?;
        all(u.conn, u.ring)
    }

    /// Adds a skill.
    pub fn skill_add(&mut self, name_: &str, now: DateTime<Utc>) -> Result<Skill> {
        let name = name(name_)?;
        let u = self.vault.unlocked()?;
        let ring = &*u.ring;
        store::write(u.conn, |tx| {
            ensure_seeded(tx, ring, now)?;
            let list = all(tx, ring)?;
            if list.len() >= MAX_SKILLS {
                return Err(Error::InvalidInput(format!(
                    "The skills list holds at most {MAX_SKILLS} skills."
                )));
            }
            unique(&list, &name, None)?;
            let m = meta(Uuid::new_v4().to_string(), now)?;
            let body = SkillBody {
                name: name.clone(),
                retired: false,
            };
            rows::insert(tx, ring, Table::Skills, &m, &body)?;
            Ok(Skill {
                id: m.id,
                name,
                retired: false,
                damaged: false,
            })
        })
    }

    /// Renames a skill (every link shows the new name).
    pub fn skill_rename(&mut self, id: &str, name_: &str, now: DateTime<Utc>) -> Result<Skill> {
        let name = name(name_)?;
        self.change_skill(id, now, |body, list, id| {
            unique(list, &name, Some(id))?;
            if body.name == name {
                return Err(Error::InvalidInput(
                    "The skill already has that name.".into(),
                ));
            }
            body.name = name;
            Ok(())
        })
    }

    /// Retires a skill: no longer offered for new links; existing links
    /// still show it.
    pub fn skill_retire(&mut self, id: &str, now: DateTime<Utc>) -> Result<Skill> {
        self.change_skill(id, now, |body, _, _| {
            if body.retired {
                return Err(Error::InvalidInput("That skill is already retired.".into()));
            }
            body.retired = true;
            Ok(())
        })
    }

    fn change_skill(
        &mut self,
        id: &str,
        now: DateTime<Utc>,
        f: impl FnOnce(&mut SkillBody, &[Skill], &str) -> Result<()>,
    ) -> Result<Skill> {
        let id = validate::id_string("That skill's", id)?;
        let u = self.vault.unlocked()?;
        let ring = &*u.ring;
        store::write(u.conn, |tx| {
            let row = rows::get::<SkillBody>(tx, ring, Table::Skills, &id)?
                .ok_or(Error::NotFound("That skill"))?;
            let mut body = row.body?;
            let list = all(tx, ring)?;
            f(&mut body, &list, &id)?;
            let mut m = row.meta;
            m.updated_at = from_millis(to_millis(now))?.max(m.created_at);
            rows::replace(tx, ring, Table::Skills, &m, &body)?;
            Ok(Skill {
                id: m.id,
                name: body.name,
                retired: body.retired,
                damaged: false,
            })
        })
    }
}

/// Checks the skills linked to a goal: at most the limit, no repeats,
/// each on the list; a retired skill only if it was already linked.
pub(super) fn check_links(
    conn: &Connection,
    ring: &KeyRing,
    ids: &[String],
    already: &[String],
) -> Result<Vec<String>> {
    if ids.len() > super::MAX_GOAL_SKILLS {
        return Err(Error::InvalidInput(format!(
            "A goal links at most {} skills.",
            super::MAX_GOAL_SKILLS
        )));
    }
    let mut out: Vec<String> = Vec::with_capacity(ids.len());
    for id in ids {
        let canonical = validate::id_string("A skill's", id)?;
        if out.contains(&canonical) {
            return Err(Error::InvalidInput("A skill is linked twice.".into()));
        }
        let skill = load::skill(conn, ring, &canonical).map_err(|e| match e {
            Error::NotFound(_) => {
                Error::InvalidInput("A linked skill is not on the skills list.".into())
            }
            other => other,
        })?;
        if skill.retired && !already.contains(&canonical) {
            return Err(Error::InvalidInput(
                "A chosen skill is retired; choose a skill in use.".into(),
            ));
        }
        out.push(canonical);
    }
    Ok(out)
}
