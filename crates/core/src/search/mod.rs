//! One search over everything in the vault, held in memory only.
//!
//! After unlock the documents every domain hands over
//! ([`crate::search_doc::SearchDoc`]: journal entries, session records,
//! case consultations, agreements, goals, people, contact notes, shared
//! items) are decrypted and indexed in an **in-memory** SQLite FTS5 table
//! (`unicode61 remove_diacritics 2`, prefix indexes of 2 and 3 characters)
//! on a connection of its own (`open_in_memory`, `temp_store=MEMORY`): no
//! token of it is ever written to disk. It lives in the vault's
//! [`Caches`](crate::vault::Caches), so locking drops it (and frees its
//! memory) with the keys.
//!
//! ## Lifecycle
//!
//! Building takes seconds for tens of thousands of documents, so it is in
//! three steps the app runs around its vault mutex:
//! [`Search::start_build`] decrypts the documents (under the mutex, fast)
//! and hands back a [`BuildJob`]; [`BuildJob::run`] indexes them on any
//! thread (reporting progress that [`Search::status`] reads); and
//! [`Search::finish_build`] installs the result if the vault is still in the
//! same unlocked session. [`Search::answer`] answers at once from whatever
//! index exists, saying when it is being updated; [`Search::query`] (tests,
//! the benchmark) builds synchronously first.
//!
//! **Freshness:** the index remembers the vault's
//! [`generation`](crate::vault::Vault::generation) it was built at; any
//! write since makes it stale, and the next search starts a rebuild while
//! answering from the old index (`updating: true`).
//!
//! ## Queries
//!
//! What a person types is translated to a safe FTS5 expression
//! ([`translate`]): words, quoted phrases, and the last word as a prefix;
//! nothing typed is FTS5 syntax, so no query raises an FTS5 error. Matching
//! ignores case in every script with case, and the diacritics of Latin
//! letters ("cafe" finds "café", "Zoe" finds "Zoë"); letters of their own
//! such as "Ł" or "ø", and Greek accents, are matched as typed. **CJK:** unicode61 has no word breaker for
//! Chinese or Japanese; a run of such characters is one token, so "王秀英"
//! is found as typed (and "王秀" finds it as a prefix) but a word inside a
//! longer run without spaces or punctuation is not.

mod expr;
mod gather;
mod index;

use std::sync::Arc;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use expr::{parts, translate, TextPart};
pub use gather::gather;
pub use index::{Index, IndexWatch, Progress};

use crate::error::{Error, Result};
use crate::search_doc::{DocKind, SearchDoc};
use crate::validate::{self, SHORT_CHARS};
use crate::vault::Vault;

/// Results shown when the query does not say.
pub const DEFAULT_LIMIT: u32 = 50;
/// Most results one query shows.
pub const MAX_LIMIT: u32 = 200;

/// How results are ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum SearchSort {
    /// Best match first (BM25, a title match counting four times a body one).
    #[default]
    Best,
    /// Newest date first.
    Newest,
}

/// A search: the typed text and the filters.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SearchQuery {
    /// What the person typed.
    pub text: String,
    /// Only these kinds (empty: every kind).
    pub kinds: Vec<DocKind>,
    /// Only what belongs to this person.
    pub person_id: Option<String>,
    /// Only things dated on or after this day.
    pub from: Option<NaiveDate>,
    /// Only things dated on or before this day.
    pub to: Option<NaiveDate>,
    /// Only things with this tag (case ignored).
    pub tag: Option<String>,
    /// Best match or newest first.
    pub sort: SearchSort,
    /// Most hits to show (1 to [`MAX_LIMIT`]; 0 means [`DEFAULT_LIMIT`]).
    pub limit: u32,
}

/// One thing that matched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Hit {
    /// Unique within one set of results (for lists in the UI).
    pub key: u32,
    /// What it is.
    pub kind: DocKind,
    /// The id it is opened by.
    pub id: String,
    /// The person it belongs to, if any.
    pub person_id: Option<String>,
    /// Its title, with the matching words marked.
    pub title: Vec<TextPart>,
    /// A passage around the match, with the matching words marked.
    pub snippet: Vec<TextPart>,
    /// Its date.
    pub date: Option<NaiveDate>,
}

