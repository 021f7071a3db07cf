//! Key management: a new recovery code, and a new master key (every data key
//! re-wrapped, every slot replaced, a new device key), each typed back
//! before anything changes, each one transaction; the keychain's two-step
//! hand-over of the new device key; and erasure, which rotates the master
//! key so that a copy of the vault made before it no longer opens with this
//! computer or the new Emergency Kit.

mod common;

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use chrono::{DateTime, TimeZone, Utc};
use confidant_core::crypto::SecretKey;
use confidant_core::error::Error;
use confidant_core::journal::Journal;
use confidant_core::keychain::{Keychain, KeychainError, MemoryKeychain};
use confidant_core::people::{People, PersonKind, Relation};
use confidant_core::store::DB_FILE;
use confidant_core::vault::{RekeyKind, Role, Vault, VaultState};

const ENTRY: &str = "What stayed with me after Thursday's session.";

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0)
        .single()
        .expect("time")
}

/// A keychain whose writes to the main entry (not the `.next` one) or to
/// the `.next` entry can be made to fail, to stand in for a crash or a
/// locked keychain at each step of the hand-over.
#[derive(Clone, Default)]
struct StepKeychain {
    inner: MemoryKeychain,
    fail_main_set: Arc<AtomicBool>,
    fail_next_set: Arc<AtomicBool>,
}

impl Keychain for StepKeychain {
    fn get(&self, account: &str) -> Result<Option<SecretKey>, KeychainError> {
        self.inner.get(account)
    }
    fn set(&self, account: &str, key: &SecretKey) -> Result<(), KeychainError> {
        let next = account.ends_with(".next");
        if (next && self.fail_next_set.load(Ordering::SeqCst))
            || (!next && self.fail_main_set.load(Ordering::SeqCst))
        {
            return Err(KeychainError::Unavailable("locked for the test".into()));
        }
        self.inner.set(account, key)
    }
    fn delete(&self, account: &str) -> Result<(), KeychainError> {
        self.inner.delete(account)
    }
}

struct World {
    dir: tempfile::TempDir,
    v: Vault,
    keychain: StepKeychain,
    code: String,
    entry: String,
}

fn world() -> World {
    let dir = tempfile::tempdir().expect("tmp");
    let keychain = StepKeychain::default();
    let mut v = Vault::open(
        dir.path(),
        Box::new(keychain.clone()),
        common::CONFIG,
        now(),
    )
    .expect("open");
    let s = v.begin_setup(&[Role::Supervisor]).expect("begin");
    v.confirm_setup(&s.recovery_code, now()).expect("confirm");
    let entry = Journal::of(&mut v).create(ENTRY, now()).expect("entry").id;
    World {
        dir,
        v,
        keychain,
        code: s.recovery_code,
        entry,
    }
}

/// A copy of the data folder as it is now (a backup program's copy).
fn copy_of(dir: &Path) -> tempfile::TempDir {
    let copy = tempfile::tempdir().expect("tmp");
    for name in [DB_FILE.to_string(), format!("{DB_FILE}-wal")] {
        let from = dir.join(&name);
        if from.exists() {
            std::fs::copy(&from, copy.path().join(&name)).expect("copy");
        }
    }
    copy
}

/// Opens `dir` with `keychain` and tries the keychain, then `code`.
fn try_open(dir: &Path, keychain: &StepKeychain, code: &str) -> (VaultState, Result<(), Error>) {
    let mut v = Vault::open(dir, Box::new(keychain.clone()), common::CONFIG, now()).expect("open");
    let by_keychain = v.unlock(None, now());
    let state = if by_keychain.is_ok() {
        VaultState::Unlocked
    } else {
        v.state()
    };
    (state, v.recover(code, now()))
}

fn entry_text(v: &mut Vault, id: &str) -> String {
    Journal::of(v).get(id).expect("entry").body
}

#[test]
fn a_new_recovery_code_replaces_the_old_one_once_typed_back() {
    let mut w = world();
    let other =
        w.v.begin_rekey(RekeyKind::RecoveryCode, None, now())
            .expect("begin");
    assert_ne!(other.recovery_code, w.code);
    // The old code typed back instead: refused, nothing changed.
    assert!(matches!(
        w.v.finish_rekey(&w.code, now()),
        Err(Error::WrongRecoveryCode)
    ));
    let started =
        w.v.begin_rekey(RekeyKind::RecoveryCode, None, now())
            .expect("begin again");
    let kit = w.v.emergency_kit_text(now()).expect("kit");
    assert!(
        kit.contains(&started.recovery_code),
        "the kit carries the new code"
    );
    let report =
        w.v.finish_rekey(&started.recovery_code, now())
            .expect("finish");
    assert_eq!(report.kind, RekeyKind::RecoveryCode);
    assert_eq!(report.data_keys_rewrapped, 0);
    // Finishing twice: nothing is pending any more.
    assert!(matches!(
        w.v.finish_rekey(&started.recovery_code, now()),
        Err(Error::KeyChangeNotStarted)
    ));

    // The old code no longer opens the vault; the new one does.
    w.v.lock();
    assert!(matches!(
        w.v.recover(&w.code, now()),
        Err(Error::WrongRecoveryCode)
    ));
    w.v.recover(&started.recovery_code, now())
        .expect("new code");
    assert_eq!(entry_text(&mut w.v, &w.entry), ENTRY);
}

