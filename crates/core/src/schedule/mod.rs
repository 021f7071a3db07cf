//! Scheduling: one-off and recurring supervision sessions, exceptions
//! (move, cancel, status, edit this-and-following), conflicts across every
//! supervisee and group, and the reminders logic.
//!
//! # How time is stored
//!
//! A session series stores its **IANA time zone** (e.g. `Europe/London`) and
//! the **local wall-clock start** of its first session, never a UTC instant
//! alone. Recurrence rules (RFC 5545, expanded with the `rrule` crate) are
//! expanded on the wall clock and each occurrence is then placed in the time
//! zone, so a monthly 10:00 session stays at 10:00 when the clocks change.
//!
//! Local times that do not exist or happen twice are resolved by the rule
//! RFC 5545 §3.3.5 gives for `DTSTART;TZID=…` values, so the app and every
//! calendar program agree:
//!
//! - **in a spring-forward gap** the time is read with the UTC offset in
//!   force *before* the gap, which moves it forward by the length of the gap:
//!   02:30 on 29 March 2026 in Europe/London is 03:30 BST;
//! - **in a fall-back overlap** the *earlier* of the two instants is used:
//!   01:30 on 25 October 2026 in Europe/London is 01:30 BST (UTC+01:00).
//!
//! Either case adds a plain-language `note` to the occurrence ("02:30 does
//! not exist on Sunday 29 March 2026 in Europe/London (the clocks go
//! forward); the session is at 03:30.").
//!
//! An occurrence is identified by its series and its **original wall-clock
//! start** ([`OccurrenceKey`]), the same thing an iCalendar `RECURRENCE-ID`
//! with a `TZID` names. Exceptions keyed that way stay attached to the right
//! session even if a time-zone database update changes a country's offsets.
//!
//! # Exceptions
//!
//! Each occurrence has at most one exception row: moving it again replaces
//! the earlier move (always measured from the original slot), so an
//! exception applies exactly once. Statuses are planned (no row needed),
//! held, cancelled (by whom, why, late or not) and no-show.
//!
//! **Edit this-and-following** splits a series: the old series now ends the
//! day before the chosen occurrence and a new series (a new id) starts there
//! with the edited fields. Exceptions at or after the split move to the new
//! series when their original slot is still a session of the new series
//! (e.g. only the location or the length changed); otherwise they no longer
//! name a session and are dropped, and the result says how many were
//! dropped. A series that ended after a number of sessions keeps its total:
//! when the new part is given the same count as before, it gets the sessions
//! that remain.
//!
//! # Limits
//!
//! A query covers at most [`MAX_RANGE_DAYS`] days and returns at most
//! [`MAX_OCCURRENCES_PER_SERIES`] occurrences of one series (the result says
//! when it was cut short); expanding a rule stops after
//! [`MAX_EXPANSION_STEPS`] steps. A rule ends after at most [`MAX_COUNT`]
//! sessions or [`MAX_SERIES_YEARS`] years, or never.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};

mod cadence;
mod conflicts;
pub(crate) mod db;
pub(crate) mod ops;
mod reminders;
pub(crate) mod rules;
pub(crate) mod time;
pub(crate) mod zones;

pub use cadence::{phased_cadence, PhasedCadence, PHASED_CADENCE_LABEL};
pub use conflicts::find_conflicts;
pub use reminders::reminders_due;
pub use rules::{describe_recurrence, preview_series};

