//! Backup verification opens every sealed value of every table.
//!
//! A vault with rows in many tables (a supervisee, a journal entry, an
//! agreement, a weekly series with a cancelled session, a held session's
//! record with action items, an hours entry, a confidentiality-exception
//! entry and its addendum, a contact note, goals, skills and a coaching
//! record, the settings and the security log) is backed up; then:
//! - every table of the backup with a sealed column (`body`, or
//!   `wrapped_key` of the data keys) has its entry in the census, so a table
//!   added later without an `open_all` in its store fails here; every value
//!   opens;
//! - one byte flipped in one goal's sealed body is counted as damaged in the
//!   table `goals` and nowhere else, and `verify_file` refuses the file
//!   naming that table;
//! - a table's SQL text edited in a copy (everything else intact, SQLite's
//!   integrity check still passing) is refused by `verify_file`;
//! - the same two edits made to the snapshot while a backup is made fail
//!   the check (the error names the table) and no file is kept.

#[path = "records_fixture/mod.rs"]
mod records_fixture;

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveTime};
use confidant_core::agreements::{Agreements, PartyDetails};
use confidant_core::backup;
use confidant_core::contacts::{ContactInput, ContactMode, Contacts};
use confidant_core::exception_log::{Discussed, ExceptionInput, ExceptionKind, ExceptionLog};
use confidant_core::goals::{GoalFields, GoalTerm, Goals};
use confidant_core::hours::Hours;
use confidant_core::journal::Journal;
use confidant_core::records::Records;
use confidant_core::schedule::{CancelInput, CancelledBy, Schedule};
use confidant_core::vault::Vault;
use confidant_core::Error;
use rusqlite::Connection;

use records_fixture::common::{flip_blob, manual_hours};
use records_fixture::{complete, day, now, World};

/// The rich vault and one backup of it, in `folder`.
fn backed_up(folder: &Path) -> (World, PathBuf) {
    let mut w = records_fixture::world(false);
    let person = w.person.clone();
    Journal::of(&mut w.v)
        .create("The home visit, and what I felt on the doorstep.", now())
        .expect("journal");
    let owner = PartyDetails {
        name: "Dr Dana Whitfield".into(),
        professional_role: "Clinical supervisor".into(),
        organisation: "Whitfield Supervision".into(),
        licence_number: "LPC-S 77120".into(),
        licence_body: "Texas Behavioral Health Executive Council".into(),
    };
    Agreements::of(&mut w.v)
        .create_draft(&person, &owner, now())
        .expect("agreement");
    w.hold(0);
    let record = Records::of(&mut w.v)
        .start(&w.keys[0], now())
        .expect("record");
    Records::of(&mut w.v)
        .save_draft(&record.id, record.revision, &complete(day(0)), now())
        .expect("save");
    Schedule::of(&mut w.v)
        .cancel(
            &w.keys[5],
            &CancelInput {
                by: CancelledBy::Supervisee,
                reason: "Unwell".into(),
                notice_hours: None,
            },
            now(),
        )
        .expect("cancel");
    let date = NaiveDate::from_ymd_opt(2026, 2, 3).expect("date");
    Hours::of(&mut w.v)
        .manual_create(&manual_hours(&person, date, "Agency supervision"), now())
        .expect("hours");
    let entry = ExceptionLog::of(&mut w.v)
        .record(
            &person,
            &ExceptionInput {
                date: day(1),
                kind: ExceptionKind::RiskOfHarm,
                concern: "Risk to a child".into(),
                shared: "The safety plan".into(),
                recipient_organisation: "Children's services".into(),
                recipient_role: "Duty social worker".into(),
                basis: "Safeguarding duty".into(),
                discussed: Discussed::Yes,
                discussed_how: "In supervision".into(),
                response: "Agreed".into(),
                outcome: "Referral made".into(),
            },
            now(),
        )
        .expect("exception");
    ExceptionLog::of(&mut w.v)
        .add_addendum(&entry.id, "The referral was acknowledged.", now())
        .expect("addendum");
    Contacts::of(&mut w.v)
        .create(
            &person,
            &ContactInput {
                date: day(1),
                time: NaiveTime::from_hms_opt(9, 15, 0),
                mode: ContactMode::Video,
                issue: "A call after a hard visit".into(),
                advice: "Debrief with the team".into(),
                risk_decision: "No immediate risk".into(),
                follow_up: "Next session".into(),
            },
            now(),
        )
        .expect("contact");
    let skills = Goals::of(&mut w.v).skills_list(now()).expect("skills");
    let fields = GoalFields {
        title: "Name the risk out loud".into(),
        description: "In every home visit debrief.".into(),
        term: GoalTerm::Long,
        target_date: Some(day(10)),
        skill_ids: vec![skills[0].id.clone()],
        check_in_weeks: 4,
    };
    Goals::of(&mut w.v)
        .create(Some(&person), &fields, now())
        .expect("goal");
    Goals::of(&mut w.v)
        .create(None, &fields, now())
        .expect("own goal");
    let report = backup::create(&w.v, folder, 3, now()).expect("backup");
    (w, folder.join(report.file_name))
}

