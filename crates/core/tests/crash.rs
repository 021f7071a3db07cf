//! Crash safety: a child process writing journal entries is killed with
//! `SIGKILL` (`Child::kill`) at random moments, again and again, on the same
//! vault. After every kill the database must pass `PRAGMA integrity_check`,
//! the vault must unlock, and every write the child saw return must be there
//! with exactly the text it wrote. The one write in flight at the moment of
//! the kill may or may not have landed, but it is all or nothing.
//!
//! How it works: the parent test re-executes this test binary with
//! `--exact crash_child_writer`; [`crash_child_writer`] does nothing unless
//! [`CHILD_DIR_ENV`] is set. The child prints `BEGIN …` before each call and
//! `COMMITTED …` after it returns (flushed), so the parent knows what was
//! acknowledged and what was in flight. Bodies are derived from `(run, seq)`,
//! so the parent can rebuild the exact text the child wrote.
//!
//! The device key crosses the process boundary through an environment
//! variable (hex): test-only plumbing so both processes can use a
//! `MemoryKeychain`. The app never does this.
//!
//! Reproduce a run with `CONFIDANT_CRASH_SEED=<seed printed by the test>`.
//! Pass/fail never depends on timing: the delays only choose where the kill
//! lands.
#![allow(clippy::disallowed_methods)] // a test or benchmark may read the clock; the library may not

use std::collections::{BTreeMap, HashMap};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use chrono::Utc;
use confidant_core::crypto::{KdfParams, SecretKey};
use confidant_core::journal::Journal;
use confidant_core::keychain::{Keychain, MemoryKeychain};
use confidant_core::store::DB_FILE;
use confidant_core::vault::{Role, Vault, VaultConfig};

/// Set in the child: the vault's data folder.
const CHILD_DIR_ENV: &str = "CONFIDANT_CRASH_CHILD_DIR";
/// Set in the child: the vault id (keychain account).
const CHILD_VAULT_ENV: &str = "CONFIDANT_CRASH_VAULT_ID";
/// Set in the child: the device KEK, hex.
const CHILD_KEK_ENV: &str = "CONFIDANT_CRASH_KEK";
/// Set in the child: the run number (bodies are derived from it).
const CHILD_RUN_ENV: &str = "CONFIDANT_CRASH_RUN";
/// Set in the child: seed of its choice of operations.
const CHILD_SEED_ENV: &str = "CONFIDANT_CRASH_CHILD_SEED";
/// Optional, for the parent: reproduce a run.
const SEED_ENV: &str = "CONFIDANT_CRASH_SEED";

/// Name of the child test (must match the function name).
const CHILD_TEST: &str = "crash_child_writer";
/// Every protocol line carries this, wherever libtest puts it on the line.
const MARK: &str = "@@crash ";
/// How many times the child is killed.
const KILLS: u64 = 24;
/// Safety net: a child nobody kills stops on its own.
const CHILD_MAX_OPS: u64 = 200_000;

fn config() -> VaultConfig {
    VaultConfig {
        kdf: KdfParams::INSECURE_FOR_TESTS,
    }
}

// ----- small deterministic helpers -------------------------------------------

/// xorshift64*: deterministic, good enough to pick operations and text.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed | 1)
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

fn random_seed() -> u64 {
    let mut b = [0u8; 8];
    confidant_core::crypto::fill_random(&mut b).expect("OS random generator");
    u64::from_le_bytes(b)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Vec<u8> {
    assert!(text.len() % 2 == 0, "hex has an even length");
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).expect("valid hex"))
        .collect()
}

/// The exact body written as operation `seq` of run `run`. Mostly 0.1–3 KB;
/// one in eight is 8–48 KB so it spills onto overflow pages; some non-ASCII.
fn make_body(run: u64, seq: u64) -> String {
    const WORDS: &[&str] = &[
        "supervision",
        "reflection",
        "boundary",
        "caseload",
        "visit",
        "parallel",
        "process",
        "countertransference",
        "wellbeing",
        "risk",
        "plan",
        "review",
        "café",
        "naïve",
        "Grüße",
        "łódź",
        "—",
        "🙂",
        "note",
        "family",
    ];
    let mut rng = Rng::new((run << 32) ^ seq ^ 0x9E37_79B9_7F4A_7C15);
    let target = if rng.below(8) == 0 {
        8_000 + rng.below(40_000)
    } else {
        100 + rng.below(3_000)
    } as usize;
    let mut body = format!("run {run} seq {seq}\n");
    while body.len() < target {
        body.push_str(WORDS[rng.below(WORDS.len() as u64) as usize]);
        body.push(if rng.below(12) == 0 { '\n' } else { ' ' });
    }
    body
}

