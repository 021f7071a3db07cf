import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeBackend } from '../../test/fakeBackend';
import { FakeSchedule } from '../../test/fakeSchedule';
import { scheduleWorld, seriesInput } from '../../test/scheduleWorld';
import type { SeriesInput } from '../bindings';
import { initials } from '../names';
import Calendar from './Calendar.svelte';
import Today from './Today.svelte';

// Dates in these tests are written for a UTC wall clock.
vi.stubEnv('TZ', 'UTC');

let backend: FakeBackend;
let fake: FakeSchedule;
let sam: string;
let alex: string;

function series(personId: string, fields: Partial<SeriesInput>): SeriesInput {
  return seriesInput(personId, 'UTC', fields);
}

beforeEach(() => {
  // Monday 9 March 2026, 8 a.m. UTC.
  ({ backend, fake, sam, alex } = scheduleWorld());
});

const renderToday = () => render(Today, { onNavigate: () => undefined });

describe('Today', () => {
  it("sets today's sessions apart from later ones", async () => {
    fake.seed(series(sam, { start: '2026-03-09T14:00:00', end: '2026-03-09T15:00:00' }));
    fake.seed(series(alex, { start: '2026-03-11T09:00:00', end: '2026-03-11T10:00:00' }));
    renderToday();
    const todays = await screen.findByTestId('today-today');
    expect(within(todays).getByRole('heading', { name: 'Today' })).toBeTruthy();
    expect(within(todays).getAllByTestId('today-session')).toHaveLength(1);
    expect(todays.textContent).toContain('Sam Okafor');
    const later = screen.getByTestId('today-later');
    expect(within(later).getAllByTestId('today-session')).toHaveLength(1);
    expect(later.textContent).toContain('Alex Rivera');
  });

  it('says when there is nothing today, but something later', async () => {
    fake.seed(series(alex, { start: '2026-03-11T09:00:00', end: '2026-03-11T10:00:00' }));
    renderToday();
    expect(await screen.findByTestId('today-none-today')).toBeTruthy();
    expect(screen.getByTestId('today-later').textContent).toContain('Alex Rivera');
  });

  it('names the other person of a conflict on the row itself', async () => {
    fake.seed(series(sam, { start: '2026-03-10T10:00:00', end: '2026-03-10T11:00:00' }));
    fake.seed(series(alex, { start: '2026-03-10T10:30:00', end: '2026-03-10T11:30:00' }));
    renderToday();
    await waitFor(() => expect(screen.getAllByTestId('today-session')).toHaveLength(2));
    const [first, second] = screen.getAllByTestId('today-session');
    expect(within(first).getByTestId('conflict-flag').textContent).toContain('Conflict with Alex Rivera');
    expect(within(second).getByTestId('conflict-flag').textContent).toContain('Conflict with Sam Okafor');
  });

  it('says the kind only when it is not individual supervision', async () => {
    fake.seed(series(sam, { start: '2026-03-10T10:00:00', end: '2026-03-10T11:00:00' }));
    fake.seed(series(alex, { kind: 'peer', start: '2026-03-10T13:00:00', end: '2026-03-10T14:00:00' }));
    renderToday();
    await waitFor(() => expect(screen.getAllByTestId('today-session')).toHaveLength(2));
    const [individual, peer] = screen.getAllByTestId('today-session');
    expect(individual.textContent).not.toContain('supervision');
    expect(peer.textContent).toContain('Peer supervision');
    expect(screen.queryAllByText(/Individual supervision/)).toHaveLength(0);
  });

  it('shows initials instead of names when Settings says so', async () => {
    backend.settings.preferences.show_initials = true;
    fake.seed(series(sam, { start: '2026-03-10T10:00:00', end: '2026-03-10T11:00:00' }));
    fake.seed(series(alex, { start: '2026-03-10T10:30:00', end: '2026-03-10T11:30:00' }));
    renderToday();
    await waitFor(() => expect(screen.getAllByTestId('today-session')[0].textContent).toContain('S.O.'));
    const view = screen.getByTestId('today-view');
    expect(view.textContent).not.toContain('Sam Okafor');
    expect(view.textContent).not.toContain('Alex Rivera');
    expect(screen.getAllByTestId('today-session')[0].textContent).toContain('Conflict with A.R.');
  });

  it('lets the journal tip be dismissed, through the preferences', async () => {
    const user = userEvent.setup();
    renderToday();
    const tip = await screen.findByTestId('today-journal-tip');
    await user.click(within(tip).getByRole('button', { name: 'Don’t show this again' }));
    await waitFor(() => expect(screen.queryByTestId('today-journal-tip')).toBeNull());
    expect(backend.callsTo('set_preferences')).toHaveLength(1);
    expect(backend.settings.preferences.journal_tip_dismissed).toBe(true);
  });

  it('does not show a tip dismissed before', async () => {
    backend.settings.preferences.journal_tip_dismissed = true;
    renderToday();
    await screen.findByTestId('today-sessions');
    await waitFor(() => expect(backend.callsTo('get_settings').length).toBeGreaterThan(0));
    expect(screen.queryByTestId('today-journal-tip')).toBeNull();
  });
});

describe('Calendar names', () => {
  it('shows both names of a conflict in the week, not only on hover', async () => {
    fake.seed(series(sam, { start: '2026-03-10T10:00:00', end: '2026-03-10T11:00:00' }));
    fake.seed(series(alex, { start: '2026-03-10T10:30:00', end: '2026-03-10T11:30:00' }));
    render(Calendar);
    const grid = await screen.findByTestId('calendar-week-grid');
    await waitFor(() => expect(within(grid).getAllByTestId('conflict-flag')).toHaveLength(2));
    const chips = within(grid).getAllByTestId('session-chip');
    const named = (name: string) => chips.find((c) => c.querySelector('.name')?.textContent === name)!;
    const sams = named('Sam Okafor');
    const alexs = named('Alex Rivera');
    // Side by side, each with its own name on it; the ⚠ flag's words name the other.
    expect(sams.style.left).not.toBe(alexs.style.left);
    expect(within(sams).getByTestId('conflict-flag').textContent).toContain('Conflict: Alex Rivera');
    expect(within(alexs).getByTestId('conflict-flag').textContent).toContain('Conflict: Sam Okafor');
    expect(sams.hasAttribute('title')).toBe(false);
  });

  it('shows initials in the calendar when Settings says so', async () => {
    backend.settings.preferences.show_initials = true;
    fake.seed(series(sam, { start: '2026-03-10T10:00:00', end: '2026-03-10T11:00:00' }));
    const user = userEvent.setup();
    render(Calendar);
    const grid = await screen.findByTestId('calendar-week-grid');
    await waitFor(() => expect(within(grid).getByTestId('session-chip').textContent).toContain('S.O.'));
    expect(grid.textContent).not.toContain('Sam Okafor');
    await user.click(screen.getByTestId('calendar-month'));
    const month = await screen.findByTestId('calendar-month-grid');
    await waitFor(() => expect(within(month).getByTestId('session-chip').textContent).toContain('S.O.'));
  });
});

describe('initials', () => {
  it('takes the first letter of each word', () => {
    expect(initials('Sam Okafor')).toBe('S.O.');
    expect(initials('  tuesday   peer group ')).toBe('T.P.G.');
    expect(initials('Émile')).toBe('É.');
    expect(initials('')).toBe('');
  });
});
