//! The schedule's kinds, statuses, repeat rules and series: what is typed in and stored.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};

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
