// The one place dates and times are written for people to read: lists, the
// week axis, the agenda, agreement pages. Names of days and months come from
// the OS locale; the clock (12/24-hour) and the date order follow the
// preferences in Settings. Everything else in the UI calls the functions at
// the bottom of this file, which read the preferences in force (reactively).

import type { ClockFormat, DateOrder } from './api/preferences';
import { settings } from './stores/settings.svelte';

export interface DateTimeStyle {
  clock: ClockFormat;
  date_order: DateOrder;
  /** A BCP 47 locale; the OS locale when absent. */
  locale?: string;
}

type Weekday = 'short' | 'long' | undefined;
type Month = 'short' | 'long';

interface DateShape {
  weekday?: Weekday;
  month: Month;
  year: boolean;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Writes dates and times in one style. Build one with `formatterFor`. */
export class DateTimeFormatter {
  readonly style: DateTimeStyle;
  #cache = new Map<string, Intl.DateTimeFormat>();

  constructor(style: DateTimeStyle) {
    this.style = style;
  }

  #intl(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
    const key = JSON.stringify(options);
    let format = this.#cache.get(key);
    if (format === undefined) {
      format = new Intl.DateTimeFormat(this.style.locale, options);
      this.#cache.set(key, format);
    }
    return format;
  }

  #timeOptions(): Intl.DateTimeFormatOptions {
    switch (this.style.clock) {
      case 'h12':
        return { hour: 'numeric', minute: '2-digit', hourCycle: 'h12' };
      case 'h24':
        return { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
      default: {
        // The locale's own clock: "09:30" where it counts 24 hours, "9:30 AM" where 12.
        const cycle = new Intl.DateTimeFormat(this.style.locale, { hour: 'numeric' }).resolvedOptions().hourCycle;
        const twelve = cycle === 'h11' || cycle === 'h12';
        return { hour: twelve ? 'numeric' : '2-digit', minute: '2-digit' };
      }
    }
  }

  /** A date in the chosen order; `utc` for calendar days that must not shift. */
  #date(date: Date, shape: DateShape, utc: boolean): string {
    const timeZone = utc ? 'UTC' : undefined;
    const order = this.style.date_order;
    if (order === 'locale') {
      return this.#intl({
        weekday: shape.weekday,
        day: 'numeric',
        month: shape.month,
        year: shape.year ? 'numeric' : undefined,
        timeZone,
      }).format(date);
    }
    const weekday = shape.weekday
      ? this.#intl({ weekday: shape.weekday, timeZone }).format(date)
      : '';
    if (order === 'ymd') {
      const parts = this.#intl({ year: 'numeric', month: '2-digit', day: '2-digit', timeZone }).formatToParts(date);
      const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
      const ymd = `${part('year')}-${part('month')}-${part('day')}`;
      return weekday ? `${weekday} ${ymd}` : ymd;
    }
    const parts = this.#intl({ day: 'numeric', month: shape.month, year: 'numeric', timeZone }).formatToParts(date);
    const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
    const [day, month, year] = [part('day'), part('month'), part('year')];
    if (order === 'dmy') {
      const text = `${day} ${month}${shape.year ? ` ${year}` : ''}`;
      return weekday ? `${weekday} ${text}` : text;
    }
    const text = `${month} ${day}${shape.year ? `, ${year}` : ''}`;
    return weekday ? `${weekday}, ${text}` : text;
  }

  /** "09:30", "9:30 AM": an instant's local time of day. */
  time(instant: string | Date): string {
    const date = toDate(instant);
    return date === null ? String(instant) : this.#intl(this.#timeOptions()).format(date);
  }

  /** "Tue 3 Mar, 09:30": an instant's local day and time (no year). */
  when(instant: string | Date): string {
    const date = toDate(instant);
    if (date === null) return String(instant);
    return `${this.#date(date, { weekday: 'short', month: 'short', year: false }, false)}, ${this.time(date)}`;
  }

  /** "3 Mar 2026, 09:30": an instant's local date and time. */
  dateTime(instant: string | Date): string {
    const date = toDate(instant);
    if (date === null) return String(instant);
    return `${this.#date(date, { month: 'short', year: true }, false)}, ${this.time(date)}`;
  }

  /** "Tuesday 3 March 2026": a local date in full, with its weekday. */
  longDate(date: Date): string {
    return this.#date(date, { weekday: 'long', month: 'long', year: true }, false);
  }

  /** "3 March 2026": a calendar day ("YYYY-MM-DD"), never shifted by time zone. */
  day(day: string): string {
    const date = dayDate(day);
    return date === null ? day : this.#date(date, { month: 'long', year: true }, true);
  }

  /** "Tuesday 3 March": a calendar day as a heading (no year). */
  dayTitle(day: string): string {
    const date = dayDate(day);
    return date === null ? day : this.#date(date, { weekday: 'long', month: 'long', year: false }, true);
  }

  /** "Tue 3": a calendar day on the week's axis. */
  shortDay(day: string): string {
    const date = dayDate(day);
    if (date === null) return day;
    if (this.style.date_order === 'locale') {
      return this.#intl({ weekday: 'short', day: 'numeric', timeZone: 'UTC' }).format(date);
    }
    const weekday = this.#intl({ weekday: 'short', timeZone: 'UTC' }).format(date);
    return `${weekday} ${this.#intl({ day: 'numeric', timeZone: 'UTC' }).format(date)}`;
  }

  /** "March 2026": the month a calendar day is in. */
  month(day: string): string {
    const date = dayDate(day);
    return date === null ? day : this.#intl({ month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
  }
}

function toDate(instant: string | Date): Date | null {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  return Number.isNaN(date.getTime()) ? null : date;
}

function dayDate(day: string): Date | null {
  const match = DAY.exec(day);
  if (match === null) return null;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return Number.isNaN(date.getTime()) ? null : date;
}

const formatters = new Map<string, DateTimeFormatter>();

/** The formatter for a style (one per style, kept). */
export function formatterFor(style: DateTimeStyle): DateTimeFormatter {
  const key = `${style.clock}|${style.date_order}|${style.locale ?? ''}`;
  let formatter = formatters.get(key);
  if (formatter === undefined) {
    formatter = new DateTimeFormatter(style);
    formatters.set(key, formatter);
  }
  return formatter;
}

/** The formatter for the preferences in force (re-read when they change). */
function current(): DateTimeFormatter {
  const { clock, date_order } = settings.preferences;
  return formatterFor({ clock, date_order });
}

export const formatTime = (instant: string | Date): string => current().time(instant);
export const formatWhen = (instant: string | Date): string => current().when(instant);
export const formatDateTime = (instant: string | Date): string => current().dateTime(instant);
export const formatLongDate = (date: Date = new Date()): string => current().longDate(date);
export const formatDay = (day: string): string => current().day(day);
export const formatDayTitle = (day: string): string => current().dayTitle(day);
export const formatShortDay = (day: string): string => current().shortDay(day);
/** An hour of the day on the week's axis: "09:00", "9:00 AM". */
export const formatHour = (hour: number): string => current().time(new Date(2000, 0, 1, hour, 0));
export const formatMonth = (day: string): string => current().month(day);
