//! Profile validation: fields within their limits, and no rule (or pair of
//! rules) that contradicts itself.

use super::text::thousands;
use super::types::{LengthUnit, PracticeKind, Profile, Ratio, Rule, SummarySource};
use crate::error::{Error, Result};
use crate::validate::{self, LINE_CHARS, SHORT_CHARS};

/// Most rules in a profile.
pub const MAX_RULES: usize = 40;
/// Most summary lines in a profile.
pub const MAX_SUMMARY_FIELDS: usize = 40;
/// Longest profile tag, in characters.
pub const TAG_CHARS: usize = 12;
/// Largest number of hours, weeks, months or minutes a rule may name.
pub const MAX_NUMBER: u32 = 100_000;

fn bad(n: usize, msg: String) -> Error {
    Error::InvalidInput(format!("Rule {}: {msg}", n + 1))
}

fn h(n: u32) -> String {
    thousands(u64::from(n))
}

fn min_max(n: usize, what: &str, min: Option<u32>, max: Option<u32>) -> Result<()> {
    for v in [min, max].into_iter().flatten() {
        if v > MAX_NUMBER {
            return Err(bad(
                n,
                format!(
                    "{what}: {} is more than the largest number allowed ({}).",
                    h(v),
                    h(MAX_NUMBER)
                ),
            ));
        }
    }
    if let (Some(a), Some(b)) = (min, max) {
        if a > b {
            return Err(bad(
                n,
                format!(
                    "{what}: the minimum ({}) is more than the maximum ({}).",
                    h(a),
                    h(b)
                ),
            ));
        }
    }
    Ok(())
}

fn ratio(n: usize, what: &str, r: &Option<Ratio>) -> Result<()> {
    if let Some(r) = r {
        if r.per_practice_hours == 0 {
            return Err(bad(
                n,
                format!("{what}: the number of practice hours must be at least 1."),
            ));
        }
        if r.supervision_minutes > MAX_NUMBER || r.per_practice_hours > MAX_NUMBER {
            return Err(bad(n, format!("{what}: the numbers are too large.")));
        }
    }
    Ok(())
}

/// Checks one rule on its own.
fn rule(n: usize, r: &Rule) -> Result<()> {
    match r {
        Rule::PracticeTotal {
            min_hours,
            max_hours,
            ..
        } => min_max(n, "practice hours", *min_hours, *max_hours),
        Rule::SupervisionTotal {
            min_hours,
            max_hours,
            ..
        } => min_max(n, "supervision hours", *min_hours, *max_hours),
        Rule::PeriodLength { min, max, .. } => min_max(n, "the period", *min, *max),
        Rule::SupervisionPerPeriod {
            min_minutes,
            min_per_practice,
            max_minutes,
            max_per_practice,
            ..
        } => {
            min_max(
                n,
                "supervision per period (minutes)",
                *min_minutes,
                *max_minutes,
            )?;
            ratio(n, "the proportional minimum", min_per_practice)?;
            ratio(n, "the proportional maximum", max_per_practice)?;
            if let (Some(a), Some(b)) = (min_per_practice, max_per_practice) {
                // a.s / a.p > b.s / b.p, compared without division.
                if u64::from(a.supervision_minutes) * u64::from(b.per_practice_hours)
                    > u64::from(b.supervision_minutes) * u64::from(a.per_practice_hours)
                {
                    return Err(bad(
                        n,
                        "the proportional minimum is more than the proportional maximum.".into(),
                    ));
                }
            }
            if min_minutes.is_none()
                && min_per_practice.is_none()
                && max_minutes.is_none()
                && max_per_practice.is_none()
            {
                return Err(bad(n, "give a minimum or a maximum of supervision.".into()));
            }
            Ok(())
        }
        Rule::ShareCap {
            forms,
            max_percent,
            max_hours,
        } => {
            if forms.is_empty() {
                return Err(bad(
                    n,
                    "a share limit needs the forms of supervision it limits (e.g. group).".into(),
                ));
            }
            if let Some(p) = max_percent {
                if *p > 100 {
                    return Err(bad(
                        n,
                        format!("a share cannot be over 100 % (it says {p} %)."),
                    ));
                }
            }
            if max_percent.is_none() && max_hours.is_none() {
                return Err(bad(n, "give a percentage or a number of hours.".into()));
            }
            min_max(n, "the share limit", None, *max_hours)
        }
        Rule::SupervisorCredential {
            credential,
            min_hours,
            ..
        } => {
            validate::required_line("The supervisor's credential", credential, SHORT_CHARS)
                .map_err(|e| bad(n, e.to_string()))?;
            min_max(n, "hours from that supervisor", Some(*min_hours), None)
        }
        Rule::GroupSize { min, max } => {
            if min.is_some_and(|m| m < 2) {
                return Err(bad(n, "a group has at least 2 supervisees.".into()));
            }
            min_max(n, "the group size", *min, *max)
        }
        Rule::MinSessionMinutes { minutes } => {
            if *minutes == 0 || *minutes > 24 * 60 {
                return Err(bad(
                    n,
                    "the shortest session must be between 1 minute and 24 hours.".into(),
                ));
            }
            Ok(())
        }
        Rule::WeeklyUnit {
            individual_minutes,
            group_minutes,
            second_unit_above_hours,
        } => {
            if *individual_minutes == 0 || *group_minutes == 0 {
                return Err(bad(
                    n,
                    "a unit of supervision must be at least 1 minute.".into(),
                ));
            }
            if *individual_minutes > 7 * 24 * 60 || *group_minutes > 7 * 24 * 60 {
                return Err(bad(
                    n,
                    "a unit of supervision cannot be longer than a week.".into(),
                ));
            }
            if second_unit_above_hours.is_some_and(|t| t > 7 * 24) {
                return Err(bad(n, "a week has at most 168 hours.".into()));
            }
            Ok(())
        }
        Rule::SupervisedWeeks {
            min_weeks,
            credential,
            ..
        } => {
            if let Some(c) = credential {
                validate::required_line("The supervisor's credential", c, SHORT_CHARS)
                    .map_err(|e| bad(n, e.to_string()))?;
            }
            min_max(n, "weeks", Some(*min_weeks), None)
        }
        Rule::ContinuousWindow { max_months } => {
            if *max_months == 0 || *max_months > 1200 {
                return Err(bad(
                    n,
                    "the window must be between 1 and 1,200 months.".into(),
                ));
            }
            Ok(())
        }
    }
}

