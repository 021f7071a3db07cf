//! A person's data rights: the subject-access export, retention periods
//! and erasure.
//!
//! * **Export** ([`SubjectAccess::export`], [`SubjectAccess::save`]): a
//!   person's complete record — details, agreements (every version with its
//!   acknowledgements), sessions (occurrences with status and
//!   cancellation), session records and their addenda (a group record as
//!   that member sees it: the group's parts plus their own note),
//!   consultations (case references, as the records module gives them),
//!   the confidentiality-exception log with its addenda, contact notes,
//!   goals with check-ins, development stage, coaching, and the hours
//!   ledger — as one JSON document with a versioned schema
//!   (`docs/subject-access.schema.json`, explained in
//!   `docs/SUBJECT-ACCESS.md`) plus one PDF of the same content. Both are
//!   written only to the place the user chose, and are **not encrypted**.
//! * **Retention** ([`retention`]): how many years each kind of record is
//!   kept after the relationship ends (sealed), and who is due for disposal
//!   on a given day.
//! * **Erasure** ([`SubjectAccess::erase`]): deletes the person's rows from
//!   every table family through each store's `delete_of_person` and
//!   destroys their data key (crypto-shredding), in one transaction, then
//!   wipes the write-ahead log. The confidentiality-exception log's rows
//!   cannot be deleted (its triggers refuse it): they are shredded by the
//!   key's destruction and stay as unreadable ids and timestamps.
//!
//! Everything here reads other domains through their public functions;
//! the only tables it owns are the retention policy's.

mod erase;
mod gather;
mod pdf;
pub mod retention;

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::agreements::Agreement;
use crate::contacts::ContactNote;
use crate::error::{Error, Result};
use crate::evaluations::{Ending, Evaluation, SupervisionCheck};
use crate::exception_log::ExceptionEntry;
use crate::goals::{CoachingList, GoalDetail, StageHistory};
use crate::hours::{Ledger, SignOff};
use crate::invoices::Invoice;
use crate::packets::view::SharedItem;
use crate::people::Person;
use crate::records::{CaseHistory, SessionRecord};
use crate::schedule::Occurrence;
use crate::vault::Vault;

pub use erase::{ErasurePreview, ErasureReport, CANNOT_REACH};
pub use pdf::export_document;

/// The version of the export's JSON schema. Raised whenever a field is
/// removed or changes meaning; added fields keep it.
pub const SCHEMA_VERSION: u32 = 1;

/// The app version written into every export.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

/// A person's complete record, as exported (see the module documentation
/// and `docs/subject-access.schema.json`).
#[derive(Debug, Clone, Serialize)]
pub struct SubjectAccessExport {
    /// [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// When the export was made.
    pub exported_at: DateTime<Utc>,
    /// The Confidant version that made it.
    pub app_version: String,
    /// The person's details.
    pub person: Person,
    /// Every version of every agreement, oldest first, with acknowledgements.
    pub agreements: Vec<Agreement>,
    /// Their sessions and their groups' sessions, by start.
    pub sessions: Vec<Occurrence>,
    /// Records of their own sessions, newest first, with addenda.
    pub session_records: Vec<SessionRecord>,
    /// Final records of their groups' sessions as they see them (the
    /// group's parts and their own note and addenda only).
    pub group_session_records: Vec<SessionRecord>,
    /// Their case references with the consultations of each.
    pub consultations: Vec<CaseHistory>,
    /// The confidentiality-exception log about them, with addenda.
    pub exception_log: Vec<ExceptionEntry>,
    /// Between-session contact notes.
    pub contact_notes: Vec<ContactNote>,
    /// Goals, each with its check-ins and timeline.
    pub goals: Vec<GoalDetail>,
    /// Development stage and its history (empty for people the owner does
    /// not supervise).
    pub development_stage: Option<StageHistory>,
    /// Coaching records (empty for people the owner does not supervise).
    pub coaching: Option<CoachingList>,
    /// The hours ledger.
    pub hours: Ledger,
    /// Hours sign-offs (each with the items as signed, any reopening and
    /// corrections).
    pub hours_sign_offs: Vec<SignOff>,
    /// Midpoint and final evaluations (empty for people the owner does not
    /// supervise).
    pub evaluations: Vec<Evaluation>,
    /// Checks on how supervision is going, from both sides.
    pub supervision_checks: Vec<SupervisionCheck>,
    /// The ending of the supervision relationship, if it has ended.
    pub ending: Option<Ending>,
    /// Invoices addressed to this person.
    pub invoices: Vec<Invoice>,
    /// Items exchanged with them by packet, both ways, newest first (a
    /// withdrawn item that was sent shows when it was withdrawn).
    pub shared_items: Vec<SharedItem>,
    /// Items that failed their integrity check and so could not be
    /// included, in plain words (none in a healthy vault).
    pub unreadable: Vec<String>,
}

