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
use crate::store::{census_rows, Census};

/// Opens the identity, every card, shared item and replay record into
/// `census`. A replay record opens only when it holds its own packet id.
pub fn open_all(conn: &Connection, ring: &KeyRing, census: &mut Census) -> Result<()> {
    let sql = "SELECT created_at, body FROM packet_identity";
    let map = |r: &rusqlite::Row<'_>| Ok((r.get::<_, i64>(0)?, r.get::<_, Vec<u8>>(1)?));
    census_rows(conn, ring, census, "packet_identity", sql, map, |row| {
        let (created, sealed) = row;
        let c = created.to_string();
        let bound = [c.as_str()];
        let ctx = Context::new("packet_identity", "body", "1").binding(&bound);
        (None, ring.open(ctx, &sealed, WHAT_IDENTITY).is_ok())
    })?;
    let sql = "SELECT person_id, key_id, added_at, body FROM packet_peers";
    census_rows(
        conn,
        ring,
        census,
        "packet_peers",
        sql,
        raw_peer,
        |(p, k, a, b)| {
            let row = peer_row(ring, p, k, a, b);
            (Some(row.person_id), row.card.is_ok())
        },
    )?;
    let sql = format!("SELECT {ITEM_COLUMNS} FROM shared_items");
    census_rows(conn, ring, census, "shared_items", &sql, raw_item, |raw| {
        let row = open_item::<IgnoredAny>(ring, raw);
        (Some(row.meta.person_id), row.body.is_ok())
    })?;
    let sql = "SELECT packet_id, person_id, key_id, imported_at, body FROM packets_imported";
    let map = |r: &rusqlite::Row<'_>| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, i64>(3)?,
            r.get::<_, Vec<u8>>(4)?,
        ))
    };
    census_rows(conn, ring, census, "packets_imported", sql, map, |row| {
        let (packet_id, person_id, key_id, at, sealed) = row;
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
        (Some(person_id), intact)
    })
}
