//! The `agreements` table: one row per version of the agreement with a
//! person or group, its body sealed under that person's (or group's) data
//! key, so erasing the person also makes their agreements unreadable.
//!
//! AAD: table `agreements`, column `body`, row = `<id>/<person_id>/<version>`
//! (the row's identity, as since schema 4, so values sealed before the bound
//! columns existed still open), bound: `status`, `created_at`, `updated_at`,
//! `effective_date` and `review_date` as stored. A status flipped, a version
//! renumbered, a row moved to another person, or a timestamp or date edited
//! on disk makes that one version damaged.
//!
//! Key: the person's data key as the data-key table names it (authenticated
//! in its wrapping), never the plaintext `key_id` column; that column and the
//! sealed value's header must both name it, or the row is damaged.
//!
//! Queries pick rows by their plaintext columns (the versions of one person,
//! the acknowledged ones due for review). An edited column can hide a row
//! from a query, as deleting the row could; it can never change what a
//! listed row says, because every row returned is opened and checked on its
//! own, and one damaged row never fails a list.
//!
//! Calendar dates are stored as 00:00 UTC of that date, in unix ms.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::de::{DeserializeOwned, IgnoredAny};
use serde::Serialize;
use uuid::Uuid;

use super::to_millis;
use crate::crypto::{self, Context};
use crate::error::{Error, Result};
use crate::keys::KeyRing;

/// What an integrity error calls a version.
pub const WHAT: &str = "This agreement";

/// The plaintext columns of one version. When read back they are
/// authenticated only if the row's body opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meta {
    /// Id of this version.
    pub id: String,
    /// The person or group it is with.
    pub person_id: String,
    /// Version number, from 1 (0 when the stored value is out of range).
    pub version: u32,
    /// `draft`, `acknowledged` or `superseded` (the schema allows no other).
    pub status: String,
    /// Created (the epoch when the stored value is out of range).
    pub created_at: DateTime<Utc>,
    /// Last changed (the epoch when the stored value is out of range).
    pub updated_at: DateTime<Utc>,
    /// From when it applies (`None` also when the stored value is not a date).
    pub effective_date: Option<NaiveDate>,
    /// When it is next reviewed (`None` also when the stored value is not a date).
    pub review_date: Option<NaiveDate>,
}

/// One version as stored, with its body opened as `B` (or why it did not open).
pub struct AgreementRow<B> {
    /// The plaintext columns.
    pub meta: Meta,
    /// The sealed body, or an integrity error for this version alone.
    pub body: Result<B>,
}

/// A calendar date as stored: 00:00 UTC of that date, in unix ms.
pub fn date_millis(date: NaiveDate) -> i64 {
    to_millis(date.and_time(chrono::NaiveTime::MIN).and_utc())
}

/// The date stored as `ms`, or `None` when `ms` is not 00:00 UTC of a date.
pub fn millis_date(ms: i64) -> Option<NaiveDate> {
    let date = DateTime::from_timestamp_millis(ms)?.date_naive();
    (date_millis(date) == ms).then_some(date)
}

struct Raw {
    id: String,
    person_id: String,
    version: i64,
    status: String,
    key_id: String,
    created: i64,
    updated: i64,
    effective: Option<i64>,
    review: Option<i64>,
    body: Vec<u8>,
}

const COLUMNS: &str = "id, person_id, version, status, key_id, created_at, updated_at, \
                       effective_date, review_date, body";

fn raw(r: &rusqlite::Row<'_>) -> rusqlite::Result<Raw> {
    Ok(Raw {
        id: r.get(0)?,
        person_id: r.get(1)?,
        version: r.get(2)?,
        status: r.get(3)?,
        key_id: r.get(4)?,
        created: r.get(5)?,
        updated: r.get(6)?,
        effective: r.get(7)?,
        review: r.get(8)?,
        body: r.get(9)?,
    })
}

/// The row part of the context: the version's identity.
fn row_key(id: &str, person_id: &str, version: i64) -> String {
    format!("{id}/{person_id}/{version}")
}

/// The bound columns, in their fixed order, as stored.
fn bound(
    status: &str,
    created: i64,
    updated: i64,
    effective: Option<i64>,
    review: Option<i64>,
) -> [String; 5] {
    let opt = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_default();
    [
        status.to_string(),
        created.to_string(),
        updated.to_string(),
        opt(effective),
        opt(review),
    ]
}

