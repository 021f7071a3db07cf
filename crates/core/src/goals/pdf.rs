//! Printing a goal's history to PDF, as a [`crate::pdf::Document`]: the
//! goal (title, whose it is or "Own development", term, target date,
//! status, skills, description), then its timeline in date order — when it
//! was set, check-ins with their rating ("3 of 5"), progress note and
//! evidence, status changes with their reasons, edits, and coaching that is
//! evidence for it. Dates follow the user's date order; the footer carries
//! "Page n of m" on every page.

use std::path::Path;

use chrono::{DateTime, Utc};

use super::{load, CoachingMethod, EvidenceKind, GoalDetail, GoalStatus, GoalTerm, Goals};
use super::{TimelineEvent, RATINGS};
use crate::error::{Error, Result};
use crate::pdf::{self, Block, Document};
use crate::people::People;
use crate::settings::{DateOrder, VaultSettings};

/// The names a goal's history refers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoalNames {
    /// The supervisee's name; `None` for the owner's own development.
    pub person: Option<String>,
    /// Skill names by skill id (a skill that cannot be read is left out).
    pub skills: Vec<(String, String)>,
}

fn term_label(t: GoalTerm) -> &'static str {
    match t {
        GoalTerm::Short => "Short-term",
        GoalTerm::Long => "Long-term",
    }
}

fn status_label(s: GoalStatus) -> &'static str {
    match s {
        GoalStatus::Active => "Active",
        GoalStatus::Achieved => "Achieved",
        GoalStatus::Revised => "Revised",
        GoalStatus::Dropped => "Dropped",
    }
}

fn evidence_label(k: EvidenceKind) -> &'static str {
    match k {
        EvidenceKind::CaseNote => "Case note",
        EvidenceKind::ClientFeedback => "Client feedback",
        EvidenceKind::Outcome => "Outcome",
        EvidenceKind::DirectObservation => "Direct observation",
        EvidenceKind::CaseReview => "Case review",
        EvidenceKind::RolePlay => "Role play",
    }
}

fn method_label(m: CoachingMethod) -> &'static str {
    match m {
        CoachingMethod::RolePlay => "Role play",
        CoachingMethod::CaseScenarioAnalysis => "Case scenario analysis",
        CoachingMethod::ProblemSolvingExercise => "Problem-solving exercise",
        CoachingMethod::DirectObservation => "Direct observation",
        CoachingMethod::CaseReview => "Case review",
    }
}

