// The journal's state: the list, the entry being edited and its autosave,
// and the search. It holds decrypted text, so `reset()` must run on lock.

import * as api from '../api';
import type { AppError, JournalEntry, JournalSummary } from '../bindings';
import { firstLine, isTooLarge } from '../format';
import { JOURNAL_PAGE_SIZE } from '../limits';

export const PAGE_SIZE = JOURNAL_PAGE_SIZE;
export const AUTOSAVE_DELAY_MS = 1000;
export const SEARCH_DELAY_MS = 200;

/** The entry in the editor; `id` is null until its first save creates it. */
export interface Draft {
  id: string | null;
  createdAt: string | null;
  body: string;
  /** The body as last stored by Rust. */
  savedBody: string;
}

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved' }
  | { kind: 'unsaved' }
  | { kind: 'empty' }
  | { kind: 'too_large' }
  | { kind: 'error'; error: AppError };

function summaryOf(entry: JournalEntry): JournalSummary {
  return {
    id: entry.id,
    created_at: entry.created_at,
    updated_at: entry.updated_at,
    first_line: firstLine(entry.body),
    damaged: false,
  };
}

export class JournalStore {
  entries = $state<JournalSummary[]>([]);
  total = $state(0);
  loaded = $state(false);
  listLoading = $state(false);
  listError = $state<AppError | null>(null);

  draft = $state<Draft | null>(null);
  entryLoading = $state(false);
  entryError = $state<AppError | null>(null);
  saving = $state(false);
  saveError = $state<AppError | null>(null);

  query = $state('');
  /** Search hits, or null when no search is active. */
  results = $state<JournalSummary[] | null>(null);
  searching = $state(false);
  searchError = $state<AppError | null>(null);

  hasMore = $derived(this.entries.length < this.total);

  saveState: SaveState = $derived.by(() => {
    const draft = this.draft;
    if (draft === null) return { kind: 'idle' };
    if (this.saving) return { kind: 'saving' };
    if (draft.body.trim() === '') return draft.id === null ? { kind: 'idle' } : { kind: 'empty' };
    if (isTooLarge(draft.body)) return { kind: 'too_large' };
    if (this.saveError) return { kind: 'error', error: this.saveError };
    return draft.body === draft.savedBody ? { kind: 'saved' } : { kind: 'unsaved' };
  });

  /** Bumped by `reset()`: answers that arrive for an older generation are dropped. */
  #generation = 0;
  #autosaveTimer: ReturnType<typeof setTimeout> | null = null;
  #searchTimer: ReturnType<typeof setTimeout> | null = null;
  #searchSeq = 0;
  #openSeq = 0;
  /** Saves run one after another, so a new entry is created exactly once. */
  #saveQueue: Promise<boolean> = Promise.resolve(true);

