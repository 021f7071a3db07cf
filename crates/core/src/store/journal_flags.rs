//! The `journal_flags` table: journal entries, or extracts of them, brought
//! to supervision with one of the owner's supervisors. One sealed JSON body
//! per flag under the journal's data key.
//!
//! AAD: table `journal_flags`, column `body`, row = the flag id, bound:
//! `entry_id`, `person_id`, `created_at` and `discussed_at` (unix ms, empty
//! while open), so a flag moved to another entry or supervisor, or marked
//! discussed on disk, is damaged rather than silently changed.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::de::{DeserializeOwned, IgnoredAny};
use serde::Serialize;
use uuid::Uuid;

use super::to_millis;
use crate::crypto::Context;
use crate::error::{Error, Result};
use crate::keys::{KeyRing, Scope};

/// What an integrity error calls a flag.
pub const WHAT: &str = "A flag for supervision";

/// The plaintext columns of a flag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlagMeta {
    /// Flag id.
    pub id: String,
    /// The entry it brings.
    pub entry_id: String,
    /// The supervisor it is for.
    pub person_id: String,
    /// When it was flagged (unix ms).
    pub created_ms: i64,
    /// When it was marked discussed (unix ms).
    pub discussed_ms: Option<i64>,
}

/// One flag with its body opened (or why it did not open).
pub struct FlagRow<B> {
    /// The plaintext columns.
    pub meta: FlagMeta,
    /// The body, or an integrity error for this flag alone.
    pub body: Result<B>,
}

/// Which flags to read.
#[derive(Debug, Clone, Copy)]
pub enum FlagFilter<'a> {
    /// Every flag.
    All,
    /// The open flags for one supervisor.
    OpenFor(&'a str),
    /// The flags of one entry.
    Entry(&'a str),
}

fn ctx<'a>(id: &'a str, bound: &'a [&'a str]) -> Context<'a> {
    Context::new("journal_flags", "body", id).binding(bound)
}

fn bound_of(meta: &FlagMeta) -> [String; 4] {
    [
        meta.entry_id.clone(),
        meta.person_id.clone(),
        meta.created_ms.to_string(),
        meta.discussed_ms.map(|m| m.to_string()).unwrap_or_default(),
    ]
}

fn seal<B: Serialize>(ring: &KeyRing, meta: &FlagMeta, body: &B) -> Result<Vec<u8>> {
    let b = bound_of(meta);
    let bound = [b[0].as_str(), b[1].as_str(), b[2].as_str(), b[3].as_str()];
    ring.seal_json(ring.scope_id(Scope::Journal)?, ctx(&meta.id, &bound), body)
}

fn open<B: DeserializeOwned>(ring: &KeyRing, meta: &FlagMeta, sealed: &[u8]) -> Result<B> {
    let b = bound_of(meta);
    let bound = [b[0].as_str(), b[1].as_str(), b[2].as_str(), b[3].as_str()];
    ring.open_json(ctx(&meta.id, &bound), sealed, WHAT)
}

