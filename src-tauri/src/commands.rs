//! Tauri commands: thin adapters. Each takes typed arguments, calls one core
//! function under the vault lock, and returns the core's `{code, message}`
//! error. No SQL, crypto or business rules here; payloads are never logged.

use std::path::PathBuf;

use chrono::{DateTime, NaiveDate, Utc};
use confidant_core::agreements::{
    AcknowledgementInput, Agreement, AgreementContent, AgreementSummary, PartyDetails, ReviewDue,
};
use confidant_core::ics::{
    Calendar, ExportOptions, IcsExport, ImportCommit, ImportOptions, ImportPreview, ImportResult,
};
use confidant_core::journal::Journal;
use confidant_core::journal::{JournalEntry, JournalPage, JournalSummary};
use confidant_core::people::People;
use confidant_core::people::{Person, PersonInput, PersonSummary};
use confidant_core::schedule::{
    CancelInput, Occurrence, OccurrenceChange, OccurrenceKey, OccurrenceList, PhasedCadence,
    SchedulablePerson, Schedule, ScheduleChange, ScheduleDefaults, Series, SeriesInput, SeriesList,
    SeriesPreview, SessionStatus, SessionTime,
};
use confidant_core::settings::VaultSettings;
use confidant_core::settings::{Preferences, Settings};
use confidant_core::vault::{AppStatus, Role, SetupStarted};
use confidant_core::AppError;
use tauri::State;

use crate::state::AppState;

type Reply<T> = Result<T, AppError>;

#[tauri::command(async)]
pub fn app_status(state: State<'_, AppState>) -> Reply<AppStatus> {
    state.with(|v| Ok(v.status()))
}

#[tauri::command(async)]
pub fn begin_setup(state: State<'_, AppState>, roles: Vec<Role>) -> Reply<SetupStarted> {
    state.with(|v| v.begin_setup(&roles))
}

#[tauri::command(async)]
pub fn save_emergency_kit(state: State<'_, AppState>, path: PathBuf) -> Reply<()> {
    state.with(|v| v.save_emergency_kit(&path, Utc::now()))
}

#[tauri::command(async)]
pub fn confirm_setup(state: State<'_, AppState>, recovery_code: String) -> Reply<AppStatus> {
    state.with(|v| {
        v.confirm_setup(&recovery_code, Utc::now())?;
        Ok(v.status())
    })
}

#[tauri::command(async)]
pub fn cancel_setup(state: State<'_, AppState>) -> Reply<AppStatus> {
    state.with(|v| {
        v.cancel_setup();
        Ok(v.status())
    })
}

#[tauri::command(async)]
pub fn unlock(state: State<'_, AppState>, passcode: Option<String>) -> Reply<AppStatus> {
    state.with(|v| {
        v.unlock(passcode.as_deref(), Utc::now())?;
        Ok(v.status())
    })
}

#[tauri::command(async)]
pub fn recover(state: State<'_, AppState>, recovery_code: String) -> Reply<AppStatus> {
    state.with(|v| {
        v.recover(&recovery_code, Utc::now())?;
        Ok(v.status())
    })
}

#[tauri::command(async)]
pub fn lock(state: State<'_, AppState>) -> Reply<AppStatus> {
    state.with(|v| {
        v.lock();
        Ok(v.status())
    })
}

#[tauri::command(async)]
pub fn touch(state: State<'_, AppState>) -> Reply<()> {
    state.with(|_| Ok(()))
}

#[tauri::command(async)]
pub fn get_settings(state: State<'_, AppState>) -> Reply<Settings> {
    state.with(|v| VaultSettings::of(v).get())
}

#[tauri::command(async)]
pub fn set_auto_lock(state: State<'_, AppState>, minutes: u32) -> Reply<Settings> {
    state.with(|v| VaultSettings::of(v).set_auto_lock(minutes, Utc::now()))
}

#[tauri::command(async)]
pub fn set_passcode(
    state: State<'_, AppState>,
    current: Option<String>,
    new_passcode: String,
) -> Reply<Settings> {
    state.with(|v| {
        v.set_passcode(current.as_deref(), &new_passcode, Utc::now())?;
        VaultSettings::of(v).get()
    })
}

#[tauri::command(async)]
pub fn remove_passcode(state: State<'_, AppState>, current: String) -> Reply<Settings> {
    state.with(|v| {
        v.remove_passcode(&current, Utc::now())?;
        VaultSettings::of(v).get()
    })
}

#[tauri::command(async)]
pub fn set_preferences(state: State<'_, AppState>, preferences: Preferences) -> Reply<Settings> {
    state.with(|v| VaultSettings::of(v).set_preferences(&preferences, Utc::now()))
}

#[tauri::command(async)]
pub fn set_profile(state: State<'_, AppState>, profile: PartyDetails) -> Reply<Settings> {
    state.with(|v| VaultSettings::of(v).set_profile(&profile, Utc::now()))
}

