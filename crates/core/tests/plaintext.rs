//! Nothing a person types reaches the disk in clear.
//!
//! A vault is exercised the way the app uses it (entries with a unique marker
//! and a person's name, updates, deletes, searches, a passcode, lock), then
//! every file under its temporary folder is read as raw bytes and searched
//! for each secret in UTF-8 and UTF-16LE, as typed and lowercased (the search
//! index folds case). Two variants: after the vault is dropped (connection
//! closed, WAL checkpointed) and while the connection is still open (the WAL
//! and shared-memory files present and not checkpointed). Positive controls
//! prove the scanner finds what it looks for, in a plain file and inside a
//! SQLite database.
#![allow(clippy::disallowed_methods)] // a test or benchmark may read the clock; the library may not

use std::path::Path;

mod common;
use common::scan::{assert_no_hits, random_hex, scan, Needles};

use chrono::{Duration, Utc};
use confidant_core::agreements::{AcknowledgementInput, Agreements};
use confidant_core::crypto::{KdfParams, SecretKey};
use confidant_core::journal::Journal;
use confidant_core::keychain::{Keychain, MemoryKeychain};
use confidant_core::party::PartyDetails;
use confidant_core::people::{People, PersonInput, PersonKind, Relation};
use confidant_core::schedule::{
    CancelInput, CancelledBy, OccurrenceKey, ReminderSetting, Schedule, SeriesInput, SessionKind,
};
use confidant_core::settings::VaultSettings;
use confidant_core::store::DB_FILE;
use confidant_core::vault::{Role, Vault, VaultConfig};

const NAME: &str = "Zebulon Quartermaine";

fn config() -> VaultConfig {
    VaultConfig {
        kdf: KdfParams::INSECURE_FOR_TESTS,
    }
}

// ----- the scenario ------------------------------------------------------------

struct Secrets {
    needles: Needles,
}

/// Uses a vault in `dir` the way the app does and returns it (locked) with
/// everything that was typed.
fn exercise(dir: &Path) -> (Vault, Secrets) {
    let marker = format!("Mk{}", random_hex(16));
    let updated_marker = format!("Upd{}", random_hex(16));
    let deleted_marker = format!("Del{}", random_hex(16));
    let query_marker = format!("Qry{}", random_hex(16));
    let passcode = format!("pass-{}", random_hex(8));
    let keychain = MemoryKeychain::new();

    let mut now = Utc::now();
    let mut vault = Vault::open(dir, Box::new(keychain.clone()), config(), now).expect("open");
    let started = vault
        .begin_setup(&[Role::Supervisor, Role::Supervisee])
        .expect("begin setup");
    let code = started.recovery_code.clone();
    vault.confirm_setup(&code, now).expect("confirm setup");

    // ~2 KB entries: some with the marker, some with the name, most with both.
    let filler =
        "We talked about boundaries, the caseload and what the home visit stirred up. ".repeat(25);
    let mut ids = Vec::new();
    for i in 0..40 {
        now += Duration::seconds(1);
        let body = match i % 4 {
            0 => format!("Note {i}: {marker}\n{filler}"),
            1 => format!("Note {i}: supervision with {NAME}.\n{filler}"),
            _ => format!(
                "Note {i}: {NAME} and {marker}; also {deleted_marker} when deleted.\n{filler}"
            ),
        };
        ids.push(
            Journal::of(&mut vault)
                .create(&body, now)
                .expect("create")
                .id,
        );
    }
    for id in &ids[0..10] {
        now += Duration::seconds(1);
        let body = format!("Updated: {NAME} again, {marker} {updated_marker}.\n{filler}");
        Journal::of(&mut vault)
            .update(id, &body, now)
            .expect("update");
    }
    for id in &ids[30..40] {
        Journal::of(&mut vault).delete(id).expect("delete");
    }
    assert_eq!(Journal::of(&mut vault).list(0, 50).expect("list").total, 30);

    // Searches: ones that match (building the in-memory index) and one that does not.
    assert!(!Journal::of(&mut vault)
        .search(&marker)
        .expect("search marker")
        .is_empty());
    assert!(!Journal::of(&mut vault)
        .search("zebulon quartermaine")
        .expect("search name")
        .is_empty());
    assert!(Journal::of(&mut vault)
        .search(&query_marker)
        .expect("search")
        .is_empty());
    // Writes after the index exists go through the index too.
    now += Duration::seconds(1);
    Journal::of(&mut vault)
        .create(&format!("After search: {NAME} {marker}"), now)
        .expect("create after search");

    VaultSettings::of(&mut vault)
        .set_auto_lock(15, now)
        .expect("auto-lock");
    let records = exercise_records(&mut vault, now);
    vault
        .set_passcode(None, &passcode, now)
        .expect("set passcode");
    vault.lock();
    vault
        .unlock(Some(&passcode), now)
        .expect("unlock with the passcode");
    assert!(!Journal::of(&mut vault)
        .search(NAME)
        .expect("search after unlock")
        .is_empty());
    vault.lock();
    // Locking wiped the write-ahead log; one more write leaves live frames
    // in it for the scan while the connection is open.
    vault.unlock(Some(&passcode), now).expect("unlock again");
    now += Duration::seconds(1);
    Journal::of(&mut vault)
        .create(&format!("Last one: {NAME} {marker}"), now)
        .expect("create after lock");

    let vault_id = read_vault_id(&dir.join(DB_FILE));
    let kek: SecretKey = keychain
        .get(&vault_id)
        .expect("keychain")
        .expect("device key");

    let mut needles = Needles::default();
    for (label, text) in &records {
        needles.text(label, text);
    }
    needles
        .text("the entry marker", &marker)
        .text("the updated-entry marker", &updated_marker)
        .text("the deleted-entry marker", &deleted_marker)
        .text("the search-only marker", &query_marker)
        .text("the person's name", NAME)
        .text("the surname", "Quartermaine")
        .text("the recovery code", &code)
        .text("the recovery code without dashes", &code.replace('-', ""))
        .text("the passcode", &passcode)
        .text("the device key (hex)", &hex(kek.expose()))
        .raw("the device key (raw)", kek.expose());
    (vault, Secrets { needles })
}

