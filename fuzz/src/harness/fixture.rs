//! A vault for the harnesses that need one: set up in a temp folder with an
//! in-memory keychain and cheap Argon2 parameters, unlocked.

use confidant_core::crypto::KdfParams;
use confidant_core::keychain::MemoryKeychain;
use confidant_core::people::{People, PersonInput, PersonKind, Relation};
use confidant_core::vault::{Role, Vault, VaultConfig};

use super::now;

/// Cheap Argon2 parameters: the harnesses fuzz the formats, not the KDF.
pub const CONFIG: VaultConfig = VaultConfig {
    kdf: KdfParams::INSECURE_FOR_TESTS,
};

/// A set-up, unlocked vault, its folder and its recovery code.
pub struct Fixture {
    /// Removed when dropped.
    pub dir: tempfile::TempDir,
    /// The vault.
    pub vault: Vault,
    /// Its recovery code, as shown at setup.
    pub recovery_code: String,
}

/// A new vault, set up as `role` and unlocked.
pub fn vault(role: Role) -> Fixture {
    let dir = tempfile::tempdir().expect("a temp folder");
    let mut vault =
        Vault::open(dir.path(), Box::new(MemoryKeychain::new()), CONFIG, now()).expect("open");
    let started = vault.begin_setup(&[role]).expect("begin setup");
    vault
        .confirm_setup(&started.recovery_code, now())
        .expect("confirm setup");
    Fixture {
        dir,
        vault,
        recovery_code: started.recovery_code.to_string(),
    }
}

/// A person with only a name, in `vault`; their id.
pub fn person(vault: &mut Vault, name: &str, relation: Relation) -> String {
    let input = PersonInput {
        kind: PersonKind::Person,
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
    };
    People::of(vault)
        .create(&input, now())
        .expect("a person")
        .id
}
