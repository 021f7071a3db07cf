//! SQLite's whole-file check of the vault (`PRAGMA integrity_check`), run
//! on a read-only connection of its own so the app can do it in the
//! background after an unlock.
//!
//! Why: a damaged index (a flipped byte in an index page, say) can make a
//! list silently miss rows — the rows themselves still open, so no record
//! reports an integrity error (`crates/core/tests/tamper_pages` found such
//! flips). Only the whole-file check sees it. `quick_check` is not enough:
//! it does not compare indexes with their tables. The result names SQLite's
//! tables and indexes, never anything sealed.

use std::path::Path;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags};
use serde::{Deserialize, Serialize};

use crate::error::Result;

/// How many of SQLite's lines a problem quotes.
const LINES: usize = 3;

/// Where the whole-file check of this session stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum FileCheckState {
    /// Not run in this session yet.
    NotRun,
    /// Running now.
    Running,
    /// The file passed.
    Ok,
    /// SQLite found damage.
    Damaged,
    /// The check itself could not run (the file could not be read).
    Failed,
}

/// The latest whole-file check of the vault.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FileCheck {
    /// Where it stands.
    pub state: FileCheckState,
    /// What SQLite reported (damaged), or why it could not run (failed).
    pub problem: Option<String>,
    /// When it finished.
    pub checked_at: Option<DateTime<Utc>>,
}

impl FileCheck {
    /// No check yet.
    pub fn not_run() -> Self {
        FileCheck {
            state: FileCheckState::NotRun,
            problem: None,
            checked_at: None,
        }
    }

    /// The outcome of [`check_file`] at `now`.
    pub fn from_outcome(outcome: Result<Option<String>>, now: DateTime<Utc>) -> Self {
        let (state, problem) = match outcome {
            Ok(None) => (FileCheckState::Ok, None),
            Ok(Some(p)) => (FileCheckState::Damaged, Some(p)),
            Err(e) => (FileCheckState::Failed, Some(e.to_string())),
        };
        FileCheck {
            state,
            problem,
            checked_at: Some(now),
        }
    }
}

/// Runs `PRAGMA integrity_check` on the database at `db` (read-only, a
/// connection of its own; the write-ahead log is read as any reader reads
/// it). `None` when SQLite says `ok`, else its first lines.
pub fn check_file(db: &Path) -> Result<Option<String>> {
    let conn = Connection::open_with_flags(
        db,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    let mut stmt = conn.prepare("PRAGMA integrity_check")?;
    let lines = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    if lines.len() == 1 && lines[0] == "ok" {
        return Ok(None);
    }
    let more = lines.len().saturating_sub(LINES);
    let mut text = lines.into_iter().take(LINES).collect::<Vec<_>>().join("; ");
    if more > 0 {
        text.push_str(&format!("; and {more} more"));
    }
    Ok(Some(text))
}
