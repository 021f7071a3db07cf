// The owner's wellbeing: check-ins, their trends, the gentle prompt, and the
// ProQOL 5 (questions from Rust, answers kept here until submitted, results
// and when the next is offered). The only caller of the wellbeing api. It
// holds what the person typed, so `reset()` runs on lock.

import { toAppError } from '../api';
import * as wellbeingApi from '../api/wellbeing';
import {
  LIMITS,
  type AppError,
  type GentlePrompt,
  type ProqolBand,
  type ProqolDue,
  type ProqolQuestions,
  type ProqolResult,
  type TrendPeriod,
  type WellbeingCheckIn,
  type WellbeingCheckInInput,
  type WellbeingRatings,
  type WellbeingTrendPoint,
} from '../bindings';
import { invalidInput } from '../errors';
import { localToday } from './exceptions.svelte';
import { forgetOnLock } from './onLock';

export const NOTE_CHARS = LIMITS.wellbeing_note_chars;
export const PROQOL_ITEMS = LIMITS.proqol_items;

export type Measure = keyof WellbeingRatings;

/** The five measures in the order the card asks them, with what 1 and 5 mean. */
export const MEASURES: readonly { key: Measure; label: string; low: string; high: string }[] = [
  { key: 'stress', label: 'Stress', low: 'very low', high: 'very high' },
  { key: 'energy', label: 'Energy', low: 'very low', high: 'very high' },
  { key: 'workload', label: 'Workload', low: 'very light', high: 'very heavy' },
  { key: 'sleep', label: 'Sleep', low: 'very poor', high: 'very good' },
  { key: 'secondary_trauma', label: 'Signs of secondary trauma', low: 'none', high: 'many' },
];

export const BAND_LABELS: Record<ProqolBand, string> = {
  low: 'Low',
  moderate: 'Moderate',
  high: 'High',
};

export const PERIOD_LABELS: Record<TrendPeriod, string> = { week: 'Weeks', month: 'Months' };

/** A check-in being filled in: ratings are null until chosen. */
export interface CheckInDraft {
  date: string;
  ratings: Record<Measure, number | null>;
  note: string;
}

export function blankDraft(today: string = localToday()): CheckInDraft {
  return {
    date: today,
    ratings: { stress: null, energy: null, workload: null, sleep: null, secondary_trauma: null },
    note: '',
  };
}

