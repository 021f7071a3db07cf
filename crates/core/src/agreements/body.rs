//! The sealed body of a version, and the checks made when a stored version
//! is opened: its status against its acknowledgements, its dates against
//! the row's.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::{
    Acknowledgement, Agreement, AgreementContent, AgreementStatus, AgreementSummary, MAX_BODY_BYTES,
};
use crate::error::{Error, Result};
use crate::keys::KeyRing;
use crate::store::agreements::{self as rows, AgreementRow, Meta, WHAT};

/// The sealed JSON of one version, as read.
#[derive(Deserialize)]
pub(super) struct StoredBody {
    content: AgreementContent,
    acknowledgements: Vec<Acknowledgement>,
}

/// The sealed JSON of one version, as written (the same shape, borrowed).
#[derive(Serialize)]
struct BodyRef<'a> {
    content: &'a AgreementContent,
    acknowledgements: &'a [Acknowledgement],
}

/// `now` as the columns keep it (whole milliseconds), so what a call
/// returns equals what a later read gives.
pub(super) fn stamp(now: DateTime<Utc>) -> Result<DateTime<Utc>> {
    crate::store::from_millis(crate::store::to_millis(now))
}

/// A stored version with its body opened.
pub(super) type Row = AgreementRow<StoredBody>;

/// The party ids of `content` that have not acknowledged yet.
pub(super) fn awaiting(content: &AgreementContent, acks: &[Acknowledgement]) -> Vec<String> {
    content
        .parties
        .iter()
        .filter(|p| !acks.iter().any(|a| a.party_id == p.party_id))
        .map(|p| p.party_id.clone())
        .collect()
}

/// A stored version as an agreement, once its body opened and agrees with
/// the row: a known status that matches the acknowledgements (a draft
/// never holds them all, an acknowledged or superseded version always
/// does), and the dates the columns hold. The columns are bound into the
/// sealed value's context; the dates are compared as well because they are
/// also part of the content (and this covers values sealed before the
/// columns were bound).
pub(super) fn checked(row: Row) -> Result<Agreement> {
    let integrity = || Error::Integrity(WHAT.into());
    let body = row.body?;
    let meta = row.meta;
    let status = AgreementStatus::parse(&meta.status).ok_or_else(integrity)?;
    if meta.effective_date != body.content.effective_date
        || meta.review_date != body.content.review_date
    {
        return Err(integrity());
    }
    let acknowledgements: Vec<Acknowledgement> = body
        .acknowledgements
        .into_iter()
        .map(Acknowledgement::normalised)
        .collect();
    let awaiting = awaiting(&body.content, &acknowledgements);
    if awaiting.is_empty() == (status == AgreementStatus::Draft) {
        return Err(integrity());
    }
    Ok(Agreement {
        id: meta.id,
        person_id: meta.person_id,
        version: meta.version,
        status,
        created_at: meta.created_at,
        updated_at: meta.updated_at,
        content: body.content,
        acknowledgements,
        awaiting,
    })
}

/// One version by id, opened and checked; `NotFound` when there is none.
pub(super) fn load(conn: &rusqlite::Connection, ring: &KeyRing, id: &str) -> Result<Agreement> {
    rows::get::<StoredBody>(conn, ring, id)?
        .ok_or(Error::NotFound("That agreement version"))
        .and_then(checked)
}

/// A line in the list of versions: damaged when the version does not open
/// or fails its checks (then its columns are shown as stored).
pub(super) fn summary(row: Row, person_name: &str) -> AgreementSummary {
    let meta = row.meta.clone();
    let status = AgreementStatus::parse(&meta.status);
    let damaged = checked(row).is_err();
    AgreementSummary {
        id: meta.id,
        person_id: meta.person_id,
        person_name: person_name.to_string(),
        version: meta.version,
        status: status.unwrap_or(AgreementStatus::Draft),
        created_at: meta.created_at,
        updated_at: meta.updated_at,
        effective_date: meta.effective_date,
        review_date: meta.review_date,
        damaged,
    }
}

fn meta_of(a: &Agreement) -> Meta {
    Meta {
        id: a.id.clone(),
        person_id: a.person_id.clone(),
        version: a.version,
        status: a.status.as_str().to_string(),
        created_at: a.created_at,
        updated_at: a.updated_at,
        effective_date: a.content.effective_date,
        review_date: a.content.review_date,
    }
}

/// The body of `a`, refused when its JSON is over [`MAX_BODY_BYTES`].
fn body_of(a: &Agreement) -> Result<BodyRef<'_>> {
    let body = BodyRef {
        content: &a.content,
        acknowledgements: &a.acknowledgements,
    };
    let json =
        Zeroizing::new(serde_json::to_vec(&body).map_err(|e| Error::Internal(e.to_string()))?);
    if json.len() > MAX_BODY_BYTES {
        return Err(Error::TooLarge {
            what: "The agreement",
            size: json.len(),
            limit: MAX_BODY_BYTES,
        });
    }
    Ok(body)
}

/// Stores a new version (in the caller's transaction).
pub(super) fn insert(conn: &rusqlite::Connection, ring: &KeyRing, a: &Agreement) -> Result<()> {
    rows::insert(conn, ring, &meta_of(a), &body_of(a)?)
}

/// Writes a version back with its new status, content, acknowledgements and
/// update time, sealed again (in the caller's transaction).
pub(super) fn replace(conn: &rusqlite::Connection, ring: &KeyRing, a: &Agreement) -> Result<()> {
    rows::replace(conn, ring, &meta_of(a), &body_of(a)?)
}
