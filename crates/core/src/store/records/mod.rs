//! The session-record tables: `session_records`, `record_addenda`,
//! `action_items` and `agendas`. Every body is sealed under the data key of
//! the person or group the session is with (from that key's authenticated
//! record, never the plaintext `key_id` column, which must agree).
//!
//! AAD: table and column `body`, row = the row's identity (`id`, or
//! `<series_id>/<original_start>` for agendas), bound: every other
//! plaintext column as stored, in a fixed order (see each `bound_*`
//! function). A status flipped, a date or revision edited, a row moved to
//! another person or record on disk makes that one row damaged; one damaged
//! row never fails a list (its `body` is the error).
//!
//! Queries pick rows by their plaintext columns. An edited column can hide a
//! row from a query, as deleting it could; it can never change what a
//! listed row says. Calendar dates are stored as 00:00 UTC of the date.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use rusqlite::{params, Connection, Row};
use serde::de::{DeserializeOwned, IgnoredAny};
use serde::Serialize;
use uuid::Uuid;

use super::agreements::{date_millis, millis_date};
use super::to_millis;
use crate::crypto::{self, Context};
use crate::error::{Error, Result};
use crate::keys::KeyRing;

/// What an integrity error calls a record.
pub const WHAT: &str = "This session record";
/// What an integrity error calls an addendum.
pub const WHAT_ADDENDUM: &str = "An addendum to this session record";
/// What an integrity error calls an action item.
pub const WHAT_ACTION: &str = "An action item";
/// What an integrity error calls an agenda.
pub const WHAT_AGENDA: &str = "This session's agenda";

/// A row as stored, with its body opened as `B` (or why it did not open).
pub struct Sealed<M, B> {
    /// The plaintext columns (authenticated only when `body` opened).
    pub meta: M,
    /// The body, or an integrity error for this row alone.
    pub body: Result<B>,
}

pub(super) fn ms(t: DateTime<Utc>) -> String {
    to_millis(t).to_string()
}

pub(super) fn at(v: i64) -> Option<DateTime<Utc>> {
    DateTime::from_timestamp_millis(v)
}

/// Local wall-clock start as stored (ISO 8601, minutes and seconds).
pub fn start_text(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M:%S").to_string()
}

/// Seals `body` under the person's key for `(table, row)` bound to `bound`.
pub(super) fn seal<B: Serialize>(
    ring: &KeyRing,
    person_id: &str,
    table: &str,
    row: &str,
    bound: &[String],
    body: &B,
    what: &str,
) -> Result<(Uuid, Vec<u8>)> {
    let key_id = ring.subject_key_id(person_id, what)?;
    let parts: Vec<&str> = bound.iter().map(String::as_str).collect();
    let sealed = ring.seal_json(
        key_id,
        Context::new(table, "body", row).binding(&parts),
        body,
    )?;
    Ok((key_id, sealed))
}

#[allow(clippy::too_many_arguments)]
pub(super) fn open<B: DeserializeOwned>(
    ring: &KeyRing,
    person_id: &str,
    key_id: &str,
    table: &str,
    row: &str,
    bound: &[String],
    sealed: &[u8],
    what: &str,
) -> Result<B> {
    let expected = ring.subject_key_id(person_id, what)?;
    if crypto::sealed_key_id(sealed) != Some(expected)
        || Uuid::parse_str(key_id).ok() != Some(expected)
    {
        return Err(Error::Integrity(what.into()));
    }
    let parts: Vec<&str> = bound.iter().map(String::as_str).collect();
    ring.open_json(
        Context::new(table, "body", row).binding(&parts),
        sealed,
        what,
    )
}

mod actions;
mod addenda;
mod agendas;

pub use actions::*;
pub use addenda::*;
pub use agendas::*;

/// The plaintext columns of a session record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordMeta {
    /// Record id.
    pub id: String,
    /// The person or group.
    pub person_id: String,
    /// The series of the session.
    pub series_id: String,
    /// The session's original local start.
    pub original_start: NaiveDateTime,
    /// The session's local date.
    pub session_date: NaiveDate,
    /// `individual`, `group`, `peer` or `coaching`.
    pub kind: String,
    /// `draft` or `final`.
    pub status: String,
    /// Draft revision, from 1.
    pub revision: u32,
    /// Started.
    pub created_at: DateTime<Utc>,
    /// Last saved.
    pub updated_at: DateTime<Utc>,
}

/// A session record row.
pub type RecordRow<B> = Sealed<RecordMeta, B>;

const RECORD_COLUMNS: &str = "id, person_id, series_id, original_start, session_date, kind, \
                              status, revision, key_id, created_at, updated_at, body";

