//! The vault's key hierarchy and lifecycle, driven as the app's commands do.

use chrono::{DateTime, Duration, TimeZone, Utc};
use confidant_core::crypto::KdfParams;
use confidant_core::journal::Journal;
use confidant_core::keychain::{Keychain, KeychainError, MemoryKeychain};
use confidant_core::settings::VaultSettings;
use confidant_core::vault::{Role, Vault, VaultConfig, VaultState};
use confidant_core::Error;
use rusqlite::Connection;

const CONFIG: VaultConfig = VaultConfig {
    kdf: KdfParams::INSECURE_FOR_TESTS,
};

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 22, 0, 0)
        .single()
        .expect("valid time")
}

struct Fixture {
    dir: tempfile::TempDir,
    keychain: MemoryKeychain,
    code: String,
}

impl Fixture {
    fn open(&self) -> Vault {
        Vault::open(
            self.dir.path(),
            Box::new(self.keychain.clone()),
            CONFIG,
            t0(),
        )
        .expect("open")
    }

    fn vault_id(&self) -> String {
        let conn = Connection::open(self.dir.path().join("confidant.db")).expect("db");
        conn.query_row("SELECT id FROM vault", [], |r| r.get(0))
            .expect("vault id")
    }
}

fn created() -> (Fixture, Vault) {
    let fx = Fixture {
        dir: tempfile::tempdir().expect("tmp"),
        keychain: MemoryKeychain::new(),
        code: String::new(),
    };
    let mut vault = fx.open();
    let started = vault
        .begin_setup(&[Role::Supervisor, Role::Supervisee])
        .expect("begin");
    vault
        .confirm_setup(&started.recovery_code, t0())
        .expect("confirm");
    let fx = Fixture {
        code: started.recovery_code,
        ..fx
    };
    (fx, vault)
}

#[test]
fn setup_writes_nothing_until_the_code_is_typed_back() {
    let dir = tempfile::tempdir().expect("tmp");
    let keychain = MemoryKeychain::new();
    let mut vault =
        Vault::open(dir.path(), Box::new(keychain.clone()), CONFIG, t0()).expect("open");
    assert_eq!(vault.state(), VaultState::NoVault);
    assert!(matches!(
        vault.begin_setup(&[]),
        Err(Error::InvalidInput(_))
    ));
    let started = vault.begin_setup(&[Role::Supervisee]).expect("begin");
    assert!(
        !dir.path().join("confidant.db").exists(),
        "nothing written before confirmation"
    );
    assert!(keychain.is_empty());

    // A wrong code (well formed) and a malformed one are both refused.
    let mut wrong = started.recovery_code.clone().into_bytes();
    wrong[0] = if wrong[0] == b'A' { b'B' } else { b'A' };
    let wrong = String::from_utf8(wrong).expect("ascii");
    assert!(matches!(
        vault.confirm_setup(&wrong, t0()),
        Err(Error::WrongRecoveryCode)
    ));
    assert!(matches!(
        vault.confirm_setup("nope", t0()),
        Err(Error::InvalidInput(_))
    ));
    assert!(!dir.path().join("confidant.db").exists());

    // Typed back in lower case with spaces: accepted.
    let typed = started.recovery_code.to_lowercase().replace('-', " ");
    vault.confirm_setup(&typed, t0()).expect("confirm");
    assert_eq!(vault.state(), VaultState::Unlocked);
    assert_eq!(keychain.len(), 1);
    let s = VaultSettings::of(&mut vault).get().expect("settings");
    assert_eq!(s.roles, vec![Role::Supervisee]);
    assert_eq!(s.auto_lock_minutes, 5);
    assert!(!s.has_passcode);
}

#[test]
fn confirm_without_begin_is_refused() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut vault =
        Vault::open(dir.path(), Box::new(MemoryKeychain::new()), CONFIG, t0()).expect("open");
    assert!(matches!(
        vault.confirm_setup("ABCD-EFGH-JKMN-PQRS-TVWX-YZ23-4567", t0()),
        Err(Error::SetupNotStarted)
    ));
}

