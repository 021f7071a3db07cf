//! The packet's plaintext (inside `age`): a JSON envelope
//! `{ "format": 1, "payload": <base64url>, "signature": <base64url> }`
//! whose payload is the exact bytes the Ed25519 signature covers, a JSON
//! document:
//! `{ format, packet_id, sender (card), recipient (fingerprint),
//!    created_at, items: [{ id, title, body }], revocations: [ids] }`.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::items::ItemBody;

/// A domain-separation prefix signed before the payload, so a signature
/// made for a packet can never be taken for anything else.
pub(crate) const SIGNING_CONTEXT: &[u8] = b"confidant-packet-signature-1\0";

/// Only the format, read first (anything else may differ in a newer one).
#[derive(Deserialize)]
pub(crate) struct FormatProbe {
    pub(crate) format: u64,
}

/// The outer document.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Envelope {
    pub(crate) format: u32,
    pub(crate) payload: String,
    pub(crate) signature: String,
}

/// One item as carried.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct WireItem {
    pub(crate) id: String,
    pub(crate) title: String,
    pub(crate) body: ItemBody,
}

/// The signed document.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Payload {
    pub(crate) format: u32,
    pub(crate) packet_id: String,
    pub(crate) sender: String,
    pub(crate) recipient: String,
    pub(crate) created_at: DateTime<Utc>,
    pub(crate) items: Vec<WireItem>,
    pub(crate) revocations: Vec<String>,
}

/// The bytes the signature covers: the context prefix, then the payload.
pub(crate) fn signed_message(payload: &[u8]) -> Vec<u8> {
    let mut m = Vec::with_capacity(SIGNING_CONTEXT.len() + payload.len());
    m.extend_from_slice(SIGNING_CONTEXT);
    m.extend_from_slice(payload);
    m
}
