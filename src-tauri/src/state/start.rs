//! The silent unlock at start. When the vault needs nothing typed (it
//! exists, is locked and has no app passcode), the first thing the UI does
//! is ask for an unlock from the keychain. The shell starts that unlock
//! itself, on a thread of its own, as soon as the vault is open, so the
//! keychain read and the opening of the keys run while the webview is still
//! loading the page rather than after it asks.
//!
//! Nothing else changes: the UI's first `app_status` waits for it on the
//! vault lock and finds the vault unlocked (or, with a passcode, locked;
//! with the keychain entry gone, in need of the recovery code), and shows
//! that screen. When the attempt failed for another reason (the keychain
//! did not answer, say), the vault stays locked, the UI asks for an unlock
//! as before, and the first such ask without a passcode is answered with
//! the start's failure instead of asking the keychain a second time in a
//! row; "Try again" asks it afresh.

use chrono::Utc;
use confidant_core::schedule::{Occurrence, Schedule};
use confidant_core::vault::{AppStatus, VaultState};
use confidant_core::AppError;

use super::AppState;

impl AppState {
    /// Starts the silent unlock at start on its own thread (module docs),
    /// then calls `after` there with the state, attempt over.
    pub fn unlock_at_start(
        &self,
        after: impl FnOnce(&AppState) + Send + 'static,
    ) -> std::io::Result<()> {
        let state = self.clone();
        std::thread::Builder::new()
            .name("start-unlock".into())
            .spawn(move || {
                state.try_unlock_at_start();
                after(&state);
            })?;
        Ok(())
    }

    /// What the page's first two commands would answer now: the status,
    /// and the next `count` sessions when the vault is unlocked
    /// (`crate::start_answers`).
    pub fn start_answers(&self, count: usize) -> Option<(AppStatus, Option<Vec<Occurrence>>)> {
        let status = self.status().ok()?;
        let sessions = if status.state == VaultState::Unlocked {
            self.with(|v| Schedule::of(v).upcoming(Utc::now(), count))
                .ok()
        } else {
            None
        };
        Some((status, sessions))
    }

    /// Unlocks from the keychain if the vault is locked and has no passcode;
    /// keeps why it failed, if it did.
    fn try_unlock_at_start(&self) {
        let mut shared = self.guard();
        shared.last_activity = std::time::Instant::now();
        let status = shared.vault.status();
        if status.state != VaultState::Locked || status.needs_passcode {
            return;
        }
        let outcome = shared.vault.unlock(None, Utc::now());
        shared.after_command();
        if let Err(error) = outcome {
            // Recovery needed shows in the status itself; anything else is
            // kept for the UI's own first ask.
            if shared.vault.state() == VaultState::Locked {
                shared.start_unlock = Some(AppError::from(error));
            }
        }
    }

    /// The `unlock` command: unlocks with the keychain (and `passcode` when
    /// one is set). The first ask without a passcode after a failed start
    /// attempt gets that attempt's error (module docs).
    pub fn unlock(&self, passcode: Option<&str>) -> Result<AppStatus, AppError> {
        if passcode.is_none() {
            let failed_at_start = self.guard().start_unlock.take();
            if let Some(error) = failed_at_start {
                return Err(error);
            }
        }
        self.with(|v| v.unlock(passcode, Utc::now()).map(|()| v.status()))
    }

