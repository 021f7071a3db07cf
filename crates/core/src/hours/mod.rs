//! Supervision and practice hours: the ledger a board's rules are applied
//! to, and the supervisor's book around it (manual entries, practice weeks,
//! session adjustments, entry reviews, reconcile and sign-off).
//!
//! Reached through the handle [`Hours::of`]. [`Hours::ledger`] gathers, for
//! one person, every held session with them (individual) or with a group
//! they belong to (group or triadic), oldest first, with its length and
//! form, their manual entries and practice weeks, plus the date from which
//! hours count (the earliest effective date of their agreements).
//! [`Hours::book`] adds what the hours screen shows around it.
//!
//! All durations are whole minutes.
//!
//! ## What counts
//!
//! * A held individual or group session counts for its length, unless it
//!   has an **adjustment** (another form, e.g. direct observation, and/or
//!   corrected minutes, with a reason).
//! * A group session is left out of a member's ledger when the group's
//!   final record marks that member sending apologies or absent.
//! * A **manual entry** (supervision received elsewhere) has a date, a
//!   start time and minutes, and must end by midnight. Two manual entries
//!   of a person overlap when their time spans intersect (an entry ending
//!   at 11:00 and one starting at 11:00 do not); an overlapping entry is
//!   refused, and so is one that overlaps a held session with the owner
//!   (that supervision is already counted from the calendar).
//! * A **practice week** starts on a Monday; clinical and non-clinical
//!   minutes together are at most a week's 10,080; psychotherapy minutes
//!   are part of the clinical ones. One week per work setting.
//!
//! ## Review, reconcile, sign-off
//!
//! * An entry can be **returned** with a comment and later **approved**;
//!   a returned entry blocks sign-off of its period.
//! * The supervisee's **own count** is a sheet covering a period (each
//!   date in it; a date without a line counts as none). **Reconcile**
//!   compares, for each covered date, their minutes by form with the
//!   ledger's; a difference **accepted** with a note counts as reconciled
//!   while both counts stay as they were.
//! * **Sign-off** of a period stores a sealed snapshot of its items and
//!   practice weeks (by week start) with a SHA-256 content hash, the typed
//!   name and the time. It is refused, naming the dates, when part of the
//!   period is signed off already, an entry is returned, a held session
//!   has no final record, or a difference is unreconciled. While a
//!   sign-off stands, everything dated in its period (manual entries,
//!   practice weeks, adjustments, reviews, their count, acceptances) is
//!   read-only ([`crate::error::Error::ReadOnly`]) and the ledger shows the
//!   snapshot; changes to the schedule since are listed as differences
//!   ([`HoursBook::changes`]). **Reopening** needs a reason; it and every
//!   **addendum** (a dated correction) are kept in the sign-off's sealed
//!   log.
//!
//! ## Storage
//!
//! [`crate::store::hours`] is the only code with their SQL; every row is
//! sealed under the person's data key. Plaintext: ids, `person_id`,
//! timestamps.

mod book;
mod book_types;
mod ledger;
mod load;
mod manual;
mod reconcile;
mod review;
mod signoff;
mod types;

use crate::vault::Vault;

pub use book_types::{
    Acceptance, Adjustment, AdjustmentInput, ChangeKind, ChangeSinceSignOff, DayDifference,
    EntryReview, EntryState, FormMinutes, HoursBook, ManualEntry, ManualEntryInput,
    PracticeWeekInput, Reconciliation, Reopening, ReviewStatus, SignOff, SignOffAddendum,
    SignOffEvent, SignOffInput, SignOffLogEntry, TheirCount, TheirCountInput,
};
pub(crate) use reconcile::enter_their_counts_in;
pub use types::{
    ItemSource, Ledger, PracticeWeek, SupervisionForm, SupervisionItem, SupervisorOfRecord,
};

/// Minutes in a day: the most one entry (or one day of a count) can have.
pub const MAX_DAY_MINUTES: u32 = 24 * 60;
/// Minutes in a week: the most a practice week can have.
pub const MAX_WEEK_MINUTES: u32 = 7 * MAX_DAY_MINUTES;
/// Longest note, reason, comment or correction, in characters.
pub const NOTE_CHARS: usize = 2000;
/// Longest period a sign-off, a count or a reconcile covers, in days.
pub const MAX_PERIOD_DAYS: i64 = 366;

/// Supervision and practice hours of an unlocked vault.
pub struct Hours<'a> {
    vault: &'a mut Vault,
}

impl<'a> Hours<'a> {
    /// The hours of `vault`.
    pub fn of(vault: &'a mut Vault) -> Self {
        Hours { vault }
    }
}
