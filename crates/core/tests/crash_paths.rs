//! Crash safety of the other write paths (the harness is
//! `tests/common/crash.rs`; journal, session records and the security log
//! have files of their own): hours (manual supervision entries created,
//! changed and deleted), backups (made while journal entries are written)
//! and calendar (.ics) import. A child process writing through the path is
//! killed with `SIGKILL` at random moments; after every kill the database
//! passes `PRAGMA integrity_check`, the vault unlocks, no acknowledged
//! write is lost and the one in flight is all or nothing.
//!
//! Reproduce a run with `CONFIDANT_CRASH_SEED=<seed printed>` and the
//! test's name. Pass/fail never depends on timing: the delays only choose
//! where the kill lands.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use common::crash::{self, CrashVault, InFlight, Rng};
use confidant_core::backup;
use confidant_core::hours::{Hours, ManualEntryInput, SupervisionForm};
use confidant_core::ics::{plan_import, Calendar, ImportCommit, ImportOptions};
use confidant_core::journal::Journal;
use confidant_core::people::{People, PersonKind, Relation};
use confidant_core::schedule::{Schedule, SessionKind};
use confidant_core::vault::{Role, Vault};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 6, 1, 9, 0, 0)
        .single()
        .expect("time")
}

fn add_person(v: &mut Vault) {
    People::of(v)
        .create(
            &common::person_input(PersonKind::Person, Relation::ISupervise, "Sam Okafor"),
            now(),
        )
        .expect("person");
}

fn the_person(v: &mut Vault) -> String {
    People::of(v).list().expect("people")[0].id.clone()
}

// ----- hours -------------------------------------------------------------------

const HOURS_CHILD: &str = "hours_crash_child";
/// Operations a run at most: each create takes a day of its own.
const HOURS_RUN_OPS: u64 = 1000;

/// The entry written as operation `seq` of run `run` (a day of its own,
/// counting back from the start of 2026, so entries never overlap).
fn hours_input(person: &str, run: u64, seq: u64, date: NaiveDate) -> ManualEntryInput {
    ManualEntryInput {
        person_id: person.to_string(),
        date,
        start: NaiveTime::from_hms_opt(9, 0, 0).expect("time"),
        minutes: 15 + (seq % 90) as i32,
        form: SupervisionForm::Individual,
        group_size: None,
        supervisor_name: "Dr Ines Alvarado".into(),
        licence_number: "LCSW 40211".into(),
        credential: "LCSW".into(),
        note: format!("r{run}s{seq}"),
    }
}

fn hours_date(run: u64, seq: u64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 1).expect("date")
        - Duration::days((run * HOURS_RUN_OPS + seq) as i64)
}

#[test]
fn hours_crash_child() {
    let Some(crash::Child {
        mut vault,
        run,
        seed,
        ..
    }) = crash::child(HOURS_CHILD, now())
    else {
        return;
    };
    let v = &mut vault;
    let person = the_person(v);
    let mut pool: Vec<(String, NaiveDate)> = Hours::of(v)
        .book(&person, now())
        .expect("book")
        .manual
        .into_iter()
        .map(|e| (e.id, e.date))
        .collect();
    let mut rng = Rng::new(seed);
    for seq in 0..HOURS_RUN_OPS {
        let roll = rng.below(100);
        if roll < 65 || pool.is_empty() {
            let date = hours_date(run, seq);
            crash::begin(&format!("create - {run} {seq}"));
            let book = Hours::of(v)
                .manual_create(&hours_input(&person, run, seq, date), now())
                .expect("create");
            let id = book
                .manual
                .iter()
                .find(|e| e.date == date)
                .expect("the new entry")
                .id
                .clone();
            crash::committed(&format!("create {id} {run} {seq}"));
            pool.push((id, date));
        } else if roll < 90 {
            let (id, date) = pool[rng.below(pool.len() as u64) as usize].clone();
            crash::begin(&format!("update {id} {run} {seq}"));
            Hours::of(v)
                .manual_update(&id, &hours_input(&person, run, seq, date), now())
                .expect("update");
            crash::committed(&format!("update {id} {run} {seq}"));
        } else {
            let (id, _) = pool.swap_remove(rng.below(pool.len() as u64) as usize);
            crash::begin(&format!("delete {id} {run} {seq}"));
            Hours::of(v)
                .manual_delete(&person, &id, now())
                .expect("delete");
            crash::committed(&format!("delete {id} {run} {seq}"));
        }
    }
    loop {
        std::thread::sleep(std::time::Duration::from_secs(1));
    }
}

