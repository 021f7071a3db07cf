// The final records of the groups a person belongs to, for the "Group
// sessions" list on their page. Each opens through the records store in the
// member's own view (their own note and addenda, never another member's).

import { toAppError } from '../api';
import { recordsOfMemberGroups } from '../api/records';
import type { AppError, RecordSummary } from '../bindings';
import { forgetOnLock } from './onLock';

export class GroupRecordsStore {
  personId = $state<string | null>(null);
  list = $state<RecordSummary[]>([]);
  loaded = $state(false);
  error = $state<AppError | null>(null);
  #seq = 0;

  /** Loads the group records of `personId` (a later call wins). */
  async load(personId: string): Promise<void> {
    const seq = ++this.#seq;
    if (this.personId !== personId) {
      this.list = [];
      this.loaded = false;
    }
    this.personId = personId;
    this.error = null;
    try {
      const list = await recordsOfMemberGroups(personId);
      if (seq !== this.#seq) return;
      this.list = list;
      this.loaded = true;
    } catch (reason) {
      if (seq === this.#seq) this.error = toAppError(reason);
    }
  }

  /** Forgets everything (on lock). */
  reset(): void {
    this.#seq++;
    this.personId = null;
    this.list = [];
    this.loaded = false;
    this.error = null;
  }
}

export const groupRecords = new GroupRecordsStore();
forgetOnLock(() => groupRecords.reset());
