//! Ending a supervision relationship: the termination summary, the stored
//! ending, and the person archived.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::types::{Ending, EndingInput, Referral, TerminationSummary};
use super::{past_day, text, Evaluations, MAX_LINE_CHARS, MAX_REFERRALS};
use crate::error::{Error, Result};
use crate::people::{People, Person};
use crate::store::evaluations::{self as rows, Filter, Meta, Table};
use crate::store::{self, from_millis, to_millis};
use crate::validate;

/// The sealed body of an ending.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct EndingBody {
    pub input: EndingInput,
    pub summary: TerminationSummary,
}

fn to_ending(meta: Meta, b: EndingBody) -> Option<Ending> {
    Some(Ending {
        id: meta.id,
        person_id: meta.person_id?,
        recorded_at: meta.created_at,
        input: b.input,
        summary: b.summary,
    })
}

/// The input checked and trimmed (the start date is checked against the
/// summary's).
fn checked(input: &EndingInput, today: chrono::NaiveDate) -> Result<EndingInput> {
    past_day("The ending date", input.end_date, today)?;
    let reason = text("The reason for ending", &input.reason)?;
    if input.referrals.len() > MAX_REFERRALS {
        return Err(Error::InvalidInput(format!(
            "An ending lists at most {MAX_REFERRALS} referrals."
        )));
    }
    let mut referrals = Vec::with_capacity(input.referrals.len());
    for (i, r) in input.referrals.iter().enumerate() {
        let n = i + 1;
        let to = validate::single_line(&format!("Referral {n}'s “to”"), &r.to, MAX_LINE_CHARS)?;
        if to.is_empty() {
            return Err(Error::InvalidInput(format!(
                "Referral {n} does not say to whom or where."
            )));
        }
        referrals.push(Referral {
            kind: r.kind,
            to,
            note: text(&format!("Referral {n}'s note"), &r.note)?,
        });
    }
    Ok(EndingInput {
        end_date: input.end_date,
        reason,
        referrals,
    })
}

impl Evaluations<'_> {
    fn prepare(
        &mut self,
        person_id: &str,
        input: &EndingInput,
        now: DateTime<Utc>,
    ) -> Result<(Person, EndingInput, TerminationSummary)> {
        let person = self.active_supervisee(person_id, "An ending")?;
        let input = checked(input, now.date_naive())?;
        let summary = self.summarise(&person, input.end_date, now)?;
        if let Some(start) = summary.start_date {
            if input.end_date < start {
                return Err(Error::InvalidInput(format!(
                    "The ending date is before supervision started ({}).",
                    start.format("%Y-%m-%d")
                )));
            }
        }
        Ok((person, input, summary))
    }

    /// The termination summary an ending on `input.end_date` would have,
    /// without writing anything.
    pub fn ending_preview(
        &mut self,
        person_id: &str,
        input: &EndingInput,
        now: DateTime<Utc>,
    ) -> Result<TerminationSummary> {
        self.prepare(person_id, input, now).map(|(_, _, s)| s)
    }

    /// Ends the supervision of a supervisee who is not archived: stores the
    /// ending with its summary, records the end date on the person and
    /// archives them, all in one transaction.
    pub fn end(
        &mut self,
        person_id: &str,
        input: &EndingInput,
        now: DateTime<Utc>,
    ) -> Result<Ending> {
        let (person, input, summary) = self.prepare(person_id, input, now)?;
        let now_ms = from_millis(to_millis(now))?;
        let meta = Meta {
            id: Uuid::new_v4().to_string(),
            person_id: Some(person.id.clone()),
            created_at: now_ms,
            updated_at: now_ms,
        };
        let body = EndingBody { input, summary };
        {
            let u = self.vault.unlocked()?;
            let ring = &*u.ring;
            let end_date = body.input.end_date;
            store::write(u.conn, |tx| {
                rows::insert(tx, ring, Table::Endings, &meta, &body)?;
                People::end_in(tx, ring, &person.id, end_date, now)
            })?;
        }
        to_ending(meta, body).ok_or_else(|| Error::Internal("an ending without a person".into()))
    }

    /// The latest ending of a supervisee, if their supervision has ended.
    pub fn ending(&mut self, person_id: &str) -> Result<Option<Ending>> {
        let person = self.supervisee(person_id)?;
        let u = self.vault.unlocked()?;
        let rows =
            rows::list::<EndingBody>(u.conn, u.ring, Table::Endings, Filter::Person(&person.id))?;
        match rows.into_iter().last() {
            None => Ok(None),
            Some(row) => {
                let body = row.body?;
                Ok(to_ending(row.meta, body))
            }
        }
    }
}