    /// The `app_status` command: the vault's status.
    pub fn status(&self) -> Result<AppStatus, AppError> {
        self.with(|v| Ok(v.status()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use confidant_core::crypto::KdfParams;
    use confidant_core::keychain::{KeychainError, MemoryKeychain};
    use confidant_core::vault::{Role, Vault, VaultConfig};
    use confidant_core::ErrorCode;

    const CONFIG: VaultConfig = VaultConfig {
        kdf: KdfParams::INSECURE_FOR_TESTS,
    };

    /// A vault set up (with `passcode`, if any), then opened again as at
    /// start (locked); its keychain is returned to make it fail.
    fn at_start(passcode: Option<&str>) -> (tempfile::TempDir, MemoryKeychain, AppState) {
        let dir = tempfile::tempdir().expect("test setup");
        let keychain = MemoryKeychain::new();
        let now = Utc::now();
        {
            let mut v = Vault::open(dir.path(), Box::new(keychain.clone()), CONFIG, now)
                .expect("test setup");
            let started = v.begin_setup(&[Role::Supervisee]).expect("test setup");
            v.confirm_setup(&started.recovery_code, now)
                .expect("test setup");
            if let Some(p) = passcode {
                v.set_passcode(None, p, now).expect("test setup");
            }
            v.lock();
        }
        let v =
            Vault::open(dir.path(), Box::new(keychain.clone()), CONFIG, now).expect("test setup");
        (dir, keychain, AppState::new(v))
    }

    fn state_of(state: &AppState) -> VaultState {
        state.guard().vault.state()
    }

    #[test]
    fn a_vault_without_a_passcode_is_unlocked_at_start() {
        let (_dir, _keychain, state) = at_start(None);
        assert_eq!(state_of(&state), VaultState::Locked);
        state.try_unlock_at_start();
        assert_eq!(state.status().expect("status").state, VaultState::Unlocked);
        // The UI's own unlock, had it asked, changes nothing.
        assert_eq!(
            state.unlock(None).expect("unlock").state,
            VaultState::Unlocked
        );
    }

    #[test]
    fn the_start_answers_hold_sessions_only_when_unlocked() {
        let (_dir, _keychain, state) = at_start(Some("passcode 1"));
        state.try_unlock_at_start();
        let (status, sessions) = state.start_answers(5).expect("answers");
        assert_eq!(status.state, VaultState::Locked);
        assert!(sessions.is_none());

        let (_dir, _keychain, state) = at_start(None);
        state.try_unlock_at_start();
        let (status, sessions) = state.start_answers(5).expect("answers");
        assert_eq!(status.state, VaultState::Unlocked);
        assert_eq!(sessions, Some(Vec::new()));
    }

    #[test]
    fn a_vault_with_a_passcode_is_left_locked() {
        let (_dir, _keychain, state) = at_start(Some("correct horse battery"));
        state.try_unlock_at_start();
        let status = state.status().expect("status");
        assert_eq!(status.state, VaultState::Locked);
        assert!(status.needs_passcode);
        assert!(state.guard().start_unlock.is_none());
        let status = state.unlock(Some("correct horse battery")).expect("unlock");
        assert_eq!(status.state, VaultState::Unlocked);
    }

    #[test]
    fn a_lost_keychain_entry_shows_as_recovery_needed() {
        let dir = tempfile::tempdir().expect("test setup");
        {
            let (_first, _keychain, state) = at_start(None);
            let path = state.guard().vault.db_path();
            std::fs::copy(&path, dir.path().join(path.file_name().expect("a file")))
                .expect("test setup");
        }
        // The same vault on a keychain without its entry.
        let v = Vault::open(
            dir.path(),
            Box::new(MemoryKeychain::new()),
            CONFIG,
            Utc::now(),
        )
        .expect("open");
        let state = AppState::new(v);
        state.try_unlock_at_start();
        assert_eq!(
            state.status().expect("status").state,
            VaultState::RecoveryNeeded
        );
        assert!(state.guard().start_unlock.is_none());
    }

    #[test]
    fn a_keychain_that_fails_at_start_is_not_asked_twice_in_a_row() {
        let (_dir, keychain, state) = at_start(None);
        keychain.set_failure(Some(KeychainError::Unavailable("no service".into())));
        state.try_unlock_at_start();
        assert_eq!(state_of(&state), VaultState::Locked);
        // The keychain is back, but the UI's first ask gets the start's
        // failure (a keychain that hangs is not waited for twice)...
        keychain.set_failure(None);
        let first = state.unlock(None).expect_err("the start's failure");
        assert_eq!(first.code, ErrorCode::KeychainUnavailable);
        assert_eq!(state_of(&state), VaultState::Locked);
        // ...and "Retry" asks the keychain afresh.
        assert_eq!(
            state.unlock(None).expect("unlock").state,
            VaultState::Unlocked
        );
    }

    #[test]
    fn the_start_failure_is_forgotten_once_the_vault_is_unlocked() {
        let (_dir, keychain, state) = at_start(None);
        keychain.set_failure(Some(KeychainError::NoAccess));
        state.try_unlock_at_start();
        assert!(state.guard().start_unlock.is_some());
        keychain.set_failure(None);
        // Unlocked by a command other than a passcode-less unlock.
        assert_eq!(
            state.unlock(Some("")).expect("unlock").state,
            VaultState::Unlocked
        );
        assert!(state.guard().start_unlock.is_none());
        state.guard().lock();
        assert_eq!(
            state.unlock(None).expect("unlock").state,
            VaultState::Unlocked
        );
    }
}
