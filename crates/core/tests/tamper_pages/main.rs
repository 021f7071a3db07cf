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
//! backup check, which opens every sealed value of every table and compares
//! the table definitions with the vault's). A copy both accept is then
//! compared with the original row by row through SQLite: if every table's
//! rows are the same, the flipped byte was unused (free space in a page) and
//! is counted as such; otherwise the copy is restored into a new data folder
//! with the recovery code and read through the domain APIs like the live
//! vault: original or an error, never different content. A flip that the
//! backup check accepts and a read after the restore reports is a flip the
//! check should have caught: there must be none, and no flip of the schema
//! text may be accepted. The one kind of row a flip may change unnoticed is
//! a key slot (sealed under the device key or a code the check does not
//! hold; a restore replaces the device slot and needs the recovery code).
//!
//! Figures are printed on lines starting `RELIABILITY tamper`.

mod reads;
#[path = "../records_fixture/mod.rs"]
mod records_fixture;
mod vault;

use std::collections::{BTreeMap, BTreeSet};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;

use confidant_core::backup;
use confidant_core::keychain::MemoryKeychain;
use confidant_core::store::DB_FILE;
use confidant_core::vault::Vault;
use reads::{integrity_damaged, open_and_read, read_all, Tally};
use records_fixture::common::CONFIG;
use records_fixture::now;
use vault::{dump, make_vault, remove_wal};

const PAGE: usize = 4096;

/// The three offsets flipped in page `p`: in the page header area (after
/// the 100-byte file header on page 1), the middle, near the end.
fn offsets(p: usize) -> [usize; 3] {
    let start = p * PAGE;
    let header = if p == 0 { 100 } else { 0 };
    [start + header + 3, start + PAGE / 2, start + PAGE - 20]
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
         {} read a list missing a row with no error of its own (a flipped index entry: \
         the app's whole-file check, file_check::check_file, reports the file damaged each \
         time and the app shows it on every screen); reads: {} \
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
         check (verify_file: every sealed value opened, the table definitions compared); \
         {unused} flipped an unused byte (every table's rows identical to the original backup); \
         accepted with a changed row: {reported} reported as damage when read after a restore \
         (must be 0), {silent_total} changed a row no read shows ({silent:?}; a key slot is \
         sealed under a key the check does not hold), {} \
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
    assert_eq!(
        reported, 0,
        "a flipped sealed value passed the backup check and was found only after a restore"
    );
    assert!(
        silent.keys().all(|tables| tables == "keyslots"),
        "a flip accepted by the backup check changed more than a key slot: {silent:?}"
    );
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
