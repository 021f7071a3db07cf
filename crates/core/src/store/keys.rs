//! The `vault`, `keyslots` and `data_keys` tables: the vault's id, the
//! master key wrapped by each way in, and the data keys wrapped by the
//! master key.
//!
//! Key slot AAD: table `keyslots`, column = the slot kind, row =
//! `vault id/slot id`. Data key AAD: table `data_keys`, column = the scope,
//! row = `vault id/key id`, bound: the subject (person) id, so a person's key
//! cannot be moved to another person on disk.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use uuid::Uuid;

use super::to_millis;
use crate::crypto::{self, Context, KdfParams, SecretKey};
use crate::error::{Error, Result};
use crate::keys::{KeyRing, Scope};

/// The vault format version recorded in the `vault` table.
pub const VAULT_FORMAT: i64 = 1;

/// The way in a key slot stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlotKind {
    /// Wrapped by the device key in the OS keychain.
    Device,
    /// Wrapped by Argon2id(passcode) keyed with the device key.
    DevicePasscode,
    /// Wrapped by Argon2id(recovery code).
    Recovery,
}

impl SlotKind {
    fn as_str(self) -> &'static str {
        match self {
            SlotKind::Device => "device",
            SlotKind::DevicePasscode => "device_passcode",
            SlotKind::Recovery => "recovery",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        match s {
            "device" => Some(SlotKind::Device),
            "device_passcode" => Some(SlotKind::DevicePasscode),
            "recovery" => Some(SlotKind::Recovery),
            _ => None,
        }
    }
}

/// One stored key slot.
pub struct Slot {
    id: String,
    kind_text: String,
    /// The slot's kind (`None` when the stored kind is unknown: damage).
    pub kind: Option<SlotKind>,
    kdf: Option<String>,
    salt: Option<Vec<u8>>,
    wrapped: Vec<u8>,
}

impl Slot {
    fn what(&self) -> String {
        format!("The {} key slot", self.kind_text)
    }

    /// The slot's Argon2id parameters and salt. Missing or out-of-bounds
    /// parameters (the column is not authenticated) are damage, never a
    /// request for unbounded memory.
    pub fn kdf(&self) -> Result<(KdfParams, &[u8])> {
        let damaged = || Error::Integrity(self.what());
        let kdf = self
            .kdf
            .as_deref()
            .and_then(KdfParams::decode)
            .ok_or_else(damaged)?;
        let salt = self
            .salt
            .as_deref()
            .filter(|s| s.len() >= 16 && s.len() <= 64);
        Ok((kdf, salt.ok_or_else(damaged)?))
    }

    /// Unwraps the master key with `wrapping_key`; an integrity error when
    /// the key is wrong or the slot damaged.
    pub fn unwrap(&self, vault_id: &str, wrapping_key: &SecretKey) -> Result<SecretKey> {
        let row = format!("{vault_id}/{}", self.id);
        let what = self.what();
        let bytes = crypto::open(
            wrapping_key,
            Context::new("keyslots", &self.kind_text, &row),
            &self.wrapped,
            &what,
        )?;
        SecretKey::from_slice(&bytes).ok_or(Error::Integrity(what))
    }
}

/// The vault's id, if a vault was created in this file.
pub fn vault_id(conn: &Connection) -> Result<Option<String>> {
    let row: Option<(String, i64)> = conn
        .query_row("SELECT id, format_version FROM vault LIMIT 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    match row {
        Some((_, v)) if v > VAULT_FORMAT => Err(Error::SchemaTooNew {
            found: v,
            supported: VAULT_FORMAT,
        }),
        Some((id, _)) => Ok(Some(id)),
        None => Ok(None),
    }
}

/// Records the vault's id.
pub fn insert_vault(tx: &Transaction<'_>, vault_id: &str, now: DateTime<Utc>) -> Result<()> {
    tx.execute(
        "INSERT INTO vault (id, format_version, created_at) VALUES (?1, ?2, ?3)",
        params![vault_id, VAULT_FORMAT, to_millis(now)],
    )?;
    Ok(())
}