/// The tables of `file` with a column holding sealed values: every `body`
/// and `wrapped_key`, but the key slots (sealed under the device key, the
/// passcode or the recovery code, which verification does not hold).
fn sealed_tables(file: &Path) -> Vec<String> {
    let conn = Connection::open(file).expect("open");
    let mut stmt = conn
        .prepare(
            "SELECT DISTINCT m.name FROM sqlite_master AS m, pragma_table_info(m.name) AS c
             WHERE m.type = 'table' AND upper(c.type) = 'BLOB'
               AND c.name IN ('body', 'wrapped_key') AND m.name <> 'keyslots'
             ORDER BY m.name",
        )
        .expect("tables");
    let names = stmt
        .query_map([], |r| r.get::<_, String>(0))
        .expect("query")
        .collect::<rusqlite::Result<Vec<_>>>()
        .expect("names");
    names
}

/// Every BLOB column of the schema is either known sealed (above) or one of
/// the few plaintext ones, so a new sealed column under another name is
/// noticed too.
fn other_blob_columns(file: &Path) -> Vec<String> {
    let conn = Connection::open(file).expect("open");
    let mut stmt = conn
        .prepare(
            "SELECT m.name || '.' || c.name FROM sqlite_master AS m, pragma_table_info(m.name) AS c
             WHERE m.type = 'table' AND upper(c.type) = 'BLOB'
               AND c.name NOT IN ('body', 'wrapped_key')
             ORDER BY 1",
        )
        .expect("columns");
    let names = stmt
        .query_map([], |r| r.get::<_, String>(0))
        .expect("query")
        .collect::<rusqlite::Result<Vec<_>>>()
        .expect("names");
    names
}

fn refusal(vault: &Vault, file: &Path) -> String {
    match backup::verify_file(vault, file) {
        Err(Error::BackupNotVerified(why)) => why,
        other => panic!("expected BackupNotVerified, got {other:?}"),
    }
}