/// The hits of one kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Group {
    /// The kind.
    pub kind: DocKind,
    /// How many of this kind matched (shown or not).
    pub total: u32,
    /// The shown ones, in the chosen order.
    pub hits: Vec<Hit>,
}

/// Where the index stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum IndexState {
    /// The first index of this session is being built; nothing to answer from.
    Building,
    /// Ready (perhaps being updated in the background: see `updating`).
    Ready,
    /// The vault is locked: there is no index.
    Locked,
}

/// The index's progress, for "Preparing search… 1,200 of 4,800".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SearchStatus {
    /// Building, ready or locked.
    pub state: IndexState,
    /// True while a newer index is being built to take in recent changes.
    pub updating: bool,
    /// Documents indexed so far by the build under way.
    pub done: u32,
    /// Documents the build under way indexes.
    pub total: u32,
}

/// The answer to a search.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SearchResults {
    /// Everything that matched the text and filters.
    pub total_matched: u32,
    /// How many hits are shown (at most the limit).
    pub shown: u32,
    /// The shown hits by kind, the kind of the first hit first.
    pub groups: Vec<Group>,
    /// Building (no answer yet), or ready.
    pub state: IndexState,
    /// True when answered from an index older than the latest change.
    pub updating: bool,
}

impl SearchResults {
    fn empty(state: IndexState, updating: bool) -> SearchResults {
        SearchResults {
            total_matched: 0,
            shown: 0,
            groups: Vec::new(),
            state,
            updating,
        }
    }
}

/// The search state of one unlocked session (kept in the vault's caches).
#[derive(Default)]
struct Session {
    index: Option<Index>,
    /// The generation `index` reflects.
    built_at: (u64, u64),
    /// The build under way, with the generation it will reflect.
    building: Option<((u64, u64), Arc<Progress>)>,
}

/// Decrypted documents waiting to be indexed (off the vault's lock).
pub struct BuildJob {
    docs: Vec<SearchDoc>,
    generation: (u64, u64),
    progress: Arc<Progress>,
}

impl std::fmt::Debug for BuildJob {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BuildJob")
            .field("docs", &self.docs.len())
            .finish_non_exhaustive()
    }
}

/// An index built by a [`BuildJob`], to install with
/// [`Search::finish_build`].
#[derive(Debug)]
pub struct Built {
    index: Result<Index>,
    generation: (u64, u64),
}

impl BuildJob {
    /// Documents to index.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// Whether there is nothing to index.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Indexes the documents (seconds for tens of thousands; any thread).
    pub fn run(self) -> Built {
        Built {
            index: Index::build(self.docs, &self.progress),
            generation: self.generation,
        }
    }
}

/// Checks a query and fills in the default limit.
fn checked(q: &SearchQuery) -> Result<SearchQuery> {
    let mut q = q.clone();
    expr::translate(&q.text)?;
    if q.limit == 0 {
        q.limit = DEFAULT_LIMIT;
    }
    if q.limit > MAX_LIMIT {
        return Err(Error::InvalidInput(format!(
            "Show at most {MAX_LIMIT} results at a time."
        )));
    }
    if let (Some(from), Some(to)) = (q.from, q.to) {
        if from > to {
            return Err(Error::InvalidInput(
                "The \"from\" date is after the \"to\" date.".into(),
            ));
        }
    }
    if let Some(p) = &q.person_id {
        q.person_id = Some(validate::id_string("The chosen person's", p)?);
    }
    q.tag = match q.tag.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(t) => Some(validate::single_line("The tag", t, SHORT_CHARS)?),
    };
    Ok(q)
}

/// The search of an unlocked vault.
pub struct Search<'a> {
    vault: &'a mut Vault,
}

impl<'a> Search<'a> {
    /// The search of `vault`.
    pub fn of(vault: &'a mut Vault) -> Self {
        Search { vault }
    }

    fn session(&mut self) -> Result<(&mut Session, (u64, u64))> {
        let generation = self.vault.generation();
        let u = self.vault.unlocked()?;
        let session = match u.caches.get_mut::<Session>() {
            Some(_) => u.caches.get_mut::<Session>(),
            None => Some(u.caches.insert(Session::default())),
        };
        session
            .map(|s| (s, generation))
            .ok_or_else(|| Error::Internal("search state missing".into()))
    }

