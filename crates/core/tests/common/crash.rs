//! The crash harness shared by the crash tests (`crash.rs`,
//! `records_crash.rs`, `audit_crash.rs`, `crash_paths.rs`): a child process
//! writing through one write path is killed with `SIGKILL`
//! (`Child::kill`) at a random moment, again and again, on the same vault.
//! After every kill the harness checks that the database passes
//! `PRAGMA integrity_check` and that the vault opens and unlocks; then the
//! path's own check compares what is there with what the child
//! acknowledged: no acknowledged write lost, the one in flight all or
//! nothing.
//!
//! How it works: the parent test re-executes its own test binary with
//! `--exact <child test>`; the child test does nothing unless
//! [`CHILD_ENV`] names it ([`child`] returns `None`). The child prints
//! `BEGIN …` before each write and `COMMITTED …` after it returned
//! (flushed), so the parent knows what was acknowledged and what was in
//! flight when the kill landed. The fields after the phase are the path's
//! own (ids, run and sequence numbers from which the text is rebuilt).
//!
//! Both processes use a [`FileKeychain`]: one file per entry in a folder
//! beside the vault, replaced atomically — test-only plumbing standing in
//! for the OS keychain, which is shared between processes the same way (a
//! key change in the child is seen by the parent). The app never does this.
//!
//! A new write path is one child test (`child(...)`, then a loop of
//! `begin` / write / `committed`) and one parent test calling [`run`] with
//! a check closure. Seeds are printed; `CONFIDANT_CRASH_SEED=<seed>`
//! reproduces the schedule of kills of the test you run. Pass/fail never
//! depends on timing: the seeded delays only choose where the kill lands.
#![allow(clippy::disallowed_methods)] // a test may read the clock; the library may not

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child as Process, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use confidant_core::crypto::SecretKey;
use confidant_core::keychain::{Keychain, KeychainError};
use confidant_core::store::DB_FILE;
use confidant_core::vault::{Role, Vault};

/// Set in the child: the name of the child test that should run.
pub const CHILD_ENV: &str = "CONFIDANT_CRASH_CHILD";
const DIR_ENV: &str = "CONFIDANT_CRASH_CHILD_DIR";
const KEYCHAIN_ENV: &str = "CONFIDANT_CRASH_KEYCHAIN";
const RUN_ENV: &str = "CONFIDANT_CRASH_RUN";
const CHILD_SEED_ENV: &str = "CONFIDANT_CRASH_CHILD_SEED";
/// For the parent: reproduce a run's schedule of kills.
pub const SEED_ENV: &str = "CONFIDANT_CRASH_SEED";
/// Every protocol line carries this, wherever libtest puts it on the line.
pub const MARK: &str = "@@crash ";

// ----- small deterministic helpers -------------------------------------------

/// xorshift64*: deterministic, good enough to pick operations, text and delays.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed | 1)
    }

    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// The seed of this test's schedule: [`SEED_ENV`] or a fresh random one,
/// printed either way.
pub fn seed(path: &str) -> u64 {
    let seed = std::env::var(SEED_ENV)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            let mut b = [0u8; 8];
            confidant_core::crypto::fill_random(&mut b).expect("OS random generator");
            u64::from_le_bytes(b)
        });
    println!("crash[{path}] seed: {seed} (set {SEED_ENV}={seed} to reproduce this schedule)");
    seed
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn unhex(text: &str) -> Vec<u8> {
    assert!(text.len() % 2 == 0, "hex has an even length");
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).expect("valid hex"))
        .collect()
}

/// `PRAGMA integrity_check` of the database file, on a connection of its own.
pub fn integrity_check(db: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(db).expect("open the database directly");
    let mut stmt = conn.prepare("PRAGMA integrity_check").expect("prepare");
    let rows = stmt
        .query_map([], |r| r.get::<_, String>(0))
        .expect("integrity_check")
        .collect::<rusqlite::Result<Vec<_>>>()
        .expect("integrity_check rows");
    rows
}

/// A keychain kept as files (one per account, hex, written to a temporary
/// file and renamed over the old one), so a child process and its parent
/// share it the way processes share the OS keychain. Tests only.
#[derive(Debug, Clone)]
pub struct FileKeychain {
    dir: PathBuf,
}

