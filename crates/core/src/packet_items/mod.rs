//! What goes into a packet and what importing one does (issue 9, item 5).
//!
//! Reached through the handle [`Exchange::of`]. The packet machinery (the
//! `age` envelope, signatures, peer keys, the shared-items store, replay)
//! is [`crate::packets`]; this module decides, for one person, what this
//! vault can send them, builds each item through the domain that owns it,
//! describes a received packet's effects in plain words, and applies them
//! in the import's own transaction.
//!
//! ## What can be sent, by relation
//!
//! * To one's own supervisor ([`Relation::SupervisesMe`]): journal entries
//!   (and the journal's extracts and agenda items), one's own count of
//!   supervision hours for a period (from this vault's hours ledger of the
//!   sessions with them), and acknowledgements of what they asked to be
//!   acknowledged (a received acknowledgement request). The acknowledgement
//!   carries the owner's name from Settings as the typed name, and today's
//!   date.
//! * To a supervisee ([`Relation::ISupervise`]): a final record's session
//!   summary (what was discussed, decisions, key learning: never the
//!   exploration notes) and its action items; requests to acknowledge an
//!   agreement version or a final record (with its whole text); signed-off
//!   hours; evaluations (the supervisor's ratings and comments).
//!
//! Every source is checked against the person: a record, agreement,
//! sign-off or evaluation with anyone else is refused, as is an item for
//! the other direction.
//!
//! ## What importing does
//!
//! Every item is kept under the sender, read-only. In addition, in the same
//! transaction (all or nothing):
//!
//! * an acknowledgement of a final record replaces the acknowledgement
//!   recorded by hand (its content hash must be the record's final hash);
//! * an acknowledgement of an agreement version is recorded as the party's
//!   own (replacing one recorded on their behalf); the version must be the
//!   one asked about and its text unchanged since the request was sent;
//! * an hours count becomes the supervisee's count for reconciling;
//! * agenda items and extracts appear on the agenda of the next session
//!   with the sender ([`crate::packets`] gathers them for the agenda).
//!
//! Any failing effect refuses the whole import with a specific message, and
//! nothing is written.

mod effects;
mod supervisee;
mod supervisor;
mod text;

use chrono::{DateTime, Utc};

use crate::error::{Error, Result};
use crate::packets::view::{
    ImportOutcome, PacketPreview, PacketSender, PreviewItem, SendCandidate, SendSource,
};
use crate::packets::{Outgoing, Packets, Sealed};
use crate::people::{People, Person, PersonKind, Relation};
use crate::vault::Vault;

/// Most sources in one packet.
pub const MAX_SOURCES: usize = crate::packets::MAX_PACKET_ITEMS;

/// Packets to and from a person, as the person's relation decides.
pub struct Exchange<'a> {
    vault: &'a mut Vault,
}

/// The person a packet goes to or comes from, checked.
struct Peer {
    id: String,
    name: String,
    relation: Relation,
}

impl<'a> Exchange<'a> {
    /// The exchange of `vault`.
    pub fn of(vault: &'a mut Vault) -> Self {
        Exchange { vault }
    }

    /// `person_id` as a person one supervises or is supervised by.
    fn peer(&mut self, person_id: &str) -> Result<Peer> {
        let id = crate::validate::id_string("That person's", person_id)?;
        let p: Person = People::of(self.vault).get(&id)?;
        if p.fields.kind != PersonKind::Person || p.fields.relation == Relation::None {
            return Err(Error::InvalidInput(
                "Packets are exchanged with a supervisor or a supervisee, one person at a time."
                    .into(),
            ));
        }
        Ok(Peer {
            id: p.id,
            name: p.fields.name,
            relation: p.fields.relation,
        })
    }

    /// The person one of this vault's own packets was written for, when a
    /// stored card matches it.
    fn own_packet_peer(&mut self, person_id: &str) -> Result<Peer> {
        if person_id.is_empty() {
            return Ok(Peer {
                id: String::new(),
                name: "someone whose key is no longer stored".into(),
                relation: Relation::None,
            });
        }
        self.peer(person_id)
    }

    /// What this vault can send to `person_id`, as the send screen lists
    /// it, each with when it was last sent to them.
    pub fn candidates(
        &mut self,
        person_id: &str,
        now: DateTime<Utc>,
    ) -> Result<Vec<SendCandidate>> {
        let peer = self.peer(person_id)?;
        let mut out = match peer.relation {
            Relation::SupervisesMe => supervisee::candidates(self.vault, &peer.id, now)?,
            _ => supervisor::candidates(self.vault, &peer.id, now)?,
        };
        let sent = Packets::of(self.vault).last_sent(&peer.id)?;
        for c in &mut out {
            let key = source_key(&c.source);
            c.last_sent = sent.iter().find(|(k, _)| *k == key).map(|(_, at)| *at);
        }
        Ok(out)
    }

