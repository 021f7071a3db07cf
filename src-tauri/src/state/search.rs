//! The search index around the vault lock: built on a background thread
//! when Search first asks for it after unlock (and after changes, when
//! searched), its progress, and the search itself. Not at unlock: the index
//! holds about three times the text in memory, which a session that never
//! searches should not pay for. A child of `state` so it can reach the
//! shared vault.

use confidant_core::search::{Search, SearchQuery, SearchResults, SearchStatus};
use confidant_core::AppError;
use std::sync::Arc;

use super::{lock_shared, AppState};

impl AppState {
    /// Starts building the search index on a background thread when it is
    /// missing or stale and no build is under way (when Search asks for its
    /// status or searches). The documents are decrypted under the
    /// vault lock (fast); the index is built outside it, so commands go on;
    /// a build that finishes after a lock is dropped by the core.
    pub fn refresh_search(&self) {
        let job = match Search::of(&mut self.guard().vault).start_build() {
            Ok(Some(job)) => job,
            Ok(None) | Err(_) => return, // fresh, under way, or locked
        };
        let shared = Arc::clone(&self.shared);
        let spawned = std::thread::Builder::new()
            .name("search-index".into())
            .spawn(move || {
                let built = job.run();
                let _ = Search::of(&mut lock_shared(&shared).vault).finish_build(built);
            });
        if spawned.is_err() {
            // No thread: the next search tries again (status stays building).
            let _ = Search::of(&mut self.guard().vault).finish_build_failed();
        }
    }

    /// The search index's progress (not user activity: the UI polls it).
    pub fn search_status(&self) -> SearchStatus {
        Search::of(&mut self.guard().vault).status()
    }

    /// Answers a search from the index there is, and starts a rebuild when
    /// it is missing or stale.
    pub fn search(&self, query: &SearchQuery) -> Result<SearchResults, AppError> {
        let result = self.with(|v| Search::of(v).answer(query));
        self.refresh_search();
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::tests::{person, unlocked};
    use chrono::Utc;
    use confidant_core::ErrorCode;
    use std::time::Duration;

    /// Waits (bounded by a count of short sleeps, not a timing assertion)
    /// until the background build is installed.
    fn wait_ready(state: &AppState) -> SearchStatus {
        for _ in 0..2000 {
            let status = state.search_status();
            if status.state == confidant_core::search::IndexState::Ready && !status.updating {
                return status;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        state.search_status()
    }

    #[test]
    fn the_search_index_is_built_in_the_background_and_follows_writes() {
        let (_dir, state) = unlocked();
        person(&state);
        let q = SearchQuery {
            text: "Okafor".into(),
            ..SearchQuery::default()
        };
        state.refresh_search();
        let status = wait_ready(&state);
        assert_eq!(status.state, confidant_core::search::IndexState::Ready);
        let found = state.search(&q).expect("search");
        assert_eq!(found.total_matched, 1);
        // A write: the next search answers from the old index, flagged, and
        // starts a rebuild that then finds the new words.
        state
            .with(|v| confidant_core::journal::Journal::of(v).create("Okafor again", Utc::now()))
            .expect("entry");
        let meanwhile = state.search(&q).expect("search");
        assert!(meanwhile.updating);
        wait_ready(&state);
        assert_eq!(state.search(&q).expect("search").total_matched, 2);
        // Lock: gone, and searching says locked.
        state.lock_for_exit();
        assert_eq!(
            state.search_status().state,
            confidant_core::search::IndexState::Locked
        );
        let err = state.search(&q).expect_err("locked");
        assert_eq!(err.code, ErrorCode::Locked);
    }
}
