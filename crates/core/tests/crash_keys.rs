//! Crash safety of key changes (the harness is `tests/common/crash.rs`):
//! master-key rotation, and erasure, which rotates the keys in the same
//! transaction. A child process rotating or erasing is killed with
//! `SIGKILL` at random moments. After every kill, besides the harness's
//! checks (`integrity_check`, the vault opens and **unlocks from the
//! keychain** — never a vault that cannot open): the recovery code of the
//! last acknowledged change opens the vault (or the one in flight, if it
//! landed; never neither), every record written before is still there, and
//! an acknowledged erasure left nobody behind.
//!
//! Both processes share a file-backed keychain (see the harness), so the
//! new device key's two-step hand-over (`.next` entry, then the main one)
//! is exercised across real kills.

mod common;

use std::collections::BTreeSet;

use chrono::{DateTime, TimeZone, Utc};
use common::crash::{self, CrashVault, InFlight, Kill};
use confidant_core::error::Error;
use confidant_core::journal::Journal;
use confidant_core::people::{People, PersonKind, Relation};
use confidant_core::subject_access::SubjectAccess;
use confidant_core::vault::{RekeyKind, Role, Vault};

const ENTRY: &str = "A note written before any key change.";

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 6, 1, 9, 0, 0)
        .single()
        .expect("time")
}

/// The code in field `i` of a protocol line.
fn code_of(fields: &[String], i: usize) -> String {
    fields.get(i).cloned().expect("a recovery code field")
}

/// Which of `in_flight` (the code of a change that may have landed) and
/// `current` (the last acknowledged code) opens the vault: exactly one
/// must. Leaves the vault unlocked (recovery enrols this "computer" again).
fn code_that_opens(v: &mut Vault, in_flight: Option<&str>, current: &str) -> InFlight {
    v.lock();
    if let Some(code) = in_flight {
        match v.recover(code, now()) {
            Ok(()) => return InFlight::Landed,
            Err(Error::WrongRecoveryCode) => {}
            Err(e) => panic!("recovery with the code in flight: {e}"),
        }
    }
    v.recover(current, now())
        .expect("the last acknowledged recovery code opens the vault");
    if in_flight.is_some() {
        InFlight::NotLanded
    } else {
        InFlight::None
    }
}

fn entry_intact(v: &mut Vault) {
    let page = Journal::of(v).list(0, 10).expect("journal");
    assert_eq!(page.entries.len(), 1, "the entry written before is there");
    let id = page.entries[0].id.clone();
    assert_eq!(Journal::of(v).get(&id).expect("entry").body, ENTRY);
}

// ----- master-key rotation -----------------------------------------------------

const ROTATE_CHILD: &str = "rotate_crash_child";

#[test]
fn rotate_crash_child() {
    let Some(crash::Child { mut vault, run, .. }) = crash::child(ROTATE_CHILD, now()) else {
        return;
    };
    for seq in 0..1_000_000u64 {
        let code = vault
            .begin_rekey(RekeyKind::MasterKey, None, now())
            .expect("begin")
            .recovery_code;
        crash::begin(&format!("rotate {run} {seq} {code}"));
        vault.finish_rekey(&code, now()).expect("rotate");
        crash::committed(&format!("rotate {run} {seq} {code}"));
    }
}

#[test]
#[ignore = "reliability suite: scripts/test.sh runs it in a step of its own (cargo test -- --ignored)"]
fn sigkill_during_key_rotation_never_leaves_a_vault_that_cannot_open() {
    if crash::in_child() {
        return;
    }
    let seed = crash::seed("rotation");
    let mut current = String::new();
    let cv = CrashVault::new_with_code(Role::Supervisee, now(), |v, code| {
        Journal::of(v).create(ENTRY, now()).expect("entry");
        current = code.to_string();
    });
    crash::run(
        "key rotation",
        ROTATE_CHILD,
        &cv,
        10,
        seed,
        (0, 60),
        now(),
        |kill: &Kill, v: &mut Vault| {
            entry_intact(v);
            if let Some(last) = kill.acknowledged().last() {
                current = code_of(&last.fields, 3);
            }
            let in_flight = kill.in_flight().map(|e| code_of(&e.fields, 3));
            let verdict = code_that_opens(v, in_flight.as_deref(), &current);
            if let (InFlight::Landed, Some(code)) = (verdict, in_flight) {
                current = code;
            }
            entry_intact(v);
            verdict
        },
    );
}

