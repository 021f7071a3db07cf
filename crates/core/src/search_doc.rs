//! What a domain hands to the search index: one document per thing a person
//! can open (an entry, a record, a consultation, an agreement, a goal, a
//! person, a contact, a shared item). A leaf module: domains build these,
//! the `search` module indexes them in memory, and nothing here touches disk.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

/// What kind of thing a search result opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum DocKind {
    /// A journal entry.
    Journal,
    /// A session record (its notes, agenda and actions).
    Record,
    /// A case consultation within a record.
    Consultation,
    /// A supervision agreement.
    Agreement,
    /// A goal or action.
    Goal,
    /// A person, group or organisation.
    Person,
    /// An emergency or professional contact.
    Contact,
    /// An item shared by or with the other party through a packet.
    Shared,
}

/// One searchable document: decrypted text held in memory only.
#[derive(Debug, Clone)]
pub struct SearchDoc {
    /// What it is.
    pub kind: DocKind,
    /// The id the UI opens it by (entry id, record id, person id …).
    pub id: String,
    /// The person it belongs to, for the person filter (none for the
    /// owner's own journal entries unless linked).
    pub person_id: Option<String>,
    /// A short title shown in the results.
    pub title: Zeroizing<String>,
    /// The searchable text.
    pub body: Zeroizing<String>,
    /// Tags, for the tag filter.
    pub tags: Vec<String>,
    /// The date the results are sorted and filtered by.
    pub date: Option<NaiveDate>,
}