/// Default session length when nothing else (the agreement) says.
pub const DEFAULT_DURATION_MINUTES: u32 = 60;
/// Longest session accepted.
pub const MAX_DURATION_MINUTES: u32 = 12 * 60;
/// Default reminder lead time.
pub const DEFAULT_REMINDER_MINUTES: u32 = 15;
/// Longest reminder lead time (one week).
pub const MAX_REMINDER_MINUTES: u32 = 7 * 24 * 60;
/// Default cancellation notice when the agreement does not say.
pub const DEFAULT_NOTICE_HOURS: u32 = 24;
/// Most sessions a rule may count.
pub const MAX_COUNT: u32 = 1000;
/// Largest "every N weeks/months".
pub const MAX_INTERVAL: u16 = 52;
/// Longest a rule with an end date may run.
pub const MAX_SERIES_YEARS: i32 = 30;
/// Widest range one query may cover.
pub const MAX_RANGE_DAYS: i64 = 400;
/// Most occurrences of one series in one query.
pub const MAX_OCCURRENCES_PER_SERIES: usize = 1000;
/// Most rule steps taken while expanding one series.
pub const MAX_EXPANSION_STEPS: usize = 20_000;
/// Most sessions [`crate::vault::Vault::schedule_upcoming`] returns.
pub const MAX_UPCOMING: usize = 200;
/// Earliest and latest years a session may fall in.
pub const YEAR_RANGE: std::ops::RangeInclusive<i32> = 1970..=2200;
const MAX_LOCATION_CHARS: usize = 200;
const MAX_CODE_CHARS: usize = 20;
const MAX_REASON_CHARS: usize = 2000;

/// What kind of session this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum SessionKind {
    /// One supervisor, one supervisee.
    Individual,
    /// A supervision group.
    Group,
    /// Peer supervision.
    Peer,
    /// A coaching session.
    Coaching,
}

impl SessionKind {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            SessionKind::Individual => "individual",
            SessionKind::Group => "group",
            SessionKind::Peer => "peer",
            SessionKind::Coaching => "coaching",
        }
    }

    pub(crate) fn parse(s: &str) -> Option<Self> {
        match s {
            "individual" => Some(SessionKind::Individual),
            "group" => Some(SessionKind::Group),
            "peer" => Some(SessionKind::Peer),
            "coaching" => Some(SessionKind::Coaching),
            _ => None,
        }
    }

    /// A title that names no one ("Supervision", "Group supervision", …).
    pub fn generic_title(self) -> &'static str {
        match self {
            SessionKind::Individual => "Supervision",
            SessionKind::Group => "Group supervision",
            SessionKind::Peer => "Peer supervision",
            SessionKind::Coaching => "Coaching",
        }
    }
}

/// Where an occurrence stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum SessionStatus {
    /// Booked (the default).
    Planned,
    /// It took place.
    Held,
    /// Called off (see [`Cancellation`]).
    Cancelled,
    /// The other party did not come.
    NoShow,
}

impl SessionStatus {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            SessionStatus::Planned => "planned",
            SessionStatus::Held => "held",
            SessionStatus::Cancelled => "cancelled",
            SessionStatus::NoShow => "no_show",
        }
    }

    pub(crate) fn parse(s: &str) -> Option<Self> {
        match s {
            "planned" => Some(SessionStatus::Planned),
            "held" => Some(SessionStatus::Held),
            "cancelled" => Some(SessionStatus::Cancelled),
            "no_show" => Some(SessionStatus::NoShow),
            _ => None,
        }
    }
}

/// Who called a session off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum CancelledBy {
    /// The supervisor.
    Supervisor,
    /// The supervisee (or the group).
    Supervisee,
    /// Someone else, or not known (e.g. imported from a calendar).
    Other,
}

