//! The `retention_policy` table: one sealed JSON record under the vault
//! key (how long each kind of record is kept after a relationship ends).
//!
//! AAD: table `retention_policy`, column `body`, row `1`, bound:
//! `updated_at` as stored (unix ms). The JSON's shape belongs to the
//! caller ([`crate::subject_access::retention`]).

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::de::{DeserializeOwned, IgnoredAny};
use serde::Serialize;

use super::to_millis;
use crate::crypto::Context;
use crate::error::Result;
use crate::keys::{KeyRing, Scope};

/// What an integrity error calls the policy.
pub const WHAT: &str = "The retention periods";

/// The stored policy, or `None` when none was saved yet.
pub fn read<T: DeserializeOwned>(conn: &Connection, ring: &KeyRing) -> Result<Option<T>> {
    let row: Option<(i64, Vec<u8>)> = conn
        .query_row(
            "SELECT updated_at, body FROM retention_policy WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    row.map(|(updated, sealed)| {
        let updated = updated.to_string();
        let bound = [updated.as_str()];
        ring.open_json(
            Context::new("retention_policy", "body", "1").binding(&bound),
            &sealed,
            WHAT,
        )
    })
    .transpose()
}

/// Opens the stored policy, if any (backup verification), into `census`.
pub fn open_all(conn: &Connection, ring: &KeyRing, census: &mut super::Census) -> Result<()> {
    census.entry("retention_policy").or_default();
    let opened = read::<IgnoredAny>(conn, ring);
    if !matches!(opened, Ok(None)) {
        super::tally(census, ring, "retention_policy", None, opened.is_ok());
    }
    Ok(())
}

/// Seals and stores the policy, in the caller's transaction.
pub fn write<T: Serialize>(
    tx: &Transaction<'_>,
    ring: &KeyRing,
    value: &T,
    now: DateTime<Utc>,
) -> Result<()> {
    let updated = to_millis(now);
    let text = updated.to_string();
    let bound = [text.as_str()];
    let sealed = ring.seal_json(
        ring.scope_id(Scope::Vault)?,
        Context::new("retention_policy", "body", "1").binding(&bound),
        value,
    )?;
    tx.execute(
        "INSERT INTO retention_policy (id, updated_at, body) VALUES (1, ?1, ?2)
         ON CONFLICT (id) DO UPDATE SET updated_at = excluded.updated_at, body = excluded.body",
        params![updated, sealed],
    )?;
    Ok(())
}
