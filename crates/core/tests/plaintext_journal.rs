//! Nothing typed into the reflective journal reaches the disk in clear: the
//! title, every section's text (including one kept from an earlier
//! template), tags, the case reference, and the extract of a flag brought
//! to supervision.
//!
//! Every sealed field gets its own random marker. Every file in the data
//! folder (database, WAL, shared memory) is read as raw bytes and searched
//! for each marker in UTF-8 and UTF-16LE, as typed and lowercased: once
//! while the connection is open (live WAL frames), once after the vault is
//! closed. A positive control proves the scanner finds a marker in a plain
//! file and inside a SQLite database.

mod common;

use std::path::Path;

use chrono::{DateTime, TimeZone, Utc};
use confidant_core::journal::{
    FlagInput, Journal, JournalInput, JournalLinks, SectionText, TemplateId,
};
use confidant_core::people::{People, PersonKind, Relation};
use confidant_core::vault::{Role, Vault};

use common::scan::{assert_no_hits, random_hex, scan, Needles};

fn at(d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, d, h, 0, 0)
        .single()
        .expect("time")
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
    let dana = People::of(v)
        .create(
            &common::person_input(PersonKind::Person, Relation::SupervisesMe, "Dana Okafor"),
            now,
        )
        .expect("person")
        .id;
    let mut sections: Vec<SectionText> = TemplateId::Gibbs
        .sections()
        .iter()
        .map(|s| SectionText {
            key: s.key.to_string(),
            text: mark(&format!("Section{}", s.key.replace('.', ""))),
        })
        .collect();
    sections.push(SectionText {
        key: "driscoll.so_what".into(),
        text: mark("KeptFromDriscoll"),
    });
    let input = JournalInput {
        title: mark("Title"),
        template: TemplateId::Gibbs,
        sections,
        tags: vec![mark("TagOne"), mark("TagTwo")],
        links: JournalLinks {
            case_reference: mark("CaseRef"),
            ..JournalLinks::default()
        },
    };
    let e = Journal::of(v).create_entry(&input, now).expect("create");
    // Edited once: the old sealed text is replaced, the new one sealed.
    let mut edited = e.content.clone();
    edited.title = mark("TitleEdited");
    Journal::of(v)
        .update_entry(&e.id, &edited, at(1, 10))
        .expect("update");
    let flag = Journal::of(v)
        .flag(
            &FlagInput {
                entry_id: e.id.clone(),
                person_id: dana.clone(),
                extract: Some(mark("Extract")),
            },
            at(1, 11),
        )
        .expect("flag");
    Journal::of(v)
        .flag_discussed(&flag.id, at(2, 9))
        .expect("discussed");
    Journal::of(v)
        .flag(
            &FlagInput {
                entry_id: e.id.clone(),
                person_id: dana,
                extract: Some(mark("OpenExtract")),
            },
            at(2, 10),
        )
        .expect("flag");
    // Everything reads back (the markers were really stored).
    let back = Journal::of(v).get(&e.id).expect("get");
    assert_eq!(back.content.sections.len(), 7);
    assert_eq!(Journal::of(v).flags_of(&e.id).expect("flags").len(), 2);
    assert_eq!(Journal::of(v).tags().expect("tags").len(), 2);
    assert_eq!(Journal::of(v).search(&m[2].1).expect("search").len(), 1);
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
    let s = vault.begin_setup(&[Role::Supervisee]).expect("begin");
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
fn no_journal_field_is_on_disk_while_the_connection_is_open() {
    run(true);
}

#[test]
fn no_journal_field_is_on_disk_after_the_vault_is_closed() {
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
