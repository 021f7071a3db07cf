//! The packet tables: `packet_identity` (this vault's packet identity),
//! `packet_peers` (a person's card), `shared_items` (items sent to or
//! received from a person) and `packets_imported` (the replay guard).
//!
//! Keys and AAD:
//! - `packet_identity`: the vault key; table `packet_identity`, column
//!   `body`, row `1`, bound: `created_at`.
//! - `packet_peers`: the person's data key; row = the person id, bound:
//!   `added_at`.
//! - `shared_items`: the person's data key; row = `<id>/<direction>/<person>`,
//!   bound: `packet_id`, `shared_at`, `revoked_at` (empty when none).
//! - `packets_imported`: the sender's data key; row = the packet id, bound:
//!   `person_id`, `imported_at`.
//!
//! A person's rows are sealed under the key their authenticated data-key
//! record names (never the plaintext `key_id` column, which must agree), so
//! a row moved to another person on disk is damaged, and erasing the person
//! shreds them. One damaged row never fails a list.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::de::DeserializeOwned;
use serde::Serialize;
use uuid::Uuid;
use zeroize::Zeroizing;

use super::{from_millis, to_millis};
use crate::crypto::{self, Context};
use crate::error::{Error, Result};
use crate::keys::{KeyRing, Scope};

/// What an integrity error calls the identity.
pub const WHAT_IDENTITY: &str = "This vault's packet identity";
/// What an integrity error calls a peer's card.
pub const WHAT_PEER: &str = "The stored packet key";
/// What an integrity error calls a shared item.
pub const WHAT_ITEM: &str = "This shared item";
/// What an integrity error calls an entry of the replay guard.
pub const WHAT_IMPORTED: &str = "The record of an imported packet";

mod census;
pub use census::open_all;

// ----- identity ---------------------------------------------------------------

/// This vault's identity secret as stored (opened), with when it was made.
pub struct IdentityRow {
    /// When it was made.
    pub created_at: DateTime<Utc>,
    /// The sealed secret, opened (or why it did not open).
    pub secret: Result<Zeroizing<Vec<u8>>>,
}

/// The identity, if one was made.
pub fn identity(conn: &Connection, ring: &KeyRing) -> Result<Option<IdentityRow>> {
    let row: Option<(i64, Vec<u8>)> = conn
        .query_row(
            "SELECT created_at, body FROM packet_identity WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((created, sealed)) = row else {
        return Ok(None);
    };
    let c = created.to_string();
    let secret = ring.open(
        Context::new("packet_identity", "body", "1").binding(&[c.as_str()]),
        &sealed,
        WHAT_IDENTITY,
    );
    Ok(Some(IdentityRow {
        created_at: from_millis(created)?,
        secret,
    }))
}

/// Stores the identity secret (once; a second identity is refused by the
/// table's key).
pub fn insert_identity(
    tx: &Transaction<'_>,
    ring: &KeyRing,
    secret: &[u8],
    now: DateTime<Utc>,
) -> Result<()> {
    let ms = to_millis(now);
    let c = ms.to_string();
    let sealed = ring.seal(
        ring.scope_id(Scope::Vault)?,
        Context::new("packet_identity", "body", "1").binding(&[c.as_str()]),
        secret,
    )?;
    tx.execute(
        "INSERT INTO packet_identity (id, created_at, body) VALUES (1, ?1, ?2)",
        params![ms, sealed],
    )?;
    Ok(())
}

// ----- person-keyed helpers ---------------------------------------------------

/// Opens `sealed` of a row of `person_id`, checking that the value and the
/// `key_id` column both name the person's data key.
fn open_person(
    ring: &KeyRing,
    person_id: &str,
    key_id: &str,
    ctx: Context<'_>,
    sealed: &[u8],
    what: &str,
) -> Result<Zeroizing<Vec<u8>>> {
    let expected = ring.subject_key_id(person_id, what)?;
    if crypto::sealed_key_id(sealed) != Some(expected)
        || Uuid::parse_str(key_id).ok() != Some(expected)
    {
        return Err(Error::Integrity(what.to_string()));
    }
    ring.open(ctx, sealed, what)
}

fn json<B: DeserializeOwned>(bytes: Result<Zeroizing<Vec<u8>>>, what: &str) -> Result<B> {
    serde_json::from_slice(&bytes?).map_err(|_| Error::Integrity(what.to_string()))
}

// ----- peers ------------------------------------------------------------------

/// A card stored on a person.
pub struct PeerRow {
    /// The person.
    pub person_id: String,
    /// When it was stored (the epoch when the stored value is out of range).
    pub added_at: DateTime<Utc>,
    /// The card text (or why it did not open).
    pub card: Result<String>,
}

