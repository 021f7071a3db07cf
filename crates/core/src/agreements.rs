//! Supervision agreements: a versioned contract per relationship (or group),
//! drafted from a professional template, acknowledged by every party, then
//! read-only; printable to PDF.
//!
//! ## Storage
//!
//! One row per version in `agreements`. Every section, party detail and
//! acknowledgement is one sealed JSON `body` under the data key of the person
//! or group the agreement is with (the key in `people.key_id`), so erasing
//! that person also makes their agreements unreadable. The sealed value's
//! context binds the table, the column and the row's identity — its id, the
//! person it belongs to and its version number — so a body copied to another
//! row, another person or another version fails to open.
//!
//! Plaintext columns: the ids, the version number, the status, timestamps,
//! and two calendar dates, stored as 00:00 UTC of that date in unix
//! milliseconds:
//!
//! * `review_date`, so that [`Vault::agreements_due_for_review`] can find the
//!   agreements falling due without decrypting every agreement on every
//!   start of the Today view;
//! * `effective_date`, because supervision before it does not count towards
//!   licensure hours and the hours log queries it.
//!
//! Both dates are repeated in the sealed body and compared on every read: a
//! row whose plaintext dates were edited reports an integrity error. The
//! status is checked against the sealed acknowledgements in the same way (a
//! draft cannot claim every acknowledgement; an acknowledged version must
//! hold them all).
//!
//! ## Life cycle
//!
//! ```text
//! create_draft ──▶ draft ──update──▶ draft ──acknowledge (each party)──▶ acknowledged (read-only)
//!                                                                         │
//!                  revise: new version (n+1), a draft copied from it ◀────┘
//!                  once that draft is acknowledged, version n ──▶ superseded
//! ```
//!
//! At most one draft exists per person (a unique index enforces it). The
//! parties come from the people records: the vault owner (party id
//! [`OWNER_PARTY_ID`]) and the supervisee or supervisor, or, for a group, the
//! facilitator(s) and every member. Their details can be edited in a draft;
//! the set of parties cannot. Editing a draft after someone acknowledged it
//! withdraws the acknowledgements (they acknowledged other text).
//!
//! ## PDF
//!
//! [`Vault::agreement_pdf`] renders a version with the standard Helvetica
//! fonts in WinAnsiEncoding (no embedded fonts). Characters outside that
//! encoding are printed as a close equivalent (ł as l, → as ->) or `?`.
//! Nothing is written to disk except by [`Vault::agreement_save_pdf`], to a
//! path the user chose.

mod parties;
mod pdf;
mod rows;
mod template;
mod validate;
mod winansi;

use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::people::PersonKind;
use crate::store::to_millis;
use crate::vault::Vault;

use parties::{
    check_counterparty, organisation_name, parties_for, person_exists, person_name, read_person,
};
use rows::{
    awaiting, date_millis, insert_draft, millis_date, open_row, read_row, read_rows, row_from,
    seal_body, summary, write_file_atomically, COLUMNS,
};
use validate::{details, normalise_ack, normalise_content, parse_id, read_only};

pub use pdf::render_pdf;

pub use crate::party::PartyDetails;
pub use template::{default_content, TemplateContext};

/// The party id of the vault owner in every agreement.
pub const OWNER_PARTY_ID: &str = "owner";
/// Largest text section, in UTF-8 bytes (20 KiB).
pub const MAX_SECTION_BYTES: usize = 20 * 1024;
/// Largest whole agreement (every section, party and acknowledgement), in
/// UTF-8 bytes of its JSON form (256 KiB).
pub const MAX_BODY_BYTES: usize = 256 * 1024;
/// Allowed session lengths, in minutes.
pub const SESSION_MINUTES: std::ops::RangeInclusive<u32> = 15..=480;
/// Allowed cancellation notice, in hours (up to two weeks).
pub const NOTICE_HOURS: std::ops::RangeInclusive<u32> = 0..=336;
/// The template's session length, in minutes.
pub const DEFAULT_SESSION_MINUTES: u32 = 60;
/// The template's cancellation notice, in hours.
pub const DEFAULT_NOTICE_HOURS: u32 = 24;
/// Longest look-ahead for [`Vault::agreements_due_for_review`], in days.
pub const MAX_REVIEW_WINDOW_DAYS: u32 = 3660;
/// Most parties to one agreement (a group's facilitators and members).
pub const MAX_PARTIES: usize = 60;
const WHAT: &str = "This agreement";

