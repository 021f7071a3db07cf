// What a journal entry can be linked to: the owner's own goals and the
// sessions of the last four months and the next two. Loaded when the link
// pickers open; `reset()` runs on lock.

import * as api from '../api';
import * as journalApi from '../api/journal';
import type { AppError, Goal, Occurrence, OccurrenceKey, PersonSummary } from '../bindings';
import { forgetOnLock } from './onLock';

const DAY_MS = 86_400_000;

function day(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Whether two session keys name the same occurrence. */
export function sameSession(a: OccurrenceKey | null, b: OccurrenceKey | null): boolean {
  return a !== null && b !== null && a.series_id === b.series_id && a.original_start === b.original_start;
}

export class JournalLinksStore {
  goals = $state<Goal[]>([]);
  sessions = $state<Occurrence[]>([]);
  people = $state<PersonSummary[]>([]);
  loaded = $state(false);
  error = $state<AppError | null>(null);
  #generation = 0;

  async load(now: number = Date.now()): Promise<void> {
    const generation = ++this.#generation;
    this.error = null;
    try {
      const [goals, occurrences, people] = await Promise.all([
        journalApi.goalsList(null),
        journalApi.scheduleOccurrences(day(now - 120 * DAY_MS), day(now + 60 * DAY_MS), null),
        api.peopleList(),
      ]);
      if (generation !== this.#generation) return;
      this.goals = goals.goals.map((g) => g.goal);
      this.sessions = occurrences.occurrences.filter((o) => o.status !== 'cancelled').reverse();
      this.people = people;
      this.loaded = true;
    } catch (error) {
      if (generation === this.#generation) this.error = api.toAppError(error);
    }
  }

  personName(id: string): string {
    return this.people.find((p) => p.id === id)?.name ?? '';
  }

  reset(): void {
    this.#generation += 1;
    this.goals = [];
    this.sessions = [];
    this.people = [];
    this.loaded = false;
    this.error = null;
  }
}

/** The app's one store of link options. */
export const journalLinks = new JournalLinksStore();
forgetOnLock(() => journalLinks.reset());
