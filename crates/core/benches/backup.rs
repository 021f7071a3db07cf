//! Backup benchmark: `cargo bench -p confidant-core --bench backup`.
//!
//! A program, not a test: it prints a table and always exits 0. It fills a
//! vault on disk with the journal benchmark's load (10,000 entries of ~2 KB,
//! one durable commit each; `CONFIDANT_BENCH_SIZES=1000` for a quick run),
//! then measures, in the same run and on the same disk, the median of
//! [`ROUNDS`] of:
//!
//! - a backup made while locked (`VACUUM INTO`, sync, the checks without
//!   keys, rename, sync the folder);
//! - a backup made while unlocked (the same, plus opening the data keys,
//!   the settings, the journal entries and people in the vault and in the
//!   copy, and comparing the counts);
//! - a plain file copy of the same database file, synced (the baseline).
#![allow(clippy::disallowed_methods)] // a test or benchmark may read the clock; the library may not

use std::fs::File;
use std::path::Path;
use std::time::{Duration, Instant};

use chrono::{DateTime, Duration as Span, Utc};
use confidant_core::backup;
use confidant_core::crypto::KdfParams;
use confidant_core::journal::Journal;
use confidant_core::keychain::MemoryKeychain;
use confidant_core::store::DB_FILE;
use confidant_core::vault::{Role, Vault, VaultConfig};

const ROUNDS: usize = 5;
const WORDS: &[&str] = &[
    "supervision",
    "reflection",
    "boundary",
    "caseload",
    "visit",
    "parallel",
    "process",
    "theory",
    "family",
    "risk",
    "feeling",
    "pattern",
    "practice",
    "team",
    "support",
];

fn body(seed: &mut u64) -> String {
    let mut out = String::with_capacity(2_100);
    while out.len() < 2_000 {
        *seed ^= *seed << 13;
        *seed ^= *seed >> 7;
        *seed ^= *seed << 17;
        out.push_str(WORDS[(*seed % WORDS.len() as u64) as usize]);
        out.push(if *seed % 17 == 0 { '\n' } else { ' ' });
    }
    out
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn plain_copy(from: &Path, to: &Path) -> Duration {
    let t = Instant::now();
    std::fs::copy(from, to).expect("copy");
    File::open(to).expect("open").sync_all().expect("sync");
    t.elapsed()
}

fn main() {
    let n: usize = std::env::var("CONFIDANT_BENCH_SIZES")
        .ok()
        .and_then(|s| s.split(',').next().and_then(|v| v.trim().parse().ok()))
        .unwrap_or(10_000);
    let base = tempfile::tempdir().expect("tmp");
    let data = base.path().join("vault");
    let t0: DateTime<Utc> = DateTime::from_timestamp(1_796_029_200, 0).expect("time");
    let config = VaultConfig {
        kdf: KdfParams::INSECURE_FOR_TESTS,
    };
    let mut vault = Vault::open(&data, Box::new(MemoryKeychain::new()), config, t0).expect("open");
    let s = vault.begin_setup(&[Role::Supervisor]).expect("setup");
    vault.confirm_setup(&s.recovery_code, t0).expect("confirm");

    eprintln!("populating {n} journal entries (one durable commit each)…");
    let fill = Instant::now();
    let mut seed = 0x0123_4567_89AB_CDEFu64;
    for i in 0..n {
        Journal::of(&mut vault)
            .create(&body(&mut seed), t0 + Span::seconds(i as i64))
            .expect("create");
    }
    let population = fill.elapsed();
    vault.lock(); // checkpoints the WAL into the file, so the plain copy is whole
    let db = data.join(DB_FILE);
    let db_bytes = std::fs::metadata(&db).expect("db").len();

    let folder = base.path().join("backups");
    std::fs::create_dir(&folder).expect("folder");
    let copies = base.path().join("copies");
    std::fs::create_dir(&copies).expect("copies");
    let mut at = t0 + Span::days(1);
    let (mut locked, mut unlocked, mut plain) = (Vec::new(), Vec::new(), Vec::new());
    let mut backup_bytes = 0;
    for round in 0..ROUNDS {
        plain.push(plain_copy(&db, &copies.join(format!("copy-{round}.db"))));

        let t = Instant::now();
        let r = backup::create(&vault, &folder, 365, at).expect("locked backup");
        locked.push(t.elapsed());
        assert!(r.verified.sealed.is_none());
        backup_bytes = r.bytes;
        at += Span::minutes(1);

        vault.unlock(None, at).expect("unlock");
        let t = Instant::now();
        let r = backup::create(&vault, &folder, 365, at).expect("unlocked backup");
        unlocked.push(t.elapsed());
        let sealed = r.verified.sealed.expect("keys checked");
        assert_eq!(sealed.already_damaged, 0);
        assert!(
            sealed.values as usize > n,
            "every entry, the settings, the log"
        );
        vault.lock();
        at += Span::minutes(1);
    }
    let (locked, unlocked, plain) = (median(locked), median(unlocked), median(plain));
    println!("Backup of a vault with {n} journal entries (~2 KB each), median of {ROUNDS}");
    println!(
        "  database file            {:>10.1} MB (populated in {:.1} s)",
        db_bytes as f64 / 1e6,
        population.as_secs_f64()
    );
    println!(
        "  backup file              {:>10.1} MB",
        backup_bytes as f64 / 1e6
    );
    println!("  plain file copy + fsync  {:>13}", ms(plain));
    println!(
        "  backup, locked           {:>13}  ({:.1}× the plain copy; snapshot, sync, SQLite check, counts)",
        ms(locked),
        locked.as_secs_f64() / plain.as_secs_f64()
    );
    println!(
        "  backup, unlocked         {:>13}  ({:.1}× the plain copy; also opens the keys, entries and people in the vault and in the copy)",
        ms(unlocked),
        unlocked.as_secs_f64() / plain.as_secs_f64()
    );
}
