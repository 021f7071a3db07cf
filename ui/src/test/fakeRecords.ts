// A stand-in for the session-record commands, plugged into `FakeBackend`
// with `extend` (like FakeAgreements) and reading sessions from a
// `FakeSchedule`. It follows crates/core/src/records/: a record only for a
// held session (one per session); drafts save against their revision;
// finalising needs the required parts (named in the refusal) and makes the
// record read-only; addenda only on final records, dated, oldest first; the
// acknowledgement is recorded by hand, once; open action items roll forward
// onto every later agenda until done or dropped (a draft's own copy changes
// with them); group members' own notes
// and addenda show only in that member's view.

import type {
  ActionItem,
  ActionItemInput,
  AddendumInput,
  RecordAddendum,
  Agenda,
  AgendaItem,
  AppError,
  CaseHistory,
  OccurrenceKey,
  Person,
  RaisedBy,
  RecordContent,
  RecordSummary,
  RecordToWrite,
  SessionRecord,
} from '../lib/bindings';
import { UNHANDLED, type Args, type FakeBackend } from './fakeBackend';
import type { FakeSchedule } from './fakeSchedule';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const ITEM_CHARS = 2000;

const invalid = (message: string): AppError => ({ code: 'invalid_input', message });
const empty = (what: string): AppError => ({ code: 'empty', message: `${what} is empty. Write something first.` });
const notFound = (what: string): AppError => ({ code: 'not_found', message: `${what} was not found. It may have been deleted.` });
const FINAL_READ_ONLY: AppError = {
  code: 'read_only',
  message: 'This record is final and can no longer be edited. Add a dated addendum instead.',
};
const STALE = invalid(
  'This record was saved in another window after you opened it, so this save was refused and nothing was changed. Reload the record to see the latest version.',
);

export function emptyContent(): RecordContent {
  const fn = () => ({ ticked: false, note: '' });
  return {
    agenda_items: [],
    exploration: '',
    decisions: [],
    key_learning: '',
    functions: { normative: fn(), formative: fn(), restorative: fn() },
    consultations: [],
    ethical_decisions: [],
    wellbeing: { reported: '', agreed: '' },
    feedback: { strengths: '', development: '', on_supervision: '' },
    action_items: [],
    attendance: [],
    shared_notes: '',
    member_notes: [],
  };
}

