import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { cmSet, cmText, cmType } from '../../test/codemirror';
import { FakeBackend } from '../../test/fakeBackend';
import { freeInput } from '../../test/fakeJournal';
import { AUTOSAVE_DELAY_MS } from '../stores/journal.svelte';
import Journal from './Journal.svelte';

let backend: FakeBackend;

beforeEach(() => {
  backend = new FakeBackend().install();
});

function items(): HTMLElement[] {
  return within(screen.getByTestId('journal-list')).queryAllByTestId('journal-item');
}

describe('Journal', () => {
  it('lists entries newest first, showing each one\'s first line', async () => {
    backend.seed('Oldest entry\nmore', '\n\n  Middle entry  \nmore', 'Newest entry');
    render(Journal);

    await waitFor(() => expect(items()).toHaveLength(3));
    const texts = items().map((item) => item.textContent ?? '');
    expect(texts[0]).toContain('Newest entry');
    expect(texts[1]).toContain('Middle entry');
    expect(texts[2]).toContain('Oldest entry');
    expect(texts[2]).not.toContain('more');
    expect(items()[0].querySelector('time')?.getAttribute('datetime')).toBe(
      backend.entries[2].created_at,
    );
  });

  it('marks a damaged entry and shows why it cannot be opened', async () => {
    const [damaged] = backend.seed('Tampered with');
    backend.damaged.add(damaged.id);
    const user = userEvent.setup();
    render(Journal);

    await waitFor(() => expect(items()).toHaveLength(1));
    expect(items()[0].textContent).toContain('Damaged');
    await user.click(items()[0]);
    expect((await screen.findByTestId('error')).textContent).toContain('failed its integrity check');
    expect(screen.queryByTestId('journal-editor')).toBeNull();
  });

  it('shows a friendly empty state with a way to start', async () => {
    const user = userEvent.setup();
    render(Journal);

    const empty = await screen.findByTestId('journal-empty');
    expect(empty.textContent).toContain('Your journal is empty');
    await user.click(within(empty).getByRole('button', { name: 'Write your first entry' }));

    const editor = await screen.findByTestId('journal-editor');
    expect(document.activeElement).toBe(editor);
    expect(screen.queryByTestId('journal-empty')).toBeNull();
  });

  it('autosaves a new entry after a pause, then shows it in the list', async () => {
    vi.useFakeTimers();
    render(Journal);
    await vi.advanceTimersByTimeAsync(0);
    await fireEvent.click(screen.getByTestId('journal-new'));
    await vi.advanceTimersByTimeAsync(0);

    const editor = screen.getByTestId('journal-editor');
    cmSet(editor, 'After the home visit\nI felt shaken.');
    await vi.advanceTimersByTimeAsync(0);
    expect(screen.getByTestId('save-status').textContent?.trim()).toBe('Unsaved changes');
    expect(screen.getByTestId('save-status').getAttribute('aria-live')).toBe('polite');

    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS);
    expect(backend.callsTo('journal_create')).toEqual([
      { input: freeInput('After the home visit\nI felt shaken.') },
    ]);
    expect(screen.getByTestId('save-status').textContent?.trim()).toBe('Saved');
    expect(items()).toHaveLength(1);
    expect(items()[0].textContent).toContain('After the home visit');
  });

  it('saves on blur and tells the user when an existing entry is cleared', async () => {
    const [entry] = backend.seed('Supervision prep');
    const user = userEvent.setup();
    render(Journal);
    await waitFor(() => expect(items()).toHaveLength(1));
    await user.click(items()[0]);

    const editor = await screen.findByTestId('journal-editor');
    await waitFor(() => expect(cmText(editor)).toBe('Supervision prep'));
    cmType(editor, ': bring the C-17 case');
    await fireEvent.blur(editor);
    await waitFor(() =>
      expect(backend.callsTo('journal_update')).toEqual([
        { id: entry.id, input: freeInput('Supervision prep: bring the C-17 case') },
      ]),
    );

    cmSet(editor, '');
    await fireEvent.blur(editor);
    expect(screen.getByTestId('save-status').textContent?.trim()).toBe(
      'Empty entries are not saved — delete the entry instead.',
    );
    expect(backend.callsTo('journal_update')).toHaveLength(1);
  });

  it('deletes only after confirmation, and Escape cancels', async () => {
    backend.seed('Keep this one', 'Delete this one');
    const user = userEvent.setup();
    render(Journal);
    await waitFor(() => expect(items()).toHaveLength(2));
    await user.click(items()[0]);
    const deleteButton = await screen.findByTestId('journal-delete');

    await user.click(deleteButton);
    const dialog = screen.getByRole('alertdialog', { name: 'Delete this entry?' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }));
    await user.tab();
    expect(document.activeElement).toBe(screen.getByTestId('confirm-delete'));
    await user.tab();
    expect(dialog.contains(document.activeElement)).toBe(true);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(document.activeElement).toBe(deleteButton);
    expect(backend.callsTo('journal_delete')).toEqual([]);

    await user.click(deleteButton);
    await user.click(screen.getByTestId('confirm-delete'));
    await waitFor(() => expect(items()).toHaveLength(1));
    expect(backend.callsTo('journal_delete')).toHaveLength(1);
    expect(items()[0].textContent).toContain('Keep this one');
    expect(screen.queryByTestId('journal-editor')).toBeNull();
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('searches with journal_search and says when nothing matches', async () => {
    backend.seed('Used de-escalation with a parent', 'Team meeting ran long');
    const user = userEvent.setup();
    render(Journal);
    await waitFor(() => expect(items()).toHaveLength(2));

    await user.type(screen.getByTestId('journal-search'), 'DE-ESCALATION');
    await waitFor(() => expect(items()).toHaveLength(1));
    expect(backend.callsTo('journal_search')).toEqual([{ query: 'DE-ESCALATION' }]);
    expect(items()[0].textContent).toContain('Used de-escalation with a parent');

    await user.clear(screen.getByTestId('journal-search'));
    await user.type(screen.getByTestId('journal-search'), 'holiday');
    expect(await screen.findByText('No entries contain “holiday”.')).toBeTruthy();
    expect(items()).toHaveLength(0);

    await user.clear(screen.getByTestId('journal-search'));
    await waitFor(() => expect(items()).toHaveLength(2));
  });

  it('focuses search with Ctrl+F and starts an entry with Ctrl+N', async () => {
    backend.seed('Something');
    const user = userEvent.setup();
    render(Journal);
    await waitFor(() => expect(items()).toHaveLength(1));

    await user.keyboard('{Control>}f{/Control}');
    expect(document.activeElement).toBe(screen.getByTestId('journal-search'));
    await user.keyboard('{Control>}n{/Control}');
    const editor = await screen.findByTestId('journal-editor');
    expect(cmText(editor)).toBe('');
  });

  it('loads more when there are over 50 entries', async () => {
    backend.seed(...Array.from({ length: 55 }, (_, i) => `Entry ${i + 1}`));
    const user = userEvent.setup();
    render(Journal);
    await waitFor(() => expect(items()).toHaveLength(50));
    expect(screen.getByText('Showing 50 of 55')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(items()).toHaveLength(55));
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });
});
