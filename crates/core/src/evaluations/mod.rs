//! Evaluations and endings: midpoint and final evaluations of a
//! supervisee, checks on how supervision itself is going, and the ending
//! of a supervision relationship with its termination summary and a
//! verification letter of supervision hours.
//!
//! Reached through the handle [`Evaluations::of`].
//!
//! ## Competency areas
//!
//! The areas an evaluation rates are a list per vault, sealed under the
//! vault key. At first use it is seeded with the three functions of
//! supervision ([`FUNCTION_AREAS`]: normative, formative, restorative) and
//! with every skill then in use on the goals skills list (each area keeps
//! the id of the skill it came from). Areas can be added, renamed and
//! retired; a retired area is not offered for new evaluations, and every
//! evaluation keeps the name an area had when it was rated.
//!
//! ## Ratings
//!
//! Each area is rated by both sides on the 1–5 scale [`RATING_SCALE`]
//! (each step with its descriptor); either side may leave an area
//! unrated, but at least one area needs a rating. The supervisee's
//! self-assessment and comments are typed in by the supervisor today
//! ([`EnteredBy::SupervisorByHand`]); a later import from the
//! supervisee's own vault will mark its entries as such.
//!
//! ## Action plans
//!
//! Each item of an evaluation's action plan becomes a short-term goal of
//! the supervisee through [`crate::goals::Goals::create`]; the evaluation
//! keeps each goal's id. The evaluation (and the supervision check taken
//! with it) are written in one transaction, then the goals, then the
//! links; every item is checked before anything is written, so bad input
//! writes nothing.
//!
//! ## Supervision checks
//!
//! A short check on how supervision itself is going: three statements
//! ([`CHECK_QUESTIONS`]: trust, collaboration, power balance) answered by
//! both sides on the agreement scale [`CHECK_SCALE`], with a comment. It is
//! its own kind of record, taken with an evaluation or on its own (at an
//! agreement review or another time).
//!
//! ## Endings
//!
//! [`Evaluations::ending_preview`] computes the termination summary
//! without writing: the period (start: the person's start date, else the
//! earliest agreement's effective date, else the first held session; end:
//! the ending date), held sessions and supervision minutes by form within
//! it (from [`crate::hours::Hours::ledger`]), goals achieved and still
//! active ([`crate::goals::Goals::list`]), action items still open
//! ([`crate::records::Records::open_actions`]) and the number of
//! evaluations. [`Evaluations::end`] stores the ending with that summary,
//! records the end date on the person and archives them
//! ([`crate::people::People::set_archived`]). The verification letter
//! ([`Evaluations::letter_pdf`]) prints the supervisor's details from
//! Settings, the supervisee, the period, the hours by form and in total, a
//! statement and a signature line: no clinical content.
//!
//! ## Storage
//!
//! [`crate::store::evaluations`] is the only code with their SQL. A
//! supervisee's rows are sealed under that person's data key; the
//! competency areas under the vault key. Plaintext: ids, `person_id`,
//! timestamps.

mod areas;
mod check;
mod ending;
mod evaluation;
mod letter;
mod summary;
mod types;

use chrono::NaiveDate;

use crate::error::{Error, Result};
use crate::people::{People, Person, PersonKind, Relation};
use crate::vault::Vault;

pub use letter::{letter_document, LetterParties};
pub use types::{
    ActionPlanInput, ActionPlanItem, AreaRating, AreaRatingInput, CheckAnswers, CheckList,
    CheckOccasion, CheckQuestion, CheckSides, CheckTopic, CompetencyArea, Ending, EndingInput,
    EnteredBy, Evaluation, EvaluationForm, EvaluationInput, EvaluationKind, EvaluationList,
    FormHours, OutstandingAction, Referral, ReferralKind, ScaleStep, SummaryGoal, SupervisionCheck,
    SupervisionCheckInput, SupervisionFunction, TerminationSummary,
};

/// Ratings of areas and of the supervision check.
pub const RATINGS: std::ops::RangeInclusive<u8> = 1..=5;
/// Longest comment, reason or description, in characters.
pub const MAX_TEXT_CHARS: usize = 4000;
/// Longest area name, action title or referral, in characters.
pub const MAX_LINE_CHARS: usize = crate::validate::SHORT_CHARS;
/// Most action plan items on one evaluation.
pub const MAX_ACTION_ITEMS: usize = 20;
/// Most referrals on one ending.
pub const MAX_REFERRALS: usize = 20;
/// Most areas on the list (retired ones included).
pub const MAX_AREAS: usize = 200;

