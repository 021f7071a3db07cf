//! Each rule's state in words and numbers.

use std::collections::BTreeSet;

use chrono::{Duration, Months, NaiveDate};

use super::weekly::{checked_periods, required};
use super::{form_in, has_credential, monday, period_label, Work};
use crate::hours_rules::text::{self, day, forms_supervision, hours, thousands};
use crate::hours_rules::types::{
    LengthUnit, Period, PracticeKind, Profile, Rule, RuleState, RuleStatus,
};

/// Counted practice minutes of a kind.
pub(super) fn practice(w: &Work<'_>, of: PracticeKind) -> u32 {
    w.prac
        .iter()
        .map(|p| match of {
            PracticeKind::Clinical => p.clinical,
            PracticeKind::Psychotherapy => p.psycho,
            PracticeKind::NonClinical => p.non_clinical,
            PracticeKind::All => p.clinical + p.non_clinical,
        })
        .sum()
}

/// Logged practice minutes of a kind.
pub(super) fn practice_logged(w: &Work<'_>, of: PracticeKind) -> u32 {
    w.prac
        .iter()
        .map(|p| match of {
            PracticeKind::Clinical => p.week.clinical_minutes,
            PracticeKind::Psychotherapy => {
                p.week.psychotherapy_minutes.min(p.week.clinical_minutes)
            }
            PracticeKind::NonClinical => p.week.non_clinical_minutes,
            PracticeKind::All => p.week.clinical_minutes + p.week.non_clinical_minutes,
        })
        .sum()
}

/// Counted supervision minutes of `forms`, from `credential` when given.
pub(super) fn supervision(
    w: &Work<'_>,
    forms: &[crate::hours::SupervisionForm],
    credential: Option<&str>,
) -> u32 {
    w.sup
        .iter()
        .filter(|s| form_in(forms, s.item.form))
        .filter(|s| credential.is_none_or(|c| has_credential(s.item, c)))
        .map(|s| s.counted)
        .sum()
}

/// Weeks with counted supervision of `forms`, from `credential` when given.
pub(super) fn weeks_with(
    w: &Work<'_>,
    forms: &[crate::hours::SupervisionForm],
    credential: Option<&str>,
) -> u32 {
    let weeks: BTreeSet<NaiveDate> = w
        .sup
        .iter()
        .filter(|s| s.counted > 0 && form_in(forms, s.item.form))
        .filter(|s| credential.is_none_or(|c| has_credential(s.item, c)))
        .map(|s| monday(s.item.date))
        .collect();
    u32::try_from(weeks.len()).unwrap_or(u32::MAX)
}

/// Whole months from `a` to `b` (both days counted).
pub(super) fn whole_months(a: NaiveDate, b: NaiveDate) -> u32 {
    let end = b + Duration::days(1);
    let mut n = 0;
    while a
        .checked_add_months(Months::new(n + 1))
        .is_some_and(|d| d <= end)
    {
        n += 1;
    }
    n
}

/// Whole weeks from `a` to `b` (both days counted).
pub(super) fn whole_weeks(a: NaiveDate, b: NaiveDate) -> u32 {
    u32::try_from(((b - a).num_days() + 1) / 7).unwrap_or(0)
}

