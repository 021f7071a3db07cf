// Session records: a person's records and open action items, the held
// sessions still to write up (Today), the record open in the editor (a
// draft autosaves as the journal does; a final one reads as a document,
// with addenda), and a session's agenda. The only caller of the records
// commands. It holds decrypted text, so `reset()` must run on lock.

import * as api from '../api';
import * as recordsApi from '../api/records';
import type {
  ActionItem, ActionItemInput, ActionOwner, ActionStatus, AddendumInput, Agenda, AgendaItem,
  AppError, Attendance, CaseConsultation, EthicalDecision, FocusType, OccurrenceKey, RaisedBy,
  RecordContent, RecordStatus, RecordSummary, RecordToWrite, SessionRecord,
} from '../bindings';
import { forgetOnLock, saveBeforeLock } from './onLock';

export const AUTOSAVE_DELAY_MS = 1000;

export const FOCUS_LABELS: Record<FocusType, string> = {
  client_issue: 'Client or service-user issue',
  ethical_concern: 'Ethical concern',
  wellbeing: 'Stress or wellbeing',
  collegial_relationship: 'Collegial relationship',
  workload: 'Workload',
  organisational: 'Organisational matter',
  learning: 'Learning or training',
};

export type FunctionKey = 'normative' | 'formative' | 'restorative';
export const FUNCTION_LABELS: Record<FunctionKey, string> = {
  normative: 'Normative (managerial)',
  formative: 'Formative (educative)',
  restorative: 'Restorative (supportive)',
};
export const FUNCTION_ORDER: readonly FunctionKey[] = ['normative', 'formative', 'restorative'];

export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = { open: 'Open', done: 'Done', dropped: 'Dropped' };
export const ATTENDANCE_LABELS: Record<Attendance, string> = {
  present: 'Present',
  apologies: 'Sent apologies',
  absent: 'Absent',
};
export const RECORD_STATUS_LABELS: Record<RecordStatus, string> = { draft: 'Draft', final: 'Final' };

/** Where the record was opened, so each place shows it in its own slot. */
export type RecordPlace = 'person' | 'today' | 'session';

export type RecordSaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved' }
  | { kind: 'unsaved' }
  | { kind: 'error'; error: AppError };

// Who raised an item or owns an action, as one <select> value.

/** "supervisor", "supervisee" or "member:<id>". */
export function whoValue(who: RaisedBy | ActionOwner | null): string {
  if (who === null) return '';
  return who.by === 'member' ? `member:${who.member_id}` : who.by;
}

export function whoFrom(value: string): RaisedBy {
  if (value.startsWith('member:')) return { by: 'member', member_id: value.slice('member:'.length) };
  return value === 'supervisor' ? { by: 'supervisor' } : { by: 'supervisee' };
}

/** "You (supervisor)", "The supervisee", or the member's name. */
export function whoLabel(who: RaisedBy | ActionOwner | null, nameOf: (id: string) => string): string {
  if (who === null) return 'No one yet';
  if (who.by === 'member') return nameOf(who.member_id);
  return who.by === 'supervisor' ? 'You (supervisor)' : 'The supervisee';
}

export function emptyAgendaItem(by: RaisedBy = { by: 'supervisee' }): AgendaItem {
  return { text: '', focus: 'client_issue', raised_by: by, carry_over: false };
}

export function emptyConsultation(superviseeId: string | null): CaseConsultation {
  const text = { presenting_issue: '', approaches_tried: '', guidance: '' };
  return { case_reference: '', supervisee_id: superviseeId, ...text, link: null };
}

export function emptyEthicalDecision(by: RaisedBy = { by: 'supervisee' }): EthicalDecision {
  return { issue: '', raised_by: by, raised_on: null, options: [''], decision: '', rationale: '', consulted: '' };
}

export function emptyActionItem(owner: ActionOwner): ActionItemInput {
  return { id: '', text: '', owner, due: null, status: 'open' };
}

const blank = (s: string) => s.trim() === '';

/**
 * What an autosave sends: the content without the entries left entirely
 * blank (an empty row just added), which Rust would refuse. `actions` are
 * the draft's own action items sent, in order, so the ids Rust gives new
 * ones can be written back into them.
 */
