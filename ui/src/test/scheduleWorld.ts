// The world the calendar and Today view tests start from: Monday 9 March
// 2026, 8 a.m. UTC on a faked clock, a supervisor's vault with Sam and Alex,
// and the fake schedule installed.

import { vi } from 'vitest';
import type { SeriesInput } from '../lib/bindings';
import { calendar } from '../lib/stores/calendar.svelte';
import { people } from '../lib/stores/people.svelte';
import { FakeBackend } from './fakeBackend';
import { FakeSchedule } from './fakeSchedule';

export interface ScheduleWorld {
  backend: FakeBackend;
  fake: FakeSchedule;
  sam: string;
  alex: string;
}

/** Resets the stores and installs a fresh backend with Sam and Alex. */
export function scheduleWorld(): ScheduleWorld {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-03-09T08:00:00Z'));
  people.reset();
  calendar.reset();
  const backend = new FakeBackend().install();
  backend.settings.roles = ['supervisor'];
  const sam = backend.seedPerson({ name: 'Sam Okafor' }).id;
  const alex = backend.seedPerson({ name: 'Alex Rivera' }).id;
  const fake = new FakeSchedule();
  backend.extend(fake.extension);
  return { backend, fake, sam, alex };
}

/** A one-hour individual session on Tuesday 10 March at 10:00 in `timeZone`, with `fields` over it. */
export function seriesInput(
  personId: string,
  timeZone: string,
  fields: Partial<SeriesInput>,
): SeriesInput {
  return {
    person_id: personId,
    kind: 'individual',
    time_zone: timeZone,
    start: '2026-03-10T10:00:00',
    end: '2026-03-10T11:00:00',
    recurrence: null,
    location: '',
    reminder: { type: 'default' },
    calendar_code: '',
    ...fields,
  };
}
