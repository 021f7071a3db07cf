//! The confidentiality-exception log of a supervisee: each time the
//! supervisor shared something from supervision outside it because of one
//! of the two exceptions to confidentiality the profession names —
//!
//! * [`ExceptionKind::RiskOfHarm`]: a serious risk of harm to a client or
//!   to the public;
//! * [`ExceptionKind::HarmfulPractice`]: the supervisee is acting in a way
//!   likely to cause serious harm and refuses to change it —
//!
//! with the date, the concern, what was shared (the minimum necessary),
//! with whom (agency or organisation, and role), the legal or ethical
//! basis, whether and how it was discussed with the supervisee first and
//! their response, and the solution agreed or the outcome.
//!
//! Reached through the handle [`ExceptionLog::of`]; other domains (the
//! person page, exports) read a person's log with [`entries_of`].
//!
//! ## Entries cannot be deleted
//!
//! The log is the paper trail that shows a disclosure was necessary,
//! proportionate and discussed. There is no function or command that
//! deletes or changes an entry, and the schema's triggers abort any
//! `DELETE` or `UPDATE` of an entry or an addendum whoever issues it.
//! A correction is an [`ExceptionAddendum`]: dated when it is written, kept in
//! order under the entry, with the original still shown above it.
//!
//! **Erasing a person** (a later issue) will not delete these rows either:
//! it crypto-shreds them by destroying the person's data key (the key that
//! [`crate::keys::KeyRing::subject_key_id`] names; `data_keys.wrapped_key`
//! set to NULL). Every entry and addendum is sealed under that key, so they
//! can never be opened again, in this file or in any backup, while the
//! rows (random ids and timestamps only) stay and the triggers stay intact.
//!
//! ## Storage
//!
//! [`crate::store::exception_log`]: one sealed JSON body per entry and per
//! addendum under the supervisee's data key. Plaintext: the ids, the
//! person id, the key id, an addendum's number, and the time each row was
//! written. The date of the disclosure is sealed; lists are sorted after
//! opening.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::keys::KeyRing;
use crate::people::{self, PersonKind};
use crate::store::{self, exception_log as rows};
use crate::validate::{self, paragraph, single_line, SHORT_CHARS};
use crate::vault::Vault;

/// Longest free-text field of an entry, contact note or addendum, in characters.
pub const TEXT_CHARS: usize = 10_000;
/// Longest "with whom" field (organisation, role), in characters.
pub const RECIPIENT_CHARS: usize = SHORT_CHARS;
/// The latest time zone ahead of UTC (UTC+14): a date is "not in the
/// future" when it is not after today's date in the easternmost time zone.
pub const MAX_UTC_OFFSET_HOURS: i64 = 14;

/// Which exception to confidentiality applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ExceptionKind {
    /// A serious risk of harm to a client or to the public.
    RiskOfHarm,
    /// The supervisee is acting in a way likely to cause serious harm and
    /// refuses to change.
    HarmfulPractice,
}

/// Whether the disclosure was discussed with the supervisee first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Discussed {
    /// Yes, before sharing.
    Yes,
    /// No.
    No,
    /// It was not possible (urgency, safety, could not be reached).
    NotPossible,
}

/// What the supervisor records about one disclosure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ExceptionInput {
    /// When the information was shared (not after today).
    pub date: NaiveDate,
    /// Which exception applied.
    pub kind: ExceptionKind,
    /// The concern: the harm feared. Required.
    pub concern: String,
    /// What was shared (the minimum necessary). Required.
    pub shared: String,
    /// With whom: the agency or organisation. Required.
    pub recipient_organisation: String,
    /// With whom: their role, e.g. "duty social worker". Required.
    pub recipient_role: String,
    /// The legal or ethical basis relied on. Required.
    pub basis: String,
    /// Whether it was discussed with the supervisee first.
    pub discussed: Discussed,
    /// How it was discussed (required when it was), or why not.
    pub discussed_how: String,
    /// The supervisee's response.
    pub response: String,
    /// The solution agreed or the outcome ("ideally a mutually comfortable solution").
    pub outcome: String,
}

/// A dated correction or addition under an entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ExceptionAddendum {
    /// Addendum id.
    pub id: String,
    /// Its place under the entry, from 1.
    pub seq: u32,
    /// When it was written (its date).
    pub recorded_at: DateTime<Utc>,
    /// The text; empty when damaged.
    pub text: String,
    /// The stored addendum failed its integrity check.
    pub damaged: bool,
}

