//! The `journal_entries` table: one sealed text per entry under the
//! journal's data key.
//!
//! AAD: table `journal_entries`, column `body`, row = the entry id, bound:
//! `created_at` and `updated_at` (unix ms), so an edited timestamp makes that
//! entry damaged instead of reordering the journal unnoticed.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use uuid::Uuid;
use zeroize::Zeroizing;

use super::to_millis;
use crate::crypto::Context;
use crate::error::{Error, Result};
use crate::keys::{KeyRing, Scope};

/// What an integrity error calls an entry.
pub const WHAT: &str = "This journal entry";

/// One entry as stored: the plaintext columns and the opened text (or why it
/// did not open).
pub struct EntryRow {
    /// Entry id.
    pub id: Uuid,
    /// Creation time (unix ms, as stored).
    pub created_ms: i64,
    /// Last save (unix ms, as stored).
    pub updated_ms: i64,
    /// The text, or an integrity error for this entry alone.
    pub body: Result<Zeroizing<String>>,
}

fn open_row(
    ring: &KeyRing,
    id: String,
    created_ms: i64,
    updated_ms: i64,
    sealed: &[u8],
) -> Option<EntryRow> {
    let uuid = Uuid::parse_str(&id).ok()?;
    let (c, u) = (created_ms.to_string(), updated_ms.to_string());
    let bound = [c.as_str(), u.as_str()];
    let body = ring.open_string(
        Context::new("journal_entries", "body", &id).binding(&bound),
        sealed,
        WHAT,
    );
    Some(EntryRow {
        id: uuid,
        created_ms,
        updated_ms,
        body,
    })
}

fn seal(ring: &KeyRing, id: &str, created_ms: i64, updated_ms: i64, body: &str) -> Result<Vec<u8>> {
    let (c, u) = (created_ms.to_string(), updated_ms.to_string());
    let bound = [c.as_str(), u.as_str()];
    ring.seal(
        ring.scope_id(Scope::Journal)?,
        Context::new("journal_entries", "body", id).binding(&bound),
        body.as_bytes(),
    )
}

/// Number of entries.
pub fn count(conn: &Connection) -> Result<u32> {
    Ok(conn.query_row("SELECT count(*) FROM journal_entries", [], |r| r.get(0))?)
}

/// A page of entries, newest first. Rows whose id is not a UUID are skipped
/// (they cannot have been written by the app).
pub fn page(conn: &Connection, ring: &KeyRing, offset: u32, limit: u32) -> Result<Vec<EntryRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, created_at, updated_at, body FROM journal_entries
         ORDER BY created_at DESC, id DESC LIMIT ?1 OFFSET ?2",
    )?;
    let rows = stmt
        .query_map(params![limit, offset], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, Vec<u8>>(3)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, c, u, sealed)| open_row(ring, id, c, u, &sealed))
        .collect())
}

/// Every entry (for the in-memory search index).
pub fn all(conn: &Connection, ring: &KeyRing) -> Result<Vec<EntryRow>> {
    page(conn, ring, 0, u32::MAX)
}

/// Opens every entry (backup verification) into `census`; a row whose id
/// is not a UUID counts as damaged.
pub fn open_all(conn: &Connection, ring: &KeyRing, census: &mut super::Census) -> Result<()> {
    super::census_rows(
        conn,
        ring,
        census,
        "journal_entries",
        "SELECT id, created_at, updated_at, body FROM journal_entries",
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get::<_, Vec<u8>>(3)?)),
        |(id, c, u, sealed)| {
            let opened = open_row(ring, id, c, u, &sealed).is_some_and(|e| e.body.is_ok());
            (None, opened)
        },
    )
}

/// One entry, or `None`.
pub fn get(conn: &Connection, ring: &KeyRing, id: Uuid) -> Result<Option<EntryRow>> {
    let id = id.to_string();
    let row: Option<(i64, i64, Vec<u8>)> = conn
        .query_row(
            "SELECT created_at, updated_at, body FROM journal_entries WHERE id = ?1",
            params![id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    Ok(row.and_then(|(c, u, sealed)| open_row(ring, id, c, u, &sealed)))
}

/// Stores a new entry (one statement: durable on return).
pub fn insert(
    conn: &Connection,
    ring: &KeyRing,
    id: Uuid,
    body: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let id = id.to_string();
    let ms = to_millis(now);
    let sealed = seal(ring, &id, ms, ms, body)?;
    conn.prepare_cached(
        "INSERT INTO journal_entries (id, created_at, updated_at, body) VALUES (?1, ?2, ?2, ?3)",
    )?
    .execute(params![id, ms, sealed])?;
    Ok(())
}

/// Replaces an entry's text, sealed again with a fresh nonce, in one
/// transaction. Returns the stored creation time (unix ms) and the new
/// update time, or `NotFound`.
pub fn update(
    conn: &mut Connection,
    ring: &KeyRing,
    id: Uuid,
    body: &str,
    now: DateTime<Utc>,
) -> Result<(i64, i64)> {
    let id = id.to_string();
    super::write(conn, |tx| {
        let created: i64 = tx
            .query_row(
                "SELECT created_at FROM journal_entries WHERE id = ?1",
                params![id],
                |r| r.get(0),
            )
            .optional()?
            .ok_or(Error::NotFound("That journal entry"))?;
        let updated = to_millis(now).max(created);
        let sealed = seal(ring, &id, created, updated, body)?;
        tx.execute(
            "UPDATE journal_entries SET body = ?2, updated_at = ?3 WHERE id = ?1",
            params![id, sealed, updated],
        )?;
        Ok((created, updated))
    })
}

/// Deletes an entry; `false` when there was none. The caller checkpoints.
pub fn delete(conn: &Connection, id: Uuid) -> Result<bool> {
    let n = conn.execute(
        "DELETE FROM journal_entries WHERE id = ?1",
        params![id.to_string()],
    )?;
    Ok(n > 0)
}