/// Fills every sealed field of the other record families with a unique
/// marker each, and returns (label, marker) pairs to look for on disk.
fn exercise_records(vault: &mut Vault, now: chrono::DateTime<Utc>) -> Vec<(String, String)> {
    let mut typed: Vec<(String, String)> = Vec::new();
    let mut mark = |label: &str| {
        let m = format!("{}{}", label.replace(' ', ""), random_hex(8));
        typed.push((label.to_string(), m.clone()));
        m
    };
    // The owner's own details (settings record).
    VaultSettings::of(vault)
        .set_profile(
            &PartyDetails {
                name: mark("owner name"),
                professional_role: mark("owner role"),
                organisation: mark("owner organisation"),
                licence_number: mark("owner licence"),
                licence_body: mark("owner licence body"),
            },
            now,
        )
        .expect("profile");
    // A person with every field, an organisation and a group.
    let org = People::of(vault)
        .create(
            &PersonInput {
                kind: PersonKind::Organisation,
                relation: Relation::None,
                name: mark("organisation name"),
                pronouns: String::new(),
                email: format!("{}@example.org", mark("organisation email")),
                phone: String::new(),
                organisation_id: None,
                professional_role: String::new(),
                licence_number: String::new(),
                licence_body: String::new(),
                licensure_plan: String::new(),
                start_date: None,
                end_date: None,
                notes: mark("organisation notes"),
                members: vec![],
                facilitator_id: None,
            },
            now,
        )
        .expect("organisation");
    let person = People::of(vault)
        .create(
            &PersonInput {
                kind: PersonKind::Person,
                relation: Relation::ISupervise,
                name: format!("{} {}", NAME, mark("person name")),
                pronouns: mark("pronouns"),
                email: format!("{}@example.org", mark("person email")),
                phone: format!(
                    "+44 20 7946 {}",
                    &random_hex(2)[..2].replace(|c: char| !c.is_ascii_digit(), "7")
                ),
                organisation_id: Some(org.id.clone()),
                professional_role: mark("professional role"),
                licence_number: mark("licence number"),
                licence_body: mark("licence body"),
                licensure_plan: mark("licensure plan"),
                start_date: None,
                end_date: None,
                notes: mark("person notes"),
                members: vec![],
                facilitator_id: None,
            },
            now,
        )
        .expect("person");
    People::of(vault)
        .create(
            &PersonInput {
                kind: PersonKind::Group,
                relation: Relation::ISupervise,
                name: mark("group name"),
                pronouns: String::new(),
                email: String::new(),
                phone: String::new(),
                organisation_id: None,
                professional_role: String::new(),
                licence_number: String::new(),
                licence_body: String::new(),
                licensure_plan: String::new(),
                start_date: None,
                end_date: None,
                notes: mark("group notes"),
                members: vec![person.id.clone()],
                facilitator_id: None,
            },
            now,
        )
        .expect("group");
    People::of(vault)
        .set_archived(&org.id, true, now)
        .expect("archive re-seals");

    // An agreement: sections, a party's details and an acknowledgement.
    let draft = Agreements::of(vault).start(&person.id, now).expect("draft");
    let mut content = draft.content.clone();
    content.title = mark("agreement title");
    content.purpose = mark("agreement purpose");
    content.location = mark("agreement location");
    content.fees = mark("agreement fees");
    content.confidentiality_exceptions = mark("confidentiality exceptions");
    for party in content
        .parties
        .iter_mut()
        .filter(|p| p.party_id == person.id)
    {
        party.licence_number = mark("party licence number");
    }
    let draft = Agreements::of(vault)
        .update(&draft.id, &content, now)
        .expect("update agreement");
    Agreements::of(vault)
        .acknowledge(
            &draft.id,
            &AcknowledgementInput {
                party_id: person.id.clone(),
                typed_name: mark("typed name"),
                date: now.date_naive(),
            },
            now,
        )
        .expect("acknowledge");

    // A weekly series with a location, and one session cancelled with a reason.
    let start = (now + Duration::days(2))
        .naive_utc()
        .date()
        .and_hms_opt(10, 0, 0)
        .expect("time");
    let change = Schedule::of(vault)
        .create(
            &SeriesInput {
                person_id: person.id.clone(),
                kind: SessionKind::Individual,
                time_zone: "Europe/London".into(),
                start,
                end: start + Duration::hours(1),
                recurrence: None,
                location: mark("session location"),
                reminder: ReminderSetting::Default,
                calendar_code: String::new(),
            },
            now,
        )
        .expect("schedule");
    Schedule::of(vault)
        .cancel(
            &OccurrenceKey {
                series_id: change.series[0].id.clone(),
                original_start: start,
            },
            &CancelInput {
                by: CancelledBy::Supervisee,
                reason: mark("cancellation reason"),
                notice_hours: None,
            },
            now,
        )
        .expect("cancel");
    typed
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn read_vault_id(db: &Path) -> String {
    let conn =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .expect("open the database read-only");
    conn.query_row("SELECT id FROM vault", [], |r| r.get(0))
        .expect("the vault row")
}

// ----- the tests ---------------------------------------------------------------

#[test]
fn nothing_typed_is_on_disk_after_the_vault_is_closed() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let (vault, secrets) = exercise(&tmp.path().join("data"));
    drop(vault); // closes the connection: WAL checkpointed into the .db

    let scan = scan(tmp.path(), &secrets.needles);
    println!(
        "closed: {} files scanned, {} needles, {} hits",
        scan.files.len(),
        secrets.needles.0.len(),
        scan.hits.len()
    );
    assert_no_hits(&scan);
}