// ----- erasure ------------------------------------------------------------------

const ERASE_CHILD: &str = "erase_crash_child";

fn name_of(run: u64, seq: u64) -> String {
    format!("Person {run}-{seq}")
}

#[test]
fn erase_crash_child() {
    let Some(crash::Child { mut vault, run, .. }) = crash::child(ERASE_CHILD, now()) else {
        return;
    };
    for seq in 0..1_000_000u64 {
        let name = name_of(run, seq);
        crash::begin(&format!("add {run} {seq} -"));
        let id = People::of(&mut vault)
            .create(
                &common::person_input(PersonKind::Person, Relation::ISupervise, &name),
                now(),
            )
            .expect("person")
            .id;
        crash::committed(&format!("add {run} {seq} -"));
        let code = vault
            .begin_rekey(RekeyKind::MasterKey, None, now())
            .expect("begin")
            .recovery_code;
        crash::begin(&format!("erase {run} {seq} {code}"));
        SubjectAccess::of(&mut vault)
            .erase(&id, &name, &code, now())
            .expect("erase");
        crash::committed(&format!("erase {run} {seq} {code}"));
    }
}

#[test]
#[ignore = "reliability suite: scripts/test.sh runs it in a step of its own (cargo test -- --ignored)"]
fn sigkill_during_erasure_erases_whole_or_not_at_all_and_the_vault_opens() {
    if crash::in_child() {
        return;
    }
    let seed = crash::seed("erasure");
    let mut current = String::new();
    let cv = CrashVault::new_with_code(Role::Supervisor, now(), |v, code| {
        Journal::of(v).create(ENTRY, now()).expect("entry");
        current = code.to_string();
    });
    // People added and acknowledged, and not (yet) erased.
    let mut present: BTreeSet<String> = BTreeSet::new();
    crash::run(
        "erasure",
        ERASE_CHILD,
        &cv,
        10,
        seed,
        (0, 60),
        now(),
        |kill: &Kill, v: &mut Vault| {
            entry_intact(v);
            for e in kill.acknowledged() {
                let name = name_of(e.num(1), e.num(2));
                if e.fields[0] == "add" {
                    present.insert(name);
                } else {
                    present.remove(&name);
                    current = code_of(&e.fields, 3);
                }
            }
            let listed: BTreeSet<String> = People::of(v)
                .list()
                .expect("people")
                .into_iter()
                .map(|p| p.name)
                .collect();
            let verdict = match kill.in_flight() {
                None => {
                    code_that_opens(v, None, &current);
                    InFlight::None
                }
                Some(e) if e.fields[0] == "add" => {
                    let name = name_of(e.num(1), e.num(2));
                    code_that_opens(v, None, &current);
                    if listed.contains(&name) {
                        present.insert(name);
                        InFlight::Landed
                    } else {
                        InFlight::NotLanded
                    }
                }
                Some(e) => {
                    let name = name_of(e.num(1), e.num(2));
                    let code = code_of(&e.fields, 3);
                    let verdict = code_that_opens(v, Some(&code), &current);
                    // The person is gone exactly when the rotation landed.
                    assert_eq!(
                        listed.contains(&name),
                        verdict == InFlight::NotLanded,
                        "erasure and key rotation land together"
                    );
                    if verdict == InFlight::Landed {
                        present.remove(&name);
                        current = code;
                    }
                    verdict
                }
            };
            assert_eq!(listed, present, "exactly the people not erased are listed");
            entry_intact(v);
            verdict
        },
    );
}
