// Between-session contact notes of one supervisee: the list (newest first),
// the "Add contact note" form (also used to edit one) and the delete
// confirmation. Contact notes are working notes and can be edited and
// deleted (crates/core/src/contacts.rs says why). It holds decrypted text,
// so `reset()` runs on lock.

import * as contactsApi from '../api/contacts';
import type { AppError, ContactInput, ContactMode, ContactNote } from '../bindings';
import { LIMITS } from '../bindings';
import { invalidInput, toAppError } from '../errors';
import { localToday } from './exceptions.svelte';
import { forgetOnLock } from './onLock';

export const CONTACT_TEXT_CHARS = LIMITS.trail_text_chars;

export const MODE_LABELS: Record<ContactMode, string> = {
  phone: 'Phone',
  message: 'Message',
  video: 'Video',
  in_person: 'In person',
};

export const MODE_ORDER: readonly ContactMode[] = ['phone', 'message', 'video', 'in_person'];

/** The form's fields: the time as the time input gives it ("" for none). */
export interface ContactFields {
  date: string;
  time: string;
  mode: ContactMode;
  issue: string;
  advice: string;
  risk_decision: string;
  follow_up: string;
}

export type ContactField = keyof ContactFields;

export function emptyContact(today: string = localToday()): ContactFields {
  return { date: today, time: '', mode: 'phone', issue: '', advice: '', risk_decision: '', follow_up: '' };
}

export function fieldsOfNote(input: ContactInput): ContactFields {
  return { ...input, time: input.time === null ? '' : input.time.slice(0, 5) };
}

export function inputOfFields(fields: ContactFields): ContactInput {
  return { ...fields, time: fields.time === '' ? null : `${fields.time.slice(0, 5)}:00` };
}

/** Rust's checks (crates/core/src/contacts.rs), with its messages. */
export function checkContact(
  fields: ContactFields,
  today: string = localToday(),
): { field: ContactField; error: AppError } | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(fields.date)) {
    return { field: 'date', error: invalidInput('Enter the date of the contact.') };
  }
  if (fields.date > today) {
    return {
      field: 'date',
      error: invalidInput('The date of the contact is in the future. Record what has already happened.'),
    };
  }
  if (fields.time !== '' && !/^\d{2}:\d{2}/.test(fields.time)) {
    return { field: 'time', error: invalidInput('Enter the time as hours and minutes, or leave it empty.') };
  }
  if (fields.issue.trim() === '') {
    return { field: 'issue', error: { code: 'empty', message: 'The issue is empty. Write something first.' } };
  }
  for (const [field, what] of [
    ['issue', 'The issue'],
    ['advice', 'The advice given'],
    ['risk_decision', 'The risk decision'],
    ['follow_up', 'The follow-up'],
  ] as [ContactField, string][]) {
    if (Array.from(fields[field].trim()).length > CONTACT_TEXT_CHARS) {
      return { field, error: invalidInput(`${what} is too long (at most ${CONTACT_TEXT_CHARS} characters).`) };
    }
  }
  return null;
}

/** Newest first, as the core lists them. */
export function sortNotes(notes: ContactNote[]): ContactNote[] {
  const key = (n: ContactNote) =>
    `${n.fields?.date ?? n.created_at.slice(0, 10)} ${n.fields?.time ?? ''} ${n.created_at}`;
  return [...notes].sort((a, b) => (key(a) < key(b) ? 1 : key(a) > key(b) ? -1 : 0));
}

export class ContactsStore {
  personId = $state<string | null>(null);
  notes = $state<ContactNote[]>([]);
  loaded = $state(false);
  loading = $state(false);
  loadError = $state<AppError | null>(null);

  /** The note in the form; `id` is null when adding (null form: closed). */
  form = $state<{ id: string | null; fields: ContactFields } | null>(null);
  busy = $state(false);
  error = $state<AppError | null>(null);
  invalidField = $state<ContactField | null>(null);

  /** The note whose deletion is being confirmed. */
  pendingDelete = $state<string | null>(null);
  deleteError = $state<AppError | null>(null);

  notice = $state('');

  #generation = 0;

  async load(personId: string): Promise<void> {
    const generation = ++this.#generation;
    if (this.personId !== personId) {
      this.notes = [];
      this.loaded = false;
      this.close();
      this.pendingDelete = null;
      this.notice = '';
    }
    this.personId = personId;
    this.loading = true;
    this.loadError = null;
    try {
      const notes = await contactsApi.contactsList(personId);
      if (generation !== this.#generation) return;
      this.notes = notes;
      this.loaded = true;
    } catch (reason) {
      if (generation === this.#generation) this.loadError = toAppError(reason);
    } finally {
      if (generation === this.#generation) this.loading = false;
    }
  }

  startAdd(today: string = localToday()): void {
    this.form = { id: null, fields: emptyContact(today) };
    this.error = null;
    this.invalidField = null;
    this.notice = '';
  }

  startEdit(note: ContactNote): void {
    if (note.fields === null) return;
    this.form = { id: note.id, fields: fieldsOfNote(note.fields) };
    this.error = null;
    this.invalidField = null;
    this.notice = '';
  }

  close(): void {
    this.form = null;
    this.error = null;
    this.invalidField = null;
  }

  /** Saves the form (adds or edits); true when saved. */
  async save(today: string = localToday()): Promise<boolean> {
    const form = this.form;
    const personId = this.personId;
    if (form === null || personId === null || this.busy) return false;
    const problem = checkContact(form.fields, today);
    if (problem !== null) {
      this.error = problem.error;
      this.invalidField = problem.field;
      return false;
    }
    const generation = this.#generation;
    this.busy = true;
    this.error = null;
    this.invalidField = null;
    try {
      const input = inputOfFields($state.snapshot(form.fields));
      const note =
        form.id === null
          ? await contactsApi.contactCreate(personId, input)
          : await contactsApi.contactUpdate(form.id, input);
      if (generation !== this.#generation) return false;
      this.notes = sortNotes([note, ...this.notes.filter((n) => n.id !== note.id)]);
      this.notice = form.id === null ? 'The contact note was added.' : 'The contact note was saved.';
      this.form = null;
      return true;
    } catch (reason) {
      if (generation === this.#generation) this.error = toAppError(reason);
      return false;
    } finally {
      if (generation === this.#generation) this.busy = false;
    }
  }

  askDelete(id: string): void {
    this.pendingDelete = id;
    this.deleteError = null;
    this.notice = '';
  }

  cancelDelete(): void {
    this.pendingDelete = null;
    this.deleteError = null;
  }

  async confirmDelete(): Promise<void> {
    const id = this.pendingDelete;
    if (id === null || this.busy) return;
    const generation = this.#generation;
    this.busy = true;
    this.deleteError = null;
    try {
      await contactsApi.contactDelete(id);
      if (generation !== this.#generation) return;
      this.notes = this.notes.filter((n) => n.id !== id);
      this.pendingDelete = null;
      this.notice = 'The contact note was deleted.';
    } catch (reason) {
      if (generation === this.#generation) this.deleteError = toAppError(reason);
    } finally {
      if (generation === this.#generation) this.busy = false;
    }
  }

  /** Forgets everything decrypted (on lock). */
  reset(): void {
    this.#generation += 1;
    this.personId = null;
    this.notes = [];
    this.loaded = false;
    this.loading = false;
    this.loadError = null;
    this.busy = false;
    this.notice = '';
    this.pendingDelete = null;
    this.deleteError = null;
    this.close();
  }
}

export const contacts = new ContactsStore();
forgetOnLock(() => contacts.reset());
