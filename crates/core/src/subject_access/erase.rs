//! Erasing a person: every row about them is deleted through each store's
//! `delete_of_person`, and their data key is destroyed (crypto-shredding),
//! in one transaction; then the write-ahead log is checkpointed and
//! truncated, so no old page image of those rows stays in `-wal`, and the
//! key leaves memory.
//!
//! The confidentiality-exception log's rows cannot be deleted (its
//! triggers refuse it, whoever asks): they stay as random ids and
//! timestamps, sealed under the destroyed key, so their content can never
//! be opened again; the person's own row stays with them (the log refers
//! to it), equally unreadable, and is no longer listed.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::SubjectAccess;
use crate::agreements::Agreements;
use crate::contacts::Contacts;
use crate::error::{Error, Result};
use crate::exception_log;
use crate::goals::Goals;
use crate::invoices::Invoices;
use crate::packets::Packets;
use crate::people::{People, PersonKind, Relation};
use crate::records::Records;
use crate::schedule::Schedule;
use crate::store;
use crate::store::audit::AuditEvent;
use crate::validate;
use crate::vault::RekeyKind;
#[cfg(doc)]
use crate::vault::Vault;

/// What erasure cannot reach, in plain words (shown before and after).
pub const CANNOT_REACH: &[&str] = &[
    "Backups made before the erasure — Confidant's own (the .cfbackup files in your backup folder) and copies of its data folder made by you, a file-sync service or a backup program — still hold this person's data. Erasure gives the vault a new master key, recovery code and device key, so those copies no longer open with this computer or the new Emergency Kit — but they still open with your OLD recovery code. Delete the older backups (Confidant offers to delete its own) and destroy the old Emergency Kit.",
    "Other computers: a copy of this vault on another machine is not changed.",
    "Packets already exchanged: what you sent this person is in their own Confidant, and packet files saved or emailed are outside this vault.",
    "Files you saved yourself (exports, PDFs, calendar files) are not encrypted and are not touched.",
    "This person's own notes in the records of a group they belonged to are part of that group's records; they stay until the group is erased.",
    "Entries in the confidentiality-exception log cannot be deleted: their rows stay as random ids and dates, and what they said can never be read again, because the key that sealed it is destroyed.",
];

/// What erasing a person would remove, and what stops it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ErasurePreview {
    /// Person id.
    pub person_id: String,
    /// Their name: the confirmation must repeat it exactly.
    pub name: String,
    /// Person or group.
    pub kind: PersonKind,
    /// Agreement versions.
    pub agreements: u32,
    /// Session series (one-off sessions and repeating ones).
    pub session_series: u32,
    /// Session records.
    pub session_records: u32,
    /// Contact notes.
    pub contact_notes: u32,
    /// Goals.
    pub goals: u32,
    /// Entries in the confidentiality-exception log (shredded, not deleted).
    pub exception_entries: u32,
    /// Invoices addressed to them (shredded, not deleted: invoice numbers
    /// stay without gaps).
    pub invoices: u32,
    /// Items exchanged with them by packet (deleted).
    pub shared_items: u32,
    /// Why it cannot be erased yet (empty: it can).
    pub blockers: Vec<String>,
    /// What erasure cannot reach ([`CANNOT_REACH`]).
    pub cannot_reach: Vec<String>,
}

/// What an erasure did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ErasureReport {
    /// The person erased.
    pub person_id: String,
    /// Rows deleted.
    pub rows_deleted: u32,
    /// Exception-log entries left as unreadable rows (shredded).
    pub exception_entries_shredded: u32,
    /// Invoices left as unreadable rows (shredded), their numbers kept.
    pub invoices_shredded: u32,
    /// The other data keys, re-wrapped under the new master key.
    pub data_keys_rewrapped: u32,
    /// When the keys were rotated: backups made before still open with the
    /// old recovery code.
    pub keys_rotated_at: DateTime<Utc>,
    /// What erasure could not reach ([`CANNOT_REACH`]).
    pub cannot_reach: Vec<String>,
}

fn count<T>(r: Result<Vec<T>>) -> Result<u32> {
    Ok(r?.len() as u32)
}

fn cannot_reach() -> Vec<String> {
    CANNOT_REACH.iter().map(|s| s.to_string()).collect()
}

