// A supervisee's progress towards licensure: the rule profiles (examples
// and the user's own), the profile chosen for the person, and the progress
// the core computes (crates/core/src/hours_rules). The only caller of the
// hours-rules api. It holds decrypted profile text and progress, so
// `reset()` runs on lock.

import * as rulesApi from '../api/hoursRules';
import type { AppError, Profile, Progress, Rule, RuleState, SupervisionForm } from '../bindings';
import { toAppError } from '../errors';
import { localToday } from './exceptions.svelte';
import { forgetOnLock } from './onLock';

export const EXAMPLE_NOTE = "Example — check your board's current rules";

export const STATE_LABELS: Record<RuleState, string> = {
  met: 'Met',
  not_yet: 'Not yet',
  applied: 'Limit applied',
  exceeded: 'Over the maximum',
};

export const FORM_LABELS: Record<SupervisionForm, string> = {
  individual: 'Individual',
  triadic: 'Triadic',
  group: 'Group',
  direct_observation: 'Direct observation',
};

export type RuleKind = Rule['kind'];

export const RULE_KIND_LABELS: Record<RuleKind, string> = {
  practice_total: 'Practice hours (minimum or maximum)',
  supervision_total: 'Supervision hours (minimum or maximum)',
  period_length: 'Length of the period',
  supervision_per_period: 'Supervision per week or month',
  share_cap: 'Share limit for a form of supervision',
  supervisor_credential: 'Hours from a supervisor with a credential',
  group_size: 'Group size',
  min_session_minutes: 'Shortest session that counts',
  weekly_unit: 'Weekly unit of supervision',
  supervised_weeks: 'Weeks with supervision',
  continuous_window: 'Continuous window',
};

/** A new rule of a kind, with neutral numbers the user then sets. */
export function newRule(kind: RuleKind): Rule {
  switch (kind) {
    case 'practice_total':
      return { kind, of: 'all', min_hours: 3000, max_hours: null };
    case 'supervision_total':
      return { kind, forms: [], min_hours: 100, max_hours: null };
    case 'period_length':
      return { kind, unit: 'months', min: 24, max: null };
    case 'supervision_per_period':
      return {
        kind,
        period: 'month',
        min_minutes: 180,
        min_per_practice: null,
        max_minutes: null,
        max_per_practice: null,
        voids_practice: false,
      };
    case 'share_cap':
      return { kind, forms: ['group'], max_percent: 50, max_hours: null };
    case 'supervisor_credential':
      return { kind, credential: '', min_hours: 100, forms: [] };
    case 'group_size':
      return { kind, min: 2, max: 6 };
    case 'min_session_minutes':
      return { kind, minutes: 60 };
    case 'weekly_unit':
      return { kind, individual_minutes: 60, group_minutes: 120, second_unit_above_hours: 10 };
    case 'supervised_weeks':
      return { kind, min_weeks: 52, forms: [], credential: null };
    case 'continuous_window':
      return { kind, max_months: 72 };
  }
}

/** A blank profile of one's own. */
export function blankProfile(today: string = localToday()): Profile {
  return {
    id: '',
    name: '',
    board: '',
    tag: '',
    source_citation: '',
    checked_on: today,
    example: false,
    rules: [newRule('practice_total')],
    summary: [],
  };
}

/** Hours from minutes, as the core writes them: "1,234", "1.5", "0.75". */
export function hoursText(minutes: number): string {
  const hours = Math.round((minutes / 60) * 100) / 100;
  return hours.toLocaleString('en-GB', { maximumFractionDigits: 2 });
}

/** The board summary as text to copy: one "label: value" line each. */
export function summaryText(progress: Progress): string {
  return progress.summary.map((l) => `${l.label}: ${l.value}`).join('\n');
}

class HoursProgressStore {
  personId = $state<string | null>(null);
  profiles = $state<Profile[]>([]);
  damaged = $state(0);
  chosen = $state<string | null>(null);
  progress = $state<Progress | null>(null);
  loading = $state(false);
  error = $state<AppError | null>(null);

  get profile(): Profile | null {
    return this.profiles.find((p) => p.id === this.chosen) ?? null;
  }

  /** Loads the profiles, the person's choice and (if chosen) the progress. */
  async open(personId: string, today: string = localToday()): Promise<void> {
    this.personId = personId;
    this.loading = true;
    this.error = null;
    try {
      const list = await rulesApi.hoursProfilesList();
      this.profiles = list.profiles;
      this.damaged = list.damaged;
      this.chosen = await rulesApi.hoursPersonProfile(personId);
      this.progress = this.chosen === null ? null : await rulesApi.hoursProgress(personId, this.chosen, today);
    } catch (e) {
      this.error = toAppError(e);
    } finally {
      this.loading = false;
    }
  }

  /** Chooses (or clears) the person's profile and recomputes. */
  async choose(profileId: string | null, today: string = localToday()): Promise<void> {
    const personId = this.personId;
    if (personId === null) return;
    this.error = null;
    try {
      await rulesApi.hoursSetPersonProfile(personId, profileId);
      this.chosen = profileId;
      this.progress = profileId === null ? null : await rulesApi.hoursProgress(personId, profileId, today);
    } catch (e) {
      this.error = toAppError(e);
    }
  }

  /** Saves a profile (new without an id); returns the error, if any. */
  async save(id: string | null, profile: Profile, today: string = localToday()): Promise<AppError | null> {
    try {
      const saved = await rulesApi.hoursProfileSave(id, profile);
      const at = this.profiles.findIndex((p) => p.id === saved.id);
      this.profiles = at === -1 ? [...this.profiles, saved] : this.profiles.map((p) => (p.id === saved.id ? saved : p));
      if (this.chosen === saved.id && this.personId !== null) {
        this.progress = await rulesApi.hoursProgress(this.personId, saved.id, today);
      }
      return null;
    } catch (e) {
      return toAppError(e);
    }
  }

  /** Deletes a profile; a person who used it has none chosen afterwards. */
  async remove(id: string): Promise<void> {
    this.error = null;
    try {
      await rulesApi.hoursProfileDelete(id);
      this.profiles = this.profiles.filter((p) => p.id !== id);
      if (this.chosen === id) {
        this.chosen = null;
        this.progress = null;
      }
    } catch (e) {
      this.error = toAppError(e);
    }
  }

  reset(): void {
    this.personId = null;
    this.profiles = [];
    this.damaged = 0;
    this.chosen = null;
    this.progress = null;
    this.loading = false;
    this.error = null;
  }
}

export const hoursProgress = new HoursProgressStore();
forgetOnLock(() => hoursProgress.reset());
