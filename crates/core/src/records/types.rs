//! The public types of session records, action items and agendas: what the
//! UI sends and reads.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::schedule::{OccurrenceKey, SessionKind};

/// What an agenda item is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum FocusType {
    /// A client or service-user issue.
    ClientIssue,
    /// An ethical concern.
    EthicalConcern,
    /// Stress or wellbeing.
    Wellbeing,
    /// A collegial relationship.
    CollegialRelationship,
    /// Workload.
    Workload,
    /// An organisational matter.
    Organisational,
    /// Learning or training.
    Learning,
}

/// Who raised an agenda item or an ethical issue.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case", tag = "by", content = "member_id")]
pub enum RaisedBy {
    /// The supervisor.
    Supervisor,
    /// The supervisee (individual, peer and coaching sessions).
    Supervisee,
    /// A member of the group (the id of their person record).
    Member(String),
}

/// One item on a record's agenda ("what the supervisee brings").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AgendaItem {
    /// The item, in a line or two.
    pub text: String,
    /// What it is about.
    pub focus: FocusType,
    /// Who raised it.
    pub raised_by: RaisedBy,
    /// Not reached in the session: it is carried over to the next agenda
    /// for the same person or group ("unfinished items from the last
    /// record"). Ignored on an agenda's own items.
    pub carry_over: bool,
}

/// One supervision function (normative, formative, restorative).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FunctionCovered {
    /// Covered in this session.
    pub ticked: bool,
    /// A short note on how.
    pub note: String,
}

/// The three functions of supervision.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Functions {
    /// Normative (managerial): standards, policy, accountability.
    pub normative: FunctionCovered,
    /// Formative (educative): skills and learning.
    pub formative: FunctionCovered,
    /// Restorative (supportive): the supervisee's wellbeing.
    pub restorative: FunctionCovered,
}

/// An optional link from a consultation to a goal or a skill. The id is
/// opaque here (goals and skills are built elsewhere).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CaseLink {
    /// The goal's or skill's id.
    pub id: String,
    /// What it is called, as shown.
    pub label: String,
}

/// A case brought to supervision, under a pseudonymous case reference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CaseConsultation {
    /// Short pseudonymous code, e.g. "C-17", kept per supervisee and reused
    /// across sessions. Never a name.
    pub case_reference: String,
    /// Whose case it is, in a group record (a member's person id); `None`
    /// in a record with one supervisee (it is theirs).
    pub supervisee_id: Option<String>,
    /// The presenting issue.
    pub presenting_issue: String,
    /// Approaches tried so far.
    pub approaches_tried: String,
    /// Guidance given.
    pub guidance: String,
    /// Link to a goal or a skill, if any.
    pub link: Option<CaseLink>,
}

/// An ethical decision and its paper trail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EthicalDecision {
    /// The issue.
    pub issue: String,
    /// Who raised it.
    pub raised_by: RaisedBy,
    /// When it was raised.
    pub raised_on: Option<NaiveDate>,
    /// The options considered.
    pub options: Vec<String>,
    /// The decision.
    pub decision: String,
    /// Its rationale: the codes or policies relied on.
    pub rationale: String,
    /// Who was consulted or notified.
    pub consulted: String,
}

/// The wellbeing check.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct WellbeingCheck {
    /// What the supervisee reported about stress and workload.
    pub reported: String,
    /// What was agreed.
    pub agreed: String,
}

/// Feedback both ways.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Feedback {
    /// Strengths seen.
    pub strengths: String,
    /// Areas for development.
    pub development: String,
    /// The supervisee's feedback on the supervision itself.
    pub on_supervision: String,
}

/// Who owns an action item.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case", tag = "by", content = "member_id")]
pub enum ActionOwner {
    /// The supervisor.
    Supervisor,
    /// The supervisee.
    Supervisee,
    /// A named member of the group (their person id).
    Member(String),
}

/// Where an action item stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ActionStatus {
    /// Still to do: it appears on every later agenda.
    Open,
    /// Done.
    Done,
    /// Dropped (no longer to do).
    Dropped,
}

/// An action item as written in a record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ActionItemInput {
    /// Empty for a new item; the core gives it an id, which the UI keeps
    /// (send it back on the next save, or the item is added again).
    pub id: String,
    /// What is to be done.
    pub text: String,
    /// Who does it (required).
    pub owner: Option<ActionOwner>,
    /// By when (not before the session; required to finalise).
    pub due: Option<NaiveDate>,
    /// Its status in this record.
    pub status: ActionStatus,
}

/// How a group member attended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Attendance {
    /// Present.
    Present,
    /// Sent apologies.
    Apologies,
    /// Absent without apologies.
    Absent,
}

/// One group member's attendance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MemberAttendance {
    /// The member's person id.
    pub member_id: String,
    /// How they attended.
    pub attendance: Attendance,
}

/// A group member's own addendum to a group record: visible only when that
/// member's view of the record is read (never in the group's own view or
/// another member's).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MemberNote {
    /// The member's person id.
    pub member_id: String,
    /// Their addendum.
    pub text: String,
}

