//! Scheduled backups, made by the watcher when one is due — also while the
//! vault is locked (a backup copies sealed bytes and needs no key). The
//! plan (folder, interval, how many to keep) is sealed in the vault's
//! settings, so it is read while the vault is unlocked and kept here, in
//! memory only; after the app starts, no scheduled backup runs until the
//! vault is first unlocked. The last backup is the newest file of ours in
//! the folder, so a backup made by hand counts too.

use std::path::Path;

use chrono::{DateTime, Duration, Utc};
use confidant_core::backup::{self, backups_in, BackupPlan, BackupReport, Backups};
use confidant_core::Error;

use super::Shared;

/// How often the watcher looks whether a backup is due.
const LOOK_EVERY: Duration = Duration::minutes(1);

/// How long the watcher waits after a failed scheduled backup before it
/// tries again.
const RETRY_AFTER: Duration = Duration::hours(1);

/// The plan kept across lock, and when to look next.
#[derive(Debug, Default)]
pub(super) struct BackupBook {
    plan: Option<BackupPlan>,
    next_look: Option<DateTime<Utc>>,
}

impl BackupBook {
    /// Looks again at the next tick (the plan changed).
    pub(super) fn look_soon(&mut self) {
        self.next_look = None;
    }
}

impl Shared {
    /// Makes a scheduled backup when one is due at `now`; `None` when none
    /// was attempted. While unlocked, the plan is first read again.
    pub(super) fn scheduled_backup(
        &mut self,
        now: DateTime<Utc>,
    ) -> Option<Result<BackupReport, Error>> {
        if self.backups.next_look.is_some_and(|at| now < at) {
            return None;
        }
        self.backups.next_look = Some(now + LOOK_EVERY);
        if self.unlocked() {
            if let Ok(plan) = Backups::of(&mut self.vault).plan() {
                self.backups.plan = Some(plan);
            }
        }
        let plan = self.backups.plan.clone()?;
        let folder = plan.folder.clone()?;
        let last = backups_in(Path::new(&folder))
            .ok()
            .and_then(|found| found.first().map(|b| b.made_at));
        if !plan.due(last, now) {
            return None;
        }
        let result = backup::create(&self.vault, Path::new(&folder), plan.keep, now);
        if result.is_err() {
            self.backups.next_look = Some(now + RETRY_AFTER);
        }
        Some(result)
    }
}

impl super::AppState {
    /// The plan changed (folder, schedule): the watcher reads it again and
    /// looks whether a backup is due at its next tick.
    pub fn backup_plan_changed(&self) {
        self.guard().backups.look_soon();
    }
}