    /// Where the index stands; `Locked` when the vault is.
    pub fn status(&mut self) -> SearchStatus {
        let Ok((s, generation)) = self.session() else {
            return SearchStatus {
                state: IndexState::Locked,
                updating: false,
                done: 0,
                total: 0,
            };
        };
        let (done, total) = s
            .building
            .as_ref()
            .map_or((0, 0), |(_, p)| (p.done(), p.total()));
        SearchStatus {
            state: if s.index.is_some() {
                IndexState::Ready
            } else {
                IndexState::Building
            },
            updating: s.index.is_some() && (s.building.is_some() || s.built_at != generation),
            done,
            total,
        }
    }

    /// Decrypts every document for a new index when there is none, or the
    /// one there is is stale, and no build is under way; `None` otherwise.
    /// Fast (decryption only): run [`BuildJob::run`] off the vault's lock.
    pub fn start_build(&mut self) -> Result<Option<BuildJob>> {
        let (s, generation) = self.session()?;
        let fresh = s.index.is_some() && s.built_at == generation;
        let under_way = s.building.as_ref().is_some_and(|(g, _)| *g == generation);
        if fresh || under_way {
            return Ok(None);
        }
        let progress = Arc::new(Progress::default());
        s.building = Some((generation, Arc::clone(&progress)));
        let u = self.vault.unlocked()?;
        let docs = match gather(u.conn, u.ring) {
            Ok(d) => d,
            Err(e) => {
                if let Some(s) = u.caches.get_mut::<Session>() {
                    s.building = None;
                }
                return Err(e);
            }
        };
        Ok(Some(BuildJob {
            docs,
            generation,
            progress,
        }))
    }

    /// Installs a finished build, unless the vault was locked (or locked
    /// and unlocked again) meanwhile, in which case it is dropped. A failed
    /// build is reported and the old index (if any) kept.
    pub fn finish_build(&mut self, built: Built) -> Result<()> {
        let current = self.vault.generation();
        let Ok((s, _)) = self.session() else {
            return Ok(()); // locked: the built index is dropped here
        };
        if built.generation.0 != current.0 {
            return Ok(()); // another session's: dropped
        }
        if s.building
            .as_ref()
            .is_some_and(|(g, _)| *g == built.generation)
        {
            s.building = None;
        }
        let index = built.index?;
        if s.index.is_none() || built.generation.1 >= s.built_at.1 {
            s.index = Some(index);
            s.built_at = built.generation;
        }
        Ok(())
    }

    /// Forgets a build that could not be run (no thread could be started),
    /// so the next [`Search::start_build`] starts another.
    pub fn finish_build_failed(&mut self) -> Result<()> {
        let (s, _) = self.session()?;
        s.building = None;
        Ok(())
    }

    /// Answers at once from the index there is (never builds): `Building`
    /// with no hits before the first index of the session is ready, and
    /// `updating: true` when changes since are still being indexed.
    pub fn answer(&mut self, query: &SearchQuery) -> Result<SearchResults> {
        let q = checked(query)?;
        let (s, generation) = self.session()?;
        let Some(index) = &s.index else {
            return Ok(SearchResults::empty(IndexState::Building, false));
        };
        let updating = s.built_at != generation;
        let (total, groups) = index.answer(&q)?;
        let shown = groups.iter().map(|g| g.hits.len() as u32).sum();
        Ok(SearchResults {
            total_matched: total,
            shown,
            groups,
            state: IndexState::Ready,
            updating,
        })
    }

    /// Brings the index up to date (building it here, synchronously, when
    /// missing or stale) and answers.
    pub fn query(&mut self, query: &SearchQuery) -> Result<SearchResults> {
        checked(query)?;
        self.refresh()?;
        self.answer(query)
    }

    /// Builds synchronously when the index is missing or stale.
    pub fn refresh(&mut self) -> Result<()> {
        if let Some(job) = self.start_build()? {
            self.finish_build(job.run())?;
        }
        Ok(())
    }

    /// A handle telling whether the current index still exists (tests).
    pub fn watch(&mut self) -> Result<Option<IndexWatch>> {
        let (s, _) = self.session()?;
        Ok(s.index.as_ref().map(Index::watch))
    }
}