fn peer_row(
    ring: &KeyRing,
    person_id: String,
    key_id: String,
    added: i64,
    sealed: Vec<u8>,
) -> PeerRow {
    let a = added.to_string();
    let card = open_person(
        ring,
        &person_id,
        &key_id,
        Context::new("packet_peers", "body", &person_id).binding(&[a.as_str()]),
        &sealed,
        WHAT_PEER,
    )
    .and_then(|b| String::from_utf8(b.to_vec()).map_err(|_| Error::Integrity(WHAT_PEER.into())));
    PeerRow {
        added_at: DateTime::from_timestamp_millis(added).unwrap_or(DateTime::<Utc>::UNIX_EPOCH),
        person_id,
        card,
    }
}

type RawPeer = (String, String, i64, Vec<u8>);

fn raw_peer(r: &rusqlite::Row<'_>) -> rusqlite::Result<RawPeer> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
}

/// The card stored on `person_id`, if any.
pub fn peer(conn: &Connection, ring: &KeyRing, person_id: &str) -> Result<Option<PeerRow>> {
    let row = conn
        .query_row(
            "SELECT person_id, key_id, added_at, body FROM packet_peers WHERE person_id = ?1",
            [person_id],
            raw_peer,
        )
        .optional()?;
    Ok(row.map(|(p, k, a, b)| peer_row(ring, p, k, a, b)))
}

/// Every stored card.
pub fn peers(conn: &Connection, ring: &KeyRing) -> Result<Vec<PeerRow>> {
    let mut stmt = conn.prepare("SELECT person_id, key_id, added_at, body FROM packet_peers")?;
    let rows = stmt
        .query_map([], raw_peer)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows
        .into_iter()
        .map(|(p, k, a, b)| peer_row(ring, p, k, a, b))
        .collect())
}

/// Stores (or replaces) the card on `person_id`.
pub fn put_peer(
    tx: &Transaction<'_>,
    ring: &KeyRing,
    person_id: &str,
    card: &str,
    now: DateTime<Utc>,
) -> Result<DateTime<Utc>> {
    let key_id = ring.subject_key_id(person_id, WHAT_PEER)?;
    let ms = to_millis(now);
    let a = ms.to_string();
    let sealed = ring.seal(
        key_id,
        Context::new("packet_peers", "body", person_id).binding(&[a.as_str()]),
        card.as_bytes(),
    )?;
    tx.execute(
        "INSERT INTO packet_peers (person_id, key_id, added_at, body) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (person_id) DO UPDATE SET key_id = ?2, added_at = ?3, body = ?4",
        params![person_id, key_id.to_string(), ms, sealed],
    )?;
    from_millis(ms)
}

/// Removes the card on `person_id`; `false` when there was none.
pub fn delete_peer(conn: &Connection, person_id: &str) -> Result<bool> {
    Ok(conn.execute("DELETE FROM packet_peers WHERE person_id = ?1", [person_id])? > 0)
}

// ----- shared items -----------------------------------------------------------

/// Which way an item went, as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Way {
    /// Sent by this vault.
    Sent,
    /// Received by this vault.
    Received,
}

impl Way {
    fn as_str(self) -> &'static str {
        match self {
            Way::Sent => "sent",
            Way::Received => "received",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        match s {
            "sent" => Some(Way::Sent),
            "received" => Some(Way::Received),
            _ => None,
        }
    }
}

/// The plaintext columns of a shared item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemMeta {
    /// The item's id in its packet.
    pub id: String,
    /// Sent or received.
    pub way: Way,
    /// The person it was shared with or by.
    pub person_id: String,
    /// The packet that carried it.
    pub packet_id: String,
    /// When that packet was written.
    pub shared_at: DateTime<Utc>,
    /// When a revocation for it was sent (sent items).
    pub revoked_at: Option<DateTime<Utc>>,
}

/// A shared item as stored, its body opened as `B` (or why it did not open).
pub struct ItemRow<B> {
    /// The plaintext columns.
    pub meta: ItemMeta,
    /// The sealed body.
    pub body: Result<B>,
}

const ITEM_COLUMNS: &str =
    "id, direction, person_id, packet_id, key_id, shared_at, revoked_at, body";

struct RawItem {
    id: String,
    way: String,
    person_id: String,
    packet_id: String,
    key_id: String,
    shared: i64,
    revoked: Option<i64>,
    body: Vec<u8>,
}

fn raw_item(r: &rusqlite::Row<'_>) -> rusqlite::Result<RawItem> {
    Ok(RawItem {
        id: r.get(0)?,
        way: r.get(1)?,
        person_id: r.get(2)?,
        packet_id: r.get(3)?,
        key_id: r.get(4)?,
        shared: r.get(5)?,
        revoked: r.get(6)?,
        body: r.get(7)?,
    })
}

