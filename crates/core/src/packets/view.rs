//! What the packet commands hand to the UI: the identity card, a peer's key,
//! what can be sent to a person, the preview of a packet read for import,
//! the outcome of an import, and the shared items kept under a person. These
//! types are the contract between the core and the UI (generated into
//! `bindings.ts`); the wire format is in [`super::items`].

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::items::{AckTarget, ItemBody};

/// This vault's packet identity as the other party needs it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct IdentityCard {
    /// The text to give the other party (one line: the age recipient and
    /// the Ed25519 verifying key), pasted into their app.
    pub card: String,
    /// The age recipient alone (`age1…`), for the `age` command-line tool.
    pub age_recipient: String,
    /// A short fingerprint both people read aloud to compare (groups of
    /// four characters).
    pub fingerprint: String,
    /// The card as a QR code (an SVG document).
    pub qr_svg: String,
    /// When the identity was made.
    pub created_at: DateTime<Utc>,
}

/// The key stored on a person's record for exchanging packets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PeerKey {
    /// The person it belongs to.
    pub person_id: String,
    /// Its fingerprint, to compare with the one their app shows.
    pub fingerprint: String,
    /// When it was stored.
    pub added_at: DateTime<Utc>,
}

/// Something of this vault that can go into a packet to a person. The ids
/// are this vault's own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum SendSource {
    /// A whole journal entry (a read-only snapshot).
    JournalEntry {
        /// The entry.
        entry_id: String,
    },
    /// An extract of an entry flagged for supervision.
    Extract {
        /// The flag.
        flag_id: String,
    },
    /// An item flagged for the next session's agenda.
    AgendaItem {
        /// The flag.
        flag_id: String,
    },
    /// The sender's own count of supervision hours in a period.
    HoursCount {
        /// The first day.
        from: NaiveDate,
        /// The last day.
        to: NaiveDate,
    },
    /// A self-assessment for an evaluation.
    SelfAssessment {
        /// The evaluation.
        evaluation_id: String,
    },
    /// An acknowledgement of an agreement version or a record.
    Acknowledgement {
        /// What it is about.
        target: AckTarget,
    },
    /// A session record's summary.
    SessionSummary {
        /// The record.
        record_id: String,
    },
    /// A session record's action items.
    ActionItems {
        /// The record.
        record_id: String,
    },
    /// A request to acknowledge an agreement version or a record.
    AckRequest {
        /// What it is about.
        target: AckTarget,
    },
    /// Signed-off hours.
    SignedHours {
        /// The sign-off.
        sign_off_id: String,
    },
    /// An evaluation.
    Evaluation {
        /// The evaluation.
        evaluation_id: String,
    },
    /// The bands (never the answers) of a ProQOL result.
    ProqolBands {
        /// The ProQOL result.
        result_id: String,
    },
}

/// One thing that could be sent, as the send screen lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SendCandidate {
    /// What to send.
    pub source: SendSource,
    /// A plain-language kind ("Journal entry", "Signed hours" …).
    pub kind_label: String,
    /// A short title.
    pub title: String,
    /// Its date, when it has one.
    pub date: Option<NaiveDate>,
    /// When it was last sent to this person, if ever.
    pub last_sent: Option<DateTime<Utc>>,
}

/// Who a packet is from, as its preview shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PacketSender {
    /// The person whose stored key signed it.
    pub person_id: String,
    /// Their name in this vault.
    pub name: String,
    /// The fingerprint of the key that signed it.
    pub fingerprint: String,
}

/// One item of a packet, as its preview lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PreviewItem {
    /// A plain-language kind.
    pub kind_label: String,
    /// A short title.
    pub title: String,
    /// What importing it does ("Added to the agenda of 4 Dec", "Replaces
    /// the acknowledgement you recorded on their behalf" …).
    pub effect: String,
}

/// A packet read and checked, not yet imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PacketPreview {
    /// Who sent it.
    pub sender: PacketSender,
    /// When the sender wrote it.
    pub created_at: DateTime<Utc>,
    /// What it carries.
    pub items: Vec<PreviewItem>,
    /// The titles of earlier shared items it withdraws.
    pub revocations: Vec<String>,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportOutcome {
    /// The person the items landed under.
    pub person_id: String,
    /// How many items were added.
    pub added: u32,
    /// The titles of the shared items removed because the sender withdrew
    /// them.
    pub revoked: Vec<String>,
    /// One plain-language line per effect beyond the shared-items list.
    pub effects: Vec<String>,
}

/// Which way a shared item went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Shared with this vault by the person.
    Received,
    /// Shared by this vault with the person.
    Sent,
}

/// A shared item kept under a person (read-only).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SharedItem {
    /// Its id in the packet (the same in both vaults).
    pub id: String,
    /// The person it was shared with or by.
    pub person_id: String,
    /// Received or sent.
    pub direction: Direction,
    /// When the packet carrying it was written.
    pub shared_at: DateTime<Utc>,
    /// A short title.
    pub title: String,
    /// The content, when it opened; `None` for an item that failed its
    /// integrity check.
    pub body: Option<ItemBody>,
    /// When a revocation for it was sent (sent items only).
    pub revoked_at: Option<DateTime<Utc>>,
}
