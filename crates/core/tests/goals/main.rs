//! Goals, check-ins, the skills list, development stages and coaching
//! records through the vault, as the commands drive them: the timeline's
//! order, the check-in rule at its edges, status history, retired skills,
//! bad input (an error and nothing written) and tampering.

#[path = "../common/mod.rs"]
mod common;

mod bad_input;
mod damage;

use std::path::Path;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use confidant_core::goals::{
    CheckInInput, CoachingInput, CoachingMethod, DevelopmentStage, Evidence, EvidenceKind,
    FollowUpInput, GoalDetail, GoalFields, GoalStatus, GoalTerm, Goals, Skill, StageInput,
    TimelineEvent, SEED_SKILLS,
};
use confidant_core::people::{People, PersonKind, Relation};
use confidant_core::schedule::{Schedule, SessionKind};
use confidant_core::store::DB_FILE;
use confidant_core::vault::{Role, Vault};
use confidant_core::Error;
use rusqlite::Connection;

fn at(m: u32, d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, m, d, h, 0, 0)
        .single()
        .expect("time")
}

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).expect("date")
}

fn now() -> DateTime<Utc> {
    at(11, 1, 9)
}

fn vault() -> (tempfile::TempDir, Vault) {
    common::unlocked_vault(Role::Supervisor, now())
}

fn add(v: &mut Vault, kind: PersonKind, relation: Relation, name: &str) -> String {
    People::of(v)
        .create(&common::person_input(kind, relation, name), now())
        .expect("person")
        .id
}

fn supervisee(v: &mut Vault, name: &str) -> String {
    add(v, PersonKind::Person, Relation::ISupervise, name)
}

fn skills(v: &mut Vault) -> Vec<Skill> {
    Goals::of(v).skills_list(now()).expect("skills")
}

fn skill_id(v: &mut Vault, name: &str) -> String {
    skills(v)
        .into_iter()
        .find(|s| s.name == name)
        .expect("seeded skill")
        .id
}

fn fields(title: &str, skill_ids: Vec<String>) -> GoalFields {
    GoalFields {
        title: title.into(),
        description: "Practise naming the caller's feelings before problem-solving.".into(),
        term: GoalTerm::Short,
        target_date: None,
        skill_ids,
        check_in_weeks: 4,
    }
}

fn check_in(date: NaiveDate, rating: u8) -> CheckInInput {
    CheckInInput {
        date,
        progress_note: "Used the pause-and-name technique on two calls.".into(),
        evidence: vec![Evidence {
            kind: EvidenceKind::CaseReview,
            reference: "Case review of C-17".into(),
        }],
        rating,
        coaching_id: None,
    }
}

fn coaching(person_id: &str, skill_id: &str, method: CoachingMethod) -> CoachingInput {
    CoachingInput {
        person_id: person_id.into(),
        date: day(11, 8),
        skill_id: skill_id.into(),
        method,
        how_it_went: "Stayed calm and slowed the call down.".into(),
        strengths: "Warm tone; good use of silence.".into(),
        next_step: "Try it on a night shift.".into(),
        goal_id: None,
        follow_up: None,
    }
}

fn db(dir: &Path) -> Connection {
    Connection::open(dir.join(DB_FILE)).expect("open the database directly")
}

const TABLES: [&str; 6] = [
    "skills",
    "goals",
    "goal_check_ins",
    "development_stages",
    "coaching_records",
    "session_series",
];

/// Every row of every table this module writes (and the schedule's
/// series), as raw bytes: equal before and after means nothing was written.
fn snapshot(dir: &Path) -> Vec<(String, Vec<Vec<u8>>)> {
    let conn = db(dir);
    TABLES
        .iter()
        .map(|t| {
            let mut stmt = conn
                .prepare(&format!("SELECT id, updated_at, body FROM {t} ORDER BY id"))
                .expect("select");
            let rows = stmt
                .query_map([], |r| {
                    let mut b = r.get::<_, String>(0)?.into_bytes();
                    b.extend(r.get::<_, i64>(1)?.to_le_bytes());
                    b.extend(r.get::<_, Vec<u8>>(2)?);
                    Ok(b)
                })
                .expect("rows")
                .collect::<Result<Vec<_>, _>>()
                .expect("rows");
            (t.to_string(), rows)
        })
        .collect()
}

