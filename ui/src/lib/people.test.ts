import { mockIPC } from '@tauri-apps/api/mocks';
import { beforeEach, describe, expect, it } from 'vitest';
import { FakeBackend, personInput } from '../test/fakeBackend';
import * as api from './api';
import type { PersonInput, PersonSummary } from './bindings';
import {
  checkInput,
  emptyFields,
  fieldsOf,
  formatDay,
  groupPeople,
  inputOf,
  MAX_NOTES_BYTES,
  PeopleStore,
} from './stores/people.svelte';

function summary(name: string, extra: Partial<PersonSummary> = {}): PersonSummary {
  return {
    id: `id-${name}`,
    kind: 'person',
    relation: 'i_supervise',
    name,
    organisation_name: null,
    archived: false,
    damaged: false,
    ...extra,
  };
}

function check(fields: Partial<PersonInput>): string | null {
  return checkInput(personInput({ name: 'Sam Carter', ...fields }))?.message ?? null;
}

describe('api', () => {
  it('sends the people commands with camelCase top-level arguments', async () => {
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      return cmd === 'people_list' ? [] : null;
    });
    const input = personInput({ name: 'Sam' });

    await api.peopleList();
    await api.personGet('p1');
    await api.personCreate(input);
    await api.personUpdate('p1', input);
    await api.personSetArchived('p1', true);

    expect(calls).toEqual([
      ['people_list', {}],
      ['person_get', { id: 'p1' }],
      ['person_create', { input }],
      ['person_update', { id: 'p1', input }],
      ['person_set_archived', { id: 'p1', archived: true }],
    ]);
  });
});

describe('checkInput mirrors Rust', () => {
  it('accepts a complete, valid record', () => {
    expect(
      check({
        email: ' sam.carter@example.org ',
        phone: '+44 (0)20 7946-0000',
        start_date: '2026-03-01',
        end_date: '2026-03-01',
        notes: 'Line one\nLine two about C-17',
      }),
    ).toBeNull();
  });

  it('requires a name', () => {
    expect(check({ name: '' })).toBe('Enter a name.');
    expect(check({ name: '   ' })).toBe('Enter a name.');
    expect(check({ name: 'x'.repeat(201) })).toBe(
      'The name is too long (at most 200 characters).',
    );
    expect(check({ name: ` ${'é'.repeat(200)} ` })).toBeNull();
  });

  it.each(['sam@', 'sam@example', '@example.org', 'sam@.org', 'sam@example.org.', 'sam @example.org', 'sam'])(
    'refuses the email %j as Rust does',
    (email) => {
      expect(check({ email })).toBe(
        "The email address doesn't look right (expected name@example.org).",
      );
    },
  );

  it('checks the phone number, dates, notes size and single-line fields', () => {
    expect(check({ phone: 'ext 5' })).toBe(
      'The phone number may contain only digits, spaces and + ( ) - .',
    );
    expect(check({ start_date: '2026-05-01', end_date: '2026-04-30' })).toBe(
      'The end date is before the start date.',
    );
    expect(check({ end_date: '2026-02-30' })).toBe('Enter a whole date, or leave it empty.');
    expect(check({ notes: 'a'.repeat(MAX_NOTES_BYTES) })).toBeNull();
    expect(check({ notes: 'a'.repeat(MAX_NOTES_BYTES + 1) })).toBe(
      'The notes are too long (at most 100 KiB).',
    );
    expect(check({ pronouns: 'x'.repeat(41) })).toBe(
      'The pronouns are too long (at most 40 characters).',
    );
    // The licensure plan is a paragraph field: line breaks are fine there, but
    // Rust refuses them (and other control characters) in one-line fields.
    expect(check({ licensure_plan: 'Year one\nYear two' })).toBeNull();
    expect(check({ licence_body: 'Social Work\nEngland' })).toBe(
      'The licensing body must be a single paragraph: remove the line breaks.',
    );
    expect(check({ licence_number: 'SW\u0007' })).toBe(
      'The licence number contains control characters.',
    );
  });

  it('agrees with the fake backend, which copies Rust message for message', () => {
    const backend = new FakeBackend();
    const cases: Partial<PersonInput>[] = [
      {},
      { name: ' ' },
      { email: 'sam@example' },
      { email: 'a@b.co' },
      { phone: '07700 900123' },
      { phone: '0770#' },
      { start_date: '2026-01-02', end_date: '2026-01-01' },
      { licensure_plan: 'two\nlines' },
      { pronouns: 'they/them' },
    ];
    for (const fields of cases) {
      const input = personInput({ name: 'Sam Carter', ...fields });
      let rustAccepts = true;
      try {
        backend.seedPerson(input);
      } catch {
        rustAccepts = false;
      }
      expect({ fields, accepted: checkInput(input) === null }).toEqual({
        fields,
        accepted: rustAccepts,
      });
    }
  });
});

describe('form fields', () => {
  it('round-trips a PersonInput, with empty optional values as null', () => {
    const input = personInput({
      name: 'Sam',
      organisation_id: 'org',
      start_date: '2026-03-01',
    });
    expect(inputOf(fieldsOf(input))).toEqual(input);
    expect(fieldsOf(input).end_date).toBe('');
  });

  it('sends only what a kind may have', () => {
    const fields = {
      ...emptyFields('person', 'supervises_me'),
      name: 'Org',
      pronouns: 'she/her',
      organisation_id: 'org',
      members: ['a'],
      facilitator_id: 'b',
      start_date: '2026-01-01',
    };
    expect(inputOf({ ...fields, kind: 'organisation' })).toEqual(
      personInput({ kind: 'organisation', name: 'Org' }),
    );
    expect(inputOf({ ...fields, kind: 'person' })).toMatchObject({
      relation: 'supervises_me',
      members: [],
      facilitator_id: null,
      organisation_id: 'org',
      pronouns: 'she/her',
    });
    expect(inputOf({ ...fields, kind: 'group' })).toMatchObject({
      relation: 'supervises_me',
      pronouns: '',
      members: ['a'],
      facilitator_id: 'b',
      start_date: '2026-01-01',
    });
  });
});