impl FileKeychain {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        let dir = dir.into();
        std::fs::create_dir_all(&dir).expect("keychain folder");
        FileKeychain { dir }
    }

    fn file(&self, account: &str) -> PathBuf {
        self.dir.join(hex(account.as_bytes()))
    }
}

impl Keychain for FileKeychain {
    fn get(&self, account: &str) -> Result<Option<SecretKey>, KeychainError> {
        match std::fs::read_to_string(self.file(account)) {
            Ok(text) => Ok(Some(
                SecretKey::from_slice(&unhex(text.trim())).ok_or(KeychainError::Malformed)?,
            )),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(KeychainError::Unavailable(e.to_string())),
        }
    }

    fn set(&self, account: &str, key: &SecretKey) -> Result<(), KeychainError> {
        let file = self.file(account);
        let tmp = file.with_extension("tmp");
        let io = |e: std::io::Error| KeychainError::Unavailable(e.to_string());
        let mut f = std::fs::File::create(&tmp).map_err(io)?;
        f.write_all(hex(key.expose()).as_bytes()).map_err(io)?;
        f.sync_all().map_err(io)?;
        std::fs::rename(&tmp, &file).map_err(io)
    }

    fn delete(&self, account: &str) -> Result<(), KeychainError> {
        match std::fs::remove_file(self.file(account)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                Err(KeychainError::Unavailable(e.to_string()))
            }
            _ => Ok(()),
        }
    }
}

fn open_with(dir: &Path, keychain: &Path, now: DateTime<Utc>) -> Vault {
    let keychain = FileKeychain::new(keychain);
    let mut v = Vault::open(dir, Box::new(keychain), super::CONFIG, now).expect("open the vault");
    v.unlock(None, now).expect("unlock the vault");
    v
}

// ----- the vault both processes use --------------------------------------------

/// A vault set up in a temp dir, closed, with its keychain folder beside it.
pub struct CrashVault {
    _tmp: tempfile::TempDir,
    pub dir: PathBuf,
    keychain: PathBuf,
}

impl CrashVault {
    /// Sets up a vault with `role`, lets `prepare` write what the path
    /// needs, and closes it: the child is then the only writer.
    pub fn new(role: Role, now: DateTime<Utc>, prepare: impl FnOnce(&mut Vault)) -> Self {
        Self::new_with_code(role, now, |v, _| prepare(v))
    }

    /// [`CrashVault::new`], with `prepare` also given the recovery code.
    pub fn new_with_code(
        role: Role,
        now: DateTime<Utc>,
        prepare: impl FnOnce(&mut Vault, &str),
    ) -> Self {
        let tmp = tempfile::tempdir().expect("temp dir");
        let dir = tmp.path().join("vault");
        let keychain = tmp.path().join("keychain");
        {
            let mut v = Vault::open(
                &dir,
                Box::new(FileKeychain::new(&keychain)),
                super::CONFIG,
                now,
            )
            .expect("open");
            let s = v.begin_setup(&[role]).expect("begin setup");
            v.confirm_setup(&s.recovery_code, now)
                .expect("confirm setup");
            prepare(&mut v, &s.recovery_code);
        }
        CrashVault {
            _tmp: tmp,
            dir,
            keychain,
        }
    }

    /// The database file.
    pub fn db(&self) -> PathBuf {
        self.dir.join(DB_FILE)
    }

    /// A folder next to the vault (for backups).
    pub fn sibling(&self, name: &str) -> PathBuf {
        let path = self.dir.with_file_name(name);
        std::fs::create_dir_all(&path).expect("create the folder");
        path
    }

    /// Opens and unlocks the vault from the keychain (panics if it cannot).
    pub fn open(&self, now: DateTime<Utc>) -> Vault {
        open_with(&self.dir, &self.keychain, now)
    }

    /// Opens the vault without unlocking it.
    pub fn open_locked(&self, now: DateTime<Utc>) -> Vault {
        let keychain = FileKeychain::new(&self.keychain);
        Vault::open(&self.dir, Box::new(keychain), super::CONFIG, now).expect("open the vault")
    }
}

// ----- the child ---------------------------------------------------------------

/// What a child test gets: the vault, open and unlocked, and its run.
pub struct Child {
    pub vault: Vault,
    pub dir: PathBuf,
    pub run: u64,
    pub seed: u64,
}

fn env(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| panic!("{name} is set by the parent"))
}