fn hours_total(
    kind: &str,
    have: u32,
    min: Option<u32>,
    max: Option<u32>,
    logged: u32,
) -> (String, RuleState, String, Option<u32>, Option<u32>) {
    let title = match (min, max) {
        (Some(mn), Some(mx)) => format!(
            "At least {} and at most {} {kind} hours",
            thousands(u64::from(mn)),
            thousands(u64::from(mx))
        ),
        (Some(mn), None) => format!("At least {} {kind} hours", thousands(u64::from(mn))),
        (None, Some(mx)) => format!("At most {} {kind} hours count", thousands(u64::from(mx))),
        (None, None) => format!("{} hours", capital(kind)),
    };
    let over = logged.saturating_sub(have);
    match min {
        Some(mn) if have < mn.saturating_mul(60) => {
            let need = mn.saturating_mul(60);
            (
                title,
                RuleState::NotYet,
                format!(
                    "{} of {} hours counted: {} more needed.",
                    hours(have),
                    thousands(u64::from(mn)),
                    hours(need - have)
                ),
                Some(have),
                Some(need),
            )
        }
        Some(mn) => (
            title,
            RuleState::Met,
            format!(
                "{} of {} hours counted.",
                hours(have),
                thousands(u64::from(mn))
            ),
            Some(have),
            Some(mn.saturating_mul(60)),
        ),
        None => (
            title,
            RuleState::Applied,
            if max.is_some_and(|mx| logged > mx.saturating_mul(60)) {
                format!(
                    "{} hours counted; hours over the limit are not counted.",
                    hours(have)
                )
            } else {
                format!(
                    "{} hours counted; {} not counted for any reason.",
                    hours(have),
                    hours(over)
                )
            },
            Some(have),
            None,
        ),
    }
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

fn reasons_with(w: &Work<'_>, name: &str) -> usize {
    w.sup
        .iter()
        .flat_map(|s| s.reasons.iter())
        .chain(w.prac.iter().flat_map(|p| p.reasons.iter()))
        .filter(|r| r.ends_with(name))
        .count()
}

fn applied(
    title: String,
    w: &Work<'_>,
    name: &str,
    what: &str,
) -> (String, RuleState, String, Option<u32>, Option<u32>) {
    let n = reasons_with(w, name);
    let detail = if n == 0 {
        format!("Nothing taken out so far ({what}).")
    } else {
        format!(
            "{n} {} taken out ({what}); each says why below.",
            if n == 1 { "entry" } else { "entries" }
        )
    };
    (title, RuleState::Applied, detail, None, None)
}

fn list_some(items: &[String]) -> String {
    if items.len() <= 4 {
        items.join("; ")
    } else {
        format!("{}; and {} more", items[..4].join("; "), items.len() - 4)
    }
}

/// The state of every rule, in the profile's order.
pub(super) fn all(w: &Work<'_>, profile: &Profile) -> Vec<RuleStatus> {
    let span = w.span();
    profile
        .rules
        .iter()
        .enumerate()
        .map(|(i, rule)| {
            let name = text::tagged(&profile.tag, &text::rule_name(rule));
            let (title, state, detail, have, need) = one(w, rule, span, &name);
            RuleStatus {
                index: u32::try_from(i).unwrap_or(u32::MAX),
                title,
                state,
                detail,
                have,
                need,
            }
        })
        .collect()
}

type Parts = (String, RuleState, String, Option<u32>, Option<u32>);

fn one(w: &Work<'_>, rule: &Rule, span: Option<(NaiveDate, NaiveDate)>, name: &str) -> Parts {
    match rule {
        Rule::PracticeTotal {
            of,
            min_hours,
            max_hours,
        } => hours_total(
            of.words(),
            practice(w, *of),
            *min_hours,
            *max_hours,
            practice_logged(w, *of),
        ),
        Rule::SupervisionTotal {
            forms,
            min_hours,
            max_hours,
        } => {
            let logged = w
                .sup
                .iter()
                .filter(|s| form_in(forms, s.item.form))
                .map(|s| s.item.minutes)
                .sum();
            hours_total(
                &forms_supervision(forms),
                supervision(w, forms, None),
                *min_hours,
                *max_hours,
                logged,
            )
        }
        Rule::SupervisorCredential {
            credential,
            min_hours,
            forms,
        } => {
            let have = supervision(w, forms, Some(credential));
            let need = min_hours.saturating_mul(60);
            let title = format!(
                "At least {} hours of {} from a supervisor with the credential {credential}",
                thousands(u64::from(*min_hours)),
                forms_supervision(forms)
            );
            if have >= need {
                (
                    title,
                    RuleState::Met,
                    format!("{} hours counted.", hours(have)),
                    Some(have),
                    Some(need),
                )
            } else {
                (
                    title,
                    RuleState::NotYet,
                    format!(
                        "{} of {} hours counted: {} more needed.",
                        hours(have),
                        thousands(u64::from(*min_hours)),
                        hours(need - have)
                    ),
                    Some(have),
                    Some(need),
                )
            }
        }
        Rule::SupervisedWeeks {
            min_weeks,
            forms,
            credential,
        } => {
            let have = weeks_with(w, forms, credential.as_deref());
            let from = credential
                .as_deref()
                .map(|c| format!(" from a supervisor with the credential {c}"))
                .unwrap_or_default();
            let title = format!(
                "At least {min_weeks} weeks with {}{from}",
                forms_supervision(forms)
            );
            if have >= *min_weeks {
                (
                    title,
                    RuleState::Met,
                    format!("{have} weeks."),
                    Some(have),
                    Some(*min_weeks),
                )
            } else {
                (
                    title,
                    RuleState::NotYet,
                    format!(
                        "{have} of {min_weeks} weeks: {} more needed.",
                        min_weeks - have
                    ),
                    Some(have),
                    Some(*min_weeks),
                )
            }
        }
        Rule::PeriodLength { unit, min, max } => period_length(*unit, *min, *max, span),
        Rule::SupervisionPerPeriod {
            period,
            min_minutes,
            min_per_practice,
            max_minutes,
            max_per_practice,
            ..
        } => per_period(
            w,
            rule,
            *period,
            (
                min_minutes.is_some() || min_per_practice.is_some(),
                max_minutes.is_some() || max_per_practice.is_some(),
            ),
            name,
        ),
        Rule::ShareCap {
            forms,
            max_percent,
            max_hours,
        } => {
            let mut parts = Vec::new();
            if let Some(p) = max_percent {
                parts.push(if *p == 50 {
                    "at most half of all supervision".to_string()
                } else {
                    format!("at most {p} % of all supervision")
                });
            }
            if let Some(h) = max_hours {
                parts.push(format!("at most {} hours", thousands(u64::from(*h))));
            }
            let title = format!(
                "{}: {}",
                capital(&forms_supervision(forms)),
                parts.join(" and ")
            );
            applied(title, w, name, "the latest hours over the share")
        }
        Rule::GroupSize { min, max } => {
            let title = match (min, max) {
                (Some(a), Some(b)) => format!("Groups of {a} to {b} supervisees"),
                (Some(a), None) => format!("Groups of at least {a} supervisees"),
                (None, Some(b)) => format!("Groups of at most {b} supervisees"),
                (None, None) => "Any group size".to_string(),
            };
            applied(title, w, name, "sessions with a group outside that size")
        }
        Rule::MinSessionMinutes { minutes } => applied(
            format!("Sessions of at least {minutes} minutes"),
            w,
            name,
            "shorter sessions",
        ),
        Rule::WeeklyUnit {
            individual_minutes,
            group_minutes,
            second_unit_above_hours,
        } => {
            let mut title = format!(
                "Each week with practice needs a unit of supervision ({} individual or triadic, or {} group)",
                text::hours_of(*individual_minutes, ""),
                text::hours_of(*group_minutes, "")
            );
            if let Some(t) = second_unit_above_hours {
                title.push_str(&format!(
                    "; a second unit in a week with more than {t} direct hours"
                ));
            }
            let second = name.replace("weekly unit", "second unit");
            let n = reasons_with(w, name);
            let m = reasons_with(w, &second);
            (
                title,
                RuleState::Applied,
                format!("{n} {} without a unit not counted; {m} with direct hours over the threshold reduced.", if n == 1 { "week" } else { "weeks" }),
                None,
                None,
            )
        }
        Rule::ContinuousWindow { max_months } => {
            let title = format!(
                "Only hours within a {} window count",
                text::window(*max_months)
            );
            match span.and_then(|(f, _)| {
                f.checked_add_months(Months::new(*max_months))
                    .map(|e| (f, e - Duration::days(1)))
            }) {
                Some((f, e)) => {
                    applied(title, w, name, &format!("outside {} to {}", day(f), day(e)))
                }
                None => (
                    title,
                    RuleState::Applied,
                    "No hours counted yet.".into(),
                    None,
                    None,
                ),
            }
        }
    }
}

fn period_length(
    unit: LengthUnit,
    min: Option<u32>,
    max: Option<u32>,
    span: Option<(NaiveDate, NaiveDate)>,
) -> Parts {
    let word = match unit {
        LengthUnit::Weeks => "weeks",
        LengthUnit::Months => "months",
    };
    let title = match (min, max) {
        (Some(a), Some(b)) => format!("A period of {a} to {b} {word}"),
        (Some(a), None) => format!("A period of at least {a} {word}"),
        (None, Some(b)) => format!("A period of at most {b} {word}"),
        (None, None) => format!("A period in {word}"),
    };
    let Some((f, l)) = span else {
        return (
            title,
            RuleState::NotYet,
            "No hours counted yet.".into(),
            Some(0),
            min,
        );
    };
    let have = match unit {
        LengthUnit::Weeks => whole_weeks(f, l),
        LengthUnit::Months => whole_months(f, l),
    };
    let range = format!("from {} to {}", day(f), day(l));
    if let Some(b) = max {
        if have > b {
            return (
                title,
                RuleState::Exceeded,
                format!("{have} {word} ({range}): over the maximum of {b}."),
                Some(have),
                Some(b),
            );
        }
    }
    match min {
        Some(a) if have < a => (
            title,
            RuleState::NotYet,
            format!("{have} of {a} {word} so far ({range}): {} to go.", a - have),
            Some(have),
            Some(a),
        ),
        _ => (
            title,
            RuleState::Met,
            format!("{have} {word} ({range})."),
            Some(have),
            min,
        ),
    }
}

fn per_period_title(rule: &Rule) -> String {
    let Rule::SupervisionPerPeriod {
        period,
        min_minutes,
        min_per_practice,
        max_minutes,
        max_per_practice,
        ..
    } = rule
    else {
        return String::new();
    };
    let per = match period {
        Period::Week => " a week",
        Period::Month => " a month",
        Period::Whole => " over the whole period",
    };
    let mut parts = Vec::new();
    match (min_minutes, min_per_practice) {
        (Some(m), Some(r)) => parts.push(format!(
            "at least {}{per}, or {} if that is less",
            text::hours_of(*m, ""),
            super::limits::ratio_words(r)
        )),
        (Some(m), None) => parts.push(format!("at least {}{per}", text::hours_of(*m, ""))),
        (None, Some(r)) => parts.push(format!("at least {}", super::limits::ratio_words(r))),
        (None, None) => {}
    }
    match (max_minutes, max_per_practice) {
        (Some(m), Some(r)) => parts.push(format!(
            "at most {}{per} count, or {} if that is less",
            text::hours_of(*m, ""),
            super::limits::ratio_words(r)
        )),
        (Some(m), None) => parts.push(format!("at most {}{per} count", text::hours_of(*m, ""))),
        (None, Some(r)) => parts.push(format!("at most {} count", super::limits::ratio_words(r))),
        (None, None) => {}
    }
    format!("Supervision: {}", parts.join("; "))
}

fn per_period(
    w: &Work<'_>,
    rule: &Rule,
    period: Period,
    (has_min, _has_max): (bool, bool),
    name: &str,
) -> Parts {
    let title = per_period_title(rule);
    if !has_min {
        return applied(title, w, name, "supervision over the limit");
    }
    let short: Vec<String> = checked_periods(w, period)
        .into_iter()
        .filter_map(|(k, sup, prac)| {
            let (need, _) = required(rule, prac, w.has_practice)?;
            (sup < need).then(|| {
                format!(
                    "{} ({} of {} hours)",
                    period_label(period, k),
                    hours(sup),
                    hours(need)
                )
            })
        })
        .collect();
    if short.is_empty() {
        (
            title,
            RuleState::Met,
            "Every completed period so far has the minimum.".into(),
            None,
            None,
        )
    } else {
        let n = short.len();
        (
            title,
            RuleState::NotYet,
            format!(
                "{n} {} under the minimum: {}.",
                if n == 1 { "period" } else { "periods" },
                list_some(&short)
            ),
            None,
            None,
        )
    }
}
