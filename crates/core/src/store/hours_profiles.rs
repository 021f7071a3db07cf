//! The `hours_profiles`, `hours_profile_choices` and `hours_profile_seeds`
//! tables: rule profiles sealed under the vault key, each person's chosen
//! profile sealed under that person's key, and which shipped examples were
//! already offered.
//!
//! AAD: `hours_profiles`, column `body`, row = the profile id, bound:
//! `created_at` and `updated_at` (unix ms). `hours_profile_choices`, column
//! `body`, row = the person id, bound: `updated_at`. The plaintext `key_id`
//! and the sealed value's header must both name the expected key (the
//! vault key; the person's key), or the row is damaged. One damaged row
//! never fails a list. Bodies are generic: the domain chooses their type.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::de::{DeserializeOwned, IgnoredAny};
use serde::Serialize;
use uuid::Uuid;

use super::{from_millis, to_millis};
use crate::crypto::{self, Context};
use crate::error::{Error, Result};
use crate::keys::{KeyRing, Scope};

/// What an integrity error calls a profile.
pub const WHAT: &str = "This hours profile";
/// What an integrity error calls a person's choice of profile.
pub const CHOICE_WHAT: &str = "The choice of hours profile";

/// One profile row, its body opened as `B` (or why it did not open).
pub struct ProfileRow<B> {
    /// The profile id.
    pub id: String,
    /// Created (the epoch when the stored value is out of range).
    pub created_at: DateTime<Utc>,
    /// Last changed.
    pub updated_at: DateTime<Utc>,
    /// The body, or an integrity error for this row alone.
    pub body: Result<B>,
}

fn bound(created: i64, updated: i64) -> [String; 2] {
    [created.to_string(), updated.to_string()]
}

fn open_profile<B: DeserializeOwned>(
    ring: &KeyRing,
    id: String,
    key_id: &str,
    created: i64,
    updated: i64,
    sealed: &[u8],
) -> ProfileRow<B> {
    let body = (|| {
        let expected = ring.scope_id(Scope::Vault)?;
        if crypto::sealed_key_id(sealed) != Some(expected)
            || Uuid::parse_str(key_id).ok() != Some(expected)
        {
            return Err(Error::Integrity(WHAT.into()));
        }
        from_millis(created)?;
        from_millis(updated)?;
        let b = bound(created, updated);
        ring.open_json(
            Context::new("hours_profiles", "body", &id).binding(&[b[0].as_str(), b[1].as_str()]),
            sealed,
            WHAT,
        )
    })();
    let epoch = DateTime::<Utc>::UNIX_EPOCH;
    ProfileRow {
        created_at: from_millis(created).unwrap_or(epoch),
        updated_at: from_millis(updated).unwrap_or(epoch),
        id,
        body,
    }
}

type Raw = (String, String, i64, i64, Vec<u8>);

fn raw(r: &rusqlite::Row<'_>) -> rusqlite::Result<Raw> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
}

/// Every profile, oldest first.
pub fn list<B: DeserializeOwned>(conn: &Connection, ring: &KeyRing) -> Result<Vec<ProfileRow<B>>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, key_id, created_at, updated_at, body FROM hours_profiles ORDER BY created_at, id",
    )?;
    let rows = stmt
        .query_map([], raw)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows
        .into_iter()
        .map(|(id, k, c, u, b)| open_profile(ring, id, &k, c, u, &b))
        .collect())
}

/// One profile, or `None`.
pub fn get<B: DeserializeOwned>(
    conn: &Connection,
    ring: &KeyRing,
    id: &str,
) -> Result<Option<ProfileRow<B>>> {
    let row = conn
        .query_row(
            "SELECT id, key_id, created_at, updated_at, body FROM hours_profiles WHERE id = ?1",
            [id],
            raw,
        )
        .optional()?;
    Ok(row.map(|(id, k, c, u, b)| open_profile(ring, id, &k, c, u, &b)))
}

/// Adds a profile (run in the caller's transaction).
pub fn insert<B: Serialize>(
    conn: &Connection,
    ring: &KeyRing,
    id: &str,
    body: &B,
    created: DateTime<Utc>,
    updated: DateTime<Utc>,
) -> Result<()> {
    let key = ring.scope_id(Scope::Vault)?;
    let (c, u) = (to_millis(created), to_millis(updated));
    let b = bound(c, u);
    let sealed = ring.seal_json(
        key,
        Context::new("hours_profiles", "body", id).binding(&[b[0].as_str(), b[1].as_str()]),
        body,
    )?;
    conn.execute(
        "INSERT INTO hours_profiles (id, key_id, created_at, updated_at, body) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![id, key.to_string(), c, u, sealed],
    )?;
    Ok(())
}

