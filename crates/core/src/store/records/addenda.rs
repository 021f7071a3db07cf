//! `record_addenda`: dated addenda to final records.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::{at, open, seal, Sealed, WHAT_ADDENDUM};
use crate::error::{Error, Result};
use crate::keys::KeyRing;
use crate::store::to_millis;

/// The plaintext columns of an addendum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddendumMeta {
    /// Addendum id.
    pub id: String,
    /// Its record.
    pub record_id: String,
    /// The record's person or group.
    pub person_id: String,
    /// Order within the record, from 1.
    pub seq: u32,
    /// When added.
    pub created_at: DateTime<Utc>,
}

/// An addendum row.
pub type AddendumRow<B> = Sealed<AddendumMeta, B>;

fn bound_addendum(record_id: &str, person_id: &str, seq: i64, created: i64) -> Vec<String> {
    vec![
        record_id.into(),
        person_id.into(),
        seq.to_string(),
        created.to_string(),
    ]
}

/// A record's addenda, in order.
pub fn addenda_of<B: DeserializeOwned>(
    conn: &Connection,
    ring: &KeyRing,
    record_id: &str,
) -> Result<Vec<AddendumRow<B>>> {
    query_addenda(conn, ring, "WHERE record_id = ?1 ORDER BY seq", [record_id])
}

/// The addenda a query `tail` picks, each opened on its own.
pub(super) fn query_addenda<B: DeserializeOwned>(
    conn: &Connection,
    ring: &KeyRing,
    tail: &str,
    args: impl rusqlite::Params,
) -> Result<Vec<AddendumRow<B>>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id, record_id, person_id, seq, key_id, created_at, body FROM record_addenda {tail}"
    ))?;
    let rows = stmt
        .query_map(args, |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, i64>(5)?,
                r.get::<_, Vec<u8>>(6)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows
        .into_iter()
        .map(|(id, record_id, person_id, seq, key_id, created, sealed)| {
            let created_at = at(created);
            let seq_ok = u32::try_from(seq).ok().filter(|s| *s >= 1);
            let body = if created_at.is_none() || seq_ok.is_none() {
                Err(Error::Integrity(WHAT_ADDENDUM.into()))
            } else {
                let bound = bound_addendum(&record_id, &person_id, seq, created);
                open(
                    ring,
                    &person_id,
                    &key_id,
                    "record_addenda",
                    &id,
                    &bound,
                    &sealed,
                    WHAT_ADDENDUM,
                )
            };
            Sealed {
                meta: AddendumMeta {
                    id,
                    record_id,
                    person_id,
                    seq: seq_ok.unwrap_or(0),
                    created_at: created_at.unwrap_or(DateTime::<Utc>::UNIX_EPOCH),
                },
                body,
            }
        })
        .collect())
}

/// The next addendum number of a record.
pub fn next_addendum_seq(conn: &Connection, record_id: &str) -> Result<u32> {
    let max: Option<i64> = conn.query_row(
        "SELECT max(seq) FROM record_addenda WHERE record_id = ?1",
        [record_id],
        |r| r.get(0),
    )?;
    u32::try_from(max.unwrap_or(0) + 1).map_err(|_| Error::Integrity(WHAT_ADDENDUM.into()))
}

/// Adds an addendum. Run it in the caller's transaction.
pub fn addendum_insert<B: Serialize>(
    conn: &Connection,
    ring: &KeyRing,
    m: &AddendumMeta,
    body: &B,
) -> Result<()> {
    let created = to_millis(m.created_at);
    let bound = bound_addendum(&m.record_id, &m.person_id, i64::from(m.seq), created);
    let (key_id, sealed) = seal(
        ring,
        &m.person_id,
        "record_addenda",
        &m.id,
        &bound,
        body,
        WHAT_ADDENDUM,
    )?;
    conn.execute(
        "INSERT INTO record_addenda (id, record_id, person_id, seq, key_id, created_at, body)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            m.id,
            m.record_id,
            m.person_id,
            m.seq,
            key_id.to_string(),
            created,
            sealed
        ],
    )?;
    Ok(())
}

/// How many addenda each record of a person has (by record id).
pub fn addenda_counts(
    conn: &Connection,
    person_id: &str,
) -> Result<std::collections::HashMap<String, u32>> {
    let mut stmt = conn.prepare_cached(
        "SELECT record_id, count(*) FROM record_addenda WHERE person_id = ?1 GROUP BY record_id",
    )?;
    let rows = stmt
        .query_map([person_id], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, u32>(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows.into_iter().collect())
}
