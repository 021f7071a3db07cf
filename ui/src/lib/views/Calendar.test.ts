import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeBackend } from '../../test/fakeBackend';
import { FakeSchedule } from '../../test/fakeSchedule';
import { scheduleWorld, seriesInput } from '../../test/scheduleWorld';
import type { SeriesInput } from '../bindings';
import { calendar } from '../stores/calendar.svelte';
import { people } from '../stores/people.svelte';
import { nav } from '../stores/nav.svelte';
import Calendar from './Calendar.svelte';
import PersonSessions from '../components/PersonSessions.svelte';
import Shell from './Shell.svelte';
import Today from './Today.svelte';

// Dates in these tests are written for a UTC wall clock.
vi.stubEnv('TZ', 'UTC');

let backend: FakeBackend;
let fake: FakeSchedule;
let sam: string;
let alex: string;

function series(personId: string, fields: Partial<SeriesInput>): SeriesInput {
  return seriesInput(personId, 'Europe/London', fields);
}

beforeEach(() => {
  // Monday 9 March 2026, 8 a.m. UTC.
  ({ backend, fake, sam, alex } = scheduleWorld());
});

const monthlySam = () =>
  fake.seed(
    series(sam, {
      recurrence: {
        pattern: { type: 'monthly_by_weekday', week: 2, weekday: 'tuesday' },
        interval: 1,
        end: { type: 'count', count: 12 },
      },
    }),
  );

describe('Schedule form', () => {
  it('builds a monthly 2nd-Tuesday SeriesInput, previews it and shows conflicts on save', async () => {
    fake.seed(series(alex, { start: '2026-04-14T10:30:00', end: '2026-04-14T11:30:00' }));
    const user = userEvent.setup();
    render(Calendar);
    await user.click(await screen.findByTestId('calendar-new'));
    const form = await screen.findByTestId('schedule-form');

    await waitFor(() =>
      expect(within(screen.getByTestId('schedule-person')).getAllByRole('option')).toHaveLength(3),
    );
    await user.selectOptions(screen.getByTestId('schedule-person'), sam);
    await fireEvent.input(screen.getByTestId('schedule-date'), { target: { value: '2026-03-10' } });
    await fireEvent.change(screen.getByTestId('schedule-date'));
    await fireEvent.input(screen.getByTestId('schedule-start'), { target: { value: '10:00' } });
    await fireEvent.input(screen.getByTestId('schedule-end'), { target: { value: '11:00' } });
    const tz = screen.getByTestId('schedule-tz');
    await user.clear(tz);
    await user.type(tz, 'Europe/London');
    await user.selectOptions(screen.getByTestId('schedule-repeat'), 'monthly_weekday');
    expect((screen.getByTestId('schedule-week') as HTMLSelectElement).value).toBe('2');
    expect((screen.getByTestId('schedule-weekday') as HTMLSelectElement).value).toBe('tuesday');
    await user.selectOptions(screen.getByTestId('schedule-ends'), 'count');
    const count = screen.getByTestId('schedule-count');
    await user.clear(count);
    await user.type(count, '12');

    // The live preview lists the sessions Rust would create.
    await waitFor(() => {
      const previews = backend.callsTo('schedule_preview');
      const last = previews[previews.length - 1]?.input as SeriesInput | undefined;
      expect(last?.recurrence?.end).toEqual({ type: 'count', count: 12 });
    });
    const preview = screen.getByTestId('schedule-preview');
    await waitFor(() => expect(within(preview).getAllByRole('listitem')).toHaveLength(8));
    expect(preview.textContent).toContain('and 4 more');

    await user.click(within(form).getByTestId('schedule-save'));
    const created = backend.callsTo('schedule_create');
    expect(created).toHaveLength(1);
    expect(created[0].input).toEqual({
      person_id: sam,
      kind: 'individual',
      time_zone: 'Europe/London',
      start: '2026-03-10T10:00:00',
      end: '2026-03-10T11:00:00',
      recurrence: {
        pattern: { type: 'monthly_by_weekday', week: 2, weekday: 'tuesday' },
        interval: 1,
        end: { type: 'count', count: 12 },
      },
      location: '',
      reminder: { type: 'default' },
      calendar_code: '',
    });

    const conflicts = await screen.findByTestId('schedule-conflicts');
    expect(conflicts.textContent).toContain('Overlaps with Alex Rivera');
    await user.click(screen.getByTestId('schedule-done'));
    expect(screen.queryByTestId('schedule-form')).toBeNull();
    expect(await screen.findByTestId('calendar-week-grid')).toBeTruthy();
  });

  it('offers only those the core lists, and only the kinds each can have', async () => {
    backend.seedPerson({ name: 'Casey Contact', relation: 'none' });
    const group = backend.seedPerson({ name: 'Tuesday Group', kind: 'group' }).id;
    const user = userEvent.setup();
    render(Calendar);
    await user.click(await screen.findByTestId('calendar-new'));
    const person = await screen.findByTestId('schedule-person');
    await waitFor(() => expect(within(person).getAllByRole('option')).toHaveLength(4));
    expect(person.textContent).not.toContain('Casey Contact');
    const kinds = () => within(screen.getByTestId('schedule-kind')).getAllByRole('option').map((o) => o.textContent);
    expect(kinds()).toEqual(['Individual supervision', 'Group supervision', 'Peer supervision', 'Coaching']);

    await user.selectOptions(person, group);
    await waitFor(() => expect(kinds()).toEqual(['Group supervision', 'Peer supervision']));
    expect((screen.getByTestId('schedule-kind') as HTMLSelectElement).value).toBe('group');
    // A kind both can have stays when the person changes.
    await user.selectOptions(screen.getByTestId('schedule-kind'), 'peer');
    await user.selectOptions(person, sam);
    await waitFor(() => expect(kinds()).toEqual(['Individual supervision', 'Peer supervision', 'Coaching']));
    expect((screen.getByTestId('schedule-kind') as HTMLSelectElement).value).toBe('peer');
  });

  it('sends the phased cadence when chosen', async () => {
    const user = userEvent.setup();
    calendar.startNew(sam, '2026-03-10');
    render(Calendar);
    await screen.findByTestId('schedule-form');
    await user.click(screen.getByTestId('schedule-phased'));
    await user.click(screen.getByTestId('schedule-save'));
    await waitFor(() => expect(backend.callsTo('schedule_create_phased')).toHaveLength(1));
    expect(backend.callsTo('schedule_create_phased')[0].cadence).toEqual({
      weekly_weeks: 6,
      fortnightly_until_months: 6,
    });
  });
});