fn context_parts(values: &[String; 5]) -> [&str; 5] {
    [
        values[0].as_str(),
        values[1].as_str(),
        values[2].as_str(),
        values[3].as_str(),
        values[4].as_str(),
    ]
}

fn open_raw<B: DeserializeOwned>(ring: &KeyRing, raw: Raw) -> AgreementRow<B> {
    let damaged = || Error::Integrity(WHAT.into());
    let epoch = DateTime::<Utc>::UNIX_EPOCH;
    let created = DateTime::from_timestamp_millis(raw.created);
    let updated = DateTime::from_timestamp_millis(raw.updated);
    let version = u32::try_from(raw.version).ok().filter(|v| *v >= 1);
    let effective = raw.effective.map(millis_date);
    let review = raw.review.map(millis_date);
    let body = (|| {
        let in_range = created.is_some()
            && updated.is_some()
            && version.is_some()
            && !matches!(effective, Some(None))
            && !matches!(review, Some(None));
        if !in_range {
            return Err(damaged());
        }
        // Sealed under the person's key as its authenticated data-key
        // record names it; the plaintext column must agree.
        let expected = ring.subject_key_id(&raw.person_id, WHAT)?;
        if crypto::sealed_key_id(&raw.body) != Some(expected)
            || Uuid::parse_str(&raw.key_id).ok() != Some(expected)
        {
            return Err(damaged());
        }
        let values = bound(
            &raw.status,
            raw.created,
            raw.updated,
            raw.effective,
            raw.review,
        );
        let parts = context_parts(&values);
        let rk = row_key(&raw.id, &raw.person_id, raw.version);
        ring.open_json(
            Context::new("agreements", "body", &rk).binding(&parts),
            &raw.body,
            WHAT,
        )
    })();
    AgreementRow {
        meta: Meta {
            id: raw.id,
            person_id: raw.person_id,
            version: version.unwrap_or(0),
            status: raw.status,
            created_at: created.unwrap_or(epoch),
            updated_at: updated.unwrap_or(epoch),
            effective_date: effective.flatten(),
            review_date: review.flatten(),
        },
        body,
    }
}

/// Seals `body` for the row described by `meta`, under the person's key.
fn seal<B: Serialize>(ring: &KeyRing, meta: &Meta, body: &B) -> Result<(Uuid, Vec<u8>)> {
    let key_id = ring.subject_key_id(&meta.person_id, WHAT)?;
    let values = bound(
        &meta.status,
        to_millis(meta.created_at),
        to_millis(meta.updated_at),
        meta.effective_date.map(date_millis),
        meta.review_date.map(date_millis),
    );
    let parts = context_parts(&values);
    let rk = row_key(&meta.id, &meta.person_id, i64::from(meta.version));
    let sealed = ring.seal_json(
        key_id,
        Context::new("agreements", "body", &rk).binding(&parts),
        body,
    )?;
    Ok((key_id, sealed))
}

fn query<B: DeserializeOwned>(
    conn: &Connection,
    ring: &KeyRing,
    sql_tail: &str,
    param: &dyn rusqlite::ToSql,
) -> Result<Vec<AgreementRow<B>>> {
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM agreements {sql_tail}"))?;
    let rows = stmt
        .query_map([param], raw)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows.into_iter().map(|r| open_raw(ring, r)).collect())
}

/// Opens every version (backup verification) into `census`.
pub fn open_all(conn: &Connection, ring: &KeyRing, census: &mut super::Census) -> Result<()> {
    let sql = format!("SELECT {COLUMNS} FROM agreements");
    super::census_rows(conn, ring, census, "agreements", &sql, raw, |r| {
        let row = open_raw::<IgnoredAny>(ring, r);
        (Some(row.meta.person_id), row.body.is_ok())
    })
}

/// One version, or `None` when there is no row with that id.
pub fn get<B: DeserializeOwned>(
    conn: &Connection,
    ring: &KeyRing,
    id: &str,
) -> Result<Option<AgreementRow<B>>> {
    let row = conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM agreements WHERE id = ?1"),
            [id],
            raw,
        )
        .optional()?;
    Ok(row.map(|r| open_raw(ring, r)))
}

