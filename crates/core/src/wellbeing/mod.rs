//! The owner's wellbeing: quick check-ins (stress, energy, workload, sleep,
//! signs of secondary trauma, each 1–5, and a note), their trends over weeks
//! and months, a gentle prompt when stress stays high, and the ProQOL 5
//! (offered quarterly, scored on the device). Everything is sealed under the
//! journal's data key; only ProQOL bands can be shared (see [`share`]).
//! Nothing here is a diagnosis.

pub mod proqol;
pub(crate) mod share;
pub mod trends;

use chrono::{DateTime, Days, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::store::{self, wellbeing as rows, wellbeing::Table};
use crate::validate;
use crate::vault::Vault;

pub use proqol::{ProqolBand, ProqolBands, ProqolScores};
#[allow(unused_imports)] // their caller arrives with issue 9's packets
pub(crate) use share::{packet_candidates, packet_item};
pub use trends::{GentlePrompt, TrendPeriod, WellbeingTrendPoint};

/// Longest check-in note, in characters.
pub const NOTE_CHARS: usize = 4000;
/// Days after a ProQOL before the next is offered.
pub const PROQOL_INTERVAL_DAYS: u64 = 90;
/// Longest range trends are computed over, in days.
pub const TREND_RANGE_DAYS: i64 = 366 * 5;

/// The five ratings of a check-in, each 1 (very low) to 5 (very high).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct WellbeingRatings {
    /// Stress.
    pub stress: u8,
    /// Energy.
    pub energy: u8,
    /// Workload.
    pub workload: u8,
    /// Sleep (how well).
    pub sleep: u8,
    /// Signs of secondary trauma.
    pub secondary_trauma: u8,
}

/// A new check-in as typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct WellbeingCheckInInput {
    /// The day it is about (not after today).
    pub date: NaiveDate,
    /// The ratings.
    pub ratings: WellbeingRatings,
    /// An optional note.
    pub note: String,
    /// The journal entry it is attached to, if any (referred to by id only).
    pub entry_id: Option<String>,
}

/// A stored check-in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct WellbeingCheckIn {
    /// Its id (UUID).
    pub id: String,
    /// When it was saved.
    pub created_at: DateTime<Utc>,
    /// The day it is about.
    pub date: NaiveDate,
    /// The ratings.
    pub ratings: WellbeingRatings,
    /// The note (may be empty).
    pub note: String,
    /// The journal entry it is attached to, if any.
    pub entry_id: Option<String>,
}

/// The check-ins, newest day first, and how many could not be opened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct WellbeingCheckInList {
    /// The readable check-ins.
    pub check_ins: Vec<WellbeingCheckIn>,
    /// Stored check-ins that failed their integrity check.
    pub damaged: u32,
}

/// One item of the ProQOL as the questionnaire shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ProqolItem {
    /// Its number, 1–30.
    pub number: u8,
    /// Its text, exactly as published.
    pub text: String,
}

/// Everything the questionnaire and its result screen show, exactly as
/// published (sources in `docs/PROQOL.md`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ProqolQuestions {
    /// The measure's title.
    pub title: String,
    /// Its instructions.
    pub instructions: String,
    /// The answer labels for 1–5.
    pub scale: Vec<String>,
    /// The 30 items.
    pub items: Vec<ProqolItem>,
    /// The required credit line.
    pub credit: String,
    /// The required link to ProQOL.org.
    pub link: String,
    /// The measure's advice on its score page.
    pub concerns: String,
    /// What compassion satisfaction is about.
    pub explain_compassion_satisfaction: String,
    /// What burnout is about.
    pub explain_burnout: String,
    /// What secondary traumatic stress is about.
    pub explain_secondary_traumatic_stress: String,
}

/// A scored ProQOL. The answers stay sealed in the vault and are not
/// returned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ProqolResult {
    /// Its id (UUID).
    pub id: String,
    /// When it was saved.
    pub created_at: DateTime<Utc>,
    /// The day it was taken.
    pub taken_on: NaiveDate,
    /// The three sums.
    pub scores: ProqolScores,
    /// Their bands.
    pub bands: ProqolBands,
}

