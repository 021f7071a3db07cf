//! The commands that save or open a file. The webview never sends a path:
//! Rust opens the save or open dialog itself, on a blocking-pool thread (the
//! dialog waits for the person; the vault is not locked meanwhile), and uses
//! the path the person chose. A cancelled dialog is an answer (`false` or
//! `None`), not an error.

use std::path::PathBuf;

use chrono::Utc;
use confidant_core::agreements::Agreements;
use confidant_core::goals::Goals;
use confidant_core::ics::{
    plan_import, read_import_file, Calendar, ExportOptions, IcsExport, ImportOptions, ImportPlan,
    ImportPreview,
};
use confidant_core::invoices::Invoices;
use confidant_core::records::Records;
use confidant_core::{AppError, Error};
use serde::Serialize;
use tauri::{AppHandle, Manager};
use tauri_plugin_dialog::DialogExt;

use crate::state::AppState;

type Reply<T> = Result<T, AppError>;

/// The file name offered for the Emergency Kit.
pub const EMERGENCY_KIT_FILE_NAME: &str = "Confidant Emergency Kit.txt";
/// The file name offered for a calendar export.
pub const ICS_FILE_NAME: &str = "Confidant sessions.ics";

const TEXT_FILTER: (&str, &[&str]) = ("Text file", &["txt"]);
pub(crate) const PDF_FILTER: (&str, &[&str]) = ("PDF document", &["pdf"]);
const ICS_FILTER: (&str, &[&str]) = ("Calendar file", &["ics"]);

/// A calendar file read for import: what importing it would do, and the
/// token that [`crate::state::AppState::import_commit`] takes to import it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportFile {
    // (Plain comments: ts-rs would copy doc comments into commands.gen.ts.)
    // Names the file kept in the app for the import (not a path).
    pub token: String,
    // What importing it would do.
    pub preview: ImportPreview,
}

/// The file name offered when saving an agreement version as PDF.
pub fn pdf_file_name(version: u32) -> String {
    format!("Supervision agreement v{version}.pdf")
}

fn internal(e: impl std::fmt::Display) -> AppError {
    AppError::from(Error::Internal(e.to_string()))
}

pub(crate) enum Dialog {
    Save { file_name: String },
    Open,
}