/// Where a version is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum AgreementStatus {
    /// Being written; editable; not in force.
    Draft,
    /// Acknowledged by every party: in force and read-only.
    Acknowledged,
    /// Replaced by a later acknowledged version; read-only, kept for the record.
    Superseded,
}

impl AgreementStatus {
    fn as_str(self) -> &'static str {
        match self {
            AgreementStatus::Draft => "draft",
            AgreementStatus::Acknowledged => "acknowledged",
            AgreementStatus::Superseded => "superseded",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        match s {
            "draft" => Some(AgreementStatus::Draft),
            "acknowledged" => Some(AgreementStatus::Acknowledged),
            "superseded" => Some(AgreementStatus::Superseded),
            _ => None,
        }
    }
}

/// How often sessions are held. Scheduling defaults its recurrence from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Frequency {
    /// Every week.
    Weekly,
    /// Every two weeks.
    Fortnightly,
    /// Every month.
    Monthly,
}

/// Individual, group or peer supervision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum SupervisionFormat {
    /// One supervisor, one supervisee.
    Individual,
    /// A facilitator and a group of supervisees.
    Group,
    /// Practitioners supervising one another.
    Peer,
}

/// How sessions take place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Delivery {
    /// Face to face.
    InPerson,
    /// By video call.
    Video,
    /// By telephone.
    Phone,
}

/// A party's part in the agreement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum PartyRole {
    /// Gives supervision (individual).
    Supervisor,
    /// Receives supervision (individual).
    Supervisee,
    /// Leads a supervision group.
    Facilitator,
    /// A member of a supervision group.
    Member,
}

/// One party to an agreement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Party {
    /// [`OWNER_PARTY_ID`] for the vault owner, otherwise the id of their
    /// people record. Fixed for the life of the agreement.
    pub party_id: String,
    /// Their part. Fixed for the life of the agreement.
    pub role: PartyRole,
    /// Full name (may be blank in a draft; required before acknowledging).
    pub name: String,
    /// Professional role.
    pub professional_role: String,
    /// Organisation.
    pub organisation: String,
    /// Licence or registration number.
    pub licence_number: String,
    /// The body that issued it.
    pub licence_body: String,
}

/// Every section of an agreement. Free-text sections hold at most
/// [`MAX_SECTION_BYTES`] each.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AgreementContent {
    /// Title printed at the top.
    pub title: String,
    /// The parties and their licence or registration numbers.
    pub parties: Vec<Party>,
    /// Purpose of supervision.
    pub purpose: String,
    /// The model of supervision.
    pub model: String,
    /// The three functions: normative, formative, restorative.
    pub functions: String,
    /// Learning goals.
    pub learning_goals: String,
    /// How often sessions are held.
    pub frequency: Frequency,
    /// Length of a session in minutes (15–480).
    pub session_minutes: u32,
    /// More about frequency and booking.
    pub frequency_notes: String,
    /// Individual, group or peer.
    pub format: SupervisionFormat,
    /// In person, video, phone (at least one).
    pub delivery: Vec<Delivery>,
    /// Where sessions take place.
    pub location: String,
    /// Availability and emergency contact between sessions.
    pub availability: String,
    /// Methods: case discussion, direct observation, recordings (with client consent).
    pub methods: String,
    /// Evaluation and who has sign-off authority.
    pub evaluation: String,
    /// Roles where there is more than one supervisor.
    pub supervisor_roles: String,
    /// How clients are told about supervision.
    pub informing_clients: String,
    /// Fees.
    pub fees: String,
    /// Who is invoiced.
    pub invoicing_party: String,
    /// Notice needed to cancel without charge, in hours (0–336).
    pub cancellation_notice_hours: u32,
    /// The late-cancellation fee.
    pub late_cancellation_fee: String,
    /// The cancellation policy.
    pub cancellation_policy: String,
    /// Record keeping and retention: who keeps what, how long, where.
    pub record_keeping: String,
    /// The ethics code followed, and insurance.
    pub ethics_and_insurance: String,
    /// Confidentiality.
    pub confidentiality: String,
    /// The exceptions to confidentiality.
    pub confidentiality_exceptions: String,
    /// How an exception is handled.
    pub exception_handling: String,
    /// How ethical concerns and disagreements are raised.
    pub concerns_and_disagreements: String,
    /// Review, ending and notice.
    pub review_and_ending: String,
    /// From when the agreement applies; supervision before it does not count
    /// towards hours.
    pub effective_date: Option<NaiveDate>,
    /// When the agreement is next reviewed (not before the effective date).
    pub review_date: Option<NaiveDate>,
}

