//! Manual supervision entries and practice weeks: checked, then written in
//! one transaction; nothing is written when a check fails.

use chrono::{DateTime, Datelike, Utc, Weekday};
use uuid::Uuid;

use super::book_types::{HoursBook, ManualEntryInput, PracticeWeekInput};
use super::ledger::Live;
use super::load::{self, ManualBody, PracticeBody};
use super::{Hours, SupervisionForm, MAX_DAY_MINUTES, MAX_WEEK_MINUTES, NOTE_CHARS};
use crate::error::{Error, Result};
use crate::store::hours::{self as rows, Meta, Table};
use crate::store::{self, from_millis, to_millis};
use crate::validate::{self, GROUP_MEMBERS_MAX, LICENCE_NUMBER_CHARS, NAME_CHARS, SHORT_CHARS};

fn hhmm(minute: u32) -> String {
    format!("{:02}:{:02}", minute / 60, minute % 60)
}

/// The checked body of a manual entry (everything but overlaps and locks).
fn manual_body(input: &ManualEntryInput, now: DateTime<Utc>) -> Result<ManualBody> {
    validate::date("The date", Some(input.date))?;
    if input.date > now.date_naive() {
        return Err(Error::InvalidInput(
            "The date is in the future; enter supervision once it has taken place.".into(),
        ));
    }
    let minutes = load::minutes(
        "The minutes",
        input.minutes,
        MAX_DAY_MINUTES,
        "A day has at most 1,440 minutes (24 hours); enter the minutes of this one entry.",
    )?;
    if minutes == 0 {
        return Err(Error::InvalidInput(
            "The minutes must be at least 1.".into(),
        ));
    }
    let body_start = load::minute_of_day(input.start);
    if body_start + minutes > MAX_DAY_MINUTES {
        return Err(Error::InvalidInput(
            "The entry must end by midnight of its day; split it into two entries.".into(),
        ));
    }
    let group_size = match (input.form, input.group_size) {
        (SupervisionForm::Individual | SupervisionForm::DirectObservation, None) => None,
        (SupervisionForm::Individual | SupervisionForm::DirectObservation, Some(_)) => {
            return Err(Error::InvalidInput(
                "A group size is only for group or triadic supervision.".into(),
            ))
        }
        (SupervisionForm::Triadic, None | Some(2)) => Some(2),
        (SupervisionForm::Triadic, Some(_)) => {
            return Err(Error::InvalidInput(
                "Triadic supervision has two supervisees; choose group for more.".into(),
            ))
        }
        (SupervisionForm::Group, None) => {
            return Err(Error::InvalidInput(
                "Enter the group size (supervisees present) for group supervision.".into(),
            ))
        }
        (SupervisionForm::Group, Some(n)) => {
            let n = u32::try_from(n).unwrap_or(0);
            if !(3..=GROUP_MEMBERS_MAX as u32).contains(&n) {
                return Err(Error::InvalidInput(format!(
                    "The group size must be from 3 to {GROUP_MEMBERS_MAX} (two supervisees is triadic)."
                )));
            }
            Some(n)
        }
    };
    Ok(ManualBody {
        date: input.date,
        start: input.start,
        minutes,
        form: input.form,
        group_size,
        supervisor_name: validate::required_line(
            "The supervisor's name",
            &input.supervisor_name,
            NAME_CHARS,
        )?,
        licence_number: validate::single_line(
            "The licence number",
            &input.licence_number,
            LICENCE_NUMBER_CHARS,
        )?,
        credential: validate::single_line("The credential", &input.credential, SHORT_CHARS)?,
        note: validate::paragraph("The note", &input.note, NOTE_CHARS)?,
    })
}

