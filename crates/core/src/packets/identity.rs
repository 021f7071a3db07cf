//! This vault's packet identity (made on first use) and the cards stored
//! on people.
//!
//! The identity is an age X25519 identity and an Ed25519 signing key. Both
//! secrets are sealed together under the vault key (`packet_identity`):
//! the 32-byte Ed25519 seed followed by the age secret key string.

use std::str::FromStr;

use age::secrecy::ExposeSecret;
use chrono::{DateTime, Utc};
use ed25519_dalek::SigningKey;
use rusqlite::Connection;
use zeroize::Zeroizing;

use super::card::Card;
use super::view::{IdentityCard, PeerKey};
use super::Packets;
use crate::crypto;
use crate::error::{Error, Result};
use crate::keys::KeyRing;
use crate::people::{self, PersonKind};
use crate::store::{self, packets as rows};

/// This vault's identity, opened.
pub(crate) struct Own {
    pub(crate) age: age::x25519::Identity,
    pub(crate) signing: SigningKey,
    pub(crate) card: Card,
    pub(crate) created_at: DateTime<Utc>,
}

impl Own {
    fn from_secret(secret: &[u8], created_at: DateTime<Utc>) -> Result<Own> {
        let damaged = || Error::Integrity(rows::WHAT_IDENTITY.into());
        if secret.len() <= 32 {
            return Err(damaged());
        }
        let mut seed = Zeroizing::new([0u8; 32]);
        seed.copy_from_slice(&secret[..32]);
        let signing = SigningKey::from_bytes(&seed);
        let age_text = std::str::from_utf8(&secret[32..]).map_err(|_| damaged())?;
        let age = age::x25519::Identity::from_str(age_text).map_err(|_| damaged())?;
        let card = Card {
            recipient: age.to_public(),
            verifying: signing.verifying_key(),
        };
        Ok(Own {
            age,
            signing,
            card,
            created_at,
        })
    }

    fn generate(now: DateTime<Utc>) -> Result<(Own, Zeroizing<Vec<u8>>)> {
        let mut seed = Zeroizing::new([0u8; 32]);
        crypto::fill_random(seed.as_mut())?;
        let age = age::x25519::Identity::generate();
        let mut secret = Zeroizing::new(Vec::with_capacity(32 + 80));
        secret.extend_from_slice(seed.as_ref());
        secret.extend_from_slice(age.to_string().expose_secret().as_bytes());
        let own = Own::from_secret(&secret, now)?;
        Ok((own, secret))
    }

    /// The age secret key (`AGE-SECRET-KEY-1…`), for the `age` tool.
    #[allow(dead_code)] // used by the interoperability test through Packets
    pub(crate) fn age_secret(&self) -> Zeroizing<String> {
        Zeroizing::new(self.age.to_string().expose_secret().to_string())
    }

    pub(crate) fn view(&self) -> Result<IdentityCard> {
        let text = self.card.text();
        let qr = qrcode::QrCode::new(text.as_bytes())
            .map_err(|e| Error::Internal(format!("the card's QR code: {e}")))?;
        let qr_svg = qr
            .render::<qrcode::render::svg::Color<'_>>()
            .min_dimensions(240, 240)
            .quiet_zone(true)
            .build();
        Ok(IdentityCard {
            age_recipient: self.card.recipient.to_string(),
            fingerprint: self.card.fingerprint(),
            card: text,
            qr_svg,
            created_at: self.created_at,
        })
    }
}

/// This vault's identity, or `None` when none was made yet.
pub(crate) fn own(conn: &Connection, ring: &KeyRing) -> Result<Option<Own>> {
    match rows::identity(conn, ring)? {
        None => Ok(None),
        Some(row) => Own::from_secret(&row.secret?, row.created_at).map(Some),
    }
}

/// The person `person_id`, who must exist and be a person (not a group or
/// an organisation).
fn check_person(conn: &Connection, ring: &KeyRing, person_id: &str) -> Result<()> {
    match people::kind_of(conn, ring, person_id)? {
        Some(PersonKind::Person) => Ok(()),
        Some(_) => Err(Error::InvalidInput(
            "Packets are exchanged with one person; a group or an organisation cannot hold a packet key.".into(),
        )),
        None => Err(Error::NotFound("That person")),
    }
}

