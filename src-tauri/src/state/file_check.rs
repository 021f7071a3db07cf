//! The whole-file check of the vault (`confidant_core::file_check`), run
//! once per unlocked session on a thread of its own, started by the
//! watcher's first tick after an unlock (within 5 s), so a large vault's
//! check never holds up the screen nor competes with the first one; the UI
//! asks for the result.

use std::sync::Arc;

use chrono::Utc;
use confidant_core::file_check::{self, FileCheck, FileCheckState};
use confidant_core::vault::VaultState;

use super::{lock_shared, AppState};

impl AppState {
    /// Starts the check when the vault is unlocked, unless this session's has
    /// run or is running (the result is kept across lock: the file is the
    /// same). The watcher calls it on every tick.
    pub fn check_file(&self) {
        let db = {
            let mut shared = self.guard();
            if shared.vault.state() != VaultState::Unlocked
                || !matches!(shared.file_check.state, FileCheckState::NotRun)
            {
                return;
            }
            shared.file_check.state = FileCheckState::Running;
            shared.vault.db_path()
        };
        let shared = Arc::clone(&self.shared);
        let spawned = std::thread::Builder::new()
            .name("file-check".into())
            .spawn(move || {
                let outcome = file_check::check_file(&db);
                lock_shared(&shared).file_check = FileCheck::from_outcome(outcome, Utc::now());
            });
        if spawned.is_err() {
            self.guard().file_check = FileCheck::not_run();
        }
    }

    /// Checks again (another file was put in place by a restore).
    pub fn recheck_file(&self) {
        self.guard().file_check = FileCheck::not_run();
        self.check_file();
    }

    /// The latest check (not user activity: the UI polls it).
    pub fn file_check(&self) -> FileCheck {
        self.guard().file_check.clone()
    }
}