fn item_bound(packet_id: &str, shared: i64, revoked: Option<i64>) -> [String; 3] {
    [
        packet_id.to_string(),
        shared.to_string(),
        revoked.map(|v| v.to_string()).unwrap_or_default(),
    ]
}

fn item_row_key(id: &str, way: &str, person_id: &str) -> String {
    format!("{id}/{way}/{person_id}")
}

fn open_item<B: DeserializeOwned>(ring: &KeyRing, raw: RawItem) -> ItemRow<B> {
    let epoch = DateTime::<Utc>::UNIX_EPOCH;
    let way = Way::parse(&raw.way);
    let shared = DateTime::from_timestamp_millis(raw.shared);
    let revoked = raw.revoked.map(DateTime::from_timestamp_millis);
    let body = (|| {
        if way.is_none() || shared.is_none() || matches!(revoked, Some(None)) {
            return Err(Error::Integrity(WHAT_ITEM.into()));
        }
        let values = item_bound(&raw.packet_id, raw.shared, raw.revoked);
        let parts = [values[0].as_str(), values[1].as_str(), values[2].as_str()];
        let rk = item_row_key(&raw.id, &raw.way, &raw.person_id);
        let bytes = open_person(
            ring,
            &raw.person_id,
            &raw.key_id,
            Context::new("shared_items", "body", &rk).binding(&parts),
            &raw.body,
            WHAT_ITEM,
        );
        json(bytes, WHAT_ITEM)
    })();
    ItemRow {
        meta: ItemMeta {
            id: raw.id,
            way: way.unwrap_or(Way::Received),
            person_id: raw.person_id,
            packet_id: raw.packet_id,
            shared_at: shared.unwrap_or(epoch),
            revoked_at: revoked.flatten(),
        },
        body,
    }
}

fn seal_item<B: Serialize>(ring: &KeyRing, meta: &ItemMeta, body: &B) -> Result<(Uuid, Vec<u8>)> {
    let key_id = ring.subject_key_id(&meta.person_id, WHAT_ITEM)?;
    let values = item_bound(
        &meta.packet_id,
        to_millis(meta.shared_at),
        meta.revoked_at.map(to_millis),
    );
    let parts = [values[0].as_str(), values[1].as_str(), values[2].as_str()];
    let rk = item_row_key(&meta.id, meta.way.as_str(), &meta.person_id);
    let sealed = ring.seal_json(
        key_id,
        Context::new("shared_items", "body", &rk).binding(&parts),
        body,
    )?;
    Ok((key_id, sealed))
}

/// Stores a shared item (in the caller's transaction).
pub fn insert_item<B: Serialize>(
    tx: &Transaction<'_>,
    ring: &KeyRing,
    meta: &ItemMeta,
    body: &B,
) -> Result<()> {
    let (key_id, sealed) = seal_item(ring, meta, body)?;
    tx.execute(
        &format!(
            "INSERT INTO shared_items ({ITEM_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
        ),
        params![
            meta.id,
            meta.way.as_str(),
            meta.person_id,
            meta.packet_id,
            key_id.to_string(),
            to_millis(meta.shared_at),
            meta.revoked_at.map(to_millis),
            sealed
        ],
    )?;
    Ok(())
}

/// Whether an item with this id and direction is stored (under anyone).
pub fn item_exists(conn: &Connection, id: &str, way: Way) -> Result<bool> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM shared_items WHERE id = ?1 AND direction = ?2",
            params![id, way.as_str()],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// One item of `person_id` in direction `way`, or `None`.
pub fn item<B: DeserializeOwned>(
    conn: &Connection,
    ring: &KeyRing,
    person_id: &str,
    id: &str,
    way: Way,
) -> Result<Option<ItemRow<B>>> {
    let raw = conn
        .query_row(
            &format!(
                "SELECT {ITEM_COLUMNS} FROM shared_items
                 WHERE id = ?1 AND direction = ?2 AND person_id = ?3"
            ),
            params![id, way.as_str(), person_id],
            raw_item,
        )
        .optional()?;
    Ok(raw.map(|r| open_item(ring, r)))
}

/// Every item shared with or by `person_id`, newest first.
pub fn items_of_person<B: DeserializeOwned>(
    conn: &Connection,
    ring: &KeyRing,
    person_id: &str,
) -> Result<Vec<ItemRow<B>>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {ITEM_COLUMNS} FROM shared_items WHERE person_id = ?1
         ORDER BY shared_at DESC, direction, id"
    ))?;
    let rows = stmt
        .query_map([person_id], raw_item)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows.into_iter().map(|r| open_item(ring, r)).collect())
}

