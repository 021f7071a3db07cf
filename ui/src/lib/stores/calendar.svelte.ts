// The calendar: which period is on screen, its sessions, the session open in
// the details panel and the schedule form. It holds who sessions are with
// (person ids, and the names of those who can be scheduled) and
// cancellation reasons, so `reset()` must run on lock. Who can have which
// kinds of session, and what a new series starts from (the agreement in
// force), are the core's rules: asked with `schedule_people` and
// `schedule_defaults`, never decided here.

import * as api from '../api';
import * as schedule from '../api/schedule';
import type { ImportFile } from '../api/schedule';
import { invalidInput } from '../errors';
import type {
  AppError,
  CancelInput,
  ExportOptions,
  IcsExport,
  ImportCommit,
  ImportOptions,
  ImportResult,
  Occurrence,
  OccurrenceChange,
  OccurrenceKey,
  OccurrenceList,
  SchedulablePerson,
  ScheduleChange,
  ScheduleDefaults,
  SeriesInput,
  SeriesPreview,
  SessionKind,
  SessionStatus,
  SessionTime,
} from '../bindings';
import {
  addMinutesToTime,
  applyRecurrence,
  cadenceOf,
  conflictPartners,
  emptyScheduleFields,
  fieldsFromSeries,
  sameKey,
  seriesInputOf,
  SESSION_KIND_LABELS,
  type ScheduleFields,
} from '../scheduleForm';
import { periodOf, stepAnchor, today, type CalendarView, type Period } from '../calendarDates';
import { forgetOnLock } from './onLock';

export * from '../calendarDates';
export * from '../scheduleForm';
export { formatDayTitle, formatShortDay, formatTime, formatWhen } from '../datetime';

// The store

export type FormMode =
  | { kind: 'new' }
  | { kind: 'following'; key: OccurrenceKey };

export interface ScheduleForm {
  mode: FormMode;
  fields: ScheduleFields;
}

/** Whether a session in `sessions` overlaps one that is not among them. */
function missingPartners(sessions: Occurrence[]): boolean {
  return sessions.some((o) => o.conflicts_with.some((key) => !sessions.some((s) => sameKey(s.key, key))));
}

/** How long sessions asked for at start stay fresh enough for Today. */
export const PREFETCH_FRESH_MS = 2000;

/** How many sessions Today lists. */
export const TODAY_SESSIONS = 5;

export class CalendarStore {
  view = $state<CalendarView>('week');
  anchor = $state(today());
  occurrences = $state<Occurrence[]>([]);
  notes = $state<string[]>([]);
  truncated = $state(false);
  damagedSeries = $state(0);
  loading = $state(false);
  loaded = $state(false);
  error = $state<AppError | null>(null);

  /** The session in the details panel. */
  selected = $state<Occurrence | null>(null);
  /** The schedule form, while it is open. */
  form = $state<ScheduleForm | null>(null);
  /** Says when the form's length and repeat came from the agreement (the core's note). */
  agreementNote = $state('');
  /** Who sessions can be scheduled with, and the kinds each can have (from the core). */
  schedulable = $state<SchedulablePerson[]>([]);
  schedulableLoaded = $state(false);
  schedulableError = $state<AppError | null>(null);
  /** Counts saved changes, so lists outside the period (a person's page) know to reload. */
  changes = $state(0);

  period: Period = $derived(periodOf(this.view, this.anchor));

  #generation = 0;
  #loadSeq = 0;
  #peopleSeq = 0;
  #defaultsSeq = 0;
  /** The shape of the form's fields right after the core's defaults were applied. */
  #applied: string | null = null;
  /** Today's sessions asked for at start, with when (prefetchUpcoming). */
  #prefetched: { count: number; at: number; answer: Promise<Occurrence[]>; ready?: Occurrence[] } | null = null;