/// A day of the week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl Weekday {
    /// The chrono weekday.
    pub fn to_chrono(self) -> chrono::Weekday {
        match self {
            Weekday::Monday => chrono::Weekday::Mon,
            Weekday::Tuesday => chrono::Weekday::Tue,
            Weekday::Wednesday => chrono::Weekday::Wed,
            Weekday::Thursday => chrono::Weekday::Thu,
            Weekday::Friday => chrono::Weekday::Fri,
            Weekday::Saturday => chrono::Weekday::Sat,
            Weekday::Sunday => chrono::Weekday::Sun,
        }
    }

    /// From a chrono weekday.
    pub fn from_chrono(w: chrono::Weekday) -> Self {
        match w {
            chrono::Weekday::Mon => Weekday::Monday,
            chrono::Weekday::Tue => Weekday::Tuesday,
            chrono::Weekday::Wed => Weekday::Wednesday,
            chrono::Weekday::Thu => Weekday::Thursday,
            chrono::Weekday::Fri => Weekday::Friday,
            chrono::Weekday::Sat => Weekday::Saturday,
            chrono::Weekday::Sun => Weekday::Sunday,
        }
    }

    /// English name ("Tuesday").
    pub fn name(self) -> &'static str {
        match self {
            Weekday::Monday => "Monday",
            Weekday::Tuesday => "Tuesday",
            Weekday::Wednesday => "Wednesday",
            Weekday::Thursday => "Thursday",
            Weekday::Friday => "Friday",
            Weekday::Saturday => "Saturday",
            Weekday::Sunday => "Sunday",
        }
    }

    /// The two-letter iCalendar code ("TU").
    pub fn ics_code(self) -> &'static str {
        match self {
            Weekday::Monday => "MO",
            Weekday::Tuesday => "TU",
            Weekday::Wednesday => "WE",
            Weekday::Thursday => "TH",
            Weekday::Friday => "FR",
            Weekday::Saturday => "SA",
            Weekday::Sunday => "SU",
        }
    }
}

/// The shape of a repeat rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Pattern {
    /// Every (N) week(s) on these days; empty means the first session's day.
    Weekly {
        /// Days of the week.
        weekdays: Vec<Weekday>,
    },
    /// Every (N) month(s) on this day of the month: 1–31, or −1 for the
    /// last day. Months without that day (the 31st in April) have no session.
    MonthlyByDate {
        /// Day of the month.
        day: i8,
    },
    /// Every (N) month(s) on the nth weekday: `week` 1–5 (2 = "2nd
    /// Tuesday") or −1 for the last ("last Friday"). Months without a 5th
    /// such weekday have no session.
    MonthlyByWeekday {
        /// Which one in the month.
        week: i8,
        /// Which day.
        weekday: Weekday,
    },
}

/// When a repeat rule stops.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum RecurrenceEnd {
    /// It goes on.
    Never,
    /// The last session is on or before this local date.
    Until {
        /// Last date (inclusive), in the series' time zone.
        date: NaiveDate,
    },
    /// After this many sessions.
    Count {
        /// Number of sessions (1–[`MAX_COUNT`]).
        count: u32,
    },
}

/// A repeat rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Recurrence {
    /// Weekly or monthly, and on which days.
    pub pattern: Pattern,
    /// Every `interval` weeks or months (1 = every).
    pub interval: u16,
    /// When it stops.
    pub end: RecurrenceEnd,
}

/// When to remind about a series' sessions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ReminderSetting {
    /// The app-wide default (15 minutes unless changed in settings).
    #[default]
    Default,
    /// This many minutes before.
    Before {
        /// Minutes before the start (0 = at the start).
        minutes: u32,
    },
    /// No reminder.
    Off,
}

impl ReminderSetting {
    /// Minutes before the start, given the app-wide default; `None` = off.
    pub fn minutes(self, default_minutes: u32) -> Option<u32> {
        match self {
            ReminderSetting::Default => Some(default_minutes),
            ReminderSetting::Before { minutes } => Some(minutes),
            ReminderSetting::Off => None,
        }
    }
}

/// What the user fills in to schedule sessions with someone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SeriesInput {
    /// The supervisee, supervisor or group (a people record id).
    pub person_id: String,
    /// Individual, group, peer or coaching.
    pub kind: SessionKind,
    /// IANA time zone of the wall-clock times, e.g. `Europe/London`.
    pub time_zone: String,
    /// First session's local start. For a rule, the first date on or after
    /// this one that fits the rule becomes the first session.
    pub start: NaiveDateTime,
    /// First session's local end (its wall-clock length is the length of
    /// every session).
    pub end: NaiveDateTime,
    /// Repeat rule; `None` for a one-off session.
    pub recurrence: Option<Recurrence>,
    /// Where (room, "Video", …). Exported only when asked.
    pub location: String,
    /// Reminder lead time for these sessions.
    pub reminder: ReminderSetting,
    /// A short code shown instead of initials in calendar exports (optional).
    pub calendar_code: String,
}

