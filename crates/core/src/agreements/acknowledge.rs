//! Acknowledging a draft, one party at a time; the last acknowledgement puts
//! the version in force and supersedes the one before it.

use chrono::{DateTime, Utc};

use super::body::{awaiting, checked, load, replace, stamp, StoredBody};
use super::validate::{normalise_ack, parse_id, read_only};
use super::{
    Acknowledgement, AcknowledgementInput, Agreement, AgreementStatus, Agreements, OWNER_PARTY_ID,
};
use crate::error::{Error, Result};
use crate::keys::KeyRing;
use crate::store::{self, agreements as rows};

/// Marks every earlier version of `current`'s agreement that is still
/// acknowledged as superseded, each sealed again with its new status (in the
/// caller's transaction). An earlier version that does not open fails the
/// whole change: it cannot be sealed again, and leaving it claiming to be in
/// force would be wrong.
fn supersede_earlier(
    conn: &rusqlite::Connection,
    ring: &KeyRing,
    current: &Agreement,
) -> Result<()> {
    for row in rows::of_person::<StoredBody>(conn, ring, &current.person_id)? {
        if row.meta.version >= current.version
            || row.meta.status != AgreementStatus::Acknowledged.as_str()
        {
            continue;
        }
        let mut earlier = checked(row)?;
        earlier.status = AgreementStatus::Superseded;
        replace(conn, ring, &earlier)?;
    }
    Ok(())
}

impl Agreements<'_> {
    /// Records one party's acknowledgement (typed full name and date) of a
    /// draft. The vault owner records their own, and records the other
    /// parties' for them (marked [`Acknowledgement::recorded_by_owner`]).
    /// When the last party acknowledges, the version becomes acknowledged
    /// and read-only, and any earlier acknowledged version with the same
    /// person becomes superseded, in one transaction.
    ///
    /// Errors: no such version; the version is not a draft; the party is not
    /// named in it or has already acknowledged; a blank typed name; a date in
    /// the future; a party whose name is still blank.
    pub fn acknowledge(
        &mut self,
        agreement_id: &str,
        input: &AcknowledgementInput,
        now: DateTime<Utc>,
    ) -> Result<Agreement> {
        let id = parse_id("That agreement's", agreement_id)?;
        let (typed_name, date) = normalise_ack(input, now)?;
        let now = stamp(now)?;
        let u = self.vault.unlocked()?;
        let ring = &*u.ring;
        store::write(u.conn, |tx| {
            let mut agreement = load(tx, ring, &id)?;
            if agreement.status != AgreementStatus::Draft {
                return Err(read_only(agreement.status));
            }
            let party_id = input.party_id.trim();
            let party = agreement
                .content
                .parties
                .iter()
                .find(|p| p.party_id == party_id)
                .ok_or_else(|| {
                    Error::InvalidInput("That party is not named in this agreement.".into())
                })?;
            if agreement
                .acknowledgements
                .iter()
                .any(|a| a.party_id == party_id)
            {
                return Err(Error::InvalidInput(
                    "That party has already acknowledged this version.".into(),
                ));
            }
            if agreement.content.parties.iter().any(|p| p.name.is_empty()) {
                return Err(Error::InvalidInput(
                    "Fill in the name of every party before acknowledging the agreement.".into(),
                ));
            }
            let ack = Acknowledgement {
                party_id: party.party_id.clone(),
                role: party.role,
                typed_name,
                date,
                recorded_at: now,
                recorded_by_owner: party.party_id != OWNER_PARTY_ID,
                via_packet: None,
            };
            agreement.acknowledgements.push(ack);
            agreement.awaiting = awaiting(&agreement.content, &agreement.acknowledgements);
            if agreement.awaiting.is_empty() {
                agreement.status = AgreementStatus::Acknowledged;
            }
            agreement.updated_at = now.max(agreement.created_at);
            replace(tx, ring, &agreement)?;
            if agreement.status == AgreementStatus::Acknowledged {
                supersede_earlier(tx, ring, &agreement)?;
            }
            Ok(agreement)
        })
    }
}

