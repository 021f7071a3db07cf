// Restoring from a backup file: the file chosen in Rust's dialog (described,
// never its path from the webview), then the recovery code.

import * as api from '../api/restore';
import type { AppError, BackupInfo } from '../bindings';
import { toAppError } from '../errors';
import { nav } from './nav.svelte';

export class RestoreStore {
  /** The backup chosen and checked by Rust, waiting for the recovery code. */
  chosen = $state<BackupInfo | null>(null);
  /** What is running: choosing and checking a file, or restoring. */
  phase = $state<'idle' | 'choosing' | 'restoring'>('idle');
  error = $state<AppError | null>(null);
  /** After replacing a vault: where the replaced vault is kept. */
  keptAs = $state<string | null>(null);

  /** Asks Rust to show the open dialog and check the chosen file. */
  async choose(): Promise<void> {
    this.phase = 'choosing';
    this.error = null;
    try {
      const info = await api.restoreChoose();
      if (info !== null) this.chosen = info;
    } catch (reason) {
      this.chosen = null;
      this.error = toAppError(reason);
    } finally {
      this.phase = 'idle';
    }
  }

  /**
   * Restores the chosen backup with the recovery code (`replace` confirms
   * replacing the vault here). True when restored; the restored vault is
   * then unlocked and everything shown before is forgotten.
   */
  async confirm(recoveryCode: string, replace: boolean): Promise<boolean> {
    this.phase = 'restoring';
    this.error = null;
    try {
      const restored = await api.restoreConfirm(recoveryCode, replace);
      this.chosen = null;
      this.keptAs = restored.kept_as;
      await nav.restored(restored.status);
      return true;
    } catch (reason) {
      this.error = toAppError(reason);
      return false;
    } finally {
      this.phase = 'idle';
    }
  }

  /** Forgets the chosen file (in Rust too). */
  async cancel(): Promise<void> {
    this.chosen = null;
    this.error = null;
    await api.restoreCancel().catch(() => undefined);
  }

  reset(): void {
    this.chosen = null;
    this.error = null;
    this.keptAs = null;
    this.phase = 'idle';
  }
}

export const restore = new RestoreStore();
