//! The key ring of an unlocked vault: the master key and the data keys it
//! unwrapped, by id. It names no table and no domain: the stores use it to
//! seal and open their rows, [`crate::vault::Vault`] fills it on unlock and
//! drops it on lock (every key zeroizes on drop).

use std::collections::{HashMap, HashSet};

use serde::de::DeserializeOwned;
use serde::Serialize;
use uuid::Uuid;
use zeroize::Zeroizing;

use crate::crypto::{self, Context, SecretKey};
use crate::error::{Error, Result};

/// The vault-wide data keys that are not tied to a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    /// Settings and other vault-wide records.
    Vault,
    /// The owner's private journal.
    Journal,
}

impl Scope {
    /// The `data_keys.scope` value.
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Vault => "vault",
            Scope::Journal => "journal",
        }
    }
}

/// Master key and data keys of an unlocked vault. No `Debug`, `Clone` or
/// `Serialize`: the keys never leave it except to seal or open a value.
pub struct KeyRing {
    vault_id: String,
    master: SecretKey,
    keys: HashMap<Uuid, SecretKey>,
    scopes: HashMap<Scope, Uuid>,
    subjects: HashMap<String, Uuid>,
    erased: HashSet<String>,
}

impl KeyRing {
    /// An empty ring around the master key of vault `vault_id`.
    pub(crate) fn new(vault_id: &str, master: SecretKey) -> Self {
        KeyRing {
            vault_id: vault_id.to_string(),
            master,
            keys: HashMap::new(),
            scopes: HashMap::new(),
            subjects: HashMap::new(),
            erased: HashSet::new(),
        }
    }

    /// The vault's id.
    pub fn vault_id(&self) -> &str {
        &self.vault_id
    }

    /// The master key (wraps data keys and is wrapped by key slots).
    pub(crate) fn master(&self) -> &SecretKey {
        &self.master
    }

    /// Replaces the master key (after a rotation committed; the old one
    /// zeroizes on drop).
    pub(crate) fn set_master(&mut self, master: SecretKey) {
        self.master = master;
    }

    /// Adds an unwrapped data key, as the key of `scope` or of the person
    /// `subject` when given.
    pub(crate) fn adopt(
        &mut self,
        id: Uuid,
        key: SecretKey,
        scope: Option<Scope>,
        subject: Option<&str>,
    ) {
        self.keys.insert(id, key);
        if let Some(scope) = scope {
            self.scopes.insert(scope, id);
        }
        if let Some(subject) = subject {
            self.subjects.insert(subject.to_string(), id);
        }
    }

    /// Records that person `subject` was erased (their data key destroyed).
    pub(crate) fn mark_erased(&mut self, subject: &str) {
        self.erased.insert(subject.to_string());
    }

    /// Drops the data key of person `subject` from memory (it zeroizes) and
    /// records them as erased: nothing sealed under it opens any more.
    pub(crate) fn forget_subject(&mut self, subject: &str) {
        if let Some(id) = self.subjects.remove(subject) {
            self.keys.remove(&id);
        }
        self.mark_erased(subject);
    }

    /// Whether person (group, organisation) `subject` was erased: their
    /// data key is destroyed, so their remaining rows (the exception log's,
    /// which cannot be deleted) can never be opened and are not listed.
    pub fn is_erased(&self, subject: &str) -> bool {
        self.erased.contains(subject)
    }

    /// The id of the data key of person (group, organisation) `subject_id`,
    /// as recorded in that key's authenticated wrapping — not as a plaintext
    /// column claims.
    pub(crate) fn subject_key_id(&self, subject_id: &str, what: &str) -> Result<Uuid> {
        self.subjects
            .get(subject_id)
            .copied()
            .ok_or_else(|| Error::Integrity(what.to_string()))
    }

    /// The data key with id `id`, or an integrity error naming `what`.
    pub(crate) fn key(&self, id: Uuid, what: &str) -> Result<&SecretKey> {
        self.keys
            .get(&id)
            .ok_or_else(|| Error::Integrity(what.to_string()))
    }

    /// The id of the data key of `scope`.
    pub(crate) fn scope_id(&self, scope: Scope) -> Result<Uuid> {
        self.scopes
            .get(&scope)
            .copied()
            .ok_or_else(|| Error::Integrity(format!("The {} key", scope.as_str())))
    }

    /// Seals `plaintext` under data key `key_id` for the place `ctx`.
    pub(crate) fn seal(&self, key_id: Uuid, ctx: Context<'_>, plaintext: &[u8]) -> Result<Vec<u8>> {
        crypto::seal(self.key(key_id, "A data key")?, key_id, ctx, plaintext)
    }

    /// Seals `value` as JSON under data key `key_id`.
    pub(crate) fn seal_json<T: Serialize>(
        &self,
        key_id: Uuid,
        ctx: Context<'_>,
        value: &T,
    ) -> Result<Vec<u8>> {
        let json =
            Zeroizing::new(serde_json::to_vec(value).map_err(|e| Error::Internal(e.to_string()))?);
        self.seal(key_id, ctx, &json)
    }

    /// Opens a sealed value with whichever data key its header names. Any
    /// damage, an unknown or destroyed key, or another place is an
    /// integrity error naming `what`.
    pub(crate) fn open(
        &self,
        ctx: Context<'_>,
        sealed: &[u8],
        what: &str,
    ) -> Result<Zeroizing<Vec<u8>>> {
        let key_id =
            crypto::sealed_key_id(sealed).ok_or_else(|| Error::Integrity(what.to_string()))?;
        crypto::open(self.key(key_id, what)?, ctx, sealed, what)
    }

    /// Opens a sealed UTF-8 string (see [`KeyRing::open`]).
    pub(crate) fn open_string(
        &self,
        ctx: Context<'_>,
        sealed: &[u8],
        what: &str,
    ) -> Result<Zeroizing<String>> {
        let key_id =
            crypto::sealed_key_id(sealed).ok_or_else(|| Error::Integrity(what.to_string()))?;
        crypto::open_string(self.key(key_id, what)?, ctx, sealed, what)
    }

    /// Opens a sealed JSON value (see [`KeyRing::open`]); JSON that does not
    /// fit `T` is an integrity error too.
    pub(crate) fn open_json<T: DeserializeOwned>(
        &self,
        ctx: Context<'_>,
        sealed: &[u8],
        what: &str,
    ) -> Result<T> {
        let json = self.open(ctx, sealed, what)?;
        serde_json::from_slice(&json).map_err(|_| Error::Integrity(what.to_string()))
    }
}
