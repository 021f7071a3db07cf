// A small in-memory stand-in for the Rust commands, installed with `mockIPC`.

import { mockIPC } from '@tauri-apps/api/mocks';
import type {
  AppError,
  AppStatus,
  JournalEntry,
  JournalSummary,
  Role,
  Settings,
  VaultState,
} from '../lib/bindings';

export const RECOVERY_CODE = 'K7QM-2XHD-9PRT-WX4N-B3CF-M8ZV-QH6J';
export const DATA_DIR = '/home/dana/.local/share/confidant';

type Args = Record<string, unknown>;
type Handler = (args: Args) => unknown;

export interface Call {
  cmd: string;
  args: Args;
}

function normaliseCode(code: string): string {
  return code.replace(/[\s-]/g, '').toUpperCase();
}

function firstLineOf(body: string): string {
  return body.split('\n').find((line) => line.trim() !== '')?.trim() ?? '';
}

export class FakeBackend {
  state: VaultState;
  needsPasscode = false;
  message: string | null = null;
  settings: Settings = { roles: ['supervisee'], auto_lock_minutes: 10, has_passcode: false };
  entries: JournalEntry[] = [];
  calls: Call[] = [];
  /** Ids of entries whose stored record fails its integrity check. */
  damaged = new Set<string>();
  #overrides = new Map<string, Handler>();
  #clock = Date.UTC(2026, 2, 2, 9, 0, 0);
  #nextId = 1;
  #pendingCode: string | null = null;

  constructor(state: VaultState = 'unlocked') {
    this.state = state;
  }

  /** Installs this fake as the IPC handler (with events mocked). */
  install(): this {
    mockIPC((cmd, payload) => this.#handle(cmd, (payload ?? {}) as Args), {
      shouldMockEvents: true,
    });
    return this;
  }

  /** Replaces one command's behaviour. */
  on(cmd: string, handler: Handler): this {
    this.#overrides.set(cmd, handler);
    return this;
  }

  /** Makes one command reject with an `AppError`. */
  fail(cmd: string, error: AppError): this {
    return this.on(cmd, () => {
      throw error;
    });
  }

  callsTo(cmd: string): Args[] {
    return this.calls.filter((call) => call.cmd === cmd).map((call) => call.args);
  }

  /** Adds an entry directly; each one is a minute newer than the last. */
  seed(...bodies: string[]): JournalEntry[] {
    return bodies.map((body) => this.#create(body));
  }

  status(): AppStatus {
    return {
      state: this.state,
      needs_passcode: this.needsPasscode,
      message: this.message,
      data_dir: DATA_DIR,
    };
  }

  #now(): string {
    this.#clock += 60_000;
    return new Date(this.#clock).toISOString();
  }

  #create(body: string): JournalEntry {
    const time = this.#now();
    const entry = { id: `entry-${this.#nextId++}`, created_at: time, updated_at: time, body };
    this.entries.push(entry);
    return { ...entry };
  }

  #summaries(entries: JournalEntry[]): JournalSummary[] {
    return [...entries]
      .sort((a, b) => b.created_at.localeCompare(a.created_at))
      .map(({ id, created_at, updated_at, body }) => ({
        id,
        created_at,
        updated_at,
        first_line: this.damaged.has(id) ? '' : firstLineOf(body),
        damaged: this.damaged.has(id),
      }));
  }

  #find(id: unknown): JournalEntry {
    const entry = this.entries.find((candidate) => candidate.id === id);
    if (!entry) throw { code: 'not_found', message: 'Journal entry was not found.' };
    if (this.damaged.has(entry.id)) {
      throw {
        code: 'integrity',
        message: 'This journal entry is damaged and cannot be opened: it failed its integrity check.',
      };
    }
    return entry;
  }

  #checkBody(body: unknown): string {
    if (typeof body !== 'string' || body.trim() === '') {
      throw { code: 'empty', message: 'Journal entry is empty. Write something first.' };
    }
    return body;
  }

  #requireUnlocked(): void {
    if (this.state !== 'unlocked') {
      throw { code: 'locked', message: 'Confidant is locked. Unlock it to continue.' };
    }
  }

  #handle(cmd: string, args: Args): unknown {
    this.calls.push({ cmd, args });
    const override = this.#overrides.get(cmd);
    if (override) return override(args);
    switch (cmd) {
      case 'app_status':
        return this.status();
      case 'begin_setup':
        this.settings.roles = args.roles as Role[];
        this.#pendingCode = RECOVERY_CODE;
        return { recovery_code: RECOVERY_CODE };
      case 'cancel_setup':
        this.#pendingCode = null;
        return this.status();
      case 'save_emergency_kit':
        return null;
      case 'confirm_setup':
        if (this.#pendingCode === null) {
          throw { code: 'setup_not_started', message: 'Setup has not been started.' };
        }
        if (normaliseCode(String(args.recoveryCode)) !== normaliseCode(this.#pendingCode)) {
          throw {
            code: 'wrong_recovery_code',
            message: "That recovery code doesn't match. Check each group of characters and try again.",
          };
        }
        this.state = 'unlocked';
        return this.status();
      case 'unlock':
        if (this.needsPasscode && args.passcode === null) {
          throw { code: 'passcode_required', message: 'Enter your app passcode to unlock.' };
        }
        this.state = 'unlocked';
        return this.status();
      case 'recover':
        this.state = 'unlocked';
        return this.status();
      case 'lock':
        this.state = 'locked';
        return this.status();
      case 'touch':
        return null;
      case 'get_settings':
        return { ...this.settings };
      case 'set_auto_lock':
        this.settings.auto_lock_minutes = args.minutes as number;
        return { ...this.settings };
      case 'set_passcode':
        this.settings.has_passcode = true;
        return { ...this.settings };
      case 'remove_passcode':
        this.settings.has_passcode = false;
        return { ...this.settings };
      case 'journal_list': {
        this.#requireUnlocked();
        const offset = args.offset as number;
        const limit = args.limit as number;
        return {
          entries: this.#summaries(this.entries).slice(offset, offset + limit),
          total: this.entries.length,
        };
      }
      case 'journal_search': {
        this.#requireUnlocked();
        const query = String(args.query).toLowerCase();
        return this.#summaries(this.entries.filter((e) => e.body.toLowerCase().includes(query)));
      }
      case 'journal_get':
        this.#requireUnlocked();
        return { ...this.#find(args.id) };
      case 'journal_create':
        this.#requireUnlocked();
        return this.#create(this.#checkBody(args.body));
      case 'journal_update': {
        this.#requireUnlocked();
        const entry = this.#find(args.id);
        entry.body = this.#checkBody(args.body);
        entry.updated_at = this.#now();
        return { ...entry };
      }
      case 'journal_delete':
        this.#requireUnlocked();
        this.#find(args.id);
        this.entries = this.entries.filter((entry) => entry.id !== args.id);
        return null;
      case 'plugin:window|destroy':
        return null;
      default:
        throw { code: 'internal', message: `The fake backend has no command ${cmd}.` };
    }
  }
}
