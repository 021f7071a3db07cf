// Goals and development: the skills list, every goal (the Goals section),
// one supervisee's goals, development stage and coaching records (their
// person page), and the goal opened with its timeline. The only caller of
// the goals api.

import * as api from '../api';
import * as goalsApi from '../api/goals';
import {
  LIMITS,
  type AppError,
  type CheckInInput,
  type CoachingInput,
  type CoachingList,
  type CoachingMethod,
  type CoachingRecord,
  type DevelopmentStage,
  type EvidenceKind,
  type GoalDetail,
  type GoalFields,
  type GoalList,
  type GoalStatus,
  type GoalTerm,
  type Skill,
  type StageHistory,
  type StageInput,
} from '../bindings';
import { forgetOnLock } from './onLock';

/** The core's limits for goals (crates/core/src/goals/mod.rs). */
export const GOAL_TEXT_CHARS = LIMITS.goal_text_chars;
export const GOAL_TITLE_CHARS = LIMITS.short_chars;
export const EVIDENCE_REFERENCE_CHARS = LIMITS.short_chars;
export const CHECK_IN_WEEKS = LIMITS.goal_check_in_weeks;
export const DEFAULT_CHECK_IN_WEEKS = LIMITS.goal_default_check_in_weeks;
export const EVIDENCE_MAX = LIMITS.goal_evidence_max;
export const GOAL_SKILLS_MAX = LIMITS.goal_skills_max;
export const RATING = LIMITS.goal_rating;

export const TERM_LABELS: Record<GoalTerm, string> = {
  short: 'Short-term',
  long: 'Long-term',
};

export const STATUS_LABELS: Record<GoalStatus, string> = {
  active: 'Active',
  achieved: 'Achieved',
  revised: 'Revised',
  dropped: 'Dropped',
};

export const STATUS_ORDER: readonly GoalStatus[] = ['active', 'achieved', 'revised', 'dropped'];

export const EVIDENCE_LABELS: Record<EvidenceKind, string> = {
  case_note: 'Case note',
  client_feedback: 'Client feedback',
  outcome: 'Outcome',
  direct_observation: 'Direct observation',
  case_review: 'Case review',
  role_play: 'Role play',
};

export const EVIDENCE_ORDER: readonly EvidenceKind[] = [
  'case_note',
  'client_feedback',
  'outcome',
  'direct_observation',
  'case_review',
  'role_play',
];

export const STAGE_LABELS: Record<DevelopmentStage, string> = {
  newly_qualified: 'Newly qualified',
  developing: 'Developing',
  experienced: 'Experienced',
};

export const STAGE_ORDER: readonly DevelopmentStage[] = ['newly_qualified', 'developing', 'experienced'];

export const METHOD_LABELS: Record<CoachingMethod, string> = {
  role_play: 'Role play',
  case_scenario_analysis: 'Case scenario analysis',
  problem_solving_exercise: 'Problem-solving exercise',
  direct_observation: 'Direct observation',
  case_review: 'Case review',
};

export const METHOD_ORDER: readonly CoachingMethod[] = [
  'role_play',
  'case_scenario_analysis',
  'problem_solving_exercise',
  'direct_observation',
  'case_review',
];

/** What each rating means, shown beside the radio buttons. */
export const RATING_LABELS: Record<number, string> = {
  1: '1 — not started',
  2: '2 — early steps',
  3: '3 — partly there',
  4: '4 — mostly there',
  5: '5 — fully met',
};

/** Blank fields for a new goal. */
export function newGoalFields(): GoalFields {
  return {
    title: '',
    description: '',
    term: 'short',
    target_date: null,
    skill_ids: [],
    check_in_weeks: DEFAULT_CHECK_IN_WEEKS,
  };
}

