// Calendar days as "YYYY-MM-DD" strings in the user's local time zone, and
// the periods (week, month) the calendar shows.

import type { Occurrence } from './bindings';
import { formatDayTitle, formatMonth } from './datetime';

export const pad = (n: number): string => String(n).padStart(2, '0');

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

export function periodTitle(view: CalendarView, anchor: string): string {
  if (view === 'week') {
    const first = weekStart(anchor);
    return `Week of ${formatDayTitle(first)}`;
  }
  return formatMonth(monthStart(anchor));
}
