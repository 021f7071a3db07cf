//! Journal benchmark: `cargo bench -p confidant-core --bench journal`.
//!
//! A program, not a test: it prints a table and always exits 0. For each N
//! (10,000 and 50,000 entries of ~2 KB of printable text, in a vault on disk)
//! it measures:
//!
//! - reopening the vault from disk and unlocking it, with the keychain read
//!   excluded (total minus a separately timed `keychain.get`) and included;
//!   the same with the real OS keychain when a Secret Service is reachable;
//! - listing the newest 50 right after unlock, and unlock + first list;
//! - durable save latency (`journal_create`, one fsynced commit each) against
//!   two baselines measured in the same rounds on the same disk: a plain
//!   rusqlite insert of the same bytes with the same pragmas, and a raw
//!   `fdatasync` of 2 KB;
//! - the first search (decrypts everything into the in-memory index) and a
//!   second one.
//!
//! Environment knobs: `CONFIDANT_BENCH_SIZES=1000,5000` (other sizes, for a
//! quick run); `CONFIDANT_BENCH_DIR=/path` (parent folder, default the system
//! temp dir); `CONFIDANT_BENCH_OS_KEYCHAIN=0|1` (skip or force the OS keychain
//! rows; by default tried on Linux when a D-Bus session bus is set).
#![allow(clippy::disallowed_methods)] // a test or benchmark may read the clock; the library may not

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use confidant_core::crypto::SecretKey;
use confidant_core::journal::Journal;
use confidant_core::keychain::{Keychain, MemoryKeychain, OsKeychain};
use confidant_core::store::DB_FILE;
use confidant_core::vault::{Role, Vault, VaultConfig};

const DEFAULT_SIZES: [usize; 2] = [10_000, 50_000];
/// Rounds of (fdatasync, plain insert, sealed save) per N.
const SAVE_ROUNDS: usize = 300;
/// Reopen + unlock repetitions per N (medians are reported).
const REOPENS: usize = 7;
const BODY_BYTES: usize = 2_000;
const RARE_WORD: &str = "kestrel";
const LIST_PAGE: u32 = 50;
const POPULATION_WARN: Duration = Duration::from_secs(120);

#[path = "support/journal_report.rs"]
mod report;
#[path = "support/journal_util.rs"]
mod util;

use report::*;
use util::*;

// ----- the OS keychain -------------------------------------------------------------

struct OsKeychainProbe {
    keychain: OsKeychain,
    service: String,
    accounts: Vec<String>,
}

impl Drop for OsKeychainProbe {
    fn drop(&mut self) {
        for account in &self.accounts {
            let _ = self.keychain.delete(account);
        }
    }
}

/// The OS keychain when it is reachable and we were allowed to try it;
/// otherwise why not.
fn probe_os_keychain() -> Result<OsKeychainProbe, String> {
    let wanted = std::env::var("CONFIDANT_BENCH_OS_KEYCHAIN").ok();
    match wanted.as_deref() {
        Some("0") => return Err("skipped (CONFIDANT_BENCH_OS_KEYCHAIN=0)".into()),
        Some("1") => {}
        _ => {
            if !cfg!(target_os = "linux") {
                return Err(
                    "not tried (set CONFIDANT_BENCH_OS_KEYCHAIN=1 to use this OS's keychain)"
                        .into(),
                );
            }
            if std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_none() {
                return Err("not reachable (no D-Bus session bus; run under dbus-run-session with gnome-keyring)".into());
            }
        }
    }
    let service = format!("{}.bench-{}", confidant_core::APP_ID, random_hex(6));
    let keychain = OsKeychain::new(&service);
    let account = format!("probe-{}", random_hex(6));
    let mut probe = OsKeychainProbe {
        keychain,
        service,
        accounts: vec![account.clone()],
    };
    let key = SecretKey::generate().expect("key");
    probe
        .keychain
        .set(&account, &key)
        .map_err(|e| format!("not reachable ({e})"))?;
    match probe.keychain.get(&account) {
        Ok(Some(k)) if k.expose() == key.expose() => {}
        other => {
            return Err(format!(
                "not usable (read back {:?})",
                other.map(|k| k.is_some())
            ))
        }
    }
    let _ = probe.keychain.delete(&account);
    probe.accounts.clear();
    Ok(probe)
}

// ----- measurements ----------------------------------------------------------------

