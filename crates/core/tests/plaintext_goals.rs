//! Nothing typed into goals, check-ins, the skills list, development stages
//! or coaching records reaches the disk in clear.
//!
//! Every sealed text field gets its own random marker; the seeded skill
//! names are looked for too (they are sealed at first use). Every file in
//! the data folder (database, WAL, shared memory) is read as raw bytes and
//! searched for each marker in UTF-8 and UTF-16LE, as typed and
//! lowercased: once while the connection is open (live WAL frames), once
//! after the vault is closed. A positive control proves the scanner finds
//! a marker in a plain file and inside a SQLite database.

mod common;

use std::path::Path;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use confidant_core::goals::{
    CheckInInput, CoachingInput, CoachingMethod, DevelopmentStage, Evidence, EvidenceKind,
    FollowUpInput, GoalFields, GoalStatus, GoalTerm, Goals, StageInput, SEED_SKILLS,
};
use confidant_core::people::{People, PersonKind, Relation};
use confidant_core::vault::{Role, Vault};

use common::scan::{assert_no_hits, random_hex, scan, Needles};

fn at(d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, d, h, 0, 0)
        .single()
        .expect("time")
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).expect("date")
}

/// Uses every sealed field with a marker of its own and returns the markers.
fn exercise(v: &mut Vault) -> Vec<(String, String)> {
    let mut m = Vec::new();
    let mut mark = |label: &str| {
        let text = format!("{label}{}", random_hex(12));
        m.push((label.to_string(), text.clone()));
        text
    };
    let now = at(1, 9);
    let sam = People::of(v)
        .create(
            &common::person_input(PersonKind::Person, Relation::ISupervise, "Sam Okafor"),
            now,
        )
        .expect("person")
        .id;
    let seeded = Goals::of(v).skills_list(now).expect("skills");
    let added = Goals::of(v)
        .skill_add(&mark("SkillAdded"), now)
        .expect("skill");
    Goals::of(v)
        .skill_rename(&added.id, &mark("SkillRenamed"), now)
        .expect("rename");
    let fields = |title: String, description: String| GoalFields {
        title,
        description,
        term: GoalTerm::Long,
        target_date: Some(day(30)),
        skill_ids: vec![added.id.clone(), seeded[2].id.clone()],
        check_in_weeks: 4,
    };
    let goal = Goals::of(v)
        .create(
            Some(&sam),
            &fields(mark("GoalTitle"), mark("GoalDescription")),
            now,
        )
        .expect("goal")
        .summary
        .goal
        .id;
    Goals::of(v)
        .update(
            &goal,
            &fields(mark("GoalTitleEdited"), mark("GoalDescriptionEdited")),
            at(2, 9),
        )
        .expect("edit");
    let own = Goals::of(v)
        .create(
            None,
            &fields(mark("OwnGoalTitle"), mark("OwnGoalDescription")),
            now,
        )
        .expect("own goal")
        .summary
        .goal
        .id;
    let coaching = Goals::of(v)
        .coaching_create(
            &CoachingInput {
                person_id: sam.clone(),
                date: day(3),
                skill_id: added.id.clone(),
                method: CoachingMethod::DirectObservation,
                how_it_went: mark("CoachingHowItWent"),
                strengths: mark("CoachingStrengths"),
                next_step: mark("CoachingNextStep"),
                goal_id: Some(goal.clone()),
                follow_up: Some(FollowUpInput {
                    start: day(20).and_hms_opt(10, 0, 0).expect("time"),
                    minutes: 30,
                    time_zone: "Europe/London".into(),
                }),
            },
            at(3, 9),
        )
        .expect("coaching");
    for (g, label) in [(&goal, "CheckIn"), (&own, "OwnCheckIn")] {
        Goals::of(v)
            .check_in(
                g,
                &CheckInInput {
                    date: day(4),
                    progress_note: mark(&format!("{label}Note")),
                    evidence: vec![
                        Evidence {
                            kind: EvidenceKind::CaseReview,
                            reference: mark(&format!("{label}Evidence")),
                        },
                        Evidence {
                            kind: EvidenceKind::ClientFeedback,
                            reference: mark(&format!("{label}Feedback")),
                        },
                    ],
                    rating: 4,
                    coaching_id: (g == &goal).then(|| coaching.id.clone()),
                },
                at(4, 9),
            )
            .expect("check-in");
    }
    Goals::of(v)
        .set_status(
            &goal,
            GoalStatus::Achieved,
            day(5),
            &mark("StatusReason"),
            at(5, 9),
        )
        .expect("status");
    Goals::of(v)
        .set_stage(
            &sam,
            &StageInput {
                stage: DevelopmentStage::Developing,
                set_on: day(5),
                note: mark("StageNote"),
            },
            at(5, 9),
        )
        .expect("stage");
    Goals::of(v)
        .skill_retire(&added.id, at(6, 9))
        .expect("retire");
    // Everything reads back (the markers were really stored).
    let d = Goals::of(v).get(&goal).expect("goal");
    assert_eq!(
        d.timeline.len(),
        5,
        "created, edited, coaching, check-in, status"
    );
    for name in SEED_SKILLS {
        m.push((format!("seeded skill {name}"), name.to_string()));
    }
    m
}

fn open_vault(dir: &Path) -> Vault {
    Vault::open(
        dir,
        Box::new(confidant_core::keychain::MemoryKeychain::new()),
        common::CONFIG,
        at(1, 8),
    )
    .expect("open")
}

fn run(open: bool) {
    let dir = tempfile::tempdir().expect("tmp");
    let mut vault = open_vault(dir.path());
    let s = vault.begin_setup(&[Role::Supervisor]).expect("begin");
    vault
        .confirm_setup(&s.recovery_code, at(1, 8))
        .expect("confirm");
    let mut needles = Needles::default();
    for (label, text) in exercise(&mut vault) {
        needles.text(&label, &text);
    }
    if open {
        let found = scan(dir.path(), &needles);
        assert!(
            found
                .size_of(&format!("{}-wal", confidant_core::store::DB_FILE))
                .is_some_and(|s| s > 0),
            "the live write-ahead log was scanned"
        );
        assert_no_hits(&found);
    }
    vault.lock();
    drop(vault);
    drop(open_vault(dir.path()));
    assert_no_hits(&scan(dir.path(), &needles));
}

#[test]
fn no_goal_field_is_on_disk_while_the_connection_is_open() {
    run(true);
}

#[test]
fn no_goal_field_is_on_disk_after_the_vault_is_closed() {
    run(false);
}

#[test]
fn control_the_scanner_finds_a_marker_in_a_plain_file_and_in_sqlite() {
    let dir = tempfile::tempdir().expect("tmp");
    let marker = format!("Ctl{}", random_hex(12));
    std::fs::write(dir.path().join("plain.txt"), format!("x {marker} y")).expect("write");
    let conn = rusqlite::Connection::open(dir.path().join("control.db")).expect("db");
    conn.execute_batch("CREATE TABLE t (v TEXT)")
        .expect("table");
    conn.execute("INSERT INTO t (v) VALUES (?1)", [format!("{marker} z")])
        .expect("insert");
    drop(conn);
    let mut needles = Needles::default();
    needles.text("control", &marker);
    let found = scan(dir.path(), &needles);
    let files: std::collections::BTreeSet<_> = found.hits.iter().map(|h| h.file.clone()).collect();
    assert_eq!(
        files.len(),
        2,
        "found in the plain file and in the database:\n{}",
        found.report()
    );
}
