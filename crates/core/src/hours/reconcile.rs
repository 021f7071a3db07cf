//! Reconcile: the supervisee's own count against the ledger, per date and
//! form; a difference accepted with a note counts as reconciled.

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use super::book_types::{
    Acceptance, DayDifference, FormMinutes, HoursBook, Reconciliation, TheirCountInput,
};
use super::ledger::Live;
use super::load::{self, by_form, AcceptedBody, TheirBody};
use super::{Hours, MAX_DAY_MINUTES, MAX_PERIOD_DAYS, NOTE_CHARS};
use crate::error::{Error, Result};
use crate::keys::KeyRing;
use crate::store::hours::{self as rows, Meta, Table};
use crate::store::{from_millis, to_millis};
use crate::validate;

/// Checks a period: in order, within the year bounds, at most
/// [`MAX_PERIOD_DAYS`] days.
pub(super) fn period(from: NaiveDate, to: NaiveDate) -> Result<()> {
    validate::date_range(
        ("The first day", Some(from)),
        ("The last day", Some(to)),
        "The last day is before the first day.",
    )?;
    if (to - from).num_days() + 1 > MAX_PERIOD_DAYS {
        return Err(Error::InvalidInput(format!(
            "A period can be at most {MAX_PERIOD_DAYS} days long."
        )));
    }
    Ok(())
}

/// Days from `from` to `to`, inclusive.
pub(super) fn days(from: NaiveDate, to: NaiveDate) -> impl Iterator<Item = NaiveDate> {
    from.iter_days().take_while(move |d| *d <= to)
}

/// The comparison over a period, from what was gathered.
pub(super) fn compare(live: &Live, from: NaiveDate, to: NaiveDate) -> Reconciliation {
    let ledger = live.effective();
    let empty = TheirBody::default();
    let their = live.stored.their.as_ref().map_or(&empty, |(_, b)| b);
    let mut covered_days = 0;
    let mut differences = Vec::new();
    for date in days(from, to) {
        let Some(lines) = their.days.get(&date) else {
            continue;
        };
        covered_days += 1;
        let theirs = by_form(lines.iter().copied());
        let ours = by_form(
            ledger
                .supervision
                .iter()
                .filter(|i| i.date == date)
                .map(|i| FormMinutes {
                    form: i.form,
                    minutes: i.minutes,
                }),
        );
        if theirs == ours {
            continue;
        }
        let accepted = live
            .stored
            .accepted
            .iter()
            .rev()
            .find(|(_, a)| a.date == date && a.theirs == theirs && a.ours == ours)
            .map(|(_, a)| a.acceptance.clone());
        differences.push(DayDifference {
            date,
            theirs,
            ours,
            accepted,
        });
    }
    let unreconciled = differences
        .iter()
        .filter(|d| d.accepted.is_none())
        .map(|d| d.date)
        .collect();
    Reconciliation {
        person_id: live.person_id.clone(),
        from,
        to,
        covered_days,
        differences,
        unreconciled,
    }
}

/// The stored count with `input`'s period replaced by its lines. Refused
/// when a date in the period is signed off.
fn counted(stored: &load::Stored, input: &TheirCountInput) -> Result<TheirBody> {
    period(input.from, input.to)?;
    let mut body = stored
        .their
        .as_ref()
        .map(|(_, b)| b.clone())
        .unwrap_or_default();
    for date in days(input.from, input.to) {
        stored.unlocked(date)?;
        body.days.insert(date, Vec::new());
    }
    for c in &input.counts {
        if c.date < input.from || c.date > input.to {
            return Err(Error::InvalidInput(format!(
                "A line of their count ({}) is outside the period it covers.",
                c.date
            )));
        }
        let minutes = load::minutes(
            "The minutes of their count",
            c.minutes,
            MAX_DAY_MINUTES,
            "A day has at most 1,440 minutes (24 hours).",
        )?;
        let day = body.days.entry(c.date).or_default();
        day.push(FormMinutes {
            form: c.form,
            minutes,
        });
        if day.iter().map(|l| l.minutes).sum::<u32>() > MAX_DAY_MINUTES {
            return Err(Error::InvalidInput(format!(
                "Their count for {} adds up to more than 24 hours.",
                c.date
            )));
        }
    }
    for lines in body.days.values_mut() {
        *lines = by_form(lines.iter().copied());
    }
    Ok(body)
}