#[test]
fn keychain_unavailable_at_setup_writes_nothing() {
    let dir = tempfile::tempdir().expect("tmp");
    let keychain = MemoryKeychain::new();
    let mut vault =
        Vault::open(dir.path(), Box::new(keychain.clone()), CONFIG, t0()).expect("open");
    let started = vault.begin_setup(&[Role::Supervisor]).expect("begin");
    keychain.set_failure(Some(KeychainError::NoAccess));
    assert!(matches!(
        vault.confirm_setup(&started.recovery_code, t0()),
        Err(Error::KeychainUnavailable(_))
    ));
    assert!(!dir.path().join("confidant.db").exists());
    assert_eq!(vault.state(), VaultState::NoVault);
    keychain.set_failure(None);
    vault
        .confirm_setup(&started.recovery_code, t0())
        .expect("retry works");
}

#[test]
fn reopening_unlocks_silently_from_the_keychain() {
    let (fx, mut vault) = created();
    let e = Journal::of(&mut vault)
        .create("first reflection", t0())
        .expect("create");
    drop(vault);
    let mut vault = fx.open();
    assert_eq!(vault.state(), VaultState::Locked);
    assert!(!vault.status().needs_passcode);
    vault.unlock(None, t0()).expect("unlock");
    assert_eq!(
        Journal::of(&mut vault).get(&e.id).expect("get").body,
        "first reflection"
    );
}

#[test]
fn a_second_setup_over_an_existing_vault_is_refused() {
    let (fx, vault) = created();
    drop(vault);
    let mut vault = fx.open();
    assert!(matches!(
        vault.begin_setup(&[Role::Supervisor]),
        Err(Error::VaultExists)
    ));
}

#[test]
fn missing_keychain_entry_leads_to_recovery_never_a_new_vault() {
    let (fx, mut vault) = created();
    let e = Journal::of(&mut vault)
        .create("kept safe", t0())
        .expect("create");
    drop(vault);
    fx.keychain.delete(&fx.vault_id()).expect("delete");

    let mut vault = fx.open();
    assert!(matches!(
        vault.unlock(None, t0()),
        Err(Error::RecoveryNeeded)
    ));
    assert_eq!(vault.state(), VaultState::RecoveryNeeded);
    assert!(vault.status().message.is_some());
    assert!(matches!(
        vault.begin_setup(&[Role::Supervisor]),
        Err(Error::VaultExists)
    ));
    assert!(matches!(
        Journal::of(&mut vault).list(0, 10),
        Err(Error::Locked)
    ));

    // A wrong code is refused and changes nothing.
    let wrong = "ABCD-EFGH-JKMN-PQRS-TVWX-YZ23-4567";
    assert!(matches!(
        vault.recover(wrong, t0()),
        Err(Error::WrongRecoveryCode)
    ));
    assert!(fx.keychain.is_empty());

    vault.recover(&fx.code, t0()).expect("recover");
    assert_eq!(vault.state(), VaultState::Unlocked);
    assert_eq!(
        Journal::of(&mut vault).get(&e.id).expect("get").body,
        "kept safe"
    );
    drop(vault);

    // The new device key was enrolled: the next start is silent again.
    let mut vault = fx.open();
    vault
        .unlock(None, t0())
        .expect("silent unlock after recovery");
}

#[test]
fn keychain_locked_is_a_clear_error_and_nothing_changes() {
    let (fx, vault) = created();
    drop(vault);
    fx.keychain.set_failure(Some(KeychainError::NoAccess));
    let mut vault = fx.open();
    assert!(matches!(
        vault.unlock(None, t0()),
        Err(Error::KeychainUnavailable(_))
    ));
    assert_eq!(
        vault.state(),
        VaultState::Locked,
        "not RecoveryNeeded: the entry may be fine"
    );
    fx.keychain.set_failure(None);
    vault
        .unlock(None, t0())
        .expect("unlock once the keychain is back");
}

#[test]
fn lock_wipes_keys_and_every_command_answers_locked() {
    let (_fx, mut vault) = created();
    let e = Journal::of(&mut vault)
        .create("before lock", t0())
        .expect("create");
    Journal::of(&mut vault)
        .search("before")
        .expect("builds the index");
    vault.lock();
    assert_eq!(vault.state(), VaultState::Locked);
    assert!(matches!(
        Journal::of(&mut vault).get(&e.id),
        Err(Error::Locked)
    ));
    assert!(matches!(
        Journal::of(&mut vault).list(0, 50),
        Err(Error::Locked)
    ));
    assert!(matches!(
        Journal::of(&mut vault).search("before"),
        Err(Error::Locked)
    ));
    assert!(matches!(
        Journal::of(&mut vault).create("x", t0()),
        Err(Error::Locked)
    ));
    assert!(matches!(
        Journal::of(&mut vault).update(&e.id, "x", t0()),
        Err(Error::Locked)
    ));
    assert!(matches!(
        Journal::of(&mut vault).delete(&e.id),
        Err(Error::Locked)
    ));
    assert!(matches!(
        VaultSettings::of(&mut vault).get(),
        Err(Error::Locked)
    ));
    assert!(matches!(
        VaultSettings::of(&mut vault).set_auto_lock(10, t0()),
        Err(Error::Locked)
    ));
    vault.unlock(None, t0()).expect("unlock");
    assert_eq!(
        Journal::of(&mut vault).get(&e.id).expect("get").body,
        "before lock"
    );
}