#[test]
#[ignore = "reliability suite: scripts/test.sh runs it in a step of its own (cargo test -- --ignored)"]
fn sigkill_during_hours_entries_never_loses_an_acknowledged_write() {
    if crash::in_child() {
        return;
    }
    let seed = crash::seed("hours");
    let cv = CrashVault::new(Role::Supervisor, now(), add_person);
    // id → (note, minutes) that must be on disk.
    let mut model: BTreeMap<String, (String, u32)> = BTreeMap::new();
    let expected = |run: u64, seq: u64| (format!("r{run}s{seq}"), 15 + (seq % 90) as u32);
    crash::run(
        "hours",
        HOURS_CHILD,
        &cv,
        10,
        seed,
        (20, 300),
        now(),
        |kill, v| {
            let run = kill.run;
            for e in kill.acknowledged() {
                let id = e.fields[1].clone();
                match e.fields[0].as_str() {
                    "create" | "update" => {
                        model.insert(id, expected(e.num(2), e.num(3)));
                    }
                    _ => {
                        assert!(model.remove(&id).is_some(), "deleted a known entry");
                    }
                }
            }
            let person = the_person(v);
            let book = Hours::of(v)
                .book(&person, now())
                .expect("the hours book opens");
            assert_eq!(book.damaged, 0, "run {run}: no damaged row");
            let mut actual: BTreeMap<String, (String, u32)> = book
                .manual
                .into_iter()
                .map(|e| (e.id, (e.note, e.minutes)))
                .collect();
            let verdict = match kill.in_flight() {
                None => InFlight::None,
                Some(step) => {
                    let new = expected(step.num(2), step.num(3));
                    let landed = match step.fields[0].as_str() {
                        "create" => {
                            let extra: Vec<String> = actual
                                .keys()
                                .filter(|id| !model.contains_key(*id))
                                .cloned()
                                .collect();
                            assert!(extra.len() <= 1, "run {run}: unexpected entries");
                            extra.first().is_some_and(|id| {
                                assert_eq!(actual[id], new, "run {run}: the in-flight create");
                                model.insert(id.clone(), new.clone());
                                true
                            })
                        }
                        "update" => {
                            let id = &step.fields[1];
                            let now_there = actual
                                .get(id)
                                .expect("an entry being updated is never lost");
                            if *now_there == new {
                                model.insert(id.clone(), new);
                                true
                            } else {
                                false
                            }
                        }
                        _ => {
                            let id = &step.fields[1];
                            !actual.contains_key(id) && model.remove(id).is_some()
                        }
                    };
                    if landed {
                        InFlight::Landed
                    } else {
                        InFlight::NotLanded
                    }
                }
            };
            assert_eq!(
                actual.keys().collect::<Vec<_>>(),
                model.keys().collect::<Vec<_>>(),
                "run {run}: the entries differ from what was acknowledged"
            );
            for (id, want) in &model {
                assert_eq!(
                    actual.remove(id).as_ref(),
                    Some(want),
                    "run {run}: entry {id}"
                );
            }
            verdict
        },
    );
    println!(
        "crash[hours]: {} manual entries at the end, all intact",
        model.len()
    );
}

// ----- backups -----------------------------------------------------------------

const BACKUP_CHILD: &str = "backup_crash_child";
/// Backups kept in the folder (older ones are deleted after each backup).
const BACKUP_KEEP: u32 = 4;

fn backup_folder(vault_dir: &Path) -> PathBuf {
    vault_dir.with_file_name("backups")
}

/// The time a backup is made at (names are by the second, so each distinct).
fn backup_time(run: u64, seq: u64) -> DateTime<Utc> {
    now() + Duration::seconds((run * 100_000 + seq) as i64)
}

