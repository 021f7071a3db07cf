// The UI's one typed IPC entry point: one function per command of
// docs/COMMANDS.md, built on `call` (ipc.ts), which normalises every
// rejection into an `AppError`. Scheduling and agreement commands live in
// schedule.ts and agreements.ts beside this file; the preference types (until
// bindings.ts has them) in preferences.ts. Only stores (../stores) import this
// folder: components and views go through them.

import { listen, type UnlistenFn } from '@tauri-apps/api/event';
import { getCurrentWindow } from '@tauri-apps/api/window';
import { save } from '@tauri-apps/plugin-dialog';
import { call, toAppError } from './ipc';
import type {
  AppStatus,
  JournalEntry,
  JournalPage,
  JournalSummary,
  Person,
  PersonInput,
  PersonSummary,
  Role,
  SetupStarted,
} from '../bindings';
import type { Preferences, Settings } from './preferences';

export { call, GENERIC_ERROR_MESSAGE, toAppError } from './ipc';

// Vault and setup

export const appStatus = (): Promise<AppStatus> => call('app_status');

export const beginSetup = (roles: Role[]): Promise<SetupStarted> => call('begin_setup', { roles });

export const saveEmergencyKit = (path: string): Promise<null> =>
  call('save_emergency_kit', { path });

export const confirmSetup = (recoveryCode: string): Promise<AppStatus> =>
  call('confirm_setup', { recoveryCode });

export const cancelSetup = (): Promise<AppStatus> => call('cancel_setup');

export const unlock = (passcode: string | null): Promise<AppStatus> => call('unlock', { passcode });

export const recover = (recoveryCode: string): Promise<AppStatus> =>
  call('recover', { recoveryCode });

export const lock = (): Promise<AppStatus> => call('lock');

export const touch = (): Promise<null> => call('touch');

// Settings

export const getSettings = (): Promise<Settings> => call('get_settings');

export const setAutoLock = (minutes: number): Promise<Settings> => call('set_auto_lock', { minutes });

export const setPasscode = (current: string | null, newPasscode: string): Promise<Settings> =>
  call('set_passcode', { current, newPasscode });

export const removePasscode = (current: string): Promise<Settings> =>
  call('remove_passcode', { current });

/** Replaces the display and reminder preferences; invalid values fail with `invalid_input`. */
export const setPreferences = (preferences: Preferences): Promise<Settings> =>
  call('set_preferences', { preferences });

// Journal

export const journalList = (offset: number, limit: number): Promise<JournalPage> =>
  call('journal_list', { offset, limit });

export const journalSearch = (query: string): Promise<JournalSummary[]> =>
  call('journal_search', { query });

export const journalGet = (id: string): Promise<JournalEntry> => call('journal_get', { id });

export const journalCreate = (body: string): Promise<JournalEntry> => call('journal_create', { body });

export const journalUpdate = (id: string, body: string): Promise<JournalEntry> =>
  call('journal_update', { id, body });

export const journalDelete = (id: string): Promise<null> => call('journal_delete', { id });

// People

export const peopleList = (): Promise<PersonSummary[]> => call('people_list');

export const personGet = (id: string): Promise<Person> => call('person_get', { id });

export const personCreate = (input: PersonInput): Promise<Person> => call('person_create', { input });

export const personUpdate = (id: string, input: PersonInput): Promise<Person> =>
  call('person_update', { id, input });

export const personSetArchived = (id: string, archived: boolean): Promise<null> =>
  call('person_set_archived', { id, archived });

// Desktop integration

export const EMERGENCY_KIT_FILE_NAME = 'Confidant Emergency Kit.txt';

/** Asks where to save the Emergency Kit; `null` when the user cancelled. */
export async function chooseEmergencyKitPath(): Promise<string | null> {
  try {
    return await save({
      title: 'Save your Emergency Kit',
      defaultPath: EMERGENCY_KIT_FILE_NAME,
      filters: [{ name: 'Text file', extensions: ['txt'] }],
    });
  } catch (reason) {
    throw toAppError(reason);
  }
}

/** Calls `handler` with the new status when Rust locks the vault (auto-lock). */
export function onVaultLocked(handler: (status: AppStatus) => void): Promise<UnlistenFn> {
  return listen<AppStatus>('vault-locked', (event) => handler(event.payload));
}

/** Runs `beforeClose` when the user closes the window; the window closes once it settles. */
export function onWindowCloseRequested(beforeClose: () => Promise<void>): Promise<UnlistenFn> {
  return getCurrentWindow().onCloseRequested(() => beforeClose());
}
