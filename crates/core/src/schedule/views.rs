//! What the schedule shows and returns: occurrences, conflicts, changes, reminders and previews.

use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{CancelledBy, ReminderSetting, Series, SessionKind, SessionStatus};

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
    /// Single sessions whose change (move, cancellation, status) failed its
    /// integrity check: they are left out, the rest of their series shows.
    pub damaged_sessions: Vec<OccurrenceKey>,
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
