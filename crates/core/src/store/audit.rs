//! The `audit_log` and `audit_head` tables: the security log, a sealed,
//! hash-chained, append-only list of security events under the vault key.
//!
//! Each entry's sealed body holds the event, a short non-identifying detail
//! and the hash of the entry before it; the hash of an entry is SHA-256 over
//! a domain tag, the previous hash, its number, its time and its sealed
//! bytes. The head (one sealed row) holds how many entries there are and
//! the last hash, so an entry removed, changed, reordered or cut off the
//! end is found by [`verify`].
//!
//! AAD: table `audit_log`, column `body`, row = the entry's number, bound:
//! `created_at` (unix ms); table `audit_head`, column `body`, row `1`,
//! bound: `updated_at`.
//!
//! Writing never fails because the log is damaged: when the head does not
//! open, the next entry starts from an unknown previous hash, and
//! [`verify`] reports the break there. A damaged log must not lock anyone
//! out of their records; it must not go unnoticed either.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::{from_millis, to_millis};
use crate::crypto::Context;
use crate::error::Result;
use crate::keys::{KeyRing, Scope};

/// What an integrity error calls an entry.
const WHAT: &str = "An entry of the security log";
/// What an integrity error calls the head.
const WHAT_HEAD: &str = "The security log's head";
/// Domain separation for the chain's hashes.
const TAG: &[u8] = b"confidant-audit-1\0";
/// The previous hash of the first entry.
const GENESIS: [u8; 32] = [0; 32];
/// The previous hash written after a damaged head (never a real hash's
/// likely value; verification reports the break either way).
const UNKNOWN: [u8; 32] = [0xff; 32];

/// A security event. Stored by its stable code ([`AuditEvent::code`]);
/// never carries a name, an id or anything a person typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum AuditEvent {
    /// The vault was created.
    VaultCreated,
    /// The vault was unlocked.
    Unlocked,
    /// The recovery code was used, and this device enrolled.
    RecoveryUsed,
    /// An app passcode was set or changed.
    PasscodeSet,
    /// The app passcode was removed.
    PasscodeRemoved,
    /// A file was exported (which kind is in the detail).
    ExportWritten,
    /// A packet was written.
    PacketSent,
    /// A packet was imported.
    PacketImported,
    /// A person was erased.
    PersonErased,
    /// A signed-off hours period was reopened.
    SignOffReopened,
    /// A backup was made on request (scheduled backups run while locked,
    /// without keys, and are not logged).
    BackupMade,
    /// The vault was restored from a backup.
    Restored,
    /// A new recovery code replaced the old one.
    RecoveryCodeReplaced,
    /// A new master key, recovery code and device key replaced the old ones.
    KeysRotated,
}

/// One entry as stored and opened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Body {
    /// What happened.
    pub event: AuditEvent,
    /// A short, non-identifying detail ("subject-access export", "3 items").
    pub detail: String,
    /// Hex SHA-256 of the entry before (zeros for the first).
    pub prev: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Head {
    count: i64,
    last: String,
}

/// One stored entry: its number, its time, and the body (or why it did not
/// open).
#[derive(Debug)]
pub struct Row {
    /// Its number (1, 2, 3 …).
    pub seq: i64,
    /// When it was written.
    pub at: DateTime<Utc>,
    /// The opened body, or this entry's integrity error.
    pub body: Result<Body>,
    /// Its chain hash, computed from what is stored.
    pub hash: [u8; 32],
}

/// The whole log and what checking its chain found.
#[derive(Debug)]
pub struct Checked {
    /// Every entry, oldest first.
    pub rows: Vec<Row>,
    /// The first problem found, in plain words (`None`: the chain is whole).
    pub problem: Option<String>,
}

fn entry_context<'a>(seq: &'a str, bound: &'a [&'a str]) -> Context<'a> {
    Context::new("audit_log", "body", seq).binding(bound)
}

