//! The private journal through the vault, as the commands drive it.

mod common;

use chrono::{DateTime, Duration, TimeZone, Utc};
use confidant_core::journal::Journal;
use confidant_core::journal::MAX_ENTRY_BYTES;
use confidant_core::vault::{Role, Vault};
use confidant_core::Error;
use rusqlite::Connection;

fn t(minutes: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 23, 0, 0)
        .single()
        .expect("time")
        + Duration::minutes(minutes)
}

fn vault() -> (tempfile::TempDir, Vault) {
    common::unlocked_vault(Role::Supervisee, t(0))
}

#[test]
fn create_list_get_update_delete() {
    let (_d, mut v) = vault();
    let a = Journal::of(&mut v)
        .create("Gibbs: description\nThe visit went badly.", t(1))
        .expect("a");
    let b = Journal::of(&mut v)
        .create("\n  Second entry  \nbody", t(2))
        .expect("b");
    let page = Journal::of(&mut v).list(0, 50).expect("list");
    assert_eq!(page.total, 2);
    let ids: Vec<_> = page.entries.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, vec![b.id.as_str(), a.id.as_str()], "newest first");
    assert_eq!(page.entries[0].first_line, "Second entry");
    assert_eq!(page.entries[1].first_line, "Gibbs: description");
    assert!(page.entries.iter().all(|e| !e.damaged));

    let updated = Journal::of(&mut v)
        .update(&a.id, "Gibbs: feelings\nAnxious.", t(5))
        .expect("update");
    assert_eq!(updated.created_at, a.created_at);
    assert_eq!(updated.updated_at, t(5));
    assert_eq!(
        Journal::of(&mut v).get(&a.id).expect("get").body,
        "Gibbs: feelings\nAnxious."
    );

    Journal::of(&mut v).delete(&b.id).expect("delete");
    assert!(matches!(
        Journal::of(&mut v).get(&b.id),
        Err(Error::NotFound(_))
    ));
    assert!(matches!(
        Journal::of(&mut v).delete(&b.id),
        Err(Error::NotFound(_))
    ));
    assert_eq!(Journal::of(&mut v).list(0, 50).expect("list").total, 1);
}

#[test]
fn paging_is_stable_and_complete() {
    let (_d, mut v) = vault();
    for i in 0..23 {
        Journal::of(&mut v)
            .create(&format!("entry {i}"), t(i))
            .expect("create");
    }
    let mut seen = Vec::new();
    let mut offset = 0;
    loop {
        let page = Journal::of(&mut v).list(offset, 10).expect("page");
        assert_eq!(page.total, 23);
        if page.entries.is_empty() {
            break;
        }
        offset += page.entries.len() as u32;
        seen.extend(page.entries.into_iter().map(|e| e.first_line));
    }
    let expected: Vec<String> = (0..23).rev().map(|i| format!("entry {i}")).collect();
    assert_eq!(seen, expected);
}

#[test]
fn bad_input_gets_a_specific_error_and_changes_nothing() {
    let (_d, mut v) = vault();
    let a = Journal::of(&mut v).create("keep me", t(1)).expect("create");
    assert!(matches!(
        Journal::of(&mut v).create("", t(2)),
        Err(Error::Empty(_))
    ));
    assert!(matches!(
        Journal::of(&mut v).create(" \n\t ", t(2)),
        Err(Error::Empty(_))
    ));
    let huge = "x".repeat(MAX_ENTRY_BYTES + 1);
    assert!(matches!(
        Journal::of(&mut v).create(&huge, t(2)),
        Err(Error::TooLarge { .. })
    ));
    assert!(matches!(
        Journal::of(&mut v).update(&a.id, &huge, t(2)),
        Err(Error::TooLarge { .. })
    ));
    assert!(matches!(
        Journal::of(&mut v).update(&a.id, "   ", t(2)),
        Err(Error::Empty(_))
    ));
    for bad in ["", "not-a-uuid", "'; DROP TABLE journal_entries; --"] {
        assert!(matches!(
            Journal::of(&mut v).get(bad),
            Err(Error::InvalidInput(_))
        ));
        assert!(matches!(
            Journal::of(&mut v).update(bad, "x", t(2)),
            Err(Error::InvalidInput(_))
        ));
        assert!(matches!(
            Journal::of(&mut v).delete(bad),
            Err(Error::InvalidInput(_))
        ));
    }
    let unknown = uuid::Uuid::new_v4().to_string();
    assert!(matches!(
        Journal::of(&mut v).update(&unknown, "x", t(2)),
        Err(Error::NotFound(_))
    ));
    assert!(matches!(
        Journal::of(&mut v).list(0, 0),
        Err(Error::InvalidInput(_))
    ));
    assert!(matches!(
        Journal::of(&mut v).list(0, 501),
        Err(Error::InvalidInput(_))
    ));
    assert!(matches!(
        Journal::of(&mut v).search("   "),
        Err(Error::InvalidInput(_))
    ));
    assert!(matches!(
        Journal::of(&mut v).search(&"q".repeat(201)),
        Err(Error::InvalidInput(_))
    ));

    let page = Journal::of(&mut v).list(0, 50).expect("list");
    assert_eq!(page.total, 1);
    assert_eq!(Journal::of(&mut v).get(&a.id).expect("get").body, "keep me");
    // Exactly at the limit is accepted.
    let max = "y".repeat(MAX_ENTRY_BYTES);
    Journal::of(&mut v)
        .update(&a.id, &max, t(3))
        .expect("1 MiB is allowed");
}

