//! Which reminders are due, and the plan of reminder instants the app keeps
//! across lock. Pure: the adapter calls them with the times it chooses.

use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{Occurrence, Reminder, SessionKind, SessionStatus};

/// Longest window one reminder plan covers, in days.
pub const MAX_REMINDER_PLAN_DAYS: i64 = 31;

/// Reminders due in `(since, now]` for `occurrences`: one for each planned
/// session whose reminder time (start minus its lead time, the series'
/// setting or `default_minutes`) falls in that window and that has not
/// ended yet. Cancelled, held and no-show sessions get none, nor do series
/// whose reminder is off. Sorted by reminder time.
///
/// Calling it with consecutive windows (`since` = the previous `now`) fires
/// each reminder exactly once.
pub fn reminders_due(
    occurrences: &[Occurrence],
    since: DateTime<Utc>,
    now: DateTime<Utc>,
    default_minutes: u32,
) -> Vec<Reminder> {
    let mut out: Vec<Reminder> = occurrences
        .iter()
        .filter(|o| o.status == SessionStatus::Planned && o.end > now)
        .filter_map(|o| {
            let minutes = o.reminder.minutes(default_minutes)?;
            let fire_at = o.start - Duration::minutes(i64::from(minutes));
            (fire_at > since && fire_at <= now).then(|| Reminder {
                key: o.key.clone(),
                person_id: o.person_id.clone(),
                kind: o.kind,
                start: o.start,
                local_start: o.local_start,
                fire_at,
                minutes_before: minutes,
            })
        })
        .collect();
    out.sort_by(|a, b| (a.fire_at, &a.key).cmp(&(b.fire_at, &b.key)));
    out
}

/// One reminder to show at a time: times and the session kind only — no
/// name, no id, nothing that was sealed beyond the wall-clock start — so the
/// app may keep it in memory while the vault is locked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReminderInstant {
    /// When to show it.
    pub fire_at: DateTime<Utc>,
    /// When the session starts.
    pub starts_at: DateTime<Utc>,
    /// The session's wall-clock start in its own time zone (what the
    /// notification says).
    pub local_start: NaiveDateTime,
    /// Lead time in minutes.
    pub minutes_before: u32,
    /// Kind of session (for the generic title, "Supervision").
    pub kind: SessionKind,
}

impl ReminderInstant {
    /// The desktop notification: title and body, with no name or note in
    /// them (a notification can show on a locked screen or a projector).
    /// `late` is for a reminder shown after it was due (the computer was
    /// asleep, or the app was not running): it says when it was due rather
    /// than counting down.
    pub fn notification(&self, late: bool) -> (String, String) {
        self.notification_in(late, false)
    }

    /// [`ReminderInstant::notification`] with times on a 12-hour clock
    /// ("9:45 AM") when `twelve_hour`, else a 24-hour one ("09:45").
    pub fn notification_in(&self, late: bool, twelve_hour: bool) -> (String, String) {
        let clock = if twelve_hour { "%-I:%M %p" } else { "%H:%M" };
        let at = self.local_start.format(clock);
        if late {
            let due = self.local_start - Duration::minutes(i64::from(self.minutes_before));
            (
                format!("{} at {at}", self.kind.generic_title()),
                format!(
                    "A reminder for this session was due at {}.",
                    due.format(clock)
                ),
            )
        } else {
            (
                format!(
                    "{} in {} minutes",
                    self.kind.generic_title(),
                    self.minutes_before
                ),
                format!("Starts at {at}."),
            )
        }
    }
}

impl Reminder {
    /// The nameless instant of this reminder.
    pub fn instant(&self) -> ReminderInstant {
        ReminderInstant {
            fire_at: self.fire_at,
            starts_at: self.start,
            local_start: self.local_start,
            minutes_before: self.minutes_before,
            kind: self.kind,
        }
    }

    /// The desktop notification for this reminder (see
    /// [`ReminderInstant::notification`]).
    pub fn notification(&self) -> (String, String) {
        self.instant().notification(false)
    }
}

