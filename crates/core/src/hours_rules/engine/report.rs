//! Totals, months, the target and projection, and the board summary.

use std::collections::BTreeMap;

use chrono::{Duration, Months, NaiveDate};

use super::status::{
    practice, practice_logged, supervision, weeks_with, whole_months, whole_weeks,
};
use super::{month_start, Work};
use crate::hours::SupervisionForm;
use crate::hours_rules::text::{day, hours, thousands};
use crate::hours_rules::types::{
    LengthUnit, MonthTotals, PracticeKind, Profile, Projection, Rule, SummaryLine, SummarySource,
    Target, TotalLine,
};

/// Weeks of recent pace the projection looks at.
pub const PACE_WEEKS: i64 = 12;

pub(super) struct Report {
    pub totals: Vec<TotalLine>,
    pub months: Vec<MonthTotals>,
    pub target: Option<Target>,
    pub projection: Projection,
    pub summary: Vec<SummaryLine>,
}

/// What the target follows.
#[derive(Clone, Copy)]
enum Follow {
    Practice(PracticeKind),
    Supervision,
}

fn target_of(profile: &Profile) -> Option<(Follow, u32, String)> {
    let practice_min = |kind: PracticeKind| {
        profile.rules.iter().find_map(|r| match r {
            Rule::PracticeTotal {
                of,
                min_hours: Some(m),
                ..
            } if *of == kind => Some(*m),
            _ => None,
        })
    };
    if let Some(m) = practice_min(PracticeKind::All) {
        return Some((
            Follow::Practice(PracticeKind::All),
            m,
            "Practice hours".into(),
        ));
    }
    if let Some(m) = practice_min(PracticeKind::Clinical) {
        return Some((
            Follow::Practice(PracticeKind::Clinical),
            m,
            "Direct hours".into(),
        ));
    }
    profile.rules.iter().find_map(|r| match r {
        Rule::SupervisionTotal {
            forms,
            min_hours: Some(m),
            ..
        } if forms.is_empty() => Some((Follow::Supervision, *m, "Supervision hours".into())),
        _ => None,
    })
}

/// Counted minutes of what `follow` follows, dated, oldest first.
fn followed(w: &Work<'_>, follow: Follow) -> Vec<(NaiveDate, u32)> {
    match follow {
        Follow::Supervision => w.sup.iter().map(|s| (s.item.date, s.counted)).collect(),
        Follow::Practice(kind) => w
            .prac
            .iter()
            .map(|p| {
                let m = match kind {
                    PracticeKind::Clinical => p.clinical,
                    PracticeKind::Psychotherapy => p.psycho,
                    PracticeKind::NonClinical => p.non_clinical,
                    PracticeKind::All => p.clinical + p.non_clinical,
                };
                (p.week.week_start, m)
            })
            .collect(),
    }
}

fn totals(w: &Work<'_>) -> Vec<TotalLine> {
    let line = |label: &str, logged: u32, counted: u32| TotalLine {
        label: label.into(),
        logged_minutes: logged,
        counted_minutes: counted,
    };
    let mut out = vec![
        line(
            "Direct (clinical)",
            practice_logged(w, PracticeKind::Clinical),
            practice(w, PracticeKind::Clinical),
        ),
        line(
            "Of which psychotherapy",
            practice_logged(w, PracticeKind::Psychotherapy),
            practice(w, PracticeKind::Psychotherapy),
        ),
        line(
            "Non-clinical",
            practice_logged(w, PracticeKind::NonClinical),
            practice(w, PracticeKind::NonClinical),
        ),
        line(
            "All practice",
            practice_logged(w, PracticeKind::All),
            practice(w, PracticeKind::All),
        ),
    ];
    for form in [
        SupervisionForm::Individual,
        SupervisionForm::Triadic,
        SupervisionForm::Group,
        SupervisionForm::DirectObservation,
    ] {
        let logged: u32 = w
            .sup
            .iter()
            .filter(|s| s.item.form == form)
            .map(|s| s.item.minutes)
            .sum();
        if logged > 0 {
            out.push(line(
                &format!("{} supervision", form.label()),
                logged,
                supervision(w, &[form], None),
            ));
        }
    }
    out.push(line(
        "All supervision",
        w.sup.iter().map(|s| s.item.minutes).sum(),
        supervision(w, &[], None),
    ));
    out
}

fn months(w: &Work<'_>, follow: Option<Follow>) -> Vec<MonthTotals> {
    let mut map: BTreeMap<NaiveDate, MonthTotals> = BTreeMap::new();
    let blank = |m: NaiveDate| MonthTotals {
        month: m,
        clinical_minutes: 0,
        psychotherapy_minutes: 0,
        non_clinical_minutes: 0,
        supervision_minutes: 0,
        not_counted_minutes: 0,
        cumulative_target_minutes: 0,
    };
    for s in &w.sup {
        let k = month_start(s.item.date);
        let e = map.entry(k).or_insert_with(|| blank(k));
        e.supervision_minutes += s.counted;
        e.not_counted_minutes += s.item.minutes - s.counted;
    }
    for p in &w.prac {
        let k = month_start(p.week.week_start);
        let e = map.entry(k).or_insert_with(|| blank(k));
        e.clinical_minutes += p.clinical;
        e.psychotherapy_minutes += p.psycho;
        e.non_clinical_minutes += p.non_clinical;
        e.not_counted_minutes += p.logged() - p.counted();
    }
    if let Some(f) = follow {
        let mut per_month: BTreeMap<NaiveDate, u32> = BTreeMap::new();
        for (d, m) in followed(w, f) {
            *per_month.entry(month_start(d)).or_insert(0) += m;
        }
        let mut run = 0u32;
        for (k, e) in map.iter_mut() {
            run = run.saturating_add(per_month.get(k).copied().unwrap_or(0));
            e.cumulative_target_minutes = run;
        }
    }
    map.into_values().collect()
}

