//! The five example profiles shipped with the app. They are examples:
//! boards change their rules, and each profile names its source and the
//! day it was checked (see docs/HOURS-PROFILES.md for what was checked
//! against what). The user must check their board's current rules.

use chrono::NaiveDate;

use super::types::{
    LengthUnit, Period, PracticeKind, Profile, Ratio, Rule, SummaryField, SummarySource,
};
use crate::hours::SupervisionForm::{Group, Individual, Triadic};

/// The day the examples were checked.
pub fn checked_on() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 30).unwrap_or(NaiveDate::MIN)
}

/// Ids of the examples, in the order offered.
pub const EXAMPLE_IDS: [&str; 5] = [
    "example-tx-lcsw",
    "example-ca-lcsw",
    "example-md-lcsw-c",
    "example-va-lmft",
    "example-ny-lcsw",
];

fn field(label: &str, source: SummarySource) -> SummaryField {
    SummaryField {
        label: label.into(),
        source,
    }
}

fn practice(of: PracticeKind) -> SummarySource {
    SummarySource::Practice { of }
}

fn sup(forms: Vec<crate::hours::SupervisionForm>, credential: Option<&str>) -> SummarySource {
    SummarySource::Supervision {
        forms,
        credential: credential.map(str::to_string),
    }
}

fn profile(id: &str, name: &str, board: &str, tag: &str, citation: &str) -> Profile {
    Profile {
        id: id.into(),
        name: name.into(),
        board: board.into(),
        tag: tag.into(),
        source_citation: citation.into(),
        checked_on: checked_on(),
        example: true,
        rules: Vec::new(),
        summary: Vec::new(),
    }
}

/// Texas LCSW (22 TAC 781).
pub fn texas() -> Profile {
    let mut p = profile(
        EXAMPLE_IDS[0],
        "Texas LCSW",
        "Texas Behavioral Health Executive Council (Social Work)",
        "TX",
        "22 TAC Chapter 781, § 781.404 (supervision for licensure)",
    );
    p.rules = vec![
        Rule::PracticeTotal {
            of: PracticeKind::All,
            min_hours: Some(3000),
            max_hours: None,
        },
        Rule::PeriodLength {
            unit: LengthUnit::Months,
            min: Some(24),
            max: None,
        },
        Rule::SupervisionTotal {
            forms: vec![],
            min_hours: Some(100),
            max_hours: None,
        },
        Rule::SupervisionPerPeriod {
            period: Period::Month,
            min_minutes: None,
            min_per_practice: None,
            max_minutes: Some(600),
            max_per_practice: None,
            voids_practice: false,
        },
        Rule::GroupSize {
            min: Some(2),
            max: Some(6),
        },
    ];
    p.summary = vec![
        field("Supervised experience from", SummarySource::FirstDate),
        field("Supervised experience to", SummarySource::LastDate),
        field("Months of supervised experience", SummarySource::Months),
        field(
            "Hours of supervised experience",
            practice(PracticeKind::All),
        ),
        field("Hours of supervision", sup(vec![], None)),
        field(
            "Of which group supervision",
            sup(vec![Group, Triadic], None),
        ),
        field("Supervisor", SummarySource::Supervisors),
    ];
    p
}

/// California LCSW (Board of Behavioral Sciences).
pub fn california() -> Profile {
    let mut p = profile(
        EXAMPLE_IDS[1],
        "California LCSW",
        "California Board of Behavioral Sciences",
        "CA",
        "California Business and Professions Code § 4996.23 (LCSW supervised experience)",
    );
    p.rules = vec![
        Rule::PracticeTotal {
            of: PracticeKind::All,
            min_hours: Some(3000),
            max_hours: None,
        },
        Rule::PracticeTotal {
            of: PracticeKind::Clinical,
            min_hours: Some(2000),
            max_hours: None,
        },
        Rule::PracticeTotal {
            of: PracticeKind::Psychotherapy,
            min_hours: Some(750),
            max_hours: None,
        },
        Rule::PracticeTotal {
            of: PracticeKind::NonClinical,
            min_hours: None,
            max_hours: Some(1000),
        },
        Rule::PeriodLength {
            unit: LengthUnit::Weeks,
            min: Some(104),
            max: None,
        },
        Rule::SupervisedWeeks {
            min_weeks: 104,
            forms: vec![],
            credential: None,
        },
        Rule::SupervisedWeeks {
            min_weeks: 52,
            forms: vec![Individual, Triadic],
            credential: None,
        },
        Rule::SupervisedWeeks {
            min_weeks: 13,
            forms: vec![Individual, Triadic],
            credential: Some("LCSW".into()),
        },
        Rule::MinSessionMinutes { minutes: 60 },
        Rule::WeeklyUnit {
            individual_minutes: 60,
            group_minutes: 120,
            second_unit_above_hours: Some(10),
        },
    ];
    p.summary = vec![
        field("Dates of experience: from", SummarySource::FirstDate),
        field("Dates of experience: to", SummarySource::LastDate),
        field(
            "Total weeks of supervision",
            SummarySource::SupervisedWeeks {
                forms: vec![],
                credential: None,
            },
        ),
        field(
            "Weeks of individual or triadic supervision",
            SummarySource::SupervisedWeeks {
                forms: vec![Individual, Triadic],
                credential: None,
            },
        ),
        field(
            "Weeks of individual or triadic supervision by an LCSW",
            SummarySource::SupervisedWeeks {
                forms: vec![Individual, Triadic],
                credential: Some("LCSW".into()),
            },
        ),
        field(
            "Direct clinical counselling hours",
            practice(PracticeKind::Clinical),
        ),
        field(
            "Of which face-to-face psychotherapy",
            practice(PracticeKind::Psychotherapy),
        ),
        field(
            "Non-clinical experience hours",
            practice(PracticeKind::NonClinical),
        ),
        field("Total hours of experience", practice(PracticeKind::All)),
        field("Supervisor", SummarySource::Supervisors),
    ];
    p
}

