// The whole-file check of the vault (SQLite's integrity_check, run by Rust
// in the background after an unlock): asked for until it finishes, then
// kept. Damage is shown on every screen (FileCheckBanner). The only caller
// of the fileCheck api. Holds no secrets; `reset()` runs on lock all the
// same, so the next session asks again.

import { toAppError } from '../api';
import * as api from '../api/fileCheck';
import type { AppError, FileCheck } from '../bindings';

/** How often to ask while the check runs. */
export const POLL_MS = 1500;

export class FileCheckStore {
  check = $state<FileCheck | null>(null);
  error = $state<AppError | null>(null);
  #timer: ReturnType<typeof setTimeout> | null = null;
  #generation = 0;

  /** Asks now, and again every POLL_MS while the check has not finished. */
  async watch(): Promise<void> {
    const generation = this.#generation;
    this.#stop();
    try {
      const check = await api.vaultFileCheck();
      if (generation !== this.#generation) return;
      this.check = check;
      this.error = null;
      if (check.state === 'running' || check.state === 'not_run') {
        this.#timer = setTimeout(() => void this.watch(), POLL_MS);
      }
    } catch (reason) {
      if (generation === this.#generation) this.error = toAppError(reason);
    }
  }

  #stop(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }

  reset(): void {
    this.#generation += 1;
    this.#stop();
    this.check = null;
    this.error = null;
  }
}

export const fileCheck = new FileCheckStore();
