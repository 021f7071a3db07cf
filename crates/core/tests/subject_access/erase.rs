//! Erasure: the person's rows are gone, their key destroyed and the WAL
//! wiped; their sealed bytes are in no file; others are untouched.

use confidant_core::contacts::Contacts;
use confidant_core::people::{People, PersonKind, Relation};
use confidant_core::store::DB_FILE;
use confidant_core::subject_access::SubjectAccess;
use confidant_core::Error;
use rusqlite::{Connection, OpenFlags};

use super::records_fixture::common::scan::{scan, Needles};
use super::records_fixture::{common, date, now};
use super::{contact, scene};

/// Tables whose rows about a person are deleted, with the column naming them.
const TABLES: &[(&str, &str)] = &[
    ("people", "id"),
    ("agreements", "person_id"),
    ("session_series", "person_id"),
    ("session_records", "person_id"),
    ("record_addenda", "person_id"),
    ("action_items", "person_id"),
    ("contact_notes", "person_id"),
    ("goals", "person_id"),
    ("goal_check_ins", "person_id"),
    ("development_stages", "person_id"),
    ("coaching_records", "person_id"),
    ("hours_manual_entries", "person_id"),
    ("evaluations", "person_id"),
];

fn db(dir: &std::path::Path) -> Connection {
    Connection::open_with_flags(dir.join(DB_FILE), OpenFlags::SQLITE_OPEN_READ_ONLY).expect("db")
}

/// A slice of each sealed value about `person` (its nonce and the start of
/// its ciphertext: unique to that row), and of their wrapped data key.
fn sealed_bytes(conn: &Connection, person: &str) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for (table, column) in TABLES {
        let sql = format!("SELECT body FROM {table} WHERE {column} = ?1");
        let mut stmt = conn.prepare(&sql).expect("prepare");
        let rows = stmt
            .query_map([person], |r| r.get::<_, Vec<u8>>(0))
            .expect("query");
        for (i, body) in rows.enumerate() {
            out.push((
                format!("{table} row {i}"),
                body.expect("row")[17..45].to_vec(),
            ));
        }
    }
    let key: Vec<u8> = conn
        .query_row(
            "SELECT wrapped_key FROM data_keys WHERE subject_id = ?1",
            [person],
            |r| r.get(0),
        )
        .expect("key");
    out.push(("wrapped data key".into(), key[17..45].to_vec()));
    out
}

fn count(conn: &Connection, sql: &str, person: &str) -> i64 {
    conn.query_row(sql, [person], |r| r.get(0)).expect("count")
}