export function sendable(content: RecordContent): { content: RecordContent; actions: ActionItemInput[] } {
  const actions = content.action_items.filter((a) => !blank(a.text));
  const out: RecordContent = $state.snapshot(content) as RecordContent;
  out.agenda_items = out.agenda_items.filter((i) => !blank(i.text));
  out.decisions = out.decisions.filter((d) => !blank(d));
  out.consultations = out.consultations.filter(
    (c) => !(blank(c.case_reference) && blank(c.presenting_issue) && blank(c.approaches_tried) && blank(c.guidance)),
  );
  out.ethical_decisions = out.ethical_decisions
    .map((e) => ({ ...e, options: e.options.filter((o) => !blank(o)) }))
    .filter((e) => !(blank(e.issue) && blank(e.decision) && blank(e.rationale) && blank(e.consulted) && e.options.length === 0));
  out.action_items = out.action_items.filter((a) => !blank(a.text));
  out.member_notes = out.member_notes.filter((n) => !blank(n.text));
  return { content: out, actions };
}

const sameKey = (a: OccurrenceKey, b: OccurrenceKey) =>
  a.series_id === b.series_id && a.original_start === b.original_start;

export class RecordsStore {
  /** The person (or group) whose records and actions are listed. */
  personId = $state<string | null>(null);
  list = $state<RecordSummary[]>([]);
  actions = $state<ActionItem[]>([]);
  listLoaded = $state(false);
  listLoading = $state(false);
  listError = $state<AppError | null>(null);

  /** Held sessions without a final record (null until loaded). */
  toWrite = $state<RecordToWrite[] | null>(null);
  toWriteError = $state<AppError | null>(null);

  /** The record open, as Rust last returned it. */
  opened = $state<SessionRecord | null>(null);
  place = $state<RecordPlace>('person');
  /** A draft's content as edited (null when final or closed). */
  content = $state<RecordContent | null>(null);
  opening = $state(false);
  openError = $state<AppError | null>(null);
  saving = $state(false);
  saveError = $state<AppError | null>(null);
  #savedJson = $state('');
  /** The members of the open record's group (empty for one supervisee). */
  members = $state<string[]>([]);
  /** Whether the open record is a group's. */
  group = $state(false);
  /** Case references already used with each supervisee, for suggestions. */
  caseRefs = $state<Record<string, string[]>>({});

  /** Finalising, addenda, acknowledgement: busy while it runs, its error, what it did. */
  busy = $state(false);
  error = $state<AppError | null>(null);
  notice = $state('');
  /** What the draft still needs before it can be finalised (null: not asked). */
  missing = $state<string[] | null>(null);

  agenda = $state<Agenda | null>(null);
  agendaLoading = $state(false);
  agendaBusy = $state(false);
  agendaError = $state<AppError | null>(null);

  /** Bumped whenever something is saved, so lists elsewhere reload. */
  changes = $state(0);