#[test]
fn nothing_typed_is_on_disk_while_the_connection_is_open() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let (vault, secrets) = exercise(&tmp.path().join("data"));

    let scan = scan(tmp.path(), &secrets.needles);
    println!(
        "open: {} files scanned, {} needles, {} hits",
        scan.files.len(),
        secrets.needles.0.len(),
        scan.hits.len()
    );
    // The recent writes are in the write-ahead log, not yet in the .db.
    let wal = scan
        .size_of(&format!("{DB_FILE}-wal"))
        .expect("the WAL file was scanned");
    assert!(
        wal > 0,
        "the WAL is empty: it was checkpointed.\n{}",
        scan.report()
    );
    assert!(
        scan.size_of(&format!("{DB_FILE}-shm")).is_some(),
        "the shared-memory file was scanned"
    );
    assert_no_hits(&scan);
    drop(vault);
}

#[test]
fn control_the_scanner_finds_text_in_plain_files_and_in_sqlite() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let marker = format!("Mk{}", random_hex(16));
    let mut needles = Needles::default();
    needles.text("the marker", &marker).text("the name", NAME);

    // Nothing there yet.
    std::fs::write(tmp.path().join("empty.txt"), b"nothing to see").expect("write");
    assert!(scan(tmp.path(), &needles).hits.is_empty());

    // UTF-8 in a nested folder, UTF-16LE, and lowercased.
    std::fs::create_dir_all(tmp.path().join("a/b")).expect("mkdir");
    std::fs::write(tmp.path().join("a/b/utf8.txt"), format!("xx{marker}yy")).expect("write");
    let utf16: Vec<u8> = NAME.encode_utf16().flat_map(u16::to_le_bytes).collect();
    std::fs::write(tmp.path().join("utf16.bin"), utf16).expect("write");
    std::fs::write(tmp.path().join("lower.txt"), NAME.to_lowercase()).expect("write");
    let found = scan(tmp.path(), &needles);
    let labels: Vec<&str> = found.hits.iter().map(|h| h.needle.as_str()).collect();
    assert!(labels.contains(&"the marker (UTF-8)"), "{}", found.report());
    assert!(
        labels.contains(&"the name (UTF-16LE)"),
        "{}",
        found.report()
    );
    assert!(
        labels.contains(&"the name lowercased (UTF-8)"),
        "{}",
        found.report()
    );

    // Plain text stored in a SQLite database with the vault's pragmas is found
    // too, both in the WAL (connection open) and in the .db (after close).
    let db_dir = tmp.path().join("sqlite");
    std::fs::create_dir_all(&db_dir).expect("mkdir");
    let mut only_db = Needles::default();
    only_db.text("the marker", &marker);
    let conn = confidant_core::store::open(&db_dir.join(DB_FILE), true).expect("open a database");
    conn.execute_batch("CREATE TABLE plain (body TEXT)")
        .expect("create");
    conn.execute("INSERT INTO plain (body) VALUES (?1)", [&marker])
        .expect("insert");
    let open = scan(&db_dir, &only_db);
    assert!(
        open.hits
            .iter()
            .any(|h| h.file.to_string_lossy().ends_with("-wal")),
        "the marker should be found in the WAL.\n{}",
        open.report()
    );
    drop(conn);
    let closed = scan(&db_dir, &only_db);
    assert!(
        closed.hits.iter().any(|h| h.file.ends_with(DB_FILE)),
        "the marker should be found in the .db after close.\n{}",
        closed.report()
    );
}

