//! Storage of series and their exceptions (migration 0003).
//!
//! Plaintext: ids, the session kind, the exception status, and the UTC
//! timestamps range queries need (`first_start`, `last_end`, and each
//! exception's effective `start_at`/`end_at`). Everything else — rule, time
//! zone, wall-clock times, location, reminder, cancellation reason — is a
//! sealed JSON body under the person's data key, bound to its table, column
//! and row.

use chrono::{DateTime, NaiveDateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use zeroize::Zeroizing;

use super::rules::{describe_recurrence, Timing};
use super::time::{self, floating_ms, from_floating_ms, place};
use super::{Cancellation, Recurrence, ReminderSetting, Series, SessionKind, SessionStatus};
use crate::crypto::{self, Context};
use crate::error::{Error, Result};
use crate::store::{from_millis, to_millis};
use crate::vault::Session;

pub(crate) const SERIES_WHAT: &str = "A scheduled session series";
pub(crate) const OVERRIDE_WHAT: &str = "A change to a scheduled session";

/// The sealed part of a series.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct SeriesBody {
    pub time_zone: String,
    pub start: NaiveDateTime,
    pub duration_minutes: u32,
    pub recurrence: Option<Recurrence>,
    pub location: String,
    pub reminder: ReminderSetting,
    pub calendar_code: String,
}

/// A moved occurrence's new local time (in the series' zone).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Moved {
    pub start: NaiveDateTime,
    pub duration_minutes: u32,
}

/// The sealed part of an exception.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub(crate) struct OverrideBody {
    pub moved: Option<Moved>,
    pub cancellation: Option<Cancellation>,
}

/// A series read and opened.
#[derive(Debug, Clone)]
pub(crate) struct LoadedSeries {
    pub id: String,
    pub person_id: String,
    pub kind: SessionKind,
    pub key_id: Uuid,
    pub created: DateTime<Utc>,
    pub updated: DateTime<Utc>,
    pub first_start: DateTime<Utc>,
    pub last_end: Option<DateTime<Utc>>,
    pub body: SeriesBody,
    pub timing: Timing,
}

impl LoadedSeries {
    pub fn to_series(&self) -> Series {
        Series {
            id: self.id.clone(),
            person_id: self.person_id.clone(),
            kind: self.kind,
            time_zone: self.body.time_zone.clone(),
            start: self.body.start,
            duration_minutes: self.body.duration_minutes,
            recurrence: self.body.recurrence.clone(),
            location: self.body.location.clone(),
            reminder: self.body.reminder,
            calendar_code: self.body.calendar_code.clone(),
            description: describe_recurrence(
                self.body.recurrence.as_ref(),
                self.body.start,
                &self.body.time_zone,
            ),
            first_start: self.first_start,
            last_end: self.last_end,
            created_at: self.created,
            updated_at: self.updated,
        }
    }
}

/// An exception read and opened.
#[derive(Debug, Clone)]
pub(crate) struct LoadedOverride {
    pub original: NaiveDateTime,
    pub status: SessionStatus,
    pub body: OverrideBody,
}

fn series_context(id: &str) -> Context<'_> {
    Context::new("session_series", "body", id)
}

fn override_row(series_id: &str, original: NaiveDateTime) -> String {
    format!("{series_id}/{}", floating_ms(original))
}

fn seal_json<T: Serialize>(
    session: &Session,
    key_id: Uuid,
    ctx: Context<'_>,
    value: &T,
    what: &str,
) -> Result<Vec<u8>> {
    let key = session.key(key_id, what)?;
    let json =
        Zeroizing::new(serde_json::to_vec(value).map_err(|e| Error::Internal(e.to_string()))?);
    crypto::seal(key, key_id, ctx, &json)
}

fn open_json<T: DeserializeOwned>(
    session: &Session,
    key_id: Uuid,
    ctx: Context<'_>,
    sealed: &[u8],
    what: &str,
) -> Result<T> {
    let key = session.key(key_id, what)?;
    let json = crypto::open_string(key, ctx, sealed, what)?;
    serde_json::from_str(&json).map_err(|_| Error::Integrity(what.into()))
}

