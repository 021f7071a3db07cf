// The progress view of a supervisee: choosing a profile, the example label,
// totals, rules met or missing, every hour not counted with its reason, the
// projected finish, the chart with its table, the board summary copied, and
// a profile of one's own made in the editor (a contradiction refused with
// the core's message).
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Profile, Progress } from '../bindings';
import { FakeBackend } from '../../test/fakeBackend';
import { FakeHoursRules } from '../../test/fakeHoursRules';
import { hoursProgress } from '../stores/hoursProgress.svelte';
import HoursProgress from './HoursProgress.svelte';

function text(el: Element | null): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

const california: Profile = {
  id: 'example-ca-lcsw',
  name: 'California LCSW',
  board: 'California Board of Behavioral Sciences',
  tag: 'CA',
  source_citation: 'California Business and Professions Code § 4996.23 (LCSW supervised experience)',
  checked_on: '2026-11-30',
  example: true,
  rules: [
    { kind: 'practice_total', of: 'all', min_hours: 3000, max_hours: null },
    { kind: 'weekly_unit', individual_minutes: 60, group_minutes: 120, second_unit_above_hours: 10 },
  ],
  summary: [],
};

function progressFor(personId: string): Progress {
  return {
    person_id: personId,
    profile_id: 'example-ca-lcsw',
    profile_name: 'California LCSW',
    example: true,
    today: '2025-04-30',
    totals: [
      { label: 'Direct (clinical)', logged_minutes: 2700, counted_minutes: 1440 },
      { label: 'All practice', logged_minutes: 2820, counted_minutes: 1560 },
      { label: 'All supervision', logged_minutes: 240, counted_minutes: 240 },
    ],
    months: [
      {
        month: '2025-03-01',
        clinical_minutes: 1440,
        psychotherapy_minutes: 1200,
        non_clinical_minutes: 120,
        supervision_minutes: 240,
        not_counted_minutes: 1260,
        cumulative_target_minutes: 1560,
      },
    ],
    items: [
      {
        id: 'w1',
        kind: 'practice',
        date: '2025-03-03',
        logged_minutes: 720,
        counted_minutes: 0,
        reasons: ['week of 3 March 2025: no supervision — 12 direct hours not counted (CA weekly unit)'],
      },
      {
        id: 'w2',
        kind: 'practice',
        date: '2025-03-10',
        logged_minutes: 960,
        counted_minutes: 720,
        reasons: ['week of 10 March 2025: one unit of supervision — 4 direct hours over 10 not counted (CA second unit)'],
      },
    ],
    rules: [
      {
        index: 0,
        title: 'At least 3,000 practice hours',
        state: 'not_yet',
        detail: '26 of 3,000 hours counted: 2,974 more needed.',
        have: 1560,
        need: 180000,
      },
      {
        index: 1,
        title: 'Each week with practice needs a unit of supervision',
        state: 'applied',
        detail: '1 week without a unit not counted; 1 with direct hours over the threshold reduced.',
        have: null,
        need: null,
      },
    ],
    target: { label: 'Practice hours', minutes: 180000, counted_minutes: 1560 },
    projection: {
      finish_on: '2027-06-14',
      explanation: 'At the pace of the last 12 weeks (6.5 practice hours counted a week on average), the 2,974 hours still needed take about 113 weeks.',
    },
    summary: [
      { label: 'Total weeks of supervision', value: '3' },
      { label: 'Total hours of experience', value: '26' },
    ],
    notes: [],
  };
}

let backend: FakeBackend;
let fake: FakeHoursRules;
let samId: string;

beforeEach(() => {
  hoursProgress.reset();
  backend = new FakeBackend().install();
  fake = new FakeHoursRules(backend);
  backend.settings.roles = ['supervisor'];
  samId = backend.seedPerson({ name: 'Sam Okafor', relation: 'i_supervise' }).id;
  fake.profiles = [structuredClone(california)];
  fake.setProgress(samId, 'example-ca-lcsw', progressFor(samId));
});

