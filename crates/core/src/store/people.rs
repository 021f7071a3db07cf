//! The `people` table: supervisees, supervisors, groups and organisations,
//! each sealed under a data key of its own (so erasing a person can destroy
//! it).
//!
//! AAD: table `people`, column `body`, row = the record id, bound: `kind`,
//! `created_at`, `updated_at` and `archived_at`, so a kind or archive state
//! edited on disk makes that record damaged. The `key_id` column must match
//! the key the data-key table assigns to this person (authenticated there);
//! a mismatch is damage too.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::de::{DeserializeOwned, IgnoredAny};
use serde::Serialize;
use uuid::Uuid;

use super::to_millis;
use crate::crypto::{self, Context, SecretKey};
use crate::error::{Error, Result};
use crate::keys::KeyRing;

/// What an integrity error calls a person's record.
pub const WHAT: &str = "This person's record";

/// One record as stored, with its body opened as `B` (or why it did not open).
pub struct PersonRow<B> {
    /// Record id.
    pub id: String,
    /// The stored kind (`person`, `group`, `organisation`); authenticated
    /// only when `body` is `Ok`.
    pub kind: String,
    /// The record's data key.
    pub key_id: Uuid,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Last changed.
    pub updated_at: DateTime<Utc>,
    /// When archived, if archived.
    pub archived_at: Option<DateTime<Utc>>,
    /// The sealed fields, or an integrity error for this record alone.
    pub body: Result<B>,
}

struct Raw {
    id: String,
    kind: String,
    key_id: String,
    created: i64,
    updated: i64,
    archived: Option<i64>,
    body: Vec<u8>,
}

const COLUMNS: &str = "id, kind, key_id, created_at, updated_at, archived_at, body";

fn raw(r: &rusqlite::Row<'_>) -> rusqlite::Result<Raw> {
    Ok(Raw {
        id: r.get(0)?,
        kind: r.get(1)?,
        key_id: r.get(2)?,
        created: r.get(3)?,
        updated: r.get(4)?,
        archived: r.get(5)?,
        body: r.get(6)?,
    })
}

fn bound(kind: &str, created: i64, updated: i64, archived: Option<i64>) -> [String; 4] {
    [
        kind.to_string(),
        created.to_string(),
        updated.to_string(),
        archived.map(|a| a.to_string()).unwrap_or_default(),
    ]
}

fn seal_body<B: Serialize>(
    ring: &KeyRing,
    id: &str,
    key_id: Uuid,
    values: &[String; 4],
    body: &B,
) -> Result<Vec<u8>> {
    let refs = [
        values[0].as_str(),
        values[1].as_str(),
        values[2].as_str(),
        values[3].as_str(),
    ];
    ring.seal_json(
        key_id,
        Context::new("people", "body", id).binding(&refs),
        body,
    )
}

fn open_raw<B: DeserializeOwned>(ring: &KeyRing, raw: Raw) -> PersonRow<B> {
    let damaged = || Error::Integrity(WHAT.into());
    let epoch = DateTime::<Utc>::UNIX_EPOCH;
    let created = DateTime::from_timestamp_millis(raw.created);
    let updated = DateTime::from_timestamp_millis(raw.updated);
    let archived = raw.archived.map(DateTime::from_timestamp_millis);
    let key_id = Uuid::parse_str(&raw.key_id).unwrap_or_default();
    let values = bound(&raw.kind, raw.created, raw.updated, raw.archived);
    let refs = [
        values[0].as_str(),
        values[1].as_str(),
        values[2].as_str(),
        values[3].as_str(),
    ];
    let body = (|| {
        if created.is_none() || updated.is_none() || archived.is_some_and(|a| a.is_none()) {
            return Err(damaged());
        }
        // The column must name the key the person's authenticated data key
        // record names, and the value must be sealed under it.
        let expected = ring.subject_key_id(&raw.id, WHAT)?;
        if crypto::sealed_key_id(&raw.body) != Some(expected) || key_id != expected {
            return Err(damaged());
        }
        ring.open_json(
            Context::new("people", "body", &raw.id).binding(&refs),
            &raw.body,
            WHAT,
        )
    })();
    PersonRow {
        id: raw.id,
        kind: raw.kind,
        key_id,
        created_at: created.unwrap_or(epoch),
        updated_at: updated.unwrap_or(epoch),
        archived_at: archived.map(|a| a.unwrap_or(epoch)),
        body,
    }
}

/// Every record, each opened on its own (a damaged one does not fail the
/// rest). An erased person whose row had to stay (the exception log still
/// refers to it) is not listed.
pub fn list<B: DeserializeOwned>(conn: &Connection, ring: &KeyRing) -> Result<Vec<PersonRow<B>>> {
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM people"))?;
    let rows = stmt
        .query_map([], raw)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows
        .into_iter()
        .filter(|r| !ring.is_erased(&r.id))
        .map(|r| open_raw(ring, r))
        .collect())
}

