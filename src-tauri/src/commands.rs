//! Tauri commands: thin adapters, defined from the one list in
//! `command_list.rs`. Each takes typed arguments, calls one core function
//! (under the vault lock, through [`AppState`]) and returns the core's
//! `{code, message}` error. No SQL, crypto or business rules here; payloads
//! are never logged.

use chrono::{DateTime, NaiveDate, Utc};
use confidant_core::agreements::{
    AcknowledgementInput, Agreement, AgreementContent, AgreementSummary, Agreements, PartyDetails,
    ReviewDue,
};
use confidant_core::audit::{Audit, SecurityLog};
use confidant_core::backup::{BackupReport, BackupSchedule, BackupStatus, Backups, FoundBackup};
use confidant_core::contacts::{ContactInput, ContactNote, Contacts};
use confidant_core::evaluations::{
    CheckList, CompetencyArea, Ending, EndingInput, Evaluation, EvaluationForm, EvaluationInput,
    EvaluationList, Evaluations, SupervisionCheck, SupervisionCheckInput, SupervisionFunction,
    TerminationSummary,
};
use confidant_core::exception_log::{ExceptionEntry, ExceptionInput, ExceptionLog};
use confidant_core::file_check::FileCheck;
use confidant_core::goals::{
    CheckInInput, CoachingInput, CoachingList, CoachingRecord, GoalDetail, GoalFields, GoalList,
    GoalStatus, GoalSummary, Goals, Skill, StageHistory, StageInput,
};
use confidant_core::hours::{
    AdjustmentInput, Hours, HoursBook, ManualEntryInput, PracticeWeekInput, Reconciliation,
    SignOffInput, TheirCountInput,
};
use confidant_core::hours_rules::{HoursRules, Profile, ProfileList, Progress};
use confidant_core::ics::{ExportOptions, IcsExport, ImportCommit, ImportOptions, ImportResult};
use confidant_core::invoices::{Invoice, InvoiceRequest, InvoiceSummary, Invoices};
use confidant_core::journal::{
    FlagInput, Journal, JournalEntry, JournalFlag, JournalInput, JournalPage, JournalSummary,
};
use confidant_core::nameguard::LeakWarning;
use confidant_core::packet_items::Exchange;
use confidant_core::packets::view::{
    IdentityCard, ImportOutcome, PacketPreview, PeerKey, SendCandidate, SendSource, SharedItem,
};
use confidant_core::packets::Packets;
use confidant_core::people::{People, Person, PersonInput, PersonSummary};
use confidant_core::records::{
    ActionItem, ActionStatus, AddendumInput, Agenda, AgendaItem, CaseHistory, RecordContent,
    RecordSummary, RecordToWrite, Records, SessionRecord,
};
use confidant_core::schedule::{
    CancelInput, Occurrence, OccurrenceChange, OccurrenceKey, OccurrenceList, PhasedCadence,
    SchedulablePerson, Schedule, ScheduleChange, ScheduleDefaults, Series, SeriesInput, SeriesList,
    SeriesPreview, SessionStatus, SessionTime,
};
use confidant_core::search::{SearchQuery, SearchResults, SearchStatus};
use confidant_core::settings::{Preferences, Settings, VaultSettings};
use confidant_core::subject_access::retention::{DisposalDue, RetentionPeriods, RetentionSettings};
use confidant_core::subject_access::{ErasurePreview, ErasureReport, SavedExport, SubjectAccess};
use confidant_core::vault::{
    AppStatus, BackupInfo, RekeyKind, RekeyReport, RekeyStarted, Restored, Role, SetupStarted,
};
use confidant_core::wellbeing::{
    self, GentlePrompt, ProqolDue, ProqolList, ProqolQuestions, ProqolResult, TrendPeriod,
    Wellbeing, WellbeingCheckIn, WellbeingCheckInInput, WellbeingCheckInList, WellbeingTrendPoint,
};
use confidant_core::AppError;

