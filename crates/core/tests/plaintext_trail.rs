//! Nothing typed into the paper trail reaches the disk in clear: every
//! sealed field of a confidentiality-exception entry, an addendum and a
//! contact note (also an edited and a deleted note) gets a unique marker;
//! every file in the data folder (database, WAL, shared memory) is searched
//! for each marker in UTF-8 and UTF-16LE, as typed and lowercased, while the
//! connection is open and after the vault is dropped. Positive controls
//! prove the scanner finds a marker in a plain file and inside a SQLite
//! database written the same way.
#![allow(clippy::disallowed_methods)] // a test may read the clock; the library may not

mod common;

use std::path::{Path, PathBuf};

use chrono::{Duration, NaiveTime, Utc};
use confidant_core::contacts::{ContactInput, ContactMode, Contacts};
use confidant_core::exception_log::{Discussed, ExceptionInput, ExceptionKind, ExceptionLog};
use confidant_core::people::{People, PersonKind, Relation};
use confidant_core::vault::Role;

fn random_hex(bytes: usize) -> String {
    let mut b = vec![0u8; bytes];
    confidant_core::crypto::fill_random(&mut b).expect("OS random generator");
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// (label, bytes) for `text` as UTF-8 and UTF-16LE, as given and lowercased.
fn forms(label: &str, text: &str) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for t in [text.to_string(), text.to_lowercase()] {
        let utf16: Vec<u8> = t.encode_utf16().flat_map(u16::to_le_bytes).collect();
        out.push((format!("{label} (UTF-8)"), t.as_bytes().to_vec()));
        out.push((format!("{label} (UTF-16LE)"), utf16));
    }
    out
}

/// Every (file, label) where a needle occurs, in every regular file under `root`.
fn scan(root: &Path, needles: &[(String, Vec<u8>)]) -> (Vec<PathBuf>, Vec<String>) {
    let mut files = Vec::new();
    let mut hits = Vec::new();
    let mut pending = vec![root.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).expect("read dir") {
            let path = entry.expect("entry").path();
            let meta = std::fs::symlink_metadata(&path).expect("metadata");
            if meta.is_dir() {
                pending.push(path);
            } else if meta.is_file() {
                let bytes = std::fs::read(&path).expect("read");
                for (label, needle) in needles {
                    if bytes.windows(needle.len()).any(|w| w == needle.as_slice()) {
                        hits.push(format!("{label} in {}", path.display()));
                    }
                }
                files.push(path);
            }
        }
    }
    (files, hits)
}

#[test]
fn no_paper_trail_field_reaches_the_disk_in_clear() {
    let now = Utc::now();
    let (dir, mut v) = common::unlocked_vault(Role::Supervisor, now);
    let mut typed: Vec<(String, String)> = Vec::new();
    let mut mark = |label: &str| {
        let m = format!("{}{}", label.replace(' ', ""), random_hex(8));
        typed.push((label.to_string(), m.clone()));
        m
    };
    let sam = People::of(&mut v)
        .create(
            &common::person_input(PersonKind::Person, Relation::ISupervise, "Sam Okafor"),
            now,
        )
        .expect("person");
    let input = ExceptionInput {
        date: now.date_naive(),
        kind: ExceptionKind::RiskOfHarm,
        concern: mark("exception concern"),
        shared: mark("exception shared"),
        recipient_organisation: mark("exception organisation"),
        recipient_role: mark("exception role"),
        basis: mark("exception basis"),
        discussed: Discussed::Yes,
        discussed_how: mark("exception discussed how"),
        response: mark("exception response"),
        outcome: mark("exception outcome"),
    };
    let entry = ExceptionLog::of(&mut v)
        .record(&sam.id, &input, now)
        .expect("record");
    ExceptionLog::of(&mut v)
        .add_addendum(&entry.id, &mark("addendum text"), now)
        .expect("addendum");
    let contact = |issue: String, advice: String, risk: String, follow: String| ContactInput {
        date: now.date_naive(),
        time: NaiveTime::from_hms_opt(9, 15, 0),
        mode: ContactMode::Video,
        issue,
        advice,
        risk_decision: risk,
        follow_up: follow,
    };
    let first = contact(
        mark("contact issue"),
        mark("contact advice"),
        mark("contact risk decision"),
        mark("contact follow up"),
    );
    let kept = Contacts::of(&mut v)
        .create(&sam.id, &first, now)
        .expect("contact");
    let edited = contact(
        mark("edited issue"),
        mark("edited advice"),
        mark("edited risk"),
        mark("edited follow up"),
    );
    Contacts::of(&mut v)
        .update(&kept.id, &edited, now + Duration::seconds(1))
        .expect("edit");
    let gone = contact(
        mark("deleted issue"),
        mark("deleted advice"),
        String::new(),
        String::new(),
    );
    let deleted = Contacts::of(&mut v)
        .create(&sam.id, &gone, now)
        .expect("to delete");
    Contacts::of(&mut v).delete(&deleted.id).expect("delete");
    // Everything reads back (the markers were really stored).
    let log = ExceptionLog::of(&mut v).list(&sam.id).expect("log");
    assert_eq!(log[0].fields.as_ref(), Some(&input));
    assert_eq!(log[0].addenda.len(), 1);
    assert_eq!(
        Contacts::of(&mut v).list(&sam.id).expect("contacts")[0]
            .fields
            .as_ref(),
        Some(&edited)
    );

    let needles: Vec<(String, Vec<u8>)> = typed
        .iter()
        .flat_map(|(label, text)| forms(label, text))
        .collect();
    assert_eq!(typed.len(), 19, "every sealed field has a marker");

    // While the connection is open (WAL present).
    let (files, hits) = scan(dir.path(), &needles);
    assert!(
        files.iter().any(|f| f.to_string_lossy().ends_with("-wal")),
        "the WAL was scanned: {files:?}"
    );
    assert!(hits.is_empty(), "plaintext on disk (open): {hits:#?}");
    // After the vault is dropped.
    drop(v);
    let (files, hits) = scan(dir.path(), &needles);
    assert!(!files.is_empty());
    assert!(hits.is_empty(), "plaintext on disk (closed): {hits:#?}");

    // Positive controls: the same scanner finds a marker in a plain file and
    // in a SQLite database (UTF-8 and UTF-16LE).
    let control = tempfile::tempdir().expect("tmp");
    let (label, marker) = &typed[0];
    std::fs::write(control.path().join("plain.txt"), marker).expect("write");
    let conn = rusqlite::Connection::open(control.path().join("control.db")).expect("db");
    conn.execute_batch("CREATE TABLE t (x TEXT)")
        .expect("table");
    conn.execute("INSERT INTO t VALUES (?1)", [marker.to_lowercase()])
        .expect("insert");
    drop(conn);
    let conn16 = rusqlite::Connection::open(control.path().join("utf16.db")).expect("db16");
    conn16
        .execute_batch("PRAGMA encoding = 'UTF-16le'; CREATE TABLE t (x TEXT)")
        .expect("table16");
    conn16
        .execute("INSERT INTO t VALUES (?1)", [marker])
        .expect("insert16");
    drop(conn16);
    let (_, hits) = scan(control.path(), &forms(label, marker));
    assert!(hits.iter().any(|h| h.contains("plain.txt")), "{hits:?}");
    assert!(hits.iter().any(|h| h.contains("control.db")), "{hits:?}");
    assert!(
        hits.iter()
            .any(|h| h.contains("UTF-16LE") && h.contains("utf16.db")),
        "{hits:?}"
    );
}
