//! Trends and the gentle prompt: pure functions over check-ins (no clock,
//! no storage).

use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{WellbeingCheckIn, WellbeingRatings};

/// How trend figures are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum TrendPeriod {
    /// Weeks starting on Monday.
    Week,
    /// Calendar months.
    Month,
}

/// The averages of one week or month that has at least one check-in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct WellbeingTrendPoint {
    /// First day of the week (Monday) or month.
    pub start: NaiveDate,
    /// How many check-ins it averages.
    pub count: u32,
    /// Average stress (1–5).
    pub stress: f64,
    /// Average energy (1–5).
    pub energy: f64,
    /// Average workload (1–5).
    pub workload: f64,
    /// Average sleep (1–5).
    pub sleep: f64,
    /// Average signs of secondary trauma (1–5).
    pub secondary_trauma: f64,
}

/// The first day of the period holding `d`.
pub fn period_start(d: NaiveDate, period: TrendPeriod) -> NaiveDate {
    match period {
        TrendPeriod::Week => d
            .checked_sub_days(Days::new(u64::from(d.weekday().num_days_from_monday())))
            .unwrap_or(d),
        TrendPeriod::Month => d.with_day(1).unwrap_or(d),
    }
}

/// Average of each measure per week or month, for check-ins dated `from` to
/// `to` inclusive, oldest period first. Periods without a check-in are left
/// out (a gap, not a zero).
pub fn trends(
    check_ins: &[WellbeingCheckIn],
    from: NaiveDate,
    to: NaiveDate,
    period: TrendPeriod,
) -> Vec<WellbeingTrendPoint> {
    let mut sums: std::collections::BTreeMap<NaiveDate, (u32, [u32; 5])> = Default::default();
    for c in check_ins.iter().filter(|c| c.date >= from && c.date <= to) {
        let e = sums.entry(period_start(c.date, period)).or_default();
        e.0 += 1;
        let r: &WellbeingRatings = &c.ratings;
        for (s, v) in
            e.1.iter_mut()
                .zip([r.stress, r.energy, r.workload, r.sleep, r.secondary_trauma])
        {
            *s += u32::from(v);
        }
    }
    sums.into_iter()
        .map(|(start, (n, s))| {
            let avg = |i: usize| f64::from(s[i]) / f64::from(n);
            WellbeingTrendPoint {
                start,
                count: n,
                stress: avg(0),
                energy: avg(1),
                workload: avg(2),
                sleep: avg(3),
                secondary_trauma: avg(4),
            }
        })
        .collect()
}

/// Days the gentle prompt looks back over, today included.
pub const PROMPT_WINDOW_DAYS: u64 = 14;
/// Fewest check-ins in the window for the prompt.
pub const PROMPT_MIN_CHECK_INS: usize = 3;
/// Fewest days between the first and last check-in in the window.
pub const PROMPT_MIN_SPAN_DAYS: i64 = 10;
/// Stress at or above this in every check-in of the window.
pub const PROMPT_STRESS: u8 = 4;

/// A kind suggestion to bring stress to supervision. Never a diagnosis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GentlePrompt {
    /// What to show.
    pub message: String,
    /// The check-ins it is based on.
    pub check_ins: u32,
    /// The earliest of them.
    pub since: NaiveDate,
}

