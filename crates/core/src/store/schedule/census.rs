//! Opening every series and exception (backup verification), with the same
//! contexts and key checks as reading them.

use std::collections::HashMap;

use rusqlite::Connection;
use serde::de::IgnoredAny;

use super::{open_override, open_series, raw_override, raw_series, SeriesMeta};
use crate::error::Result;
use crate::keys::KeyRing;
use crate::store::{tally, Census};

/// Opens every row of `session_series` and `session_overrides` into
/// `census`. An exception is opened as its series' plaintext columns name
/// it (as [`super::overrides`] does); one whose series is missing counts as
/// damaged.
pub fn open_all(conn: &Connection, ring: &KeyRing, census: &mut Census) -> Result<()> {
    census.entry("session_series").or_default();
    let series = conn
        .prepare(
            "SELECT id, person_id, kind, key_id, created_at, updated_at, first_start, last_end, body FROM session_series",
        )?
        .query_map([], raw_series)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut metas: HashMap<String, SeriesMeta> = HashMap::new();
    for raw in series {
        let row = open_series::<IgnoredAny>(ring, raw);
        let opened = row.body.is_ok();
        tally(
            census,
            ring,
            "session_series",
            Some(&row.meta.person_id),
            opened,
        );
        metas.insert(row.meta.id.clone(), row.meta);
    }
    census.entry("session_overrides").or_default();
    let overrides = conn
        .prepare(
            "SELECT recurrence_id, status, start_at, end_at, updated_at, body, series_id FROM session_overrides",
        )?
        .query_map([], |r| Ok((raw_override(r)?, r.get::<_, String>(6)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for (raw, series_id) in overrides {
        match metas.get(&series_id) {
            Some(series) => {
                let opened = open_override::<IgnoredAny>(ring, series, raw).body.is_ok();
                let person = Some(series.person_id.as_str());
                tally(census, ring, "session_overrides", person, opened);
            }
            None => tally(census, ring, "session_overrides", None, false),
        }
    }
    Ok(())
}
