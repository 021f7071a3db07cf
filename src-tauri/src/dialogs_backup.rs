//! The backup folder's dialog: a native folder picker opened from Rust, so
//! the webview never sends a path. The chosen folder is checked and sealed
//! in the vault's settings by the core.

use chrono::Utc;
use confidant_core::backup::{BackupStatus, Backups};
use confidant_core::{AppError, Error};
use tauri::{AppHandle, Manager};
use tauri_plugin_dialog::DialogExt;

use crate::state::AppState;

type Reply<T> = Result<T, AppError>;

fn internal(e: impl std::fmt::Display) -> AppError {
    AppError::from(Error::Internal(e.to_string()))
}

/// Asks which folder backups go to and saves it in the backup plan;
/// `None` when the person cancelled the dialog.
pub async fn backup_choose_folder(app: AppHandle, state: &AppState) -> Reply<Option<BackupStatus>> {
    // Fails before any dialog when locked. The dialog starts in the folder
    // chosen before, if it is still there, else in the home folder.
    let current = state.with(|v| Backups::of(v).plan())?.folder;
    let start = current
        .map(std::path::PathBuf::from)
        .filter(|p| p.is_dir())
        .or_else(|| app.path().home_dir().ok());
    let chosen = tauri::async_runtime::spawn_blocking(move || {
        let mut builder = app.dialog().file().set_title("Choose a folder for backups");
        if let Some(start) = start {
            builder = builder.set_directory(start);
        }
        if let Some(window) = app.get_webview_window("main") {
            builder = builder.set_parent(&window);
        }
        builder.blocking_pick_folder()
    })
    .await
    .map_err(internal)?;
    let Some(path) = chosen
        .map(|p| p.into_path().map_err(internal))
        .transpose()?
    else {
        return Ok(None);
    };
    state
        .with(|v| {
            Backups::of(v).set_folder(&path, Utc::now())?;
            Backups::of(v).status(Utc::now())
        })
        .map(Some)
}
