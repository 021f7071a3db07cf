// The journal's state: the list, the entry being edited (title, template,
// the text of each section, tags, links) and its autosave, and the search.
// It holds decrypted text, so `reset()` must run on lock. Nothing is ever
// written to browser storage.

import * as api from '../api';
import * as journalApi from '../api/journal';
import type {
  AppError,
  JournalEntry,
  JournalInput,
  JournalLinks,
  JournalSummary,
  TemplateId,
} from '../bindings';
import { JOURNAL_TEMPLATES } from '../bindings';
import { firstLine, isTooLarge } from '../format';
import { JOURNAL_PAGE_SIZE } from '../limits';
import { forgetOnLock, saveBeforeLock } from './onLock';

export const PAGE_SIZE = JOURNAL_PAGE_SIZE;
export const AUTOSAVE_DELAY_MS = 1000;
export const SEARCH_DELAY_MS = 200;

/** The entry in the editor; `id` is null until its first save creates it. */
export interface Draft {
  id: string | null;
  createdAt: string | null;
  content: JournalInput;
  /** The content as last stored by Rust (JSON), to tell unsaved changes. */
  saved: string;
}

/** The template with `id` (from Rust's list, generated into bindings.ts). */
export function templateOf(id: TemplateId) {
  return JOURNAL_TEMPLATES.find((t) => t.id === id) ?? JOURNAL_TEMPLATES[0];
}

/** A section's heading and prompt in whichever template defines it. */
export function sectionDef(key: string) {
  for (const t of JOURNAL_TEMPLATES) {
    const found = t.sections.find((s) => s.key === key);
    if (found) return { ...found, template: t.name };
  }
  return { key, heading: 'Text', prompt: '', template: '' };
}

/** An empty entry with `template`. */
export function emptyContent(template: TemplateId = 'free_writing'): JournalInput {
  return {
    title: '',
    template,
    sections: [],
    tags: [],
    links: { session: null, goal_id: null, case_reference: '' },
  };
}

/** One free text (the shape of the first journal). */
export function freeContent(text: string): JournalInput {
  return { ...emptyContent(), sections: [{ key: templateOf('free_writing').sections[0].key, text }] };
}

/** The text of `content`'s non-blank sections, joined by a blank line. */
export function textOf(content: JournalInput): string {
  return content.sections
    .map((s) => s.text)
    .filter((t) => t.trim() !== '')
    .join('\n\n');
}

/** Whether nothing has been written (no title, every section blank). */
export function isBlank(content: JournalInput): boolean {
  return content.title.trim() === '' && content.sections.every((s) => s.text.trim() === '');
}

/** Everything typed, as Rust counts it against the 1 MiB limit. */
function allText(content: JournalInput): string {
  return [
    content.title,
    ...content.sections.map((s) => s.text),
    ...content.tags,
    content.links.case_reference,
  ].join('');
}

