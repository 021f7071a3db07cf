//! The supervisee's own acknowledgement of a final record, received in a
//! packet: it replaces one the supervisor recorded by hand.

use chrono::{DateTime, Duration, NaiveDate, Utc};

use super::body::{self, RecordBody};
use super::{HandAcknowledgement, RecordStatus};
use crate::error::{Error, Result};
use crate::keys::KeyRing;
use crate::store::records as rows;
use crate::validate::{required_line, NAME_CHARS};

/// The label shown with an acknowledgement the supervisee sent in a packet.
pub const PACKET_ACKNOWLEDGEMENT_LABEL: &str =
    "Acknowledged by the supervisee in their own app (received in a packet)";

/// What an acknowledgement received in a packet did to a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PacketRecordAck {
    /// The record's session date.
    pub session_date: NaiveDate,
    /// It replaced an acknowledgement recorded by hand.
    pub replaced_by_hand: bool,
}

/// Records, in the caller's transaction, the acknowledgement of final
/// record `record_id` that `person_id` (the record's supervisee) gave in
/// their own app and sent in packet `packet_id`: it replaces any
/// acknowledgement recorded by hand (or an earlier one by packet).
///
/// Errors: no such record, or it is not with `person_id`; it is not final;
/// `content_hash` is not the record's final hash (they acknowledged other
/// text); a blank name, or a date before the session or after today.
#[allow(clippy::too_many_arguments)]
pub(crate) fn acknowledge_by_packet_in(
    tx: &rusqlite::Transaction<'_>,
    ring: &KeyRing,
    record_id: &str,
    person_id: &str,
    content_hash: &str,
    name: &str,
    date: NaiveDate,
    packet_id: &str,
    now: DateTime<Utc>,
) -> Result<PacketRecordAck> {
    let id = super::handle::parse_id("That record's", record_id)?;
    let row = rows::record_get::<RecordBody>(tx, ring, &id)?
        .ok_or(Error::NotFound("That session record"))?;
    let meta = row.meta.clone();
    let addenda = rows::addenda_of(tx, ring, &id)?;
    let actions = rows::actions_of_record(tx, ring, &id)?;
    let (record, full) = body::assemble_record(row, addenda, actions, None)?;
    if record.person_id != person_id {
        return Err(Error::InvalidInput(
            "The acknowledgement is of a session record with someone else.".into(),
        ));
    }
    let Some(finalisation) = record
        .finalisation
        .filter(|_| record.status == RecordStatus::Final)
    else {
        return Err(Error::InvalidInput(
            "The acknowledgement is of a record that is not final.".into(),
        ));
    };
    if finalisation.content_hash != content_hash {
        return Err(Error::InvalidInput(format!(
            "The acknowledgement of the record of {} is of different text from the record as finalised (its content hash does not match). Nothing was imported.",
            record.session_date
        )));
    }
    let name = required_line("The supervisee's typed name", name, NAME_CHARS)?;
    crate::validate::date("The acknowledgement date", Some(date))?;
    if date < record.session_date || date > (now + Duration::days(1)).date_naive() {
        return Err(Error::InvalidInput(
            "The acknowledgement date must be between the session and today.".into(),
        ));
    }
    let replaced_by_hand = record
        .acknowledgement
        .as_ref()
        .is_some_and(|a| a.recorded_by_hand);
    let now = body::stored(now).max(meta.updated_at);
    let new_meta = rows::RecordMeta {
        revision: meta.revision + 1,
        updated_at: now,
        ..meta.clone()
    };
    let stored = RecordBody {
        content: full,
        finalisation: Some(finalisation),
        acknowledgement: Some(HandAcknowledgement {
            name,
            date,
            recorded_by_hand: false,
            label: PACKET_ACKNOWLEDGEMENT_LABEL.to_string(),
            recorded_at: now,
            packet_id: Some(packet_id.to_string()),
        }),
    };
    if !rows::record_replace(tx, ring, &new_meta, meta.revision, &stored)? {
        return Err(Error::Internal(
            "the record changed during the import".into(),
        ));
    }
    Ok(PacketRecordAck {
        session_date: record.session_date,
        replaced_by_hand,
    })
}