#[test]
fn auto_lock_fires_after_the_idle_delay_only() {
    let (_fx, mut vault) = created();
    VaultSettings::of(&mut vault)
        .set_auto_lock(10, t0())
        .expect("set");
    vault.touch(t0());
    assert!(!vault.lock_if_idle(t0() + Duration::minutes(9)));
    vault.touch(t0() + Duration::minutes(9));
    assert!(!vault.lock_if_idle(t0() + Duration::minutes(18)));
    assert!(vault.lock_if_idle(t0() + Duration::minutes(19)));
    assert_eq!(vault.state(), VaultState::Locked);
    assert!(
        !vault.lock_if_idle(t0() + Duration::minutes(60)),
        "already locked"
    );
}

#[test]
fn auto_lock_setting_is_validated_and_persisted() {
    let (fx, mut vault) = created();
    for bad in [0, 241, 10_000] {
        assert!(matches!(
            VaultSettings::of(&mut vault).set_auto_lock(bad, t0()),
            Err(Error::InvalidInput(_))
        ));
    }
    assert_eq!(
        VaultSettings::of(&mut vault)
            .get()
            .expect("s")
            .auto_lock_minutes,
        5,
        "unchanged by bad input"
    );
    VaultSettings::of(&mut vault)
        .set_auto_lock(30, t0())
        .expect("set");
    drop(vault);
    let mut vault = fx.open();
    vault.unlock(None, t0()).expect("unlock");
    assert_eq!(
        VaultSettings::of(&mut vault)
            .get()
            .expect("s")
            .auto_lock_minutes,
        30
    );
}

#[test]
fn passcode_is_needed_alongside_the_keychain() {
    let (fx, mut vault) = created();
    assert!(matches!(
        vault.set_passcode(None, "short", t0()),
        Err(Error::InvalidInput(_))
    ));
    vault
        .set_passcode(None, "correct horse", t0())
        .expect("set");
    assert!(VaultSettings::of(&mut vault).get().expect("s").has_passcode);
    // Changing needs the current one.
    assert!(matches!(
        vault.set_passcode(None, "another one", t0()),
        Err(Error::PasscodeRequired)
    ));
    assert!(matches!(
        vault.set_passcode(Some("wrong guess"), "another one", t0()),
        Err(Error::WrongPasscode)
    ));
    drop(vault);

    let mut vault = fx.open();
    assert!(vault.status().needs_passcode);
    assert!(matches!(
        vault.unlock(None, t0()),
        Err(Error::PasscodeRequired)
    ));
    assert!(matches!(
        vault.unlock(Some("wrong guess"), t0()),
        Err(Error::WrongPasscode)
    ));
    assert_eq!(vault.state(), VaultState::Locked);
    vault.unlock(Some("correct horse"), t0()).expect("unlock");

    // The passcode alone is not enough: without the keychain entry it's recovery.
    vault.lock();
    let kek = fx
        .keychain
        .get(&fx.vault_id())
        .expect("get")
        .expect("present");
    fx.keychain.delete(&fx.vault_id()).expect("delete");
    assert!(matches!(
        vault.unlock(Some("correct horse"), t0()),
        Err(Error::RecoveryNeeded)
    ));
    fx.keychain.set(&fx.vault_id(), &kek).expect("restore");

    vault.unlock(Some("correct horse"), t0()).expect("unlock");
    vault
        .remove_passcode("correct horse", t0())
        .expect("remove");
    drop(vault);
    let mut vault = fx.open();
    assert!(!vault.status().needs_passcode);
    vault.unlock(None, t0()).expect("silent again");
}

