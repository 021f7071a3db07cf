//! Tamper, page by page: a small vault holding a journal entry, a person, an
//! agreement, a session record and an hours entry has one byte flipped at a
//! time — three offsets in every 4 KiB page of the database file (the page
//! header area, the middle, near the end), the file restored between flips.
//! After each flip the vault is opened and everything is read through the
//! domain APIs, inside `catch_unwind`: every read must return the original
//! value or an error (the vault refused as damaged, or the record reported
//! as damaged); never different content, never a panic.
//!
//! The same for a backup file: each flipped copy goes through
//! `stage_restore` (the restore's checks) and `backup::verify_file` (the
//! backup check). A copy both accept is then compared with the original
//! row by row through SQLite: if every table's rows are the same, the
//! flipped byte was unused (free space in a page) and is counted as such;
//! otherwise the copy is restored into a new data folder with the recovery
//! code and read through the domain APIs like the live vault: original or
//! an error, never different content.
//!
//! Figures are printed on lines starting `RELIABILITY tamper`.

mod records_fixture;

use std::collections::{BTreeMap, BTreeSet};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use chrono::{Duration, NaiveDate, NaiveTime};
use confidant_core::agreements::{Agreements, PartyDetails};
use confidant_core::audit::Audit;
use confidant_core::backup;
use confidant_core::hours::{Hours, ManualEntryInput, SupervisionForm};
use confidant_core::journal::Journal;
use confidant_core::keychain::MemoryKeychain;
use confidant_core::people::{People, PersonKind};
use confidant_core::records::Records;
use confidant_core::schedule::{
    OccurrenceKey, ReminderSetting, Schedule, SeriesInput, SessionKind, SessionStatus,
};
use confidant_core::store::DB_FILE;
use confidant_core::vault::{Role, Vault};
use records_fixture::common::CONFIG;
use records_fixture::{complete, day, now};

const PAGE: usize = 4096;

/// What was written, by id.
struct Ids {
    journal: String,
    person: String,
    agreement: String,
    record: String,
    /// Entries in the security log when the vault was made (each unlock
    /// adds one; those are not compared).
    audit_seq: i64,
}

/// One read: its label and what it gave (a comparable text) or the error.
type Reads = Vec<(&'static str, Result<String, String>)>;

fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("serialise")
}

/// Reads everything through the domain APIs. Damage reported inside a list
/// (a `damaged` flag or count) is an error for that read.
fn read_all(v: &mut Vault, ids: &Ids) -> Reads {
    let e = |err: confidant_core::Error| err.to_string();
    let mut out: Reads = Vec::new();
    out.push((
        "journal list",
        Journal::of(v).list(0, 100).map_err(e).and_then(|p| {
            if p.entries.iter().any(|x| x.damaged) {
                Err("an entry is reported damaged".into())
            } else {
                Ok(json(&p))
            }
        }),
    ));
    out.push((
        "journal entry",
        Journal::of(v)
            .get(&ids.journal)
            .map(|x| json(&x))
            .map_err(e),
    ));
    out.push((
        "people list",
        People::of(v).list().map_err(e).and_then(|l| {
            if l.iter().any(|x| x.damaged) {
                Err("a person is reported damaged".into())
            } else {
                Ok(json(&l))
            }
        }),
    ));
    out.push((
        "person",
        People::of(v).get(&ids.person).map(|x| json(&x)).map_err(e),
    ));
    out.push((
        "agreement",
        Agreements::of(v)
            .get(&ids.agreement)
            .map(|x| json(&x))
            .map_err(e),
    ));
    out.push((
        "session record",
        Records::of(v)
            .get(&ids.record, None)
            .map(|x| json(&x))
            .map_err(e),
    ));
    out.push((
        "hours",
        Hours::of(v)
            .book(&ids.person, now())
            .map_err(e)
            .and_then(|b| {
                if b.damaged > 0 {
                    Err("an hours row is reported damaged".into())
                } else {
                    Ok(json(&b.manual))
                }
            }),
    ));
    out.push((
        "sessions",
        Schedule::of(v)
            .occurrences(
                now() - Duration::days(190),
                now() + Duration::days(190),
                Some(&ids.person),
            )
            .map_err(e)
            .and_then(|l| {
                if l.damaged_series.is_empty() && l.damaged_sessions.is_empty() {
                    Ok(json(&l.occurrences))
                } else {
                    Err("a session is reported damaged".into())
                }
            }),
    ));
    out.push((
        "security log",
        Audit::of(v)
            .list()
            .map_err(e)
            .and_then(|l| match l.problem {
                Some(problem) => Err(problem),
                None => Ok(json(
                    &l.entries
                        .iter()
                        .filter(|x| x.seq <= ids.audit_seq)
                        .collect::<Vec<_>>(),
                )),
            }),
    ));
    out.push((
        "schedule",
        Schedule::of(v)
            .series_list(Some(&ids.person))
            .map_err(e)
            .and_then(|l| {
                if l.damaged.is_empty() {
                    Ok(json(&l.series))
                } else {
                    Err("a series is reported damaged".into())
                }
            }),
    ));
    out
}