/// A party's acknowledgement, as the user enters it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AcknowledgementInput {
    /// Which party ([`Party::party_id`]).
    pub party_id: String,
    /// Their full name, typed as a signature. Must not be blank.
    pub typed_name: String,
    /// The date they acknowledged (not in the future).
    pub date: NaiveDate,
}

/// A recorded acknowledgement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Acknowledgement {
    /// Which party.
    pub party_id: String,
    /// Their part.
    pub role: PartyRole,
    /// The name they typed.
    pub typed_name: String,
    /// The date they gave.
    pub date: NaiveDate,
    /// When it was recorded in the vault.
    pub recorded_at: DateTime<Utc>,
}

/// One version of an agreement, decrypted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Agreement {
    /// Id of this version.
    pub id: String,
    /// The person or group it is with.
    pub person_id: String,
    /// Version number, from 1.
    pub version: u32,
    /// Draft, acknowledged or superseded.
    pub status: AgreementStatus,
    /// When this version was created.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
    /// The sections.
    pub content: AgreementContent,
    /// Acknowledgements recorded so far, in order.
    pub acknowledgements: Vec<Acknowledgement>,
    /// Party ids still to acknowledge (empty once acknowledged).
    pub awaiting: Vec<String>,
}

/// A line in a person's list of agreement versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AgreementSummary {
    /// Id of this version.
    pub id: String,
    /// The person or group it is with.
    pub person_id: String,
    /// Their name; empty when their record is damaged.
    pub person_name: String,
    /// Version number.
    pub version: u32,
    /// Draft, acknowledged or superseded.
    pub status: AgreementStatus,
    /// When created.
    pub created_at: DateTime<Utc>,
    /// When last changed.
    pub updated_at: DateTime<Utc>,
    /// Effective date.
    pub effective_date: Option<NaiveDate>,
    /// Review date.
    pub review_date: Option<NaiveDate>,
    /// The stored version failed its integrity check and cannot be opened.
    pub damaged: bool,
}

/// An agreement in force whose review date is past or near.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReviewDue {
    /// Id of the version in force.
    pub agreement_id: String,
    /// The person or group it is with.
    pub person_id: String,
    /// Their name; empty when their record is damaged.
    pub person_name: String,
    /// Version number.
    pub version: u32,
    /// The review date.
    pub review_date: NaiveDate,
    /// Days from today (UTC) to the review date; negative when overdue.
    pub days_until_review: i32,
    /// The stored version failed its integrity check.
    pub damaged: bool,
}

/// The sealed JSON of one version.
#[derive(Serialize, Deserialize)]
struct StoredBody {
    content: AgreementContent,
    acknowledgements: Vec<Acknowledgement>,
}

/// Whole days from `from` to `to`, saturating at the range of `i32`.
fn days_between(from: NaiveDate, to: NaiveDate) -> i32 {
    let days = (to - from).num_days();
    i32::try_from(days).unwrap_or(if days < 0 { i32::MIN } else { i32::MAX })
}