/// The reminder instants due in `(from, until]` for `occurrences` (the same
/// rule as [`reminders_due`]: planned sessions not ended by `from`, lead time
/// from the series or `default_minutes`, none when off), sorted by when they
/// fire.
pub fn reminder_plan(
    occurrences: &[Occurrence],
    from: DateTime<Utc>,
    until: DateTime<Utc>,
    default_minutes: u32,
) -> Vec<ReminderInstant> {
    let mut out: Vec<ReminderInstant> = occurrences
        .iter()
        .filter(|o| o.status == SessionStatus::Planned && o.end > from)
        .filter_map(|o| {
            let minutes = o.reminder.minutes(default_minutes)?;
            let fire_at = o.start - Duration::minutes(i64::from(minutes));
            (fire_at > from && fire_at <= until).then_some(ReminderInstant {
                fire_at,
                starts_at: o.start,
                local_start: o.local_start,
                minutes_before: minutes,
                kind: o.kind,
            })
        })
        .collect();
    out.sort_by_key(|r| (r.fire_at, r.starts_at, r.minutes_before));
    out
}

#[cfg(test)]
mod tests {
    use super::super::{OccurrenceKey, ReminderSetting};
    use super::*;
    use chrono::{NaiveDate, TimeZone};

    fn local(d: u32, h: u32, m: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 12, d)
            .and_then(|d| d.and_hms_opt(h, m, 0))
            .expect("time")
    }

    fn utc(d: u32, h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, d, h, m, 0)
            .single()
            .expect("time")
    }

    fn occ(d: u32, h: u32, reminder: ReminderSetting, status: SessionStatus) -> Occurrence {
        Occurrence {
            key: OccurrenceKey {
                series_id: "secret-series-id".into(),
                original_start: local(d, h, 0),
            },
            person_id: "secret-person-id".into(),
            kind: SessionKind::Individual,
            status,
            start: utc(d, h, 0),
            end: utc(d, h + 1, 0),
            local_start: local(d, h, 0),
            local_end: local(d, h + 1, 0),
            time_zone: "UTC".into(),
            moved: false,
            recurring: true,
            cancellation: None,
            conflict: false,
            conflicts_with: Vec::new(),
            reminder,
            note: None,
        }
    }

    #[test]
    fn reminder_notifications_carry_no_names() {
        let start = local(8, 10, 0);
        let r = Reminder {
            key: OccurrenceKey {
                series_id: "s".into(),
                original_start: start,
            },
            person_id: "p".into(),
            kind: SessionKind::Individual,
            start: start.and_utc(),
            local_start: start,
            fire_at: start.and_utc() - Duration::minutes(15),
            minutes_before: 15,
        };
        assert_eq!(
            r.notification(),
            (
                "Supervision in 15 minutes".to_string(),
                "Starts at 10:00.".to_string()
            )
        );
        assert_eq!(
            r.instant().notification(true),
            (
                "Supervision at 10:00".to_string(),
                "A reminder for this session was due at 09:45.".to_string()
            )
        );
    }

    #[test]
    fn the_plan_holds_times_only_and_follows_the_due_rule() {
        let list = vec![
            occ(8, 10, ReminderSetting::Default, SessionStatus::Planned),
            occ(
                8,
                14,
                ReminderSetting::Before { minutes: 60 },
                SessionStatus::Planned,
            ),
            occ(9, 10, ReminderSetting::Off, SessionStatus::Planned),
            occ(9, 12, ReminderSetting::Default, SessionStatus::Cancelled),
            occ(10, 9, ReminderSetting::Default, SessionStatus::Planned),
        ];
        let plan = reminder_plan(&list, utc(8, 0, 0), utc(9, 23, 0), 15);
        assert_eq!(
            plan.iter().map(|r| r.fire_at).collect::<Vec<_>>(),
            vec![utc(8, 9, 45), utc(8, 13, 0)]
        );
        assert_eq!(plan[1].minutes_before, 60);
        assert_eq!(plan[1].starts_at, utc(8, 14, 0));
        // The same instants reminders_due finds as each one falls due.
        let due: Vec<ReminderInstant> = [
            (utc(8, 9, 44), utc(8, 9, 45)),
            (utc(8, 12, 59), utc(8, 13, 0)),
        ]
        .iter()
        .flat_map(|(since, now)| reminders_due(&list, *since, *now, 15))
        .map(|r| r.instant())
        .collect();
        assert_eq!(plan, due);
        // Nothing in it names the person or the series.
        let text = serde_json::to_string(&plan).expect("json");
        assert!(!text.contains("secret"), "{text}");
        // The window is half-open at its start: an instant exactly at `from`
        // was already due.
        assert!(reminder_plan(&list, utc(8, 9, 45), utc(8, 9, 50), 15).is_empty());
        assert_eq!(
            reminder_plan(&list, utc(8, 9, 44), utc(8, 9, 45), 15).len(),
            1
        );
    }
}