struct RawRecord {
    id: String,
    person_id: String,
    series_id: String,
    original_start: String,
    session_date: i64,
    kind: String,
    status: String,
    revision: i64,
    key_id: String,
    created: i64,
    updated: i64,
    body: Vec<u8>,
}

fn raw_record(r: &Row<'_>) -> rusqlite::Result<RawRecord> {
    Ok(RawRecord {
        id: r.get(0)?,
        person_id: r.get(1)?,
        series_id: r.get(2)?,
        original_start: r.get(3)?,
        session_date: r.get(4)?,
        kind: r.get(5)?,
        status: r.get(6)?,
        revision: r.get(7)?,
        key_id: r.get(8)?,
        created: r.get(9)?,
        updated: r.get(10)?,
        body: r.get(11)?,
    })
}

#[allow(clippy::too_many_arguments)]
fn bound_record(
    person_id: &str,
    series_id: &str,
    original_start: &str,
    session_date: i64,
    kind: &str,
    status: &str,
    revision: i64,
    created: i64,
    updated: i64,
) -> Vec<String> {
    vec![
        person_id.into(),
        series_id.into(),
        original_start.into(),
        session_date.to_string(),
        kind.into(),
        status.into(),
        revision.to_string(),
        created.to_string(),
        updated.to_string(),
    ]
}

fn open_record<B: DeserializeOwned>(ring: &KeyRing, raw: RawRecord) -> RecordRow<B> {
    let epoch = DateTime::<Utc>::UNIX_EPOCH;
    let start = NaiveDateTime::parse_from_str(&raw.original_start, "%Y-%m-%dT%H:%M:%S").ok();
    let date = millis_date(raw.session_date);
    let revision = u32::try_from(raw.revision).ok().filter(|r| *r >= 1);
    let (created, updated) = (at(raw.created), at(raw.updated));
    let body = (|| {
        if start.is_none()
            || date.is_none()
            || revision.is_none()
            || created.is_none()
            || updated.is_none()
        {
            return Err(Error::Integrity(WHAT.into()));
        }
        let bound = bound_record(
            &raw.person_id,
            &raw.series_id,
            &raw.original_start,
            raw.session_date,
            &raw.kind,
            &raw.status,
            raw.revision,
            raw.created,
            raw.updated,
        );
        open(
            ring,
            &raw.person_id,
            &raw.key_id,
            "session_records",
            &raw.id,
            &bound,
            &raw.body,
            WHAT,
        )
    })();
    Sealed {
        meta: RecordMeta {
            id: raw.id,
            person_id: raw.person_id,
            series_id: raw.series_id,
            original_start: start.unwrap_or_default(),
            session_date: date.unwrap_or_default(),
            kind: raw.kind,
            status: raw.status,
            revision: revision.unwrap_or(0),
            created_at: created.unwrap_or(epoch),
            updated_at: updated.unwrap_or(epoch),
        },
        body,
    }
}

fn seal_record<B: Serialize>(ring: &KeyRing, m: &RecordMeta, body: &B) -> Result<(Uuid, Vec<u8>)> {
    let bound = bound_record(
        &m.person_id,
        &m.series_id,
        &start_text(m.original_start),
        date_millis(m.session_date),
        &m.kind,
        &m.status,
        i64::from(m.revision),
        to_millis(m.created_at),
        to_millis(m.updated_at),
    );
    seal(
        ring,
        &m.person_id,
        "session_records",
        &m.id,
        &bound,
        body,
        WHAT,
    )
}

fn query_records<B: DeserializeOwned>(
    conn: &Connection,
    ring: &KeyRing,
    tail: &str,
    args: impl rusqlite::Params,
) -> Result<Vec<RecordRow<B>>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {RECORD_COLUMNS} FROM session_records {tail}"
    ))?;
    let rows = stmt
        .query_map(args, raw_record)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows.into_iter().map(|r| open_record(ring, r)).collect())
}

/// Opens every record, addendum, action item and agenda (backup
/// verification) into `census`.
pub fn open_all(conn: &Connection, ring: &KeyRing, census: &mut super::Census) -> Result<()> {
    let records = query_records::<IgnoredAny>(conn, ring, "", params![])?;
    let found = records
        .iter()
        .map(|r| (Some(r.meta.person_id.as_str()), r.body.is_ok()));
    super::tally_rows(census, ring, "session_records", found);
    let addenda = addenda::query_addenda::<IgnoredAny>(conn, ring, "", params![])?;
    let found = addenda
        .iter()
        .map(|r| (Some(r.meta.person_id.as_str()), r.body.is_ok()));
    super::tally_rows(census, ring, "record_addenda", found);
    let actions = actions::query_actions::<IgnoredAny>(conn, ring, "", params![])?;
    let found = actions
        .iter()
        .map(|r| (Some(r.meta.person_id.as_str()), r.body.is_ok()));
    super::tally_rows(census, ring, "action_items", found);
    agendas::open_all_agendas(conn, ring, census)
}