fn read_vault_id(db: &Path) -> String {
    let conn = rusqlite::Connection::open(db).expect("open the database directly");
    conn.query_row("SELECT id FROM vault", [], |r| r.get(0))
        .expect("the vault row")
}

fn integrity_check(db: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(db).expect("open the database directly");
    let mut stmt = conn.prepare("PRAGMA integrity_check").expect("prepare");
    let rows = stmt
        .query_map([], |r| r.get::<_, String>(0))
        .expect("integrity_check")
        .collect::<rusqlite::Result<Vec<_>>>()
        .expect("integrity_check rows");
    rows
}

// ----- the child ---------------------------------------------------------------

fn say(line: &str) {
    let mut out = std::io::stdout().lock();
    // A failed write means the parent is gone: stop.
    out.write_all(format!("{MARK}{line}\n").as_bytes())
        .expect("stdout (the parent reads it)");
    out.flush().expect("flush stdout");
}

fn env(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| panic!("{name} is set by the parent"))
}

/// The child: a no-op unless the parent started this binary for it.
#[test]
fn crash_child_writer() {
    let Ok(dir) = std::env::var(CHILD_DIR_ENV) else {
        return;
    };
    let vault_id = env(CHILD_VAULT_ENV);
    let kek = SecretKey::from_slice(&unhex(&env(CHILD_KEK_ENV))).expect("a 32-byte key");
    let run: u64 = env(CHILD_RUN_ENV).parse().expect("run number");
    let seed: u64 = env(CHILD_SEED_ENV).parse().expect("seed");

    let keychain = MemoryKeychain::new();
    keychain.set(&vault_id, &kek).expect("seed the keychain");
    let mut vault = Vault::open(&dir, Box::new(keychain), config(), Utc::now()).expect("open");
    vault.unlock(None, Utc::now()).expect("unlock");

    // Entries to update or delete: what is there now plus what this run adds.
    let mut pool: Vec<String> = Journal::of(&mut vault)
        .list(0, 500)
        .expect("list")
        .entries
        .into_iter()
        .map(|e| e.id)
        .collect();
    let mut rng = Rng::new(seed);
    for seq in 0..CHILD_MAX_OPS {
        let body = make_body(run, seq);
        let roll = rng.below(100);
        if roll < 60 || pool.is_empty() {
            say(&format!("BEGIN create - {run} {seq}"));
            let entry = Journal::of(&mut vault)
                .create(&body, Utc::now())
                .expect("create");
            say(&format!("COMMITTED create {} {run} {seq}", entry.id));
            pool.push(entry.id);
        } else if roll < 93 {
            let id = pool[rng.below(pool.len() as u64) as usize].clone();
            say(&format!("BEGIN update {id} {run} {seq}"));
            Journal::of(&mut vault)
                .update(&id, &body, Utc::now())
                .expect("update");
            say(&format!("COMMITTED update {id} {run} {seq}"));
        } else {
            let id = pool.swap_remove(rng.below(pool.len() as u64) as usize);
            say(&format!("BEGIN delete {id} {run} {seq}"));
            Journal::of(&mut vault).delete(&id).expect("delete");
            say(&format!("COMMITTED delete {id} {run} {seq}"));
        }
    }
}

// ----- the parent --------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Create,
    Update,
    Delete,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Step {
    op: Op,
    id: Option<String>,
    run: u64,
    seq: u64,
}

#[derive(Debug, PartialEq, Eq)]
enum Phase {
    Begin,
    Committed,
}

fn parse_line(line: &str) -> Option<(Phase, Step)> {
    let rest = &line[line.find(MARK)? + MARK.len()..];
    let parts: Vec<&str> = rest.split_whitespace().collect();
    let [phase, op, id, run, seq] = parts.as_slice() else {
        return None;
    };
    let phase = match *phase {
        "BEGIN" => Phase::Begin,
        "COMMITTED" => Phase::Committed,
        _ => return None,
    };
    let op = match *op {
        "create" => Op::Create,
        "update" => Op::Update,
        "delete" => Op::Delete,
        _ => return None,
    };
    Some((
        phase,
        Step {
            op,
            id: (*id != "-").then(|| id.to_string()),
            run: run.parse().ok()?,
            seq: seq.parse().ok()?,
        },
    ))
}

/// Kills the child if the parent panics before it does.
struct ChildGuard(Option<Child>);

