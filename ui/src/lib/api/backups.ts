// The backup commands, as generated from Rust's command list
// (commands.gen.ts): the status (plan, newest backup, whether it is stale),
// choosing the folder (Rust opens the folder dialog; no path crosses IPC),
// the schedule and how many to keep, and backing up now.

export { backupStatus, backupChooseFolder, backupScheduleSet, backupNow } from './commands.gen';