#[derive(Default, Clone)]
struct UnlockFigures {
    keychain_get: Duration,
    open: Duration,
    unlock: Duration,
    list: Duration,
    open_unlock: Duration,
    open_unlock_list: Duration,
}

/// Reopens the vault [`REOPENS`] times; medians of each phase. Returns the
/// last (unlocked) vault.
fn measure_unlock(
    dir: &Path,
    vault_id: &str,
    keychain: &(impl Keychain + Clone + 'static),
) -> (UnlockFigures, Vault) {
    let mut kc_gets = Vec::new();
    for _ in 0..21 {
        let t = Instant::now();
        let got = keychain.get(vault_id).expect("keychain get");
        kc_gets.push(t.elapsed());
        assert!(got.is_some(), "the device key is in the keychain");
    }
    let (mut opens, mut unlocks, mut lists, mut ou, mut oul) =
        (vec![], vec![], vec![], vec![], vec![]);
    let mut last = None;
    for _ in 0..REOPENS {
        drop(last.take());
        let t0 = Instant::now();
        let mut vault = Vault::open(
            dir,
            Box::new(keychain.clone()),
            VaultConfig::default(),
            Utc::now(),
        )
        .expect("reopen");
        let t1 = Instant::now();
        vault.unlock(None, Utc::now()).expect("unlock");
        let t2 = Instant::now();
        let page = Journal::of(&mut vault).list(0, LIST_PAGE).expect("list");
        let t3 = Instant::now();
        assert_eq!(page.entries.len(), LIST_PAGE as usize);
        opens.push(t1 - t0);
        unlocks.push(t2 - t1);
        lists.push(t3 - t2);
        ou.push(t2 - t0);
        oul.push(t3 - t0);
        last = Some(vault);
    }
    let figures = UnlockFigures {
        keychain_get: median(&kc_gets),
        open: median(&opens),
        unlock: median(&unlocks),
        list: median(&lists),
        open_unlock: median(&ou),
        open_unlock_list: median(&oul),
    };
    (figures, last.expect("at least one reopen"))
}

struct PlainDb {
    path: PathBuf,
    conn: rusqlite::Connection,
    rows: usize,
}

impl PlainDb {
    /// Same pragmas as the vault (`store::configure`: WAL, synchronous=FULL,
    /// secure_delete, …) and the same shape as `journal_entries`.
    fn open(path: &Path) -> PlainDb {
        let conn = Self::connect(path);
        PlainDb {
            path: path.to_path_buf(),
            conn,
            rows: 0,
        }
    }

    fn connect(path: &Path) -> rusqlite::Connection {
        let conn = rusqlite::Connection::open(path).expect("open the plain database");
        confidant_core::store::configure(&conn).expect("pragmas");
        conn.execute_batch(
            "CREATE TABLE IF NOT EXISTS plain_entries (
                 id TEXT PRIMARY KEY, created_at INTEGER NOT NULL, body BLOB NOT NULL) STRICT;
             CREATE INDEX IF NOT EXISTS plain_by_created ON plain_entries (created_at DESC, id);",
        )
        .expect("schema");
        conn
    }

    /// Closes (checkpointing and removing the WAL, as closing the vault
    /// does) and opens again, so both databases start the save rounds in
    /// the same state: a fresh, growing WAL.
    fn reopen(&mut self) {
        let placeholder = rusqlite::Connection::open_in_memory().expect("in-memory placeholder");
        drop(std::mem::replace(&mut self.conn, placeholder)); // the last connection: WAL removed
        self.conn = Self::connect(&self.path);
    }

    /// Brings the table to `n` rows in one transaction (setup, not measured).
    fn fill_to(&mut self, n: usize, rng: &mut Rng) {
        let tx = self.conn.transaction().expect("tx");
        {
            let mut stmt = tx
                .prepare("INSERT INTO plain_entries (id, created_at, body) VALUES (?1, ?2, ?3)")
                .expect("prepare");
            while self.rows < n {
                let body = make_body(rng);
                stmt.execute(rusqlite::params![
                    uuid::Uuid::new_v4().to_string(),
                    self.rows as i64,
                    body.as_bytes()
                ])
                .expect("insert");
                self.rows += 1;
            }
        }
        tx.commit().expect("commit");
    }

    /// One autocommit insert: one durable transaction, like `journal_create`.
    fn insert(&mut self, body: &[u8], created_at: i64) -> Duration {
        let id = uuid::Uuid::new_v4().to_string();
        let t = Instant::now();
        self.conn
            .prepare_cached("INSERT INTO plain_entries (id, created_at, body) VALUES (?1, ?2, ?3)")
            .expect("prepare")
            .execute(rusqlite::params![id, created_at, body])
            .expect("insert");
        let d = t.elapsed();
        self.rows += 1;
        d
    }
}