/// Everything written in a session record.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RecordContent {
    /// What was brought (stage one).
    pub agenda_items: Vec<AgendaItem>,
    /// Exploration notes (stage two).
    pub exploration: String,
    /// Decisions and how practice will change (stage three), one per entry.
    pub decisions: Vec<String>,
    /// Key learning.
    pub key_learning: String,
    /// Functions covered.
    pub functions: Functions,
    /// Case consultations.
    pub consultations: Vec<CaseConsultation>,
    /// Ethical decisions.
    pub ethical_decisions: Vec<EthicalDecision>,
    /// Wellbeing check.
    pub wellbeing: WellbeingCheck,
    /// Feedback both ways.
    pub feedback: Feedback,
    /// Action items.
    pub action_items: Vec<ActionItemInput>,
    /// Groups: attendance per member.
    pub attendance: Vec<MemberAttendance>,
    /// Groups: notes shared with the whole group.
    pub shared_notes: String,
    /// Groups: each member's own addendum (filtered by the viewing member
    /// on every read). A draft save merges them per member: a member's note
    /// missing from the save is kept; one sent with empty text is removed.
    pub member_notes: Vec<MemberNote>,
}

/// Draft or final.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum RecordStatus {
    /// Being written; autosaved.
    Draft,
    /// Finalised by the supervisor: read-only; changes are addenda.
    Final,
}

/// How the supervisor finalised a record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Finalisation {
    /// The name the supervisor typed.
    pub signed_name: String,
    /// When.
    pub finalised_at: DateTime<Utc>,
    /// SHA-256 of the finalised content (canonical JSON), lower-case hex.
    pub content_hash: String,
}

/// A dated addendum to a final record; the original stays as it was.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RecordAddendum {
    /// Addendum id.
    pub id: String,
    /// The text.
    pub text: String,
    /// Who wrote it (as typed).
    pub author: String,
    /// For a group record: the member whose own addendum it is (visible
    /// only in their view); `None` for an addendum to the whole record.
    pub member_id: Option<String>,
    /// When it was added.
    pub added_at: DateTime<Utc>,
}

/// The supervisee's acknowledgement: recorded by the supervisor by hand, or
/// sent by the supervisee in a packet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct HandAcknowledgement {
    /// The supervisee's name, as the supervisor typed it.
    pub name: String,
    /// The date the supervisee acknowledged the record.
    pub date: NaiveDate,
    /// True when recorded by the supervisor by hand; false when the
    /// supervisee acknowledged in their own app and sent it in a packet
    /// ([`Self::packet_id`]).
    pub recorded_by_hand: bool,
    /// The label to show with it.
    pub label: String,
    /// When it was recorded in this vault.
    pub recorded_at: DateTime<Utc>,
    /// The packet it arrived in (its id); `None` when recorded by hand.
    #[serde(default)]
    pub packet_id: Option<String>,
}

/// A status change of an action item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StatusChange {
    /// The new status.
    pub status: ActionStatus,
    /// When it changed.
    pub at: DateTime<Utc>,
}

/// An action item as it stands now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ActionItem {
    /// Item id.
    pub id: String,
    /// The record it was agreed in.
    pub record_id: String,
    /// The person or group.
    pub person_id: String,
    /// The date of the session it was agreed in.
    pub session_date: NaiveDate,
    /// What is to be done.
    pub text: String,
    /// Who does it.
    pub owner: ActionOwner,
    /// By when.
    pub due: Option<NaiveDate>,
    /// Where it stands now.
    pub status: ActionStatus,
    /// Dated status changes after it was agreed, oldest first.
    pub history: Vec<StatusChange>,
}

/// A session record, as one viewer sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SessionRecord {
    /// Record id.
    pub id: String,
    /// The session it records.
    pub key: OccurrenceKey,
    /// The person or group.
    pub person_id: String,
    /// Kind (follows the session).
    pub kind: SessionKind,
    /// The session's local date.
    pub session_date: NaiveDate,
    /// Draft or final.
    pub status: RecordStatus,
    /// Increases with every saved draft; send it back to save again.
    pub revision: u32,
    /// Started.
    pub created_at: DateTime<Utc>,
    /// Last saved.
    pub updated_at: DateTime<Utc>,
    /// The content; in a group record only the viewing member's own note
    /// is in `member_notes` (none in the group's own view).
    pub content: RecordContent,
    /// The record's action items as they stand now (statuses change after
    /// finalising; the content keeps them as agreed).
    pub action_items: Vec<ActionItem>,
    /// Set when final.
    pub finalisation: Option<Finalisation>,
    /// Addenda the viewer may see, oldest first.
    pub addenda: Vec<RecordAddendum>,
    /// The supervisee's acknowledgement, recorded by hand.
    pub acknowledgement: Option<HandAcknowledgement>,
    /// The member whose view this is (`None`: the group's own view, or a
    /// record with one supervisee).
    pub viewer: Option<String>,
}