/// Maryland LCSW-C (COMAR 10.42.08).
pub fn maryland() -> Profile {
    let mut p = profile(
        EXAMPLE_IDS[2],
        "Maryland LCSW-C",
        "Maryland Board of Social Work Examiners",
        "MD",
        "COMAR 10.42.08.07 C(5) and 10.42.08.09",
    );
    p.rules = vec![
        Rule::SupervisionPerPeriod {
            period: Period::Month,
            min_minutes: Some(180),
            min_per_practice: Some(Ratio {
                supervision_minutes: 60,
                per_practice_hours: 40,
            }),
            max_minutes: None,
            max_per_practice: None,
            voids_practice: false,
        },
        Rule::ShareCap {
            forms: vec![Group],
            max_percent: Some(50),
            max_hours: None,
        },
        Rule::GroupSize {
            min: None,
            max: Some(6),
        },
    ];
    p.summary = vec![
        field("Supervision from", SummarySource::FirstDate),
        field("Supervision to", SummarySource::LastDate),
        field("Hours of supervision", sup(vec![], None)),
        field("Of which individual", sup(vec![Individual, Triadic], None)),
        field("Of which group", sup(vec![Group], None)),
        field("Hours worked", practice(PracticeKind::All)),
        field("Supervisor", SummarySource::Supervisors),
    ];
    p
}

/// Virginia LMFT (18VAC115-50-60).
pub fn virginia() -> Profile {
    let mut p = profile(
        EXAMPLE_IDS[3],
        "Virginia LMFT",
        "Virginia Board of Counseling",
        "VA",
        "18VAC115-50-60 B (residency requirements)",
    );
    p.rules = vec![
        Rule::PracticeTotal {
            of: PracticeKind::All,
            min_hours: Some(3400),
            max_hours: None,
        },
        Rule::SupervisionTotal {
            forms: vec![],
            min_hours: Some(200),
            max_hours: None,
        },
        Rule::SupervisorCredential {
            credential: "LMFT".into(),
            min_hours: 100,
            forms: vec![],
        },
        Rule::ShareCap {
            forms: vec![Group],
            max_percent: None,
            max_hours: Some(100),
        },
        Rule::GroupSize {
            min: None,
            max: Some(6),
        },
        Rule::SupervisionPerPeriod {
            period: Period::Whole,
            min_minutes: None,
            min_per_practice: Some(Ratio {
                supervision_minutes: 60,
                per_practice_hours: 40,
            }),
            max_minutes: None,
            max_per_practice: Some(Ratio {
                supervision_minutes: 240,
                per_practice_hours: 40,
            }),
            voids_practice: false,
        },
    ];
    p.summary = vec![
        field("Residency from", SummarySource::FirstDate),
        field("Residency to", SummarySource::LastDate),
        field("Total hours of residency", practice(PracticeKind::All)),
        field(
            "Of which face-to-face client contact",
            practice(PracticeKind::Clinical),
        ),
        field("Hours of supervision", sup(vec![], None)),
        field("Of which from an LMFT", sup(vec![], Some("LMFT"))),
        field("Of which group supervision", sup(vec![Group], None)),
        field("Supervisor", SummarySource::Supervisors),
    ];
    p
}

/// New York LCSW (8 NYCRR 74.3).
pub fn new_york() -> Profile {
    let mut p = profile(
        EXAMPLE_IDS[4],
        "New York LCSW",
        "New York State Education Department, Office of the Professions",
        "NY",
        "8 NYCRR § 74.3 (a) (experience for licensure as an LCSW)",
    );
    p.rules = vec![
        Rule::PracticeTotal {
            of: PracticeKind::Clinical,
            min_hours: Some(2000),
            max_hours: None,
        },
        Rule::PeriodLength {
            unit: LengthUnit::Months,
            min: Some(36),
            max: None,
        },
        Rule::ContinuousWindow { max_months: 72 },
        Rule::SupervisionTotal {
            forms: vec![Individual, Triadic, Group],
            min_hours: Some(100),
            max_hours: None,
        },
    ];
    p.summary = vec![
        field(
            "Supervisor's name, licence and number",
            SummarySource::Supervisors,
        ),
        field(
            "Dates of supervised experience: from",
            SummarySource::FirstDate,
        ),
        field(
            "Dates of supervised experience: to",
            SummarySource::LastDate,
        ),
        field("Months of supervised experience", SummarySource::Months),
        field("Client contact hours", practice(PracticeKind::Clinical)),
        field(
            "Hours of individual or group supervision",
            sup(vec![Individual, Triadic, Group], None),
        ),
    ];
    p
}

/// Every example, in the order of [`EXAMPLE_IDS`].
pub fn all() -> Vec<Profile> {
    vec![texas(), california(), maryland(), virginia(), new_york()]
}