/** Words in `content` (title and sections). */
export function wordCount(content: JournalInput): number {
  const text = [content.title, ...content.sections.map((s) => s.text)].join(' ');
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/** The content as the store compares and sends it: blank sections dropped. */
function forSaving(content: JournalInput): JournalInput {
  return {
    title: content.title,
    template: content.template,
    sections: content.sections.filter((s) => s.text.trim() !== '').map((s) => ({ ...s })),
    tags: [...content.tags],
    links: { ...content.links },
  };
}

const snapshot = (content: JournalInput): string => JSON.stringify(forSaving(content));

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved' }
  | { kind: 'unsaved' }
  | { kind: 'empty' }
  | { kind: 'too_large' }
  | { kind: 'error'; error: AppError };

function summaryOf(entry: JournalEntry): JournalSummary {
  const c = entry.content;
  return {
    id: entry.id,
    created_at: entry.created_at,
    updated_at: entry.updated_at,
    first_line: firstLine(c.title.trim() !== '' ? c.title : textOf(c)),
    template: c.template,
    tags: [...c.tags],
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

  /** Bumped whenever another entry comes into the editor (fresh editors, fresh undo history). */
  draftSeq = $state(0);

  /** Every tag used in the journal, for autocomplete. */
  knownTags = $state<string[]>([]);

  saveState: SaveState = $derived.by(() => {
    const draft = this.draft;
    if (draft === null) return { kind: 'idle' };
    if (this.saving) return { kind: 'saving' };
    if (isBlank(draft.content)) return draft.id === null ? { kind: 'idle' } : { kind: 'empty' };
    if (isTooLarge(allText(draft.content))) return { kind: 'too_large' };
    if (this.saveError) return { kind: 'error', error: this.saveError };
    return snapshot(draft.content) === draft.saved ? { kind: 'saved' } : { kind: 'unsaved' };
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
    const content = emptyContent();
    this.draft = { id: null, createdAt: null, content, saved: snapshot(content) };
    this.draftSeq += 1;
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
        content: entry.content,
        saved: snapshot(entry.content),
      };
      this.draftSeq += 1;
      return true;
    } catch (error) {
      if (stillWanted()) this.entryError = api.toAppError(error);
      return false;
    } finally {
      if (stillWanted()) this.entryLoading = false;
    }
  }

  /** The user changed the text of the template's first section. */
  edit(body: string): void {
    if (this.draft === null) return;
    this.editSection(templateOf(this.draft.content.template).sections[0].key, body);
  }

  /** The user changed one section's text: autosave once typing pauses. */
  editSection(key: string, text: string): void {
    const draft = this.draft;
    if (draft === null) return;
    const section = draft.content.sections.find((s) => s.key === key);
    if (section) section.text = text;
    else draft.content.sections.push({ key, text });
    this.#changed();
  }

  /** The user changed the title. */
  setTitle(title: string): void {
    if (this.draft === null) return;
    this.draft.content.title = title;
    this.#changed();
  }

  /**
   * The user chose another template. Nothing is lost: sections the new
   * template lacks stay in the entry (shown as text from the previous
   * template) until the user clears them.
   */
  setTemplate(template: TemplateId): void {
    if (this.draft === null || this.draft.content.template === template) return;
    this.draft.content.template = template;
    this.#changed();
  }

  /** The user changed the tags. */
  setTags(tags: string[]): void {
    if (this.draft === null) return;
    this.draft.content.tags = tags;
    this.#changed();
  }

  /** The user changed a link. */
  setLinks(links: JournalLinks): void {
    if (this.draft === null) return;
    this.draft.content.links = links;
    this.#changed();
  }

  /** Loads every tag used so far, for autocomplete. */
  async loadTags(): Promise<void> {
    const generation = this.#generation;
    try {
      const tags = await journalApi.journalTags();
      if (generation === this.#generation) this.knownTags = tags;
    } catch {
      // Autocomplete is a convenience: without it, tags are still typed.
    }
  }

  /**
   * Saves pending text when the window is hidden (minimised, another app,
   * the lid closing before the machine suspends) or loses focus. Returns
   * the function that stops listening.
   */
  watchVisibility(target: Document = document): () => void {
    const onVisibility = () => {
      if (target.visibilityState === 'hidden') void this.flush();
    };
    const onBlur = () => void this.flush();
    target.addEventListener('visibilitychange', onVisibility);
    const view = target.defaultView;
    view?.addEventListener('blur', onBlur);
    return () => {
      target.removeEventListener('visibilitychange', onVisibility);
      view?.removeEventListener('blur', onBlur);
    };
  }

  #changed(): void {
    const draft = this.draft;
    if (draft === null) return;
    this.#cancelAutosave();
    if (isBlank(draft.content) || isTooLarge(allText(draft.content))) return;
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
    this.knownTags = [];
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
    const input = forSaving(draft.content);
    const sent = JSON.stringify(input);
    if (sent === draft.saved || isBlank(input)) return true;
    if (isTooLarge(allText(input))) return false;
    const generation = this.#generation;
    this.saving = true;
    this.saveError = null;
    try {
      const entry =
        draft.id === null
          ? await api.journalCreate(input)
          : await api.journalUpdate(draft.id, input);
      if (generation !== this.#generation) return true;
      draft.id = entry.id;
      draft.createdAt = entry.created_at;
      draft.saved = sent;
      this.#remember(summaryOf(entry));
      for (const tag of input.tags) {
        if (!this.knownTags.includes(tag)) this.knownTags = [...this.knownTags, tag].sort();
      }
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
forgetOnLock(() => journal.reset());
saveBeforeLock(() => journal.flush());
