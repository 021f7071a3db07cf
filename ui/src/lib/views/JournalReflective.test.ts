import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { JournalInput } from '../bindings';
import { cmSelect, cmSet, cmText } from '../../test/codemirror';
import { FakeBackend } from '../../test/fakeBackend';
import { freeInput } from '../../test/fakeJournal';
import { journal, JournalStore } from '../stores/journal.svelte';
import Journal from './Journal.svelte';

let backend: FakeBackend;

beforeEach(() => {
  backend = new FakeBackend().install();
});

function gibbs(): JournalInput {
  return {
    title: 'After the Ahmed visit',
    template: 'gibbs',
    sections: [
      { key: 'gibbs.description', text: 'The father raised his voice.' },
      { key: 'gibbs.feelings', text: 'I froze and felt small.' },
    ],
    tags: ['home visits'],
    links: { session: null, goal_id: null, case_reference: 'CR-2291' },
  };
}

function items(): HTMLElement[] {
  return within(screen.getByTestId('journal-list')).queryAllByTestId('journal-item');
}

async function openFirst(user: ReturnType<typeof userEvent.setup>) {
  await waitFor(() => expect(items().length).toBeGreaterThan(0));
  await user.click(items()[0]);
  return screen.findByTestId('journal-editor');
}

describe('never lose a word', () => {
  it('saves pending text as soon as the window is hidden', async () => {
    vi.useFakeTimers();
    const store = new JournalStore();
    const stop = store.watchVisibility(document);
    await store.newEntry();
    store.edit('Written just before the lid closed');
    expect(backend.callsTo('journal_create')).toEqual([]);

    const state = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    document.dispatchEvent(new Event('visibilitychange'));
    await vi.advanceTimersByTimeAsync(0);
    expect(backend.callsTo('journal_create')).toEqual([
      { input: freeInput('Written just before the lid closed') },
    ]);
    expect(store.saveState.kind).toBe('saved');

    // Becoming visible again saves nothing new; after `stop`, hiding does nothing.
    state.mockReturnValue('visible');
    document.dispatchEvent(new Event('visibilitychange'));
    stop();
    store.edit('More');
    state.mockReturnValue('hidden');
    document.dispatchEvent(new Event('visibilitychange'));
    await vi.advanceTimersByTimeAsync(0);
    expect(backend.callsTo('journal_update')).toEqual([]);
    state.mockRestore();
  });

  it('the journal view saves on a hidden window too', async () => {
    backend.seed('Draft');
    const user = userEvent.setup();
    render(Journal);
    const editor = await openFirst(user);
    await waitFor(() => expect(cmText(editor)).toBe('Draft'));
    cmSet(editor, 'Draft, then the machine slept');
    const state = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    document.dispatchEvent(new Event('visibilitychange'));
    await waitFor(() =>
      expect(backend.callsTo('journal_update')).toEqual([
        { id: 'entry-1', input: freeInput('Draft, then the machine slept') },
      ]),
    );
    state.mockRestore();
  });

  it('switching template keeps the text of the sections the new one lacks', async () => {
    backend.seed(gibbs());
    const user = userEvent.setup();
    render(Journal);
    const first = await openFirst(user);
    await waitFor(() => expect(cmText(first)).toBe('The father raised his voice.'));
    expect(screen.getByText('What were you thinking and feeling at the time, and afterwards?')).toBeTruthy();

    await user.selectOptions(screen.getByTestId('journal-template'), 'driscoll');
    const kept = await screen.findByTestId('journal-kept');
    expect(kept.textContent).toContain('Text from the previous template');
    expect(cmText(within(kept).getByTestId('journal-section-gibbs.feelings'))).toBe(
      'I froze and felt small.',
    );
    cmSet(screen.getByTestId('journal-editor'), 'A visit where I lost my footing.');
    await journal.flush();
    const sent = backend.callsTo('journal_update').slice(-1)[0]?.input as JournalInput;
    expect(sent.template).toBe('driscoll');
    expect(sent.sections.map((s) => s.text)).toEqual([
      'The father raised his voice.',
      'I froze and felt small.',
      'A visit where I lost my footing.',
    ]);

    await user.selectOptions(screen.getByTestId('journal-template'), 'gibbs');
    await waitFor(() =>
      expect(cmText(screen.getByTestId('journal-editor'))).toBe('The father raised his voice.'),
    );
    expect(
      cmText(within(screen.getByTestId('journal-kept')).getByTestId('journal-section-driscoll.what')),
    ).toBe('A visit where I lost my footing.');
  });
});