/// Every key slot.
pub fn slots(conn: &Connection) -> Result<Vec<Slot>> {
    let mut stmt = conn.prepare("SELECT id, kind, kdf, salt, wrapped_key FROM keyslots")?;
    let rows = stmt.query_map([], |r| {
        let kind_text: String = r.get(1)?;
        Ok(Slot {
            id: r.get(0)?,
            kind: SlotKind::parse(&kind_text),
            kind_text,
            kdf: r.get(2)?,
            salt: r.get(3)?,
            wrapped: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Whether a passcode slot exists.
pub fn has_passcode(conn: &Connection) -> Result<bool> {
    let n: i64 = conn.query_row(
        "SELECT count(*) FROM keyslots WHERE kind = 'device_passcode'",
        [],
        |r| r.get(0),
    )?;
    Ok(n > 0)
}

/// Adds a slot holding `master` wrapped by `wrapping_key`; `kdf` records how
/// that key is derived (passcode and recovery slots).
pub fn insert_slot(
    tx: &Transaction<'_>,
    vault_id: &str,
    kind: SlotKind,
    kdf: Option<(KdfParams, &[u8])>,
    wrapping_key: &SecretKey,
    master: &SecretKey,
    now: DateTime<Utc>,
) -> Result<()> {
    let slot_id = Uuid::new_v4();
    let row = format!("{vault_id}/{slot_id}");
    let wrapped = crypto::seal(
        wrapping_key,
        slot_id,
        Context::new("keyslots", kind.as_str(), &row),
        master.expose(),
    )?;
    tx.execute(
        "INSERT INTO keyslots (id, kind, kdf, salt, wrapped_key, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            slot_id.to_string(),
            kind.as_str(),
            kdf.map(|k| k.0.encode()),
            kdf.map(|k| k.1),
            wrapped,
            to_millis(now)
        ],
    )?;
    Ok(())
}

/// Removes the device slot(s), with or without passcode.
pub fn delete_device_slots(tx: &Transaction<'_>) -> Result<()> {
    tx.execute(
        "DELETE FROM keyslots WHERE kind IN ('device', 'device_passcode')",
        [],
    )?;
    Ok(())
}

/// Removes every key slot (a new master key replaces them all).
pub fn delete_all_slots(tx: &Transaction<'_>) -> Result<()> {
    tx.execute("DELETE FROM keyslots", [])?;
    Ok(())
}

/// Removes the recovery slot (a new recovery code replaces it).
pub fn delete_recovery_slot(tx: &Transaction<'_>) -> Result<()> {
    tx.execute("DELETE FROM keyslots WHERE kind = 'recovery'", [])?;
    Ok(())
}

/// Re-wraps every live data key the ring holds under `new_master`, in the
/// caller's transaction. A data key the ring could not open at unlock (a
/// damaged row) is left as it is: it opened nothing before and opens
/// nothing after. Returns (re-wrapped, left damaged).
pub fn rewrap_data_keys(
    tx: &Transaction<'_>,
    ring: &KeyRing,
    new_master: &SecretKey,
) -> Result<(u32, u32)> {
    let rows = {
        let mut stmt = tx
            .prepare("SELECT id, scope, subject_id FROM data_keys WHERE wrapped_key IS NOT NULL")?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<String>>(2)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        rows
    };
    let (mut done, mut damaged) = (0u32, 0u32);
    let mut update = tx.prepare("UPDATE data_keys SET wrapped_key = ?2 WHERE id = ?1")?;
    for (id, scope, subject) in rows {
        let key = Uuid::parse_str(&id)
            .ok()
            .and_then(|uuid| ring.key(uuid, "A data key").ok().map(|k| (uuid, k)));
        let Some((uuid, key)) = key else {
            damaged += 1;
            continue;
        };
        let wrapped = wrap_data_key(
            new_master,
            ring.vault_id(),
            &scope,
            subject.as_deref(),
            (uuid, key),
        )?;
        update.execute(params![id, wrapped])?;
        done += 1;
    }
    Ok((done, damaged))
}

fn data_key_context<'a>(scope: &'a str, row: &'a str, subject: &'a [&'a str]) -> Context<'a> {
    Context::new("data_keys", scope, row).binding(subject)
}

/// Data key `key` (id and bytes) of `scope` (and person `subject_id`)
/// sealed under `master`.
fn wrap_data_key(
    master: &SecretKey,
    vault_id: &str,
    scope: &str,
    subject_id: Option<&str>,
    key: (Uuid, &SecretKey),
) -> Result<Vec<u8>> {
    let row = format!("{vault_id}/{}", key.0);
    let master_id = Uuid::parse_str(vault_id).map_err(|e| Error::Internal(e.to_string()))?;
    let subject = [subject_id.unwrap_or("")];
    crypto::seal(
        master,
        master_id,
        data_key_context(scope, &row, &subject),
        key.1.expose(),
    )
}

/// Stores data key `key` (id and bytes) wrapped by the ring's master key.
/// `subject_id` names the person a person-scoped key belongs to.
pub fn insert_data_key(
    tx: &Transaction<'_>,
    ring: &KeyRing,
    scope: &str,
    subject_id: Option<&str>,
    key: (Uuid, &SecretKey),
    now: DateTime<Utc>,
) -> Result<()> {
    let wrapped = wrap_data_key(ring.master(), ring.vault_id(), scope, subject_id, key)?;
    tx.execute(
        "INSERT INTO data_keys (id, scope, subject_id, wrapped_key, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![key.0.to_string(), scope, subject_id, wrapped, to_millis(now)],
    )?;
    Ok(())
}

type RawDataKey = (String, String, Option<String>, Option<Vec<u8>>);

fn data_key_rows(conn: &Connection) -> Result<Vec<RawDataKey>> {
    let mut stmt = conn.prepare("SELECT id, scope, subject_id, wrapped_key FROM data_keys")?;
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Unwraps one live data key with `master`; `None` when it does not open.
fn unwrap_data_key(
    master: &SecretKey,
    vault_id: &str,
    (id, scope, subject): (&str, &str, Option<&str>),
    wrapped: &[u8],
) -> Option<(Uuid, SecretKey)> {
    let uuid = Uuid::parse_str(id).ok()?;
    let row = format!("{vault_id}/{id}");
    let bound = [subject.unwrap_or("")];
    let bytes = crypto::open(
        master,
        data_key_context(scope, &row, &bound),
        wrapped,
        "A data key",
    )
    .ok()?;
    Some((uuid, SecretKey::from_slice(&bytes)?))
}

/// Unwraps every data key into a new key ring around `master`. A damaged
/// data key is left out, so only the records sealed under it report an
/// integrity error; a missing vault or journal key fails the unlock.
pub fn load_ring(conn: &Connection, vault_id: &str, master: SecretKey) -> Result<KeyRing> {
    let rows = data_key_rows(conn)?;
    let mut ring = KeyRing::new(vault_id, master);
    for (id, scope, subject, wrapped) in rows {
        let Some(wrapped) = wrapped else {
            // A destroyed key: the person was erased.
            if let Some(subject) = subject.as_deref() {
                ring.mark_erased(subject);
            }
            continue;
        };
        let place = (id.as_str(), scope.as_str(), subject.as_deref());
        let Some((uuid, key)) = unwrap_data_key(ring.master(), vault_id, place, &wrapped) else {
            continue;
        };
        let scope = match scope.as_str() {
            "vault" => Some(Scope::Vault),
            "journal" => Some(Scope::Journal),
            _ => None,
        };
        ring.adopt(uuid, key, scope, subject.as_deref());
    }
    ring.scope_id(Scope::Vault)?;
    ring.scope_id(Scope::Journal)?;
    Ok(ring)
}

/// Opens every data key with the ring's master key (backup verification)
/// into `census`: a destroyed key (an erased person's) counts as erased.
pub fn open_all(conn: &Connection, ring: &KeyRing, census: &mut super::Census) -> Result<()> {
    census.entry("data_keys").or_default();
    for (id, scope, subject, wrapped) in data_key_rows(conn)? {
        let opened = wrapped.as_deref().is_some_and(|w| {
            let place = (id.as_str(), scope.as_str(), subject.as_deref());
            unwrap_data_key(ring.master(), ring.vault_id(), place, w).is_some()
        });
        // NULL only: a destroyed key is erased, whoever it belonged to.
        let entry = census.entry("data_keys").or_default();
        match (opened, wrapped.is_none()) {
            (true, _) => entry.opened += 1,
            (false, true) => entry.erased += 1,
            (false, false) => entry.damaged += 1,
        }
    }
    Ok(())
}

/// Destroys the data key of person (group, organisation) `subject_id`:
/// its wrapped bytes are overwritten with NULL (with `secure_delete` the
/// old bytes are zeroed in the page), so every value sealed under it can
/// never be opened again, in this file or in any copy made later
/// (crypto-shredding). In the caller's transaction; the caller
/// checkpoints. Returns whether there was a live key.
pub fn destroy_subject_key(
    tx: &Transaction<'_>,
    subject_id: &str,
    now: DateTime<Utc>,
) -> Result<bool> {
    let n = tx.execute(
        "UPDATE data_keys SET wrapped_key = NULL, destroyed_at = ?2 \
         WHERE subject_id = ?1 AND scope = 'person' AND wrapped_key IS NOT NULL",
        params![subject_id, to_millis(now)],
    )?;
    Ok(n > 0)
}

/// Deletes the (destroyed) data key row of person `subject_id`, once no
/// row refers to it any more. In the caller's transaction.
pub fn delete_subject_key(tx: &Transaction<'_>, subject_id: &str) -> Result<()> {
    tx.execute(
        "DELETE FROM data_keys WHERE subject_id = ?1 AND scope = 'person'",
        [subject_id],
    )?;
    Ok(())
}
