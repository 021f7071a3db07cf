//! The `settings` table: one sealed JSON record under the vault key.
//!
//! AAD: table `settings`, column `body`, row `1`. The JSON's shape belongs
//! to the caller; this module only stores and opens it.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, Transaction};
use serde::de::DeserializeOwned;
use serde::de::IgnoredAny;
use serde::Serialize;

use super::to_millis;
use crate::crypto::Context;
use crate::error::Result;
use crate::keys::{KeyRing, Scope};

const WHAT: &str = "The settings record";

fn context() -> Context<'static> {
    Context::new("settings", "body", "1")
}

/// Opens the settings record as `T` (unknown fields are ignored, so a
/// reader may ask for just the part it needs).
pub fn read<T: DeserializeOwned>(conn: &Connection, ring: &KeyRing) -> Result<T> {
    let sealed: Vec<u8> =
        conn.query_row("SELECT body FROM settings WHERE id = 1", [], |r| r.get(0))?;
    ring.open_json(context(), &sealed, WHAT)
}

/// Seals and stores the settings record.
pub fn write<T: Serialize>(
    tx: &Transaction<'_>,
    ring: &KeyRing,
    value: &T,
    now: DateTime<Utc>,
) -> Result<()> {
    let sealed = ring.seal_json(ring.scope_id(Scope::Vault)?, context(), value)?;
    tx.execute(
        "INSERT INTO settings (id, body, updated_at) VALUES (1, ?1, ?2)
         ON CONFLICT (id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at",
        params![sealed, to_millis(now)],
    )?;
    Ok(())
}

/// Opens the settings record (backup verification) into `census`.
pub fn open_all(conn: &Connection, ring: &KeyRing, census: &mut super::Census) -> Result<()> {
    let sql = "SELECT body FROM settings";
    super::census_rows(
        conn,
        ring,
        census,
        "settings",
        sql,
        |r| r.get::<_, Vec<u8>>(0),
        |sealed| {
            (
                None,
                ring.open_json::<IgnoredAny>(context(), &sealed, WHAT)
                    .is_ok(),
            )
        },
    )
}