/// Refuses an entry that overlaps another manual entry of the person or a
/// held session with the owner on the same day.
fn no_overlap(live: &Live, id: Option<&str>, body: &ManualBody) -> Result<()> {
    let (s, e) = body.span();
    for (meta, other) in &live.stored.manual {
        if Some(meta.id.as_str()) == id || other.date != body.date {
            continue;
        }
        let (os, oe) = other.span();
        if s < oe && os < e {
            return Err(Error::InvalidInput(format!(
                "This entry overlaps another manual entry on {} ({}–{}). Change the time or the other entry.",
                body.date,
                hhmm(os),
                hhmm(oe)
            )));
        }
    }
    let start = body.date.and_time(body.start);
    let end = start + chrono::Duration::minutes(i64::from(body.minutes));
    for i in &live.items {
        if let Some(f) = &i.session {
            if start < f.local_end && f.local_start < end {
                return Err(Error::InvalidInput(format!(
                    "This entry overlaps a held session with you on {} at {}; that session is already counted from the calendar.",
                    f.local_start.date(),
                    f.local_start.format("%H:%M")
                )));
            }
        }
    }
    Ok(())
}

/// The checked body of a practice week (everything but duplicates and locks).
fn practice_body(input: &PracticeWeekInput) -> Result<PracticeBody> {
    validate::date("The week", Some(input.week_start))?;
    if input.week_start.weekday() != Weekday::Mon {
        return Err(Error::InvalidInput(
            "A practice week must start on a Monday.".into(),
        ));
    }
    let over = "A week has at most 10,080 minutes (168 hours).";
    let clinical = load::minutes(
        "The clinical minutes",
        input.clinical_minutes,
        MAX_WEEK_MINUTES,
        over,
    )?;
    let psycho = load::minutes(
        "The psychotherapy minutes",
        input.psychotherapy_minutes,
        MAX_WEEK_MINUTES,
        over,
    )?;
    let non_clinical = load::minutes(
        "The non-clinical minutes",
        input.non_clinical_minutes,
        MAX_WEEK_MINUTES,
        over,
    )?;
    if psycho > clinical {
        return Err(Error::InvalidInput(
            "Psychotherapy minutes are part of the clinical minutes and cannot be more than them."
                .into(),
        ));
    }
    if clinical + non_clinical > MAX_WEEK_MINUTES {
        return Err(Error::InvalidInput(
            "Clinical and non-clinical minutes together are more than a week has (10,080 minutes, 168 hours).".into(),
        ));
    }
    Ok(PracticeBody {
        week_start: input.week_start,
        clinical_minutes: clinical,
        psychotherapy_minutes: psycho,
        non_clinical_minutes: non_clinical,
        setting: validate::single_line("The work setting", &input.setting, SHORT_CHARS)?,
    })
}

fn week_fits(live: &Live, id: Option<&str>, body: &PracticeBody) -> Result<()> {
    let mut total = body.clinical_minutes + body.non_clinical_minutes;
    for (meta, other) in &live.stored.practice {
        if Some(meta.id.as_str()) == id || other.week_start != body.week_start {
            continue;
        }
        if other.setting.to_lowercase() == body.setting.to_lowercase() {
            return Err(Error::InvalidInput(format!(
                "There is already a practice week starting {} for this work setting; edit it instead.",
                body.week_start
            )));
        }
        total += other.clinical_minutes + other.non_clinical_minutes;
    }
    if total > MAX_WEEK_MINUTES {
        return Err(Error::InvalidInput(format!(
            "With the other settings, the week starting {} would have more than 10,080 minutes (168 hours).",
            body.week_start
        )));
    }
    Ok(())
}

fn row_of<'a, B>(rows: &'a [(Meta, B)], id: &str, what: &'static str) -> Result<&'a (Meta, B)> {
    rows.iter()
        .find(|(m, _)| m.id == id)
        .ok_or(Error::NotFound(what))
}