#[test]
fn rotating_the_master_key_keeps_every_record_and_shuts_out_older_copies() {
    let mut w = world();
    let person = People::of(&mut w.v)
        .create(
            &common::person_input(PersonKind::Person, Relation::ISupervise, "Noor Haddad"),
            now(),
        )
        .expect("person")
        .id;
    w.v.lock();
    let before = copy_of(w.dir.path());
    w.v.unlock(None, now()).expect("unlock");

    let started =
        w.v.begin_rekey(RekeyKind::MasterKey, None, now())
            .expect("begin");
    let report =
        w.v.finish_rekey(&started.recovery_code, now())
            .expect("rotate");
    assert_eq!(report.kind, RekeyKind::MasterKey);
    // The vault key, the journal key and Noor's key.
    assert_eq!(report.data_keys_rewrapped, 3);
    assert_eq!(report.data_keys_damaged, 0);
    assert!(
        w.keychain
            .inner
            .get(&format!("{}.next", vault_id(&w)))
            .expect("get")
            .is_none(),
        "the second keychain entry is cleared once the key is moved"
    );

    // Still readable in this session and after locking.
    assert_eq!(entry_text(&mut w.v, &w.entry), ENTRY);
    w.v.lock();
    w.v.unlock(None, now())
        .expect("unlock with the new device key");
    assert_eq!(entry_text(&mut w.v, &w.entry), ENTRY);
    assert_eq!(
        People::of(&mut w.v)
            .get(&person)
            .expect("person")
            .fields
            .name,
        "Noor Haddad"
    );
    w.v.lock();
    assert!(matches!(
        w.v.recover(&w.code, now()),
        Err(Error::WrongRecoveryCode)
    ));
    w.v.recover(&started.recovery_code, now())
        .expect("the new code");

    // The copy made before: this computer's key no longer opens it, nor
    // does the new code; the OLD code still does (the documented limit).
    let (state, new_code) = try_open(before.path(), &w.keychain, &started.recovery_code);
    assert_eq!(state, VaultState::RecoveryNeeded);
    assert!(matches!(new_code, Err(Error::WrongRecoveryCode)));
    let (_, old_code) = try_open(before.path(), &w.keychain, &w.code);
    assert!(old_code.is_ok(), "the old code still opens an old copy");
}

fn vault_id(w: &World) -> String {
    let conn = rusqlite::Connection::open(w.dir.path().join(DB_FILE)).expect("db");
    conn.query_row("SELECT id FROM vault", [], |r| r.get(0))
        .expect("vault id")
}

#[test]
fn with_an_app_passcode_the_rotation_asks_for_it_and_keeps_it() {
    let mut w = world();
    w.v.set_passcode(None, "harbour lights", now())
        .expect("passcode");
    assert!(matches!(
        w.v.begin_rekey(RekeyKind::MasterKey, None, now()),
        Err(Error::PasscodeRequired)
    ));
    assert!(matches!(
        w.v.begin_rekey(RekeyKind::MasterKey, Some("wrong passcode"), now()),
        Err(Error::WrongPasscode)
    ));
    let started =
        w.v.begin_rekey(RekeyKind::MasterKey, Some("harbour lights"), now())
            .expect("begin");
    w.v.finish_rekey(&started.recovery_code, now())
        .expect("rotate");
    w.v.lock();
    assert!(matches!(
        w.v.unlock(Some("wrong passcode"), now()),
        Err(Error::WrongPasscode)
    ));
    w.v.unlock(Some("harbour lights"), now()).expect("unlock");
    assert_eq!(entry_text(&mut w.v, &w.entry), ENTRY);
}

#[test]
fn locking_forgets_a_key_change_that_was_begun() {
    let mut w = world();
    let started =
        w.v.begin_rekey(RekeyKind::MasterKey, None, now())
            .expect("begin");
    w.v.lock();
    w.v.unlock(None, now()).expect("unlock");
    assert!(matches!(
        w.v.finish_rekey(&started.recovery_code, now()),
        Err(Error::KeyChangeNotStarted)
    ));
    w.v.lock();
    w.v.recover(&w.code, now())
        .expect("the old code still works");
}

