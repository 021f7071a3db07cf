// One search over everything (crates/core/src/search): what is typed, the
// filters, the results and the index's progress. Results follow typing
// after a short pause; while the index is being built the store asks for
// its progress every half second. It holds decrypted snippets, so
// `reset()` runs on lock.

import * as searchApi from '../api/search';
import type { AppError, DocKind, SearchQuery, SearchResults, SearchSort, SearchStatus } from '../bindings';
import { LIMITS } from '../bindings';
import { invalidInput, toAppError } from '../errors';
import { forgetOnLock } from './onLock';

/** Pause after the last key before searching. */
export const DEBOUNCE_MS = 120;
/** How often progress is asked for while the index builds. */
export const POLL_MS = 500;
/** Results shown at a time. */
export const SHOWN = 50;

export const KIND_LABELS: Record<DocKind, string> = {
  journal: 'Journal entries',
  record: 'Session records',
  consultation: 'Case consultations',
  agreement: 'Agreements',
  goal: 'Goals',
  person: 'People',
  contact: 'Contact notes',
  shared: 'Shared items',
};

export const KIND_ORDER: readonly DocKind[] = [
  'journal',
  'record',
  'consultation',
  'agreement',
  'goal',
  'person',
  'contact',
  'shared',
];

export interface SearchFilters {
  kind: DocKind | '';
  personId: string;
  from: string;
  to: string;
  tag: string;
  sort: SearchSort;
}

export function emptyFilters(): SearchFilters {
  return { kind: '', personId: '', from: '', to: '', tag: '', sort: 'best' };
}

/** The query Rust receives for `text` and `filters`. */
export function queryOf(text: string, f: SearchFilters): SearchQuery {
  return {
    text,
    kinds: f.kind === '' ? [] : [f.kind],
    person_id: f.personId === '' ? null : f.personId,
    from: f.from === '' ? null : f.from,
    to: f.to === '' ? null : f.to,
    tag: f.tag.trim() === '' ? null : f.tag.trim(),
    sort: f.sort,
    limit: SHOWN,
  };
}

/** "1,200": numbers as the person's locale writes them. */
export function count(n: number): string {
  return n.toLocaleString();
}

export class SearchStore {
  text = $state('');
  filters = $state<SearchFilters>(emptyFilters());
  results = $state<SearchResults | null>(null);
  status = $state<SearchStatus | null>(null);
  error = $state<AppError | null>(null);
  searching = $state(false);
  /** Bumped to ask the search box to take the focus (Ctrl/Cmd+K). */
  focusRequest = $state(0);

  #timer: ReturnType<typeof setTimeout> | null = null;
  #poll: ReturnType<typeof setTimeout> | null = null;
  #seq = 0;

  /** Asks the search box for the focus. */
  requestFocus(): void {
    this.focusRequest += 1;
  }

  setText(text: string): void {
    this.text = text;
    this.#schedule();
  }

  setFilters(patch: Partial<SearchFilters>): void {
    this.filters = { ...this.filters, ...patch };
    this.#schedule();
  }

  #schedule(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.run();
    }, DEBOUNCE_MS);
  }

  /** Searches now (the debounce ends here). */
  async run(): Promise<void> {
    const seq = ++this.#seq;
    const text = this.text;
    if (text.trim() === '') {
      this.results = null;
      this.error = null;
      return;
    }
    if ([...text].length > LIMITS.query_chars) {
      this.error = invalidInput(`Search for at most ${LIMITS.query_chars} characters.`);
      this.results = null;
      return;
    }
    const { from, to } = this.filters;
    if (from !== '' && to !== '' && from > to) {
      this.error = invalidInput('The "from" date is after the "to" date.');
      return;
    }
    this.searching = true;
    try {
      const results = await searchApi.search(queryOf(text, this.filters));
      if (seq !== this.#seq) return;
      this.results = results;
      this.error = null;
      if (results.state === 'building' || results.updating) this.watchProgress();
    } catch (reason) {
      if (seq !== this.#seq) return;
      this.error = toAppError(reason);
    } finally {
      if (seq === this.#seq) this.searching = false;
    }
  }

  /** Asks for the index's progress until it is ready, then searches again. */
  watchProgress(): void {
    if (this.#poll !== null) return;
    const tick = async (): Promise<void> => {
      try {
        const status = await searchApi.searchStatus();
        this.status = status;
        if (status.state === 'locked') {
          this.#poll = null;
          return;
        }
        if (status.state === 'ready' && !status.updating) {
          this.#poll = null;
          if (this.results !== null && (this.results.state === 'building' || this.results.updating)) {
            await this.run();
          }
          return;
        }
      } catch (reason) {
        this.error = toAppError(reason);
        this.#poll = null;
        return;
      }
      this.#poll = setTimeout(() => void tick(), POLL_MS);
    };
    this.#poll = setTimeout(() => void tick(), 0);
  }

  reset(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    if (this.#poll !== null) clearTimeout(this.#poll);
    this.#timer = null;
    this.#poll = null;
    this.#seq += 1;
    this.text = '';
    this.filters = emptyFilters();
    this.results = null;
    this.status = null;
    this.error = null;
    this.searching = false;
  }
}

export const search = new SearchStore();
forgetOnLock(() => search.reset());