/** Mirrors caseref.rs: a short code with a digit, never a name. */
export function checkCaseReference(value: string): string {
  const v = value.trim();
  if (v === '') throw empty('The case reference');
  if (Array.from(v).length > 20 || !/^[A-Za-z0-9\-_./#]+$/.test(v) || !/\d/.test(v)) {
    throw invalid(
      'The case reference must be a short code such as "C-17" (letters, digits and dashes, with at least one digit, no spaces), never a name.',
    );
  }
  return v;
}

interface Stored {
  record: SessionRecord;
  /** Every member's note (the record's content shows the viewer's only). */
  content: RecordContent;
}

export class FakeRecords {
  stored: Stored[] = [];
  actions: ActionItem[] = [];
  addenda: (RecordAddendum & { record_id: string })[] = [];
  agendas = new Map<string, AgendaItem[]>();
  #backend: FakeBackend;
  #schedule: FakeSchedule;
  #next = 1;
  #clock = Date.UTC(2026, 2, 9, 12, 0, 0);

  constructor(backend: FakeBackend, schedule: FakeSchedule) {
    this.#backend = backend;
    this.#schedule = schedule;
    backend.extend((cmd, args) => this.#handle(cmd, args));
  }

  /** Marks a session held, as `schedule_set_status` does. */
  hold(key: OccurrenceKey): void {
    this.#schedule.extension('schedule_set_status', { key, status: 'held' }, this.#backend);
  }

  #now(): string {
    this.#clock += 60_000;
    return new Date(this.#clock).toISOString();
  }

  #id(prefix: string): string {
    const n = String(this.#next++).padStart(12, '0');
    return `${prefix.padEnd(8, '0').slice(0, 8)}-0000-4000-8000-${n}`;
  }

  #occurrence(key: OccurrenceKey) {
    const o = this.#schedule.all().find((x) => x.key.series_id === key.series_id && x.key.original_start === key.original_start);
    if (!o) throw notFound('That session');
    return o;
  }

  #person(id: string): Person {
    const p = this.#backend.people.find((x) => x.id === id);
    if (!p) throw notFound('That person');
    return p;
  }

  #summary(s: Stored): RecordSummary {
    return {
      id: s.record.id,
      key: structuredClone(s.record.key),
      person_id: s.record.person_id,
      kind: s.record.kind,
      session_date: s.record.session_date,
      status: s.record.status,
      updated_at: s.record.updated_at,
      first_item: s.content.agenda_items[0]?.text.split('\n')[0] ?? '',
      agenda_items: s.content.agenda_items.length,
      open_actions: this.actions.filter((a) => a.record_id === s.record.id && a.status === 'open').length,
      addenda: this.addenda.filter((a) => a.record_id === s.record.id && a.member_id === null).length,
      damaged: false,
    };
  }

  #members(personId: string): string[] {
    const p = this.#person(personId);
    return p.fields.kind === 'group' ? p.fields.members : [];
  }

  #find(id: unknown): Stored {
    const s = this.stored.find((x) => x.record.id === id);
    if (!s) throw notFound('That session record');
    return s;
  }

  /** The record as `viewer` reads it (a member sees only their own note and addenda). */
  #view(s: Stored, viewer: string | null): SessionRecord {
    const record = structuredClone(s.record);
    record.content = structuredClone(s.content);
    record.content.member_notes = record.content.member_notes.filter((n) => n.member_id === viewer);
    record.action_items = structuredClone(this.actions.filter((a) => a.record_id === record.id));
    record.addenda = this.addenda
      .filter((a) => a.record_id === record.id && (a.member_id === null || a.member_id === viewer))
      .map(({ record_id: _, ...a }) => structuredClone(a));
    record.viewer = viewer;
    return record;
  }

  #checkViewer(personId: string, viewer: unknown): string | null {
    if (viewer === null || viewer === undefined) return null;
    if (!this.#members(personId).includes(String(viewer))) {
      throw invalid("That person is not a member of this record's group.");
    }
    return String(viewer);
  }

  #who<T extends RaisedBy>(members: string[], who: T, field: string): T {
    if (who.by === 'member' && !members.includes(who.member_id)) {
      throw invalid(`${field} names someone who is not a member of this group.`);
    }
    return who;
  }

  #items(members: string[], items: AgendaItem[]): AgendaItem[] {
    return items.map((i) => {
      const text = i.text.trim();
      if (text === '') throw empty('An agenda item');
      if (Array.from(text).length > ITEM_CHARS) throw invalid(`An agenda item is too long (at most ${ITEM_CHARS} characters).`);
      return { ...i, text, raised_by: this.#who(members, i.raised_by, 'An agenda item\'s "raised by"') };
    });
  }

  /** Mirrors validate.rs (the checks a UI can trip over). */
  #validate(personId: string, sessionDate: string, c: RecordContent): RecordContent {
    const members = this.#members(personId);
    const group = this.#person(personId).fields.kind === 'group';
    if (!group && (c.attendance.length > 0 || c.member_notes.length > 0 || c.shared_notes.trim() !== '')) {
      throw invalid("Attendance, shared notes and members' notes are for group records only.");
    }
    const out = structuredClone(c);
    out.agenda_items = this.#items(members, c.agenda_items);
    out.decisions = c.decisions.map((d) => d.trim()).filter((d) => d !== '');
    out.exploration = c.exploration.trim();
    out.consultations = c.consultations.map((x) => {
      if (group && x.supervisee_id === null) throw invalid('In a group record, say whose case each consultation is.');
      return { ...x, case_reference: checkCaseReference(x.case_reference) };
    });
    out.ethical_decisions = c.ethical_decisions.map((e) => {
      if (e.issue.trim() === '') throw empty("An ethical decision's issue");
      if (e.raised_on !== null && !DAY.test(e.raised_on)) throw invalid("An ethical decision's date raised is not a date.");
      return {
        ...e,
        issue: e.issue.trim(),
        raised_by: this.#who(members, e.raised_by, 'An ethical decision\'s "raised by"'),
        options: e.options.map((o) => o.trim()).filter((o) => o !== ''),
      };
    });
    out.action_items = c.action_items.map((a) => {
      const text = a.text.trim();
      if (text === '') throw empty('An action item');
      if (a.owner === null) throw invalid('An action item has no owner. Say who will do it.');
      if (a.owner.by === 'supervisee' && group) {
        throw invalid('In a group record, an action item\'s owner is the supervisor or a named member.');
      }
      this.#who(members, a.owner, "An action item's owner");
      if (a.due !== null && a.due < sessionDate) {
        throw invalid(
          `An action item is due on ${a.due}, before the session (${sessionDate}). Choose a due date on or after the session.`,
        );
      }
      return { ...a, text };
    });
    for (const a of c.attendance) this.#who(members, { by: 'member', member_id: a.member_id }, 'An attendance entry');
    out.member_notes = c.member_notes
      .map((n) => ({ ...this.#who(members, { by: 'member', member_id: n.member_id }, "A member's own note"), text: n.text.trim() }))
      .map(({ member_id, text }) => ({ member_id, text }))
      .filter((n) => n.text !== '');
    return out;
  }

  /** Mirrors `missing_for_final`. */
  missing(c: RecordContent, members: string[]): string[] {
    const out: string[] = [];
    if (c.agenda_items.length === 0) out.push('at least one agenda item');
    if (c.exploration.trim() === '') out.push('the exploration notes');
    const f = c.functions;
    if (!(f.normative.ticked || f.formative.ticked || f.restorative.ticked)) out.push('at least one supervision function ticked');
    const incomplete = c.action_items.filter((a) => a.text.trim() === '' || a.owner === null || a.due === null).length;
    if (incomplete > 0) out.push(`a due date (and owner) for every action item (${incomplete} incomplete)`);
    const unrecorded = members.filter((m) => !c.attendance.some((a) => a.member_id === m)).length;
    if (unrecorded > 0) out.push(`the attendance of every member (${unrecorded} not recorded)`);
    return out;
  }

  #syncActions(s: Stored, items: ActionItemInput[], now: string): void {
    const record = s.record;
    const kept: ActionItem[] = [];
    for (const input of items) {
      const old = this.actions.find((a) => a.id === input.id);
      const history = old ? [...old.history] : [];
      if (old && old.status !== input.status) history.push({ status: input.status, at: now });
      kept.push({
        id: input.id,
        record_id: record.id,
        person_id: record.person_id,
        session_date: record.session_date,
        text: input.text,
        owner: input.owner!,
        due: input.due,
        status: input.status,
        history,
      });
    }
    this.actions = [...this.actions.filter((a) => a.record_id !== record.id), ...kept];
  }

  /** Seeds a final record directly (for tests of reading, addenda and agendas). */
  seedFinal(key: OccurrenceKey, content: Partial<RecordContent>, signedName = 'Dana Whitfield'): SessionRecord {
    this.hold(key);
    const started = this.#handle('record_start', { key }) as SessionRecord;
    const saved = this.#handle('record_save_draft', {
      id: started.id,
      revision: started.revision,
      content: { ...emptyContent(), ...structuredClone(content) },
    }) as SessionRecord;
    return this.#handle('record_finalise', { id: saved.id, signedName }) as SessionRecord;
  }

  agenda(key: OccurrenceKey): Agenda {
    const occ = this.#occurrence(key);
    const date = occ.local_start.slice(0, 10);
    const own = this.stored.find((s) => s.record.key.series_id === key.series_id && s.record.key.original_start === key.original_start);
    const last = this.stored
      .filter((s) => s.record.person_id === occ.person_id && s.record.key.original_start < key.original_start)
      .sort((a, b) => b.record.key.original_start.localeCompare(a.record.key.original_start))[0];
    const items = this.agendas.get(`${key.series_id}|${key.original_start}`);
    return {
      key,
      person_id: occ.person_id,
      open_actions: structuredClone(
        this.actions
          .filter((a) => a.person_id === occ.person_id && a.status === 'open' && a.session_date <= date)
          .filter((a) => a.record_id !== own?.record.id)
          .sort((a, b) => a.session_date.localeCompare(b.session_date)),
      ),
      carried_over: last
        ? last.content.agenda_items
            .filter((i) => i.carry_over)
            .map((item) => ({ record_id: last.record.id, session_date: last.record.session_date, item: structuredClone(item) }))
        : [],
      items: structuredClone(items ?? []),
      goals_due: [],
      contacts: [],
      brought: [],
      saved: items !== undefined,
      record_id: own?.record.id ?? null,
    };
  }

  #handle(cmd: string, args: Args): unknown {
    switch (cmd) {
      case 'record_start': {
        const key = args.key as OccurrenceKey;
        const occ = this.#occurrence(key);
        if (occ.status !== 'held') {
          throw invalid('A record can only be written for a session marked as held. Mark the session as held first.');
        }
        const existing = this.stored.find(
          (s) => s.record.key.series_id === key.series_id && s.record.key.original_start === key.original_start,
        );
        if (existing) return this.#view(existing, null);
        const agenda = this.agenda(key);
        const content = emptyContent();
        content.agenda_items = [...agenda.carried_over.map((c) => c.item), ...agenda.items].map((i) => ({ ...i, carry_over: false }));
        const now = this.#now();
        const record: SessionRecord = {
          id: this.#id('record'),
          key: { series_id: key.series_id, original_start: key.original_start },
          person_id: occ.person_id,
          kind: occ.kind,
          session_date: occ.local_start.slice(0, 10),
          status: 'draft',
          revision: 1,
          created_at: now,
          updated_at: now,
          content: emptyContent(),
          action_items: [],
          finalisation: null,
          addenda: [],
          acknowledgement: null,
          viewer: null,
        };
        const s = { record, content };
        this.stored.push(s);
        return this.#view(s, null);
      }
      case 'record_get': {
        const s = this.#find(args.id);
        return this.#view(s, this.#checkViewer(s.record.person_id, args.memberId));
      }
      case 'record_save_draft': {
        const s = this.#find(args.id);
        if (s.record.status === 'final') throw FINAL_READ_ONLY;
        if (args.revision !== s.record.revision) throw STALE;
        const content = this.#validate(s.record.person_id, s.record.session_date, args.content as RecordContent);
        for (const a of content.action_items) {
          if (a.id !== '' && !this.actions.some((x) => x.id === a.id && x.record_id === s.record.id)) {
            throw invalid('An action item does not belong to this record. Reload the record.');
          }
          if (a.id === '') a.id = this.#id('action');
        }
        const now = this.#now();
        s.content = content;
        s.record.revision += 1;
        s.record.updated_at = now;
        this.#syncActions(s, content.action_items, now);
        return this.#view(s, null);
      }
      case 'record_missing_for_final': {
        const s = this.#find(args.id);
        return s.record.status === 'final' ? [] : this.missing(s.content, this.#members(s.record.person_id));
      }
      case 'record_finalise': {
        const s = this.#find(args.id);
        if (s.record.status === 'final') throw FINAL_READ_ONLY;
        const name = String(args.signedName ?? '').trim();
        if (name === '') throw empty("The supervisor's name");
        const missing = this.missing(s.content, this.#members(s.record.person_id));
        if (missing.length > 0) throw invalid(`This record cannot be finalised yet. Still needed: ${missing.join('; ')}.`);
        const now = this.#now();
        s.record.status = 'final';
        s.record.revision += 1;
        s.record.updated_at = now;
        s.record.finalisation = { signed_name: name, finalised_at: now, content_hash: fakeHash(JSON.stringify(s.content) + name + now) };
        return this.#view(s, null);
      }
      case 'record_add_addendum': {
        const s = this.#find(args.id);
        if (s.record.status !== 'final') {
          throw invalid('This record is still a draft: change it directly. Addenda are for final records.');
        }
        const input = args.input as AddendumInput;
        const member = this.#checkViewer(s.record.person_id, input.member_id);
        if (input.text.trim() === '') throw empty('The addendum');
        if (input.author.trim() === '') throw empty("The addendum's author");
        this.addenda.push({
          id: this.#id('addendum'),
          record_id: s.record.id,
          text: input.text.trim(),
          author: input.author.trim(),
          member_id: member,
          added_at: this.#now(),
        });
        return this.#view(s, member);
      }
      case 'record_acknowledge_by_hand': {
        const s = this.#find(args.id);
        if (s.record.status !== 'final') throw invalid('Only a final record can be acknowledged. Finalise it first.');
        if (s.record.acknowledgement) {
          throw { code: 'read_only', message: "The supervisee's acknowledgement of this record is already recorded." } satisfies AppError;
        }
        const name = String(args.name ?? '').trim();
        if (name === '') throw empty("The supervisee's name");
        const date = String(args.date);
        const latest = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
        if (!DAY.test(date) || date < s.record.session_date || date > latest) {
          throw invalid('The acknowledgement date must be between the session and today.');
        }
        s.record.acknowledgement = {
          name,
          date,
          recorded_by_hand: true,
          label: 'Recorded by the supervisor by hand (not signed by the supervisee in the app)',
          recorded_at: this.#now(),
          packet_id: null,
        };
        s.record.revision += 1;
        return this.#view(s, null);
      }
      case 'record_save_pdf': {
        // Rust asks where to save; true when saved, false when cancelled. A draft is refused first.
        const s = this.#find(args.id);
        this.#checkViewer(s.record.person_id, args.memberId);
        if (s.record.status !== 'final') throw invalid('Only a final record can be saved as PDF. Finalise this draft first.');
        return true;
      }
      case 'records_for_person':
        return this.stored
          .filter((s) => s.record.person_id === args.personId)
          .sort((a, b) => b.record.key.original_start.localeCompare(a.record.key.original_start))
          .map((s) => this.#summary(s));
      case 'records_of_member_groups':
        return this.stored
          .filter(
            (s) =>
              s.record.status === 'final' && this.#members(s.record.person_id).includes(String(args.memberId)),
          )
          .sort((a, b) => b.record.key.original_start.localeCompare(a.record.key.original_start))
          .map((s) => this.#summary(s));
      case 'records_to_write': {
        const now = new Date().toISOString();
        const from = new Date(Date.now() - 90 * 86_400_000).toISOString();
        return this.#schedule
          .all()
          .filter((o) => o.status === 'held' && o.start <= now && o.end > from)
          .flatMap((o): RecordToWrite[] => {
            const s = this.stored.find(
              (x) => x.record.key.series_id === o.key.series_id && x.record.key.original_start === o.key.original_start,
            );
            if (s?.record.status === 'final') return [];
            return [{ key: o.key, person_id: o.person_id, kind: o.kind, start: o.start, draft_id: s?.record.id ?? null }];
          });
      }
      case 'case_references': {
        const byRef = new Map<string, CaseHistory>();
        for (const s of this.stored) {
          for (const c of s.content.consultations) {
            const theirs = c.supervisee_id === null ? s.record.person_id === args.personId : c.supervisee_id === args.personId;
            if (!theirs) continue;
            const history = byRef.get(c.case_reference) ?? { case_reference: c.case_reference, entries: [] };
            history.entries.push({ record_id: s.record.id, session_date: s.record.session_date, status: s.record.status, consultation: structuredClone(c) });
            byRef.set(c.case_reference, history);
          }
        }
        return [...byRef.values()].sort((a, b) => a.case_reference.localeCompare(b.case_reference));
      }
      case 'action_items_open':
        return structuredClone(this.actions.filter((a) => a.person_id === args.personId && a.status === 'open'));
      case 'action_item_set_status': {
        const item = this.actions.find((a) => a.id === args.id);
        if (!item) throw notFound('That action item');
        const s = this.#find(item.record_id);
        if (item.status !== args.status) {
          item.status = args.status as ActionItem['status'];
          item.history.push({ status: item.status, at: this.#now() });
          // A draft's own copy changes with it (its revision too).
          if (s.record.status === 'draft') {
            for (const a of s.content.action_items) if (a.id === item.id) a.status = item.status;
            s.record.revision += 1;
          }
        }
        return structuredClone(item);
      }
      case 'agenda_get':
        return this.agenda(args.key as OccurrenceKey);
      case 'agenda_save': {
        const key = args.key as OccurrenceKey;
        const occ = this.#occurrence(key);
        const items = this.#items(this.#members(occ.person_id), args.items as AgendaItem[]).map((i) => ({ ...i, carry_over: false }));
        this.agendas.set(`${key.series_id}|${key.original_start}`, items);
        return this.agenda(key);
      }
      default:
        return UNHANDLED;
    }
  }
}

/** 64 hex digits that change with the input (a stand-in for SHA-256). */
function fakeHash(text: string): string {
  let out = '';
  for (let seed = 0; out.length < 64; seed++) {
    let h = 2166136261 ^ seed;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
    out += (h >>> 0).toString(16).padStart(8, '0');
  }
  return out.slice(0, 64);
}