/// A stored series.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Series {
    /// Series id.
    pub id: String,
    /// The person or group.
    pub person_id: String,
    /// Kind of session.
    pub kind: SessionKind,
    /// IANA time zone.
    pub time_zone: String,
    /// First session's local start (aligned to the rule).
    pub start: NaiveDateTime,
    /// Length of each session, in minutes.
    pub duration_minutes: u32,
    /// Repeat rule, if any.
    pub recurrence: Option<Recurrence>,
    /// Location.
    pub location: String,
    /// Reminder lead time.
    pub reminder: ReminderSetting,
    /// Code shown instead of initials in exports.
    pub calendar_code: String,
    /// The rule in words ("Monthly on the 2nd Tuesday at 10:00, until …").
    pub description: String,
    /// First session's start.
    pub first_start: DateTime<Utc>,
    /// Last session's end; `None` when the rule has no end.
    pub last_end: Option<DateTime<Utc>>,
    /// When created.
    pub created_at: DateTime<Utc>,
    /// When last changed (including any of its exceptions).
    pub updated_at: DateTime<Utc>,
}

/// The series of a person (or everyone), and any that could not be opened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SeriesList {
    /// The series, by first start.
    pub series: Vec<Series>,
    /// Ids of series that failed their integrity check.
    pub damaged: Vec<String>,
}

/// Names one occurrence: its series and its original local start.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OccurrenceKey {
    /// Series id.
    pub series_id: String,
    /// The occurrence's original wall-clock start in the series' time zone
    /// (before any move) — like an iCalendar `RECURRENCE-ID`.
    pub original_start: NaiveDateTime,
}

/// Why and by whom a session was cancelled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Cancellation {
    /// Who called it off.
    pub by: CancelledBy,
    /// Why (may be empty).
    pub reason: String,
    /// Called off with less notice than the agreement asks.
    pub late: bool,
    /// When it was called off.
    pub cancelled_at: DateTime<Utc>,
}

/// One session on the calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Occurrence {
    /// Which occurrence.
    pub key: OccurrenceKey,
    /// The person or group.
    pub person_id: String,
    /// Kind of session.
    pub kind: SessionKind,
    /// Status.
    pub status: SessionStatus,
    /// Start (after any move).
    pub start: DateTime<Utc>,
    /// End.
    pub end: DateTime<Utc>,
    /// Local start in the series' time zone.
    pub local_start: NaiveDateTime,
    /// Local end in the series' time zone.
    pub local_end: NaiveDateTime,
    /// The series' IANA time zone.
    pub time_zone: String,
    /// Moved away from its original slot.
    pub moved: bool,
    /// Part of a repeating series.
    pub recurring: bool,
    /// Set when cancelled.
    pub cancellation: Option<Cancellation>,
    /// Overlaps another session that is not cancelled.
    pub conflict: bool,
    /// The sessions it overlaps.
    pub conflicts_with: Vec<OccurrenceKey>,
    /// The series' reminder setting.
    pub reminder: ReminderSetting,
    /// Plain-language note, e.g. when the local time fell in a clock change.
    pub note: Option<String>,
}

/// Occurrences in a range.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OccurrenceList {
    /// By start time.
    pub occurrences: Vec<Occurrence>,
    /// Some series had more occurrences than one query returns.
    pub truncated: bool,
    /// Series that failed their integrity check (their sessions are missing).
    pub damaged_series: Vec<String>,
    /// Plain-language notes for the user.
    pub notes: Vec<String>,
}

/// Two sessions that overlap.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Conflict {
    /// The session that was created or moved.
    pub occurrence: OccurrenceKey,
    /// Its start.
    pub start: DateTime<Utc>,
    /// Its end.
    pub end: DateTime<Utc>,
    /// The session it overlaps.
    pub other: OccurrenceKey,
    /// Who the other session is with.
    pub other_person_id: String,
    /// The other session's start.
    pub other_start: DateTime<Utc>,
    /// The other session's end.
    pub other_end: DateTime<Utc>,
}

