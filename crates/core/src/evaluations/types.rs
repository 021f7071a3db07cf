//! The public shapes of competency areas, evaluations, supervision checks
//! and endings (exported to TypeScript).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::goals::GoalStatus;
use crate::hours::SupervisionForm;

/// Midpoint or final.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum EvaluationKind {
    /// Halfway through the supervision period.
    Midpoint,
    /// At the end of the supervision period.
    Final,
}

/// The three functions of supervision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum SupervisionFunction {
    /// Standards, ethics, accountability.
    Normative,
    /// Learning: knowledge and skills.
    Formative,
    /// Support: wellbeing and resilience.
    Restorative,
}

/// An area evaluated, on the vault's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CompetencyArea {
    /// Area id.
    pub id: String,
    /// Its name; empty when damaged.
    pub name: String,
    /// The function of supervision it belongs to, if any.
    pub function: Option<SupervisionFunction>,
    /// The skill of the skills list it was drawn from, if any.
    pub skill_id: Option<String>,
    /// Retired: not offered for new evaluations, still shown where rated.
    pub retired: bool,
    /// The record failed its integrity check.
    pub damaged: bool,
}

/// One step of a 1–5 scale with what it means.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ScaleStep {
    /// 1 to 5.
    pub value: u8,
    /// A short label ("Developing").
    pub label: String,
    /// What the step means.
    pub descriptor: String,
}

/// What a supervision check asks about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum CheckTopic {
    /// Trust: speaking openly.
    Trust,
    /// Collaboration: deciding together.
    Collaboration,
    /// Power balance: neither side holds all of the power.
    PowerBalance,
}

/// One statement of the supervision check, answered on the agreement scale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CheckQuestion {
    /// The topic.
    pub topic: CheckTopic,
    /// The statement each side rates.
    pub statement: String,
}

/// Everything an evaluation or check form needs: the areas in use, the
/// scales with their descriptors, the check's statements and the limits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EvaluationForm {
    /// The competency areas, retired ones included (marked).
    pub areas: Vec<CompetencyArea>,
    /// The competency rating scale (1–5).
    pub scale: Vec<ScaleStep>,
    /// The supervision check's agreement scale (1–5).
    pub check_scale: Vec<ScaleStep>,
    /// The supervision check's statements.
    pub check_questions: Vec<CheckQuestion>,
    /// Longest comment, in characters.
    pub text_chars: u32,
    /// Longest area name or action title, in characters.
    pub line_chars: u32,
    /// Most action plan items on one evaluation.
    pub max_action_items: u32,
    /// Most referrals on one ending.
    pub max_referrals: u32,
}

/// Who put the supervisee's side into this vault.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum EnteredBy {
    /// The supervisor typed it in from the supervisee's own answers (the
    /// only way today).
    SupervisorByHand,
}

/// One area's ratings as entered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AreaRatingInput {
    /// The area (on the list, not retired).
    pub area_id: String,
    /// The supervisor's rating, 1–5, or none.
    pub supervisor: Option<u8>,
    /// The supervisee's self-assessment, 1–5, or none.
    pub supervisee: Option<u8>,
    /// A comment on this area.
    pub comment: String,
}

/// One item of an action plan; each becomes a goal of the supervisee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ActionPlanInput {
    /// The goal's title. Required.
    pub title: String,
    /// What it means and how it will be worked on.
    pub description: String,
    /// When it should be reached (not before today).
    pub target_date: Option<NaiveDate>,
}

/// One side's answers to the supervision check.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CheckAnswers {
    /// Trust, 1–5 or none.
    pub trust: Option<u8>,
    /// Collaboration, 1–5 or none.
    pub collaboration: Option<u8>,
    /// Power balance, 1–5 or none.
    pub power_balance: Option<u8>,
    /// Anything to add.
    pub comment: String,
}

/// Both sides' answers to the supervision check.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CheckSides {
    /// The supervisor's answers.
    pub supervisor: CheckAnswers,
    /// The supervisee's answers (typed in by the supervisor today).
    pub supervisee: CheckAnswers,
}

/// When a supervision check was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum CheckOccasion {
    /// With a midpoint or final evaluation.
    Evaluation,
    /// At a review of the supervision agreement.
    AgreementReview,
    /// At another time.
    Other,
}

/// What the user fills in for a supervision check on its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SupervisionCheckInput {
    /// The day (not in the future).
    pub date: NaiveDate,
    /// Agreement review or other (checks with an evaluation are taken in
    /// the evaluation form).
    pub occasion: CheckOccasion,
    /// Both sides' answers.
    pub sides: CheckSides,
}

/// A stored supervision check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SupervisionCheck {
    /// Check id.
    pub id: String,
    /// The supervisee.
    pub person_id: String,
    /// When it was recorded.
    pub recorded_at: DateTime<Utc>,
    /// The day.
    pub date: NaiveDate,
    /// When it was taken.
    pub occasion: CheckOccasion,
    /// The evaluation it was taken with, if any.
    pub evaluation_id: Option<String>,
    /// Both sides' answers.
    pub sides: CheckSides,
    /// Who entered the supervisee's answers.
    pub supervisee_entered_by: EnteredBy,
}