/// Parses a series or person id.
pub(crate) fn parse_id(what: &str, id: &str) -> Result<String> {
    Uuid::parse_str(id.trim())
        .map(|u| u.to_string())
        .map_err(|_| Error::InvalidInput(format!("{what} id is not valid.")))
}

/// Checks that `person_id` can have sessions of `kind` and returns the id of
/// their data key.
pub(crate) fn subject_key(conn: &Connection, person_id: &str, kind: SessionKind) -> Result<Uuid> {
    let person_id = parse_id("That person's", person_id)?;
    let row: Option<(String, String, Option<i64>)> = conn
        .query_row(
            "SELECT kind, key_id, archived_at FROM people WHERE id = ?1",
            [&person_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let (person_kind, key_id, archived) = row.ok_or(Error::NotFound("That person"))?;
    if archived.is_some() {
        return Err(Error::InvalidInput(
            "That person is archived. Restore them before scheduling sessions with them.".into(),
        ));
    }
    match (person_kind.as_str(), kind) {
        ("organisation", _) => {
            return Err(Error::InvalidInput(
                "Sessions are with a person or a group, not an organisation.".into(),
            ))
        }
        ("group", SessionKind::Individual | SessionKind::Coaching) => {
            return Err(Error::InvalidInput(
                "An individual or coaching session is with one person; choose a group session for a group.".into(),
            ))
        }
        ("person", SessionKind::Group) => {
            return Err(Error::InvalidInput("A group session is with a group; choose the group.".into()))
        }
        _ => {}
    }
    Uuid::parse_str(&key_id).map_err(|_| Error::Integrity("This person's record".into()))
}

/// The timing of a stored body.
pub(crate) fn timing_of(body: &SeriesBody) -> Result<Timing> {
    let tz = time::parse_zone(&body.time_zone).map_err(|_| Error::Integrity(SERIES_WHAT.into()))?;
    Ok(Timing {
        tz,
        start: body.start,
        duration_minutes: body.duration_minutes,
        recurrence: body.recurrence.clone(),
    })
}

/// Inserts a new series.
#[allow(clippy::too_many_arguments)]
pub(crate) fn insert_series(
    conn: &Connection,
    session: &Session,
    id: &str,
    person_id: &str,
    kind: SessionKind,
    key_id: Uuid,
    body: &SeriesBody,
    timing: &Timing,
    now: DateTime<Utc>,
) -> Result<()> {
    let sealed = seal_json(session, key_id, series_context(id), body, SERIES_WHAT)?;
    conn.execute(
        "INSERT INTO session_series (id, person_id, kind, key_id, created_at, updated_at, first_start, last_end, body)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6, ?7, ?8)",
        params![
            id,
            person_id,
            kind.as_str(),
            key_id.to_string(),
            to_millis(now),
            to_millis(timing.first_start_utc()),
            timing.last_end_utc().map(to_millis),
            sealed
        ],
    )?;
    Ok(())
}

/// Replaces a series' body (and its range columns).
pub(crate) fn update_series(
    conn: &Connection,
    session: &Session,
    series: &LoadedSeries,
    body: &SeriesBody,
    timing: &Timing,
    now: DateTime<Utc>,
) -> Result<()> {
    let sealed = seal_json(
        session,
        series.key_id,
        series_context(&series.id),
        body,
        SERIES_WHAT,
    )?;
    conn.execute(
        "UPDATE session_series SET body = ?2, first_start = ?3, last_end = ?4, updated_at = max(?5, created_at)
         WHERE id = ?1",
        params![
            series.id,
            sealed,
            to_millis(timing.first_start_utc()),
            timing.last_end_utc().map(to_millis),
            to_millis(now)
        ],
    )?;
    Ok(())
}

/// Marks a series changed (an exception changed).
pub(crate) fn touch_series(conn: &Connection, id: &str, now: DateTime<Utc>) -> Result<()> {
    conn.execute(
        "UPDATE session_series SET updated_at = max(?2, updated_at) WHERE id = ?1",
        params![id, to_millis(now)],
    )?;
    Ok(())
}

type SeriesRow = (
    String,
    String,
    String,
    String,
    i64,
    i64,
    i64,
    Option<i64>,
    Vec<u8>,
);

const SERIES_COLUMNS: &str =
    "id, person_id, kind, key_id, created_at, updated_at, first_start, last_end, body";

fn map_series_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<SeriesRow> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
        r.get(7)?,
        r.get(8)?,
    ))
}

