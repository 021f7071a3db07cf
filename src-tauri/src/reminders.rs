//! Session reminders that fire whether or not the vault is locked.
//!
//! While the vault is unlocked the watcher asks the core for the plan of
//! upcoming reminder instants (times and the session kind only: no name, no
//! id, nothing sealed) and keeps it here. The plan survives a lock, so a
//! reminder due while the vault is locked still shows, with the same
//! nameless text. A reminder missed because the computer slept (or the
//! watcher could not run) shows once when it wakes, marked late, unless the
//! session started more than [`LATE_LIMIT`] ago. Nothing here is written to
//! disk; a restarted app knows no reminders until it is first unlocked.

use std::collections::HashSet;

use chrono::{DateTime, Duration, Utc};
use confidant_core::schedule::ReminderInstant;

/// How far ahead the plan reaches each time it is refreshed.
pub const PLAN_AHEAD: Duration = Duration::days(2);

/// A reminder found this late after its session started is no longer shown.
pub const LATE_LIMIT: Duration = Duration::hours(1);

/// A reminder counts as late when it is shown more than this after it was due.
pub const LATE_AFTER: Duration = Duration::seconds(30);

/// One reminder to show now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Due {
    /// What to show.
    pub instant: ReminderInstant,
    /// Shown after it was due (say when it was due, do not count down).
    pub late: bool,
}

type Key = (DateTime<Utc>, DateTime<Utc>, u32);

fn key(r: &ReminderInstant) -> Key {
    (r.fire_at, r.starts_at, r.minutes_before)
}

/// The reminders the app will show, kept across lock.
#[derive(Debug, Default)]
pub struct ReminderBook {
    plan: Vec<ReminderInstant>,
    shown: HashSet<Key>,
}

impl ReminderBook {
    /// Replaces the plan with `plan` (computed while unlocked). Reminders
    /// already shown are not shown again.
    pub fn replace(&mut self, plan: Vec<ReminderInstant>) {
        self.plan = plan;
    }

    /// Forgets every planned reminder (reminders turned off).
    pub fn clear(&mut self) {
        self.plan.clear();
    }

    /// The planned reminders.
    #[cfg(test)]
    pub fn planned(&self) -> &[ReminderInstant] {
        &self.plan
    }

    /// The reminders to show at `now`: each planned one whose time has come,
    /// once. Those due more than [`LATE_AFTER`] ago are marked late; those
    /// whose session started more than [`LATE_LIMIT`] ago are dropped
    /// unseen.
    pub fn due(&mut self, now: DateTime<Utc>) -> Vec<Due> {
        let mut out = Vec::new();
        for r in self.plan.iter().filter(|r| r.fire_at <= now) {
            if !self.shown.insert(key(r)) || r.starts_at < now - LATE_LIMIT {
                continue;
            }
            out.push(Due {
                instant: *r,
                late: now - r.fire_at > LATE_AFTER,
            });
        }
        self.plan.retain(|r| r.fire_at > now);
        // Remember what was shown only as long as a refresh could bring it back.
        self.shown
            .retain(|(fire_at, ..)| *fire_at > now - PLAN_AHEAD);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use confidant_core::schedule::SessionKind;

    fn at(h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 1, h, m, 0)
            .single()
            .expect("time")
    }

    fn reminder(start: DateTime<Utc>, minutes: u32) -> ReminderInstant {
        ReminderInstant {
            fire_at: start - Duration::minutes(i64::from(minutes)),
            starts_at: start,
            local_start: start.naive_utc(),
            minutes_before: minutes,
            kind: SessionKind::Individual,
        }
    }

    #[test]
    fn a_reminder_fires_once_at_its_time_even_after_a_refresh() {
        let mut book = ReminderBook::default();
        let r = reminder(at(10, 0), 15);
        book.replace(vec![r]);
        assert!(book.due(at(9, 44)).is_empty());
        let due = book.due(at(9, 45));
        assert_eq!(
            due,
            vec![Due {
                instant: r,
                late: false
            }]
        );
        // A refresh computed from an earlier instant brings it back: not shown twice.
        book.replace(vec![r]);
        assert!(book.due(at(9, 46)).is_empty());
        assert!(book.planned().is_empty());
    }

    #[test]
    fn reminders_missed_while_asleep_show_once_marked_late() {
        let mut book = ReminderBook::default();
        let soon = reminder(at(10, 0), 15);
        let long_gone = reminder(at(7, 0), 15);
        book.replace(vec![long_gone, soon]);
        // The machine slept from 6:00 to 9:55.
        let due = book.due(at(9, 55));
        assert_eq!(
            due,
            vec![Due {
                instant: soon,
                late: true
            }]
        );
        assert!(book.due(at(9, 56)).is_empty());
    }

    #[test]
    fn the_plan_is_kept_until_replaced_or_cleared() {
        let mut book = ReminderBook::default();
        book.replace(vec![reminder(at(10, 0), 15), reminder(at(14, 0), 10)]);
        assert_eq!(book.due(at(9, 45)).len(), 1);
        assert_eq!(book.planned().len(), 1);
        book.clear();
        assert!(book.due(at(13, 50)).is_empty());
    }
}
