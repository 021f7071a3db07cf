//! The `contact_notes` table: notes of support given to a supervisee between
//! sessions, each sealed under that person's data key (so erasing the person
//! makes their notes unreadable).
//!
//! AAD: table `contact_notes`, column `body`, row = `<id>/<person_id>`,
//! bound: `created_at` and `updated_at`. A note copied to another row or
//! person, or a timestamp edited on disk, makes that one note damaged.
//!
//! Key: the person's data key as its authenticated data-key record names it;
//! the plaintext `key_id` column and the sealed value's header must both
//! name it, or the note is damaged.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::de::{DeserializeOwned, IgnoredAny};
use serde::Serialize;
use uuid::Uuid;

use super::to_millis;
use crate::crypto::{self, Context};
use crate::error::{Error, Result};
use crate::keys::KeyRing;

/// What an integrity error calls a note.
pub const WHAT: &str = "This contact note";

/// One note as stored, with its body opened as `B` (or why it did not open).
pub struct ContactRow<B> {
    /// Note id.
    pub id: String,
    /// The supervisee it is about.
    pub person_id: String,
    /// Written (the epoch when the stored value is out of range).
    pub created_at: DateTime<Utc>,
    /// Last edited (the epoch when the stored value is out of range).
    pub updated_at: DateTime<Utc>,
    /// The sealed fields, or an integrity error for this note alone.
    pub body: Result<B>,
}

type Raw = (String, String, String, i64, i64, Vec<u8>);

const COLUMNS: &str = "id, person_id, key_id, created_at, updated_at, body";

fn raw(r: &rusqlite::Row<'_>) -> rusqlite::Result<Raw> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
    ))
}

fn row_key(id: &str, person_id: &str) -> String {
    format!("{id}/{person_id}")
}

fn open_raw<B: DeserializeOwned>(ring: &KeyRing, raw: Raw) -> ContactRow<B> {
    let (id, person_id, key_id, created, updated, sealed) = raw;
    let c_at = DateTime::from_timestamp_millis(created);
    let u_at = DateTime::from_timestamp_millis(updated);
    let body = (|| {
        if c_at.is_none() || u_at.is_none() {
            return Err(Error::Integrity(WHAT.into()));
        }
        let expected = ring.subject_key_id(&person_id, WHAT)?;
        if crypto::sealed_key_id(&sealed) != Some(expected)
            || Uuid::parse_str(&key_id).ok() != Some(expected)
        {
            return Err(Error::Integrity(WHAT.into()));
        }
        let (c, u) = (created.to_string(), updated.to_string());
        let bound = [c.as_str(), u.as_str()];
        let rk = row_key(&id, &person_id);
        ring.open_json(
            Context::new("contact_notes", "body", &rk).binding(&bound),
            &sealed,
            WHAT,
        )
    })();
    ContactRow {
        id,
        person_id,
        created_at: c_at.unwrap_or(DateTime::<Utc>::UNIX_EPOCH),
        updated_at: u_at.unwrap_or(DateTime::<Utc>::UNIX_EPOCH),
        body,
    }
}

fn seal<B: Serialize>(
    ring: &KeyRing,
    id: &str,
    person_id: &str,
    created: i64,
    updated: i64,
    body: &B,
) -> Result<(Uuid, Vec<u8>)> {
    let key_id = ring.subject_key_id(person_id, WHAT)?;
    let (c, u) = (created.to_string(), updated.to_string());
    let bound = [c.as_str(), u.as_str()];
    let rk = row_key(id, person_id);
    let sealed = ring.seal_json(
        key_id,
        Context::new("contact_notes", "body", &rk).binding(&bound),
        body,
    )?;
    Ok((key_id, sealed))
}

/// Every note about `person_id`, most recently written first, each opened on
/// its own (one damaged note never fails the list).
pub fn of_person<B: DeserializeOwned>(
    conn: &Connection,
    ring: &KeyRing,
    person_id: &str,
) -> Result<Vec<ContactRow<B>>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM contact_notes WHERE person_id = ?1
         ORDER BY created_at DESC, id DESC"
    ))?;
    let rows = stmt
        .query_map([person_id], raw)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows.into_iter().map(|r| open_raw(ring, r)).collect())
}

/// Opens every note (backup verification) into `census`.
pub fn open_all(conn: &Connection, ring: &KeyRing, census: &mut super::Census) -> Result<()> {
    let sql = format!("SELECT {COLUMNS} FROM contact_notes");
    super::census_rows(conn, ring, census, "contact_notes", &sql, raw, |r| {
        let row = open_raw::<IgnoredAny>(ring, r);
        (Some(row.person_id), row.body.is_ok())
    })
}

/// One note, or `None`.
pub fn get<B: DeserializeOwned>(
    conn: &Connection,
    ring: &KeyRing,
    id: &str,
) -> Result<Option<ContactRow<B>>> {
    let row = conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM contact_notes WHERE id = ?1"),
            [id],
            raw,
        )
        .optional()?;
    Ok(row.map(|r| open_raw(ring, r)))
}

/// Adds a note sealed under the person's key (one statement).
pub fn insert<B: Serialize>(
    conn: &Connection,
    ring: &KeyRing,
    id: &str,
    person_id: &str,
    now: DateTime<Utc>,
    body: &B,
) -> Result<()> {
    let ms = to_millis(now);
    let (key_id, sealed) = seal(ring, id, person_id, ms, ms, body)?;
    conn.execute(
        "INSERT INTO contact_notes (id, person_id, key_id, created_at, updated_at, body)
         VALUES (?1, ?2, ?3, ?4, ?4, ?5)",
        params![id, person_id, key_id.to_string(), ms, sealed],
    )?;
    Ok(())
}

/// Replaces a note's fields, sealed again with a fresh nonce and the new
/// update time, in one transaction. Returns the stored row as written, or
/// `NotFound`.
pub fn update<B: Serialize + DeserializeOwned>(
    conn: &mut Connection,
    ring: &KeyRing,
    id: &str,
    body: &B,
    now: DateTime<Utc>,
) -> Result<ContactRow<B>> {
    super::write(conn, |tx| {
        let (person_id, created): (String, i64) = tx
            .query_row(
                "SELECT person_id, created_at FROM contact_notes WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .ok_or(Error::NotFound("That contact note"))?;
        let updated = to_millis(now).max(created);
        let (key_id, sealed) = seal(ring, id, &person_id, created, updated, body)?;
        tx.execute(
            "UPDATE contact_notes SET body = ?2, key_id = ?3, updated_at = ?4 WHERE id = ?1",
            params![id, sealed, key_id.to_string(), updated],
        )?;
        get(tx, ring, id)?.ok_or(Error::NotFound("That contact note"))
    })
}

/// Deletes a note; `false` when there was none. The caller checkpoints.
pub fn delete(conn: &Connection, id: &str) -> Result<bool> {
    Ok(conn.execute("DELETE FROM contact_notes WHERE id = ?1", [id])? > 0)
}

/// Deletes every contact note about `person_id`, in the caller's
/// transaction (erasing a person). Returns how many rows went.
pub fn delete_of_person(tx: &rusqlite::Transaction<'_>, person_id: &str) -> Result<usize> {
    Ok(tx.execute(
        "DELETE FROM contact_notes WHERE person_id = ?1",
        [person_id],
    )?)
}
