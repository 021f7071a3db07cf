//! The items a packet carries: the wire form inside the signed, encrypted
//! payload (format version 1). Field names here are part of the format: an
//! incompatible change needs a new format version. Every item is a
//! read-only snapshot; nothing in it refers to the sender's database except
//! the opaque ids named below, which only the sender's vault can resolve.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One section of a journal entry as shared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SnapshotSection {
    /// The section's heading (e.g. "Feelings"); empty for free writing.
    pub heading: String,
    /// The text (Markdown).
    pub text: String,
}

/// One day of the supervisee's own count of supervision hours.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CountedDay {
    /// The day.
    pub date: NaiveDate,
    /// Minutes of supervision they count for it.
    pub minutes: u32,
    /// Of which form, as the hours ledger names it (e.g. "individual").
    pub form: String,
}

/// A rating of one competency area.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SharedRating {
    /// The area's name as the sender's vault has it.
    pub area: String,
    /// The rating, 1–5, or none.
    pub rating: Option<u8>,
    /// A comment on this area.
    pub comment: String,
}

/// Total supervision minutes of one form in a signed-off period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FormTotal {
    /// The form, as the hours ledger names it (e.g. "individual").
    pub form: String,
    /// Minutes.
    pub minutes: u32,
}

/// What an acknowledgement, or a request for one, is about. The ids are the
/// supervisor's: a request carries them, and the acknowledgement sent back
/// names the same target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum AckTarget {
    /// A version of a supervision agreement.
    Agreement {
        /// The agreement version's id in the sender's vault.
        id: String,
        /// Its version number.
        version: u32,
    },
    /// A final session record.
    Record {
        /// The record's id in the supervisor's vault.
        id: String,
        /// The final record's content hash (SHA-256, hex): the
        /// acknowledgement is of exactly this text.
        content_hash: String,
    },
}

/// A ProQOL 5 band.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum SharedBand {
    /// Low.
    Low,
    /// Average.
    Average,
    /// High.
    High,
}

/// One item in a packet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ItemBody {
    /// A whole journal entry (supervisee → supervisor).
    JournalEntry {
        /// The entry's title.
        title: String,
        /// The reflective template's name (e.g. "Gibbs' reflective cycle").
        template: String,
        /// Its sections, in order.
        sections: Vec<SnapshotSection>,
        /// Its tags.
        tags: Vec<String>,
        /// The day it was written.
        written_on: NaiveDate,
    },
    /// A selected extract of a journal entry (supervisee → supervisor).
    Extract {
        /// The title of the entry it comes from.
        entry_title: String,
        /// The extract.
        text: String,
        /// The day the entry was written.
        written_on: NaiveDate,
    },
    /// Something to bring to supervision: it appears on the agenda of the
    /// next session with the sender (supervisee → supervisor).
    AgendaItem {
        /// What to bring.
        text: String,
    },
    /// The supervisee's own count of supervision hours, for reconciling.
    HoursCount {
        /// First day the count covers.
        from: NaiveDate,
        /// Last day it covers.
        to: NaiveDate,
        /// The days with supervision.
        days: Vec<CountedDay>,
    },
    /// The supervisee's self-assessment for an evaluation.
    SelfAssessment {
        /// The evaluation's id in the supervisor's vault, when answering one.
        evaluation_ref: Option<String>,
        /// Their ratings.
        ratings: Vec<SharedRating>,
        /// A comment.
        comment: String,
    },
    /// An acknowledgement of an agreement or a final record.
    Acknowledgement {
        /// What is acknowledged.
        target: AckTarget,
        /// The name the acknowledging party typed.
        typed_name: String,
        /// The date they acknowledged it.
        date: NaiveDate,
    },
    /// A session summary (supervisor → supervisee).
    SessionSummary {
        /// The session's date.
        session_date: NaiveDate,
        /// The summary.
        summary: String,
    },
    /// Action items agreed in a session (supervisor → supervisee).
    ActionItems {
        /// The session's date.
        session_date: NaiveDate,
        /// The actions.
        items: Vec<String>,
    },
    /// A request to acknowledge an agreement or a record, with the text to
    /// read (supervisor → supervisee).
    AckRequest {
        /// What to acknowledge.
        target: AckTarget,
        /// Its title, e.g. "Session record, 4 March 2026".
        title: String,
        /// The text being acknowledged.
        text: String,
    },
    /// Signed-off supervision hours (supervisor → supervisee).
    SignedHours {
        /// First day of the period.
        from: NaiveDate,
        /// Last day of the period.
        to: NaiveDate,
        /// Minutes by form.
        totals: Vec<FormTotal>,
        /// The name the supervisor typed when signing.
        signed_by: String,
        /// The day it was signed.
        signed_on: NaiveDate,
        /// The sign-off's hash (SHA-256, hex).
        hash: String,
    },
    /// An evaluation (supervisor → supervisee).
    Evaluation {
        /// The evaluation's date.
        date: NaiveDate,
        /// The supervisor's ratings.
        ratings: Vec<SharedRating>,
        /// Overall comments.
        comments: String,
    },
    /// ProQOL 5 bands only — never the answers (supervisee → supervisor).
    ProqolBands {
        /// The day the measure was taken.
        taken_on: NaiveDate,
        /// Compassion satisfaction.
        compassion_satisfaction: SharedBand,
        /// Burnout.
        burnout: SharedBand,
        /// Secondary traumatic stress.
        secondary_traumatic_stress: SharedBand,
    },
}
