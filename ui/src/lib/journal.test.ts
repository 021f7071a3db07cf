import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeBackend } from '../test/fakeBackend';
import { MAX_BODY_BYTES } from './format';
import { freeInput } from '../test/fakeJournal';
import type { JournalInput } from './bindings';
import { AUTOSAVE_DELAY_MS, JournalStore, PAGE_SIZE, SEARCH_DELAY_MS, textOf } from './stores/journal.svelte';

let backend: FakeBackend;
let store: JournalStore;

beforeEach(() => {
  vi.useFakeTimers();
  backend = new FakeBackend().install();
  store = new JournalStore();
});

describe('autosave', () => {
  it('creates the entry once typing pauses, then updates it', async () => {
    await store.newEntry();
    store.edit('First');
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS / 2);
    store.edit('First thoughts');
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS - 1);
    expect(backend.callsTo('journal_create')).toEqual([]);
    expect(store.saveState.kind).toBe('unsaved');

    await vi.advanceTimersByTimeAsync(1);
    await store.flush();
    expect(backend.callsTo('journal_create')).toEqual([{ input: freeInput('First thoughts') }]);
    expect(store.saveState.kind).toBe('saved');
    const id = store.draft?.id;
    expect(id).toBe(backend.entries[0].id);
    expect(store.entries.map((e) => e.first_line)).toEqual(['First thoughts']);
    expect(store.total).toBe(1);

    store.edit('First thoughts\nand more');
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS);
    await store.flush();
    expect(backend.callsTo('journal_update')).toEqual([{ id, input: freeInput('First thoughts\nand more') }]);
    expect(backend.callsTo('journal_create')).toHaveLength(1);
  });

  it('creates a new entry only once when saves overlap', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    backend.on('journal_create', async (args) => {
      await gate;
      const content = args.input as JournalInput;
      return { id: 'slow-1', created_at: '2026-03-02T09:00:00Z', updated_at: '2026-03-02T09:00:00Z', content, body: '' };
    });
    backend.on('journal_update', (args) => ({
      id: args.id,
      created_at: '2026-03-02T09:00:00Z',
      updated_at: '2026-03-02T09:01:00Z',
      content: args.input,
      body: '',
    }));
    await store.newEntry();
    store.edit('Overlap');
    const first = store.flush();
    await vi.waitFor(() => expect(backend.callsTo('journal_create')).toHaveLength(1));
    expect(store.saveState.kind).toBe('saving');

    store.edit('Overlap, edited');
    const second = store.flush();
    release();
    await Promise.all([first, second]);

    expect(backend.callsTo('journal_create')).toEqual([{ input: freeInput('Overlap') }]);
    expect(backend.callsTo('journal_update')).toEqual([{ id: 'slow-1', input: freeInput('Overlap, edited') }]);
    expect(store.saveState.kind).toBe('saved');
    expect(store.entries.map((e) => e.first_line)).toEqual(['Overlap, edited']);
  });

  it('saves straight away on flush, without waiting for the pause', async () => {
    await store.newEntry();
    store.edit('Before the lid closes');
    expect(await store.flush()).toBe(true);
    expect(backend.callsTo('journal_create')).toEqual([{ input: freeInput('Before the lid closes') }]);

    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS * 2);
    expect(backend.callsTo('journal_create')).toHaveLength(1);
    expect(backend.callsTo('journal_update')).toHaveLength(0);
  });

  it('never sends blank text', async () => {
    await store.newEntry();
    store.edit('   \n\t ');
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS);
    expect(await store.flush()).toBe(true);
    expect(backend.callsTo('journal_create')).toEqual([]);
    expect(store.saveState.kind).toBe('idle');

    const [entry] = backend.seed('Kept text');
    await store.open(entry.id);
    store.edit('  ');
    expect(store.saveState.kind).toBe('empty');
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS);
    await store.flush();
    expect(backend.callsTo('journal_update')).toEqual([]);
    expect(backend.entries[0].body).toBe('Kept text');
  });

  it('does not send text over 1 MiB and says so', async () => {
    await store.newEntry();
    store.edit('x'.repeat(MAX_BODY_BYTES + 1));
    expect(store.saveState.kind).toBe('too_large');
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS);
    expect(await store.flush()).toBe(false);
    expect(backend.callsTo('journal_create')).toEqual([]);
  });

  it('keeps the draft open when its save fails', async () => {
    const [other] = backend.seed('Another entry');
    backend.fail('journal_create', { code: 'io', message: 'Confidant could not write its files.' });
    await store.newEntry();
    store.edit('Do not lose me');

    expect(await store.open(other.id)).toBe(false);
    expect(textOf(store.draft!.content)).toBe('Do not lose me');
    expect(store.saveState).toEqual({
      kind: 'error',
      error: { code: 'io', message: 'Confidant could not write its files.' },
    });
    expect(backend.callsTo('journal_get')).toEqual([]);
  });

  it('saves the open entry before switching to another', async () => {
    const [a, b] = backend.seed('Entry A', 'Entry B');
    await store.open(a.id);
    store.edit('Entry A, revised');
    await store.open(b.id);

    expect(backend.callsTo('journal_update')).toEqual([{ id: a.id, input: freeInput('Entry A, revised') }]);
    expect(textOf(store.draft!.content)).toBe('Entry B');
  });
});

