//! The invoices tables: `invoices` (one row per issued invoice) and
//! `invoice_counter` (one row: the last number issued in this vault).
//!
//! Key: an invoice is sealed under the data key of its bill-to party (a
//! person, group or organisation), as the data-key table names it; the
//! counter under the vault key. The plaintext `key_id` column and the sealed
//! value's header must both name that key, or the row is damaged.
//!
//! AAD: `invoices.body` of row id, bound: `person_id`, `created_at`,
//! `updated_at` as stored (unix ms); `invoice_counter.body` of row "1",
//! bound: `updated_at`. A row moved to another party or a timestamp edited
//! on disk makes that one row damaged; one damaged row never fails a list.
//!
//! There is no delete: an invoice is voided, never removed (a trigger
//! refuses a DELETE too).

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::de::{DeserializeOwned, IgnoredAny};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::to_millis;
use crate::crypto::{self, Context};
use crate::error::{Error, Result};
use crate::keys::{KeyRing, Scope};

const TABLE: &str = "invoices";
const WHAT: &str = "An invoice";
const COUNTER: &str = "invoice_counter";
const COUNTER_WHAT: &str = "The invoice counter";

/// The plaintext columns of an invoice row. Read back, they are
/// authenticated only if the row's body opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meta {
    /// Row id.
    pub id: String,
    /// The bill-to party.
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

const SELECT: &str = "SELECT id, person_id, key_id, created_at, updated_at, body FROM invoices";

