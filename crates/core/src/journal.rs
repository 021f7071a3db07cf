//! The private reflective journal: entries sealed under the journal's data
//! key, listed newest first, searched in memory only.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use zeroize::Zeroizing;

use crate::crypto::{self, Context, SecretKey};
use crate::error::{Error, Result};
use crate::store::{from_millis, to_millis};
use crate::vault::{Session, Vault};

/// Largest entry accepted, in UTF-8 bytes (1 MiB).
pub const MAX_ENTRY_BYTES: usize = 1024 * 1024;
/// Largest page `journal_list` returns.
pub const MAX_PAGE: u32 = 500;
/// Most results a search returns.
pub const MAX_SEARCH_RESULTS: usize = 200;
/// Longest search query, in characters.
pub const MAX_QUERY_CHARS: usize = 200;
const FIRST_LINE_CHARS: usize = 120;
const WHAT: &str = "This journal entry";

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

/// Decrypted text for in-memory search; lives only while unlocked.
pub(crate) struct JournalIndex {
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

fn context(id: &str) -> Context<'_> {
    Context::new("journal_entries", "body", id)
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
    Uuid::parse_str(id.trim())
        .map_err(|_| Error::InvalidInput("That journal entry id is not valid.".into()))
}

fn check_body(body: &str) -> Result<()> {
    if body.len() > MAX_ENTRY_BYTES {
        return Err(Error::TooLarge {
            what: "The journal entry",
            size: body.len(),
            limit: MAX_ENTRY_BYTES,
        });
    }
    if body.trim().is_empty() {
        return Err(Error::Empty("The journal entry"));
    }
    Ok(())
}

fn open_body(key: &SecretKey, id: &str, sealed: &[u8]) -> Result<Zeroizing<String>> {
    crypto::open_string(key, context(id), sealed, WHAT)
}

fn journal_key(session: &Session) -> Result<&SecretKey> {
    session.key(session.journal_key, "The journal's key")
}

/// Opens a sealed entry with whichever data key its header names.
fn open_entry(session: &Session, id: &str, sealed: &[u8]) -> Result<Zeroizing<String>> {
    let key_id = crypto::sealed_key_id(sealed).ok_or_else(|| Error::Integrity(WHAT.into()))?;
    let key = session.key(key_id, WHAT)?;
    open_body(key, id, sealed)
}