/// Opens the vault in `dir` with `keychain` and reads everything; a vault
/// that will not open or unlock is one error for every read.
fn open_and_read(dir: &Path, keychain: &MemoryKeychain, ids: &Ids, n: usize) -> Reads {
    let opened = Vault::open(dir, Box::new(keychain.clone()), CONFIG, now())
        .and_then(|mut v| v.unlock(None, now()).map(|_| v));
    match opened {
        Ok(mut v) => read_all(&mut v, ids),
        Err(err) => vec![("vault", Err(err.to_string())); n],
    }
}

#[derive(Default)]
struct Tally {
    flips: u64,
    all_original: u64,
    with_errors: u64,
    reads_original: u64,
    reads_errored: u64,
    /// Reads that differ from the original, in a file `PRAGMA
    /// integrity_check` reports damaged (a row missing from a list because
    /// an index entry was flipped): detectable, but not reported by the read.
    reads_differ_detectable: u64,
    flips_differ_detectable: u64,
    /// Reads that differ in a file integrity_check passes: never allowed.
    garbage: u64,
    panics: u64,
}

impl Tally {
    /// Counts one flip's reads against the original. `file_damaged` runs
    /// `PRAGMA integrity_check` on the file read (only when a read differs).
    fn count(
        &mut self,
        flip: &str,
        reads: &Reads,
        original: &Reads,
        file_damaged: impl Fn() -> bool,
    ) {
        self.flips += 1;
        let (mut errors, mut differ) = (0, 0);
        for ((label, got), (_, want)) in reads.iter().zip(original) {
            match got {
                Ok(text) if Ok(text) == want.as_ref() => self.reads_original += 1,
                Ok(text) => {
                    differ += 1;
                    let want = want.as_ref().map(String::as_str).unwrap_or_default();
                    let at = text
                        .bytes()
                        .zip(want.bytes())
                        .position(|(a, b)| a != b)
                        .unwrap_or(text.len().min(want.len()));
                    let from = at.saturating_sub(40);
                    println!(
                        "  read differs at {flip}: {label}: got …{}… expected …{}…",
                        text.get(from..(at + 40).min(text.len())).unwrap_or("?"),
                        want.get(from..(at + 40).min(want.len())).unwrap_or("?")
                    );
                }
                Err(_) => {
                    self.reads_errored += 1;
                    errors += 1;
                }
            }
        }
        if differ > 0 {
            if file_damaged() {
                self.reads_differ_detectable += differ;
                self.flips_differ_detectable += 1;
                println!("  … and PRAGMA integrity_check reports the file damaged");
            } else {
                self.garbage += differ;
                eprintln!("GARBAGE at {flip}: integrity_check passes the file");
            }
        } else if errors == 0 {
            self.all_original += 1;
        } else {
            self.with_errors += 1;
        }
    }
}

fn integrity_damaged(db: &Path) -> bool {
    let Ok(conn) = rusqlite::Connection::open(db) else {
        return true;
    };
    conn.query_row("PRAGMA integrity_check", [], |r| r.get::<_, String>(0))
        .map_or(true, |ok| ok != "ok")
}

/// The three offsets flipped in page `p`: in the page header area (after
/// the 100-byte file header on page 1), the middle, near the end.
fn offsets(p: usize) -> [usize; 3] {
    let start = p * PAGE;
    let header = if p == 0 { 100 } else { 0 };
    [start + header + 3, start + PAGE / 2, start + PAGE - 20]
}

fn owner() -> PartyDetails {
    PartyDetails {
        name: "Dr Dana Whitfield".into(),
        professional_role: "Clinical supervisor".into(),
        organisation: "Whitfield Supervision".into(),
        licence_number: "LPC-S 77120".into(),
        licence_body: "Texas Behavioral Health Executive Council".into(),
    }
}

/// The vault: one of each, closed with its WAL checkpointed into the file.
fn make_vault(dir: &Path, keychain: &MemoryKeychain) -> (Ids, String) {
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
    Hours::of(&mut v)
        .manual_create(
            &ManualEntryInput {
                person_id: person.clone(),
                date: NaiveDate::from_ymd_opt(2026, 2, 3).expect("date"),
                start: NaiveTime::from_hms_opt(9, 0, 0).expect("time"),
                minutes: 60,
                form: SupervisionForm::Individual,
                group_size: None,
                supervisor_name: "Dr Ines Alvarado".into(),
                licence_number: "LCSW 40211".into(),
                credential: "LCSW".into(),
                note: "Agency supervision".into(),
            },
            now(),
        )
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

fn remove_wal(dir: &Path) {
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(dir.join(format!("{DB_FILE}{suffix}")));
    }
}

