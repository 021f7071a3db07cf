// The fake of `schedule_people` and `schedule_defaults`, mirroring
// crates/core/src/schedule/who.rs: who can have which kinds of session (from
// the stored record, never a plaintext column), and what a new series
// starts from (the agreement in force). Used by FakeSchedule.

import type {
  AgreementContent,
  AppError,
  PersonKind,
  Relation,
  SchedulablePerson,
  ScheduleDefaults,
  SessionKind,
  Weekday,
} from '../lib/bindings';
import type { FakeBackend } from './fakeBackend';

/** The agreement in force with someone: its content and version. */
export type InForce = { content: AgreementContent; version: number } | null;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAYS: Weekday[] = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** Rust's `DEFAULT_DURATION_MINUTES` and `DEFAULT_NOTICE_HOURS`. */
const DEFAULT_DURATION_MINUTES = 60;
const DEFAULT_NOTICE_HOURS = 24;

/** Rust's `session_kinds_for`. */
export function sessionKindsFor(kind: PersonKind, relation: Relation): SessionKind[] {
  if (kind === 'organisation' || (kind === 'person' && relation === 'none')) return [];
  return kind === 'person' ? ['individual', 'peer', 'coaching'] : ['group', 'peer'];
}

function requireUnlocked(backend: FakeBackend): void {
  if (backend.state !== 'unlocked') {
    throw { code: 'locked', message: 'Confidant is locked. Unlock it to continue.' } satisfies AppError;
  }
}

/** `schedule_people`: the people list (by name) less archived, damaged and unschedulable records. */
export function schedulePeople(backend: FakeBackend): SchedulablePerson[] {
  requireUnlocked(backend);
  return backend.people
    .filter((p) => !p.archived && !backend.damaged.has(p.id))
    .sort((a, b) => a.fields.name.toLowerCase().localeCompare(b.fields.name.toLowerCase()) || a.id.localeCompare(b.id))
    .map((p) => ({
      person_id: p.id,
      name: p.fields.name,
      person_kind: p.fields.kind,
      relation: p.fields.relation,
      session_kinds: sessionKindsFor(p.fields.kind, p.fields.relation),
    }))
    .filter((p) => p.session_kinds.length > 0);
}

/** Rust's `defaults_from_agreement`. */
export function defaultsFromAgreement(agreement: InForce, firstDate: string): ScheduleDefaults {
  if (agreement === null) {
    return {
      duration_minutes: DEFAULT_DURATION_MINUTES,
      recurrence: null,
      notice_hours: DEFAULT_NOTICE_HOURS,
      agreement_version: null,
      note: null,
    };
  }
  const { content, version } = agreement;
  const weekday = DAYS[new Date(`${firstDate}T00:00:00Z`).getUTCDay()];
  const nth = Math.floor((Number(firstDate.slice(8, 10)) - 1) / 7) + 1;
  const recurrence =
    content.frequency === 'monthly'
      ? { pattern: { type: 'monthly_by_weekday' as const, week: nth >= 5 ? -1 : nth, weekday }, interval: 1 }
      : {
          pattern: { type: 'weekly' as const, weekdays: [weekday] },
          interval: content.frequency === 'fortnightly' ? 2 : 1,
        };
  return {
    duration_minutes: content.session_minutes,
    recurrence: { ...recurrence, end: { type: 'never' } },
    notice_hours: content.cancellation_notice_hours,
    agreement_version: version,
    note: `Length and frequency from the agreement (version ${version}).`,
  };
}

/** `schedule_defaults`, with the agreement in force looked up by `inForce`. */
export function scheduleDefaults(
  backend: FakeBackend,
  args: Record<string, unknown>,
  inForce: (personId: string) => InForce,
): ScheduleDefaults {
  const firstDate = args.firstDate;
  if (typeof firstDate !== 'string' || !DAY.test(firstDate) || Number.isNaN(Date.parse(firstDate))) {
    throw 'invalid args `firstDate` for command `schedule_defaults`: input contains invalid characters';
  }
  const raw = args.personId;
  if (typeof raw !== 'string' || !UUID.test(raw.trim())) {
    throw { code: 'invalid_input', message: "That person's id is not valid." } satisfies AppError;
  }
  const personId = raw.trim().toLowerCase();
  requireUnlocked(backend);
  if (!backend.people.some((p) => p.id === personId)) {
    throw { code: 'not_found', message: 'That person was not found. It may have been deleted.' } satisfies AppError;
  }
  return defaultsFromAgreement(inForce(personId), firstDate);
}
