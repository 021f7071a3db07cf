//! Backup files (`Vault::stage_restore`, `Vault::restore`): the checks a
//! chosen `.cfbackup` file goes through on a new computer (a regular file,
//! the SQLite header and length, the schema version, `PRAGMA
//! integrity_check`, the vault row and recovery slot), then the recovery
//! code opening it.
//!
//! The first byte picks what the rest is:
//! - even: the whole file;
//! - odd: changes to a real backup (of a vault with a person in it, made
//!   once per run): a big-endian u32 length to cut it to (0 or past the end:
//!   no cut), then 5-byte patches (big-endian u32 offset, taken modulo the
//!   length, and a byte XORed in there). SQLite pages are large, so this
//!   reaches the checks past the header that whole random files never do.
//!
//! Each staged file is restored with the right recovery code into a fresh
//! empty data folder.
//!
//! Invariants: nothing panics; the real backup, unchanged, stages and
//! restores (checked once per run, with a wrong code refused first); a
//! restore that succeeds leaves the vault unlocked; a file that does not
//! stage is never restored.

use std::cell::RefCell;
use std::path::Path;

use confidant_core::backup;
use confidant_core::keychain::MemoryKeychain;
use confidant_core::people::Relation;
use confidant_core::vault::{Role, Vault, VaultState};
use confidant_core::Error;

use super::fixture::{self, CONFIG};
use super::{now, Cursor};

/// Most patches applied to the real backup.
const MAX_PATCHES: usize = 64;

struct Real {
    bytes: Vec<u8>,
    recovery_code: String,
    scratch: tempfile::TempDir,
}

thread_local! {
    static REAL: RefCell<Option<Real>> = const { RefCell::new(None) };
}

fn setup() -> Real {
    let mut f = fixture::vault(Role::Supervisor);
    fixture::person(&mut f.vault, "Ada Lindqvist", Relation::ISupervise);
    let folder = tempfile::tempdir().expect("a backup folder");
    let report = backup::create(&f.vault, folder.path(), 1, now()).expect("a backup");
    let bytes = std::fs::read(folder.path().join(&report.file_name)).expect("read the backup");
    let real = Real {
        bytes,
        recovery_code: f.recovery_code.clone(),
        scratch: tempfile::tempdir().expect("a scratch folder"),
    };
    // Positive and negative controls: the unchanged file restores with the
    // right code and not with a wrong one.
    let path = write(&real, &real.bytes);
    let (_dir, mut vault) = empty_vault();
    let staged = vault.stage_restore(&path).expect("the real backup stages");
    let wrong = flip_last_letter(&real.recovery_code);
    assert!(
        vault.restore(&staged, &wrong, false, now()).is_err(),
        "a wrong recovery code restored"
    );
    assert_eq!(vault.state(), VaultState::NoVault);
    let (_dir, mut vault) = empty_vault();
    let staged = vault.stage_restore(&path).expect("the real backup stages");
    vault
        .restore(&staged, &real.recovery_code, false, now())
        .expect("the real backup restores");
    assert_eq!(vault.state(), VaultState::Unlocked);
    real
}

fn flip_last_letter(code: &str) -> String {
    let mut chars: Vec<char> = code.chars().collect();
    if let Some(c) = chars.iter_mut().rev().find(|c| c.is_ascii_alphanumeric()) {
        *c = match *c {
            'A' => 'B',
            '2' => '3',
            _ => 'A',
        };
    }
    chars.into_iter().collect()
}

fn empty_vault() -> (tempfile::TempDir, Vault) {
    let dir = tempfile::tempdir().expect("a data folder");
    let vault =
        Vault::open(dir.path(), Box::new(MemoryKeychain::new()), CONFIG, now()).expect("open");
    assert_eq!(vault.state(), VaultState::NoVault);
    (dir, vault)
}

fn write(real: &Real, bytes: &[u8]) -> std::path::PathBuf {
    let path = real
        .scratch
        .path()
        .join("confidant-backup-20261201-080000Z.cfbackup");
    std::fs::write(&path, bytes).expect("write the candidate file");
    path
}

fn patched(real: &Real, c: Cursor<'_>) -> Vec<u8> {
    let mut c = c;
    let mut bytes = real.bytes.clone();
    let cut = c.u32() as usize;
    if cut > 0 && cut < bytes.len() {
        bytes.truncate(cut);
    }
    let rest = c.rest();
    for patch in rest.chunks_exact(5).take(MAX_PATCHES) {
        let offset = u32::from_be_bytes([patch[0], patch[1], patch[2], patch[3]]) as usize;
        if let Some(b) = bytes.get_mut(offset % real.bytes.len().max(1)) {
            *b ^= patch[4];
        }
    }
    bytes
}

fn restore(path: &Path, code: &str) -> bool {
    let (_dir, mut vault) = empty_vault();
    let Ok(staged) = vault.stage_restore(path) else {
        return false;
    };
    match vault.restore(&staged, code, false, now()) {
        Ok(kept) => {
            assert_eq!(kept, None, "nothing was replaced, so nothing is kept");
            assert_eq!(
                vault.state(),
                VaultState::Unlocked,
                "restored but not unlocked"
            );
            true
        }
        Err(Error::Locked) => panic!("restore answered Locked"),
        Err(_) => {
            assert_eq!(
                vault.state(),
                VaultState::NoVault,
                "a failed restore changed the state"
            );
            false
        }
    }
}

/// One fuzz input. Returns whether it was accepted (restored).
pub fn run(data: &[u8]) -> bool {
    let Some((&mode, rest)) = data.split_first() else {
        return false;
    };
    REAL.with(|cell| {
        let mut slot = cell.borrow_mut();
        let real = slot.get_or_insert_with(setup);
        let bytes = if mode % 2 == 0 {
            rest.to_vec()
        } else {
            patched(real, Cursor::new(rest))
        };
        let path = write(real, &bytes);
        restore(&path, &real.recovery_code)
    })
}
