// The Wellbeing section: empty states, the check-in card's labelled radio
// groups, the chart's table of figures, the gentle prompt, the ProQOL
// questionnaire (progress, missing items named) and its result with the
// credit line.
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { FakeBackend } from '../../test/fakeBackend';
import { FakeWellbeing } from '../../test/fakeWellbeing';
import { localToday } from '../stores/exceptions.svelte';
import { daysBefore, wellbeing } from '../stores/wellbeing.svelte';
import Wellbeing from './Wellbeing.svelte';

function text(el: Element | null): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

let backend: FakeBackend;
let fake: FakeWellbeing;
const today = localToday();
const r = (stress: number) => ({ stress, energy: 2, workload: 4, sleep: 3, secondary_trauma: 2 });

beforeEach(() => {
  wellbeing.reset();
  backend = new FakeBackend().install();
  backend.settings.roles = ['supervisee'];
  fake = new FakeWellbeing(backend);
});

describe('Wellbeing section', () => {
  it('says what is empty and offers the ProQOL with its credit', async () => {
    render(Wellbeing);
    expect(text(await screen.findByTestId('trends-empty'))).toMatch('No check-ins in the last year yet');
    expect(text(await screen.findByTestId('checkins-empty'))).toBe('No check-ins yet.');
    expect(text(screen.getByTestId('proqol-empty'))).toBe('No ProQOL results yet.');
    expect(text(screen.getByTestId('proqol-due'))).toBe('You have not taken it yet.');
    expect(text(await screen.findByTestId('proqol-section-credit'))).toMatch('www.ProQOL.org');
    expect(screen.queryByTestId('wellbeing-prompt')).toBeNull();
  });

  it('saves a check-in from five labelled radio groups', async () => {
    const user = userEvent.setup();
    render(Wellbeing);
    await screen.findByTestId('checkins-empty');
    for (const [name, n] of [
      ['Stress', 4],
      ['Energy', 2],
      ['Workload', 5],
      ['Sleep', 3],
      ['Signs of secondary trauma', 2],
    ] as const) {
      const group = screen.getByRole('group', { name: new RegExp(`^${name} \\(`) });
      await user.click(within(group).getByRole('radio', { name: new RegExp(`^${name}: ${n}`) }));
    }
    await user.type(screen.getByLabelText('Note (optional)'), 'Two hard home visits.');
    await user.click(screen.getByTestId('checkin-save'));
    await waitFor(() => expect(screen.getAllByTestId('checkin-row')).toHaveLength(1));
    expect(fake.checkIns[0].ratings).toEqual({ stress: 4, energy: 2, workload: 5, sleep: 3, secondary_trauma: 2 });
    expect(text(screen.getByTestId('checkin-list'))).toMatch('Two hard home visits.');
    expect(screen.getAllByTestId('trend-row')).toHaveLength(1);
  });

  it('names the unrated measures instead of saving', async () => {
    const user = userEvent.setup();
    render(Wellbeing);
    await screen.findByTestId('checkins-empty');
    await user.click(screen.getByRole('radio', { name: /^Stress: 3/ }));
    await user.click(screen.getByTestId('checkin-save'));
    expect(text(await screen.findByRole('alert'))).toBe(
      'Choose a rating for Energy, Workload, Sleep, Signs of secondary trauma.',
    );
    expect(fake.checkIns).toHaveLength(0);
  });

  it('shows the trend table and the gentle prompt when stress stayed high', async () => {
    fake.seedCheckIn(daysBefore(today, 12), r(4));
    fake.seedCheckIn(daysBefore(today, 6), r(5));
    fake.seedCheckIn(daysBefore(today, 1), r(4));
    render(Wellbeing);
    expect(text(await screen.findByTestId('wellbeing-prompt'))).toMatch('Based on 3 check-ins');
    const table = screen.getByTestId('wellbeing-table');
    expect(within(table).getAllByRole('columnheader').map((h) => text(h))).toEqual([
      'Week',
      'Stress',
      'Energy',
      'Workload',
      'Sleep',
      'Signs of secondary trauma',
      'Check-ins',
    ]);
    const user = userEvent.setup();
    await user.click(screen.getByTestId('period-month'));
    await waitFor(() => expect(within(screen.getByTestId('wellbeing-table')).getAllByRole('columnheader')[0].textContent).toBe('Month'));
  });

  it('takes the ProQOL: progress, missing items named, then the result', async () => {
    const user = userEvent.setup();
    render(Wellbeing);
    await user.click(await screen.findByTestId('proqol-start'));
    expect(text(await screen.findByTestId('proqol-progress'))).toBe('0 of 30 answered');
    for (let n = 1; n <= 30; n++) {
      if (n === 7) continue;
      const item = screen.getByTestId(`proqol-item-${n}`);
      await user.click(within(item).getByRole('radio', { name: n === 1 ? '5 Very Often' : '3 Sometimes' }));
    }
    expect(text(screen.getByTestId('proqol-progress'))).toBe('29 of 30 answered');
    await user.click(screen.getByTestId('proqol-submit'));
    expect(text(await screen.findByRole('alert'))).toMatch('Not yet answered: item 7.');
    expect(fake.results).toHaveLength(0);
    await user.click(within(screen.getByTestId('proqol-item-7')).getByRole('radio', { name: '3 Sometimes' }));
    await user.click(screen.getByTestId('proqol-submit'));
    const result = await screen.findByTestId('proqol-result');
    // Item 1 is a reversed burnout item: 5 counts as 1, so burnout is 28.
    expect(text(within(result).getByTestId('proqol-scale-bo'))).toMatch('28 — Moderate');
    expect(text(within(result).getByTestId('proqol-scale-cs'))).toMatch('30 — Moderate');
    expect(text(within(result).getByTestId('proqol-result-credit'))).toMatch('The Center for Victims of Torture');
    expect(screen.getByTestId('proqol-history')).toBeTruthy();
  });
});
