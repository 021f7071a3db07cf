// Restoring from a backup, as generated from Rust's command list
// (commands.gen.ts): Rust asks which backup file to restore and checks it
// (no path crosses IPC), then restores it with the recovery code.

export { restoreChoose, restoreConfirm, restoreCancel } from './commands.gen';
export type { BackupInfo, Restored } from '../bindings';