#[tauri::command(async)]
pub fn journal_list(state: State<'_, AppState>, offset: u32, limit: u32) -> Reply<JournalPage> {
    state.with(|v| Journal::of(v).list(offset, limit))
}

#[tauri::command(async)]
pub fn journal_search(state: State<'_, AppState>, query: String) -> Reply<Vec<JournalSummary>> {
    state.with(|v| Journal::of(v).search(&query))
}

#[tauri::command(async)]
pub fn journal_get(state: State<'_, AppState>, id: String) -> Reply<JournalEntry> {
    state.with(|v| Journal::of(v).get(&id))
}

#[tauri::command(async)]
pub fn journal_create(state: State<'_, AppState>, body: String) -> Reply<JournalEntry> {
    state.with(|v| Journal::of(v).create(&body, Utc::now()))
}

#[tauri::command(async)]
pub fn journal_update(state: State<'_, AppState>, id: String, body: String) -> Reply<JournalEntry> {
    state.with(|v| Journal::of(v).update(&id, &body, Utc::now()))
}

#[tauri::command(async)]
pub fn journal_delete(state: State<'_, AppState>, id: String) -> Reply<()> {
    state.with(|v| Journal::of(v).delete(&id))
}

#[tauri::command(async)]
pub fn people_list(state: State<'_, AppState>) -> Reply<Vec<PersonSummary>> {
    state.with(|v| People::of(v).list())
}

#[tauri::command(async)]
pub fn person_get(state: State<'_, AppState>, id: String) -> Reply<Person> {
    state.with(|v| People::of(v).get(&id))
}

#[tauri::command(async)]
pub fn person_create(state: State<'_, AppState>, input: PersonInput) -> Reply<Person> {
    state.with(|v| People::of(v).create(&input, Utc::now()))
}

#[tauri::command(async)]
pub fn person_update(state: State<'_, AppState>, id: String, input: PersonInput) -> Reply<Person> {
    state.with(|v| People::of(v).update(&id, &input, Utc::now()))
}

#[tauri::command(async)]
pub fn person_set_archived(state: State<'_, AppState>, id: String, archived: bool) -> Reply<()> {
    state.with(|v| People::of(v).set_archived(&id, archived, Utc::now()))
}

#[tauri::command(async)]
pub fn agreement_start(state: State<'_, AppState>, person_id: String) -> Reply<Agreement> {
    state.with(|v| v.agreement_start(&person_id, Utc::now()))
}

#[tauri::command(async)]
pub fn agreement_update(
    state: State<'_, AppState>,
    id: String,
    content: AgreementContent,
) -> Reply<Agreement> {
    state.with(|v| v.agreement_update(&id, &content, Utc::now()))
}

#[tauri::command(async)]
pub fn agreement_acknowledge(
    state: State<'_, AppState>,
    id: String,
    input: AcknowledgementInput,
) -> Reply<Agreement> {
    state.with(|v| v.agreement_acknowledge(&id, &input, Utc::now()))
}

#[tauri::command(async)]
pub fn agreement_revise(state: State<'_, AppState>, id: String) -> Reply<Agreement> {
    state.with(|v| v.agreement_revise(&id, Utc::now()))
}

#[tauri::command(async)]
pub fn agreement_discard_draft(state: State<'_, AppState>, id: String) -> Reply<()> {
    state.with(|v| v.agreement_discard_draft(&id))
}

#[tauri::command(async)]
pub fn agreement_get(state: State<'_, AppState>, id: String) -> Reply<Agreement> {
    state.with(|v| v.agreement_get(&id))
}

#[tauri::command(async)]
pub fn agreement_current(
    state: State<'_, AppState>,
    person_id: String,
) -> Reply<Option<Agreement>> {
    state.with(|v| v.agreement_current(&person_id))
}

#[tauri::command(async)]
pub fn agreement_list(
    state: State<'_, AppState>,
    person_id: String,
) -> Reply<Vec<AgreementSummary>> {
    state.with(|v| v.agreement_list(&person_id))
}

#[tauri::command(async)]
pub fn agreements_due_for_review(
    state: State<'_, AppState>,
    within_days: u32,
) -> Reply<Vec<ReviewDue>> {
    state.with(|v| v.agreements_due_for_review(Utc::now(), within_days))
}

#[tauri::command(async)]
pub fn agreement_save_pdf(state: State<'_, AppState>, id: String, path: PathBuf) -> Reply<()> {
    state.with(|v| v.agreement_save_pdf(&id, &path, Utc::now()))
}