impl Vault {
    /// Starts a draft with the owner's details from Settings (see
    /// [`Vault::set_profile`]).
    pub fn agreement_start(&mut self, person_id: &str, now: DateTime<Utc>) -> Result<Agreement> {
        let owner = crate::settings::VaultSettings::of(self).owner_profile()?;
        self.agreement_create_draft(person_id, &owner, now)
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
    pub fn agreement_create_draft(
        &mut self,
        person_id: &str,
        owner: &PartyDetails,
        now: DateTime<Utc>,
    ) -> Result<Agreement> {
        let person_id = parse_id("That person's", person_id)?;
        let owner = details(owner)?;
        let (conn, session) = self.unlocked_parts()?;
        let person =
            read_person(conn, session, &person_id)?.ok_or(Error::NotFound("That person"))?;
        check_counterparty(&person)?;
        let parties = parties_for(conn, session, &person, &owner)?;
        let organisation = organisation_name(conn, session, &person.fields);
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
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let agreement = insert_draft(&tx, session, &person, content, now)?;
        tx.commit()?;
        Ok(agreement)
    }

    /// Replaces the sections of a draft. The parties' details may change but
    /// not who the parties are. If the text changes, acknowledgements already
    /// given are withdrawn (they were given for other text).
    ///
    /// Errors: the version is acknowledged or superseded (read-only); any
    /// invalid field (see [`AgreementContent`]); not found.
    pub fn agreement_update(
        &mut self,
        agreement_id: &str,
        content: &AgreementContent,
        now: DateTime<Utc>,
    ) -> Result<Agreement> {
        let id = parse_id("That agreement's", agreement_id)?;
        let (conn, session) = self.unlocked_parts()?;
        let row = read_row(conn, &id)?.ok_or(Error::NotFound("That agreement version"))?;
        let current = open_row(session, &row)?;
        if current.status != AgreementStatus::Draft {
            return Err(read_only(current.status));
        }
        let content = normalise_content(content, &current.content.parties)?;
        let acknowledgements = if content == current.content {
            current.acknowledgements
        } else {
            Vec::new()
        };
        let body = StoredBody {
            content,
            acknowledgements,
        };
        let key_id = Uuid::parse_str(&row.key_id).map_err(|_| Error::Integrity(WHAT.into()))?;
        let sealed = seal_body(
            session,
            key_id,
            (&row.id, &row.person_id, row.version),
            &body,
        )?;
        let n = conn.execute(
            "UPDATE agreements SET body = ?2, effective_date = ?3, review_date = ?4,
                                   updated_at = max(?5, created_at)
             WHERE id = ?1 AND status = 'draft'",
            params![
                id,
                sealed,
                body.content.effective_date.map(date_millis),
                body.content.review_date.map(date_millis),
                to_millis(now)
            ],
        )?;
        if n == 0 {
            return Err(read_only(AgreementStatus::Acknowledged));
        }
        let awaiting = awaiting(&body.content, &body.acknowledgements);
        Ok(Agreement {
            updated_at: now.max(current.created_at),
            content: body.content,
            acknowledgements: body.acknowledgements,
            awaiting,
            ..current
        })
    }

    /// Records one party's acknowledgement (typed full name and date) of a
    /// draft. When the last party acknowledges, the version becomes
    /// acknowledged and read-only, and any earlier acknowledged version with
    /// the same person becomes superseded, in one transaction.
    ///
    /// Errors: no such version; the version is not a draft; the party is not
    /// named in it or has already acknowledged; a blank typed name; a date in
    /// the future; a party whose name is still blank.
    pub fn agreement_acknowledge(
        &mut self,
        agreement_id: &str,
        input: &AcknowledgementInput,
        now: DateTime<Utc>,
    ) -> Result<Agreement> {
        let id = parse_id("That agreement's", agreement_id)?;
        let (typed_name, date) = normalise_ack(input, now)?;
        let (conn, session) = self.unlocked_parts()?;
        let row = read_row(conn, &id)?.ok_or(Error::NotFound("That agreement version"))?;
        let mut agreement = open_row(session, &row)?;
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
        agreement.acknowledgements.push(Acknowledgement {
            party_id: party.party_id.clone(),
            role: party.role,
            typed_name,
            date,
            recorded_at: now,
        });
        agreement.awaiting = awaiting(&agreement.content, &agreement.acknowledgements);
        let status = if agreement.awaiting.is_empty() {
            AgreementStatus::Acknowledged
        } else {
            AgreementStatus::Draft
        };
        let body = StoredBody {
            content: agreement.content,
            acknowledgements: agreement.acknowledgements,
        };
        let key_id = Uuid::parse_str(&row.key_id).map_err(|_| Error::Integrity(WHAT.into()))?;
        let sealed = seal_body(
            session,
            key_id,
            (&row.id, &row.person_id, row.version),
            &body,
        )?;
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let n = tx.execute(
            "UPDATE agreements SET body = ?2, status = ?3, updated_at = max(?4, created_at)
             WHERE id = ?1 AND status = 'draft'",
            params![id, sealed, status.as_str(), to_millis(now)],
        )?;
        if n == 0 {
            return Err(read_only(AgreementStatus::Acknowledged));
        }
        if status == AgreementStatus::Acknowledged {
            tx.execute(
                "UPDATE agreements SET status = 'superseded'
                 WHERE person_id = ?1 AND status = 'acknowledged' AND version < ?2",
                params![row.person_id, row.version],
            )?;
        }
        tx.commit()?;
        Ok(Agreement {
            status,
            updated_at: now.max(agreement.created_at),
            content: body.content,
            acknowledgements: body.acknowledgements,
            ..agreement
        })
    }

    /// Starts a new version from an acknowledged one: a draft numbered one
    /// higher with the same sections and parties and no acknowledgements.
    /// The acknowledged version stays in force until the new one is
    /// acknowledged by every party.
    ///
    /// Errors: the version is a draft (edit it instead) or superseded (revise
    /// the current one); a draft already exists; the person is archived.
    pub fn agreement_revise(
        &mut self,
        agreement_id: &str,
        now: DateTime<Utc>,
    ) -> Result<Agreement> {
        let id = parse_id("That agreement's", agreement_id)?;
        let (conn, session) = self.unlocked_parts()?;
        let row = read_row(conn, &id)?.ok_or(Error::NotFound("That agreement version"))?;
        let current = open_row(session, &row)?;
        match current.status {
            AgreementStatus::Draft => {
                return Err(Error::InvalidInput(
                    "This version is still a draft: edit it rather than revising it.".into(),
                ))
            }
            AgreementStatus::Superseded => {
                return Err(Error::InvalidInput(
                    "This version has been superseded. Revise the current version instead.".into(),
                ))
            }
            AgreementStatus::Acknowledged => {}
        }
        let person =
            read_person(conn, session, &row.person_id)?.ok_or(Error::NotFound("That person"))?;
        if person.archived {
            return Err(Error::InvalidInput(
                "This person is archived. Restore them before drafting or revising an agreement."
                    .into(),
            ));
        }
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let agreement = insert_draft(&tx, session, &person, current.content, now)?;
        tx.commit()?;
        Ok(agreement)
    }

    /// Deletes a draft version. Acknowledged and superseded versions are
    /// kept for the record and cannot be deleted here.
    pub fn agreement_discard_draft(&mut self, agreement_id: &str) -> Result<()> {
        let id = parse_id("That agreement's", agreement_id)?;
        let (conn, _) = self.unlocked_parts()?;
        let status: Option<String> = conn
            .query_row("SELECT status FROM agreements WHERE id = ?1", [&id], |r| {
                r.get(0)
            })
            .optional()?;
        let status = status.ok_or(Error::NotFound("That agreement version"))?;
        let status =
            AgreementStatus::parse(&status).ok_or_else(|| Error::Integrity(WHAT.into()))?;
        if status != AgreementStatus::Draft {
            return Err(read_only(status));
        }
        conn.execute(
            "DELETE FROM agreements WHERE id = ?1 AND status = 'draft'",
            [&id],
        )?;
        Ok(())
    }

    /// One version, decrypted.
    pub fn agreement_get(&mut self, agreement_id: &str) -> Result<Agreement> {
        let id = parse_id("That agreement's", agreement_id)?;
        let (conn, session) = self.unlocked_parts()?;
        let row = read_row(conn, &id)?.ok_or(Error::NotFound("That agreement version"))?;
        open_row(session, &row)
    }

    /// Every version of the agreement with a person, newest first. A damaged
    /// version is listed with `damaged: true` rather than hiding the others.
    pub fn agreement_list(&mut self, person_id: &str) -> Result<Vec<AgreementSummary>> {
        let person_id = parse_id("That person's", person_id)?;
        let (conn, session) = self.unlocked_parts()?;
        if !person_exists(conn, &person_id)? {
            return Err(Error::NotFound("That person"));
        }
        let name = person_name(conn, session, &person_id);
        let rows = read_rows(
            conn,
            "WHERE person_id = ?1 ORDER BY version DESC",
            &person_id,
        )?;
        rows.iter().map(|r| summary(session, r, &name)).collect()
    }

    /// The agreement in force with a person: the latest acknowledged
    /// version, or `None` when nothing has been acknowledged yet.
    pub fn agreement_current(&mut self, person_id: &str) -> Result<Option<Agreement>> {
        let person_id = parse_id("That person's", person_id)?;
        let (conn, session) = self.unlocked_parts()?;
        if !person_exists(conn, &person_id)? {
            return Err(Error::NotFound("That person"));
        }
        let rows = read_rows(
            conn,
            "WHERE person_id = ?1 AND status = 'acknowledged' ORDER BY version DESC LIMIT 1",
            &person_id,
        )?;
        rows.first().map(|r| open_row(session, r)).transpose()
    }

    /// Agreements in force (acknowledged, with people who are not archived)
    /// whose review date is past or falls within `within_days` of today,
    /// earliest first. "Today" is `now`'s UTC date; review dates are
    /// calendar dates.
    pub fn agreements_due_for_review(
        &mut self,
        now: DateTime<Utc>,
        within_days: u32,
    ) -> Result<Vec<ReviewDue>> {
        if within_days > MAX_REVIEW_WINDOW_DAYS {
            return Err(Error::InvalidInput(format!(
                "Look ahead at most {MAX_REVIEW_WINDOW_DAYS} days."
            )));
        }
        let today = now.date_naive();
        let cutoff = today
            .checked_add_days(chrono::Days::new(u64::from(within_days)))
            .ok_or_else(|| Error::InvalidInput("That date is out of range.".into()))?;
        let (conn, session) = self.unlocked_parts()?;
        let mut stmt = conn.prepare(&format!(
            "SELECT {} FROM agreements a JOIN people p ON p.id = a.person_id
             WHERE a.status = 'acknowledged' AND a.review_date IS NOT NULL
               AND a.review_date <= ?1 AND p.archived_at IS NULL
             ORDER BY a.review_date, a.id",
            COLUMNS
                .split(", ")
                .map(|c| format!("a.{c}"))
                .collect::<Vec<_>>()
                .join(", ")
        ))?;
        let rows = stmt
            .query_map([date_millis(cutoff)], row_from)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            let Some(review_ms) = row.review else {
                continue;
            };
            // A damaged row is still listed (flagged), never hidden.
            let stored_date = millis_date(review_ms).ok();
            let damaged = stored_date.is_none() || open_row(session, &row).is_err();
            let review_date = stored_date.unwrap_or(today);
            out.push(ReviewDue {
                agreement_id: row.id.clone(),
                person_id: row.person_id.clone(),
                person_name: person_name(conn, session, &row.person_id),
                version: u32::try_from(row.version).unwrap_or(0),
                review_date,
                days_until_review: days_between(today, review_date),
                damaged,
            });
        }
        Ok(out)
    }

