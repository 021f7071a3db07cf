// A person's data rights: exporting everything about them (after the
// not-encrypted warning), erasing them (after a typed confirmation, saying
// what erasure cannot reach), and the retention periods with the list of
// who is due for disposal. It holds names and counts, so `reset()` runs on
// lock.

import * as api from '../api/dataRights';
import type {
  AppError,
  DisposalDue,
  ErasurePreview,
  ErasureReport,
  RecordType,
  RetentionPeriods,
  RetentionSettings,
  SavedExport,
} from '../bindings';
import { invalidInput, toAppError } from '../errors';
import { localToday } from './exceptions.svelte';
import { eraseKeys } from './keyChange.svelte';
import { people } from './people.svelte';
import { forgetOnLock } from './onLock';

/** The record types in the order Settings shows them, with their labels. */
export const RECORD_TYPES: readonly { type: RecordType; key: keyof RetentionPeriods; label: string }[] = [
  { type: 'session_records', key: 'session_records', label: 'Session records and addenda' },
  { type: 'agreements', key: 'agreements', label: 'Agreements' },
  { type: 'contact_notes', key: 'contact_notes', label: 'Contact notes' },
  { type: 'exception_log', key: 'exception_log', label: 'Confidentiality-exception log' },
  { type: 'goals', key: 'goals', label: 'Goals, stages and coaching' },
  { type: 'hours', key: 'hours', label: 'Hours log' },
];

export function recordTypeLabel(t: RecordType): string {
  return RECORD_TYPES.find((r) => r.type === t)?.label ?? t;
}

export class DataRightsStore {
  /** The person whose export waits for the not-encrypted warning to be accepted. */
  exportFor = $state<string | null>(null);
  exporting = $state(false);
  saved = $state<SavedExport | null>(null);
  exportError = $state<AppError | null>(null);

  preview = $state<ErasurePreview | null>(null);
  previewLoading = $state(false);
  typed = $state('');
  erasing = $state(false);
  eraseError = $state<AppError | null>(null);
  erased = $state<ErasureReport | null>(null);
  erasedName = $state('');

  retention = $state<RetentionSettings | null>(null);
  draft = $state<RetentionPeriods | null>(null);
  retentionError = $state<AppError | null>(null);
  retentionSaving = $state(false);
  retentionDone = $state('');
  due = $state<DisposalDue[]>([]);
  dueLoaded = $state(false);
  dueError = $state<AppError | null>(null);

  #generation = 0;

  askExport(personId: string): void {
    this.exportFor = personId;
    this.saved = null;
    this.exportError = null;
  }

  cancelExport(): void {
    this.exportFor = null;
  }

