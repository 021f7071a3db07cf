// A stand-in for the paper-trail commands (the confidentiality-exception log
// and between-session contact notes), plugged into `FakeBackend` with
// `extend`, as FakeAgreements is. It follows crates/core/src/exception_log.rs
// and contacts.rs, message for message: entries are never changed or deleted
// (no such command exists), addenda are numbered and dated in order, the
// subject must be an individual, and "today" is the latest date anywhere.

import type {
  AppError,
  ContactInput,
  ContactNote,
  ExceptionEntry,
  ExceptionInput,
  Person,
} from '../lib/bindings';
import { LIMITS } from '../lib/bindings';
import { UNHANDLED, type Args, type FakeBackend } from './fakeBackend';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TEXT = LIMITS.trail_text_chars;
const RECIPIENT = LIMITS.trail_recipient_chars;

const invalid = (message: string): AppError => ({ code: 'invalid_input', message });
const empty = (what: string): AppError => ({ code: 'empty', message: `${what} is empty. Write something first.` });
const notFound = (what: string): AppError => ({
  code: 'not_found',
  message: `${what} was not found. It may have been deleted.`,
});

function parseId(what: string, id: unknown): string {
  if (typeof id !== 'string' || !UUID.test(id.trim())) throw invalid(`${what} id is not valid.`);
  return id.trim().toLowerCase();
}

function paragraph(what: string, value: string, max: number): string {
  const v = value.replace(/\r\n?/g, '\n').trim();
  if (Array.from(v).length > max) throw invalid(`${what} is too long (at most ${max} characters).`);
  if (/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.test(v)) throw invalid(`${what} contains control characters.`);
  return v;
}

function line(what: string, value: string, max: number): string {
  const v = value.trim();
  if (Array.from(v).length > max) throw invalid(`${what} is too long (at most ${max} characters).`);
  if (/[\u0000-\u001f\u007f-\u009f]/.test(v)) throw invalid(`${what} contains control characters.`);
  return v;
}

export class FakeTrail {
  entries: ExceptionEntry[] = [];
  notes: ContactNote[] = [];
  /** The latest date anywhere "today" (the core allows up to UTC+14). */
  today = new Date(Date.now() + 14 * 3_600_000).toISOString().slice(0, 10);
  #backend: FakeBackend;
  #next = 1;
  #clock = Date.UTC(2026, 10, 30, 9, 0, 0);

  constructor(backend: FakeBackend) {
    this.#backend = backend;
    backend.extend((cmd, args) => this.#handle(cmd, args));
  }

  #id(): string {
    const n = String(this.#next++).padStart(12, '0');
    return `7a11c0de-0000-4000-8000-${n}`;
  }

  #now(): string {
    this.#clock += 60_000;
    return new Date(this.#clock).toISOString().replace('.000Z', 'Z');
  }

  #individual(personId: unknown, what: string): Person {
    const id = parseId("That person's", personId);
    const person = this.#backend.people.find((p) => p.id === id);
    if (person === undefined) throw notFound('That person');
    if (person.fields.kind === 'organisation') {
      throw invalid(`${what} is about a supervisee, not an organisation. Choose the person instead.`);
    }
    if (person.fields.kind === 'group') {
      throw invalid(`${what} is about one supervisee, not a group. Choose the member it concerns.`);
    }
    return person;
  }

