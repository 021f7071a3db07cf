//! Ledgers built as plain values.

use chrono::NaiveDate;
use confidant_core::hours::{
    ItemSource, Ledger, PracticeWeek, SupervisionForm, SupervisionItem, SupervisorOfRecord,
};
use confidant_core::hours_rules::{ItemOutcome, Progress};

pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
}

pub fn ledger(counts_from: Option<NaiveDate>) -> Ledger {
    Ledger {
        person_id: "00000000-0000-4000-8000-000000000001".into(),
        counts_from,
        supervision: Vec::new(),
        practice: Vec::new(),
    }
}

pub fn supervisor(credential: &str) -> SupervisorOfRecord {
    SupervisorOfRecord {
        name: "Dr Maya Okafor".into(),
        licence_number: "LC-4471".into(),
        credential: credential.into(),
        is_owner: false,
    }
}

/// Adds a supervision item; returns its id.
pub fn sup(
    l: &mut Ledger,
    date: NaiveDate,
    minutes: u32,
    form: SupervisionForm,
    group_size: Option<u32>,
    credential: &str,
) -> String {
    let id = format!("m-{}-{}", date, l.supervision.len());
    l.supervision.push(SupervisionItem {
        id: id.clone(),
        date,
        minutes,
        form,
        group_size,
        source: ItemSource::Manual {
            entry_id: id.clone(),
        },
        supervisor: supervisor(credential),
        note: None,
    });
    id
}

pub fn individual(l: &mut Ledger, date: NaiveDate, minutes: u32) -> String {
    sup(l, date, minutes, SupervisionForm::Individual, None, "LCSW")
}

pub fn group(l: &mut Ledger, date: NaiveDate, minutes: u32, size: u32) -> String {
    sup(l, date, minutes, SupervisionForm::Group, Some(size), "LCSW")
}

/// Adds a practice week (hours); returns its id.
pub fn week(
    l: &mut Ledger,
    monday: NaiveDate,
    clinical_h: u32,
    psycho_h: u32,
    non_clinical_h: u32,
) -> String {
    let id = format!("w-{}-{}", monday, l.practice.len());
    l.practice.push(PracticeWeek {
        id: id.clone(),
        week_start: monday,
        clinical_minutes: clinical_h * 60,
        psychotherapy_minutes: psycho_h * 60,
        non_clinical_minutes: non_clinical_h * 60,
        setting: "Riverside Community Clinic".into(),
    });
    id
}

pub fn outcome<'a>(p: &'a Progress, id: &str) -> &'a ItemOutcome {
    p.items
        .iter()
        .find(|i| i.id == id)
        .expect("item in the progress")
}

/// Every reason of the progress, in item order.
pub fn reasons(p: &Progress) -> Vec<String> {
    p.items
        .iter()
        .flat_map(|i| i.reasons.iter().cloned())
        .collect()
}
