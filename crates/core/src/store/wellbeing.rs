//! The `wellbeing_checkins` and `proqol_results` tables: one sealed JSON
//! body per row under the journal's data key (the owner's own wellbeing is
//! as private as their journal). The body's shape belongs to the caller
//! ([`crate::wellbeing`]).
//!
//! AAD: table (`wellbeing_checkins` or `proqol_results`), column `body`, row
//! = the id, bound: `created_at` as stored (unix ms), so an edited timestamp
//! makes that row damaged instead of reordering the list unnoticed.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, Transaction};
use serde::de::{DeserializeOwned, IgnoredAny};
use serde::Serialize;
use uuid::Uuid;

use super::to_millis;
use crate::crypto::Context;
use crate::error::Result;
use crate::keys::{KeyRing, Scope};

/// Which of the two tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    /// Wellbeing check-ins.
    CheckIns,
    /// ProQOL 5 results.
    Proqol,
}

impl Table {
    fn name(self) -> &'static str {
        match self {
            Table::CheckIns => "wellbeing_checkins",
            Table::Proqol => "proqol_results",
        }
    }

    /// What an integrity error calls one row.
    pub fn what(self) -> &'static str {
        match self {
            Table::CheckIns => "This wellbeing check-in",
            Table::Proqol => "This ProQOL result",
        }
    }
}

/// One stored row: its plaintext columns and the opened body (or why it did
/// not open).
pub struct Row<T> {
    /// Row id.
    pub id: Uuid,
    /// When it was written (unix ms, as stored).
    pub created_ms: i64,
    /// The body, or an integrity error for this row alone.
    pub body: Result<T>,
}

fn context<'a>(table: Table, id: &'a str, bound: &'a [&'a str]) -> Context<'a> {
    Context::new(table.name(), "body", id).binding(bound)
}

/// Every row of `table`, newest first. Rows whose id is not a UUID are
/// skipped (the app cannot have written them); a row that does not open is
/// returned with its error, never failing the list.
pub fn all<T: DeserializeOwned>(
    conn: &Connection,
    ring: &KeyRing,
    table: Table,
) -> Result<Vec<Row<T>>> {
    let sql = format!(
        "SELECT id, created_at, body FROM {} ORDER BY created_at DESC, id DESC",
        table.name()
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, Vec<u8>>(2)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, created_ms, sealed)| {
            let uuid = Uuid::parse_str(&id).ok()?;
            let created = created_ms.to_string();
            let bound = [created.as_str()];
            let body = ring.open_json(context(table, &id, &bound), &sealed, table.what());
            Some(Row {
                id: uuid,
                created_ms,
                body,
            })
        })
        .collect())
}

/// Opens every row of both tables (backup verification) into `census`; a
/// row whose id is not a UUID counts as damaged.
pub fn open_all(conn: &Connection, ring: &KeyRing, census: &mut super::Census) -> Result<()> {
    for table in [Table::CheckIns, Table::Proqol] {
        census.entry(table.name()).or_default();
        let total: u32 =
            conn.query_row(&format!("SELECT count(*) FROM {}", table.name()), [], |r| {
                r.get(0)
            })?;
        let rows = all::<IgnoredAny>(conn, ring, table)?;
        let skipped = total.saturating_sub(u32::try_from(rows.len()).unwrap_or(u32::MAX));
        for row in &rows {
            super::tally(census, ring, table.name(), None, row.body.is_ok());
        }
        census.entry(table.name()).or_default().damaged += skipped;
    }
    Ok(())
}

/// Seals and stores a new row in the caller's transaction.
pub fn insert<T: Serialize>(
    tx: &Transaction<'_>,
    ring: &KeyRing,
    table: Table,
    id: Uuid,
    body: &T,
    now: DateTime<Utc>,
) -> Result<()> {
    let id = id.to_string();
    let ms = to_millis(now);
    let created = ms.to_string();
    let bound = [created.as_str()];
    let sealed = ring.seal_json(
        ring.scope_id(Scope::Journal)?,
        context(table, &id, &bound),
        body,
    )?;
    tx.execute(
        &format!(
            "INSERT INTO {} (id, created_at, body) VALUES (?1, ?2, ?3)",
            table.name()
        ),
        params![id, ms, sealed],
    )?;
    Ok(())
}

/// Deletes a row; `false` when there was none. The caller checkpoints.
pub fn delete(conn: &Connection, table: Table, id: Uuid) -> Result<bool> {
    let n = conn.execute(
        &format!("DELETE FROM {} WHERE id = ?1", table.name()),
        params![id.to_string()],
    )?;
    Ok(n > 0)
}