impl SubjectAccess<'_> {
    /// What erasing `person_id` would remove, what stops it, and what it
    /// cannot reach.
    pub fn erase_preview(&mut self, person_id: &str) -> Result<ErasurePreview> {
        let id = validate::id_string("That person's", person_id)?;
        let person = People::of(self.vault).get(&id)?;
        let kind = person.fields.kind;
        let mut blockers = Vec::new();
        if kind == PersonKind::Organisation {
            blockers.push(
                "Organisations hold no records of their own; remove them from the people list by archiving instead."
                    .to_string(),
            );
        }
        let v = &mut *self.vault;
        let others = People::of(v).list()?;
        for other in others.iter().filter(|o| o.id != id && !o.damaged) {
            let fields = People::of(v).get(&other.id)?.fields;
            if fields.members.contains(&id) || fields.facilitator_id.as_deref() == Some(&id) {
                blockers.push(format!(
                    "Remove {} from the group “{}” first.",
                    person.fields.name, other.name
                ));
            }
            if fields.organisation_id.as_deref() == Some(&id) {
                blockers.push(format!(
                    "{} works for this organisation: change their organisation first.",
                    other.name
                ));
            }
        }
        let individual = kind == PersonKind::Person;
        let supervised = individual && person.fields.relation == Relation::ISupervise;
        let exception_entries = if individual {
            let u = v.unlocked()?;
            exception_log::entries_of(u.conn, u.ring, &id)?.len() as u32
        } else {
            0
        };
        Ok(ErasurePreview {
            agreements: count(Agreements::of(v).list(&id))?,
            session_series: Schedule::of(v).series_list(Some(&id))?.series.len() as u32,
            session_records: count(Records::of(v).for_person(&id))?,
            contact_notes: if individual {
                count(Contacts::of(v).list(&id))?
            } else {
                0
            },
            goals: if supervised {
                Goals::of(v).list(Some(&id))?.goals.len() as u32
            } else {
                0
            },
            exception_entries,
            invoices: Invoices::of(v).list(Some(&id))?.len() as u32,
            shared_items: count(Packets::of(v).shared_items(&id))?,
            blockers,
            cannot_reach: cannot_reach(),
            person_id: id,
            name: person.fields.name,
            kind,
        })
    }

    /// Erases `person_id` (see the module documentation). `confirmation`
    /// must be their name exactly as shown (surrounding spaces aside), and
    /// `recovery_code` the new code of a master-key rotation begun with
    /// [`Vault::begin_rekey`]`(RekeyKind::MasterKey, …)`: the deletions, the
    /// key's destruction and the rotation are one transaction, so a backup
    /// made before the erasure opens with neither the new Emergency Kit nor
    /// this computer's keychain. Refused, with nothing changed, while
    /// anything in [`ErasurePreview::blockers`] stands.
    pub fn erase(
        &mut self,
        person_id: &str,
        confirmation: &str,
        recovery_code: &str,
        now: DateTime<Utc>,
    ) -> Result<ErasureReport> {
        let preview = self.erase_preview(person_id)?;
        if confirmation.trim() != preview.name.trim() {
            return Err(Error::InvalidInput(
                "The name typed does not match. Type the person's name exactly as shown to erase them."
                    .into(),
            ));
        }
        if !preview.blockers.is_empty() {
            return Err(Error::InvalidInput(preview.blockers.join(" ")));
        }
        let id = preview.person_id.clone();
        let keep_row = preview.exception_entries > 0 || preview.invoices > 0;
        let event = (AuditEvent::PersonErased, "keys rotated");
        let (rotation, deleted) = self.vault.finish_rekey_with(
            recovery_code,
            RekeyKind::MasterKey,
            event,
            now,
            |tx, _ring| {
                let mut n = store::records::delete_of_person(tx, &id)?;
                n += store::schedule::delete_of_person(tx, &id)?;
                n += store::agreements::delete_of_person(tx, &id)?;
                n += store::contacts::delete_of_person(tx, &id)?;
                n += store::goals::delete_of_person(tx, &id)?;
                n += store::hours::delete_of_person(tx, &id)?;
                n += store::hours_profiles::delete_of_person(tx, &id)?;
                n += store::evaluations::delete_of_person(tx, &id)?;
                n += store::packets::delete_of_person(tx, &id)?;
                // Invoices are never deleted (gap-free numbering; a trigger
                // refuses it): destroying the key below leaves them
                // unreadable. The rotation that follows in this transaction
                // re-wraps only live keys, so this one is gone for good.
                store::keys::destroy_subject_key(tx, &id, now)?;
                if !keep_row {
                    // Nothing refers to the person or the key any more.
                    if store::people::delete_of_person(tx, &id)? {
                        n += 1;
                    }
                    store::keys::delete_subject_key(tx, &id)?;
                }
                Ok(n)
            },
        )?;
        let u = self.vault.unlocked()?;
        u.ring.forget_subject(&id);
        Ok(ErasureReport {
            person_id: id,
            rows_deleted: u32::try_from(deleted).unwrap_or(u32::MAX),
            exception_entries_shredded: preview.exception_entries,
            invoices_shredded: preview.invoices,
            data_keys_rewrapped: rotation.data_keys_rewrapped,
            keys_rotated_at: rotation.changed_at,
            cannot_reach: cannot_reach(),
        })
    }
}