/// A bound and the rule (index) it comes from.
type Bound = Option<(usize, u32)>;

fn practice_bounds(rules: &[Rule], kind: PracticeKind) -> (Bound, Bound) {
    let mut min = None;
    let mut max: Option<(usize, u32)> = None;
    for (i, r) in rules.iter().enumerate() {
        if let Rule::PracticeTotal {
            of,
            min_hours,
            max_hours,
        } = r
        {
            if *of == kind {
                if let Some(m) = min_hours {
                    if min.is_none_or(|(_, v)| *m > v) {
                        min = Some((i, *m));
                    }
                }
                if let Some(m) = max_hours {
                    if max.is_none_or(|(_, v)| *m < v) {
                        max = Some((i, *m));
                    }
                }
            }
        }
    }
    (min, max)
}

/// Rules that contradict each other.
fn across(rules: &[Rule]) -> Result<()> {
    use PracticeKind::*;
    // A part cannot need more than its whole allows.
    for (part, whole) in [
        (Clinical, Clinical),
        (NonClinical, NonClinical),
        (All, All),
        (Psychotherapy, Psychotherapy),
        (Psychotherapy, Clinical),
        (Clinical, All),
        (NonClinical, All),
        (Psychotherapy, All),
    ] {
        let (min, _) = practice_bounds(rules, part);
        let (_, max) = practice_bounds(rules, whole);
        if let (Some((i, a)), Some((j, b))) = (min, max) {
            if a > b {
                return Err(Error::InvalidInput(format!(
                    "Rules {} and {} contradict each other: at least {} {} hours cannot fit in at most {} {} hours.",
                    (i.min(j)) + 1,
                    (i.max(j)) + 1,
                    h(a),
                    part.words(),
                    h(b),
                    whole.words()
                )));
            }
        }
    }
    // Period minimum against the continuous window or a period maximum.
    let months = |unit: LengthUnit, v: u32| match unit {
        LengthUnit::Months => u64::from(v) * 1000,
        LengthUnit::Weeks => u64::from(v) * 7 * 1000 * 12 / 365, // weeks in thousandths of a month
    };
    for (i, r) in rules.iter().enumerate() {
        let Rule::PeriodLength {
            unit,
            min: Some(min),
            ..
        } = r
        else {
            continue;
        };
        for (j, s) in rules.iter().enumerate() {
            let limit = match s {
                Rule::ContinuousWindow { max_months } => Some(u64::from(*max_months) * 1000),
                Rule::PeriodLength {
                    unit: u2,
                    max: Some(mx),
                    ..
                } if i != j => Some(months(*u2, *mx)),
                _ => None,
            };
            if let Some(limit) = limit {
                if months(*unit, *min) > limit {
                    return Err(Error::InvalidInput(format!(
                        "Rules {} and {} contradict each other: the minimum period is longer than the longest period allowed.",
                        i.min(j) + 1,
                        i.max(j) + 1
                    )));
                }
            }
        }
    }
    // Hours from a credential cannot be more than the supervision allowed.
    for (i, r) in rules.iter().enumerate() {
        let Rule::SupervisorCredential { min_hours, .. } = r else {
            continue;
        };
        for (j, s) in rules.iter().enumerate() {
            if let Rule::SupervisionTotal {
                forms,
                max_hours: Some(mx),
                ..
            } = s
            {
                if forms.is_empty() && min_hours > mx {
                    return Err(Error::InvalidInput(format!(
                        "Rules {} and {} contradict each other: at least {} hours from one supervisor cannot fit in at most {} hours of supervision.",
                        i.min(j) + 1,
                        i.max(j) + 1,
                        h(*min_hours),
                        h(*mx)
                    )));
                }
            }
        }
    }
    Ok(())
}

