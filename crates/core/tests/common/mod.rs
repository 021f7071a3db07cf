//! Fixtures shared by the integration tests (each test file includes this
//! module with `mod common;`).
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use confidant_core::crypto::KdfParams;
use confidant_core::hours::{ManualEntryInput, SupervisionForm};
use confidant_core::keychain::MemoryKeychain;
use confidant_core::people::{PersonInput, PersonKind, Relation};
use confidant_core::vault::{Role, Vault, VaultConfig};

pub mod crash;
pub mod scan;

/// Cheap Argon2 parameters: the tests exercise the key hierarchy, not the KDF cost.
pub const CONFIG: VaultConfig = VaultConfig {
    kdf: KdfParams::INSECURE_FOR_TESTS,
};

/// A new vault in a temp dir, set up with `role` and unlocked, with an
/// in-memory keychain.
pub fn unlocked_vault(role: Role, now: DateTime<Utc>) -> (tempfile::TempDir, Vault) {
    let dir = tempfile::tempdir().expect("tmp");
    let mut v =
        Vault::open(dir.path(), Box::new(MemoryKeychain::new()), CONFIG, now).expect("open");
    let s = v.begin_setup(&[role]).expect("begin");
    v.confirm_setup(&s.recovery_code, now).expect("confirm");
    (dir, v)
}

/// A person, group or organisation with only a name filled in.
pub fn person_input(kind: PersonKind, relation: Relation, name: &str) -> PersonInput {
    PersonInput {
        kind,
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
    }
}

/// Erases person `id` the way the app does: a master-key rotation is begun
/// (no app passcode set), and its new recovery code typed back with the
/// erasure.
pub fn erase(
    v: &mut Vault,
    id: &str,
    name: &str,
    now: DateTime<Utc>,
) -> confidant_core::Result<confidant_core::subject_access::ErasureReport> {
    erase_with_code(v, id, name, now).map(|(report, _)| report)
}

/// [`erase`], also returning the vault's new recovery code.
pub fn erase_with_code(
    v: &mut Vault,
    id: &str,
    name: &str,
    now: DateTime<Utc>,
) -> confidant_core::Result<(confidant_core::subject_access::ErasureReport, String)> {
    use confidant_core::subject_access::SubjectAccess;
    use confidant_core::vault::RekeyKind;
    let code = v
        .begin_rekey(RekeyKind::MasterKey, None, now)?
        .recovery_code;
    let report = SubjectAccess::of(v).erase(id, name, &code, now)?;
    Ok((report, code))
}

/// An hour of individual supervision entered by hand, on `date` at 09:00.
pub fn manual_hours(person_id: &str, date: NaiveDate, note: &str) -> ManualEntryInput {
    ManualEntryInput {
        person_id: person_id.to_string(),
        date,
        start: NaiveTime::from_hms_opt(9, 0, 0).expect("time"),
        minutes: 60,
        form: SupervisionForm::Individual,
        group_size: None,
        supervisor_name: "Dr Ines Alvarado".into(),
        licence_number: "LCSW 40211".into(),
        credential: "LCSW".into(),
        note: note.into(),
    }
}

/// A copy of `good`, `dir/file_name`, with one byte flipped in the middle
/// of the blob that `query` selects (found in the file by its bytes).
pub fn flip_blob(good: &Path, dir: &Path, file_name: &str, query: &str) -> PathBuf {
    let blob: Vec<u8> = rusqlite::Connection::open(good)
        .expect("open")
        .query_row(query, [], |r| r.get(0))
        .expect("blob");
    let mut bytes = std::fs::read(good).expect("read");
    let at = bytes
        .windows(blob.len())
        .position(|w| w == blob.as_slice())
        .expect("the blob is in the file");
    bytes[at + blob.len() / 2] ^= 0x01;
    let path = dir.join(file_name);
    std::fs::write(&path, bytes).expect("write");
    path
}
