//! [`HoursExport`]: a person's hours export gathered from the vault and
//! written where the user chose.

use std::path::Path;

use chrono::{DateTime, Datelike, NaiveDate, Utc};

use super::{csv, document, HoursExportInput, SignOffBlock, Signatory};
use crate::error::{Error, Result};
use crate::hours::{Hours, Ledger};
use crate::hours_rules::{evaluate, HoursRules};
use crate::pdf::{self, Document};
use crate::people::People;
use crate::settings::VaultSettings;
use crate::vault::Vault;

/// A rule profile's summary: (label, value) lines.
type SummaryLines = Vec<(String, String)>;

/// Hours exports of an unlocked vault.
pub struct HoursExport<'a> {
    vault: &'a mut Vault,
}

/// The period as the file names give it: months when it runs from the
/// first of a month to the last of a month ("2026-01-to-2026-03"; one
/// month: "2026-01"), whole dates otherwise.
fn period_stem(from: NaiveDate, to: NaiveDate) -> String {
    let whole_months = from.day() == 1 && to.succ_opt().is_none_or(|d| d.day() == 1);
    if whole_months {
        let (a, b) = (from.format("%Y-%m"), to.format("%Y-%m"));
        if (from.year(), from.month()) == (to.year(), to.month()) {
            a.to_string()
        } else {
            format!("{a}-to-{b}")
        }
    } else {
        format!("{}-to-{}", from.format("%Y-%m-%d"), to.format("%Y-%m-%d"))
    }
}

/// The file name offered for the CSV ("hours-2026-01-to-2026-03.csv"); it
/// names no one.
pub fn csv_file_name(from: NaiveDate, to: NaiveDate) -> String {
    format!("hours-{}.csv", period_stem(from, to))
}

/// The file name offered for the PDF ("hours-2026-01-to-2026-03.pdf"); it
/// names no one.
pub fn pdf_file_name(from: NaiveDate, to: NaiveDate) -> String {
    format!("hours-{}.pdf", period_stem(from, to))
}

fn check_path(path: &Path) -> Result<()> {
    if !path.is_absolute() || path.file_name().is_none() {
        return Err(Error::InvalidInput(
            "Choose a file to save the hours to.".into(),
        ));
    }
    Ok(())
}

impl<'a> HoursExport<'a> {
    /// The hours exports of `vault`.
    pub fn of(vault: &'a mut Vault) -> Self {
        HoursExport { vault }
    }

