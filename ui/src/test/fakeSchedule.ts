// A fake of the scheduling and .ics commands for component tests. Plug it in
// with `backend.extend(fakeSchedule.extension)`. Simplified on purpose: local
// wall-clock times are read as UTC (run tests with TZ=UTC semantics in mind),
// and rules expand by simple date stepping.

import type {
  AppError,
  CancelInput,
  Conflict,
  ImportCommit,
  ImportOptions,
  ImportPreview,
  Occurrence,
  OccurrenceKey,
  SeriesInput,
  SessionStatus,
  SessionTime,
  Weekday,
} from '../lib/bindings';
import { UNHANDLED, type Extension } from './fakeBackend';
import { scheduleDefaults, schedulePeople, type InForce } from './fakeWho';

type Args = Record<string, unknown>;

interface StoredSeries {
  id: string;
  input: SeriesInput;
}

interface Exception {
  status: SessionStatus;
  moved: SessionTime | null;
  cancel: CancelInput | null;
}

const invalid = (message: string): AppError => ({ code: 'invalid_input', message });

const DAYS: Weekday[] = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

const utc = (local: string): Date => new Date(`${local}Z`);
const local = (date: Date): string => date.toISOString().slice(0, 19);

/** Wall-clock starts of a series (first ~400 of them). */
export function expand(input: SeriesInput, limit = 400): string[] {
  const first = utc(input.start);
  const rule = input.recurrence;
  if (!rule) return [input.start];
  const time = input.start.slice(10);
  const out: string[] = [];
  const until = rule.end.type === 'until' ? rule.end.date : null;
  const count = rule.end.type === 'count' ? rule.end.count : limit;
  const push = (day: Date) => {
    const start = `${day.toISOString().slice(0, 10)}${time}`;
    if (start >= input.start && (until === null || start.slice(0, 10) <= until)) out.push(start);
  };
  const pattern = rule.pattern;
  for (let step = 0; out.length < Math.min(count, limit) && step < 2000; step++) {
    if (pattern.type === 'weekly') {
      const day = new Date(first);
      day.setUTCDate(day.getUTCDate() + 7 * rule.interval * step);
      push(day);
    } else {
      const month = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + rule.interval * step, 1));
      const y = month.getUTCFullYear();
      const m = month.getUTCMonth();
      if (pattern.type === 'monthly_by_date') {
        const day = new Date(Date.UTC(y, m, pattern.day));
        if (day.getUTCMonth() === m) push(day);
      } else {
        const target = DAYS.indexOf(pattern.weekday);
        const matches: Date[] = [];
        for (let d = 1; d <= 31; d++) {
          const day = new Date(Date.UTC(y, m, d));
          if (day.getUTCMonth() !== m) break;
          if (day.getUTCDay() === target) matches.push(day);
        }
        const chosen = pattern.week === -1 ? matches[matches.length - 1] : matches[pattern.week - 1];
        if (chosen) push(chosen);
      }
    }
    if (until !== null && out.length > 0 && out[out.length - 1].slice(0, 10) > until) break;
  }
  return out;
}

export class FakeSchedule {
  series: StoredSeries[] = [];
  exceptions = new Map<string, Exception>();
  /**
   * The agreement in force with someone, for `schedule_defaults`; none
   * unless a test wires in `FakeAgreements.current`.
   */
  agreementInForce: (personId: string) => InForce = () => null;
  /** The .ics file kept for import (its token and the preview's options). */
  importFile: { token: string; options: ImportOptions } | null = null;
  #next = 1;

  /** Adds a series directly. */
  seed(input: SeriesInput): string {
    const id = `series-${this.#next++}`;
    this.series.push({ id, input: structuredClone(input) });
    return id;
  }