fn open_series_row(session: &Session, row: SeriesRow) -> Result<LoadedSeries> {
    let (id, person_id, kind, key_id, created, updated, first, last, sealed) = row;
    let damaged = || Error::Integrity(SERIES_WHAT.into());
    let kind = SessionKind::parse(&kind).ok_or_else(damaged)?;
    let key_id = Uuid::parse_str(&key_id).map_err(|_| damaged())?;
    let body: SeriesBody = open_json(session, key_id, series_context(&id), &sealed, SERIES_WHAT)?;
    let timing = timing_of(&body)?;
    Ok(LoadedSeries {
        id,
        person_id,
        kind,
        key_id,
        created: from_millis(created)?,
        updated: from_millis(updated)?,
        first_start: from_millis(first)?,
        last_end: last.map(from_millis).transpose()?,
        body,
        timing,
    })
}

/// One series, or NotFound.
pub(crate) fn read_series(conn: &Connection, session: &Session, id: &str) -> Result<LoadedSeries> {
    let id = parse_id("That session series'", id)?;
    let row = conn
        .query_row(
            &format!("SELECT {SERIES_COLUMNS} FROM session_series WHERE id = ?1"),
            [&id],
            map_series_row,
        )
        .optional()?
        .ok_or(Error::NotFound("That session series"))?;
    open_series_row(session, row)
}

/// Series matching a filter. Each result is the opened series or the id of
/// one that failed to open.
fn query_series(
    conn: &Connection,
    session: &Session,
    sql_where: &str,
    args: &[&dyn rusqlite::ToSql],
) -> Result<Vec<std::result::Result<LoadedSeries, String>>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {SERIES_COLUMNS} FROM session_series WHERE {sql_where} ORDER BY first_start, id"
    ))?;
    let rows = stmt
        .query_map(args, map_series_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let id = row.0.clone();
            open_series_row(session, row).map_err(|_| id)
        })
        .collect())
}

/// Every series (of one person when given).
pub(crate) fn all_series(
    conn: &Connection,
    session: &Session,
    person_id: Option<&str>,
) -> Result<Vec<std::result::Result<LoadedSeries, String>>> {
    match person_id {
        Some(p) => query_series(conn, session, "person_id = ?1", &[&p]),
        None => query_series(conn, session, "1 = 1", &[]),
    }
}

/// Series that may have a session overlapping `[from, to)`: their base range
/// meets it, or one of their exceptions was moved into it.
pub(crate) fn series_in_range(
    conn: &Connection,
    session: &Session,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    person_id: Option<&str>,
) -> Result<Vec<std::result::Result<LoadedSeries, String>>> {
    // One day of slack either side: last_end/first_start are exact, but a
    // session is up to 12 hours long.
    let lo = to_millis(from) - 86_400_000;
    let hi = to_millis(to) + 86_400_000;
    let range = "((first_start < ?2 AND (last_end IS NULL OR last_end > ?1))
                  OR id IN (SELECT series_id FROM session_overrides WHERE start_at < ?2 AND end_at > ?1))";
    match person_id {
        Some(p) => query_series(
            conn,
            session,
            &format!("{range} AND person_id = ?3"),
            &[&lo, &hi, &p],
        ),
        None => query_series(conn, session, range, &[&lo, &hi]),
    }
}

type OverrideRow = (i64, String, Vec<u8>);

fn open_override(
    session: &Session,
    series: &LoadedSeries,
    row: OverrideRow,
) -> Result<LoadedOverride> {
    let (recurrence_id, status, sealed) = row;
    let original = from_floating_ms(recurrence_id)?;
    let status =
        SessionStatus::parse(&status).ok_or_else(|| Error::Integrity(OVERRIDE_WHAT.into()))?;
    let row_id = override_row(&series.id, original);
    let body: OverrideBody = open_json(
        session,
        series.key_id,
        Context::new("session_overrides", "body", &row_id),
        &sealed,
        OVERRIDE_WHAT,
    )?;
    Ok(LoadedOverride {
        original,
        status,
        body,
    })
}