/// Every version of the agreement with `person_id`, newest first, each
/// opened on its own.
pub fn of_person<B: DeserializeOwned>(
    conn: &Connection,
    ring: &KeyRing,
    person_id: &str,
) -> Result<Vec<AgreementRow<B>>> {
    query(
        conn,
        ring,
        "WHERE person_id = ?1 ORDER BY version DESC",
        &person_id,
    )
}

/// The versions stored as acknowledged whose review date is on or before
/// `cutoff`, earliest first, each opened on its own.
pub fn due_for_review<B: DeserializeOwned>(
    conn: &Connection,
    ring: &KeyRing,
    cutoff: NaiveDate,
) -> Result<Vec<AgreementRow<B>>> {
    query(
        conn,
        ring,
        "WHERE status = 'acknowledged' AND review_date IS NOT NULL AND review_date <= ?1
         ORDER BY review_date, id",
        &date_millis(cutoff),
    )
}

/// Whether a row stored as a draft exists for `person_id` (the schema allows
/// at most one).
pub fn draft_exists(conn: &Connection, person_id: &str) -> Result<bool> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM agreements WHERE person_id = ?1 AND status = 'draft'",
            [person_id],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// One more than the highest version number stored for `person_id` (1 for
/// the first).
pub fn next_version(conn: &Connection, person_id: &str) -> Result<u32> {
    let max: Option<i64> = conn.query_row(
        "SELECT max(version) FROM agreements WHERE person_id = ?1",
        [person_id],
        |r| r.get(0),
    )?;
    u32::try_from(max.unwrap_or(0) + 1).map_err(|_| Error::Integrity(WHAT.into()))
}

/// Adds a version sealed under the person's key. Run it in the caller's
/// transaction together with the checks it depends on.
pub fn insert<B: Serialize>(
    conn: &Connection,
    ring: &KeyRing,
    meta: &Meta,
    body: &B,
) -> Result<()> {
    let (key_id, sealed) = seal(ring, meta, body)?;
    conn.execute(
        "INSERT INTO agreements (id, person_id, version, status, key_id, created_at, updated_at,
                                 effective_date, review_date, body)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            meta.id,
            meta.person_id,
            meta.version,
            meta.status,
            key_id.to_string(),
            to_millis(meta.created_at),
            to_millis(meta.updated_at),
            meta.effective_date.map(date_millis),
            meta.review_date.map(date_millis),
            sealed
        ],
    )?;
    Ok(())
}

/// Replaces a version's body, status, update time and dates, sealed again
/// with the new bound values. The id, person, version and creation time are
/// the row's identity and do not change. Run it in the caller's transaction,
/// after reading the row there.
pub fn replace<B: Serialize>(
    conn: &Connection,
    ring: &KeyRing,
    meta: &Meta,
    body: &B,
) -> Result<()> {
    let (_, sealed) = seal(ring, meta, body)?;
    let n = conn.execute(
        "UPDATE agreements SET body = ?4, status = ?5, updated_at = ?6,
                               effective_date = ?7, review_date = ?8
         WHERE id = ?1 AND person_id = ?2 AND version = ?3",
        params![
            meta.id,
            meta.person_id,
            meta.version,
            sealed,
            meta.status,
            to_millis(meta.updated_at),
            meta.effective_date.map(date_millis),
            meta.review_date.map(date_millis),
        ],
    )?;
    if n == 0 {
        return Err(Error::NotFound("That agreement version"));
    }
    Ok(())
}

/// Deletes the version `id` if it is stored as a draft; `false` when there
/// was none. The caller checkpoints.
pub fn delete_draft(conn: &Connection, id: &str) -> Result<bool> {
    let n = conn.execute(
        "DELETE FROM agreements WHERE id = ?1 AND status = 'draft'",
        [id],
    )?;
    Ok(n > 0)
}

/// Deletes every version of every agreement with `person_id`, in the
/// caller's transaction (erasing a person). Returns how many rows went.
pub fn delete_of_person(tx: &rusqlite::Transaction<'_>, person_id: &str) -> Result<usize> {
    Ok(tx.execute("DELETE FROM agreements WHERE person_id = ?1", [person_id])?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip_as_midnight_utc() {
        let d = NaiveDate::from_ymd_opt(2027, 3, 31).expect("date");
        assert_eq!(millis_date(date_millis(d)), Some(d));
        assert_eq!(millis_date(date_millis(d) + 1), None);
        assert_eq!(millis_date(i64::MAX), None);
    }
}
