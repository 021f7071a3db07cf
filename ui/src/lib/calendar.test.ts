import { describe, expect, it, vi } from 'vitest';
import {
  emptyScheduleFields,
  fieldsFromSeries,
  periodOf,
  seriesInputOf,
  stepAnchor,
  weekdayOf,
  weekOfMonth,
} from './stores/calendar.svelte';

// Dates in these tests are written for a UTC wall clock.
vi.stubEnv('TZ', 'UTC');

describe('calendar periods', () => {
  it('starts weeks on Monday and covers seven days', () => {
    const period = periodOf('week', '2026-03-11');
    expect(period.days).toEqual([
      '2026-03-09',
      '2026-03-10',
      '2026-03-11',
      '2026-03-12',
      '2026-03-13',
      '2026-03-14',
      '2026-03-15',
    ]);
    expect(period.from).toBe('2026-03-09T00:00:00.000Z');
    expect(period.to).toBe('2026-03-16T00:00:00.000Z');
  });

  it('shows the agenda a month at a time and the month as whole weeks', () => {
    const agenda = periodOf('agenda', '2026-02-17');
    expect(agenda.days[0]).toBe('2026-02-01');
    expect(agenda.days).toHaveLength(28);
    const month = periodOf('month', '2026-03-17');
    expect(month.days[0]).toBe('2026-02-23');
    expect(month.days.length % 7).toBe(0);
    expect(month.days[month.days.length - 1]).toBe('2026-04-05');
  });

  it('steps by a week or a month', () => {
    expect(stepAnchor('week', '2026-03-31', 1)).toBe('2026-04-07');
    expect(stepAnchor('month', '2026-01-31', 1)).toBe('2026-02-01');
    expect(stepAnchor('agenda', '2026-03-15', -1)).toBe('2026-02-01');
  });
});

describe('the schedule form', () => {
  it('builds a monthly-by-weekday SeriesInput', () => {
    const fields = emptyScheduleFields('p1', '2026-03-10');
    expect(weekdayOf('2026-03-10')).toBe('tuesday');
    expect(weekOfMonth('2026-03-10')).toBe(2);
    Object.assign(fields, {
      time_zone: 'Europe/London',
      repeat: 'monthly_weekday',
      endChoice: 'count',
      count: 12,
      location: '  Room 2 ',
    });
    expect(seriesInputOf(fields)).toEqual({
      person_id: 'p1',
      kind: 'individual',
      time_zone: 'Europe/London',
      start: '2026-03-10T10:00:00',
      end: '2026-03-10T11:00:00',
      recurrence: {
        pattern: { type: 'monthly_by_weekday', week: 2, weekday: 'tuesday' },
        interval: 1,
        end: { type: 'count', count: 12 },
      },
      location: 'Room 2',
      reminder: { type: 'default' },
      calendar_code: '',
    });
  });

  it('builds every-N-weeks with an end date, the last Friday, and reminders', () => {
    const fields = emptyScheduleFields('p1', '2026-03-13');
    Object.assign(fields, { repeat: 'weeks', interval: 3, endChoice: 'until', until: '2026-12-31', reminder: 'off' });
    const input = seriesInputOf(fields);
    expect(input.recurrence).toEqual({
      pattern: { type: 'weekly', weekdays: ['friday'] },
      interval: 3,
      end: { type: 'until', date: '2026-12-31' },
    });
    expect(input.reminder).toEqual({ type: 'off' });
    Object.assign(fields, { repeat: 'monthly_weekday', week: -1, reminder: 'custom', reminderMinutes: 30 });
    const last = seriesInputOf(fields);
    expect(last.recurrence?.pattern).toEqual({ type: 'monthly_by_weekday', week: -1, weekday: 'friday' });
    expect(last.reminder).toEqual({ type: 'before', minutes: 30 });
  });

  it('refuses what it can check before asking Rust', () => {
    const fields = emptyScheduleFields('', '2026-03-10');
    expect(() => seriesInputOf(fields)).toThrow();
    expect(() => seriesInputOf({ ...fields, person_id: 'p', end: '09:00' })).toThrowError();
    try {
      seriesInputOf({ ...fields, person_id: 'p', end: '09:00' });
    } catch (error) {
      expect(error).toEqual({ code: 'invalid_input', message: 'The session ends before it starts.' });
    }
  });

  it('prefills from a series for edit this and following', () => {
    const fields = fieldsFromSeries(
      {
        person_id: 'p1',
        kind: 'group',
        time_zone: 'America/New_York',
        duration_minutes: 90,
        recurrence: {
          pattern: { type: 'monthly_by_date', day: 15 },
          interval: 1,
          end: { type: 'count', count: 6 },
        },
        location: 'Video',
        reminder: { type: 'before', minutes: 5 },
      },
      '2026-05-15T09:30:00',
    );
    expect(fields).toMatchObject({
      date: '2026-05-15',
      start: '09:30',
      end: '11:00',
      repeat: 'monthly_date',
      day: 15,
      endChoice: 'count',
      count: 6,
      reminder: 'custom',
      reminderMinutes: 5,
      kind: 'group',
    });
  });
});
