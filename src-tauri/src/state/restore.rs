//! The backup file chosen for a restore, kept (its path only, never sent
//! by the webview) until the recovery code is typed, another file is
//! chosen, or the restore is cancelled. It is kept across lock and while
//! there is no vault (onboarding). A child of `state` so it can reach the
//! shared vault.

use std::path::Path;
use std::time::Instant;

use chrono::Utc;
use confidant_core::vault::{BackupInfo, Restored, StagedBackup};
use confidant_core::{AppError, Error};

use super::AppState;

/// A checked backup waiting for the recovery code.
pub(super) type PendingRestore = StagedBackup;

impl AppState {
    /// Forgets a backup chosen earlier.
    pub fn forget_restore(&self) {
        self.guard().restore = None;
    }

    /// Checks the backup at `path` (chosen in the app's dialog) and keeps
    /// it for [`Self::restore_confirm`].
    pub fn stage_restore(&self, path: &Path) -> Result<BackupInfo, AppError> {
        let mut shared = self.guard();
        shared.last_activity = Instant::now();
        shared.restore = None;
        let staged = shared.vault.stage_restore(path)?;
        let info = staged.info().clone();
        shared.restore = Some(staged);
        Ok(info)
    }

    /// Restores the kept backup with the recovery code (`replace` confirms
    /// replacing the vault here). The backup stays chosen after a wrong
    /// code, for another try; it is forgotten once restored.
    pub fn restore_confirm(
        &self,
        recovery_code: &str,
        replace: bool,
    ) -> Result<Restored, AppError> {
        let restored = {
            let mut shared = self.guard();
            shared.last_activity = Instant::now();
            let staged = shared.restore.clone().ok_or_else(|| {
                AppError::from(Error::InvalidInput(
                    "No backup is chosen. Choose the backup file again.".into(),
                ))
            })?;
            let result = shared
                .vault
                .restore(&staged, recovery_code, replace, Utc::now());
            if result.is_ok() {
                // A file kept for import belonged to the replaced vault.
                shared.forget_session();
                shared.restore = None;
            }
            shared.after_command();
            let kept = result?;
            Restored {
                status: shared.vault.status(),
                kept_as: kept.map(|p| p.display().to_string()),
            }
        };
        Ok(restored)
    }
}