/// The two files a saved export was written to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SavedExport {
    /// The JSON file's full path.
    pub json_path: String,
    /// The PDF file's full path (beside it, same name).
    pub pdf_path: String,
}

/// The file name offered for an export: the date, never a name.
pub fn export_file_name(now: DateTime<Utc>) -> String {
    format!("Subject access export {}.json", now.format("%Y-%m-%d"))
}

/// The JSON and PDF paths for a path the user chose: the PDF has the same
/// name with `.pdf`; a chosen name ending in `.pdf` gets `.json` for the
/// JSON file.
pub fn export_paths(chosen: &Path) -> (PathBuf, PathBuf) {
    let is_pdf = chosen
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
    let json = if is_pdf {
        chosen.with_extension("json")
    } else {
        chosen.to_path_buf()
    };
    let pdf = json.with_extension("pdf");
    (json, pdf)
}

/// Data rights of one vault.
pub struct SubjectAccess<'a> {
    vault: &'a mut Vault,
}

impl<'a> SubjectAccess<'a> {
    /// The data rights handle of `vault`.
    pub fn of(vault: &'a mut Vault) -> Self {
        SubjectAccess { vault }
    }

    /// Everything about person `person_id` (a person, not a group or an
    /// organisation), as of `now`.
    pub fn export(&mut self, person_id: &str, now: DateTime<Utc>) -> Result<SubjectAccessExport> {
        gather::gather(self.vault, person_id, now)
    }

    /// The export as pretty-printed UTF-8 JSON.
    pub fn json(&mut self, person_id: &str, now: DateTime<Utc>) -> Result<Vec<u8>> {
        let export = self.export(person_id, now)?;
        to_json(&export)
    }

    /// Writes the export to `chosen` (JSON) and the PDF beside it with the
    /// same name (see [`export_paths`]); `chosen` is a file the user picked
    /// (an absolute path). Each file appears complete or not at all; the
    /// PDF replaces a file of that name. Neither file is encrypted.
    pub fn save(
        &mut self,
        person_id: &str,
        chosen: &Path,
        now: DateTime<Utc>,
    ) -> Result<SavedExport> {
        if !chosen.is_absolute() || chosen.file_name().is_none() {
            return Err(Error::InvalidInput(
                "Choose a file to save the export to.".into(),
            ));
        }
        let export = self.export(person_id, now)?;
        let json = to_json(&export)?;
        let order = crate::settings::VaultSettings::of(self.vault)
            .preferences()?
            .date_order;
        let pdf = crate::pdf::render(&export_document(&export, order))?;
        let (json_path, pdf_path) = export_paths(chosen);
        crate::files::write_private_atomic(&json_path, &json)?;
        crate::files::write_private_atomic(&pdf_path, &pdf)?;
        crate::audit::record(
            self.vault,
            crate::audit::AuditEvent::ExportWritten,
            "subject-access export (JSON and PDF)",
            now,
        )?;
        Ok(SavedExport {
            json_path: json_path.display().to_string(),
            pdf_path: pdf_path.display().to_string(),
        })
    }
}

fn to_json(export: &SubjectAccessExport) -> Result<Vec<u8>> {
    let mut out = serde_json::to_vec_pretty(export).map_err(|e| Error::Internal(e.to_string()))?;
    out.push(b'\n');
    Ok(out)
}
