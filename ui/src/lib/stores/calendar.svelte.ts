// The calendar: which period is on screen, its sessions, the session open in
// the details panel and the schedule form. It holds who sessions are with
// (person ids) and cancellation reasons, so `reset()` must run on lock.

import * as api from '../api';
import { agreementCurrent } from '../api/agreements';
import * as schedule from '../api/schedule';
import type {
  AppError,
  CancelledBy,
  Conflict,
  Occurrence,
  OccurrenceKey,
  Pattern,
  PhasedCadence,
  Recurrence,
  RecurrenceEnd,
  ReminderSetting,
  SeriesInput,
  SessionKind,
  SessionStatus,
  Weekday,
} from '../bindings';
import { invalidInput } from '../errors';

// Dates: "YYYY-MM-DD" strings for days in the user's local time zone.

const pad = (n: number): string => String(n).padStart(2, '0');

/** A `Date`'s local calendar day, "YYYY-MM-DD". */
export function dayOf(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Local midnight at the start of `day`. */
export function dateOf(day: string): Date {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y, m - 1, d);
}

export function addDays(day: string, n: number): string {
  const date = dateOf(day);
  date.setDate(date.getDate() + n);
  return dayOf(date);
}

export function addMonths(day: string, n: number): string {
  const date = dateOf(day);
  return dayOf(new Date(date.getFullYear(), date.getMonth() + n, 1));
}

/** The Monday on or before `day`. */
export function weekStart(day: string): string {
  const weekday = (dateOf(day).getDay() + 6) % 7;
  return addDays(day, -weekday);
}

export function monthStart(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

export function today(): string {
  return dayOf(new Date());
}

/** Minutes after local midnight. */
export function minutesOfDay(date: Date): number {
  return date.getHours() * 60 + date.getMinutes();
}

/** The local day a session starts on. */
export function occurrenceDay(occurrence: Occurrence): string {
  return dayOf(new Date(occurrence.start));
}

export type CalendarView = 'agenda' | 'week' | 'month';

export interface Period {
  /** First day shown. */
  first: string;
  /** Days shown. */
  days: string[];
  /** RFC 3339 bounds for `schedule_occurrences`. */
  from: string;
  to: string;
}

/** The days a view shows around `anchor`; the agenda shows a month at a time. */
export function periodOf(view: CalendarView, anchor: string): Period {
  let first: string;
  let count: number;
  if (view === 'week') {
    first = weekStart(anchor);
    count = 7;
  } else if (view === 'agenda') {
    first = monthStart(anchor);
    count = Math.round((dateOf(addMonths(first, 1)).getTime() - dateOf(first).getTime()) / 86_400_000);
  } else {
    // Whole weeks covering the month.
    first = weekStart(monthStart(anchor));
    const last = addDays(addMonths(monthStart(anchor), 1), -1);
    const end = addDays(weekStart(last), 7);
    count = Math.round((dateOf(end).getTime() - dateOf(first).getTime()) / 86_400_000);
  }
  const days = Array.from({ length: count }, (_, i) => addDays(first, i));
  return {
    first,
    days,
    from: dateOf(first).toISOString(),
    to: dateOf(addDays(first, count)).toISOString(),
  };
}

/** Moves the anchor one period forward (`step` 1) or back (−1). */
export function stepAnchor(view: CalendarView, anchor: string, step: number): string {
  return view === 'week' ? addDays(anchor, 7 * step) : addMonths(anchor, step);
}

const dayTitle = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long' });
const monthTitle = new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric' });
const shortDay = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric' });
const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const whenFormat = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
});

export const formatDayTitle = (day: string): string => dayTitle.format(dateOf(day));
export const formatShortDay = (day: string): string => shortDay.format(dateOf(day));
export const formatTime = (iso: string): string => timeFormat.format(new Date(iso));
export const formatWhen = (iso: string): string => whenFormat.format(new Date(iso));

export function periodTitle(view: CalendarView, anchor: string): string {
  if (view === 'week') {
    const first = weekStart(anchor);
    return `Week of ${formatDayTitle(first)}`;
  }
  return monthTitle.format(dateOf(monthStart(anchor)));
}

// Labels

export const SESSION_KIND_LABELS: Record<SessionKind, string> = {
  individual: 'Individual supervision',
  group: 'Group supervision',
  peer: 'Peer supervision',
  coaching: 'Coaching',
};

export const STATUS_LABELS: Record<SessionStatus, string> = {
  planned: 'Planned',
  held: 'Held',
  cancelled: 'Cancelled',
  no_show: 'No-show',
};

export const CANCELLED_BY_LABELS: Record<CancelledBy, string> = {
  supervisor: 'The supervisor',
  supervisee: 'The supervisee',
  other: 'Someone else',
};

export const WEEKDAYS: readonly Weekday[] = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
];

