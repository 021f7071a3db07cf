//! The commands that save a person's hours for a period as PDF or CSV.
//! Like the other exports (dialogs.rs), the webview sends no path: Rust
//! opens the save dialog and writes where the person chose. The file name
//! offered gives the period and no name.

use chrono::{NaiveDate, Utc};
use confidant_core::hours_export::{csv_file_name, pdf_file_name, HoursExport};
use confidant_core::AppError;
use tauri::AppHandle;

use crate::dialogs::{choose, Dialog, PDF_FILTER};
use crate::state::AppState;

type Reply<T> = Result<T, AppError>;

const CSV_FILTER: (&str, &[&str]) = ("CSV spreadsheet", &["csv"]);

/// The name of the file at `path` (what the person chose, shown back to
/// them), or an empty string.
fn file_name(path: &std::path::Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Asks where to save `person_id`'s hours log for `from`..=`to` as PDF and
/// saves it there: the saved file's name, `None` when the person cancelled.
pub async fn hours_save_pdf(
    app: AppHandle,
    state: &AppState,
    person_id: String,
    from: NaiveDate,
    to: NaiveDate,
) -> Reply<Option<String>> {
    // Fails before any dialog when locked, for a bad period or person.
    state.with(|v| HoursExport::of(v).input(&person_id, from, to, Utc::now()))?;
    let dialog = Dialog::Save {
        file_name: pdf_file_name(from, to),
    };
    let title = "Save the hours log as PDF";
    let Some(path) = choose(app, dialog, title, PDF_FILTER).await? else {
        return Ok(None);
    };
    state.with(|v| HoursExport::of(v).save_pdf(&person_id, from, to, &path, Utc::now()))?;
    Ok(Some(file_name(&path)))
}

/// Asks where to save `person_id`'s hours for `from`..=`to` as CSV and
/// saves them there: the saved file's name, `None` when the person
/// cancelled.
pub async fn hours_save_csv(
    app: AppHandle,
    state: &AppState,
    person_id: String,
    from: NaiveDate,
    to: NaiveDate,
) -> Reply<Option<String>> {
    state.with(|v| HoursExport::of(v).input(&person_id, from, to, Utc::now()))?;
    let dialog = Dialog::Save {
        file_name: csv_file_name(from, to),
    };
    let title = "Save the hours as CSV";
    let Some(path) = choose(app, dialog, title, CSV_FILTER).await? else {
        return Ok(None);
    };
    state.with(|v| HoursExport::of(v).save_csv(&person_id, from, to, &path, Utc::now()))?;
    Ok(Some(file_name(&path)))
}