#[test]
fn backup_crash_child() {
    let Some(crash::Child {
        mut vault,
        dir,
        run,
        ..
    }) = crash::child(BACKUP_CHILD, now())
    else {
        return;
    };
    let folder = backup_folder(&dir);
    for seq in 0..1_000_000u64 {
        if seq % 2 == 0 {
            crash::begin(&format!("journal {run} {seq}"));
            Journal::of(&mut vault)
                .create(&format!("backup run {run} seq {seq}"), now())
                .expect("journal entry");
            crash::committed(&format!("journal {run} {seq}"));
        } else {
            crash::begin(&format!("backup {run} {seq}"));
            backup::create(&vault, &folder, BACKUP_KEEP, backup_time(run, seq)).expect("backup");
            crash::committed(&format!("backup {run} {seq}"));
        }
    }
}

#[test]
#[ignore = "reliability suite: scripts/test.sh runs it in a step of its own (cargo test -- --ignored)"]
fn sigkill_during_backups_leaves_no_half_backup_and_the_vault_intact() {
    if crash::in_child() {
        return;
    }
    let seed = crash::seed("backup");
    let cv = CrashVault::new(Role::Supervisor, now(), add_person);
    let folder = cv.sibling("backups");
    let mut journal: BTreeSet<String> = BTreeSet::new();
    let mut acked_backups: Vec<String> = Vec::new();
    let (mut verified, mut leftovers) = (0u64, 0u64);
    crash::run(
        "backup",
        BACKUP_CHILD,
        &cv,
        10,
        seed,
        (20, 400),
        now(),
        |kill, v| {
            let run = kill.run;
            for e in kill.acknowledged() {
                let (r, s) = (e.num(1), e.num(2));
                if e.fields[0] == "journal" {
                    journal.insert(format!("backup run {r} seq {s}"));
                } else {
                    acked_backups.push(backup::file_name(backup_time(r, s)));
                }
            }
            // The live vault: exactly the acknowledged entries, give or take
            // the one in flight.
            let page = Journal::of(v).list(0, 500).expect("journal");
            assert!(
                page.entries.iter().all(|e| !e.damaged),
                "run {run}: damaged entry"
            );
            let mut bodies = BTreeSet::new();
            for e in &page.entries {
                bodies.insert(Journal::of(v).get(&e.id).expect("entry opens").body);
            }
            let in_flight = kill.in_flight();
            let mut verdict = InFlight::None;
            if let Some(step) = in_flight.filter(|s| s.fields[0] == "journal") {
                let body = format!("backup run {} seq {}", step.num(1), step.num(2));
                verdict = if bodies.contains(&body) {
                    journal.insert(body);
                    InFlight::Landed
                } else {
                    InFlight::NotLanded
                };
            }
            assert_eq!(bodies, journal, "run {run}: the live journal");

            // The folder: every file with a backup's name is a whole backup
            // that verifies; the newest acknowledged ones are all there.
            let in_flight_name = in_flight
                .filter(|s| s.fields[0] == "backup")
                .map(|s| backup::file_name(backup_time(s.num(1), s.num(2))));
            let mut names = BTreeSet::new();
            leftovers = 0;
            for entry in std::fs::read_dir(&folder).expect("folder") {
                let name = entry
                    .expect("entry")
                    .file_name()
                    .to_string_lossy()
                    .into_owned();
                if backup::is_backup_name(&name) {
                    names.insert(name);
                } else {
                    // The temporary snapshot (and SQLite's journal of it).
                    assert!(
                        name.starts_with('.') && name.contains(".partial"),
                        "run {run}: unexpected file {name}"
                    );
                    leftovers += 1;
                }
            }
            // Only the last kill's temporary file (and its journal): the
            // next backup removes what earlier kills left.
            assert!(
                leftovers <= 2,
                "run {run}: {leftovers} temporary files; earlier kills' were not removed"
            );
            for name in &names {
                assert!(
                    acked_backups.contains(name) || in_flight_name.as_ref() == Some(name),
                    "run {run}: {name} was never made"
                );
                backup::verify_file(v, &folder.join(name))
                    .unwrap_or_else(|e| panic!("run {run}: {name} does not verify: {e}"));
                verified += 1;
            }
            for name in acked_backups.iter().rev().take(BACKUP_KEEP as usize - 1) {
                assert!(
                    names.contains(name),
                    "run {run}: acknowledged backup {name} is gone"
                );
            }
            if let Some(name) = in_flight_name {
                verdict = if names.contains(&name) {
                    acked_backups.push(name);
                    InFlight::Landed
                } else {
                    InFlight::NotLanded
                };
            }
            verdict
        },
    );
    println!(
        "crash[backup]: {} backups acknowledged; {verified} verifications of the files with a \
         backup's name after the kills, all whole; {leftovers} temporary .partial file(s) left \
         in the folder at the end, by the last kill only (the next backup removes them; never \
         under a backup's name, never listed or pruned as one)",
        acked_backups.len()
    );
}

