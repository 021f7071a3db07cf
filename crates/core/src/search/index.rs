//! The in-memory FTS5 index: its own SQLite connection opened with
//! `open_in_memory` and `temp_store=MEMORY`, so no page, journal or temp
//! file of it ever reaches disk. Never the vault's connection.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;

use chrono::NaiveDate;
use rusqlite::{params, Connection};

use super::expr::{self, clean, CLOSE, OPEN};
use super::{Group, Hit, SearchQuery, SearchSort};
use crate::error::{Error, Result};
use crate::search_doc::{DocKind, SearchDoc};

/// Every kind, in the order groups are listed when nothing else decides.
pub(super) const KINDS: [DocKind; 8] = [
    DocKind::Journal,
    DocKind::Record,
    DocKind::Consultation,
    DocKind::Agreement,
    DocKind::Goal,
    DocKind::Person,
    DocKind::Contact,
    DocKind::Shared,
];

/// Tokens either side of a match in a snippet.
const SNIPPET_TOKENS: i32 = 20;
/// Separates tags in the tag column (never typed: control character).
const TAG_SEP: char = '\u{1F}';

fn bit(kind: DocKind) -> i64 {
    1 << KINDS.iter().position(|k| *k == kind).unwrap_or(0)
}

fn kind_of_bit(b: i64) -> Option<DocKind> {
    KINDS.iter().copied().find(|k| bit(*k) == b)
}

fn day(d: NaiveDate) -> i64 {
    i64::from(chrono::Datelike::num_days_from_ce(&d))
}

fn from_day(n: i64) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(i32::try_from(n).ok()?)
}

/// How far a build has come: documents indexed out of all of them.
#[derive(Debug, Default)]
pub struct Progress {
    done: AtomicU32,
    total: AtomicU32,
}

impl Progress {
    /// Documents indexed so far.
    pub fn done(&self) -> u32 {
        self.done.load(Ordering::Relaxed)
    }
    /// Documents to index.
    pub fn total(&self) -> u32 {
        self.total.load(Ordering::Relaxed)
    }
}

/// The document an index row stands for (the ids are not searchable).
struct Meta {
    id: String,
    person_id: Option<String>,
}

/// A full-text index over decrypted documents, held in memory only.
pub struct Index {
    conn: Connection,
    meta: Vec<Meta>,
    /// Dropped with the index: lets a test see that the index is gone.
    alive: Arc<()>,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index")
            .field("docs", &self.meta.len())
            .finish_non_exhaustive()
    }
}

/// Whether an index still exists (for tests of the lock).
#[derive(Debug, Clone)]
pub struct IndexWatch(std::sync::Weak<()>);

impl IndexWatch {
    /// True while the index it watches has not been dropped.
    pub fn alive(&self) -> bool {
        self.0.strong_count() > 0
    }
}

fn opened() -> Result<Connection> {
    let conn = Connection::open_in_memory()?;
    conn.execute_batch(
        "PRAGMA temp_store = MEMORY;
         CREATE VIRTUAL TABLE docs USING fts5(
             title, body,
             kind UNINDEXED, person UNINDEXED, day UNINDEXED, tags UNINDEXED,
             tokenize = 'unicode61 remove_diacritics 2',
             prefix = '2 3'
         );",
    )?;
    Ok(conn)
}

