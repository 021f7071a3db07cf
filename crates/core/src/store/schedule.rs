//! The `session_series` and `session_overrides` tables (migration 0003): a
//! session series (a one-off session or a repeat rule) with someone, and the
//! exceptions to single occurrences of it.
//!
//! Both are sealed under the data key of the person (or group) the sessions
//! are with: the key the person's authenticated data-key record names
//! ([`KeyRing::subject_key_id`]), never the one the plaintext `key_id`
//! column claims. The column must agree with it, and a value sealed under
//! any other key is damage. Erasing the person therefore also makes their
//! schedule unreadable.
//!
//! AAD of a series: table `session_series`, column `body`, row = the series
//! id, bound: `person_id`, `kind`, `first_start`, `last_end` (empty when
//! NULL), `created_at` and `updated_at`. Every write that changes
//! `updated_at` (including a change to one of the series' exceptions) seals
//! the series again, so the bump is authenticated too.
//!
//! AAD of an exception: table `session_overrides`, column `body`, row =
//! `<series id>/<recurrence_id>` (so it names its series and its original
//! slot), bound: `status`, `start_at`, `end_at` and `updated_at`.
//!
//! The bodies are generic (`B`): the schedule module owns their shape. A row
//! that does not open comes back with its `body` as an integrity error, so
//! one damaged row never fails a list.

use rusqlite::{params, Connection, OptionalExtension};
use serde::de::DeserializeOwned;
use serde::Serialize;
use uuid::Uuid;

use crate::crypto::{self, Context};
use crate::error::{Error, Result};
use crate::keys::KeyRing;

/// What an integrity error calls a series.
pub const SERIES_WHAT: &str = "A scheduled session series";
/// What an integrity error calls an exception.
pub const OVERRIDE_WHAT: &str = "A change to a scheduled session";

/// The plaintext columns of a series (all bound in its AAD).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeriesMeta {
    /// Series id.
    pub id: String,
    /// The person or group the sessions are with.
    pub person_id: String,
    /// The session kind, as stored.
    pub kind: String,
    /// Created (unix ms).
    pub created_ms: i64,
    /// Last changed, including any of its exceptions (unix ms).
    pub updated_ms: i64,
    /// First session's start (unix ms), for range queries.
    pub first_start_ms: i64,
    /// Last session's end (unix ms); `None` when the rule has no end.
    pub last_end_ms: Option<i64>,
}

/// A series as stored, with its body opened as `B` (or why it did not open).
pub struct SeriesRow<B> {
    /// The plaintext columns; authenticated only when `body` is `Ok`.
    pub meta: SeriesMeta,
    /// The sealed fields, or an integrity error for this series alone.
    pub body: Result<B>,
}

/// The plaintext columns of an exception (all bound in its AAD).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverrideMeta {
    /// The occurrence's original wall-clock start, as floating unix ms.
    pub recurrence_ms: i64,
    /// Its status, as stored.
    pub status: String,
    /// Effective start after any move (unix ms), for range queries.
    pub start_ms: i64,
    /// Effective end (unix ms).
    pub end_ms: i64,
    /// Last changed (unix ms).
    pub updated_ms: i64,
}

/// An exception as stored, with its body opened as `B` (or why it did not).
pub struct OverrideRow<B> {
    /// The plaintext columns; authenticated only when `body` is `Ok`.
    pub meta: OverrideMeta,
    /// The sealed fields, or an integrity error for this exception alone.
    pub body: Result<B>,
}

/// Which exceptions of a series to read: original slots in
/// `[recurrence_lo, recurrence_hi)` (floating ms) or an effective time that
/// meets `[from_ms, to_ms)`.
#[derive(Debug, Clone, Copy)]
pub struct OverrideWindow {
    /// Lowest original slot (floating ms).
    pub recurrence_lo: i64,
    /// Original slots before this (floating ms).
    pub recurrence_hi: i64,
    /// Effective times ending after this (unix ms).
    pub from_ms: i64,
    /// Effective times starting before this (unix ms).
    pub to_ms: i64,
}