describe('Calendar views', () => {
  it('places a session on the right day of the week and flags conflicts', async () => {
    monthlySam();
    fake.seed(series(alex, { start: '2026-03-11T10:30:00', end: '2026-03-11T11:30:00' }));
    fake.seed(series(alex, { start: '2026-03-13T14:00:00', end: '2026-03-13T15:00:00' }));
    render(Calendar);
    const grid = await screen.findByTestId('calendar-week-grid');
    await waitFor(() => expect(within(grid).getAllByTestId('session-chip')).toHaveLength(3));
    const tuesday = grid.querySelector('[data-day="2026-03-10"]') as HTMLElement;
    expect(within(tuesday).getByTestId('session-chip').textContent).toContain('Sam Okafor');
    expect(within(tuesday).getByTestId('session-chip').getAttribute('style')).toContain('top: 96px');
    expect(within(tuesday).queryByTestId('conflict-flag')).toBeNull();
    expect(within(grid).queryAllByTestId('conflict-flag')).toHaveLength(0);
  });

  it('moves an occurrence with the right key, shows the conflict and flags it in the week', async () => {
    const id = monthlySam();
    fake.seed(series(alex, { start: '2026-03-11T10:30:00', end: '2026-03-11T11:30:00' }));
    const user = userEvent.setup();
    render(Calendar);
    const grid = await screen.findByTestId('calendar-week-grid');
    const tuesday = grid.querySelector('[data-day="2026-03-10"]') as HTMLElement;
    await user.click(await within(tuesday).findByTestId('session-chip'));
    const details = screen.getByTestId('session-details');
    expect(details.textContent).toContain('Sam Okafor');

    await user.click(within(details).getByTestId('session-move'));
    await fireEvent.input(within(details).getByTestId('session-move-date'), {
      target: { value: '2026-03-11' },
    });
    await user.click(within(details).getByTestId('session-move-save'));

    await waitFor(() => expect(backend.callsTo('schedule_move')).toHaveLength(1));
    expect(backend.callsTo('schedule_move')[0]).toEqual({
      key: { series_id: id, original_start: '2026-03-10T10:00:00' },
      to: { start: '2026-03-11T10:00:00', end: '2026-03-11T11:00:00' },
    });
    const warning = await within(details).findByTestId('session-conflicts');
    expect(warning.textContent).toContain('Alex Rivera');

    await user.click(within(details).getByTestId('session-close'));
    const wednesday = grid.querySelector('[data-day="2026-03-11"]') as HTMLElement;
    await waitFor(() => expect(within(wednesday).getAllByTestId('conflict-flag')).toHaveLength(2));
    expect(wednesday.textContent).toContain('Conflict');
    expect(within(wednesday).getByTestId('moved-flag')).toBeTruthy();
  });

  it('cancels with CancelInput and strikes the session through', async () => {
    const id = monthlySam();
    const user = userEvent.setup();
    render(Calendar);
    await user.click(await screen.findByTestId('session-chip'));
    const details = screen.getByTestId('session-details');
    await user.click(within(details).getByTestId('session-cancel'));
    await user.selectOptions(within(details).getByTestId('session-cancel-by'), 'supervisee');
    await user.type(within(details).getByTestId('session-cancel-reason'), 'Unwell');
    await user.click(within(details).getByTestId('session-cancel-save'));
    await waitFor(() => expect(backend.callsTo('schedule_cancel')).toHaveLength(1));
    expect(backend.callsTo('schedule_cancel')[0]).toEqual({
      key: { series_id: id, original_start: '2026-03-10T10:00:00' },
      input: { by: 'supervisee', reason: 'Unwell', notice_hours: null },
    });
    expect((await within(details).findByTestId('session-status')).textContent).toContain('Cancelled');
    await waitFor(() => expect(screen.getByTestId('session-chip').classList).toContain('cancelled'));
  });

  it('shows months and the agenda, moves between periods with the keyboard, and says when empty', async () => {
    monthlySam();
    const user = userEvent.setup();
    render(Calendar);
    await screen.findByTestId('session-chip');
    await user.click(screen.getByTestId('calendar-month'));
    const month = await screen.findByTestId('calendar-month-grid');
    const day = month.querySelector('[data-day="2026-03-10"]') as HTMLElement;
    await waitFor(() => expect(within(day).getByTestId('session-chip')).toBeTruthy());

    screen.getByTestId('calendar-next').focus();
    await user.keyboard('{PageDown}');
    await waitFor(() =>
      expect(within(screen.getByTestId('calendar-month-grid')).getAllByTestId('session-chip')[0].dataset.day).toBe(
        '2026-04-14',
      ),
    );

    await user.click(screen.getByTestId('calendar-agenda'));
    expect(await screen.findByTestId('calendar-agenda-list')).toBeTruthy();
    await user.click(screen.getByTestId('calendar-week'));
    // Week of 6 April: no session.
    expect((await screen.findByTestId('calendar-empty')).textContent).toContain('No sessions this week');
  });
});

