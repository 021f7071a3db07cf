//! The rules that take hours out of the count: the agreement's start, the
//! continuous window, per-item rules, ceilings, shares and maxima.

use std::collections::BTreeMap;

use chrono::{Duration, Months, NaiveDate};

use super::{form_in, period_key, period_label, Work};
use crate::hours::SupervisionForm;
use crate::hours_rules::text::{self, day, forms_supervision, hours, hours_of, periodic, tagged};
use crate::hours_rules::types::{Period, PracticeKind, Ratio, Rule};

/// Hours dated before the agreement's effective date `from`.
pub(super) fn before(w: &mut Work<'_>, from: NaiveDate) {
    let f = day(from);
    for i in 0..w.sup.len() {
        let s = &w.sup[i];
        if s.item.date < from {
            let reason = format!(
                "{}: before the agreement's effective date ({f}) — {} not counted",
                day(s.item.date),
                hours_of(s.counted, "supervision")
            );
            let m = s.counted;
            w.reduce_sup(i, m, reason);
        }
    }
    for p in &mut w.prac {
        if p.week.week_start < from {
            let d = day(p.week.week_start);
            p.void(|phrase| {
                format!("week of {d}: before the agreement's effective date ({f}) — {phrase} not counted")
            });
        }
    }
}

/// Hours after the window that starts on the first counted day.
pub(super) fn window(w: &mut Work<'_>, rule: &Rule) {
    let Rule::ContinuousWindow { max_months } = rule else {
        return;
    };
    let Some((first, _)) = w.span() else {
        return;
    };
    let Some(end) = first
        .checked_add_months(Months::new(*max_months))
        .map(|d| d - Duration::days(1))
    else {
        return;
    };
    let name = tagged(w.tag, &text::rule_name(rule));
    let span = format!(
        "{} window ({} to {})",
        text::window(*max_months),
        day(first),
        day(end)
    );
    for i in 0..w.sup.len() {
        let s = &w.sup[i];
        if s.item.date > end {
            let reason = format!(
                "{}: after the {span} — {} not counted {name}",
                day(s.item.date),
                hours_of(s.counted, "supervision")
            );
            let m = s.counted;
            w.reduce_sup(i, m, reason);
        }
    }
    for p in &mut w.prac {
        if p.week.week_start > end {
            let d = day(p.week.week_start);
            p.void(|phrase| format!("week of {d}: after the {span} — {phrase} not counted {name}"));
        }
    }
}

/// Minimum session length and group size, item by item.
pub(super) fn per_item(w: &mut Work<'_>, rule: &Rule) {
    let name = tagged(w.tag, &text::rule_name(rule));
    for i in 0..w.sup.len() {
        let s = &w.sup[i];
        if s.counted == 0 {
            continue;
        }
        let why = match rule {
            Rule::MinSessionMinutes { minutes } if s.item.minutes < *minutes => Some(format!(
                "a {}-minute session, under the {minutes}-minute minimum",
                s.item.minutes
            )),
            Rule::GroupSize { min, max }
                if matches!(
                    s.item.form,
                    SupervisionForm::Group | SupervisionForm::Triadic
                ) =>
            {
                match (s.item.group_size, min, max) {
                    (Some(n), _, Some(mx)) if n > *mx => {
                        Some(format!("a group of {n}, over the limit of {mx}"))
                    }
                    (Some(n), Some(mn), _) if n < *mn => {
                        Some(format!("a group of {n}, under the minimum of {mn}"))
                    }
                    _ => None,
                }
            }
            _ => None,
        };
        if let Some(why) = why {
            let reason = format!(
                "{}: {why} — {} not counted {name}",
                day(s.item.date),
                hours_of(s.counted, "supervision")
            );
            let m = s.counted;
            w.reduce_sup(i, m, reason);
        }
    }
}

/// Counted practice minutes (clinical and non-clinical) per period.
pub(super) fn practice_by_period(w: &Work<'_>, period: Period) -> BTreeMap<NaiveDate, u32> {
    let mut out = BTreeMap::new();
    for p in &w.prac {
        *out.entry(period_key(period, p.week.week_start))
            .or_insert(0) += p.counted();
    }
    out
}