/// `Some` only in a child process started for the child test `name`.
pub fn child(name: &str, now: DateTime<Utc>) -> Option<Child> {
    if std::env::var(CHILD_ENV).ok()? != name {
        return None;
    }
    let dir = PathBuf::from(env(DIR_ENV));
    let vault = open_with(&dir, Path::new(&env(KEYCHAIN_ENV)), now);
    Some(Child {
        vault,
        dir,
        run: env(RUN_ENV).parse().expect("run number"),
        seed: env(CHILD_SEED_ENV).parse().expect("seed"),
    })
}

/// True in any child process (a parent test returns at once there).
pub fn in_child() -> bool {
    std::env::var_os(CHILD_ENV).is_some()
}

fn say(line: &str) {
    let mut out = std::io::stdout().lock();
    // A failed write means the parent is gone: stop.
    out.write_all(format!("{MARK}{line}\n").as_bytes())
        .expect("stdout (the parent reads it)");
    out.flush().expect("flush stdout");
}

/// Announces a write (`fields`: the path's own, space-separated, no spaces inside).
pub fn begin(fields: &str) {
    say(&format!("BEGIN {fields}"));
}

/// Acknowledges the write announced last: it returned.
pub fn committed(fields: &str) {
    say(&format!("COMMITTED {fields}"));
}

// ----- the parent --------------------------------------------------------------

/// One protocol line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// `COMMITTED` (acknowledged) rather than `BEGIN`.
    pub committed: bool,
    /// The fields after the phase.
    pub fields: Vec<String>,
}

impl Event {
    /// Field `i` parsed (panics with the line if it does not parse).
    pub fn num(&self, i: usize) -> u64 {
        self.fields
            .get(i)
            .and_then(|f| f.parse().ok())
            .unwrap_or_else(|| panic!("field {i} of {:?} is a number", self.fields))
    }
}

/// What one child printed before it was killed.
#[derive(Debug)]
pub struct Kill {
    pub run: u64,
    pub events: Vec<Event>,
}

impl Kill {
    /// The acknowledged writes, in order.
    pub fn acknowledged(&self) -> impl Iterator<Item = &Event> {
        self.events.iter().filter(|e| e.committed)
    }

    /// The write in flight when the kill landed: a `BEGIN` with no
    /// `COMMITTED` after it.
    pub fn in_flight(&self) -> Option<&Event> {
        self.events.last().filter(|e| !e.committed)
    }
}

/// Whether the write in flight at the kill landed (the check decides).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InFlight {
    /// The kill fell between writes.
    None,
    /// It landed, whole.
    Landed,
    /// It left no trace.
    NotLanded,
}

/// The figures of one path.
#[derive(Debug, Default, Clone, Copy)]
pub struct Figures {
    pub kills: u64,
    pub acknowledged: u64,
    pub landed: u64,
    pub not_landed: u64,
    pub between: u64,
}

/// Kills the child if the parent panics before it does.
struct Guard(Option<Process>);

impl Drop for Guard {
    fn drop(&mut self) {
        if let Some(child) = &mut self.0 {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

fn parse(line: &str) -> Option<Event> {
    let rest = &line[line.find(MARK)? + MARK.len()..];
    let mut parts = rest.split_whitespace();
    let committed = match parts.next()? {
        "BEGIN" => false,
        "COMMITTED" => true,
        _ => return None,
    };
    Some(Event {
        committed,
        fields: parts.map(str::to_string).collect(),
    })
}

/// Starts the child test `child_test` for `run`, waits for its first
/// acknowledged write, sleeps `delay`, kills it, and returns what it said.
fn kill_once(cv: &CrashVault, child_test: &str, run: u64, seed: u64, delay: Duration) -> Kill {
    let exe = std::env::current_exe().expect("the test binary");
    let mut process = Command::new(exe)
        .args(["--exact", child_test, "--nocapture", "--test-threads=1"])
        .env(CHILD_ENV, child_test)
        .env(DIR_ENV, &cv.dir)
        .env(KEYCHAIN_ENV, &cv.keychain)
        .env(RUN_ENV, run.to_string())
        .env(CHILD_SEED_ENV, seed.to_string())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the child");
    let stdout = process.stdout.take().expect("child stdout");
    let mut stderr = process.stderr.take().expect("child stderr");
    let mut guard = Guard(Some(process));

    let (tx, rx) = mpsc::channel::<String>();
    let out_reader = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
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
                let done = line.contains(&format!("{MARK}COMMITTED"));
                lines.push(line);
                if done {
                    break;
                }
            }
            Err(_) => {
                drop(guard);
                let stderr = err_reader.join().unwrap_or_default();
                panic!(
                    "{child_test} run {run}: the child never acknowledged a write.\nstdout:\n{}\nstderr:\n{stderr}",
                    lines.join("\n")
                );
            }
        }
    }

