// People, groups and organisations: the list, the record on screen and the
// add/edit form. It holds decrypted names and notes, so `reset()` must run on lock.

import * as api from '../api';
import type {
  AppError,
  Person,
  PersonKind,
  PersonSummary,
  Relation,
  Role,
} from '../bindings';
import { invalidInput } from '../errors';
import {
  checkInput,
  emptyFields,
  fieldsOf,
  groupPeople,
  inputOf,
  type PeopleSections,
  type PersonField,
  type PersonFields,
} from '../personForm';
import { forgetOnLock } from './onLock';

export * from '../personForm';

// The store

export type PeopleView = { kind: 'list' } | { kind: 'person'; id: string } | { kind: 'form' };

/** The record in the form; `id` is null when adding. */
export interface PersonDraft {
  id: string | null;
  fields: PersonFields;
  /** `inputOf` the fields as the form opened, to tell whether anything changed. */
  initial: string;
}

function draftOf(id: string | null, fields: PersonFields): PersonDraft {
  return { id, fields, initial: JSON.stringify(inputOf(fields)) };
}

export class PeopleStore {
  list = $state<PersonSummary[]>([]);
  loaded = $state(false);
  listLoading = $state(false);
  listError = $state<AppError | null>(null);
  /** The vault owner's roles, for sensible defaults. */
  roles = $state<Role[]>([]);

  view = $state<PeopleView>({ kind: 'list' });
  query = $state('');
  archivedOpen = $state(false);

  /** The record on the person page. */
  person = $state<Person | null>(null);
  personLoading = $state(false);
  personError = $state<AppError | null>(null);

  draft = $state<PersonDraft | null>(null);
  saving = $state(false);
  formError = $state<AppError | null>(null);
  /** The field a check in the UI found a problem in. */
  invalidField = $state<PersonField | null>(null);
  /** What to do once the user agrees to drop unsaved changes; the question is open while set. */
  pendingLeave = $state.raw<(() => void) | null>(null);

  sections: PeopleSections = $derived(groupPeople(this.list, this.query));

  /** The form holds changes that are not saved. */
  dirty = $derived(
    this.draft !== null && JSON.stringify(inputOf(this.draft.fields)) !== this.draft.initial,
  );

  hasSupervisees = $derived(
    this.list.some(
      (p) => !p.archived && !p.damaged && p.kind === 'person' && p.relation === 'i_supervise',
    ),
  );

  /** Bumped by `reset()`: answers that arrive for an older generation are dropped. */
  #generation = 0;
  #loadSeq = 0;
  #openSeq = 0;

  summary(id: string): PersonSummary | undefined {
    return this.list.find((p) => p.id === id);
  }

  /** Loads the list (and the owner's roles). */
  async load(): Promise<void> {
    const generation = this.#generation;
    const seq = ++this.#loadSeq;
    const current = () => generation === this.#generation && seq === this.#loadSeq;
    this.listLoading = true;
    this.listError = null;
    const [list, settings] = await Promise.allSettled([api.peopleList(), api.getSettings()]);
    if (!current()) return;
    if (settings.status === 'fulfilled') this.roles = settings.value.roles;
    if (list.status === 'fulfilled') {
      this.list = list.value;
      this.loaded = true;
    } else {
      this.listError = api.toAppError(list.reason);
    }
    this.listLoading = false;
  }

  showList(): void {
    this.#openSeq += 1;
    this.#closeForm();
    this.person = null;
    this.personLoading = false;
    this.personError = null;
    this.view = { kind: 'list' };
  }

  /** Shows a record's page. */
  async open(id: string): Promise<void> {
    this.#closeForm();
    const generation = this.#generation;
    const seq = ++this.#openSeq;
    const stillWanted = () => generation === this.#generation && seq === this.#openSeq;
    this.view = { kind: 'person', id };
    if (this.person?.id !== id) this.person = null;
    this.personError = null;
    this.personLoading = true;
    if (!this.loaded && !this.listLoading) void this.load();
    try {
      const person = await api.personGet(id);
      if (stillWanted()) this.person = person;
    } catch (error) {
      if (stillWanted()) this.personError = api.toAppError(error);
    } finally {
      if (stillWanted()) this.personLoading = false;
    }
  }

