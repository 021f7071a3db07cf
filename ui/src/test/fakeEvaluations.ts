// A stand-in for the evaluations, supervision check and ending commands,
// plugged into `FakeBackend` with `extend`. It follows
// crates/core/src/evaluations/: the areas seeded at first use (the three
// functions, then the skills), ratings 1–5 with the core's messages, at
// least one area rated, action plan items given goal ids, checks with an
// evaluation linked both ways, an ending refused for an archived person or
// before the start, and confirmed by archiving the person.

import type {
  CheckSides,
  CompetencyArea,
  Ending,
  EndingInput,
  Evaluation,
  EvaluationForm,
  EvaluationInput,
  SupervisionCheck,
  SupervisionCheckInput,
  SupervisionFunction,
  TerminationSummary,
} from '../lib/bindings';
import { UNHANDLED, type Args, type FakeBackend } from './fakeBackend';

export const FUNCTION_AREAS: [SupervisionFunction, string][] = [
  ['normative', 'Ethics, standards and accountability'],
  ['formative', 'Knowledge and skills'],
  ['restorative', 'Wellbeing, resilience and self-care'],
];

const SCALE: [number, string, string][] = [
  [1, 'Not yet evident', 'Not yet seen in practice; needs direct teaching.'],
  [2, 'Emerging', 'Seen at times, with close guidance.'],
  [3, 'Developing', 'Seen regularly; still needs some guidance.'],
  [4, 'Competent', 'Seen consistently, working independently.'],
  [5, 'Advanced', 'Consistent, reflective, and able to guide others.'],
];

const CHECK_SCALE: [number, string, string][] = [
  [1, 'Strongly disagree', 'This is not how supervision feels.'],
  [2, 'Disagree', 'This is mostly not how supervision feels.'],
  [3, 'Neither', 'Sometimes yes, sometimes no.'],
  [4, 'Agree', 'This is mostly how supervision feels.'],
  [5, 'Strongly agree', 'This is how supervision feels.'],
];

function invalid(message: string): never {
  throw { code: 'invalid_input', message };
}

function rating(what: string, v: number | null): void {
  if (v !== null && (v < 1 || v > 5)) invalid(`${what} is ${v}; ratings are 1 to 5.`);
}

function checkSides(s: CheckSides): void {
  for (const [side, a] of [
    ['supervisor', s.supervisor],
    ['supervisee', s.supervisee],
  ] as const) {
    rating(`The ${side}'s answer on trust`, a.trust);
    rating(`The ${side}'s answer on collaboration`, a.collaboration);
    rating(`The ${side}'s answer on power balance`, a.power_balance);
  }
}

export class FakeEvaluations {
  areas: CompetencyArea[] = [];
  evaluations: Evaluation[] = [];
  checks: SupervisionCheck[] = [];
  endings: Ending[] = [];
  /** What the ending's summary reports (the fake does not count sessions). */
  summary: Omit<TerminationSummary, 'end_date'> = {
    start_date: '2026-01-05',
    sessions_held: 0,
    hours_by_form: [],
    total_minutes: 0,
    goals_met: [],
    goals_open: [],
    outstanding: [],
    evaluations: 0,
  };
  /** Saved letters, by person id (the dialog is the OS's; a test says what it answers). */
  letters: string[] = [];
  letterAnswer = true;
  today = '2026-03-02';
  #backend: FakeBackend;
  #next = 1;

  constructor(backend: FakeBackend) {
    this.#backend = backend;
    backend.extend((cmd, args) => this.#handle(cmd, args));
  }

  #id(): string {
    return `00000000-0000-4000-9000-${String(this.#next++).padStart(12, '0')}`;
  }

  #seed(): void {
    if (this.areas.length > 0) return;
    for (const [fn, name] of FUNCTION_AREAS) {
      this.areas.push({ id: this.#id(), name, function: fn, skill_id: null, retired: false, damaged: false });
    }
  }

  #form(): EvaluationForm {
    this.#seed();
    const steps = (s: [number, string, string][]) => s.map(([value, label, descriptor]) => ({ value, label, descriptor }));
    return {
      areas: this.areas.map((a) => ({ ...a })),
      scale: steps(SCALE),
      check_scale: steps(CHECK_SCALE),
      check_questions: [
        { topic: 'trust', statement: 'I can speak openly in supervision, including about mistakes.' },
        { topic: 'collaboration', statement: 'We decide together what supervision works on.' },
        { topic: 'power_balance', statement: 'Power is shared: neither of us holds all of it.' },
      ],
      text_chars: 4000,
      line_chars: 200,
      max_action_items: 20,
      max_referrals: 20,
    };
  }

