//! Types of the hours book: manual entries, practice weeks, session
//! adjustments, entry reviews, the supervisee's own count, reconcile and
//! sign-off.
//!
//! Inputs carry minutes as signed numbers so that a negative value gets a
//! plain error naming the field rather than a failure to read the input.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

use super::{Ledger, PracticeWeek, SupervisionForm, SupervisionItem};
use crate::schedule::OccurrenceKey;

/// A manual supervision entry as typed (supervision received elsewhere).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ManualEntryInput {
    /// The supervisee.
    pub person_id: String,
    /// The day.
    pub date: NaiveDate,
    /// When it started (local time).
    pub start: NaiveTime,
    /// Length in minutes (it must end by midnight).
    pub minutes: i32,
    /// Individual, triadic, group or direct observation.
    pub form: SupervisionForm,
    /// Supervisees present: 2 for triadic, 3 or more for a group; none otherwise.
    pub group_size: Option<i32>,
    /// Who supervised.
    pub supervisor_name: String,
    /// Their licence or registration number.
    pub licence_number: String,
    /// Their licence type or credential (e.g. "LCSW").
    pub credential: String,
    /// A note (optional).
    pub note: String,
}

/// A stored manual entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ManualEntry {
    /// Entry id (also the ledger item's id).
    pub id: String,
    /// The supervisee.
    pub person_id: String,
    /// The day.
    pub date: NaiveDate,
    /// When it started (local time).
    pub start: NaiveTime,
    /// Length in minutes.
    pub minutes: u32,
    /// The form.
    pub form: SupervisionForm,
    /// Supervisees present (group and triadic).
    pub group_size: Option<u32>,
    /// Who supervised.
    pub supervisor_name: String,
    /// Their licence number.
    pub licence_number: String,
    /// Their credential.
    pub credential: String,
    /// The note.
    pub note: String,
}

/// A practice week as typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PracticeWeekInput {
    /// The supervisee.
    pub person_id: String,
    /// The Monday the week starts on.
    pub week_start: NaiveDate,
    /// Direct (clinical) minutes.
    pub clinical_minutes: i32,
    /// Of the clinical minutes, face-to-face psychotherapy or counselling.
    pub psychotherapy_minutes: i32,
    /// Non-clinical minutes.
    pub non_clinical_minutes: i32,
    /// The work setting (a short label).
    pub setting: String,
}

/// A held session's correction: another form (e.g. direct observation)
/// and/or other minutes, with the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AdjustmentInput {
    /// The supervisee whose ledger it is.
    pub person_id: String,
    /// The held session.
    pub key: OccurrenceKey,
    /// The form to count it as (`None`: as scheduled).
    pub form: Option<SupervisionForm>,
    /// The minutes to count (`None`: the session's length).
    pub minutes: Option<i32>,
    /// Why.
    pub reason: String,
}

/// A stored session adjustment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Adjustment {
    /// The session.
    pub key: OccurrenceKey,
    /// The form it counts as, when overridden.
    pub form: Option<SupervisionForm>,
    /// The minutes it counts for, when corrected.
    pub minutes: Option<u32>,
    /// Why.
    pub reason: String,
    /// When it was last set.
    pub adjusted_at: DateTime<Utc>,
}

/// Where an entry's review stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ReviewStatus {
    /// Returned with a comment; sign-off waits until it is approved.
    Returned,
    /// Approved (after a return, the comment is kept as history).
    Approved,
}

/// An entry's review: returned with a comment, then approved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EntryReview {
    /// The ledger item or practice week.
    pub entry_id: String,
    /// Returned or approved.
    pub status: ReviewStatus,
    /// The comment it was returned with (empty when never returned).
    pub comment: String,
    /// When it was returned.
    pub returned_at: Option<DateTime<Utc>>,
    /// When it was approved.
    pub approved_at: Option<DateTime<Utc>>,
}

/// Minutes of one form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FormMinutes {
    /// The form.
    pub form: SupervisionForm,
    /// Minutes.
    pub minutes: u32,
}

/// One line of the supervisee's own count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TheirCount {
    /// The day.
    pub date: NaiveDate,
    /// Minutes they counted.
    pub minutes: i32,
    /// Of which form.
    pub form: SupervisionForm,
}

/// The supervisee's own count for a period (their sheet): every date from
/// `from` to `to` is covered; a date with no line counts as none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TheirCountInput {
    /// The supervisee.
    pub person_id: String,
    /// First day the sheet covers.
    pub from: NaiveDate,
    /// Last day it covers.
    pub to: NaiveDate,
    /// Their lines.
    pub counts: Vec<TheirCount>,
}

/// A difference accepted as it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Acceptance {
    /// Why it is accepted.
    pub note: String,
    /// When.
    pub accepted_at: DateTime<Utc>,
}