/// What an acknowledgement received in a packet did to an agreement version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PacketAcknowledged {
    /// The version's title.
    pub title: String,
    /// Its version number.
    pub version: u32,
    /// It replaced an acknowledgement the owner had recorded on the
    /// party's behalf.
    pub replaced_by_owner: bool,
    /// It was the last acknowledgement missing: the version is now in force.
    pub now_in_force: bool,
}

/// Records, in the caller's transaction, the acknowledgement `party_id`
/// gave in their own app and sent in packet `packet_id`, of version
/// `version` of agreement `agreement_id`: added to a draft (the last one
/// puts the version in force, superseding the one before), or, on a
/// version already acknowledged, replacing the one the owner recorded on
/// their behalf. It is marked [`Acknowledgement::via_packet`], not
/// recorded by the owner.
///
/// Errors: no such version, or it is not with `party_id`; `version` is not
/// that version's number (the request was for another version); the party
/// is not named in it; a blank typed name or a date in the future.
#[allow(clippy::too_many_arguments)]
pub(crate) fn acknowledge_by_packet_in(
    tx: &rusqlite::Transaction<'_>,
    ring: &KeyRing,
    agreement_id: &str,
    version: u32,
    input: &AcknowledgementInput,
    packet_id: &str,
    now: DateTime<Utc>,
) -> Result<PacketAcknowledged> {
    let id = parse_id("That agreement's", agreement_id)?;
    let (typed_name, date) = normalise_ack(input, now)?;
    let now = stamp(now)?;
    let mut agreement = load(tx, ring, &id)?;
    let party_id = input.party_id.trim();
    if agreement.person_id != party_id {
        return Err(Error::InvalidInput(
            "The acknowledgement is of an agreement with someone else.".into(),
        ));
    }
    if agreement.version != version {
        return Err(Error::InvalidInput(format!(
            "The acknowledgement is of version {version} of “{}”, but that agreement is now version {}. Nothing was imported.",
            agreement.content.title, agreement.version
        )));
    }
    let party = agreement
        .content
        .parties
        .iter()
        .find(|p| p.party_id == party_id)
        .ok_or_else(|| Error::InvalidInput("That party is not named in this agreement.".into()))?;
    if agreement.content.parties.iter().any(|p| p.name.is_empty()) {
        return Err(Error::InvalidInput(
            "The agreement has a party without a name; fill it in before importing an acknowledgement of it.".into(),
        ));
    }
    let ack = Acknowledgement {
        party_id: party.party_id.clone(),
        role: party.role,
        typed_name,
        date,
        recorded_at: now,
        recorded_by_owner: false,
        via_packet: Some(packet_id.to_string()),
    };
    let mut replaced_by_owner = false;
    match agreement
        .acknowledgements
        .iter_mut()
        .find(|a| a.party_id == party_id)
    {
        Some(existing) => {
            replaced_by_owner = existing.recorded_by_owner;
            *existing = ack;
        }
        None => agreement.acknowledgements.push(ack),
    }
    let was_draft = agreement.status == AgreementStatus::Draft;
    agreement.awaiting = awaiting(&agreement.content, &agreement.acknowledgements);
    if was_draft && agreement.awaiting.is_empty() {
        agreement.status = AgreementStatus::Acknowledged;
    }
    agreement.updated_at = now.max(agreement.updated_at);
    replace(tx, ring, &agreement)?;
    let now_in_force = was_draft && agreement.status == AgreementStatus::Acknowledged;
    if now_in_force {
        supersede_earlier(tx, ring, &agreement)?;
    }
    Ok(PacketAcknowledged {
        title: agreement.content.title,
        version: agreement.version,
        replaced_by_owner,
        now_in_force,
    })
}