  /** Opens an empty form; the relation defaults to the owner's role. */
  startNew(preset: { kind?: PersonKind; relation?: Relation } = {}): void {
    const kind = preset.kind ?? 'person';
    const relation =
      kind === 'organisation'
        ? 'none'
        : (preset.relation ??
          (!this.roles.includes('supervisor') && this.roles.includes('supervisee')
            ? 'supervises_me'
            : 'i_supervise'));
    this.#openSeq += 1;
    this.person = null;
    this.personError = null;
    this.personLoading = false;
    this.#closeForm();
    this.draft = draftOf(null, emptyFields(kind, relation));
    this.view = { kind: 'form' };
  }

  /** Opens the form on the record shown. */
  startEdit(): void {
    const person = this.person;
    if (person === null) return;
    this.#closeForm();
    this.draft = draftOf(person.id, fieldsOf(person.fields));
    this.view = { kind: 'form' };
  }

  /**
   * Checks and saves the form, then shows the saved record. False when a
   * check or Rust refused it (the reason is in `formError`).
   */
  async save(): Promise<boolean> {
    const draft = this.draft;
    if (draft === null || this.saving) return false;
    const input = inputOf(draft.fields);
    const problem = checkInput(input);
    if (problem !== null) {
      this.formError = invalidInput(problem.message);
      this.invalidField = problem.field;
      return false;
    }
    const generation = this.#generation;
    this.saving = true;
    this.formError = null;
    this.invalidField = null;
    try {
      const saved =
        draft.id === null
          ? await api.personCreate(input)
          : await api.personUpdate(draft.id, input);
      if (generation !== this.#generation || this.draft !== draft) return false;
      // Names, organisation names and the order come from Rust.
      await this.load();
      if (generation !== this.#generation || this.draft !== draft) return false;
      this.#openSeq += 1;
      this.#closeForm();
      this.person = saved;
      this.personError = null;
      this.personLoading = false;
      this.view = { kind: 'person', id: saved.id };
      return true;
    } catch (error) {
      if (generation === this.#generation && this.draft === draft) {
        this.formError = api.toAppError(error);
      }
      return false;
    } finally {
      if (generation === this.#generation) this.saving = false;
    }
  }

  /** Leaves the form without saving, back to where it was opened from. */
  discard(): void {
    const id = this.draft?.id ?? null;
    this.#closeForm();
    if (id === null) {
      this.view = { kind: 'list' };
    } else if (this.person?.id === id) {
      this.view = { kind: 'person', id };
    } else {
      void this.open(id);
    }
  }

  /**
   * Leaves the form without saving, then runs `then`. When the form holds
   * unsaved changes it asks first: `pendingLeave` is set until the user
   * answers with `confirmLeave()` or `keepEditing()`.
   */
  leaveForm(then: () => void = () => undefined): void {
    if (this.draft === null) {
      then();
      return;
    }
    if (this.saving || this.pendingLeave !== null) return;
    if (this.dirty) {
      this.pendingLeave = then;
      return;
    }
    this.discard();
    then();
  }

  /** The user chose to drop their changes. */
  confirmLeave(): void {
    const then = this.pendingLeave;
    this.discard();
    then?.();
  }

  /** The user chose to go on editing. */
  keepEditing(): void {
    this.pendingLeave = null;
  }

  /** Archives or restores the record shown. Rejects with an `AppError` when Rust refuses. */
  async setArchived(archived: boolean): Promise<void> {
    const person = this.person;
    if (person === null) return;
    const generation = this.#generation;
    await api.personSetArchived(person.id, archived);
    if (generation !== this.#generation) return;
    if (this.person?.id === person.id) this.person = { ...this.person, archived };
    await this.load();
  }

  /** Forgets everything, including decrypted names and notes. Late answers are ignored. */
  reset(): void {
    this.#generation += 1;
    this.#loadSeq += 1;
    this.#openSeq += 1;
    this.list = [];
    this.loaded = false;
    this.listLoading = false;
    this.listError = null;
    this.roles = [];
    this.view = { kind: 'list' };
    this.query = '';
    this.archivedOpen = false;
    this.person = null;
    this.personLoading = false;
    this.personError = null;
    this.#closeForm();
  }

  #closeForm(): void {
    this.draft = null;
    this.pendingLeave = null;
    this.saving = false;
    this.formError = null;
    this.invalidField = null;
  }
}

/** The app's one people store. */
export const people = new PeopleStore();
forgetOnLock(() => people.reset());