/// A supervisee's supervision checks, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CheckList {
    /// The checks that opened.
    pub checks: Vec<SupervisionCheck>,
    /// Ids of checks that are damaged and cannot be shown.
    pub damaged: Vec<String>,
}

/// What the user fills in for an evaluation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EvaluationInput {
    /// Midpoint or final.
    pub kind: EvaluationKind,
    /// The day of the evaluation (not in the future).
    pub date: NaiveDate,
    /// Ratings per area (at least one area rated).
    pub ratings: Vec<AreaRatingInput>,
    /// The supervisor's overall comments.
    pub supervisor_comments: String,
    /// The supervisee's overall comments (typed in by the supervisor).
    pub supervisee_comments: String,
    /// The action plan: each item becomes a goal.
    pub action_plan: Vec<ActionPlanInput>,
    /// The supervision check taken with it, if any.
    pub check: Option<CheckSides>,
}

/// One area's ratings as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AreaRating {
    /// The area.
    pub area_id: String,
    /// Its name when the evaluation was made.
    pub area_name: String,
    /// Its function when the evaluation was made.
    pub function: Option<SupervisionFunction>,
    /// The supervisor's rating.
    pub supervisor: Option<u8>,
    /// The supervisee's self-assessment.
    pub supervisee: Option<u8>,
    /// A comment on this area.
    pub comment: String,
}

/// One item of an action plan as stored, with the goal it became.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ActionPlanItem {
    /// The goal's title.
    pub title: String,
    /// Its description.
    pub description: String,
    /// Its target date.
    pub target_date: Option<NaiveDate>,
    /// The goal it became.
    pub goal_id: Option<String>,
}

/// A stored evaluation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Evaluation {
    /// Evaluation id.
    pub id: String,
    /// The supervisee.
    pub person_id: String,
    /// When it was recorded.
    pub recorded_at: DateTime<Utc>,
    /// Midpoint or final.
    pub kind: EvaluationKind,
    /// The day.
    pub date: NaiveDate,
    /// Ratings per area.
    pub ratings: Vec<AreaRating>,
    /// Who entered the supervisee's ratings and comments.
    pub supervisee_entered_by: EnteredBy,
    /// The supervisor's overall comments.
    pub supervisor_comments: String,
    /// The supervisee's overall comments.
    pub supervisee_comments: String,
    /// The action plan and the goals it became.
    pub action_plan: Vec<ActionPlanItem>,
    /// The supervision check taken with it, if any.
    pub check_id: Option<String>,
}

/// A supervisee's evaluations, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EvaluationList {
    /// The evaluations that opened.
    pub evaluations: Vec<Evaluation>,
    /// Ids of evaluations that are damaged and cannot be shown.
    pub damaged: Vec<String>,
}

/// Where a supervisee is referred at the end of supervision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ReferralKind {
    /// Another supervisor.
    Supervisor,
    /// Training or a course.
    Training,
    /// Personal therapy or counselling.
    PersonalTherapy,
    /// Peer support or a peer group.
    PeerSupport,
    /// Anything else.
    Other,
}

/// One referral.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Referral {
    /// What kind.
    pub kind: ReferralKind,
    /// To whom or where. Required.
    pub to: String,
    /// A note.
    pub note: String,
}

/// What the user fills in to end a relationship.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EndingInput {
    /// The last day of supervision (not in the future, not before the start).
    pub end_date: NaiveDate,
    /// Why it ends (e.g. "Licensure reached").
    pub reason: String,
    /// Referrals.
    pub referrals: Vec<Referral>,
}

/// Supervision of one form in the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FormHours {
    /// The form.
    pub form: SupervisionForm,
    /// Held sessions of that form.
    pub sessions: u32,
    /// Their length in minutes.
    pub minutes: u32,
}

/// A goal named in a termination summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SummaryGoal {
    /// The goal.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its status.
    pub status: GoalStatus,
}

/// An open action item at the end.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OutstandingAction {
    /// The action item.
    pub id: String,
    /// What is to be done.
    pub text: String,
    /// By when.
    pub due: Option<NaiveDate>,
    /// The session it was agreed in.
    pub session_date: NaiveDate,
}

/// The figures of an ending.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TerminationSummary {
    /// The start: the person's start date, else their earliest agreement's
    /// effective date, else the first held session; none if none is known.
    pub start_date: Option<NaiveDate>,
    /// The last day.
    pub end_date: NaiveDate,
    /// Held sessions in the period.
    pub sessions_held: u32,
    /// Supervision by form in the period (forms with none left out).
    pub hours_by_form: Vec<FormHours>,
    /// All supervision in the period, in minutes.
    pub total_minutes: u32,
    /// Goals achieved.
    pub goals_met: Vec<SummaryGoal>,
    /// Goals still active.
    pub goals_open: Vec<SummaryGoal>,
    /// Action items still open.
    pub outstanding: Vec<OutstandingAction>,
    /// Evaluations made.
    pub evaluations: u32,
}

/// An ended relationship.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Ending {
    /// Ending id.
    pub id: String,
    /// The supervisee.
    pub person_id: String,
    /// When it was confirmed.
    pub recorded_at: DateTime<Utc>,
    /// What was filled in.
    pub input: EndingInput,
    /// The figures as they stood when it was confirmed.
    pub summary: TerminationSummary,
}
