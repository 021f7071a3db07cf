//! What the journal hands to the search index and to packets.

use zeroize::Zeroizing;

use super::flags::open_flags;
use super::{at, content_of, entry, parse_id, FIRST_LINE_CHARS};
use crate::error::{Error, Result};
use crate::keys::KeyRing;
use crate::packets::items::{ItemBody, SnapshotSection};
use crate::packets::view::{SendCandidate, SendSource};
use crate::search_doc::{DocKind, SearchDoc};
use crate::store::journal as rows;

/// Every readable entry as a search document (kind [`DocKind::Journal`]):
/// its title, all its sections' text and its tags. Damaged entries are
/// left out (the list shows them).
pub(crate) fn search_docs(conn: &rusqlite::Connection, ring: &KeyRing) -> Result<Vec<SearchDoc>> {
    Ok(rows::all(conn, ring)?
        .into_iter()
        .filter_map(|row| {
            let c = content_of(&row).ok()?;
            let mut body = Zeroizing::new(String::new());
            if !c.title.is_empty() {
                body.push_str(&c.title);
                body.push_str("\n\n");
            }
            body.push_str(&c.text());
            Some(SearchDoc {
                kind: DocKind::Journal,
                id: row.id.to_string(),
                person_id: None,
                title: Zeroizing::new(entry::display_title(&c, FIRST_LINE_CHARS)),
                body,
                tags: c.tags.clone(),
                date: Some(at(row.created_ms).date_naive()),
            })
        })
        .collect())
}

/// What of the journal can be sent to a person in a packet: every entry that
/// opens, as a whole (newest first), then the open flags: each as an agenda
/// item, and those with an extract as an extract too. `last_sent` is left
/// for `packets` to fill.
pub(crate) fn packet_candidates(
    conn: &rusqlite::Connection,
    ring: &KeyRing,
) -> Result<Vec<SendCandidate>> {
    let mut rows = rows::all(conn, ring)?;
    rows.sort_by_key(|r| std::cmp::Reverse(r.created_ms));
    let mut out: Vec<SendCandidate> = rows
        .into_iter()
        .filter_map(|row| {
            let c = content_of(&row).ok()?;
            Some(SendCandidate {
                source: SendSource::JournalEntry {
                    entry_id: row.id.to_string(),
                },
                kind_label: "Journal entry".into(),
                title: entry::display_title(&c, FIRST_LINE_CHARS),
                date: Some(at(row.created_ms).date_naive()),
                last_sent: None,
            })
        })
        .collect();
    for f in open_flags(conn, ring, None)? {
        if let Some(text) = &f.extract {
            out.push(SendCandidate {
                source: SendSource::Extract {
                    flag_id: f.id.clone(),
                },
                kind_label: "Extract".into(),
                title: format!("{} — “{}”", f.title, super::first_line(text)),
                date: Some(f.written_on),
                last_sent: None,
            });
        }
        out.push(SendCandidate {
            source: SendSource::AgendaItem { flag_id: f.id },
            kind_label: "Agenda item".into(),
            title: f.title,
            date: Some(f.created_at.date_naive()),
            last_sent: None,
        });
    }
    Ok(out)
}

/// The read-only snapshot of a journal source for a packet: its title and
/// item. `None` when the source is not the journal's.
pub(crate) fn packet_item(
    conn: &rusqlite::Connection,
    ring: &KeyRing,
    source: &SendSource,
) -> Result<Option<(String, ItemBody)>> {
    match source {
        SendSource::JournalEntry { entry_id } => {
            let id = parse_id(entry_id)?;
            let row = rows::get(conn, ring, id)?.ok_or(Error::NotFound("That journal entry"))?;
            let c = content_of(&row)?;
            let title = entry::display_title(&c, FIRST_LINE_CHARS);
            let sections = c
                .headed_sections()
                .into_iter()
                .map(|(heading, text)| SnapshotSection { heading, text })
                .collect();
            Ok(Some((
                title,
                ItemBody::JournalEntry {
                    title: c.title.clone(),
                    template: c.template.name().to_string(),
                    sections,
                    tags: c.tags.clone(),
                    written_on: at(row.created_ms).date_naive(),
                },
            )))
        }
        SendSource::Extract { flag_id } | SendSource::AgendaItem { flag_id } => {
            let flag = open_flags(conn, ring, None)?
                .into_iter()
                .find(|f| &f.id == flag_id)
                .ok_or(Error::NotFound("That flag for supervision"))?;
            if let SendSource::Extract { .. } = source {
                let text = flag.extract.ok_or_else(|| {
                    Error::InvalidInput(
                        "That flag brings a whole entry, not an extract: send the entry instead."
                            .into(),
                    )
                })?;
                Ok(Some((
                    flag.title.clone(),
                    ItemBody::Extract {
                        entry_title: flag.title,
                        text,
                        written_on: flag.written_on,
                    },
                )))
            } else {
                let text = match flag.extract {
                    Some(extract) => format!("{}: {}", flag.title, extract),
                    None => flag.title.clone(),
                };
                Ok(Some((flag.title, ItemBody::AgendaItem { text })))
            }
        }
        _ => Ok(None),
    }
}
