//! The public shapes of goals, check-ins, skills, development stages and
//! coaching records (exported to TypeScript).

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};

/// Short- or long-term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum GoalTerm {
    /// A short-term goal (weeks to months).
    Short,
    /// A long-term goal (a year or more).
    Long,
}

/// Where a goal stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum GoalStatus {
    /// Being worked on.
    Active,
    /// Reached.
    Achieved,
    /// Replaced by a revised goal.
    Revised,
    /// Given up.
    Dropped,
}

/// The editable fields of a goal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GoalFields {
    /// A one-line title. Required.
    pub title: String,
    /// What the goal means and how it will be worked on.
    pub description: String,
    /// Short- or long-term.
    pub term: GoalTerm,
    /// When it should be reached (not before the day it was set).
    pub target_date: Option<NaiveDate>,
    /// Ids of skills from the skills list.
    pub skill_ids: Vec<String>,
    /// Weeks between check-ins (1 to 52; 4 by default).
    pub check_in_weeks: u32,
}

/// A goal as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Goal {
    /// Goal id.
    pub id: String,
    /// The supervisee it belongs to; `None` for the owner's own development.
    pub person_id: Option<String>,
    /// When it was set.
    pub created_at: DateTime<Utc>,
    /// The day it was set (the start of its check-in clock).
    pub created_on: NaiveDate,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
    /// The fields.
    pub fields: GoalFields,
    /// Current status.
    pub status: GoalStatus,
}

/// A line in a list of goals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GoalSummary {
    /// The goal.
    pub goal: Goal,
    /// Date of the latest check-in, if any.
    pub last_check_in: Option<NaiveDate>,
    /// Rating of the latest check-in, if any.
    pub last_rating: Option<u8>,
    /// The date the next check-in is due by (the latest check-in, or the
    /// day the goal was set, plus its interval).
    pub next_check_in: NaiveDate,
}

/// A list of goals; rows that failed their integrity check are named by id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GoalList {
    /// The goals that opened, oldest first.
    pub goals: Vec<GoalSummary>,
    /// Ids of goals that are damaged and cannot be shown.
    pub damaged: Vec<String>,
}

/// A kind of evidence for progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum EvidenceKind {
    /// A case note.
    CaseNote,
    /// Feedback from a client or service user.
    ClientFeedback,
    /// An outcome.
    Outcome,
    /// A direct observation of practice.
    DirectObservation,
    /// A case review.
    CaseReview,
    /// A role play.
    RolePlay,
}

/// One item of evidence, by reference (a case reference, never a name).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Evidence {
    /// What kind of evidence.
    pub kind: EvidenceKind,
    /// A short reference, e.g. "Case review of C-17". Required.
    pub reference: String,
}

/// What the user fills in for a check-in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CheckInInput {
    /// The day of the check-in (not before the goal was set, not after today).
    pub date: NaiveDate,
    /// How it is going. Required.
    pub progress_note: String,
    /// Evidence items.
    pub evidence: Vec<Evidence>,
    /// 1 (not started) to 5 (fully met).
    pub rating: u8,
    /// A coaching record of the same person this check-in follows, if any.
    pub coaching_id: Option<String>,
}

/// A stored check-in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CheckIn {
    /// Check-in id.
    pub id: String,
    /// When it was recorded.
    pub recorded_at: DateTime<Utc>,
    /// The fields.
    pub fields: CheckInInput,
}

/// One event in a goal's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum TimelineEvent {
    /// The goal was set.
    Created {
        /// The goal's title (as it reads now).
        title: String,
    },
    /// The goal's fields were edited.
    Edited {
        /// Which fields changed, in words ("title", "target date").
        changed: Vec<String>,
    },
    /// The status changed.
    StatusChanged {
        /// The status before.
        from: GoalStatus,
        /// The status after.
        to: GoalStatus,
        /// Why (may be empty).
        reason: String,
    },
    /// A check-in.
    CheckIn {
        /// The check-in.
        check_in: CheckIn,
    },
    /// A direct observation or case review recorded as coaching for this goal.
    Coaching {
        /// The coaching record.
        record: CoachingRecord,
    },
    /// A check-in that failed its integrity check.
    DamagedCheckIn {
        /// Its id.
        id: String,
    },
}