/// One entry of the log, with its addenda in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ExceptionEntry {
    /// Entry id.
    pub id: String,
    /// The supervisee it is about.
    pub person_id: String,
    /// When it was recorded.
    pub recorded_at: DateTime<Utc>,
    /// What was recorded; `None` when the entry is damaged.
    pub fields: Option<ExceptionInput>,
    /// The stored entry failed its integrity check and cannot be opened.
    pub damaged: bool,
    /// Corrections and additions, oldest first.
    pub addenda: Vec<ExceptionAddendum>,
}

/// The sealed body of an addendum.
#[derive(Serialize, Deserialize)]
struct AddendumBody {
    text: String,
}

/// The latest calendar date anywhere on earth at `now` (UTC+14): the last
/// date that is not in the future for the person typing, whatever their
/// time zone (the core never reads the computer's clock or zone).
pub fn latest_today(now: DateTime<Utc>) -> NaiveDate {
    (now + Duration::hours(MAX_UTC_OFFSET_HOURS)).date_naive()
}

/// `date` within the year bounds and not after today.
pub(crate) fn not_in_future(field: &str, date: NaiveDate, now: DateTime<Utc>) -> Result<()> {
    validate::date(field, Some(date))?;
    if date > latest_today(now) {
        return Err(Error::InvalidInput(format!(
            "{field} is in the future. Record what has already happened."
        )));
    }
    Ok(())
}

/// The person `person_id` (a canonical id) must exist and be an individual:
/// the log and contact notes are about a supervisee, not a group or an
/// organisation.
pub(crate) fn require_individual(
    conn: &rusqlite::Connection,
    ring: &KeyRing,
    person_id: &str,
    what: &str,
) -> Result<()> {
    let person = people::load(conn, ring, person_id)?.ok_or(Error::NotFound("That person"))?;
    match person.fields.kind {
        PersonKind::Person => Ok(()),
        PersonKind::Organisation => Err(Error::InvalidInput(format!(
            "{what} is about a supervisee, not an organisation. Choose the person instead."
        ))),
        PersonKind::Group => Err(Error::InvalidInput(format!(
            "{what} is about one supervisee, not a group. Choose the member it concerns."
        ))),
    }
}

fn text(field: &str, value: &str) -> Result<String> {
    paragraph(field, value, TEXT_CHARS)
}

fn required_text(field: &'static str, value: &str) -> Result<String> {
    let v = text(field, value)?;
    if v.is_empty() {
        return Err(Error::Empty(field));
    }
    Ok(v)
}

/// Checks and normalises an entry; nothing is written when it fails.
pub fn normalise(input: &ExceptionInput, now: DateTime<Utc>) -> Result<ExceptionInput> {
    not_in_future("The date of the disclosure", input.date, now)?;
    let concern = required_text("The concern", &input.concern)?;
    let shared = required_text("What was shared", &input.shared)?;
    let organisation = single_line(
        "The organisation it was shared with",
        &input.recipient_organisation,
        RECIPIENT_CHARS,
    )?;
    let role = single_line(
        "The role of the person it was shared with",
        &input.recipient_role,
        RECIPIENT_CHARS,
    )?;
    if organisation.is_empty() || role.is_empty() {
        return Err(Error::InvalidInput(
            "An exception entry needs a recipient: the agency or organisation it was shared \
             with, and the role of the person there."
                .into(),
        ));
    }
    let basis = required_text("The legal or ethical basis", &input.basis)?;
    let discussed_how = text("How it was discussed", &input.discussed_how)?;
    if input.discussed == Discussed::Yes && discussed_how.is_empty() {
        return Err(Error::InvalidInput(
            "Say how it was discussed with the supervisee before it was shared.".into(),
        ));
    }
    Ok(ExceptionInput {
        date: input.date,
        kind: input.kind,
        concern,
        shared,
        recipient_organisation: organisation,
        recipient_role: role,
        basis,
        discussed: input.discussed,
        discussed_how,
        response: text("The supervisee's response", &input.response)?,
        outcome: text("The solution agreed or outcome", &input.outcome)?,
    })
}

fn entry(row: rows::EntryRow<ExceptionInput>, addenda: Vec<ExceptionAddendum>) -> ExceptionEntry {
    let (fields, damaged) = match row.body {
        Ok(f) => (Some(f), false),
        Err(_) => (None, true),
    };
    ExceptionEntry {
        id: row.id,
        person_id: row.person_id,
        recorded_at: row.created_at,
        fields,
        damaged,
        addenda,
    }
}

fn addendum(row: rows::AddendumRow<AddendumBody>) -> ExceptionAddendum {
    let (text, damaged) = match row.body {
        Ok(b) => (b.text, false),
        Err(_) => (String::new(), true),
    };
    ExceptionAddendum {
        id: row.id,
        seq: row.seq,
        recorded_at: row.created_at,
        text,
        damaged,
    }
}

