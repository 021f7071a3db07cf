// Evaluations, supervision checks and the ending of one supervisee: the
// form's areas and scales (from Rust), the lists, the ending's preview and
// confirmation, and the verification letter's save. Holds decrypted text,
// so `reset()` runs on lock.

import * as evaluationsApi from '../api/evaluations';
import type {
  AppError,
  CheckAnswers,
  CheckList,
  CheckOccasion,
  CheckSides,
  Ending,
  EndingInput,
  EvaluationForm,
  EvaluationInput,
  EvaluationKind,
  EvaluationList,
  ReferralKind,
  SupervisionFunction,
  TerminationSummary,
} from '../bindings';
import { toAppError } from '../errors';
import { goals, todayDay } from './goals.svelte';
import { people } from './people.svelte';
import { forgetOnLock } from './onLock';

export const KIND_LABELS: Record<EvaluationKind, string> = {
  midpoint: 'Midpoint evaluation',
  final: 'Final evaluation',
};

export const FUNCTION_LABELS: Record<SupervisionFunction, string> = {
  normative: 'Normative',
  formative: 'Formative',
  restorative: 'Restorative',
};

export const OCCASION_LABELS: Record<CheckOccasion, string> = {
  evaluation: 'With an evaluation',
  agreement_review: 'At an agreement review',
  other: 'Another time',
};

export const REFERRAL_LABELS: Record<ReferralKind, string> = {
  supervisor: 'Another supervisor',
  training: 'Training or a course',
  personal_therapy: 'Personal therapy',
  peer_support: 'Peer support',
  other: 'Other',
};

export const REFERRAL_ORDER: readonly ReferralKind[] = [
  'supervisor',
  'training',
  'personal_therapy',
  'peer_support',
  'other',
];

export const FORM_LABELS: Record<string, string> = {
  individual: 'Individual',
  triadic: 'Triadic',
  group: 'Group',
  direct_observation: 'Direct observation',
};

