//! The verification letter of supervision hours, as a
//! [`crate::pdf::Document`]: the supervisor's details (from Settings), the
//! supervisee, the period, the hours by form and in total, a statement and
//! a signature line. No clinical content: no goals, ratings, comments,
//! records or case references.

use std::path::Path;

use chrono::{DateTime, Utc};

use super::types::TerminationSummary;
use super::Evaluations;
use crate::error::{Error, Result};
use crate::party::PartyDetails;
use crate::pdf::{self, Block, Column, Document, Table};
use crate::settings::{DateOrder, VaultSettings};

/// The people a verification letter names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LetterParties {
    /// The supervisor (the vault's owner, from Settings).
    pub supervisor: PartyDetails,
    /// The supervisee's name.
    pub supervisee_name: String,
    /// The supervisee's professional role.
    pub supervisee_role: String,
    /// The supervisee's licence or registration number.
    pub supervisee_licence_number: String,
    /// The body that issued it.
    pub supervisee_licence_body: String,
}

/// Minutes as decimal hours with two places ("12.50").
pub(super) fn hours(minutes: u32) -> String {
    let hundredths = (u64::from(minutes) * 100 + 30) / 60;
    format!("{}.{:02}", hundredths / 100, hundredths % 100)
}

fn licence(number: &str, body: &str) -> String {
    match (number.trim(), body.trim()) {
        ("", "") => "Not given".into(),
        (n, "") => n.to_string(),
        ("", b) => b.to_string(),
        (n, b) => format!("{n} ({b})"),
    }
}

/// The letter for `summary`. `printed` is the printing date; `order` the
/// user's date order. The metadata title names no one.
pub fn letter_document(
    parties: &LetterParties,
    summary: &TerminationSummary,
    printed: DateTime<Utc>,
    order: DateOrder,
) -> Document {
    let date = |d| pdf::long_date(d, order);
    let s = &parties.supervisor;
    let (period, in_words) = match summary.start_date {
        Some(start) => (
            format!("{} to {}", date(start), date(summary.end_date)),
            format!("from {} to {}", date(start), date(summary.end_date)),
        ),
        None => (
            format!("Up to {}", date(summary.end_date)),
            format!("up to {}", date(summary.end_date)),
        ),
    };
    let mut supervisor = vec![("Supervisor", s.name.clone())];
    if !s.professional_role.trim().is_empty() {
        supervisor.push(("Professional role", s.professional_role.clone()));
    }
    if !s.organisation.trim().is_empty() {
        supervisor.push(("Organisation", s.organisation.clone()));
    }
    supervisor.push(("Licence", licence(&s.licence_number, &s.licence_body)));
    let mut supervisee = vec![("Supervisee", parties.supervisee_name.clone())];
    if !parties.supervisee_role.trim().is_empty() {
        supervisee.push(("Professional role", parties.supervisee_role.clone()));
    }
    supervisee.push((
        "Licence",
        licence(
            &parties.supervisee_licence_number,
            &parties.supervisee_licence_body,
        ),
    ));
    supervisee.push(("Period", period.clone()));

    let total = hours(summary.total_minutes);
    let sessions = summary.sessions_held;
    let mut rows: Vec<Vec<String>> = summary
        .hours_by_form
        .iter()
        .map(|f| {
            vec![
                f.form.label().to_string(),
                f.sessions.to_string(),
                hours(f.minutes),
            ]
        })
        .collect();
    rows.push(vec![
        "Total".into(),
        summary
            .hours_by_form
            .iter()
            .map(|f| f.sessions)
            .sum::<u32>()
            .to_string(),
        total.clone(),
    ]);
    let column = |title: &str, share: f32| Column {
        title: title.into(),
        share,
        bold: false,
    };

    let blocks = vec![
        Block::key_values(supervisor),
        Block::Spacer(6.0),
        Block::key_values(supervisee),
        Block::heading(1, "Supervision hours"),
        Block::paragraph(format!(
            "This letter verifies that {} received clinical supervision from me, {}, {in_words}: {} held {} and {} hours of supervision in all.",
            parties.supervisee_name,
            s.name,
            sessions,
            if sessions == 1 { "session" } else { "sessions" },
            total
        )),
        Block::Table(Table {
            columns: vec![
                column("Form of supervision", 2.0),
                column("Sessions", 1.0),
                column("Hours", 1.0),
            ],
            rows,
        }),
        Block::heading(1, "Statement"),
        Block::paragraph(
            "I confirm that, to the best of my knowledge, the hours above are a true record of the supervision I provided, counted from the sessions recorded as held. Hours are decimal (0.50 is thirty minutes).",
        ),
        Block::Spacer(24.0),
        Block::paragraph("Signature: ____________________________________"),
        Block::Spacer(6.0),
        Block::paragraph(format!("Name: {}", s.name)),
        Block::Spacer(6.0),
        Block::paragraph("Date: ____________________"),
    ];
    Document {
        title: "Verification of supervision hours".into(),
        subtitle: vec![format!("Printed {}", date(printed.date_naive()))],
        header: None,
        footer: vec![format!(
            "Verification of supervision hours · {period} · Printed {}",
            date(printed.date_naive())
        )],
        blocks,
        metadata_title: "Verification of supervision hours".into(),
        created: Some(printed),
    }
}

impl Evaluations<'_> {
    /// The verification letter of a supervisee whose supervision has
    /// ended (bytes; nothing is written to disk). Needs the supervisor's
    /// name in Settings.
    pub fn letter_pdf(&mut self, person_id: &str, now: DateTime<Utc>) -> Result<Vec<u8>> {
        let person = self.supervisee(person_id)?;
        let ending = self.ending(&person.id)?.ok_or_else(|| {
            Error::InvalidInput(
                "Confirm the ending first: the letter covers supervision up to the ending date."
                    .into(),
            )
        })?;
        let settings = VaultSettings::of(self.vault).get()?;
        if settings.profile.name.trim().is_empty() {
            return Err(Error::InvalidInput(
                "Add your name to your profile in Settings first: the letter is signed in your name.".into(),
            ));
        }
        let parties = LetterParties {
            supervisor: settings.profile,
            supervisee_name: person.fields.name,
            supervisee_role: person.fields.professional_role,
            supervisee_licence_number: person.fields.licence_number,
            supervisee_licence_body: person.fields.licence_body,
        };
        pdf::render(&letter_document(
            &parties,
            &ending.summary,
            now,
            settings.preferences.date_order,
        ))
    }

    /// Writes the verification letter to `path`, a file the user chose
    /// (an absolute path). The file appears complete or not at all.
    pub fn save_letter(&mut self, person_id: &str, path: &Path, now: DateTime<Utc>) -> Result<()> {
        if !path.is_absolute() || path.file_name().is_none() {
            return Err(Error::InvalidInput(
                "Choose a file to save the verification letter to.".into(),
            ));
        }
        let bytes = self.letter_pdf(person_id, now)?;
        crate::files::write_private_atomic(path, &bytes)?;
        crate::audit::record(
            self.vault,
            crate::audit::AuditEvent::ExportWritten,
            "evaluation letter PDF",
            now,
        )
    }
}
