// Backups: the plan (folder chosen in a native dialog opened by Rust, the
// schedule, how many to keep), the newest backup in the folder, and "back up
// now" with its result in plain words. The only caller of the backups api.
// The folder's path can hold a name, so `reset()` runs on lock.

import { toAppError } from '../api';
import * as backupsApi from '../api/backups';
import type { AppError, BackupInterval, BackupReport, BackupStatus } from '../bindings';
import { formatDateTime } from '../datetime';
import { invalidInput } from '../errors';
import { forgetOnLock } from './onLock';

export const KEEP_MIN = 1;
export const KEEP_MAX = 365;

export const INTERVAL_LABELS: Record<BackupInterval, string> = {
  daily: 'Every day',
  weekly: 'Every week',
};

/** "Checked: …" — exactly what the verification opened, never more. */
export function verifiedText(report: BackupReport): string {
  const v = report.verified;
  const base = `SQLite's integrity check passed, the table definitions are your vault's, and all ${v.tables} tables have the same number of rows as your vault (${v.rows} rows, ${v.key_slots} key slots).`;
  if (v.sealed === null) {
    return `${base} Confidant was locked, so the encrypted contents were not opened; they are copied exactly as stored.`;
  }
  const s = v.sealed;
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const keys = plural(s.data_keys, 'data key', 'data keys');
  const values = plural(s.values, 'sealed value', 'sealed values');
  const tables = plural(s.tables, 'table', 'tables');
  const opened =
    s.already_damaged === 0
      ? `With your keys, its ${keys} and all ${values} in its ${tables} opened, as many as in your vault.`
      : `With your keys, its ${keys} and ${values} in its ${tables} opened, as many as in your vault.`;
  const damaged =
    s.already_damaged === 0
      ? ''
      : ` ${plural(s.already_damaged, 'item was', 'items were')} already damaged in your vault and ${s.already_damaged === 1 ? 'is' : 'are'} copied as ${s.already_damaged === 1 ? 'it is' : 'they are'}.`;
  const erased =
    s.erased === 0
      ? ''
      : ` ${plural(s.erased, 'value belongs', 'values belong')} to people you erased: ${s.erased === 1 ? 'it' : 'they'} can no longer be opened by anyone, as intended.`;
  return `${base} ${opened}${damaged}${erased}`;
}

/** The result of a backup made now, in plain words. */
export function reportText(report: BackupReport): string {
  const removed =
    report.removed === 0
      ? ''
      : ` ${report.removed} older ${report.removed === 1 ? 'backup was' : 'backups were'} deleted.`;
  return `Backed up at ${formatDateTime(report.made_at)} (${report.file_name}). ${report.kept} ${report.kept === 1 ? 'backup is' : 'backups are'} in the folder.${removed}`;
}

export class BackupsStore {
  status = $state<BackupStatus | null>(null);
  loadError = $state<AppError | null>(null);
  loading = $state(false);
  /** A backup is being made now. */
  running = $state(false);
  runError = $state<AppError | null>(null);
  lastReport = $state<BackupReport | null>(null);
  choosing = $state(false);
  saving = $state(false);
  saveError = $state<AppError | null>(null);
  saved = $state(false);

  async load(): Promise<void> {
    this.loading = true;
    this.loadError = null;
    try {
      this.status = await backupsApi.backupStatus();
    } catch (reason) {
      this.loadError = toAppError(reason);
    } finally {
      this.loading = false;
    }
  }

  async chooseFolder(): Promise<void> {
    this.choosing = true;
    this.saveError = null;
    try {
      const answer = await backupsApi.backupChooseFolder();
      if (answer !== null) this.status = answer;
    } catch (reason) {
      this.saveError = toAppError(reason);
    } finally {
      this.choosing = false;
    }
  }

  async saveSchedule(scheduled: boolean, interval: BackupInterval, keep: number): Promise<void> {
    this.saved = false;
    this.saveError = null;
    if (!Number.isInteger(keep) || keep < KEEP_MIN || keep > KEEP_MAX) {
      this.saveError = invalidInput(
        `The number of backups to keep must be between ${KEEP_MIN} and ${KEEP_MAX}.`,
      );
      return;
    }
    this.saving = true;
    try {
      this.status = await backupsApi.backupScheduleSet({ scheduled, interval, keep });
      this.saved = true;
    } catch (reason) {
      this.saveError = toAppError(reason);
    } finally {
      this.saving = false;
    }
  }

  async backUpNow(): Promise<void> {
    this.running = true;
    this.runError = null;
    this.lastReport = null;
    try {
      const report = await backupsApi.backupNow();
      this.running = false;
      this.lastReport = report;
    } catch (reason) {
      this.runError = toAppError(reason);
    } finally {
      this.running = false;
    }
    if (this.lastReport !== null) await this.load();
  }

  reset(): void {
    this.status = null;
    this.loadError = null;
    this.loading = false;
    this.running = false;
    this.runError = null;
    this.lastReport = null;
    this.choosing = false;
    this.saving = false;
    this.saveError = null;
    this.saved = false;
  }
}

export const backups = new BackupsStore();
forgetOnLock(() => backups.reset());