use crate::dialogs::{self, ImportFile};
use crate::dialogs_backup;
use crate::dialogs_evaluations;
use crate::dialogs_packets::{self, SentPacket};
use crate::dialogs_restore;
use crate::dialogs_subject_access;
use crate::state::{AppState, PacketOpen};

type Reply<T> = Result<T, AppError>;

/// The type of what Tauri passes a handler besides the webview's arguments.
macro_rules! context_type {
    (state) => { tauri::State<'_, AppState> };
    (app) => { tauri::AppHandle };
}

/// Defines one `#[tauri::command]` per entry of the list.
macro_rules! define_commands {
    ($(
        $(#[$meta:meta])*
        $name:ident [$($ctx:ident),*] ($($arg:ident : $ty:ty),* $(,)?) -> $ret:ty $body:block
    )*) => {$(
        $(#[$meta])*
        #[tauri::command]
        pub async fn $name($($ctx: context_type!($ctx),)* $($arg: $ty),*) -> Reply<$ret> $body
    )*};
}

command_list!(define_commands);

#[cfg(test)]
mod tests {

    use std::collections::BTreeSet;
    use std::path::Path;

    /// The names of the commands in the list.
    macro_rules! names {
        ($(
            $(#[$meta:meta])*
            $name:ident [$($ctx:ident),*] ($($arg:ident : $ty:ty),* $(,)?) -> $ret:ty $body:block
        )*) => {
            vec![$(stringify!($name)),*]
        };
    }

    /// What the capability grants besides the app's own commands.
    const OTHER_PERMISSIONS: &[&str] = &[
        "core:event:allow-listen",
        "core:event:allow-unlisten",
        "core:window:allow-destroy",
    ];

    fn commands() -> Vec<&'static str> {
        command_list!(names)
    }

    fn allow(command: &str) -> String {
        format!("allow-{}", command.replace('_', "-"))
    }

    #[test]
    fn the_capability_grants_exactly_the_listed_commands() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("capabilities/main.json");
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).expect("test setup"))
                .expect("test setup");
        let granted: Vec<&str> = json["permissions"]
            .as_array()
            .expect("test setup")
            .iter()
            .map(|p| p.as_str().expect("test setup"))
            .collect();
        let granted_set: BTreeSet<&str> = granted.iter().copied().collect();
        assert_eq!(
            granted.len(),
            granted_set.len(),
            "a permission is listed twice"
        );
        let expected: BTreeSet<String> = commands()
            .iter()
            .map(|c| allow(c))
            .chain(OTHER_PERMISSIONS.iter().map(|p| p.to_string()))
            .collect();
        let granted: BTreeSet<String> = granted_set.iter().map(|p| p.to_string()).collect();
        let missing: Vec<_> = expected.difference(&granted).collect();
        let extra: Vec<_> = granted.difference(&expected).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "capabilities/main.json drifted from src/command_list.rs: \
             missing {missing:?}, not in the list {extra:?}"
        );
    }

    #[test]
    fn every_command_has_its_permission_file_and_no_other_exists() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("permissions/autogenerated");
        let files: BTreeSet<String> = std::fs::read_dir(&dir)
            .expect("test setup")
            .map(|e| {
                e.expect("test setup")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        let expected: BTreeSet<String> = commands().iter().map(|c| format!("{c}.toml")).collect();
        assert_eq!(files, expected, "permission files in {}", dir.display());
        for command in commands() {
            let toml =
                std::fs::read_to_string(dir.join(format!("{command}.toml"))).expect("test setup");
            let identifier = format!("identifier = \"{}\"", allow(command));
            let grants = format!("commands.allow = [\"{command}\"]");
            assert!(
                toml.contains(&identifier) && toml.contains(&grants),
                "{command}.toml does not allow {command}:\n{toml}"
            );
        }
    }

    #[test]
    fn command_names_are_unique() {
        let all = commands();
        let unique: BTreeSet<_> = all.iter().collect();
        assert_eq!(all.len(), unique.len());
    }
}