describe('grouping', () => {
  it('sorts by name as people read it, damaged last, and files each record', () => {
    const sections = groupPeople([
      summary('Zoë'),
      summary('', { id: 'broken', damaged: true, relation: 'none' }),
      summary('adam'),
      summary('Émile'),
      summary('Peer group', { kind: 'group', relation: 'supervises_me' }),
      summary('Dana', { relation: 'supervises_me' }),
      summary('Agency', { kind: 'organisation', relation: 'none' }),
      summary('Priya', { relation: 'none' }),
      summary('Old', { archived: true }),
    ]);
    const names = (id: keyof typeof sections) => sections[id].map((p) => p.name || p.id);
    expect(names('supervisees')).toEqual(['adam', 'Émile', 'Zoë']);
    expect(names('groups')).toEqual(['Peer group']);
    expect(names('supervisors')).toEqual(['Dana']);
    expect(names('organisations')).toEqual(['Agency']);
    expect(names('contacts')).toEqual(['Priya', 'broken']);
    expect(names('archived')).toEqual(['Old']);
  });

  it('filters by name, leaving damaged records out', () => {
    const sections = groupPeople(
      [summary('Émile Brun'), summary('Sam'), summary('', { id: 'x', damaged: true })],
      ' EMI ',
    );
    expect(sections.supervisees.map((p) => p.name)).toEqual(['Émile Brun']);
    expect(sections.contacts).toEqual([]);
  });

  it('writes dates without shifting them across time zones', () => {
    expect(formatDay('2026-03-01')).toContain('2026');
    expect(formatDay('2026-03-01')).toMatch(/\b1\b/);
  });
});

describe('PeopleStore', () => {
  let backend: FakeBackend;
  let store: PeopleStore;

  beforeEach(() => {
    backend = new FakeBackend().install();
    store = new PeopleStore();
  });

  it('saves a new record, reloads the list from Rust and shows the record', async () => {
    await store.load();
    store.startNew({ kind: 'person', relation: 'i_supervise' });
    expect(store.dirty).toBe(false);
    store.draft!.fields.name = '  Sam Carter ';
    expect(store.dirty).toBe(true);

    expect(await store.save()).toBe(true);
    expect(backend.callsTo('person_create')).toEqual([
      { input: personInput({ name: '  Sam Carter ' }) },
    ]);
    // Rust trims; the store shows what Rust stored.
    expect(store.person?.fields.name).toBe('Sam Carter');
    expect(store.list.map((p) => p.name)).toEqual(['Sam Carter']);
    expect(store.view).toEqual({ kind: 'person', id: store.person?.id });
    expect(store.draft).toBeNull();
  });

  it('defaults a supervisee’s new record to “They supervise me”', async () => {
    backend.settings.roles = ['supervisee'];
    await store.load();
    store.startNew();
    expect(store.draft?.fields.relation).toBe('supervises_me');
    backend.settings.roles = ['supervisor', 'supervisee'];
    await store.load();
    store.startNew();
    expect(store.draft?.fields.relation).toBe('i_supervise');
  });

  it('sends nothing when a check fails, and keeps Rust’s message when it refuses', async () => {
    store.startNew();
    expect(await store.save()).toBe(false);
    expect(store.formError).toEqual({ code: 'invalid_input', message: 'Enter a name.' });
    expect(store.invalidField).toBe('name');
    expect(backend.callsTo('person_create')).toEqual([]);

    backend.fail('person_create', { code: 'locked', message: 'Confidant is locked.' });
    store.draft!.fields.name = 'Sam';
    expect(await store.save()).toBe(false);
    expect(store.formError).toEqual({ code: 'locked', message: 'Confidant is locked.' });
    expect(store.invalidField).toBeNull();
    expect(store.view).toEqual({ kind: 'form' });
  });

  it('asks before leaving a changed form, and only then', async () => {
    const sam = backend.seedPerson({ name: 'Sam' });
    await store.open(sam.id);
    store.startEdit();
    let left = 0;
    store.leaveForm(() => left++);
    expect(left).toBe(1);
    expect(store.view).toEqual({ kind: 'person', id: sam.id });

    store.startEdit();
    store.draft!.fields.notes = 'changed';
    store.leaveForm(() => left++);
    expect(left).toBe(1);
    expect(store.pendingLeave).not.toBeNull();
    store.keepEditing();
    expect(store.draft?.fields.notes).toBe('changed');

    store.leaveForm(() => left++);
    store.confirmLeave();
    expect(left).toBe(2);
    expect(store.draft).toBeNull();
    expect(store.view).toEqual({ kind: 'person', id: sam.id });
  });

  it('forgets everything on reset, and ignores answers that arrive after it', async () => {
    const sam = backend.seedPerson({ name: 'Sam', notes: 'C-17' });
    await store.load();
    await store.open(sam.id);
    store.query = 'Sa';
    store.archivedOpen = true;

    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    backend.on('people_list', async () => {
      await gate;
      return [summary('Late answer')];
    });
    const late = store.load();
    store.reset();
    release();
    await late;

    expect(store.list).toEqual([]);
    expect(store.loaded).toBe(false);
    expect(store.person).toBeNull();
    expect(store.draft).toBeNull();
    expect(store.view).toEqual({ kind: 'list' });
    expect(store.query).toBe('');
    expect(store.archivedOpen).toBe(false);
    expect(store.roles).toEqual([]);
  });
});
