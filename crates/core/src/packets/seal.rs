//! Writing a packet: the payload signed with this vault's Ed25519 key,
//! encrypted with `age` to two recipients (the person's and this vault's
//! own, so the sender can reopen it), and the items recorded as sent.

use std::io::Write;

use chrono::{DateTime, Utc};
use ed25519_dalek::Signer;
use uuid::Uuid;
use zeroize::Zeroizing;

use super::card::encode_b64url;
use super::identity::{own, peer_card, Own};
use super::wire::{signed_message, Envelope, Payload, WireItem};
use super::{
    Outgoing, Packets, Sealed, StoredItem, ITEM_TITLE_CHARS, MAX_PACKET_BYTES, MAX_PACKET_ITEMS,
    MAX_PACKET_REVOCATIONS, PACKET_FORMAT,
};
use crate::error::{Error, Result};
use crate::store::{self, packets as rows, packets::Way};
use crate::validate;

/// Longest source key kept with a sent item, in bytes.
const SOURCE_KEY_BYTES: usize = 1024;

fn json_bytes<T: serde::Serialize>(value: &T) -> Result<Zeroizing<Vec<u8>>> {
    serde_json::to_vec(value)
        .map(Zeroizing::new)
        .map_err(|e| Error::Internal(e.to_string()))
}

/// Signs `payload` and encrypts the envelope to `to` and to this vault.
pub(crate) fn encrypt(me: &Own, to: &age::x25519::Recipient, payload: &[u8]) -> Result<Vec<u8>> {
    let signature = me.signing.sign(&signed_message(payload));
    let envelope = Envelope {
        format: PACKET_FORMAT,
        payload: encode_b64url(payload),
        signature: encode_b64url(&signature.to_bytes()),
    };
    let plain = json_bytes(&envelope)?;
    let mine = me.age.to_public();
    let recipients: [&dyn age::Recipient; 2] = [to, &mine];
    let encryptor = age::Encryptor::with_recipients(recipients.into_iter())
        .map_err(|e| Error::Internal(format!("age: {e}")))?;
    let mut out = Vec::with_capacity(plain.len() + 1024);
    let mut writer = encryptor.wrap_output(&mut out)?;
    writer.write_all(&plain)?;
    writer.finish()?;
    Ok(out)
}

impl Packets<'_> {
    /// Writes a packet to `person_id` carrying `items` and withdrawing the
    /// earlier sent items `revocations`, and records, in one transaction,
    /// the items as sent and the withdrawn ones as revoked. The person
    /// needs a stored card. Each title is one line; a packet needs at least
    /// one item or one withdrawal, and is refused over
    /// [`MAX_PACKET_BYTES`].
    pub fn seal(
        &mut self,
        person_id: &str,
        items: Vec<Outgoing>,
        revocations: Vec<String>,
        now: DateTime<Utc>,
    ) -> Result<Sealed> {
        self.seal_delivering(person_id, items, revocations, now, |_| Ok(()))
    }

    /// [`Packets::seal`], handing the packet's bytes to `deliver` (which
    /// writes the file) inside the transaction that records the items as
    /// sent: when `deliver` fails, nothing is recorded, so an item is never
    /// listed as shared in a packet that was never written.
    pub fn seal_delivering(
        &mut self,
        person_id: &str,
        items: Vec<Outgoing>,
        revocations: Vec<String>,
        now: DateTime<Utc>,
        deliver: impl FnOnce(&[u8]) -> Result<()>,
    ) -> Result<Sealed> {
        if items.is_empty() && revocations.is_empty() {
            return Err(Error::InvalidInput(
                "Choose at least one thing to send, or one to withdraw.".into(),
            ));
        }
        if items.len() > MAX_PACKET_ITEMS {
            return Err(Error::InvalidInput(format!(
                "A packet can carry at most {MAX_PACKET_ITEMS} items."
            )));
        }
        if revocations.len() > MAX_PACKET_REVOCATIONS {
            return Err(Error::InvalidInput(format!(
                "A packet can withdraw at most {MAX_PACKET_REVOCATIONS} items."
            )));
        }
        let mut wire_items = Vec::with_capacity(items.len());
        let mut stored = Vec::with_capacity(items.len());
        for item in items {
            let title = validate::required_line("The item's title", &item.title, ITEM_TITLE_CHARS)?;
            if let Some(key) = &item.source_key {
                if key.len() > SOURCE_KEY_BYTES {
                    return Err(Error::TooLarge {
                        what: "An item's source key",
                        size: key.len(),
                        limit: SOURCE_KEY_BYTES,
                    });
                }
            }
            let id = Uuid::new_v4().to_string();
            wire_items.push(WireItem {
                id: id.clone(),
                title: title.clone(),
                body: item.body.clone(),
            });
            stored.push((
                id,
                StoredItem {
                    title,
                    body: item.body,
                    source_key: item.source_key,
                },
            ));
        }

        // This vault's identity is made on first use: sending first needs
        // only the other person's card.
        self.identity(now)?;
        let u = self.vault.unlocked()?;
        let ring = &*u.ring;
        let me = own(u.conn, ring)?
            .ok_or_else(|| Error::Internal("the packet identity was not stored".into()))?;
        let peer = peer_card(u.conn, ring, person_id)?.ok_or_else(|| {
            Error::InvalidInput(
                "No packet key is stored for this person. Add their identity card first.".into(),
            )
        })?;
        // The withdrawn items must be items sent to this person.
        let mut withdrawn = Vec::with_capacity(revocations.len());
        for id in &revocations {
            let id = validate::id_string("A withdrawn item's", id)?;
            let row = rows::item::<StoredItem>(u.conn, ring, person_id, &id, Way::Sent)?
                .ok_or(Error::NotFound("An item to withdraw"))?;
            let body = row.body?;
            withdrawn.push((row.meta, body));
        }

        let packet_id = Uuid::new_v4().to_string();
        let created_at = store::from_millis(store::to_millis(now))?;
        let payload = Payload {
            format: PACKET_FORMAT,
            packet_id: packet_id.clone(),
            sender: me.card.text(),
            recipient: peer.fingerprint(),
            created_at,
            items: wire_items,
            revocations: withdrawn.iter().map(|(m, _)| m.id.clone()).collect(),
        };
        let payload = json_bytes(&payload)?;
        let bytes = encrypt(&me, &peer.recipient, &payload)?;
        if bytes.len() > MAX_PACKET_BYTES {
            return Err(Error::TooLarge {
                what: "This packet",
                size: bytes.len(),
                limit: MAX_PACKET_BYTES,
            });
        }

        let item_ids: Vec<String> = stored.iter().map(|(id, _)| id.clone()).collect();
        store::write(u.conn, |tx| {
            for (id, item) in &stored {
                let meta = rows::ItemMeta {
                    id: id.clone(),
                    way: Way::Sent,
                    person_id: person_id.to_string(),
                    packet_id: packet_id.clone(),
                    shared_at: created_at,
                    revoked_at: None,
                };
                rows::insert_item(tx, ring, &meta, item)?;
            }
            for (meta, body) in &withdrawn {
                rows::set_revoked(tx, ring, meta, body, created_at)?;
            }
            let detail = super::import::items_detail(stored.len(), withdrawn.len());
            store::audit::append(tx, ring, store::audit::AuditEvent::PacketSent, &detail, now)?;
            deliver(&bytes)
        })?;
        Ok(Sealed {
            bytes,
            packet_id,
            item_ids,
        })
    }
}