/// The gentle prompt: when, in the last 14 days (today included), there are
/// at least 3 check-ins, the first and last at least 10 days apart, and
/// stress was 4 or 5 in every one of them. Check-ins dated after `today`
/// are ignored.
pub fn gentle_prompt(check_ins: &[WellbeingCheckIn], today: NaiveDate) -> Option<GentlePrompt> {
    let first_day = today.checked_sub_days(Days::new(PROMPT_WINDOW_DAYS - 1))?;
    let window: Vec<&WellbeingCheckIn> = check_ins
        .iter()
        .filter(|c| c.date >= first_day && c.date <= today)
        .collect();
    if window.len() < PROMPT_MIN_CHECK_INS {
        return None;
    }
    let since = window.iter().map(|c| c.date).min()?;
    let last = window.iter().map(|c| c.date).max()?;
    if (last - since).num_days() < PROMPT_MIN_SPAN_DAYS {
        return None;
    }
    if window.iter().any(|c| c.ratings.stress < PROMPT_STRESS) {
        return None;
    }
    Some(GentlePrompt {
        message: "Your stress has been high in every check-in for about two weeks. \
                  That is worth taking care of, and it is what supervision is for: \
                  you might bring how the work is affecting you to your next session. \
                  This is a suggestion, not an assessment."
            .into(),
        check_ins: u32::try_from(window.len()).unwrap_or(u32::MAX),
        since,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, Utc};

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    fn c(date: &str, stress: u8, energy: u8) -> WellbeingCheckIn {
        WellbeingCheckIn {
            id: String::new(),
            created_at: DateTime::<Utc>::UNIX_EPOCH,
            date: d(date),
            ratings: WellbeingRatings {
                stress,
                energy,
                workload: 3,
                sleep: 2,
                secondary_trauma: 1,
            },
            note: String::new(),
            entry_id: None,
        }
    }

    #[test]
    fn weekly_averages_group_by_monday() {
        // 2026-11-02 is a Monday.
        let list = [
            c("2026-11-02", 4, 2),
            c("2026-11-08", 2, 3), // Sunday: same week
            c("2026-11-09", 5, 1), // next Monday
            c("2026-10-01", 5, 5), // before the range
        ];
        let t = trends(&list, d("2026-11-01"), d("2026-11-30"), TrendPeriod::Week);
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].start, d("2026-11-02"));
        assert_eq!(t[0].count, 2);
        assert_eq!(t[0].stress, 3.0);
        assert_eq!(t[0].energy, 2.5);
        assert_eq!(t[0].workload, 3.0);
        assert_eq!(t[1].start, d("2026-11-09"));
        assert_eq!((t[1].stress, t[1].count), (5.0, 1));
    }

    #[test]
    fn monthly_averages_leave_gaps_out() {
        let list = [
            c("2026-09-30", 1, 1),
            c("2026-09-01", 2, 1),
            c("2026-11-15", 4, 4),
            c("2026-11-16", 5, 4),
            c("2026-11-17", 5, 5),
        ];
        let t = trends(&list, d("2026-09-01"), d("2026-11-30"), TrendPeriod::Month);
        assert_eq!(t.len(), 2, "October has no check-in");
        assert_eq!(
            (t[0].start, t[0].count, t[0].stress),
            (d("2026-09-01"), 2, 1.5)
        );
        assert_eq!(t[1].start, d("2026-11-01"));
        assert!((t[1].stress - 14.0 / 3.0).abs() < 1e-9);
        assert!(trends(&[], d("2026-09-01"), d("2026-11-30"), TrendPeriod::Month).is_empty());
    }

    #[test]
    fn prompt_needs_three_high_check_ins_spanning_ten_days() {
        let today = d("2026-11-30");
        let high = [
            c("2026-11-17", 4, 2),
            c("2026-11-23", 5, 2),
            c("2026-11-28", 4, 2),
        ];
        let p = gentle_prompt(&high, today).expect("prompt");
        assert_eq!((p.check_ins, p.since), (3, d("2026-11-17")));
        assert!(!p.message.to_lowercase().contains("diagnos"));
        // One calmer day breaks it.
        let mut mixed = high.to_vec();
        mixed.push(c("2026-11-20", 3, 2));
        assert!(gentle_prompt(&mixed, today).is_none());
        // Two check-ins are too few.
        assert!(gentle_prompt(&high[..2], today).is_none());
        // Spanning 9 days is too short: 11-19 .. 11-28.
        let short = [
            c("2026-11-19", 5, 2),
            c("2026-11-23", 5, 2),
            c("2026-11-28", 5, 2),
        ];
        assert!(gentle_prompt(&short, today).is_none());
        // Exactly 10 days, and the first day of the window (11-17) counts.
        let edge = [
            c("2026-11-17", 5, 2),
            c("2026-11-20", 5, 2),
            c("2026-11-27", 4, 2),
        ];
        assert!(gentle_prompt(&edge, today).is_some());
        // A calm check-in just outside the window (11-16) does not count.
        let mut outside = edge.to_vec();
        outside.push(c("2026-11-16", 1, 2));
        assert!(gentle_prompt(&outside, today).is_some());
        // Future-dated check-ins are ignored.
        assert!(gentle_prompt(&edge, d("2026-11-16")).is_none());
    }
}