describe('Export and import', () => {
  it('exports with privacy "generic" by default', async () => {
    const user = userEvent.setup();
    render(Calendar);
    await user.click(screen.getByTestId('calendar-export'));
    expect((screen.getByTestId('export-privacy-generic') as HTMLInputElement).checked).toBe(true);
    await user.click(screen.getByTestId('export-privacy-full-name'));
    expect(screen.getByTestId('export-name-warning')).toBeTruthy();
    await user.click(screen.getByTestId('export-privacy-generic'));
    await user.click(screen.getByTestId('export-save'));
    await screen.findByTestId('calendar-export-done');
    // Rust asks where to save: no path crosses IPC.
    expect(backend.callsTo('ics_export_save')).toEqual([
      {
        options: { person_id: null, privacy: 'generic', include_location: false, default_reminder_minutes: 15 },
      },
    ]);
  });

  it('says nothing and changes nothing when the save dialog is cancelled', async () => {
    backend.on('ics_export_save', () => null);
    const user = userEvent.setup();
    render(Calendar);
    await user.click(screen.getByTestId('calendar-export'));
    await user.click(screen.getByTestId('export-save'));
    await waitFor(() => expect(backend.callsTo('ics_export_save')).toHaveLength(1));
    await waitFor(() => expect((screen.getByTestId('export-save') as HTMLButtonElement).disabled).toBe(false));
    expect(screen.queryByTestId('calendar-export-done')).toBeNull();
    expect(screen.queryByTestId('error')).toBeNull();
  });

  it('previews an import, then commits it for the chosen person and kind', async () => {
    const user = userEvent.setup();
    render(Calendar);
    await user.click(screen.getByTestId('calendar-import'));
    await user.click(screen.getByTestId('import-choose'));
    const items = await screen.findByTestId('import-items');
    expect(items.textContent).toContain('Supervision with Sam');
    expect(screen.getByTestId('import-skipped').textContent).toContain('All-day events are not sessions.');
    expect(backend.callsTo('ics_import_commit')).toHaveLength(0);

    await user.click(screen.getByTestId('import-commit'));
    expect(screen.getByTestId('error').textContent).toContain('Choose who');
    await user.selectOptions(screen.getByTestId('import-person'), sam);
    await user.selectOptions(screen.getByTestId('import-kind'), 'peer');
    await user.click(screen.getByTestId('import-commit'));
    await screen.findByTestId('calendar-import-done');
    const [preview] = backend.callsTo('ics_import_preview');
    const [commit] = backend.callsTo('ics_import_commit');
    // The file stays in Rust: the commit names it by the preview's token,
    // with the preview's options.
    expect(Object.keys(preview)).toEqual(['options']);
    expect(commit.token).toBe('import-1');
    expect(commit.commit).toMatchObject({ person_id: sam, kind: 'peer', skip: [], options: preview.options });
  });

  it('stays on the first step, with no message, when the file dialog is cancelled', async () => {
    backend.on('ics_import_preview', () => null);
    const user = userEvent.setup();
    render(Calendar);
    await user.click(screen.getByTestId('calendar-import'));
    await user.click(screen.getByTestId('import-choose'));
    await waitFor(() => expect(backend.callsTo('ics_import_preview')).toHaveLength(1));
    await waitFor(() => expect((screen.getByTestId('import-choose') as HTMLButtonElement).disabled).toBe(false));
    expect(screen.queryByTestId('import-items')).toBeNull();
    expect(screen.queryByTestId('error')).toBeNull();
  });
});