/// Every shared item (for the search index), newest first. Rows of erased
/// people are left out.
pub fn all_items<B: DeserializeOwned>(
    conn: &Connection,
    ring: &KeyRing,
) -> Result<Vec<ItemRow<B>>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {ITEM_COLUMNS} FROM shared_items ORDER BY shared_at DESC, direction, id"
    ))?;
    let rows = stmt
        .query_map([], raw_item)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows
        .into_iter()
        .filter(|r| !ring.is_erased(&r.person_id))
        .map(|r| open_item(ring, r))
        .collect())
}

/// Deletes a received item of `person_id`; `false` when there was none.
pub fn delete_received(tx: &Transaction<'_>, person_id: &str, id: &str) -> Result<bool> {
    Ok(tx.execute(
        "DELETE FROM shared_items WHERE id = ?1 AND direction = 'received' AND person_id = ?2",
        params![id, person_id],
    )? > 0)
}

/// Replaces the revocation time of an item, sealing its body again with
/// the new bound value (the body must have opened).
pub fn set_revoked<B: Serialize>(
    tx: &Transaction<'_>,
    ring: &KeyRing,
    meta: &ItemMeta,
    body: &B,
    revoked_at: DateTime<Utc>,
) -> Result<()> {
    let meta = ItemMeta {
        revoked_at: Some(from_millis(to_millis(revoked_at))?),
        ..meta.clone()
    };
    let (_, sealed) = seal_item(ring, &meta, body)?;
    tx.execute(
        "UPDATE shared_items SET revoked_at = ?4, body = ?5
         WHERE id = ?1 AND direction = ?2 AND person_id = ?3",
        params![
            meta.id,
            meta.way.as_str(),
            meta.person_id,
            meta.revoked_at.map(to_millis),
            sealed
        ],
    )?;
    Ok(())
}

// ----- replay guard -------------------------------------------------------------

/// A packet recorded as imported.
pub struct ImportedRow {
    /// From whom.
    pub person_id: String,
    /// When it was imported.
    pub imported_at: DateTime<Utc>,
    /// Whether its sealed record opened (a damaged record still blocks the
    /// packet from being imported again).
    pub intact: bool,
}

/// The record of packet `packet_id` having been imported, if any.
pub fn imported(conn: &Connection, ring: &KeyRing, packet_id: &str) -> Result<Option<ImportedRow>> {
    let row: Option<(String, String, i64, Vec<u8>)> = conn
        .query_row(
            "SELECT person_id, key_id, imported_at, body FROM packets_imported WHERE packet_id = ?1",
            [packet_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    Ok(row.map(|(person_id, key_id, at, sealed)| {
        let a = at.to_string();
        let opened = open_person(
            ring,
            &person_id,
            &key_id,
            Context::new("packets_imported", "body", packet_id)
                .binding(&[person_id.as_str(), a.as_str()]),
            &sealed,
            WHAT_IMPORTED,
        );
        let intact = matches!(opened, Ok(ref b) if b.as_slice() == packet_id.as_bytes());
        ImportedRow {
            imported_at: DateTime::from_timestamp_millis(at).unwrap_or(DateTime::<Utc>::UNIX_EPOCH),
            person_id,
            intact,
        }
    }))
}

/// Records packet `packet_id` from `person_id` as imported.
pub fn insert_imported(
    tx: &Transaction<'_>,
    ring: &KeyRing,
    packet_id: &str,
    person_id: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let key_id = ring.subject_key_id(person_id, WHAT_IMPORTED)?;
    let ms = to_millis(now);
    let a = ms.to_string();
    let sealed = ring.seal(
        key_id,
        Context::new("packets_imported", "body", packet_id).binding(&[person_id, a.as_str()]),
        packet_id.as_bytes(),
    )?;
    tx.execute(
        "INSERT INTO packets_imported (packet_id, person_id, key_id, imported_at, body)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![packet_id, person_id, key_id.to_string(), ms, sealed],
    )?;
    Ok(())
}

// ----- erasure ------------------------------------------------------------------

/// Deletes the card, the shared items and the replay records of
/// `person_id`, in the caller's transaction (erasing a person). Returns how
/// many rows went.
pub fn delete_of_person(tx: &Transaction<'_>, person_id: &str) -> Result<usize> {
    let mut n = tx.execute("DELETE FROM packet_peers WHERE person_id = ?1", [person_id])?;
    n += tx.execute("DELETE FROM shared_items WHERE person_id = ?1", [person_id])?;
    n += tx.execute(
        "DELETE FROM packets_imported WHERE person_id = ?1",
        [person_id],
    )?;
    Ok(n)
}