/// A profile as the user gave it, checked and normalised (fields trimmed).
/// Errors: [`Error::InvalidInput`] / [`Error::Empty`] naming the field or
/// the rule (numbered from 1) and what contradicts what.
pub fn profile(p: &Profile) -> Result<Profile> {
    let name = validate::required_line("The profile's name", &p.name, SHORT_CHARS)?;
    let board = validate::required_line("The board", &p.board, SHORT_CHARS)?;
    let tag = validate::single_line("The short tag", &p.tag, TAG_CHARS)?;
    let source_citation =
        validate::required_line("The source (citation)", &p.source_citation, LINE_CHARS)?;
    validate::date("The date checked", Some(p.checked_on))?;
    if p.rules.is_empty() {
        return Err(Error::InvalidInput(
            "A profile needs at least one rule.".into(),
        ));
    }
    if p.rules.len() > MAX_RULES {
        return Err(Error::InvalidInput(format!(
            "A profile holds at most {MAX_RULES} rules."
        )));
    }
    if p.summary.len() > MAX_SUMMARY_FIELDS {
        return Err(Error::InvalidInput(format!(
            "A board summary holds at most {MAX_SUMMARY_FIELDS} lines."
        )));
    }
    for (i, r) in p.rules.iter().enumerate() {
        rule(i, r)?;
    }
    across(&p.rules)?;
    let mut summary = Vec::with_capacity(p.summary.len());
    for f in &p.summary {
        let label = validate::required_line("A summary line's label", &f.label, SHORT_CHARS)?;
        let source = match &f.source {
            SummarySource::Supervision { forms, credential }
            | SummarySource::SupervisedWeeks { forms, credential } => {
                let credential = match credential {
                    Some(c) => Some(validate::required_line(
                        "A summary line's credential",
                        c,
                        SHORT_CHARS,
                    )?),
                    None => None,
                };
                if matches!(f.source, SummarySource::Supervision { .. }) {
                    SummarySource::Supervision {
                        forms: forms.clone(),
                        credential,
                    }
                } else {
                    SummarySource::SupervisedWeeks {
                        forms: forms.clone(),
                        credential,
                    }
                }
            }
            other => other.clone(),
        };
        summary.push(super::types::SummaryField { label, source });
    }
    let mut rules = p.rules.clone();
    for r in &mut rules {
        match r {
            Rule::SupervisorCredential { credential, .. } => {
                *credential = credential.trim().to_string()
            }
            Rule::SupervisedWeeks {
                credential: Some(c),
                ..
            } => *c = c.trim().to_string(),
            _ => {}
        }
    }
    Ok(Profile {
        id: p.id.clone(),
        name,
        board,
        tag,
        source_citation,
        checked_on: p.checked_on,
        example: p.example,
        rules,
        summary,
    })
}
