//! Between-session contacts: a short note of support given to a supervisee
//! outside sessions — the date (and, if wanted, the time), how (phone,
//! message, video, in person), the issue, the advice given, any risk
//! decision and an optional follow-up.
//!
//! Reached through the handle [`Contacts::of`]. The agenda of the next
//! session reads the notes since the last one with [`contacts_since`].
//!
//! ## Notes can be edited and deleted
//!
//! A contact note is the supervisor's working note, like a line in a diary:
//! it is corrected when it was wrong and removed when it was written about
//! the wrong person (keeping it would keep one supervisee's details in
//! another's record). Its last edit time is kept and shown. What must stay
//! unalterable is elsewhere: a disclosure outside supervision belongs in the
//! confidentiality-exception log ([`crate::exception_log`]), whose entries
//! cannot be changed or deleted, and what was discussed about a contact is
//! carried into the next session's record, which is finalised. A deleted
//! note is wiped from the file (`secure_delete` and a checkpoint of the
//! write-ahead log).
//!
//! ## Storage
//!
//! [`crate::store::contacts`]: one sealed JSON body per note under the
//! supervisee's data key. Plaintext: the ids, the person id, the key id and
//! when the note was written and last edited. The date of the contact is
//! sealed; lists are filtered and sorted after opening.

use chrono::{DateTime, NaiveDate, NaiveTime, Timelike, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::exception_log::{not_in_future, require_individual, TEXT_CHARS};
use crate::keys::KeyRing;
use crate::store::{self, contacts as rows};
use crate::validate::{self, paragraph};
use crate::vault::Vault;

/// How the contact happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ContactMode {
    /// A phone call.
    Phone,
    /// A text, email or chat message.
    Message,
    /// A video call.
    Video,
    /// In person.
    InPerson,
}

/// What the supervisor records about one contact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ContactInput {
    /// When it happened (not after today).
    pub date: NaiveDate,
    /// At what time, if recorded (wall-clock time, `HH:MM`).
    pub time: Option<NaiveTime>,
    /// How.
    pub mode: ContactMode,
    /// The issue the supervisee brought. Required.
    pub issue: String,
    /// The advice given.
    pub advice: String,
    /// Any decision about risk.
    pub risk_decision: String,
    /// What happens next, if anything.
    pub follow_up: String,
}

/// One stored note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ContactNote {
    /// Note id.
    pub id: String,
    /// The supervisee it is about.
    pub person_id: String,
    /// When it was written.
    pub created_at: DateTime<Utc>,
    /// When it was last edited (equal to `created_at` when never edited).
    pub updated_at: DateTime<Utc>,
    /// What was recorded; `None` when the note is damaged.
    pub fields: Option<ContactInput>,
    /// The stored note failed its integrity check and cannot be opened.
    pub damaged: bool,
}

/// Checks and normalises a note; nothing is written when it fails.
pub fn normalise(input: &ContactInput, now: DateTime<Utc>) -> Result<ContactInput> {
    not_in_future("The date of the contact", input.date, now)?;
    let issue = paragraph("The issue", &input.issue, TEXT_CHARS)?;
    if issue.is_empty() {
        return Err(Error::Empty("The issue"));
    }
    // Seconds are not asked for: a time is kept to the minute.
    let time = input
        .time
        .and_then(|t| NaiveTime::from_hms_opt(t.hour(), t.minute(), 0));
    Ok(ContactInput {
        date: input.date,
        time,
        mode: input.mode,
        issue,
        advice: paragraph("The advice given", &input.advice, TEXT_CHARS)?,
        risk_decision: paragraph("The risk decision", &input.risk_decision, TEXT_CHARS)?,
        follow_up: paragraph("The follow-up", &input.follow_up, TEXT_CHARS)?,
    })
}

fn note(row: rows::ContactRow<ContactInput>) -> ContactNote {
    let (fields, damaged) = match row.body {
        Ok(f) => (Some(f), false),
        Err(_) => (None, true),
    };
    ContactNote {
        id: row.id,
        person_id: row.person_id,
        created_at: row.created_at,
        updated_at: row.updated_at,
        fields,
        damaged,
    }
}

/// The day a note is about: its sealed date, or (damaged) the day it was written.
fn day_of(n: &ContactNote) -> NaiveDate {
    n.fields
        .as_ref()
        .map_or_else(|| n.created_at.date_naive(), |f| f.date)
}

/// Sort key: date, then time (a note without a time sorts first in its
/// day), then when it was written.
fn order_key(n: &ContactNote) -> (NaiveDate, Option<NaiveTime>, DateTime<Utc>, String) {
    (
        day_of(n),
        n.fields.as_ref().and_then(|f| f.time),
        n.created_at,
        n.id.clone(),
    )
}

/// Every note about `person_id` (a canonical id), newest first.
fn notes_of(
    conn: &rusqlite::Connection,
    ring: &KeyRing,
    person_id: &str,
) -> Result<Vec<ContactNote>> {
    let mut out: Vec<ContactNote> = rows::of_person::<ContactInput>(conn, ring, person_id)?
        .into_iter()
        .map(note)
        .collect();
    out.sort_by_key(|n| std::cmp::Reverse(order_key(n)));
    Ok(out)
}