/** The first day of a range reaching back `days` days before `today`. */
export function daysBefore(today: string, days: number): string {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

export class WellbeingStore {
  checkIns = $state<WellbeingCheckIn[]>([]);
  damaged = $state(0);
  loaded = $state(false);
  loading = $state(false);
  loadError = $state<AppError | null>(null);

  period = $state<TrendPeriod>('week');
  trends = $state<WellbeingTrendPoint[]>([]);
  prompt = $state<GentlePrompt | null>(null);

  draft = $state<CheckInDraft>(blankDraft());
  saving = $state(false);
  saveError = $state<AppError | null>(null);

  questions = $state<ProqolQuestions | null>(null);
  answers = $state<(number | null)[]>([]);
  taking = $state(false);
  submitting = $state(false);
  submitError = $state<AppError | null>(null);
  results = $state<ProqolResult[]>([]);
  proqolDamaged = $state(0);
  due = $state<ProqolDue | null>(null);
  /** The result just submitted, shown until the person moves on. */
  latest = $state<ProqolResult | null>(null);

  answered = $derived(this.answers.filter((a) => a !== null).length);

  /** The range trends cover: a year back from today. */
  range(today: string = localToday()): { from: string; to: string } {
    return { from: daysBefore(today, 365), to: today };
  }

  async load(today: string = localToday()): Promise<void> {
    this.loading = true;
    this.loadError = null;
    try {
      const { from, to } = this.range(today);
      const [list, trends, prompt, results, due] = await Promise.all([
        wellbeingApi.wellbeingCheckIns(),
        wellbeingApi.wellbeingTrends(from, to, this.period),
        wellbeingApi.wellbeingPrompt(today),
        wellbeingApi.proqolResults(),
        wellbeingApi.proqolDue(today),
      ]);
      this.checkIns = list.check_ins;
      this.damaged = list.damaged;
      this.trends = trends;
      this.prompt = prompt;
      this.results = results.results;
      this.proqolDamaged = results.damaged;
      this.due = due;
      this.loaded = true;
    } catch (e) {
      this.loadError = toAppError(e);
    } finally {
      this.loading = false;
    }
  }

  async setPeriod(period: TrendPeriod, today: string = localToday()): Promise<void> {
    this.period = period;
    try {
      const { from, to } = this.range(today);
      this.trends = await wellbeingApi.wellbeingTrends(from, to, period);
    } catch (e) {
      this.loadError = toAppError(e);
    }
  }

  /** Saves the draft; a missing rating is named before anything is sent. */
  async saveCheckIn(today: string = localToday()): Promise<boolean> {
    const missing = MEASURES.filter((m) => this.draft.ratings[m.key] === null).map((m) => m.label);
    if (missing.length > 0) {
      this.saveError = invalidInput(`Choose a rating for ${missing.join(', ')}.`);
      return false;
    }
    const r = this.draft.ratings;
    const input: WellbeingCheckInInput = {
      date: this.draft.date,
      ratings: {
        stress: r.stress ?? 0,
        energy: r.energy ?? 0,
        workload: r.workload ?? 0,
        sleep: r.sleep ?? 0,
        secondary_trauma: r.secondary_trauma ?? 0,
      },
      note: this.draft.note,
      entry_id: null,
    };
    this.saving = true;
    this.saveError = null;
    try {
      await wellbeingApi.wellbeingCheckInCreate(input, today);
      this.draft = blankDraft(today);
      await this.load(today);
      return true;
    } catch (e) {
      this.saveError = toAppError(e);
      return false;
    } finally {
      this.saving = false;
    }
  }

  async deleteCheckIn(id: string, today: string = localToday()): Promise<AppError | null> {
    try {
      await wellbeingApi.wellbeingCheckInDelete(id);
      await this.load(today);
      return null;
    } catch (e) {
      return toAppError(e);
    }
  }

  async startProqol(): Promise<void> {
    this.submitError = null;
    this.latest = null;
    try {
      this.questions ??= await wellbeingApi.proqolQuestions();
      this.answers = this.questions.items.map(() => null);
      this.taking = true;
    } catch (e) {
      this.submitError = toAppError(e);
    }
  }

  /** Loads the questions (for the credit line and explanations) without starting. */
  async loadQuestions(): Promise<void> {
    if (this.questions !== null) return;
    try {
      this.questions = await wellbeingApi.proqolQuestions();
    } catch (e) {
      this.loadError = toAppError(e);
    }
  }

  answer(index: number, value: number): void {
    this.answers[index] = value;
  }

  cancelProqol(): void {
    this.taking = false;
    this.answers = [];
    this.submitError = null;
  }

  /** Sends the answers; Rust names any missing items and stores nothing then. */
  async submitProqol(today: string = localToday()): Promise<boolean> {
    this.submitting = true;
    this.submitError = null;
    try {
      const result = await wellbeingApi.proqolSubmit(this.answers, today);
      this.taking = false;
      this.answers = [];
      this.latest = result;
      await this.load(today);
      return true;
    } catch (e) {
      this.submitError = toAppError(e);
      return false;
    } finally {
      this.submitting = false;
    }
  }

  reset(): void {
    this.checkIns = [];
    this.damaged = 0;
    this.loaded = false;
    this.loadError = null;
    this.trends = [];
    this.prompt = null;
    this.draft = blankDraft();
    this.saveError = null;
    this.answers = [];
    this.taking = false;
    this.submitError = null;
    this.results = [];
    this.proqolDamaged = 0;
    this.due = null;
    this.latest = null;
  }
}

export const wellbeing = new WellbeingStore();
forgetOnLock(() => wellbeing.reset());
