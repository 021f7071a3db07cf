// The confidentiality-exception log of one supervisee: the entries (newest
// first, each with its dated addenda), the "Record an exception" form and the
// addendum being written. Entries cannot be changed or deleted — there is no
// command for it — so the store offers only record and add an addendum. It
// holds decrypted text, so `reset()` runs on lock.

import * as exceptionsApi from '../api/exceptions';
import type { AppError, Discussed, ExceptionEntry, ExceptionInput, ExceptionKind } from '../bindings';
import { invalidInput, toAppError } from '../errors';
import { LIMITS } from '../bindings';
import { forgetOnLock } from './onLock';

/** Longest free-text field, in characters. */
export const TRAIL_TEXT_CHARS = LIMITS.trail_text_chars;
/** Longest organisation or role, in characters. */
export const TRAIL_RECIPIENT_CHARS = LIMITS.trail_recipient_chars;

export const KIND_LABELS: Record<ExceptionKind, string> = {
  risk_of_harm: 'Serious risk of harm to a client or the public',
  harmful_practice: 'Supervisee acting in a way likely to cause serious harm, and refusing to change',
};

/** One sentence each on when the kind applies. */
export const KIND_EXPLANATIONS: Record<ExceptionKind, string> = {
  risk_of_harm:
    'Use this when something you heard in supervision showed that a client, a child or another member of the public was at serious risk.',
  harmful_practice:
    'Use this when the supervisee was practising in a way likely to cause serious harm and would not change it after you raised it.',
};

export const KIND_ORDER: readonly ExceptionKind[] = ['risk_of_harm', 'harmful_practice'];

export const DISCUSSED_LABELS: Record<Discussed, string> = {
  yes: 'Yes, before sharing',
  no: 'No',
  not_possible: 'It was not possible',
};

export const DISCUSSED_ORDER: readonly Discussed[] = ['yes', 'no', 'not_possible'];

/** Why the log has no delete, in the words the page shows. */
export const PERMANENCE_NOTE =
  'Entries cannot be deleted or changed. The log is the record that a disclosure was necessary, ' +
  'kept to the minimum and discussed where possible; to correct or add to an entry, add an ' +
  'addendum — it is dated, and the original stays visible above it.';

/** Today in the computer's time zone, as "YYYY-MM-DD". */
export function localToday(date: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function emptyException(today: string = localToday()): ExceptionInput {
  return {
    date: today,
    kind: 'risk_of_harm',
    concern: '',
    shared: '',
    recipient_organisation: '',
    recipient_role: '',
    basis: '',
    discussed: 'yes',
    discussed_how: '',
    response: '',
    outcome: '',
  };
}

export type ExceptionField = keyof ExceptionInput;

function chars(value: string): number {
  return Array.from(value.trim()).length;
}

/**
 * The checks Rust makes (crates/core/src/exception_log.rs), with the same
 * messages, so a problem shows beside its field before anything is sent.
 * Rust checks everything again.
 */
export function checkException(
  input: ExceptionInput,
  today: string = localToday(),
): { field: ExceptionField; error: AppError } | null {
  const empty = (field: ExceptionField, what: string) => ({
    field,
    error: { code: 'empty', message: `${what} is empty. Write something first.` } as AppError,
  });
  const long = (field: ExceptionField, what: string, max: number) => ({
    field,
    error: invalidInput(`${what} is too long (at most ${max} characters).`),
  });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.date)) {
    return { field: 'date', error: invalidInput('Enter the date the information was shared.') };
  }
  if (input.date > today) {
    return {
      field: 'date',
      error: invalidInput('The date of the disclosure is in the future. Record what has already happened.'),
    };
  }
  const texts: [ExceptionField, string, boolean][] = [
    ['concern', 'The concern', true],
    ['shared', 'What was shared', true],
  ];
  for (const [field, what, required] of texts) {
    const value = input[field] as string;
    if (required && value.trim() === '') return empty(field, what);
    if (chars(value) > TRAIL_TEXT_CHARS) return long(field, what, TRAIL_TEXT_CHARS);
  }
  if (input.recipient_organisation.trim() === '' || input.recipient_role.trim() === '') {
    return {
      field: input.recipient_organisation.trim() === '' ? 'recipient_organisation' : 'recipient_role',
      error: invalidInput(
        'An exception entry needs a recipient: the agency or organisation it was shared with, and the role of the person there.',
      ),
    };
  }
  if (chars(input.recipient_organisation) > TRAIL_RECIPIENT_CHARS) {
    return long('recipient_organisation', 'The organisation it was shared with', TRAIL_RECIPIENT_CHARS);
  }
  if (chars(input.recipient_role) > TRAIL_RECIPIENT_CHARS) {
    return long('recipient_role', 'The role of the person it was shared with', TRAIL_RECIPIENT_CHARS);
  }
  if (input.basis.trim() === '') return empty('basis', 'The legal or ethical basis');
  if (chars(input.basis) > TRAIL_TEXT_CHARS) return long('basis', 'The legal or ethical basis', TRAIL_TEXT_CHARS);
  if (input.discussed === 'yes' && input.discussed_how.trim() === '') {
    return {
      field: 'discussed_how',
      error: invalidInput('Say how it was discussed with the supervisee before it was shared.'),
    };
  }
  for (const [field, what] of [
    ['discussed_how', 'How it was discussed'],
    ['response', "The supervisee's response"],
    ['outcome', 'The solution agreed or outcome'],
  ] as [ExceptionField, string][]) {
    if (chars(input[field] as string) > TRAIL_TEXT_CHARS) return long(field, what, TRAIL_TEXT_CHARS);
  }
  return null;
}

