//! Confidant's desktop shell: a thin Tauri adapter around `confidant-core`.
//!
//! It resolves the data folder, opens the vault with the OS keychain, and
//! exposes the core through the commands in [`commands`]. The vault's data
//! lives in the OS's per-user app-data folder (`<app data>/vault`), or in
//! `$CONFIDANT_DATA_DIR` when that is set (tests).

mod commands;
mod state;

use std::path::PathBuf;

use confidant_core::keychain::OsKeychain;
use confidant_core::vault::{Vault, VaultConfig};
use tauri::Manager;

/// Environment variable that overrides the data folder (for tests).
pub const DATA_DIR_ENV: &str = "CONFIDANT_DATA_DIR";

fn data_dir(app: &tauri::App) -> Result<PathBuf, Box<dyn std::error::Error>> {
    match std::env::var_os(DATA_DIR_ENV).filter(|v| !v.is_empty()) {
        Some(dir) => Ok(PathBuf::from(dir)),
        None => Ok(app.path().app_data_dir()?.join("vault")),
    }
}

/// Opens the main window. Its webview is incognito — no cookies, storage or
/// cache written to disk — except under WebDriver automation (tauri-driver
/// sets `TAURI_WEBVIEW_AUTOMATION=true`), because WebKitGTK allows automation
/// only in the default, persistent web context. The end-to-end tests thus
/// run with the stricter setting for the disk scan: even a persistent
/// webview must not hold anything the user typed.
fn main_window(app: &tauri::App) -> tauri::Result<()> {
    let automated = std::env::var("TAURI_WEBVIEW_AUTOMATION").as_deref() == Ok("true");
    tauri::WebviewWindowBuilder::new(app, "main", tauri::WebviewUrl::App("index.html".into()))
        .title("Confidant")
        .inner_size(1180.0, 780.0)
        .min_inner_size(760.0, 520.0)
        .incognito(!automated)
        .build()?;
    Ok(())
}

/// Builds and runs the app until the last window closes.
pub fn run() -> Result<(), tauri::Error> {
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_notification::init())
        .setup(|app| {
            let dir = data_dir(app)?;
            let keychain = OsKeychain::new(confidant_core::APP_ID);
            let vault = Vault::open(
                dir,
                Box::new(keychain),
                VaultConfig::default(),
                chrono::Utc::now(),
            )?;
            let state = state::AppState::new(vault);
            state.watch(app.handle().clone())?;
            app.manage(state);
            main_window(app)?;
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::app_status,
            commands::begin_setup,
            commands::save_emergency_kit,
            commands::confirm_setup,
            commands::cancel_setup,
            commands::unlock,
            commands::recover,
            commands::lock,
            commands::touch,
            commands::get_settings,
            commands::set_auto_lock,
            commands::set_passcode,
            commands::remove_passcode,
            commands::journal_list,
            commands::journal_search,
            commands::journal_get,
            commands::journal_create,
            commands::journal_update,
            commands::journal_delete,
            commands::people_list,
            commands::person_get,
            commands::person_create,
            commands::person_update,
            commands::person_set_archived,
            commands::set_profile,
            commands::set_preferences,
            commands::agreement_start,
            commands::agreement_update,
            commands::agreement_acknowledge,
            commands::agreement_revise,
            commands::agreement_discard_draft,
            commands::agreement_get,
            commands::agreement_current,
            commands::agreement_list,
            commands::agreements_due_for_review,
            commands::agreement_save_pdf,
            commands::schedule_preview,
            commands::schedule_create,
            commands::schedule_create_phased,
            commands::schedule_series_get,
            commands::schedule_series_list,
            commands::schedule_series_update,
            commands::schedule_series_delete,
            commands::schedule_occurrences,
            commands::schedule_upcoming,
            commands::schedule_move,
            commands::schedule_cancel,
            commands::schedule_set_status,
            commands::schedule_occurrence_reset,
            commands::schedule_edit_following,
            commands::ics_export_save,
            commands::ics_import_preview,
            commands::ics_import_commit,
            commands::schedule_people,
            commands::schedule_defaults,
        ])
        .run(tauri::generate_context!())
}
