//! Finding our backups in a folder and keeping only the newest N. Only
//! regular files whose name [`super::name::parse`] accepts are ever looked
//! at or deleted; every other file (a similar name, a renamed copy, a
//! symbolic link, a folder) is left alone.

use std::path::Path;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::name;
use crate::error::Result;

/// One backup file of ours in a folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FoundBackup {
    /// The file's name.
    pub file_name: String,
    /// The snapshot time its name carries.
    pub made_at: DateTime<Utc>,
}

/// Our backups in `folder`, newest first.
pub fn backups_in(folder: &Path) -> Result<Vec<FoundBackup>> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(folder)? {
        let entry = entry?;
        let Some(file_name) = entry.file_name().to_str().map(str::to_string) else {
            continue;
        };
        let Some(made_at) = name::parse(&file_name) else {
            continue;
        };
        // `file_type` does not follow links: a link is never ours.
        if !entry.file_type()?.is_file() {
            continue;
        }
        found.push(FoundBackup { file_name, made_at });
    }
    // Newest first; within one second, the higher number is the newer.
    let number = |f: &FoundBackup| name::parse_numbered(&f.file_name).map_or(1, |(_, n)| n);
    found.sort_by(|a, b| b.made_at.cmp(&a.made_at).then(number(b).cmp(&number(a))));
    Ok(found)
}

/// Deletes all but the newest `keep` of our backups in `folder`. Returns
/// how many were deleted and how many are left.
pub(super) fn keep_newest(folder: &Path, keep: u32) -> Result<(u32, u32)> {
    let found = backups_in(folder)?;
    let keep = keep as usize;
    let mut removed = 0u32;
    for old in found.iter().skip(keep) {
        std::fs::remove_file(folder.join(&old.file_name))?;
        removed += 1;
    }
    let kept = u32::try_from(found.len().min(keep)).unwrap_or(u32::MAX);
    Ok((removed, kept))
}

/// Deletes our backups in `folder` made before `cutoff` (as their names
/// say). Returns how many were deleted.
pub(super) fn delete_before(folder: &Path, cutoff: DateTime<Utc>) -> Result<u32> {
    let mut removed = 0u32;
    for old in backups_in(folder)?.iter().filter(|b| b.made_at < cutoff) {
        std::fs::remove_file(folder.join(&old.file_name))?;
        removed += 1;
    }
    Ok(removed)
}