/// `secure_delete` is on: once the WAL is checkpointed, the sealed bytes of
/// deleted entries and the old sealed bytes of updated ones are gone from the
/// file (not merely unlinked from the b-tree).
#[test]
fn old_ciphertext_of_deleted_and_updated_entries_is_wiped_after_close() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("data");
    let now = Utc::now();
    let mut vault =
        Vault::open(&dir, Box::new(MemoryKeychain::new()), config(), now).expect("open");
    let started = vault.begin_setup(&[Role::Supervisee]).expect("begin setup");
    vault
        .confirm_setup(&started.recovery_code, now)
        .expect("confirm setup");
    let filler = "A long reflective paragraph about a difficult week. ".repeat(40);
    let ids: Vec<String> = (0..20)
        .map(|i| {
            Journal::of(&mut vault)
                .create(&format!("{i} {filler}"), now)
                .expect("create")
                .id
        })
        .collect();

    let sealed_of = |id: &str| -> Vec<u8> {
        let conn = rusqlite::Connection::open_with_flags(
            dir.join(DB_FILE),
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
        )
        .expect("open read-only");
        conn.query_row(
            "SELECT body FROM journal_entries WHERE id = ?1",
            [id],
            |r| r.get(0),
        )
        .expect("sealed body")
    };
    let mut needles = Needles::default();
    for id in &ids[0..5] {
        let sealed = sealed_of(id);
        needles.raw(
            &format!("old ciphertext of updated entry {id}"),
            &sealed[40..104],
        );
        Journal::of(&mut vault)
            .update(id, &format!("short {id}"), now)
            .expect("update");
    }
    for id in &ids[10..15] {
        let sealed = sealed_of(id);
        needles.raw(
            &format!("ciphertext of deleted entry {id}"),
            &sealed[40..104],
        );
        Journal::of(&mut vault).delete(id).expect("delete");
    }
    // Control: a surviving entry's ciphertext is found by the same scan.
    let kept = sealed_of(&ids[19]);
    drop(vault);

    let scan_result = scan(tmp.path(), &needles);
    assert!(
        scan_result.hits.is_empty(),
        "old ciphertext survived.\n{}",
        scan_result.report()
    );
    let mut control = Needles::default();
    control.raw("a surviving entry's ciphertext", &kept[40..104]);
    assert_eq!(
        scan(tmp.path(), &control).hits.len(),
        1,
        "control: live ciphertext is found"
    );
}
