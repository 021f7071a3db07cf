//! Nothing typed into competency areas, evaluations, supervision checks or
//! endings reaches the disk in clear.
//!
//! Every sealed text field gets its own random marker; the seeded area
//! names are looked for too (they are sealed at first use). Every file in
//! the data folder (database, WAL, shared memory) is read as raw bytes and
//! searched for each marker in UTF-8 and UTF-16LE, as typed and
//! lowercased: once while the connection is open (live WAL frames), once
//! after the vault is closed. A positive control proves the scanner finds
//! a marker in a plain file and inside a SQLite database.

mod common;

use std::path::Path;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use confidant_core::evaluations::{
    ActionPlanInput, AreaRatingInput, CheckAnswers, CheckOccasion, CheckSides, EndingInput,
    EvaluationInput, EvaluationKind, Evaluations, Referral, ReferralKind, SupervisionCheckInput,
    SupervisionFunction, FUNCTION_AREAS,
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
    let now = at(10, 9);
    let sam = People::of(v)
        .create(
            &common::person_input(PersonKind::Person, Relation::ISupervise, "Sam Okafor"),
            at(1, 9),
        )
        .expect("person")
        .id;
    let area = Evaluations::of(v)
        .area_add(
            &mark("AreaAdded"),
            Some(SupervisionFunction::Normative),
            now,
        )
        .expect("area");
    Evaluations::of(v)
        .area_rename(&area.id, &mark("AreaRenamed"), now)
        .expect("rename");
    let answers = |mark: &mut dyn FnMut(&str) -> String, side: &str| CheckAnswers {
        trust: Some(4),
        collaboration: Some(3),
        power_balance: Some(2),
        comment: mark(&format!("{side}CheckComment")),
    };
    let sides = CheckSides {
        supervisor: answers(&mut mark, "Supervisor"),
        supervisee: answers(&mut mark, "Supervisee"),
    };
    let e = Evaluations::of(v)
        .create(
            &sam,
            &EvaluationInput {
                kind: EvaluationKind::Midpoint,
                date: day(9),
                ratings: vec![AreaRatingInput {
                    area_id: area.id.clone(),
                    supervisor: Some(4),
                    supervisee: Some(3),
                    comment: mark("RatingComment"),
                }],
                supervisor_comments: mark("SupervisorComments"),
                supervisee_comments: mark("SuperviseeComments"),
                action_plan: vec![ActionPlanInput {
                    title: mark("ActionTitle"),
                    description: mark("ActionDescription"),
                    target_date: Some(day(30)),
                }],
                check: Some(sides.clone()),
            },
            now,
        )
        .expect("evaluation");
    assert_eq!(e.action_plan.len(), 1);
    let alone = CheckSides {
        supervisor: CheckAnswers {
            comment: mark("ReviewCheckComment"),
            ..sides.supervisor.clone()
        },
        supervisee: CheckAnswers::default(),
    };
    Evaluations::of(v)
        .check_create(
            &sam,
            &SupervisionCheckInput {
                date: day(9),
                occasion: CheckOccasion::AgreementReview,
                sides: alone,
            },
            now,
        )
        .expect("check");
    Evaluations::of(v)
        .end(
            &sam,
            &EndingInput {
                end_date: day(10),
                reason: mark("EndingReason"),
                referrals: vec![Referral {
                    kind: ReferralKind::Supervisor,
                    to: mark("ReferralTo"),
                    note: mark("ReferralNote"),
                }],
            },
            now,
        )
        .expect("end");
    // Everything reads back (the markers were really stored).
    assert_eq!(
        Evaluations::of(v)
            .checks(&sam)
            .expect("checks")
            .checks
            .len(),
        2
    );
    assert!(Evaluations::of(v).ending(&sam).expect("ending").is_some());
    for (_, name) in FUNCTION_AREAS {
        m.push((format!("seeded area {name}"), name.to_string()));
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
fn no_evaluation_field_is_on_disk_while_the_connection_is_open() {
    run(true);
}

#[test]
fn no_evaluation_field_is_on_disk_after_the_vault_is_closed() {
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
