//! Packet benchmark: `cargo bench -p confidant-core --bench packets`.
//!
//! A program, not a test: it prints a table and always exits 0. Two vaults
//! on disk (a supervisor and a supervisee, each with the other's card);
//! the supervisor seals a packet of about 1 MB (one journal entry of
//! 1 MiB of text), the supervisee opens it (decrypt, parse, verify, the
//! checks) and imports it (the same, then the item sealed into its store).
//! Median of several runs each, in ms and MB/s of the packet, beside a
//! same-run baseline: AES-256-GCM of the same plaintext with the vault's
//! own sealing (`crypto::seal` / `crypto::open`), which is what storing
//! 1 MB in the vault costs without any packet format around it.
//!
//! Knob: `CONFIDANT_BENCH_DIR=/path` (parent folder, default the system
//! temp dir).
#![allow(clippy::disallowed_methods)] // a benchmark may read the clock; the library may not

use std::time::{Duration, Instant};

use chrono::{NaiveDate, Utc};
use confidant_core::crypto::{self, Context, KdfParams, SecretKey};
use confidant_core::keychain::MemoryKeychain;
use confidant_core::packets::items::{ItemBody, SnapshotSection};
use confidant_core::packets::{Outgoing, Packets};
use confidant_core::people::{People, PersonInput, PersonKind, Relation};
use confidant_core::vault::{Role, Vault, VaultConfig};

const RUNS: usize = 9;
const TEXT_BYTES: usize = 1024 * 1024;

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn row(label: &str, d: Duration, bytes: usize) {
    let ms = d.as_secs_f64() * 1000.0;
    let mbs = bytes as f64 / 1_000_000.0 / d.as_secs_f64();
    println!("| {label:<34} | {ms:>9.2} ms | {mbs:>8.1} MB/s |");
}

fn vault(parent: &std::path::Path, name: &str, role: Role) -> Vault {
    let dir = parent.join(name);
    let now = Utc::now();
    let config = VaultConfig {
        kdf: KdfParams::INSECURE_FOR_TESTS,
    };
    let mut v = Vault::open(&dir, Box::new(MemoryKeychain::new()), config, now).expect("open");
    let s = v.begin_setup(&[role]).expect("begin");
    v.confirm_setup(&s.recovery_code, now).expect("confirm");
    v
}

fn person(v: &mut Vault, name: &str, relation: Relation) -> String {
    let input = PersonInput {
        kind: PersonKind::Person,
        relation,
        name: name.into(),
        pronouns: String::new(),
        email: String::new(),
        phone: String::new(),
        organisation_id: None,
        professional_role: String::new(),
        licence_number: String::new(),
        licence_body: String::new(),
        licensure_plan: String::new(),
        start_date: None,
        end_date: None,
        notes: String::new(),
        members: vec![],
        facilitator_id: None,
    };
    People::of(v).create(&input, Utc::now()).expect("person").id
}

fn main() {
    let parent = std::env::var_os("CONFIDANT_BENCH_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(std::env::temp_dir);
    let tmp = tempfile::tempdir_in(parent).expect("tmp");
    let mut a = vault(tmp.path(), "a", Role::Supervisor);
    let mut b = vault(tmp.path(), "b", Role::Supervisee);
    let a_bea = person(&mut a, "Bea Okafor", Relation::ISupervise);
    let b_sam = person(&mut b, "Sam Lindqvist", Relation::SupervisesMe);
    let now = Utc::now();
    let card_a = Packets::of(&mut a).identity(now).expect("a").card;
    let card_b = Packets::of(&mut b).identity(now).expect("b").card;
    Packets::of(&mut a)
        .set_peer(&a_bea, &card_b, now)
        .expect("peer");
    Packets::of(&mut b)
        .set_peer(&b_sam, &card_a, now)
        .expect("peer");

    let line = "We talked about the client who left early, and what it stirred. ";
    let text: String = line.repeat(TEXT_BYTES / line.len() + 1)[..TEXT_BYTES].to_string();
    let item = || Outgoing {
        title: "A long reflection".into(),
        body: ItemBody::JournalEntry {
            title: "A long reflection".into(),
            template: "Free writing".into(),
            sections: vec![SnapshotSection {
                heading: String::new(),
                text: text.clone(),
            }],
            tags: vec![],
            written_on: NaiveDate::from_ymd_opt(2026, 11, 30).expect("date"),
        },
        source_key: None,
    };

    let mut seal = Vec::new();
    let mut open = Vec::new();
    let mut import = Vec::new();
    let mut size = 0;
    for _ in 0..RUNS {
        let t = Instant::now();
        let sealed = Packets::of(&mut a)
            .seal(&a_bea, vec![item()], vec![], Utc::now())
            .expect("seal");
        seal.push(t.elapsed());
        size = sealed.bytes.len();
        let t = Instant::now();
        Packets::of(&mut b)
            .open(&sealed.bytes, Utc::now())
            .expect("open");
        open.push(t.elapsed());
        let t = Instant::now();
        Packets::of(&mut b)
            .import_with(&sealed.bytes, Utc::now(), |_, _, _| Ok(vec![]))
            .expect("import");
        import.push(t.elapsed());
    }

    // Baseline: the vault's own AES-256-GCM sealing of the same text.
    let key = SecretKey::generate().expect("key");
    let key_id = uuid::Uuid::new_v4();
    let mut base_seal = Vec::new();
    let mut base_open = Vec::new();
    for _ in 0..RUNS {
        let ctx = Context::new("bench", "body", "1");
        let t = Instant::now();
        let sealed = crypto::seal(&key, key_id, ctx, text.as_bytes()).expect("seal");
        base_seal.push(t.elapsed());
        let t = Instant::now();
        crypto::open(&key, Context::new("bench", "body", "1"), &sealed, "bench").expect("open");
        base_open.push(t.elapsed());
    }

    println!(
        "Packet of {size} bytes ({TEXT_BYTES} bytes of text in one journal entry), median of {RUNS} runs; MB/s of the packet's size\n"
    );
    println!("| {:<34} | {:>12} | {:>13} |", "step", "time", "throughput");
    println!("|{:-<36}|{:->14}|{:->15}|", "", "", "");
    row("seal (sign, age to 2, record sent)", median(seal), size);
    row("open (decrypt, parse, verify)", median(open), size);
    row("import (open + store the item)", median(import), size);
    row("baseline: AES-256-GCM seal", median(base_seal), TEXT_BYTES);
    row("baseline: AES-256-GCM open", median(base_open), TEXT_BYTES);
}