#[test]
fn a_keychain_that_refuses_the_new_key_changes_nothing() {
    let mut w = world();
    let started =
        w.v.begin_rekey(RekeyKind::MasterKey, None, now())
            .expect("begin");
    w.keychain.fail_next_set.store(true, Ordering::SeqCst);
    assert!(matches!(
        w.v.finish_rekey(&started.recovery_code, now()),
        Err(Error::KeychainUnavailable(_))
    ));
    w.keychain.fail_next_set.store(false, Ordering::SeqCst);
    w.v.lock();
    w.v.unlock(None, now())
        .expect("the old device key still opens it");
    w.v.lock();
    assert!(matches!(
        w.v.recover(&started.recovery_code, now()),
        Err(Error::WrongRecoveryCode)
    ));
    w.v.recover(&w.code, now())
        .expect("the old code still works");
}

#[test]
fn a_rotation_committed_before_the_key_reached_the_main_entry_still_unlocks() {
    // Stands in for a crash between the commit and the keychain update:
    // the main entry keeps the old device key, the second entry the new.
    let mut w = world();
    let started =
        w.v.begin_rekey(RekeyKind::MasterKey, None, now())
            .expect("begin");
    w.keychain.fail_main_set.store(true, Ordering::SeqCst);
    w.v.finish_rekey(&started.recovery_code, now())
        .expect("committed");
    w.keychain.fail_main_set.store(false, Ordering::SeqCst);
    let id = vault_id(&w);
    let next = w.keychain.inner.get(&format!("{id}.next")).expect("get");
    assert!(next.is_some(), "the new key waits in the second entry");
    drop(w.v);

    let mut v = Vault::open(
        w.dir.path(),
        Box::new(w.keychain.clone()),
        common::CONFIG,
        now(),
    )
    .expect("reopen");
    v.unlock(None, now()).expect("unlock finds the new key");
    assert_eq!(entry_text(&mut v, &w.entry), ENTRY);
    let main = w.keychain.inner.get(&id).expect("get").expect("main entry");
    assert_eq!(
        main.expose(),
        next.expect("next").expose(),
        "moved to the main entry"
    );
    assert!(w
        .keychain
        .inner
        .get(&format!("{id}.next"))
        .expect("get")
        .is_none());
    v.lock();
    v.unlock(None, now()).expect("and again");
}

#[test]
fn erasure_rotates_the_keys_so_an_older_copy_needs_the_old_code() {
    let mut w = world();
    let ana = People::of(&mut w.v)
        .create(
            &common::person_input(PersonKind::Person, Relation::ISupervise, "Ana Member"),
            now(),
        )
        .expect("ana")
        .id;
    let ben = People::of(&mut w.v)
        .create(
            &common::person_input(PersonKind::Person, Relation::ISupervise, "Ben Okoro"),
            now(),
        )
        .expect("ben")
        .id;
    w.v.lock();
    let before = copy_of(w.dir.path());
    w.v.unlock(None, now()).expect("unlock");

    // Erasure without a rotation begun is refused, and changes nothing.
    let refused = confidant_core::subject_access::SubjectAccess::of(&mut w.v).erase(
        &ana,
        "Ana Member",
        &w.code,
        now(),
    );
    assert!(
        matches!(refused, Err(Error::KeyChangeNotStarted)),
        "{refused:?}"
    );
    assert!(People::of(&mut w.v).get(&ana).is_ok());

    let report = common::erase(&mut w.v, &ana, "Ana Member", now()).expect("erase");
    // The vault key, the journal key and Ben's key; Ana's is destroyed.
    assert_eq!(report.data_keys_rewrapped, 3);
    assert!(People::of(&mut w.v).get(&ana).is_err());
    assert_eq!(
        People::of(&mut w.v).get(&ben).expect("ben").fields.name,
        "Ben Okoro"
    );
    w.v.lock();
    w.v.unlock(None, now()).expect("unlock after erasure");
    assert_eq!(entry_text(&mut w.v, &w.entry), ENTRY);
    w.v.lock();
    assert!(matches!(
        w.v.recover(&w.code, now()),
        Err(Error::WrongRecoveryCode)
    ));

    // The copy made before the erasure opens with neither this computer's
    // key nor (see the test above) the new code — only the old code.
    let (state, _) = try_open(before.path(), &w.keychain, &w.code);
    assert_eq!(state, VaultState::RecoveryNeeded);
}