fn kinds(d: &GoalDetail) -> Vec<&'static str> {
    d.timeline
        .iter()
        .map(|e| match &e.event {
            TimelineEvent::Created { .. } => "created",
            TimelineEvent::Edited { .. } => "edited",
            TimelineEvent::StatusChanged { .. } => "status",
            TimelineEvent::CheckIn { .. } => "check-in",
            TimelineEvent::Coaching { .. } => "coaching",
            TimelineEvent::DamagedCheckIn { .. } => "damaged",
        })
        .collect()
}

#[test]
fn the_skills_list_is_seeded_once_in_order() {
    let (_dir, mut v) = vault();
    let names: Vec<String> = skills(&mut v).into_iter().map(|s| s.name).collect();
    assert_eq!(names, SEED_SKILLS.map(String::from).to_vec());
    assert_eq!(skills(&mut v).len(), SEED_SKILLS.len(), "not seeded twice");
}

#[test]
fn the_timeline_is_in_date_order_whatever_the_order_recorded() {
    let (_dir, mut v) = vault();
    let sam = supervisee(&mut v, "Sam Okafor");
    let de = skill_id(&mut v, "De-escalation");
    let goal = Goals::of(&mut v)
        .create(
            Some(&sam),
            &fields(
                "Use de-escalation with escalating callers",
                vec![de.clone()],
            ),
            now(),
        )
        .expect("goal");
    let id = goal.summary.goal.id.clone();
    // Recorded out of date order: the later check-in first.
    Goals::of(&mut v)
        .check_in(&id, &check_in(day(11, 10), 3), at(11, 12, 9))
        .expect("check-in 1");
    Goals::of(&mut v)
        .check_in(&id, &check_in(day(11, 5), 2), at(11, 13, 9))
        .expect("check-in 2");
    let mut obs = coaching(&sam, &de, CoachingMethod::DirectObservation);
    obs.goal_id = Some(id.clone());
    Goals::of(&mut v)
        .coaching_create(&obs, at(11, 14, 9))
        .expect("observation");
    let mut role_play = coaching(&sam, &de, CoachingMethod::RolePlay);
    role_play.goal_id = Some(id.clone());
    Goals::of(&mut v)
        .coaching_create(&role_play, at(11, 14, 10))
        .expect("role play");
    let mut edited = fields("Use de-escalation with escalating callers", vec![de]);
    edited.target_date = Some(day(12, 31));
    Goals::of(&mut v)
        .update(&id, &edited, at(11, 15, 9))
        .expect("edit");
    let d = Goals::of(&mut v)
        .set_status(
            &id,
            GoalStatus::Achieved,
            day(11, 20),
            "Met on every call",
            at(11, 21, 9),
        )
        .expect("achieved");

    assert_eq!(
        kinds(&d),
        ["created", "check-in", "coaching", "check-in", "edited", "status"],
        "a direct observation linked to the goal is evidence on its timeline; a role play is not"
    );
    let dates: Vec<NaiveDate> = d.timeline.iter().map(|e| e.on).collect();
    assert_eq!(
        dates,
        [
            day(11, 1),
            day(11, 5),
            day(11, 8),
            day(11, 10),
            day(11, 15),
            day(11, 20)
        ]
    );
    match &d.timeline[4].event {
        TimelineEvent::Edited { changed } => assert_eq!(changed, &["target date"]),
        other => panic!("expected an edit, got {other:?}"),
    }
    assert_eq!(d.summary.last_check_in, Some(day(11, 10)));
    assert_eq!(d.summary.last_rating, Some(3));
    assert_eq!(d.summary.goal.status, GoalStatus::Achieved);
}

