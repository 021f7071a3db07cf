//! The rule engine's types: a profile (data, not code) and the progress
//! it gives over a ledger.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::hours::SupervisionForm;

/// Which practice hours a rule counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum PracticeKind {
    /// Direct (clinical) hours: work with clients.
    Clinical,
    /// Of the clinical hours, face-to-face psychotherapy or counselling.
    Psychotherapy,
    /// Non-clinical hours.
    NonClinical,
    /// Clinical and non-clinical together.
    All,
}

impl PracticeKind {
    /// Plain words ("direct", "psychotherapy", "non-clinical", "practice").
    pub fn words(self) -> &'static str {
        match self {
            PracticeKind::Clinical => "direct",
            PracticeKind::Psychotherapy => "psychotherapy",
            PracticeKind::NonClinical => "non-clinical",
            PracticeKind::All => "practice",
        }
    }
}

/// The stretch a per-period rule is applied to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Period {
    /// A calendar week, Monday to Sunday.
    Week,
    /// A calendar month.
    Month,
    /// The whole period of experience.
    Whole,
}

/// The unit of a period-length rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum LengthUnit {
    /// Weeks (7 days).
    Weeks,
    /// Calendar months.
    Months,
}

/// "`supervision_minutes` of supervision per `per_practice_hours` hours of
/// practice" (e.g. 60 per 40: one hour per 40 hours worked).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Ratio {
    /// Minutes of supervision.
    pub supervision_minutes: u32,
    /// Per this many hours of practice (clinical and non-clinical).
    pub per_practice_hours: u32,
}

/// One rule of a profile: a rule kind with its numbers.
///
/// Rules that *limit* (maxima, share caps, group sizes, minimum session
/// length, weekly units, the continuous window) take hours out of the
/// count, each with its reason; rules that *require* (minima) report what
/// is still missing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Rule {
    /// Practice hours of a kind: at least `min_hours`; hours over
    /// `max_hours` are not counted.
    PracticeTotal {
        /// Which practice hours.
        of: PracticeKind,
        /// At least this many hours.
        min_hours: Option<u32>,
        /// At most this many hours count.
        max_hours: Option<u32>,
    },
    /// Supervision hours of the given forms (all forms when empty): at
    /// least `min_hours`; hours over `max_hours` are not counted.
    SupervisionTotal {
        /// Which forms count (empty: every form).
        forms: Vec<SupervisionForm>,
        /// At least this many hours.
        min_hours: Option<u32>,
        /// At most this many hours count.
        max_hours: Option<u32>,
    },
    /// The period of experience (first to last counted day): at least
    /// `min`, at most `max`.
    PeriodLength {
        /// Weeks or months.
        unit: LengthUnit,
        /// At least this long.
        min: Option<u32>,
        /// At most this long.
        max: Option<u32>,
    },
    /// Supervision in each period. Minimum: `min_minutes` or the
    /// proportional `min_per_practice`, whichever is less when both are
    /// given. Maximum: supervision over `max_minutes` (or the proportional
    /// `max_per_practice`, whichever is less) is not counted. With
    /// `voids_practice`, the practice hours of a period under the minimum
    /// are not counted.
    SupervisionPerPeriod {
        /// Week, month or the whole period.
        period: Period,
        /// At least this many minutes.
        min_minutes: Option<u32>,
        /// At least this much per hour of practice.
        min_per_practice: Option<Ratio>,
        /// At most this many minutes count.
        max_minutes: Option<u32>,
        /// At most this much per hour of practice counts.
        max_per_practice: Option<Ratio>,
        /// Practice in a period under the minimum does not count.
        voids_practice: bool,
    },
    /// Supervision of the given forms counts up to a share of all counted
    /// supervision (`max_percent`) and up to `max_hours`.
    ShareCap {
        /// Which forms are capped (e.g. group).
        forms: Vec<SupervisionForm>,
        /// At most this percentage of all counted supervision.
        max_percent: Option<u32>,
        /// At most this many hours.
        max_hours: Option<u32>,
    },
    /// At least `min_hours` of supervision (of `forms`; all when empty)
    /// from a supervisor whose credential is `credential`.
    SupervisorCredential {
        /// The credential, e.g. "LMFT" (compared ignoring case).
        credential: String,
        /// At least this many hours.
        min_hours: u32,
        /// Which forms count (empty: every form).
        forms: Vec<SupervisionForm>,
    },
    /// Group and triadic supervision counts only with this many supervisees.
    GroupSize {
        /// At least this many supervisees.
        min: Option<u32>,
        /// At most this many supervisees.
        max: Option<u32>,
    },
    /// A supervision session shorter than this does not count.
    MinSessionMinutes {
        /// The shortest session that counts.
        minutes: u32,
    },
    /// In each week practice is claimed, a unit of supervision: `individual_minutes`
    /// of individual, triadic or direct observation, or `group_minutes` of group
    /// (parts add up). A week without a unit is not counted; with
    /// `second_unit_above_hours`, a second unit is needed for the direct
    /// hours over that number in a work setting, or they are not counted.
    WeeklyUnit {
        /// Minutes of individual (or triadic) supervision in a unit.
        individual_minutes: u32,
        /// Minutes of group supervision in a unit.
        group_minutes: u32,
        /// Direct hours in a setting above which a second unit is needed.
        second_unit_above_hours: Option<u32>,
    },
    /// At least `min_weeks` weeks with supervision of `forms` (all when
    /// empty), from a supervisor with `credential` when given.
    SupervisedWeeks {
        /// At least this many weeks.
        min_weeks: u32,
        /// Which forms count (empty: every form).
        forms: Vec<SupervisionForm>,
        /// Only supervision from a supervisor with this credential.
        credential: Option<String>,
    },
    /// Only hours within `max_months` of the first counted day count.
    ContinuousWindow {
        /// The window's length in months.
        max_months: u32,
    },
}