#[test]
#[ignore = "reliability suite: scripts/test.sh runs it in a step of its own (cargo test -- --ignored)"]
fn every_flipped_byte_of_the_database_reads_as_the_original_or_an_error() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("vault");
    let keychain = MemoryKeychain::new();
    let (ids, _) = make_vault(&dir, &keychain);
    remove_wal(&dir);
    let db = dir.join(DB_FILE);
    let pristine = std::fs::read(&db).expect("db bytes");
    assert_eq!(pristine.len() % PAGE, 0, "4 KiB pages");
    let pages = pristine.len() / PAGE;

    let original = {
        let mut v = Vault::open(&dir, Box::new(keychain.clone()), CONFIG, now()).expect("open");
        v.unlock(None, now()).expect("unlock");
        let reads = read_all(&mut v, &ids);
        for (label, r) in &reads {
            assert!(r.is_ok(), "{label} reads before any flip: {r:?}");
        }
        reads
    };

    let mut t = Tally::default();
    for p in 0..pages {
        for off in offsets(p) {
            let mut bytes = pristine.clone();
            bytes[off] ^= 0xFF;
            remove_wal(&dir);
            std::fs::write(&db, &bytes).expect("write the flipped file");
            let flip = format!("page {p} byte {off}");
            match catch_unwind(AssertUnwindSafe(|| {
                open_and_read(&dir, &keychain, &ids, original.len())
            })) {
                Ok(reads) => t.count(&flip, &reads, &original, || integrity_damaged(&db)),
                Err(_) => {
                    t.flips += 1;
                    t.panics += 1;
                    eprintln!("PANIC at {flip}");
                }
            }
        }
    }
    remove_wal(&dir);
    std::fs::write(&db, &pristine).expect("restore");

    println!(
        "RELIABILITY tamper[database]: {pages} pages x 3 offsets = {} flips; {} read everything \
         as the original, {} reported an error (vault refused or a record reported damaged); \
         {} read a list missing a row with no error (a flipped index entry: PRAGMA \
         integrity_check reports the file damaged each time, the app's reads do not); reads: {} \
         original, {} errors, {} missing a row, {} garbage (different content in a file \
         integrity_check passes); {} panics",
        t.flips,
        t.all_original,
        t.with_errors,
        t.flips_differ_detectable,
        t.reads_original,
        t.reads_errored,
        t.reads_differ_detectable,
        t.garbage,
        t.panics
    );
    assert_eq!(t.flips, (pages * 3) as u64);
    assert_eq!(
        t.all_original + t.with_errors + t.flips_differ_detectable,
        t.flips,
        "every flip is counted once"
    );
    assert_eq!(
        t.garbage, 0,
        "a flipped byte was read back as different content"
    );
    assert_eq!(t.panics, 0, "reading a flipped database panicked");
    assert!(
        t.with_errors > 0,
        "some flips are detected (the test can fail)"
    );
}

