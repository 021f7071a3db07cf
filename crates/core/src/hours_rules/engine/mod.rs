//! `evaluate`: a profile's rules applied to a ledger, in a fixed order.
//!
//! 1. hours before the agreement's effective date are taken out;
//! 2. the continuous window (hours after it are taken out);
//! 3. per item: minimum session length, group size;
//! 4. supervision ceilings per period, share caps, supervision maxima;
//! 5. weekly units (voided weeks, second units), periods under a minimum
//!    that voids practice;
//! 6. practice maxima.
//!
//! Every reduction leaves its reason on the item. Then each rule's state,
//! the totals, the months, the projection and the board summary are read
//! off the counted minutes.

mod limits;
mod report;
mod status;
mod weekly;

use chrono::{Datelike, Duration, NaiveDate};

use super::text::{self, day, practice_phrase};
use super::types::{ItemKind, ItemOutcome, Period, Profile, Progress, Rule};
use crate::hours::{Ledger, PracticeWeek, SupervisionForm, SupervisionItem};

/// One supervision item while the rules run.
pub(crate) struct Sup<'a> {
    pub item: &'a SupervisionItem,
    pub counted: u32,
    pub reasons: Vec<String>,
}

/// One practice week while the rules run.
pub(crate) struct Prac<'a> {
    pub week: &'a PracticeWeek,
    pub clinical: u32,
    pub psycho: u32,
    pub non_clinical: u32,
    pub reasons: Vec<String>,
}

impl Prac<'_> {
    fn counted(&self) -> u32 {
        self.clinical + self.non_clinical
    }
    fn logged(&self) -> u32 {
        self.week.clinical_minutes + self.week.non_clinical_minutes
    }
    /// Takes out every counted minute, with `reason` built from what was taken.
    fn void(&mut self, reason: impl FnOnce(&str) -> String) {
        if self.counted() == 0 {
            return;
        }
        let phrase = practice_phrase(self.clinical, self.non_clinical);
        self.reasons.push(reason(&phrase));
        self.clinical = 0;
        self.psycho = 0;
        self.non_clinical = 0;
    }
    /// Takes out `minutes` of direct hours.
    fn reduce_clinical(&mut self, minutes: u32, reason: String) {
        let m = minutes.min(self.clinical);
        if m == 0 {
            return;
        }
        self.clinical -= m;
        self.psycho = self.psycho.min(self.clinical);
        self.reasons.push(reason);
    }
}

/// Everything the rules work on.
pub(crate) struct Work<'a> {
    pub tag: &'a str,
    pub sup: Vec<Sup<'a>>,
    pub prac: Vec<Prac<'a>>,
    pub has_practice: bool,
    pub today: NaiveDate,
}

impl Work<'_> {
    /// Takes `minutes` off supervision item `i` with `reason`.
    fn reduce_sup(&mut self, i: usize, minutes: u32, reason: String) {
        let s = &mut self.sup[i];
        let m = minutes.min(s.counted);
        if m == 0 {
            return;
        }
        s.counted -= m;
        s.reasons.push(reason);
    }

    /// Takes `excess` minutes off the items `idx` (oldest first), latest
    /// first, with a reason naming each item's share.
    fn trim_latest(
        &mut self,
        idx: &[usize],
        mut excess: u32,
        reason: impl Fn(NaiveDate, u32) -> String,
    ) {
        for &i in idx.iter().rev() {
            if excess == 0 {
                break;
            }
            let m = excess.min(self.sup[i].counted);
            if m > 0 {
                let d = self.sup[i].item.date;
                self.reduce_sup(i, m, reason(d, m));
                excess -= m;
            }
        }
    }

    /// The first and last counted day, if anything counts.
    pub fn span(&self) -> Option<(NaiveDate, NaiveDate)> {
        let mut first: Option<NaiveDate> = None;
        let mut last: Option<NaiveDate> = None;
        let mut see = |a: NaiveDate, b: NaiveDate| {
            first = Some(first.map_or(a, |f| f.min(a)));
            last = Some(last.map_or(b, |l| l.max(b)));
        };
        for s in self.sup.iter().filter(|s| s.counted > 0) {
            see(s.item.date, s.item.date);
        }
        for p in self.prac.iter().filter(|p| p.counted() > 0) {
            let end =
                (p.week.week_start + Duration::days(6)).min(self.today.max(p.week.week_start));
            see(p.week.week_start, end);
        }
        first.zip(last)
    }
}

/// The Monday of `d`'s week.
pub(crate) fn monday(d: NaiveDate) -> NaiveDate {
    d - Duration::days(i64::from(d.weekday().num_days_from_monday()))
}

/// The first day of `d`'s month.
pub(crate) fn month_start(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
}

/// The key of the period `d` falls in.
pub(crate) fn period_key(p: Period, d: NaiveDate) -> NaiveDate {
    match p {
        Period::Week => monday(d),
        Period::Month => month_start(d),
        Period::Whole => NaiveDate::MIN,
    }
}

/// The last day of the period starting at `key`.
pub(crate) fn period_end(p: Period, key: NaiveDate) -> NaiveDate {
    match p {
        Period::Week => key + Duration::days(6),
        Period::Month => key
            .checked_add_months(chrono::Months::new(1))
            .map_or(NaiveDate::MAX, |d| d - Duration::days(1)),
        Period::Whole => NaiveDate::MAX,
    }
}

