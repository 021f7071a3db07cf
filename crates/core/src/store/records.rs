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
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::de::DeserializeOwned;
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

fn ms(t: DateTime<Utc>) -> String {
    to_millis(t).to_string()
}

fn at(v: i64) -> Option<DateTime<Utc>> {
    DateTime::from_timestamp_millis(v)
}

/// Local wall-clock start as stored (ISO 8601, minutes and seconds).
pub fn start_text(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M:%S").to_string()
}

/// Seals `body` under the person's key for `(table, row)` bound to `bound`.
fn seal<B: Serialize>(
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
fn open<B: DeserializeOwned>(
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

// ---------------------------------------------------------------- records

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

// ---------------------------------------------------------------- addenda

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
    let mut stmt = conn.prepare_cached(
        "SELECT id, record_id, person_id, seq, key_id, created_at, body FROM record_addenda
         WHERE record_id = ?1 ORDER BY seq",
    )?;
    let rows = stmt
        .query_map([record_id], |r| {
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

// ---------------------------------------------------------------- action items

/// The plaintext columns of an action item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionMeta {
    /// Item id.
    pub id: String,
    /// The record it was agreed in.
    pub record_id: String,
    /// The person or group.
    pub person_id: String,
    /// That session's date.
    pub session_date: NaiveDate,
    /// Order within the record.
    pub position: u32,
    /// `open`, `done` or `dropped`.
    pub status: String,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Last changed.
    pub updated_at: DateTime<Utc>,
}

/// An action item row.
pub type ActionRow<B> = Sealed<ActionMeta, B>;

const ACTION_COLUMNS: &str =
    "id, record_id, person_id, session_date, position, status, key_id, created_at, updated_at, body";

#[allow(clippy::too_many_arguments)]
fn bound_action(
    record_id: &str,
    person_id: &str,
    date: i64,
    position: i64,
    status: &str,
    created: i64,
    updated: i64,
) -> Vec<String> {
    vec![
        record_id.into(),
        person_id.into(),
        date.to_string(),
        position.to_string(),
        status.into(),
        created.to_string(),
        updated.to_string(),
    ]
}

fn query_actions<B: DeserializeOwned>(
    conn: &Connection,
    ring: &KeyRing,
    tail: &str,
    args: impl rusqlite::Params,
) -> Result<Vec<ActionRow<B>>> {
    let mut stmt =
        conn.prepare_cached(&format!("SELECT {ACTION_COLUMNS} FROM action_items {tail}"))?;
    let rows = stmt
        .query_map(args, |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, i64>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, i64>(7)?,
                r.get::<_, i64>(8)?,
                r.get::<_, Vec<u8>>(9)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let epoch = DateTime::<Utc>::UNIX_EPOCH;
    Ok(rows
        .into_iter()
        .map(
            |(
                id,
                record_id,
                person_id,
                date,
                position,
                status,
                key_id,
                created,
                updated,
                sealed,
            )| {
                let d = millis_date(date);
                let pos = u32::try_from(position).ok();
                let (c, u) = (at(created), at(updated));
                let body = if d.is_none() || pos.is_none() || c.is_none() || u.is_none() {
                    Err(Error::Integrity(WHAT_ACTION.into()))
                } else {
                    let bound = bound_action(
                        &record_id, &person_id, date, position, &status, created, updated,
                    );
                    open(
                        ring,
                        &person_id,
                        &key_id,
                        "action_items",
                        &id,
                        &bound,
                        &sealed,
                        WHAT_ACTION,
                    )
                };
                Sealed {
                    meta: ActionMeta {
                        id,
                        record_id,
                        person_id,
                        session_date: d.unwrap_or_default(),
                        position: pos.unwrap_or(0),
                        status,
                        created_at: c.unwrap_or(epoch),
                        updated_at: u.unwrap_or(epoch),
                    },
                    body,
                }
            },
        )
        .collect())
}

/// One action item, or `None`.
pub fn action_get<B: DeserializeOwned>(
    conn: &Connection,
    ring: &KeyRing,
    id: &str,
) -> Result<Option<ActionRow<B>>> {
    Ok(query_actions(conn, ring, "WHERE id = ?1", [id])?
        .into_iter()
        .next())
}

/// A record's action items, in order.
pub fn actions_of_record<B: DeserializeOwned>(
    conn: &Connection,
    ring: &KeyRing,
    record_id: &str,
) -> Result<Vec<ActionRow<B>>> {
    query_actions(
        conn,
        ring,
        "WHERE record_id = ?1 ORDER BY position, id",
        [record_id],
    )
}

/// A person's action items (all, or only those stored with `status`),
/// oldest session first.
pub fn actions_of_person<B: DeserializeOwned>(
    conn: &Connection,
    ring: &KeyRing,
    person_id: &str,
    status: Option<&str>,
) -> Result<Vec<ActionRow<B>>> {
    match status {
        Some(s) => query_actions(
            conn,
            ring,
            "WHERE person_id = ?1 AND status = ?2 ORDER BY session_date, record_id, position, id",
            params![person_id, s],
        ),
        None => query_actions(
            conn,
            ring,
            "WHERE person_id = ?1 ORDER BY session_date, record_id, position, id",
            params![person_id],
        ),
    }
}

/// Writes an action item (insert, or replace the row with the same id).
/// Run it in the caller's transaction.
pub fn action_put<B: Serialize>(
    conn: &Connection,
    ring: &KeyRing,
    m: &ActionMeta,
    body: &B,
) -> Result<()> {
    let (date, created, updated) = (
        date_millis(m.session_date),
        to_millis(m.created_at),
        to_millis(m.updated_at),
    );
    let bound = bound_action(
        &m.record_id,
        &m.person_id,
        date,
        i64::from(m.position),
        &m.status,
        created,
        updated,
    );
    let (key_id, sealed) = seal(
        ring,
        &m.person_id,
        "action_items",
        &m.id,
        &bound,
        body,
        WHAT_ACTION,
    )?;
    conn.execute(
        &format!(
            "INSERT INTO action_items ({ACTION_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
             ON CONFLICT (id) DO UPDATE SET position = excluded.position, status = excluded.status,
                 updated_at = excluded.updated_at, body = excluded.body
             WHERE action_items.record_id = excluded.record_id"
        ),
        params![m.id, m.record_id, m.person_id, date, m.position, m.status, key_id.to_string(), created, updated, sealed],
    )?;
    Ok(())
}

/// Deletes a record's action items whose ids are not in `keep`. Run it in
/// the caller's transaction; returns how many were deleted.
pub fn actions_delete_except(conn: &Connection, record_id: &str, keep: &[String]) -> Result<usize> {
    let existing: Vec<String> = conn
        .prepare_cached("SELECT id FROM action_items WHERE record_id = ?1")?
        .query_map([record_id], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut n = 0;
    for id in existing.iter().filter(|id| !keep.contains(id)) {
        n += conn.execute("DELETE FROM action_items WHERE id = ?1", [id])?;
    }
    Ok(n)
}

// ---------------------------------------------------------------- agendas

/// The plaintext columns of a saved agenda.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgendaMeta {
    /// The session's series.
    pub series_id: String,
    /// The session's original local start.
    pub original_start: NaiveDateTime,
    /// The person or group.
    pub person_id: String,
    /// Last saved.
    pub updated_at: DateTime<Utc>,
}

fn agenda_row(series_id: &str, start: &str) -> String {
    format!("{series_id}/{start}")
}

/// The saved agenda of a session, or `None`.
pub fn agenda_get<B: DeserializeOwned>(
    conn: &Connection,
    ring: &KeyRing,
    series_id: &str,
    original_start: NaiveDateTime,
) -> Result<Option<Sealed<AgendaMeta, B>>> {
    let start = start_text(original_start);
    let row: Option<(String, String, i64, Vec<u8>)> = conn
        .query_row(
            "SELECT person_id, key_id, updated_at, body FROM agendas WHERE series_id = ?1 AND original_start = ?2",
            params![series_id, start],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    Ok(row.map(|(person_id, key_id, updated, sealed)| {
        let u = at(updated);
        let body = match u {
            None => Err(Error::Integrity(WHAT_AGENDA.into())),
            Some(_) => {
                let bound = vec![person_id.clone(), updated.to_string()];
                open(
                    ring,
                    &person_id,
                    &key_id,
                    "agendas",
                    &agenda_row(series_id, &start),
                    &bound,
                    &sealed,
                    WHAT_AGENDA,
                )
            }
        };
        Sealed {
            meta: AgendaMeta {
                series_id: series_id.to_string(),
                original_start,
                person_id,
                updated_at: u.unwrap_or(DateTime::<Utc>::UNIX_EPOCH),
            },
            body,
        }
    }))
}

/// Saves a session's agenda (replacing any saved before). Run it in the
/// caller's transaction.
pub fn agenda_put<B: Serialize>(
    conn: &Connection,
    ring: &KeyRing,
    m: &AgendaMeta,
    body: &B,
) -> Result<()> {
    let start = start_text(m.original_start);
    let bound = vec![m.person_id.clone(), ms(m.updated_at)];
    let (key_id, sealed) = seal(
        ring,
        &m.person_id,
        "agendas",
        &agenda_row(&m.series_id, &start),
        &bound,
        body,
        WHAT_AGENDA,
    )?;
    conn.execute(
        "INSERT INTO agendas (series_id, original_start, person_id, key_id, updated_at, body)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (series_id, original_start) DO UPDATE SET person_id = excluded.person_id,
             key_id = excluded.key_id, updated_at = excluded.updated_at, body = excluded.body",
        params![
            m.series_id,
            start,
            m.person_id,
            key_id.to_string(),
            to_millis(m.updated_at),
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
