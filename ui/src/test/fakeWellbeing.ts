// A stand-in for the wellbeing and ProQOL commands, plugged into
// `FakeBackend` with `extend` (like FakeAgreements). It follows
// crates/core/src/wellbeing/: ratings 1–5 with the field named, no date
// after today, weekly (from Monday) and monthly averages, the two-week
// stress prompt, ProQOL scoring (reverse items 1, 4, 15, 17, 29; bands at
// 22/23 and 41/42), missing items named with nothing stored, and the
// 90-day offer. The item texts here are placeholders: the real ones come
// from Rust and are checked there.

import type {
  GentlePrompt,
  ProqolBand,
  ProqolQuestions,
  ProqolResult,
  TrendPeriod,
  WellbeingCheckIn,
  WellbeingCheckInInput,
  WellbeingTrendPoint,
} from '../lib/bindings';
import { UNHANDLED, type Args, type FakeBackend } from './fakeBackend';

const CS = [3, 6, 12, 16, 18, 20, 22, 24, 27, 30];
const BO = [1, 4, 8, 10, 15, 17, 19, 21, 26, 29];
const STS = [2, 5, 7, 9, 11, 13, 14, 23, 25, 28];
const REVERSED = [1, 4, 15, 17, 29];
const MEASURES = ['stress', 'energy', 'workload', 'sleep', 'secondary_trauma'] as const;
const NAMES = ['Stress', 'Energy', 'Workload', 'Sleep', 'Signs of secondary trauma'];

function invalid(message: string): never {
  throw { code: 'invalid_input', message };
}