/// One date where their count and the ledger differ.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DayDifference {
    /// The day.
    pub date: NaiveDate,
    /// Their count, by form.
    pub theirs: Vec<FormMinutes>,
    /// The ledger's, by form.
    pub ours: Vec<FormMinutes>,
    /// Set when accepted with a note (then it counts as reconciled).
    pub accepted: Option<Acceptance>,
}

/// Their count against the ledger over a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Reconciliation {
    /// The supervisee.
    pub person_id: String,
    /// First day.
    pub from: NaiveDate,
    /// Last day.
    pub to: NaiveDate,
    /// Days in the period their count covers (only those are compared).
    pub covered_days: u32,
    /// The dates that differ, oldest first.
    pub differences: Vec<DayDifference>,
    /// The dates that differ and are not accepted.
    pub unreconciled: Vec<NaiveDate>,
}

/// Signing off a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SignOffInput {
    /// The supervisee.
    pub person_id: String,
    /// First day (e.g. the 1st of the month).
    pub from: NaiveDate,
    /// Last day.
    pub to: NaiveDate,
    /// The supervisor's name, typed.
    pub signed_name: String,
}

/// A reopened sign-off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Reopening {
    /// Why.
    pub reason: String,
    /// When.
    pub reopened_at: DateTime<Utc>,
}

/// A dated correction attached to a sign-off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SignOffAddendum {
    /// Addendum id.
    pub id: String,
    /// The correction.
    pub text: String,
    /// When.
    pub added_at: DateTime<Utc>,
}

/// A signed-off period with its snapshot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SignOff {
    /// Sign-off id.
    pub id: String,
    /// The supervisee.
    pub person_id: String,
    /// First day.
    pub from: NaiveDate,
    /// Last day.
    pub to: NaiveDate,
    /// The name the supervisor typed.
    pub signed_name: String,
    /// When.
    pub signed_at: DateTime<Utc>,
    /// SHA-256 of the snapshot (see the module documentation), lower-case hex.
    pub content_hash: String,
    /// The supervision items as signed.
    pub supervision: Vec<SupervisionItem>,
    /// The practice weeks as signed.
    pub practice: Vec<PracticeWeek>,
    /// Set when reopened (the period is then unlocked).
    pub reopened: Option<Reopening>,
    /// Corrections added after signing, oldest first.
    pub addenda: Vec<SignOffAddendum>,
}

/// What happened in a sign-off log line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum SignOffEvent {
    /// Signed off (the text is the name typed).
    Signed,
    /// Reopened (the text is the reason).
    Reopened,
    /// A correction added (the text is the correction).
    Addendum,
}

/// One dated line of the sign-off log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SignOffLogEntry {
    /// The sign-off.
    pub sign_off_id: String,
    /// Its period.
    pub from: NaiveDate,
    /// Its period.
    pub to: NaiveDate,
    /// What happened.
    pub event: SignOffEvent,
    /// When.
    pub at: DateTime<Utc>,
    /// The name, reason or correction.
    pub text: String,
}

/// How a locked entry differs today from its sign-off snapshot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// In the ledger now, not in the snapshot.
    Added,
    /// In the snapshot, no longer in the ledger.
    Removed,
    /// In both, with other minutes or form.
    Changed,
}

/// A difference between a signed-off snapshot and the ledger today (e.g. a
/// session marked held after sign-off). The snapshot is what counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ChangeSinceSignOff {
    /// The sign-off.
    pub sign_off_id: String,
    /// The item's date.
    pub date: NaiveDate,
    /// The item's id.
    pub item_id: String,
    /// Added, removed or changed.
    pub kind: ChangeKind,
    /// As signed (`None` when added).
    pub signed: Option<FormMinutes>,
    /// As today (`None` when removed).
    pub now: Option<FormMinutes>,
}

/// The state of one ledger entry (a supervision item or a practice week).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EntryState {
    /// The item's or week's id.
    pub entry_id: String,
    /// Its review, when returned or approved.
    pub review: Option<EntryReview>,
    /// A held session's adjustment.
    pub adjustment: Option<Adjustment>,
    /// The sign-off that locks it.
    pub locked_by: Option<String>,
}

/// Everything the hours screen shows for one supervisee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct HoursBook {
    /// The ledger (signed-off periods as signed).
    pub ledger: Ledger,
    /// The manual entries in full (for editing).
    pub manual: Vec<ManualEntry>,
    /// Per entry: review, adjustment, lock. Only entries with one of them.
    pub entries: Vec<EntryState>,
    /// Sign-offs, oldest period first (reopened ones included).
    pub sign_offs: Vec<SignOff>,
    /// The sign-off log, oldest first.
    pub log: Vec<SignOffLogEntry>,
    /// Differences between signed snapshots and the ledger today.
    pub changes: Vec<ChangeSinceSignOff>,
    /// Rows that failed their integrity check and were left out.
    pub damaged: u32,
}