/// Opens every record (backup verification) into `census`; the rows of
/// erased people count as erased.
pub fn open_all(conn: &Connection, ring: &KeyRing, census: &mut super::Census) -> Result<()> {
    let sql = format!("SELECT {COLUMNS} FROM people");
    super::census_rows(conn, ring, census, "people", &sql, raw, |r| {
        let id = r.id.clone();
        (Some(id), open_raw::<IgnoredAny>(ring, r).body.is_ok())
    })
}

/// One record, or `None` when there is no row with that id.
pub fn get<B: DeserializeOwned>(
    conn: &Connection,
    ring: &KeyRing,
    id: &str,
) -> Result<Option<PersonRow<B>>> {
    let row = conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM people WHERE id = ?1"),
            [id],
            raw,
        )
        .optional()?;
    Ok(row
        .filter(|r| !ring.is_erased(&r.id))
        .map(|r| open_raw(ring, r)))
}

/// Adds a record with a new data key of its own, in the caller's
/// transaction. Returns the key for the caller to adopt into the ring once
/// the transaction has committed.
pub fn insert<B: Serialize>(
    tx: &Transaction<'_>,
    ring: &KeyRing,
    id: &str,
    kind: &str,
    body: &B,
    now: DateTime<Utc>,
) -> Result<(Uuid, SecretKey)> {
    let key_id = Uuid::new_v4();
    let key = SecretKey::generate()?;
    super::keys::insert_data_key(tx, ring, "person", Some(id), (key_id, &key), now)?;
    let ms = to_millis(now);
    let values = bound(kind, ms, ms, None);
    let refs = [
        values[0].as_str(),
        values[1].as_str(),
        values[2].as_str(),
        "",
    ];
    let sealed = crypto::seal(
        &key,
        key_id,
        Context::new("people", "body", id).binding(&refs),
        &zeroize::Zeroizing::new(
            serde_json::to_vec(body).map_err(|e| Error::Internal(e.to_string()))?,
        ),
    )?;
    tx.execute(
        "INSERT INTO people (id, kind, key_id, created_at, updated_at, body) VALUES (?1, ?2, ?3, ?4, ?4, ?5)",
        params![id, kind, key_id.to_string(), ms, sealed],
    )?;
    Ok((key_id, key))
}

/// Replaces a record's sealed fields (and optionally its archive state),
/// sealed again with the new bound values, in one transaction. The stored
/// record must open (a damaged record is not overwritten silently).
/// Returns the record as now stored.
pub fn update<B: Serialize + DeserializeOwned>(
    conn: &mut Connection,
    ring: &KeyRing,
    id: &str,
    change: impl FnOnce(&mut B, &mut Option<DateTime<Utc>>) -> Result<()>,
    now: DateTime<Utc>,
) -> Result<PersonRow<B>> {
    super::write(conn, |tx| update_in(tx, ring, id, change, now))
}

/// [`update`] inside the caller's transaction (e.g. an ending recorded on
/// the person together with the ending itself).
pub fn update_in<B: Serialize + DeserializeOwned>(
    tx: &rusqlite::Transaction<'_>,
    ring: &KeyRing,
    id: &str,
    change: impl FnOnce(&mut B, &mut Option<DateTime<Utc>>) -> Result<()>,
    now: DateTime<Utc>,
) -> Result<PersonRow<B>> {
    {
        let current: PersonRow<B> = get(tx, ring, id)?.ok_or(Error::NotFound("That person"))?;
        let mut body = current.body?;
        let mut archived = current.archived_at;
        change(&mut body, &mut archived)?;
        let created = to_millis(current.created_at);
        let updated = to_millis(now).max(created);
        let archived_ms = archived.map(to_millis);
        let values = bound(&current.kind, created, updated, archived_ms);
        let sealed = seal_body(ring, id, current.key_id, &values, &body)?;
        tx.execute(
            "UPDATE people SET body = ?2, updated_at = ?3, archived_at = ?4 WHERE id = ?1",
            params![id, sealed, updated, archived_ms],
        )?;
        Ok(PersonRow {
            id: current.id,
            kind: current.kind,
            key_id: current.key_id,
            created_at: current.created_at,
            updated_at: DateTime::from_timestamp_millis(updated).unwrap_or(current.updated_at),
            archived_at: archived,
            body: Ok(body),
        })
    }
}

/// Deletes the record of `person_id`, in the caller's transaction (erasing
/// a person; the caller has deleted or shredded every row that refers to
/// it). Returns whether there was one.
pub fn delete_of_person(tx: &Transaction<'_>, person_id: &str) -> Result<bool> {
    Ok(tx.execute("DELETE FROM people WHERE id = ?1", [person_id])? > 0)
}
