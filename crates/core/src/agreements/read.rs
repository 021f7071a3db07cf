//! Reading: one version, a person's versions, the agreement in force, the
//! agreements due for review, and the printed PDF.

use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};

use super::body::{checked, load, summary, StoredBody};
use super::parties::{find_person, Found};
use super::pdf::render_pdf;
use super::validate::parse_id;
use super::{
    Agreement, AgreementStatus, AgreementSummary, Agreements, ReviewDue, MAX_REVIEW_WINDOW_DAYS,
};
use crate::error::{Error, Result};
use crate::settings::VaultSettings;
use crate::store::agreements as rows;

/// Whole days from `from` to `to`, saturating at the range of `i32`.
fn days_between(from: NaiveDate, to: NaiveDate) -> i32 {
    let days = (to - from).num_days();
    i32::try_from(days).unwrap_or(if days < 0 { i32::MIN } else { i32::MAX })
}

impl Agreements<'_> {
    /// One version, decrypted.
    pub fn get(&mut self, agreement_id: &str) -> Result<Agreement> {
        let id = parse_id("That agreement's", agreement_id)?;
        let u = self.vault.unlocked()?;
        load(u.conn, u.ring, &id)
    }

    /// Every version of the agreement with a person, newest first. A damaged
    /// version is listed with `damaged: true` rather than hiding the others.
    pub fn list(&mut self, person_id: &str) -> Result<Vec<AgreementSummary>> {
        let person_id = parse_id("That person's", person_id)?;
        let u = self.vault.unlocked()?;
        let name = match find_person(u.conn, u.ring, &person_id)? {
            Found::Missing => return Err(Error::NotFound("That person")),
            Found::Damaged => String::new(),
            Found::Person(p) => p.fields.name,
        };
        Ok(rows::of_person::<StoredBody>(u.conn, u.ring, &person_id)?
            .into_iter()
            .map(|row| summary(row, &name))
            .collect())
    }

    /// The agreement in force with a person: the latest acknowledged
    /// version, or `None` when nothing has been acknowledged yet.
    ///
    /// Versions are read newest first, skipping drafts. The first other
    /// version decides: an acknowledged one is the answer; a damaged one
    /// (unless it is stored as a draft) is an integrity error, since it may
    /// be the one in force; a superseded one with no acknowledged version
    /// after it means a version is missing, an integrity error too.
    pub fn current(&mut self, person_id: &str) -> Result<Option<Agreement>> {
        let person_id = parse_id("That person's", person_id)?;
        let u = self.vault.unlocked()?;
        if matches!(find_person(u.conn, u.ring, &person_id)?, Found::Missing) {
            return Err(Error::NotFound("That person"));
        }
        for row in rows::of_person::<StoredBody>(u.conn, u.ring, &person_id)? {
            let stored_as_draft = row.meta.status == AgreementStatus::Draft.as_str();
            match checked(row) {
                Ok(a) => match a.status {
                    AgreementStatus::Draft => continue,
                    AgreementStatus::Acknowledged => return Ok(Some(a)),
                    AgreementStatus::Superseded => return Err(Error::Integrity(rows::WHAT.into())),
                },
                Err(_) if stored_as_draft => continue,
                Err(e) => return Err(e),
            }
        }
        Ok(None)
    }

    /// Agreements in force (acknowledged, with people who are not archived)
    /// whose review date is past or falls within `within_days` of today,
    /// earliest first. "Today" is `now`'s UTC date; review dates are
    /// calendar dates. A damaged version is listed, flagged, with the date
    /// its row holds; it never fails the list.
    pub fn due_for_review(
        &mut self,
        now: DateTime<Utc>,
        within_days: u32,
    ) -> Result<Vec<ReviewDue>> {
        if within_days > MAX_REVIEW_WINDOW_DAYS {
            return Err(Error::InvalidInput(format!(
                "Look ahead at most {MAX_REVIEW_WINDOW_DAYS} days."
            )));
        }
        let today = now.date_naive();
        let cutoff = today
            .checked_add_days(chrono::Days::new(u64::from(within_days)))
            .ok_or_else(|| Error::InvalidInput("That date is out of range.".into()))?;
        let u = self.vault.unlocked()?;
        let rows = rows::due_for_review::<StoredBody>(u.conn, u.ring, cutoff)?;
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            // A person whose record is damaged may or may not be archived:
            // their agreement stays listed, without a name.
            let person_name = match find_person(u.conn, u.ring, &row.meta.person_id)? {
                Found::Person(p) if p.archived => continue,
                Found::Person(p) => p.fields.name,
                Found::Missing | Found::Damaged => String::new(),
            };
            let meta = row.meta.clone();
            let opened = checked(row);
            let review_date = match &opened {
                Ok(a) => a.content.review_date,
                Err(_) => meta.review_date,
            }
            .unwrap_or(today);
            out.push(ReviewDue {
                agreement_id: meta.id,
                person_id: meta.person_id,
                person_name,
                version: meta.version,
                review_date,
                days_until_review: days_between(today, review_date),
                damaged: opened.is_err(),
            });
        }
        Ok(out)
    }

    /// The PDF of one version (bytes; nothing is written to disk). `now`
    /// gives the printed date in the footer; dates are written in the
    /// date order of the user's preferences.
    pub fn pdf(&mut self, agreement_id: &str, now: DateTime<Utc>) -> Result<Vec<u8>> {
        let agreement = self.get(agreement_id)?;
        let order = VaultSettings::of(self.vault).preferences()?.date_order;
        render_pdf(&agreement, now, order)
    }

    /// Writes the PDF of one version to `path`, a file the user chose (an
    /// absolute path). The file appears complete or not at all.
    pub fn save_pdf(&mut self, agreement_id: &str, path: &Path, now: DateTime<Utc>) -> Result<()> {
        if !path.is_absolute() || path.file_name().is_none() {
            return Err(Error::InvalidInput(
                "Choose a file to save the agreement to.".into(),
            ));
        }
        let bytes = self.pdf(agreement_id, now)?;
        crate::files::write_private_atomic(path, &bytes)?;
        crate::audit::record(
            self.vault,
            crate::audit::AuditEvent::ExportWritten,
            "agreement PDF",
            now,
        )
    }
}