fn head_context<'a>(bound: &'a [&'a str]) -> Context<'a> {
    Context::new("audit_head", "body", "1").binding(bound)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn chain(prev: &[u8; 32], seq: i64, at_ms: i64, sealed: &[u8]) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(TAG);
    h.update(prev);
    h.update(seq.to_be_bytes());
    h.update(at_ms.to_be_bytes());
    h.update(sealed);
    h.finalize().into()
}

fn unhex(text: &str) -> Option<[u8; 32]> {
    if text.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(text.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some(out)
}

/// The head, `None` when the log is empty and has none; `Err` when it
/// does not open.
fn head(conn: &Connection, ring: &KeyRing) -> Result<Option<Head>> {
    let row: Option<(i64, Vec<u8>)> = conn
        .query_row(
            "SELECT updated_at, body FROM audit_head WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((updated, sealed)) = row else {
        return Ok(None);
    };
    let updated = updated.to_string();
    let bound = [updated.as_str()];
    ring.open_json(head_context(&bound), &sealed, WHAT_HEAD)
        .map(Some)
}

/// Appends `event` with `detail` in the caller's transaction.
pub fn append(
    tx: &Transaction<'_>,
    ring: &KeyRing,
    event: AuditEvent,
    detail: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let last_seq: i64 = tx.query_row("SELECT coalesce(max(seq), 0) FROM audit_log", [], |r| {
        r.get(0)
    })?;
    let prev = match head(tx, ring) {
        Ok(Some(h)) if h.count == last_seq => unhex(&h.last).unwrap_or(UNKNOWN),
        Ok(None) if last_seq == 0 => GENESIS,
        _ => UNKNOWN,
    };
    let seq = last_seq + 1;
    let at_ms = to_millis(now);
    let body = Body {
        event,
        detail: detail.to_string(),
        prev: hex(&prev),
    };
    let (seq_text, at_text) = (seq.to_string(), at_ms.to_string());
    let bound = [at_text.as_str()];
    let vault_key = ring.scope_id(Scope::Vault)?;
    let sealed = ring.seal_json(vault_key, entry_context(&seq_text, &bound), &body)?;
    tx.execute(
        "INSERT INTO audit_log (seq, created_at, body) VALUES (?1, ?2, ?3)",
        params![seq, at_ms, sealed],
    )?;
    let hash = chain(&prev, seq, at_ms, &sealed);
    let head = Head {
        count: seq,
        last: hex(&hash),
    };
    let head_bound = [at_text.as_str()];
    let sealed_head = ring.seal_json(vault_key, head_context(&head_bound), &head)?;
    tx.execute(
        "INSERT INTO audit_head (id, updated_at, body) VALUES (1, ?1, ?2)
         ON CONFLICT (id) DO UPDATE SET updated_at = excluded.updated_at, body = excluded.body",
        params![at_ms, sealed_head],
    )?;
    Ok(())
}

/// Every entry, oldest first, with the chain checked: numbers without gaps
/// from 1, each entry's previous hash equal to the hash of the entry
/// before, and the head's count and last hash equal to the end of the list.
pub fn verify(conn: &Connection, ring: &KeyRing) -> Result<Checked> {
    let mut stmt = conn.prepare("SELECT seq, created_at, body FROM audit_log ORDER BY seq")?;
    let stored = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, Vec<u8>>(2)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut problem: Option<String> = None;
    let mut note = |p: String| {
        if problem.is_none() {
            problem = Some(p);
        }
    };
    let mut rows = Vec::with_capacity(stored.len());
    let mut prev = GENESIS;
    let mut expected_seq = 1;
    for (seq, at_ms, sealed) in stored {
        if seq != expected_seq {
            note(format!(
                "Entry {expected_seq} of the security log is missing."
            ));
        }
        let (seq_text, at_text) = (seq.to_string(), at_ms.to_string());
        let bound = [at_text.as_str()];
        let body: Result<Body> = ring.open_json(entry_context(&seq_text, &bound), &sealed, WHAT);
        match &body {
            Ok(b) if b.prev != hex(&prev) => note(format!(
                "The security log's chain breaks at entry {seq}: an entry before it was changed, removed or replaced."
            )),
            Ok(_) => {}
            Err(_) => note(format!(
                "Entry {seq} of the security log failed its integrity check."
            )),
        }
        let hash = chain(&prev, seq, at_ms, &sealed);
        rows.push(Row {
            seq,
            at: from_millis(at_ms)?,
            body,
            hash,
        });
        prev = hash;
        expected_seq = seq + 1;
    }
    let count = rows.len() as i64;
    let last_seq = rows.last().map_or(0, |r| r.seq);
    match head(conn, ring) {
        Ok(Some(h)) if h.count == last_seq && h.last == hex(&prev) => {}
        Ok(None) if count == 0 => {}
        Ok(Some(h)) if h.count > last_seq => note(format!(
            "The security log ends early: {} entries were written, {last_seq} are there.",
            h.count
        )),
        Ok(_) => note("The security log's head does not match its entries.".into()),
        Err(_) => note("The security log's head failed its integrity check.".into()),
    }
    Ok(Checked { rows, problem })
}

/// Opens every entry and the head (backup verification) into `census`. The
/// chain is [`verify`]'s business; here each value only has to open.
pub fn open_all(conn: &Connection, ring: &KeyRing, census: &mut super::Census) -> Result<()> {
    super::census_rows(
        conn,
        ring,
        census,
        "audit_log",
        "SELECT seq, created_at, body FROM audit_log",
        |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, Vec<u8>>(2)?,
            ))
        },
        |(seq, at_ms, sealed)| {
            let (seq_text, at_text) = (seq.to_string(), at_ms.to_string());
            let bound = [at_text.as_str()];
            let body: Result<Body> =
                ring.open_json(entry_context(&seq_text, &bound), &sealed, WHAT);
            (None, body.is_ok())
        },
    )?;
    census.entry("audit_head").or_default();
    let opened = head(conn, ring);
    if !matches!(opened, Ok(None)) {
        super::tally(census, ring, "audit_head", None, opened.is_ok());
    }
    Ok(())
}