impl Index {
    /// Indexes `docs`, counting them into `progress` as it goes.
    pub fn build(docs: Vec<SearchDoc>, progress: &Progress) -> Result<Index> {
        let total = u32::try_from(docs.len()).unwrap_or(u32::MAX);
        progress.total.store(total, Ordering::Relaxed);
        progress.done.store(0, Ordering::Relaxed);
        let mut conn = opened()?;
        let mut meta = Vec::with_capacity(docs.len());
        {
            let tx = conn.transaction()?;
            {
                let mut insert = tx.prepare(
                    "INSERT INTO docs(rowid, title, body, kind, person, day, tags)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                )?;
                for (n, doc) in docs.into_iter().enumerate() {
                    let tags = if doc.tags.is_empty() {
                        None
                    } else {
                        let mut t = String::from(TAG_SEP);
                        for tag in &doc.tags {
                            t.push_str(&tag.to_lowercase().replace(TAG_SEP, " "));
                            t.push(TAG_SEP);
                        }
                        Some(t)
                    };
                    insert.execute(params![
                        i64::try_from(n).unwrap_or(i64::MAX),
                        clean(&doc.title),
                        clean(&doc.body),
                        bit(doc.kind),
                        doc.person_id,
                        doc.date.map(day),
                        tags,
                    ])?;
                    meta.push(Meta {
                        id: doc.id,
                        person_id: doc.person_id,
                    });
                    if n % 64 == 63 {
                        progress.done.store((n + 1) as u32, Ordering::Relaxed);
                    }
                }
            }
            tx.commit()?;
        }
        // One segment answers faster than many small ones.
        conn.execute("INSERT INTO docs(docs) VALUES ('optimize')", [])?;
        progress.done.store(total, Ordering::Relaxed);
        Ok(Index {
            conn,
            meta,
            alive: Arc::new(()),
        })
    }

    /// Documents indexed.
    pub fn len(&self) -> usize {
        self.meta.len()
    }

    /// Whether the index holds no document.
    pub fn is_empty(&self) -> bool {
        self.meta.is_empty()
    }

    /// A handle that tells whether this index still exists.
    pub fn watch(&self) -> IndexWatch {
        IndexWatch(Arc::downgrade(&self.alive))
    }

    /// Checks `q` and answers it from this index alone (the benchmark's
    /// entry; the app goes through [`super::Search`]).
    pub fn search(&self, q: &SearchQuery) -> Result<super::SearchResults> {
        let q = super::checked(q)?;
        let (total, groups) = self.answer(&q)?;
        Ok(super::SearchResults {
            total_matched: total,
            shown: groups.iter().map(|g| g.hits.len() as u32).sum(),
            groups,
            state: super::IndexState::Ready,
            updating: false,
        })
    }

    /// Matches of `q` (already validated): the count per kind and the top
    /// `limit` hits with highlighted titles and snippets, grouped by kind.
    pub(super) fn answer(&self, q: &SearchQuery) -> Result<(u32, Vec<Group>)> {
        let Some(expr) = expr::translate(&q.text)? else {
            return Ok((0, Vec::new()));
        };
        let mask: i64 = if q.kinds.is_empty() {
            -1
        } else {
            q.kinds.iter().map(|k| bit(*k)).fold(0, |a, b| a | b)
        };
        let tag = q
            .tag
            .as_ref()
            .map(|t| format!("{TAG_SEP}{}{TAG_SEP}", t.to_lowercase()));
        let filter = "docs MATCH ?1 AND (kind & ?2) != 0
             AND (?3 IS NULL OR person = ?3)
             AND (?4 IS NULL OR day >= ?4) AND (?5 IS NULL OR day <= ?5)
             AND (?6 IS NULL OR instr(tags, ?6) > 0)";
        let args = params![expr, mask, q.person_id, q.from.map(day), q.to.map(day), tag];
        let mut counts: Vec<(DocKind, u32)> = Vec::new();
        {
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT kind, count(*) FROM docs WHERE {filter} GROUP BY kind"
            ))?;
            let mut rows = stmt.query(args)?;
            while let Some(r) = rows.next()? {
                if let Some(k) = kind_of_bit(r.get(0)?) {
                    counts.push((k, r.get(1)?));
                }
            }
        }
        let total: u32 = counts.iter().map(|(_, n)| n).sum();
        let order = match q.sort {
            SearchSort::Best => "bm25(docs, 4.0, 1.0), rowid",
            SearchSort::Newest => "day DESC NULLS LAST, rowid DESC",
        };
        let top: Vec<i64> = {
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT rowid FROM docs WHERE {filter} ORDER BY {order} LIMIT {}",
                q.limit
            ))?;
            let rows = stmt.query_map(args, |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let mut groups: Vec<Group> = Vec::new();
        let mut shown = self.conn.prepare_cached(&format!(
            "SELECT highlight(docs, 0, '{OPEN}', '{CLOSE}'),
                    snippet(docs, 1, '{OPEN}', '{CLOSE}', '…', {SNIPPET_TOKENS}),
                    kind, day
             FROM docs WHERE docs MATCH ?1 AND rowid = ?2"
        ))?;
        for rowid in top {
            let (title, snippet, kind, d): (String, String, i64, Option<i64>) = shown
                .query_row(params![expr, rowid], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
                })?;
            let meta = usize::try_from(rowid)
                .ok()
                .and_then(|i| self.meta.get(i))
                .ok_or_else(|| Error::Internal("search index row without its document".into()))?;
            let kind = kind_of_bit(kind)
                .ok_or_else(|| Error::Internal("search index row of no kind".into()))?;
            let hit = Hit {
                key: u32::try_from(rowid).unwrap_or(u32::MAX),
                kind,
                id: meta.id.clone(),
                person_id: meta.person_id.clone(),
                title: expr::parts(&title),
                snippet: expr::parts(&snippet),
                date: d.and_then(from_day),
            };
            match groups.iter_mut().find(|g| g.kind == kind) {
                Some(g) => g.hits.push(hit),
                None => groups.push(Group {
                    kind,
                    total: counts
                        .iter()
                        .find(|(k, _)| *k == kind)
                        .map_or(0, |(_, n)| *n),
                    hits: vec![hit],
                }),
            }
        }
        // Kinds that matched but have no hit among the shown ones still say
        // how many matched.
        for (kind, n) in counts {
            if !groups.iter().any(|g| g.kind == kind) {
                groups.push(Group {
                    kind,
                    total: n,
                    hits: Vec::new(),
                });
            }
        }
        Ok((total, groups))
    }
}
