// A stand-in for the goals, skills, development stage and coaching
// commands, plugged into `FakeBackend` with `extend`. It follows
// crates/core/src/goals/: the skills list seeded at first use, goals for a
// supervisee or the owner, status changes and edits kept as history,
// check-ins refused on dropped or revised goals and rated 1–5, the check-in
// rule, and direct observations and case reviews linked to a goal shown on
// its timeline.

import {
  LIMITS,
  type CheckIn,
  type CheckInInput,
  type CoachingInput,
  type CoachingRecord,
  type GoalDetail,
  type GoalFields,
  type GoalStatus,
  type GoalSummary,
  type Skill,
  type StageEntry,
  type StageInput,
  type TimelineEntry,
} from '../lib/bindings';
import { UNHANDLED, type Args, type FakeBackend } from './fakeBackend';

export const SEED_SKILLS = [
  'Trauma-informed care',
  'Crisis intervention',
  'De-escalation',
  'Cultural competence',
  'Advocacy',
  'Case management',
];

interface StoredGoal {
  id: string;
  person_id: string | null;
  created_at: string;
  created_on: string;
  fields: GoalFields;
  status: GoalStatus;
  history: TimelineEntry[];
}

function invalid(message: string): never {
  throw { code: 'invalid_input', message };
}

function empty(what: string): never {
  throw { code: 'empty', message: `${what} is empty. Write something first.` };
}