  /** Opens the save dialog (in Rust) and saves both files; false when cancelled or failed. */
  async confirmExport(): Promise<boolean> {
    const id = this.exportFor;
    if (id === null) return false;
    const generation = this.#generation;
    this.exporting = true;
    this.exportError = null;
    try {
      const saved = await api.subjectAccessSave(id);
      if (generation !== this.#generation) return false;
      this.exportFor = null;
      this.saved = saved;
      return saved !== null;
    } catch (reason) {
      if (generation === this.#generation) this.exportError = toAppError(reason);
      return false;
    } finally {
      if (generation === this.#generation) this.exporting = false;
    }
  }

  async startErase(personId: string): Promise<void> {
    const generation = this.#generation;
    this.preview = null;
    this.typed = '';
    this.eraseError = null;
    this.erased = null;
    eraseKeys.reset();
    this.previewLoading = true;
    try {
      const preview = await api.erasePreview(personId);
      if (generation === this.#generation) this.preview = preview;
    } catch (reason) {
      if (generation === this.#generation) this.eraseError = toAppError(reason);
    } finally {
      if (generation === this.#generation) this.previewLoading = false;
    }
  }

  /** Closes the erase dialog; after an erasure, leaves the erased person's page. */
  cancelErase(): void {
    const erasedId = this.erased?.person_id ?? null;
    if (eraseKeys.step === 'kit') eraseKeys.close();
    else eraseKeys.reset();
    this.preview = null;
    this.typed = '';
    this.eraseError = null;
    this.previewLoading = false;
    if (erasedId !== null && people.person?.id === erasedId) people.showList();
  }

  get nameMatches(): boolean {
    return this.preview !== null && this.typed.trim() === this.preview.name.trim();
  }

  /** The name matches and nothing blocks: the new keys' Emergency Kit comes next. */
  async continueErase(hasPasscode: boolean): Promise<boolean> {
    const preview = this.preview;
    if (preview === null) return false;
    if (preview.blockers.length > 0) {
      this.eraseError = invalidInput(preview.blockers.join(' '));
      return false;
    }
    if (!this.nameMatches) {
      this.eraseError = invalidInput(
        "The name typed does not match. Type the person's name exactly as shown to erase them.",
      );
      return false;
    }
    this.eraseError = null;
    return eraseKeys.begin('master_key', hasPasscode);
  }

  /** Erases, with the new recovery code typed back (one step in Rust with the key rotation). */
  async erase(): Promise<boolean> {
    const preview = this.preview;
    if (preview === null) return false;
    if (!eraseKeys.readyToFinish) {
      this.eraseError = invalidInput(
        'Confirm that you saved the new Emergency Kit, then type its recovery code back.',
      );
      return false;
    }
    const generation = this.#generation;
    this.erasing = true;
    this.eraseError = null;
    try {
      const report = await api.erasePerson(preview.person_id, this.typed, eraseKeys.typedCode);
      if (generation !== this.#generation) return false;
      this.erased = report;
      this.erasedName = preview.name;
      this.typed = '';
      eraseKeys.done(report.keys_rotated_at);
      this.due = this.due.filter((d) => d.person_id !== report.person_id);
      void people.load();
      return true;
    } catch (reason) {
      if (generation === this.#generation) this.eraseError = toAppError(reason);
      return false;
    } finally {
      if (generation === this.#generation) this.erasing = false;
    }
  }

  dismissErased(): void {
    this.erased = null;
    this.erasedName = '';
  }

  async loadRetention(today: string = localToday()): Promise<void> {
    const generation = this.#generation;
    this.retentionError = null;
    this.dueError = null;
    const [settings, due] = await Promise.allSettled([api.retentionGet(), api.retentionDue(today)]);
    if (generation !== this.#generation) return;
    if (settings.status === 'fulfilled') {
      this.retention = settings.value;
      this.draft = { ...settings.value.periods };
    } else {
      this.retentionError = toAppError(settings.reason);
    }
    if (due.status === 'fulfilled') {
      this.due = due.value;
      this.dueLoaded = true;
    } else {
      this.dueError = toAppError(due.reason);
    }
  }

  /** Saves the draft periods after the same range check Rust makes. */
  async saveRetention(today: string = localToday()): Promise<boolean> {
    const draft = this.draft;
    const bounds = this.retention;
    if (draft === null || bounds === null) return false;
    this.retentionDone = '';
    for (const { key, label } of RECORD_TYPES) {
      const years = draft[key];
      if (!Number.isInteger(years) || years < bounds.min_years || years > bounds.max_years) {
        this.retentionError = invalidInput(
          `The retention period for ${label.toLowerCase()} must be between ${bounds.min_years} and ${bounds.max_years} years.`,
        );
        return false;
      }
    }
    const generation = this.#generation;
    this.retentionSaving = true;
    this.retentionError = null;
    try {
      const saved = await api.retentionSet(draft);
      if (generation !== this.#generation) return false;
      this.retention = saved;
      this.draft = { ...saved.periods };
      this.retentionDone = 'Retention periods saved.';
      this.due = await api.retentionDue(today);
      return true;
    } catch (reason) {
      if (generation === this.#generation) this.retentionError = toAppError(reason);
      return false;
    } finally {
      if (generation === this.#generation) this.retentionSaving = false;
    }
  }

  reset(): void {
    this.#generation += 1;
    this.exportFor = null;
    this.exporting = false;
    this.saved = null;
    this.exportError = null;
    this.preview = null;
    this.previewLoading = false;
    this.typed = '';
    this.erasing = false;
    this.eraseError = null;
    this.erased = null;
    this.erasedName = '';
    this.retention = null;
    this.draft = null;
    this.retentionError = null;
    this.retentionSaving = false;
    this.retentionDone = '';
    this.due = [];
    this.dueLoaded = false;
    this.dueError = null;
  }
}

export const dataRights = new DataRightsStore();
forgetOnLock(() => dataRights.reset());
