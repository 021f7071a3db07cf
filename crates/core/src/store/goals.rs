//! The goals family of tables: `skills`, `goals`, `goal_check_ins`,
//! `development_stages` and `coaching_records`. They share one shape (ids,
//! the person a row belongs to, timestamps, one sealed JSON body), so one
//! set of functions reads and writes them, named by [`Table`].
//!
//! Key: a row with a `person_id` is sealed under that person's data key as
//! the data-key table names it (authenticated in its wrapping), a row
//! without one (the owner's own goals and their check-ins, the skills list)
//! under the vault key. The plaintext `key_id` column and the sealed value's
//! header must both name that key, or the row is damaged.
//!
//! AAD: table = the table's name, column `body`, row = the row id, bound:
//! `person_id` (empty when NULL), `goal_id` (check-ins; empty elsewhere),
//! `created_at` and `updated_at` as stored (unix ms). A row moved to another
//! person or goal, or a timestamp edited on disk, makes that one row
//! damaged; one damaged row never fails a list.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::de::{DeserializeOwned, IgnoredAny};
use serde::Serialize;
use uuid::Uuid;

use super::to_millis;
use crate::crypto::{self, Context};
use crate::error::{Error, Result};
use crate::keys::{KeyRing, Scope};

/// One table of the family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    /// `skills`: the vault's skills list.
    Skills,
    /// `goals`: one row per goal.
    Goals,
    /// `goal_check_ins`: one row per check-in.
    CheckIns,
    /// `development_stages`: one row per stage set.
    Stages,
    /// `coaching_records`: one row per coaching record.
    Coaching,
}

impl Table {
    /// The SQL table name.
    pub fn name(self) -> &'static str {
        match self {
            Table::Skills => "skills",
            Table::Goals => "goals",
            Table::CheckIns => "goal_check_ins",
            Table::Stages => "development_stages",
            Table::Coaching => "coaching_records",
        }
    }

    /// What an integrity error calls one row.
    pub fn what(self) -> &'static str {
        match self {
            Table::Skills => "A skill",
            Table::Goals => "This goal",
            Table::CheckIns => "A check-in",
            Table::Stages => "A development stage",
            Table::Coaching => "A coaching record",
        }
    }

    fn goal_column(self) -> &'static str {
        match self {
            Table::CheckIns => "goal_id",
            _ => "NULL",
        }
    }
}

/// The plaintext columns of a row. Read back, they are authenticated only
/// if the row's body opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meta {
    /// Row id.
    pub id: String,
    /// The person it belongs to; `None` for the owner's own rows and skills.
    pub person_id: Option<String>,
    /// The goal of a check-in; `None` in the other tables.
    pub goal_id: Option<String>,
    /// Created (the epoch when the stored value is out of range).
    pub created_at: DateTime<Utc>,
    /// Last changed (the epoch when the stored value is out of range).
    pub updated_at: DateTime<Utc>,
}

/// One row with its body opened as `B` (or why it did not open).
pub struct Row<B> {
    /// The plaintext columns.
    pub meta: Meta,
    /// The sealed body, or an integrity error for this row alone.
    pub body: Result<B>,
}

