//! The termination summary's figures, gathered through the other domains'
//! public handles (hours ledger, goals, records).

use chrono::{DateTime, NaiveDate, Utc};

use super::evaluation::count_of;
use super::types::{FormHours, OutstandingAction, SummaryGoal, TerminationSummary};
use super::Evaluations;
use crate::error::Result;
use crate::goals::{GoalStatus, Goals};
use crate::hours::{Hours, ItemSource, SupervisionForm};
use crate::people::Person;
use crate::records::Records;

/// The forms in the order a summary lists them.
const FORMS: [SupervisionForm; 4] = [
    SupervisionForm::Individual,
    SupervisionForm::Triadic,
    SupervisionForm::Group,
    SupervisionForm::DirectObservation,
];

impl Evaluations<'_> {
    /// The summary of `person`'s supervision up to `end`.
    pub(super) fn summarise(
        &mut self,
        person: &Person,
        end: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<TerminationSummary> {
        let ledger = Hours::of(self.vault).ledger(&person.id, now)?;
        let start = person
            .fields
            .start_date
            .or(ledger.counts_from)
            .or_else(|| ledger.supervision.first().map(|i| i.date));
        let in_period: Vec<_> = ledger
            .supervision
            .iter()
            .filter(|i| i.date <= end && start.is_none_or(|s| i.date >= s))
            .collect();
        let sessions_held = in_period
            .iter()
            .filter(|i| matches!(i.source, ItemSource::Session { .. }))
            .count() as u32;
        let hours_by_form: Vec<FormHours> = FORMS
            .iter()
            .map(|form| {
                let items: Vec<_> = in_period.iter().filter(|i| i.form == *form).collect();
                FormHours {
                    form: *form,
                    sessions: items.len() as u32,
                    minutes: items.iter().map(|i| i.minutes).sum(),
                }
            })
            .filter(|f| f.sessions > 0)
            .collect();
        let total_minutes = hours_by_form.iter().map(|f| f.minutes).sum();

        let goals = Goals::of(self.vault).list(Some(&person.id))?.goals;
        let pick = |status: GoalStatus| -> Vec<SummaryGoal> {
            goals
                .iter()
                .filter(|g| g.goal.status == status)
                .map(|g| SummaryGoal {
                    id: g.goal.id.clone(),
                    title: g.goal.fields.title.clone(),
                    status,
                })
                .collect()
        };
        let goals_met = pick(GoalStatus::Achieved);
        let goals_open = pick(GoalStatus::Active);

        let outstanding = Records::of(self.vault)
            .open_actions(&person.id)?
            .into_iter()
            .map(|a| OutstandingAction {
                id: a.id,
                text: a.text,
                due: a.due,
                session_date: a.session_date,
            })
            .collect();
        let evaluations = count_of(self, &person.id)?;
        Ok(TerminationSummary {
            start_date: start,
            end_date: end,
            sessions_held,
            hours_by_form,
            total_minutes,
            goals_met,
            goals_open,
            outstanding,
            evaluations,
        })
    }
}