function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function dayDiff(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

function periodStart(day: string, period: TrendPeriod): string {
  if (period === 'month') return `${day.slice(0, 8)}01`;
  const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(day, -weekday);
}

export function band(sum: number): ProqolBand {
  return sum <= 22 ? 'low' : sum <= 41 ? 'moderate' : 'high';
}

export const FAKE_QUESTIONS: ProqolQuestions = {
  title: 'ProQOL (test)',
  instructions: 'Instructions (test).',
  scale: ['Never', 'Rarely', 'Sometimes', 'Often', 'Very Often'],
  items: Array.from({ length: 30 }, (_, i) => ({ number: i + 1, text: `Item ${i + 1} (test).` })),
  credit: 'Credit line (test): The Center for Victims of Torture, www.ProQOL.org',
  link: 'https://www.proqol.org',
  concerns: 'Concerns (test).',
  explain_compassion_satisfaction: 'About compassion satisfaction (test).',
  explain_burnout: 'About burnout (test).',
  explain_secondary_traumatic_stress: 'About secondary traumatic stress (test).',
};

export class FakeWellbeing {
  checkIns: WellbeingCheckIn[] = [];
  results: ProqolResult[] = [];
  /** Answers as stored (to prove they are never returned). */
  stored: number[][] = [];
  damaged = 0;
  #next = 1;

  constructor(backend: FakeBackend) {
    backend.extend((cmd, args) => this.#handle(cmd, args));
  }

  #id(): string {
    return `00000000-0000-4000-9000-${String(this.#next++).padStart(12, '0')}`;
  }

  seedCheckIn(date: string, ratings: WellbeingCheckIn['ratings'], note = ''): WellbeingCheckIn {
    const c: WellbeingCheckIn = {
      id: this.#id(),
      created_at: `${date}T12:00:00.000Z`,
      date,
      ratings,
      note,
      entry_id: null,
    };
    this.checkIns.push(c);
    return c;
  }

  seedResult(takenOn: string, answers: number[]): ProqolResult {
    return this.#score(answers, takenOn);
  }

  #score(answers: number[], takenOn: string): ProqolResult {
    const sum = (items: number[]) =>
      items.reduce((s, n) => s + (REVERSED.includes(n) ? 6 - answers[n - 1] : answers[n - 1]), 0);
    const scores = { compassion_satisfaction: sum(CS), burnout: sum(BO), secondary_traumatic_stress: sum(STS) };
    const r: ProqolResult = {
      id: this.#id(),
      created_at: `${takenOn}T12:00:00.000Z`,
      taken_on: takenOn,
      scores,
      bands: {
        compassion_satisfaction: band(scores.compassion_satisfaction),
        burnout: band(scores.burnout),
        secondary_traumatic_stress: band(scores.secondary_traumatic_stress),
      },
    };
    this.stored.push(answers);
    this.results.push(r);
    return r;
  }

  #sorted(): WellbeingCheckIn[] {
    return [...this.checkIns].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  }

  #trends(from: string, to: string, period: TrendPeriod): WellbeingTrendPoint[] {
    const groups = new Map<string, WellbeingCheckIn[]>();
    for (const c of this.checkIns.filter((c) => c.date >= from && c.date <= to)) {
      const k = periodStart(c.date, period);
      groups.set(k, [...(groups.get(k) ?? []), c]);
    }
    return [...groups.keys()].sort().map((start) => {
      const list = groups.get(start)!;
      const avg = (m: (typeof MEASURES)[number]) => list.reduce((s, c) => s + c.ratings[m], 0) / list.length;
      return {
        start,
        count: list.length,
        stress: avg('stress'),
        energy: avg('energy'),
        workload: avg('workload'),
        sleep: avg('sleep'),
        secondary_trauma: avg('secondary_trauma'),
      };
    });
  }

  #prompt(today: string): GentlePrompt | null {
    const first = addDays(today, -13);
    const window = this.checkIns.filter((c) => c.date >= first && c.date <= today);
    if (window.length < 3) return null;
    const dates = window.map((c) => c.date).sort();
    if (dayDiff(dates[0], dates[dates.length - 1]) < 10) return null;
    if (window.some((c) => c.ratings.stress < 4)) return null;
    return {
      message: 'Your stress has been high in every check-in for about two weeks.',
      check_ins: window.length,
      since: dates[0],
    };
  }

  #handle(cmd: string, args: Args): unknown {
    switch (cmd) {
      case 'wellbeing_check_in_create': {
        const input = args.input as WellbeingCheckInInput;
        MEASURES.forEach((m, i) => {
          const v = input.ratings[m];
          if (!(v >= 1 && v <= 5)) invalid(`${NAMES[i]} must be from 1 to 5, not ${v}.`);
        });
        if (input.date > (args.today as string)) invalid("The check-in's date cannot be after today.");
        return this.seedCheckIn(input.date, input.ratings, input.note.trim());
      }
      case 'wellbeing_check_ins':
        return { check_ins: this.#sorted(), damaged: this.damaged };
      case 'wellbeing_check_in_delete': {
        const before = this.checkIns.length;
        this.checkIns = this.checkIns.filter((c) => c.id !== args.id);
        if (this.checkIns.length === before) throw { code: 'not_found', message: 'That check-in was not found.' };
        return null;
      }
      case 'wellbeing_trends':
        return this.#trends(args.from as string, args.to as string, args.period as TrendPeriod);
      case 'wellbeing_prompt':
        return this.#prompt(args.today as string);
      case 'proqol_questions':
        return FAKE_QUESTIONS;
      case 'proqol_submit': {
        const answers = args.answers as (number | null)[];
        if (answers.length !== 30) invalid(`The ProQOL has 30 items; ${answers.length} answers were sent.`);
        const missing = answers.flatMap((a, i) => (a === null ? [i + 1] : []));
        if (missing.length > 0) {
          invalid(
            `The ProQOL is scored only when every item is answered. Not yet answered: ${missing.length === 1 ? 'item' : 'items'} ${missing.join(', ')}.`,
          );
        }
        return this.#score(answers as number[], args.today as string);
      }
      case 'proqol_results':
        return {
          results: [...this.results].sort((a, b) => (a.taken_on < b.taken_on ? 1 : -1)),
          damaged: 0,
        };
      case 'proqol_due': {
        const today = args.today as string;
        const last = this.results.map((r) => r.taken_on).filter((d) => d <= today).sort().pop() ?? null;
        const next = last === null ? today : addDays(last, 90);
        const due = next <= today;
        return { due, last_taken: last, next_due: due ? today : next };
      }
      default:
        return UNHANDLED;
    }
  }
}
