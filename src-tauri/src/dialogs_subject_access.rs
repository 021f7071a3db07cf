//! The subject-access export's save dialog. One dialog, for the JSON file;
//! the PDF is written beside it with the same name (`.pdf`), so the two
//! files always travel together and the person makes one choice. The UI
//! warns that neither file is encrypted before this runs. The name offered
//! holds the date, never a person's name.

use chrono::Utc;
use confidant_core::subject_access::{export_file_name, SavedExport, SubjectAccess};
use confidant_core::{AppError, Error};
use tauri::{AppHandle, Manager};
use tauri_plugin_dialog::DialogExt;

use crate::state::AppState;

type Reply<T> = Result<T, AppError>;

fn internal(e: impl std::fmt::Display) -> AppError {
    AppError::from(Error::Internal(e.to_string()))
}

/// Asks where to save person `person_id`'s export and writes the JSON there
/// and the PDF beside it; `None` when the person cancelled the dialog.
pub async fn subject_access_save(
    app: AppHandle,
    state: &AppState,
    person_id: String,
) -> Reply<Option<SavedExport>> {
    // Fails before any dialog when locked, or when there is no such person
    // or it is a group or an organisation.
    state.with(|v| SubjectAccess::of(v).erase_preview(&person_id).map(|_| ()))?;
    let file_name = export_file_name(Utc::now());
    let chosen = tauri::async_runtime::spawn_blocking(move || {
        let mut builder = app
            .dialog()
            .file()
            .set_title("Save the export (a PDF is saved beside it)")
            .add_filter("JSON file", &["json"])
            .set_file_name(file_name);
        if let Some(window) = app.get_webview_window("main") {
            builder = builder.set_parent(&window);
        }
        builder.blocking_save_file()
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
        .with(|v| SubjectAccess::of(v).save(&person_id, &path, Utc::now()))
        .map(Some)
}
