// The hours book of one supervisee: the ledger, manual entries, practice
// weeks, adjustments, reviews, the supervisee's count, reconcile and
// sign-off. The only caller of the hours api. Reset on lock.

import * as api from '../api';
import * as hoursApi from '../api/hours';
import {
  LIMITS,
  type AdjustmentInput,
  type AppError,
  type HoursBook,
  type ManualEntryInput,
  type PracticeWeekInput,
  type Reconciliation,
  type SignOffInput,
  type SupervisionForm,
  type TheirCountInput,
} from '../bindings';
import { forgetOnLock } from './onLock';

/** Longest note, reason, comment or correction (crates/core/src/hours/mod.rs). */
export const HOURS_NOTE_CHARS = LIMITS.plan_chars;

export const FORM_LABELS: Record<SupervisionForm, string> = {
  individual: 'Individual',
  triadic: 'Triadic',
  group: 'Group',
  direct_observation: 'Direct observation',
};

export const FORM_ORDER: readonly SupervisionForm[] = ['individual', 'triadic', 'group', 'direct_observation'];

/** Minutes as hours for reading: 90 → "1.5 h". */
export function asHours(minutes: number): string {
  const h = minutes / 60;
  return `${Number.isInteger(h) ? h : h.toFixed(2).replace(/0$/, '')} h`;
}

/** "YYYY-MM" of a day. */
export function monthOf(day: string): string {
  return day.slice(0, 7);
}

/** First and last day of a month "YYYY-MM". */
export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

export class HoursStore {
  personId = $state<string | null>(null);
  book = $state<HoursBook | null>(null);
  loading = $state(false);
  error = $state<AppError | null>(null);
  reconciliation = $state<Reconciliation | null>(null);
  busy = $state(false);

  reset(): void {
    this.personId = null;
    this.book = null;
    this.loading = false;
    this.error = null;
    this.reconciliation = null;
    this.busy = false;
  }

  async open(personId: string): Promise<void> {
    if (this.personId !== personId) {
      this.book = null;
      this.reconciliation = null;
    }
    this.personId = personId;
    this.loading = true;
    try {
      const book = await hoursApi.hoursBook(personId);
      if (this.personId === personId) {
        this.book = book;
        this.error = null;
      }
    } catch (reason) {
      this.error = api.toAppError(reason);
    } finally {
      this.loading = false;
    }
  }

  /** Runs a write; on success the returned book replaces the shown one. Returns the error, if any. */
  async #write(run: () => Promise<HoursBook>): Promise<AppError | null> {
    this.busy = true;
    try {
      this.book = await run();
      return null;
    } catch (reason) {
      return api.toAppError(reason);
    } finally {
      this.busy = false;
    }
  }

  #person(): string {
    return this.personId ?? '';
  }

  saveManual(id: string | null, input: ManualEntryInput): Promise<AppError | null> {
    return this.#write(() => (id === null ? hoursApi.hoursManualCreate(input) : hoursApi.hoursManualUpdate(id, input)));
  }
  deleteManual(id: string): Promise<AppError | null> {
    return this.#write(() => hoursApi.hoursManualDelete(this.#person(), id));
  }
  savePractice(id: string | null, input: PracticeWeekInput): Promise<AppError | null> {
    return this.#write(() =>
      id === null ? hoursApi.hoursPracticeCreate(input) : hoursApi.hoursPracticeUpdate(id, input),
    );
  }
  deletePractice(id: string): Promise<AppError | null> {
    return this.#write(() => hoursApi.hoursPracticeDelete(this.#person(), id));
  }
  adjust(input: AdjustmentInput): Promise<AppError | null> {
    return this.#write(() => hoursApi.hoursAdjustSession(input));
  }
  removeAdjustment(key: AdjustmentInput['key']): Promise<AppError | null> {
    return this.#write(() => hoursApi.hoursRemoveAdjustment(this.#person(), key));
  }
  returnEntry(entryId: string, comment: string): Promise<AppError | null> {
    return this.#write(() => hoursApi.hoursReturnEntry(this.#person(), entryId, comment));
  }
  approve(entryId: string): Promise<AppError | null> {
    return this.#write(() => hoursApi.hoursApproveEntry(this.#person(), entryId));
  }
  enterTheirCounts(input: TheirCountInput): Promise<AppError | null> {
    return this.#write(() => hoursApi.hoursEnterTheirCounts(input));
  }
  async reconcile(from: string, to: string): Promise<AppError | null> {
    try {
      this.reconciliation = await hoursApi.hoursReconcile(this.#person(), from, to);
      return null;
    } catch (reason) {
      return api.toAppError(reason);
    }
  }
  acceptDifference(date: string, note: string): Promise<AppError | null> {
    return this.#write(() => hoursApi.hoursAcceptDifference(this.#person(), date, note));
  }
  signOff(input: SignOffInput): Promise<AppError | null> {
    return this.#write(() => hoursApi.hoursSignOff(input));
  }
  reopen(signOffId: string, reason: string): Promise<AppError | null> {
    return this.#write(() => hoursApi.hoursReopenSignOff(this.#person(), signOffId, reason));
  }
  addAddendum(signOffId: string, text: string): Promise<AppError | null> {
    return this.#write(() => hoursApi.hoursAddSignOffAddendum(this.#person(), signOffId, text));
  }
}

export const hours = new HoursStore();
forgetOnLock(() => hours.reset());