/// The results, newest first, and how many could not be opened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ProqolList {
    /// The readable results.
    pub results: Vec<ProqolResult>,
    /// Stored results that failed their integrity check.
    pub damaged: u32,
}

/// Whether the quarterly ProQOL is due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ProqolDue {
    /// None was taken in the last 90 days.
    pub due: bool,
    /// The day the last one was taken, if any.
    pub last_taken: Option<NaiveDate>,
    /// The day the next one is offered (today when due).
    pub next_due: NaiveDate,
}

/// The sealed body of a check-in row.
#[derive(Serialize, Deserialize)]
pub(crate) struct WellbeingCheckInBody {
    pub(crate) date: NaiveDate,
    pub(crate) ratings: WellbeingRatings,
    pub(crate) note: String,
    pub(crate) entry_id: Option<String>,
}

/// The sealed body of a ProQOL row: the answers and the scores.
#[derive(Serialize, Deserialize)]
pub(crate) struct ProqolBody {
    pub(crate) taken_on: NaiveDate,
    pub(crate) answers: Vec<u8>,
    pub(crate) scores: ProqolScores,
}

fn check_rating(field: &str, v: u8) -> Result<()> {
    if (1..=5).contains(&v) {
        Ok(())
    } else {
        Err(Error::InvalidInput(format!(
            "{field} must be from 1 to 5, not {v}."
        )))
    }
}

/// The five ratings checked, each 1–5, with the field named.
pub fn check_ratings(r: &WellbeingRatings) -> Result<()> {
    check_rating("Stress", r.stress)?;
    check_rating("Energy", r.energy)?;
    check_rating("Workload", r.workload)?;
    check_rating("Sleep", r.sleep)?;
    check_rating("Signs of secondary trauma", r.secondary_trauma)
}

fn parse_id(what: &str, id: &str) -> Result<Uuid> {
    validate::id(what, id)
}

/// The ProQOL due rule: due when none was taken in the last 90 days
/// (`today` injected). `taken` are the days results were taken.
pub fn proqol_due(taken: &[NaiveDate], today: NaiveDate) -> ProqolDue {
    let last = taken.iter().copied().filter(|d| *d <= today).max();
    let next = last
        .and_then(|d| d.checked_add_days(Days::new(PROQOL_INTERVAL_DAYS)))
        .unwrap_or(today);
    let due = next <= today;
    ProqolDue {
        due,
        last_taken: last,
        next_due: if due { today } else { next },
    }
}

/// The questionnaire as published.
pub fn proqol_questions() -> ProqolQuestions {
    ProqolQuestions {
        title: proqol::TITLE.into(),
        instructions: proqol::INSTRUCTIONS.into(),
        scale: proqol::SCALE.iter().map(|s| (*s).to_string()).collect(),
        items: proqol::ITEMS
            .iter()
            .enumerate()
            .map(|(i, t)| ProqolItem {
                number: u8::try_from(i + 1).unwrap_or(u8::MAX),
                text: (*t).to_string(),
            })
            .collect(),
        credit: proqol::CREDIT.into(),
        link: proqol::LINK.into(),
        concerns: proqol::CONCERNS.into(),
        explain_compassion_satisfaction: proqol::EXPLAIN_CS.into(),
        explain_burnout: proqol::EXPLAIN_BURNOUT.into(),
        explain_secondary_traumatic_stress: proqol::EXPLAIN_STS.into(),
    }
}

pub(crate) fn at(ms: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(ms).unwrap_or(DateTime::<Utc>::UNIX_EPOCH)
}

pub(crate) fn result_of(row: rows::Row<ProqolBody>) -> Result<ProqolResult> {
    let body = row.body?;
    Ok(ProqolResult {
        id: row.id.to_string(),
        created_at: at(row.created_ms),
        taken_on: body.taken_on,
        bands: body.scores.bands(),
        scores: body.scores,
    })
}