#[test]
fn due_for_check_in_at_the_edges() {
    let (_dir, mut v) = vault();
    let sam = supervisee(&mut v, "Sam Okafor");
    let alex = supervisee(&mut v, "Alex Ng");
    let mut f = fields("Use de-escalation with escalating callers", vec![]);
    f.target_date = Some(day(12, 10));
    let goal = Goals::of(&mut v)
        .create(Some(&sam), &f, now())
        .expect("goal");
    let id = goal.summary.goal.id;
    Goals::of(&mut v)
        .create(Some(&alex), &fields("Alex's goal", vec![]), now())
        .expect("other person's goal");
    Goals::of(&mut v)
        .create(None, &fields("My own goal", vec![]), now())
        .expect("own goal");
    let due = |v: &mut Vault, on| {
        Goals::of(v)
            .due_for_check_in(Some(&sam), on)
            .expect("due")
            .into_iter()
            .map(|s| s.goal.id)
            .collect::<Vec<_>>()
    };
    // Set on 1 November, every 4 weeks: due on 29 November, not the day before.
    assert!(due(&mut v, day(11, 28)).is_empty());
    assert_eq!(due(&mut v, day(11, 29)), [id.as_str()]);
    // A check-in on 20 November moves it to 18 December...
    Goals::of(&mut v)
        .check_in(&id, &check_in(day(11, 20), 3), at(11, 20, 12))
        .expect("check-in");
    assert!(due(&mut v, day(11, 29)).is_empty());
    // ...but the target date (10 December) passes first: due from the 11th.
    assert!(due(&mut v, day(12, 10)).is_empty());
    assert_eq!(due(&mut v, day(12, 11)), [id.as_str()]);
    // Without the target date, due exactly on the 18th.
    let mut no_target = f.clone();
    no_target.target_date = None;
    Goals::of(&mut v)
        .update(&id, &no_target, at(11, 21, 9))
        .expect("edit");
    assert!(due(&mut v, day(12, 17)).is_empty());
    assert_eq!(due(&mut v, day(12, 18)), [id.as_str()]);
    // Only active goals are due.
    Goals::of(&mut v)
        .set_status(&id, GoalStatus::Achieved, day(11, 21), "", at(11, 21, 10))
        .expect("achieved");
    assert!(due(&mut v, day(12, 31)).is_empty());
    // The owner's own goals are separate.
    let own = Goals::of(&mut v)
        .due_for_check_in(None, day(11, 29))
        .expect("own due");
    assert_eq!(own.len(), 1);
    assert_eq!(own[0].goal.fields.title, "My own goal");
    assert!(own[0].goal.person_id.is_none());
}

#[test]
fn every_status_change_is_dated_and_kept() {
    let (_dir, mut v) = vault();
    let sam = supervisee(&mut v, "Sam Okafor");
    let id = Goals::of(&mut v)
        .create(Some(&sam), &fields("Lead a case review", vec![]), now())
        .expect("goal")
        .summary
        .goal
        .id;
    let steps = [
        (GoalStatus::Achieved, day(11, 3), "Done"),
        (GoalStatus::Active, day(11, 4), "Wants to go further"),
        (GoalStatus::Revised, day(11, 6), "Split into two goals"),
        (GoalStatus::Dropped, day(11, 7), "Changed role"),
    ];
    for (i, (status, on, reason)) in steps.iter().enumerate() {
        Goals::of(&mut v)
            .set_status(&id, *status, *on, reason, at(11, 8, i as u32))
            .expect("status change");
    }
    let d = Goals::of(&mut v).get(&id).expect("goal");
    let changes: Vec<(GoalStatus, GoalStatus, NaiveDate, String)> = d
        .timeline
        .iter()
        .filter_map(|e| match &e.event {
            TimelineEvent::StatusChanged { from, to, reason } => {
                Some((*from, *to, e.on, reason.clone()))
            }
            _ => None,
        })
        .collect();
    assert_eq!(
        changes,
        vec![
            (
                GoalStatus::Active,
                GoalStatus::Achieved,
                day(11, 3),
                "Done".into()
            ),
            (
                GoalStatus::Achieved,
                GoalStatus::Active,
                day(11, 4),
                "Wants to go further".into()
            ),
            (
                GoalStatus::Active,
                GoalStatus::Revised,
                day(11, 6),
                "Split into two goals".into()
            ),
            (
                GoalStatus::Revised,
                GoalStatus::Dropped,
                day(11, 7),
                "Changed role".into()
            ),
        ]
    );
}

