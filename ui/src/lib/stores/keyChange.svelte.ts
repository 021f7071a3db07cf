// Key changes: a new recovery code, or new keys (master key, recovery code
// and device key), and the same rotation when a person is erased. Each goes
// passcode (when one is set) → the new Emergency Kit, saved and typed back
// → done, with an offer to delete the backups made before, which still open
// with the old recovery code. The only caller of the keys api and of the
// "backups made before" commands. Holds the new code, so `reset()` runs on
// lock (the core forgets a pending change on lock too).

import { toAppError } from '../api';
import * as backupsApi from '../api/backups';
import * as api from '../api/keys';
import type { AppError, FoundBackup, RekeyKind, RekeyReport } from '../bindings';
import { invalidInput } from '../errors';
import { forgetOnLock } from './onLock';

export type KeyChangeStep = 'ask' | 'kit' | 'done';

/** What each kind of change does, in plain words (shown before starting). */
export const KIND_TEXT: Record<RekeyKind, { title: string; action: string; explain: string }> = {
  recovery_code: {
    title: 'New recovery code',
    action: 'Replace my recovery code',
    explain:
      'Confidant makes a new recovery code and shows it once as a new Emergency Kit. Once you type it back, the old code no longer opens this vault or any backup made from now on. Backups made before still open with the old code.',
  },
  master_key: {
    title: 'Rotate keys',
    action: 'Rotate my keys',
    explain:
      'Confidant makes a new master key, a new recovery code and a new key in this computer’s keychain, and re-wraps every data key under the new master key, all in one step. Copies and backups made before then no longer open with this computer or the new Emergency Kit, only with your old recovery code. Your records are not re-encrypted.',
  },
};

/** Backups made before a key change: listed, and deleted on request. */
export class OlderBackups {
  before = $state<string | null>(null);
  found = $state<FoundBackup[]>([]);
  loaded = $state(false);
  deleting = $state(false);
  deleted = $state<number | null>(null);
  error = $state<AppError | null>(null);

  async load(before: string): Promise<void> {
    this.before = before;
    this.loaded = false;
    this.deleted = null;
    this.error = null;
    try {
      this.found = await backupsApi.backupsMadeBefore(before);
    } catch (reason) {
      this.found = [];
      this.error = toAppError(reason);
    } finally {
      this.loaded = true;
    }
  }

  async deleteAll(): Promise<void> {
    if (this.before === null) return;
    this.deleting = true;
    this.error = null;
    try {
      this.deleted = await backupsApi.backupsDeleteMadeBefore(this.before);
      this.found = [];
    } catch (reason) {
      this.error = toAppError(reason);
    } finally {
      this.deleting = false;
    }
  }

  reset(): void {
    this.before = null;
    this.found = [];
    this.loaded = false;
    this.deleting = false;
    this.deleted = null;
    this.error = null;
  }
}

export class KeyChangeStore {
  /** The change in progress (null: no dialog). */
  kind = $state<RekeyKind | null>(null);
  step = $state<KeyChangeStep>('ask');
  passcode = $state('');
  code = $state<string | null>(null);
  kitSaved = $state(false);
  savingKit = $state(false);
  kitFileSaved = $state(false);
  typedCode = $state('');
  busy = $state(false);
  error = $state<AppError | null>(null);
  report = $state<RekeyReport | null>(null);
  readonly older = new OlderBackups();

  /** Opens the dialog for `kind` (nothing is asked of Rust yet). */
  open(kind: RekeyKind): void {
    this.reset();
    this.kind = kind;
  }

  /**
   * Checks the passcode and draws the new code (Rust keeps it in memory).
   * `needsPasscode`: an app passcode is set, so it must be typed.
   */
  async begin(kind: RekeyKind, needsPasscode: boolean): Promise<boolean> {
    if (needsPasscode && this.passcode === '') {
      this.error = invalidInput('Enter your app passcode to continue.');
      return false;
    }
    this.kind = kind;
    this.busy = true;
    this.error = null;
    try {
      const started = await api.rekeyBegin(kind, needsPasscode ? this.passcode : null);
      this.code = started.recovery_code;
      this.passcode = '';
      this.step = 'kit';
      return true;
    } catch (reason) {
      this.error = toAppError(reason);
      return false;
    } finally {
      this.busy = false;
    }
  }

  async saveKit(): Promise<void> {
    this.savingKit = true;
    this.error = null;
    try {
      // false: the person cancelled the save dialog; nothing changes.
      if (await api.saveEmergencyKit()) this.kitFileSaved = true;
    } catch (reason) {
      this.error = toAppError(reason);
    } finally {
      this.savingKit = false;
    }
  }

  /** Whether the kit is confirmed saved and a code of the right length typed. */
  get readyToFinish(): boolean {
    return this.kitSaved && this.typedCode.replace(/[\s-]/g, '').length === 28;
  }

  /** Finishes a change begun from Settings. */
  async finish(): Promise<boolean> {
    if (!this.readyToFinish) {
      this.error = invalidInput('Confirm that you saved the new Emergency Kit, then type its recovery code back.');
      return false;
    }
    this.busy = true;
    this.error = null;
    try {
      const report = await api.rekeyFinish(this.typedCode);
      this.done(report.changed_at);
      this.report = report;
      return true;
    } catch (reason) {
      this.error = toAppError(reason);
      return false;
    } finally {
      this.busy = false;
    }
  }

  /** The change is in force (here or by an erasure): forget the code, look for older backups. */
  done(changedAt: string): void {
    this.code = null;
    this.typedCode = '';
    this.step = 'done';
    void this.older.load(changedAt);
  }

  /** Closes the dialog; a change begun but not finished is cancelled in Rust. */
  close(): void {
    if (this.step === 'kit') void api.rekeyCancel().catch(() => undefined);
    this.reset();
  }

  reset(): void {
    this.kind = null;
    this.step = 'ask';
    this.passcode = '';
    this.code = null;
    this.kitSaved = false;
    this.savingKit = false;
    this.kitFileSaved = false;
    this.typedCode = '';
    this.busy = false;
    this.error = null;
    this.report = null;
    this.older.reset();
  }
}

/** Settings' key changes. */
export const keyChange = new KeyChangeStore();
forgetOnLock(() => keyChange.reset());
/** The key rotation that goes with erasing a person (a dialog of its own). */
export const eraseKeys = new KeyChangeStore();
forgetOnLock(() => eraseKeys.reset());
