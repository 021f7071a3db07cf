// People's labels, the person form's fields and checks (the same rules Rust
// applies, so problems show before saving), and how the list is grouped.

import type { PersonInput, PersonKind, PersonSummary, Relation } from './bindings';
import { GROUP_MAX_MEMBERS, PERSON_MAX_CHARS, PERSON_MAX_NOTES_BYTES } from './limits';

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
export { formatDay } from './datetime';