impl Drop for ChildGuard {
    fn drop(&mut self) {
        if let Some(child) = &mut self.0 {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

struct ChildRun {
    lines: Vec<String>,
}

/// Starts the child, waits for its first acknowledged write, sleeps
/// `delay`, kills it, and returns everything it printed.
fn run_child(
    dir: &Path,
    vault_id: &str,
    kek_hex: &str,
    run: u64,
    seed: u64,
    delay: Duration,
) -> ChildRun {
    let exe = std::env::current_exe().expect("the test binary");
    let mut child = Command::new(exe)
        .args(["--exact", CHILD_TEST, "--nocapture", "--test-threads=1"])
        .env(CHILD_DIR_ENV, dir)
        .env(CHILD_VAULT_ENV, vault_id)
        .env(CHILD_KEK_ENV, kek_hex)
        .env(CHILD_RUN_ENV, run.to_string())
        .env(CHILD_SEED_ENV, seed.to_string())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the child");
    let stdout = child.stdout.take().expect("child stdout");
    let mut stderr = child.stderr.take().expect("child stderr");
    let mut guard = ChildGuard(Some(child));

    let (tx, rx) = mpsc::channel::<String>();
    let out_reader = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let err_reader = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text);
        text
    });

    // Wait for the first acknowledged write (a hang guard, not an assertion
    // on speed: a healthy child answers in well under a second).
    let mut lines = Vec::new();
    loop {
        match rx.recv_timeout(Duration::from_secs(120)) {
            Ok(line) => {
                let committed = line.contains(&format!("{MARK}COMMITTED"));
                lines.push(line);
                if committed {
                    break;
                }
            }
            Err(_) => {
                drop(guard);
                let stderr = err_reader.join().unwrap_or_default();
                panic!("run {run}: the child never acknowledged a write.\nstdout:\n{}\nstderr:\n{stderr}", lines.join("\n"));
            }
        }
    }

    std::thread::sleep(delay);
    let mut child = guard.0.take().expect("child still held");
    child.kill().expect("kill the child");
    let status = child.wait().expect("reap the child");
    out_reader.join().expect("stdout reader");
    lines.extend(rx.try_iter());
    let stderr = err_reader.join().unwrap_or_default();

    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        assert_eq!(
            status.signal(),
            Some(9),
            "run {run}: the child should die by SIGKILL, not exit on its own ({status}).\nstderr:\n{stderr}"
        );
    }
    #[cfg(not(unix))]
    assert!(
        !status.success(),
        "run {run}: the child exited on its own.\nstderr:\n{stderr}"
    );

    ChildRun { lines }
}

/// Every entry in the vault, id → body, read through the public API.
fn read_all(dir: &Path, keychain: &MemoryKeychain) -> BTreeMap<String, String> {
    let mut vault = Vault::open(dir, Box::new(keychain.clone()), config(), Utc::now())
        .expect("reopen after the kill");
    vault
        .unlock(None, Utc::now())
        .expect("unlock after the kill");
    let mut ids = Vec::new();
    let mut offset = 0;
    loop {
        let page = Journal::of(&mut vault).list(offset, 500).expect("list");
        assert!(
            page.entries.iter().all(|e| !e.damaged),
            "an entry failed its integrity check after a crash"
        );
        let n = page.entries.len() as u32;
        ids.extend(page.entries.into_iter().map(|e| e.id));
        if n < 500 {
            assert_eq!(ids.len() as u32, page.total, "list total");
            break;
        }
        offset += n;
    }
    ids.into_iter()
        .map(|id| {
            let body = Journal::of(&mut vault)
                .get(&id)
                .expect("every listed entry opens")
                .body;
            (id, body)
        })
        .collect()
}

#[derive(Default)]
struct Tally {
    kills: u64,
    commits: u64,
    creates: u64,
    updates: u64,
    deletes: u64,
    in_flight_landed: u64,
    in_flight_lost: u64,
    no_op_in_flight: u64,
}

