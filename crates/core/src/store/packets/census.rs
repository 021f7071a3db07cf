//! Opening every packet row (backup verification), with the same contexts
//! and key checks as reading them.

use rusqlite::Connection;
use serde::de::IgnoredAny;

use super::{
    open_item, open_person, peer_row, raw_item, raw_peer, ITEM_COLUMNS, WHAT_IDENTITY,
    WHAT_IMPORTED,
};
use crate::crypto::Context;
use crate::error::Result;
use crate::keys::KeyRing;
use crate::store::{tally, Census};

/// Opens the identity, every card, shared item and replay record into
/// `census`. A replay record opens only when it holds its own packet id.
pub fn open_all(conn: &Connection, ring: &KeyRing, census: &mut Census) -> Result<()> {
    census.entry("packet_identity").or_default();
    let identities = conn
        .prepare("SELECT created_at, body FROM packet_identity")?
        .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, Vec<u8>>(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for (created, sealed) in identities {
        let c = created.to_string();
        let bound = [c.as_str()];
        let ctx = Context::new("packet_identity", "body", "1").binding(&bound);
        let opened = ring.open(ctx, &sealed, WHAT_IDENTITY).is_ok();
        tally(census, ring, "packet_identity", None, opened);
    }
    census.entry("packet_peers").or_default();
    let peers = conn
        .prepare("SELECT person_id, key_id, added_at, body FROM packet_peers")?
        .query_map([], raw_peer)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for (p, k, a, b) in peers {
        let row = peer_row(ring, p, k, a, b);
        let opened = row.card.is_ok();
        tally(census, ring, "packet_peers", Some(&row.person_id), opened);
    }
    census.entry("shared_items").or_default();
    let items = conn
        .prepare(&format!("SELECT {ITEM_COLUMNS} FROM shared_items"))?
        .query_map([], raw_item)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for raw in items {
        let row = open_item::<IgnoredAny>(ring, raw);
        let opened = row.body.is_ok();
        tally(
            census,
            ring,
            "shared_items",
            Some(&row.meta.person_id),
            opened,
        );
    }
    census.entry("packets_imported").or_default();
    let imported = conn
        .prepare("SELECT packet_id, person_id, key_id, imported_at, body FROM packets_imported")?
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, Vec<u8>>(4)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for (packet_id, person_id, key_id, at, sealed) in imported {
        let a = at.to_string();
        let opened = open_person(
            ring,
            &person_id,
            &key_id,
            Context::new("packets_imported", "body", &packet_id)
                .binding(&[person_id.as_str(), a.as_str()]),
            &sealed,
            WHAT_IMPORTED,
        );
        let intact = matches!(opened, Ok(ref b) if b.as_slice() == packet_id.as_bytes());
        tally(census, ring, "packets_imported", Some(&person_id), intact);
    }
    Ok(())
}