impl Hours<'_> {
    /// Adds a manual supervision entry.
    pub fn manual_create(
        &mut self,
        input: &ManualEntryInput,
        now: DateTime<Utc>,
    ) -> Result<HoursBook> {
        let live = self.live(&input.person_id, now)?;
        let body = manual_body(input, now)?;
        live.stored.unlocked(body.date)?;
        no_overlap(&live, None, &body)?;
        let at = from_millis(to_millis(now))?;
        let meta = Meta {
            id: Uuid::new_v4().to_string(),
            person_id: live.person_id.clone(),
            created_at: at,
            updated_at: at,
        };
        self.write(|tx, ring| rows::insert(tx, ring, Table::Manual, &meta, &body))?;
        self.book(&live.person_id, now)
    }

    /// Changes a manual entry (refused when its old or new date is locked).
    pub fn manual_update(
        &mut self,
        id: &str,
        input: &ManualEntryInput,
        now: DateTime<Utc>,
    ) -> Result<HoursBook> {
        let id = validate::id_string("That entry's", id)?;
        let live = self.live(&input.person_id, now)?;
        let (meta, old) = row_of(&live.stored.manual, &id, "That manual entry")?;
        live.stored.unlocked(old.date)?;
        let body = manual_body(input, now)?;
        live.stored.unlocked(body.date)?;
        no_overlap(&live, Some(&id), &body)?;
        let meta = Meta {
            updated_at: from_millis(to_millis(now))?.max(meta.updated_at),
            ..meta.clone()
        };
        self.write(|tx, ring| rows::replace(tx, ring, Table::Manual, &meta, &body))?;
        self.book(&live.person_id, now)
    }

    /// Deletes a manual entry (refused when locked).
    pub fn manual_delete(
        &mut self,
        person_id: &str,
        id: &str,
        now: DateTime<Utc>,
    ) -> Result<HoursBook> {
        let id = validate::id_string("That entry's", id)?;
        let live = self.live(person_id, now)?;
        let (_, old) = row_of(&live.stored.manual, &id, "That manual entry")?;
        live.stored.unlocked(old.date)?;
        let person = live.person_id.clone();
        self.write(|tx, _| rows::delete(tx, Table::Manual, &person, &id).map(|_| ()))?;
        self.book(&person, now)
    }

    /// Adds a practice week.
    pub fn practice_create(
        &mut self,
        input: &PracticeWeekInput,
        now: DateTime<Utc>,
    ) -> Result<HoursBook> {
        let live = self.live(&input.person_id, now)?;
        let body = practice_body(input)?;
        live.stored.unlocked(body.week_start)?;
        week_fits(&live, None, &body)?;
        let at = from_millis(to_millis(now))?;
        let meta = Meta {
            id: Uuid::new_v4().to_string(),
            person_id: live.person_id.clone(),
            created_at: at,
            updated_at: at,
        };
        self.write(|tx, ring| rows::insert(tx, ring, Table::Practice, &meta, &body))?;
        self.book(&live.person_id, now)
    }

    /// Changes a practice week (refused when its old or new week is locked).
    pub fn practice_update(
        &mut self,
        id: &str,
        input: &PracticeWeekInput,
        now: DateTime<Utc>,
    ) -> Result<HoursBook> {
        let id = validate::id_string("That practice week's", id)?;
        let live = self.live(&input.person_id, now)?;
        let (meta, old) = row_of(&live.stored.practice, &id, "That practice week")?;
        live.stored.unlocked(old.week_start)?;
        let body = practice_body(input)?;
        live.stored.unlocked(body.week_start)?;
        week_fits(&live, Some(&id), &body)?;
        let meta = Meta {
            updated_at: from_millis(to_millis(now))?.max(meta.updated_at),
            ..meta.clone()
        };
        self.write(|tx, ring| rows::replace(tx, ring, Table::Practice, &meta, &body))?;
        self.book(&live.person_id, now)
    }

    /// Deletes a practice week (refused when locked).
    pub fn practice_delete(
        &mut self,
        person_id: &str,
        id: &str,
        now: DateTime<Utc>,
    ) -> Result<HoursBook> {
        let id = validate::id_string("That practice week's", id)?;
        let live = self.live(person_id, now)?;
        let (_, old) = row_of(&live.stored.practice, &id, "That practice week")?;
        live.stored.unlocked(old.week_start)?;
        let person = live.person_id.clone();
        self.write(|tx, _| rows::delete(tx, Table::Practice, &person, &id).map(|_| ()))?;
        self.book(&person, now)
    }

    /// Runs `f` in one write transaction with the key ring.
    pub(super) fn write(
        &mut self,
        f: impl FnOnce(&rusqlite::Transaction<'_>, &crate::keys::KeyRing) -> Result<()>,
    ) -> Result<()> {
        let u = self.vault.unlocked()?;
        let ring = &*u.ring;
        store::write(u.conn, |tx| f(tx, ring))
    }
}
