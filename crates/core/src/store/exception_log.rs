//! The `exception_entries` and `exception_addenda` tables: the
//! confidentiality-exception log of a supervisee, each row sealed under that
//! person's data key, so erasing the person (destroying the key) makes their
//! log unreadable although the rows stay.
//!
//! There is no update and no delete here, on purpose: an entry is permanent
//! and corrections are addenda. The schema's triggers abort any `UPDATE` or
//! `DELETE` of either table, so no other writer can do it through SQLite
//! either.
//!
//! AAD of an entry: table `exception_entries`, column `body`, row =
//! `<id>/<person_id>`, bound: `created_at`. AAD of an addendum: table
//! `exception_addenda`, column `body`, row = `<id>/<entry_id>/<person_id>`,
//! bound: `seq` and `created_at`. A body copied to another row or person, a
//! renumbered addendum or an edited timestamp makes that one row damaged.
//!
//! Key: the person's data key as its authenticated data-key record names it;
//! the plaintext `key_id` column and the sealed value's header must both
//! name it, or the row is damaged.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::de::{DeserializeOwned, IgnoredAny};
use serde::Serialize;
use uuid::Uuid;

use super::to_millis;
use crate::crypto::{self, Context};
use crate::error::{Error, Result};
use crate::keys::KeyRing;

/// What an integrity error calls an entry.
pub const WHAT: &str = "This confidentiality-exception entry";
/// What an integrity error calls an addendum.
pub const WHAT_ADDENDUM: &str = "This addendum";

/// One entry as stored, with its body opened as `B` (or why it did not open).
pub struct EntryRow<B> {
    /// Entry id.
    pub id: String,
    /// The supervisee it is about.
    pub person_id: String,
    /// When it was recorded (the epoch when the stored value is out of range).
    pub created_at: DateTime<Utc>,
    /// The sealed fields, or an integrity error for this entry alone.
    pub body: Result<B>,
}

/// One addendum as stored.
pub struct AddendumRow<B> {
    /// Addendum id.
    pub id: String,
    /// The entry it corrects or adds to.
    pub entry_id: String,
    /// Its place under the entry, from 1 (0 when the stored value is out of range).
    pub seq: u32,
    /// When it was written: the addendum's date.
    pub created_at: DateTime<Utc>,
    /// The sealed text, or an integrity error for this addendum alone.
    pub body: Result<B>,
}

/// Opens a sealed value after checking that both the header and the plaintext
/// `key_id` name the person's key.
fn open_checked<B: DeserializeOwned>(
    ring: &KeyRing,
    person_id: &str,
    key_id: &str,
    sealed: &[u8],
    ctx: Context<'_>,
    what: &str,
) -> Result<B> {
    let expected = ring.subject_key_id(person_id, what)?;
    if crypto::sealed_key_id(sealed) != Some(expected)
        || Uuid::parse_str(key_id).ok() != Some(expected)
    {
        return Err(Error::Integrity(what.into()));
    }
    ring.open_json(ctx, sealed, what)
}

fn entry_row_key(id: &str, person_id: &str) -> String {
    format!("{id}/{person_id}")
}

fn addendum_row_key(id: &str, entry_id: &str, person_id: &str) -> String {
    format!("{id}/{entry_id}/{person_id}")
}

type RawEntry = (String, String, String, i64, Vec<u8>);

fn open_entry<B: DeserializeOwned>(ring: &KeyRing, raw: RawEntry) -> EntryRow<B> {
    let (id, person_id, key_id, created, sealed) = raw;
    let at = DateTime::from_timestamp_millis(created);
    let body = match at {
        None => Err(Error::Integrity(WHAT.into())),
        Some(_) => {
            let c = created.to_string();
            let bound = [c.as_str()];
            let rk = entry_row_key(&id, &person_id);
            open_checked(
                ring,
                &person_id,
                &key_id,
                &sealed,
                Context::new("exception_entries", "body", &rk).binding(&bound),
                WHAT,
            )
        }
    };
    EntryRow {
        id,
        person_id,
        created_at: at.unwrap_or(DateTime::<Utc>::UNIX_EPOCH),
        body,
    }
}

/// Every entry about `person_id`, most recently recorded first, each opened
/// on its own (one damaged entry never fails the list).
pub fn of_person<B: DeserializeOwned>(
    conn: &Connection,
    ring: &KeyRing,
    person_id: &str,
) -> Result<Vec<EntryRow<B>>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, person_id, key_id, created_at, body FROM exception_entries
         WHERE person_id = ?1 ORDER BY created_at DESC, id DESC",
    )?;
    let rows = stmt
        .query_map([person_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?
        .collect::<rusqlite::Result<Vec<RawEntry>>>()?;
    Ok(rows.into_iter().map(|r| open_entry(ring, r)).collect())
}

/// Opens every entry and addendum (backup verification) into `census`; an
/// erased person's rows (kept, unreadable) count as erased.
pub fn open_all(conn: &Connection, ring: &KeyRing, census: &mut super::Census) -> Result<()> {
    super::census_rows(
        conn,
        ring,
        census,
        "exception_entries",
        "SELECT id, person_id, key_id, created_at, body FROM exception_entries",
        |r| -> rusqlite::Result<RawEntry> {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        },
        |raw| {
            let row = open_entry::<IgnoredAny>(ring, raw);
            (Some(row.person_id), row.body.is_ok())
        },
    )?;
    super::census_rows(
        conn,
        ring,
        census,
        "exception_addenda",
        &format!("SELECT {ADDENDUM_COLUMNS} FROM exception_addenda"),
        raw_addendum,
        |raw| {
            let person = raw.2.clone();
            (
                Some(person),
                open_addendum::<IgnoredAny>(ring, raw).body.is_ok(),
            )
        },
    )
}

/// The person an entry is about, or `None` when there is no such entry.
pub fn person_of(conn: &Connection, entry_id: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT person_id FROM exception_entries WHERE id = ?1",
            [entry_id],
            |r| r.get(0),
        )
        .optional()?)
}

