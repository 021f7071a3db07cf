// A stand-in for the data-rights commands (subject-access export, erasure,
// retention), plugged into `FakeBackend` with `extend`, as FakeTrail is. It
// follows crates/core/src/subject_access/, message for message: the export
// is for one person only; erasure is refused while the person is in a group
// and needs their name typed exactly; periods are 1 to 100 years; a person
// is due when their end date (or archive date) plus a period has passed.

import type {
  AppError,
  DisposalDue,
  ErasurePreview,
  Person,
  RecordType,
  RetentionPeriods,
  RetentionSettings,
  SavedExport,
} from '../lib/bindings';
import { UNHANDLED, type Args, type FakeBackend } from './fakeBackend';
import { FakeKeys } from './fakeKeys';

const invalid = (message: string): AppError => ({ code: 'invalid_input', message });
const notFound = (what: string): AppError => ({
  code: 'not_found',
  message: `${what} was not found. It may have been deleted.`,
});

export const CANNOT_REACH = [
  'Copies of Confidant’s data folder made before the erasure still hold this person’s data.',
  'Other computers: a copy of this vault on another machine is not changed.',
];

const TYPES: [RecordType, keyof RetentionPeriods, string][] = [
  ['session_records', 'session_records', 'session records'],
  ['agreements', 'agreements', 'agreements'],
  ['contact_notes', 'contact_notes', 'contact notes'],
  ['exception_log', 'exception_log', 'the confidentiality-exception log'],
  ['goals', 'goals', 'goals and development'],
  ['hours', 'hours', 'the hours log'],
];

function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const last = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
  return `${y + years}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export class FakeDataRights {
  periods: RetentionPeriods | null = null;
  /** Where the next save dialog "saves" (`null`: the person cancels it). */
  chosenPath: string | null = '/home/dana/Documents/Subject access export 2026-11-30.json';
  saves: SavedExport[] = [];
  erased: string[] = [];
  /** The key changes erasure goes with. */
  readonly keys: FakeKeys;
  #backend: FakeBackend;

  constructor(backend: FakeBackend) {
    this.#backend = backend;
    this.keys = new FakeKeys(backend);
    backend.extend((cmd, args) => this.#handle(cmd, args));
  }

  #person(id: unknown): Person {
    const person = this.#backend.people.find((p) => p.id === id);
    if (person === undefined) throw notFound('That person');
    return person;
  }

  #settings(): RetentionSettings {
    const def = { session_records: 7, agreements: 7, contact_notes: 7, exception_log: 7, goals: 7, hours: 7 };
    return {
      periods: { ...(this.periods ?? def) },
      saved: this.periods !== null,
      default_years: 7,
      min_years: 1,
      max_years: 100,
    };
  }

  #preview(id: unknown): ErasurePreview {
    const person = this.#person(id);
    const blockers = this.#backend.people
      .filter((g) => g.fields.members.includes(person.id))
      .map((g) => `Remove ${person.fields.name} from the group “${g.fields.name}” first.`);
    return {
      person_id: person.id,
      name: person.fields.name,
      kind: person.fields.kind,
      agreements: 1,
      session_series: 1,
      session_records: 3,
      contact_notes: 2,
      goals: 1,
      exception_entries: 0,
      invoices: 0,
      shared_items: 0,
      blockers,
      cannot_reach: [...CANNOT_REACH],
    };
  }

  #handle(cmd: string, args: Args): unknown {
    switch (cmd) {
      case 'subject_access_save': {
        const person = this.#person(args.personId);
        if (person.fields.kind !== 'person') {
          throw invalid('A subject-access export is about one person.');
        }
        if (this.chosenPath === null) return null;
        const saved = { json_path: this.chosenPath, pdf_path: this.chosenPath.replace(/\.json$/, '.pdf') };
        this.saves.push(saved);
        return saved;
      }
      case 'erase_preview':
        return this.#preview(args.personId);
      case 'erase_person': {
        const preview = this.#preview(args.personId);
        if (String(args.confirmation).trim() !== preview.name.trim()) {
          throw invalid("The name typed does not match. Type the person's name exactly as shown to erase them.");
        }
        if (preview.blockers.length > 0) throw invalid(preview.blockers.join(' '));
        this.keys.take('master_key', args.recoveryCode);
        this.#backend.people = this.#backend.people.filter((p) => p.id !== preview.person_id);
        this.erased.push(preview.person_id);
        return {
          person_id: preview.person_id,
          rows_deleted: 9,
          exception_entries_shredded: 0,
          invoices_shredded: 0,
          data_keys_rewrapped: 4,
          keys_rotated_at: '2026-12-01T09:00:00Z',
          cannot_reach: [...CANNOT_REACH],
        };
      }
      case 'retention_get':
        return this.#settings();
      case 'retention_set': {
        const periods = args.periods as RetentionPeriods;
        for (const [, key, label] of TYPES) {
          const y = periods[key];
          if (!Number.isInteger(y) || y < 1 || y > 100) {
            throw invalid(`The retention period for ${label} must be between 1 and 100 years (it was ${y}).`);
          }
        }
        this.periods = { ...periods };
        return this.#settings();
      }
      case 'retention_due': {
        const today = String(args.today);
        const periods = this.#settings().periods;
        const out: DisposalDue[] = [];
        for (const p of this.#backend.people) {
          if (p.fields.kind === 'organisation' || p.fields.end_date === null) continue;
          const ended = p.fields.end_date;
          const all = TYPES.map(([t, key]) => ({ record_type: t, due_on: addYears(ended, periods[key]) }));
          const due = all.filter((d) => d.due_on <= today);
          if (due.length === 0) continue;
          out.push({
            person_id: p.id,
            name: p.fields.name,
            kind: p.fields.kind,
            ended_on: ended,
            ended_by: 'end_date',
            due,
            not_yet: all.filter((d) => d.due_on > today),
          });
        }
        return out;
      }
      default:
        return UNHANDLED;
    }
  }
}
