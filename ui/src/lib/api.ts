// The only module that talks to the Rust side. One typed function per command
// of docs/COMMANDS.md; every rejection is normalised into an `AppError`.

import { invoke, type InvokeArgs } from '@tauri-apps/api/core';
import { listen, type UnlistenFn } from '@tauri-apps/api/event';
import { getCurrentWindow } from '@tauri-apps/api/window';
import { save } from '@tauri-apps/plugin-dialog';
import type {
  AppError,
  AppStatus,
  ErrorCode,
  JournalEntry,
  JournalPage,
  JournalSummary,
  Person,
  PersonInput,
  PersonSummary,
  Role,
  Settings,
  SetupStarted,
} from './bindings';

const ERROR_CODES: Record<ErrorCode, true> = {
  locked: true,
  no_vault: true,
  vault_exists: true,
  setup_not_started: true,
  recovery_needed: true,
  passcode_required: true,
  wrong_passcode: true,
  wrong_recovery_code: true,
  keychain_unavailable: true,
  integrity: true,
  not_found: true,
  invalid_input: true,
  read_only: true,
  empty: true,
  too_large: true,
  schema_too_new: true,
  corrupt_database: true,
  io: true,
  internal: true,
};

export const GENERIC_ERROR_MESSAGE =
  'Something went wrong. Try again, and restart Confidant if it keeps happening.';

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_CODES, value);
}

/** Whatever a command rejected with, as an `AppError` that is safe to show. */
export function toAppError(reason: unknown): AppError {
  if (typeof reason === 'object' && reason !== null) {
    const { code, message } = reason as { code?: unknown; message?: unknown };
    if (isErrorCode(code) && typeof message === 'string' && message.trim() !== '') {
      return { code, message };
    }
  }
  return { code: 'internal', message: GENERIC_ERROR_MESSAGE };
}

/**
 * Invokes a command and normalises its rejection. Feature modules under
 * `api/` build their typed wrappers on this; nothing else calls `invoke`.
 */
export async function call<T>(command: string, args?: InvokeArgs): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (reason) {
    throw toAppError(reason);
  }
}

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