#[test]
fn forgotten_passcode_is_recovered_with_the_recovery_code() {
    let (fx, mut vault) = created();
    vault
        .set_passcode(None, "forgotten one", t0())
        .expect("set");
    vault.lock();
    vault.recover(&fx.code, t0()).expect("recover");
    assert!(
        !VaultSettings::of(&mut vault).get().expect("s").has_passcode,
        "old passcode slot removed"
    );
    drop(vault);
    let mut vault = fx.open();
    vault.unlock(None, t0()).expect("silent unlock");
}

#[test]
fn a_damaged_device_slot_asks_for_recovery() {
    let (fx, vault) = created();
    drop(vault);
    {
        let conn = Connection::open(fx.dir.path().join("confidant.db")).expect("db");
        let mut wrapped: Vec<u8> = conn
            .query_row(
                "SELECT wrapped_key FROM keyslots WHERE kind = 'device'",
                [],
                |r| r.get(0),
            )
            .expect("slot");
        wrapped[40] ^= 0x01;
        conn.execute(
            "UPDATE keyslots SET wrapped_key = ?1 WHERE kind = 'device'",
            [wrapped],
        )
        .expect("flip");
    }
    let mut vault = fx.open();
    assert!(matches!(
        vault.unlock(None, t0()),
        Err(Error::RecoveryNeeded)
    ));
    vault.recover(&fx.code, t0()).expect("recover");
}

#[test]
fn a_corrupt_database_file_is_reported_not_replaced() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("confidant.db");
    std::fs::write(
        &path,
        b"this is not a database, but it is someone's data".repeat(200),
    )
    .expect("write");
    let before = std::fs::read(&path).expect("read");
    let mut vault =
        Vault::open(dir.path(), Box::new(MemoryKeychain::new()), CONFIG, t0()).expect("open");
    assert_eq!(vault.state(), VaultState::Damaged);
    assert!(vault.status().message.expect("message").contains("damaged"));
    assert!(matches!(
        vault.begin_setup(&[Role::Supervisor]),
        Err(Error::CorruptDatabase(_))
    ));
    assert!(matches!(
        vault.unlock(None, t0()),
        Err(Error::CorruptDatabase(_))
    ));
    assert!(matches!(
        Journal::of(&mut vault).list(0, 10),
        Err(Error::CorruptDatabase(_))
    ));
    assert_eq!(
        std::fs::read(&path).expect("read"),
        before,
        "file untouched"
    );
}

#[test]
fn a_database_from_a_newer_version_is_refused_untouched() {
    let (fx, vault) = created();
    drop(vault);
    let path = fx.dir.path().join("confidant.db");
    {
        let conn = Connection::open(&path).expect("db");
        conn.pragma_update(None, "user_version", 99).expect("bump");
    }
    let mut vault = fx.open();
    assert_eq!(vault.state(), VaultState::Damaged);
    assert!(matches!(
        vault.unlock(None, t0()),
        Err(Error::SchemaTooNew { found: 99, .. })
    ));
    let conn = Connection::open(&path).expect("db");
    let v: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .expect("v");
    assert_eq!(v, 99);
}

#[test]
fn emergency_kit_is_written_only_where_asked() {
    let dir = tempfile::tempdir().expect("tmp");
    let out = tempfile::tempdir().expect("tmp");
    let mut vault =
        Vault::open(dir.path(), Box::new(MemoryKeychain::new()), CONFIG, t0()).expect("open");
    let kit = out.path().join("kit.txt");
    assert!(matches!(
        vault.save_emergency_kit(&kit, t0()),
        Err(Error::SetupNotStarted)
    ));
    let started = vault.begin_setup(&[Role::Supervisor]).expect("begin");
    assert!(matches!(
        vault.save_emergency_kit(std::path::Path::new("relative.txt"), t0()),
        Err(Error::InvalidInput(_))
    ));
    vault.save_emergency_kit(&kit, t0()).expect("save");
    let text = std::fs::read_to_string(&kit).expect("read");
    assert!(text.contains(&started.recovery_code));
    assert!(text.contains("EMERGENCY KIT"));
}

