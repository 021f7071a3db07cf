//! Every plaintext column of the record tables is bound into its row's
//! authenticated data: editing any one of them on disk makes that row fail
//! its integrity check (the record it belongs to reads as damaged), while
//! the lists still load.

mod records_fixture;

use confidant_core::records::{AddendumInput, Records};
use confidant_core::store::DB_FILE;
use confidant_core::Error;
use records_fixture::{complete, day, item, now, world, World};
use rusqlite::Connection;

/// A world with one final record (two action items, one addendum), a
/// second (draft) record of the same person, and a saved agenda for the
/// third session. Returns the world and the two records' ids.
fn setup() -> (World, String, String) {
    let mut w = world(false);
    w.hold(0);
    w.hold(1);
    let r = Records::of(&mut w.v)
        .start(&w.keys[0], now())
        .expect("start");
    Records::of(&mut w.v)
        .save_draft(&r.id, r.revision, &complete(day(0)), now())
        .expect("save");
    Records::of(&mut w.v)
        .finalise(&r.id, "Dr Supervisor", now())
        .expect("final");
    Records::of(&mut w.v)
        .add_addendum(
            &r.id,
            &AddendumInput {
                text: "Later.".into(),
                author: "Dr Supervisor".into(),
                member_id: None,
            },
            now(),
        )
        .expect("addendum");
    let other = Records::of(&mut w.v)
        .start(&w.keys[1], now())
        .expect("start 2");
    Records::of(&mut w.v)
        .agenda_save(&w.keys[2], &[item("Own item")], now())
        .expect("agenda");
    (w, r.id, other.id)
}

fn tamper(w: &World, sql: &str) {
    let conn = Connection::open(w.dir.path().join(DB_FILE)).expect("db");
    conn.execute_batch("PRAGMA foreign_keys = OFF").expect("fk");
    let n = conn.execute(sql, []).expect("tamper");
    assert!(n >= 1, "{sql} changed no row");
}

fn damaged(w: &mut World, id: &str, other: &str, what: &str) {
    let err = Records::of(&mut w.v).get(id, None).expect_err(what);
    assert!(matches!(err, Error::Integrity(_)), "{what}: {err:?}");
    assert!(
        Records::of(&mut w.v).get(other, None).is_ok(),
        "{what}: the other record still reads"
    );
    let person = w.person.clone();
    Records::of(&mut w.v)
        .for_person(&person)
        .expect("the list still loads");
    Records::of(&mut w.v)
        .open_actions(&person)
        .expect("open actions still load");
    Records::of(&mut w.v)
        .case_references(&person)
        .expect("cases still load");
}

#[test]
fn every_bound_column_of_a_record_row_is_checked() {
    let cases = [
        ("series_id", "series_id = series_id || 'x'"),
        (
            "original_start",
            "original_start = replace(original_start, 'T10', 'T11')",
        ),
        ("session_date", "session_date = session_date + 86400000"),
        ("kind", "kind = 'peer'"),
        ("status", "status = 'draft'"),
        ("revision", "revision = revision + 1"),
        ("created_at", "created_at = created_at - 1"),
        ("updated_at", "updated_at = updated_at + 1"),
        (
            "key_id",
            "key_id = (SELECT id FROM data_keys WHERE id <> key_id LIMIT 1)",
        ),
    ];
    for (column, set) in cases {
        let (mut w, id, other) = setup();
        tamper(
            &w,
            &format!("UPDATE session_records SET {set} WHERE id = '{id}'"),
        );
        damaged(&mut w, &id, &other, column);
    }
    // Moved to another person: that person's key does not open it.
    let (mut w, id, other) = setup();
    let stranger = records_fixture::person(
        &mut w.v,
        "Alex Other",
        confidant_core::people::PersonKind::Person,
        vec![],
    );
    tamper(
        &w,
        &format!("UPDATE session_records SET person_id = '{stranger}' WHERE id = '{id}'"),
    );
    let err = Records::of(&mut w.v).get(&id, None).expect_err("moved");
    assert!(matches!(err, Error::Integrity(_)), "{err:?}");
    let listed = Records::of(&mut w.v).for_person(&stranger).expect("list");
    assert!(
        listed.iter().all(|r| r.damaged),
        "listed as damaged under the other person"
    );
    assert!(Records::of(&mut w.v).get(&other, None).is_ok());
}

