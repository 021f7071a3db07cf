//! The private reflective journal: entries (a title, a reflective template,
//! the text of each section, tags and links) sealed under the journal's
//! data key, listed newest first, searched in memory only; and flags that
//! bring an entry, or an extract of it, to supervision.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use zeroize::Zeroizing;

use crate::error::{Error, Result};
use crate::store::{self, journal as rows};
use crate::validate::{self, JOURNAL_ENTRY_BYTES, PAGE_MAX, QUERY_CHARS, SEARCH_RESULTS_MAX};
use crate::vault::Vault;

mod entry;
mod flags;
mod share;
mod templates;

pub use entry::{
    JournalInput, JournalLinks, SectionText, CASE_REF_CHARS, MAX_TAGS, TAG_CHARS, TITLE_CHARS,
};
pub(crate) use flags::brought_to;
pub use flags::{FlagInput, JournalFlag, MAX_EXTRACT_BYTES};
#[allow(unused_imports)] // their callers arrive with issue 9's search and packets
pub(crate) use share::{packet_candidates, packet_item, search_docs};
pub use templates::{templates, Template, TemplateId, TemplateSection};

/// Largest entry accepted, in UTF-8 bytes (1 MiB), all of it together.
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
    /// The title, or else the first non-blank line of the text, trimmed and
    /// shortened; empty when damaged.
    pub first_line: String,
    /// The template.
    pub template: TemplateId,
    /// Its tags.
    pub tags: Vec<String>,
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
    /// Title, template, sections, tags and links as stored.
    pub content: JournalInput,
    /// All its text: the non-blank sections joined by a blank line (for
    /// free writing, exactly the text).
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
    summary: JournalSummary,
    uuid: Uuid,
    folded: Zeroizing<String>,
}

impl IndexedEntry {
    fn new(
        uuid: Uuid,
        created_at: DateTime<Utc>,
        updated_at: DateTime<Utc>,
        c: &JournalInput,
    ) -> Self {
        let mut all = Zeroizing::new(String::new());
        all.push_str(&c.title);
        all.push('\n');
        all.push_str(&c.text());
        for tag in &c.tags {
            all.push('\n');
            all.push_str(tag);
        }
        IndexedEntry {
            summary: summary_of(uuid, created_at, updated_at, c),
            uuid,
            folded: Zeroizing::new(all.to_lowercase()),
        }
    }
}

fn summary_of(
    id: Uuid,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    c: &JournalInput,
) -> JournalSummary {
    JournalSummary {
        id: id.to_string(),
        created_at,
        updated_at,
        first_line: entry::display_title(c, FIRST_LINE_CHARS),
        template: c.template,
        tags: c.tags.clone(),
        damaged: false,
    }
}

/// The first non-blank line, trimmed, at most 120 characters (with `…`).
pub fn first_line(body: &str) -> String {
    entry::first_line_of(body, FIRST_LINE_CHARS)
}

fn parse_id(id: &str) -> Result<Uuid> {
    validate::id("That journal entry's", id)
        .map_err(|_| Error::InvalidInput("That journal entry id is not valid.".into()))
}

/// A stored timestamp; out of range only when the row was edited on disk,
/// which already fails the entry's integrity check.
fn at(ms: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(ms).unwrap_or(DateTime::<Utc>::UNIX_EPOCH)
}

/// An opened row's content, or why it cannot be read.
fn content_of(row: &rows::EntryRow) -> Result<JournalInput> {
    match &row.body {
        Ok(text) => entry::decode(text, rows::WHAT),
        Err(_) => Err(Error::Integrity(rows::WHAT.to_string())),
    }
}

