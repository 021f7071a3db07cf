// The Search section: results as the person types, grouped by kind with
// the matching words marked (as <mark>, never HTML from the data), the
// count when more matched than are shown, filters, progress while the
// index is built, keyboard navigation, Esc, errors, and Ctrl/Cmd+K from
// anywhere in the app.
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Hit } from '../bindings';
import { FakeBackend } from '../../test/fakeBackend';
import { FakeSearch } from '../../test/fakeSearch';
import { people } from '../stores/people.svelte';
import { search, SHOWN } from '../stores/search.svelte';
import Search from './Search.svelte';
import Shell from './Shell.svelte';

function text(el: Element | null): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

let backend: FakeBackend;
let fake: FakeSearch;

beforeEach(() => {
  people.reset();
  search.reset();
  backend = new FakeBackend().install();
  fake = new FakeSearch(backend);
});

function renderSearch() {
  const onOpen = vi.fn<(hit: Hit) => void>();
  const onClose = vi.fn<() => void>();
  render(Search, { onOpen, onClose });
  return { onOpen, onClose };
}

describe('Search section', () => {
  it('asks for words first, then groups results by kind with the matches marked', async () => {
    const sam = backend.seedPerson({ name: 'Sam Okafor', relation: 'i_supervise' }).id;
    fake.add({ title: 'Tuesday', body: 'Thinking about supervision at the café.', date: '2026-02-01' });
    fake.add({
      kind: 'record',
      id: 'rec-1',
      person_id: sam,
      title: 'Sam Okafor',
      body: 'We explored supervision boundaries.',
      date: '2026-02-03',
    });
    renderSearch();
    expect(text(screen.getByTestId('search-empty'))).toMatch('Type a word or two to search.');
    await userEvent.type(screen.getByLabelText('Search for'), 'SUPERVIS');
    await waitFor(() => expect(screen.getAllByTestId('search-hit')).toHaveLength(2));
    expect(text(screen.getByTestId('search-count'))).toBe('2 matched');
    const headings = screen.getAllByRole('heading', { level: 2 }).map((h) => text(h));
    expect(headings).toEqual(['Journal entries 1', 'Session records 1']);
    const marks = screen.getAllByTestId('search-hit')[0].querySelectorAll('mark');
    expect([...marks].map((m) => m.textContent)).toEqual(['supervision']);
    expect(text(screen.getAllByTestId('search-hit')[1])).toMatch('Opens on Sam Okafor’s page');
  });

  it('never turns matched text into HTML', async () => {
    fake.add({ title: '<img src=x onerror=alert(1)>', body: '<b>bold</b> marker' });
    renderSearch();
    await userEvent.type(screen.getByLabelText('Search for'), 'marker');
    const hit = await screen.findByTestId('search-hit');
    expect(hit.querySelector('img')).toBeNull();
    expect(hit.querySelector('b')).toBeNull();
    expect(text(hit)).toMatch('<b>bold</b> marker');
  });

  it('says how many matched when more than are shown', async () => {
    for (let i = 0; i < SHOWN + 12; i++) fake.add({ title: `Entry ${i}`, body: 'weather again' });
    renderSearch();
    await userEvent.type(screen.getByLabelText('Search for'), 'weather');
    await waitFor(() => expect(text(screen.getByTestId('search-count'))).toBe(`${SHOWN + 12} matched, showing ${SHOWN}`));
    expect(screen.getAllByTestId('search-hit')).toHaveLength(SHOWN);
  });

  it('sends the filters and sort with the query', async () => {
    const sam = backend.seedPerson({ name: 'Sam Okafor', relation: 'i_supervise' }).id;
    fake.add({ kind: 'contact', person_id: sam, title: 'Call', body: 'risk plan', date: '2026-02-10' });
    fake.add({ title: 'Mine', body: 'risk plan', date: '2026-01-10' });
    renderSearch();
    await userEvent.type(screen.getByLabelText('Search for'), 'risk');
    await waitFor(() => expect(screen.getAllByTestId('search-hit')).toHaveLength(2));
    await userEvent.selectOptions(screen.getByLabelText('Type'), 'contact');
    await waitFor(() => expect(screen.getAllByTestId('search-hit')).toHaveLength(1));
    await userEvent.selectOptions(screen.getByLabelText('Type'), '');
    await waitFor(() => expect(screen.getByRole('option', { name: 'Sam Okafor' })).toBeTruthy());
    await userEvent.selectOptions(screen.getByLabelText('Person'), sam);
    await userEvent.selectOptions(screen.getByLabelText('Order'), 'newest');
    await waitFor(() => {
      const sent = backend.callsTo('search');
      const last = sent[sent.length - 1].query as Record<string, unknown>;
      expect(last).toMatchObject({ text: 'risk', person_id: sam, sort: 'newest', kinds: [] });
    });
    await waitFor(() => expect(screen.getAllByTestId('search-hit')).toHaveLength(1));
  });

  it('shows progress while the index is prepared, then the results', async () => {
    fake.add({ title: 'Tuesday', body: 'kestrel' });
    fake.startBuild(1200, 4800);
    renderSearch();
    await userEvent.type(screen.getByLabelText('Search for'), 'kestrel');
    await waitFor(() => expect(text(screen.getByTestId('search-progress'))).toBe('Preparing search… 1,200 of 4,800'));
    expect(screen.queryByTestId('search-hit')).toBeNull();
    fake.finishBuild();
    await waitFor(() => expect(screen.getAllByTestId('search-hit')).toHaveLength(1), { timeout: 3000 });
    await waitFor(() => expect(text(screen.queryByTestId('search-progress'))).toBe(''));
  });

  it('moves through results with the arrow keys, opens with Enter, clears with Esc', async () => {
    fake.add({ id: 'a', title: 'First', body: 'heron' });
    fake.add({ id: 'b', title: 'Second', body: 'heron' });
    const { onOpen, onClose } = renderSearch();
    const box = screen.getByLabelText('Search for');
    await userEvent.type(box, 'heron');
    await waitFor(() => expect(screen.getAllByTestId('search-hit')).toHaveLength(2));
    await userEvent.keyboard('{ArrowDown}{ArrowDown}');
    expect(screen.getAllByTestId('search-hit')[1].getAttribute('aria-selected')).toBe('true');
    expect(box.getAttribute('aria-activedescendant')).toBe(screen.getAllByTestId('search-hit')[1].id);
    await userEvent.keyboard('{Enter}');
    expect(onOpen).toHaveBeenCalledWith(expect.objectContaining({ id: 'b' }));
    await userEvent.keyboard('{Escape}');
    expect((box as HTMLInputElement).value).toBe('');
    expect(onClose).not.toHaveBeenCalled();
    await userEvent.keyboard('{Escape}');
    expect(onClose).toHaveBeenCalled();
  });

  it('says so plainly when nothing matched, or the search failed', async () => {
    renderSearch();
    await userEvent.type(screen.getByLabelText('Search for'), 'zebra');
    await waitFor(() => expect(text(screen.getByTestId('search-count'))).toBe('Nothing matched.'));
    backend.fail('search', { code: 'locked', message: 'Confidant is locked. Unlock it to continue.' });
    await userEvent.type(screen.getByLabelText('Search for'), 's');
    expect(text(await screen.findByTestId('error'))).toMatch(/locked/i);
  });

  it('refuses a query over the limit before sending it', async () => {
    renderSearch();
    const box = screen.getByLabelText('Search for');
    await userEvent.click(box);
    await userEvent.paste('x'.repeat(201));
    expect(text(await screen.findByTestId('error'))).toMatch('Search for at most 200 characters.');
    expect(backend.callsTo('search')).toHaveLength(0);
  });
});

describe('Ctrl/Cmd+K', () => {
  it('opens Search from any section with the box focused', async () => {
    render(Shell);
    await userEvent.keyboard('{Control>}k{/Control}');
    const box = await screen.findByLabelText('Search for');
    await waitFor(() => expect(document.activeElement).toBe(box));
    expect(screen.getByTestId('nav-search').getAttribute('aria-current')).toBe('page');
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByLabelText('Search for')).toBeNull());
    expect(within(document.body).getByTestId('nav-today').getAttribute('aria-current')).toBe('page');
  });
});
