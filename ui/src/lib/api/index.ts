// The UI's typed IPC entry point for the vault, settings, journal and
// people commands. The wrappers themselves are generated from Rust's command
// list (commands.gen.ts, built on `call` in ipc.ts, which normalises every
// rejection into an `AppError`), so a renamed command or argument breaks the
// type check here. Scheduling and agreement commands are re-exported from
// schedule.ts and agreements.ts beside this file. Only stores (../stores)
// import this folder: components and views go through them.

import { listen, type UnlistenFn } from '@tauri-apps/api/event';
import { getCurrentWindow } from '@tauri-apps/api/window';
import type { AppStatus } from '../bindings';

export { call, GENERIC_ERROR_MESSAGE, toAppError } from './ipc';
export { takeStartAnswers, type StartAnswers } from './startStatus';

export {
  // Vault and setup
  appStatus,
  beginSetup,
  saveEmergencyKit,
  confirmSetup,
  cancelSetup,
  unlock,
  recover,
  lock,
  touch,
  // Settings
  getSettings,
  setAutoLock,
  setPasscode,
  removePasscode,
  setPreferences,
  // Journal
  journalList,
  journalSearch,
  journalGet,
  journalCreate,
  journalUpdate,
  journalDelete,
  // People
  peopleList,
  personGet,
  personCreate,
  personUpdate,
  personSetArchived,
} from './commands.gen';

// Desktop integration

/** Calls `handler` with the new status when Rust locks the vault (auto-lock). */
export function onVaultLocked(handler: (status: AppStatus) => void): Promise<UnlistenFn> {
  return listen<AppStatus>('vault-locked', (event) => handler(event.payload));
}

/** Runs `beforeClose` when the user closes the window; the window closes once it settles. */
export function onWindowCloseRequested(beforeClose: () => Promise<void>): Promise<UnlistenFn> {
  return getCurrentWindow().onCloseRequested(() => beforeClose());
}