/// One entry, or `None`.
pub fn get<B: DeserializeOwned>(
    conn: &Connection,
    ring: &KeyRing,
    entry_id: &str,
) -> Result<Option<EntryRow<B>>> {
    let raw = conn
        .query_row(
            "SELECT id, person_id, key_id, created_at, body FROM exception_entries WHERE id = ?1",
            [entry_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .optional()?;
    Ok(raw.map(|r| open_entry(ring, r)))
}

/// Adds an entry sealed under the person's key. Run it in the caller's
/// transaction together with the checks it depends on.
pub fn insert<B: Serialize>(
    conn: &Connection,
    ring: &KeyRing,
    id: &str,
    person_id: &str,
    created_at: DateTime<Utc>,
    body: &B,
) -> Result<()> {
    let key_id = ring.subject_key_id(person_id, WHAT)?;
    let created = to_millis(created_at);
    let c = created.to_string();
    let bound = [c.as_str()];
    let rk = entry_row_key(id, person_id);
    let sealed = ring.seal_json(
        key_id,
        Context::new("exception_entries", "body", &rk).binding(&bound),
        body,
    )?;
    conn.execute(
        "INSERT INTO exception_entries (id, person_id, key_id, created_at, body)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![id, person_id, key_id.to_string(), created, sealed],
    )?;
    Ok(())
}

type RawAddendum = (String, String, String, String, i64, i64, Vec<u8>);

/// The columns [`raw_addendum`] reads, in its order.
const ADDENDUM_COLUMNS: &str = "id, entry_id, person_id, key_id, seq, created_at, body";

fn raw_addendum(r: &rusqlite::Row<'_>) -> rusqlite::Result<RawAddendum> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
    ))
}

fn open_addendum<B: DeserializeOwned>(ring: &KeyRing, raw: RawAddendum) -> AddendumRow<B> {
    let (id, entry_id, person_id, key_id, seq, created, sealed) = raw;
    let at = DateTime::from_timestamp_millis(created);
    let seq_ok = u32::try_from(seq).ok().filter(|s| *s >= 1);
    let body = if at.is_none() || seq_ok.is_none() {
        Err(Error::Integrity(WHAT_ADDENDUM.into()))
    } else {
        let (s, c) = (seq.to_string(), created.to_string());
        let bound = [s.as_str(), c.as_str()];
        let rk = addendum_row_key(&id, &entry_id, &person_id);
        open_checked(
            ring,
            &person_id,
            &key_id,
            &sealed,
            Context::new("exception_addenda", "body", &rk).binding(&bound),
            WHAT_ADDENDUM,
        )
    };
    AddendumRow {
        id,
        entry_id,
        seq: seq_ok.unwrap_or(0),
        created_at: at.unwrap_or(DateTime::<Utc>::UNIX_EPOCH),
        body,
    }
}

/// Every addendum to the entries of `person_id`, in order under each entry
/// (by `seq`), each opened on its own.
pub fn addenda_of_person<B: DeserializeOwned>(
    conn: &Connection,
    ring: &KeyRing,
    person_id: &str,
) -> Result<Vec<AddendumRow<B>>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {ADDENDUM_COLUMNS} FROM exception_addenda
         WHERE person_id = ?1 ORDER BY entry_id, seq"
    ))?;
    let rows = stmt
        .query_map([person_id], raw_addendum)?
        .collect::<rusqlite::Result<Vec<RawAddendum>>>()?;
    Ok(rows.into_iter().map(|r| open_addendum(ring, r)).collect())
}

/// One more than the highest addendum number under `entry_id` (1 for the first).
pub fn next_seq(conn: &Connection, entry_id: &str) -> Result<u32> {
    let max: Option<i64> = conn.query_row(
        "SELECT max(seq) FROM exception_addenda WHERE entry_id = ?1",
        [entry_id],
        |r| r.get(0),
    )?;
    u32::try_from(max.unwrap_or(0) + 1).map_err(|_| Error::Integrity(WHAT_ADDENDUM.into()))
}

/// The stored fields of a new addendum.
pub struct NewAddendum<'a> {
    /// Addendum id.
    pub id: &'a str,
    /// The entry it belongs to.
    pub entry_id: &'a str,
    /// That entry's person.
    pub person_id: &'a str,
    /// Its number under the entry.
    pub seq: u32,
    /// Its date.
    pub created_at: DateTime<Utc>,
}

/// Adds an addendum sealed under the person's key. Run it in the caller's
/// transaction, after [`next_seq`] there.
pub fn insert_addendum<B: Serialize>(
    conn: &Connection,
    ring: &KeyRing,
    new: &NewAddendum<'_>,
    body: &B,
) -> Result<()> {
    let key_id = ring.subject_key_id(new.person_id, WHAT_ADDENDUM)?;
    let created = to_millis(new.created_at);
    let (s, c) = (new.seq.to_string(), created.to_string());
    let bound = [s.as_str(), c.as_str()];
    let rk = addendum_row_key(new.id, new.entry_id, new.person_id);
    let sealed = ring.seal_json(
        key_id,
        Context::new("exception_addenda", "body", &rk).binding(&bound),
        body,
    )?;
    conn.execute(
        "INSERT INTO exception_addenda (id, entry_id, person_id, key_id, seq, created_at, body)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            new.id,
            new.entry_id,
            new.person_id,
            key_id.to_string(),
            new.seq,
            created,
            sealed
        ],
    )?;
    Ok(())
}
