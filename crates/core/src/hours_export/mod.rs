//! Exports of a person's hours for a period: a CSV file for spreadsheets
//! and a PDF hours log with a sign-off block.
//!
//! The exports are pure functions of a [`HoursExportInput`] — the person's
//! [`Ledger`], the period, the names and licence numbers to print, and
//! (when given) the rule profile's summary and the sign-off — so the same
//! input always gives the same bytes: [`csv`] and [`document`] (rendered
//! with [`crate::pdf::render`]). The handle [`HoursExport::of`] gathers
//! that input from the vault (the ledger through
//! [`crate::hours::Hours::ledger`], the supervisee from their people
//! record, the supervisor from the owner's profile in Settings) and writes
//! the files the user chose.
//!
//! Only entries inside the period count: supervision dated `from..=to` and
//! practice weeks whose Monday is in `from..=to`.
//!
//! ## CSV
//!
//! RFC 4180: UTF-8 with a byte-order mark (EF BB BF) so spreadsheet apps
//! read the names right; records end with CRLF (the last one too); a field
//! is quoted when it holds a comma, a double quote, a CR or an LF, and a
//! double quote inside it is doubled. The first record is this header; each
//! further record is one supervision item or one practice week, oldest
//! first, supervision before practice.
//!
//! | # | Column | Supervision row | Practice-week row |
//! |---|--------|-----------------|-------------------|
//! | 1 | `kind` | `supervision` | `practice_week` |
//! | 2 | `date` | the day (ISO 8601, `2026-03-02`) | the week's Monday (ISO 8601) |
//! | 3 | `minutes` | length in whole minutes | empty |
//! | 4 | `hours` | the same in hours, two decimals (`1.50`; rounded half up) | empty |
//! | 5 | `form` | `individual`, `triadic`, `group` or `direct_observation` | empty |
//! | 6 | `group_size` | supervisees present (triadic, group); empty otherwise | empty |
//! | 7 | `source` | `session` (a held session) or `manual` (typed in) | `manual` |
//! | 8 | `supervisor_name` | the supervisor of record | empty |
//! | 9 | `supervisor_licence_number` | their licence number | empty |
//! | 10 | `supervisor_credential` | their credential (e.g. `LCSW`) | empty |
//! | 11 | `clinical_minutes` | empty | direct (clinical) minutes |
//! | 12 | `psychotherapy_minutes` | empty | of those, psychotherapy minutes |
//! | 13 | `non_clinical_minutes` | empty | non-clinical minutes |
//! | 14 | `setting` | empty | the work setting |
//! | 15 | `note` | a note on the item, if any | empty |
//! | 16 | `id` | the item's id | the week's id |
//!
//! **Formula injection.** A spreadsheet app treats a cell starting with
//! `=`, `+`, `-` or `@` (and, in some apps, a tab or a carriage return) as
//! a formula. Every cell whose first character is one of those six is
//! written with a single quote (`'`) in front of it, so `=HYPERLINK("x")`
//! becomes `'=HYPERLINK("x")` (see [`neutralise`]). Only the first
//! character is looked at; nothing else in the cell changes. Numbers are
//! never negative, so numeric cells are never changed.
//!
//! ## PDF
//!
//! See [`document`]: the title, the supervisee and supervisor with their
//! licence numbers and the period; the supervision entries as a table; the
//! practice weeks (when there are any); totals by form and by month; the
//! rule profile's summary (when given); and the sign-off block with both
//! names, licence numbers and lines to sign and date (and, once signed
//! off, who signed off, when, and the content hash). Every page carries
//! "Page n of m".

mod csv;
mod handle;
mod pdf;
mod totals;

use chrono::NaiveDate;

use crate::hours::Ledger;

pub use csv::{csv, neutralise, CSV_COLUMNS};
pub use handle::{csv_file_name, pdf_file_name, HoursExport};
pub use pdf::document;
pub use totals::{FormTotal, MonthTotal, Totals};

/// A person named on the export with their professional identity.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Signatory {
    /// Full name.
    pub name: String,
    /// Licence or registration number (empty when not known).
    pub licence_number: String,
    /// Credential or professional role (e.g. "LCSW"; empty when not known).
    pub credential: String,
}

/// A completed sign-off of the period, printed in the sign-off block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignOffBlock {
    /// Who signed off (the supervisor's name as they signed).
    pub signed_by: String,
    /// The day they signed off.
    pub signed_on: NaiveDate,
    /// The hash of the signed-off entries (hex).
    pub content_hash: String,
}

/// Everything an hours export needs, as plain data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HoursExportInput {
    /// The person's ledger; entries outside the period are left out.
    pub ledger: Ledger,
    /// First day of the period.
    pub from: NaiveDate,
    /// Last day of the period (inclusive).
    pub to: NaiveDate,
    /// The supervisee.
    pub person: Signatory,
    /// The supervisor of record for the log (the vault's owner); also the
    /// name printed for items whose supervisor is the owner.
    pub supervisor: Signatory,
    /// The sign-off of the period, once there is one.
    pub sign_off: Option<SignOffBlock>,
    /// The rule profile's summary lines (label, value), in order.
    pub summary: Vec<(String, String)>,
    /// The rule profile's name, when a profile applies.
    pub profile_name: Option<String>,
}

impl HoursExportInput {
    /// The supervision items inside the period, oldest first.
    pub fn supervision(&self) -> impl Iterator<Item = &crate::hours::SupervisionItem> {
        self.ledger
            .supervision
            .iter()
            .filter(move |i| i.date >= self.from && i.date <= self.to)
    }

    /// The practice weeks whose Monday is inside the period, oldest first.
    pub fn practice(&self) -> impl Iterator<Item = &crate::hours::PracticeWeek> {
        self.ledger
            .practice
            .iter()
            .filter(move |w| w.week_start >= self.from && w.week_start <= self.to)
    }

    /// The name of `item`'s supervisor: the log's supervisor for the
    /// owner's own items (the ledger leaves that name empty).
    pub fn supervisor_name<'a>(&'a self, item: &'a crate::hours::SupervisionItem) -> &'a str {
        if item.supervisor.is_owner && item.supervisor.name.trim().is_empty() {
            &self.supervisor.name
        } else {
            &item.supervisor.name
        }
    }
}

/// Whole minutes as hours with two decimals, rounded half up ("1.50",
/// "0.83").
pub fn decimal_hours(minutes: u64) -> String {
    let hundredths = (minutes * 100 + 30) / 60;
    format!("{}.{:02}", hundredths / 100, hundredths % 100)
}

#[cfg(test)]
mod tests {
    use super::decimal_hours;

    #[test]
    fn decimal_hours_round_half_up() {
        assert_eq!(decimal_hours(0), "0.00");
        assert_eq!(decimal_hours(60), "1.00");
        assert_eq!(decimal_hours(90), "1.50");
        assert_eq!(decimal_hours(50), "0.83");
        assert_eq!(decimal_hours(1), "0.02");
        assert_eq!(decimal_hours(45), "0.75");
        assert_eq!(decimal_hours(6000), "100.00");
    }
}
