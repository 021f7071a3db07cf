//! The `agreements` rows: reading, opening and checking sealed versions,
//! sealing, inserting drafts, and writing a PDF to a chosen file.

use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use uuid::Uuid;
use zeroize::Zeroizing;

use super::parties::PersonRecord;
use super::{
    Acknowledgement, Agreement, AgreementContent, AgreementStatus, AgreementSummary, StoredBody,
    MAX_BODY_BYTES, WHAT,
};
use crate::crypto::{self, Context};
use crate::error::{Error, Result};
use crate::store::{from_millis, to_millis};
use crate::vault::Session;

/// The identity of a row, bound into its sealed body's context.
pub(super) fn row_key(id: &str, person_id: &str, version: i64) -> String {
    format!("{id}/{person_id}/{version}")
}

/// A calendar date as stored: 00:00 UTC of that date, in unix ms.
pub(super) fn date_millis(date: NaiveDate) -> i64 {
    to_millis(date.and_time(chrono::NaiveTime::MIN).and_utc())
}

pub(super) fn millis_date(ms: i64) -> Result<NaiveDate> {
    let t = from_millis(ms)?;
    let date = t.date_naive();
    if date_millis(date) != ms {
        return Err(Error::Integrity(WHAT.into()));
    }
    Ok(date)
}

pub(super) struct Row {
    pub(super) id: String,
    pub(super) person_id: String,
    pub(super) version: i64,
    pub(super) status: String,
    pub(super) key_id: String,
    pub(super) created: i64,
    pub(super) updated: i64,
    pub(super) effective: Option<i64>,
    pub(super) review: Option<i64>,
    pub(super) body: Vec<u8>,
}

pub(super) const COLUMNS: &str =
    "id, person_id, version, status, key_id, created_at, updated_at, effective_date, review_date, body";

pub(super) fn row_from(r: &rusqlite::Row<'_>) -> rusqlite::Result<Row> {
    Ok(Row {
        id: r.get(0)?,
        person_id: r.get(1)?,
        version: r.get(2)?,
        status: r.get(3)?,
        key_id: r.get(4)?,
        created: r.get(5)?,
        updated: r.get(6)?,
        effective: r.get(7)?,
        review: r.get(8)?,
        body: r.get(9)?,
    })
}

pub(super) fn read_row(conn: &Connection, id: &str) -> Result<Option<Row>> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM agreements WHERE id = ?1"),
            [id],
            row_from,
        )
        .optional()?)
}