#[test]
fn every_table_with_sealed_values_is_opened_and_all_of_them_open() {
    let folder = tempfile::tempdir().expect("tmp");
    let (w, file) = backed_up(folder.path());
    let census = backup::census_file(&w.v, &file).expect("census");

    let tables = sealed_tables(&file);
    assert!(tables.len() > 40, "the schema was read: {tables:?}");
    let missing: Vec<&String> = tables
        .iter()
        .filter(|t| !census.contains_key(t.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "tables with sealed values that backup verification does not open: {missing:?}"
    );
    let unknown: Vec<&&str> = census
        .keys()
        .filter(|t| !tables.iter().any(|n| n == **t))
        .collect();
    assert!(
        unknown.is_empty(),
        "census names unknown tables: {unknown:?}"
    );
    assert_eq!(
        other_blob_columns(&file),
        vec!["keyslots.salt".to_string()],
        "the only BLOB column not holding sealed values is the key slots' salt"
    );

    // Every value of every table opened, as many as the table has rows.
    let conn = Connection::open(&file).expect("open");
    let mut populated = Vec::new();
    for (table, o) in &census {
        let rows: u32 = conn
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .expect("count");
        assert_eq!((o.damaged, o.erased), (0, 0), "{table}: {o:?}");
        assert_eq!(o.opened, rows, "{table}: every row's value opened");
        if rows > 0 {
            populated.push(*table);
        }
    }
    for table in [
        "data_keys",
        "settings",
        "journal_entries",
        "people",
        "agreements",
        "session_series",
        "session_overrides",
        "session_records",
        "action_items",
        "hours_manual_entries",
        "exception_entries",
        "exception_addenda",
        "contact_notes",
        "skills",
        "goals",
        "audit_log",
        "audit_head",
    ] {
        assert!(
            populated.contains(&table),
            "{table} has rows: {populated:?}"
        );
    }

    let report = backup::verify_file(&w.v, &file).expect("verified");
    let sealed = report.sealed.expect("unlocked");
    assert_eq!(sealed.tables as usize, census.len() - 1, "data keys apart");
    assert_eq!(sealed.data_keys, census["data_keys"].opened);
    let values: u32 = census
        .iter()
        .filter(|(t, _)| **t != "data_keys")
        .map(|(_, o)| o.opened)
        .sum();
    assert_eq!(sealed.values, values);
    assert_eq!((sealed.already_damaged, sealed.erased), (0, 0));
}

#[test]
fn a_flipped_byte_in_one_goal_is_counted_in_the_goals_table_only_and_refused() {
    let folder = tempfile::tempdir().expect("tmp");
    let (w, file) = backed_up(folder.path());
    let before = backup::census_file(&w.v, &file).expect("census");
    let flips = tempfile::tempdir().expect("tmp");
    let flipped = flip_blob(
        &file,
        flips.path(),
        "goal.cfbackup",
        "SELECT body FROM goals WHERE person_id IS NOT NULL",
    );
    let after = backup::census_file(&w.v, &flipped).expect("census of the flipped copy");
    assert_eq!(after.len(), before.len());
    for (table, was) in &before {
        let now = after[table];
        if *table == "goals" {
            assert_eq!(now.opened, was.opened - 1);
            assert_eq!(now.damaged, 1);
        } else {
            assert_eq!(now, *was, "{table} is untouched");
        }
    }
    assert_eq!(
        refusal(&w.v, &flipped),
        "1 sealed value in the copy's table goals does not open"
    );

    // Two tables at once: both are named.
    let both = flip_blob(
        &flipped,
        flips.path(),
        "goal-and-hours.cfbackup",
        "SELECT body FROM hours_manual_entries",
    );
    assert_eq!(
        refusal(&w.v, &both),
        "sealed values in 2 of the copy's tables do not open: 1 in goals, 1 in hours_manual_entries"
    );
}

#[test]
fn an_edited_table_definition_in_a_backup_is_refused() {
    let folder = tempfile::tempdir().expect("tmp");
    let (w, file) = backed_up(folder.path());
    let flips = tempfile::tempdir().expect("tmp");
    let edited = flips.path().join("schema.cfbackup");
    std::fs::copy(&file, &edited).expect("copy");
    {
        let conn = Connection::open(&edited).expect("open");
        let sql: String = conn
            .query_row(
                "SELECT sql FROM sqlite_master WHERE name = 'settings'",
                [],
                |r| r.get(0),
            )
            .expect("sql");
        assert!(sql.contains("CHECK (id = 1)"), "{sql}");
        // The same length, so the page stays valid: one settings row
        // becomes many possible ones.
        let loose = sql.replace("CHECK (id = 1)", "CHECK (id > 0)");
        conn.execute_batch("PRAGMA writable_schema = ON;")
            .expect("writable");
        conn.execute(
            "UPDATE sqlite_master SET sql = ?1 WHERE name = 'settings'",
            [&loose],
        )
        .expect("edit the definition");
        conn.execute_batch("PRAGMA writable_schema = OFF;")
            .expect("done");
        let ok: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .expect("check");
        assert_eq!(ok, "ok", "SQLite alone accepts the edited file");
    }
    assert_eq!(
        refusal(&w.v, &edited),
        "the copy's table definitions differ from the vault's"
    );
    // The untouched backup still verifies.
    backup::verify_file(&w.v, &file).expect("the original verifies");
}

#[test]
fn a_snapshot_tampered_while_the_backup_is_made_names_the_table_and_is_not_kept() {
    let folder = tempfile::tempdir().expect("tmp");
    let (w, _) = backed_up(folder.path());
    let fresh = tempfile::tempdir().expect("tmp");
    let flip_goal = |p: &Path| -> confidant_core::Result<()> {
        let dir = p.parent().expect("folder");
        let flipped = flip_blob(p, dir, "flipped.tmp", "SELECT body FROM goals LIMIT 1");
        std::fs::rename(&flipped, p)?;
        Ok(())
    };
    let err = backup::create_checked(&w.v, fresh.path(), 3, now(), flip_goal)
        .expect_err("a goal does not open in the copy");
    match err {
        Error::BackupNotVerified(why) => assert_eq!(
            why,
            "1 sealed value in the copy's table goals does not open"
        ),
        other => panic!("expected BackupNotVerified, got {other:?}"),
    }
    let err = backup::create_checked(&w.v, fresh.path(), 3, now(), |p| {
        let conn = Connection::open(p).expect("open");
        conn.execute_batch(
            "PRAGMA writable_schema = ON;
             UPDATE sqlite_master SET sql = replace(sql, 'CHECK (id = 1)', 'CHECK (id > 0)')
              WHERE name = 'settings';
             PRAGMA writable_schema = OFF;",
        )
        .expect("edit the definition");
        Ok(())
    })
    .expect_err("an edited definition");
    match err {
        Error::BackupNotVerified(why) => {
            assert_eq!(why, "the copy's table definitions differ from the vault's")
        }
        other => panic!("expected BackupNotVerified, got {other:?}"),
    }
    let left: Vec<_> = std::fs::read_dir(fresh.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert!(left.is_empty(), "no file is kept: {left:?}");
}

#[test]
fn an_erased_persons_kept_rows_are_counted_apart_and_do_not_fail_the_check() {
    let folder = tempfile::tempdir().expect("tmp");
    let (mut w, _) = backed_up(folder.path());
    let person = w.person.clone();
    records_fixture::common::erase(&mut w.v, &person, "Sam Supervisee", now()).expect("erase");
    let after = tempfile::tempdir().expect("tmp");
    let report = backup::create(&w.v, after.path(), 3, now()).expect("backup after erasure");
    let sealed = report.verified.sealed.expect("unlocked");
    // The exception-log entry, its addendum and the person's row stay,
    // sealed under the destroyed key.
    assert_eq!(sealed.erased, 3, "{sealed:?}");
    assert_eq!(sealed.already_damaged, 0);
    let file = after.path().join(&report.file_name);
    let census = backup::census_file(&w.v, &file).expect("census");
    for table in [
        "people",
        "exception_entries",
        "exception_addenda",
        "data_keys",
    ] {
        assert_eq!(census[table].erased, 1, "{table}: {:?}", census[table]);
        assert_eq!(census[table].damaged, 0, "{table}");
    }
    let again = backup::verify_file(&w.v, &file).expect("a file with erased rows verifies");
    assert_eq!(again.sealed, Some(sealed));
}
