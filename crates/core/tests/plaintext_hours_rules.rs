//! Nothing typed into an hours profile reaches the disk in clear, and the
//! seeded examples' words are sealed too.
//!
//! Every sealed text field of a profile gets its own random marker (name,
//! board, tag, citation, a rule's credential, a summary label and a
//! summary credential). Every file in the data folder (database, WAL,
//! shared memory) is read as raw bytes and searched for each marker (UTF-8
//! and UTF-16LE, as typed and lowercased): once while the connection is
//! open, once after the vault is closed. The positive control is in
//! `plaintext_goals.rs` (same scanner, `tests/common/scan.rs`); a second
//! one here proves the scanner sees this test's own database.

mod common;

use std::path::Path;

use chrono::{DateTime, TimeZone, Utc};
use confidant_core::hours_rules::{examples, HoursRules, Rule, SummaryField, SummarySource};
use confidant_core::people::{People, PersonKind, Relation};
use confidant_core::vault::{Role, Vault};

use common::scan::{assert_no_hits, random_hex, scan, Needles};

fn at(h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 30, h, 0, 0)
        .single()
        .expect("time")
}

fn exercise(v: &mut Vault) -> Vec<(String, String)> {
    let mut m = Vec::new();
    let mut mark = |label: &str, len: usize| {
        let text = format!("{label}{}", random_hex(len));
        m.push((label.to_string(), text.clone()));
        text
    };
    let sam = People::of(v)
        .create(
            &common::person_input(PersonKind::Person, Relation::ISupervise, "Sam Okafor"),
            at(9),
        )
        .expect("person")
        .id;
    let mut p = examples::virginia();
    p.name = mark("ProfileName", 12);
    p.board = mark("ProfileBoard", 12);
    p.tag = mark("Tg", 4);
    p.source_citation = mark("ProfileCitation", 12);
    p.rules.push(Rule::SupervisorCredential {
        credential: mark("RuleCred", 10),
        min_hours: 10,
        forms: vec![],
    });
    p.summary.push(SummaryField {
        label: mark("SummaryLabel", 12),
        source: SummarySource::Supervision {
            forms: vec![],
            credential: Some(mark("SummaryCred", 10)),
        },
    });
    let created = HoursRules::of(v).create(&p, at(9)).expect("create");
    let mut edited = created.clone();
    edited.name = mark("EditedName", 12);
    HoursRules::of(v)
        .update(&created.id, &edited, at(10))
        .expect("update");
    HoursRules::of(v)
        .set_person_profile(&sam, Some(&created.id), at(10))
        .expect("choose");
    let progress = HoursRules::of(v)
        .progress(&sam, None, at(11).date_naive(), at(11))
        .expect("progress");
    assert_eq!(
        progress.profile_name, edited.name,
        "the markers were stored"
    );
    // The seeded examples' words are sealed as well.
    let list = HoursRules::of(v).list(at(11)).expect("list");
    assert_eq!(list.profiles.len(), 6);
    for e in examples::all() {
        m.push((format!("example board {}", e.id), e.board.clone()));
        m.push((
            format!("example citation {}", e.id),
            e.source_citation.clone(),
        ));
    }
    m
}

fn open_vault(dir: &Path) -> Vault {
    Vault::open(
        dir,
        Box::new(confidant_core::keychain::MemoryKeychain::new()),
        common::CONFIG,
        at(8),
    )
    .expect("open")
}

fn run(open: bool) {
    let dir = tempfile::tempdir().expect("tmp");
    let mut vault = open_vault(dir.path());
    let s = vault.begin_setup(&[Role::Supervisor]).expect("begin");
    vault
        .confirm_setup(&s.recovery_code, at(8))
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
fn no_profile_field_is_on_disk_while_the_connection_is_open() {
    run(true);
}

#[test]
fn no_profile_field_is_on_disk_after_the_vault_is_closed() {
    run(false);
}

#[test]
fn control_the_scanner_finds_a_plaintext_column_of_these_tables() {
    // The example ids are plaintext by design: the scanner must find one.
    let dir = tempfile::tempdir().expect("tmp");
    let mut vault = open_vault(dir.path());
    let s = vault.begin_setup(&[Role::Supervisor]).expect("begin");
    vault
        .confirm_setup(&s.recovery_code, at(8))
        .expect("confirm");
    HoursRules::of(&mut vault).list(at(9)).expect("list");
    vault.lock();
    drop(vault);
    let mut needles = Needles::default();
    needles.text("example id", examples::EXAMPLE_IDS[1]);
    let found = scan(dir.path(), &needles);
    assert!(!found.hits.is_empty(), "{}", found.report());
}