/// What creating or editing series did, with warnings for the user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ScheduleChange {
    /// The series created or changed (after a split: the shortened old
    /// series, if any sessions remain in it, then the new one).
    pub series: Vec<Series>,
    /// Overlaps with other sessions, within `conflicts_checked_until`. The
    /// user may keep them.
    pub conflicts: Vec<Conflict>,
    /// Conflicts were looked for up to here (at most a year ahead).
    pub conflicts_checked_until: DateTime<Utc>,
    /// Plain-language notes (clock changes, a start moved to fit the rule).
    pub notes: Vec<String>,
    /// Exceptions that no longer matched a session after a split and were removed.
    pub dropped_exceptions: u32,
}

/// The result of a change to one occurrence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OccurrenceChange {
    /// The occurrence as it is now.
    pub occurrence: Occurrence,
    /// Sessions it now overlaps. The user may keep them.
    pub conflicts: Vec<Conflict>,
    /// Plain-language notes.
    pub notes: Vec<String>,
}

/// A new time for one occurrence, in the series' time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SessionTime {
    /// Local start.
    pub start: NaiveDateTime,
    /// Local end.
    pub end: NaiveDateTime,
}

/// Cancelling one occurrence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CancelInput {
    /// Who called it off.
    pub by: CancelledBy,
    /// Why (optional, kept sealed).
    pub reason: String,
    /// The agreement's notice period in hours; `None` = [`DEFAULT_NOTICE_HOURS`].
    pub notice_hours: Option<u32>,
}

/// A reminder to show now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Reminder {
    /// Which session.
    pub key: OccurrenceKey,
    /// Who it is with (the adapter shows a name only if the user opted in).
    pub person_id: String,
    /// Kind of session.
    pub kind: SessionKind,
    /// When the session starts.
    pub start: DateTime<Utc>,
    /// Local start in the series' time zone.
    pub local_start: NaiveDateTime,
    /// When the reminder was due.
    pub fire_at: DateTime<Utc>,
    /// Lead time in minutes.
    pub minutes_before: u32,
}

/// One session of a series that has not been saved yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PreviewOccurrence {
    /// Start.
    pub start: DateTime<Utc>,
    /// End.
    pub end: DateTime<Utc>,
    /// Local start (as written by the rule; see `note` in a clock change).
    pub local_start: NaiveDateTime,
    /// Local end.
    pub local_end: NaiveDateTime,
    /// Set when the local time fell in a clock change.
    pub note: Option<String>,
}

/// The sessions a series input would create in a range.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SeriesPreview {
    /// The first session's local start after aligning it to the rule.
    pub first_local_start: NaiveDateTime,
    /// The rule in words.
    pub description: String,
    /// Sessions in the range.
    pub occurrences: Vec<PreviewOccurrence>,
    /// More sessions fell in the range than one query returns.
    pub truncated: bool,
    /// Plain-language notes.
    pub notes: Vec<String>,
}

impl Reminder {
    /// The desktop notification for this reminder: title and body, with no
    /// name or note in them (a notification can show on a locked screen or
    /// a projector).
    pub fn notification(&self) -> (String, String) {
        let title = format!(
            "{} in {} minutes",
            self.kind.generic_title(),
            self.minutes_before
        );
        let body = format!("Starts at {}.", self.local_start.format("%H:%M"));
        (title, body)
    }
}

#[cfg(test)]
mod notification_tests {
    use super::*;

    #[test]
    fn reminder_notifications_carry_no_names() {
        let start = chrono::NaiveDate::from_ymd_opt(2026, 12, 8)
            .and_then(|d| d.and_hms_opt(10, 0, 0))
            .expect("time");
        let r = Reminder {
            key: OccurrenceKey {
                series_id: "s".into(),
                original_start: start,
            },
            person_id: "p".into(),
            kind: SessionKind::Individual,
            start: start.and_utc(),
            local_start: start,
            fire_at: start.and_utc() - chrono::Duration::minutes(15),
            minutes_before: 15,
        };
        assert_eq!(
            r.notification(),
            (
                "Supervision in 15 minutes".to_string(),
                "Starts at 10:00.".to_string()
            )
        );
    }
}