mod census;
pub use census::open_all;

/// The bound column values of a row, written into one buffer (one
/// allocation per row, not one per value: lists open hundreds of rows).
struct Bound<const N: usize> {
    text: String,
    spans: [(usize, usize); N],
}

enum Part<'a> {
    Text(&'a str),
    Int(i64),
    /// Empty when `None`.
    OptInt(Option<i64>),
}

fn push_int(out: &mut String, v: i64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    let mut n = v.unsigned_abs();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    if v < 0 {
        out.push('-');
    }
    out.push_str(std::str::from_utf8(&buf[i..]).unwrap_or_default());
}

impl<const N: usize> Bound<N> {
    fn new(parts: [Part<'_>; N]) -> Self {
        let mut text = String::with_capacity(128);
        let mut spans = [(0, 0); N];
        for (span, part) in spans.iter_mut().zip(parts) {
            let start = text.len();
            match part {
                Part::Text(t) => text.push_str(t),
                Part::Int(v) | Part::OptInt(Some(v)) => push_int(&mut text, v),
                Part::OptInt(None) => {}
            }
            *span = (start, text.len());
        }
        Bound { text, spans }
    }

    fn refs(&self) -> [&str; N] {
        std::array::from_fn(|i| {
            let (a, b) = self.spans[i];
            self.text.get(a..b).unwrap_or_default()
        })
    }
}

fn series_bound(m: &SeriesMeta) -> Bound<6> {
    Bound::new([
        Part::Text(&m.person_id),
        Part::Text(&m.kind),
        Part::Int(m.first_start_ms),
        Part::OptInt(m.last_end_ms),
        Part::Int(m.created_ms),
        Part::Int(m.updated_ms),
    ])
}

// Column order of every series SELECT: id, person_id, kind, key_id,
// created_at, updated_at, first_start, last_end, body.
struct RawSeries {
    meta: SeriesMeta,
    key_id: String,
    body: Vec<u8>,
}

fn raw_series(r: &rusqlite::Row<'_>) -> rusqlite::Result<RawSeries> {
    Ok(RawSeries {
        meta: SeriesMeta {
            id: r.get(0)?,
            person_id: r.get(1)?,
            kind: r.get(2)?,
            created_ms: r.get(4)?,
            updated_ms: r.get(5)?,
            first_start_ms: r.get(6)?,
            last_end_ms: r.get(7)?,
        },
        key_id: r.get(3)?,
        body: r.get(8)?,
    })
}

/// The person's data key, which must also be the key named by the sealed
/// value's header and by the `key_id` column.
fn expected_key(
    ring: &KeyRing,
    person_id: &str,
    column: &str,
    sealed: &[u8],
    what: &str,
) -> Result<Uuid> {
    let expected = ring.subject_key_id(person_id, what)?;
    let column = Uuid::parse_str(column).ok();
    if crypto::sealed_key_id(sealed) != Some(expected) || column != Some(expected) {
        return Err(Error::Integrity(what.into()));
    }
    Ok(expected)
}

fn open_series<B: DeserializeOwned>(ring: &KeyRing, raw: RawSeries) -> SeriesRow<B> {
    let body = (|| {
        expected_key(
            ring,
            &raw.meta.person_id,
            &raw.key_id,
            &raw.body,
            SERIES_WHAT,
        )?;
        let bound = series_bound(&raw.meta);
        ring.open_json(
            Context::new("session_series", "body", &raw.meta.id).binding(&bound.refs()),
            &raw.body,
            SERIES_WHAT,
        )
    })();
    SeriesRow {
        meta: raw.meta,
        body,
    }
}

fn seal_series<B: Serialize>(
    ring: &KeyRing,
    meta: &SeriesMeta,
    body: &B,
) -> Result<(Uuid, Vec<u8>)> {
    let key_id = ring.subject_key_id(&meta.person_id, "This person's record")?;
    let bound = series_bound(meta);
    let sealed = ring.seal_json(
        key_id,
        Context::new("session_series", "body", &meta.id).binding(&bound.refs()),
        body,
    )?;
    Ok((key_id, sealed))
}

/// One series, or `None` when there is no row with that id.
pub fn get<B: DeserializeOwned>(
    conn: &Connection,
    ring: &KeyRing,
    id: &str,
) -> Result<Option<SeriesRow<B>>> {
    let raw = conn
        .prepare_cached(
            "SELECT id, person_id, kind, key_id, created_at, updated_at, first_start, last_end, body FROM session_series WHERE id = ?1",
        )?
        .query_row([id], raw_series)
        .optional()?;
    Ok(raw.map(|r| open_series(ring, r)))
}

/// Every series, or one person's, by first start; each opened on its own.
pub fn list<B: DeserializeOwned>(
    conn: &Connection,
    ring: &KeyRing,
    person_id: Option<&str>,
) -> Result<Vec<SeriesRow<B>>> {
    let rows = match person_id {
        Some(p) => conn
            .prepare_cached(
                "SELECT id, person_id, kind, key_id, created_at, updated_at, first_start, last_end, body FROM session_series WHERE person_id = ?1 ORDER BY first_start, id",
            )?
            .query_map([p], raw_series)?
            .collect::<rusqlite::Result<Vec<_>>>()?,
        None => conn
            .prepare_cached(
                "SELECT id, person_id, kind, key_id, created_at, updated_at, first_start, last_end, body FROM session_series ORDER BY first_start, id",
            )?
            .query_map([], raw_series)?
            .collect::<rusqlite::Result<Vec<_>>>()?,
    };
    Ok(rows.into_iter().map(|r| open_series(ring, r)).collect())
}

/// Series that may have a session meeting `[from_ms, to_ms)` (unix ms):
/// their range columns meet it, or one of their exceptions was moved into
/// it. The columns are only a filter: what is shown comes from the opened
/// rows.
pub fn in_range<B: DeserializeOwned>(
    conn: &Connection,
    ring: &KeyRing,
    from_ms: i64,
    to_ms: i64,
) -> Result<Vec<SeriesRow<B>>> {
    let rows = conn
        .prepare_cached(
            "SELECT id, person_id, kind, key_id, created_at, updated_at, first_start, last_end, body FROM session_series
             WHERE (first_start < ?2 AND (last_end IS NULL OR last_end > ?1))
                OR id IN (SELECT series_id FROM session_overrides WHERE start_at < ?2 AND end_at > ?1)
             ORDER BY first_start, id",
        )?
        .query_map(params![from_ms, to_ms], raw_series)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows.into_iter().map(|r| open_series(ring, r)).collect())
}