  #notInFuture(what: string, date: string): void {
    if (date > this.today) throw invalid(`${what} is in the future. Record what has already happened.`);
  }

  /** Adds an entry directly (checked as `exception_record` checks it). */
  seedEntry(personId: string, input: ExceptionInput): ExceptionEntry {
    return this.#record(personId, input);
  }

  #record(personId: unknown, input: ExceptionInput): ExceptionEntry {
    const fields = this.#normaliseException(input);
    const person = this.#individual(personId, 'An exception entry');
    const entry: ExceptionEntry = {
      id: this.#id(),
      person_id: person.id,
      recorded_at: this.#now(),
      fields,
      damaged: false,
      addenda: [],
    };
    this.entries.push(entry);
    return structuredClone(entry);
  }

  #normaliseException(input: ExceptionInput): ExceptionInput {
    this.#notInFuture('The date of the disclosure', input.date);
    const required = (what: string, value: string) => {
      const v = paragraph(what, value, TEXT);
      if (v === '') throw empty(what);
      return v;
    };
    const concern = required('The concern', input.concern);
    const shared = required('What was shared', input.shared);
    const organisation = line('The organisation it was shared with', input.recipient_organisation, RECIPIENT);
    const role = line('The role of the person it was shared with', input.recipient_role, RECIPIENT);
    if (organisation === '' || role === '') {
      throw invalid(
        'An exception entry needs a recipient: the agency or organisation it was shared with, and the role of the person there.',
      );
    }
    const basis = required('The legal or ethical basis', input.basis);
    const how = paragraph('How it was discussed', input.discussed_how, TEXT);
    if (input.discussed === 'yes' && how === '') {
      throw invalid('Say how it was discussed with the supervisee before it was shared.');
    }
    return {
      ...input,
      concern,
      shared,
      recipient_organisation: organisation,
      recipient_role: role,
      basis,
      discussed_how: how,
      response: paragraph("The supervisee's response", input.response, TEXT),
      outcome: paragraph('The solution agreed or outcome', input.outcome, TEXT),
    };
  }

  #sortedEntries(personId: string): ExceptionEntry[] {
    const key = (e: ExceptionEntry) => `${e.fields?.date ?? e.recorded_at.slice(0, 10)} ${e.recorded_at}`;
    return structuredClone(
      this.entries
        .filter((e) => e.person_id === personId)
        .sort((a, b) => (key(a) < key(b) ? 1 : key(a) > key(b) ? -1 : 0)),
    );
  }

  #contact(input: ContactInput): ContactInput {
    this.#notInFuture('The date of the contact', input.date);
    const issue = paragraph('The issue', input.issue, TEXT);
    if (issue === '') throw empty('The issue');
    return {
      ...input,
      time: input.time === null ? null : `${input.time.slice(0, 5)}:00`,
      issue,
      advice: paragraph('The advice given', input.advice, TEXT),
      risk_decision: paragraph('The risk decision', input.risk_decision, TEXT),
      follow_up: paragraph('The follow-up', input.follow_up, TEXT),
    };
  }

  #handle(cmd: string, args: Args): unknown {
    switch (cmd) {
      case 'exceptions_list': {
        const person = this.#individual(args.personId, 'The exception log');
        return this.#sortedEntries(person.id);
      }
      case 'exception_record':
        return this.#record(args.personId, args.input as ExceptionInput);
      case 'exception_add_addendum': {
        const id = parseId("That exception entry's", args.entryId);
        const text = paragraph('The addendum', String(args.text), TEXT);
        if (text === '') throw empty('The addendum');
        const entry = this.entries.find((e) => e.id === id);
        if (entry === undefined) throw notFound('That exception entry');
        entry.addenda.push({
          id: this.#id(),
          seq: entry.addenda.length + 1,
          recorded_at: this.#now(),
          text,
          damaged: false,
        });
        return structuredClone(entry);
      }
      case 'contacts_list': {
        const person = this.#individual(args.personId, 'A contact note');
        const key = (n: ContactNote) =>
          `${n.fields?.date ?? n.created_at.slice(0, 10)} ${n.fields?.time ?? ''} ${n.created_at}`;
        return structuredClone(
          this.notes
            .filter((n) => n.person_id === person.id)
            .sort((a, b) => (key(a) < key(b) ? 1 : key(a) > key(b) ? -1 : 0)),
        );
      }
      case 'contact_create': {
        const fields = this.#contact(args.input as ContactInput);
        const person = this.#individual(args.personId, 'A contact note');
        const at = this.#now();
        const note: ContactNote = {
          id: this.#id(),
          person_id: person.id,
          created_at: at,
          updated_at: at,
          fields,
          damaged: false,
        };
        this.notes.push(note);
        return structuredClone(note);
      }
      case 'contact_update': {
        const id = parseId("That contact note's", args.id);
        const fields = this.#contact(args.input as ContactInput);
        const note = this.notes.find((n) => n.id === id);
        if (note === undefined) throw notFound('That contact note');
        note.fields = fields;
        note.updated_at = this.#now();
        return structuredClone(note);
      }
      case 'contact_delete': {
        const id = parseId("That contact note's", args.id);
        if (!this.notes.some((n) => n.id === id)) throw notFound('That contact note');
        this.notes = this.notes.filter((n) => n.id !== id);
        return null;
      }
      default:
        return UNHANDLED;
    }
  }
}
