import { afterEach, describe, expect, it, vi } from 'vitest';
import { scheduleWorld, seriesInput } from '../../test/scheduleWorld';
import { calendar, PREFETCH_FRESH_MS } from './calendar.svelte';

describe('sessions asked for at start', () => {
  afterEach(() => {
    vi.useRealTimers();
    calendar.reset();
  });

  it('serve Today’s first ask, once', async () => {
    const { backend } = scheduleWorld();
    calendar.prefetchUpcoming(5);
    await calendar.upcoming(5);
    expect(backend.callsTo('schedule_upcoming')).toHaveLength(1);
    await calendar.upcoming(5);
    expect(backend.callsTo('schedule_upcoming')).toHaveLength(2);
  });

  it('are not used when stale, for another count, or after a lock', async () => {
    const { backend } = scheduleWorld();
    calendar.prefetchUpcoming(5);
    vi.setSystemTime(Date.now() + PREFETCH_FRESH_MS + 1);
    await calendar.upcoming(5);
    expect(backend.callsTo('schedule_upcoming')).toHaveLength(2);

    calendar.prefetchUpcoming(5);
    await calendar.upcoming(3);
    expect(backend.callsTo('schedule_upcoming')).toEqual([{ count: 5 }, { count: 5 }, { count: 5 }, { count: 3 }]);

    calendar.prefetchUpcoming(5);
    calendar.reset();
    await calendar.upcoming(5);
    expect(backend.callsTo('schedule_upcoming')).toHaveLength(6);
  });

  it('pushed by the shell serve Today at once, unless stale or overlapping a session not among them', async () => {
    const { backend, fake, sam, alex } = scheduleWorld();
    fake.seed(seriesInput(sam, 'UTC', { start: '2026-03-09T14:00:00', end: '2026-03-09T15:00:00' }));
    const sessions = fake.all().slice(0, 1);

    expect(calendar.upcomingNow(5)).toBeNull();
    calendar.prefetchUpcoming(5, sessions);
    expect(calendar.upcomingNow(3)).toBeNull();
    expect(calendar.upcomingNow(5)).toEqual({ sessions, others: sessions });
    // Taken once.
    expect(calendar.upcomingNow(5)).toBeNull();

    calendar.prefetchUpcoming(5, sessions);
    vi.setSystemTime(Date.now() + PREFETCH_FRESH_MS + 1);
    expect(calendar.upcomingNow(5)).toBeNull();

    // Alex's session overlaps Sam's: with only Sam's pushed, Today must ask
    // for the other to name it, so upcomingNow declines.
    fake.seed(seriesInput(alex, 'UTC', { start: '2026-03-09T14:30:00', end: '2026-03-09T15:30:00' }));
    const overlapping = fake.all().filter((o) => o.person_id === sam);
    expect(overlapping[0].conflicts_with).toHaveLength(1);
    calendar.prefetchUpcoming(5, overlapping);
    expect(calendar.upcomingNow(5)).toBeNull();
    // upcoming() then uses the pushed answer and asks only for the others.
    backend.calls = [];
    expect((await calendar.upcoming(5)).sessions).toEqual(overlapping);
    expect(backend.callsTo('schedule_upcoming')).toEqual([]);
    expect(backend.callsTo('schedule_occurrences')).toHaveLength(1);
  });
});