fn open_raw<B: DeserializeOwned>(ring: &KeyRing, raw: Raw) -> Row<B> {
    let created = DateTime::from_timestamp_millis(raw.created);
    let updated = DateTime::from_timestamp_millis(raw.updated);
    let body = (|| {
        if created.is_none() || updated.is_none() {
            return Err(Error::Integrity(WHAT.into()));
        }
        let expected = ring.subject_key_id(&raw.person_id, WHAT)?;
        if crypto::sealed_key_id(&raw.body) != Some(expected)
            || Uuid::parse_str(&raw.key_id).ok() != Some(expected)
        {
            return Err(Error::Integrity(WHAT.into()));
        }
        let (c, u) = (raw.created.to_string(), raw.updated.to_string());
        let parts = [raw.person_id.as_str(), c.as_str(), u.as_str()];
        ring.open_json(
            Context::new(TABLE, "body", &raw.id).binding(&parts),
            &raw.body,
            WHAT,
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

fn seal<B: Serialize>(ring: &KeyRing, meta: &Meta, body: &B) -> Result<(Uuid, Vec<u8>)> {
    let key_id = ring.subject_key_id(&meta.person_id, WHAT)?;
    let c = to_millis(meta.created_at).to_string();
    let u = to_millis(meta.updated_at).to_string();
    let parts = [meta.person_id.as_str(), c.as_str(), u.as_str()];
    let sealed = ring.seal_json(
        key_id,
        Context::new(TABLE, "body", &meta.id).binding(&parts),
        body,
    )?;
    Ok((key_id, sealed))
}

/// One invoice, or `None` when there is no row with that id.
pub fn get<B: DeserializeOwned>(
    conn: &Connection,
    ring: &KeyRing,
    id: &str,
) -> Result<Option<Row<B>>> {
    let row = conn
        .query_row(&format!("{SELECT} WHERE id = ?1"), [id], raw)
        .optional()?;
    Ok(row.map(|r| open_raw(ring, r)))
}

/// The invoices of one bill-to party, or (`None`) of everyone, oldest
/// first, each opened on its own.
pub fn list<B: DeserializeOwned>(
    conn: &Connection,
    ring: &KeyRing,
    person_id: Option<&str>,
) -> Result<Vec<Row<B>>> {
    let order = "ORDER BY created_at, id";
    let rows = match person_id {
        Some(p) => {
            let mut stmt = conn.prepare(&format!("{SELECT} WHERE person_id = ?1 {order}"))?;
            let rows = stmt
                .query_map([p], raw)?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            rows
        }
        None => {
            let mut stmt = conn.prepare(&format!("{SELECT} {order}"))?;
            let rows = stmt
                .query_map([], raw)?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            rows
        }
    };
    // An erased party's invoices stay (numbers without gaps) but can never
    // be opened again: they are left out rather than listed as damaged.
    Ok(rows
        .into_iter()
        .filter(|r| !ring.is_erased(&r.person_id))
        .map(|r| open_raw(ring, r))
        .collect())
}

/// Opens every invoice and the counter (backup verification) into
/// `census`; an erased party's invoices count as erased.
pub fn open_all(conn: &Connection, ring: &KeyRing, census: &mut super::Census) -> Result<()> {
    super::census_rows(conn, ring, census, TABLE, SELECT, raw, |r| {
        let row = open_raw::<IgnoredAny>(ring, r);
        (Some(row.meta.person_id), row.body.is_ok())
    })?;
    census.entry(COUNTER).or_default();
    let counter: u32 = conn.query_row("SELECT count(*) FROM invoice_counter", [], |r| r.get(0))?;
    if counter > 0 {
        let opened = last_number(conn, ring).is_ok();
        super::tally(census, ring, COUNTER, None, opened);
    }
    Ok(())
}

/// Adds an invoice sealed under its bill-to party's key. Run it in the
/// caller's transaction, with the counter update that numbers it.
pub fn insert<B: Serialize>(
    conn: &Connection,
    ring: &KeyRing,
    meta: &Meta,
    body: &B,
) -> Result<()> {
    let (key_id, sealed) = seal(ring, meta, body)?;
    conn.execute(
        "INSERT INTO invoices (id, person_id, key_id, created_at, updated_at, body)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
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

/// Replaces an invoice's body and update time, sealed again. The id,
/// party and creation time do not change. Run it in the caller's
/// transaction, after reading the row there.
pub fn replace<B: Serialize>(
    conn: &Connection,
    ring: &KeyRing,
    meta: &Meta,
    body: &B,
) -> Result<()> {
    let (_, sealed) = seal(ring, meta, body)?;
    let n = conn.execute(
        "UPDATE invoices SET body = ?2, updated_at = ?3
         WHERE id = ?1 AND person_id = ?4 AND created_at = ?5",
        params![
            meta.id,
            sealed,
            to_millis(meta.updated_at),
            meta.person_id,
            to_millis(meta.created_at)
        ],
    )?;
    if n == 0 {
        return Err(Error::NotFound("That invoice"));
    }
    Ok(())
}

/// Number of invoice rows.
pub fn count(conn: &Connection) -> Result<u32> {
    Ok(conn.query_row("SELECT count(*) FROM invoices", [], |r| r.get(0))?)
}

#[derive(Serialize, Deserialize)]
struct CounterBody {
    last: u32,
}

/// The last invoice number issued in this vault (0 before the first).
///
/// Errors: [`Error::Integrity`] when the counter row fails its check.
pub fn last_number(conn: &Connection, ring: &KeyRing) -> Result<u32> {
    let row: Option<(String, i64, Vec<u8>)> = conn
        .query_row(
            "SELECT key_id, updated_at, body FROM invoice_counter WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let Some((key_id, updated, body)) = row else {
        return Ok(0);
    };
    let expected = ring.scope_id(Scope::Vault)?;
    if crypto::sealed_key_id(&body) != Some(expected)
        || Uuid::parse_str(&key_id).ok() != Some(expected)
    {
        return Err(Error::Integrity(COUNTER_WHAT.into()));
    }
    let u = updated.to_string();
    let parts = [u.as_str()];
    let c: CounterBody = ring.open_json(
        Context::new(COUNTER, "body", "1").binding(&parts),
        &body,
        COUNTER_WHAT,
    )?;
    Ok(c.last)
}

/// Records `last` as the last number issued. Run it in the transaction
/// that inserts the invoice with that number.
pub fn set_last_number(
    conn: &Connection,
    ring: &KeyRing,
    last: u32,
    now: DateTime<Utc>,
) -> Result<()> {
    let key_id = ring.scope_id(Scope::Vault)?;
    let u = to_millis(now).to_string();
    let parts = [u.as_str()];
    let sealed = ring.seal_json(
        key_id,
        Context::new(COUNTER, "body", "1").binding(&parts),
        &CounterBody { last },
    )?;
    conn.execute(
        "INSERT INTO invoice_counter (id, key_id, updated_at, body) VALUES (1, ?1, ?2, ?3)
         ON CONFLICT (id) DO UPDATE SET key_id = ?1, updated_at = ?2, body = ?3",
        params![key_id.to_string(), to_millis(now), sealed],
    )?;
    Ok(())
}
