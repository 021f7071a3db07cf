//! `action_items`: each record's action items, with their current status.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection};
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::{at, open, seal, Sealed, WHAT_ACTION};
use crate::error::{Error, Result};
use crate::keys::KeyRing;
use crate::store::agreements::{date_millis, millis_date};
use crate::store::to_millis;

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

pub(super) fn query_actions<B: DeserializeOwned>(
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