#[test]
fn sigkill_during_journal_writes_never_loses_an_acknowledged_write() {
    if std::env::var_os(CHILD_DIR_ENV).is_some() {
        return; // we are a child; only the writer runs there
    }
    let seed = std::env::var(SEED_ENV)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(random_seed);
    println!("crash test seed: {seed} (set {SEED_ENV} to reproduce the schedule)");
    let mut rng = Rng::new(seed);

    let tmp = tempfile::tempdir().expect("temp dir");
    let dir: PathBuf = tmp.path().join("vault");
    let keychain = MemoryKeychain::new();
    {
        let now = Utc::now();
        let mut vault = Vault::open(&dir, Box::new(keychain.clone()), config(), now).expect("open");
        let started = vault.begin_setup(&[Role::Supervisee]).expect("begin setup");
        vault
            .confirm_setup(&started.recovery_code, now)
            .expect("confirm setup");
    } // closed before any child runs: the child is the only writer
    let db = dir.join(DB_FILE);
    let vault_id = read_vault_id(&db);
    let kek = keychain
        .get(&vault_id)
        .expect("keychain")
        .expect("the device key");
    let kek_hex = hex(kek.expose());

    // What must be on disk: id → (run, seq) of its body.
    let mut model: HashMap<String, (u64, u64)> = HashMap::new();
    let mut tally = Tally::default();

    for run in 0..KILLS {
        let delay = Duration::from_millis(20 + rng.below(281));
        let child = run_child(&dir, &vault_id, &kek_hex, run, rng.next(), delay);
        tally.kills += 1;

        // Replay the protocol: apply what was acknowledged; keep the last
        // BEGIN without its COMMITTED as the write in flight.
        let mut in_flight: Option<Step> = None;
        let steps: Vec<(Phase, Step)> = child.lines.iter().filter_map(|l| parse_line(l)).collect();
        let marked = child.lines.iter().filter(|l| l.contains(MARK)).count();
        assert_eq!(steps.len(), marked, "run {run}: unparsable protocol line");
        for (phase, step) in steps {
            match phase {
                Phase::Begin => {
                    assert!(in_flight.is_none(), "run {run}: two writes in flight");
                    in_flight = Some(step);
                }
                Phase::Committed => {
                    let begun = in_flight.take().expect("COMMITTED follows BEGIN");
                    assert_eq!(
                        (begun.op, begun.run, begun.seq),
                        (step.op, step.run, step.seq)
                    );
                    let id = step.id.clone().expect("a committed write names its entry");
                    tally.commits += 1;
                    match step.op {
                        Op::Create => {
                            tally.creates += 1;
                            assert!(model.insert(id, (step.run, step.seq)).is_none(), "fresh id");
                        }
                        Op::Update => {
                            tally.updates += 1;
                            assert!(
                                model.insert(id, (step.run, step.seq)).is_some(),
                                "updated a known entry"
                            );
                        }
                        Op::Delete => {
                            tally.deletes += 1;
                            assert!(model.remove(&id).is_some(), "deleted a known entry");
                        }
                    }
                }
            }
        }

        // 1. The file is a sound SQLite database (this also replays the WAL).
        assert_eq!(
            integrity_check(&db),
            vec!["ok".to_string()],
            "run {run}: integrity_check"
        );

        // 2. The vault opens and holds exactly what was acknowledged, give or
        //    take the one write in flight, which is all or nothing.
        let mut actual = read_all(&dir, &keychain);
        match &in_flight {
            None => tally.no_op_in_flight += 1,
            Some(step) => {
                let new_body = make_body(step.run, step.seq);
                let landed = match step.op {
                    Op::Create => {
                        let extra: Vec<String> = actual
                            .keys()
                            .filter(|id| !model.contains_key(*id))
                            .cloned()
                            .collect();
                        assert!(
                            extra.len() <= 1,
                            "run {run}: {} unexpected entries",
                            extra.len()
                        );
                        match extra.first() {
                            Some(id) => {
                                assert!(
                                    actual[id] == new_body,
                                    "run {run}: the in-flight create landed with the wrong text ({} bytes, expected {})",
                                    actual[id].len(),
                                    new_body.len()
                                );
                                model.insert(id.clone(), (step.run, step.seq));
                                true
                            }
                            None => false,
                        }
                    }
                    Op::Update => {
                        let id = step.id.clone().expect("update names its entry");
                        let body = actual
                            .get(&id)
                            .expect("an entry being updated is never lost");
                        if *body == new_body {
                            model.insert(id, (step.run, step.seq));
                            true
                        } else {
                            false // checked against the old text below
                        }
                    }
                    Op::Delete => {
                        let id = step.id.clone().expect("delete names its entry");
                        if actual.contains_key(&id) {
                            false
                        } else {
                            model.remove(&id);
                            true
                        }
                    }
                };
                if landed {
                    tally.in_flight_landed += 1;
                } else {
                    tally.in_flight_lost += 1;
                }
            }
        }

        let mut expected_ids: Vec<&String> = model.keys().collect();
        expected_ids.sort();
        let actual_ids: Vec<&String> = actual.keys().collect();
        assert_eq!(
            actual_ids, expected_ids,
            "run {run}: the set of entries differs from what was acknowledged"
        );
        for (id, (r, s)) in &model {
            let body = actual.remove(id).expect("present");
            assert!(
                body == make_body(*r, *s),
                "run {run}: entry {id} has the wrong text ({} bytes; expected run {r} seq {s})",
                body.len()
            );
        }
    }

    println!(
        "crash test: {} kills, {} acknowledged writes ({} creates, {} updates, {} deletes); \
         write in flight at the kill: {} landed, {} did not, {} kills between writes; \
         {} entries at the end, all intact",
        tally.kills,
        tally.commits,
        tally.creates,
        tally.updates,
        tally.deletes,
        tally.in_flight_landed,
        tally.in_flight_lost,
        tally.no_op_in_flight,
        model.len()
    );
    assert_eq!(tally.kills, KILLS);
    assert!(
        tally.commits >= KILLS,
        "each run acknowledged at least one write"
    );
}
