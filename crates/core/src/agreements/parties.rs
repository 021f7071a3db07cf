//! Who the parties to an agreement are, from the people records (read
//! through [`crate::people::load`]; this module queries no table).

use rusqlite::Connection;

use super::validate::{archived, with_details};
use super::{Party, PartyDetails, PartyRole, MAX_PARTIES, OWNER_PARTY_ID};
use crate::error::{Error, Result};
use crate::keys::KeyRing;
use crate::people::{Person, PersonKind, Relation};

/// What the people records say about an id.
pub(super) enum Found {
    /// No record with that id.
    Missing,
    /// A record that failed its integrity check.
    Damaged,
    /// The record, opened.
    Person(Box<Person>),
}

/// The people record `id`, telling a damaged record from a missing one.
pub(super) fn find_person(conn: &Connection, ring: &KeyRing, id: &str) -> Result<Found> {
    match crate::people::load(conn, ring, id) {
        Ok(None) => Ok(Found::Missing),
        Ok(Some(p)) => Ok(Found::Person(Box::new(p))),
        Err(Error::Integrity(_)) => Ok(Found::Damaged),
        Err(e) => Err(e),
    }
}

/// The people record `id`, opened; `None` when there is none, an integrity
/// error when it is damaged.
pub(super) fn read_person(conn: &Connection, ring: &KeyRing, id: &str) -> Result<Option<Person>> {
    crate::people::load(conn, ring, id)
}

/// The person's display name, or empty when their record cannot be opened.
pub(super) fn person_name(conn: &Connection, ring: &KeyRing, id: &str) -> String {
    match find_person(conn, ring, id) {
        Ok(Found::Person(p)) => p.fields.name,
        _ => String::new(),
    }
}

pub(super) fn organisation_name(conn: &Connection, ring: &KeyRing, person: &Person) -> String {
    match &person.fields.organisation_id {
        Some(org) => person_name(conn, ring, org),
        None => String::new(),
    }
}

fn party_from_person(conn: &Connection, ring: &KeyRing, p: &Person, role: PartyRole) -> Party {
    Party {
        party_id: p.id.clone(),
        role,
        name: p.fields.name.clone(),
        professional_role: p.fields.professional_role.clone(),
        organisation: organisation_name(conn, ring, p),
        licence_number: p.fields.licence_number.clone(),
        licence_body: p.fields.licence_body.clone(),
    }
}

/// Checks that an agreement can be drafted with this person.
pub(super) fn check_counterparty(person: &Person) -> Result<()> {
    if person.archived {
        return Err(archived());
    }
    match (person.fields.kind, person.fields.relation) {
        (PersonKind::Organisation, _) => Err(Error::InvalidInput(
            "An agreement is made with a supervisee, a supervisor or a group, not an organisation."
                .into(),
        )),
        (PersonKind::Person, Relation::None) => Err(Error::InvalidInput(
            "Mark this person as your supervisee or your supervisor before drafting an agreement."
                .into(),
        )),
        _ => Ok(()),
    }
}

/// The parties to an agreement with `person`, from the people records.
///
/// * A supervisee: the owner (supervisor) and them.
/// * A supervisor: them and the owner (supervisee).
/// * A group: its facilitator — the facilitator named in the group, or the
///   owner when none is — and every member. When the group names another
///   facilitator, the owner is a co-facilitator if the owner supervises the
///   group, and otherwise a member. Members whose records no longer exist
///   are left out.
pub(super) fn parties_for(
    conn: &Connection,
    ring: &KeyRing,
    person: &Person,
    owner: &PartyDetails,
) -> Result<Vec<Party>> {
    let owner_as = |role| with_details(OWNER_PARTY_ID, role, owner.clone());
    let parties = match (person.fields.kind, person.fields.relation) {
        (PersonKind::Person, Relation::ISupervise) => vec![
            owner_as(PartyRole::Supervisor),
            party_from_person(conn, ring, person, PartyRole::Supervisee),
        ],
        (PersonKind::Person, _) => vec![
            party_from_person(conn, ring, person, PartyRole::Supervisor),
            owner_as(PartyRole::Supervisee),
        ],
        (PersonKind::Group, relation) => {
            let mut parties = Vec::new();
            let facilitator = match &person.fields.facilitator_id {
                Some(f) => read_person(conn, ring, f)?,
                None => None,
            };
            match &facilitator {
                Some(f) => {
                    parties.push(party_from_person(conn, ring, f, PartyRole::Facilitator));
                    let owner_role = if relation == Relation::ISupervise {
                        PartyRole::Facilitator
                    } else {
                        PartyRole::Member
                    };
                    parties.push(owner_as(owner_role));
                }
                None => parties.push(owner_as(PartyRole::Facilitator)),
            }
            for member_id in &person.fields.members {
                if facilitator.as_ref().is_some_and(|f| &f.id == member_id) {
                    continue;
                }
                if let Some(m) = read_person(conn, ring, member_id)? {
                    parties.push(party_from_person(conn, ring, &m, PartyRole::Member));
                }
            }
            parties
        }
        (PersonKind::Organisation, _) => Vec::new(),
    };
    let gives = parties
        .iter()
        .any(|p| matches!(p.role, PartyRole::Supervisor | PartyRole::Facilitator));
    let receives = parties
        .iter()
        .any(|p| matches!(p.role, PartyRole::Supervisee | PartyRole::Member));
    if !gives || !receives {
        return Err(Error::InvalidInput(
            "Add the group's members before drafting its agreement.".into(),
        ));
    }
    if parties.len() > MAX_PARTIES {
        return Err(Error::InvalidInput(format!(
            "An agreement can have at most {MAX_PARTIES} parties."
        )));
    }
    Ok(parties)
}