/// Every table's rows, as SQLite stores them (no decryption).
fn dump(path: &Path) -> Result<Vec<String>, String> {
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

#[test]
#[ignore = "reliability suite: scripts/test.sh runs it in a step of its own (cargo test -- --ignored)"]
fn every_flipped_byte_of_a_backup_is_refused_unused_or_reported_on_reading() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("vault");
    let keychain = MemoryKeychain::new();
    let (ids, code) = make_vault(&dir, &keychain);
    let folder = tmp.path().join("backups");
    std::fs::create_dir_all(&folder).expect("folder");
    let mut live = Vault::open(&dir, Box::new(keychain.clone()), CONFIG, now()).expect("open");
    live.unlock(None, now()).expect("unlock");
    let original = read_all(&mut live, &ids);
    let report = backup::create(&live, &folder, 3, now()).expect("backup");
    let good = folder.join(&report.file_name);
    let pristine = std::fs::read(&good).expect("backup bytes");
    let pristine_dump = dump(&good).expect("dump the good backup");
    let pages = pristine.len() / PAGE;
    // Flipped copies go elsewhere, under a backup's name.
    let flips_dir = tmp.path().join("flipped");
    std::fs::create_dir_all(&flips_dir).expect("dir");
    let copy: PathBuf = flips_dir.join(&report.file_name);
    let empty_dir = tmp.path().join("empty");
    let stager = Vault::open(&empty_dir, Box::new(MemoryKeychain::new()), CONFIG, now())
        .expect("a vault with no data yet");

    let (mut refused_stage, mut refused_check, mut unused, mut reported) = (0u64, 0u64, 0u64, 0u64);
    // Accepted flips that changed rows no read shows, by table.
    let mut silent: BTreeMap<String, u64> = BTreeMap::new();
    let mut t = Tally::default();
    for p in 0..pages {
        for off in offsets(p) {
            let mut bytes = pristine.clone();
            bytes[off] ^= 0xFF;
            std::fs::write(&copy, &bytes).expect("write the flipped copy");
            let flip = format!("backup page {p} byte {off}");
            let outcome = catch_unwind(AssertUnwindSafe(|| {
                if stager.stage_restore(&copy).is_err() {
                    return Outcome::Stage;
                }
                if backup::verify_file(&live, &copy).is_err() {
                    return Outcome::Check;
                }
                match dump(&copy) {
                    Ok(d) if d == pristine_dump => Outcome::Unused,
                    Ok(d) => Outcome::Accepted(
                        d.iter()
                            .filter(|l| !pristine_dump.contains(l))
                            .map(|l| l.split('|').next().unwrap_or("?").to_string())
                            .collect::<BTreeSet<_>>()
                            .into_iter()
                            .collect::<Vec<_>>()
                            .join("+"),
                    ),
                    Err(e) => Outcome::Accepted(format!("unreadable row ({e})")),
                }
            }));
            let tables = match outcome {
                Err(_) => {
                    t.panics += 1;
                    eprintln!("PANIC at {flip}");
                    continue;
                }
                Ok(Outcome::Stage) => {
                    refused_stage += 1;
                    continue;
                }
                Ok(Outcome::Check) => {
                    refused_check += 1;
                    continue;
                }
                Ok(Outcome::Unused) => {
                    unused += 1;
                    continue;
                }
                Ok(Outcome::Accepted(tables)) => tables,
            };
            // Accepted with different rows: restore it into a new data
            // folder with the recovery code and read everything.
            let target = tmp.path().join(format!("restored-{p}-{off}"));
            let kc = MemoryKeychain::new();
            let reads = catch_unwind(AssertUnwindSafe(|| {
                let mut v = Vault::open(&target, Box::new(kc.clone()), CONFIG, now())
                    .expect("open the new folder");
                let result = v
                    .stage_restore(&copy)
                    .and_then(|staged| v.restore(&staged, &code, false, now()));
                match result {
                    Ok(_) => read_all(&mut v, &ids),
                    Err(err) => vec![("restore", Err(err.to_string())); original.len()],
                }
            }));
            match reads {
                Ok(reads) => {
                    let before = (t.with_errors, t.all_original);
                    t.count(&flip, &reads, &original, || {
                        integrity_damaged(&target.join(DB_FILE))
                    });
                    if t.with_errors > before.0 {
                        reported += 1;
                    } else if t.all_original > before.1 {
                        *silent.entry(tables).or_insert(0u64) += 1;
                    }
                }
                Err(_) => {
                    t.panics += 1;
                    eprintln!("PANIC reading the restored {flip}");
                }
            }
            let _ = std::fs::remove_dir_all(&target);
        }
    }
    let total = (pages * 3) as u64;
    let silent_total: u64 = silent.values().sum();
    println!(
        "RELIABILITY tamper[backup]: {pages} pages x 3 offsets = {total} flips; refused: \
         {refused_stage} by the restore's checks (stage_restore), {refused_check} by the backup \
         check (verify_file); {unused} flipped an unused byte (every table's rows identical to \
         the original backup); accepted with a changed row: {reported} reported as damage when \
         read after a restore, {silent_total} changed a row no read shows ({silent:?}), {} \
         read different content in a file integrity_check passes, {} read differently with \
         integrity_check reporting the restored file; {} panics",
        t.garbage, t.flips_differ_detectable, t.panics
    );
    assert_eq!(
        refused_stage
            + refused_check
            + unused
            + reported
            + silent_total
            + t.flips_differ_detectable
            + t.panics
            + u64::from(t.garbage > 0),
        total,
        "every flip is counted once"
    );
    assert_eq!(
        t.garbage, 0,
        "a flipped backup was read back as different content"
    );
    assert_eq!(t.panics, 0, "a flipped backup made Confidant panic");
    assert!(
        refused_stage + refused_check > 0,
        "some flips are refused (the test can fail)"
    );
}

/// What the backup checks made of one flipped copy.
enum Outcome {
    Stage,
    Check,
    Unused,
    /// Accepted, with rows of these tables changed.
    Accepted(String),
}
