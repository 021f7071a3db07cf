//! Crash safety of draft autosaves (the pattern of crash.rs): a child
//! process saving one record's draft again and again is killed with
//! `SIGKILL` at random moments. After every kill the database passes
//! `PRAGMA integrity_check`, the record opens, and it holds exactly the last
//! acknowledged save or the one in flight — never a mix: the record's
//! content and its action-item rows (written in the same transaction) agree.
//!
//! Reproduce a run with `CONFIDANT_RECORDS_CRASH_SEED=<seed printed>`.
//! Pass/fail never depends on timing: the delays only choose where the kill
//! lands.
#![allow(clippy::disallowed_methods)] // a test may read the clock; the library may not

mod records_fixture;

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration as StdDuration;

use chrono::Duration;
use confidant_core::crypto::{KdfParams, SecretKey};
use confidant_core::keychain::{Keychain, MemoryKeychain};
use confidant_core::people::PersonKind;
use confidant_core::records::{RecordContent, Records};
use confidant_core::schedule::{
    OccurrenceKey, ReminderSetting, Schedule, SeriesInput, SessionKind, SessionStatus,
};
use confidant_core::store::DB_FILE;
use confidant_core::vault::{Role, Vault, VaultConfig};
use records_fixture::{complete, day, now};

const DIR_ENV: &str = "CONFIDANT_RECORDS_CRASH_DIR";
const KEK_ENV: &str = "CONFIDANT_RECORDS_CRASH_KEK";
const ID_ENV: &str = "CONFIDANT_RECORDS_CRASH_ID";
const RUN_ENV: &str = "CONFIDANT_RECORDS_CRASH_RUN";
const SEED_ENV: &str = "CONFIDANT_RECORDS_CRASH_SEED";
const CHILD_TEST: &str = "records_crash_child";
const MARK: &str = "@@rec ";
const KILLS: u64 = 10;