/// "a, b and c".
fn list_words(words: &[String]) -> String {
    match words {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// The document for a goal's history. `printed` is the printing date
/// (footer and metadata); `order` the user's date order. The metadata
/// title names no one.
pub fn goal_document(
    detail: &GoalDetail,
    names: &GoalNames,
    printed: DateTime<Utc>,
    order: DateOrder,
) -> Document {
    let date = |d| pdf::long_date(d, order);
    let skill = |id: &str| {
        names
            .skills
            .iter()
            .find(|(i, _)| i == id)
            .map_or("A skill that cannot be shown", |(_, n)| n.as_str())
            .to_string()
    };
    let goal = &detail.summary.goal;
    let f = &goal.fields;
    let whose = names
        .person
        .clone()
        .unwrap_or_else(|| "Own development".into());

    let mut about = vec![
        ("For", whose),
        ("Term", term_label(f.term).to_string()),
        ("Set on", date(goal.created_on)),
    ];
    if let Some(t) = f.target_date {
        about.push(("Target date", date(t)));
    }
    about.push(("Status", status_label(goal.status).to_string()));
    if goal.status == GoalStatus::Active {
        about.push(("Next check-in by", date(detail.summary.next_check_in)));
    }
    if !f.skill_ids.is_empty() {
        let skills: Vec<String> = f.skill_ids.iter().map(|s| skill(s)).collect();
        about.push(("Skills", skills.join(", ")));
    }
    let mut blocks = vec![Block::key_values(about)];
    if !f.description.trim().is_empty() {
        blocks.push(Block::heading(1, "Description"));
        blocks.push(Block::paragraph(f.description.trim()));
    }

    blocks.push(Block::heading(1, "History"));
    let mut timeline: Vec<_> = detail.timeline.iter().collect();
    timeline.sort_by_key(|e| (e.on, e.recorded_at));
    for e in timeline {
        let on = date(e.on);
        match &e.event {
            TimelineEvent::Created { title } => {
                blocks.push(Block::heading(2, format!("{on} · Goal set")));
                blocks.push(Block::paragraph(title.as_str()));
            }
            TimelineEvent::Edited { changed } => {
                blocks.push(Block::heading(2, format!("{on} · Edited")));
                blocks.push(Block::paragraph(format!(
                    "Changed: {}.",
                    list_words(changed)
                )));
            }
            TimelineEvent::StatusChanged { from, to, reason } => {
                blocks.push(Block::heading(2, format!("{on} · Status changed")));
                blocks.push(Block::paragraph(format!(
                    "{} → {}",
                    status_label(*from),
                    status_label(*to)
                )));
                if !reason.trim().is_empty() {
                    blocks.push(Block::field("Reason", reason.trim()));
                }
            }
            TimelineEvent::CheckIn { check_in } => {
                let c = &check_in.fields;
                blocks.push(Block::heading(
                    2,
                    format!("{on} · Check-in, rated {} of {}", c.rating, RATINGS.end()),
                ));
                blocks.push(Block::paragraph(c.progress_note.trim()));
                if !c.evidence.is_empty() {
                    blocks.push(Block::bold("Evidence:"));
                    blocks.push(Block::bullets(
                        c.evidence
                            .iter()
                            .map(|x| format!("{}: {}", evidence_label(x.kind), x.reference)),
                    ));
                }
            }
            TimelineEvent::Coaching { record } => {
                blocks.push(Block::heading(
                    2,
                    format!(
                        "{on} · Evidence from coaching ({})",
                        method_label(record.method)
                    ),
                ));
                blocks.push(Block::field("Skill", skill(&record.skill_id)));
                blocks.push(Block::paragraph(record.how_it_went.trim()));
            }
            TimelineEvent::DamagedCheckIn { .. } => {
                blocks.push(Block::heading(2, format!("{on} · A damaged check-in")));
                blocks.push(Block::paragraph(
                    "This check-in failed its integrity check and cannot be shown.",
                ));
            }
        }
    }

    Document {
        title: f.title.clone(),
        subtitle: vec![format!(
            "Goal history · {} · {}",
            names.person.as_deref().unwrap_or("Own development"),
            status_label(goal.status)
        )],
        header: None,
        footer: vec![format!(
            "Goal history · Set {} · Printed {}",
            date(goal.created_on),
            date(printed.date_naive())
        )],
        blocks,
        metadata_title: "Goal history".into(),
        created: Some(printed),
    }
}

impl Goals<'_> {
    /// The names a goal's history needs: its supervisee and its skills.
    fn print_names(&mut self, detail: &GoalDetail) -> Result<GoalNames> {
        let goal = &detail.summary.goal;
        let person = match goal.person_id.as_deref() {
            Some(id) => Some(match People::of(self.vault).get(id) {
                Ok(p) => p.fields.name,
                Err(Error::Integrity(_)) => "A damaged entry".into(),
                Err(_) => "Someone no longer in your list".into(),
            }),
            None => None,
        };
        let mut ids: Vec<&str> = goal.fields.skill_ids.iter().map(String::as_str).collect();
        for e in &detail.timeline {
            if let TimelineEvent::Coaching { record } = &e.event {
                ids.push(&record.skill_id);
            }
        }
        let u = self.vault.unlocked()?;
        let skills = ids
            .into_iter()
            .filter_map(|id| {
                load::skill(u.conn, u.ring, id)
                    .ok()
                    .map(|s| (id.to_string(), s.name))
            })
            .collect();
        Ok(GoalNames { person, skills })
    }

    /// The PDF of a goal's history (bytes; nothing is written to disk).
    /// `now` is the printing date; dates follow the user's date order.
    pub fn pdf(&mut self, id: &str, now: DateTime<Utc>) -> Result<Vec<u8>> {
        let detail = self.get(id)?;
        let names = self.print_names(&detail)?;
        let order = VaultSettings::of(self.vault).preferences()?.date_order;
        pdf::render(&goal_document(&detail, &names, now, order))
    }

    /// Writes the PDF of a goal's history to `path`, a file the user chose
    /// (an absolute path). The file appears complete or not at all.
    pub fn save_pdf(&mut self, id: &str, path: &Path, now: DateTime<Utc>) -> Result<()> {
        if !path.is_absolute() || path.file_name().is_none() {
            return Err(Error::InvalidInput(
                "Choose a file to save the goal's history to.".into(),
            ));
        }
        let bytes = self.pdf(id, now)?;
        crate::files::write_private_atomic(path, &bytes)?;
        crate::audit::record(
            self.vault,
            crate::audit::AuditEvent::ExportWritten,
            "goal history PDF",
            now,
        )
    }
}
