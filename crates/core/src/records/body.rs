//! What is sealed in each row, and how a stored record becomes what a
//! viewer reads.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::{
    ActionItem, ActionOwner, ActionStatus, Finalisation, HandAcknowledgement, RecordAddendum,
    RecordContent, RecordStatus, SessionRecord, StatusChange,
};
use crate::error::{Error, Result};
use crate::schedule::{OccurrenceKey, SessionKind};
use crate::store::records::{ActionRow, AddendumRow, RecordRow};

/// The sealed body of a session record.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct RecordBody {
    pub content: RecordContent,
    pub finalisation: Option<Finalisation>,
    pub acknowledgement: Option<HandAcknowledgement>,
}

/// The sealed body of an addendum.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct AddendumBody {
    pub text: String,
    pub author: String,
    pub member_id: Option<String>,
}

/// The sealed body of an action item.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct ActionBody {
    pub text: String,
    pub owner: ActionOwner,
    pub due: Option<NaiveDate>,
    pub history: Vec<StatusChange>,
}

/// The sealed body of a saved agenda: the items added by hand.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(super) struct AgendaBody {
    pub items: Vec<super::AgendaItem>,
}

pub(super) fn status_str(s: ActionStatus) -> &'static str {
    match s {
        ActionStatus::Open => "open",
        ActionStatus::Done => "done",
        ActionStatus::Dropped => "dropped",
    }
}

pub(super) fn parse_status(s: &str) -> Option<ActionStatus> {
    match s {
        "open" => Some(ActionStatus::Open),
        "done" => Some(ActionStatus::Done),
        "dropped" => Some(ActionStatus::Dropped),
        _ => None,
    }
}

pub(super) fn kind_str(k: SessionKind) -> &'static str {
    match k {
        SessionKind::Individual => "individual",
        SessionKind::Group => "group",
        SessionKind::Peer => "peer",
        SessionKind::Coaching => "coaching",
    }
}

pub(super) fn parse_kind(s: &str) -> Option<SessionKind> {
    [
        SessionKind::Individual,
        SessionKind::Group,
        SessionKind::Peer,
        SessionKind::Coaching,
    ]
    .into_iter()
    .find(|k| kind_str(*k) == s)
}

pub(super) fn record_status(s: &str) -> Option<RecordStatus> {
    match s {
        "draft" => Some(RecordStatus::Draft),
        "final" => Some(RecordStatus::Final),
        _ => None,
    }
}

pub(super) fn record_status_str(s: RecordStatus) -> &'static str {
    match s {
        RecordStatus::Draft => "draft",
        RecordStatus::Final => "final",
    }
}

/// An action row as the UI sees it (its body must have opened).
pub(super) fn action_item(row: ActionRow<ActionBody>) -> Result<ActionItem> {
    let body = row.body?;
    let status = parse_status(&row.meta.status)
        .ok_or_else(|| Error::Integrity(crate::store::records::WHAT_ACTION.into()))?;
    Ok(ActionItem {
        id: row.meta.id,
        record_id: row.meta.record_id,
        person_id: row.meta.person_id,
        session_date: row.meta.session_date,
        text: body.text,
        owner: body.owner,
        due: body.due,
        status,
        history: body.history,
    })
}

/// The view of one member (or the group's own view, `None`): only that
/// member's own note and member addenda.
pub(super) fn filter_for(
    content: &mut RecordContent,
    addenda: &mut Vec<RecordAddendum>,
    viewer: Option<&str>,
) {
    content
        .member_notes
        .retain(|n| Some(n.member_id.as_str()) == viewer);
    addenda.retain(|a| a.member_id.is_none() || a.member_id.as_deref() == viewer);
}

/// A stored record, its addenda and action items, as `viewer` reads it.
/// Any damaged part fails the read with an integrity error for this record.
pub(super) fn assemble_record(
    row: RecordRow<RecordBody>,
    addenda: Vec<AddendumRow<AddendumBody>>,
    actions: Vec<ActionRow<ActionBody>>,
    viewer: Option<&str>,
) -> Result<(SessionRecord, RecordContent)> {
    let damaged = || Error::Integrity(crate::store::records::WHAT.into());
    let m = row.meta;
    let body = row.body?;
    let status = record_status(&m.status).ok_or_else(damaged)?;
    let kind = parse_kind(&m.kind).ok_or_else(damaged)?;
    if (status == RecordStatus::Final) != body.finalisation.is_some() {
        return Err(damaged());
    }
    if let Some(f) = &body.finalisation {
        let expected = super::content_hash(&super::HashInput {
            record_id: &m.id,
            person_id: &m.person_id,
            series_id: &m.series_id,
            original_start: m.original_start,
            session_date: m.session_date,
            content: &body.content,
            signed_name: &f.signed_name,
            finalised_at: f.finalised_at,
        });
        if expected != f.content_hash {
            return Err(damaged());
        }
    }
    let mut list = Vec::with_capacity(addenda.len());
    for a in addenda {
        let b = a.body?;
        list.push(RecordAddendum {
            id: a.meta.id,
            text: b.text,
            author: b.author,
            member_id: b.member_id,
            added_at: a.meta.created_at,
        });
    }
    let action_items = actions
        .into_iter()
        .map(action_item)
        .collect::<Result<Vec<_>>>()?;
    let full = body.content.clone();
    let mut content = body.content;
    filter_for(&mut content, &mut list, viewer);
    Ok((
        SessionRecord {
            id: m.id,
            key: OccurrenceKey {
                series_id: m.series_id,
                original_start: m.original_start,
            },
            person_id: m.person_id,
            kind,
            session_date: m.session_date,
            status,
            revision: m.revision,
            created_at: m.created_at,
            updated_at: m.updated_at,
            content,
            action_items,
            finalisation: body.finalisation,
            addenda: list,
            acknowledgement: body.acknowledgement,
            viewer: viewer.map(str::to_string),
        },
        full,
    ))
}

/// A stored timestamp rounded to what the store keeps (milliseconds).
pub(super) fn stored(t: DateTime<Utc>) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(t.timestamp_millis()).unwrap_or(t)
}