/// "the week of 3 March 2025", "March 2025", "the whole period".
pub(crate) fn period_label(p: Period, key: NaiveDate) -> String {
    match p {
        Period::Week => format!("the week of {}", day(key)),
        Period::Month => text::month(key),
        Period::Whole => "the whole period".into(),
    }
}

/// True when `form` is among `forms` (an empty list is every form).
pub(crate) fn form_in(forms: &[SupervisionForm], form: SupervisionForm) -> bool {
    forms.is_empty() || forms.contains(&form)
}

/// True when the supervisor's credential names `credential` (ignoring case,
/// as one of the words of the credential field).
pub(crate) fn has_credential(item: &SupervisionItem, credential: &str) -> bool {
    let want = credential.trim();
    !want.is_empty()
        && item
            .supervisor
            .credential
            .split(|c: char| !c.is_alphanumeric() && c != '-')
            .any(|w| w.eq_ignore_ascii_case(want))
}

/// Applies `profile` to `ledger` as of `today`: what counts, what does not
/// and why, each rule's state, totals by type and month, the projected
/// finish and the board summary. Pure: reads no clock and no storage.
pub fn evaluate(profile: &Profile, ledger: &Ledger, today: NaiveDate) -> Progress {
    let mut sup: Vec<&SupervisionItem> = ledger.supervision.iter().collect();
    sup.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
    let mut prac: Vec<&PracticeWeek> = ledger.practice.iter().collect();
    prac.sort_by(|a, b| (a.week_start, &a.id).cmp(&(b.week_start, &b.id)));
    let mut w = Work {
        tag: &profile.tag,
        sup: sup
            .into_iter()
            .map(|item| Sup {
                item,
                counted: item.minutes,
                reasons: Vec::new(),
            })
            .collect(),
        prac: prac
            .into_iter()
            .map(|week| Prac {
                week,
                clinical: week.clinical_minutes,
                psycho: week.psychotherapy_minutes.min(week.clinical_minutes),
                non_clinical: week.non_clinical_minutes,
                reasons: Vec::new(),
            })
            .collect(),
        has_practice: ledger
            .practice
            .iter()
            .any(|p| p.clinical_minutes + p.non_clinical_minutes > 0),
        today,
    };
    let mut notes = Vec::new();
    match ledger.counts_from {
        Some(from) => limits::before(&mut w, from),
        None => notes.push(
            "No agreement with an effective date: hours count from the first entry.".to_string(),
        ),
    }
    let rules = &profile.rules;
    let each = |pick: fn(&Rule) -> bool| rules.iter().filter(move |r| pick(r));
    for r in each(|r| matches!(r, Rule::ContinuousWindow { .. })) {
        limits::window(&mut w, r);
    }
    for r in each(|r| matches!(r, Rule::MinSessionMinutes { .. } | Rule::GroupSize { .. })) {
        limits::per_item(&mut w, r);
    }
    for r in each(|r| matches!(r, Rule::SupervisionPerPeriod { .. })) {
        limits::ceiling(&mut w, r);
    }
    for r in each(|r| matches!(r, Rule::ShareCap { .. })) {
        limits::share(&mut w, r);
    }
    for r in each(|r| matches!(r, Rule::SupervisionTotal { .. })) {
        limits::supervision_max(&mut w, r);
    }
    for r in each(|r| matches!(r, Rule::WeeklyUnit { .. })) {
        weekly::units(&mut w, r);
    }
    for r in each(|r| matches!(r, Rule::SupervisionPerPeriod { .. })) {
        weekly::minimum_voids(&mut w, r);
    }
    for r in each(|r| matches!(r, Rule::PracticeTotal { .. })) {
        limits::practice_max(&mut w, r);
    }
    if !w.has_practice
        && rules.iter().any(|r| {
            matches!(
                r,
                Rule::SupervisionPerPeriod {
                    min_per_practice: Some(_),
                    ..
                } | Rule::SupervisionPerPeriod {
                    max_per_practice: Some(_),
                    ..
                }
            )
        })
    {
        notes.push(
            "No practice hours are recorded, so supervision in proportion to practice is not checked."
                .to_string(),
        );
    }

    let statuses = status::all(&w, profile);
    let report = report::build(&w, profile);
    let items = w
        .sup
        .iter()
        .map(|s| ItemOutcome {
            id: s.item.id.clone(),
            kind: ItemKind::Supervision,
            date: s.item.date,
            logged_minutes: s.item.minutes,
            counted_minutes: s.counted,
            reasons: s.reasons.clone(),
        })
        .chain(w.prac.iter().map(|p| ItemOutcome {
            id: p.week.id.clone(),
            kind: ItemKind::Practice,
            date: p.week.week_start,
            logged_minutes: p.logged(),
            counted_minutes: p.counted(),
            reasons: p.reasons.clone(),
        }))
        .collect();
    Progress {
        person_id: ledger.person_id.clone(),
        profile_id: profile.id.clone(),
        profile_name: profile.name.clone(),
        example: profile.example,
        today,
        totals: report.totals,
        months: report.months,
        items,
        rules: statuses,
        target: report.target,
        projection: report.projection,
        summary: report.summary,
        notes,
    }
}
