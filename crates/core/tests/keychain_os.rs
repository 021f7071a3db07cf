//! The real OS keychain (Secret Service on Linux), not the in-memory one.
//!
//! These tests are ignored by a plain `cargo test`: they need a Secret
//! Service. CI (scripts/test.sh) runs them in a private D-Bus session with a
//! throwaway, unlocked gnome-keyring and a scratch HOME:
//!
//! ```text
//! dbus-run-session -- sh -c 'printf pass | gnome-keyring-daemon --unlock --components=secrets >/dev/null;
//!   cargo test -p confidant-core --test keychain_os -- --include-ignored'
//! ```
//!
//! Every test files its entries under a random service name
//! (`app.confidant.desktop.test-<random>`) and deletes them when it ends,
//! even when it fails.
#![allow(clippy::disallowed_methods)] // a test or benchmark may read the clock; the library may not

use std::path::Path;

use chrono::Utc;
use confidant_core::crypto::{KdfParams, SecretKey};
use confidant_core::journal::Journal;
use confidant_core::keychain::{Keychain, KeychainError, OsKeychain};
use confidant_core::vault::{Role, Vault, VaultConfig, VaultState};
use confidant_core::Error;

fn random_hex(bytes: usize) -> String {
    let mut b = vec![0u8; bytes];
    confidant_core::crypto::fill_random(&mut b).expect("OS random generator");
    b.iter().map(|x| format!("{x:02x}")).collect()
}

fn test_service() -> String {
    format!("{}.test-{}", confidant_core::APP_ID, random_hex(8))
}

fn config() -> VaultConfig {
    VaultConfig {
        kdf: KdfParams::INSECURE_FOR_TESTS,
    }
}

/// Deletes the listed entries when dropped (also when a test panics).
struct Cleanup {
    keychain: OsKeychain,
    accounts: Vec<String>,
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        for account in &self.accounts {
            let _ = self.keychain.delete(account);
        }
    }
}

fn vault_id_in(db: &Path) -> String {
    let conn =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .expect("open the database read-only");
    conn.query_row("SELECT id FROM vault", [], |r| r.get(0))
        .expect("SELECT id FROM vault")
}

fn open(dir: &Path, service: &str) -> Vault {
    Vault::open(
        dir,
        Box::new(OsKeychain::new(service)),
        config(),
        Utc::now(),
    )
    .expect("open the vault")
}

#[test]
#[ignore = "needs a Secret Service (run under dbus-run-session with gnome-keyring); see scripts/test.sh"]
fn set_get_delete_round_trip() {
    let service = test_service();
    let keychain = OsKeychain::new(&service);
    let account = uuid::Uuid::new_v4().to_string();
    let _cleanup = Cleanup {
        keychain: keychain.clone(),
        accounts: vec![account.clone()],
    };

    assert!(
        keychain.get(&account).expect("get before set").is_none(),
        "a fresh account is empty"
    );

    let key = SecretKey::generate().expect("key");
    keychain.set(&account, &key).expect("set");
    let read = keychain
        .get(&account)
        .expect("get")
        .expect("the entry exists");
    assert_eq!(read.expose(), key.expose(), "the 32 bytes round-trip");

    // Another handle on the same service sees the same entry (real storage,
    // unlike keyring's mock); another service does not.
    let again = OsKeychain::new(&service)
        .get(&account)
        .expect("get")
        .expect("shared storage");
    assert_eq!(again.expose(), key.expose());
    assert!(OsKeychain::new(test_service())
        .get(&account)
        .expect("get")
        .is_none());

    // Replacing.
    let replacement = SecretKey::generate().expect("key");
    keychain.set(&account, &replacement).expect("replace");
    let read = keychain
        .get(&account)
        .expect("get")
        .expect("the entry exists");
    assert_eq!(read.expose(), replacement.expose());

    keychain.delete(&account).expect("delete");
    assert!(
        keychain.get(&account).expect("get after delete").is_none(),
        "Ok(None) after delete"
    );
    keychain
        .delete(&account)
        .expect("deleting a missing entry is Ok");
}

