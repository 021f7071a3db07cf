// Fake key-management commands for UI tests: a key change begun (checking
// the passcode when one is set), the new code typed back, and Confidant's
// backups made before a change. Mirrors the Rust rules the screens rely on.

import type { FakeBackend } from './fakeBackend';
import { UNHANDLED } from './fakeBackend';
import type { FoundBackup, RekeyKind, RekeyReport } from '../lib/bindings';

/** The code every fake key change draws. */
export const NEW_RECOVERY_CODE = 'N3WK-EYSX-2345-6789-ABCD-EFGH-JKMN';
/** The passcode the fake accepts when one is set. */
export const FAKE_PASSCODE = 'harbour lights';

type Args = Record<string, unknown>;

function normalise(code: string): string {
  return code.replace(/[\s-]/g, '').toUpperCase();
}

export class FakeKeys {
  pending: RekeyKind | null = null;
  finished: RekeyKind[] = [];
  /** Confidant's backups in the chosen folder, oldest last. */
  backups: FoundBackup[] = [];
  deletedBefore: string[] = [];
  #backend: FakeBackend;

  constructor(backend: FakeBackend) {
    this.#backend = backend;
    backend.extend((cmd, args) => this.#handle(cmd, args));
  }

  /** Checks and consumes the pending change of `kind` (erasure uses it too). */
  take(kind: RekeyKind, typed: unknown): void {
    if (this.pending !== kind) {
      throw { code: 'key_change_not_started', message: 'The key change was not started. Start it again; nothing was changed.' };
    }
    if (normalise(String(typed)) !== normalise(NEW_RECOVERY_CODE)) {
      throw { code: 'wrong_recovery_code', message: "That recovery code doesn't match. Check each group of characters and try again." };
    }
    this.pending = null;
    this.finished.push(kind);
  }

  #handle(cmd: string, args: Args): unknown {
    switch (cmd) {
      case 'rekey_begin': {
        if (this.#backend.settings.has_passcode) {
          if (args.passcode === null || args.passcode === '') {
            throw { code: 'passcode_required', message: 'Enter your app passcode to unlock.' };
          }
          if (args.passcode !== FAKE_PASSCODE) {
            throw { code: 'wrong_passcode', message: 'That passcode is not right. Try again.' };
          }
        }
        this.pending = args.kind as RekeyKind;
        return { kind: this.pending, recovery_code: NEW_RECOVERY_CODE };
      }
      case 'rekey_finish': {
        const kind = this.pending ?? 'recovery_code';
        this.take(kind, args.recoveryCode);
        const report: RekeyReport = {
          kind,
          data_keys_rewrapped: kind === 'master_key' ? 5 : 0,
          data_keys_damaged: 0,
          changed_at: '2026-12-01T09:00:00Z',
        };
        return report;
      }
      case 'rekey_cancel':
        this.pending = null;
        return null;
      case 'backups_made_before':
        return this.backups.filter((b) => b.made_at < String(args.before));
      case 'backups_delete_made_before': {
        const before = String(args.before);
        const n = this.backups.filter((b) => b.made_at < before).length;
        this.backups = this.backups.filter((b) => b.made_at >= before);
        this.deletedBefore.push(before);
        return n;
      }
      default:
        return UNHANDLED;
    }
  }
}
