//! The private reflective journal: entries sealed under the journal's data
//! key, listed newest first, searched in memory only.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use zeroize::Zeroizing;

use crate::error::{Error, Result};
use crate::search_doc::{DocKind, SearchDoc};
use crate::store::{self, journal as rows};
use crate::validate::{self, JOURNAL_ENTRY_BYTES, PAGE_MAX, QUERY_CHARS, SEARCH_RESULTS_MAX};
use crate::vault::Vault;

/// Largest entry accepted, in UTF-8 bytes (1 MiB).
pub const MAX_ENTRY_BYTES: usize = JOURNAL_ENTRY_BYTES;
/// Largest page `list` returns.
pub const MAX_PAGE: u32 = PAGE_MAX;
/// Most results a search returns.
pub const MAX_SEARCH_RESULTS: usize = SEARCH_RESULTS_MAX;
/// Longest search query, in characters.
pub const MAX_QUERY_CHARS: usize = QUERY_CHARS;
/// A summary's first line is cut to this many characters.
pub const FIRST_LINE_CHARS: usize = 120;

/// A line in the journal list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct JournalSummary {
    /// Entry id (UUID).
    pub id: String,
    /// When the entry was created.
    pub created_at: DateTime<Utc>,
    /// When it was last saved.
    pub updated_at: DateTime<Utc>,
    /// The first non-blank line, trimmed and shortened; empty when damaged.
    pub first_line: String,
    /// The stored entry failed its integrity check and cannot be opened.
    pub damaged: bool,
}

/// A whole entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct JournalEntry {
    /// Entry id (UUID).
    pub id: String,
    /// When the entry was created.
    pub created_at: DateTime<Utc>,
    /// When it was last saved.
    pub updated_at: DateTime<Utc>,
    /// The text.
    pub body: String,
}

/// A page of the list, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct JournalPage {
    /// Entries on this page.
    pub entries: Vec<JournalSummary>,
    /// Entries in the journal.
    pub total: u32,
}

/// Decrypted text for in-memory search; lives only while unlocked (a
/// [`crate::vault::Caches`] entry, dropped on lock).
struct JournalIndex {
    entries: Vec<IndexedEntry>,
}

struct IndexedEntry {
    id: Uuid,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    first_line: Zeroizing<String>,
    folded: Zeroizing<String>,
}

impl IndexedEntry {
    fn new(id: Uuid, created_at: DateTime<Utc>, updated_at: DateTime<Utc>, body: &str) -> Self {
        IndexedEntry {
            id,
            created_at,
            updated_at,
            first_line: Zeroizing::new(first_line(body)),
            folded: Zeroizing::new(body.to_lowercase()),
        }
    }

    fn summary(&self) -> JournalSummary {
        JournalSummary {
            id: self.id.to_string(),
            created_at: self.created_at,
            updated_at: self.updated_at,
            first_line: self.first_line.to_string(),
            damaged: false,
        }
    }
}

/// The first non-blank line, trimmed, at most 120 characters (with `…`).
pub fn first_line(body: &str) -> String {
    let line = body
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    let mut chars = line.chars();
    let mut out: String = chars.by_ref().take(FIRST_LINE_CHARS).collect();
    if chars.next().is_some() {
        out.push('…');
    }
    out
}

fn parse_id(id: &str) -> Result<Uuid> {
    validate::id("That journal entry's", id)
        .map_err(|_| Error::InvalidInput("That journal entry id is not valid.".into()))
}

/// Size and non-blank only: a journal entry is stored exactly as written
/// (pasted text may carry characters a one-line field would refuse).
fn check_body(body: &str) -> Result<()> {
    validate::size("The journal entry", body, MAX_ENTRY_BYTES)?;
    if body.trim().is_empty() {
        return Err(Error::Empty("The journal entry"));
    }
    Ok(())
}

/// A stored timestamp; out of range only when the row was edited on disk,
/// which already fails the entry's integrity check.
fn at(ms: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(ms).unwrap_or(DateTime::<Utc>::UNIX_EPOCH)
}

/// The owner's private reflective journal.
pub struct Journal<'a> {
    vault: &'a mut Vault,
}

impl<'a> Journal<'a> {
    /// The journal of `vault`.
    pub fn of(vault: &'a mut Vault) -> Self {
        Journal { vault }
    }