/// Exceptions of a series: all of them, or those whose original slot lies
/// in `[lo, hi)` (wall clock) or whose effective time meets `[from, to)`.
pub(crate) fn read_overrides(
    conn: &Connection,
    session: &Session,
    series: &LoadedSeries,
    window: Option<(NaiveDateTime, NaiveDateTime, DateTime<Utc>, DateTime<Utc>)>,
) -> Result<Vec<LoadedOverride>> {
    let map = |r: &rusqlite::Row<'_>| -> rusqlite::Result<OverrideRow> {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?))
    };
    let rows = match window {
        None => conn
            .prepare_cached(
                "SELECT recurrence_id, status, body FROM session_overrides
                 WHERE series_id = ?1 ORDER BY recurrence_id",
            )?
            .query_map([&series.id], map)?
            .collect::<rusqlite::Result<Vec<_>>>()?,
        Some((lo, hi, from, to)) => conn
            .prepare_cached(
                "SELECT recurrence_id, status, body FROM session_overrides
                 WHERE series_id = ?1
                   AND ((recurrence_id >= ?2 AND recurrence_id < ?3) OR (start_at < ?5 AND end_at > ?4))
                 ORDER BY recurrence_id",
            )?
            .query_map(
                params![series.id, floating_ms(lo), floating_ms(hi), to_millis(from), to_millis(to)],
                map,
            )?
            .collect::<rusqlite::Result<Vec<_>>>()?,
    };
    rows.into_iter()
        .map(|r| open_override(session, series, r))
        .collect()
}

/// One exception, if any.
pub(crate) fn read_override(
    conn: &Connection,
    session: &Session,
    series: &LoadedSeries,
    original: NaiveDateTime,
) -> Result<Option<LoadedOverride>> {
    let row: Option<OverrideRow> = conn
        .query_row(
            "SELECT recurrence_id, status, body FROM session_overrides
             WHERE series_id = ?1 AND recurrence_id = ?2",
            params![series.id, floating_ms(original)],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    row.map(|r| open_override(session, series, r)).transpose()
}

/// Effective start and end of an occurrence with this exception body.
pub(crate) fn effective_times(
    series_timing: &Timing,
    original: NaiveDateTime,
    body: &OverrideBody,
) -> (NaiveDateTime, DateTime<Utc>, DateTime<Utc>) {
    let (local, minutes) = match body.moved {
        Some(m) => (m.start, m.duration_minutes),
        None => (original, series_timing.duration_minutes),
    };
    let start = place(series_timing.tz, local).utc;
    (
        local,
        start,
        start + chrono::Duration::minutes(i64::from(minutes)),
    )
}

/// Writes (inserts or replaces) an exception.
#[allow(clippy::too_many_arguments)]
pub(crate) fn write_override(
    conn: &Connection,
    session: &Session,
    series_id: &str,
    key_id: Uuid,
    timing: &Timing,
    original: NaiveDateTime,
    status: SessionStatus,
    body: &OverrideBody,
    now: DateTime<Utc>,
) -> Result<()> {
    let row_id = override_row(series_id, original);
    let sealed = seal_json(
        session,
        key_id,
        Context::new("session_overrides", "body", &row_id),
        body,
        OVERRIDE_WHAT,
    )?;
    let (_, start, end) = effective_times(timing, original, body);
    conn.execute(
        "INSERT INTO session_overrides (series_id, recurrence_id, status, start_at, end_at, updated_at, body)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (series_id, recurrence_id) DO UPDATE SET
           status = excluded.status, start_at = excluded.start_at, end_at = excluded.end_at,
           updated_at = excluded.updated_at, body = excluded.body",
        params![
            series_id,
            floating_ms(original),
            status.as_str(),
            to_millis(start),
            to_millis(end),
            to_millis(now),
            sealed
        ],
    )?;
    touch_series(conn, series_id, now)
}

/// Removes an exception (the occurrence goes back to its planned slot).
pub(crate) fn delete_override(
    conn: &Connection,
    series_id: &str,
    original: NaiveDateTime,
    now: DateTime<Utc>,
) -> Result<bool> {
    let n = conn.execute(
        "DELETE FROM session_overrides WHERE series_id = ?1 AND recurrence_id = ?2",
        params![series_id, floating_ms(original)],
    )?;
    if n > 0 {
        touch_series(conn, series_id, now)?;
    }
    Ok(n > 0)
}