    /// Seals a packet to `person_id` with the items made from `sources` and
    /// withdrawals of the shared items `revocations` (ids of items sent to
    /// them earlier). Every source must belong to that person and fit the
    /// relation; otherwise nothing is sealed.
    pub fn send(
        &mut self,
        person_id: &str,
        sources: Vec<SendSource>,
        revocations: Vec<String>,
        now: DateTime<Utc>,
    ) -> Result<Sealed> {
        self.send_delivering(person_id, sources, revocations, now, |_| Ok(()))
    }

    /// [`Exchange::send`], with `deliver` writing the packet inside the
    /// transaction that records what was sent (see
    /// [`Packets::seal_delivering`]).
    pub fn send_delivering(
        &mut self,
        person_id: &str,
        sources: Vec<SendSource>,
        revocations: Vec<String>,
        now: DateTime<Utc>,
        deliver: impl FnOnce(&[u8]) -> Result<()>,
    ) -> Result<Sealed> {
        let peer = self.peer(person_id)?;
        if sources.is_empty() && revocations.is_empty() {
            return Err(Error::InvalidInput(
                "Choose at least one thing to send, or a shared item to withdraw.".into(),
            ));
        }
        if sources.len() > MAX_SOURCES {
            return Err(Error::InvalidInput(format!(
                "A packet holds at most {MAX_SOURCES} items."
            )));
        }
        let mut seen = Vec::new();
        let mut items = Vec::with_capacity(sources.len());
        for source in sources {
            let key = source_key(&source);
            if seen.contains(&key) {
                continue;
            }
            let (title, body) = match peer.relation {
                Relation::SupervisesMe => supervisee::item(self.vault, &peer, &source, now)?,
                _ => supervisor::item(self.vault, &peer, &source, now)?,
            };
            items.push(Outgoing {
                title,
                body,
                source_key: Some(key.clone()),
            });
            seen.push(key);
        }
        Packets::of(self.vault).seal_delivering(&peer.id, items, revocations, now, deliver)
    }

    /// Reads and checks a packet (nothing is written) and says what
    /// importing each item would do.
    pub fn preview(&mut self, bytes: &[u8], now: DateTime<Utc>) -> Result<PacketPreview> {
        let opened = Packets::of(self.vault).open(bytes, now)?;
        let peer = if opened.own {
            self.own_packet_peer(&opened.sender_person_id)?
        } else {
            self.peer(&opened.sender_person_id)?
        };
        let mut items = Vec::with_capacity(opened.items.len());
        for item in &opened.items {
            let (kind_label, effect) = if opened.own {
                (
                    effects::kind_label(&item.body),
                    format!("Sent by you to {}: shown, never imported", peer.name),
                )
            } else {
                effects::describe(self.vault, &peer, &item.body)?
            };
            items.push(PreviewItem {
                kind_label,
                title: item.title.clone(),
                effect,
            });
        }
        let revocations =
            effects::revoked_titles(self.vault, &peer.id, &opened.revocations, opened.own)?;
        Ok(PacketPreview {
            sender: PacketSender {
                person_id: peer.id,
                name: peer.name,
                fingerprint: opened.sender_fingerprint,
            },
            created_at: opened.created_at,
            items,
            revocations,
        })
    }

    /// Imports a packet: its items are kept under the sender, its
    /// withdrawals applied, and each item's effect on this vault's records
    /// applied, all in one transaction (see the module documentation).
    pub fn import(&mut self, bytes: &[u8], now: DateTime<Utc>) -> Result<ImportOutcome> {
        let opened = Packets::of(self.vault).open(bytes, now)?;
        if opened.own {
            // Refused by the packet store with its own message.
            return Packets::of(self.vault).import_with(bytes, now, |_, _, _| Ok(Vec::new()));
        }
        let peer = self.peer(&opened.sender_person_id)?;
        let checks = effects::prepare(self.vault, &peer, &opened)?;
        Packets::of(self.vault).import_with(bytes, now, move |tx, ring, opened| {
            effects::land(tx, ring, &peer, &checks, opened, now)
        })
    }
}

/// The stable key of a source: its JSON (how [`crate::packets`] remembers
/// when it was last sent).
fn source_key(source: &SendSource) -> String {
    serde_json::to_string(source).unwrap_or_default()
}