    /// A page of the journal, newest first. Damaged entries are listed with
    /// `damaged: true` rather than hiding the rest of the journal.
    pub fn list(&mut self, offset: u32, limit: u32) -> Result<JournalPage> {
        if limit == 0 || limit > MAX_PAGE {
            return Err(Error::InvalidInput(format!(
                "A page holds between 1 and {MAX_PAGE} entries."
            )));
        }
        let u = self.vault.unlocked()?;
        let total = rows::count(u.conn)?;
        let entries = rows::page(u.conn, u.ring, offset, limit)?
            .into_iter()
            .map(|row| {
                let (first, damaged) = match &row.body {
                    Ok(text) => (first_line(text), false),
                    Err(_) => (String::new(), true),
                };
                JournalSummary {
                    id: row.id.to_string(),
                    created_at: at(row.created_ms),
                    updated_at: at(row.updated_ms),
                    first_line: first,
                    damaged,
                }
            })
            .collect();
        Ok(JournalPage { entries, total })
    }

    /// One entry, decrypted.
    pub fn get(&mut self, id: &str) -> Result<JournalEntry> {
        let uuid = parse_id(id)?;
        let u = self.vault.unlocked()?;
        let row = rows::get(u.conn, u.ring, uuid)?.ok_or(Error::NotFound("That journal entry"))?;
        let body = row.body?;
        Ok(JournalEntry {
            id: row.id.to_string(),
            created_at: at(row.created_ms),
            updated_at: at(row.updated_ms),
            body: body.to_string(),
        })
    }

    /// Creates an entry. One statement, one transaction, durable on return.
    pub fn create(&mut self, body: &str, now: DateTime<Utc>) -> Result<JournalEntry> {
        check_body(body)?;
        let u = self.vault.unlocked()?;
        let uuid = Uuid::new_v4();
        rows::insert(u.conn, u.ring, uuid, body, now)?;
        let now = at(store::to_millis(now));
        if let Some(index) = u.caches.get_mut::<JournalIndex>() {
            index.entries.push(IndexedEntry::new(uuid, now, now, body));
        }
        Ok(JournalEntry {
            id: uuid.to_string(),
            created_at: now,
            updated_at: now,
            body: body.to_string(),
        })
    }

    /// Replaces an entry's text (sealed again with a fresh nonce).
    pub fn update(&mut self, id: &str, body: &str, now: DateTime<Utc>) -> Result<JournalEntry> {
        let uuid = parse_id(id)?;
        check_body(body)?;
        let u = self.vault.unlocked()?;
        let (created, updated) = rows::update(u.conn, u.ring, uuid, body, now)?;
        let (created_at, updated_at) = (at(created), at(updated));
        if let Some(index) = u.caches.get_mut::<JournalIndex>() {
            index.entries.retain(|e| e.id != uuid);
            index
                .entries
                .push(IndexedEntry::new(uuid, created_at, updated_at, body));
        }
        Ok(JournalEntry {
            id: uuid.to_string(),
            created_at,
            updated_at,
            body: body.to_string(),
        })
    }

    /// Deletes an entry. With `secure_delete` the freed pages are zeroed, and
    /// a checkpoint wipes the old page images from the write-ahead log.
    pub fn delete(&mut self, id: &str) -> Result<()> {
        let uuid = parse_id(id)?;
        let u = self.vault.unlocked()?;
        if !rows::delete(u.conn, uuid)? {
            return Err(Error::NotFound("That journal entry"));
        }
        if let Some(index) = u.caches.get_mut::<JournalIndex>() {
            index.entries.retain(|e| e.id != uuid);
        }
        store::checkpoint(u.conn)
    }

    /// Case-insensitive search over the decrypted text, in memory. The
    /// decrypted index is built on the first search and dropped on lock.
    pub fn search(&mut self, query: &str) -> Result<Vec<JournalSummary>> {
        let query = query.trim();
        if query.is_empty() {
            return Err(Error::InvalidInput("Type something to search for.".into()));
        }
        if query.chars().count() > MAX_QUERY_CHARS {
            return Err(Error::InvalidInput(format!(
                "Search for at most {MAX_QUERY_CHARS} characters."
            )));
        }
        let needle = Zeroizing::new(query.to_lowercase());
        let u = self.vault.unlocked()?;
        if u.caches.get_mut::<JournalIndex>().is_none() {
            // Damaged entries cannot be searched; the list shows them.
            let entries = rows::all(u.conn, u.ring)?
                .into_iter()
                .filter_map(|row| {
                    let text = row.body.ok()?;
                    Some(IndexedEntry::new(
                        row.id,
                        at(row.created_ms),
                        at(row.updated_ms),
                        &text,
                    ))
                })
                .collect();
            u.caches.insert(JournalIndex { entries });
        }
        let index = u
            .caches
            .get_mut::<JournalIndex>()
            .ok_or_else(|| Error::Internal("search index missing".into()))?;
        let mut hits: Vec<&IndexedEntry> = index
            .entries
            .iter()
            .filter(|e| e.folded.contains(needle.as_str()))
            .collect();
        hits.sort_by(|a, b| b.created_at.cmp(&a.created_at).then(b.id.cmp(&a.id)));
        Ok(hits
            .into_iter()
            .take(MAX_SEARCH_RESULTS)
            .map(IndexedEntry::summary)
            .collect())
    }
}

