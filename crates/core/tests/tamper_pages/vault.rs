//! The small vault whose bytes are flipped, and a row-by-row dump.

use std::path::Path;

use chrono::{Duration, NaiveDate};
use confidant_core::agreements::{Agreements, PartyDetails};
use confidant_core::audit::Audit;
use confidant_core::hours::Hours;
use confidant_core::journal::Journal;
use confidant_core::keychain::MemoryKeychain;
use confidant_core::people::PersonKind;
use confidant_core::records::Records;
use confidant_core::schedule::{
    OccurrenceKey, ReminderSetting, Schedule, SeriesInput, SessionKind, SessionStatus,
};
use confidant_core::store::DB_FILE;
use confidant_core::vault::{Role, Vault};

use super::reads::Ids;
use super::records_fixture::common::{manual_hours, CONFIG};
use super::records_fixture::{self, complete, day, now};

pub fn owner() -> PartyDetails {
    PartyDetails {
        name: "Dr Dana Whitfield".into(),
        professional_role: "Clinical supervisor".into(),
        organisation: "Whitfield Supervision".into(),
        licence_number: "LPC-S 77120".into(),
        licence_body: "Texas Behavioral Health Executive Council".into(),
    }
}

/// The vault: one of each, closed with its WAL checkpointed into the file.
pub fn make_vault(dir: &Path, keychain: &MemoryKeychain) -> (Ids, String) {
    let mut v = Vault::open(dir, Box::new(keychain.clone()), CONFIG, now()).expect("open");
    let s = v.begin_setup(&[Role::Supervisor]).expect("setup");
    v.confirm_setup(&s.recovery_code, now()).expect("confirm");
    let person = records_fixture::person(&mut v, "Sam Okafor", PersonKind::Person, vec![]);
    let journal = Journal::of(&mut v)
        .create(
            "Supervision today: the home visit, and what I felt on the doorstep.",
            now(),
        )
        .expect("journal")
        .id;
    let agreement = Agreements::of(&mut v)
        .create_draft(&person, &owner(), now())
        .expect("agreement")
        .id;
    let start = day(0).and_hms_opt(10, 0, 0).expect("time");
    let series = Schedule::of(&mut v)
        .create(
            &SeriesInput {
                person_id: person.clone(),
                kind: SessionKind::Individual,
                time_zone: "Europe/London".into(),
                start,
                end: start + Duration::hours(1),
                recurrence: None,
                location: "Room 4".into(),
                reminder: ReminderSetting::Default,
                calendar_code: String::new(),
            },
            now(),
        )
        .expect("series")
        .series[0]
        .id
        .clone();
    let key = OccurrenceKey {
        series_id: series,
        original_start: start,
    };
    Schedule::of(&mut v)
        .set_status(&key, SessionStatus::Held, now())
        .expect("held");
    let r = Records::of(&mut v).start(&key, now()).expect("record");
    Records::of(&mut v)
        .save_draft(&r.id, r.revision, &complete(day(0)), now())
        .expect("save");
    let date = NaiveDate::from_ymd_opt(2026, 2, 3).expect("date");
    Hours::of(&mut v)
        .manual_create(&manual_hours(&person, date, "Agency supervision"), now())
        .expect("hours");
    let audit_seq = i64::from(Audit::of(&mut v).list().expect("log").total);
    drop(v);
    let conn = rusqlite::Connection::open(dir.join(DB_FILE)).expect("db");
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .expect("checkpoint");
    drop(conn);
    (
        Ids {
            journal,
            person,
            agreement,
            record: r.id,
            audit_seq,
        },
        s.recovery_code,
    )
}

pub fn remove_wal(dir: &Path) {
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(dir.join(format!("{DB_FILE}{suffix}")));
    }
}

/// Every table's rows, as SQLite stores them (no decryption).
pub fn dump(path: &Path) -> Result<Vec<String>, String> {
    let conn =
        rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .map_err(|e| e.to_string())?;
    for table in tables {
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM \"{table}\""))
            .map_err(|e| e.to_string())?;
        let n = stmt.column_count();
        let mut rows = stmt.query([]).map_err(|e| e.to_string())?;
        while let Some(row) = rows.next().map_err(|e| e.to_string())? {
            let mut line = table.clone();
            for i in 0..n {
                let v = row.get_ref(i).map_err(|e| e.to_string())?;
                line.push_str(&format!("|{v:?}"));
            }
            out.push(line);
        }
    }
    out.sort();
    let schema: Vec<String> = conn
        .prepare("SELECT sql FROM sqlite_schema ORDER BY name")
        .and_then(|mut s| {
            s.query_map([], |r| Ok(format!("schema|{:?}", r.get_ref(0)?)))?
                .collect()
        })
        .map_err(|e| e.to_string())?;
    out.extend(schema);
    Ok(out)
}