  dirty = $derived(this.content !== null && JSON.stringify(sendable(this.content).content) !== this.#savedJson);

  saveState: RecordSaveState = $derived.by(() => {
    if (this.content === null) return { kind: 'idle' };
    if (this.saving) return { kind: 'saving' };
    if (this.saveError) return { kind: 'error', error: this.saveError };
    return this.dirty ? { kind: 'unsaved' } : { kind: 'saved' };
  });

  #generation = 0;
  #listSeq = 0;
  #agendaSeq = 0;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #queue: Promise<boolean> = Promise.resolve(true);

  // Lists

  /** Loads a person's records (newest first) and open action items. */
  async loadPerson(personId: string): Promise<void> {
    const generation = this.#generation;
    const seq = ++this.#listSeq;
    const current = () => generation === this.#generation && seq === this.#listSeq;
    if (this.personId !== personId) {
      this.list = [];
      this.actions = [];
      this.listLoaded = false;
    }
    this.personId = personId;
    this.listLoading = true;
    this.listError = null;
    try {
      const [list, actions] = await Promise.all([
        recordsApi.recordsForPerson(personId),
        recordsApi.actionItemsOpen(personId),
      ]);
      if (!current()) return;
      this.list = list;
      this.actions = actions;
      this.listLoaded = true;
    } catch (reason) {
      if (current()) this.listError = api.toAppError(reason);
    } finally {
      if (current()) this.listLoading = false;
    }
  }

  /** Loads the held sessions still without a final record. */
  async loadToWrite(): Promise<void> {
    const generation = this.#generation;
    try {
      const list = await recordsApi.recordsToWrite();
      if (generation !== this.#generation) return;
      this.toWrite = list;
      this.toWriteError = null;
    } catch (reason) {
      if (generation === this.#generation) this.toWriteError = api.toAppError(reason);
    }
  }

  /** The record of one session, if one was started. Rejects with an `AppError`. */
  async recordOf(personId: string, key: OccurrenceKey): Promise<RecordSummary | null> {
    const list = await recordsApi.recordsForPerson(personId);
    return list.find((r) => sameKey(r.key, key)) ?? null;
  }

  // The record open

  /** Starts (or continues) the record of a held session and opens it. */
  async startForSession(key: OccurrenceKey, place: RecordPlace): Promise<boolean> {
    const opened = await this.#open(() => recordsApi.recordStart(key), place);
    // A new draft: the lists that show it (and the session's button) catch up.
    if (opened) await this.#refresh(this.opened?.person_id ?? null);
    return opened;
  }

  /** Opens a record: a draft to edit, a final one to read; a group record
   * as `memberId` sees it (their own note and addenda), or the group's view. */
  open(id: string, place: RecordPlace, memberId: string | null = null): Promise<boolean> {
    return this.#open(() => recordsApi.recordGet(id, memberId), place);
  }

  async #open(load: () => Promise<SessionRecord>, place: RecordPlace): Promise<boolean> {
    if (!(await this.flush())) return false;
    const generation = this.#generation;
    this.opening = true;
    this.openError = null;
    // The record open before is saved; the answer (or the error) shows at `place`.
    this.#close();
    this.place = place;
    try {
      const record = await load();
      const party = await api.personGet(record.person_id);
      const members = party.fields.kind === 'group' ? party.fields.members : [];
      const content = record.status === 'draft' ? await this.#fullContent(record, members) : null;
      if (generation !== this.#generation) return false;
      this.members = members;
      this.group = party.fields.kind === 'group';
      this.#show(record, content, place);
      void this.#loadCaseRefs(record);
      return true;
    } catch (reason) {
      if (generation === this.#generation) this.openError = api.toAppError(reason);
      return false;
    } finally {
      if (generation === this.#generation) this.opening = false;
    }
  }

  /**
   * A draft's content with every member's own note: the group's own view
   * leaves them out, so each member's view is read for theirs.
   */
  async #fullContent(record: SessionRecord, members: string[]): Promise<RecordContent> {
    const content = structuredClone(record.content);
    if (members.length === 0) return content;
    const views = await Promise.all(members.map((m) => recordsApi.recordGet(record.id, m)));
    content.member_notes = views.flatMap((v) => v.content.member_notes);
    return content;
  }

  #show(record: SessionRecord, content: RecordContent | null, place: RecordPlace): void {
    this.#cancelAutosave();
    this.opened = record;
    this.place = place;
    this.content = content;
    this.#savedJson = content === null ? '' : JSON.stringify(sendable(content).content);
    this.saveError = null;
    this.error = null;
    this.notice = '';
    this.missing = null;
  }

  /** Closes the record after saving it. False (and it stays open) when the save failed. */
  async close(): Promise<boolean> {
    if (!(await this.flush())) return false;
    const personId = this.opened?.person_id ?? null;
    this.#close();
    await this.#refresh(personId);
    return true;
  }

  /** Closes the record without saving what the last save could not. */
  discardAndClose(): void {
    this.#cancelAutosave();
    this.#close();
  }

  #close(): void {
    this.opened = null;
    this.members = [];
    this.group = false;
    this.content = null;
    this.#savedJson = '';
    this.saveError = null;
    this.error = null;
    this.notice = '';
    this.missing = null;
  }

  /** The draft changed: autosave once typing pauses. */
  changed(): void {
    if (this.content === null) return;
    this.#cancelAutosave();
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.#enqueue();
    }, AUTOSAVE_DELAY_MS);
  }

  /** Saves pending changes now. False when the save failed. */
  flush(): Promise<boolean> {
    this.#cancelAutosave();
    return this.#enqueue();
  }

  #cancelAutosave(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }

