//! The rest of a person's page for the records benchmark: goals with
//! check-ins, a development stage, the exception log and contact notes —
//! what the page opens besides the records — and the same rows read without
//! opening them.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use confidant_core::contacts::{ContactInput, ContactMode, Contacts};
use confidant_core::exception_log::{Discussed, ExceptionInput, ExceptionKind, ExceptionLog};
use confidant_core::goals::{
    CheckInInput, DevelopmentStage, Evidence, EvidenceKind, GoalFields, GoalTerm, Goals, StageInput,
};
use confidant_core::vault::Vault;
use rusqlite::Connection;

/// Goals per supervisee, each with `CHECK_INS` check-ins.
pub const GOALS: usize = 6;
/// Check-ins per goal.
pub const CHECK_INS: usize = 10;
/// Exception-log entries per supervisee (each with one addendum).
pub const EXCEPTIONS: usize = 3;
/// Contact notes per supervisee.
pub const CONTACTS: usize = 24;

fn fail<T>(what: &str) -> impl FnOnce(confidant_core::Error) -> T + '_ {
    move |e| panic!("{what}: {e}")
}

/// Adds the goals, stage, exception entries and contact notes of one
/// supervisee, dated over the three years before `now`.
pub fn populate(v: &mut Vault, person: &str, now: DateTime<Utc>) {
    let today = now.date_naive();
    let long_ago = today - Duration::days(3 * 365);
    for g in 0..GOALS {
        let fields = GoalFields {
            title: format!("Goal {g}: use de-escalation earlier with escalating callers"),
            description: "Notice the first signs of escalation and name them calmly.".into(),
            term: if g % 2 == 0 {
                GoalTerm::Short
            } else {
                GoalTerm::Long
            },
            target_date: None,
            skill_ids: vec![],
            check_in_weeks: 4,
        };
        let set = (long_ago + Duration::days(g as i64))
            .and_hms_opt(9, 0, 0)
            .unwrap_or_default()
            .and_utc();
        let goal = Goals::of(v)
            .create(Some(person), &fields, set)
            .unwrap_or_else(fail("goal"));
        for c in 0..CHECK_INS {
            let date: NaiveDate = long_ago + Duration::days(30 * (c as i64 + 1));
            let input = CheckInInput {
                date,
                progress_note: "Named the escalation early in two calls; a third went badly."
                    .into(),
                evidence: vec![Evidence {
                    kind: EvidenceKind::CaseReview,
                    reference: format!("Case review of C-{c}"),
                }],
                rating: (c % 5 + 1) as u8,
                coaching_id: None,
            };
            Goals::of(v)
                .check_in(&goal.summary.goal.id, &input, now)
                .unwrap_or_else(fail("check-in"));
        }
    }
    let stage = StageInput {
        stage: DevelopmentStage::Developing,
        set_on: long_ago,
        note: "Two years qualified.".into(),
    };
    Goals::of(v)
        .set_stage(person, &stage, now)
        .unwrap_or_else(fail("stage"));
    for e in 0..EXCEPTIONS {
        let input = ExceptionInput {
            date: long_ago + Duration::days(100 * e as i64),
            kind: ExceptionKind::RiskOfHarm,
            concern: "Risk of serious harm to a child in a family the supervisee visits.".into(),
            shared: "The concern and the date of the visit; no other case details.".into(),
            recipient_organisation: "Northside Children's Services".into(),
            recipient_role: "Duty social worker".into(),
            basis: "Safeguarding duty under the agency's policy.".into(),
            discussed: Discussed::Yes,
            discussed_how: "In supervision, before the referral.".into(),
            response: "Agreed and made the referral together.".into(),
            outcome: "Referral accepted.".into(),
        };
        let entry = ExceptionLog::of(v)
            .record(person, &input, now)
            .unwrap_or_else(fail("exception"));
        ExceptionLog::of(v)
            .add_addendum(&entry.id, "Correction: the visit was on the Tuesday.", now)
            .unwrap_or_else(fail("addendum"));
    }
    for c in 0..CONTACTS {
        let input = ContactInput {
            date: long_ago + Duration::days(40 * c as i64),
            time: None,
            mode: ContactMode::Phone,
            issue: "Client disclosed self-harm after the session.".into(),
            advice: "Follow the safety plan and call the crisis team if needed.".into(),
            risk_decision: "No immediate risk; review at the next session.".into(),
            follow_up: String::new(),
        };
        Contacts::of(v)
            .create(person, &input, now)
            .unwrap_or_else(fail("contact"));
    }
}

/// Opens the rest of the page the way the UI does on a person's page.
pub fn open(v: &mut Vault, person: &str) {
    let goals = Goals::of(v)
        .list(Some(person))
        .unwrap_or_else(fail("goals"));
    std::hint::black_box(goals);
    std::hint::black_box(Goals::of(v).stage(person).unwrap_or_else(fail("stage")));
    std::hint::black_box(
        Goals::of(v)
            .coaching_list(person)
            .unwrap_or_else(fail("coaching")),
    );
    std::hint::black_box(
        ExceptionLog::of(v)
            .list(person)
            .unwrap_or_else(fail("exceptions")),
    );
    std::hint::black_box(
        Contacts::of(v)
            .list(person)
            .unwrap_or_else(fail("contacts")),
    );
}

/// The same rows, read without opening them.
pub fn raw(conn: &Connection, person: &str) -> usize {
    let mut n = 0;
    for sql in [
        "SELECT id, person_id, key_id, created_at, updated_at, body FROM goals WHERE person_id = ?1",
        "SELECT id, goal_id, person_id, key_id, created_at, updated_at, body FROM goal_check_ins WHERE person_id = ?1",
        "SELECT id, person_id, key_id, created_at, updated_at, body FROM development_stages WHERE person_id = ?1",
        "SELECT id, person_id, key_id, created_at, updated_at, body FROM coaching_records WHERE person_id = ?1",
        "SELECT id, person_id, key_id, created_at, body FROM exception_entries WHERE person_id = ?1",
        "SELECT id, entry_id, person_id, key_id, seq, created_at, body FROM exception_addenda WHERE person_id = ?1",
        "SELECT id, person_id, key_id, created_at, updated_at, body FROM contact_notes WHERE person_id = ?1",
    ] {
        let mut stmt = conn
            .prepare_cached(sql)
            .unwrap_or_else(|e| panic!("{e}"));
        let mut rows = stmt.query([person]).unwrap_or_else(|e| panic!("{e}"));
        while let Some(row) = rows.next().unwrap_or_else(|e| panic!("{e}")) {
            let body: Vec<u8> = row.get("body").unwrap_or_default();
            n += body.len();
        }
    }
    n
}