/// Which rows of a table to read.
#[derive(Debug, Clone, Copy)]
pub enum Filter<'a> {
    /// Every row.
    All,
    /// The rows of one person, or (`None`) the owner's own.
    Person(Option<&'a str>),
    /// The check-ins of one goal.
    Goal(&'a str),
}

struct Raw {
    id: String,
    person_id: Option<String>,
    goal_id: Option<String>,
    key_id: String,
    created: i64,
    updated: i64,
    body: Vec<u8>,
}

fn raw(r: &rusqlite::Row<'_>) -> rusqlite::Result<Raw> {
    Ok(Raw {
        id: r.get(0)?,
        person_id: r.get(1)?,
        goal_id: r.get(2)?,
        key_id: r.get(3)?,
        created: r.get(4)?,
        updated: r.get(5)?,
        body: r.get(6)?,
    })
}

fn select(table: Table) -> String {
    format!(
        "SELECT id, person_id, {}, key_id, created_at, updated_at, body FROM {}",
        table.goal_column(),
        table.name()
    )
}

fn expected_key(ring: &KeyRing, person_id: Option<&str>, what: &str) -> Result<Uuid> {
    match person_id {
        Some(p) => ring.subject_key_id(p, what),
        None => ring.scope_id(Scope::Vault),
    }
}

fn bound(
    person_id: Option<&str>,
    goal_id: Option<&str>,
    created: i64,
    updated: i64,
) -> [String; 4] {
    [
        person_id.unwrap_or_default().to_string(),
        goal_id.unwrap_or_default().to_string(),
        created.to_string(),
        updated.to_string(),
    ]
}

fn open_raw<B: DeserializeOwned>(ring: &KeyRing, table: Table, raw: Raw) -> Row<B> {
    let what = table.what();
    let created = DateTime::from_timestamp_millis(raw.created);
    let updated = DateTime::from_timestamp_millis(raw.updated);
    let body = (|| {
        if created.is_none() || updated.is_none() {
            return Err(Error::Integrity(what.into()));
        }
        let expected = expected_key(ring, raw.person_id.as_deref(), what)?;
        if crypto::sealed_key_id(&raw.body) != Some(expected)
            || Uuid::parse_str(&raw.key_id).ok() != Some(expected)
        {
            return Err(Error::Integrity(what.into()));
        }
        let values = bound(
            raw.person_id.as_deref(),
            raw.goal_id.as_deref(),
            raw.created,
            raw.updated,
        );
        let parts = [
            values[0].as_str(),
            values[1].as_str(),
            values[2].as_str(),
            values[3].as_str(),
        ];
        ring.open_json(
            Context::new(table.name(), "body", &raw.id).binding(&parts),
            &raw.body,
            what,
        )
    })();
    let epoch = DateTime::<Utc>::UNIX_EPOCH;
    Row {
        meta: Meta {
            id: raw.id,
            person_id: raw.person_id,
            goal_id: raw.goal_id,
            created_at: created.unwrap_or(epoch),
            updated_at: updated.unwrap_or(epoch),
        },
        body,
    }
}

fn seal<B: Serialize>(
    ring: &KeyRing,
    table: Table,
    meta: &Meta,
    body: &B,
) -> Result<(Uuid, Vec<u8>)> {
    let key_id = expected_key(ring, meta.person_id.as_deref(), table.what())?;
    let values = bound(
        meta.person_id.as_deref(),
        meta.goal_id.as_deref(),
        to_millis(meta.created_at),
        to_millis(meta.updated_at),
    );
    let parts = [
        values[0].as_str(),
        values[1].as_str(),
        values[2].as_str(),
        values[3].as_str(),
    ];
    let sealed = ring.seal_json(
        key_id,
        Context::new(table.name(), "body", &meta.id).binding(&parts),
        body,
    )?;
    Ok((key_id, sealed))
}

/// One row, or `None` when there is no row with that id.
pub fn get<B: DeserializeOwned>(
    conn: &Connection,
    ring: &KeyRing,
    table: Table,
    id: &str,
) -> Result<Option<Row<B>>> {
    let row = conn
        .query_row(&format!("{} WHERE id = ?1", select(table)), [id], raw)
        .optional()?;
    Ok(row.map(|r| open_raw(ring, table, r)))
}

/// The rows `filter` picks, oldest first, each opened on its own.
pub fn list<B: DeserializeOwned>(
    conn: &Connection,
    ring: &KeyRing,
    table: Table,
    filter: Filter<'_>,
) -> Result<Vec<Row<B>>> {
    let order = "ORDER BY created_at, id";
    let base = select(table);
    let mut stmt;
    let rows = match filter {
        Filter::All => {
            stmt = conn.prepare(&format!("{base} {order}"))?;
            stmt.query_map([], raw)?
                .collect::<rusqlite::Result<Vec<_>>>()?
        }
        Filter::Person(Some(p)) => {
            stmt = conn.prepare(&format!("{base} WHERE person_id = ?1 {order}"))?;
            stmt.query_map([p], raw)?
                .collect::<rusqlite::Result<Vec<_>>>()?
        }
        Filter::Person(None) => {
            stmt = conn.prepare(&format!("{base} WHERE person_id IS NULL {order}"))?;
            stmt.query_map([], raw)?
                .collect::<rusqlite::Result<Vec<_>>>()?
        }
        Filter::Goal(g) => {
            if table != Table::CheckIns {
                return Err(Error::Internal("only check-ins belong to a goal".into()));
            }
            stmt = conn.prepare(&format!("{base} WHERE goal_id = ?1 {order}"))?;
            stmt.query_map([g], raw)?
                .collect::<rusqlite::Result<Vec<_>>>()?
        }
    };
    Ok(rows.into_iter().map(|r| open_raw(ring, table, r)).collect())
}

/// Opens every row of the five tables (backup verification) into `census`.
pub fn open_all(conn: &Connection, ring: &KeyRing, census: &mut super::Census) -> Result<()> {
    let tables = [
        Table::Skills,
        Table::Goals,
        Table::CheckIns,
        Table::Stages,
        Table::Coaching,
    ];
    for table in tables {
        let rows = list::<IgnoredAny>(conn, ring, table, Filter::All)?;
        let found = rows
            .iter()
            .map(|r| (r.meta.person_id.as_deref(), r.body.is_ok()));
        super::tally_rows(census, ring, table.name(), found);
    }
    Ok(())
}

/// Number of rows in `table`.
pub fn count(conn: &Connection, table: Table) -> Result<u32> {
    Ok(
        conn.query_row(&format!("SELECT count(*) FROM {}", table.name()), [], |r| {
            r.get(0)
        })?,
    )
}

/// Deletes every goal, check-in, development stage and coaching record of
/// `person_id`, in the caller's transaction (erasing a person). Returns how
/// many rows went.
pub fn delete_of_person(tx: &rusqlite::Transaction<'_>, person_id: &str) -> Result<usize> {
    let mut n = tx.execute(
        "DELETE FROM goal_check_ins WHERE person_id = ?1 \
         OR goal_id IN (SELECT id FROM goals WHERE person_id = ?1)",
        [person_id],
    )?;
    for table in [Table::Goals, Table::Stages, Table::Coaching] {
        let sql = format!("DELETE FROM {} WHERE person_id = ?1", table.name());
        n += tx.execute(&sql, [person_id])?;
    }
    Ok(n)
}

/// Adds a row sealed under the key its person names. Run it in the
/// caller's transaction together with the checks it depends on.
pub fn insert<B: Serialize>(
    conn: &Connection,
    ring: &KeyRing,
    table: Table,
    meta: &Meta,
    body: &B,
) -> Result<()> {
    let (key_id, sealed) = seal(ring, table, meta, body)?;
    let goal = if table == Table::CheckIns {
        ", goal_id"
    } else {
        ""
    };
    let goal_param = if table == Table::CheckIns { ", ?7" } else { "" };
    let sql = format!(
        "INSERT INTO {} (id, person_id, key_id, created_at, updated_at, body{goal})
         VALUES (?1, ?2, ?3, ?4, ?5, ?6{goal_param})",
        table.name()
    );
    if table == Table::CheckIns {
        conn.execute(
            &sql,
            params![
                meta.id,
                meta.person_id,
                key_id.to_string(),
                to_millis(meta.created_at),
                to_millis(meta.updated_at),
                sealed,
                meta.goal_id
            ],
        )?;
    } else {
        conn.execute(
            &sql,
            params![
                meta.id,
                meta.person_id,
                key_id.to_string(),
                to_millis(meta.created_at),
                to_millis(meta.updated_at),
                sealed
            ],
        )?;
    }
    Ok(())
}

/// Replaces a row's body and update time, sealed again with the new bound
/// values. The id, person, goal and creation time are the row's identity
/// and do not change. Run it in the caller's transaction, after reading
/// the row there.
pub fn replace<B: Serialize>(
    conn: &Connection,
    ring: &KeyRing,
    table: Table,
    meta: &Meta,
    body: &B,
) -> Result<()> {
    let (_, sealed) = seal(ring, table, meta, body)?;
    let n = conn.execute(
        &format!(
            "UPDATE {} SET body = ?2, updated_at = ?3
             WHERE id = ?1 AND person_id IS ?4 AND created_at = ?5",
            table.name()
        ),
        params![
            meta.id,
            sealed,
            to_millis(meta.updated_at),
            meta.person_id,
            to_millis(meta.created_at)
        ],
    )?;
    if n == 0 {
        return Err(Error::NotFound("That record"));
    }
    Ok(())
}