/// The person whose stored card has the same keys as `card`, if any.
/// Damaged cards are skipped.
pub(crate) fn peer_of(conn: &Connection, ring: &KeyRing, card: &Card) -> Result<Option<String>> {
    for row in rows::peers(conn, ring)? {
        if ring.is_erased(&row.person_id) {
            continue;
        }
        let Ok(text) = row.card else { continue };
        if Card::parse(&text).is_ok_and(|c| c.same_as(card)) {
            return Ok(Some(row.person_id));
        }
    }
    Ok(None)
}

/// The stored card of `person_id`, parsed; `None` when none is stored.
pub(crate) fn peer_card(
    conn: &Connection,
    ring: &KeyRing,
    person_id: &str,
) -> Result<Option<Card>> {
    match rows::peer(conn, ring, person_id)? {
        None => Ok(None),
        Some(row) => Card::parse(&row.card?)
            .map(Some)
            .map_err(|_| Error::Integrity(rows::WHAT_PEER.into())),
    }
}

/// Stores `card` on `person_id` after every check (the person, not our own
/// card, not another person's).
pub(crate) fn store_peer(
    conn: &mut Connection,
    ring: &KeyRing,
    person_id: &str,
    card: &Card,
    now: DateTime<Utc>,
) -> Result<PeerKey> {
    check_person(conn, ring, person_id)?;
    if let Some(me) = own(conn, ring)? {
        if me.card.same_as(card) {
            return Err(Error::InvalidInput(
                "This is this vault's own identity card. Paste the card from the other person's Confidant.".into(),
            ));
        }
    }
    if let Some(other) = peer_of(conn, ring, card)? {
        if other != person_id {
            return Err(Error::InvalidInput(
                "This identity card is already stored for someone else. One card belongs to one person.".into(),
            ));
        }
    }
    let text = card.text();
    let added_at = store::write(conn, |tx| rows::put_peer(tx, ring, person_id, &text, now))?;
    Ok(PeerKey {
        person_id: person_id.to_string(),
        fingerprint: card.fingerprint(),
        added_at,
    })
}

impl Packets<'_> {
    /// This vault's identity card, the identity made (and stored) on first
    /// use. Always the same afterwards.
    pub fn identity(&mut self, now: DateTime<Utc>) -> Result<IdentityCard> {
        let u = self.vault.unlocked()?;
        if let Some(me) = own(u.conn, u.ring)? {
            return me.view();
        }
        let (me, secret) = Own::generate(now)?;
        let ring: &KeyRing = u.ring;
        store::write(u.conn, |tx| rows::insert_identity(tx, ring, &secret, now))?;
        // Read back, so the card shown is the one stored.
        own(u.conn, u.ring)?
            .ok_or_else(|| Error::Internal("the packet identity was not stored".into()))?;
        me.view()
    }

    /// This vault's age secret key (`AGE-SECRET-KEY-1…`), for checking that
    /// the `age` command-line tool opens a packet. `None` until the identity
    /// is made. Tests only: the app never shows it.
    #[doc(hidden)]
    pub fn age_secret_for_tests(&mut self) -> Result<Option<Zeroizing<String>>> {
        let u = self.vault.unlocked()?;
        Ok(own(u.conn, u.ring)?.map(|me| me.age_secret()))
    }

    /// Stores the other person's identity card on `person_id` (replacing
    /// any card stored there). The card is checked: its prefix and version,
    /// and both keys. This vault's own card, or a card already stored on
    /// someone else, is refused.
    pub fn set_peer(&mut self, person_id: &str, card: &str, now: DateTime<Utc>) -> Result<PeerKey> {
        let parsed = Card::parse(card)?;
        let u = self.vault.unlocked()?;
        store_peer(u.conn, u.ring, person_id, &parsed, now)
    }

    /// The card stored on `person_id`, if any.
    pub fn peer(&mut self, person_id: &str) -> Result<Option<PeerKey>> {
        let u = self.vault.unlocked()?;
        let Some(row) = rows::peer(u.conn, u.ring, person_id)? else {
            return Ok(None);
        };
        let card = Card::parse(&row.card?).map_err(|_| Error::Integrity(rows::WHAT_PEER.into()))?;
        Ok(Some(PeerKey {
            person_id: row.person_id,
            fingerprint: card.fingerprint(),
            added_at: row.added_at,
        }))
    }

    /// Removes the card stored on `person_id`. Items already shared stay.
    pub fn remove_peer(&mut self, person_id: &str) -> Result<()> {
        let u = self.vault.unlocked()?;
        if !rows::delete_peer(u.conn, person_id)? {
            return Err(Error::NotFound("That person's packet key"));
        }
        store::checkpoint(u.conn)?;
        Ok(())
    }
}