fn check_ins_of(
    conn: &rusqlite::Connection,
    ring: &crate::keys::KeyRing,
) -> Result<WellbeingCheckInList> {
    let mut damaged = 0u32;
    let mut check_ins: Vec<WellbeingCheckIn> =
        rows::all::<WellbeingCheckInBody>(conn, ring, Table::CheckIns)?
            .into_iter()
            .filter_map(|row| match row.body {
                Ok(b) => Some(WellbeingCheckIn {
                    id: row.id.to_string(),
                    created_at: at(row.created_ms),
                    date: b.date,
                    ratings: b.ratings,
                    note: b.note,
                    entry_id: b.entry_id,
                }),
                Err(_) => {
                    damaged += 1;
                    None
                }
            })
            .collect();
    check_ins.sort_by(|a, b| b.date.cmp(&a.date).then(b.created_at.cmp(&a.created_at)));
    Ok(WellbeingCheckInList { check_ins, damaged })
}

pub(crate) fn proqol_list(
    conn: &rusqlite::Connection,
    ring: &crate::keys::KeyRing,
) -> Result<ProqolList> {
    let mut damaged = 0u32;
    let mut results: Vec<ProqolResult> = rows::all::<ProqolBody>(conn, ring, Table::Proqol)?
        .into_iter()
        .filter_map(|row| match result_of(row) {
            Ok(r) => Some(r),
            Err(_) => {
                damaged += 1;
                None
            }
        })
        .collect();
    results.sort_by(|a, b| {
        b.taken_on
            .cmp(&a.taken_on)
            .then(b.created_at.cmp(&a.created_at))
    });
    Ok(ProqolList { results, damaged })
}

/// The owner's wellbeing.
pub struct Wellbeing<'a> {
    vault: &'a mut Vault,
}

impl<'a> Wellbeing<'a> {
    /// The wellbeing records of `vault`.
    pub fn of(vault: &'a mut Vault) -> Self {
        Wellbeing { vault }
    }

    /// Saves a check-in. The date may not be after `today`; each rating is
    /// 1–5; the note is optional; an attached journal entry is named by a
    /// valid id (the journal itself is not read). Nothing is written on
    /// error.
    pub fn create_check_in(
        &mut self,
        input: &WellbeingCheckInInput,
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<WellbeingCheckIn> {
        validate::date("The check-in's date", Some(input.date))?;
        if input.date > today {
            return Err(Error::InvalidInput(
                "The check-in's date cannot be after today.".into(),
            ));
        }
        check_ratings(&input.ratings)?;
        let note = validate::paragraph("The note", &input.note, NOTE_CHARS)?;
        let entry_id = match input.entry_id.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(id) => Some(parse_id("The attached journal entry's", id)?.to_string()),
        };
        let u = self.vault.unlocked()?;
        let id = Uuid::new_v4();
        let body = WellbeingCheckInBody {
            date: input.date,
            ratings: input.ratings,
            note,
            entry_id,
        };
        store::write(u.conn, |tx| {
            rows::insert(tx, u.ring, Table::CheckIns, id, &body, now)
        })?;
        Ok(WellbeingCheckIn {
            id: id.to_string(),
            created_at: at(store::to_millis(now)),
            date: body.date,
            ratings: body.ratings,
            note: body.note,
            entry_id: body.entry_id,
        })
    }

    /// Every check-in, newest day first; damaged ones are counted, not
    /// hidden.
    pub fn list_check_ins(&mut self) -> Result<WellbeingCheckInList> {
        let u = self.vault.unlocked()?;
        check_ins_of(u.conn, u.ring)
    }

    /// Deletes a check-in (wiped from the write-ahead log too).
    pub fn delete_check_in(&mut self, id: &str) -> Result<()> {
        let uuid = parse_id("That check-in's", id)?;
        let u = self.vault.unlocked()?;
        if !rows::delete(u.conn, Table::CheckIns, uuid)? {
            return Err(Error::NotFound("That check-in"));
        }
        store::checkpoint(u.conn)
    }

    /// Weekly or monthly averages of each measure, `from` to `to`
    /// inclusive.
    pub fn trends(
        &mut self,
        from: NaiveDate,
        to: NaiveDate,
        period: TrendPeriod,
    ) -> Result<Vec<WellbeingTrendPoint>> {
        validate::date_range(
            ("The first day", Some(from)),
            ("The last day", Some(to)),
            "The last day of the range cannot be before the first.",
        )?;
        if (to - from).num_days() > TREND_RANGE_DAYS {
            return Err(Error::InvalidInput(
                "Trends cover at most five years at a time.".into(),
            ));
        }
        let list = self.list_check_ins()?;
        Ok(trends::trends(&list.check_ins, from, to, period))
    }

