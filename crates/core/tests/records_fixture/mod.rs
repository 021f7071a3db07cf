//! Fixtures for the session-record tests: a vault with a supervisee and a
//! weekly series, sessions marked held, and a complete record's content.
#![allow(dead_code)]

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc};
use confidant_core::people::{People, PersonKind, Relation};
use confidant_core::records::{
    ActionItemInput, ActionOwner, ActionStatus, AgendaItem, CaseConsultation, EthicalDecision,
    FocusType, FunctionCovered, RaisedBy, RecordContent,
};
use confidant_core::schedule::{
    OccurrenceKey, Pattern, Recurrence, RecurrenceEnd, ReminderSetting, Schedule, SeriesInput,
    SessionKind, SessionStatus, Weekday,
};
use confidant_core::vault::{Role, Vault};

#[path = "../common/mod.rs"]
pub mod common;

pub fn utc(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, 0, 0)
        .single()
        .expect("valid time")
}

pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

/// "Now" in these tests: after the first sessions.
pub fn now() -> DateTime<Utc> {
    utc(2026, 3, 2, 9)
}

pub struct World {
    pub dir: tempfile::TempDir,
    pub v: Vault,
    pub person: String,
    pub members: Vec<String>,
    pub series_id: String,
    /// Weekly sessions on Mondays at 10:00 from 5 January 2026.
    pub keys: Vec<OccurrenceKey>,
}

pub fn person(v: &mut Vault, name: &str, kind: PersonKind, members: Vec<String>) -> String {
    let mut input = common::person_input(kind, Relation::ISupervise, name);
    input.members = members;
    People::of(v)
        .create(&input, utc(2025, 12, 1, 9))
        .expect("person")
        .id
}

fn first_start() -> NaiveDateTime {
    date(2026, 1, 5).and_hms_opt(10, 0, 0).expect("time")
}

/// A vault with one supervisee (or a group of two members) and twelve
/// weekly sessions.
pub fn world(group: bool) -> World {
    let (dir, mut v) = common::unlocked_vault(Role::Supervisor, utc(2025, 12, 1, 9));
    let (person_id, members, kind) = if group {
        let a = person(&mut v, "Ana Member", PersonKind::Person, vec![]);
        let b = person(&mut v, "Ben Member", PersonKind::Person, vec![]);
        let g = person(
            &mut v,
            "Tuesday group",
            PersonKind::Group,
            vec![a.clone(), b.clone()],
        );
        (g, vec![a, b], SessionKind::Group)
    } else {
        (
            person(&mut v, "Sam Supervisee", PersonKind::Person, vec![]),
            vec![],
            SessionKind::Individual,
        )
    };
    let input = SeriesInput {
        person_id: person_id.clone(),
        kind,
        time_zone: "Europe/London".into(),
        start: first_start(),
        end: first_start() + Duration::minutes(60),
        recurrence: Some(Recurrence {
            pattern: Pattern::Weekly {
                weekdays: vec![Weekday::Monday],
            },
            interval: 1,
            end: RecurrenceEnd::Count { count: 12 },
        }),
        location: String::new(),
        reminder: ReminderSetting::Default,
        calendar_code: String::new(),
    };
    let change = Schedule::of(&mut v)
        .create(&input, utc(2025, 12, 1, 9))
        .expect("series");
    let series_id = change.series[0].id.clone();
    let keys = (0..12)
        .map(|i| OccurrenceKey {
            series_id: series_id.clone(),
            original_start: first_start() + Duration::weeks(i),
        })
        .collect();
    World {
        dir,
        v,
        person: person_id,
        members,
        series_id,
        keys,
    }
}

impl World {
    /// Marks session `i` as held.
    pub fn hold(&mut self, i: usize) {
        Schedule::of(&mut self.v)
            .set_status(&self.keys[i], SessionStatus::Held, now())
            .expect("held");
    }
}

/// The local date of session `i` (weekly from Monday 5 January 2026).
pub fn day(i: usize) -> NaiveDate {
    first_start().date() + Duration::weeks(i as i64)
}

pub fn item(text: &str) -> AgendaItem {
    AgendaItem {
        text: text.into(),
        focus: FocusType::ClientIssue,
        raised_by: RaisedBy::Supervisee,
        carry_over: false,
    }
}

pub fn action(text: &str, due: NaiveDate) -> ActionItemInput {
    ActionItemInput {
        id: String::new(),
        text: text.into(),
        owner: Some(ActionOwner::Supervisee),
        due: Some(due),
        status: ActionStatus::Open,
    }
}

/// A record's content with every required part, two agenda items, a
/// consultation of case C-17, an ethical decision and two action items due
/// a week after `session`.
pub fn complete(session: NaiveDate) -> RecordContent {
    let mut c = RecordContent {
        agenda_items: vec![
            item("Home visit that went badly"),
            item("Caseload is too high"),
        ],
        exploration: "We looked at what happened on the doorstep.".into(),
        decisions: vec!["Take a colleague on the next visit.".into()],
        key_learning: "Name the risk out loud.".into(),
        consultations: vec![CaseConsultation {
            case_reference: "C-17".into(),
            supervisee_id: None,
            presenting_issue: "Escalating conflict at home.".into(),
            approaches_tried: "Joint visits.".into(),
            guidance: "Review the safety plan with the team.".into(),
            link: None,
        }],
        ethical_decisions: vec![EthicalDecision {
            issue: "Whether to share information with the school.".into(),
            raised_by: RaisedBy::Supervisee,
            raised_on: Some(session),
            options: vec!["Share now".into(), "Wait for consent".into()],
            decision: "Ask for consent first.".into(),
            rationale: "BASW Code of Ethics 3.9; local information-sharing policy.".into(),
            consulted: "Team manager".into(),
        }],
        action_items: vec![
            action("Update the safety plan", session + Duration::days(7)),
            action("Book a joint visit", session + Duration::days(7)),
        ],
        ..RecordContent::default()
    };
    c.functions.formative = FunctionCovered {
        ticked: true,
        note: "Risk assessment skills.".into(),
    };
    c
}