struct SaveFigures {
    sealed: Vec<Duration>,
    plain: Vec<Duration>,
    fsync: Vec<Duration>,
    seal_only: Vec<Duration>,
}

/// Interleaved rounds, so all three see the same disk conditions; the order
/// within a round rotates, so none of them always follows another's fsync.
/// Also times sealing alone (AES-256-GCM of the same body) to split the cost.
fn measure_saves(
    vault: &mut Vault,
    plain: &mut PlainDb,
    fsync_file: &mut File,
    rng: &mut Rng,
    clock: &mut Clock,
) -> SaveFigures {
    let mut out = SaveFigures {
        sealed: Vec::with_capacity(SAVE_ROUNDS),
        plain: Vec::with_capacity(SAVE_ROUNDS),
        fsync: Vec::with_capacity(SAVE_ROUNDS),
        seal_only: Vec::with_capacity(SAVE_ROUNDS),
    };
    let key = SecretKey::generate().expect("key");
    let key_id = uuid::Uuid::new_v4();
    for round in 0..SAVE_ROUNDS {
        let body = make_body(rng);
        for step in 0..3 {
            match (round + step) % 3 {
                0 => {
                    fsync_file.write_all(body.as_bytes()).expect("write");
                    let t = Instant::now();
                    fsync_file.sync_data().expect("fdatasync");
                    out.fsync.push(t.elapsed());
                }
                1 => out
                    .plain
                    .push(plain.insert(body.as_bytes(), clock.peek_millis())),
                _ => {
                    let now = clock.tick();
                    let t = Instant::now();
                    Journal::of(vault).create(&body, now).expect("create");
                    out.sealed.push(t.elapsed());
                }
            }
        }
        let row = uuid::Uuid::new_v4().to_string();
        let t = Instant::now();
        let sealed = confidant_core::crypto::seal(
            &key,
            key_id,
            confidant_core::crypto::Context::new("journal_entries", "body", &row),
            body.as_bytes(),
        )
        .expect("seal");
        out.seal_only.push(t.elapsed());
        std::hint::black_box(sealed);
    }
    out
}

/// Distinct, increasing timestamps for created entries.
struct Clock {
    start: DateTime<Utc>,
    n: i64,
}

impl Clock {
    fn tick(&mut self) -> DateTime<Utc> {
        self.n += 1;
        self.start + chrono::Duration::milliseconds(self.n)
    }

    fn peek_millis(&self) -> i64 {
        (self.start + chrono::Duration::milliseconds(self.n)).timestamp_millis()
    }
}

// ----- the run ------------------------------------------------------------------------

struct Column {
    n: usize,
    population: Duration,
    populated_from: usize,
    db_bytes: u64,
    memory: UnlockFigures,
    os: Option<UnlockFigures>,
    saves: SaveFigures,
    search_first: Duration,
    search_second: Duration,
    search_hits: usize,
    searched_entries: usize,
}

fn sizes() -> Vec<usize> {
    std::env::var("CONFIDANT_BENCH_SIZES")
        .ok()
        .map(|s| {
            s.split(',')
                .filter_map(|x| x.trim().parse().ok())
                .collect::<Vec<usize>>()
        })
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| DEFAULT_SIZES.to_vec())
}

