//! Restoring from a backup: Rust asks which backup file to restore (the
//! webview never sends a path), the core checks it and says what it is,
//! and the app keeps the chosen path until the recovery code is typed
//! (`state/restore.rs`).

use confidant_core::vault::{BackupInfo, BACKUP_EXTENSION};
use confidant_core::AppError;
use tauri::AppHandle;

use crate::dialogs::{choose, Dialog};
use crate::state::AppState;

type Reply<T> = Result<T, AppError>;

// The lead points this at the backup module's constant after the merge.
const BACKUP_FILTER: (&str, &[&str]) = ("Confidant backup", &[BACKUP_EXTENSION]);
/// The open dialog's title (the end-to-end tests find the dialog by it).
pub const OPEN_TITLE: &str = "Choose a backup to restore";

/// Asks which backup to restore, checks it and keeps it for
/// `restore_confirm`. `None` when the dialog was cancelled.
pub async fn restore_choose(app: AppHandle, state: &AppState) -> Reply<Option<BackupInfo>> {
    state.forget_restore();
    let Some(path) = choose(app, Dialog::Open, OPEN_TITLE, BACKUP_FILTER).await? else {
        return Ok(None);
    };
    state.stage_restore(&path).map(Some)
}