/// `ratio` of `practice` minutes, in minutes (rounded down).
pub(super) fn of_practice(ratio: &Ratio, practice: u32) -> u32 {
    if ratio.per_practice_hours == 0 {
        return u32::MAX;
    }
    let m = u64::from(practice) * u64::from(ratio.supervision_minutes)
        / (u64::from(ratio.per_practice_hours) * 60);
    u32::try_from(m).unwrap_or(u32::MAX)
}

/// "4 hours per 40 practice hours".
pub(super) fn ratio_words(ratio: &Ratio) -> String {
    format!(
        "{} per {} practice hours",
        hours_of(ratio.supervision_minutes, ""),
        ratio.per_practice_hours
    )
}

/// Supervision over a per-period maximum.
pub(super) fn ceiling(w: &mut Work<'_>, rule: &Rule) {
    let Rule::SupervisionPerPeriod {
        period,
        max_minutes,
        max_per_practice,
        ..
    } = rule
    else {
        return;
    };
    if max_minutes.is_none() && (max_per_practice.is_none() || !w.has_practice) {
        return;
    }
    let name = tagged(w.tag, &format!("{} limit", periodic(*period)));
    let practice = practice_by_period(w, *period);
    let mut by_period: BTreeMap<NaiveDate, Vec<usize>> = BTreeMap::new();
    for (i, s) in w.sup.iter().enumerate() {
        by_period
            .entry(period_key(*period, s.item.date))
            .or_default()
            .push(i);
    }
    for (key, idx) in by_period {
        let fixed = *max_minutes;
        let prop = max_per_practice
            .filter(|_| w.has_practice)
            .map(|r| of_practice(&r, practice.get(&key).copied().unwrap_or(0)));
        let (limit, desc) = match (fixed, prop) {
            (Some(f), Some(p)) if p < f => (p, ratio_desc(max_per_practice, p)),
            (Some(f), _) => (
                f,
                format!("the {}-hour {} limit", hours(f), periodic(*period)),
            ),
            (None, Some(p)) => (p, ratio_desc(max_per_practice, p)),
            (None, None) => continue,
        };
        let sum: u32 = idx.iter().map(|&i| w.sup[i].counted).sum();
        if sum <= limit {
            continue;
        }
        let when = period_label(*period, key);
        w.trim_latest(&idx, sum - limit, |d, m| {
            format!(
                "{}: over {desc} for {when} — {} not counted {name}",
                day(d),
                hours_of(m, "supervision")
            )
        });
    }
}

fn ratio_desc(ratio: &Option<Ratio>, limit: u32) -> String {
    match ratio {
        Some(r) => format!("the limit of {} ({} hours)", ratio_words(r), hours(limit)),
        None => format!("the {}-hour limit", hours(limit)),
    }
}

/// Supervision of some forms over a share of all counted supervision or a
/// number of hours; the latest items are taken out first.
pub(super) fn share(w: &mut Work<'_>, rule: &Rule) {
    let Rule::ShareCap {
        forms,
        max_percent,
        max_hours,
    } = rule
    else {
        return;
    };
    let name = tagged(w.tag, &text::rule_name(rule));
    let idx: Vec<usize> = (0..w.sup.len())
        .filter(|&i| form_in(forms, w.sup[i].item.form))
        .collect();
    let capped: u32 = idx.iter().map(|&i| w.sup[i].counted).sum();
    let other: u32 = w.sup.iter().map(|s| s.counted).sum::<u32>() - capped;
    let by_share = max_percent.filter(|p| *p < 100).map(|p| {
        let allowed = u64::from(other) * u64::from(p) / u64::from(100 - p);
        u32::try_from(allowed).unwrap_or(u32::MAX)
    });
    let by_hours = max_hours.map(|h| h.saturating_mul(60));
    let what = forms_supervision(forms);
    let (allowed, desc) = match (by_share, by_hours) {
        (Some(s), Some(h)) if h < s => (h, hours_desc(*max_hours)),
        (Some(s), _) => (s, share_desc(max_percent.unwrap_or(0))),
        (None, Some(h)) => (h, hours_desc(*max_hours)),
        (None, None) => return,
    };
    if capped <= allowed {
        return;
    }
    w.trim_latest(&idx, capped - allowed, |d, m| {
        format!(
            "{}: {what} over {desc} — {} not counted {name}",
            day(d),
            hours_of(m, "supervision")
        )
    });
}