  #person(id: string) {
    const p = this.#backend.people.find((x) => x.id === id);
    if (!p) throw { code: 'not_found', message: 'That person was not found.' };
    return p;
  }

  #create(personId: string, input: EvaluationInput): Evaluation {
    const p = this.#person(personId);
    if (p.archived) {
      invalid(
        `${input.kind === 'final' ? 'A final evaluation' : 'A midpoint evaluation'} cannot be made for someone archived: their supervision has ended. Restore them first if it continues.`,
      );
    }
    if (input.date > this.today) invalid('The date of the evaluation is in the future.');
    const ratings = input.ratings.map((r) => {
      const area = this.areas.find((a) => a.id === r.area_id);
      if (!area) invalid('A rated area is not on the competency areas list.');
      rating(`The supervisor's rating for “${area.name}”`, r.supervisor);
      rating(`The supervisee's rating for “${area.name}”`, r.supervisee);
      return { ...r, area_name: area.name, function: area.function };
    });
    if (!ratings.some((r) => r.supervisor !== null || r.supervisee !== null)) invalid('Rate at least one competency area.');
    input.action_plan.forEach((item, i) => {
      if (item.title.trim() === '') invalid(`Action plan item ${i + 1} has no title.`);
    });
    if (input.check) checkSides(input.check);
    const id = this.#id();
    let checkId: string | null = null;
    if (input.check) {
      checkId = this.#id();
      this.checks.push({
        id: checkId,
        person_id: personId,
        recorded_at: `${this.today}T12:00:00Z`,
        date: input.date,
        occasion: 'evaluation',
        evaluation_id: id,
        sides: input.check,
        supervisee_entered_by: 'supervisor_by_hand',
      });
    }
    const e: Evaluation = {
      id,
      person_id: personId,
      recorded_at: `${this.today}T12:00:00Z`,
      kind: input.kind,
      date: input.date,
      ratings,
      supervisee_entered_by: 'supervisor_by_hand',
      supervisor_comments: input.supervisor_comments.trim(),
      supervisee_comments: input.supervisee_comments.trim(),
      action_plan: input.action_plan.map((item) => ({ ...item, title: item.title.trim(), goal_id: this.#id() })),
      check_id: checkId,
    };
    this.evaluations.push(e);
    return e;
  }

  #createCheck(personId: string, input: SupervisionCheckInput): SupervisionCheck {
    this.#person(personId);
    checkSides(input.sides);
    const c: SupervisionCheck = {
      id: this.#id(),
      person_id: personId,
      recorded_at: `${this.today}T12:00:00Z`,
      date: input.date,
      occasion: input.occasion,
      evaluation_id: null,
      sides: input.sides,
      supervisee_entered_by: 'supervisor_by_hand',
    };
    this.checks.push(c);
    return c;
  }

  #preview(personId: string, input: EndingInput): TerminationSummary {
    const p = this.#person(personId);
    if (p.archived) invalid('An ending cannot be made for someone archived: their supervision has ended. Restore them first if it continues.');
    if (input.end_date > this.today) invalid('The ending date is in the future.');
    if (this.summary.start_date !== null && input.end_date < this.summary.start_date) {
      invalid(`The ending date is before supervision started (${this.summary.start_date}).`);
    }
    input.referrals.forEach((r, i) => {
      if (r.to.trim() === '') invalid(`Referral ${i + 1} does not say to whom or where.`);
    });
    return {
      ...this.summary,
      end_date: input.end_date,
      evaluations: this.evaluations.filter((e) => e.person_id === personId).length,
    };
  }

  #handle(cmd: string, args: Args): unknown {
    const personId = args.personId as string;
    switch (cmd) {
      case 'evaluation_form':
        return this.#form();
      case 'competency_area_add': {
        this.#seed();
        const name = (args.name as string).trim();
        if (name === '') throw { code: 'empty', message: "The area's name is empty. Write something first." };
        if (this.areas.some((a) => !a.retired && a.name.toLowerCase() === name.toLowerCase())) {
          invalid('There is already a competency area with that name.');
        }
        const area: CompetencyArea = {
          id: this.#id(),
          name,
          function: (args.areaFunction as SupervisionFunction | null) ?? null,
          skill_id: null,
          retired: false,
          damaged: false,
        };
        this.areas.push(area);
        return area;
      }
      case 'competency_area_retire': {
        const area = this.areas.find((a) => a.id === args.id);
        if (!area) throw { code: 'not_found', message: 'That competency area was not found.' };
        area.retired = true;
        return { ...area };
      }
      case 'evaluations_list':
        this.#person(personId);
        return {
          evaluations: this.evaluations.filter((e) => e.person_id === personId).reverse(),
          damaged: [],
        };
      case 'evaluation_create':
        return this.#create(personId, args.input as EvaluationInput);
      case 'supervision_checks_list':
        return { checks: this.checks.filter((c) => c.person_id === personId).reverse(), damaged: [] };
      case 'supervision_check_create':
        return this.#createCheck(personId, args.input as SupervisionCheckInput);
      case 'ending_preview':
        return this.#preview(personId, args.input as EndingInput);
      case 'ending_confirm': {
        const input = args.input as EndingInput;
        const summary = this.#preview(personId, input);
        const ending: Ending = {
          id: this.#id(),
          person_id: personId,
          recorded_at: `${this.today}T12:00:00Z`,
          input,
          summary,
        };
        this.endings.push(ending);
        const p = this.#person(personId);
        p.archived = true;
        p.fields = { ...p.fields, end_date: input.end_date };
        return ending;
      }
      case 'ending_get': {
        this.#person(personId);
        const mine = this.endings.filter((e) => e.person_id === personId);
        return mine[mine.length - 1] ?? null;
      }
      case 'ending_save_letter':
        if (!this.endings.some((e) => e.person_id === personId)) {
          invalid('Confirm the ending first: the letter covers supervision up to the ending date.');
        }
        if (this.letterAnswer) this.letters.push(personId);
        return this.letterAnswer;
      default:
        return UNHANDLED;
    }
  }
}