    /// What the exports of `person_id`'s hours from `from` to `to`
    /// (inclusive) print: their ledger up to `now`, their name and licence
    /// from their people record, the owner (from Settings) as supervisor,
    /// and the sign-off in force that covers the whole period, if any (its
    /// typed name, date and content hash fill the sign-off block).
    ///
    /// Errors: [`Error::InvalidInput`] when `to` is before `from`, a date
    /// is outside the years the app accepts, or the record is a group or
    /// an organisation; [`Error::NotFound`] for an
    /// unknown person.
    pub fn input(
        &mut self,
        person_id: &str,
        from: NaiveDate,
        to: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<HoursExportInput> {
        crate::validate::date("The period's start", Some(from))?;
        crate::validate::date("The period's end", Some(to))?;
        if to < from {
            return Err(Error::InvalidInput(
                "The period ends before it starts. Choose an end date on or after the start date."
                    .into(),
            ));
        }
        let book = Hours::of(self.vault).book(person_id, now)?;
        // The sign-off block is filled in when one sign-off in force covers
        // the whole period; otherwise its lines are left blank to sign by hand.
        let sign_off = book
            .sign_offs
            .iter()
            .find(|s| s.reopened.is_none() && s.from <= from && to <= s.to)
            .map(|s| SignOffBlock {
                signed_by: s.signed_name.clone(),
                signed_on: s.signed_at.date_naive(),
                content_hash: s.content_hash.clone(),
            });
        let ledger = book.ledger;
        let (summary, profile_name) = self.summary(&ledger, to, now)?;
        let person = People::of(self.vault).get(&ledger.person_id)?.fields;
        let owner = VaultSettings::of(self.vault).owner_profile()?;
        Ok(HoursExportInput {
            ledger,
            from,
            to,
            person: Signatory {
                name: person.name,
                licence_number: person.licence_number,
                credential: person.professional_role,
            },
            supervisor: Signatory {
                name: owner.name,
                licence_number: owner.licence_number,
                credential: owner.professional_role,
            },
            sign_off,
            summary,
            profile_name,
        })
    }

    /// The summary of the rule profile chosen for the person (none when no
    /// profile is chosen), as of the period's end: the profile applied to
    /// the ledger up to `to`.
    fn summary(
        &mut self,
        ledger: &Ledger,
        to: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<(SummaryLines, Option<String>)> {
        let Some(id) = HoursRules::of(self.vault).person_profile(&ledger.person_id)? else {
            return Ok((Vec::new(), None));
        };
        let profile = HoursRules::of(self.vault).get(&id, now)?;
        let mut upto = ledger.clone();
        upto.supervision.retain(|i| i.date <= to);
        upto.practice.retain(|w| w.week_start <= to);
        let upto = HoursRules::of(self.vault).with_owner_name(upto)?;
        let progress = evaluate(&profile, &upto, to);
        let name = if profile.example {
            format!("{} (example profile)", progress.profile_name)
        } else {
            progress.profile_name
        };
        Ok((
            progress
                .summary
                .into_iter()
                .map(|l| (l.label, l.value))
                .collect(),
            Some(name),
        ))
    }

    /// The CSV of the period (bytes; nothing is written). See
    /// [`super::csv`].
    pub fn csv(
        &mut self,
        person_id: &str,
        from: NaiveDate,
        to: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<Vec<u8>> {
        Ok(csv(&self.input(person_id, from, to, now)?))
    }

    /// The PDF hours log's document; dates in the user's date order.
    pub fn document(
        &mut self,
        person_id: &str,
        from: NaiveDate,
        to: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<Document> {
        let input = self.input(person_id, from, to, now)?;
        let order = VaultSettings::of(self.vault).preferences()?.date_order;
        Ok(document(&input, now, order))
    }

    /// The PDF hours log (bytes; nothing is written).
    pub fn pdf(
        &mut self,
        person_id: &str,
        from: NaiveDate,
        to: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<Vec<u8>> {
        pdf::render(&self.document(person_id, from, to, now)?)
    }

    /// Writes the CSV to `path`, a file the user chose (an absolute path):
    /// complete or not at all, readable by its owner only. Not encrypted.
    pub fn save_csv(
        &mut self,
        person_id: &str,
        from: NaiveDate,
        to: NaiveDate,
        path: &Path,
        now: DateTime<Utc>,
    ) -> Result<()> {
        check_path(path)?;
        let bytes = self.csv(person_id, from, to, now)?;
        crate::files::write_private_atomic(path, &bytes)?;
        crate::audit::record(
            self.vault,
            crate::audit::AuditEvent::ExportWritten,
            "hours log CSV",
            now,
        )
    }

    /// Writes the PDF hours log to `path`, like [`HoursExport::save_csv`].
    pub fn save_pdf(
        &mut self,
        person_id: &str,
        from: NaiveDate,
        to: NaiveDate,
        path: &Path,
        now: DateTime<Utc>,
    ) -> Result<()> {
        check_path(path)?;
        let bytes = self.pdf(person_id, from, to, now)?;
        crate::files::write_private_atomic(path, &bytes)?;
        crate::audit::record(
            self.vault,
            crate::audit::AuditEvent::ExportWritten,
            "hours log PDF",
            now,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    #[test]
    fn file_names_give_the_period_and_no_name() {
        assert_eq!(
            csv_file_name(d(2026, 1, 1), d(2026, 3, 31)),
            "hours-2026-01-to-2026-03.csv"
        );
        assert_eq!(
            pdf_file_name(d(2026, 2, 1), d(2026, 2, 28)),
            "hours-2026-02.pdf"
        );
        assert_eq!(
            csv_file_name(d(2026, 1, 15), d(2026, 3, 31)),
            "hours-2026-01-15-to-2026-03-31.csv"
        );
        assert_eq!(
            csv_file_name(d(2026, 1, 1), d(2026, 3, 30)),
            "hours-2026-01-01-to-2026-03-30.csv"
        );
    }
}
