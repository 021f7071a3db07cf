//! Totals of a period's entries, by form and by month (whole minutes).

use std::collections::BTreeMap;

use chrono::Datelike;

use super::HoursExportInput;
use crate::hours::SupervisionForm;

/// Supervision of one form: how many entries, how many minutes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FormTotal {
    /// Entries.
    pub entries: u64,
    /// Minutes.
    pub minutes: u64,
}

/// One calendar month's minutes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MonthTotal {
    /// Supervision minutes.
    pub supervision: u64,
    /// Clinical practice minutes (weeks starting in the month).
    pub clinical: u64,
    /// Non-clinical practice minutes (weeks starting in the month).
    pub non_clinical: u64,
}

/// The totals of a period.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Totals {
    /// By form, in the forms' order.
    pub by_form: BTreeMap<SupervisionForm, FormTotal>,
    /// By (year, month), oldest first.
    pub by_month: BTreeMap<(i32, u32), MonthTotal>,
    /// All supervision.
    pub supervision: FormTotal,
    /// All clinical practice minutes.
    pub clinical: u64,
    /// Of those, psychotherapy minutes.
    pub psychotherapy: u64,
    /// All non-clinical practice minutes.
    pub non_clinical: u64,
    /// Practice weeks.
    pub weeks: u64,
}

impl Totals {
    /// The totals of `input`'s period.
    pub fn of(input: &HoursExportInput) -> Totals {
        let mut t = Totals::default();
        for item in input.supervision() {
            let m = u64::from(item.minutes);
            let f = t.by_form.entry(item.form).or_default();
            f.entries += 1;
            f.minutes += m;
            t.supervision.entries += 1;
            t.supervision.minutes += m;
            let month = (item.date.year(), item.date.month());
            t.by_month.entry(month).or_default().supervision += m;
        }
        for week in input.practice() {
            let month = (week.week_start.year(), week.week_start.month());
            let e = t.by_month.entry(month).or_default();
            e.clinical += u64::from(week.clinical_minutes);
            e.non_clinical += u64::from(week.non_clinical_minutes);
            t.clinical += u64::from(week.clinical_minutes);
            t.psychotherapy += u64::from(week.psychotherapy_minutes);
            t.non_clinical += u64::from(week.non_clinical_minutes);
            t.weeks += 1;
        }
        t
    }
}
