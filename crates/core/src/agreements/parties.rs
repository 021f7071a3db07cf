//! Who the parties to an agreement are, from the people records.

use rusqlite::{Connection, OptionalExtension};
use uuid::Uuid;

use super::validate::with_details;
use super::{Party, PartyDetails, PartyRole, MAX_PARTIES, OWNER_PARTY_ID};
use crate::error::{Error, Result};
use crate::people::{PersonInput, PersonKind, Relation};
use crate::vault::Session;

/// A people record, opened.
pub(super) struct PersonRecord {
    pub(super) id: String,
    pub(super) key_id: Uuid,
    pub(super) archived: bool,
    pub(super) fields: PersonInput,
}

pub(super) fn read_person(
    conn: &Connection,
    session: &Session,
    id: &str,
) -> Result<Option<PersonRecord>> {
    let Some(person) = crate::people::load(conn, session, id)? else {
        return Ok(None);
    };
    let key_id = session.subject_key_id(id, "This person's record")?;
    Ok(Some(PersonRecord {
        id: person.id,
        key_id,
        archived: person.archived,
        fields: person.fields,
    }))
}

pub(super) fn person_exists(conn: &Connection, id: &str) -> Result<bool> {
    Ok(conn
        .query_row("SELECT 1 FROM people WHERE id = ?1", [id], |_| Ok(()))
        .optional()?
        .is_some())
}

/// The person's display name, or empty when their record cannot be opened.
pub(super) fn person_name(conn: &Connection, session: &Session, id: &str) -> String {
    read_person(conn, session, id)
        .ok()
        .flatten()
        .map(|p| p.fields.name)
        .unwrap_or_default()
}

pub(super) fn organisation_name(
    conn: &Connection,
    session: &Session,
    fields: &PersonInput,
) -> String {
    match &fields.organisation_id {
        Some(org) => person_name(conn, session, org),
        None => String::new(),
    }
}

pub(super) fn party_from_person(
    conn: &Connection,
    session: &Session,
    p: &PersonRecord,
    role: PartyRole,
) -> Party {
    Party {
        party_id: p.id.clone(),
        role,
        name: p.fields.name.clone(),
        professional_role: p.fields.professional_role.clone(),
        organisation: organisation_name(conn, session, &p.fields),
        licence_number: p.fields.licence_number.clone(),
        licence_body: p.fields.licence_body.clone(),
    }
}

/// Checks that an agreement can be drafted with this person.
pub(super) fn check_counterparty(person: &PersonRecord) -> Result<()> {
    if person.archived {
        return Err(Error::InvalidInput(
            "This person is archived. Restore them before drafting or revising an agreement."
                .into(),
        ));
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
    session: &Session,
    person: &PersonRecord,
    owner: &PartyDetails,
) -> Result<Vec<Party>> {
    let owner_as = |role| with_details(OWNER_PARTY_ID, role, owner.clone());
    let parties = match (person.fields.kind, person.fields.relation) {
        (PersonKind::Person, Relation::ISupervise) => vec![
            owner_as(PartyRole::Supervisor),
            party_from_person(conn, session, person, PartyRole::Supervisee),
        ],
        (PersonKind::Person, _) => vec![
            party_from_person(conn, session, person, PartyRole::Supervisor),
            owner_as(PartyRole::Supervisee),
        ],
        (PersonKind::Group, relation) => {
            let mut parties = Vec::new();
            let facilitator = match &person.fields.facilitator_id {
                Some(f) => read_person(conn, session, f)?,
                None => None,
            };
            match &facilitator {
                Some(f) => {
                    parties.push(party_from_person(conn, session, f, PartyRole::Facilitator));
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
                if let Some(m) = read_person(conn, session, member_id)? {
                    parties.push(party_from_person(conn, session, &m, PartyRole::Member));
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