/** Newest first, as the core lists them: by the date of the disclosure, then when recorded. */
export function sortEntries(entries: ExceptionEntry[]): ExceptionEntry[] {
  const key = (e: ExceptionEntry) => `${e.fields?.date ?? e.recorded_at.slice(0, 10)} ${e.recorded_at}`;
  return [...entries].sort((a, b) => (key(a) < key(b) ? 1 : key(a) > key(b) ? -1 : 0));
}

export class ExceptionsStore {
  personId = $state<string | null>(null);
  entries = $state<ExceptionEntry[]>([]);
  loaded = $state(false);
  loading = $state(false);
  loadError = $state<AppError | null>(null);

  /** The entry being recorded (null: the dialog is closed). */
  draft = $state<ExceptionInput | null>(null);
  busy = $state(false);
  error = $state<AppError | null>(null);
  invalidField = $state<ExceptionField | null>(null);

  /** The entry an addendum is being written for (null: none). */
  addendumFor = $state<string | null>(null);
  addendumText = $state('');
  addendumError = $state<AppError | null>(null);

  /** What the last action did, for a status message. */
  notice = $state('');

  #generation = 0;

  async load(personId: string): Promise<void> {
    const generation = ++this.#generation;
    if (this.personId !== personId) {
      this.entries = [];
      this.loaded = false;
      this.close();
      this.cancelAddendum();
      this.notice = '';
    }
    this.personId = personId;
    this.loading = true;
    this.loadError = null;
    try {
      const entries = await exceptionsApi.exceptionsList(personId);
      if (generation !== this.#generation) return;
      this.entries = entries;
      this.loaded = true;
    } catch (reason) {
      if (generation === this.#generation) this.loadError = toAppError(reason);
    } finally {
      if (generation === this.#generation) this.loading = false;
    }
  }

  startRecord(today: string = localToday()): void {
    this.draft = emptyException(today);
    this.error = null;
    this.invalidField = null;
    this.notice = '';
  }

  close(): void {
    this.draft = null;
    this.error = null;
    this.invalidField = null;
  }

  /** Records the draft; true when it was saved. */
  async record(today: string = localToday()): Promise<boolean> {
    const draft = this.draft;
    const personId = this.personId;
    if (draft === null || personId === null || this.busy) return false;
    const problem = checkException(draft, today);
    if (problem !== null) {
      this.error = problem.error;
      this.invalidField = problem.field;
      return false;
    }
    const generation = this.#generation;
    this.busy = true;
    this.error = null;
    this.invalidField = null;
    try {
      const entry = await exceptionsApi.exceptionRecord(personId, $state.snapshot(draft));
      if (generation !== this.#generation) return false;
      this.entries = sortEntries([entry, ...this.entries.filter((e) => e.id !== entry.id)]);
      this.draft = null;
      this.notice = 'The exception was recorded in the log.';
      return true;
    } catch (reason) {
      if (generation === this.#generation) this.error = toAppError(reason);
      return false;
    } finally {
      if (generation === this.#generation) this.busy = false;
    }
  }

  startAddendum(entryId: string): void {
    this.addendumFor = entryId;
    this.addendumText = '';
    this.addendumError = null;
    this.notice = '';
  }

  cancelAddendum(): void {
    this.addendumFor = null;
    this.addendumText = '';
    this.addendumError = null;
  }

  /** Adds the addendum being written; true when it was saved. */
  async saveAddendum(): Promise<boolean> {
    const entryId = this.addendumFor;
    if (entryId === null || this.busy) return false;
    const text = this.addendumText;
    if (text.trim() === '') {
      this.addendumError = { code: 'empty', message: 'The addendum is empty. Write something first.' };
      return false;
    }
    if (chars(text) > TRAIL_TEXT_CHARS) {
      this.addendumError = invalidInput(`The addendum is too long (at most ${TRAIL_TEXT_CHARS} characters).`);
      return false;
    }
    const generation = this.#generation;
    this.busy = true;
    this.addendumError = null;
    try {
      const entry = await exceptionsApi.exceptionAddAddendum(entryId, text);
      if (generation !== this.#generation) return false;
      this.entries = this.entries.map((e) => (e.id === entry.id ? entry : e));
      this.cancelAddendum();
      this.notice = 'The addendum was added.';
      return true;
    } catch (reason) {
      if (generation === this.#generation) this.addendumError = toAppError(reason);
      return false;
    } finally {
      if (generation === this.#generation) this.busy = false;
    }
  }

  /** Forgets everything decrypted (on lock). */
  reset(): void {
    this.#generation += 1;
    this.personId = null;
    this.entries = [];
    this.loaded = false;
    this.loading = false;
    this.loadError = null;
    this.busy = false;
    this.notice = '';
    this.close();
    this.cancelAddendum();
  }
}

export const exceptions = new ExceptionsStore();
forgetOnLock(() => exceptions.reset());
