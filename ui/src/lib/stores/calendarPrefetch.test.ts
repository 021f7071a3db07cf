import { afterEach, describe, expect, it, vi } from 'vitest';
import { scheduleWorld } from '../../test/scheduleWorld';
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
});