fn config() -> VaultConfig {
    VaultConfig {
        kdf: KdfParams::INSECURE_FOR_TESTS,
    }
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

/// The content of save `seq` of run `run`: the key learning and the first
/// action item name it; one in four is long (overflow pages).
fn content(base: &RecordContent, run: u64, seq: u64) -> RecordContent {
    let mut c = base.clone();
    let pad = if seq % 4 == 3 {
        "ü".repeat(6000)
    } else {
        String::new()
    };
    c.key_learning = format!("run {run} seq {seq} {pad}").trim().to_string();
    c.action_items[0].text = format!("act {run} {seq}");
    c
}

fn vault_at(dir: &str, kek: &str) -> (Vault, String) {
    let conn = rusqlite::Connection::open(Path::new(dir).join(DB_FILE)).expect("db");
    let vault_id: String = conn
        .query_row("SELECT id FROM vault", [], |r| r.get(0))
        .expect("vault id");
    drop(conn);
    let keychain = MemoryKeychain::new();
    let key = SecretKey::from_slice(&unhex(kek)).expect("key");
    keychain.set(&vault_id, &key).expect("keychain");
    let mut v = Vault::open(Path::new(dir), Box::new(keychain), config(), now()).expect("open");
    v.unlock(None, now()).expect("unlock");
    (v, vault_id)
}

fn say(line: &str) {
    let mut out = std::io::stdout().lock();
    out.write_all(format!("{MARK}{line}\n").as_bytes())
        .expect("stdout");
    out.flush().expect("flush");
}

/// The child: a no-op unless the parent started this binary for it.
#[test]
fn records_crash_child() {
    let Ok(dir) = std::env::var(DIR_ENV) else {
        return;
    };
    let get = |k: &str| std::env::var(k).expect("set by the parent");
    let (mut v, _) = vault_at(&dir, &get(KEK_ENV));
    let id = get(ID_ENV);
    let run: u64 = get(RUN_ENV).parse().expect("run");
    for seq in 0..1_000_000u64 {
        let r = Records::of(&mut v).get(&id, None).expect("read");
        let c = content(&r.content, run, seq);
        say(&format!("BEGIN {} {run} {seq}", r.revision));
        let saved = Records::of(&mut v)
            .save_draft(&id, r.revision, &c, now() + Duration::seconds(seq as i64))
            .expect("save");
        say(&format!("COMMITTED {} {run} {seq}", saved.revision));
    }
}

fn parse(line: &str) -> Option<(bool, u32, u64, u64)> {
    let rest = &line[line.find(MARK)? + MARK.len()..];
    let p: Vec<&str> = rest.split_whitespace().collect();
    let [phase, rev, run, seq] = p.as_slice() else {
        return None;
    };
    Some((
        *phase == "COMMITTED",
        rev.parse().ok()?,
        run.parse().ok()?,
        seq.parse().ok()?,
    ))
}

#[test]
fn sigkill_during_draft_autosaves_keeps_the_last_save_or_the_one_in_flight() {
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
    println!("records crash seed: {seed} (set {SEED_ENV} to reproduce)");
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("vault");
    let keychain = MemoryKeychain::new();
    let (id, vault_id) = {
        let mut v = Vault::open(&dir, Box::new(keychain.clone()), config(), now()).expect("open");
        let s = v.begin_setup(&[Role::Supervisor]).expect("setup");
        v.confirm_setup(&s.recovery_code, now()).expect("confirm");
        let person = records_fixture::person(&mut v, "Sam Supervisee", PersonKind::Person, vec![]);
        let start = day(0).and_hms_opt(10, 0, 0).expect("t");
        let input = SeriesInput {
            person_id: person,
            kind: SessionKind::Individual,
            time_zone: "Europe/London".into(),
            start,
            end: start + Duration::hours(1),
            recurrence: None,
            location: String::new(),
            reminder: ReminderSetting::Default,
            calendar_code: String::new(),
        };
        let series = Schedule::of(&mut v)
            .create(&input, now())
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
        let r = Records::of(&mut v).start(&key, now()).expect("start");
        Records::of(&mut v)
            .save_draft(&r.id, r.revision, &complete(day(0)), now())
            .expect("first save");
        let vault_id = {
            let conn = rusqlite::Connection::open(dir.join(DB_FILE)).expect("db");
            conn.query_row("SELECT id FROM vault", [], |r| r.get::<_, String>(0))
                .expect("id")
        };
        (r.id, vault_id)
    };
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
    let (mut committed_total, mut in_flight_landed) = (0, 0);
    for run in 0..KILLS {
        let mut child = Command::new(std::env::current_exe().expect("exe"))
            .args(["--exact", CHILD_TEST, "--nocapture", "--test-threads=1"])
            .env(DIR_ENV, &dir)
            .env(KEK_ENV, &kek)
            .env(ID_ENV, &id)
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
        // Hang guard, not a speed assertion: wait for the first acknowledged save.
        while let Ok(line) = rx.recv_timeout(StdDuration::from_secs(120)) {
            let done = line.contains(&format!("{MARK}COMMITTED"));
            lines.push(line);
            if done {
                break;
            }
        }
        std::thread::sleep(StdDuration::from_millis(10 + next() % 200));
        child.kill().expect("kill");
        child.wait().expect("reap");
        reader.join().expect("reader");
        lines.extend(rx.try_iter());

        let steps: Vec<_> = lines.iter().filter_map(|l| parse(l)).collect();
        let last = steps
            .iter()
            .rev()
            .find(|s| s.0)
            .copied()
            .expect("an acknowledged save");
        let in_flight = steps.last().filter(|s| !s.0).copied();
        committed_total += steps.iter().filter(|s| s.0).count();

        let conn = rusqlite::Connection::open(dir.join(DB_FILE)).expect("db");
        let ok: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .expect("check");
        assert_eq!(ok, "ok", "run {run}");
        drop(conn);
        let (mut v, _) = vault_at(dir.to_str().expect("utf-8 path"), &kek);
        let r = Records::of(&mut v)
            .get(&id, None)
            .expect("the record opens after the kill");
        let expect = |run: u64, seq: u64| content(&r.content, run, seq);
        let (rev, run_, seq) = if r.revision == last.1 {
            (last.1, last.2, last.3)
        } else {
            let f = in_flight.unwrap_or_else(|| {
                panic!(
                    "run {run}: revision {} is neither acknowledged nor in flight",
                    r.revision
                )
            });
            assert_eq!(r.revision, f.1 + 1, "run {run}: the save in flight");
            in_flight_landed += 1;
            (f.1 + 1, f.2, f.3)
        };
        assert_eq!(r.revision, rev);
        assert_eq!(
            r.content.key_learning,
            expect(run_, seq).key_learning,
            "run {run}"
        );
        assert_eq!(r.content.action_items[0].text, format!("act {run_} {seq}"));
        assert_eq!(
            r.action_items[0].text, r.content.action_items[0].text,
            "rows agree with the record"
        );
        assert_eq!(r.action_items.len(), r.content.action_items.len());
    }
    println!("{KILLS} kills, {committed_total} acknowledged saves, {in_flight_landed} in-flight saves landed");
}
