// A stand-in for the restore commands, plugged into `FakeBackend` with
// `extend`. The file the next `restore_choose` "picks" is set by the test
// (`nextChoice`): a backup, a refusal, or the dialog cancelled. The backup
// restores with `code` only; a vault that exists needs `replace`, as in Rust.

import type { AppError, BackupInfo } from '../lib/bindings';
import { UNHANDLED, type Args, type FakeBackend } from './fakeBackend';

export const BACKUP_CODE = 'K7QM-2XPA-9RTB-HW4C-JN6D-F3LE-V8SG';
export const REPLACED_FOLDER = '/home/ana/.local/share/app.confidant.desktop/vault/replaced';

export type NextChoice =
  | { kind: 'cancelled' }
  | { kind: 'file'; info: Partial<BackupInfo> }
  | { kind: 'refused'; error: AppError };

function canonical(code: string): string {
  return code.toUpperCase().replace(/[^0-9A-Z]/g, '');
}

export class FakeRestore {
  nextChoice: NextChoice = { kind: 'cancelled' };
  chosen: BackupInfo | null = null;
  /** The restores that went through. */
  restored = 0;
  #backend: FakeBackend;

  constructor(backend: FakeBackend) {
    this.#backend = backend;
    backend.extend((cmd, args) => this.#handle(cmd, args));
  }

  #vaultExists(): boolean {
    return this.#backend.state !== 'no_vault';
  }

  #handle(cmd: string, args: Args): unknown {
    switch (cmd) {
      case 'restore_choose': {
        this.chosen = null;
        const next = this.nextChoice;
        if (next.kind === 'cancelled') return null;
        if (next.kind === 'refused') throw next.error;
        this.chosen = {
          file_name: 'confidant-backup-20261130-210000Z.cfbackup',
          size_bytes: 2_411_520,
          taken_at: '2026-11-30T21:00:00+00:00',
          vault_exists: this.#vaultExists(),
          replaced_folder: REPLACED_FOLDER,
          ...next.info,
        };
        return structuredClone(this.chosen);
      }
      case 'restore_confirm': {
        if (this.chosen === null) {
          throw { code: 'invalid_input', message: 'No backup is chosen. Choose the backup file again.' };
        }
        if (canonical(String(args.recoveryCode)) !== canonical(BACKUP_CODE)) {
          throw {
            code: 'wrong_recovery_code',
            message: "That recovery code doesn't match. Check each group of characters and try again.",
          };
        }
        const replacing = this.#vaultExists();
        if (replacing && args.replace !== true) {
          throw { code: 'invalid_input', message: 'A vault already exists on this computer. Restoring replaces it; confirm that first.' };
        }
        this.chosen = null;
        this.restored += 1;
        this.#backend.state = 'unlocked';
        return {
          status: this.#backend.status(),
          kept_as: replacing ? `${REPLACED_FOLDER}/confidant-backup-20261201-043000Z.cfbackup` : null,
        };
      }
      case 'restore_cancel':
        this.chosen = null;
        return null;
      default:
        return UNHANDLED;
    }
  }
}