fn main() {
    let started = Instant::now();
    let sizes = sizes();
    let parent = std::env::var_os("CONFIDANT_BENCH_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(std::env::temp_dir);
    let base = tempfile::Builder::new()
        .prefix("confidant-bench-")
        .tempdir_in(&parent)
        .expect("a temporary folder for the benchmark");
    let vault_dir = base.path().join("vault");
    let os_probe = probe_os_keychain();

    println!("Confidant journal benchmark");
    println!(
        "  build        : {}",
        if cfg!(debug_assertions) {
            "DEBUG (numbers are not meaningful; use cargo bench)"
        } else {
            "release"
        }
    );
    println!(
        "  folder       : {} ({})",
        base.path().display(),
        describe_fs(base.path())
    );
    println!("                 every file below (vault, plain baseline, fdatasync file) is in this folder");
    println!("  entries      : ~{BODY_BYTES} bytes of printable text each; sizes {sizes:?}");
    println!(
        "  keychain     : MemoryKeychain for population and the main rows; OS keychain: {}",
        match &os_probe {
            Ok(p) => format!(
                "Secret Service reachable, service {} (extra rows)",
                p.service
            ),
            Err(why) => why.clone(),
        }
    );
    println!("  page cache   : warm (the data was just written; caches are not dropped)");
    println!();

    // Setup with the real KDF parameters, like the app.
    let keychain = MemoryKeychain::new();
    let mut clock = Clock {
        start: Utc::now() - chrono::Duration::days(30),
        n: 0,
    };
    let mut vault = Vault::open(
        &vault_dir,
        Box::new(keychain.clone()),
        VaultConfig::default(),
        Utc::now(),
    )
    .expect("open");
    let code = vault
        .begin_setup(&[Role::Supervisor, Role::Supervisee])
        .expect("begin setup")
        .recovery_code;
    vault
        .confirm_setup(&code, Utc::now())
        .expect("confirm setup");
    let db = vault_dir.join(DB_FILE);
    let vault_id = read_vault_id(&db);

    let mut os_probe = os_probe.ok();
    if let Some(probe) = &mut os_probe {
        let kek = keychain
            .get(&vault_id)
            .expect("keychain")
            .expect("device key");
        probe
            .keychain
            .set(&vault_id, &kek)
            .expect("copy the device key to the OS keychain");
        probe.accounts.push(vault_id.clone());
    }

    let mut plain = PlainDb::open(&base.path().join("plain.db"));
    let mut fsync_file = OpenOptions::new()
        .create(true)
        .append(true)
        .open(base.path().join("fsync.bin"))
        .expect("the fdatasync file");

    let mut rng = Rng(0x0123_4567_89AB_CDEF);
    let mut count = 0usize;
    let mut columns = Vec::new();
    for &n in &sizes {
        // Populate through the public API: one durable commit per entry.
        let from = count;
        let t = Instant::now();
        let mut last_report = Instant::now();
        while count < n {
            let body = make_body(&mut rng);
            Journal::of(&mut vault)
                .create(&body, clock.tick())
                .expect("create");
            count += 1;
            if last_report.elapsed() > Duration::from_secs(10) {
                eprintln!(
                    "  … populating: {count} / {n} ({:.0} s)",
                    t.elapsed().as_secs_f64()
                );
                last_report = Instant::now();
            }
        }
        let population = t.elapsed();
        plain.fill_to(count, &mut rng);
        plain.reopen();

        // Reopen + unlock + list, from disk.
        drop(vault);
        let db_bytes = file_size(&db) + file_size(&vault_dir.join(format!("{DB_FILE}-wal")));
        let os = os_probe.as_ref().map(|p| {
            let (figures, v) = measure_unlock(&vault_dir, &vault_id, &p.keychain);
            drop(v);
            figures
        });
        let (memory, v) = measure_unlock(&vault_dir, &vault_id, &keychain);
        vault = v;

        // Durable saves against the baselines.
        let saves = measure_saves(
            &mut vault,
            &mut plain,
            &mut fsync_file,
            &mut rng,
            &mut clock,
        );
        count += SAVE_ROUNDS;

        // Search: the first builds the in-memory index.
        let t = Instant::now();
        let hits = Journal::of(&mut vault).search(RARE_WORD).expect("search");
        let search_first = t.elapsed();
        let t = Instant::now();
        let again = Journal::of(&mut vault).search(RARE_WORD).expect("search");
        let search_second = t.elapsed();
        assert_eq!(hits.len(), again.len());

        columns.push(Column {
            n,
            population,
            populated_from: from,
            db_bytes,
            memory,
            os,
            saves,
            search_first,
            search_second,
            search_hits: hits.len(),
            searched_entries: count,
        });
    }
    drop(vault);

    print_report(&columns);
    println!();
    println!(
        "Total benchmark time: {:.1} s",
        started.elapsed().as_secs_f64()
    );
    drop(os_probe); // deletes the OS keychain entries
}
