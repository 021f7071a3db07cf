// A small in-memory stand-in for the Rust commands, installed with `mockIPC`.

import { mockIPC } from '@tauri-apps/api/mocks';
import {
  LIMITS,
  type AppError,
  type AppStatus,
  type JournalEntry,
  type JournalInput,
  type Person,
  type PersonInput,
  type PersonKind,
  type PersonSummary,
  type Role,
  type VaultState,
  type Preferences,
  type Settings,
} from '../lib/bindings';

import { FakeBackups } from './fakeBackups';
import { FakeJournal, freeInput, NOT_JOURNAL } from './fakeJournal';

export const RECOVERY_CODE = 'K7QM-2XHD-9PRT-WX4N-B3CF-M8ZV-QH6J';
export const DATA_DIR = '/home/dana/.local/share/confidant';

export type Args = Record<string, unknown>;
type Handler = (args: Args) => unknown;

export interface Call {
  cmd: string;
  args: Args;
}

function normaliseCode(code: string): string {
  return code.replace(/[\s-]/g, '').toUpperCase();
}

const PERSON_INPUT_KEYS: (keyof PersonInput)[] = [
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
  'members',
  'facilitator_id',
];

/** A complete `PersonInput`: blanks, plus whatever is given. */
export function personInput(fields: Partial<PersonInput> & { name: string }): PersonInput {
  const kind = fields.kind ?? 'person';
  return {
    kind,
    relation: kind === 'organisation' ? 'none' : 'i_supervise',
    pronouns: '',
    email: '',
    phone: '',
    organisation_id: null,
    professional_role: '',
    licence_number: '',
    licence_body: '',
    licensure_plan: '',
    start_date: null,
    end_date: null,
    notes: '',
    members: [],
    facilitator_id: null,
    ...fields,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function invalid(message: string): AppError {
  return { code: 'invalid_input', message };
}

/** Rust's check of `set_preferences`: every field present and in range. */
function checkPreferences(value: unknown): Preferences {
  const p = value as Record<string, unknown> | null;
  if (typeof p !== 'object' || p === null) throw invalid('The preferences are missing.');
  const bool = (key: string) => {
    if (typeof p[key] !== 'boolean') throw invalid(`The preference ${key} is not valid.`);
  };
  ['show_initials', 'journal_tip_dismissed', 'reminders_enabled'].forEach(bool);
  if (!['locale', 'h12', 'h24'].includes(p.clock as string)) throw invalid('The clock format is not valid.');
  if (!['locale', 'dmy', 'mdy', 'ymd'].includes(p.date_order as string)) {
    throw invalid('The date order is not valid.');
  }
  const minutes = p.reminder_minutes;
  if (typeof minutes !== 'number' || !Number.isInteger(minutes) || minutes < 0) {
    throw 'invalid args `preferences`: reminder_minutes: expected u32';
  }
  if (minutes > LIMITS.reminder_minutes.max) {
    throw invalid('A reminder can be at most a week before the session.');
  }
  return structuredClone(p) as unknown as Preferences;
}

function notFound(what: string): AppError {
  return { code: 'not_found', message: `${what} was not found. It may have been deleted.` };
}

function parseId(what: string, id: unknown): string {
  if (typeof id !== 'string' || !UUID.test(id.trim())) throw invalid(`${what} id is not valid.`);
  return id.trim().toLowerCase();
}

// Rust's `validate::single_line` (no control characters) and
// `validate::paragraph` (line endings normalised to \n; newlines and tabs allowed).
function checkText(field: string, v: string, maxChars: number, allowed: RegExp): string {
  if (Array.from(v).length > maxChars) throw invalid(`${field} is too long (at most ${maxChars} characters).`);
  if (/[\u0000-\u001f\u007f-\u009f]/.test(v.replace(allowed, ' '))) throw invalid(`${field} contains control characters.`);
  return v;
}
const trimmed = (field: string, value: string, maxChars: number): string =>
  checkText(field, value.trim(), maxChars, /(?!)/g);
const paragraph = (field: string, value: string, maxChars: number): string =>
  checkText(field, value.replace(/\r\n?/g, '\n').trim(), maxChars, /[\n\t]/g);

/**
 * What Tauri does before the command runs: a missing or mistyped field of
 * `PersonInput` fails deserialisation with a plain string, not an `AppError`.
 */
function deserialisePersonInput(cmd: string, value: unknown): PersonInput {
  const fail = (detail: string) => `invalid args \`input\` for command \`${cmd}\`: ${detail}`;
  if (typeof value !== 'object' || value === null) throw fail('expected struct PersonInput');
  const input = value as Record<string, unknown>;
  for (const key of PERSON_INPUT_KEYS) {
    if (!(key in input)) throw fail(`missing field \`${key}\``);
  }
  const isDay = (v: unknown) =>
    v === null || (typeof v === 'string' && DAY.test(v) && !Number.isNaN(Date.parse(v)));
  if (!['person', 'group', 'organisation'].includes(input.kind as string)) throw fail('kind');
  if (!['i_supervise', 'supervises_me', 'none'].includes(input.relation as string)) {
    throw fail('relation');
  }
  if (!isDay(input.start_date) || !isDay(input.end_date)) throw fail('input contains invalid date');
  if (!Array.isArray(input.members)) throw fail('members');
  return structuredClone(input) as unknown as PersonInput;
}

// Rust's `normalise` in crates/core/src/people.rs, message for message.
function normalisePerson(input: PersonInput): PersonInput {
  const name = trimmed('The name', input.name, 200);
  if (name === '') throw { code: 'empty', message: 'The name is empty. Write something first.' };
  const email = trimmed('The email address', input.email, 254);
  if (email !== '') {
    const at = email.indexOf('@');
    const local = at === -1 ? '' : email.slice(0, at);
    const domain = at === -1 ? '' : email.slice(at + 1);
    const valid =
      at !== -1 &&
      local !== '' &&
      domain.includes('.') &&
      !domain.startsWith('.') &&
      !domain.endsWith('.') &&
      !/\s/u.test(email);
    if (!valid) {
      throw invalid("The email address doesn't look right (expected name@example.org).");
    }
  }
  const phone = trimmed('The phone number', input.phone, 40);
  if (!/^[0-9 +().-]*$/.test(phone)) {
    throw invalid('The phone number may contain only digits, spaces and + ( ) - .');
  }
  const notesBytes = new TextEncoder().encode(input.notes).length;
  if (notesBytes > 100 * 1024) {
    throw {
      code: 'too_large',
      message: `The notes is too large (${notesBytes} bytes); the limit is ${100 * 1024} bytes.`,
    };
  }
  if (input.start_date !== null && input.end_date !== null && input.end_date < input.start_date) {
    throw invalid('The end date is before the start date.');
  }
  if (input.kind !== 'group' && (input.members.length > 0 || input.facilitator_id !== null)) {
    throw invalid('Only a group has members and a facilitator.');
  }
  if (input.kind === 'organisation') {
    if (input.relation !== 'none') {
      throw invalid('An organisation is not itself a supervisee or supervisor.');
    }
    if (input.organisation_id !== null) {
      throw invalid('An organisation cannot belong to an organisation.');
    }
  }
  if (input.members.length > 50) throw invalid('A group has at most 50 members.');
  const members: string[] = [];
  for (const member of input.members) {
    const id = parseId('A member', member);
    if (members.includes(id)) throw invalid('A member is listed twice.');
    members.push(id);
  }
  return {
    kind: input.kind,
    relation: input.relation,
    name,
    pronouns: trimmed('The pronouns', input.pronouns, 40),
    email,
    phone,
    organisation_id:
      input.organisation_id === null ? null : parseId('The organisation', input.organisation_id),
    professional_role: trimmed('The professional role', input.professional_role, 200),
    licence_number: trimmed('The licence number', input.licence_number, 80),
    licence_body: trimmed('The licensing body', input.licence_body, 200),
    licensure_plan: paragraph('The licensure plan', input.licensure_plan, 2000),
    start_date: input.start_date,
    end_date: input.end_date,
    notes: input.notes,
    members,
    facilitator_id:
      input.facilitator_id === null ? null : parseId('The facilitator', input.facilitator_id),
  };
}

/** What an extension returns for a command that is not its own. */
export const UNHANDLED = Symbol('unhandled');

/** A feature's fake commands; see `FakeBackend.extend`. */
export type Extension = (cmd: string, args: Args, backend: FakeBackend) => unknown;

export class FakeBackend {
  #extensions: Extension[] = [];
  state: VaultState;
  needsPasscode = false;
  message: string | null = null;
  settings: Settings = {
    roles: ['supervisee'],
    profile: { name: '', professional_role: '', organisation: '', licence_number: '', licence_body: '' },
    auto_lock_minutes: 10,
    has_passcode: false,
    preferences: {
      show_initials: false,
      clock: 'locale',
      date_order: 'locale',
      journal_tip_dismissed: false,
      reminders_enabled: true,
      reminder_minutes: 15,
    },
  };
  /** The journal's entries and flags (see fakeJournal.ts). */
  journal: FakeJournal;
  /** The backup plan and files (see fakeBackups.ts). */
  backups: FakeBackups;
  calls: Call[] = [];
  /** People, groups and organisations, as stored. */
  people: Person[] = [];
  /** Ids of journal entries or people whose stored record fails its integrity check. */
  damaged = new Set<string>();
  #overrides = new Map<string, Handler>();
  #clock = Date.UTC(2026, 2, 2, 9, 0, 0);
  #nextPersonId = 1;
  #pendingCode: string | null = null;

  constructor(state: VaultState = 'unlocked') {
    this.state = state;
    this.journal = new FakeJournal(() => this.#now(), this.damaged, () => this.people);
    this.backups = new FakeBackups(this);
  }

  get entries(): JournalEntry[] {
    return this.journal.entries;
  }

  /** Installs this fake as the IPC handler (with events mocked). */
  install(): this {
    mockIPC((cmd, payload) => this.#handle(cmd, (payload ?? {}) as Args), {
      shouldMockEvents: true,
    });
    return this;
  }

  /** Replaces one command's behaviour. */
  on(cmd: string, handler: Handler): this {
    this.#overrides.set(cmd, handler);
    return this;
  }

  /** Makes one command reject with an `AppError`. */
  fail(cmd: string, error: AppError): this {
    return this.on(cmd, () => {
      throw error;
    });
  }

  callsTo(cmd: string): Args[] {
    return this.calls.filter((call) => call.cmd === cmd).map((call) => call.args);
  }

  /** Adds entries directly (free writing from a string); each a minute newer than the last. */
  seed(...entries: (string | JournalInput)[]): JournalEntry[] {
    return entries.map((e) => this.journal.create(typeof e === 'string' ? freeInput(e) : e));
  }

  /**
   * Adds a person, group or organisation directly (checked as Rust checks
   * it); each one is a minute newer than the last.
   */
  seedPerson(
    fields: Partial<PersonInput> & { name: string },
    options: { archived?: boolean } = {},
  ): Person {
    const person = this.#createPerson(personInput(fields));
    if (options.archived) this.#findPerson(person.id).archived = true;
    return structuredClone({ ...person, archived: options.archived ?? false });
  }

  status(): AppStatus {
    return {
      state: this.state,
      needs_passcode: this.needsPasscode,
      message: this.message,
      data_dir: DATA_DIR,
    };
  }

  #now(): string {
    this.#clock += 60_000;
    return new Date(this.#clock).toISOString();
  }

  #findPerson(id: string): Person {
    const person = this.people.find((candidate) => candidate.id === id);
    if (!person) throw notFound('That person');
    return person;
  }

  #openPerson(id: unknown): Person {
    const person = this.#findPerson(parseId("That person's", id));
    if (this.damaged.has(person.id)) {
      throw {
        code: 'integrity',
        message:
          "This person's record is damaged and cannot be opened: it failed its integrity check. Nothing was shown from it.",
      };
    }
    return person;
  }

  #storedKind(id: string): PersonKind | null {
    return this.people.find((p) => p.id === id)?.fields.kind ?? null;
  }

  // Rust's `check_links`.
  #checkLinks(input: PersonInput, selfId: string | null): void {
    if (input.organisation_id !== null) {
      const kind = this.#storedKind(input.organisation_id);
      if (kind === null) throw notFound('The chosen organisation');
      if (kind !== 'organisation') {
        throw invalid('The chosen organisation is not an organisation.');
      }
    }
    const linked = [...input.members, ...(input.facilitator_id === null ? [] : [input.facilitator_id])];
    for (const id of linked) {
      if (id === selfId) throw invalid('A group cannot be its own member.');
      const kind = this.#storedKind(id);
      if (kind === null) throw notFound('A group member');
      if (kind !== 'person') throw invalid('Group members and facilitators must be people.');
    }
  }

  #createPerson(raw: PersonInput): Person {
    const fields = normalisePerson(raw);
    this.#checkLinks(fields, null);
    const time = this.#now();
    const n = this.#nextPersonId++;
    const person: Person = {
      id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
      created_at: time,
      updated_at: time,
      archived: false,
      fields,
    };
    this.people.push(person);
    return structuredClone(person);
  }

  #peopleList(): PersonSummary[] {
    const nameOf = (id: string | null) => {
      const person = id === null ? undefined : this.people.find((p) => p.id === id);
      return person && !this.damaged.has(person.id) ? person.fields.name : null;
    };
    return this.people
      .map((p): PersonSummary => {
        const damaged = this.damaged.has(p.id);
        return {
          id: p.id,
          kind: p.fields.kind,
          relation: damaged ? 'none' : p.fields.relation,
          name: damaged ? '' : p.fields.name,
          organisation_name: damaged ? null : nameOf(p.fields.organisation_id),
          archived: p.archived,
          damaged,
        };
      })
      .sort((a, b) => {
        const ka = [Number(a.archived), a.name.toLowerCase(), a.id] as const;
        const kb = [Number(b.archived), b.name.toLowerCase(), b.id] as const;
        for (let i = 0; i < 3; i++) {
          if (ka[i] < kb[i]) return -1;
          if (ka[i] > kb[i]) return 1;
        }
        return 0;
      });
  }

  #requireUnlocked(): void {
    if (this.state !== 'unlocked') {
      throw { code: 'locked', message: 'Confidant is locked. Unlock it to continue.' };
    }
  }

  /**
   * Adds a feature's fake commands (schedule, agreements, …). An extension
   * returns `UNHANDLED` for commands that are not its own.
   */
  extend(extension: Extension): void {
    this.#extensions.push(extension);
  }

  #handle(cmd: string, args: Args): unknown {
    this.calls.push({ cmd, args });
    const override = this.#overrides.get(cmd);
    if (override) return override(args);
    for (const extension of this.#extensions) {
      const answer = extension(cmd, args, this);
      if (answer !== UNHANDLED) return answer;
    }
    if (cmd.startsWith('journal_')) {
      this.#requireUnlocked();
      const answer = this.journal.handle(cmd, args);
      if (answer !== NOT_JOURNAL) return answer;
    }
    switch (cmd) {
      case 'app_status':
        return this.status();
      case 'begin_setup':
        this.settings.roles = args.roles as Role[];
        this.#pendingCode = RECOVERY_CODE;
        return { recovery_code: RECOVERY_CODE };
      case 'cancel_setup':
        this.#pendingCode = null;
        return this.status();
      case 'save_emergency_kit': // Rust asks where; false: cancelled.
        return true;
      case 'confirm_setup':
        if (this.#pendingCode === null) {
          throw { code: 'setup_not_started', message: 'Setup has not been started.' };
        }
        if (normaliseCode(String(args.recoveryCode)) !== normaliseCode(this.#pendingCode)) {
          throw {
            code: 'wrong_recovery_code',
            message: "That recovery code doesn't match. Check each group of characters and try again.",
          };
        }
        this.state = 'unlocked';
        return this.status();
      case 'unlock':
        if (this.needsPasscode && args.passcode === null) {
          throw { code: 'passcode_required', message: 'Enter your app passcode to unlock.' };
        }
        this.state = 'unlocked';
        return this.status();
      case 'recover':
        this.state = 'unlocked';
        return this.status();
      case 'lock':
        this.state = 'locked';
        return this.status();
      case 'touch':
        return null;
      case 'get_settings':
        return structuredClone(this.settings);
      case 'vault_file_check':
        return { state: 'ok', problem: null, checked_at: '2026-12-01T09:00:00Z' };
      case 'security_log':
        // A fresh vault's log: created, then unlocked.
        return {
          total: 2,
          problem: null,
          entries: [
            { seq: 2, at: this.#now(), event: 'unlocked', label: 'Unlocked', detail: '' },
            { seq: 1, at: this.#now(), event: 'vault_created', label: 'Vault created', detail: '' },
          ],
        };
      case 'set_preferences':
        this.settings.preferences = checkPreferences(args.preferences);
        return structuredClone(this.settings);
      case 'set_auto_lock':
        this.settings.auto_lock_minutes = args.minutes as number;
        return { ...this.settings };
      case 'set_passcode':
        this.settings.has_passcode = true;
        return { ...this.settings };
      case 'remove_passcode':
        this.settings.has_passcode = false;
        return { ...this.settings };
      case 'people_list':
        this.#requireUnlocked();
        return this.#peopleList();
      case 'person_get':
        this.#requireUnlocked();
        return structuredClone(this.#openPerson(args.id));
      case 'person_create':
        this.#requireUnlocked();
        return this.#createPerson(deserialisePersonInput(cmd, args.input));
      case 'person_update': {
        const raw = deserialisePersonInput(cmd, args.input);
        const id = parseId("That person's", args.id);
        const fields = normalisePerson(raw);
        this.#requireUnlocked();
        const person = this.#findPerson(id);
        if (person.fields.kind !== fields.kind) {
          throw invalid("A record's kind (person, group, organisation) cannot be changed.");
        }
        this.#checkLinks(fields, id);
        person.fields = fields;
        person.updated_at = this.#now();
        return structuredClone(person);
      }
      case 'person_set_archived': {
        const id = parseId("That person's", args.id);
        this.#requireUnlocked();
        if (typeof args.archived !== 'boolean') {
          throw "invalid args `archived` for command `person_set_archived`: expected a boolean";
        }
        const person = this.#findPerson(id);
        person.archived = args.archived;
        person.updated_at = this.#now();
        return null;
      }
      case 'records_to_write': // No session records unless a test extends with FakeRecords.
      case 'records_for_person':
      case 'records_of_member_groups':
      case 'action_items_open':
        return [];
      case 'plugin:window|destroy':
        return null;
      default:
        throw { code: 'internal', message: `The fake backend has no command ${cmd}.` };
    }
  }
}
