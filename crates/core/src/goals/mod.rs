//! Goals and development plans, check-ins, the skills list, development
//! stages and coaching records.
//!
//! Reached through the handle [`Goals::of`]. Other domains call:
//!
//! * [`Goals::due_for_check_in`] (the agenda): a person's active goals due
//!   for a check-in on a given day; inside the crate, `goals::due_for_check_in`
//!   does the same with a connection and key ring the caller holds (e.g.
//!   in the agenda's own transaction);
//! * [`Goals::list`], [`Goals::stage`] and [`Goals::coaching_list`] (the
//!   person page).
//!
//! ## Who has goals
//!
//! A goal belongs either to a supervisee (a people record of kind person
//! that the owner supervises) or, with no person, to the owner's own
//! development. Development stages and coaching records are only for
//! supervisees. Groups and organisations have none of these (an error
//! says so).
//!
//! ## Check-in rule
//!
//! Each goal has a check-in interval in weeks (default
//! [`DEFAULT_CHECK_IN_WEEKS`]). An active goal is *due for check-in* on a
//! day `on` when its latest check-in (or, before the first, the day it was
//! set) plus the interval is on or before `on`, or when its target date is
//! before `on`. Achieved, revised and dropped goals are never due.
//!
//! ## History
//!
//! A goal keeps its history inside its sealed body: every status change
//! (dated by the user, with a reason) and every edit (which fields
//! changed). Check-ins are rows of their own. The timeline of a goal
//! ([`Goals::get`]) is the creation, the edits, the status changes, the
//! check-ins and the coaching records that are evidence for it, in date
//! order, oldest first (events of the same day in the order recorded).
//!
//! **Coaching as evidence:** a coaching record of method direct
//! observation or case review linked to a goal appears as its own event on
//! that goal's timeline (read from the coaching record each time, so it is
//! never copied). Records of other methods linked to a goal are kept on the
//! person's coaching list only.
//!
//! ## Skills
//!
//! The skills list is per vault, sealed under the vault key, seeded at
//! first use with [`SEED_SKILLS`]. Skills can be added, renamed and
//! retired; a retired skill is not offered for new links but every goal and
//! record that links it still shows its name.
//!
//! ## Storage
//!
//! [`crate::store::goals`] is the only code with their SQL. A supervisee's
//! rows are sealed under that person's data key (erasing the person makes
//! them unreadable); the owner's goals and the skills list under the vault
//! key. Plaintext: ids, `person_id`, a check-in's `goal_id`, timestamps.
//! Everything else (titles, notes, evidence, ratings, statuses, dates,
//! skill names, stages, methods) is sealed.

mod check_in;
mod coaching;
mod goal;
mod load;
mod pdf;
mod search_docs;
mod skills;
mod stage;
mod types;

use crate::vault::Vault;

// For the agenda (issue 7, item 4), which builds inside its own transaction.
pub(crate) use goal::due_in as due_for_check_in;
// For an evaluation's action plan, saved in the evaluation's transaction.
pub(crate) use goal::create_in;
pub use pdf::{goal_document, GoalNames};
pub(crate) use search_docs::search_docs;

pub use types::{
    CheckIn, CheckInInput, CoachingInput, CoachingList, CoachingMethod, CoachingRecord,
    DevelopmentStage, Evidence, EvidenceKind, FollowUpInput, Goal, GoalDetail, GoalFields,
    GoalList, GoalStatus, GoalSummary, GoalTerm, Skill, StageEntry, StageHistory, StageInput,
    TimelineEntry, TimelineEvent,
};

/// The skills a new vault's list starts with.
pub const SEED_SKILLS: [&str; 6] = [
    "Trauma-informed care",
    "Crisis intervention",
    "De-escalation",
    "Cultural competence",
    "Advocacy",
    "Case management",
];
/// Weeks between check-ins unless the goal says otherwise.
pub const DEFAULT_CHECK_IN_WEEKS: u32 = 4;
/// Allowed check-in intervals, in weeks.
pub const CHECK_IN_WEEKS: std::ops::RangeInclusive<u32> = 1..=52;
/// Longest free text (description, progress note, reason, coaching notes), in characters.
pub const MAX_TEXT_CHARS: usize = 4000;
/// Most evidence items on one check-in.
pub const MAX_EVIDENCE: usize = 20;
/// Most skills linked to one goal.
pub const MAX_GOAL_SKILLS: usize = 12;
/// Most skills on the list (retired ones included).
pub const MAX_SKILLS: usize = 200;
/// Ratings of a check-in.
pub const RATINGS: std::ops::RangeInclusive<u8> = 1..=5;

/// Goals, check-ins, skills, development stages and coaching records of an
/// unlocked vault.
pub struct Goals<'a> {
    vault: &'a mut Vault,
}

impl<'a> Goals<'a> {
    /// The goals of `vault`.
    pub fn of(vault: &'a mut Vault) -> Self {
        Goals { vault }
    }
}
