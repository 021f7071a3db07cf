//! Reading a packet: every check, in order, and nothing written.
//!
//! 1. size (at most [`MAX_PACKET_BYTES`]);
//! 2. `age` decryption with this vault's identity (not for this vault,
//!    or damaged);
//! 3. the envelope (bounded JSON) and its format (newer → refused);
//! 4. the Ed25519 signature against the key the payload names;
//! 5. the recipient's fingerprint must be this vault's (unless this vault
//!    wrote it: a read-only reopen);
//! 6. the sender must be a stored card (else [`Error::UnknownSender`]);
//! 7. the packet must not have been imported already;
//! 8. the items: ids, titles, counts.

use std::collections::HashSet;
use std::io::Read;

use chrono::{DateTime, Utc};
use ed25519_dalek::Signature;
use rusqlite::Connection;

use super::card::{decode_b64url, Card};
use super::identity::{own, peer_of, store_peer};
use super::view::PeerKey;
use super::wire::{signed_message, Envelope, FormatProbe, Payload};
use super::{
    Opened, OpenedItem, Packets, ITEM_TITLE_CHARS, MAX_PACKET_BYTES, MAX_PACKET_ITEMS,
    MAX_PACKET_REVOCATIONS, PACKET_FORMAT,
};
use crate::error::{Error, Result};
use crate::keys::KeyRing;
use crate::store::packets as rows;
use crate::validate;

fn damaged(why: &'static str) -> Error {
    Error::PacketDamaged(why)
}

const NOT_A_PACKET: &str =
    "This file is not a Confidant packet, or it was damaged on the way. Ask the sender to send it again.";
const TAMPERED: &str =
    "This packet is damaged or was changed after it was written, so it cannot be opened. Ask the sender to send it again.";
const BAD_SIGNATURE: &str =
    "This packet's signature does not match its contents: it was changed after it was written. Nothing was imported.";
const BAD_CONTENT: &str =
    "This packet's contents are not in the form Confidant writes. Nothing was imported.";

/// A packet decrypted, its signature verified, and addressed to this vault
/// (or written by it).
pub(crate) struct Checked {
    pub(crate) payload: Payload,
    pub(crate) sender: Card,
    pub(crate) own: bool,
}

fn check_size(bytes: &[u8]) -> Result<()> {
    if bytes.len() > MAX_PACKET_BYTES {
        return Err(Error::TooLarge {
            what: "This packet",
            size: bytes.len(),
            limit: MAX_PACKET_BYTES,
        });
    }
    Ok(())
}

fn decrypt(identity: &age::x25519::Identity, bytes: &[u8]) -> Result<Vec<u8>> {
    use age::DecryptError as D;
    let decryptor = age::Decryptor::new_buffered(bytes).map_err(|e| match e {
        D::UnknownFormat => Error::PacketTooNew,
        _ => damaged(NOT_A_PACKET),
    })?;
    let reader = decryptor
        .decrypt(std::iter::once(identity as &dyn age::Identity))
        .map_err(|e| match e {
            D::NoMatchingKeys => Error::PacketNotForThisVault,
            _ => damaged(TAMPERED),
        })?;
    let mut plain = Vec::new();
    reader
        .take(MAX_PACKET_BYTES as u64 + 1)
        .read_to_end(&mut plain)
        .map_err(|_| damaged(TAMPERED))?;
    if plain.len() > MAX_PACKET_BYTES {
        return Err(Error::TooLarge {
            what: "This packet's contents",
            size: plain.len(),
            limit: MAX_PACKET_BYTES,
        });
    }
    Ok(plain)
}

fn newer(format: u64) -> Result<()> {
    match format {
        f if f == u64::from(PACKET_FORMAT) => Ok(()),
        f if f > u64::from(PACKET_FORMAT) => Err(Error::PacketTooNew),
        _ => Err(damaged(BAD_CONTENT)),
    }
}

/// Parses the envelope and payload (bounded: the plaintext is at most
/// [`MAX_PACKET_BYTES`], and serde_json refuses nesting deeper than 128)
/// and verifies the signature.
pub(crate) fn verify(plain: &[u8]) -> Result<(Payload, Card)> {
    let probe: FormatProbe = serde_json::from_slice(plain).map_err(|_| damaged(BAD_CONTENT))?;
    newer(probe.format)?;
    let envelope: Envelope = serde_json::from_slice(plain).map_err(|_| damaged(BAD_CONTENT))?;
    let payload_bytes = decode_b64url(&envelope.payload).ok_or_else(|| damaged(BAD_CONTENT))?;
    let signature = decode_b64url(&envelope.signature)
        .and_then(|b| <[u8; 64]>::try_from(b.as_slice()).ok())
        .map(|b| Signature::from_bytes(&b))
        .ok_or_else(|| damaged(BAD_SIGNATURE))?;
    let probe: FormatProbe =
        serde_json::from_slice(&payload_bytes).map_err(|_| damaged(BAD_CONTENT))?;
    newer(probe.format)?;
    let payload: Payload =
        serde_json::from_slice(&payload_bytes).map_err(|_| damaged(BAD_CONTENT))?;
    let sender = Card::parse(&payload.sender).map_err(|_| damaged(BAD_CONTENT))?;
    sender
        .verifying
        .verify_strict(&signed_message(&payload_bytes), &signature)
        .map_err(|_| damaged(BAD_SIGNATURE))?;
    Ok((payload, sender))
}