describe('HoursProgress', () => {
  it('asks for a profile first, then shows the progress with every reason', async () => {
    const user = userEvent.setup();
    render(HoursProgress, { personId: samId });
    expect(text(await screen.findByTestId('hours-empty'))).toMatch(/Choose the rule profile/);

    const select = screen.getByLabelText('Rule profile');
    expect(within(select).getByRole('option', { name: 'California LCSW (example)' })).toBeTruthy();
    await user.selectOptions(select, 'example-ca-lcsw');
    expect(fake.choices.get(samId)).toBe('example-ca-lcsw');

    expect(text(await screen.findByTestId('hours-example-note'))).toBe("Example — check your board's current rules.");
    expect(text(screen.getByTestId('hours-profile-source'))).toContain(
      'Source: California Business and Professions Code § 4996.23',
    );
    const reasons = within(screen.getByTestId('hours-not-counted')).getAllByRole('listitem').map(text);
    expect(reasons).toEqual([
      'week of 3 March 2025: no supervision — 12 direct hours not counted (CA weekly unit)',
      'week of 10 March 2025: one unit of supervision — 4 direct hours over 10 not counted (CA second unit)',
    ]);
    const rules = within(screen.getByTestId('hours-rules')).getAllByRole('listitem').map(text);
    expect(rules[0]).toBe('Not yet At least 3,000 practice hours 26 of 3,000 hours counted: 2,974 more needed.');
    expect(rules[1]).toMatch(/^Limit applied/);
    expect(text(screen.getByTestId('hours-projection'))).toContain('the 2,974 hours still needed take about 113 weeks');
    const totals = within(screen.getByTestId('hours-totals'))
      .getAllByRole('row')
      .map((row) => Array.from(row.children).map(text));
    expect(totals).toContainEqual(['All practice', '47', '26']);

    // The chart is an image with a title and description, and a table with the numbers.
    const chart = screen.getByTestId('hours-chart');
    expect(within(chart).getByRole('img').getAttribute('aria-labelledby')).toBeTruthy();
    expect(chart.querySelector('title')?.textContent).toBe('Hours per month and practice hours so far');
    const rows = within(screen.getByTestId('hours-chart-table'))
      .getAllByRole('row')
      .map((row) => Array.from(row.children).map(text));
    expect(rows[1]).toEqual(['March 2025', '30', '26']);
  });

  it('copies the board summary as label and value lines', async () => {
    fake.choices.set(samId, 'example-ca-lcsw');
    const user = userEvent.setup();
    const writeText = vi.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    render(HoursProgress, { personId: samId });
    await user.click(await screen.findByTestId('hours-summary-copy'));
    expect(writeText).toHaveBeenCalledWith('Total weeks of supervision: 3\nTotal hours of experience: 26');
    expect(screen.getByText('Summary copied.')).toBeTruthy();
  });

  it('makes a profile of one’s own, refusing a minimum over its maximum with the core’s message', async () => {
    const user = userEvent.setup();
    render(HoursProgress, { personId: samId });
    await user.click(await screen.findByTestId('hours-profile-new'));
    const dialog = screen.getByTestId('hours-profile-editor');
    await user.type(within(dialog).getByLabelText('Name'), 'Oregon LCSW (my notes)');
    await user.type(within(dialog).getByLabelText('Board'), 'Oregon Board of Licensed Social Workers');
    await user.type(within(dialog).getByLabelText('Source (the regulation\u2019s citation)'.replace('\u2019', "'")), 'OAR 877-020');
    await user.type(within(dialog).getByLabelText('At most (hours)'), '2000');
    await user.click(within(dialog).getByTestId('hours-profile-save'));
    expect(text(await within(dialog).findByTestId('error'))).toContain(
      'Rule 1: practice hours: the minimum (3,000) is more than the maximum (2,000).',
    );
    expect(fake.profiles).toHaveLength(1);
    await user.clear(within(dialog).getByLabelText('At most (hours)'));
    await user.click(within(dialog).getByTestId('hours-profile-save'));
    expect(screen.queryByTestId('hours-profile-editor')).toBeNull();
    expect(fake.profiles.map((p) => [p.name, p.example])).toEqual([
      ['California LCSW', true],
      ['Oregon LCSW (my notes)', false],
    ]);
    expect(within(screen.getByLabelText('Rule profile')).getByRole('option', { name: 'Oregon LCSW (my notes)' })).toBeTruthy();
  });
});