/// A dated event of a goal's timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TimelineEntry {
    /// The day it happened.
    pub on: NaiveDate,
    /// When it was recorded.
    pub recorded_at: DateTime<Utc>,
    /// What happened.
    pub event: TimelineEvent,
}

/// A goal with its check-ins and its history, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GoalDetail {
    /// The goal and its check-in summary.
    pub summary: GoalSummary,
    /// Every event in date order (then in the order recorded).
    pub timeline: Vec<TimelineEntry>,
}

/// A skill on the vault's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Skill {
    /// Skill id.
    pub id: String,
    /// Its name; empty when damaged.
    pub name: String,
    /// Retired: not offered for new links, still shown where linked.
    pub retired: bool,
    /// The record failed its integrity check.
    pub damaged: bool,
}

/// How far along a supervisee is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum DevelopmentStage {
    /// Newly qualified.
    NewlyQualified,
    /// Developing.
    Developing,
    /// Experienced.
    Experienced,
}

/// What the user fills in to set a development stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StageInput {
    /// The stage.
    pub stage: DevelopmentStage,
    /// From when it applies.
    pub set_on: NaiveDate,
    /// Why, or what it rests on (optional).
    pub note: String,
}

/// A development stage as set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StageEntry {
    /// Row id.
    pub id: String,
    /// When it was recorded.
    pub recorded_at: DateTime<Utc>,
    /// The fields.
    pub fields: StageInput,
}

/// A supervisee's stage and its history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StageHistory {
    /// The stage in force (the latest set), if any.
    pub current: Option<StageEntry>,
    /// Every stage set, newest first.
    pub history: Vec<StageEntry>,
    /// Number of entries that are damaged and cannot be shown.
    pub damaged: u32,
}

/// How a coaching session worked on a skill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum CoachingMethod {
    /// A role play.
    RolePlay,
    /// Analysis of a case scenario.
    CaseScenarioAnalysis,
    /// A problem-solving exercise.
    ProblemSolvingExercise,
    /// Direct observation of practice.
    DirectObservation,
    /// A case review.
    CaseReview,
}

impl CoachingMethod {
    /// Whether a record of this method linked to a goal is evidence on the
    /// goal's timeline.
    pub fn is_evidence(self) -> bool {
        matches!(
            self,
            CoachingMethod::DirectObservation | CoachingMethod::CaseReview
        )
    }
}

/// A follow-up check-in to schedule as a one-off coaching session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FollowUpInput {
    /// Local start.
    pub start: NaiveDateTime,
    /// Length in minutes.
    pub minutes: u32,
    /// IANA time zone of `start`, e.g. `Europe/London`.
    pub time_zone: String,
}

/// What the user fills in for a coaching record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CoachingInput {
    /// The supervisee.
    pub person_id: String,
    /// The day of the coaching (not after today).
    pub date: NaiveDate,
    /// The skill worked on (from the skills list, not retired).
    pub skill_id: String,
    /// The method.
    pub method: CoachingMethod,
    /// How it went. Required.
    pub how_it_went: String,
    /// Strengths noticed.
    pub strengths: String,
    /// The next step.
    pub next_step: String,
    /// A goal of the same supervisee it worked towards, if any.
    pub goal_id: Option<String>,
    /// Schedule a follow-up check-in, if given.
    pub follow_up: Option<FollowUpInput>,
}

/// A stored coaching record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CoachingRecord {
    /// Record id.
    pub id: String,
    /// When it was recorded.
    pub recorded_at: DateTime<Utc>,
    /// The supervisee.
    pub person_id: String,
    /// The day of the coaching.
    pub date: NaiveDate,
    /// The skill worked on.
    pub skill_id: String,
    /// The method.
    pub method: CoachingMethod,
    /// How it went.
    pub how_it_went: String,
    /// Strengths noticed.
    pub strengths: String,
    /// The next step.
    pub next_step: String,
    /// The goal it worked towards, if any.
    pub goal_id: Option<String>,
    /// The one-off coaching session scheduled as its follow-up, if any
    /// (a series id of the schedule).
    pub follow_up_series_id: Option<String>,
}

/// A supervisee's coaching records, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CoachingList {
    /// The records that opened.
    pub records: Vec<CoachingRecord>,
    /// Ids of records that are damaged and cannot be shown.
    pub damaged: Vec<String>,
}