/// Steps 1 to 5 (see the module documentation).
pub(crate) fn check(conn: &Connection, ring: &KeyRing, bytes: &[u8]) -> Result<Checked> {
    check_size(bytes)?;
    // Without an identity no packet can have been written for this vault.
    let me = own(conn, ring)?.ok_or(Error::PacketNotForThisVault)?;
    let plain = zeroize::Zeroizing::new(decrypt(&me.age, bytes)?);
    let (payload, sender) = verify(&plain)?;
    let own = sender.same_as(&me.card);
    if !own && payload.recipient != me.card.fingerprint() {
        return Err(Error::PacketNotForThisVault);
    }
    Ok(Checked {
        payload,
        sender,
        own,
    })
}

/// Step 8: the items and withdrawals are in the form this vault writes.
fn items(payload: &Payload) -> Result<(Vec<OpenedItem>, Vec<String>)> {
    if payload.items.len() > MAX_PACKET_ITEMS || payload.revocations.len() > MAX_PACKET_REVOCATIONS
    {
        return Err(damaged(BAD_CONTENT));
    }
    validate::id_string("The packet's", &payload.packet_id).map_err(|_| damaged(BAD_CONTENT))?;
    let mut seen = HashSet::new();
    let mut out = Vec::with_capacity(payload.items.len());
    for item in &payload.items {
        let id = validate::id_string("An item's", &item.id).map_err(|_| damaged(BAD_CONTENT))?;
        let title = validate::required_line("An item's title", &item.title, ITEM_TITLE_CHARS)
            .map_err(|_| damaged(BAD_CONTENT))?;
        if !seen.insert(id.clone()) {
            return Err(damaged(BAD_CONTENT));
        }
        out.push(OpenedItem {
            id,
            title,
            body: item.body.clone(),
        });
    }
    let mut revocations = Vec::with_capacity(payload.revocations.len());
    for id in &payload.revocations {
        let id = validate::id_string("A withdrawn item's", id).map_err(|_| damaged(BAD_CONTENT))?;
        if seen.insert(id.clone()) {
            revocations.push(id);
        }
    }
    Ok((out, revocations))
}

/// The date a message shows (e.g. "1 December 2026").
fn day(at: DateTime<Utc>) -> String {
    at.format("%-d %B %Y").to_string()
}

/// Every check (see the module documentation); nothing written.
pub(crate) fn open_in(conn: &Connection, ring: &KeyRing, bytes: &[u8]) -> Result<Opened> {
    let checked = check(conn, ring, bytes)?;
    let fingerprint = checked.sender.fingerprint();
    let (items, revocations) = items(&checked.payload)?;
    let payload = checked.payload;
    let sender_person_id = if checked.own {
        // The person it was written for, found by their fingerprint.
        let mut found = String::new();
        for row in rows::peers(conn, ring)? {
            if let Ok(Ok(card)) = row.card.map(|t| Card::parse(&t)) {
                if card.fingerprint() == payload.recipient {
                    found = row.person_id;
                    break;
                }
            }
        }
        found
    } else {
        let Some(person_id) = peer_of(conn, ring, &checked.sender)? else {
            return Err(Error::UnknownSender {
                card: checked.sender.text(),
                fingerprint,
            });
        };
        if let Some(done) = rows::imported(conn, ring, &payload.packet_id)? {
            return Err(Error::PacketAlreadyImported {
                on: day(done.imported_at),
            });
        }
        person_id
    };
    Ok(Opened {
        packet_id: payload.packet_id,
        sender_person_id,
        sender_fingerprint: fingerprint,
        created_at: payload.created_at,
        items,
        revocations,
        own: checked.own,
    })
}

impl Packets<'_> {
    /// Reads and checks a packet (see the module documentation). Writes
    /// nothing. A packet this vault wrote opens read-only (`own`).
    pub fn open(&mut self, bytes: &[u8], _now: DateTime<Utc>) -> Result<Opened> {
        let u = self.vault.unlocked()?;
        open_in(u.conn, u.ring, bytes)
    }

    /// Stores the card that signed `bytes` on `person_id`, after the user
    /// compared its fingerprint with the sender's. The packet must be
    /// validly signed and written for this vault; one of this vault's own
    /// packets is refused.
    pub fn accept_sender(
        &mut self,
        bytes: &[u8],
        person_id: &str,
        now: DateTime<Utc>,
    ) -> Result<PeerKey> {
        let u = self.vault.unlocked()?;
        let checked = check(u.conn, u.ring, bytes)?;
        if checked.own {
            return Err(Error::InvalidInput(
                "This packet was written by this vault; its key is this vault's own.".into(),
            ));
        }
        store_peer(u.conn, u.ring, person_id, &checked.sender, now)
    }
}
