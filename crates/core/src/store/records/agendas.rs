//! `agendas`: the items added by hand to a session's agenda.

use chrono::{DateTime, NaiveDateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::de::{DeserializeOwned, IgnoredAny};
use serde::Serialize;

use super::{at, ms, open, seal, start_text, Sealed, WHAT_AGENDA};
use crate::error::{Error, Result};
use crate::keys::KeyRing;
use crate::store::{census_rows, to_millis, Census};

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

/// Opens every saved agenda (backup verification) into `census`, at the
/// place its stored columns name.
pub(super) fn open_all_agendas(
    conn: &Connection,
    ring: &KeyRing,
    census: &mut Census,
) -> Result<()> {
    let sql = "SELECT series_id, original_start, person_id, key_id, updated_at, body FROM agendas";
    let map = |r: &rusqlite::Row<'_>| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, i64>(4)?,
            r.get::<_, Vec<u8>>(5)?,
        ))
    };
    census_rows(conn, ring, census, "agendas", sql, map, |row| {
        let (series_id, start, person_id, key_id, updated, sealed) = row;
        let opened = at(updated).is_some() && {
            let bound = vec![person_id.clone(), updated.to_string()];
            open::<IgnoredAny>(
                ring,
                &person_id,
                &key_id,
                "agendas",
                &agenda_row(&series_id, &start),
                &bound,
                &sealed,
                WHAT_AGENDA,
            )
            .is_ok()
        };
        (Some(person_id), opened)
    })
}