#[test]
fn search_is_case_insensitive_in_memory_and_follows_writes() {
    let (_d, mut v) = vault();
    let a = Journal::of(&mut v)
        .create("Practised De-escalation with a parent", t(1))
        .expect("a");
    Journal::of(&mut v)
        .create("Supervision prep", t(2))
        .expect("b");
    let hits = Journal::of(&mut v).search("de-ESCALATION").expect("search");
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].id, a.id);
    // The index follows creates, updates and deletes.
    let c = Journal::of(&mut v)
        .create("more de-escalation notes", t(3))
        .expect("c");
    assert_eq!(
        Journal::of(&mut v)
            .search("de-escalation")
            .expect("s")
            .len(),
        2
    );
    Journal::of(&mut v)
        .update(&a.id, "nothing relevant", t(4))
        .expect("update");
    let hits = Journal::of(&mut v).search("de-escalation").expect("s");
    assert_eq!(
        hits.iter().map(|h| h.id.as_str()).collect::<Vec<_>>(),
        vec![c.id.as_str()]
    );
    Journal::of(&mut v).delete(&c.id).expect("delete");
    assert!(Journal::of(&mut v)
        .search("de-escalation")
        .expect("s")
        .is_empty());
    // After lock and unlock the index is rebuilt from disk.
    v.lock();
    v.unlock(None, t(5)).expect("unlock");
    assert_eq!(Journal::of(&mut v).search("relevant").expect("s").len(), 1);
}

#[test]
fn a_flipped_byte_damages_only_that_entry() {
    let (dir, mut v) = vault();
    let good = Journal::of(&mut v)
        .create("intact entry", t(1))
        .expect("good");
    let bad = Journal::of(&mut v)
        .create("entry to be damaged", t(2))
        .expect("bad");
    {
        let conn = Connection::open(dir.path().join("confidant.db")).expect("db");
        let mut body: Vec<u8> = conn
            .query_row(
                "SELECT body FROM journal_entries WHERE id = ?1",
                [&bad.id],
                |r| r.get(0),
            )
            .expect("body");
        let mid = body.len() / 2;
        body[mid] ^= 0x01;
        conn.execute(
            "UPDATE journal_entries SET body = ?2 WHERE id = ?1",
            rusqlite::params![bad.id, body],
        )
        .expect("write");
    }
    match Journal::of(&mut v).get(&bad.id) {
        Err(Error::Integrity(what)) => assert_eq!(what, "This journal entry"),
        other => panic!("expected integrity error, got {other:?}"),
    }
    assert_eq!(
        Journal::of(&mut v).get(&good.id).expect("good").body,
        "intact entry"
    );
    let page = Journal::of(&mut v).list(0, 10).expect("list still works");
    let damaged: Vec<_> = page
        .entries
        .iter()
        .filter(|e| e.damaged)
        .map(|e| e.id.clone())
        .collect();
    assert_eq!(damaged, vec![bad.id.clone()]);
    assert_eq!(
        page.entries
            .iter()
            .find(|e| e.id == bad.id)
            .expect("row")
            .first_line,
        ""
    );
    assert_eq!(
        Journal::of(&mut v).search("entry").expect("s").len(),
        1,
        "damaged text is not searchable"
    );
}