describe('Today and the person page', () => {
  it('lists the next sessions with conflicts marked', async () => {
    monthlySam();
    fake.seed(series(alex, { start: '2026-03-10T10:30:00', end: '2026-03-10T11:30:00' }));
    render(Today, { onNavigate: () => undefined });
    await waitFor(() => expect(screen.getAllByTestId('today-session')).toHaveLength(5));
    expect(backend.callsTo('schedule_upcoming')).toEqual([{ count: 5 }]);
    const [first, second] = screen.getAllByTestId('today-session');
    expect(first.textContent).toContain('Sam Okafor');
    expect(first.textContent).toContain('Conflict');
    expect(second.textContent).toContain('Alex Rivera');
    expect(screen.queryByText(/scheduling are coming/)).toBeNull();
  });

  it("lists a person's sessions and schedules for them", async () => {
    monthlySam();
    fake.seed(series(alex, { start: '2026-03-11T10:30:00', end: '2026-03-11T11:30:00' }));
    const user = userEvent.setup();
    await people.load();
    render(PersonSessions, { personId: sam });
    await waitFor(() =>
      expect(within(screen.getByTestId('person-sessions-upcoming')).getAllByTestId('person-session')).toHaveLength(5),
    );
    expect(backend.callsTo('schedule_occurrences')[0].personId).toBe(sam);
    await user.click(screen.getByTestId('person-schedule'));
    expect((screen.getByTestId('schedule-person') as HTMLSelectElement).value).toBe(sam);
  });
});

describe('The person page of a contact', () => {
  it('offers no scheduling when the core does not list them', async () => {
    const casey = backend.seedPerson({ name: 'Casey Contact', relation: 'none' }).id;
    render(PersonSessions, { personId: casey });
    expect(await screen.findByTestId('person-not-schedulable')).toBeTruthy();
    expect(screen.queryByTestId('person-schedule')).toBeNull();
    expect(backend.callsTo('schedule_people').length).toBeGreaterThan(0);
  });
});

describe('Locking', () => {
  it('clears calendar data from the DOM', async () => {
    monthlySam();
    const user = userEvent.setup();
    render(Shell);
    await user.click(screen.getByTestId('nav-calendar'));
    await user.click(await screen.findByTestId('session-chip'));
    expect(screen.getByTestId('session-details').textContent).toContain('Sam Okafor');
    await nav.lock();
    expect(calendar.occurrences).toEqual([]);
    expect(calendar.selected).toBeNull();
    await waitFor(() => expect(document.body.textContent).not.toContain('Sam Okafor'));
  });
});
