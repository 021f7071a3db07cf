// Labels for sessions and the schedule form's fields, and how the form's
// fields become a `SeriesInput` (checked here first, then by Rust).

import type {
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
} from './bindings';
import { addDays, dateOf, pad, today } from './calendarDates';
import { formatTime, formatWhen } from './datetime';
import { minutesInWords } from './format';
import { invalidInput } from './errors';
import {
  SERIES_COUNT,
  SERIES_INTERVAL_WEEKS,
  SERIES_MONTH_DAY,
  SESSION_REMINDER_MINUTES,
} from './limits';

const within = (value: number, range: { min: number; max: number }): boolean =>
  Number.isInteger(value) && value >= range.min && value <= range.max;

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
  if (series.recurrence) applyRecurrence(fields, series.recurrence);
  return fields;
}

/** Shows a repeat rule (a series', or the one the core suggests) in the form's fields. */
export function applyRecurrence(fields: ScheduleFields, rule: Recurrence): void {
  const pattern = rule.pattern;
  if (pattern.type === 'weekly') {
    fields.repeat = rule.interval === 1 ? 'weekly' : 'weeks';
    if (rule.interval !== 1) fields.interval = rule.interval;
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
  } else {
    fields.endChoice = 'never';
  }
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
  if (fields.repeat === 'weeks' && !within(fields.interval, SERIES_INTERVAL_WEEKS)) {
    throw invalidInput(`Repeat every ${SERIES_INTERVAL_WEEKS.min} to ${SERIES_INTERVAL_WEEKS.max} weeks.`);
  }
  if (fields.repeat === 'monthly_date' && !within(fields.day, SERIES_MONTH_DAY)) {
    throw invalidInput(`Choose a day of the month from ${SERIES_MONTH_DAY.min} to ${SERIES_MONTH_DAY.max}.`);
  }
  if (fields.repeat !== 'none' && fields.endChoice === 'until') {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(fields.until)) throw invalidInput('Choose the last date.');
    if (fields.until < fields.date) throw invalidInput('The last date is before the first session.');
  }
  if (fields.repeat !== 'none' && fields.endChoice === 'count' && !within(fields.count, SERIES_COUNT)) {
    throw invalidInput(`Choose from ${SERIES_COUNT.min} to ${SERIES_COUNT.max} sessions.`);
  }
  if (fields.reminder === 'custom' && !within(fields.reminderMinutes, SESSION_REMINDER_MINUTES)) {
    throw invalidInput(
      `A reminder can be from ${SESSION_REMINDER_MINUTES.min} minutes to ${minutesInWords(SESSION_REMINDER_MINUTES.max)} (${SESSION_REMINDER_MINUTES.max} minutes) before.`,
    );
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

/**
 * Who the sessions `occurrence` overlaps are with (person ids, each once),
 * as far as `pool` holds them; one not in `pool` gives `null`.
 */
export function conflictPartners(occurrence: Occurrence, pool: readonly Occurrence[]): (string | null)[] {
  const found: (string | null)[] = [];
  for (const key of occurrence.conflicts_with) {
    const other = pool.find((o) => sameKey(o.key, key));
    const id = other ? other.person_id : null;
    if (!found.includes(id)) found.push(id);
  }
  return found;
}
