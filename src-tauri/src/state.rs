//! The one vault handle the commands share, and the auto-lock watcher.

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use chrono::Utc;
use confidant_core::schedule::{Schedule, DEFAULT_REMINDER_MINUTES};
use confidant_core::vault::Vault;
use confidant_core::{AppError, Error};
use tauri::{AppHandle, Emitter};
use tauri_plugin_notification::NotificationExt;

/// How often the watcher looks at the idle time and for due reminders.
const TICK: Duration = Duration::from_secs(5);

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

    /// Starts the thread that locks the vault after the idle delay (and
    /// tells the UI, which then removes all decrypted content from the page)
    /// and shows desktop reminders before sessions. Reminders need the keys,
    /// so none are computed while the vault is locked.
    pub fn watch(&self, app: AppHandle) -> std::io::Result<()> {
        let vault = Arc::clone(&self.vault);
        std::thread::Builder::new()
            .name("watcher".into())
            .spawn(move || {
                let mut since = Utc::now();
                loop {
                    std::thread::sleep(TICK);
                    let now = Utc::now();
                    let (locked, reminders) = {
                        let mut v = vault.lock().unwrap_or_else(|p| p.into_inner());
                        if v.lock_if_idle(now) {
                            (Some(v.status()), Vec::new())
                        } else {
                            // Locked or no vault: nothing to remind about.
                            let due = Schedule::of(&mut v)
                                .reminders_due(since, now, DEFAULT_REMINDER_MINUTES)
                                .unwrap_or_default();
                            (None, due)
                        }
                    };
                    since = now;
                    if let Some(status) = locked {
                        // The window may already be gone at shutdown.
                        let _ = app.emit(LOCKED_EVENT, status);
                    }
                    for reminder in reminders {
                        let (title, body) = reminder.notification();
                        if let Err(e) = app.notification().builder().title(title).body(body).show()
                        {
                            eprintln!("Confidant: could not show a session reminder: {e}");
                        }
                    }
                }
            })
            .map(|_| ())
    }
}
