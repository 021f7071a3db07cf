//! Generates `ui/src/lib/api/commands.gen.ts`, one typed TypeScript wrapper
//! per command of `src/command_list.rs`, and fails when the committed file
//! has drifted. Run with `UPDATE_BINDINGS=1` to rewrite it. Needs the `ts`
//! feature (TypeScript names of the Rust types, through ts-rs):
//! `cargo test --workspace --features tauri/custom-protocol,confidant/ts --test command_list`.

use chrono::{DateTime, NaiveDate, Utc};
use confidant_app::{ImportFile, PacketOpen, SentPacket};
use confidant_core::agreements::{
    AcknowledgementInput, Agreement, AgreementContent, AgreementSummary, PartyDetails, ReviewDue,
};
use confidant_core::audit::SecurityLog;
use confidant_core::backup::{BackupReport, BackupSchedule, BackupStatus, FoundBackup};
use confidant_core::contacts::{ContactInput, ContactNote};
use confidant_core::evaluations::{
    CheckList, CompetencyArea, Ending, EndingInput, Evaluation, EvaluationForm, EvaluationInput,
    EvaluationList, SupervisionCheck, SupervisionCheckInput, SupervisionFunction,
    TerminationSummary,
};
use confidant_core::exception_log::{ExceptionEntry, ExceptionInput};
use confidant_core::file_check::FileCheck;
use confidant_core::goals::{
    CheckInInput, CoachingInput, CoachingList, CoachingRecord, GoalDetail, GoalFields, GoalList,
    GoalStatus, GoalSummary, Skill, StageHistory, StageInput,
};
use confidant_core::hours::{
    AdjustmentInput, HoursBook, ManualEntryInput, PracticeWeekInput, Reconciliation, SignOffInput,
    TheirCountInput,
};
use confidant_core::hours_rules::{Profile, ProfileList, Progress};
use confidant_core::ics::{ExportOptions, IcsExport, ImportCommit, ImportOptions, ImportResult};
use confidant_core::invoices::{Invoice, InvoiceRequest, InvoiceSummary};
use confidant_core::journal::{
    FlagInput, JournalEntry, JournalFlag, JournalInput, JournalPage, JournalSummary,
};
use confidant_core::nameguard::LeakWarning;
use confidant_core::packets::view::{
    IdentityCard, ImportOutcome, PacketPreview, PeerKey, SendCandidate, SendSource, SharedItem,
};
use confidant_core::people::{Person, PersonInput, PersonSummary};
use confidant_core::records::{
    ActionItem, ActionStatus, AddendumInput, Agenda, AgendaItem, CaseHistory, RecordContent,
    RecordSummary, RecordToWrite, SessionRecord,
};
use confidant_core::schedule::{
    CancelInput, Occurrence, OccurrenceChange, OccurrenceKey, OccurrenceList, PhasedCadence,
    SchedulablePerson, ScheduleChange, ScheduleDefaults, Series, SeriesInput, SeriesList,
    SeriesPreview, SessionStatus, SessionTime,
};
use confidant_core::search::{SearchQuery, SearchResults, SearchStatus};
use confidant_core::settings::{Preferences, Settings};
use confidant_core::subject_access::retention::{DisposalDue, RetentionPeriods, RetentionSettings};
use confidant_core::subject_access::{ErasurePreview, ErasureReport, SavedExport};
use confidant_core::vault::{
    AppStatus, BackupInfo, RekeyKind, RekeyReport, RekeyStarted, Restored, Role, SetupStarted,
};
use confidant_core::wellbeing::{
    GentlePrompt, ProqolDue, ProqolList, ProqolQuestions, ProqolResult, TrendPeriod,
    WellbeingCheckIn, WellbeingCheckInInput, WellbeingCheckInList, WellbeingTrendPoint,
};
use ts_rs::{Config, TS};

include!("../src/command_list_more.rs");
include!("../src/command_list.rs");