/// Writes `person_id`'s count (replacing the stored one, `existing`).
fn write_count(
    tx: &rusqlite::Transaction<'_>,
    ring: &KeyRing,
    person_id: &str,
    existing: Option<Meta>,
    body: &TheirBody,
    now: DateTime<Utc>,
) -> Result<()> {
    let at = from_millis(to_millis(now))?;
    match existing {
        Some(meta) => {
            let meta = Meta {
                updated_at: at.max(meta.updated_at),
                ..meta
            };
            rows::replace(tx, ring, Table::TheirCounts, &meta, body)
        }
        None => {
            let meta = Meta {
                id: Uuid::new_v4().to_string(),
                person_id: person_id.to_string(),
                created_at: at,
                updated_at: at,
            };
            rows::insert(tx, ring, Table::TheirCounts, &meta, body)
        }
    }
}

/// [`Hours::enter_their_counts`] in the caller's transaction (a count that
/// arrived in a packet, imported with the rest of the packet or not at
/// all). Returns the person's id.
pub(crate) fn enter_their_counts_in(
    tx: &rusqlite::Transaction<'_>,
    ring: &KeyRing,
    input: &TheirCountInput,
    now: DateTime<Utc>,
) -> Result<String> {
    let person = load::person(tx, ring, &input.person_id)?;
    let stored = load::stored(tx, ring, &person)?;
    let body = counted(&stored, input)?;
    let existing = stored.their.as_ref().map(|(m, _)| m.clone());
    write_count(tx, ring, &person, existing, &body, now)?;
    Ok(person)
}

impl Hours<'_> {
    /// Records the supervisee's own count for a period (their sheet): it
    /// replaces any earlier count of the dates from `from` to `to`; a date
    /// in the period with no line counts as none. Refused when a date in
    /// the period is signed off.
    pub fn enter_their_counts(
        &mut self,
        input: &TheirCountInput,
        now: DateTime<Utc>,
    ) -> Result<HoursBook> {
        let live = self.live(&input.person_id, now)?;
        let body = counted(&live.stored, input)?;
        let existing = live.stored.their.as_ref().map(|(m, _)| m.clone());
        let person = live.person_id.clone();
        self.write(|tx, ring| write_count(tx, ring, &person, existing, &body, now))?;
        self.book(&person, now)
    }

    /// Their count against the ledger from `from` to `to`: the dates that
    /// differ (by form), each with its acceptance when accepted. Only dates
    /// their count covers are compared.
    pub fn reconcile(
        &mut self,
        person_id: &str,
        from: NaiveDate,
        to: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<Reconciliation> {
        period(from, to)?;
        let live = self.live(person_id, now)?;
        Ok(compare(&live, from, to))
    }

    /// Accepts the difference on `date` as it stands, with a note; it then
    /// counts as reconciled until either count changes. Refused when there
    /// is no difference that day, or the day is signed off.
    pub fn accept_difference(
        &mut self,
        person_id: &str,
        date: NaiveDate,
        note: &str,
        now: DateTime<Utc>,
    ) -> Result<HoursBook> {
        let note = validate::paragraph("The note", note, NOTE_CHARS)?;
        if note.is_empty() {
            return Err(Error::Empty("The note"));
        }
        let live = self.live(person_id, now)?;
        live.stored.unlocked(date)?;
        let diff = compare(&live, date, date)
            .differences
            .into_iter()
            .next()
            .ok_or_else(|| {
                Error::InvalidInput(format!("There is no difference on {date} to accept."))
            })?;
        let at = from_millis(to_millis(now))?;
        let body = AcceptedBody {
            date,
            theirs: diff.theirs,
            ours: diff.ours,
            acceptance: Acceptance {
                note,
                accepted_at: at,
            },
        };
        let meta = Meta {
            id: Uuid::new_v4().to_string(),
            person_id: live.person_id.clone(),
            created_at: at,
            updated_at: at,
        };
        self.write(|tx, ring| rows::insert(tx, ring, Table::Accepted, &meta, &body))?;
        self.book(&live.person_id, now)
    }
}
