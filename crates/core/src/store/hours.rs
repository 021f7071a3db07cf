//! The hours family of tables: `hours_manual_entries`,
//! `hours_practice_weeks`, `hours_adjustments`, `hours_reviews`,
//! `hours_their_counts`, `hours_accepted` and `hours_sign_offs`. They share
//! one shape (id, the person a row belongs to, timestamps, one sealed JSON
//! body), so one set of functions reads and writes them, named by
//! [`Table`].
//!
//! Key: every row is sealed under its person's data key, as the data-key
//! table names it (erasing the person makes the rows unreadable). The
//! plaintext `key_id` column and the sealed value's header must both name
//! that key, or the row is damaged.
//!
//! AAD: table = the table's name, column `body`, row = the row id, bound:
//! `person_id`, `created_at` and `updated_at` as stored (unix ms). A row
//! moved to another person, or a timestamp edited on disk, makes that one
//! row damaged; one damaged row never fails a list.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::de::{DeserializeOwned, IgnoredAny};
use serde::Serialize;
use uuid::Uuid;

use super::to_millis;
use crate::crypto::{self, Context};
use crate::error::{Error, Result};
use crate::keys::KeyRing;

/// One table of the family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    /// `hours_manual_entries`: supervision received elsewhere.
    Manual,
    /// `hours_practice_weeks`: practice (work) hours per week.
    Practice,
    /// `hours_adjustments`: a held session's form or minutes corrected.
    Adjustments,
    /// `hours_reviews`: an entry returned with a comment, or approved.
    Reviews,
    /// `hours_their_counts`: the supervisee's own count per date.
    TheirCounts,
    /// `hours_accepted`: a reconcile difference accepted with a note.
    Accepted,
    /// `hours_sign_offs`: a signed-off period, its snapshot and log.
    SignOffs,
}

impl Table {
    /// The SQL table name.
    pub fn name(self) -> &'static str {
        match self {
            Table::Manual => "hours_manual_entries",
            Table::Practice => "hours_practice_weeks",
            Table::Adjustments => "hours_adjustments",
            Table::Reviews => "hours_reviews",
            Table::TheirCounts => "hours_their_counts",
            Table::Accepted => "hours_accepted",
            Table::SignOffs => "hours_sign_offs",
        }
    }

    /// What an integrity error calls one row.
    pub fn what(self) -> &'static str {
        match self {
            Table::Manual => "A manual hours entry",
            Table::Practice => "A practice week",
            Table::Adjustments => "A session adjustment",
            Table::Reviews => "An entry review",
            Table::TheirCounts => "The supervisee's own count",
            Table::Accepted => "An accepted difference",
            Table::SignOffs => "A sign-off",
        }
    }
}

/// The plaintext columns of a row. Read back, they are authenticated only
/// if the row's body opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meta {
    /// Row id.
    pub id: String,
    /// The person it belongs to.
    pub person_id: String,
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

struct Raw {
    id: String,
    person_id: String,
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

fn bound(person_id: &str, created: i64, updated: i64) -> [String; 3] {
    [
        person_id.to_string(),
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
        let expected = ring.subject_key_id(&raw.person_id, what)?;
        if crypto::sealed_key_id(&raw.body) != Some(expected)
            || Uuid::parse_str(&raw.key_id).ok() != Some(expected)
        {
            return Err(Error::Integrity(what.into()));
        }
        let v = bound(&raw.person_id, raw.created, raw.updated);
        ring.open_json(
            Context::new(table.name(), "body", &raw.id).binding(&[
                v[0].as_str(),
                v[1].as_str(),
                v[2].as_str(),
            ]),
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
    let key_id = ring.subject_key_id(&meta.person_id, table.what())?;
    let v = bound(
        &meta.person_id,
        to_millis(meta.created_at),
        to_millis(meta.updated_at),
    );
    let sealed = ring.seal_json(
        key_id,
        Context::new(table.name(), "body", &meta.id).binding(&[
            v[0].as_str(),
            v[1].as_str(),
            v[2].as_str(),
        ]),
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

/// The rows of one person, oldest first, each opened on its own.
pub fn list<B: DeserializeOwned>(
    conn: &Connection,
    ring: &KeyRing,
    table: Table,
    person_id: &str,
) -> Result<Vec<Row<B>>> {
    let mut stmt = conn.prepare(&format!(
        "{} WHERE person_id = ?1 ORDER BY created_at, id",
        select(table)
    ))?;
    let rows = stmt
        .query_map([person_id], raw)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows.into_iter().map(|r| open_raw(ring, table, r)).collect())
}

/// Opens every row of the seven tables (backup verification) into `census`.
pub fn open_all(conn: &Connection, ring: &KeyRing, census: &mut super::Census) -> Result<()> {
    let tables = [
        Table::Manual,
        Table::Practice,
        Table::Adjustments,
        Table::Reviews,
        Table::TheirCounts,
        Table::Accepted,
        Table::SignOffs,
    ];
    for table in tables {
        super::census_rows(conn, ring, census, table.name(), &select(table), raw, |r| {
            let row = open_raw::<IgnoredAny>(ring, table, r);
            (Some(row.meta.person_id), row.body.is_ok())
        })?;
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

/// Adds a row sealed under its person's key. Run it in the caller's
/// transaction together with the checks it depends on.
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
/// values. The id, person and creation time are the row's identity and do
/// not change. Run it in the caller's transaction, after reading the row
/// there.
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
             WHERE id = ?1 AND person_id = ?4 AND created_at = ?5",
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
        return Err(Error::NotFound("That hours entry"));
    }
    Ok(())
}

/// Deletes one row of a person; false when there was none.
pub fn delete(conn: &Connection, table: Table, person_id: &str, id: &str) -> Result<bool> {
    Ok(conn.execute(
        &format!(
            "DELETE FROM {} WHERE id = ?1 AND person_id = ?2",
            table.name()
        ),
        params![id, person_id],
    )? > 0)
}

/// Deletes every hours row of `person_id` (erasure), in the caller's
/// transaction; returns how many rows went.
pub fn delete_of_person(tx: &rusqlite::Transaction<'_>, person_id: &str) -> Result<usize> {
    let mut n = 0;
    for table in [
        "hours_manual_entries",
        "hours_practice_weeks",
        "hours_adjustments",
        "hours_reviews",
        "hours_their_counts",
        "hours_accepted",
        "hours_sign_offs",
    ] {
        n += tx.execute(
            &format!("DELETE FROM {table} WHERE person_id = ?1"),
            [person_id],
        )?;
    }
    Ok(n)
}
