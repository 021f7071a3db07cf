// A stand-in for the hours book commands, plugged into `FakeBackend` with
// `extend`. It keeps one book per person: seeded supervision items, entry
// reviews (returned with a comment, then approved; a returned entry blocks
// sign-off, as in crates/core/src/hours/signoff.rs) and month sign-offs
// that lock their items.

import type { EntryState, HoursBook, ManualEntryInput, SignOffInput, SupervisionItem } from '../lib/bindings';
import { UNHANDLED, type Args, type FakeBackend } from './fakeBackend';

export class FakeHours {
  books = new Map<string, HoursBook>();

  constructor(backend: FakeBackend) {
    backend.extend((cmd, args) => this.#handle(cmd, args));
  }

  book(personId: string): HoursBook {
    let b = this.books.get(personId);
    if (b === undefined) {
      b = {
        ledger: { person_id: personId, counts_from: null, supervision: [], practice: [] },
        manual: [],
        entries: [],
        sign_offs: [],
        log: [],
        changes: [],
        damaged: 0,
      };
      this.books.set(personId, b);
    }
    return b;
  }

  /** A held individual session of 60 minutes on `date`. */
  seedSession(personId: string, date: string): SupervisionItem {
    const item: SupervisionItem = {
      id: `session:s1:${date}T10:00`,
      date,
      minutes: 60,
      form: 'individual',
      group_size: null,
      source: { kind: 'session', key: { series_id: 's1', original_start: `${date}T10:00:00` } },
      supervisor: { name: '', licence_number: '', credential: '', is_owner: true },
      note: null,
    };
    this.book(personId).ledger.supervision.push(item);
    return item;
  }

  #entry(b: HoursBook, id: string): EntryState {
    let e = b.entries.find((x) => x.entry_id === id);
    if (e === undefined) {
      e = { entry_id: id, review: null, adjustment: null, locked_by: null };
      b.entries.push(e);
    }
    return e;
  }

  #handle(cmd: string, args: Args): unknown {
    switch (cmd) {
      case 'hours_book':
        return structuredClone(this.book(args.personId as string));
      case 'hours_manual_create': {
        const input = args.input as ManualEntryInput;
        if (input.minutes > 1440) {
          throw { code: 'invalid_input', message: 'A day has at most 1,440 minutes (24 hours); enter the minutes of this one entry.' };
        }
        if (input.supervisor_name.trim() === '') {
          throw { code: 'empty', message: "The supervisor's name is empty. Write something first." };
        }
        const b = this.book(input.person_id);
        const id = `manual-${b.manual.length + 1}`;
        b.manual.push({ id, ...input, group_size: input.group_size, minutes: input.minutes });
        b.ledger.supervision.push({
          id,
          date: input.date,
          minutes: input.minutes,
          form: input.form,
          group_size: input.group_size,
          source: { kind: 'manual', entry_id: id },
          supervisor: { name: input.supervisor_name, licence_number: input.licence_number, credential: input.credential, is_owner: false },
          note: input.note === '' ? null : input.note,
        });
        b.ledger.supervision.sort((x, y) => (x.date + x.id).localeCompare(y.date + y.id));
        return structuredClone(b);
      }
      case 'hours_return_entry': {
        const b = this.book(args.personId as string);
        const e = this.#entry(b, args.entryId as string);
        if (e.locked_by) throw { code: 'read_only', message: 'That entry is in a signed-off period and cannot be changed.' };
        e.review = { entry_id: e.entry_id, status: 'returned', comment: args.comment as string, returned_at: '2026-03-02T09:00:00Z', approved_at: null };
        return structuredClone(b);
      }
      case 'hours_approve_entry': {
        const b = this.book(args.personId as string);
        const e = this.#entry(b, args.entryId as string);
        e.review = { entry_id: e.entry_id, status: 'approved', comment: e.review?.comment ?? '', returned_at: e.review?.returned_at ?? null, approved_at: '2026-03-02T09:05:00Z' };
        return structuredClone(b);
      }
      case 'hours_sign_off': {
        const input = args.input as SignOffInput;
        const b = this.book(input.person_id);
        const inPeriod = b.ledger.supervision.filter((i) => i.date >= input.from && i.date <= input.to);
        const returned = inPeriod.filter((i) => b.entries.find((e) => e.entry_id === i.id)?.review?.status === 'returned');
        if (returned.length > 0) {
          throw { code: 'invalid_input', message: `These entries were returned and are not yet approved: ${returned.map((i) => `${i.date} (individual)`).join(', ')}. Approve each before signing off.` };
        }
        const id = `so-${b.sign_offs.length + 1}`;
        b.sign_offs.push({ id, person_id: input.person_id, from: input.from, to: input.to, signed_name: input.signed_name, signed_at: '2026-03-02T09:10:00Z', content_hash: 'a'.repeat(64), supervision: inPeriod, practice: [], reopened: null, addenda: [] });
        b.log.push({ sign_off_id: id, from: input.from, to: input.to, event: 'signed', at: '2026-03-02T09:10:00Z', text: input.signed_name });
        for (const i of inPeriod) this.#entry(b, i.id).locked_by = id;
        return structuredClone(b);
      }
      default:
        return UNHANDLED;
    }
  }
}
