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

/// Tokens either side of a match in a snippet.
const SNIPPET_TOKENS: i32 = 20;

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
    kind: DocKind,
    person_id: Option<String>,
    /// Days from the common era (for the date filter and order).
    day: Option<i64>,
    /// Lower-cased, for the tag filter.
    tags: Vec<String>,
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
                let mut insert =
                    tx.prepare("INSERT INTO docs(rowid, title, body) VALUES (?1, ?2, ?3)")?;
                for (n, doc) in docs.into_iter().enumerate() {
                    insert.execute(params![
                        i64::try_from(n).unwrap_or(i64::MAX),
                        clean(&doc.title),
                        clean(&doc.body),
                    ])?;
                    meta.push(Meta {
                        id: doc.id,
                        kind: doc.kind,
                        person_id: doc.person_id,
                        day: doc.date.map(day),
                        tags: doc.tags.iter().map(|t| t.to_lowercase()).collect(),
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
    ///
    /// FTS5 gives the matching rows and their BM25 scores without touching
    /// the stored text; the filters, counts and order use the metadata kept
    /// in Rust, and only the shown rows have their title and snippet made.
    pub(super) fn answer(&self, q: &SearchQuery) -> Result<(u32, Vec<Group>)> {
        let Some(expr) = expr::translate(&q.text)? else {
            return Ok((0, Vec::new()));
        };
        let tag = q.tag.as_ref().map(|t| t.to_lowercase());
        let (from, to) = (q.from.map(day), q.to.map(day));
        let wanted = |m: &Meta| {
            (q.kinds.is_empty() || q.kinds.contains(&m.kind))
                && q.person_id
                    .as_ref()
                    .is_none_or(|p| m.person_id.as_ref() == Some(p))
                && from.is_none_or(|f| m.day.is_some_and(|d| d >= f))
                && to.is_none_or(|t| m.day.is_some_and(|d| d <= t))
                && tag.as_ref().is_none_or(|t| m.tags.iter().any(|x| x == t))
        };
        let mut matched: Vec<(usize, f64)> = Vec::new();
        {
            let sql = match q.sort {
                SearchSort::Best => {
                    "SELECT rowid, bm25(docs, 4.0, 1.0) FROM docs WHERE docs MATCH ?1"
                }
                SearchSort::Newest => "SELECT rowid, 0.0 FROM docs WHERE docs MATCH ?1",
            };
            let mut stmt = self.conn.prepare_cached(sql)?;
            let mut rows = stmt.query([&expr])?;
            while let Some(r) = rows.next()? {
                let rowid: i64 = r.get(0)?;
                let Some(i) = usize::try_from(rowid).ok().filter(|i| *i < self.meta.len()) else {
                    continue;
                };
                if wanted(&self.meta[i]) {
                    matched.push((i, r.get(1)?));
                }
            }
        }
        let mut counts: Vec<(DocKind, u32)> = Vec::new();
        for (i, _) in &matched {
            let k = self.meta[*i].kind;
            match counts.iter_mut().find(|(c, _)| *c == k) {
                Some((_, n)) => *n += 1,
                None => counts.push((k, 1)),
            }
        }
        let total = u32::try_from(matched.len()).unwrap_or(u32::MAX);
        let limit = q.limit as usize;
        let order = |a: &(usize, f64), b: &(usize, f64)| match q.sort {
            // bm25() is lower for better matches.
            SearchSort::Best => a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)),
            SearchSort::Newest => {
                let (da, db) = (self.meta[a.0].day, self.meta[b.0].day);
                // Newest first; undated last.
                db.cmp(&da).then_with(|| b.0.cmp(&a.0))
            }
        };
        if matched.len() > limit && limit > 0 {
            matched.select_nth_unstable_by(limit - 1, order);
            matched.truncate(limit);
        }
        matched.sort_by(order);
        let top: Vec<i64> = matched.iter().map(|(i, _)| *i as i64).collect();
        let mut groups: Vec<Group> = Vec::new();
        let mut shown = self.conn.prepare_cached(&format!(
            "SELECT highlight(docs, 0, '{OPEN}', '{CLOSE}'),
                    snippet(docs, 1, '{OPEN}', '{CLOSE}', '…', {SNIPPET_TOKENS})
             FROM docs WHERE docs MATCH ?1 AND rowid = ?2"
        ))?;
        for rowid in top {
            let (title, snippet): (String, String) =
                shown.query_row(params![expr, rowid], |r| Ok((r.get(0)?, r.get(1)?)))?;
            let meta = usize::try_from(rowid)
                .ok()
                .and_then(|i| self.meta.get(i))
                .ok_or_else(|| Error::Internal("search index row without its document".into()))?;
            let kind = meta.kind;
            let hit = Hit {
                key: u32::try_from(rowid).unwrap_or(u32::MAX),
                kind,
                id: meta.id.clone(),
                person_id: meta.person_id.clone(),
                title: expr::parts(&title),
                snippet: expr::parts(&snippet),
                date: meta.day.and_then(from_day),
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
