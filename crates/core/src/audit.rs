//! The security log as the owner reads it: every security event with its
//! time, newest first, and whether the hash chain is whole
//! (`store::audit` keeps and checks it). Events are recorded by the code
//! that performs them, in the same transaction where there is one
//! (`store::audit::append`); [`record`] is for actions whose effect is a
//! file outside the vault (an export), recorded once the file is written.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::store::{self, audit as rows};
use crate::vault::Vault;

pub use rows::AuditEvent;

/// Entries shown at most (the newest); [`SecurityLog::total`] counts all.
pub const SHOWN: usize = 500;

/// One entry of the security log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AuditEntry {
    /// Its number in the chain (1 is the first).
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub seq: i64,
    /// When it was written.
    pub at: DateTime<Utc>,
    /// What happened (`None`: this entry failed its integrity check).
    pub event: Option<AuditEvent>,
    /// In plain words.
    pub label: String,
    /// A short detail ("subject-access export", "3 items"), or empty.
    pub detail: String,
}

/// The security log, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SecurityLog {
    /// The newest entries (at most [`SHOWN`]).
    pub entries: Vec<AuditEntry>,
    /// How many entries the log has.
    pub total: u32,
    /// The first problem found in the chain, in plain words; `None` when
    /// every entry opens and the chain is whole.
    pub problem: Option<String>,
}

/// `event` in plain words.
pub fn label(event: AuditEvent) -> &'static str {
    match event {
        AuditEvent::VaultCreated => "Vault created",
        AuditEvent::Unlocked => "Unlocked",
        AuditEvent::RecoveryUsed => "Recovery code used; this computer enrolled",
        AuditEvent::PasscodeSet => "App passcode set or changed",
        AuditEvent::PasscodeRemoved => "App passcode removed",
        AuditEvent::ExportWritten => "Export written",
        AuditEvent::PacketSent => "Packet written",
        AuditEvent::PacketImported => "Packet imported",
        AuditEvent::PersonErased => "Person erased",
        AuditEvent::SignOffReopened => "Hours sign-off reopened",
        AuditEvent::BackupMade => "Backup made",
        AuditEvent::Restored => "Restored from a backup",
        AuditEvent::RecoveryCodeReplaced => "New recovery code; the old one no longer works",
        AuditEvent::KeysRotated => "Keys rotated: new master key, recovery code and device key",
    }
}

/// Records `event` in its own transaction (for an action whose effect is a
/// file outside the vault, once it is written).
pub fn record(
    vault: &mut Vault,
    event: AuditEvent,
    detail: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let u = vault.unlocked()?;
    let ring = &*u.ring;
    store::write(u.conn, |tx| rows::append(tx, ring, event, detail, now))
}

/// Reads the security log.
pub struct Audit<'a> {
    vault: &'a mut Vault,
}

impl std::fmt::Debug for Audit<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Audit").finish_non_exhaustive()
    }
}

impl<'a> Audit<'a> {
    /// The security log of `vault`.
    pub fn of(vault: &'a mut Vault) -> Self {
        Audit { vault }
    }

    /// The log, newest first, with the chain checked.
    pub fn list(&mut self) -> Result<SecurityLog> {
        let u = self.vault.unlocked()?;
        let checked = rows::verify(u.conn, u.ring)?;
        let total = u32::try_from(checked.rows.len()).unwrap_or(u32::MAX);
        let entries = checked
            .rows
            .into_iter()
            .rev()
            .take(SHOWN)
            .map(|row| match row.body {
                Ok(body) => AuditEntry {
                    seq: row.seq,
                    at: row.at,
                    event: Some(body.event),
                    label: label(body.event).to_string(),
                    detail: body.detail,
                },
                Err(_) => AuditEntry {
                    seq: row.seq,
                    at: row.at,
                    event: None,
                    label: "Damaged entry: it failed its integrity check".to_string(),
                    detail: String::new(),
                },
            })
            .collect();
        Ok(SecurityLog {
            entries,
            total,
            problem: checked.problem,
        })
    }
}
