// The calendar: which period is on screen, its sessions, the session open in
// the details panel and the schedule form. It holds who sessions are with
// (person ids) and cancellation reasons, so `reset()` must run on lock.

import * as api from '../api';
import { agreementCurrent } from '../api/agreements';
import * as schedule from '../api/schedule';
import type { AppError, Occurrence, OccurrenceKey } from '../bindings';
import { addMinutesToTime, sameKey, type ScheduleFields, emptyScheduleFields } from '../scheduleForm';
import { periodOf, stepAnchor, today, type CalendarView, type Period } from '../calendarDates';

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
  /** Says when the form's length and repeat came from the agreement. */
  agreementNote = $state('');
  form = $state<ScheduleForm | null>(null);

  period: Period = $derived(periodOf(this.view, this.anchor));

  #generation = 0;
  #loadSeq = 0;

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

  /** Opens the form for new sessions, optionally with someone chosen. */
  startNew(personId = '', date?: string): void {
    this.form = { mode: { kind: 'new' }, fields: emptyScheduleFields(personId, date) };
    void this.applyAgreementDefaults(personId);
  }

  /**
   * Takes the session length and frequency from the agreement in force with
   * `personId`, if the new-sessions form is still open for that person and
   * still shows the untouched defaults (one hour, no repeat).
   */
  async applyAgreementDefaults(personId: string): Promise<void> {
    if (personId === '') return;
    let current;
    try {
      current = await agreementCurrent(personId);
    } catch {
      return; // No agreement to go by: the form keeps its defaults.
    }
    const form = this.form;
    if (!current || !form || form.mode.kind !== 'new') return;
    const fields = form.fields;
    const untouched = fields.end === addMinutesToTime(fields.start, 60) && fields.repeat === 'none';
    if (fields.person_id !== personId || !untouched) return;
    fields.end = addMinutesToTime(fields.start, current.content.session_minutes);
    if (current.content.frequency === 'weekly') {
      fields.repeat = 'weekly';
    } else if (current.content.frequency === 'fortnightly') {
      fields.repeat = 'weeks';
      fields.interval = 2;
    } else {
      fields.repeat = 'monthly_weekday';
    }
    this.agreementNote = `Length and frequency from the agreement (version ${current.version}).`;
  }

  startEditFollowing(key: OccurrenceKey, fields: ScheduleFields): void {
    this.form = { mode: { kind: 'following', key }, fields };
  }

  closeForm(): void {
    this.form = null;
    this.agreementNote = '';
  }

  select(occurrence: Occurrence | null): void {
    this.selected = occurrence;
  }

  /** Puts a changed occurrence in place (before the next reload). */
  replace(occurrence: Occurrence): void {
    this.occurrences = this.occurrences.map((o) => (sameKey(o.key, occurrence.key) ? occurrence : o));
    if (this.selected && sameKey(this.selected.key, occurrence.key)) this.selected = occurrence;
  }

  /** Forgets everything on screen. Late answers are ignored. */
  reset(): void {
    this.agreementNote = '';
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

/** The app's one calendar. */
export const calendar = new CalendarStore();
