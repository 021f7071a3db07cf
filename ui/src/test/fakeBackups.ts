// A stand-in for the backup commands, plugged into every `FakeBackend` (as
// `backend.backups`). It follows crates/core/src/backup/: the plan with its
// defaults (scheduled daily, keep 7, no folder), keep 1–365 with nothing
// changed on a refusal, "back up now" refused without a folder, file names
// from the UTC time, keep-last-N, and "stale" when there is no backup or
// the newest is more than a week old. The folder dialog answers with
// `chooseAnswer` (null: cancelled).

import type { BackupPlan, BackupReport, BackupSchedule, BackupStatus, FoundBackup } from '../lib/bindings';
import { UNHANDLED, type Args, type FakeBackend } from './fakeBackend';

const WEEK_MS = 7 * 24 * 3600 * 1000;

export function backupFileName(at: Date): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').slice(0, 15);
  return `confidant-backup-${stamp.slice(0, 8)}-${stamp.slice(9, 15)}Z.cfbackup`;
}

export class FakeBackups {
  plan: BackupPlan = { folder: null, scheduled: true, interval: 'daily', keep: 7 };
  files: FoundBackup[] = [];
  /** What the folder dialog answers (null: cancelled). */
  chooseAnswer: string | null = '/home/sam/Backups';
  /** Set to make the folder unusable (moved, disconnected). */
  folderProblem: string | null = null;
  /** The current time, as the app's clock would give it. */
  now = new Date(Date.UTC(2026, 2, 9, 8, 0, 0));
  /** When set, `backup_now` waits for this promise (to see the progress). */
  hold: Promise<void> | null = null;

  constructor(backend: FakeBackend) {
    backend.extend((cmd, args) => this.#handle(cmd, args));
  }

  /** Adds a backup file made at `at`. */
  seed(at: Date): FoundBackup {
    const found = { file_name: backupFileName(at), made_at: at.toISOString().replace('.000Z', 'Z') };
    this.files.push(found);
    this.files.sort((a, b) => (a.made_at < b.made_at ? 1 : -1));
    return found;
  }

  status(): BackupStatus {
    const last = this.folderProblem || this.plan.folder === null ? null : (this.files[0] ?? null);
    return {
      plan: { ...this.plan },
      last,
      kept: last === null ? 0 : this.files.length,
      folder_problem: this.plan.folder === null ? null : this.folderProblem,
      stale: last === null || this.now.getTime() - Date.parse(last.made_at) > WEEK_MS,
    };
  }

  #handle(cmd: string, args: Args): unknown {
    switch (cmd) {
      case 'backup_status':
        return this.status();
      case 'backup_choose_folder':
        if (this.chooseAnswer === null) return null;
        this.plan.folder = this.chooseAnswer;
        return this.status();
      case 'backup_schedule_set': {
        const s = args.schedule as BackupSchedule;
        if (!(Number.isInteger(s.keep) && s.keep >= 1 && s.keep <= 365)) {
          throw { code: 'invalid_input', message: 'The number of backups to keep must be between 1 and 365.' };
        }
        this.plan = { ...this.plan, scheduled: s.scheduled, interval: s.interval, keep: s.keep };
        return this.status();
      }
      case 'backup_now':
        return this.#now();
      default:
        return UNHANDLED;
    }
  }

  async #now(): Promise<BackupReport> {
    if (this.plan.folder === null) {
      throw { code: 'invalid_input', message: 'Choose a folder for backups first.' };
    }
    if (this.hold) await this.hold;
    const found = this.seed(this.now);
    const removed = Math.max(0, this.files.length - this.plan.keep);
    this.files = this.files.slice(0, this.plan.keep);
    return {
      file_name: found.file_name,
      made_at: found.made_at,
      bytes: 81920,
      verified: {
        tables: 48,
        rows: 120,
        key_slots: 2,
        sealed: { data_keys: 5, values: 64, tables: 46, already_damaged: 0, erased: 0 },
      },
      removed,
      kept: this.files.length,
    };
  }
}
