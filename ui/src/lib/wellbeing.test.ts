// The wellbeing store against the fake backend: loading, a check-in saved
// (and a missing rating named before anything is sent), the period switch,
// the ProQOL answered, missing items named by Rust with nothing stored,
// and reset on lock.
import { beforeEach, describe, expect, it } from 'vitest';
import { FakeBackend } from '../test/fakeBackend';
import { FakeWellbeing } from '../test/fakeWellbeing';
import { daysBefore, wellbeing } from './stores/wellbeing.svelte';

const TODAY = '2026-11-30';
let backend: FakeBackend;
let fake: FakeWellbeing;

const r = (stress: number) => ({ stress, energy: 2, workload: 4, sleep: 3, secondary_trauma: 2 });

beforeEach(() => {
  wellbeing.reset();
  backend = new FakeBackend().install();
  fake = new FakeWellbeing(backend);
});

describe('wellbeing store', () => {
  it('loads check-ins, trends, the prompt and the ProQOL offer', async () => {
    fake.seedCheckIn('2026-11-17', r(4));
    fake.seedCheckIn('2026-11-23', r(5));
    fake.seedCheckIn('2026-11-28', r(4));
    await wellbeing.load(TODAY);
    expect(wellbeing.checkIns.map((c) => c.date)).toEqual(['2026-11-28', '2026-11-23', '2026-11-17']);
    expect(wellbeing.trends.map((t) => [t.start, t.count])).toEqual([
      ['2026-11-16', 1],
      ['2026-11-23', 2],
    ]);
    expect(wellbeing.prompt?.check_ins).toBe(3);
    expect(wellbeing.due).toEqual({ due: true, last_taken: null, next_due: TODAY });
    await wellbeing.setPeriod('month', TODAY);
    expect(wellbeing.trends).toHaveLength(1);
    expect(wellbeing.trends[0].stress).toBeCloseTo(13 / 3);
  });

  it('names a missing rating without calling Rust, then saves', async () => {
    wellbeing.draft = { date: '2026-11-29', ratings: { ...r(3), sleep: null }, note: 'Heavy week' };
    expect(await wellbeing.saveCheckIn(TODAY)).toBe(false);
    expect(wellbeing.saveError?.message).toBe('Choose a rating for Sleep.');
    expect(backend.calls.some((c) => c.cmd === 'wellbeing_check_in_create')).toBe(false);
    wellbeing.draft.ratings.sleep = 2;
    expect(await wellbeing.saveCheckIn(TODAY)).toBe(true);
    expect(fake.checkIns).toHaveLength(1);
    expect(fake.checkIns[0].note).toBe('Heavy week');
    expect(wellbeing.draft.note).toBe('');
    expect(wellbeing.checkIns).toHaveLength(1);
  });

  it("shows Rust's error for a date after today and keeps the draft", async () => {
    wellbeing.draft = { date: '2026-12-05', ratings: r(3), note: 'x' };
    expect(await wellbeing.saveCheckIn(TODAY)).toBe(false);
    expect(wellbeing.saveError?.message).toMatch('cannot be after today');
    expect(wellbeing.draft.note).toBe('x');
  });

  it('scores a complete ProQOL and names missing items, storing nothing', async () => {
    await wellbeing.startProqol();
    expect(wellbeing.answers).toHaveLength(30);
    for (let i = 0; i < 30; i++) if (i !== 4 && i !== 11) wellbeing.answer(i, 3);
    expect(wellbeing.answered).toBe(28);
    expect(await wellbeing.submitProqol(TODAY)).toBe(false);
    expect(wellbeing.submitError?.message).toMatch('Not yet answered: items 5, 12.');
    expect(fake.results).toHaveLength(0);
    wellbeing.answer(4, 3);
    wellbeing.answer(11, 3);
    expect(await wellbeing.submitProqol(TODAY)).toBe(true);
    expect(wellbeing.latest?.scores).toEqual({
      compassion_satisfaction: 30,
      burnout: 30,
      secondary_traumatic_stress: 30,
    });
    expect(wellbeing.taking).toBe(false);
    expect(wellbeing.due?.due).toBe(false);
    expect(wellbeing.due?.next_due).toBe('2027-02-28');
  });

  it('forgets everything on reset', async () => {
    fake.seedCheckIn('2026-11-28', r(4), 'private');
    await wellbeing.load(TODAY);
    wellbeing.reset();
    expect(wellbeing.checkIns).toEqual([]);
    expect(wellbeing.loaded).toBe(false);
    expect(daysBefore(TODAY, 365)).toBe('2025-11-30');
  });
});
