// People, groups and organisations: the list, the record on screen and the
// add/edit form. It holds decrypted names and notes, so `reset()` must run on lock.

import * as api from '../api';
import type {
  AppError,
  Person,
  PersonInput,
  PersonKind,
  PersonSummary,
  Relation,
  Role,
} from '../bindings';
import { invalidInput } from '../errors';

import { GROUP_MAX_MEMBERS, PERSON_MAX_CHARS, PERSON_MAX_NOTES_BYTES } from '../limits';

// Limits as crates/core/src/people.rs enforces them (characters, after trimming).
const MAX_CHARS = PERSON_MAX_CHARS;
/** Longest notes field, in UTF-8 bytes. */
export const MAX_NOTES_BYTES = PERSON_MAX_NOTES_BYTES;
export const MAX_MEMBERS = GROUP_MAX_MEMBERS;

export const KIND_LABELS: Record<PersonKind, string> = {
  person: 'Person',
  group: 'Group',
  organisation: 'Organisation',
};

export const RELATION_LABELS: Record<Relation, string> = {
  i_supervise: 'I supervise them',
  supervises_me: 'They supervise me',
  none: 'Neither',
};

/** What the record is to the vault owner, e.g. "Supervisee". */
export function roleLabel(kind: PersonKind, relation: Relation): string {
  if (kind === 'organisation') return 'Organisation';
  if (kind === 'group') {
    switch (relation) {
      case 'i_supervise':
        return 'Group you supervise';
      case 'supervises_me':
        return 'Group supervision you attend';
      case 'none':
        return 'Group';
    }
  }
  switch (relation) {
    case 'i_supervise':
      return 'Supervisee';
    case 'supervises_me':
      return 'Your supervisor';
    case 'none':
      return 'Contact';
  }
}

// The form

/**
 * The form's fields: a `PersonInput` whose optional values are '' when unset,
 * as `<input>` and `<select>` hold them.
 */
export interface PersonFields {
  kind: PersonKind;
  relation: Relation;
  name: string;
  pronouns: string;
  email: string;
  phone: string;
  /** '' for none. */
  organisation_id: string;
  professional_role: string;
  licence_number: string;
  licence_body: string;
  licensure_plan: string;
  /** "YYYY-MM-DD", or '' when not set. */
  start_date: string;
  end_date: string;
  notes: string;
  members: string[];
  /** '' when the vault owner facilitates. */
  facilitator_id: string;
}

export type PersonField = keyof PersonFields;

const SHOWN: Record<PersonKind, ReadonlySet<PersonField>> = {
  person: new Set<PersonField>([
    'kind',
    'relation',
    'name',
    'pronouns',
    'email',
    'phone',
    'organisation_id',
    'professional_role',
    'licence_number',
    'licence_body',
    'licensure_plan',
    'start_date',
    'end_date',
    'notes',
  ]),
  group: new Set<PersonField>([
    'kind',
    'relation',
    'name',
    'organisation_id',
    'start_date',
    'end_date',
    'notes',
    'members',
    'facilitator_id',
  ]),
  organisation: new Set<PersonField>(['kind', 'name', 'email', 'phone', 'notes']),
};

/** Whether the form asks for `field` for this kind of record. */
export function showsField(kind: PersonKind, field: PersonField): boolean {
  return SHOWN[kind].has(field);
}

export function emptyFields(kind: PersonKind, relation: Relation): PersonFields {
  return {
    kind,
    relation,
    name: '',
    pronouns: '',
    email: '',
    phone: '',
    organisation_id: '',
    professional_role: '',
    licence_number: '',
    licence_body: '',
    licensure_plan: '',
    start_date: '',
    end_date: '',
    notes: '',
    members: [],
    facilitator_id: '',
  };
}

export function fieldsOf(input: PersonInput): PersonFields {
  return {
    ...input,
    organisation_id: input.organisation_id ?? '',
    start_date: input.start_date ?? '',
    end_date: input.end_date ?? '',
    members: [...input.members],
    facilitator_id: input.facilitator_id ?? '',
  };
}

/**
 * The `PersonInput` to send. Fields the form does not show for this kind are
 * sent empty, so switching kind while adding never sends what Rust refuses
 * (an organisation with a relation, a person with members).
 */
export function inputOf(fields: PersonFields): PersonInput {
  const text = (field: PersonField & keyof PersonInput, value: string) =>
    showsField(fields.kind, field) ? value : '';
  const optional = (field: PersonField, value: string) =>
    showsField(fields.kind, field) && value !== '' ? value : null;
  return {
    kind: fields.kind,
    relation: showsField(fields.kind, 'relation') ? fields.relation : 'none',
    name: fields.name,
    pronouns: text('pronouns', fields.pronouns),
    email: text('email', fields.email),
    phone: text('phone', fields.phone),
    organisation_id: optional('organisation_id', fields.organisation_id),
    professional_role: text('professional_role', fields.professional_role),
    licence_number: text('licence_number', fields.licence_number),
    licence_body: text('licence_body', fields.licence_body),
    licensure_plan: text('licensure_plan', fields.licensure_plan),
    start_date: optional('start_date', fields.start_date),
    end_date: optional('end_date', fields.end_date),
    notes: fields.notes,
    members: showsField(fields.kind, 'members') ? [...fields.members] : [],
    facilitator_id: optional('facilitator_id', fields.facilitator_id),
  };
}

export interface FieldProblem {
  field: PersonField;
  message: string;
}

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const encoder = new TextEncoder();