fn entry_of(id: Uuid, created_ms: i64, updated_ms: i64, content: JournalInput) -> JournalEntry {
    JournalEntry {
        id: id.to_string(),
        created_at: at(created_ms),
        updated_at: at(updated_ms),
        body: content.text(),
        content,
    }
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
                let (created, updated) = (at(row.created_ms), at(row.updated_ms));
                match content_of(&row) {
                    Ok(c) => summary_of(row.id, created, updated, &c),
                    Err(_) => JournalSummary {
                        id: row.id.to_string(),
                        created_at: created,
                        updated_at: updated,
                        first_line: String::new(),
                        template: TemplateId::FreeWriting,
                        tags: Vec::new(),
                        damaged: true,
                    },
                }
            })
            .collect();
        Ok(JournalPage { entries, total })
    }

    /// One entry, decrypted. An entry written before templates opens as
    /// free writing.
    pub fn get(&mut self, id: &str) -> Result<JournalEntry> {
        let uuid = parse_id(id)?;
        let u = self.vault.unlocked()?;
        let row = rows::get(u.conn, u.ring, uuid)?.ok_or(Error::NotFound("That journal entry"))?;
        let content = content_of(&row)?;
        Ok(entry_of(row.id, row.created_ms, row.updated_ms, content))
    }

    /// Creates a free-writing entry holding `body`.
    pub fn create(&mut self, body: &str, now: DateTime<Utc>) -> Result<JournalEntry> {
        self.create_entry(&JournalInput::free(body), now)
    }

    /// Replaces an entry with free writing holding `body` (no title, tags or
    /// links).
    pub fn update(&mut self, id: &str, body: &str, now: DateTime<Utc>) -> Result<JournalEntry> {
        self.update_entry(id, &JournalInput::free(body), now)
    }

    /// Creates an entry. Checked whole first (a specific error, and nothing
    /// written); one statement, one transaction, durable on return.
    pub fn create_entry(
        &mut self,
        input: &JournalInput,
        now: DateTime<Utc>,
    ) -> Result<JournalEntry> {
        let content = entry::check(input)?;
        let body = entry::encode(&content)?;
        if body.len() > MAX_ENTRY_BYTES + 64 * 1024 {
            return Err(too_large(body.len()));
        }
        let u = self.vault.unlocked()?;
        let uuid = Uuid::new_v4();
        rows::insert(u.conn, u.ring, uuid, &body, now)?;
        let ms = store::to_millis(now);
        if let Some(index) = u.caches.get_mut::<JournalIndex>() {
            index
                .entries
                .push(IndexedEntry::new(uuid, at(ms), at(ms), &content));
        }
        Ok(entry_of(uuid, ms, ms, content))
    }

    /// Replaces an entry's title, template, sections, tags and links (sealed
    /// again with a fresh nonce). Checked whole first; nothing is written
    /// when it is refused.
    pub fn update_entry(
        &mut self,
        id: &str,
        input: &JournalInput,
        now: DateTime<Utc>,
    ) -> Result<JournalEntry> {
        let uuid = parse_id(id)?;
        let content = entry::check(input)?;
        let body = entry::encode(&content)?;
        if body.len() > MAX_ENTRY_BYTES + 64 * 1024 {
            return Err(too_large(body.len()));
        }
        let u = self.vault.unlocked()?;
        let (created, updated) = rows::update(u.conn, u.ring, uuid, &body, now)?;
        if let Some(index) = u.caches.get_mut::<JournalIndex>() {
            index.entries.retain(|e| e.uuid != uuid);
            index
                .entries
                .push(IndexedEntry::new(uuid, at(created), at(updated), &content));
        }
        Ok(entry_of(uuid, created, updated, content))
    }

    /// Deletes an entry and its flags. With `secure_delete` the freed pages
    /// are zeroed, and a checkpoint wipes the old page images from the
    /// write-ahead log.
    pub fn delete(&mut self, id: &str) -> Result<()> {
        let uuid = parse_id(id)?;
        let u = self.vault.unlocked()?;
        if !rows::delete(u.conn, uuid)? {
            return Err(Error::NotFound("That journal entry"));
        }
        if let Some(index) = u.caches.get_mut::<JournalIndex>() {
            index.entries.retain(|e| e.uuid != uuid);
        }
        store::checkpoint(u.conn)
    }

    /// Every tag used in the journal, once each, sorted case-insensitively
    /// (for autocomplete). Decrypted in memory; damaged entries are skipped.
    pub fn tags(&mut self) -> Result<Vec<String>> {
        let u = self.vault.unlocked()?;
        let mut tags: Vec<String> = rows::all(u.conn, u.ring)?
            .iter()
            .filter_map(|row| content_of(row).ok())
            .flat_map(|c| c.tags)
            .collect();
        tags.sort_by(|a, b| a.to_lowercase().cmp(&b.to_lowercase()).then(a.cmp(b)));
        tags.dedup();
        Ok(tags)
    }

    /// Case-insensitive search over the decrypted title, text and tags, in
    /// memory. The decrypted index is built on the first search and dropped
    /// on lock.
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
                    let c = content_of(&row).ok()?;
                    Some(IndexedEntry::new(
                        row.id,
                        at(row.created_ms),
                        at(row.updated_ms),
                        &c,
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
        hits.sort_by(|a, b| {
            b.summary
                .created_at
                .cmp(&a.summary.created_at)
                .then(b.uuid.cmp(&a.uuid))
        });
        Ok(hits
            .into_iter()
            .take(MAX_SEARCH_RESULTS)
            .map(|e| e.summary.clone())
            .collect())
    }
}

fn too_large(size: usize) -> Error {
    Error::TooLarge {
        what: "The journal entry",
        size,
        limit: MAX_ENTRY_BYTES,
    }
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

#[cfg(test)]
mod tests_share;