function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export class FakeGoals {
  skills: Skill[] = [];
  goals: StoredGoal[] = [];
  checkIns: (CheckIn & { goal_id: string })[] = [];
  stages: (StageEntry & { person_id: string })[] = [];
  coaching: CoachingRecord[] = [];
  /** Ids of goals whose stored record fails its integrity check. */
  damaged = new Set<string>();
  /** Follow-ups scheduled (what `Schedule::create` would get). */
  followUps: CoachingInput['follow_up'][] = [];
  /** "Today" for dates: the local day, as the forms default to it. */
  today = localDay(new Date());
  #backend: FakeBackend;
  #next = 1;

  constructor(backend: FakeBackend) {
    this.#backend = backend;
    backend.extend((cmd, args) => this.#handle(cmd, args));
  }

  #id(): string {
    const n = String(this.#next++).padStart(12, '0');
    return `00000000-0000-4000-8000-${n}`;
  }

  #now(): string {
    return `${this.today}T12:00:${String(this.#next % 60).padStart(2, '0')}.000Z`;
  }

  seedSkills(): void {
    if (this.skills.length > 0) return;
    for (const name of SEED_SKILLS) this.skills.push({ id: this.#id(), name, retired: false, damaged: false });
  }

  skillId(name: string): string {
    this.seedSkills();
    const skill = this.skills.find((s) => s.name === name);
    if (!skill) throw new Error(`no skill ${name}`);
    return skill.id;
  }

  /** Adds a goal directly (set on `createdOn`). */
  seedGoal(personId: string | null, fields: Partial<GoalFields> & { title: string }, createdOn = this.today): GoalSummary {
    const goal: StoredGoal = {
      id: this.#id(),
      person_id: personId,
      created_at: `${createdOn}T09:00:00.000Z`,
      created_on: createdOn,
      fields: {
        description: '',
        term: 'short',
        target_date: null,
        skill_ids: [],
        check_in_weeks: LIMITS.goal_default_check_in_weeks,
        ...fields,
      },
      status: 'active',
      history: [],
    };
    this.goals.push(goal);
    return this.#summary(goal);
  }

  #supervisee(personId: unknown): string {
    const person = this.#backend.people.find((p) => p.id === personId);
    if (!person) throw { code: 'not_found', message: 'That person was not found. It may have been deleted.' };
    if (person.fields.kind !== 'person' || person.fields.relation !== 'i_supervise') {
      invalid('Goals, development stages and coaching records are kept for people you supervise.');
    }
    return person.id;
  }

  #goal(id: unknown): StoredGoal {
    const goal = this.goals.find((g) => g.id === id);
    if (!goal) throw { code: 'not_found', message: 'That goal was not found. It may have been deleted.' };
    return goal;
  }

  #checkInsOf(goal: StoredGoal): CheckIn[] {
    return this.checkIns
      .filter((c) => c.goal_id === goal.id)
      .map(({ id, recorded_at, fields }) => ({ id, recorded_at, fields }))
      .sort((a, b) => (a.fields.date + a.recorded_at).localeCompare(b.fields.date + b.recorded_at));
  }

  #summary(goal: StoredGoal): GoalSummary {
    const all = this.#checkInsOf(goal);
    const last = all[all.length - 1];
    const from = last && last.fields.date > goal.created_on ? last.fields.date : goal.created_on;
    return {
      goal: {
        id: goal.id,
        person_id: goal.person_id,
        created_at: goal.created_at,
        created_on: goal.created_on,
        updated_at: goal.created_at,
        fields: structuredClone(goal.fields),
        status: goal.status,
      },
      last_check_in: last?.fields.date ?? null,
      last_rating: last?.fields.rating ?? null,
      next_check_in: addDays(from, goal.fields.check_in_weeks * 7),
    };
  }

  #detail(goal: StoredGoal): GoalDetail {
    const timeline: TimelineEntry[] = [
      { on: goal.created_on, recorded_at: goal.created_at, event: { type: 'created', title: goal.fields.title } },
      ...structuredClone(goal.history),
      ...this.#checkInsOf(goal).map(
        (c): TimelineEntry => ({ on: c.fields.date, recorded_at: c.recorded_at, event: { type: 'check_in', check_in: c } }),
      ),
      ...this.coaching
        .filter((r) => r.goal_id === goal.id && (r.method === 'direct_observation' || r.method === 'case_review'))
        .map((r): TimelineEntry => ({ on: r.date, recorded_at: r.recorded_at, event: { type: 'coaching', record: r } })),
    ];
    timeline.sort((a, b) => (a.on + a.recorded_at).localeCompare(b.on + b.recorded_at));
    return { summary: this.#summary(goal), timeline };
  }

  #fields(f: GoalFields, createdOn: string, already: string[]): GoalFields {
    const title = f.title.trim();
    if (title === '') empty("The goal's title");
    if (f.target_date !== null && f.target_date < createdOn) {
      invalid('The target date is before the day the goal was set.');
    }
    const weeks = LIMITS.goal_check_in_weeks;
    if (f.check_in_weeks < weeks.min || f.check_in_weeks > weeks.max) {
      invalid(`Check-ins are every ${weeks.min} to ${weeks.max} weeks.`);
    }
    for (const id of f.skill_ids) {
      const skill = this.skills.find((s) => s.id === id);
      if (!skill) invalid('A linked skill is not on the skills list.');
      if (skill.retired && !already.includes(id)) invalid('A chosen skill is retired; choose a skill in use.');
    }
    return { ...f, title, description: f.description.trim() };
  }

  #list(goals: StoredGoal[]) {
    return {
      goals: goals.filter((g) => !this.damaged.has(g.id)).map((g) => this.#summary(g)),
      damaged: goals.filter((g) => this.damaged.has(g.id)).map((g) => g.id),
    };
  }

  #handle(cmd: string, args: Args): unknown {
    switch (cmd) {
      case 'skills_list':
        this.seedSkills();
        return structuredClone(this.skills);
      case 'skill_add': {
        this.seedSkills();
        const name = String(args.name).trim();
        if (name === '') empty("The skill's name");
        if (this.skills.some((s) => !s.retired && s.name.toLowerCase() === name.toLowerCase())) {
          invalid('There is already a skill with that name.');
        }
        const skill: Skill = { id: this.#id(), name, retired: false, damaged: false };
        this.skills.push(skill);
        return structuredClone(skill);
      }
      case 'skill_rename': {
        const skill = this.skills.find((s) => s.id === args.id);
        if (!skill) throw { code: 'not_found', message: 'That skill was not found.' };
        const name = String(args.name).trim();
        if (name === '') empty("The skill's name");
        skill.name = name;
        return structuredClone(skill);
      }
      case 'skill_retire': {
        const skill = this.skills.find((s) => s.id === args.id);
        if (!skill) throw { code: 'not_found', message: 'That skill was not found.' };
        if (skill.retired) invalid('That skill is already retired.');
        skill.retired = true;
        return structuredClone(skill);
      }
      case 'goals_all':
        return this.#list(this.goals);
      case 'goals_list': {
        const person = args.personId === null ? null : this.#supervisee(args.personId);
        return this.#list(this.goals.filter((g) => g.person_id === person));
      }
      case 'goals_due': {
        const person = args.personId === null ? null : this.#supervisee(args.personId);
        const on = String(args.date);
        return this.goals
          .filter((g) => g.person_id === person)
          .map((g) => this.#summary(g))
          .filter(
            (s) =>
              s.goal.status === 'active' &&
              (s.next_check_in <= on || (s.goal.fields.target_date !== null && s.goal.fields.target_date < on)),
          );
      }
      case 'goal_get':
        if (this.damaged.has(String(args.id))) {
          throw { code: 'integrity', message: 'This goal is damaged and cannot be opened: it failed its integrity check. Nothing was shown from it.' };
        }
        return this.#detail(this.#goal(args.id));
      case 'goal_save_pdf':
        // Rust asks where to save; true when saved, false when cancelled.
        this.#goal(args.id);
        return true;
      case 'goal_create': {
        const person = args.personId === null ? null : this.#supervisee(args.personId);
        const fields = this.#fields(args.fields as GoalFields, this.today, []);
        const summary = this.seedGoal(person, fields, this.today);
        return this.#detail(this.#goal(summary.goal.id));
      }
      case 'goal_update': {
        const goal = this.#goal(args.id);
        const fields = this.#fields(args.fields as GoalFields, goal.created_on, goal.fields.skill_ids);
        const changed = (['title', 'description', 'term', 'target_date', 'check_in_weeks'] as const)
          .filter((k) => goal.fields[k] !== fields[k])
          .map((k) => k.replace('_', ' '));
        if (goal.fields.skill_ids.join() !== fields.skill_ids.join()) changed.push('skills');
        if (changed.length === 0) invalid('Nothing was changed.');
        goal.fields = fields;
        goal.history.push({ on: this.today, recorded_at: this.#now(), event: { type: 'edited', changed } });
        return this.#detail(goal);
      }
      case 'goal_set_status': {
        const goal = this.#goal(args.id);
        const status = args.status as GoalStatus;
        const on = String(args.on);
        if (goal.status === status) invalid('The goal already has that status.');
        if (on > this.today) invalid('The date of the change is in the future.');
        if (on < goal.created_on) invalid('The date of the change is before the day the goal was set.');
        goal.history.push({
          on,
          recorded_at: this.#now(),
          event: { type: 'status_changed', from: goal.status, to: status, reason: String(args.reason).trim() },
        });
        goal.status = status;
        return this.#detail(goal);
      }
      case 'goal_check_in': {
        const goal = this.#goal(args.id);
        const input = args.input as CheckInInput;
        if (input.progress_note.trim() === '') empty('The progress note');
        if (input.rating < LIMITS.goal_rating.min || input.rating > LIMITS.goal_rating.max) {
          invalid('The rating is from 1 to 5.');
        }
        if (input.date > this.today) invalid('The check-in date is in the future.');
        if (input.evidence.some((e) => e.reference.trim() === '')) empty("An evidence item's reference");
        if (goal.status === 'dropped') invalid('This goal was dropped; reactivate it before checking in.');
        if (goal.status === 'revised') invalid('This goal was revised; check in on the goal that replaced it.');
        if (input.date < goal.created_on) invalid('The check-in date is before the day the goal was set.');
        this.checkIns.push({
          id: this.#id(),
          goal_id: goal.id,
          recorded_at: this.#now(),
          fields: {
            ...input,
            progress_note: input.progress_note.trim(),
            evidence: input.evidence.map((e) => ({ ...e, reference: e.reference.trim() })),
          },
        });
        return this.#detail(goal);
      }
      case 'development_stage_get':
      case 'development_stage_set': {
        const person = this.#supervisee(args.personId);
        const history = () => {
          const entries = this.stages
            .filter((s) => s.person_id === person)
            .map(({ id, recorded_at, fields }) => ({ id, recorded_at, fields }))
            .sort((a, b) => (b.fields.set_on + b.recorded_at).localeCompare(a.fields.set_on + a.recorded_at));
          return { current: entries[0] ?? null, history: entries, damaged: 0 };
        };
        if (cmd === 'development_stage_set') {
          const input = args.input as StageInput;
          if (history().current?.fields.stage === input.stage) invalid('That is already their development stage.');
          this.stages.push({ id: this.#id(), person_id: person, recorded_at: this.#now(), fields: { ...input } });
        }
        return history();
      }
      case 'coaching_list': {
        const person = this.#supervisee(args.personId);
        return {
          records: this.coaching
            .filter((r) => r.person_id === person)
            .sort((a, b) => (b.date + b.recorded_at).localeCompare(a.date + a.recorded_at)),
          damaged: [],
        };
      }
      case 'coaching_create': {
        const input = args.input as CoachingInput;
        if (input.how_it_went.trim() === '') empty('How it went');
        const person = this.#supervisee(input.person_id);
        const skill = this.skills.find((s) => s.id === input.skill_id);
        if (!skill) invalid('The chosen skill is not on the skills list.');
        if (skill.retired) invalid('The chosen skill is retired; choose a skill in use.');
        if (input.goal_id !== null && this.#goal(input.goal_id).person_id !== person) {
          invalid("The chosen goal is not this supervisee's.");
        }
        if (input.follow_up) this.followUps.push(input.follow_up);
        const record: CoachingRecord = {
          id: this.#id(),
          recorded_at: this.#now(),
          person_id: person,
          date: input.date,
          skill_id: input.skill_id,
          method: input.method,
          how_it_went: input.how_it_went.trim(),
          strengths: input.strengths.trim(),
          next_step: input.next_step.trim(),
          goal_id: input.goal_id,
          follow_up_series_id: input.follow_up ? this.#id() : null,
        };
        this.coaching.push(record);
        return structuredClone(record);
      }
      default:
        return UNHANDLED;
    }
  }
}