/// What a line of the board summary shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SummarySource {
    /// Counted practice hours of a kind.
    Practice {
        /// Which practice hours.
        of: PracticeKind,
    },
    /// Counted supervision hours of `forms` (all when empty), from a
    /// supervisor with `credential` when given.
    Supervision {
        /// Which forms (empty: all).
        forms: Vec<SupervisionForm>,
        /// Only from a supervisor with this credential.
        credential: Option<String>,
    },
    /// Weeks with counted supervision of `forms` (all when empty).
    SupervisedWeeks {
        /// Which forms (empty: all).
        forms: Vec<SupervisionForm>,
        /// Only from a supervisor with this credential.
        credential: Option<String>,
    },
    /// The first counted day.
    FirstDate,
    /// The last counted day.
    LastDate,
    /// Whole months from the first to the last counted day.
    Months,
    /// Whole weeks from the first to the last counted day.
    Weeks,
    /// The supervisors of counted hours: name, credential, licence number.
    Supervisors,
}

/// One line of a profile's board summary: a label as the board's form
/// names the field, and what fills it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SummaryField {
    /// The field's label.
    pub label: String,
    /// What fills it.
    pub source: SummarySource,
}

/// A board's rules as data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Profile {
    /// The profile's id (an example's fixed id, or a random UUID).
    pub id: String,
    /// Its name, e.g. "California LCSW".
    pub name: String,
    /// The board, e.g. "California Board of Behavioral Sciences".
    pub board: String,
    /// A short tag put in every reason, e.g. "CA" in "(CA weekly unit)".
    pub tag: String,
    /// Where the rules come from (the regulation's citation).
    pub source_citation: String,
    /// When the rules were last checked against the source.
    pub checked_on: NaiveDate,
    /// True for a profile shipped as an example (check the board's current rules).
    pub example: bool,
    /// The rules.
    pub rules: Vec<Rule>,
    /// The board summary's fields, in the order of the board's form.
    pub summary: Vec<SummaryField>,
}

/// Supervision or practice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    /// A supervision item.
    Supervision,
    /// A practice week.
    Practice,
}