/// One record, or `None`.
pub fn record_get<B: DeserializeOwned>(
    conn: &Connection,
    ring: &KeyRing,
    id: &str,
) -> Result<Option<RecordRow<B>>> {
    Ok(query_records(conn, ring, "WHERE id = ?1", [id])?
        .into_iter()
        .next())
}

/// The record of one occurrence, or `None`.
pub fn record_of_occurrence<B: DeserializeOwned>(
    conn: &Connection,
    ring: &KeyRing,
    series_id: &str,
    original_start: NaiveDateTime,
) -> Result<Option<RecordRow<B>>> {
    Ok(query_records(
        conn,
        ring,
        "WHERE series_id = ?1 AND original_start = ?2",
        params![series_id, start_text(original_start)],
    )?
    .into_iter()
    .next())
}

/// A person's (or group's) records, newest session first.
pub fn records_of_person<B: DeserializeOwned>(
    conn: &Connection,
    ring: &KeyRing,
    person_id: &str,
) -> Result<Vec<RecordRow<B>>> {
    query_records(
        conn,
        ring,
        "WHERE person_id = ?1 ORDER BY session_date DESC, original_start DESC, id",
        [person_id],
    )
}

/// Every record of one kind (e.g. `group`), oldest session first.
pub fn records_of_kind<B: DeserializeOwned>(
    conn: &Connection,
    ring: &KeyRing,
    kind: &str,
) -> Result<Vec<RecordRow<B>>> {
    query_records(
        conn,
        ring,
        "WHERE kind = ?1 ORDER BY session_date, original_start, id",
        [kind],
    )
}

/// The person's last record for a session before `before` (local start).
pub fn last_record_before<B: DeserializeOwned>(
    conn: &Connection,
    ring: &KeyRing,
    person_id: &str,
    before: NaiveDateTime,
) -> Result<Option<RecordRow<B>>> {
    Ok(query_records(
        conn,
        ring,
        "WHERE person_id = ?1 AND original_start < ?2 ORDER BY original_start DESC, id LIMIT 1",
        params![person_id, start_text(before)],
    )?
    .into_iter()
    .next())
}

/// Adds a record. Run it in the caller's transaction.
pub fn record_insert<B: Serialize>(
    conn: &Connection,
    ring: &KeyRing,
    m: &RecordMeta,
    body: &B,
) -> Result<()> {
    let (key_id, sealed) = seal_record(ring, m, body)?;
    conn.execute(
        &format!("INSERT INTO session_records ({RECORD_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"),
        params![
            m.id,
            m.person_id,
            m.series_id,
            start_text(m.original_start),
            date_millis(m.session_date),
            m.kind,
            m.status,
            m.revision,
            key_id.to_string(),
            to_millis(m.created_at),
            to_millis(m.updated_at),
            sealed
        ],
    )?;
    Ok(())
}

/// Replaces a record's body, status, revision and update time if its stored
/// revision is still `expected_revision`; `false` when it is not (another
/// window saved first). Run it in the caller's transaction.
pub fn record_replace<B: Serialize>(
    conn: &Connection,
    ring: &KeyRing,
    m: &RecordMeta,
    expected_revision: u32,
    body: &B,
) -> Result<bool> {
    let (_, sealed) = seal_record(ring, m, body)?;
    let n = conn.execute(
        "UPDATE session_records SET body = ?3, status = ?4, revision = ?5, updated_at = ?6
         WHERE id = ?1 AND revision = ?2",
        params![
            m.id,
            expected_revision,
            sealed,
            m.status,
            m.revision,
            to_millis(m.updated_at)
        ],
    )?;
    Ok(n > 0)
}

/// Deletes every session record of `person_id` (a person or a group) with
/// its addenda, action items, and the agendas of their sessions, in the
/// caller's transaction (erasing a person). Returns how many rows went.
pub fn delete_of_person(tx: &rusqlite::Transaction<'_>, person_id: &str) -> Result<usize> {
    let mut n = 0;
    for sql in [
        "DELETE FROM record_addenda WHERE person_id = ?1 \
         OR record_id IN (SELECT id FROM session_records WHERE person_id = ?1)",
        "DELETE FROM action_items WHERE person_id = ?1 \
         OR record_id IN (SELECT id FROM session_records WHERE person_id = ?1)",
        "DELETE FROM agendas WHERE person_id = ?1",
        "DELETE FROM session_records WHERE person_id = ?1",
    ] {
        n += tx.execute(sql, [person_id])?;
    }
    Ok(n)
}
