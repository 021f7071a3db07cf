//! The data types of agreements: what the commands take and return.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::OWNER_PARTY_ID;

/// Where a version is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum AgreementStatus {
    /// Being written; editable; not in force.
    Draft,
    /// Every party's acknowledgement is recorded: in force and read-only.
    Acknowledged,
    /// Replaced by a later acknowledged version; read-only, kept for the record.
    Superseded,
}

impl AgreementStatus {
    pub(super) fn as_str(self) -> &'static str {
        match self {
            AgreementStatus::Draft => "draft",
            AgreementStatus::Acknowledged => "acknowledged",
            AgreementStatus::Superseded => "superseded",
        }
    }

    pub(super) fn parse(s: &str) -> Option<Self> {
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
/// [`MAX_SECTION_BYTES`](super::MAX_SECTION_BYTES) each.
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
    /// The fee in structured form, which invoices are built from.
    /// Agreements stored before it existed read as "no fee set".
    #[serde(default)]
    pub fee: super::Fee,
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
    /// The vault owner entered this acknowledgement on the party's behalf
    /// (the party acknowledged outside Confidant, and the owner recorded
    /// their typed name and date), as opposed to the party recording it
    /// themselves. Always `false` for the owner's own acknowledgement and
    /// for one received in a packet ([`Self::via_packet`]).
    // Acknowledgements stored before this field existed were all entered by
    // the owner: a missing value reads as `true`, then `normalised` makes
    // the owner's own `false`.
    #[serde(default = "entered_by_owner")]
    pub recorded_by_owner: bool,
    /// The id of the packet it arrived in, when the party acknowledged in
    /// their own app and sent it (then `recorded_by_owner` is `false`).
    /// `None` for one entered in this vault.
    #[serde(default)]
    pub via_packet: Option<String>,
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

fn entered_by_owner() -> bool {
    true
}

impl Acknowledgement {
    /// The owner's own acknowledgement is never "recorded for" anyone: it
    /// was the owner's to give. (Fixes the default of older stored values.)
    pub(super) fn normalised(mut self) -> Self {
        if self.party_id == OWNER_PARTY_ID {
            self.recorded_by_owner = false;
        }
        self
    }
}
