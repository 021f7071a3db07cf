//! Importing a packet (one transaction: the items, the withdrawals, the
//! replay guard and the other domains' effects) and listing what was
//! shared with a person.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::open::open_in;
use super::view::{Direction, ImportOutcome, SharedItem};
use super::{Opened, Packets, StoredItem};
use crate::error::{Error, Result};
use crate::keys::KeyRing;
use crate::store::{self, packets as rows, packets::Way};

/// The title listed for a shared item that failed its integrity check.
pub const DAMAGED_TITLE: &str = "Damaged shared item";

impl Packets<'_> {
    /// Imports a packet: opens it again (every check of
    /// [`Packets::open`]), then in ONE transaction stores every item under
    /// the sender, removes the received items it withdraws, records its id
    /// against replay, and calls `land` for the effects other domains
    /// apply (their plain-language lines become
    /// [`ImportOutcome::effects`]). Any error, in `land` too, and nothing
    /// is written. One of this vault's own packets is never imported.
    pub fn import_with(
        &mut self,
        bytes: &[u8],
        now: DateTime<Utc>,
        land: impl FnOnce(&rusqlite::Transaction<'_>, &KeyRing, &Opened) -> Result<Vec<String>>,
    ) -> Result<ImportOutcome> {
        let u = self.vault.unlocked()?;
        let ring = &*u.ring;
        let opened = open_in(u.conn, ring, bytes)?;
        if opened.own {
            return Err(Error::ReadOnly(
                "This packet was written by this vault. It can be reopened to read, but never imported.",
            ));
        }
        let person_id = opened.sender_person_id.clone();
        let (revoked, effects) = store::write(u.conn, |tx| {
            for item in &opened.items {
                if rows::item_exists(tx, &item.id, Way::Received)? {
                    return Err(Error::InvalidInput(
                        "This packet repeats an item already imported from another packet. Nothing was imported."
                            .into(),
                    ));
                }
                let meta = rows::ItemMeta {
                    id: item.id.clone(),
                    way: Way::Received,
                    person_id: person_id.clone(),
                    packet_id: opened.packet_id.clone(),
                    shared_at: opened.created_at,
                    revoked_at: None,
                };
                let stored = StoredItem {
                    title: item.title.clone(),
                    body: item.body.clone(),
                    source_key: None,
                };
                rows::insert_item(tx, ring, &meta, &stored)?;
            }
            let mut revoked = Vec::new();
            for id in &opened.revocations {
                let Some(row) = rows::item::<StoredItem>(tx, ring, &person_id, id, Way::Received)?
                else {
                    continue; // never received, or already removed
                };
                rows::delete_received(tx, &person_id, id)?;
                revoked.push(
                    row.body
                        .map(|b| b.title)
                        .unwrap_or_else(|_| DAMAGED_TITLE.to_string()),
                );
            }
            rows::insert_imported(tx, ring, &opened.packet_id, &person_id, now)?;
            let effects = land(tx, ring, &opened)?;
            let detail = items_detail(opened.items.len(), revoked.len());
            store::audit::append(
                tx,
                ring,
                store::audit::AuditEvent::PacketImported,
                &detail,
                now,
            )?;
            Ok((revoked, effects))
        })?;
        if !revoked.is_empty() {
            store::checkpoint(u.conn)?;
        }
        Ok(ImportOutcome {
            person_id,
            added: u32::try_from(opened.items.len()).unwrap_or(u32::MAX),
            revoked,
            effects,
        })
    }

    /// The items shared with or by `person_id`, newest first. A damaged
    /// item is listed with no body (and the title [`DAMAGED_TITLE`]).
    pub fn shared_items(&mut self, person_id: &str) -> Result<Vec<SharedItem>> {
        let u = self.vault.unlocked()?;
        let rows = rows::items_of_person::<StoredItem>(u.conn, u.ring, person_id)?;
        Ok(rows
            .into_iter()
            .map(|row| {
                let (title, body) = match row.body {
                    Ok(item) => (item.title, Some(item.body)),
                    Err(_) => (DAMAGED_TITLE.to_string(), None),
                };
                SharedItem {
                    id: row.meta.id,
                    person_id: row.meta.person_id,
                    direction: match row.meta.way {
                        Way::Sent => Direction::Sent,
                        Way::Received => Direction::Received,
                    },
                    shared_at: row.meta.shared_at,
                    title,
                    body,
                    revoked_at: row.meta.revoked_at,
                }
            })
            .collect())
    }

    /// When each source was last sent to `person_id`: the `source_key`
    /// given to [`Packets::seal`] and the latest time a packet carried it.
    /// Damaged items are left out.
    pub fn last_sent(&mut self, person_id: &str) -> Result<Vec<(String, DateTime<Utc>)>> {
        let u = self.vault.unlocked()?;
        let rows = rows::items_of_person::<StoredItem>(u.conn, u.ring, person_id)?;
        let mut latest: HashMap<String, DateTime<Utc>> = HashMap::new();
        for row in rows {
            if row.meta.way != Way::Sent {
                continue;
            }
            let Ok(item) = row.body else { continue };
            let Some(key) = item.source_key else { continue };
            let at = row.meta.shared_at;
            latest
                .entry(key)
                .and_modify(|t| *t = (*t).max(at))
                .or_insert(at);
        }
        let mut out: Vec<(String, DateTime<Utc>)> = latest.into_iter().collect();
        out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        Ok(out)
    }
}

/// "3 items, 1 withdrawn" for the security log (counts only).
pub(crate) fn items_detail(items: usize, withdrawn: usize) -> String {
    let mut out = match items {
        1 => "1 item".to_string(),
        n => format!("{n} items"),
    };
    if withdrawn > 0 {
        out.push_str(&format!(", {withdrawn} withdrawn"));
    }
    out
}