export const WEEKDAY_LABELS: Record<Weekday, string> = {
  monday: 'Monday',
  tuesday: 'Tuesday',
  wednesday: 'Wednesday',
  thursday: 'Thursday',
  friday: 'Friday',
  saturday: 'Saturday',
  sunday: 'Sunday',
};

export const WEEK_LABELS: readonly { value: number; label: string }[] = [
  { value: 1, label: '1st' },
  { value: 2, label: '2nd' },
  { value: 3, label: '3rd' },
  { value: 4, label: '4th' },
  { value: 5, label: '5th' },
  { value: -1, label: 'last' },
];

/** Common IANA zones offered in the form; any other can be typed. */
export const COMMON_TIME_ZONES: readonly string[] = [
  'Europe/London',
  'Europe/Dublin',
  'Europe/Paris',
  'Europe/Berlin',
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Los_Angeles',
  'America/Toronto',
  'Australia/Sydney',
  'Australia/Melbourne',
  'Pacific/Auckland',
  'Asia/Kolkata',
  'Asia/Singapore',
  'UTC',
];

export function homeTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** The weekday of a "YYYY-MM-DD" day (a calendar date, whatever the zone). */
export function weekdayOf(day: string): Weekday {
  return WEEKDAYS[(dateOf(day).getDay() + 6) % 7];
}

// The schedule form

export type RepeatChoice = 'none' | 'weekly' | 'weeks' | 'monthly_date' | 'monthly_weekday';
export type EndChoice = 'never' | 'until' | 'count';
export type ReminderChoice = 'default' | 'off' | 'custom';

/** The form's fields, as `<input>` and `<select>` hold them. */
export interface ScheduleFields {
  person_id: string;
  kind: SessionKind;
  /** "YYYY-MM-DD". */
  date: string;
  /** "HH:MM". */
  start: string;
  end: string;
  time_zone: string;
  repeat: RepeatChoice;
  /** Every N weeks (for 'weeks'). */
  interval: number;
  /** Day of the month (for 'monthly_date'). */
  day: number;
  /** 1–5 or −1 for last (for 'monthly_weekday'). */
  week: number;
  weekday: Weekday;
  endChoice: EndChoice;
  /** "YYYY-MM-DD". */
  until: string;
  count: number;
  location: string;
  reminder: ReminderChoice;
  reminderMinutes: number;
  phased: boolean;
  weeklyWeeks: number;
  fortnightlyUntilMonths: number;
}

/** Which one in the month `day` is, e.g. 2 for the 2nd Tuesday. */
export function weekOfMonth(day: string): number {
  return Math.ceil(Number(day.slice(8, 10)) / 7);
}