#[test]
fn a_sealed_body_copied_to_another_row_fails_to_open() {
    let (dir, mut v) = vault();
    let a = Journal::of(&mut v).create("entry A", t(1)).expect("a");
    let b = Journal::of(&mut v).create("entry B", t(2)).expect("b");
    {
        let conn = Connection::open(dir.path().join("confidant.db")).expect("db");
        conn.execute(
            "UPDATE journal_entries SET body = (SELECT body FROM journal_entries WHERE id = ?1) WHERE id = ?2",
            [&a.id, &b.id],
        )
        .expect("copy");
    }
    assert!(matches!(
        Journal::of(&mut v).get(&b.id),
        Err(Error::Integrity(_))
    ));
    assert_eq!(Journal::of(&mut v).get(&a.id).expect("a").body, "entry A");
}

#[test]
fn entries_survive_reopening() {
    let (dir, mut v) = vault();
    let a = Journal::of(&mut v).create("durable", t(1)).expect("a");
    drop(v);
    // A fresh process would see the same file: reopen from disk.
    let conn = Connection::open(dir.path().join("confidant.db")).expect("db");
    let n: i64 = conn
        .query_row("SELECT count(*) FROM journal_entries", [], |r| r.get(0))
        .expect("n");
    assert_eq!(n, 1);
    let body: Vec<u8> = conn
        .query_row("SELECT body FROM journal_entries", [], |r| r.get(0))
        .expect("b");
    assert!(!body.windows(7).any(|w| w == b"durable"), "stored sealed");
    assert_eq!(a.body, "durable");
}

/// Runs one SQL statement on the vault's file, as someone with the data
/// folder (but no keys) could.
fn edit_on_disk(dir: &tempfile::TempDir, sql: &str, id: &str) {
    let conn = Connection::open(dir.path().join("confidant.db")).expect("db");
    assert_eq!(conn.execute(sql, [id]).expect("edit"), 1, "{sql}");
}

#[test]
fn an_edited_timestamp_makes_that_entry_damaged_and_the_list_survives() {
    let (dir, mut v) = vault();
    let a = Journal::of(&mut v).create("First", t(1)).expect("a");
    let b = Journal::of(&mut v).create("Second", t(2)).expect("b");
    let c = Journal::of(&mut v).create("Third", t(3)).expect("c");
    // Move an entry in time, and one far out of chrono's range.
    edit_on_disk(
        &dir,
        "UPDATE journal_entries SET created_at = created_at - 86400000 WHERE id = ?1",
        &a.id,
    );
    edit_on_disk(
        &dir,
        "UPDATE journal_entries SET updated_at = 9223372036854775807 WHERE id = ?1",
        &b.id,
    );
    let page = Journal::of(&mut v)
        .list(0, 50)
        .expect("the list never fails as a whole");
    assert_eq!(page.total, 3);
    let damaged: Vec<&str> = page
        .entries
        .iter()
        .filter(|e| e.damaged)
        .map(|e| e.id.as_str())
        .collect();
    assert_eq!(damaged.len(), 2);
    assert!(damaged.contains(&a.id.as_str()) && damaged.contains(&b.id.as_str()));
    assert!(matches!(
        Journal::of(&mut v).get(&a.id),
        Err(Error::Integrity(_))
    ));
    assert_eq!(Journal::of(&mut v).get(&c.id).expect("c").body, "Third");
    // Search skips the damaged entries and finds the rest.
    let hits = Journal::of(&mut v).search("i").expect("search");
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].id, c.id);
}

#[test]
fn deleting_an_entry_wipes_the_write_ahead_log() {
    let (dir, mut v) = vault();
    let a = Journal::of(&mut v)
        .create("An entry to delete", t(1))
        .expect("a");
    let wal = dir.path().join("confidant.db-wal");
    assert!(std::fs::metadata(&wal).expect("wal").len() > 0);
    Journal::of(&mut v).delete(&a.id).expect("delete");
    assert_eq!(std::fs::metadata(&wal).expect("wal").len(), 0);
}
