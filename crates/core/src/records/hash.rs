//! The content hash of a finalised record.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::RecordContent;

/// Everything the content hash covers: the record's identity, the whole
/// content (every member's note included) and the finalisation.
#[derive(Debug, Clone, Serialize)]
pub struct HashInput<'a> {
    /// Record id.
    pub record_id: &'a str,
    /// The person or group.
    pub person_id: &'a str,
    /// The session's series.
    pub series_id: &'a str,
    /// The session's original local start.
    pub original_start: NaiveDateTime,
    /// The session's local date.
    pub session_date: NaiveDate,
    /// The content as finalised.
    pub content: &'a RecordContent,
    /// The name the supervisor typed.
    pub signed_name: &'a str,
    /// When it was finalised.
    pub finalised_at: DateTime<Utc>,
}

/// SHA-256, as lower-case hex, of `"confidant-record-v1\n"` followed by the
/// canonical serialisation of `input`: compact JSON with the fields in
/// their declared order (struct order, never map order), lists in their
/// order, texts as validated (line endings normalised, trimmed), dates in
/// ISO 8601 and times in RFC 3339 UTC. The same content always gives the
/// same hash; any change to it gives another.
pub fn content_hash(input: &HashInput<'_>) -> String {
    let mut h = Sha256::new();
    h.update(b"confidant-record-v1\n");
    // Serialising these plain structs cannot fail.
    let json = serde_json::to_vec(input).unwrap_or_default();
    h.update(&json);
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}