/// Adds a series sealed under the person's data key.
pub fn insert<B: Serialize>(
    conn: &Connection,
    ring: &KeyRing,
    meta: &SeriesMeta,
    body: &B,
) -> Result<()> {
    let (key_id, sealed) = seal_series(ring, meta, body)?;
    conn.execute(
        "INSERT INTO session_series (id, person_id, kind, key_id, created_at, updated_at, first_start, last_end, body)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            meta.id,
            meta.person_id,
            meta.kind,
            key_id.to_string(),
            meta.created_ms,
            meta.updated_ms,
            meta.first_start_ms,
            meta.last_end_ms,
            sealed
        ],
    )?;
    Ok(())
}

/// Replaces every column of series `meta.id` (person, kind, key, range,
/// timestamps, body), sealed again. `NotFound` when there is no such row.
pub fn replace<B: Serialize>(
    conn: &Connection,
    ring: &KeyRing,
    meta: &SeriesMeta,
    body: &B,
) -> Result<()> {
    let (key_id, sealed) = seal_series(ring, meta, body)?;
    let n = conn.execute(
        "UPDATE session_series SET person_id = ?2, kind = ?3, key_id = ?4, created_at = ?5,
           updated_at = ?6, first_start = ?7, last_end = ?8, body = ?9
         WHERE id = ?1",
        params![
            meta.id,
            meta.person_id,
            meta.kind,
            key_id.to_string(),
            meta.created_ms,
            meta.updated_ms,
            meta.first_start_ms,
            meta.last_end_ms,
            sealed
        ],
    )?;
    if n == 0 {
        return Err(Error::NotFound("That session series"));
    }
    Ok(())
}