/// What the rules did with one ledger item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ItemOutcome {
    /// The item's id (supervision item or practice week).
    pub id: String,
    /// Supervision or practice.
    pub kind: ItemKind,
    /// Its date (a practice week's Monday).
    pub date: NaiveDate,
    /// Minutes logged (practice: clinical plus non-clinical).
    pub logged_minutes: u32,
    /// Minutes counted after the rules.
    pub counted_minutes: u32,
    /// One plain-language reason per reduction, in the order applied.
    pub reasons: Vec<String>,
}

/// Whether a rule is satisfied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum RuleState {
    /// The requirement is met.
    Met,
    /// Not yet: something is missing (see the detail).
    NotYet,
    /// A limit: hours over it are not counted (see the detail).
    Applied,
    /// Over a maximum that cannot be undone by leaving hours out (e.g. the
    /// period is longer than allowed).
    Exceeded,
}

/// One rule's state, in words and numbers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RuleStatus {
    /// The rule's place in the profile (from 0).
    pub index: u32,
    /// The rule in plain words ("At least 3,000 practice hours").
    pub title: String,
    /// Met, not yet, or a limit applied.
    pub state: RuleState,
    /// What is there and what is missing ("2,340 of 3,000 hours: 660 to go").
    pub detail: String,
    /// Counted so far (minutes, weeks or months as the rule counts), when it has a number.
    pub have: Option<u32>,
    /// Needed (same unit as `have`), when it has a number.
    pub need: Option<u32>,
}

/// Counted and logged minutes of one month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MonthTotals {
    /// The month's first day.
    pub month: NaiveDate,
    /// Counted direct minutes.
    pub clinical_minutes: u32,
    /// Counted psychotherapy minutes (part of the direct minutes).
    pub psychotherapy_minutes: u32,
    /// Counted non-clinical minutes.
    pub non_clinical_minutes: u32,
    /// Counted supervision minutes.
    pub supervision_minutes: u32,
    /// Logged but not counted (practice and supervision).
    pub not_counted_minutes: u32,
    /// Counted minutes of the progress target up to the end of this month.
    pub cumulative_target_minutes: u32,
}

/// One line of the totals: logged and counted minutes of a type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TotalLine {
    /// What it totals ("Direct (clinical)", "Group supervision", …).
    pub label: String,
    /// Minutes logged.
    pub logged_minutes: u32,
    /// Minutes counted.
    pub counted_minutes: u32,
}

/// The total the chart and the projection follow.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Target {
    /// What it is ("Practice hours", "Direct hours", "Supervision hours").
    pub label: String,
    /// Needed, in minutes.
    pub minutes: u32,
    /// Counted so far, in minutes.
    pub counted_minutes: u32,
}

/// The projected finish.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Projection {
    /// The day the target would be reached at the recent pace; `None` when
    /// there is no pace (or no target).
    pub finish_on: Option<NaiveDate>,
    /// How it was computed, in words.
    pub explanation: String,
}

/// One line of the board summary, filled in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SummaryLine {
    /// The field's label.
    pub label: String,
    /// Its value, as text to copy.
    pub value: String,
}

/// A ledger seen through a profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Progress {
    /// Whose ledger.
    pub person_id: String,
    /// Which profile.
    pub profile_id: String,
    /// The profile's name.
    pub profile_name: String,
    /// True when the profile is an example.
    pub example: bool,
    /// The day the progress is for.
    pub today: NaiveDate,
    /// Logged and counted totals by type.
    pub totals: Vec<TotalLine>,
    /// Counted totals per month, oldest first.
    pub months: Vec<MonthTotals>,
    /// Each ledger item with what was counted and why not the rest.
    pub items: Vec<ItemOutcome>,
    /// Each rule's state, in the profile's order.
    pub rules: Vec<RuleStatus>,
    /// The total followed by the chart and projection, when the profile has one.
    pub target: Option<Target>,
    /// The projected finish.
    pub projection: Projection,
    /// The board summary.
    pub summary: Vec<SummaryLine>,
    /// General notes (e.g. no agreement in force).
    pub notes: Vec<String>,
}