impl Vault {
    /// A page of the journal, newest first. Damaged entries are listed with
    /// `damaged: true` rather than hiding the rest of the journal.
    pub fn journal_list(&mut self, offset: u32, limit: u32) -> Result<JournalPage> {
        if limit == 0 || limit > MAX_PAGE {
            return Err(Error::InvalidInput(format!(
                "A page holds between 1 and {MAX_PAGE} entries."
            )));
        }
        let (conn, session) = self.unlocked()?;
        let total: u32 =
            conn.query_row("SELECT count(*) FROM journal_entries", [], |r| r.get(0))?;
        let mut stmt = conn.prepare_cached(
            "SELECT id, created_at, updated_at, body FROM journal_entries
             ORDER BY created_at DESC, id DESC LIMIT ?1 OFFSET ?2",
        )?;
        let rows = stmt
            .query_map(params![limit, offset], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, Vec<u8>>(3)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut entries = Vec::with_capacity(rows.len());
        for (id, created, updated, sealed) in rows {
            let (first, damaged) = match open_entry(session, &id, &sealed) {
                Ok(text) => (first_line(&text), false),
                Err(_) => (String::new(), true),
            };
            entries.push(JournalSummary {
                id,
                created_at: from_millis(created)?,
                updated_at: from_millis(updated)?,
                first_line: first,
                damaged,
            });
        }
        Ok(JournalPage { entries, total })
    }

    /// One entry, decrypted.
    pub fn journal_get(&mut self, id: &str) -> Result<JournalEntry> {
        let uuid = parse_id(id)?;
        let (conn, session) = self.unlocked()?;
        let id = uuid.to_string();
        let row: Option<(i64, i64, Vec<u8>)> = conn
            .query_row(
                "SELECT created_at, updated_at, body FROM journal_entries WHERE id = ?1",
                params![id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let (created, updated, sealed) = row.ok_or(Error::NotFound("That journal entry"))?;
        let body = open_entry(session, &id, &sealed)?;
        Ok(JournalEntry {
            id,
            created_at: from_millis(created)?,
            updated_at: from_millis(updated)?,
            body: body.to_string(),
        })
    }

    /// Creates an entry. One statement, one transaction, durable on return.
    pub fn journal_create(&mut self, body: &str, now: DateTime<Utc>) -> Result<JournalEntry> {
        check_body(body)?;
        let (conn, session) = self.unlocked()?;
        let uuid = Uuid::new_v4();
        let id = uuid.to_string();
        let sealed = crypto::seal(
            journal_key(session)?,
            session.journal_key,
            context(&id),
            body.as_bytes(),
        )?;
        conn.prepare_cached(
            "INSERT INTO journal_entries (id, created_at, updated_at, body) VALUES (?1, ?2, ?2, ?3)",
        )?
        .execute(params![id, to_millis(now), sealed])?;
        if let Some(index) = &mut session.journal_index {
            index.entries.push(IndexedEntry::new(uuid, now, now, body));
        }
        Ok(JournalEntry {
            id,
            created_at: now,
            updated_at: now,
            body: body.to_string(),
        })
    }

    /// Replaces an entry's text (re-sealed with a fresh nonce).
    pub fn journal_update(
        &mut self,
        id: &str,
        body: &str,
        now: DateTime<Utc>,
    ) -> Result<JournalEntry> {
        let uuid = parse_id(id)?;
        check_body(body)?;
        let (conn, session) = self.unlocked()?;
        let id = uuid.to_string();
        let sealed = crypto::seal(
            journal_key(session)?,
            session.journal_key,
            context(&id),
            body.as_bytes(),
        )?;
        let created: Option<i64> = conn
            .query_row(
                "UPDATE journal_entries SET body = ?2, updated_at = max(?3, created_at)
                 WHERE id = ?1 RETURNING created_at",
                params![id, sealed, to_millis(now)],
                |r| r.get(0),
            )
            .optional()?;
        let created_at = from_millis(created.ok_or(Error::NotFound("That journal entry"))?)?;
        let updated_at = now.max(created_at);
        if let Some(index) = &mut session.journal_index {
            index.entries.retain(|e| e.id != uuid);
            index
                .entries
                .push(IndexedEntry::new(uuid, created_at, updated_at, body));
        }
        Ok(JournalEntry {
            id,
            created_at,
            updated_at,
            body: body.to_string(),
        })
    }

    /// Deletes an entry. With `secure_delete` the freed pages are zeroed.
    pub fn journal_delete(&mut self, id: &str) -> Result<()> {
        let uuid = parse_id(id)?;
        let (conn, session) = self.unlocked()?;
        let n = conn.execute(
            "DELETE FROM journal_entries WHERE id = ?1",
            params![uuid.to_string()],
        )?;
        if n == 0 {
            return Err(Error::NotFound("That journal entry"));
        }
        if let Some(index) = &mut session.journal_index {
            index.entries.retain(|e| e.id != uuid);
        }
        Ok(())
    }

    /// Case-insensitive search over the decrypted text, in memory. The
    /// decrypted index is built on the first search and dropped on lock.
    pub fn journal_search(&mut self, query: &str) -> Result<Vec<JournalSummary>> {
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
        let (conn, session) = self.unlocked()?;
        if session.journal_index.is_none() {
            let mut stmt =
                conn.prepare("SELECT id, created_at, updated_at, body FROM journal_entries")?;
            let mut rows = stmt.query([])?;
            let mut entries = Vec::new();
            while let Some(r) = rows.next()? {
                let id: String = r.get(0)?;
                let sealed: Vec<u8> = r.get(3)?;
                // Damaged entries cannot be searched; the list shows them.
                let (Ok(uuid), Ok(text)) =
                    (Uuid::parse_str(&id), open_entry(session, &id, &sealed))
                else {
                    continue;
                };
                entries.push(IndexedEntry::new(
                    uuid,
                    from_millis(r.get(1)?)?,
                    from_millis(r.get(2)?)?,
                    &text,
                ));
            }
            session.journal_index = Some(JournalIndex { entries });
        }
        let index = session
            .journal_index
            .as_ref()
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
