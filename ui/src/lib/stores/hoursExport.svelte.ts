// Saving a person's hours for a period as a PDF hours log or a CSV file.
// The only caller of the hours export api. Rust opens the save dialog and
// writes the file; this store keeps what the person sees afterwards: where
// the file went, or that nothing was saved.

import * as hoursExportApi from '../api/hoursExport';
import { toAppError } from '../errors';
import type { AppError } from '../bindings';
import { forgetOnLock } from './onLock';

/** Which file. */
export type HoursFileKind = 'pdf' | 'csv';

/** What the last save came to. */
export type HoursExportResult =
  | { kind: 'saved'; file: HoursFileKind; name: string }
  | { kind: 'cancelled'; file: HoursFileKind };

/** A date as `YYYY-MM-DD` in local time. */
function isoDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * The period offered first: the last three whole months before `today`'s
 * month, e.g. 1 August to 31 October when today is in November.
 */
export function defaultPeriod(today: Date = new Date()): { from: string; to: string } {
  const from = new Date(today.getFullYear(), today.getMonth() - 3, 1);
  const to = new Date(today.getFullYear(), today.getMonth(), 0);
  return { from: isoDay(from), to: isoDay(to) };
}

/** Why the period cannot be saved as it is, or null when it can. */
export function periodProblem(from: string, to: string): string | null {
  if (!from) return 'Choose the first day of the period.';
  if (!to) return 'Choose the last day of the period.';
  if (to < from) return 'The period ends before it starts. Choose an end date on or after the start date.';
  return null;
}

class HoursExportStore {
  /** A dialog is open or a file is being written. */
  busy = $state<HoursFileKind | null>(null);
  /** The last save's outcome, shown until the next save. */
  result = $state<HoursExportResult | null>(null);
  error = $state<AppError | null>(null);

  reset(): void {
    this.busy = null;
    this.result = null;
    this.error = null;
  }

  /**
   * Asks where to save `personId`'s hours for `from`..`to` (inclusive) and
   * saves them there. Returns the outcome, or null on an error (in `error`).
   */
  async save(file: HoursFileKind, personId: string, from: string, to: string): Promise<HoursExportResult | null> {
    this.busy = file;
    this.error = null;
    this.result = null;
    try {
      const name =
        file === 'pdf'
          ? await hoursExportApi.hoursSavePdf(personId, from, to)
          : await hoursExportApi.hoursSaveCsv(personId, from, to);
      this.result = name === null ? { kind: 'cancelled', file } : { kind: 'saved', file, name };
      return this.result;
    } catch (reason) {
      this.error = toAppError(reason);
      return null;
    } finally {
      this.busy = null;
    }
  }
}

export const hoursExport = new HoursExportStore();
forgetOnLock(() => hoursExport.reset());