/** "HH:MM" plus `minutes`, kept within the same day (at most 23:59). */
export function addMinutesToTime(time: string, minutes: number): string {
  const [h, m] = time.split(':').map(Number);
  const total = Math.min(h * 60 + m + minutes, 23 * 60 + 59);
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

export function emptyScheduleFields(personId = '', date = addDays(today(), 1)): ScheduleFields {
  return {
    person_id: personId,
    kind: 'individual',
    date,
    start: '10:00',
    end: '11:00',
    time_zone: homeTimeZone(),
    repeat: 'none',
    interval: 2,
    day: Number(date.slice(8, 10)),
    week: weekOfMonth(date),
    weekday: weekdayOf(date),
    endChoice: 'never',
    until: '',
    count: 12,
    location: '',
    reminder: 'default',
    reminderMinutes: 15,
    phased: false,
    weeklyWeeks: 6,
    fortnightlyUntilMonths: 6,
  };
}

/** The form's fields for a session of an existing series (edit this and following). */
export function fieldsFromSeries(
  series: {
    person_id: string;
    kind: SessionKind;
    time_zone: string;
    duration_minutes: number;
    recurrence: Recurrence | null;
    location: string;
    reminder: ReminderSetting;
  },
  localStart: string,
): ScheduleFields {
  const date = localStart.slice(0, 10);
  const fields = emptyScheduleFields(series.person_id, date);
  const startMinutes = Number(localStart.slice(11, 13)) * 60 + Number(localStart.slice(14, 16));
  const endMinutes = Math.min(startMinutes + series.duration_minutes, 24 * 60 - 1);
  fields.kind = series.kind;
  fields.time_zone = series.time_zone;
  fields.start = localStart.slice(11, 16);
  fields.end = `${pad(Math.floor(endMinutes / 60))}:${pad(endMinutes % 60)}`;
  fields.location = series.location;
  if (series.reminder.type === 'off') fields.reminder = 'off';
  if (series.reminder.type === 'before') {
    fields.reminder = 'custom';
    fields.reminderMinutes = series.reminder.minutes;
  }
  const rule = series.recurrence;
  if (rule) {
    const pattern = rule.pattern;
    if (pattern.type === 'weekly') {
      fields.repeat = rule.interval === 1 ? 'weekly' : 'weeks';
      fields.interval = rule.interval;
    } else if (pattern.type === 'monthly_by_date') {
      fields.repeat = 'monthly_date';
      fields.day = pattern.day;
    } else {
      fields.repeat = 'monthly_weekday';
      fields.week = pattern.week;
      fields.weekday = pattern.weekday;
    }
    if (rule.end.type === 'until') {
      fields.endChoice = 'until';
      fields.until = rule.end.date;
    } else if (rule.end.type === 'count') {
      fields.endChoice = 'count';
      fields.count = rule.end.count;
    }
  }
  return fields;
}

function recurrenceOf(fields: ScheduleFields): Recurrence | null {
  let pattern: Pattern;
  let interval = 1;
  switch (fields.repeat) {
    case 'none':
      return null;
    case 'weekly':
      pattern = { type: 'weekly', weekdays: [weekdayOf(fields.date)] };
      break;
    case 'weeks':
      pattern = { type: 'weekly', weekdays: [weekdayOf(fields.date)] };
      interval = fields.interval;
      break;
    case 'monthly_date':
      pattern = { type: 'monthly_by_date', day: fields.day };
      break;
    case 'monthly_weekday':
      pattern = { type: 'monthly_by_weekday', week: fields.week, weekday: fields.weekday };
      break;
  }
  let end: RecurrenceEnd;
  switch (fields.endChoice) {
    case 'never':
      end = { type: 'never' };
      break;
    case 'until':
      end = { type: 'until', date: fields.until };
      break;
    case 'count':
      end = { type: 'count', count: fields.count };
      break;
  }
  return { pattern, interval, end };
}

function reminderOf(fields: ScheduleFields): ReminderSetting {
  switch (fields.reminder) {
    case 'default':
      return { type: 'default' };
    case 'off':
      return { type: 'off' };
    case 'custom':
      return { type: 'before', minutes: fields.reminderMinutes };
  }
}

/**
 * Checks what the UI can check and builds the `SeriesInput`. Rust checks
 * everything again (zones, clock changes, limits). Throws an `AppError`.
 */
export function seriesInputOf(fields: ScheduleFields): SeriesInput {
  if (fields.person_id === '') throw invalidInput('Choose who the sessions are with.');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(fields.date)) throw invalidInput('Choose the date of the first session.');
  if (!/^\d{2}:\d{2}$/.test(fields.start) || !/^\d{2}:\d{2}$/.test(fields.end)) {
    throw invalidInput('Enter a start and an end time.');
  }
  if (fields.end <= fields.start) throw invalidInput('The session ends before it starts.');
  if (fields.time_zone.trim() === '') throw invalidInput('Choose a time zone.');
  if (fields.repeat === 'weeks' && !(fields.interval >= 1 && fields.interval <= 52)) {
    throw invalidInput('Repeat every 1 to 52 weeks.');
  }
  if (fields.repeat === 'monthly_date' && !(fields.day >= 1 && fields.day <= 31)) {
    throw invalidInput('Choose a day of the month from 1 to 31.');
  }
  if (fields.repeat !== 'none' && fields.endChoice === 'until') {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(fields.until)) throw invalidInput('Choose the last date.');
    if (fields.until < fields.date) throw invalidInput('The last date is before the first session.');
  }
  if (fields.repeat !== 'none' && fields.endChoice === 'count' && !(fields.count >= 1 && fields.count <= 1000)) {
    throw invalidInput('Choose from 1 to 1000 sessions.');
  }
  if (fields.reminder === 'custom' && !(fields.reminderMinutes >= 0 && fields.reminderMinutes <= 10080)) {
    throw invalidInput('A reminder can be from 0 minutes to a week (10080 minutes) before.');
  }
  return {
    person_id: fields.person_id,
    kind: fields.kind,
    time_zone: fields.time_zone.trim(),
    start: `${fields.date}T${fields.start}:00`,
    end: `${fields.date}T${fields.end}:00`,
    recurrence: recurrenceOf(fields),
    location: fields.location.trim(),
    reminder: reminderOf(fields),
    calendar_code: '',
  };
}

export function cadenceOf(fields: ScheduleFields): PhasedCadence {
  return {
    weekly_weeks: fields.weeklyWeeks,
    fortnightly_until_months: fields.fortnightlyUntilMonths,
  };
}

export function sameKey(a: OccurrenceKey, b: OccurrenceKey): boolean {
  return a.series_id === b.series_id && a.original_start === b.original_start;
}

/** "Overlaps with Sam Lee's session, Wed 4 Mar, 10:00–11:00." */
export function describeConflict(conflict: Conflict, nameOf: (personId: string) => string): string {
  return `Overlaps with ${nameOf(conflict.other_person_id)}: ${formatWhen(conflict.other_start)}–${formatTime(conflict.other_end)}.`;
}

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