/** Minutes as decimal hours with two places, as the letter prints them. */
export function hours(minutes: number): string {
  const hundredths = Math.floor((minutes * 100 + 30) / 60);
  return `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
}

export function emptyAnswers(): CheckAnswers {
  return { trust: null, collaboration: null, power_balance: null, comment: '' };
}

export function emptySides(): CheckSides {
  return { supervisor: emptyAnswers(), supervisee: emptyAnswers() };
}

export function hasAnswers(sides: CheckSides): boolean {
  const any = (a: CheckAnswers) =>
    a.trust !== null || a.collaboration !== null || a.power_balance !== null || a.comment.trim() !== '';
  return any(sides.supervisor) || any(sides.supervisee);
}

/** A new evaluation of `kind` dated today, every area in use unrated. */
export function newEvaluation(form: EvaluationForm, kind: EvaluationKind, today: string = todayDay()): EvaluationInput {
  return {
    kind,
    date: today,
    ratings: form.areas
      .filter((a) => !a.retired && !a.damaged)
      .map((a) => ({ area_id: a.id, supervisor: null, supervisee: null, comment: '' })),
    supervisor_comments: '',
    supervisee_comments: '',
    action_plan: [],
    check: null,
  };
}

export function newEnding(today: string = todayDay()): EndingInput {
  return { end_date: today, reason: '', referrals: [] };
}

const EMPTY_LIST: EvaluationList = { evaluations: [], damaged: [] };
const EMPTY_CHECKS: CheckList = { checks: [], damaged: [] };

export class EvaluationsStore {
  personId = $state<string | null>(null);
  form = $state<EvaluationForm | null>(null);
  list = $state<EvaluationList>(EMPTY_LIST);
  checks = $state<CheckList>(EMPTY_CHECKS);
  ending = $state<Ending | null>(null);
  loaded = $state(false);
  loadError = $state<AppError | null>(null);
  busy = $state(false);
  notice = $state('');
  /** The summary shown before an ending is confirmed. */
  preview = $state<TerminationSummary | null>(null);

  #generation = 0;

  async load(personId: string): Promise<void> {
    const generation = ++this.#generation;
    if (this.personId !== personId) {
      this.list = EMPTY_LIST;
      this.checks = EMPTY_CHECKS;
      this.ending = null;
      this.preview = null;
      this.loaded = false;
      this.notice = '';
    }
    this.personId = personId;
    this.loadError = null;
    try {
      const [form, list, checks, ending] = await Promise.all([
        evaluationsApi.evaluationForm(),
        evaluationsApi.evaluationsList(personId),
        evaluationsApi.supervisionChecksList(personId),
        evaluationsApi.endingGet(personId),
      ]);
      if (generation !== this.#generation) return;
      this.form = form;
      this.list = list;
      this.checks = checks;
      this.ending = ending;
    } catch (reason) {
      if (generation === this.#generation) this.loadError = toAppError(reason);
    } finally {
      if (generation === this.#generation) this.loaded = true;
    }
  }

  /** Runs a write, refusing a second one meanwhile; rejects with an `AppError`. */
  async #write<T>(f: (personId: string) => Promise<T>): Promise<T> {
    const personId = this.personId;
    if (personId === null) throw toAppError(null);
    this.busy = true;
    this.notice = '';
    try {
      return await f(personId);
    } catch (reason) {
      throw toAppError(reason);
    } finally {
      this.busy = false;
    }
  }

  async create(input: EvaluationInput): Promise<void> {
    const generation = this.#generation;
    const made = await this.#write((p) => evaluationsApi.evaluationCreate(p, input));
    if (generation !== this.#generation) return;
    this.list = { ...this.list, evaluations: [made, ...this.list.evaluations] };
    const personId = made.person_id;
    const goalsMade = made.action_plan.filter((i) => i.goal_id !== null).length;
    this.notice =
      goalsMade === 0
        ? `The ${KIND_LABELS[made.kind].toLowerCase()} was saved.`
        : `The ${KIND_LABELS[made.kind].toLowerCase()} was saved, and its action plan set ${goalsMade} ${goalsMade === 1 ? 'goal' : 'goals'}.`;
    if (made.check_id !== null) this.checks = await evaluationsApi.supervisionChecksList(personId);
    if (goals.personId === personId) void goals.loadPerson(personId);
  }

  async createCheck(date: string, occasion: CheckOccasion, sides: CheckSides): Promise<void> {
    const generation = this.#generation;
    const made = await this.#write((p) => evaluationsApi.supervisionCheckCreate(p, { date, occasion, sides }));
    if (generation !== this.#generation) return;
    this.checks = { ...this.checks, checks: [made, ...this.checks.checks] };
    this.notice = 'The supervision check was saved.';
  }

  async addArea(name: string, fn: SupervisionFunction | null): Promise<void> {
    const generation = this.#generation;
    const area = await this.#write(() => evaluationsApi.competencyAreaAdd(name, fn));
    if (generation !== this.#generation || this.form === null) return;
    this.form = { ...this.form, areas: [...this.form.areas, area] };
  }

  async retireArea(id: string): Promise<void> {
    const generation = this.#generation;
    const area = await this.#write(() => evaluationsApi.competencyAreaRetire(id));
    if (generation !== this.#generation || this.form === null) return;
    this.form = { ...this.form, areas: this.form.areas.map((a) => (a.id === id ? area : a)) };
  }

  async previewEnding(input: EndingInput): Promise<void> {
    const generation = this.#generation;
    const summary = await this.#write((p) => evaluationsApi.endingPreview(p, input));
    if (generation === this.#generation) this.preview = summary;
  }

  async confirmEnding(input: EndingInput): Promise<void> {
    const generation = this.#generation;
    const ending = await this.#write((p) => evaluationsApi.endingConfirm(p, input));
    if (generation !== this.#generation) return;
    this.ending = ending;
    this.preview = null;
    this.notice = 'Supervision has ended. The person is archived; everything is kept.';
    if (people.person?.id === ending.person_id) await people.open(ending.person_id);
  }

  /** Saves the letter where the person chooses (Rust asks); false when they cancelled. */
  async saveLetter(): Promise<boolean> {
    return this.#write((p) => evaluationsApi.endingSaveLetter(p));
  }

  /** Forgets everything decrypted (on lock). */
  reset(): void {
    this.#generation += 1;
    this.personId = null;
    this.form = null;
    this.list = EMPTY_LIST;
    this.checks = EMPTY_CHECKS;
    this.ending = null;
    this.preview = null;
    this.loaded = false;
    this.loadError = null;
    this.busy = false;
    this.notice = '';
  }
}

export const evaluations = new EvaluationsStore();
forgetOnLock(() => evaluations.reset());