function charCount(text: string): number {
  return Array.from(text).length;
}

/** The same test as Rust's: something@domain.tld, no spaces. */
export function emailLooksRight(email: string): boolean {
  const at = email.indexOf('@');
  if (at === -1) return false;
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  return (
    local !== '' &&
    domain.includes('.') &&
    !domain.startsWith('.') &&
    !domain.endsWith('.') &&
    !/\s/u.test(email)
  );
}

function isDay(value: string): boolean {
  if (!DAY.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * The first problem Rust would refuse the input for, checked before sending
 * so the user hears about it at once. Rust checks again and has the last word.
 */
export function checkInput(input: PersonInput): FieldProblem | null {
  const single = (
    field: keyof typeof MAX_CHARS,
    what: string,
    value: string,
    lineBreaks = false,
  ): FieldProblem | null => {
    const v = lineBreaks ? value.trim().replace(/[\n\r\t]/g, ' ') : value.trim();
    const max = MAX_CHARS[field];
    if (charCount(v) > max) {
      const are = what === 'The pronouns' ? 'are' : 'is';
      return { field, message: `${what} ${are} too long (at most ${max} characters).` };
    }
    if (CONTROL.test(v)) {
      return {
        field,
        message: /[\n\r]/.test(v)
          ? `${what} must be a single paragraph: remove the line breaks.`
          : `${what} contains control characters.`,
      };
    }
    return null;
  };

  const name = single('name', 'The name', input.name);
  if (name) return name;
  if (input.name.trim() === '') return { field: 'name', message: 'Enter a name.' };

  const email = single('email', 'The email address', input.email);
  if (email) return email;
  if (input.email.trim() !== '' && !emailLooksRight(input.email.trim())) {
    return {
      field: 'email',
      message: "The email address doesn't look right (expected name@example.org).",
    };
  }

  const phone = single('phone', 'The phone number', input.phone);
  if (phone) return phone;
  if (!/^[0-9 +().-]*$/.test(input.phone.trim())) {
    return {
      field: 'phone',
      message: 'The phone number may contain only digits, spaces and + ( ) - .',
    };
  }

  if (encoder.encode(input.notes).length > MAX_NOTES_BYTES) {
    return { field: 'notes', message: 'The notes are too long (at most 100 KiB).' };
  }

  for (const field of ['start_date', 'end_date'] as const) {
    const value = input[field];
    if (value !== null && !isDay(value)) {
      return { field, message: 'Enter a whole date, or leave it empty.' };
    }
  }
  if (input.start_date !== null && input.end_date !== null && input.end_date < input.start_date) {
    return { field: 'end_date', message: 'The end date is before the start date.' };
  }

  if (input.members.length > MAX_MEMBERS) {
    return { field: 'members', message: `A group has at most ${MAX_MEMBERS} members.` };
  }

  return (
    single('pronouns', 'The pronouns', input.pronouns) ??
    single('professional_role', 'The professional role', input.professional_role) ??
    single('licence_number', 'The licence number', input.licence_number) ??
    single('licence_body', 'The licensing body', input.licence_body) ??
    single('licensure_plan', 'The licensure plan', input.licensure_plan, true)
  );
}

// The list

export type PeopleSectionId =
  | 'supervisees'
  | 'groups'
  | 'supervisors'
  | 'organisations'
  | 'contacts'
  | 'archived';

export const PEOPLE_SECTIONS: readonly { id: PeopleSectionId; title: string }[] = [
  { id: 'supervisees', title: 'Supervisees' },
  { id: 'groups', title: 'Groups' },
  { id: 'supervisors', title: 'My supervisors' },
  { id: 'organisations', title: 'Organisations' },
  { id: 'contacts', title: 'Other contacts' },
  { id: 'archived', title: 'Archived' },
];

/** Which section of the list a record goes in. */
export function sectionOf(person: PersonSummary): PeopleSectionId {
  if (person.archived) return 'archived';
  if (person.kind === 'group') return 'groups';
  if (person.kind === 'organisation') return 'organisations';
  switch (person.relation) {
    case 'i_supervise':
      return 'supervisees';
    case 'supervises_me':
      return 'supervisors';
    case 'none':
      return 'contacts';
  }
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** By name as people read it (accents, case and numbers), damaged records last. */
export function compareByName(a: PersonSummary, b: PersonSummary): number {
  if (a.damaged !== b.damaged) return a.damaged ? 1 : -1;
  return collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();
}

/** Whether a record's name contains the filter text (case and accents ignored). */
export function matchesFilter(person: PersonSummary, query: string): boolean {
  const wanted = fold(query.trim());
  if (wanted === '') return true;
  return !person.damaged && fold(person.name).includes(wanted);
}

export type PeopleSections = Record<PeopleSectionId, PersonSummary[]>;

/** The records matching `query`, by section, each sorted by name. */
export function groupPeople(list: readonly PersonSummary[], query = ''): PeopleSections {
  const sections: PeopleSections = {
    supervisees: [],
    groups: [],
    supervisors: [],
    organisations: [],
    contacts: [],
    archived: [],
  };
  for (const person of list) {
    if (matchesFilter(person, query)) sections[sectionOf(person)].push(person);
  }
  for (const id of Object.keys(sections) as PeopleSectionId[]) sections[id].sort(compareByName);
  return sections;
}

/** A "YYYY-MM-DD" date written out, without any time-zone shift. */
export { formatDay } from '../datetime';

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