#[test]
#[ignore = "needs a Secret Service (run under dbus-run-session with gnome-keyring); see scripts/test.sh"]
fn a_malformed_entry_reads_as_malformed_and_the_vault_asks_for_recovery() {
    let service = test_service();
    let keychain = OsKeychain::new(&service);
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("data");
    let now = Utc::now();
    let mut vault = open(&dir, &service);
    let code = vault
        .begin_setup(&[Role::Supervisee])
        .expect("setup")
        .recovery_code;
    vault.confirm_setup(&code, now).expect("confirm setup");
    let entry = Journal::of(&mut vault)
        .create("kept through it all", now)
        .expect("create");
    let vault_id = vault_id_in(&vault.db_path());
    let _cleanup = Cleanup {
        keychain: keychain.clone(),
        accounts: vec![vault_id.clone()],
    };
    drop(vault);

    // Something else overwrote the entry with a secret that is not a key.
    keyring::Entry::new(&service, &vault_id)
        .expect("entry")
        .set_secret(b"not a 32-byte key")
        .expect("write a foreign secret");
    assert_eq!(
        keychain.get(&vault_id).err(),
        Some(KeychainError::Malformed)
    );

    let mut vault = open(&dir, &service);
    assert!(matches!(
        vault.unlock(None, now),
        Err(Error::RecoveryNeeded)
    ));
    assert_eq!(vault.state(), VaultState::RecoveryNeeded);
    vault.recover(&code, now).expect("recover");
    assert_eq!(
        Journal::of(&mut vault).get(&entry.id).expect("get").body,
        "kept through it all"
    );
    drop(vault);
    assert!(keychain
        .get(&vault_id)
        .expect("a well-formed key again")
        .is_some());
    let mut vault = open(&dir, &service);
    vault
        .unlock(None, now)
        .expect("silent unlock after recovery");
}

#[test]
#[ignore = "needs a Secret Service (run under dbus-run-session with gnome-keyring); see scripts/test.sh"]
fn vault_journey_with_the_os_keychain_lost_and_recovered() {
    let service = test_service();
    let keychain = OsKeychain::new(&service);
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("data");
    let now = Utc::now();

    // Setup puts the device key in the real keychain.
    let mut vault = open(&dir, &service);
    assert_eq!(vault.state(), VaultState::NoVault);
    let code = vault
        .begin_setup(&[Role::Supervisor])
        .expect("begin setup")
        .recovery_code;
    vault.confirm_setup(&code, now).expect("confirm setup");
    let db = vault.db_path();
    let vault_id = vault_id_in(&db);
    let _cleanup = Cleanup {
        keychain: keychain.clone(),
        accounts: vec![vault_id.clone()],
    };
    let first_kek = keychain
        .get(&vault_id)
        .expect("keychain")
        .expect("setup stored the device key under account = vault id");

    let bodies = ["First reflection.", "Second, with ünïcödé.", "Third 🙂"];
    let mut ids = Vec::new();
    for body in bodies {
        ids.push(
            Journal::of(&mut vault)
                .create(body, now)
                .expect("create")
                .id,
        );
    }
    drop(vault);

    // Reopen: unlocks silently from the keychain.
    let mut vault = open(&dir, &service);
    assert_eq!(vault.state(), VaultState::Locked);
    vault.unlock(None, now).expect("silent unlock");
    assert_eq!(vault.state(), VaultState::Unlocked);
    assert_eq!(
        Journal::of(&mut vault).get(&ids[1]).expect("get").body,
        bodies[1]
    );
    drop(vault);

    // The keychain entry disappears (new computer, OS reinstall).
    keychain.delete(&vault_id).expect("delete the device key");
    assert!(keychain.get(&vault_id).expect("get").is_none());

    let mut vault = open(&dir, &service);
    assert!(matches!(
        vault.unlock(None, now),
        Err(Error::RecoveryNeeded)
    ));
    assert_eq!(vault.state(), VaultState::RecoveryNeeded);
    // Never a new vault over the old data.
    assert!(matches!(
        vault.begin_setup(&[Role::Supervisor]),
        Err(Error::VaultExists)
    ));
    assert_eq!(vault_id_in(&db), vault_id, "the same vault is still there");
    assert!(
        keychain.get(&vault_id).expect("get").is_none(),
        "nothing was written to the keychain"
    );

    // A wrong code is refused; the right one (typed loosely) gets back in.
    let wrong = if code.starts_with('A') {
        code.replacen('A', "B", 1)
    } else {
        format!("A{}", &code[1..])
    };
    assert!(matches!(
        vault.recover(&wrong, now),
        Err(Error::WrongRecoveryCode)
    ));
    vault
        .recover(&code.to_lowercase().replace('-', " "), now)
        .expect("recover with the Emergency Kit code");
    assert_eq!(vault.state(), VaultState::Unlocked);
    for (id, body) in ids.iter().zip(bodies) {
        assert_eq!(
            Journal::of(&mut vault)
                .get(id)
                .expect("get after recovery")
                .body,
            body
        );
    }
    drop(vault);

    // This computer is enrolled again: a new device key in the real keychain.
    let new_kek = keychain
        .get(&vault_id)
        .expect("keychain")
        .expect("recovery stored a new device key");
    assert_ne!(new_kek.expose(), first_kek.expose(), "a fresh device key");
    let mut vault = open(&dir, &service);
    vault
        .unlock(None, now)
        .expect("silent unlock after recovery");
    assert_eq!(
        Journal::of(&mut vault).list(0, 50).expect("list").total,
        bodies.len() as u32
    );
    drop(vault);

    keychain.delete(&vault_id).expect("clean up");
    assert!(keychain.get(&vault_id).expect("get").is_none());
}