  #enqueue(): Promise<boolean> {
    const next = this.#queue.then(() => this.#save());
    this.#queue = next;
    return next;
  }

  async #save(): Promise<boolean> {
    const record = this.opened;
    const content = this.content;
    if (record === null || content === null || !this.dirty) return true;
    const { content: sent, actions } = sendable(content);
    const generation = this.#generation;
    this.saving = true;
    this.saveError = null;
    try {
      const saved = await recordsApi.recordSaveDraft(record.id, record.revision, sent);
      if (generation !== this.#generation || this.opened?.id !== record.id) return true;
      // New action items now have ids: keep them, or the next save adds them again.
      saved.content.action_items.forEach((a, i) => {
        if (actions[i] !== undefined && actions[i].id === '') actions[i].id = a.id;
        if (sent.action_items[i] !== undefined) sent.action_items[i].id = a.id;
      });
      this.opened = saved;
      this.#savedJson = JSON.stringify(sent);
      return true;
    } catch (reason) {
      if (generation === this.#generation) this.saveError = api.toAppError(reason);
      return false;
    } finally {
      if (generation === this.#generation) this.saving = false;
    }
  }

  async #loadCaseRefs(record: SessionRecord): Promise<void> {
    const generation = this.#generation;
    const ids = this.members.length > 0 ? this.members : [record.person_id];
    for (const id of ids) {
      try {
        const cases = await recordsApi.caseReferences(id);
        if (generation !== this.#generation) return;
        this.caseRefs[id] = cases.map((c) => c.case_reference);
      } catch {
        // Suggestions only: typing a reference works without them.
      }
    }
  }

  /** Asks Rust what the draft still needs before it can be finalised (after saving it). */
  async checkFinal(): Promise<boolean> {
    const record = this.opened;
    if (record === null) return false;
    return this.#act(async () => {
      if (!(await this.flush())) throw this.saveError;
      this.missing = await recordsApi.recordMissingForFinal(record.id);
    });
  }

  /** Finalises the draft with the supervisor's typed name. */
  async finalise(signedName: string): Promise<boolean> {
    const record = this.opened;
    if (record === null) return false;
    return this.#act(async () => {
      if (!(await this.flush())) throw this.saveError;
      const final = await recordsApi.recordFinalise(record.id, signedName);
      this.#show(final, null, this.place);
      this.notice = 'Finalised. The record is now read-only; later changes are dated addenda.';
    });
  }

  /** Adds a dated addendum to the final record. */
  async addAddendum(input: AddendumInput): Promise<boolean> {
    const record = this.opened;
    if (record === null) return false;
    return this.#act(async () => {
      await recordsApi.recordAddAddendum(record.id, input);
      // Back to the view the record was open in (a member's addendum shows in theirs only).
      this.#show(await recordsApi.recordGet(record.id, record.viewer), null, this.place);
      this.notice =
        input.member_id === null
          ? 'Addendum added below the original record.'
          : "Addendum added. It shows only in that member's view of the record.";
    });
  }

  /** Records by hand that the supervisee acknowledged the final record. */
  async acknowledge(name: string, date: string): Promise<boolean> {
    const record = this.opened;
    if (record === null) return false;
    return this.#act(async () => {
      this.#show(await recordsApi.recordAcknowledgeByHand(record.id, name, date), null, this.place);
      this.notice = 'Acknowledgement recorded.';
    });
  }

  /** Shows a group record as one member sees it (null: the group's own view). */
  async viewAs(memberId: string | null): Promise<boolean> {
    const record = this.opened;
    if (record === null || record.status !== 'final') return false;
    return this.#act(async () => this.#show(await recordsApi.recordGet(record.id, memberId), null, this.place));
  }

  /** Saves the final record, as shown, as PDF where the person chooses (Rust asks); a cancel says nothing. */
  async savePdf(): Promise<boolean> {
    const record = this.opened;
    if (record === null || record.status !== 'final') return false;
    return this.#act(async () => {
      if (await recordsApi.recordSavePdf(record.id, record.viewer)) this.notice = 'Saved as PDF.';
    });
  }

  /** Runs one action: busy while it runs, its error in `error`; late answers dropped. */
  async #act(action: () => Promise<void>): Promise<boolean> {
    if (this.busy) return false;
    const generation = this.#generation;
    const personId = this.opened?.person_id ?? null;
    this.busy = true;
    this.error = null;
    this.notice = '';
    try {
      await action();
      if (generation !== this.#generation) return false;
      await this.#refresh(personId);
      return true;
    } catch (reason) {
      if (generation === this.#generation) this.error = api.toAppError(reason);
      return false;
    } finally {
      if (generation === this.#generation) this.busy = false;
    }
  }

  async #refresh(personId: string | null): Promise<void> {
    this.changes += 1;
    const work: Promise<void>[] = [];
    if (personId !== null && this.personId === personId) work.push(this.loadPerson(personId));
    if (this.toWrite !== null) work.push(this.loadToWrite());
    await Promise.all(work);
  }

  // Action items and agendas

  /** Marks an action item done, dropped or open again (dated in the record). */
  async setActionStatus(item: ActionItem, status: ActionStatus): Promise<boolean> {
    const generation = this.#generation;
    this.agendaBusy = true;
    this.agendaError = null;
    try {
      // The item's record may be the draft open here: saved first, as Rust changes it too.
      const ownDraft = this.opened?.id === item.record_id && this.content !== null;
      if (ownDraft && !(await this.flush())) throw this.saveError;
      await recordsApi.actionItemSetStatus(item.id, status);
      if (generation !== this.#generation) return false;
      const work: Promise<unknown>[] = [this.#refresh(item.person_id)];
      if (this.agenda !== null) work.push(this.loadAgenda(this.agenda.key));
      if (this.opened?.id === item.record_id) {
        work.push(recordsApi.recordGet(item.record_id, this.opened.viewer).then((r) => {
          if (generation !== this.#generation || this.opened?.id !== r.id) return;
          this.opened = r;
          if (this.content === null) return;
          const saved = JSON.parse(this.#savedJson) as RecordContent;
          for (const a of [...this.content.action_items, ...saved.action_items]) if (a.id === item.id) a.status = status;
          this.#savedJson = JSON.stringify(saved);
        }));
      }
      await Promise.all(work);
      return true;
    } catch (reason) {
      if (generation === this.#generation) this.agendaError = api.toAppError(reason);
      return false;
    } finally {
      if (generation === this.#generation) this.agendaBusy = false;
    }
  }

  /** Loads the agenda of a session. */
  async loadAgenda(key: OccurrenceKey): Promise<void> {
    const generation = this.#generation;
    const seq = ++this.#agendaSeq;
    const current = () => generation === this.#generation && seq === this.#agendaSeq;
    if (this.agenda !== null && !sameKey(this.agenda.key, key)) this.agenda = null;
    this.agendaLoading = true;
    this.agendaError = null;
    try {
      const agenda = await recordsApi.agendaGet(key);
      if (current()) this.agenda = agenda;
    } catch (reason) {
      if (current()) this.agendaError = api.toAppError(reason);
    } finally {
      if (current()) this.agendaLoading = false;
    }
  }

  /** Saves the items added by hand to the open agenda, in this order. */
  async saveAgendaItems(items: AgendaItem[]): Promise<boolean> {
    const agenda = this.agenda;
    if (agenda === null || this.agendaBusy) return false;
    const generation = this.#generation;
    this.agendaBusy = true;
    this.agendaError = null;
    try {
      const saved = await recordsApi.agendaSave(agenda.key, $state.snapshot(items) as AgendaItem[]);
      if (generation === this.#generation) this.agenda = saved;
      return true;
    } catch (reason) {
      if (generation === this.#generation) this.agendaError = api.toAppError(reason);
      return false;
    } finally {
      if (generation === this.#generation) this.agendaBusy = false;
    }
  }

  addAgendaItem = (item: AgendaItem) => this.saveAgendaItems([...(this.agenda?.items ?? []), item]);
  removeAgendaItem = (index: number) => this.saveAgendaItems((this.agenda?.items ?? []).filter((_, i) => i !== index));

  /** Moves an item up (-1) or down (+1). */
  moveAgendaItem(index: number, delta: -1 | 1): Promise<boolean> {
    const items = [...(this.agenda?.items ?? [])];
    const to = index + delta;
    if (to < 0 || to >= items.length) return Promise.resolve(false);
    [items[index], items[to]] = [items[to], items[index]];
    return this.saveAgendaItems(items);
  }

  closeAgenda(): void {
    this.#agendaSeq += 1;
    this.agenda = this.agendaError = null;
    this.agendaLoading = false;
  }

  /** Forgets everything, including decrypted text. Late answers are ignored. */
  reset(): void {
    this.#generation += 1;
    this.#listSeq += 1;
    this.#cancelAutosave();
    this.#queue = Promise.resolve(true);
    this.personId = null;
    this.list = [];
    this.actions = [];
    this.listLoaded = false;
    this.listLoading = false;
    this.listError = null;
    this.toWrite = null;
    this.toWriteError = null;
    this.opening = this.saving = this.busy = false;
    this.openError = null;
    this.caseRefs = {};
    this.#close();
    this.closeAgenda();
    this.agendaBusy = false;
  }
}

/** The app's one records store. */
export const records = new RecordsStore();
forgetOnLock(() => records.reset());
saveBeforeLock(() => records.flush());