    std::thread::sleep(delay);
    let mut process = guard.0.take().expect("child still held");
    process.kill().expect("kill the child");
    let status = process.wait().expect("reap the child");
    out_reader.join().expect("stdout reader");
    lines.extend(rx.try_iter());
    let stderr = err_reader.join().unwrap_or_default();
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        assert_eq!(
            status.signal(),
            Some(9),
            "{child_test} run {run}: the child should die by SIGKILL, not exit on its own ({status}).\nstderr:\n{stderr}"
        );
    }
    #[cfg(not(unix))]
    assert!(
        !status.success(),
        "{child_test} run {run}: the child exited on its own.\nstderr:\n{stderr}"
    );

    let events: Vec<Event> = lines.iter().filter_map(|l| parse(l)).collect();
    let marked = lines.iter().filter(|l| l.contains(MARK)).count();
    assert_eq!(events.len(), marked, "run {run}: unparsable protocol line");
    // BEGIN and COMMITTED alternate, starting with BEGIN.
    for (i, e) in events.iter().enumerate() {
        assert_eq!(
            e.committed,
            i % 2 == 1,
            "run {run}: BEGIN and COMMITTED alternate ({:?})",
            e
        );
        if e.committed {
            assert_eq!(
                events[i - 1].fields.len(),
                e.fields.len(),
                "run {run}: COMMITTED answers its BEGIN"
            );
        }
    }
    Kill { run, events }
}

/// Runs `kills` kills of `child_test` on `cv`. After each kill: the
/// database passes `integrity_check`, the vault opens and unlocks, and
/// `check` (the path's own comparison with what was acknowledged) passes
/// and says whether the write in flight landed. Delays are drawn from
/// `seed` between `min_ms` and `max_ms` after the first acknowledged write.
/// Prints the path's figures on one line starting `RELIABILITY crash`.
#[allow(clippy::too_many_arguments)]
pub fn run(
    path: &str,
    child_test: &str,
    cv: &CrashVault,
    kills: u64,
    seed: u64,
    (min_ms, max_ms): (u64, u64),
    now: DateTime<Utc>,
    mut check: impl FnMut(&Kill, &mut Vault) -> InFlight,
) -> Figures {
    let mut rng = Rng::new(seed);
    let mut f = Figures::default();
    for run in 0..kills {
        let delay = Duration::from_millis(min_ms + rng.below(max_ms - min_ms + 1));
        let kill = kill_once(cv, child_test, run, rng.next(), delay);
        f.kills += 1;
        f.acknowledged += kill.acknowledged().count() as u64;

        // 1. The file is a sound SQLite database (this also replays the WAL).
        assert_eq!(
            integrity_check(&cv.db()),
            vec!["ok".to_string()],
            "{path} run {run}: integrity_check after the kill"
        );
        // 2. The vault opens and unlocks; 3. the path's own check.
        let mut vault = cv.open(now);
        let verdict = check(&kill, &mut vault);
        match (kill.in_flight().is_some(), verdict) {
            (false, InFlight::None) => f.between += 1,
            (true, InFlight::Landed) => f.landed += 1,
            (true, InFlight::NotLanded) => f.not_landed += 1,
            (in_flight, verdict) => {
                panic!("{path} run {run}: in flight {in_flight} but the check says {verdict:?}")
            }
        }
    }
    println!(
        "RELIABILITY crash[{path}]: {} kills, {} acknowledged writes, 0 lost; \
         write in flight at the kill: {} landed whole, {} left no trace, {} kills between writes; \
         integrity_check ok and the vault unlocked after {}/{} kills",
        f.kills, f.acknowledged, f.landed, f.not_landed, f.between, f.kills, f.kills
    );
    assert_eq!(f.kills, kills);
    assert!(
        f.acknowledged >= kills,
        "{path}: each run acknowledged at least one write"
    );
    f
}
