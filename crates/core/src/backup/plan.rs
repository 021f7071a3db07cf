//! The backup plan (folder, schedule, how many to keep), sealed in the
//! vault's settings record, and the status the Settings and Today screens
//! show.

use std::path::Path;

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::prune::{backups_in, FoundBackup};
use super::{create, validate_folder, validate_keep, BackupReport, DEFAULT_KEEP};
use crate::error::{Error, Result};
use crate::settings::VaultSettings;
use crate::vault::Vault;

/// How often a scheduled backup is made.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum BackupInterval {
    /// Once a day.
    #[default]
    Daily,
    /// Once a week.
    Weekly,
}

impl BackupInterval {
    /// The time between two scheduled backups.
    pub fn duration(self) -> Duration {
        match self {
            BackupInterval::Daily => Duration::days(1),
            BackupInterval::Weekly => Duration::days(7),
        }
    }
}

/// The schedule part of the plan (what the Settings form sends; the folder
/// is chosen in a native dialog instead).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BackupSchedule {
    /// Whether backups are made on a schedule.
    pub scheduled: bool,
    /// How often.
    pub interval: BackupInterval,
    /// How many of the newest backups to keep in the folder (1–365).
    pub keep: u32,
}

/// The whole backup plan, as sealed in the settings record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct BackupPlan {
    /// The folder backups go to (full path), or `None` until one is chosen.
    pub folder: Option<String>,
    /// Whether backups are made on a schedule.
    pub scheduled: bool,
    /// How often.
    pub interval: BackupInterval,
    /// How many of the newest backups to keep.
    pub keep: u32,
}

impl Default for BackupPlan {
    fn default() -> Self {
        BackupPlan {
            folder: None,
            scheduled: true,
            interval: BackupInterval::Daily,
            keep: DEFAULT_KEEP,
        }
    }
}

impl BackupPlan {
    /// Whether a scheduled backup is due at `now`, given the newest backup.
    pub fn due(&self, last: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
        self.scheduled
            && self.folder.is_some()
            && last.is_none_or(|last| now - last >= self.interval.duration())
    }
}

/// A backup older than this (or none) is warned about on Today.
pub const STALE_AFTER: Duration = Duration::days(7);

/// What the Backups section and Today show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BackupStatus {
    /// The plan.
    pub plan: BackupPlan,
    /// The newest backup of ours in the folder (each got its final name only
    /// after it verified), if any.
    pub last: Option<FoundBackup>,
    /// How many backups of ours are in the folder.
    pub kept: u32,
    /// Why the folder cannot be used now (moved, disconnected), in plain
    /// words.
    pub folder_problem: Option<String>,
    /// No backup, or the newest is older than a week.
    pub stale: bool,
}

/// The backup plan and status of an unlocked vault.
pub struct Backups<'a> {
    vault: &'a mut Vault,
}

impl<'a> Backups<'a> {
    /// The backups of `vault`.
    pub fn of(vault: &'a mut Vault) -> Self {
        Backups { vault }
    }

    /// The plan (defaults when none was saved).
    pub fn plan(&mut self) -> Result<BackupPlan> {
        match VaultSettings::of(self.vault).backup_section()? {
            Some(value) => serde_json::from_value(value)
                .map_err(|_| Error::Integrity("The backup settings".into())),
            None => Ok(BackupPlan::default()),
        }
    }

    fn save(&mut self, plan: &BackupPlan, now: DateTime<Utc>) -> Result<BackupPlan> {
        let value = serde_json::to_value(plan).map_err(|e| Error::Internal(e.to_string()))?;
        VaultSettings::of(self.vault).set_backup_section(value, now)?;
        Ok(plan.clone())
    }

    /// Sets the folder (an existing folder, full path).
    pub fn set_folder(&mut self, folder: &Path, now: DateTime<Utc>) -> Result<BackupPlan> {
        let folder = validate_folder(folder)?;
        let text = folder
            .to_str()
            .ok_or_else(|| {
                Error::InvalidInput("The backup folder's path is not valid text.".into())
            })?
            .to_string();
        let mut plan = self.plan()?;
        plan.folder = Some(text);
        self.save(&plan, now)
    }

    /// Sets the schedule and how many to keep (1–365).
    pub fn set_schedule(
        &mut self,
        schedule: &BackupSchedule,
        now: DateTime<Utc>,
    ) -> Result<BackupPlan> {
        let keep = validate_keep(schedule.keep)?;
        let mut plan = self.plan()?;
        plan.scheduled = schedule.scheduled;
        plan.interval = schedule.interval;
        plan.keep = keep;
        self.save(&plan, now)
    }

    /// Makes a backup now, to the chosen folder.
    pub fn back_up_now(&mut self, now: DateTime<Utc>) -> Result<BackupReport> {
        let plan = self.plan()?;
        let folder = plan
            .folder
            .ok_or_else(|| Error::InvalidInput("Choose a folder for backups first.".into()))?;
        let report = create(self.vault, Path::new(&folder), plan.keep, now)?;
        crate::audit::record(
            self.vault,
            crate::audit::AuditEvent::BackupMade,
            &format!("{} kept", report.kept),
            now,
        )?;
        Ok(report)
    }

    /// Our backups in the chosen folder made before `cutoff` (after an
    /// erasure or a key rotation: the ones that still open with the old
    /// recovery code), newest first. Empty when no folder is chosen.
    pub fn made_before(&mut self, cutoff: DateTime<Utc>) -> Result<Vec<FoundBackup>> {
        let Some(folder) = self.plan()?.folder else {
            return Ok(Vec::new());
        };
        let folder = validate_folder(Path::new(&folder))?;
        let mut found = backups_in(&folder)?;
        found.retain(|b| b.made_at < cutoff);
        Ok(found)
    }

    /// Deletes our backups in the chosen folder made before `cutoff`;
    /// returns how many. Other files in the folder are never touched.
    pub fn delete_made_before(&mut self, cutoff: DateTime<Utc>) -> Result<u32> {
        let Some(folder) = self.plan()?.folder else {
            return Ok(0);
        };
        let folder = validate_folder(Path::new(&folder))?;
        super::prune::delete_before(&folder, cutoff)
    }

    /// The plan, the newest backup in the folder and whether it is stale.
    pub fn status(&mut self, now: DateTime<Utc>) -> Result<BackupStatus> {
        let plan = self.plan()?;
        status_of(plan, now)
    }
}

/// The status for `plan` at `now` (reads the folder's listing only).
pub fn status_of(plan: BackupPlan, now: DateTime<Utc>) -> Result<BackupStatus> {
    let (found, folder_problem) = match plan.folder.as_deref() {
        None => (Vec::new(), None),
        Some(folder) => match validate_folder(Path::new(folder)).and_then(|f| backups_in(&f)) {
            Ok(found) => (found, None),
            Err(e) => (Vec::new(), Some(e.to_string())),
        },
    };
    let last = found.first().cloned();
    let stale = last.as_ref().is_none_or(|l| now - l.made_at > STALE_AFTER);
    Ok(BackupStatus {
        kept: u32::try_from(found.len()).unwrap_or(u32::MAX),
        plan,
        last,
        folder_problem,
        stale,
    })
}