/// Flags matching `filter`, oldest first.
pub fn list<B: DeserializeOwned>(
    conn: &Connection,
    ring: &KeyRing,
    filter: FlagFilter<'_>,
) -> Result<Vec<FlagRow<B>>> {
    let (clause, arg) = match filter {
        FlagFilter::All => ("1 = 1 OR ?1 = ''", ""),
        FlagFilter::OpenFor(p) => ("person_id = ?1 AND discussed_at IS NULL", p),
        FlagFilter::Entry(e) => ("entry_id = ?1", e),
    };
    let sql = format!(
        "SELECT id, entry_id, person_id, created_at, discussed_at, body FROM journal_flags
         WHERE {clause} ORDER BY created_at, id"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let raw = stmt
        .query_map(params![arg], |r| {
            Ok((
                FlagMeta {
                    id: r.get(0)?,
                    entry_id: r.get(1)?,
                    person_id: r.get(2)?,
                    created_ms: r.get(3)?,
                    discussed_ms: r.get(4)?,
                },
                r.get::<_, Vec<u8>>(5)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(raw
        .into_iter()
        .map(|(meta, sealed)| {
            let body = open(ring, &meta, &sealed);
            FlagRow { meta, body }
        })
        .collect())
}

/// Opens every flag (backup verification) into `census`.
pub fn open_all(conn: &Connection, ring: &KeyRing, census: &mut super::Census) -> Result<()> {
    let flags = list::<IgnoredAny>(conn, ring, FlagFilter::All)?;
    super::tally_rows(
        census,
        ring,
        "journal_flags",
        flags.iter().map(|f| (None, f.body.is_ok())),
    );
    Ok(())
}

/// One flag, or `None`.
pub fn get<B: DeserializeOwned>(
    conn: &Connection,
    ring: &KeyRing,
    id: &str,
) -> Result<Option<FlagRow<B>>> {
    let row = conn
        .query_row(
            "SELECT entry_id, person_id, created_at, discussed_at, body FROM journal_flags
             WHERE id = ?1",
            params![id],
            |r| {
                Ok((
                    FlagMeta {
                        id: id.to_string(),
                        entry_id: r.get(0)?,
                        person_id: r.get(1)?,
                        created_ms: r.get(2)?,
                        discussed_ms: r.get(3)?,
                    },
                    r.get::<_, Vec<u8>>(4)?,
                ))
            },
        )
        .optional()?;
    Ok(row.map(|(meta, sealed)| {
        let body = open(ring, &meta, &sealed);
        FlagRow { meta, body }
    }))
}

/// Stores a new open flag (one statement: durable on return). Returns its
/// metadata.
pub fn insert<B: Serialize>(
    conn: &Connection,
    ring: &KeyRing,
    entry_id: Uuid,
    person_id: &str,
    body: &B,
    now: DateTime<Utc>,
) -> Result<FlagMeta> {
    let meta = FlagMeta {
        id: Uuid::new_v4().to_string(),
        entry_id: entry_id.to_string(),
        person_id: person_id.to_string(),
        created_ms: to_millis(now),
        discussed_ms: None,
    };
    let sealed = seal(ring, &meta, body)?;
    conn.prepare_cached(
        "INSERT INTO journal_flags (id, entry_id, person_id, created_at, discussed_at, body)
         VALUES (?1, ?2, ?3, ?4, NULL, ?5)",
    )?
    .execute(params![
        meta.id,
        meta.entry_id,
        meta.person_id,
        meta.created_ms,
        sealed
    ])?;
    Ok(meta)
}

/// Marks an open flag discussed at `now`, sealing its body again under the
/// new binding, in one transaction. `NotFound` when there is no such flag;
/// a damaged flag stays as it is (an integrity error).
pub fn mark_discussed<B: Serialize + DeserializeOwned>(
    conn: &mut Connection,
    ring: &KeyRing,
    id: &str,
    now: DateTime<Utc>,
) -> Result<FlagMeta> {
    super::write(conn, |tx| {
        let row = get::<B>(tx, ring, id)?.ok_or(Error::NotFound("That flag"))?;
        let body = row.body?;
        let mut meta = row.meta;
        if meta.discussed_ms.is_some() {
            return Ok(meta);
        }
        meta.discussed_ms = Some(to_millis(now).max(meta.created_ms));
        let sealed = seal(ring, &meta, &body)?;
        tx.execute(
            "UPDATE journal_flags SET discussed_at = ?2, body = ?3 WHERE id = ?1",
            params![meta.id, meta.discussed_ms, sealed],
        )?;
        Ok(meta)
    })
}

/// Deletes a flag; `false` when there was none. The caller checkpoints.
pub fn delete(conn: &Connection, id: &str) -> Result<bool> {
    Ok(conn.execute("DELETE FROM journal_flags WHERE id = ?1", params![id])? > 0)
}