#[test]
fn every_bound_column_of_action_items_and_addenda_is_checked() {
    let cases = [
        (
            "action status",
            "UPDATE action_items SET status = 'done' WHERE position = 0",
        ),
        (
            "action position",
            "UPDATE action_items SET position = position + 5 WHERE position = 0",
        ),
        (
            "action session_date",
            "UPDATE action_items SET session_date = session_date + 86400000 WHERE position = 0",
        ),
        (
            "action created_at",
            "UPDATE action_items SET created_at = created_at + 1 WHERE position = 0",
        ),
        (
            "action updated_at",
            "UPDATE action_items SET updated_at = updated_at + 1 WHERE position = 0",
        ),
        ("addendum seq", "UPDATE record_addenda SET seq = seq + 1"),
        (
            "addendum created_at",
            "UPDATE record_addenda SET created_at = created_at + 1",
        ),
    ];
    for (what, sql) in cases {
        let (mut w, id, other) = setup();
        tamper(&w, sql);
        damaged(&mut w, &id, &other, what);
    }
    // An action item moved to another record.
    let (mut w, id, other) = setup();
    tamper(
        &w,
        &format!("UPDATE action_items SET record_id = '{other}' WHERE position = 0"),
    );
    assert!(matches!(
        Records::of(&mut w.v).get(&other, None),
        Err(Error::Integrity(_))
    ));
    assert!(
        Records::of(&mut w.v).get(&id, None).is_ok(),
        "the first record lost an item but reads"
    );
    let person = w.person.clone();
    assert_eq!(
        Records::of(&mut w.v)
            .open_actions(&person)
            .expect("open")
            .len(),
        1
    );
}

#[test]
fn every_bound_column_of_a_saved_agenda_is_checked() {
    for (what, set) in [
        ("agenda updated_at", "updated_at = updated_at + 1"),
        (
            "agenda original_start",
            "original_start = replace(original_start, 'T10', 'T11')",
        ),
    ] {
        let (mut w, id, _) = setup();
        tamper(&w, &format!("UPDATE agendas SET {set}"));
        if what == "agenda original_start" {
            // Moved to a slot that is no session: the session's agenda is
            // simply unsaved again, and nothing else changes.
            let a = Records::of(&mut w.v).agenda(&w.keys[2]).expect("agenda");
            assert!(!a.saved);
        } else {
            let err = Records::of(&mut w.v).agenda(&w.keys[2]).expect_err(what);
            assert!(matches!(err, Error::Integrity(_)), "{what}: {err:?}");
        }
        assert!(Records::of(&mut w.v).get(&id, None).is_ok());
        assert!(
            Records::of(&mut w.v).agenda(&w.keys[3]).is_ok(),
            "other agendas still load"
        );
    }
    // The agenda's row key binds its slot: copied to another session, it fails.
    let (mut w, _, _) = setup();
    let k3 = w.keys[3]
        .original_start
        .format("%Y-%m-%dT%H:%M:%S")
        .to_string();
    tamper(
        &w,
        &format!(
            "INSERT INTO agendas (series_id, original_start, person_id, key_id, updated_at, body)
         SELECT series_id, '{k3}', person_id, key_id, updated_at, body FROM agendas"
        ),
    );
    assert!(matches!(
        Records::of(&mut w.v).agenda(&w.keys[3]),
        Err(Error::Integrity(_))
    ));
    assert!(
        Records::of(&mut w.v)
            .agenda(&w.keys[2])
            .expect("original")
            .saved
    );
}