#[test]
fn erasing_a_person_leaves_nothing_of_theirs_readable_and_others_intact() {
    let mut s = scene();
    let dir = s.w.dir.path().to_path_buf();
    let (ana_bytes, ben_bytes) = {
        let conn = db(&dir);
        (sealed_bytes(&conn, &s.ana), sealed_bytes(&conn, &s.ben))
    };
    assert!(
        ana_bytes.len() >= 12,
        "every family has rows: {}",
        ana_bytes.len()
    );

    // She is still in a group: refused, with the reason.
    let preview = SubjectAccess::of(&mut s.w.v)
        .erase_preview(&s.ana)
        .expect("preview");
    assert_eq!(preview.exception_entries, 1);
    assert_eq!(preview.contact_notes, 1);
    assert_eq!(preview.session_records, 1);
    assert!(
        preview.blockers[0].contains("Tuesday group"),
        "{:?}",
        preview.blockers
    );
    assert!(preview.cannot_reach.iter().any(|l| l.contains("backup")));
    let blocked = common::erase(&mut s.w.v, &s.ana, &preview.name, now());
    assert!(matches!(blocked, Err(Error::InvalidInput(m)) if m.contains("Tuesday group")));

    let mut group = People::of(&mut s.w.v)
        .get(&s.w.person)
        .expect("group")
        .fields;
    group.members.retain(|m| *m != s.ana);
    People::of(&mut s.w.v)
        .update(&s.w.person, &group, now())
        .expect("remove her from the group");

    // A name that does not match changes nothing.
    let wrong = common::erase(&mut s.w.v, &s.ana, "Ana", now());
    assert!(matches!(wrong, Err(Error::InvalidInput(m)) if m.contains("does not match")));
    assert!(People::of(&mut s.w.v).get(&s.ana).is_ok());

    let report = common::erase(&mut s.w.v, &s.ana, " Ana Member ", now()).expect("erase");
    assert_eq!(report.exception_entries_shredded, 1);
    assert_eq!(report.invoices_shredded, 1);
    assert!(report.rows_deleted >= 11, "{}", report.rows_deleted);

    // On disk: none of her sealed bytes, not her wrapped key; Ben's are
    // there. Her own row stays (the exception log refers to it), sealed
    // under the destroyed key: the next test shows it goes when nothing
    // refers to it.
    let mut needles = Needles::default();
    for (label, bytes) in ana_bytes.iter().filter(|(l, _)| !l.starts_with("people")) {
        needles.raw(&format!("Ana's {label}"), bytes);
    }
    let found = scan(&dir, &needles);
    assert!(
        found.hits.is_empty(),
        "erased data on disk:\n{}",
        found.report()
    );
    assert_eq!(found.size_of(&format!("{DB_FILE}-wal")).unwrap_or(0), 0);
    // Ben's rows are untouched (positive control); his data key was
    // re-wrapped under the new master key by the rotation that goes with
    // the erasure, so its old wrapping is gone from every file.
    let (ben_key, ben_rows): (Vec<_>, Vec<_>) = ben_bytes
        .iter()
        .partition(|(label, _)| label == "wrapped data key");
    let mut control = Needles::default();
    for (label, bytes) in &ben_rows {
        control.raw(&format!("Ben's {label}"), bytes);
    }
    assert_eq!(
        scan(&dir, &control).hits.len(),
        ben_rows.len(),
        "positive control"
    );
    let mut old_wrap = Needles::default();
    for (label, bytes) in &ben_key {
        old_wrap.raw(&format!("Ben's old {label}"), bytes);
    }
    let found = scan(&dir, &old_wrap);
    assert!(found.hits.is_empty(), "{}", found.report());

    // In the file: only the exception log's rows and her row remain, under
    // a destroyed key.
    {
        let conn = db(&dir);
        for (table, column) in TABLES.iter().skip(1) {
            let sql = format!("SELECT count(*) FROM {table} WHERE {column} = ?1");
            assert_eq!(count(&conn, &sql, &s.ana), 0, "{table}");
        }
        assert_eq!(
            count(&conn, "SELECT count(*) FROM people WHERE id = ?1", &s.ana),
            1
        );
        let q = "SELECT count(*) FROM exception_entries WHERE person_id = ?1";
        assert_eq!(count(&conn, q, &s.ana), 1);
        // Her invoice stays (numbers keep no gaps), unreadable.
        let q = "SELECT count(*) FROM invoices WHERE person_id = ?1";
        assert_eq!(count(&conn, q, &s.ana), 1);
        let q = "SELECT count(*) FROM data_keys WHERE subject_id = ?1 AND wrapped_key IS NULL";
        assert_eq!(count(&conn, q, &s.ana), 1);
    }

    for pass in ["now", "after locking and unlocking"] {
        let v = &mut s.w.v;
        let listed = People::of(v).list().expect("list");
        assert!(listed.iter().all(|p| p.id != s.ana), "{pass}");
        assert!(listed.iter().all(|p| !p.damaged), "{pass}");
        assert!(matches!(People::of(v).get(&s.ana), Err(Error::NotFound(_))));
        assert!(SubjectAccess::of(v).export(&s.ana, now()).is_err());
        let invoices = confidant_core::invoices::Invoices::of(v)
            .list(None)
            .expect("invoices");
        assert!(
            invoices.is_empty(),
            "{pass}: an erased party's invoice is not listed"
        );
        let bens = Contacts::of(v).list(&s.ben).expect("Ben's notes");
        assert_eq!(
            bens[0].fields.as_ref().map(|f| f.issue.clone()),
            Some(s.b.get("contact"))
        );
        let export = SubjectAccess::of(v)
            .json(&s.ben, now())
            .expect("Ben's export");
        assert!(String::from_utf8_lossy(&export).contains(&s.b.get("groupnote")));
        v.lock();
        v.unlock(None, now()).expect("unlock");
    }
}

#[test]
fn a_person_without_exception_entries_leaves_no_row_and_no_key() {
    let (dir, mut v) = common::unlocked_vault(confidant_core::vault::Role::Supervisor, now());
    let input = common::person_input(PersonKind::Person, Relation::ISupervise, "Cara Lind");
    let cara = People::of(&mut v).create(&input, now()).expect("cara").id;
    Contacts::of(&mut v)
        .create(&cara, &contact("A late call.", date(2026, 3, 1)), now())
        .expect("note");
    let report = common::erase(&mut v, &cara, "Cara Lind", now()).expect("erase");
    assert_eq!(report.rows_deleted, 2, "the note and her record");
    let conn = db(dir.path());
    assert_eq!(
        count(&conn, "SELECT count(*) FROM people WHERE id = ?1", &cara),
        0
    );
    let q = "SELECT count(*) FROM data_keys WHERE subject_id = ?1";
    assert_eq!(count(&conn, q, &cara), 0);
    // Erasing again: there is no such person.
    assert!(matches!(
        common::erase(&mut v, &cara, "Cara Lind", now()),
        Err(Error::NotFound(_))
    ));
}