/// The contacts with `person_id` (a canonical id) dated on or after `since`,
/// **oldest first** (the order an agenda reads them in), for the agenda of
/// the next session. A damaged note counts by the day it was written and is
/// included, flagged, so the agenda can say that one could not be opened.
/// Does not check that the person exists (the caller has loaded them).
pub(crate) fn contacts_since(
    conn: &rusqlite::Connection,
    ring: &KeyRing,
    person_id: &str,
    since: NaiveDate,
) -> Result<Vec<ContactNote>> {
    let mut out: Vec<ContactNote> = rows::of_person::<ContactInput>(conn, ring, person_id)?
        .into_iter()
        .map(note)
        .filter(|n| day_of(n) >= since)
        .collect();
    out.sort_by_key(order_key);
    Ok(out)
}

/// Between-session contact notes of an unlocked vault.
pub struct Contacts<'a> {
    vault: &'a mut Vault,
}

impl<'a> Contacts<'a> {
    /// The contact notes of `vault`.
    pub fn of(vault: &'a mut Vault) -> Self {
        Contacts { vault }
    }

    /// Every note about a supervisee, newest first by the date of the
    /// contact. A damaged note is flagged; it never fails the list.
    pub fn list(&mut self, person_id: &str) -> Result<Vec<ContactNote>> {
        let person_id = validate::id_string("That person's", person_id)?;
        let u = self.vault.unlocked()?;
        require_individual(u.conn, u.ring, &person_id, "A contact note")?;
        notes_of(u.conn, u.ring, &person_id)
    }

    /// The notes about a supervisee dated on or after `since`, oldest first
    /// (see [`contacts_since`]).
    pub fn since(&mut self, person_id: &str, since: NaiveDate) -> Result<Vec<ContactNote>> {
        let person_id = validate::id_string("That person's", person_id)?;
        let u = self.vault.unlocked()?;
        require_individual(u.conn, u.ring, &person_id, "A contact note")?;
        contacts_since(u.conn, u.ring, &person_id, since)
    }

    /// Records a contact with a supervisee. Nothing is written when a field
    /// fails its check.
    pub fn create(
        &mut self,
        person_id: &str,
        input: &ContactInput,
        now: DateTime<Utc>,
    ) -> Result<ContactNote> {
        let person_id = validate::id_string("That person's", person_id)?;
        let fields = normalise(input, now)?;
        let u = self.vault.unlocked()?;
        require_individual(u.conn, u.ring, &person_id, "A contact note")?;
        let id = Uuid::new_v4().to_string();
        rows::insert(u.conn, u.ring, &id, &person_id, now, &fields)?;
        let at = store::from_millis(store::to_millis(now))?;
        Ok(ContactNote {
            id,
            person_id,
            created_at: at,
            updated_at: at,
            fields: Some(fields),
            damaged: false,
        })
    }

    /// Replaces a note's fields. A damaged note cannot be edited (its
    /// original cannot be shown): delete it and write it again.
    pub fn update(
        &mut self,
        id: &str,
        input: &ContactInput,
        now: DateTime<Utc>,
    ) -> Result<ContactNote> {
        let id = validate::id_string("That contact note's", id)?;
        let fields = normalise(input, now)?;
        let u = self.vault.unlocked()?;
        rows::get::<ContactInput>(u.conn, u.ring, &id)?
            .ok_or(Error::NotFound("That contact note"))?
            .body?;
        let row = rows::update(u.conn, u.ring, &id, &fields, now)?;
        Ok(note(row))
    }

    /// Deletes a note. With `secure_delete` the freed pages are zeroed, and
    /// a checkpoint wipes the old page images from the write-ahead log.
    pub fn delete(&mut self, id: &str) -> Result<()> {
        let id = validate::id_string("That contact note's", id)?;
        let u = self.vault.unlocked()?;
        if !rows::delete(u.conn, &id)? {
            return Err(Error::NotFound("That contact note"));
        }
        store::checkpoint(u.conn)
    }
}

/// Every contact note as a search document (the issue's first line as the
/// title; issue, advice, risk decision and follow-up as the text), filed
/// under its person and dated by the contact. A damaged note is left out.
pub(crate) fn search_docs(
    conn: &rusqlite::Connection,
    ring: &KeyRing,
) -> Result<Vec<crate::search_doc::SearchDoc>> {
    use zeroize::Zeroizing;
    let mut out = Vec::new();
    for person_id in crate::people::all_ids(conn, ring)? {
        for row in rows::of_person::<ContactInput>(conn, ring, &person_id)? {
            let Ok(f) = row.body else { continue };
            let title: String = f
                .issue
                .lines()
                .next()
                .unwrap_or("")
                .chars()
                .take(120)
                .collect();
            let body = [&f.issue, &f.advice, &f.risk_decision, &f.follow_up]
                .iter()
                .filter(|s| !s.is_empty())
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join("\n");
            out.push(crate::search_doc::SearchDoc {
                kind: crate::search_doc::DocKind::Contact,
                id: row.id,
                person_id: Some(row.person_id),
                title: Zeroizing::new(title),
                body: Zeroizing::new(body),
                tags: Vec::new(),
                date: Some(f.date),
            });
        }
    }
    Ok(out)
}
