//! The one vault handle the commands share, and the auto-lock watcher.

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use chrono::Utc;
use confidant_core::vault::Vault;
use confidant_core::{AppError, Error};
use tauri::{AppHandle, Emitter};

/// How often the auto-lock watcher looks at the idle time.
const IDLE_CHECK: Duration = Duration::from_secs(5);

/// Event sent to the UI when auto-lock fires (payload: `AppStatus`).
pub const LOCKED_EVENT: &str = "vault-locked";

/// Shared app state: one vault behind a mutex (one user, one connection).
pub struct AppState {
    vault: Arc<Mutex<Vault>>,
}

impl AppState {
    pub fn new(vault: Vault) -> Self {
        AppState {
            vault: Arc::new(Mutex::new(vault)),
        }
    }

    fn guard(&self) -> MutexGuard<'_, Vault> {
        // A panic while holding the lock must not brick the app: the vault's
        // own invariants are kept by transactions, so the data is consistent.
        self.vault.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Runs `f` on the vault, counting the call as user activity.
    pub fn with<T>(&self, f: impl FnOnce(&mut Vault) -> Result<T, Error>) -> Result<T, AppError> {
        let mut vault = self.guard();
        vault.touch(Utc::now());
        f(&mut vault).map_err(AppError::from)
    }

    /// Starts the thread that locks the vault after the idle delay and tells
    /// the UI, which then removes all decrypted content from the page.
    pub fn watch_idle(&self, app: AppHandle) -> std::io::Result<()> {
        let vault = Arc::clone(&self.vault);
        std::thread::Builder::new()
            .name("auto-lock".into())
            .spawn(move || loop {
                std::thread::sleep(IDLE_CHECK);
                let status = {
                    let mut v = vault.lock().unwrap_or_else(|p| p.into_inner());
                    if !v.lock_if_idle(Utc::now()) {
                        continue;
                    }
                    v.status()
                };
                // The window may already be gone at shutdown; nothing to do then.
                let _ = app.emit(LOCKED_EVENT, status);
            })
            .map(|_| ())
    }
}
