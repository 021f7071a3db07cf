//! The evaluations family of tables: `competency_areas`, `evaluations`,
//! `supervision_checks` and `endings`. They share one shape (ids, the
//! person a row belongs to, timestamps, one sealed JSON body), so one set
//! of functions reads and writes them, named by [`Table`].
//!
//! Key: a row with a `person_id` is sealed under that person's data key
//! (as the data-key table names it), a competency area (no person) under
//! the vault key. The plaintext `key_id` column and the sealed value's
//! header must both name that key, or the row is damaged.
//!
//! AAD: table = the table's name, column `body`, row = the row id, bound:
//! `person_id` (empty when NULL), `created_at` and `updated_at` as stored
//! (unix ms). A row moved to another person, or a timestamp edited on
//! disk, makes that one row damaged; one damaged row never fails a list.

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
    /// `competency_areas`: the vault's list of areas evaluated.
    Areas,
    /// `evaluations`: one row per midpoint or final evaluation.
    Evaluations,
    /// `supervision_checks`: one row per check on how supervision is going.
    Checks,
    /// `endings`: one row per ended relationship.
    Endings,
}

impl Table {
    /// The SQL table name.
    pub fn name(self) -> &'static str {
        match self {
            Table::Areas => "competency_areas",
            Table::Evaluations => "evaluations",
            Table::Checks => "supervision_checks",
            Table::Endings => "endings",
        }
    }

    /// What an integrity error calls one row.
    pub fn what(self) -> &'static str {
        match self {
            Table::Areas => "A competency area",
            Table::Evaluations => "This evaluation",
            Table::Checks => "A supervision check",
            Table::Endings => "This ending",
        }
    }
}

/// The plaintext columns of a row. Read back, they are authenticated only
/// if the row's body opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meta {
    /// Row id.
    pub id: String,
    /// The person it belongs to; `None` for competency areas.
    pub person_id: Option<String>,
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
    /// The rows of one person.
    Person(&'a str),
}

struct Raw {
    id: String,
    person_id: Option<String>,
    key_id: String,
    created: i64,
    updated: i64,
    body: Vec<u8>,
}

fn raw(r: &rusqlite::Row<'_>) -> rusqlite::Result<Raw> {
    Ok(Raw {
        id: r.get(0)?,
        person_id: r.get(1)?,
        key_id: r.get(2)?,
        created: r.get(3)?,
        updated: r.get(4)?,
        body: r.get(5)?,
    })
}

fn select(table: Table) -> String {
    format!(
        "SELECT id, person_id, key_id, created_at, updated_at, body FROM {}",
        table.name()
    )
}

fn expected_key(ring: &KeyRing, person_id: Option<&str>, what: &str) -> Result<Uuid> {
    match person_id {
        Some(p) => ring.subject_key_id(p, what),
        None => ring.scope_id(Scope::Vault),
    }
}

fn bound(person_id: Option<&str>, created: i64, updated: i64) -> [String; 3] {
    [
        person_id.unwrap_or_default().to_string(),
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
        let values = bound(raw.person_id.as_deref(), raw.created, raw.updated);
        let parts = [values[0].as_str(), values[1].as_str(), values[2].as_str()];
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
        to_millis(meta.created_at),
        to_millis(meta.updated_at),
    );
    let parts = [values[0].as_str(), values[1].as_str(), values[2].as_str()];
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
    let rows = match filter {
        Filter::All => {
            let mut stmt = conn.prepare(&format!("{base} {order}"))?;
            let rows = stmt
                .query_map([], raw)?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            rows
        }
        Filter::Person(p) => {
            let mut stmt = conn.prepare(&format!("{base} WHERE person_id = ?1 {order}"))?;
            let rows = stmt
                .query_map([p], raw)?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            rows
        }
    };
    Ok(rows.into_iter().map(|r| open_raw(ring, table, r)).collect())
}

/// Opens every row of the four tables (backup verification) into `census`.
pub fn open_all(conn: &Connection, ring: &KeyRing, census: &mut super::Census) -> Result<()> {
    for table in [
        Table::Areas,
        Table::Evaluations,
        Table::Checks,
        Table::Endings,
    ] {
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
    conn.execute(
        &format!(
            "INSERT INTO {} (id, person_id, key_id, created_at, updated_at, body)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            table.name()
        ),
        params![
            meta.id,
            meta.person_id,
            key_id.to_string(),
            to_millis(meta.created_at),
            to_millis(meta.updated_at),
            sealed
        ],
    )?;
    Ok(())
}

/// Replaces a row's body and update time, sealed again with the new bound
/// values. The id, person and creation time do not change. Run it in the
/// caller's transaction, after reading the row there.
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

/// Deletes every evaluation, supervision check and ending of `person_id`
/// (erasure), in the caller's transaction; returns how many rows went.
pub fn delete_of_person(tx: &rusqlite::Transaction<'_>, person_id: &str) -> Result<usize> {
    let mut n = 0;
    for table in ["evaluations", "supervision_checks", "endings"] {
        n += tx.execute(
            &format!("DELETE FROM {table} WHERE person_id = ?1"),
            [person_id],
        )?;
    }
    Ok(n)
}