/** Today as "YYYY-MM-DD" in local time. */
export function todayDay(date: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

const EMPTY_LIST: GoalList = { goals: [], damaged: [] };

export class GoalsStore {
  /** The skills list, retired ones included. */
  skills = $state<Skill[]>([]);
  skillsLoaded = $state(false);
  skillsError = $state<AppError | null>(null);

  /** Every goal (the Goals section). */
  all = $state<GoalList>(EMPTY_LIST);
  allLoaded = $state(false);
  allError = $state<AppError | null>(null);

  /** The supervisee whose page is showing, and their records. */
  personId = $state<string | null>(null);
  personGoals = $state<GoalList>(EMPTY_LIST);
  stage = $state<StageHistory | null>(null);
  coaching = $state<CoachingList>({ records: [], damaged: [] });
  personLoaded = $state(false);
  personError = $state<AppError | null>(null);

  /** The goal opened, with its timeline. */
  opened = $state<GoalDetail | null>(null);
  openError = $state<AppError | null>(null);

  /** A write is in flight. */
  busy = $state(false);

  reset(): void {
    this.skills = [];
    this.skillsLoaded = false;
    this.skillsError = null;
    this.all = EMPTY_LIST;
    this.allLoaded = false;
    this.allError = null;
    this.personId = null;
    this.personGoals = EMPTY_LIST;
    this.stage = null;
    this.coaching = { records: [], damaged: [] };
    this.personLoaded = false;
    this.personError = null;
    this.opened = null;
    this.openError = null;
    this.busy = false;
  }

  /** A skill's name as it reads now ("(retired)" added when retired). */
  skillName(id: string): string {
    const skill = this.skills.find((s) => s.id === id);
    if (skill === undefined) return this.skillsLoaded ? 'A skill not on the list' : '…';
    if (skill.damaged) return 'Damaged skill';
    return skill.retired ? `${skill.name} (retired)` : skill.name;
  }

  /** Skills that can be chosen for new links. */
  get activeSkills(): Skill[] {
    return this.skills.filter((s) => !s.retired && !s.damaged);
  }

  async loadSkills(): Promise<void> {
    try {
      this.skills = await goalsApi.skillsList();
      this.skillsError = null;
    } catch (reason) {
      this.skillsError = api.toAppError(reason);
    } finally {
      this.skillsLoaded = true;
    }
  }

  async loadAll(): Promise<void> {
    void this.loadSkills();
    try {
      this.all = await goalsApi.goalsAll();
      this.allError = null;
    } catch (reason) {
      this.allError = api.toAppError(reason);
    } finally {
      this.allLoaded = true;
    }
  }

  /** Loads a supervisee's goals, stage and coaching records. */
  async loadPerson(personId: string): Promise<void> {
    if (this.personId !== personId) {
      this.personId = personId;
      this.personGoals = EMPTY_LIST;
      this.stage = null;
      this.coaching = { records: [], damaged: [] };
      this.personLoaded = false;
    }
    void this.loadSkills();
    try {
      const [goals, stage, coaching] = await Promise.all([
        goalsApi.goalsList(personId),
        goalsApi.developmentStageGet(personId),
        goalsApi.coachingList(personId),
      ]);
      if (this.personId !== personId) return;
      this.personGoals = goals;
      this.stage = stage;
      this.coaching = coaching;
      this.personError = null;
    } catch (reason) {
      if (this.personId === personId) this.personError = api.toAppError(reason);
    } finally {
      if (this.personId === personId) this.personLoaded = true;
    }
  }

  async open(id: string): Promise<void> {
    this.openError = null;
    try {
      this.opened = await goalsApi.goalGet(id);
    } catch (reason) {
      this.openError = api.toAppError(reason);
    }
  }

  close(): void {
    this.opened = null;
    this.openError = null;
  }

  /** Runs a write, then refreshes the lists that may show its result. */
  async #write<T>(f: () => Promise<T>): Promise<T> {
    this.busy = true;
    try {
      const out = await f();
      await this.#refresh();
      return out;
    } finally {
      this.busy = false;
    }
  }

  async #refresh(): Promise<void> {
    const jobs: Promise<void>[] = [];
    if (this.allLoaded) jobs.push(this.loadAll());
    if (this.personId !== null) jobs.push(this.loadPerson(this.personId));
    await Promise.all(jobs);
  }

  /** Sets a goal (for a supervisee, or with `null` for the owner) and opens it. */
  create(personId: string | null, fields: GoalFields): Promise<GoalDetail> {
    return this.#write(async () => (this.opened = await goalsApi.goalCreate(personId, fields)));
  }

  update(id: string, fields: GoalFields): Promise<GoalDetail> {
    return this.#write(async () => (this.opened = await goalsApi.goalUpdate(id, fields)));
  }

  setStatus(id: string, status: GoalStatus, on: string, reason: string): Promise<GoalDetail> {
    return this.#write(async () => (this.opened = await goalsApi.goalSetStatus(id, status, on, reason)));
  }

  checkIn(id: string, input: CheckInInput): Promise<GoalDetail> {
    return this.#write(async () => (this.opened = await goalsApi.goalCheckIn(id, input)));
  }

  /** Saves a goal's history as PDF where the person chooses (Rust asks); false when they cancelled. */
  async savePdf(id: string): Promise<boolean> {
    this.busy = true;
    try {
      return await goalsApi.goalSavePdf(id);
    } finally {
      this.busy = false;
    }
  }

  setStage(personId: string, input: StageInput): Promise<StageHistory> {
    return this.#write(() => goalsApi.developmentStageSet(personId, input));
  }

  createCoaching(input: CoachingInput): Promise<CoachingRecord> {
    return this.#write(async () => {
      const record = await goalsApi.coachingCreate(input);
      if (this.opened !== null && this.opened.summary.goal.id === input.goal_id) {
        this.opened = await goalsApi.goalGet(this.opened.summary.goal.id);
      }
      return record;
    });
  }

  addSkill(name: string): Promise<Skill> {
    return this.#skillWrite(() => goalsApi.skillAdd(name));
  }

  renameSkill(id: string, name: string): Promise<Skill> {
    return this.#skillWrite(() => goalsApi.skillRename(id, name));
  }

  retireSkill(id: string): Promise<Skill> {
    return this.#skillWrite(() => goalsApi.skillRetire(id));
  }

  async #skillWrite(f: () => Promise<Skill>): Promise<Skill> {
    this.busy = true;
    try {
      const skill = await f();
      await this.loadSkills();
      return skill;
    } finally {
      this.busy = false;
    }
  }
}

export const goals = new GoalsStore();
forgetOnLock(() => goals.reset());