describe('title, tags and focus', () => {
  it('adds a tag from autocomplete with the keyboard and counts words', async () => {
    backend.seed(gibbs(), freeInput('Another day'));
    backend.entries[0].content.tags = ['home visits', 'safeguarding'];
    const user = userEvent.setup();
    render(Journal);
    await openFirst(user); // newest: "Another day"
    expect(screen.getByTestId('journal-word-count').textContent).toBe('2 words');

    await user.type(screen.getByLabelText('Title'), 'Tuesday');
    expect(screen.getByTestId('journal-word-count').textContent).toBe('3 words');

    const input = screen.getByTestId('journal-tag-input');
    await user.type(input, 'saf');
    expect(input.getAttribute('aria-expanded')).toBe('true');
    await user.keyboard('{ArrowDown}');
    expect(input.getAttribute('aria-activedescendant')).toBe('journal-tag-option-0');
    await user.keyboard('{Enter}');
    expect(screen.getAllByTestId('journal-tag').map((t) => t.querySelector('span')?.textContent)).toEqual([
      'safeguarding',
    ]);
    await user.type(input, 'x'.repeat(61) + '{Enter}');
    expect(screen.getByText('A tag holds at most 60 characters.')).toBeTruthy();
    await user.clear(input);
    await journal.flush();
    const sent = backend.callsTo('journal_update').slice(-1)[0]?.input as JournalInput;
    expect(sent.title).toBe('Tuesday');
    expect(sent.tags).toEqual(['safeguarding']);

    await user.click(screen.getByRole('button', { name: 'Remove tag safeguarding' }));
    expect(screen.queryAllByTestId('journal-tag')).toHaveLength(0);
  });

  it('focus mode hides the list and Escape leaves it', async () => {
    backend.seed('Quiet writing');
    const user = userEvent.setup();
    render(Journal);
    await openFirst(user);
    await user.click(screen.getByTestId('journal-focus'));
    expect(screen.getByTestId('journal-view').classList.contains('focus')).toBe(true);
    expect(screen.getByTestId('journal-focus').getAttribute('aria-pressed')).toBe('true');
    await fireEvent.keyDown(window, { key: 'Escape' });
    expect(screen.getByTestId('journal-view').classList.contains('focus')).toBe(false);
  });
});

describe('bring to supervision', () => {
  it('brings the selected text to a supervisor and lists it with the entry', async () => {
    backend.seed(gibbs());
    const dana = backend.seedPerson({ name: 'Dana Okafor', relation: 'supervises_me' });
    backend.seedPerson({ name: 'Sam Lee', relation: 'i_supervise' });
    const user = userEvent.setup();
    render(Journal);
    const editor = await openFirst(user);
    await waitFor(() => expect(cmText(editor)).toBe('The father raised his voice.'));
    editor.focus();
    await fireEvent.focusIn(editor);
    cmSelect(editor, 4, 10);

    await user.click(screen.getByTestId('journal-bring'));
    const dialog = await screen.findByTestId('journal-bring-dialog');
    const person = within(dialog).getByLabelText('Supervisor') as HTMLSelectElement;
    expect(Array.from(person.options).map((o) => o.textContent)).toEqual(['Dana Okafor']);
    expect(within(dialog).getByTestId('journal-bring-extract').textContent).toBe('father');
    await user.click(within(dialog).getByTestId('journal-bring-confirm'));

    await waitFor(() => expect(screen.queryByTestId('journal-bring-dialog')).toBeNull());
    expect(backend.callsTo('journal_flag')).toEqual([
      { input: { entry_id: 'entry-1', person_id: dana.id, extract: 'father' } },
    ]);
    const flags = screen.getByTestId('journal-flags');
    expect(flags.textContent).toContain('“father” — for Dana Okafor');

    await user.click(within(flags).getByRole('button', { name: 'Discussed' }));
    await waitFor(() => expect(screen.queryByTestId('journal-flags')).toBeNull());
    expect(backend.callsTo('journal_flag_discussed')).toHaveLength(1);
  });

  it('says how to add a supervisor when there is none', async () => {
    backend.seed('Something to bring');
    const user = userEvent.setup();
    render(Journal);
    await openFirst(user);
    await user.click(screen.getByTestId('journal-bring'));
    const dialog = await screen.findByTestId('journal-bring-dialog');
    expect(dialog.textContent).toContain('Nobody is recorded as your supervisor yet');
  });
});
