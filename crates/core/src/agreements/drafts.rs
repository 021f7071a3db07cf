//! Drafting: a new draft from the template, editing it, revising an
//! acknowledged version into a new draft, discarding a draft.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::body::{awaiting, checked, insert, load, replace, stamp};
use super::parties::{check_counterparty, organisation_name, parties_for, read_person};
use super::template::{default_content, TemplateContext};
use super::validate::{archived, normalise_content, parse_id, read_only};
use super::{
    Agreement, AgreementContent, AgreementStatus, Agreements, PartyDetails, SupervisionFormat,
};
use crate::error::{Error, Result};
use crate::keys::KeyRing;
use crate::people::PersonKind;
use crate::settings::VaultSettings;
use crate::store::{self, agreements as rows};

/// Adds a new draft version with `content` for `person_id` (in the caller's
/// transaction), after checking that no draft exists.
fn insert_draft(
    conn: &rusqlite::Connection,
    ring: &KeyRing,
    person_id: &str,
    content: AgreementContent,
    now: DateTime<Utc>,
) -> Result<Agreement> {
    if rows::draft_exists(conn, person_id)? {
        return Err(Error::InvalidInput(
            "There is already a draft agreement with this person. Edit or discard it first.".into(),
        ));
    }
    let now = stamp(now)?;
    let agreement = Agreement {
        id: Uuid::new_v4().to_string(),
        person_id: person_id.to_string(),
        version: rows::next_version(conn, person_id)?,
        status: AgreementStatus::Draft,
        created_at: now,
        updated_at: now,
        awaiting: awaiting(&content, &[]),
        content,
        acknowledgements: Vec::new(),
    };
    insert(conn, ring, &agreement)?;
    Ok(agreement)
}

impl Agreements<'_> {
    /// Starts a draft with the owner's details from Settings (see
    /// [`VaultSettings::set_profile`]).
    pub fn start(&mut self, person_id: &str, now: DateTime<Utc>) -> Result<Agreement> {
        let owner = VaultSettings::of(self.vault).owner_profile()?;
        self.create_draft(person_id, &owner, now)
    }

    /// Drafts version 1 (or the next version) of the agreement with a
    /// supervisee, supervisor or group from the template: every section
    /// prefilled with professional default text, monthly 60-minute sessions,
    /// 24 hours' cancellation notice, the standard confidentiality exceptions,
    /// effective today and reviewed in a year. `owner` gives the vault
    /// owner's details as they should be printed (the people records hold
    /// everyone else's).
    ///
    /// Errors: the id is not valid; no such person; the person is archived,
    /// is an organisation, or is neither supervisee nor supervisor; a group
    /// without members; a draft already exists.
    pub fn create_draft(
        &mut self,
        person_id: &str,
        owner: &PartyDetails,
        now: DateTime<Utc>,
    ) -> Result<Agreement> {
        let person_id = parse_id("That person's", person_id)?;
        let owner = owner.normalised()?;
        let u = self.vault.unlocked()?;
        let person =
            read_person(u.conn, u.ring, &person_id)?.ok_or(Error::NotFound("That person"))?;
        check_counterparty(&person)?;
        let parties = parties_for(u.conn, u.ring, &person, &owner)?;
        let organisation = organisation_name(u.conn, u.ring, &person);
        let context = TemplateContext {
            format: if person.fields.kind == PersonKind::Group {
                SupervisionFormat::Group
            } else {
                SupervisionFormat::Individual
            },
            organisation: &organisation,
            licensure_plan: &person.fields.licensure_plan,
            today: now.date_naive(),
        };
        let content = default_content(parties, &context);
        let content = normalise_content(&content, &content.parties)?;
        let ring = &*u.ring;
        store::write(u.conn, |tx| {
            insert_draft(tx, ring, &person.id, content, now)
        })
    }

    /// Replaces the sections of a draft. The parties' details may change but
    /// not who the parties are. If the text changes, acknowledgements already
    /// given are withdrawn (they were given for other text).
    ///
    /// Errors: the version is acknowledged or superseded (read-only); any
    /// invalid field (see [`AgreementContent`]); not found.
    pub fn update(
        &mut self,
        agreement_id: &str,
        content: &AgreementContent,
        now: DateTime<Utc>,
    ) -> Result<Agreement> {
        let id = parse_id("That agreement's", agreement_id)?;
        let now = stamp(now)?;
        let u = self.vault.unlocked()?;
        let ring = &*u.ring;
        store::write(u.conn, |tx| {
            let mut agreement = load(tx, ring, &id)?;
            if agreement.status != AgreementStatus::Draft {
                return Err(read_only(agreement.status));
            }
            let content = normalise_content(content, &agreement.content.parties)?;
            if content != agreement.content {
                agreement.acknowledgements.clear();
            }
            agreement.content = content;
            agreement.awaiting = awaiting(&agreement.content, &agreement.acknowledgements);
            agreement.updated_at = now.max(agreement.created_at);
            replace(tx, ring, &agreement)?;
            Ok(agreement)
        })
    }

    /// Starts a new version from an acknowledged one: a draft numbered one
    /// higher with the same sections and parties and no acknowledgements.
    /// The acknowledged version stays in force until the new one is
    /// acknowledged by every party.
    ///
    /// Errors: the version is a draft (edit it instead) or superseded (revise
    /// the current one); a draft already exists; the person is archived.
    pub fn revise(&mut self, agreement_id: &str, now: DateTime<Utc>) -> Result<Agreement> {
        let id = parse_id("That agreement's", agreement_id)?;
        let u = self.vault.unlocked()?;
        let ring = &*u.ring;
        store::write(u.conn, |tx| {
            let current = load(tx, ring, &id)?;
            match current.status {
                AgreementStatus::Draft => {
                    return Err(Error::InvalidInput(
                        "This version is still a draft: edit it rather than revising it.".into(),
                    ))
                }
                AgreementStatus::Superseded => {
                    return Err(Error::InvalidInput(
                        "This version has been superseded. Revise the current version instead."
                            .into(),
                    ))
                }
                AgreementStatus::Acknowledged => {}
            }
            let person =
                read_person(tx, ring, &current.person_id)?.ok_or(Error::NotFound("That person"))?;
            if person.archived {
                return Err(archived());
            }
            insert_draft(tx, ring, &person.id, current.content, now)
        })
    }

    /// Deletes a draft version. Acknowledged and superseded versions are
    /// kept for the record and cannot be deleted here. A draft that is
    /// damaged (it no longer opens) can still be discarded, so that a new
    /// one can be started; a damaged version not stored as a draft cannot.
    /// The deleted text is wiped from the write-ahead log too.
    pub fn discard_draft(&mut self, agreement_id: &str) -> Result<()> {
        let id = parse_id("That agreement's", agreement_id)?;
        let u = self.vault.unlocked()?;
        let row =
            rows::get(u.conn, u.ring, &id)?.ok_or(Error::NotFound("That agreement version"))?;
        let stored_as_draft = row.meta.status == AgreementStatus::Draft.as_str();
        match checked(row) {
            Ok(a) if a.status != AgreementStatus::Draft => return Err(read_only(a.status)),
            Ok(_) => {}
            Err(_) if stored_as_draft => {}
            Err(e) => return Err(e),
        }
        if !rows::delete_draft(u.conn, &id)? {
            return Err(Error::NotFound("That agreement version"));
        }
        store::checkpoint(u.conn)
    }
}