#[test]
fn a_retired_skill_stays_readable_where_it_is_linked() {
    let (_dir, mut v) = vault();
    let sam = supervisee(&mut v, "Sam Okafor");
    let de = skill_id(&mut v, "De-escalation");
    let id = Goals::of(&mut v)
        .create(Some(&sam), &fields("Calm calls", vec![de.clone()]), now())
        .expect("goal")
        .summary
        .goal
        .id;
    let renamed = Goals::of(&mut v)
        .skill_rename(&de, "De-escalation skills", now())
        .expect("rename");
    assert_eq!(renamed.name, "De-escalation skills");
    let retired = Goals::of(&mut v).skill_retire(&de, now()).expect("retire");
    assert!(retired.retired);
    let listed = skills(&mut v);
    let found = listed.iter().find(|s| s.id == de).expect("still listed");
    assert_eq!(
        (found.name.as_str(), found.retired),
        ("De-escalation skills", true)
    );
    let goal = Goals::of(&mut v).get(&id).expect("goal");
    assert_eq!(goal.summary.goal.fields.skill_ids, [de.as_str()]);
    // An edit may keep the retired link...
    let mut f = goal.summary.goal.fields.clone();
    f.title = "Calm every call".into();
    Goals::of(&mut v)
        .update(&id, &f, at(11, 2, 9))
        .expect("keeps a retired link");
    // ...but a new goal cannot choose it.
    let err = Goals::of(&mut v)
        .create(Some(&sam), &fields("New", vec![de]), now())
        .expect_err("retired skill");
    assert!(matches!(err, Error::InvalidInput(_)), "{err:?}");
}

#[test]
fn a_follow_up_is_scheduled_as_a_one_off_coaching_session() {
    let (_dir, mut v) = vault();
    let sam = supervisee(&mut v, "Sam Okafor");
    let de = skill_id(&mut v, "De-escalation");
    let mut input = coaching(&sam, &de, CoachingMethod::RolePlay);
    input.follow_up = Some(FollowUpInput {
        start: day(11, 22).and_hms_opt(10, 0, 0).expect("time"),
        minutes: 30,
        time_zone: "Europe/London".into(),
    });
    let record = Goals::of(&mut v)
        .coaching_create(&input, at(11, 9, 9))
        .expect("coaching");
    let series_id = record.follow_up_series_id.clone().expect("scheduled");
    let series = Schedule::of(&mut v)
        .series_list(Some(&sam))
        .expect("series")
        .series;
    assert_eq!(series.len(), 1);
    assert_eq!(series[0].id, series_id);
    assert_eq!(series[0].kind, SessionKind::Coaching);
    assert!(series[0].recurrence.is_none());
    let list = Goals::of(&mut v).coaching_list(&sam).expect("list");
    assert_eq!(list.records, vec![record]);
}

#[test]
fn development_stage_history_is_kept_newest_first() {
    let (_dir, mut v) = vault();
    let sam = supervisee(&mut v, "Sam Okafor");
    assert!(Goals::of(&mut v)
        .stage(&sam)
        .expect("none")
        .current
        .is_none());
    let set = |v: &mut Vault, stage, on| {
        Goals::of(v)
            .set_stage(
                &sam,
                &StageInput {
                    stage,
                    set_on: on,
                    note: String::new(),
                },
                at(11, 1, 10),
            )
            .expect("stage")
    };
    set(&mut v, DevelopmentStage::NewlyQualified, day(1, 5));
    let h = set(&mut v, DevelopmentStage::Developing, day(9, 1));
    assert_eq!(
        h.current.expect("current").fields.stage,
        DevelopmentStage::Developing
    );
    let stages: Vec<DevelopmentStage> = h.history.iter().map(|e| e.fields.stage).collect();
    assert_eq!(
        stages,
        [
            DevelopmentStage::Developing,
            DevelopmentStage::NewlyQualified
        ]
    );
}
