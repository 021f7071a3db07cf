//! Generates the app's command permissions (`allow-<command>`) so the single
//! capability file can grant exactly these commands and nothing else.

const COMMANDS: &[&str] = &[
    "app_status",
    "begin_setup",
    "save_emergency_kit",
    "confirm_setup",
    "cancel_setup",
    "unlock",
    "recover",
    "lock",
    "touch",
    "get_settings",
    "set_auto_lock",
    "set_passcode",
    "remove_passcode",
    "journal_list",
    "journal_search",
    "journal_get",
    "journal_create",
    "journal_update",
    "journal_delete",
    "people_list",
    "person_get",
    "person_create",
    "person_update",
    "person_set_archived",
    "set_profile",
    "set_preferences",
    "agreement_start",
    "agreement_update",
    "agreement_acknowledge",
    "agreement_revise",
    "agreement_discard_draft",
    "agreement_get",
    "agreement_current",
    "agreement_list",
    "agreements_due_for_review",
    "agreement_save_pdf",
    "schedule_preview",
    "schedule_create",
    "schedule_create_phased",
    "schedule_series_get",
    "schedule_series_list",
    "schedule_series_update",
    "schedule_series_delete",
    "schedule_occurrences",
    "schedule_upcoming",
    "schedule_move",
    "schedule_cancel",
    "schedule_set_status",
    "schedule_occurrence_reset",
    "schedule_edit_following",
    "ics_export_save",
    "ics_import_preview",
    "ics_import_commit",
    "schedule_people",
    "schedule_defaults",
];

fn main() {
    let attrs = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(e) = tauri_build::try_build(attrs) {
        eprintln!("tauri build script failed: {e:#}");
        std::process::exit(1);
    }
}
