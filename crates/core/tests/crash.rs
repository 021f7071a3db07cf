//! Crash safety of journal writes (the harness is `tests/common/crash.rs`):
//! a child process creating, updating and deleting journal entries is
//! killed with `SIGKILL` at random moments, again and again, on the same
//! vault. After every kill the database passes `PRAGMA integrity_check`,
//! the vault unlocks, and every write the child saw return is there with
//! exactly the text it wrote. The one write in flight at the moment of the
//! kill may or may not have landed, but it is all or nothing. Bodies are
//! derived from `(run, seq)`, so the parent can rebuild the exact text.
//!
//! Reproduce a run with `CONFIDANT_CRASH_SEED=<seed printed by the test>`.
//! Pass/fail never depends on timing: the delays only choose where the kill
//! lands.
#![allow(clippy::disallowed_methods)] // a test or benchmark may read the clock; the library may not

mod common;

use std::collections::{BTreeMap, HashMap};

use chrono::Utc;
use common::crash::{self, CrashVault, InFlight, Rng};
use confidant_core::journal::Journal;
use confidant_core::vault::{Role, Vault};

/// Name of the child test (must match the function name).
const CHILD_TEST: &str = "crash_child_writer";
/// How many times the child is killed.
const KILLS: u64 = 24;
/// Safety net: a child nobody kills stops on its own.
const CHILD_MAX_OPS: u64 = 200_000;

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

// ----- the child ---------------------------------------------------------------

/// The child: a no-op unless the parent started this binary for it.
#[test]
fn crash_child_writer() {
    let Some(crash::Child {
        mut vault,
        run,
        seed,
        ..
    }) = crash::child(CHILD_TEST, Utc::now())
    else {
        return;
    };
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
            crash::begin(&format!("create - {run} {seq}"));
            let entry = Journal::of(&mut vault)
                .create(&body, Utc::now())
                .expect("create");
            crash::committed(&format!("create {} {run} {seq}", entry.id));
            pool.push(entry.id);
        } else if roll < 93 {
            let id = pool[rng.below(pool.len() as u64) as usize].clone();
            crash::begin(&format!("update {id} {run} {seq}"));
            Journal::of(&mut vault)
                .update(&id, &body, Utc::now())
                .expect("update");
            crash::committed(&format!("update {id} {run} {seq}"));
        } else {
            let id = pool.swap_remove(rng.below(pool.len() as u64) as usize);
            crash::begin(&format!("delete {id} {run} {seq}"));
            Journal::of(&mut vault).delete(&id).expect("delete");
            crash::committed(&format!("delete {id} {run} {seq}"));
        }
    }
}

// ----- the parent --------------------------------------------------------------

/// Every entry in the vault, id → body, read through the public API.
fn read_all(vault: &mut Vault) -> BTreeMap<String, String> {
    let mut ids = Vec::new();
    let mut offset = 0;
    loop {
        let page = Journal::of(vault).list(offset, 500).expect("list");
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
            let body = Journal::of(vault)
                .get(&id)
                .expect("every listed entry opens")
                .body;
            (id, body)
        })
        .collect()
}

#[test]
#[ignore = "reliability suite: scripts/test.sh runs it in a step of its own (cargo test -- --ignored)"]
fn sigkill_during_journal_writes_never_loses_an_acknowledged_write() {
    if crash::in_child() {
        return; // we are a child; only the writer runs there
    }
    let seed = crash::seed("journal");
    let cv = CrashVault::new(Role::Supervisee, Utc::now(), |_| {});
    // What must be on disk: id → (run, seq) of its body.
    let mut model: HashMap<String, (u64, u64)> = HashMap::new();
    let (mut creates, mut updates, mut deletes) = (0, 0, 0);
    crash::run(
        "journal",
        CHILD_TEST,
        &cv,
        KILLS,
        seed,
        (20, 300),
        Utc::now(),
        |kill, vault| {
            let run = kill.run;
            // Apply what was acknowledged.
            for e in kill.acknowledged() {
                let id = e.fields[1].clone();
                let at = (e.num(2), e.num(3));
                match e.fields[0].as_str() {
                    "create" => {
                        creates += 1;
                        assert!(model.insert(id, at).is_none(), "fresh id");
                    }
                    "update" => {
                        updates += 1;
                        assert!(model.insert(id, at).is_some(), "updated a known entry");
                    }
                    "delete" => {
                        deletes += 1;
                        assert!(model.remove(&id).is_some(), "deleted a known entry");
                    }
                    op => panic!("unknown operation {op}"),
                }
            }
            // The vault holds exactly what was acknowledged, give or take
            // the one write in flight, which is all or nothing.
            let mut actual = read_all(vault);
            let verdict = match kill.in_flight() {
                None => InFlight::None,
                Some(step) => {
                    let at = (step.num(2), step.num(3));
                    let new_body = make_body(at.0, at.1);
                    let landed = match step.fields[0].as_str() {
                        "create" => {
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
                                    model.insert(id.clone(), at);
                                    true
                                }
                                None => false,
                            }
                        }
                        "update" => {
                            let id = step.fields[1].clone();
                            let body = actual
                                .get(&id)
                                .expect("an entry being updated is never lost");
                            if *body == new_body {
                                model.insert(id, at);
                                true
                            } else {
                                false // checked against the old text below
                            }
                        }
                        _ => {
                            let id = step.fields[1].clone();
                            if actual.contains_key(&id) {
                                false
                            } else {
                                model.remove(&id);
                                true
                            }
                        }
                    };
                    if landed {
                        InFlight::Landed
                    } else {
                        InFlight::NotLanded
                    }
                }
            };
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
            verdict
        },
    );
    println!(
        "crash[journal]: {creates} creates, {updates} updates, {deletes} deletes acknowledged; \
         {} entries at the end, all intact",
        model.len()
    );
}
