//! Crash safety of the security log (the harness is `tests/common/crash.rs`):
//! a child process appending entries, and unlocking (which appends and
//! checkpoints), again and again, is killed with `SIGKILL` at random
//! moments. After every kill the database passes `PRAGMA integrity_check`,
//! the vault unlocks, the chain is whole (no problem reported), and every
//! acknowledged entry is there — the one in flight at most once more.
//!
//! Reproduce a run with `CONFIDANT_CRASH_SEED=<seed printed>`.
//! Pass/fail never depends on timing: the delays only choose where the kill
//! lands.

mod common;

use chrono::{DateTime, Duration, TimeZone, Utc};
use common::crash::{self, CrashVault, InFlight};
use confidant_core::audit::{self, Audit, AuditEvent};
use confidant_core::vault::Role;

const CHILD_TEST: &str = "audit_crash_child";
const KILLS: u64 = 12;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0)
        .single()
        .expect("time")
}

/// The child: a no-op unless the parent started this binary for it.
#[test]
fn audit_crash_child() {
    let Some(crash::Child { mut vault, run, .. }) = crash::child(CHILD_TEST, now()) else {
        return;
    };
    // At most 300 operations a run, fewer than the 500 entries the log
    // shows, so the parent sees every entry of the run; then it waits to
    // be killed.
    for seq in 0..300i64 {
        let at = now() + Duration::seconds(seq);
        if seq % 5 == 4 {
            // The unlock path: append, then a TRUNCATE checkpoint.
            vault.lock();
            vault.unlock(None, at).expect("unlock");
            continue;
        }
        crash::begin(&format!("{run} {seq}"));
        audit::record(
            &mut vault,
            AuditEvent::ExportWritten,
            &format!("run {run}"),
            at,
        )
        .expect("append");
        crash::committed(&format!("{run} {seq}"));
    }
    loop {
        std::thread::sleep(std::time::Duration::from_secs(1));
    }
}

#[test]
#[ignore = "reliability suite: scripts/test.sh runs it in a step of its own (cargo test -- --ignored)"]
fn sigkill_while_the_log_is_written_keeps_the_chain_whole_and_every_acknowledged_entry() {
    if crash::in_child() {
        return;
    }
    let seed = crash::seed("security log");
    let cv = CrashVault::new(Role::Supervisor, now(), |_| {});
    crash::run(
        "security log",
        CHILD_TEST,
        &cv,
        KILLS,
        seed,
        (5, 155),
        now(),
        |kill, v| {
            let run = kill.run;
            let acknowledged = kill.acknowledged().count();
            let log = Audit::of(v).list().expect("the log opens");
            assert_eq!(log.problem, None, "run {run}: the chain is whole");
            let tag = format!("run {run}");
            let found = log.entries.iter().filter(|e| e.detail == tag).count();
            match kill.in_flight() {
                None => {
                    assert_eq!(found, acknowledged, "run {run}: entries of the run");
                    InFlight::None
                }
                Some(_) if found == acknowledged => InFlight::NotLanded,
                Some(_) => {
                    assert_eq!(
                        found,
                        acknowledged + 1,
                        "run {run}: {found} entries, {acknowledged} acknowledged, one in flight"
                    );
                    InFlight::Landed
                }
            }
        },
    );
}