/// One command as the webview sees it.
struct Command {
    name: &'static str,
    docs: Vec<String>,
    /// Argument names (snake_case) and TypeScript types.
    args: Vec<(&'static str, String)>,
    returns: String,
}

/// The list's commands with the TypeScript names of their types. The
/// handler's context (`[state]`, `[app]`) and the bodies are not part of the
/// webview's view and are dropped.
macro_rules! described {
    ($(
        $(#[$meta:meta])*
        $name:ident [$($ctx:ident),*] ($($arg:ident : $ty:ty),* $(,)?) -> $ret:ty $body:block
    )*) => {
        |cfg: &Config| vec![$(Command {
            name: stringify!($name),
            docs: vec![$(stringify!($meta).to_string()),*],
            args: vec![$((stringify!($arg), <$ty as TS>::name(cfg))),*],
            returns: <$ret as TS>::name(cfg),
        }),*]
    };
}

/// Types the app crate itself adds to the webview's API; declared in the
/// generated file (the core's types come from ../bindings).
fn app_types(cfg: &Config) -> Vec<(String, String)> {
    vec![
        (ImportFile::name(cfg), ImportFile::decl(cfg)),
        (SentPacket::name(cfg), SentPacket::decl(cfg)),
        (PacketOpen::name(cfg), PacketOpen::decl(cfg)),
    ]
}

/// The module the wrappers take `call` (invoke with errors normalised into
/// an `AppError`) from, relative to ui/src/lib/api/.
const CALL_MODULE: &str = "./ipc";

fn camel(snake: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// The type names a TypeScript type expression refers to (`Array<Role>`
/// refers to `Role`; built-ins are left out).
fn referenced(ts: &str, into: &mut std::collections::BTreeSet<String>) {
    const BUILT_IN: &[&str] = &["Array", "Record", "Partial"];
    for word in ts.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')) {
        if word.starts_with(|c: char| c.is_ascii_uppercase()) && !BUILT_IN.contains(&word) {
            into.insert(word.to_string());
        }
    }
}

/// `doc = r" text"` (a doc comment as `stringify!` gives it) → `text`.
fn doc_text(meta: &str) -> Option<String> {
    let rest = meta
        .strip_prefix("doc")?
        .trim_start()
        .strip_prefix('=')?
        .trim();
    let rest = rest.strip_prefix('r').unwrap_or(rest);
    let hashes = rest.len() - rest.trim_start_matches('#').len();
    let rest = &rest[hashes..rest.len() - hashes];
    let inner = rest.strip_prefix('"')?.strip_suffix('"')?;
    Some(inner.trim().to_string())
}

/// `text` without its `/* ... */` comments (ts-rs writes doc comments so).
fn without_comments(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        rest = rest[start..]
            .find("*/")
            .map_or("", |end| &rest[start + end + 2..]);
    }
    out.push_str(rest);
    out
}

fn generate() -> String {
    let cfg = Config::new();
    let commands = command_list!(described)(&cfg);
    let local = app_types(&cfg);

    let mut imports = std::collections::BTreeSet::new();
    for c in &commands {
        referenced(&c.returns, &mut imports);
        for (_, ty) in &c.args {
            referenced(ty, &mut imports);
        }
    }
    for (_, decl) in &local {
        referenced(&without_comments(decl), &mut imports);
    }
    for (name, _) in &local {
        imports.remove(name);
    }

    let mut out = String::from(
        "// Generated from the command list in src-tauri/src/command_list.rs by the\n\
         // `command_list` test (cargo test --workspace --features\n\
         // tauri/custom-protocol,confidant/ts --test command_list).\n\
         // Do not edit: set UPDATE_BINDINGS=1 and run the test to regenerate.\n\n",
    );
    out.push_str(&format!("import {{ call }} from '{CALL_MODULE}';\n"));
    out.push_str("import type {\n");
    for name in &imports {
        out.push_str(&format!("  {name},\n"));
    }
    out.push_str("} from '../bindings';\n");
    for (_, decl) in &local {
        out.push_str(&format!("\nexport {decl}\n"));
    }
    for c in &commands {
        out.push('\n');
        let docs: Vec<String> = c.docs.iter().filter_map(|m| doc_text(m)).collect();
        if !docs.is_empty() {
            out.push_str("/**\n");
            for line in &docs {
                out.push_str(&format!(" * {line}\n"));
            }
            out.push_str(" */\n");
        }
        let params: Vec<String> = c
            .args
            .iter()
            .map(|(name, ty)| format!("{}: {ty}", camel(name)))
            .collect();
        let keys: Vec<String> = c.args.iter().map(|(name, _)| camel(name)).collect();
        out.push_str(&format!(
            "export function {}({}): Promise<{}> {{\n",
            camel(c.name),
            params.join(", "),
            c.returns
        ));
        if keys.is_empty() {
            out.push_str(&format!("  return call<{}>('{}');\n", c.returns, c.name));
        } else {
            out.push_str(&format!(
                "  return call<{}>('{}', {{ {} }});\n",
                c.returns,
                c.name,
                keys.join(", ")
            ));
        }
        out.push_str("}\n");
    }
    out
}

#[test]
fn typescript_command_wrappers_are_up_to_date() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/api/commands.gen.ts");
    let fresh = generate();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, &fresh).expect("write commands.gen.ts");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "ui/src/lib/api/commands.gen.ts is out of date with src-tauri/src/command_list.rs.\n\
         Run: UPDATE_BINDINGS=1 cargo test --workspace --features tauri/custom-protocol,confidant/ts --test command_list\n\
         --- expected ---\n{fresh}"
    );
}

#[test]
fn doc_comments_and_type_names_are_read_back() {
    assert_eq!(
        doc_text(r#"doc = r" Asks where.""#).as_deref(),
        Some("Asks where.")
    );
    assert_eq!(doc_text(r#"doc = " Plain""#).as_deref(), Some("Plain"));
    assert_eq!(
        doc_text(r##"doc = r#" Has "quotes""#"##).as_deref(),
        Some("Has \"quotes\"")
    );
    let mut names = std::collections::BTreeSet::new();
    referenced(
        &without_comments("{ /** Names it */ a: Array<Role> | null, b: Settings }"),
        &mut names,
    );
    assert_eq!(names.into_iter().collect::<Vec<_>>(), ["Role", "Settings"]);
}

#[test]
fn camel_case_matches_tauri_argument_names() {
    assert_eq!(camel("person_id"), "personId");
    assert_eq!(camel("new_passcode"), "newPasscode");
    assert_eq!(camel("journal_list"), "journalList");
    assert_eq!(camel("id"), "id");
}