/// With no D-Bus session at all, the keychain must say "unavailable", never
/// "no entry": a missing bus must not look like a lost key. Runs in a child
/// process so the environment change stays there.
#[test]
fn without_a_session_bus_the_keychain_is_unavailable_not_empty() {
    if !cfg!(target_os = "linux") {
        eprintln!("skipped outside Linux: needs D-Bus and the Secret Service");
        return;
    }
    const CHILD_ENV: &str = "CONFIDANT_KEYCHAIN_NO_BUS_CHILD";
    if std::env::var_os(CHILD_ENV).is_some() {
        let keychain = OsKeychain::new(test_service());
        let got = keychain.get("no-such-account");
        assert!(
            matches!(
                got,
                Err(KeychainError::Unavailable(_) | KeychainError::NoAccess)
            ),
            "expected an unavailable keychain, got {:?}",
            got.as_ref().map(|k| k.is_some())
        );
        let key = SecretKey::generate().expect("key");
        assert!(keychain.set("no-such-account", &key).is_err());

        // And the vault reports KeychainUnavailable, not RecoveryNeeded.
        let tmp = tempfile::tempdir().expect("temp dir");
        let dir = tmp.path().join("data");
        let memory = confidant_core::keychain::MemoryKeychain::new();
        let mut vault =
            Vault::open(&dir, Box::new(memory.clone()), config(), Utc::now()).expect("open");
        let code = vault
            .begin_setup(&[Role::Supervisee])
            .expect("setup")
            .recovery_code;
        vault.confirm_setup(&code, Utc::now()).expect("confirm");
        drop(vault);
        let mut vault = open(&dir, &test_service());
        let err = vault.unlock(None, Utc::now()).expect_err("no keychain");
        assert!(matches!(err, Error::KeychainUnavailable(_)), "got {err:?}");
        assert_eq!(vault.state(), VaultState::Locked, "not RecoveryNeeded");
        return;
    }
    let exe = std::env::current_exe().expect("test binary");
    let out = std::process::Command::new(exe)
        .args([
            "--exact",
            "without_a_session_bus_the_keychain_is_unavailable_not_empty",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_ENV, "1")
        .env(
            "DBUS_SESSION_BUS_ADDRESS",
            "unix:path=/nonexistent/confidant-test-bus",
        )
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .expect("run the child");
    assert!(
        out.status.success(),
        "child failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("1 passed"),
        "the child ran the test:\n{stdout}"
    );
}
