//! The schedule's records as the domain sees them: the sealed bodies of a
//! series and of an exception, reading them through [`crate::store::schedule`]
//! (the only code with their SQL) and writing them back.

use chrono::{DateTime, NaiveDateTime, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::describe_recurrence;
use super::rules::Timing;
use super::time::{self, floating_ms, from_floating_ms, place};
use super::{Cancellation, Recurrence, ReminderSetting, Series, SessionKind, SessionStatus};
use crate::error::{Error, Result};
use crate::keys::KeyRing;
use crate::store::schedule::{
    self as rows, OverrideMeta, OverrideWindow, SeriesMeta, OVERRIDE_WHAT, SERIES_WHAT,
};
use crate::store::{from_millis, to_millis};
use crate::validate;

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
    /// Its plaintext columns, authenticated.
    pub meta: SeriesMeta,
    pub id: String,
    pub person_id: String,
    pub kind: SessionKind,
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

/// The exceptions of a series: those that opened, and the original slots of
/// those that failed their integrity check.
#[derive(Debug, Default)]
pub(crate) struct Overrides {
    pub ok: Vec<LoadedOverride>,
    pub damaged: Vec<NaiveDateTime>,
}

/// Parses a series or person id.
pub(crate) fn parse_id(what: &str, id: &str) -> Result<String> {
    validate::id_string(what, id)
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

fn open_series(row: rows::SeriesRow<SeriesBody>) -> Result<LoadedSeries> {
    let damaged = || Error::Integrity(SERIES_WHAT.into());
    let body = row.body?;
    let m = row.meta;
    let kind = SessionKind::parse(&m.kind).ok_or_else(damaged)?;
    let timing = timing_of(&body)?;
    Ok(LoadedSeries {
        id: m.id.clone(),
        person_id: m.person_id.clone(),
        kind,
        created: from_millis(m.created_ms).map_err(|_| damaged())?,
        updated: from_millis(m.updated_ms).map_err(|_| damaged())?,
        first_start: from_millis(m.first_start_ms).map_err(|_| damaged())?,
        last_end: m
            .last_end_ms
            .map(from_millis)
            .transpose()
            .map_err(|_| damaged())?,
        meta: m,
        body,
        timing,
    })
}

/// One series, or `NotFound`; a damaged one is an integrity error.
pub(crate) fn read_series(conn: &Connection, ring: &KeyRing, id: &str) -> Result<LoadedSeries> {
    let id = parse_id("That session series'", id)?;
    let row =
        rows::get::<SeriesBody>(conn, ring, &id)?.ok_or(Error::NotFound("That session series"))?;
    open_series(row)
}

/// Series opened one by one: each is the series or the id of one that
/// failed to open.
pub(crate) type Opened = Vec<std::result::Result<LoadedSeries, String>>;

fn open_all(rows: Vec<rows::SeriesRow<SeriesBody>>) -> Opened {
    rows.into_iter()
        .map(|row| {
            let id = row.meta.id.clone();
            open_series(row).map_err(|_| id)
        })
        .collect()
}

/// Every series (of one person when given).
pub(crate) fn all_series(
    conn: &Connection,
    ring: &KeyRing,
    person_id: Option<&str>,
) -> Result<Opened> {
    Ok(open_all(rows::list(conn, ring, person_id)?))
}

/// Series that may have a session overlapping `[from, to)`.
pub(crate) fn series_in_range(
    conn: &Connection,
    ring: &KeyRing,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Opened> {
    // One day of slack either side: last_end/first_start are exact, but a
    // session is up to 12 hours long.
    let lo = to_millis(from) - 86_400_000;
    let hi = to_millis(to) + 86_400_000;
    Ok(open_all(rows::in_range(conn, ring, lo, hi)?))
}

fn open_override(row: rows::OverrideRow<OverrideBody>) -> Result<LoadedOverride> {
    let body = row.body?;
    let original = from_floating_ms(row.meta.recurrence_ms)?;
    let status = SessionStatus::parse(&row.meta.status)
        .ok_or_else(|| Error::Integrity(OVERRIDE_WHAT.into()))?;
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
    ring: &KeyRing,
    series: &LoadedSeries,
    window: Option<(NaiveDateTime, NaiveDateTime, DateTime<Utc>, DateTime<Utc>)>,
) -> Result<Overrides> {
    let window = window.map(|(lo, hi, from, to)| OverrideWindow {
        recurrence_lo: floating_ms(lo),
        recurrence_hi: floating_ms(hi),
        from_ms: to_millis(from),
        to_ms: to_millis(to),
    });
    let mut out = Overrides::default();
    for row in rows::overrides::<OverrideBody>(conn, ring, &series.meta, window)? {
        let recurrence_ms = row.meta.recurrence_ms;
        match open_override(row) {
            Ok(o) => out.ok.push(o),
            Err(Error::Integrity(_)) => {
                if let Ok(original) = from_floating_ms(recurrence_ms) {
                    out.damaged.push(original);
                }
            }
            Err(e) => return Err(e),
        }
    }
    Ok(out)
}

/// One exception, if any; a damaged one is an integrity error.
pub(crate) fn read_override(
    conn: &Connection,
    ring: &KeyRing,
    series: &LoadedSeries,
    original: NaiveDateTime,
) -> Result<Option<LoadedOverride>> {
    rows::override_get::<OverrideBody>(conn, ring, &series.meta, floating_ms(original))?
        .map(open_override)
        .transpose()
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

fn meta_for(
    id: &str,
    person_id: &str,
    kind: SessionKind,
    timing: &Timing,
    created_ms: i64,
    updated_ms: i64,
) -> SeriesMeta {
    SeriesMeta {
        id: id.to_string(),
        person_id: person_id.to_string(),
        kind: kind.as_str().to_string(),
        created_ms,
        updated_ms,
        first_start_ms: to_millis(timing.first_start_utc()),
        last_end_ms: timing.last_end_utc().map(to_millis),
    }
}

/// Inserts a new series (in the caller's transaction). Returns its columns.
pub(crate) fn insert_series(
    tx: &Connection,
    ring: &KeyRing,
    person_id: &str,
    kind: SessionKind,
    body: &SeriesBody,
    timing: &Timing,
    now: DateTime<Utc>,
) -> Result<SeriesMeta> {
    let id = Uuid::new_v4().to_string();
    let ms = to_millis(now);
    let meta = meta_for(&id, person_id, kind, timing, ms, ms);
    rows::insert(tx, ring, &meta, body)?;
    Ok(meta)
}

/// Replaces a series' person, kind and body (and its range columns),
/// keeping its id and creation time, sealed under the (new) person's key.
#[allow(clippy::too_many_arguments)]
pub(crate) fn replace_series(
    tx: &Connection,
    ring: &KeyRing,
    old: &SeriesMeta,
    person_id: &str,
    kind: SessionKind,
    body: &SeriesBody,
    timing: &Timing,
    now: DateTime<Utc>,
) -> Result<SeriesMeta> {
    let updated = to_millis(now).max(old.created_ms);
    let meta = meta_for(&old.id, person_id, kind, timing, old.created_ms, updated);
    rows::replace(tx, ring, &meta, body)?;
    Ok(meta)
}

/// Marks a series changed (one of its exceptions changed): its new
/// `updated_at` is sealed with it.
pub(crate) fn touch_series(
    tx: &Connection,
    ring: &KeyRing,
    s: &LoadedSeries,
    now: DateTime<Utc>,
) -> Result<()> {
    let meta = SeriesMeta {
        updated_ms: to_millis(now).max(s.meta.updated_ms),
        ..s.meta.clone()
    };
    rows::touch(tx, ring, &meta, &s.body)
}

/// Writes (inserts or replaces) an exception of the series `series`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn write_override(
    tx: &Connection,
    ring: &KeyRing,
    series: &SeriesMeta,
    timing: &Timing,
    original: NaiveDateTime,
    status: SessionStatus,
    body: &OverrideBody,
    now: DateTime<Utc>,
) -> Result<()> {
    let (_, start, end) = effective_times(timing, original, body);
    let meta = OverrideMeta {
        recurrence_ms: floating_ms(original),
        status: status.as_str().to_string(),
        start_ms: to_millis(start),
        end_ms: to_millis(end),
        updated_ms: to_millis(now),
    };
    rows::override_put(tx, ring, series, &meta, body)
}

/// Removes an exception (the occurrence goes back to its planned slot).
pub(crate) fn delete_override(
    tx: &Connection,
    series_id: &str,
    original: NaiveDateTime,
) -> Result<bool> {
    rows::override_delete(tx, series_id, floating_ms(original))
}

/// Removes a series' exceptions from `from` on (all when `None`).
pub(crate) fn delete_overrides_from(
    tx: &Connection,
    series_id: &str,
    from: Option<NaiveDateTime>,
) -> Result<usize> {
    rows::overrides_delete_from(tx, series_id, from.map_or(i64::MIN, floating_ms))
}

/// Deletes a series and its exceptions; `false` when there was none.
pub(crate) fn delete_series(conn: &Connection, id: &str) -> Result<bool> {
    rows::delete(conn, id)
}
