//! Crash safety of the security log (the pattern of crash.rs): a child
//! process appending entries, and unlocking (which appends and checkpoints),
//! again and again, is killed with `SIGKILL` at random moments. After every
//! kill the database passes `PRAGMA integrity_check`, the chain is whole
//! (no problem reported), and every acknowledged entry is there — the one in
//! flight at most once more.
//!
//! Reproduce a run with `CONFIDANT_AUDIT_CRASH_SEED=<seed printed>`.
//! Pass/fail never depends on timing: the delays only choose where the kill
//! lands.
#![allow(clippy::disallowed_methods)] // a test may read the clock; the library may not

mod common;

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration as StdDuration;

use chrono::{DateTime, Duration, TimeZone, Utc};
use confidant_core::audit::{self, Audit, AuditEvent};
use confidant_core::crypto::SecretKey;
use confidant_core::keychain::{Keychain, MemoryKeychain};
use confidant_core::store::DB_FILE;
use confidant_core::vault::{Role, Vault};

const DIR_ENV: &str = "CONFIDANT_AUDIT_CRASH_DIR";
const KEK_ENV: &str = "CONFIDANT_AUDIT_CRASH_KEK";
const RUN_ENV: &str = "CONFIDANT_AUDIT_CRASH_RUN";
const SEED_ENV: &str = "CONFIDANT_AUDIT_CRASH_SEED";
const CHILD_TEST: &str = "audit_crash_child";
const MARK: &str = "@@audit ";
const KILLS: u64 = 12;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0)
        .single()
        .expect("time")
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).expect("hex"))
        .collect()
}

fn vault_at(dir: &Path, kek: &str) -> Vault {
    let conn = rusqlite::Connection::open(dir.join(DB_FILE)).expect("db");
    let vault_id: String = conn
        .query_row("SELECT id FROM vault", [], |r| r.get(0))
        .expect("vault id");
    drop(conn);
    let keychain = MemoryKeychain::new();
    let key = SecretKey::from_slice(&unhex(kek)).expect("key");
    keychain.set(&vault_id, &key).expect("keychain");
    let mut v = Vault::open(dir, Box::new(keychain), common::CONFIG, now()).expect("open");
    v.unlock(None, now()).expect("unlock");
    v
}

fn say(line: &str) {
    let mut out = std::io::stdout().lock();
    out.write_all(format!("{MARK}{line}\n").as_bytes())
        .expect("stdout");
    out.flush().expect("flush");
}

/// The child: a no-op unless the parent started this binary for it.
#[test]
fn audit_crash_child() {
    let Ok(dir) = std::env::var(DIR_ENV) else {
        return;
    };
    let get = |k: &str| std::env::var(k).expect("set by the parent");
    let mut v = vault_at(Path::new(&dir), &get(KEK_ENV));
    let run = get(RUN_ENV);
    // At most 300 operations a run, fewer than the 500 entries the log
    // shows, so the parent sees every entry of the run; then it waits to
    // be killed.
    for seq in 0..300i64 {
        let at = now() + Duration::seconds(seq);
        if seq % 5 == 4 {
            // The unlock path: append, then a TRUNCATE checkpoint.
            v.lock();
            v.unlock(None, at).expect("unlock");
            continue;
        }
        say(&format!("BEGIN {run} {seq}"));
        audit::record(&mut v, AuditEvent::ExportWritten, &format!("run {run}"), at)
            .expect("append");
        say(&format!("COMMITTED {run} {seq}"));
    }
    loop {
        std::thread::sleep(std::time::Duration::from_secs(1));
    }
}

#[test]
fn sigkill_while_the_log_is_written_keeps_the_chain_whole_and_every_acknowledged_entry() {
    if std::env::var_os(DIR_ENV).is_some() {
        return;
    }
    let seed: u64 = std::env::var(SEED_ENV)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            let mut b = [0u8; 8];
            confidant_core::crypto::fill_random(&mut b).expect("random");
            u64::from_le_bytes(b)
        });
    println!("audit crash seed: {seed} (set {SEED_ENV} to reproduce)");
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("vault");
    let keychain = MemoryKeychain::new();
    {
        let mut v =
            Vault::open(&dir, Box::new(keychain.clone()), common::CONFIG, now()).expect("open");
        let s = v.begin_setup(&[Role::Supervisor]).expect("setup");
        v.confirm_setup(&s.recovery_code, now()).expect("confirm");
    }
    let vault_id: String = rusqlite::Connection::open(dir.join(DB_FILE))
        .expect("db")
        .query_row("SELECT id FROM vault", [], |r| r.get(0))
        .expect("id");
    let kek = hex(keychain
        .get(&vault_id)
        .expect("keychain")
        .expect("key")
        .expose());
    let mut rng = seed | 1;
    let mut next = || {
        rng ^= rng >> 12;
        rng ^= rng << 25;
        rng ^= rng >> 27;
        rng.wrapping_mul(0x2545_F491_4F6C_DD1D)
    };
    let mut acknowledged_total = 0;
    for run in 0..KILLS {
        let mut child = Command::new(std::env::current_exe().expect("exe"))
            .args(["--exact", CHILD_TEST, "--nocapture", "--test-threads=1"])
            .env(DIR_ENV, &dir)
            .env(KEK_ENV, &kek)
            .env(RUN_ENV, run.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("child");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = std::sync::mpsc::channel::<String>();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut lines = Vec::new();
        // Hang guard, not a speed assertion: wait for the first acknowledged entry.
        while let Ok(line) = rx.recv_timeout(StdDuration::from_secs(120)) {
            let done = line.contains(&format!("{MARK}COMMITTED"));
            lines.push(line);
            if done {
                break;
            }
        }
        std::thread::sleep(StdDuration::from_millis(5 + next() % 150));
        child.kill().expect("kill");
        child.wait().expect("reap");
        reader.join().expect("reader");
        lines.extend(rx.try_iter());
        let acknowledged = lines
            .iter()
            .filter(|l| l.contains(&format!("{MARK}COMMITTED")))
            .count();
        let in_flight = lines
            .iter()
            .rev()
            .find(|l| l.contains(MARK))
            .is_some_and(|l| l.contains(&format!("{MARK}BEGIN")));
        assert!(
            acknowledged > 0,
            "run {run}: the child acknowledged nothing"
        );
        acknowledged_total += acknowledged;

        let conn = rusqlite::Connection::open(dir.join(DB_FILE)).expect("db");
        let ok: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .expect("check");
        assert_eq!(ok, "ok", "run {run}");
        drop(conn);
        let mut v = vault_at(&dir, &kek);
        let log = Audit::of(&mut v).list().expect("the log opens");
        assert_eq!(log.problem, None, "run {run}: the chain is whole");
        let tag = format!("run {run}");
        let found = log.entries.iter().filter(|e| e.detail == tag).count();
        assert!(
            found == acknowledged || (in_flight && found == acknowledged + 1),
            "run {run}: {found} entries, {acknowledged} acknowledged, in flight: {in_flight}"
        );
    }
    println!("audit crash: {KILLS} kills, {acknowledged_total} acknowledged entries, none lost, the chain whole every time");
}
