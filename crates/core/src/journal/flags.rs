//! Bringing an entry, or an extract of it, to supervision: a flag for one
//! of the owner's own supervisors. Open flags appear on the agenda of the
//! next session with that supervisor until marked discussed or removed.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{at, content_of, entry, parse_id, Journal, FIRST_LINE_CHARS};
use crate::brought::{AgendaBrought, BroughtOrigin};
use crate::error::{Error, Result};
use crate::people::{self, Relation};
use crate::store::{self, journal as rows, journal_flags as flags};
use crate::validate;

/// Longest extract, in UTF-8 bytes.
pub const MAX_EXTRACT_BYTES: usize = 100 * 1024;

/// What to bring to supervision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FlagInput {
    /// The entry.
    pub entry_id: String,
    /// The supervisor (a person who supervises the owner).
    pub person_id: String,
    /// The selected text, or `None` to bring the whole entry.
    pub extract: Option<String>,
}

/// The sealed part of a flag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct FlagBody {
    /// The extract; `None` for the whole entry.
    pub extract: Option<String>,
}

/// A flag as the UI shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct JournalFlag {
    /// Flag id.
    pub id: String,
    /// The entry.
    pub entry_id: String,
    /// The supervisor.
    pub person_id: String,
    /// The extract; `None` when the whole entry is brought.
    pub extract: Option<String>,
    /// When it was flagged.
    pub created_at: DateTime<Utc>,
    /// When it was marked discussed; `None` while open.
    pub discussed_at: Option<DateTime<Utc>>,
    /// The flag failed its integrity check.
    pub damaged: bool,
}

fn flag_of(row: flags::FlagRow<FlagBody>) -> JournalFlag {
    let (extract, damaged) = match row.body {
        Ok(b) => (b.extract, false),
        Err(_) => (None, true),
    };
    JournalFlag {
        id: row.meta.id,
        entry_id: row.meta.entry_id,
        person_id: row.meta.person_id,
        extract,
        created_at: at(row.meta.created_ms),
        discussed_at: row.meta.discussed_ms.map(at),
        damaged,
    }
}

fn flag_id(id: &str) -> Result<String> {
    validate::id_string("That flag's", id)
}

impl Journal<'_> {
    /// Brings an entry, or an extract of it, to supervision with
    /// `input.person_id`, who must be one of the owner's supervisors.
    pub fn flag(&mut self, input: &FlagInput, now: DateTime<Utc>) -> Result<JournalFlag> {
        let entry = parse_id(&input.entry_id)?;
        let person_id = validate::id_string("That supervisor's", &input.person_id)?;
        let extract = match &input.extract {
            None => None,
            Some(text) => Some(validate::long_text(
                "The extract",
                text,
                MAX_EXTRACT_BYTES,
                true,
            )?),
        };
        let u = self.vault.unlocked()?;
        let person =
            people::load(u.conn, u.ring, &person_id)?.ok_or(Error::NotFound("That supervisor"))?;
        if person.fields.relation != Relation::SupervisesMe {
            return Err(Error::InvalidInput(
                "Items can be brought only to someone who supervises you: this person is not \
                 recorded as your supervisor."
                    .into(),
            ));
        }
        let row = rows::get(u.conn, u.ring, entry)?.ok_or(Error::NotFound("That journal entry"))?;
        content_of(&row)?;
        let body = FlagBody { extract };
        let meta = flags::insert(u.conn, u.ring, entry, &person_id, &body, now)?;
        Ok(flag_of(flags::FlagRow {
            meta,
            body: Ok(body),
        }))
    }

    /// The flags of one entry (open and discussed), oldest first.
    pub fn flags_of(&mut self, entry_id: &str) -> Result<Vec<JournalFlag>> {
        let entry = parse_id(entry_id)?.to_string();
        let u = self.vault.unlocked()?;
        Ok(
            flags::list::<FlagBody>(u.conn, u.ring, flags::FlagFilter::Entry(&entry))?
                .into_iter()
                .map(flag_of)
                .collect(),
        )
    }

    /// Marks a flag discussed: it leaves the agenda and stays with the entry.
    pub fn flag_discussed(&mut self, id: &str, now: DateTime<Utc>) -> Result<JournalFlag> {
        let id = flag_id(id)?;
        let u = self.vault.unlocked()?;
        flags::mark_discussed::<FlagBody>(u.conn, u.ring, &id, now)?;
        let row =
            flags::get::<FlagBody>(u.conn, u.ring, &id)?.ok_or(Error::NotFound("That flag"))?;
        Ok(flag_of(row))
    }

    /// Removes a flag.
    pub fn unflag(&mut self, id: &str) -> Result<()> {
        let id = flag_id(id)?;
        let u = self.vault.unlocked()?;
        if !flags::delete(u.conn, &id)? {
            return Err(Error::NotFound("That flag"));
        }
        store::checkpoint(u.conn)
    }
}

/// An open flag with its entry's title, for the agenda and packets.
pub(crate) struct OpenFlag {
    pub id: String,
    pub title: String,
    pub extract: Option<String>,
    pub created_at: DateTime<Utc>,
    pub written_on: chrono::NaiveDate,
}

/// Open flags (for `person_id`, or all), oldest first; a damaged flag, or
/// one whose entry does not open, is left out.
pub(crate) fn open_flags(
    conn: &rusqlite::Connection,
    ring: &crate::keys::KeyRing,
    person_id: Option<&str>,
) -> Result<Vec<OpenFlag>> {
    let filter = match person_id {
        Some(p) => flags::FlagFilter::OpenFor(p),
        None => flags::FlagFilter::All,
    };
    let mut out = Vec::new();
    for row in flags::list::<FlagBody>(conn, ring, filter)? {
        if row.meta.discussed_ms.is_some() {
            continue;
        }
        let Ok(body) = row.body else { continue };
        let Ok(entry) = parse_id(&row.meta.entry_id) else {
            continue;
        };
        let Some(e) = rows::get(conn, ring, entry)? else {
            continue;
        };
        let Ok(content) = content_of(&e) else {
            continue;
        };
        out.push(OpenFlag {
            id: row.meta.id,
            title: entry::display_title(&content, FIRST_LINE_CHARS),
            extract: body.extract,
            created_at: at(row.meta.created_ms),
            written_on: at(e.created_ms).date_naive(),
        });
    }
    Ok(out)
}

/// The journal's open flags for `person_id` (one's own supervisor), as the
/// agenda of the next session with them shows them.
pub(crate) fn brought_to(
    conn: &rusqlite::Connection,
    ring: &crate::keys::KeyRing,
    person_id: &str,
) -> Result<Vec<AgendaBrought>> {
    Ok(open_flags(conn, ring, Some(person_id))?
        .into_iter()
        .map(|f| AgendaBrought {
            id: f.id,
            origin: BroughtOrigin::Flagged,
            title: f.title,
            text: f.extract.unwrap_or_default(),
            date: f.created_at.date_naive(),
        })
        .collect())
}