  /** Loads the first page of the list (newest first). */
  async load(): Promise<void> {
    const generation = this.#generation;
    this.listLoading = true;
    this.listError = null;
    try {
      const page = await api.journalList(0, PAGE_SIZE);
      if (generation !== this.#generation) return;
      this.entries = page.entries;
      this.total = page.total;
      this.loaded = true;
    } catch (error) {
      if (generation === this.#generation) this.listError = api.toAppError(error);
    } finally {
      if (generation === this.#generation) this.listLoading = false;
    }
  }

  async loadMore(): Promise<void> {
    const generation = this.#generation;
    this.listLoading = true;
    this.listError = null;
    try {
      const page = await api.journalList(this.entries.length, PAGE_SIZE);
      if (generation !== this.#generation) return;
      const known = new Set(this.entries.map((entry) => entry.id));
      this.entries.push(...page.entries.filter((entry) => !known.has(entry.id)));
      this.total = page.total;
    } catch (error) {
      if (generation === this.#generation) this.listError = api.toAppError(error);
    } finally {
      if (generation === this.#generation) this.listLoading = false;
    }
  }

  /** Starts an empty entry, after saving the current one. False if that save failed. */
  async newEntry(): Promise<boolean> {
    if (!(await this.flush())) return false;
    this.#openSeq += 1;
    this.entryError = null;
    this.entryLoading = false;
    this.draft = { id: null, createdAt: null, body: '', savedBody: '' };
    return true;
  }

  /** Opens an entry, after saving the current one. False if that save failed. */
  async open(id: string): Promise<boolean> {
    if (this.draft?.id === id) return true;
    if (!(await this.flush())) return false;
    const generation = this.#generation;
    const seq = ++this.#openSeq;
    const stillWanted = () => generation === this.#generation && seq === this.#openSeq;
    this.draft = null;
    this.entryError = null;
    this.saveError = null;
    this.entryLoading = true;
    try {
      const entry = await api.journalGet(id);
      if (!stillWanted()) return false;
      this.draft = {
        id: entry.id,
        createdAt: entry.created_at,
        body: entry.body,
        savedBody: entry.body,
      };
      return true;
    } catch (error) {
      if (stillWanted()) this.entryError = api.toAppError(error);
      return false;
    } finally {
      if (stillWanted()) this.entryLoading = false;
    }
  }

  /** The user changed the text: autosave once typing pauses. */
  edit(body: string): void {
    if (this.draft === null) return;
    this.draft.body = body;
    this.#cancelAutosave();
    if (body.trim() === '' || isTooLarge(body)) return;
    this.#autosaveTimer = setTimeout(() => {
      this.#autosaveTimer = null;
      void this.#enqueueSave();
    }, AUTOSAVE_DELAY_MS);
  }

  /**
   * Saves pending changes now. Resolves true when nothing that could be saved
   * is left unsaved (blank text is never saved), false when a save failed or
   * the text is over the size limit.
   */
  flush(): Promise<boolean> {
    this.#cancelAutosave();
    return this.#enqueueSave();
  }

  /** Deletes the open entry. Rejects with an `AppError` when Rust refuses. */
  async remove(): Promise<void> {
    const draft = this.draft;
    if (draft === null || draft.id === null) return;
    const id = draft.id;
    this.#cancelAutosave();
    await this.#saveQueue;
    const generation = this.#generation;
    await api.journalDelete(id);
    if (generation !== this.#generation) return;
    this.entries = this.entries.filter((entry) => entry.id !== id);
    this.total = Math.max(0, this.total - 1);
    if (this.results !== null) this.results = this.results.filter((entry) => entry.id !== id);
    if (this.draft?.id === id) {
      this.draft = null;
      this.saveError = null;
    }
  }

  /** Sets the search text; searches once typing pauses. Blank text ends the search. */
  setQuery(query: string): void {
    this.query = query;
    if (this.#searchTimer !== null) clearTimeout(this.#searchTimer);
    this.#searchTimer = null;
    const trimmed = query.trim();
    if (trimmed === '') {
      this.#searchSeq += 1;
      this.results = null;
      this.searching = false;
      this.searchError = null;
      return;
    }
    this.#searchTimer = setTimeout(() => {
      this.#searchTimer = null;
      void this.#search(trimmed);
    }, SEARCH_DELAY_MS);
  }

  /** Forgets everything, including decrypted text. Late answers are ignored. */
  reset(): void {
    this.#generation += 1;
    this.#searchSeq += 1;
    this.#openSeq += 1;
    this.#cancelAutosave();
    if (this.#searchTimer !== null) clearTimeout(this.#searchTimer);
    this.#searchTimer = null;
    this.#saveQueue = Promise.resolve(true);
    this.entries = [];
    this.total = 0;
    this.loaded = false;
    this.listLoading = false;
    this.listError = null;
    this.draft = null;
    this.entryLoading = false;
    this.entryError = null;
    this.saving = false;
    this.saveError = null;
    this.query = '';
    this.results = null;
    this.searching = false;
    this.searchError = null;
  }

  #cancelAutosave(): void {
    if (this.#autosaveTimer !== null) clearTimeout(this.#autosaveTimer);
    this.#autosaveTimer = null;
  }

  #enqueueSave(): Promise<boolean> {
    const next = this.#saveQueue.then(() => this.#save());
    this.#saveQueue = next;
    return next;
  }

  async #save(): Promise<boolean> {
    const draft = this.draft;
    if (draft === null) return true;
    const body = draft.body;
    if (body === draft.savedBody || body.trim() === '') return true;
    if (isTooLarge(body)) return false;
    const generation = this.#generation;
    this.saving = true;
    this.saveError = null;
    try {
      const entry =
        draft.id === null
          ? await api.journalCreate(body)
          : await api.journalUpdate(draft.id, body);
      if (generation !== this.#generation) return true;
      draft.id = entry.id;
      draft.createdAt = entry.created_at;
      draft.savedBody = body;
      this.#remember(summaryOf(entry));
      return true;
    } catch (error) {
      if (generation === this.#generation) this.saveError = api.toAppError(error);
      return false;
    } finally {
      if (generation === this.#generation) this.saving = false;
    }
  }

  /** Puts a saved entry's summary into the list (and the search hits it is in). */
  #remember(summary: JournalSummary): void {
    const index = this.entries.findIndex((entry) => entry.id === summary.id);
    if (index === -1) {
      this.entries.unshift(summary);
      this.total += 1;
    } else {
      this.entries[index] = summary;
    }
    const hit = this.results?.findIndex((entry) => entry.id === summary.id) ?? -1;
    if (this.results !== null && hit !== -1) this.results[hit] = summary;
  }

  async #search(query: string): Promise<void> {
    const seq = ++this.#searchSeq;
    this.searching = true;
    this.searchError = null;
    try {
      const hits = await api.journalSearch(query);
      if (seq === this.#searchSeq) this.results = hits;
    } catch (error) {
      if (seq === this.#searchSeq) this.searchError = api.toAppError(error);
    } finally {
      if (seq === this.#searchSeq) this.searching = false;
    }
  }
}

/** The app's one journal store. */
export const journal = new JournalStore();
