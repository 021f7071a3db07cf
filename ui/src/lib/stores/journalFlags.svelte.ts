// Bringing journal entries to supervision: the owner's supervisors, the
// flags of the entry in the editor, and flagging, marking discussed and
// removing. Holds decrypted extracts, so `reset()` must run on lock.

import * as api from '../api';
import * as journalApi from '../api/journal';
import type { AppError, JournalFlag, PersonSummary } from '../bindings';
import { forgetOnLock } from './onLock';

export class JournalFlagsStore {
  /** People recorded as supervising the owner (not archived). */
  supervisors = $state<PersonSummary[]>([]);
  /** The flags of `entryId`, oldest first. */
  flags = $state<JournalFlag[]>([]);
  entryId = $state<string | null>(null);
  error = $state<AppError | null>(null);
  #generation = 0;

  /** Loads the supervisors and the flags of `entryId` (none for a new entry). */
  async load(entryId: string | null): Promise<void> {
    const generation = ++this.#generation;
    this.entryId = entryId;
    this.flags = [];
    this.error = null;
    try {
      const [people, flags] = await Promise.all([
        api.peopleList(),
        entryId === null ? Promise.resolve([]) : journalApi.journalFlags(entryId),
      ]);
      if (generation !== this.#generation) return;
      this.supervisors = people.filter(
        (p) => p.relation === 'supervises_me' && !p.archived && !p.damaged,
      );
      this.flags = flags;
    } catch (error) {
      if (generation === this.#generation) this.error = api.toAppError(error);
    }
  }

  /** Open flags of the entry. */
  get open(): JournalFlag[] {
    return this.flags.filter((f) => f.discussed_at === null);
  }

  /** A supervisor's name, or a plain fallback. */
  nameOf(personId: string): string {
    return this.supervisors.find((p) => p.id === personId)?.name ?? 'your supervisor';
  }

  /** Brings the entry (or `extract` of it) to `personId`. Rejects with an `AppError`. */
  async flag(entryId: string, personId: string, extract: string | null): Promise<JournalFlag> {
    const flag = await journalApi.journalFlag({ entry_id: entryId, person_id: personId, extract });
    if (this.entryId === entryId) this.flags = [...this.flags, flag];
    return flag;
  }

  /** Marks a flag discussed. Rejects with an `AppError`. */
  async discussed(id: string): Promise<void> {
    const flag = await journalApi.journalFlagDiscussed(id);
    this.flags = this.flags.map((f) => (f.id === id ? flag : f));
  }

  /** Removes a flag. Rejects with an `AppError`. */
  async remove(id: string): Promise<void> {
    await journalApi.journalUnflag(id);
    this.flags = this.flags.filter((f) => f.id !== id);
  }

  reset(): void {
    this.#generation += 1;
    this.supervisors = [];
    this.flags = [];
    this.entryId = null;
    this.error = null;
  }
}

/** The app's one store of journal flags. */
export const journalFlags = new JournalFlagsStore();
forgetOnLock(() => journalFlags.reset());
