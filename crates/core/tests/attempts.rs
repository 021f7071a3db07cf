//! Repeated wrong recovery codes or passcodes get a growing wait: two wrong
//! tries in a row are free, then 2, 4, 8 … seconds (at most 300) before the
//! next one is even tried — the right answer included. A right answer
//! resets the count. The clock is passed in, so no test sleeps.

mod common;

use chrono::{DateTime, Duration, TimeZone, Utc};
use confidant_core::error::Error;
use confidant_core::journal::Journal;
use confidant_core::keychain::MemoryKeychain;
use confidant_core::vault::{Role, Vault, VaultState};

const WRONG: &str = "ABCD-EFGH-JKMN-PQRS-TVWX-YZ23-4567";

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0)
        .single()
        .expect("time")
}

fn secs(n: i64) -> DateTime<Utc> {
    t0() + Duration::seconds(n)
}

fn vault() -> (tempfile::TempDir, Vault, String) {
    let dir = tempfile::tempdir().expect("tmp");
    let mut v = Vault::open(
        dir.path(),
        Box::new(MemoryKeychain::new()),
        common::CONFIG,
        t0(),
    )
    .expect("open");
    let s = v.begin_setup(&[Role::Supervisee]).expect("begin");
    v.confirm_setup(&s.recovery_code, t0()).expect("confirm");
    Journal::of(&mut v)
        .create("A note about Thursday's session.", t0())
        .expect("entry");
    v.lock();
    (dir, v, s.recovery_code)
}

fn wait_of(r: Result<(), Error>) -> u64 {
    match r {
        Err(Error::TooManyAttempts { wait_seconds }) => wait_seconds,
        other => panic!("expected a wait, got {other:?}"),
    }
}

#[test]
fn wrong_recovery_codes_earn_a_growing_wait_that_even_the_right_code_respects() {
    let (_dir, mut v, code) = vault();
    for _ in 0..2 {
        assert!(matches!(
            v.recover(WRONG, t0()),
            Err(Error::WrongRecoveryCode)
        ));
    }
    // The third wrong try is tried, and starts a 2-second wait.
    assert!(matches!(
        v.recover(WRONG, t0()),
        Err(Error::WrongRecoveryCode)
    ));
    assert_eq!(
        wait_of(v.recover(&code, t0())),
        2,
        "the right code waits too"
    );
    assert_eq!(wait_of(v.recover(WRONG, secs(1))), 1);
    assert_eq!(v.state(), VaultState::Locked);
    // Each further wrong try doubles the wait.
    assert!(matches!(
        v.recover(WRONG, secs(2)),
        Err(Error::WrongRecoveryCode)
    ));
    assert_eq!(wait_of(v.recover(WRONG, secs(2))), 4);
    assert!(matches!(
        v.recover(WRONG, secs(6)),
        Err(Error::WrongRecoveryCode)
    ));
    assert_eq!(wait_of(v.recover(WRONG, secs(6))), 8);
    // A malformed code is refused before it counts or waits.
    assert!(matches!(
        v.recover("not a code", secs(6)),
        Err(Error::InvalidInput(_))
    ));
    // After the wait, the right code opens the vault and resets the count.
    v.recover(&code, secs(14)).expect("recover");
    assert_eq!(v.state(), VaultState::Unlocked);
    assert_eq!(Journal::of(&mut v).list(0, 10).expect("list").total, 1);
    v.lock();
    for _ in 0..2 {
        assert!(matches!(
            v.recover(WRONG, secs(15)),
            Err(Error::WrongRecoveryCode)
        ));
    }
}

#[test]
fn the_wait_stops_growing_at_five_minutes() {
    let (_dir, mut v, _code) = vault();
    let mut at = t0();
    let mut last = 0;
    for _ in 0..14 {
        assert!(matches!(
            v.recover(WRONG, at),
            Err(Error::WrongRecoveryCode)
        ));
        last = match v.recover(WRONG, at) {
            Err(Error::TooManyAttempts { wait_seconds }) => wait_seconds,
            Err(Error::WrongRecoveryCode) => 0,
            other => panic!("{other:?}"),
        };
        at += Duration::seconds(last as i64);
    }
    assert_eq!(last, 300);
}

#[test]
fn wrong_passcodes_wait_the_same_way() {
    let (_dir, mut v, _code) = vault();
    v.unlock(None, t0()).expect("unlock");
    v.set_passcode(None, "river stones", t0())
        .expect("passcode");
    v.lock();
    for _ in 0..3 {
        assert!(matches!(
            v.unlock(Some("wrong guess"), t0()),
            Err(Error::WrongPasscode)
        ));
    }
    assert_eq!(wait_of(v.unlock(Some("river stones"), secs(1))), 1);
    v.unlock(Some("river stones"), secs(2))
        .expect("unlock after the wait");
    assert_eq!(v.state(), VaultState::Unlocked);
    // No passcode given is not a wrong try.
    v.lock();
    for _ in 0..5 {
        assert!(matches!(
            v.unlock(None, secs(3)),
            Err(Error::PasscodeRequired)
        ));
    }
    v.unlock(Some("river stones"), secs(3)).expect("no wait");
}