describe('list', () => {
  it('loads pages of 50 and appends more', async () => {
    backend.seed(...Array.from({ length: 60 }, (_, i) => `Entry ${i + 1}`));
    await store.load();
    expect(backend.callsTo('journal_list')).toEqual([{ offset: 0, limit: PAGE_SIZE }]);
    expect(store.entries).toHaveLength(50);
    expect(store.entries[0].first_line).toBe('Entry 60');
    expect(store.hasMore).toBe(true);

    await store.loadMore();
    expect(backend.callsTo('journal_list')[1]).toEqual({ offset: 50, limit: PAGE_SIZE });
    expect(store.entries).toHaveLength(60);
    expect(store.entries[59].first_line).toBe('Entry 1');
    expect(store.hasMore).toBe(false);
  });

  it('deletes the open entry', async () => {
    const [a] = backend.seed('Delete me', 'Keep me');
    await store.load();
    await store.open(a.id);
    await store.remove();

    expect(backend.callsTo('journal_delete')).toEqual([{ id: a.id }]);
    expect(store.draft).toBeNull();
    expect(store.entries.map((e) => e.first_line)).toEqual(['Keep me']);
    expect(store.total).toBe(1);
  });
});

describe('search', () => {
  it('searches once typing pauses and ends with blank text', async () => {
    backend.seed('De-escalation went well', 'Tired today');
    store.setQuery('de-');
    store.setQuery('de-esc ');
    await vi.advanceTimersByTimeAsync(SEARCH_DELAY_MS - 1);
    expect(backend.callsTo('journal_search')).toEqual([]);

    await vi.advanceTimersByTimeAsync(1);
    await vi.waitFor(() => expect(store.results).not.toBeNull());
    expect(backend.callsTo('journal_search')).toEqual([{ query: 'de-esc' }]);
    expect(store.results?.map((e) => e.first_line)).toEqual(['De-escalation went well']);

    store.setQuery('  ');
    expect(store.results).toBeNull();
  });
});

describe('reset', () => {
  it('forgets decrypted text and ignores answers that arrive afterwards', async () => {
    backend.seed('Secret reflection');
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    backend.on('journal_list', async () => {
      await gate;
      return { entries: [{ id: 'x', created_at: '', updated_at: '', first_line: 'Secret', damaged: false }], total: 1 };
    });

    const loading = store.load();
    store.reset();
    release();
    await loading;

    expect(backend.callsTo('journal_list')).toHaveLength(1);
    expect(store.entries).toEqual([]);
    expect(store.draft).toBeNull();
    expect(store.loaded).toBe(false);
  });
});
