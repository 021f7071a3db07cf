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
//! # Storage and damage
//!
//! Series and exceptions are stored by [`crate::store::schedule`], the only
//! code with their SQL, sealed under the data key of the person the
//! sessions are with (from the person's authenticated key record) and bound
//! to their plaintext columns. A series that fails its integrity check is
//! listed as damaged (`damaged_series`) and its sessions are left out; an
//! exception that fails (a status flipped on disk, say) leaves out only its
//! session (`damaged_sessions`) — never a planned stand-in for it — and
//! [`Schedule::reset_occurrence`] clears it. No list, month, agenda, upcoming
//! list, conflict check or export fails as a whole. Who can have which
//! kinds of session is decided from the person's sealed record
//! ([`session_kinds_for`]).
//!
//! # Limits
//!
//! A query covers at most [`MAX_RANGE_DAYS`] days and returns at most
//! [`MAX_OCCURRENCES_PER_SERIES`] occurrences of one series (the result says
//! when it was cut short); expanding a rule stops after
//! [`MAX_EXPANSION_STEPS`] steps. A rule ends after at most [`MAX_COUNT`]
//! sessions or [`MAX_SERIES_YEARS`] years, or never.

mod cadence;
mod conflicts;
mod describe;
mod exceptions;
pub(crate) mod expand;
mod handle;
pub(crate) mod input;
pub(crate) mod records;
mod reminders;
pub(crate) mod rules;
pub(crate) mod time;
mod types;
mod views;
mod who;

pub use cadence::{
    phased_cadence, PhasedCadence, PHASED_CADENCE_LABEL, PHASED_FORTNIGHTLY_MONTHS,
    PHASED_WEEKLY_WEEKS,
};
pub use conflicts::find_conflicts;
pub use describe::{describe_recurrence, preview_series};
pub use handle::Schedule;
pub use reminders::{reminder_plan, reminders_due, ReminderInstant, MAX_REMINDER_PLAN_DAYS};
pub use types::*;
pub use views::*;
pub use who::{defaults_from_agreement, session_kinds_for, SchedulablePerson, ScheduleDefaults};

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
/// Most sessions [`Schedule::upcoming`] returns.
pub const MAX_UPCOMING: usize = 200;
/// Earliest and latest years a session may fall in.
pub const YEAR_RANGE: std::ops::RangeInclusive<i32> = 1970..=2200;
/// Longest calendar code, in characters.
const MAX_CODE_CHARS: usize = 20;
/// Longest cancellation reason, in characters.
const MAX_REASON_CHARS: usize = crate::validate::PLAN_CHARS;