/// Shows a file dialog over the main window and waits for the person.
/// `None` when they cancelled.
pub(crate) async fn choose(
    app: AppHandle,
    dialog: Dialog,
    title: &'static str,
    filter: (&'static str, &'static [&'static str]),
) -> Reply<Option<PathBuf>> {
    let chosen = tauri::async_runtime::spawn_blocking(move || {
        let mut builder = app
            .dialog()
            .file()
            .set_title(title)
            .add_filter(filter.0, filter.1);
        if let Some(window) = app.get_webview_window("main") {
            builder = builder.set_parent(&window);
        }
        match dialog {
            Dialog::Save { file_name } => builder.set_file_name(file_name).blocking_save_file(),
            Dialog::Open => builder.blocking_pick_file(),
        }
    })
    .await
    .map_err(internal)?;
    chosen
        .map(|path| path.into_path().map_err(internal))
        .transpose()
}

/// Asks where to save the Emergency Kit and saves it there.
pub async fn save_emergency_kit(app: AppHandle, state: &AppState) -> Reply<bool> {
    let file_name = EMERGENCY_KIT_FILE_NAME.to_string();
    let title = "Save your Emergency Kit";
    let Some(path) = choose(app, Dialog::Save { file_name }, title, TEXT_FILTER).await? else {
        return Ok(false);
    };
    state.with(|v| v.save_emergency_kit(&path, Utc::now()))?;
    Ok(true)
}

/// Asks where to save agreement version `id` as PDF and saves it there.
pub async fn agreement_save_pdf(app: AppHandle, state: &AppState, id: String) -> Reply<bool> {
    // Also fails before any dialog when locked or when there is no such version.
    let version = state.with(|v| Agreements::of(v).get(&id))?.version;
    let file_name = pdf_file_name(version);
    let title = "Save the agreement as PDF";
    let Some(path) = choose(app, Dialog::Save { file_name }, title, PDF_FILTER).await? else {
        return Ok(false);
    };
    state.with(|v| Agreements::of(v).save_pdf(&id, &path, Utc::now()))?;
    Ok(true)
}

/// The file name offered when saving a session record as PDF (the
/// session's date; no name).
pub fn record_pdf_file_name(session_date: chrono::NaiveDate) -> String {
    format!("Supervision record {}.pdf", session_date.format("%Y-%m-%d"))
}

/// The file name offered when saving a goal's history as PDF (no title or
/// name: those are typed by the person).
pub const GOAL_PDF_FILE_NAME: &str = "Goal history.pdf";

/// Asks where to save final record `id`, as `member_id` sees it, as PDF and
/// saves it there.
pub async fn record_save_pdf(
    app: AppHandle,
    state: &AppState,
    id: String,
    member_id: Option<String>,
) -> Reply<bool> {
    // Fails before any dialog when locked, when there is no such record and
    // when it is still a draft.
    let record = state.with(|v| Records::of(v).printable(&id, member_id.as_deref()))?;
    let file_name = record_pdf_file_name(record.session_date);
    let title = "Save the session record as PDF";
    let Some(path) = choose(app, Dialog::Save { file_name }, title, PDF_FILTER).await? else {
        return Ok(false);
    };
    state.with(|v| Records::of(v).save_pdf(&id, member_id.as_deref(), &path, Utc::now()))?;
    Ok(true)
}

/// Asks where to save goal `id`'s history as PDF and saves it there.
pub async fn goal_save_pdf(app: AppHandle, state: &AppState, id: String) -> Reply<bool> {
    // Also fails before any dialog when locked or when there is no such goal.
    state.with(|v| Goals::of(v).get(&id))?;
    let file_name = GOAL_PDF_FILE_NAME.to_string();
    let title = "Save the goal's history as PDF";
    let Some(path) = choose(app, Dialog::Save { file_name }, title, PDF_FILTER).await? else {
        return Ok(false);
    };
    state.with(|v| Goals::of(v).save_pdf(&id, &path, Utc::now()))?;
    Ok(true)
}

/// Asks where to save invoice `id` as PDF ("invoice-0007.pdf": the name
/// names no one) and saves it there.
pub async fn invoice_save_pdf(app: AppHandle, state: &AppState, id: String) -> Reply<bool> {
    // Also fails before any dialog when locked or when there is no such invoice.
    let file_name = state.with(|v| Invoices::of(v).pdf_file_name(&id))?;
    let title = "Save the invoice as PDF";
    let Some(path) = choose(app, Dialog::Save { file_name }, title, PDF_FILTER).await? else {
        return Ok(false);
    };
    state.with(|v| Invoices::of(v).save_pdf(&id, &path, Utc::now()))?;
    Ok(true)
}

/// Asks where to save the calendar and exports the sessions there.
pub async fn ics_export_save(
    app: AppHandle,
    state: &AppState,
    options: ExportOptions,
) -> Reply<Option<IcsExport>> {
    state.with(|v| v.ensure_unlocked())?;
    let file_name = ICS_FILE_NAME.to_string();
    let title = "Export sessions";
    let Some(path) = choose(app, Dialog::Save { file_name }, title, ICS_FILTER).await? else {
        return Ok(None);
    };
    state
        .with(|v| Calendar::of(v).export_to_file(&options, &path, Utc::now()))
        .map(Some)
}

/// Reads the calendar file at `path` (a regular file, at most
/// `MAX_ICS_BYTES`) and plans its import. No vault lock is held.
fn read_and_plan(path: &std::path::Path, options: &ImportOptions) -> Reply<ImportPlan> {
    let text = read_import_file(path)?;
    Ok(plan_import(&text, options)?)
}

/// Asks which calendar file to import, reads it once and previews it. The
/// text stays in the app under the returned token until it is imported,
/// another file is previewed, or the vault locks.
pub async fn ics_import_preview(
    app: AppHandle,
    state: &AppState,
    options: ImportOptions,
) -> Reply<Option<ImportFile>> {
    state.begin_import()?;
    let title = "Import sessions";
    let Some(path) = choose(app, Dialog::Open, title, ICS_FILTER).await? else {
        return Ok(None);
    };
    // Read and parse outside the vault lock, so that a hostile file holds
    // up neither auto-lock nor the other commands.
    let (plan, options) = tauri::async_runtime::spawn_blocking(move || {
        read_and_plan(&path, &options).map(|plan| (plan, options))
    })
    .await
    .map_err(internal)??;
    let preview = plan.preview();
    let token = state.keep_import(plan, options)?;
    Ok(Some(ImportFile { token, preview }))
}