// ----- calendar import ---------------------------------------------------------

const ICS_CHILD: &str = "ics_crash_child";
/// Events in each imported file.
const ICS_EVENTS: u64 = 3;

fn ics_options() -> ImportOptions {
    ImportOptions {
        home_time_zone: "Europe/London".into(),
        default_duration_minutes: 60,
    }
}

/// The file imported as operation `seq` of run `run`: three events whose
/// location names the import.
fn ics_file(run: u64, seq: u64) -> String {
    let mut text = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//crash test//EN\r\n");
    for k in 0..ICS_EVENTS {
        let day = 1 + (seq + k) % 28;
        text.push_str(&format!(
            "BEGIN:VEVENT\r\nUID:crash-{run}-{seq}-{k}@example.org\r\nDTSTAMP:20260101T000000Z\r\n\
             DTSTART:202607{day:02}T1{k}0000Z\r\nDTEND:202607{day:02}T1{k}3000Z\r\n\
             SUMMARY:Supervision\r\nLOCATION:r{run}s{seq}\r\nEND:VEVENT\r\n"
        ));
    }
    text.push_str("END:VCALENDAR\r\n");
    text
}

#[test]
fn ics_crash_child() {
    let Some(crash::Child { mut vault, run, .. }) = crash::child(ICS_CHILD, now()) else {
        return;
    };
    let person = the_person(&mut vault);
    let commit = ImportCommit {
        person_id: person,
        kind: SessionKind::Individual,
        options: ics_options(),
        skip: vec![],
    };
    for seq in 0..1_000_000u64 {
        let plan = plan_import(&ics_file(run, seq), &commit.options).expect("plan");
        crash::begin(&format!("{run} {seq}"));
        Calendar::of(&mut vault)
            .import_commit(&plan, &commit, now())
            .expect("import");
        crash::committed(&format!("{run} {seq}"));
    }
}

#[test]
#[ignore = "reliability suite: scripts/test.sh runs it in a step of its own (cargo test -- --ignored)"]
fn sigkill_during_calendar_imports_imports_each_file_whole_or_not_at_all() {
    if crash::in_child() {
        return;
    }
    let seed = crash::seed("calendar import");
    let cv = CrashVault::new(Role::Supervisor, now(), add_person);
    let mut imports: BTreeSet<String> = BTreeSet::new();
    crash::run(
        "calendar import",
        ICS_CHILD,
        &cv,
        8,
        seed,
        (20, 300),
        now(),
        |kill, v| {
            let run = kill.run;
            for e in kill.acknowledged() {
                imports.insert(format!("r{}s{}", e.num(0), e.num(1)));
            }
            let list = Schedule::of(v)
                .series_list(None)
                .expect("the schedule opens");
            assert!(list.damaged.is_empty(), "run {run}: damaged series");
            let mut per_file: BTreeMap<String, u64> = BTreeMap::new();
            for s in &list.series {
                *per_file.entry(s.location.clone()).or_default() += 1;
            }
            let verdict = match kill.in_flight() {
                None => InFlight::None,
                Some(step) => {
                    let name = format!("r{}s{}", step.num(0), step.num(1));
                    if per_file.contains_key(&name) {
                        imports.insert(name);
                        InFlight::Landed
                    } else {
                        InFlight::NotLanded
                    }
                }
            };
            assert_eq!(
                per_file.keys().cloned().collect::<BTreeSet<_>>(),
                imports,
                "run {run}: the imported files differ from what was acknowledged"
            );
            for (file, n) in &per_file {
                assert_eq!(*n, ICS_EVENTS, "run {run}: import {file} is not whole");
            }
            verdict
        },
    );
    println!(
        "crash[calendar import]: {} files imported, each whole ({} sessions)",
        imports.len(),
        imports.len() as u64 * ICS_EVENTS
    );
}