/// Every readable entry as a search document (kind
/// [`DocKind::Journal`]); damaged entries are left out (the list shows them).
#[allow(dead_code)] // its caller arrives with issue 9's search and packets
pub(crate) fn search_docs(
    conn: &rusqlite::Connection,
    ring: &crate::keys::KeyRing,
) -> Result<Vec<SearchDoc>> {
    Ok(rows::all(conn, ring)?
        .into_iter()
        .filter_map(|row| {
            let body = row.body.ok()?;
            Some(SearchDoc {
                kind: DocKind::Journal,
                id: row.id.to_string(),
                person_id: None,
                title: Zeroizing::new(first_line(&body)),
                body,
                tags: Vec::new(),
                date: Some(at(row.created_ms).date_naive()),
            })
        })
        .collect())
}

/// The journal's items brought to the next session with `person_id` (one's
/// own supervisor). Flagging arrives with the flags store; until then
/// nothing is flagged.
pub(crate) fn brought_to(
    _conn: &rusqlite::Connection,
    _ring: &crate::keys::KeyRing,
    _person_id: &str,
) -> Result<Vec<crate::brought::AgendaBrought>> {
    Ok(Vec::new())
}

/// What of the journal can be sent to a person in a packet: every entry that
/// opens, as a whole (newest first). `last_sent` is left for `packets` to
/// fill.
#[allow(dead_code)] // its caller arrives with issue 9's search and packets
pub(crate) fn packet_candidates(
    conn: &rusqlite::Connection,
    ring: &crate::keys::KeyRing,
) -> Result<Vec<crate::packets::view::SendCandidate>> {
    use crate::packets::view::{SendCandidate, SendSource};
    let mut rows = rows::all(conn, ring)?;
    rows.sort_by_key(|r| std::cmp::Reverse(r.created_ms));
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            let body = row.body.ok()?;
            Some(SendCandidate {
                source: SendSource::JournalEntry {
                    entry_id: row.id.to_string(),
                },
                kind_label: "Journal entry".into(),
                title: first_line(&body),
                date: Some(at(row.created_ms).date_naive()),
                last_sent: None,
            })
        })
        .collect())
}

/// The read-only snapshot of a journal source for a packet: its title and
/// item. `None` when the source is not the journal's.
#[allow(dead_code)] // its caller arrives with issue 9's search and packets
pub(crate) fn packet_item(
    conn: &rusqlite::Connection,
    ring: &crate::keys::KeyRing,
    source: &crate::packets::view::SendSource,
) -> Result<Option<(String, crate::packets::items::ItemBody)>> {
    use crate::packets::items::{ItemBody, SnapshotSection};
    use crate::packets::view::SendSource;
    let SendSource::JournalEntry { entry_id } = source else {
        return Ok(None);
    };
    let id = parse_id(entry_id)?;
    let row = rows::get(conn, ring, id)?.ok_or(Error::NotFound("That journal entry"))?;
    let body = row.body?;
    let title = first_line(&body);
    Ok(Some((
        title.clone(),
        ItemBody::JournalEntry {
            title,
            template: "Free writing".into(),
            sections: vec![SnapshotSection {
                heading: String::new(),
                text: body.to_string(),
            }],
            tags: Vec::new(),
            written_on: at(row.created_ms).date_naive(),
        },
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_line_skips_blank_lines_and_truncates() {
        assert_eq!(
            first_line("\n\n   Hard visit today  \nmore"),
            "Hard visit today"
        );
        assert_eq!(first_line(""), "");
        let long = "é".repeat(200);
        let fl = first_line(&long);
        assert_eq!(fl.chars().count(), FIRST_LINE_CHARS + 1);
        assert!(fl.ends_with('…'));
    }
}