  /** Loads the sessions of the period on screen. */
  async load(): Promise<void> {
    const generation = this.#generation;
    const seq = ++this.#loadSeq;
    const { from, to } = this.period;
    this.loading = true;
    this.error = null;
    try {
      const list = await schedule.scheduleOccurrences(from, to, null);
      if (generation !== this.#generation || seq !== this.#loadSeq) return;
      this.occurrences = list.occurrences;
      this.notes = list.notes;
      this.truncated = list.truncated;
      this.damagedSeries = list.damaged_series.length;
      this.loaded = true;
    } catch (error) {
      if (generation !== this.#generation || seq !== this.#loadSeq) return;
      this.error = api.toAppError(error);
    } finally {
      if (generation === this.#generation && seq === this.#loadSeq) this.loading = false;
    }
  }

  setView(view: CalendarView): void {
    this.view = view;
    void this.load();
  }

  step(step: number): void {
    this.anchor = stepAnchor(this.view, this.anchor, step);
    void this.load();
  }

  goToday(): void {
    this.anchor = today();
    void this.load();
  }

  goTo(day: string): void {
    this.anchor = day;
    void this.load();
  }

  /** Asks the core who can be scheduled (again: people change). */
  async loadSchedulable(): Promise<void> {
    const generation = this.#generation;
    const seq = ++this.#peopleSeq;
    try {
      const list = await schedule.schedulePeople();
      if (generation !== this.#generation || seq !== this.#peopleSeq) return;
      this.schedulable = list;
      this.schedulableError = null;
      this.schedulableLoaded = true;
    } catch (error) {
      if (generation === this.#generation && seq === this.#peopleSeq) {
        this.schedulableError = api.toAppError(error);
      }
    }
  }

  /**
   * The session kinds `personId` can have, the usual one first; every kind
   * while nobody (or someone the core did not list) is chosen.
   */
  kindsFor(personId: string): SessionKind[] {
    const person = this.schedulable.find((p) => p.person_id === personId);
    return person ? person.session_kinds : (Object.keys(SESSION_KIND_LABELS) as SessionKind[]);
  }

  /** Opens the form for new sessions, optionally with someone chosen. */
  startNew(personId = '', date?: string): void {
    this.form = { mode: { kind: 'new' }, fields: emptyScheduleFields(personId, date) };
    this.agreementNote = '';
    this.#applied = null;
    const form = this.form;
    void this.loadSchedulable().then(() => {
      if (this.form === form && personId !== '') this.#fitKind(personId);
    });
    void this.applyScheduleDefaults(personId);
  }

  /**
   * The person in the new-sessions form changed: the kind follows what they
   * can have, and the length and repeat what their agreement says.
   */
  async choosePerson(personId: string): Promise<void> {
    const form = this.form;
    if (!form || form.mode.kind !== 'new') return;
    this.#fitKind(personId);
    await this.applyScheduleDefaults(personId);
  }

  /** The first date in the new-sessions form changed: the defaults follow it. */
  async chooseDate(): Promise<void> {
    const form = this.form;
    if (!form || form.mode.kind !== 'new') return;
    await this.applyScheduleDefaults(form.fields.person_id);
  }

  /**
   * Asks the core what a new series with `personId` starts from (length,
   * repeat and notice from the agreement in force) and puts it in the form,
   * if the form is still open for that person and date and still shows
   * either the untouched defaults (one hour, no repeat) or what the last
   * answer set. Without an agreement the form keeps its defaults.
   */
  async applyScheduleDefaults(personId: string): Promise<void> {
    const form = this.form;
    if (personId === '' || !form || form.mode.kind !== 'new') return;
    const date = form.fields.date;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return;
    const seq = ++this.#defaultsSeq;
    let defaults: ScheduleDefaults;
    try {
      defaults = await schedule.scheduleDefaults(personId, date);
    } catch {
      return; // Nothing to go by: the form keeps what it shows.
    }
    const fields = form.fields;
    if (this.form !== form || seq !== this.#defaultsSeq) return;
    if (fields.person_id !== personId || fields.date !== date || !this.#untouched(fields)) return;
    fields.end = addMinutesToTime(fields.start, defaults.duration_minutes);
    fields.repeat = 'none';
    if (defaults.recurrence) applyRecurrence(fields, defaults.recurrence);
    this.agreementNote = defaults.note ?? '';
    this.#applied = shapeOf(fields);
  }

  #untouched(fields: ScheduleFields): boolean {
    const shape = shapeOf(fields);
    const pristine = fields.end === addMinutesToTime(fields.start, 60) && fields.repeat === 'none';
    return pristine || shape === this.#applied;
  }

  /** Keeps the form's kind among those `personId` can have. */
  #fitKind(personId: string): void {
    const form = this.form;
    if (!form || form.mode.kind !== 'new' || form.fields.person_id !== personId) return;
    const kinds = this.kindsFor(personId);
    if (!kinds.includes(form.fields.kind)) form.fields.kind = kinds[0];
  }

  startEditFollowing(key: OccurrenceKey, fields: ScheduleFields): void {
    this.form = { mode: { kind: 'following', key }, fields };
    this.agreementNote = '';
    void this.loadSchedulable();
  }

  closeForm(): void {
    this.form = null;
    this.agreementNote = '';
    this.#applied = null;
  }

  select(occurrence: Occurrence | null): void {
    this.selected = occurrence;
  }

  /** Puts a changed occurrence in place (before the next reload). */
  replace(occurrence: Occurrence): void {
    this.occurrences = this.occurrences.map((o) => (sameKey(o.key, occurrence.key) ? occurrence : o));
    if (this.selected && sameKey(this.selected.key, occurrence.key)) this.selected = occurrence;
  }

  // Changes. Each runs one command, puts its answer in place and resolves to
  // it; a rejection is an `AppError` and changes nothing here.

  /** What the form's series would give in `from`..`to`; nothing is written. */
  preview(input: SeriesInput, from: string, to: string): Promise<SeriesPreview> {
    return schedule.schedulePreview(input, from, to);
  }

  /**
   * Saves the open form (new sessions, or this and following). A change
   * names series, not the sessions they give, so the period on screen is
   * loaded again to show them; the change (conflicts, notes) is returned.
   */
  async saveForm(): Promise<ScheduleChange> {
    const form = this.form;
    if (form === null) throw invalidInput('The schedule form is not open.');
    const fields = $state.snapshot(form.fields) as ScheduleFields;
    const input = seriesInputOf(fields);
    let change: ScheduleChange;
    if (form.mode.kind === 'following') {
      change = await schedule.scheduleEditFollowing(form.mode.key, input);
    } else if (fields.phased) {
      change = await schedule.scheduleCreatePhased(input, cadenceOf(fields));
    } else {
      change = await schedule.scheduleCreate(input);
    }
    this.changes += 1;
    if (this.loaded) void this.load();
    return change;
  }

  /** Moves one session; the answer replaces it on screen. */
  async move(key: OccurrenceKey, to: SessionTime): Promise<OccurrenceChange> {
    const change = await schedule.scheduleMove(key, to);
    this.#applyOne(key, change.occurrence);
    return change;
  }

  async cancel(key: OccurrenceKey, input: CancelInput): Promise<Occurrence> {
    return this.#applyOne(key, await schedule.scheduleCancel(key, input));
  }

  async setStatus(key: OccurrenceKey, status: SessionStatus): Promise<Occurrence> {
    return this.#applyOne(key, await schedule.scheduleSetStatus(key, status));
  }

  /** Undoes a session's own changes (moved, cancelled, status). */
  async resetOccurrence(key: OccurrenceKey): Promise<Occurrence> {
    return this.#applyOne(key, await schedule.scheduleOccurrenceReset(key));
  }

  /** Opens the form on the series of `key`, to change it from that session on. */
  async startEditFollowingOf(key: OccurrenceKey): Promise<void> {
    const series = await schedule.scheduleSeriesGet(key.series_id);
    this.startEditFollowing(key, fieldsFromSeries(series, key.original_start));
  }

  /** Deletes a whole series; its sessions leave the screen. */
  async deleteSeries(seriesId: string): Promise<void> {
    await schedule.scheduleSeriesDelete(seriesId);
    this.occurrences = this.occurrences.filter((o) => o.key.series_id !== seriesId);
    if (this.selected?.key.series_id === seriesId) this.selected = null;
    this.changes += 1;
    // Other sessions' overlap flags may have changed with these.
    if (this.loaded) void this.load();
  }

  #applyOne(key: OccurrenceKey, occurrence: Occurrence): Occurrence {
    // A moved session keeps its key; one moved out of the period leaves it.
    const { from, to } = this.period;
    const inPeriod =
      Date.parse(occurrence.end) > Date.parse(from) && Date.parse(occurrence.start) < Date.parse(to);
    if (inPeriod || !this.loaded) {
      this.replace(occurrence);
    } else {
      this.occurrences = this.occurrences.filter((o) => !sameKey(o.key, key));
      if (this.selected && sameKey(this.selected.key, key)) this.selected = occurrence;
    }
    this.changes += 1;
    // Other sessions' overlap flags may have changed with this one.
    if (this.loaded) void this.load();
    return occurrence;
  }

  // Lists outside the period on screen.

  /** The sessions of one person or group in `from`..`to`. */
  personOccurrences(personId: string, from: string, to: string): Promise<OccurrenceList> {
    return schedule.scheduleOccurrences(from, to, personId);
  }

  /**
   * The next `count` sessions from now (Today), and the sessions they
   * overlap, so that a conflict can name who the other session is with.
   */
  async upcoming(count: number): Promise<{ sessions: Occurrence[]; others: Occurrence[] }> {
    const sessions = await this.#upcomingSessions(count);
    if (!missingPartners(sessions)) return { sessions, others: sessions };
    const from = new Date(Math.min(...sessions.map((o) => Date.parse(o.start)))).toISOString();
    const to = new Date(Math.max(...sessions.map((o) => Date.parse(o.end)))).toISOString();
    try {
      const list = await schedule.scheduleOccurrences(from, to, null);
      return { sessions, others: [...sessions, ...list.occurrences] };
    } catch {
      return { sessions, others: sessions }; // The flags stay; only the names are missing.
    }
  }

  /**
   * Today's sessions at once, without a round trip: when the shell pushed
   * them at start (prefetchUpcoming's `ready`), they are fresh, and none
   * overlaps a session outside them. Otherwise `null`, and Today calls
   * `upcoming()`. Takes the prefetched answer either way only when used.
   */
  upcomingNow(count: number): { sessions: Occurrence[]; others: Occurrence[] } | null {
    const prefetched = this.#prefetched;
    if (prefetched === null || prefetched.ready === undefined || !this.#fresh(prefetched, count)) return null;
    const sessions = prefetched.ready;
    if (missingPartners(sessions)) return null;
    this.#prefetched = null;
    return { sessions, others: sessions };
  }

  /**
   * Asks for the next `count` sessions now, at start, so Today has them as
   * soon as it is mounted, or takes `ready`, the answer the shell pushed
   * before the UI's script ran. Today's first `upcoming(count)` or
   * `upcomingNow(count)` within PREFETCH_FRESH_MS uses the answer; after
   * that it asks again.
   */
  prefetchUpcoming(count: number, ready?: Occurrence[]): void {
    const answer = ready !== undefined ? Promise.resolve(ready) : schedule.scheduleUpcoming(count);
    // Handled by upcoming(); this only keeps a failure from being reported
    // as unhandled before Today asks.
    answer.catch(() => undefined);
    this.#prefetched = { count, at: Date.now(), answer, ready };
  }

  #fresh(prefetched: { count: number; at: number }, count: number): boolean {
    return prefetched.count === count && Date.now() - prefetched.at <= PREFETCH_FRESH_MS;
  }

  #upcomingSessions(count: number): Promise<Occurrence[]> {
    const prefetched = this.#prefetched;
    this.#prefetched = null;
    if (prefetched !== null && this.#fresh(prefetched, count)) return prefetched.answer;
    return schedule.scheduleUpcoming(count);
  }

  /** Who the sessions on screen that `occurrence` overlaps are with (person ids). */
  partnersOf(occurrence: Occurrence): (string | null)[] {
    return conflictPartners(occurrence, this.occurrences);
  }

  // .ics files

  /**
   * Exports to the file the person chooses (Rust asks); `null` when they
   * cancelled the dialog, which is not an error.
   */
  exportIcs(options: ExportOptions): Promise<IcsExport | null> {
    return schedule.icsExportSave(options);
  }

  /**
   * Reads the .ics file the person chooses (Rust asks) and previews what
   * importing it would add; `null` when they cancelled the dialog. The
   * file's text stays in Rust under the returned token.
   */
  previewImport(options: ImportOptions): Promise<ImportFile | null> {
    return schedule.icsImportPreview(options);
  }

  /**
   * Imports the file previewed under `token` (`commit.options` must be the
   * preview's); the period on screen is loaded again. A refused import
   * keeps the file open for another try.
   */
  async commitImport(token: string, commit: ImportCommit): Promise<ImportResult> {
    const result = await schedule.icsImportCommit(token, commit);
    this.changes += 1;
    if (this.loaded) void this.load();
    return result;
  }

  /** Forgets everything on screen. Late answers are ignored. */
  reset(): void {
    this.#prefetched = null;
    this.agreementNote = '';
    this.#applied = null;
    this.#peopleSeq += 1;
    this.#defaultsSeq += 1;
    this.schedulable = [];
    this.schedulableLoaded = false;
    this.schedulableError = null;
    this.#generation += 1;
    this.#loadSeq += 1;
    this.view = 'week';
    this.anchor = today();
    this.occurrences = [];
    this.notes = [];
    this.truncated = false;
    this.damagedSeries = 0;
    this.loading = false;
    this.loaded = false;
    this.error = null;
    this.selected = null;
    this.form = null;
  }
}

/** What the core's defaults set in the form (to tell whether the person changed it since). */
function shapeOf(fields: ScheduleFields): string {
  const [sh, sm] = fields.start.split(':').map(Number);
  const [eh, em] = fields.end.split(':').map(Number);
  return JSON.stringify([eh * 60 + em - (sh * 60 + sm), fields.repeat, fields.interval, fields.endChoice]);
}

/** The app's one calendar. */
export const calendar = new CalendarStore();
forgetOnLock(() => calendar.reset());