/// Replaces a profile's body (run in the caller's transaction, after
/// reading the row there): its creation time stays.
pub fn replace<B: Serialize>(
    conn: &Connection,
    ring: &KeyRing,
    id: &str,
    body: &B,
    created: DateTime<Utc>,
    updated: DateTime<Utc>,
) -> Result<()> {
    let key = ring.scope_id(Scope::Vault)?;
    let (c, u) = (to_millis(created), to_millis(updated));
    let b = bound(c, u);
    let sealed = ring.seal_json(
        key,
        Context::new("hours_profiles", "body", id).binding(&[b[0].as_str(), b[1].as_str()]),
        body,
    )?;
    let n = conn.execute(
        "UPDATE hours_profiles SET body = ?2, updated_at = ?3, key_id = ?4 WHERE id = ?1 AND created_at = ?5",
        params![id, sealed, u, key.to_string(), c],
    )?;
    if n == 0 {
        return Err(Error::NotFound("That hours profile"));
    }
    Ok(())
}

/// Deletes a profile; `false` when there was none. The caller checkpoints.
pub fn delete(conn: &Connection, id: &str) -> Result<bool> {
    Ok(conn.execute("DELETE FROM hours_profiles WHERE id = ?1", [id])? > 0)
}

/// Number of profiles.
pub fn count(conn: &Connection) -> Result<u32> {
    Ok(conn.query_row("SELECT count(*) FROM hours_profiles", [], |r| r.get(0))?)
}

/// The examples already offered once.
pub fn seeded(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt =
        conn.prepare_cached("SELECT example_id FROM hours_profile_seeds ORDER BY example_id")?;
    let rows = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(rows)
}

/// Records that an example was offered (run in the seeding transaction).
pub fn mark_seeded(conn: &Connection, example_id: &str, now: DateTime<Utc>) -> Result<()> {
    conn.execute(
        "INSERT OR IGNORE INTO hours_profile_seeds (example_id, seeded_at) VALUES (?1, ?2)",
        params![example_id, to_millis(now)],
    )?;
    Ok(())
}

/// A person's choice, opened as `B`; `None` when there is no row. An
/// unreadable row (e.g. the person was erased) is an integrity error.
pub fn choice<B: DeserializeOwned>(
    conn: &Connection,
    ring: &KeyRing,
    person_id: &str,
) -> Result<Option<B>> {
    let row: Option<(String, i64, Vec<u8>)> = conn
        .query_row(
            "SELECT key_id, updated_at, body FROM hours_profile_choices WHERE person_id = ?1",
            [person_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let Some((key_id, updated, sealed)) = row else {
        return Ok(None);
    };
    let expected = ring.subject_key_id(person_id, CHOICE_WHAT)?;
    if crypto::sealed_key_id(&sealed) != Some(expected)
        || Uuid::parse_str(&key_id).ok() != Some(expected)
    {
        return Err(Error::Integrity(CHOICE_WHAT.into()));
    }
    let u = updated.to_string();
    ring.open_json(
        Context::new("hours_profile_choices", "body", person_id).binding(&[u.as_str()]),
        &sealed,
        CHOICE_WHAT,
    )
    .map(Some)
}

/// Opens every profile and every person's choice (backup verification)
/// into `census`. The seeds table holds nothing sealed.
pub fn open_all(conn: &Connection, ring: &KeyRing, census: &mut super::Census) -> Result<()> {
    census.entry("hours_profiles").or_default();
    for row in list::<IgnoredAny>(conn, ring)? {
        super::tally(census, ring, "hours_profiles", None, row.body.is_ok());
    }
    census.entry("hours_profile_choices").or_default();
    let mut stmt = conn.prepare("SELECT person_id FROM hours_profile_choices")?;
    let people = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for person in people {
        let opened = matches!(choice::<IgnoredAny>(conn, ring, &person), Ok(Some(_)));
        super::tally(census, ring, "hours_profile_choices", Some(&person), opened);
    }
    Ok(())
}

/// Sets a person's choice (one statement: durable on return).
pub fn set_choice<B: Serialize>(
    conn: &Connection,
    ring: &KeyRing,
    person_id: &str,
    body: &B,
    now: DateTime<Utc>,
) -> Result<()> {
    let key = ring.subject_key_id(person_id, CHOICE_WHAT)?;
    let u = to_millis(now);
    let us = u.to_string();
    let sealed = ring.seal_json(
        key,
        Context::new("hours_profile_choices", "body", person_id).binding(&[us.as_str()]),
        body,
    )?;
    conn.execute(
        "INSERT INTO hours_profile_choices (person_id, key_id, updated_at, body) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (person_id) DO UPDATE SET key_id = excluded.key_id, updated_at = excluded.updated_at, body = excluded.body",
        params![person_id, key.to_string(), u, sealed],
    )?;
    Ok(())
}

/// Removes a person's choice; `false` when there was none.
pub fn clear_choice(conn: &Connection, person_id: &str) -> Result<bool> {
    Ok(conn.execute(
        "DELETE FROM hours_profile_choices WHERE person_id = ?1",
        [person_id],
    )? > 0)
}

/// Deletes the rule-profile choice of `person_id` (erasure), in the
/// caller's transaction; returns how many rows went.
pub fn delete_of_person(tx: &rusqlite::Transaction<'_>, person_id: &str) -> Result<usize> {
    Ok(tx.execute(
        "DELETE FROM hours_profile_choices WHERE person_id = ?1",
        [person_id],
    )?)
}
