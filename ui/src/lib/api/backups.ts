// The backup commands, as generated from Rust's command list
// (commands.gen.ts): the status (plan, newest backup, whether it is stale),
// choosing the folder (Rust opens the folder dialog; no path crosses IPC),
// the schedule and how many to keep, backing up now, and the backups made
// before a key change (which still open with the old recovery code).

export {
  backupStatus,
  backupChooseFolder,
  backupScheduleSet,
  backupNow,
  backupsMadeBefore,
  backupsDeleteMadeBefore,
} from './commands.gen';