pub(super) fn read_rows(
    conn: &Connection,
    sql_tail: &str,
    param: &dyn rusqlite::ToSql,
) -> Result<Vec<Row>> {
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM agreements {sql_tail}"))?;
    let rows = stmt
        .query_map([param], row_from)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub(super) fn awaiting(content: &AgreementContent, acks: &[Acknowledgement]) -> Vec<String> {
    content
        .parties
        .iter()
        .filter(|p| !acks.iter().any(|a| a.party_id == p.party_id))
        .map(|p| p.party_id.clone())
        .collect()
}

/// Opens and checks one stored version.
pub(super) fn open_row(session: &Session, row: &Row) -> Result<Agreement> {
    let integrity = || Error::Integrity(WHAT.into());
    let key_id = Uuid::parse_str(&row.key_id).map_err(|_| integrity())?;
    let key = session.key(key_id, WHAT)?;
    let rk = row_key(&row.id, &row.person_id, row.version);
    let json = crypto::open_string(
        key,
        Context::new("agreements", "body", &rk),
        &row.body,
        WHAT,
    )?;
    let body: StoredBody = serde_json::from_str(&json).map_err(|_| integrity())?;
    let status = AgreementStatus::parse(&row.status).ok_or_else(integrity)?;
    let version = u32::try_from(row.version).map_err(|_| integrity())?;
    let effective = row.effective.map(millis_date).transpose()?;
    let review = row.review.map(millis_date).transpose()?;
    if effective != body.content.effective_date || review != body.content.review_date {
        return Err(integrity());
    }
    let awaiting = awaiting(&body.content, &body.acknowledgements);
    let complete = awaiting.is_empty();
    if complete == (status == AgreementStatus::Draft) {
        return Err(integrity());
    }
    Ok(Agreement {
        id: row.id.clone(),
        person_id: row.person_id.clone(),
        version,
        status,
        created_at: from_millis(row.created)?,
        updated_at: from_millis(row.updated)?,
        content: body.content,
        acknowledgements: body.acknowledgements,
        awaiting,
    })
}

pub(super) fn seal_body(
    session: &Session,
    key_id: Uuid,
    (id, person_id, version): (&str, &str, i64),
    body: &StoredBody,
) -> Result<Vec<u8>> {
    let json =
        Zeroizing::new(serde_json::to_vec(body).map_err(|e| Error::Internal(e.to_string()))?);
    if json.len() > MAX_BODY_BYTES {
        return Err(Error::TooLarge {
            what: "The agreement",
            size: json.len(),
            limit: MAX_BODY_BYTES,
        });
    }
    let key = session.key(key_id, WHAT)?;
    let rk = row_key(id, person_id, version);
    crypto::seal(key, key_id, Context::new("agreements", "body", &rk), &json)
}

pub(super) fn ensure_no_draft(conn: &Connection, person_id: &str) -> Result<()> {
    let draft: Option<i64> = conn
        .query_row(
            "SELECT version FROM agreements WHERE person_id = ?1 AND status = 'draft'",
            [person_id],
            |r| r.get(0),
        )
        .optional()?;
    if draft.is_some() {
        return Err(Error::InvalidInput(
            "There is already a draft agreement with this person. Edit or discard it first.".into(),
        ));
    }
    Ok(())
}

pub(super) fn next_version(conn: &Connection, person_id: &str) -> Result<i64> {
    let max: Option<i64> = conn.query_row(
        "SELECT max(version) FROM agreements WHERE person_id = ?1",
        [person_id],
        |r| r.get(0),
    )?;
    Ok(max.unwrap_or(0) + 1)
}

/// Inserts a new draft version (in the caller's transaction).
pub(super) fn insert_draft(
    conn: &Connection,
    session: &Session,
    person: &PersonRecord,
    content: AgreementContent,
    now: DateTime<Utc>,
) -> Result<Agreement> {
    ensure_no_draft(conn, &person.id)?;
    let version = next_version(conn, &person.id)?;
    let id = Uuid::new_v4().to_string();
    let body = StoredBody {
        content,
        acknowledgements: Vec::new(),
    };
    let sealed = seal_body(session, person.key_id, (&id, &person.id, version), &body)?;
    conn.execute(
        "INSERT INTO agreements (id, person_id, version, status, key_id, created_at, updated_at,
                                 effective_date, review_date, body)
         VALUES (?1, ?2, ?3, 'draft', ?4, ?5, ?5, ?6, ?7, ?8)",
        params![
            id,
            person.id,
            version,
            person.key_id.to_string(),
            to_millis(now),
            body.content.effective_date.map(date_millis),
            body.content.review_date.map(date_millis),
            sealed
        ],
    )?;
    let awaiting = awaiting(&body.content, &[]);
    Ok(Agreement {
        id,
        person_id: person.id.clone(),
        version: u32::try_from(version)
            .map_err(|_| Error::Internal("version out of range".into()))?,
        status: AgreementStatus::Draft,
        created_at: now,
        updated_at: now,
        content: body.content,
        acknowledgements: Vec::new(),
        awaiting,
    })
}

pub(super) fn summary(session: &Session, row: &Row, person_name: &str) -> Result<AgreementSummary> {
    let opened = open_row(session, row);
    let status = AgreementStatus::parse(&row.status);
    let damaged = opened.is_err() || status.is_none();
    Ok(AgreementSummary {
        id: row.id.clone(),
        person_id: row.person_id.clone(),
        person_name: person_name.to_string(),
        version: u32::try_from(row.version).unwrap_or(0),
        status: status.unwrap_or(AgreementStatus::Draft),
        created_at: from_millis(row.created)?,
        updated_at: from_millis(row.updated)?,
        effective_date: row.effective.and_then(|ms| millis_date(ms).ok()),
        review_date: row.review.and_then(|ms| millis_date(ms).ok()),
        damaged,
    })
}

/// Writes `bytes` to `path` through a temporary file in the same folder, so
/// a failure never leaves a half-written file under the chosen name.
pub(super) fn write_file_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let name = path
        .file_name()
        .ok_or_else(|| Error::InvalidInput("Choose a file to save the agreement to.".into()))?;
    let mut tmp_name = name.to_os_string();
    tmp_name.push(format!(".{}.part", Uuid::new_v4()));
    let tmp = path.with_file_name(tmp_name);
    let result = std::fs::write(&tmp, bytes).and_then(|()| std::fs::rename(&tmp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    Ok(result?)
}
