//! Fixtures shared by the integration tests (each test file includes this
//! module with `mod common;`).
#![allow(dead_code)]

use chrono::{DateTime, Utc};
use confidant_core::crypto::KdfParams;
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
