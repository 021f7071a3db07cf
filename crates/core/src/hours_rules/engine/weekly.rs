//! Weekly units (a week without one is not counted; a second unit for
//! busy weeks) and per-period minima that void practice.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use super::limits::{of_practice, practice_by_period};
use super::{monday, period_end, period_key, period_label, Work};
use crate::hours::SupervisionForm;
use crate::hours_rules::text::{day, hours, periodic, tagged};
use crate::hours_rules::types::{Period, Rule};

/// Counted individual-type and group minutes per week, and the minutes logged.
fn supervision_by_week(w: &Work<'_>) -> BTreeMap<NaiveDate, (u32, u32, u32)> {
    let mut out: BTreeMap<NaiveDate, (u32, u32, u32)> = BTreeMap::new();
    for s in &w.sup {
        let e = out.entry(monday(s.item.date)).or_insert((0, 0, 0));
        if s.item.form == SupervisionForm::Group {
            e.1 += s.counted;
        } else {
            e.0 += s.counted;
        }
        e.2 += s.item.minutes;
    }
    out
}

/// Units of supervision in a week, times `unit_i * unit_g` (so whole
/// numbers): individual minutes count `1 / unit_i` unit each, group
/// minutes `1 / unit_g`.
fn scaled_units(individual: u32, group: u32, unit_i: u32, unit_g: u32) -> u64 {
    u64::from(individual) * u64::from(unit_g) + u64::from(group) * u64::from(unit_i)
}

/// Applies a weekly-unit rule.
pub(super) fn units(w: &mut Work<'_>, rule: &Rule) {
    let Rule::WeeklyUnit {
        individual_minutes,
        group_minutes,
        second_unit_above_hours,
    } = rule
    else {
        return;
    };
    let (ui, ug) = ((*individual_minutes).max(1), (*group_minutes).max(1));
    let one = u64::from(ui) * u64::from(ug);
    let weekly = supervision_by_week(w);
    let unit_name = tagged(w.tag, "weekly unit");
    let second_name = tagged(w.tag, "second unit");
    // Rows per week, to name the setting when a week has several.
    let mut rows_in_week: BTreeMap<NaiveDate, usize> = BTreeMap::new();
    for p in &w.prac {
        *rows_in_week.entry(monday(p.week.week_start)).or_insert(0) += 1;
    }
    for p in &mut w.prac {
        if p.clinical + p.non_clinical == 0 {
            continue;
        }
        let week = monday(p.week.week_start);
        let (ind, grp, logged) = weekly.get(&week).copied().unwrap_or((0, 0, 0));
        let units = scaled_units(ind, grp, ui, ug);
        let d = day(p.week.week_start);
        let at = if rows_in_week.get(&week).copied().unwrap_or(0) > 1 && !p.week.setting.is_empty()
        {
            format!(" ({})", p.week.setting)
        } else {
            String::new()
        };
        if units < one {
            let why = if logged == 0 {
                "no supervision"
            } else if ind + grp == 0 {
                "no supervision that counts"
            } else {
                "less than one unit of supervision"
            };
            p.void(|phrase| format!("week of {d}{at}: {why} — {phrase} not counted {unit_name}"));
        } else if let Some(above) = second_unit_above_hours {
            let threshold = above.saturating_mul(60);
            if units < 2 * one && p.clinical > threshold {
                let over = p.clinical - threshold;
                let reason = format!(
                    "week of {d}{at}: one unit of supervision — {} direct {} over {above} not counted {second_name}",
                    hours(over),
                    if over == 60 { "hour" } else { "hours" }
                );
                p.reduce_clinical(over, reason);
            }
        }
    }
}

/// The minimum a period needs, in minutes, and how it is said: the fixed
/// minimum or the proportional one, whichever is less.
pub(super) fn required(rule: &Rule, practice: u32, has_practice: bool) -> Option<(u32, String)> {
    let Rule::SupervisionPerPeriod {
        period,
        min_minutes,
        min_per_practice,
        ..
    } = rule
    else {
        return None;
    };
    let prop = min_per_practice
        .filter(|_| has_practice)
        .map(|r| (of_practice(&r, practice), r));
    match (min_minutes, prop) {
        (Some(f), Some((p, r))) if p < *f => Some((p, prop_words(p, &r))),
        (Some(f), _) => Some((
            *f,
            format!("the {}-hour {} minimum", hours(*f), periodic(*period)),
        )),
        (None, Some((p, r))) => Some((p, prop_words(p, &r))),
        (None, None) => None,
    }
}

fn prop_words(p: u32, r: &crate::hours_rules::types::Ratio) -> String {
    format!(
        "the minimum of {} ({} hours)",
        super::limits::ratio_words(r),
        hours(p)
    )
}

/// The complete periods (ended before `today`) to check, with the counted
/// supervision of each: periods with practice when any practice is
/// recorded, otherwise every period from the first counted supervision.
pub(super) fn checked_periods(w: &Work<'_>, period: Period) -> Vec<(NaiveDate, u32, u32)> {
    let practice = practice_by_period(w, period);
    let mut supervision: BTreeMap<NaiveDate, u32> = BTreeMap::new();
    for s in &w.sup {
        *supervision
            .entry(period_key(period, s.item.date))
            .or_insert(0) += s.counted;
    }
    let keys: BTreeSet<NaiveDate> = if w.has_practice {
        practice
            .iter()
            .filter(|(_, m)| **m > 0)
            .map(|(k, _)| *k)
            .collect()
    } else {
        let Some((first, last)) = w.span() else {
            return Vec::new();
        };
        let mut keys = BTreeSet::new();
        let mut k = period_key(period, first);
        while k <= last {
            keys.insert(k);
            let next = period_end(period, k).succ_opt();
            match next {
                Some(n) if n > k => k = n,
                _ => break,
            }
        }
        keys
    };
    keys.into_iter()
        .filter(|k| period == Period::Whole || period_end(period, *k) < w.today)
        .map(|k| {
            (
                k,
                supervision.get(&k).copied().unwrap_or(0),
                practice.get(&k).copied().unwrap_or(0),
            )
        })
        .collect()
}

/// Practice in a complete period under the minimum is not counted, when
/// the rule says so.
pub(super) fn minimum_voids(w: &mut Work<'_>, rule: &Rule) {
    let Rule::SupervisionPerPeriod {
        period,
        voids_practice: true,
        ..
    } = rule
    else {
        return;
    };
    if *period == Period::Whole {
        return;
    }
    let name = tagged(w.tag, &format!("{} minimum", periodic(*period)));
    let short: Vec<(NaiveDate, u32, u32, String)> = checked_periods(w, *period)
        .into_iter()
        .filter_map(|(k, sup, prac)| {
            let (need, words) = required(rule, prac, w.has_practice)?;
            (sup < need).then_some((k, sup, need, words))
        })
        .collect();
    for (key, sup, _need, words) in short {
        let when = if *period == Period::Week {
            "that week".to_string()
        } else {
            period_label(*period, key)
        };
        for p in &mut w.prac {
            if period_key(*period, p.week.week_start) != key {
                continue;
            }
            let d = day(p.week.week_start);
            let had = crate::hours_rules::text::hours_of(sup, "supervision");
            p.void(|phrase| {
                format!(
                    "week of {d}: {when} had {had}, under {words} — {phrase} not counted {name}"
                )
            });
        }
    }
}
