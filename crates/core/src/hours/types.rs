//! The hours ledger's types: what counts as supervision and practice, item by item.
//!
//! All durations are whole minutes (no floating point in the ledger); the
//! rule engine and exports turn them into hours for display.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::schedule::OccurrenceKey;

/// The form a supervision hour took (the boards count them differently).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum SupervisionForm {
    /// One supervisor, one supervisee.
    Individual,
    /// One supervisor, two supervisees.
    Triadic,
    /// A group (three or more supervisees; see [`SupervisionItem::group_size`]).
    Group,
    /// The supervisor observed the supervisee's practice directly.
    DirectObservation,
}

impl SupervisionForm {
    /// Plain words ("Individual", "Triadic", "Group", "Direct observation").
    pub fn label(self) -> &'static str {
        match self {
            SupervisionForm::Individual => "Individual",
            SupervisionForm::Triadic => "Triadic",
            SupervisionForm::Group => "Group",
            SupervisionForm::DirectObservation => "Direct observation",
        }
    }
}

/// Where a supervision item comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ItemSource {
    /// A held session on the calendar (its length, unless adjusted).
    Session {
        /// Which occurrence.
        key: OccurrenceKey,
    },
    /// Typed in by hand (e.g. supervision received elsewhere).
    Manual {
        /// The manual entry's id.
        entry_id: String,
    },
}

/// Who gave the supervision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SupervisorOfRecord {
    /// The supervisor's name. Empty for the vault's owner when the owner is
    /// the supervisor (their name is in Settings, not copied here).
    pub name: String,
    /// Licence or registration number.
    pub licence_number: String,
    /// The licence type or credential (e.g. "LCSW", "LMFT"); some rules
    /// count only hours from a supervisor with a given credential.
    pub credential: String,
    /// True when the vault's owner gave it.
    pub is_owner: bool,
}

/// One stretch of supervision that may count towards a board's rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SupervisionItem {
    /// Stable id: `session:<series id>:<original local start>` for a
    /// session, the manual entry's id otherwise.
    pub id: String,
    /// The day it took place (local to the session's time zone).
    pub date: NaiveDate,
    /// Length in minutes.
    pub minutes: u32,
    /// Individual, triadic, group or direct observation.
    pub form: SupervisionForm,
    /// Supervisees present for group and triadic supervision (the group's
    /// members); `None` for individual and direct observation.
    pub group_size: Option<u32>,
    /// Session or manual entry.
    pub source: ItemSource,
    /// Who supervised.
    pub supervisor: SupervisorOfRecord,
    /// Plain-language note when something about the item is uncertain
    /// (e.g. "attendance not recorded"); `None` otherwise.
    pub note: Option<String>,
}

/// A week of practice (work) hours, entered by hand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PracticeWeek {
    /// The entry's id.
    pub id: String,
    /// The Monday the week starts on.
    pub week_start: NaiveDate,
    /// Direct (clinical) minutes: work with clients.
    pub clinical_minutes: u32,
    /// Of the clinical minutes, face-to-face psychotherapy or counselling.
    pub psychotherapy_minutes: u32,
    /// Non-clinical minutes (notes, case management, training, …).
    pub non_clinical_minutes: u32,
    /// The work setting (a short label, e.g. "Community clinic"); some
    /// rules are per setting.
    pub setting: String,
}

/// Everything the rules look at for one supervisee (or, in a supervisee's
/// vault, for the owner with one supervisor).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Ledger {
    /// The person the ledger is about (a people record id).
    pub person_id: String,
    /// The current agreement's effective date: hours before it do not count.
    pub counts_from: Option<NaiveDate>,
    /// Supervision, by date.
    pub supervision: Vec<SupervisionItem>,
    /// Practice weeks, by week.
    pub practice: Vec<PracticeWeek>,
}