/// Seals series `meta.id` again with its new `updated_at` (one of its
/// exceptions changed); only that column and the body are written.
pub fn touch<B: Serialize>(
    conn: &Connection,
    ring: &KeyRing,
    meta: &SeriesMeta,
    body: &B,
) -> Result<()> {
    let (_, sealed) = seal_series(ring, meta, body)?;
    let n = conn.execute(
        "UPDATE session_series SET updated_at = ?2, body = ?3 WHERE id = ?1",
        params![meta.id, meta.updated_ms, sealed],
    )?;
    if n == 0 {
        return Err(Error::NotFound("That session series"));
    }
    Ok(())
}

/// Deletes a series and (by cascade) its exceptions; `false` when there was
/// none. The caller checkpoints.
pub fn delete(conn: &Connection, id: &str) -> Result<bool> {
    Ok(conn.execute("DELETE FROM session_series WHERE id = ?1", [id])? > 0)
}

/// Deletes every series with `person_id` and their exceptions, in the
/// caller's transaction (erasing a person). Returns how many series went.
pub fn delete_of_person(tx: &rusqlite::Transaction<'_>, person_id: &str) -> Result<usize> {
    let sql = "DELETE FROM session_overrides WHERE series_id IN \
               (SELECT id FROM session_series WHERE person_id = ?1)";
    tx.execute(sql, [person_id])?;
    Ok(tx.execute(
        "DELETE FROM session_series WHERE person_id = ?1",
        [person_id],
    )?)
}

fn override_row_id(series_id: &str, recurrence_ms: i64) -> String {
    format!("{series_id}/{recurrence_ms}")
}

fn override_bound(m: &OverrideMeta) -> Bound<4> {
    Bound::new([
        Part::Text(&m.status),
        Part::Int(m.start_ms),
        Part::Int(m.end_ms),
        Part::Int(m.updated_ms),
    ])
}

struct RawOverride {
    meta: OverrideMeta,
    body: Vec<u8>,
}

// Column order of every exception SELECT: recurrence_id, status, start_at,
// end_at, updated_at, body.
fn raw_override(r: &rusqlite::Row<'_>) -> rusqlite::Result<RawOverride> {
    Ok(RawOverride {
        meta: OverrideMeta {
            recurrence_ms: r.get(0)?,
            status: r.get(1)?,
            start_ms: r.get(2)?,
            end_ms: r.get(3)?,
            updated_ms: r.get(4)?,
        },
        body: r.get(5)?,
    })
}

fn open_override<B: DeserializeOwned>(
    ring: &KeyRing,
    series: &SeriesMeta,
    raw: RawOverride,
) -> OverrideRow<B> {
    let body = (|| {
        let expected = ring.subject_key_id(&series.person_id, OVERRIDE_WHAT)?;
        if crypto::sealed_key_id(&raw.body) != Some(expected) {
            return Err(Error::Integrity(OVERRIDE_WHAT.into()));
        }
        let row = override_row_id(&series.id, raw.meta.recurrence_ms);
        let bound = override_bound(&raw.meta);
        ring.open_json(
            Context::new("session_overrides", "body", &row).binding(&bound.refs()),
            &raw.body,
            OVERRIDE_WHAT,
        )
    })();
    OverrideRow {
        meta: raw.meta,
        body,
    }
}