fn projection(
    w: &Work<'_>,
    profile: &Profile,
    target: Option<(Follow, u32, &Target)>,
) -> Projection {
    let Some((follow, _, t)) = target else {
        return Projection {
            finish_on: None,
            explanation:
                "This profile has no total to reach, so there is no finish date to project.".into(),
        };
    };
    if t.counted_minutes >= t.minutes {
        return Projection {
            finish_on: None,
            explanation: format!("The {} target is reached.", t.label.to_lowercase()),
        };
    }
    let from = w.today - Duration::weeks(PACE_WEEKS);
    let pace: u64 = followed(w, follow)
        .into_iter()
        .filter(|(d, _)| *d > from && *d <= w.today)
        .map(|(_, m)| u64::from(m))
        .sum();
    let label = t.label.to_lowercase();
    if pace == 0 {
        return Projection {
            finish_on: None,
            explanation: format!(
                "No {label} were counted in the last {PACE_WEEKS} weeks, so there is no pace to project from."
            ),
        };
    }
    let remaining = u64::from(t.minutes - t.counted_minutes);
    let days_window = u64::try_from(PACE_WEEKS * 7).unwrap_or(84);
    let days = (remaining * days_window).div_ceil(pace);
    let mut finish =
        w.today + Duration::days(i64::try_from(days).unwrap_or(i64::MAX / 2).min(365 * 200));
    let weekly = u32::try_from(pace / u64::try_from(PACE_WEEKS).unwrap_or(12)).unwrap_or(u32::MAX);
    let mut explanation = format!(
        "At the pace of the last {PACE_WEEKS} weeks ({} {label} counted a week on average), the {} hours still needed take about {} weeks.",
        hours(weekly),
        hours(u32::try_from(remaining).unwrap_or(u32::MAX)),
        days.div_ceil(7)
    );
    if let Some((first, _)) = w.span() {
        for r in &profile.rules {
            if let Rule::PeriodLength {
                unit,
                min: Some(min),
                ..
            } = r
            {
                let earliest = match unit {
                    LengthUnit::Weeks => {
                        Some(first + Duration::weeks(i64::from(*min)) - Duration::days(1))
                    }
                    LengthUnit::Months => first
                        .checked_add_months(Months::new(*min))
                        .map(|d| d - Duration::days(1)),
                };
                if let Some(e) = earliest.filter(|e| *e > finish) {
                    finish = e;
                    explanation.push_str(&format!(
                        " The minimum period is complete on {}, so not before then.",
                        day(e)
                    ));
                }
            }
        }
    }
    Projection {
        finish_on: Some(finish),
        explanation,
    }
}

fn supervisors(w: &Work<'_>) -> String {
    let mut seen: Vec<String> = Vec::new();
    for s in w.sup.iter().filter(|s| s.counted > 0) {
        let who = &s.item.supervisor;
        let mut parts = Vec::new();
        parts.push(if who.name.is_empty() {
            "(name not recorded)".to_string()
        } else {
            who.name.clone()
        });
        if !who.credential.is_empty() {
            parts.push(who.credential.clone());
        }
        if !who.licence_number.is_empty() {
            parts.push(format!("licence {}", who.licence_number));
        }
        let line = parts.join(", ");
        if !seen.contains(&line) {
            seen.push(line);
        }
    }
    if seen.is_empty() {
        "none yet".into()
    } else {
        seen.join("; ")
    }
}

fn summary(w: &Work<'_>, profile: &Profile) -> Vec<SummaryLine> {
    let span = w.span();
    profile
        .summary
        .iter()
        .map(|f| SummaryLine {
            label: f.label.clone(),
            value: match &f.source {
                SummarySource::Practice { of } => hours(practice(w, *of)),
                SummarySource::Supervision { forms, credential } => {
                    hours(supervision(w, forms, credential.as_deref()))
                }
                SummarySource::SupervisedWeeks { forms, credential } => {
                    thousands(u64::from(weeks_with(w, forms, credential.as_deref())))
                }
                SummarySource::FirstDate => span.map_or("none yet".into(), |(f, _)| day(f)),
                SummarySource::LastDate => span.map_or("none yet".into(), |(_, l)| day(l)),
                SummarySource::Months => {
                    span.map_or("0".into(), |(f, l)| whole_months(f, l).to_string())
                }
                SummarySource::Weeks => {
                    span.map_or("0".into(), |(f, l)| whole_weeks(f, l).to_string())
                }
                SummarySource::Supervisors => supervisors(w),
            },
        })
        .collect()
}

pub(super) fn build(w: &Work<'_>, profile: &Profile) -> Report {
    let t = target_of(profile);
    let target = t.as_ref().map(|(follow, min, label)| Target {
        label: label.clone(),
        minutes: min.saturating_mul(60),
        counted_minutes: followed(w, *follow).iter().map(|(_, m)| *m).sum(),
    });
    let projection = projection(
        w,
        profile,
        t.as_ref()
            .zip(target.as_ref())
            .map(|((f, m, _), tg)| (*f, *m, tg)),
    );
    Report {
        totals: totals(w),
        months: months(w, t.as_ref().map(|(f, _, _)| *f)),
        target,
        projection,
        summary: summary(w, profile),
    }
}
