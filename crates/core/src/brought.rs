//! Items brought to supervision, as a session's agenda shows them: a leaf
//! module, so the journal (flags) and packets (shared items) can hand them to
//! the records' agenda without importing `records`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

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
