//! Which reminders are due. Pure: the desktop notification adapter calls it
//! with the time it last checked and the time now.

use chrono::{DateTime, Duration, Utc};

use super::{Occurrence, Reminder, SessionStatus};

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