/// A line in a person's list of records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RecordSummary {
    /// Record id.
    pub id: String,
    /// The session.
    pub key: OccurrenceKey,
    /// The person or group.
    pub person_id: String,
    /// Kind.
    pub kind: SessionKind,
    /// The session's date.
    pub session_date: NaiveDate,
    /// Draft or final.
    pub status: RecordStatus,
    /// Last saved.
    pub updated_at: DateTime<Utc>,
    /// The first agenda item's text (empty when none or damaged).
    pub first_item: String,
    /// Agenda items in the record.
    pub agenda_items: u32,
    /// Its action items still open.
    pub open_actions: u32,
    /// Addenda to the whole record.
    pub addenda: u32,
    /// The record failed its integrity check.
    pub damaged: bool,
}

/// One consultation of a case, with the session it was in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CaseEntry {
    /// The record.
    pub record_id: String,
    /// The session's date.
    pub session_date: NaiveDate,
    /// Draft or final.
    pub status: RecordStatus,
    /// The consultation.
    pub consultation: CaseConsultation,
}

/// A case's history across sessions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CaseHistory {
    /// The case reference.
    pub case_reference: String,
    /// Its consultations, oldest first.
    pub entries: Vec<CaseEntry>,
}

/// A held session without a final record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RecordToWrite {
    /// The session.
    pub key: OccurrenceKey,
    /// The person or group.
    pub person_id: String,
    /// Kind.
    pub kind: SessionKind,
    /// When it started.
    pub start: DateTime<Utc>,
    /// The draft record, when one was started.
    pub draft_id: Option<String>,
}

/// A goal due for check-in on the session's date, on an agenda (from the
/// goals module).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AgendaGoal {
    /// Goal id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// When the check-in is due.
    pub date: NaiveDate,
}

/// A between-session contact note since the last record, on an agenda
/// (from the contacts module).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AgendaContact {
    /// Contact id.
    pub id: String,
    /// A one-line summary.
    pub summary: String,
    /// When it happened.
    pub date: NaiveDate,
}

/// An item carried over from the last record (not reached there).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CarriedItem {
    /// The record it comes from.
    pub record_id: String,
    /// That session's date.
    pub session_date: NaiveDate,
    /// The item.
    pub item: AgendaItem,
}

/// The agenda of a coming session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Agenda {
    /// The session.
    pub key: OccurrenceKey,
    /// The person or group.
    pub person_id: String,
    /// Open action items of the relationship from earlier records.
    pub open_actions: Vec<ActionItem>,
    /// Items not reached in the last record.
    pub carried_over: Vec<CarriedItem>,
    /// Items added by hand (editable, in order).
    pub items: Vec<AgendaItem>,
    /// Goals due for check-in.
    pub goals_due: Vec<AgendaGoal>,
    /// Between-session contacts since the last session.
    pub contacts: Vec<AgendaContact>,
    /// The items added by hand have been saved.
    pub saved: bool,
    /// A record for this session exists (its agenda items came from here).
    pub record_id: Option<String>,
    /// Items brought to supervision: flagged in this vault's own journal
    /// (with one's own supervisor) or shared by the supervisee in a packet.
    pub brought: Vec<AgendaBrought>,
}

/// Where an item brought to supervision comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum BroughtOrigin {
    /// Flagged in this vault's own journal.
    Flagged,
    /// Shared by the other person in a packet.
    Shared,
}

/// An item brought to supervision, shown on the next session's agenda.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AgendaBrought {
    /// The flag's id (flagged) or the shared item's id (shared).
    pub id: String,
    /// Where it comes from.
    pub origin: BroughtOrigin,
    /// A short title (the entry's title, or the agenda item itself).
    pub title: String,
    /// The extract or text brought (may be empty).
    pub text: String,
    /// When it was flagged or shared.
    pub date: NaiveDate,
}

/// What an agenda is assembled from ([`super::assemble`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgendaParts {
    /// The session.
    pub key: OccurrenceKey,
    /// The person or group.
    pub person_id: String,
    /// The session's local date.
    pub session_date: NaiveDate,
    /// Every action item of the relationship (any status, any record).
    pub actions: Vec<ActionItem>,
    /// The last record before this session: its id, date and agenda items.
    pub last_record: Option<(String, NaiveDate, Vec<AgendaItem>)>,
    /// Saved items added by hand (`None` when never saved).
    pub own_items: Option<Vec<AgendaItem>>,
    /// A supervisee's active goals due for a check-in on the session's date.
    pub goals_due: Vec<AgendaGoal>,
    /// Contact notes since the last record (none for a group).
    pub contacts: Vec<AgendaContact>,
    /// The record of this session, if started.
    pub record_id: Option<String>,
    /// Items brought to supervision up to this session.
    pub brought: Vec<AgendaBrought>,
}

/// An addendum to add to a final record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AddendumInput {
    /// The text.
    pub text: String,
    /// Who writes it (as typed).
    pub author: String,
    /// In a group record: the member whose own addendum this is (only they
    /// see it); `None` for an addendum to the whole record.
    pub member_id: Option<String>,
}