    /// The PDF of one version (bytes; nothing is written to disk). `now`
    /// gives the printed date in the footer.
    pub fn agreement_pdf(&mut self, agreement_id: &str, now: DateTime<Utc>) -> Result<Vec<u8>> {
        let agreement = self.agreement_get(agreement_id)?;
        Ok(render_pdf(&agreement, now))
    }

    /// Writes the PDF of one version to `path`, a file the user chose (an
    /// absolute path). The file appears complete or not at all.
    pub fn agreement_save_pdf(
        &mut self,
        agreement_id: &str,
        path: &Path,
        now: DateTime<Utc>,
    ) -> Result<()> {
        if !path.is_absolute() || path.file_name().is_none() {
            return Err(Error::InvalidInput(
                "Choose a file to save the agreement to.".into(),
            ));
        }
        let bytes = self.agreement_pdf(agreement_id, now)?;
        write_file_atomically(path, &bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::validate::{section, with_details};
    use super::*;

    fn party(id: &str, role: PartyRole, name: &str) -> Party {
        with_details(
            id,
            role,
            PartyDetails {
                name: name.into(),
                ..PartyDetails::default()
            },
        )
    }

    fn content() -> AgreementContent {
        let parties = vec![
            party(OWNER_PARTY_ID, PartyRole::Supervisor, "Dana"),
            party(
                "0b6c4a8e-9d64-4c1e-8f00-2a4f3e1a7c11",
                PartyRole::Supervisee,
                "Sam",
            ),
        ];
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).expect("date");
        default_content(
            parties,
            &TemplateContext {
                format: SupervisionFormat::Individual,
                organisation: "Northside",
                licensure_plan: "",
                today,
            },
        )
    }

    #[test]
    fn the_template_passes_its_own_validation() {
        let c = content();
        assert_eq!(normalise_content(&c, &c.parties).expect("valid"), c);
        assert_eq!(c.frequency, Frequency::Monthly);
        assert_eq!(c.session_minutes, DEFAULT_SESSION_MINUTES);
        assert_eq!(c.cancellation_notice_hours, DEFAULT_NOTICE_HOURS);
    }

    #[test]
    fn parties_cannot_be_added_removed_or_recast() {
        let c = content();
        let mut more = c.clone();
        more.parties.push(party("x", PartyRole::Supervisee, "X"));
        assert!(matches!(
            normalise_content(&more, &c.parties),
            Err(Error::InvalidInput(_))
        ));
        let mut recast = c.clone();
        recast.parties[1].role = PartyRole::Supervisor;
        assert!(matches!(
            normalise_content(&recast, &c.parties),
            Err(Error::InvalidInput(_))
        ));
        let mut swapped = c.clone();
        swapped.parties.reverse();
        swapped.parties[0].licence_number = "  L-1 ".into();
        let ok = normalise_content(&swapped, &c.parties).expect("reordered is fine");
        assert_eq!(ok.parties[0].party_id, OWNER_PARTY_ID, "fixed order kept");
        assert_eq!(ok.parties[1].licence_number, "L-1");
    }

    #[test]
    fn dates_round_trip_as_midnight_utc() {
        let d = NaiveDate::from_ymd_opt(2027, 3, 31).expect("date");
        assert_eq!(millis_date(date_millis(d)).expect("date"), d);
        assert!(millis_date(date_millis(d) + 1).is_err());
    }

    #[test]
    fn sections_keep_newlines_and_reject_other_control_characters() {
        assert_eq!(
            section("The x section", " a\r\nb\tc \n").expect("ok"),
            "a\nb\tc"
        );
        assert!(matches!(
            section("The x section", "a\u{7}b"),
            Err(Error::InvalidInput(_))
        ));
        let big = "x".repeat(MAX_SECTION_BYTES + 1);
        assert!(matches!(
            section("The x section", &big),
            Err(Error::TooLarge { .. })
        ));
    }
}