#[tauri::command(async)]
pub fn schedule_preview(
    input: SeriesInput,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Reply<SeriesPreview> {
    confidant_core::schedule::preview_series(&input, from, to).map_err(AppError::from)
}

#[tauri::command(async)]
pub fn schedule_create(state: State<'_, AppState>, input: SeriesInput) -> Reply<ScheduleChange> {
    state.with(|v| Schedule::of(v).create(&input, Utc::now()))
}

#[tauri::command(async)]
pub fn schedule_create_phased(
    state: State<'_, AppState>,
    input: SeriesInput,
    cadence: PhasedCadence,
) -> Reply<ScheduleChange> {
    state.with(|v| Schedule::of(v).create_phased(&input, &cadence, Utc::now()))
}

#[tauri::command(async)]
pub fn schedule_series_get(state: State<'_, AppState>, id: String) -> Reply<Series> {
    state.with(|v| Schedule::of(v).series_get(&id))
}

#[tauri::command(async)]
pub fn schedule_series_list(
    state: State<'_, AppState>,
    person_id: Option<String>,
) -> Reply<SeriesList> {
    state.with(|v| Schedule::of(v).series_list(person_id.as_deref()))
}

#[tauri::command(async)]
pub fn schedule_series_update(
    state: State<'_, AppState>,
    id: String,
    input: SeriesInput,
) -> Reply<ScheduleChange> {
    state.with(|v| Schedule::of(v).series_update(&id, &input, Utc::now()))
}

#[tauri::command(async)]
pub fn schedule_series_delete(state: State<'_, AppState>, id: String) -> Reply<()> {
    state.with(|v| Schedule::of(v).series_delete(&id))
}

#[tauri::command(async)]
pub fn schedule_occurrences(
    state: State<'_, AppState>,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    person_id: Option<String>,
) -> Reply<OccurrenceList> {
    state.with(|v| Schedule::of(v).occurrences(from, to, person_id.as_deref()))
}

#[tauri::command(async)]
pub fn schedule_upcoming(state: State<'_, AppState>, count: usize) -> Reply<Vec<Occurrence>> {
    state.with(|v| Schedule::of(v).upcoming(Utc::now(), count))
}

#[tauri::command(async)]
pub fn schedule_move(
    state: State<'_, AppState>,
    key: OccurrenceKey,
    to: SessionTime,
) -> Reply<OccurrenceChange> {
    state.with(|v| Schedule::of(v).move_occurrence(&key, &to, Utc::now()))
}

#[tauri::command(async)]
pub fn schedule_cancel(
    state: State<'_, AppState>,
    key: OccurrenceKey,
    input: CancelInput,
) -> Reply<Occurrence> {
    state.with(|v| Schedule::of(v).cancel(&key, &input, Utc::now()))
}

#[tauri::command(async)]
pub fn schedule_set_status(
    state: State<'_, AppState>,
    key: OccurrenceKey,
    status: SessionStatus,
) -> Reply<Occurrence> {
    state.with(|v| Schedule::of(v).set_status(&key, status, Utc::now()))
}

#[tauri::command(async)]
pub fn schedule_occurrence_reset(
    state: State<'_, AppState>,
    key: OccurrenceKey,
) -> Reply<Occurrence> {
    state.with(|v| Schedule::of(v).reset_occurrence(&key, Utc::now()))
}

#[tauri::command(async)]
pub fn schedule_edit_following(
    state: State<'_, AppState>,
    key: OccurrenceKey,
    input: SeriesInput,
) -> Reply<ScheduleChange> {
    state.with(|v| Schedule::of(v).edit_following(&key, &input, Utc::now()))
}

#[tauri::command(async)]
pub fn ics_export_save(
    state: State<'_, AppState>,
    options: ExportOptions,
    path: PathBuf,
) -> Reply<IcsExport> {
    state.with(|v| Calendar::of(v).export_to_file(&options, &path, Utc::now()))
}

#[tauri::command(async)]
pub fn ics_import_preview(path: PathBuf, options: ImportOptions) -> Reply<ImportPreview> {
    confidant_core::ics::read_import_file(&path)
        .and_then(|text| confidant_core::ics::import_preview(&text, &options))
        .map_err(AppError::from)
}

#[tauri::command(async)]
pub fn ics_import_commit(
    state: State<'_, AppState>,
    path: PathBuf,
    commit: ImportCommit,
) -> Reply<ImportResult> {
    // Read and plan the file before taking the vault: a hostile file never
    // holds the vault (or delays auto-lock) while it is parsed. The unlock
    // check comes first, so a locked app reads no file.
    state.with(|v| v.ensure_unlocked())?;
    let plan = confidant_core::ics::read_import_file(&path)
        .and_then(|text| confidant_core::ics::plan_import(&text, &commit.options))
        .map_err(AppError::from)?;
    state.with(|v| Calendar::of(v).import_commit(&plan, &commit, Utc::now()))
}

#[tauri::command(async)]
pub fn schedule_people(state: State<'_, AppState>) -> Reply<Vec<SchedulablePerson>> {
    state.with(|v| Schedule::of(v).people())
}

#[tauri::command(async)]
pub fn schedule_defaults(
    state: State<'_, AppState>,
    person_id: String,
    first_date: NaiveDate,
) -> Reply<ScheduleDefaults> {
    state.with(|v| Schedule::of(v).defaults(&person_id, first_date))
}
