//! Opening every series and exception (backup verification), with the same
//! contexts and key checks as reading them.

use std::collections::HashMap;

use rusqlite::Connection;
use serde::de::IgnoredAny;

use super::{open_override, open_series, raw_override, raw_series, SeriesMeta};
use crate::error::Result;
use crate::keys::KeyRing;
use crate::store::{census_rows, Census};

/// Opens every row of `session_series` and `session_overrides` into
/// `census`. An exception is opened as its series' plaintext columns name
/// it (as [`super::overrides`] does); one whose series is missing counts as
/// damaged.
pub fn open_all(conn: &Connection, ring: &KeyRing, census: &mut Census) -> Result<()> {
    let mut metas: HashMap<String, SeriesMeta> = HashMap::new();
    let sql = "SELECT id, person_id, kind, key_id, created_at, updated_at, first_start, last_end, body FROM session_series";
    census_rows(
        conn,
        ring,
        census,
        "session_series",
        sql,
        raw_series,
        |raw| {
            let row = open_series::<IgnoredAny>(ring, raw);
            let found = (Some(row.meta.person_id.clone()), row.body.is_ok());
            metas.insert(row.meta.id.clone(), row.meta);
            found
        },
    )?;
    let sql = "SELECT recurrence_id, status, start_at, end_at, updated_at, body, series_id FROM session_overrides";
    let map = |r: &rusqlite::Row<'_>| Ok((raw_override(r)?, r.get::<_, String>(6)?));
    census_rows(
        conn,
        ring,
        census,
        "session_overrides",
        sql,
        map,
        |(raw, series_id)| match metas.get(&series_id) {
            Some(series) => {
                let opened = open_override::<IgnoredAny>(ring, series, raw).body.is_ok();
                (Some(series.person_id.clone()), opened)
            }
            None => (None, false),
        },
    )
}