    /// The gentle prompt for `today`, if the rule in
    /// [`trends::gentle_prompt`] holds.
    pub fn prompt(&mut self, today: NaiveDate) -> Result<Option<GentlePrompt>> {
        let list = self.list_check_ins()?;
        Ok(trends::gentle_prompt(&list.check_ins, today))
    }

    /// ProqolScores and saves a complete ProQOL taken `today`. Missing answers are
    /// named and nothing is stored.
    pub fn submit_proqol(
        &mut self,
        answers: &[Option<u8>],
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<ProqolResult> {
        let complete = proqol::complete(answers)?;
        let scores = proqol::score(&complete);
        let body = ProqolBody {
            taken_on: today,
            answers: complete.to_vec(),
            scores,
        };
        let u = self.vault.unlocked()?;
        let id = Uuid::new_v4();
        store::write(u.conn, |tx| {
            rows::insert(tx, u.ring, Table::Proqol, id, &body, now)
        })?;
        Ok(ProqolResult {
            id: id.to_string(),
            created_at: at(store::to_millis(now)),
            taken_on: today,
            bands: scores.bands(),
            scores,
        })
    }

    /// Every ProQOL result, newest first.
    pub fn list_proqol(&mut self) -> Result<ProqolList> {
        let u = self.vault.unlocked()?;
        proqol_list(u.conn, u.ring)
    }

    /// Deletes a ProQOL result.
    pub fn delete_proqol(&mut self, id: &str) -> Result<()> {
        let uuid = parse_id("That ProQOL result's", id)?;
        let u = self.vault.unlocked()?;
        if !rows::delete(u.conn, Table::Proqol, uuid)? {
            return Err(Error::NotFound("That ProQOL result"));
        }
        store::checkpoint(u.conn)
    }

    /// Whether the quarterly ProQOL is due on `today`.
    pub fn proqol_due(&mut self, today: NaiveDate) -> Result<ProqolDue> {
        let list = self.list_proqol()?;
        let taken: Vec<NaiveDate> = list.results.iter().map(|r| r.taken_on).collect();
        Ok(proqol_due(&taken, today))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    #[test]
    fn due_after_ninety_days() {
        let today = d("2026-11-30");
        assert_eq!(
            proqol_due(&[], today),
            ProqolDue {
                due: true,
                last_taken: None,
                next_due: today
            }
        );
        let p = proqol_due(&[d("2026-06-01")], today);
        assert_eq!(
            (p.due, p.last_taken, p.next_due),
            (true, Some(d("2026-06-01")), today)
        );
        // Exactly 90 days after: due again.
        assert!(proqol_due(&[d("2026-09-01")], d("2026-11-30")).due);
        assert!(!proqol_due(&[d("2026-09-02")], d("2026-11-30")).due);
        assert_eq!(
            proqol_due(&[d("2026-09-02")], today).next_due,
            d("2026-12-01")
        );
        assert!(
            proqol_due(&[d("2026-01-02"), d("2026-09-02")], today).last_taken
                == Some(d("2026-09-02"))
        );
    }

    #[test]
    fn ratings_outside_one_to_five_name_the_field() {
        let ok = WellbeingRatings {
            stress: 1,
            energy: 5,
            workload: 3,
            sleep: 2,
            secondary_trauma: 4,
        };
        assert!(check_ratings(&ok).is_ok());
        let bad = WellbeingRatings { sleep: 0, ..ok };
        assert!(check_ratings(&bad)
            .expect_err("an error")
            .to_string()
            .contains("Sleep must be from 1 to 5"));
        let bad = WellbeingRatings {
            secondary_trauma: 6,
            ..ok
        };
        assert!(check_ratings(&bad)
            .expect_err("an error")
            .to_string()
            .contains("Signs of secondary trauma"));
    }
}