/// Every entry about `person_id` (a canonical id), newest first by the date
/// of the disclosure (then by when it was recorded; damaged entries by when
/// they were recorded), each with its addenda in order. One damaged entry
/// or addendum is flagged and never fails the list. For the person page and
/// exports.
pub(crate) fn entries_of(
    conn: &rusqlite::Connection,
    ring: &KeyRing,
    person_id: &str,
) -> Result<Vec<ExceptionEntry>> {
    let mut addenda: std::collections::HashMap<String, Vec<ExceptionAddendum>> =
        std::collections::HashMap::new();
    for row in rows::addenda_of_person::<AddendumBody>(conn, ring, person_id)? {
        addenda
            .entry(row.entry_id.clone())
            .or_default()
            .push(addendum(row));
    }
    let mut out: Vec<ExceptionEntry> = rows::of_person::<ExceptionInput>(conn, ring, person_id)?
        .into_iter()
        .map(|row| {
            let mine = addenda.remove(&row.id).unwrap_or_default();
            entry(row, mine)
        })
        .collect();
    let key = |e: &ExceptionEntry| {
        (
            e.fields
                .as_ref()
                .map_or_else(|| e.recorded_at.date_naive(), |f| f.date),
            e.recorded_at,
        )
    };
    out.sort_by(|a, b| key(b).cmp(&key(a)).then_with(|| b.id.cmp(&a.id)));
    for e in &mut out {
        e.addenda.sort_by_key(|a| a.seq);
    }
    Ok(out)
}

/// The confidentiality-exception log of an unlocked vault.
pub struct ExceptionLog<'a> {
    vault: &'a mut Vault,
}

impl<'a> ExceptionLog<'a> {
    /// The log of `vault`.
    pub fn of(vault: &'a mut Vault) -> Self {
        ExceptionLog { vault }
    }

    /// Every entry about a supervisee, newest first, with addenda in order.
    pub fn list(&mut self, person_id: &str) -> Result<Vec<ExceptionEntry>> {
        let person_id = validate::id_string("That person's", person_id)?;
        let u = self.vault.unlocked()?;
        require_individual(u.conn, u.ring, &person_id, "The exception log")?;
        entries_of(u.conn, u.ring, &person_id)
    }

    /// Records a disclosure about a supervisee. Every field is checked first;
    /// nothing is written when one fails. The entry can never be changed or
    /// deleted afterwards (see the module documentation).
    pub fn record(
        &mut self,
        person_id: &str,
        input: &ExceptionInput,
        now: DateTime<Utc>,
    ) -> Result<ExceptionEntry> {
        let person_id = validate::id_string("That person's", person_id)?;
        let fields = normalise(input, now)?;
        let u = self.vault.unlocked()?;
        require_individual(u.conn, u.ring, &person_id, "An exception entry")?;
        let id = Uuid::new_v4().to_string();
        let ring = &*u.ring;
        store::write(u.conn, |tx| {
            rows::insert(tx, ring, &id, &person_id, now, &fields)
        })?;
        Ok(ExceptionEntry {
            id,
            person_id,
            recorded_at: store::from_millis(store::to_millis(now))?,
            fields: Some(fields),
            damaged: false,
            addenda: vec![],
        })
    }

    /// Adds a dated correction or addition under an entry, after the ones
    /// already there. The entry itself is unchanged. Returns the entry with
    /// every addendum.
    pub fn add_addendum(
        &mut self,
        entry_id: &str,
        text: &str,
        now: DateTime<Utc>,
    ) -> Result<ExceptionEntry> {
        let entry_id = validate::id_string("That exception entry's", entry_id)?;
        let body = AddendumBody {
            text: required_text("The addendum", text)?,
        };
        let u = self.vault.unlocked()?;
        let person_id =
            rows::person_of(u.conn, &entry_id)?.ok_or(Error::NotFound("That exception entry"))?;
        // An addendum to an entry that no longer opens could not be read
        // against the original: refuse it.
        rows::get::<ExceptionInput>(u.conn, u.ring, &entry_id)?
            .ok_or(Error::NotFound("That exception entry"))?
            .body?;
        let ring = &*u.ring;
        store::write(u.conn, |tx| {
            let seq = rows::next_seq(tx, &entry_id)?;
            let id = Uuid::new_v4().to_string();
            rows::insert_addendum(
                tx,
                ring,
                &rows::NewAddendum {
                    id: &id,
                    entry_id: &entry_id,
                    person_id: &person_id,
                    seq,
                    created_at: now,
                },
                &body,
            )
        })?;
        entries_of(u.conn, u.ring, &person_id)?
            .into_iter()
            .find(|e| e.id == entry_id)
            .ok_or(Error::NotFound("That exception entry"))
    }
}