/// Exceptions of an opened series (all, or those in `window`), by original
/// slot; each opened on its own.
pub fn overrides<B: DeserializeOwned>(
    conn: &Connection,
    ring: &KeyRing,
    series: &SeriesMeta,
    window: Option<OverrideWindow>,
) -> Result<Vec<OverrideRow<B>>> {
    let rows = match window {
        None => conn
            .prepare_cached(
                "SELECT recurrence_id, status, start_at, end_at, updated_at, body FROM session_overrides
                 WHERE series_id = ?1 ORDER BY recurrence_id",
            )?
            .query_map([&series.id], raw_override)?
            .collect::<rusqlite::Result<Vec<_>>>()?,
        Some(w) => conn
            .prepare_cached(
                "SELECT recurrence_id, status, start_at, end_at, updated_at, body FROM session_overrides
                 WHERE series_id = ?1
                   AND ((recurrence_id >= ?2 AND recurrence_id < ?3) OR (start_at < ?5 AND end_at > ?4))
                 ORDER BY recurrence_id",
            )?
            .query_map(
                params![series.id, w.recurrence_lo, w.recurrence_hi, w.from_ms, w.to_ms],
                raw_override,
            )?
            .collect::<rusqlite::Result<Vec<_>>>()?,
    };
    Ok(rows
        .into_iter()
        .map(|r| open_override(ring, series, r))
        .collect())
}

/// The exception of one occurrence, if there is a row.
pub fn override_get<B: DeserializeOwned>(
    conn: &Connection,
    ring: &KeyRing,
    series: &SeriesMeta,
    recurrence_ms: i64,
) -> Result<Option<OverrideRow<B>>> {
    let raw = conn
        .prepare_cached(
            "SELECT recurrence_id, status, start_at, end_at, updated_at, body FROM session_overrides WHERE series_id = ?1 AND recurrence_id = ?2",
        )?
        .query_row(params![series.id, recurrence_ms], raw_override)
        .optional()?;
    Ok(raw.map(|r| open_override(ring, series, r)))
}

/// Writes (inserts or replaces) the exception of one occurrence of the
/// series `series` (whose person's key seals it). The caller seals the
/// series again with its new `updated_at` in the same transaction.
pub fn override_put<B: Serialize>(
    conn: &Connection,
    ring: &KeyRing,
    series: &SeriesMeta,
    meta: &OverrideMeta,
    body: &B,
) -> Result<()> {
    let key_id = ring.subject_key_id(&series.person_id, "This person's record")?;
    let row = override_row_id(&series.id, meta.recurrence_ms);
    let bound = override_bound(meta);
    let sealed = ring.seal_json(
        key_id,
        Context::new("session_overrides", "body", &row).binding(&bound.refs()),
        body,
    )?;
    conn.execute(
        "INSERT INTO session_overrides (series_id, recurrence_id, status, start_at, end_at, updated_at, body)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (series_id, recurrence_id) DO UPDATE SET
           status = excluded.status, start_at = excluded.start_at, end_at = excluded.end_at,
           updated_at = excluded.updated_at, body = excluded.body",
        params![
            series.id,
            meta.recurrence_ms,
            meta.status,
            meta.start_ms,
            meta.end_ms,
            meta.updated_ms,
            sealed
        ],
    )?;
    Ok(())
}

/// Removes the exception of one occurrence; `false` when there was none.
pub fn override_delete(conn: &Connection, series_id: &str, recurrence_ms: i64) -> Result<bool> {
    Ok(conn.execute(
        "DELETE FROM session_overrides WHERE series_id = ?1 AND recurrence_id = ?2",
        params![series_id, recurrence_ms],
    )? > 0)
}

/// Removes the exceptions of a series whose original slot is at or after
/// `from_recurrence_ms` (`i64::MIN`: all of them). Returns how many.
pub fn overrides_delete_from(
    conn: &Connection,
    series_id: &str,
    from_recurrence_ms: i64,
) -> Result<usize> {
    Ok(conn.execute(
        "DELETE FROM session_overrides WHERE series_id = ?1 AND recurrence_id >= ?2",
        params![series_id, from_recurrence_ms],
    )?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bound_values_are_written_as_their_decimal_text() {
        let b = Bound::new([
            Part::Text("held"),
            Part::Int(-1_234),
            Part::Int(i64::MIN),
            Part::OptInt(None),
            Part::Int(0),
            Part::OptInt(Some(i64::MAX)),
        ]);
        assert_eq!(
            b.refs(),
            [
                "held",
                "-1234",
                i64::MIN.to_string().as_str(),
                "",
                "0",
                i64::MAX.to_string().as_str()
            ]
        );
    }
}