  #durationMs(input: SeriesInput): number {
    return utc(input.end).getTime() - utc(input.start).getTime();
  }

  /** Every occurrence, with conflicts worked out across all series. */
  all(): Occurrence[] {
    const list: Occurrence[] = [];
    for (const { id, input } of this.series) {
      for (const original of expand(input)) {
        const key: OccurrenceKey = { series_id: id, original_start: original };
        const exception = this.exceptions.get(`${id}|${original}`);
        const localStart = exception?.moved?.start ?? original;
        const localEnd =
          exception?.moved?.end ?? local(new Date(utc(original).getTime() + this.#durationMs(input)));
        list.push({
          key,
          person_id: input.person_id,
          kind: input.kind,
          status: exception?.status ?? 'planned',
          start: utc(localStart).toISOString(),
          end: utc(localEnd).toISOString(),
          local_start: localStart,
          local_end: localEnd,
          time_zone: input.time_zone,
          moved: Boolean(exception?.moved),
          recurring: input.recurrence !== null,
          cancellation: exception?.cancel
            ? { by: exception.cancel.by, reason: exception.cancel.reason, late: false, cancelled_at: '2026-03-02T09:00:00Z' }
            : null,
          conflict: false,
          conflicts_with: [],
          reminder: input.reminder,
          note: null,
        });
      }
    }
    for (const a of list) {
      for (const b of list) {
        if (a === b || a.status === 'cancelled' || b.status === 'cancelled') continue;
        if (a.start < b.end && b.start < a.end) {
          a.conflict = true;
          a.conflicts_with.push(b.key);
        }
      }
    }
    return list.sort((a, b) => a.start.localeCompare(b.start));
  }

  #find(key: OccurrenceKey): Occurrence {
    const found = this.all().find(
      (o) => o.key.series_id === key.series_id && o.key.original_start === key.original_start,
    );
    if (!found) throw { code: 'not_found', message: 'That session was not found.' };
    return found;
  }

  #conflictsOf(keys: OccurrenceKey[]): Conflict[] {
    const all = this.all();
    const conflicts: Conflict[] = [];
    for (const key of keys) {
      const o = all.find((x) => x.key.series_id === key.series_id && x.key.original_start === key.original_start);
      if (!o) continue;
      for (const otherKey of o.conflicts_with) {
        const other = all.find((x) => x.key === otherKey) as Occurrence;
        conflicts.push({
          occurrence: o.key,
          start: o.start,
          end: o.end,
          other: other.key,
          other_person_id: other.person_id,
          other_start: other.start,
          other_end: other.end,
        });
      }
    }
    return conflicts;
  }

  #change(ids: string[]) {
    const keys = this.all()
      .filter((o) => ids.includes(o.key.series_id))
      .map((o) => o.key);
    return {
      series: ids.map((id) => this.#seriesOut(id)),
      conflicts: this.#conflictsOf(keys),
      conflicts_checked_until: '2027-03-02T00:00:00Z',
      notes: [],
      dropped_exceptions: 0,
    };
  }

  #seriesOut(id: string) {
    const { input } = this.series.find((s) => s.id === id) as StoredSeries;
    return {
      id,
      person_id: input.person_id,
      kind: input.kind,
      time_zone: input.time_zone,
      start: input.start,
      duration_minutes: this.#durationMs(input) / 60_000,
      recurrence: input.recurrence,
      location: input.location,
      reminder: input.reminder,
      calendar_code: input.calendar_code,
      description: input.recurrence ? 'Repeating' : 'Once',
      first_start: utc(input.start).toISOString(),
      last_end: null,
      created_at: '2026-03-02T09:00:00Z',
      updated_at: '2026-03-02T09:00:00Z',
    };
  }

  #except(key: OccurrenceKey, change: (e: Exception) => void): Occurrence {
    this.#find(key);
    const id = `${key.series_id}|${key.original_start}`;
    const exception = this.exceptions.get(id) ?? { status: 'planned', moved: null, cancel: null };
    change(exception);
    this.exceptions.set(id, exception);
    return this.#find(key);
  }

  importPreview: ImportPreview = {
    items: [
      {
        index: 0,
        summary: 'Supervision with Sam',
        time_zone: 'Europe/London',
        start: '2026-04-14T10:00:00',
        end: '2026-04-14T11:00:00',
        first_start: '2026-04-14T09:00:00Z',
        recurrence: null,
        description: 'Monthly on the 2nd Tuesday',
        cancelled: 0,
        moved: 0,
        notes: [],
      },
    ],
    skipped: [{ summary: 'Team lunch', reason: 'All-day events are not sessions.' }],
    notes: ['Times were read in Europe/London.'],
  };

  extension: Extension = (cmd: string, args: Args, backend) => {
    switch (cmd) {
      case 'schedule_preview': {
        const input = args.input as SeriesInput;
        const starts = expand(input, 100);
        return {
          first_local_start: starts[0] ?? input.start,
          description: input.recurrence ? `Repeats (${input.recurrence.pattern.type})` : 'Once',
          occurrences: starts.map((start) => ({
            start: utc(start).toISOString(),
            end: new Date(utc(start).getTime() + this.#durationMs(input)).toISOString(),
            local_start: start,
            local_end: local(new Date(utc(start).getTime() + this.#durationMs(input))),
            note: null,
          })),
          truncated: false,
          notes: [],
        };
      }
      case 'schedule_people':
        return schedulePeople(backend);
      case 'schedule_defaults':
        return scheduleDefaults(backend, args, this.agreementInForce);
      case 'schedule_create':
        return this.#change([this.seed(args.input as SeriesInput)]);
      case 'schedule_create_phased':
        return this.#change([this.seed(args.input as SeriesInput)]);
      case 'schedule_series_get':
        return this.#seriesOut(String(args.id));
      case 'schedule_series_delete':
        this.series = this.series.filter((s) => s.id !== args.id);
        return null;
      case 'schedule_occurrences': {
        const from = String(args.from);
        const to = String(args.to);
        const occurrences = this.all().filter(
          (o) =>
            o.end > new Date(from).toISOString() &&
            o.start < new Date(to).toISOString() &&
            (args.personId === null || o.person_id === args.personId),
        );
        return { occurrences, truncated: false, damaged_series: [], damaged_sessions: [], notes: [] };
      }
      case 'schedule_upcoming':
        return this.all()
          .filter((o) => o.status !== 'cancelled' && o.end > '2026-03-02T09:00:00Z')
          .slice(0, Number(args.count));
      case 'schedule_move': {
        const key = args.key as OccurrenceKey;
        const occurrence = this.#except(key, (e) => {
          e.moved = args.to as SessionTime;
        });
        return { occurrence, conflicts: this.#conflictsOf([key]), notes: [] };
      }
      case 'schedule_cancel':
        return this.#except(args.key as OccurrenceKey, (e) => {
          e.status = 'cancelled';
          e.cancel = args.input as CancelInput;
        });
      case 'schedule_set_status':
        return this.#except(args.key as OccurrenceKey, (e) => {
          e.status = args.status as SessionStatus;
        });
      case 'schedule_occurrence_reset': {
        const key = args.key as OccurrenceKey;
        this.exceptions.delete(`${key.series_id}|${key.original_start}`);
        return this.#find(key);
      }
      case 'ics_export_save':
        // Rust asks where to save; null when the person cancelled.
        return { ics: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n', series: this.series.length, damaged: [], damaged_sessions: [] };
      case 'ics_import_preview': {
        // Rust asks for the file and keeps its text under a new token; any
        // earlier file is dropped first.
        this.importFile = null;
        const token = `import-${this.#next++}`;
        this.importFile = { token, options: structuredClone(args.options as ImportOptions) };
        return { token, preview: structuredClone(this.importPreview) };
      }
      case 'ics_import_commit': {
        const commit = args.commit as ImportCommit;
        const file = this.importFile;
        if (file === null || file.token !== args.token) {
          throw invalid('This calendar file is no longer open for import. Choose the file again.');
        }
        if (JSON.stringify(commit.options) !== JSON.stringify(file.options)) {
          throw invalid("The import options differ from the preview's. Preview the file again.");
        }
        if (!backend.people.some((p) => p.id === commit.person_id)) {
          // Refused: the file stays open for another try.
          throw { code: 'not_found', message: 'That person was not found. It may have been deleted.' } satisfies AppError;
        }
        const item = this.importPreview.items[0];
        const id = this.seed({
          person_id: commit.person_id,
          kind: commit.kind,
          time_zone: item.time_zone,
          start: item.start,
          end: item.end,
          recurrence: item.recurrence,
          location: '',
          reminder: { type: 'default' },
          calendar_code: '',
        });
        this.importFile = null;
        return { created: this.#change([id]), skipped: this.importPreview.skipped };
      }
      case 'lock':
        // Any lock drops the file kept for import (the lock itself is the backend's).
        this.importFile = null;
        return UNHANDLED;
      default:
        return UNHANDLED;
    }
  };
}