/// The competency scale: (value, label, descriptor).
pub const RATING_SCALE: [(u8, &str, &str); 5] = [
    (
        1,
        "Not yet evident",
        "Not yet seen in practice; needs direct teaching.",
    ),
    (2, "Emerging", "Seen at times, with close guidance."),
    (
        3,
        "Developing",
        "Seen regularly; still needs some guidance.",
    ),
    (4, "Competent", "Seen consistently, working independently."),
    (
        5,
        "Advanced",
        "Consistent, reflective, and able to guide others.",
    ),
];

/// The supervision check's agreement scale: (value, label, descriptor).
pub const CHECK_SCALE: [(u8, &str, &str); 5] = [
    (1, "Strongly disagree", "This is not how supervision feels."),
    (2, "Disagree", "This is mostly not how supervision feels."),
    (3, "Neither", "Sometimes yes, sometimes no."),
    (4, "Agree", "This is mostly how supervision feels."),
    (5, "Strongly agree", "This is how supervision feels."),
];

/// The supervision check's statements.
pub const CHECK_QUESTIONS: [(CheckTopic, &str); 3] = [
    (
        CheckTopic::Trust,
        "I can speak openly in supervision, including about mistakes.",
    ),
    (
        CheckTopic::Collaboration,
        "We decide together what supervision works on.",
    ),
    (
        CheckTopic::PowerBalance,
        "Power is shared: neither of us holds all of it.",
    ),
];

/// The areas a new list starts with, one per function of supervision
/// (the skills list's skills follow them).
pub const FUNCTION_AREAS: [(SupervisionFunction, &str); 3] = [
    (
        SupervisionFunction::Normative,
        "Ethics, standards and accountability",
    ),
    (SupervisionFunction::Formative, "Knowledge and skills"),
    (
        SupervisionFunction::Restorative,
        "Wellbeing, resilience and self-care",
    ),
];

/// Evaluations, supervision checks, competency areas and endings of an
/// unlocked vault.
pub struct Evaluations<'a> {
    vault: &'a mut Vault,
}

impl<'a> Evaluations<'a> {
    /// The evaluations of `vault`.
    pub fn of(vault: &'a mut Vault) -> Self {
        Evaluations { vault }
    }

    /// The supervisee `person_id` (a person the owner supervises), opened.
    fn supervisee(&mut self, person_id: &str) -> Result<Person> {
        let id = crate::validate::id_string("That person's", person_id)?;
        let person = People::of(self.vault).get(&id)?;
        if person.fields.kind != PersonKind::Person {
            return Err(Error::InvalidInput(
                "Evaluations and endings are kept for one person, not for a group or an organisation.".into(),
            ));
        }
        if person.fields.relation != Relation::ISupervise {
            return Err(Error::InvalidInput(
                "Evaluations and endings are kept for people you supervise.".into(),
            ));
        }
        Ok(person)
    }

    /// As [`Self::supervisee`], refusing an archived person (`doing` says
    /// what was refused, e.g. "A final evaluation").
    fn active_supervisee(&mut self, person_id: &str, doing: &str) -> Result<Person> {
        let person = self.supervisee(person_id)?;
        if person.archived {
            return Err(Error::InvalidInput(format!(
                "{doing} cannot be made for someone archived: their supervision has ended. Restore them first if it continues."
            )));
        }
        Ok(person)
    }
}

fn scale(steps: &[(u8, &str, &str)]) -> Vec<ScaleStep> {
    steps
        .iter()
        .map(|(value, label, descriptor)| ScaleStep {
            value: *value,
            label: (*label).to_string(),
            descriptor: (*descriptor).to_string(),
        })
        .collect()
}

/// A 1–5 rating or none; `what` names it in the error.
fn rating(what: &str, value: Option<u8>) -> Result<Option<u8>> {
    match value {
        Some(v) if !RATINGS.contains(&v) => Err(Error::InvalidInput(format!(
            "{what} is {v}; ratings are {} to {}.",
            RATINGS.start(),
            RATINGS.end()
        ))),
        other => Ok(other),
    }
}

/// A day within the year bounds and not after `today`.
fn past_day(field: &str, value: NaiveDate, today: NaiveDate) -> Result<()> {
    crate::validate::date(field, Some(value))?;
    if value > today {
        return Err(Error::InvalidInput(format!("{field} is in the future.")));
    }
    Ok(())
}

fn text(field: &str, value: &str) -> Result<String> {
    crate::validate::paragraph(field, value, MAX_TEXT_CHARS)
}