fn share_desc(percent: u32) -> String {
    if percent == 50 {
        "half of all supervision counted".into()
    } else {
        format!("{percent} % of all supervision counted")
    }
}

fn hours_desc(max_hours: Option<u32>) -> String {
    format!(
        "the {}-hour limit",
        text::thousands(u64::from(max_hours.unwrap_or(0)))
    )
}

/// Supervision over a total maximum.
pub(super) fn supervision_max(w: &mut Work<'_>, rule: &Rule) {
    let Rule::SupervisionTotal {
        forms,
        max_hours: Some(max),
        ..
    } = rule
    else {
        return;
    };
    let name = tagged(w.tag, &text::rule_name(rule));
    let idx: Vec<usize> = (0..w.sup.len())
        .filter(|&i| form_in(forms, w.sup[i].item.form))
        .collect();
    let sum: u32 = idx.iter().map(|&i| w.sup[i].counted).sum();
    let limit = max.saturating_mul(60);
    if sum <= limit {
        return;
    }
    let what = forms_supervision(forms);
    let desc = hours_desc(Some(*max));
    w.trim_latest(&idx, sum - limit, |d, m| {
        format!(
            "{}: {what} over {desc} — {} not counted {name}",
            day(d),
            hours_of(m, "supervision")
        )
    });
}

/// Practice over a total maximum; the latest weeks are taken out first.
pub(super) fn practice_max(w: &mut Work<'_>, rule: &Rule) {
    let Rule::PracticeTotal {
        of,
        max_hours: Some(max),
        ..
    } = rule
    else {
        return;
    };
    let name = tagged(w.tag, &text::rule_name(rule));
    let of = *of;
    let amount = |p: &super::Prac<'_>| match of {
        PracticeKind::Clinical => p.clinical,
        PracticeKind::Psychotherapy => p.psycho,
        PracticeKind::NonClinical => p.non_clinical,
        PracticeKind::All => p.clinical + p.non_clinical,
    };
    let sum: u32 = w.prac.iter().map(amount).sum();
    let limit = max.saturating_mul(60);
    if sum <= limit {
        return;
    }
    let mut excess = sum - limit;
    let desc = format!(
        "over the {}-hour {} limit",
        text::thousands(u64::from(*max)),
        of.words()
    );
    for p in w.prac.iter_mut().rev() {
        if excess == 0 {
            break;
        }
        let d = day(p.week.week_start);
        // Non-clinical first, then direct (psychotherapy is part of direct).
        let (take_nc, take_c) = match of {
            PracticeKind::NonClinical => (excess.min(p.non_clinical), 0),
            PracticeKind::Clinical | PracticeKind::Psychotherapy => {
                (0, excess.min(amount(p)).min(p.clinical))
            }
            PracticeKind::All => {
                let nc = excess.min(p.non_clinical);
                (nc, (excess - nc).min(p.clinical))
            }
        };
        if take_nc + take_c == 0 {
            continue;
        }
        let phrase = text::practice_phrase(take_c, take_nc);
        p.reasons
            .push(format!("week of {d}: {desc} — {phrase} not counted {name}"));
        p.non_clinical -= take_nc;
        p.clinical -= take_c;
        if of == PracticeKind::Psychotherapy {
            p.psycho -= take_c.min(p.psycho);
        }
        p.psycho = p.psycho.min(p.clinical);
        if of == PracticeKind::Psychotherapy {
            excess -= take_c.min(excess);
        } else {
            excess -= take_nc + take_c;
        }
    }
}