#[test]
fn owner_profile_is_validated_sealed_and_persisted() {
    use confidant_core::agreements::PartyDetails;
    let (fx, mut vault) = created();
    assert_eq!(
        VaultSettings::of(&mut vault).get().expect("s").profile,
        PartyDetails::default()
    );
    let profile = PartyDetails {
        name: "  Dana Whitcombe-Ayodele ".into(),
        professional_role: "Clinical supervisor".into(),
        organisation: String::new(),
        licence_number: "LCSW-99231".into(),
        licence_body: "Texas BSWE".into(),
    };
    let s = VaultSettings::of(&mut vault)
        .set_profile(&profile, t0())
        .expect("set");
    assert_eq!(s.profile.name, "Dana Whitcombe-Ayodele");
    let too_long = PartyDetails {
        name: "x".repeat(1000),
        ..profile.clone()
    };
    assert!(matches!(
        VaultSettings::of(&mut vault).set_profile(&too_long, t0()),
        Err(Error::InvalidInput(_))
    ));
    drop(vault);
    let mut vault = fx.open();
    vault.unlock(None, t0()).expect("unlock");
    assert_eq!(
        VaultSettings::of(&mut vault)
            .owner_profile()
            .expect("profile")
            .licence_number,
        "LCSW-99231"
    );
    let db = std::fs::read(fx.dir.path().join("confidant.db")).expect("db");
    assert!(
        !db.windows(9).any(|w| w == b"Whitcombe"),
        "profile is sealed"
    );
}

/// Copies the vault's files (database, WAL, shared memory) as a backup,
/// a sync history or a disk image would hold them.
fn copy_data_folder(from: &std::path::Path) -> tempfile::TempDir {
    let to = tempfile::tempdir().expect("tmp");
    for entry in std::fs::read_dir(from).expect("list") {
        let entry = entry.expect("entry");
        if entry.file_type().expect("type").is_file() {
            std::fs::copy(entry.path(), to.path().join(entry.file_name())).expect("copy");
        }
    }
    to
}

#[test]
fn an_older_copy_of_the_database_does_not_open_with_the_keychain_after_a_passcode_change() {
    let (fx, mut vault) = created();
    Journal::of(&mut vault)
        .create("Before the passcode.", t0())
        .expect("entry");
    // A copy taken before the passcode was set: its device slot is wrapped
    // by the device key the keychain held then.
    let before = copy_data_folder(fx.dir.path());
    vault
        .set_passcode(None, "correct horse", t0())
        .expect("set passcode");
    let open_copy = |dir: &tempfile::TempDir| {
        Vault::open(dir.path(), Box::new(fx.keychain.clone()), CONFIG, t0()).expect("open copy")
    };
    let mut old = open_copy(&before);
    assert_eq!(old.state(), VaultState::Locked);
    assert!(
        matches!(old.unlock(None, t0()), Err(Error::RecoveryNeeded)),
        "the pre-passcode copy must not open with today's keychain entry"
    );
    // The same holds for a copy from while the passcode was set, once the
    // passcode is changed or removed: each change draws a new device key.
    let with_passcode = copy_data_folder(fx.dir.path());
    vault
        .set_passcode(Some("correct horse"), "battery staple", t0())
        .expect("change passcode");
    let mut old = open_copy(&with_passcode);
    assert!(matches!(
        old.unlock(Some("correct horse"), t0()),
        Err(Error::WrongPasscode)
    ));
    let latest = copy_data_folder(fx.dir.path());
    vault
        .remove_passcode("battery staple", t0())
        .expect("remove passcode");
    let mut old = open_copy(&latest);
    assert!(matches!(
        old.unlock(Some("battery staple"), t0()),
        Err(Error::WrongPasscode)
    ));
    // The live vault opens without the passcode, with the new device key,
    // and the old slot's page images are gone from the write-ahead log.
    drop(vault);
    let mut vault = fx.open();
    vault.unlock(None, t0()).expect("unlock");
    assert_eq!(Journal::of(&mut vault).list(0, 10).expect("list").total, 1);
    let wal = fx.dir.path().join("confidant.db-wal");
    assert_eq!(std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0), 0);
}

#[test]
fn out_of_range_argon2_parameters_are_damage_not_a_crash() {
    let (fx, mut vault) = created();
    vault.lock();
    drop(vault);
    let conn = Connection::open(fx.dir.path().join("confidant.db")).expect("db");
    conn.execute(
        "UPDATE keyslots SET kdf = 'argon2id;m=4294967295;t=4294967295;p=255' WHERE kind = 'recovery'",
        [],
    )
    .expect("tamper");
    drop(conn);
    let mut vault = fx.open();
    match vault.recover(&fx.code, t0()) {
        Err(Error::Integrity(what)) => assert_eq!(what, "The recovery key slot"),
        other => panic!("expected an integrity error, got {other:?}"),
    }
}
