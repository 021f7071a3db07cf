// A stand-in for the agreement commands (and `set_profile`), plugged into
// `FakeBackend` with `extend`. It follows crates/core/src/agreements.rs: one
// draft per person, parties fixed, editing a draft's text withdraws the
// acknowledgements, the last acknowledgement makes a version read-only and
// supersedes the one before, and only drafts can be discarded.

import type {
  AcknowledgementInput,
  Agreement,
  AgreementContent,
  AgreementStatus,
  AgreementSummary,
  AppError,
  Party,
  PartyDetails,
  PartyRole,
  Person,
  ReviewDue,
} from '../lib/bindings';
import { LIMITS } from '../lib/bindings';
import { UNHANDLED, type Args, type FakeBackend } from './fakeBackend';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MAX_SECTION_BYTES = LIMITS.agreement_section_bytes;
const OWNER = 'owner';

const CONTENT_KEYS: (keyof AgreementContent)[] = [
  'title', 'parties', 'purpose', 'model', 'functions', 'learning_goals', 'frequency',
  'session_minutes', 'frequency_notes', 'format', 'delivery', 'location', 'availability',
  'methods', 'evaluation', 'supervisor_roles', 'informing_clients', 'fees', 'invoicing_party',
  'cancellation_notice_hours', 'late_cancellation_fee', 'cancellation_policy', 'record_keeping',
  'ethics_and_insurance', 'confidentiality', 'confidentiality_exceptions', 'exception_handling',
  'concerns_and_disagreements', 'review_and_ending', 'effective_date', 'review_date',
];

const SECTION_NAMES: Partial<Record<keyof AgreementContent, string>> = {
  purpose: 'The purpose section',
  model: 'The model section',
  functions: 'The functions section',
  learning_goals: 'The learning goals section',
  frequency_notes: 'The frequency section',
  location: 'The location section',
  availability: 'The availability section',
  methods: 'The methods section',
  evaluation: 'The evaluation section',
  supervisor_roles: "The supervisors' roles section",
  informing_clients: 'The informing clients section',
  fees: 'The fees section',
  cancellation_policy: 'The cancellation section',
  record_keeping: 'The record keeping section',
  ethics_and_insurance: 'The ethics and insurance section',
  confidentiality: 'The confidentiality section',
  confidentiality_exceptions: 'The exceptions to confidentiality section',
  exception_handling: 'The handling of exceptions section',
  concerns_and_disagreements: 'The concerns and disagreements section',
  review_and_ending: 'The review and ending section',
};

const PARTIES_FIXED =
  'The parties to an agreement cannot be added or removed; they come from the people records. Start a new draft to pick up changes.';

function invalid(message: string): AppError {
  return { code: 'invalid_input', message };
}

function readOnly(status: AgreementStatus): AppError {
  return {
    code: 'read_only',
    message:
      status === 'superseded'
        ? 'This version of the agreement has been superseded and is read-only.'
        : 'This version of the agreement is in force and read-only. Revise it to make changes in a new version.',
  };
}

function parseId(what: string, id: unknown): string {
  if (typeof id !== 'string' || !UUID.test(id.trim())) throw invalid(`${what} id is not valid.`);
  return id.trim().toLowerCase();
}

function short(what: string, value: string, maxChars: number): string {
  const v = value.trim();
  if (Array.from(v).length > maxChars) throw invalid(`${what} is too long (at most ${maxChars} characters).`);
  if (/[\u0000-\u001f\u007f-\u009f]/.test(v)) throw invalid(`${what} contains control characters.`);
  return v;
}

function section(what: string, value: string): string {
  const bytes = new TextEncoder().encode(value).length;
  if (bytes > MAX_SECTION_BYTES) {
    throw {
      code: 'too_large',
      message: `${what} is too large (${bytes} bytes); the limit is ${MAX_SECTION_BYTES} bytes.`,
    } satisfies AppError;
  }
  const v = value.replace(/\r\n?/g, '\n');
  if (/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.test(v)) throw invalid(`${what} contains control characters.`);
  return v.trim();
}

function details(d: PartyDetails): PartyDetails {
  return {
    name: short("A party's name", d.name, 200),
    professional_role: short("A party's professional role", d.professional_role, 200),
    organisation: short("A party's organisation", d.organisation, 200),
    licence_number: short("A party's licence number", d.licence_number, 80),
    licence_body: short("A party's licensing body", d.licence_body, 200),
  };
}

function checkDate(what: string, date: string | null): void {
  if (date === null) return;
  const year = Number(date.slice(0, 4));
  if (year < 1900 || year > 2200) throw invalid(`${what} must be between the years 1900 and 2200.`);
}

function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Tauri's deserialisation of `AgreementContent`: a missing or mistyped field is a plain string. */
function deserialiseContent(value: unknown): AgreementContent {
  const fail = (detail: string) => `invalid args \`content\` for command \`agreement_update\`: ${detail}`;
  if (typeof value !== 'object' || value === null) throw fail('expected struct AgreementContent');
  const c = value as Record<string, unknown>;
  for (const key of CONTENT_KEYS) if (!(key in c)) throw fail(`missing field \`${key}\``);
  const u32 = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0;
  if (!u32(c.session_minutes) || !u32(c.cancellation_notice_hours)) throw fail('expected u32');
  if (!['weekly', 'fortnightly', 'monthly'].includes(c.frequency as string)) throw fail('frequency');
  if (!['individual', 'group', 'peer'].includes(c.format as string)) throw fail('format');
  if (!Array.isArray(c.delivery) || !c.delivery.every((d) => ['in_person', 'video', 'phone'].includes(d))) {
    throw fail('delivery');
  }
  const isDay = (v: unknown) => v === null || (typeof v === 'string' && DAY.test(v) && !Number.isNaN(Date.parse(v)));
  if (!isDay(c.effective_date) || !isDay(c.review_date)) throw fail('input contains invalid date');
  if (!Array.isArray(c.parties)) throw fail('parties');
  // Agreements stored before the structured fee read as "no fee set".
  if (!('fee' in c)) c.fee = { amount_minor: null, currency: '', basis: 'per_session', late_cancellation_percent: 0 };
  return structuredClone(c) as unknown as AgreementContent;
}

// Rust's `Fee::normalised`, message for message.
function normaliseFee(fee: AgreementContent['fee']): AgreementContent['fee'] {
  const currency = fee.currency.trim().toUpperCase();
  if (currency !== '' && !/^[A-Z]{3}$/.test(currency)) {
    throw invalid('The currency must be a three-letter ISO 4217 code, such as GBP, EUR or USD.');
  }
  if (fee.amount_minor !== null && currency === '') {
    throw invalid('The fee has no currency. Enter its three-letter code, such as GBP, EUR or USD.');
  }
  if (fee.late_cancellation_percent < 0 || fee.late_cancellation_percent > 100) {
    throw invalid('The late-cancellation charge must be between 0% and 100% of the session fee.');
  }
  return { ...fee, currency };
}

// Rust's `normalise_content`, message for message.
function normaliseContent(input: AgreementContent, fixed: Party[]): AgreementContent {
  const title = short('The title', input.title, 200);
  if (title === '') throw { code: 'empty', message: 'The title is empty. Write something first.' } satisfies AppError;
  if (input.parties.length !== fixed.length) throw invalid(PARTIES_FIXED);
  const parties = fixed.map((f): Party => {
    const matching = input.parties.filter((p) => p.party_id === f.party_id);
    if (matching.length === 0) throw invalid(PARTIES_FIXED);
    if (matching.length > 1) throw invalid('A party is listed twice.');
    if (matching[0].role !== f.role) throw invalid("A party's role in an agreement cannot be changed.");
    return { party_id: f.party_id, role: f.role, ...details(matching[0]) };
  });
  if (input.session_minutes < 15 || input.session_minutes > 480) {
    throw invalid('Sessions must last between 15 and 480 minutes.');
  }
  if (input.cancellation_notice_hours > 336) {
    throw invalid('The cancellation notice must be between 0 and 336 hours (two weeks).');
  }
  if (input.delivery.length === 0) throw invalid('Choose at least one way of meeting: in person, video or phone.');
  if (new Set(input.delivery).size !== input.delivery.length) throw invalid('A way of meeting is listed twice.');
  checkDate('The effective date', input.effective_date);
  checkDate('The review date', input.review_date);
  if (input.effective_date !== null && input.review_date !== null && input.review_date < input.effective_date) {
    throw invalid('The review date is before the effective date.');
  }
  const out = { ...input, title, parties } as AgreementContent;
  for (const [key, what] of Object.entries(SECTION_NAMES) as [keyof AgreementContent, string][]) {
    (out as Record<string, unknown>)[key] = section(what, input[key] as string);
  }
  out.invoicing_party = short('The invoicing party', input.invoicing_party, 500);
  out.fee = normaliseFee(input.fee);
  out.late_cancellation_fee = short('The late-cancellation fee', input.late_cancellation_fee, 500);
  return out;
}

export class FakeAgreements {
  /** Every version, as stored. */
  versions: Agreement[] = [];
  /** Ids of versions whose stored record fails its integrity check. */
  damaged = new Set<string>();
  /** "Today" (UTC) for dates: the acknowledgement date check and reviews. */
  today = new Date().toISOString().slice(0, 10);
  #backend: FakeBackend;
  #next = 1;
  #clock = Date.UTC(2026, 2, 2, 12, 0, 0);

  constructor(backend: FakeBackend) {
    this.#backend = backend;
    backend.extend((cmd, args) => this.#handle(cmd, args));
  }

  /** Adds a draft from the template for `personId`, as `agreement_start` does. */
  seedDraft(personId: string, changes: Partial<AgreementContent> = {}): Agreement {
    const draft = this.#start(personId);
    Object.assign(draft.content, changes);
    return structuredClone(draft);
  }

  /** Adds a version acknowledged by every party (dated `date`). */
  seedAcknowledged(personId: string, changes: Partial<AgreementContent> = {}, date = this.today): Agreement {
    const draft = this.#find(this.seedDraft(personId, changes).id);
    for (const party of draft.content.parties) {
      if (party.name === '') party.name = party.party_id === OWNER ? 'Dana Whitfield' : 'Unnamed';
      this.#acknowledge(draft, { party_id: party.party_id, typed_name: party.name, date });
    }
    return structuredClone(draft);
  }

  /** The agreement in force with `personId` (latest acknowledged), if any. */
  current(personId: string): Agreement | null {
    return (
      this.versions
        .filter((v) => v.person_id === personId && v.status === 'acknowledged')
        .sort((a, b) => b.version - a.version)[0] ?? null
    );
  }

  #handle(cmd: string, args: Args): unknown {
    switch (cmd) {
      case 'set_profile': {
        this.#requireUnlocked();
        this.#backend.settings.profile = details(args.profile as PartyDetails);
        return structuredClone(this.#backend.settings);
      }
      case 'agreement_start':
        return structuredClone(this.#start(parseId("That person's", args.personId)));
      case 'agreement_update': {
        const id = parseId("That agreement's", args.id);
        const raw = deserialiseContent(args.content);
        const agreement = this.#open(id);
        if (agreement.status !== 'draft') throw readOnly(agreement.status);
        const content = normaliseContent(raw, agreement.content.parties);
        if (JSON.stringify(content) !== JSON.stringify(agreement.content)) {
          agreement.acknowledgements = [];
        }
        agreement.content = content;
        agreement.awaiting = this.#awaiting(agreement);
        agreement.updated_at = this.#now();
        return structuredClone(agreement);
      }
      case 'agreement_acknowledge': {
        const id = parseId("That agreement's", args.id);
        const input = args.input as AcknowledgementInput;
        const typed = short('The typed name', String(input.typed_name ?? ''), 200);
        if (typed === '') throw { code: 'empty', message: 'The typed name is empty. Write something first.' } satisfies AppError;
        if (typeof input.date !== 'string' || !DAY.test(input.date)) {
          throw 'invalid args `input` for command `agreement_acknowledge`: input contains invalid date';
        }
        checkDate('The acknowledgement date', input.date);
        if (input.date > addDays(this.today, 1)) throw invalid('The acknowledgement date is in the future.');
        const agreement = this.#open(id);
        this.#acknowledge(agreement, { ...input, typed_name: typed });
        return structuredClone(agreement);
      }
      case 'agreement_revise': {
        const id = parseId("That agreement's", args.id);
        const current = this.#open(id);
        if (current.status === 'draft') {
          throw invalid('This version is still a draft: edit it rather than revising it.');
        }
        if (current.status === 'superseded') {
          throw invalid('This version has been superseded. Revise the current version instead.');
        }
        const person = this.#person(current.person_id);
        if (person.archived) {
          throw invalid('This person is archived. Restore them before drafting or revising an agreement.');
        }
        return structuredClone(this.#insertDraft(person.id, structuredClone(current.content)));
      }
      case 'agreement_discard_draft': {
        const id = parseId("That agreement's", args.id);
        this.#requireUnlocked();
        const agreement = this.#find(id);
        if (agreement.status !== 'draft') throw readOnly(agreement.status);
        this.versions = this.versions.filter((v) => v.id !== id);
        return null;
      }
      case 'agreement_get':
        return structuredClone(this.#open(parseId("That agreement's", args.id)));
      case 'agreement_current': {
        const personId = parseId("That person's", args.personId);
        this.#requireUnlocked();
        this.#person(personId);
        const current = this.current(personId);
        return current ? structuredClone(current) : null;
      }
      case 'agreement_list': {
        const personId = parseId("That person's", args.personId);
        this.#requireUnlocked();
        const person = this.#person(personId);
        return this.versions
          .filter((v) => v.person_id === personId)
          .sort((a, b) => b.version - a.version)
          .map((v): AgreementSummary => ({
            id: v.id,
            person_id: v.person_id,
            person_name: person.fields.name,
            version: v.version,
            status: v.status,
            created_at: v.created_at,
            updated_at: v.updated_at,
            effective_date: v.content.effective_date,
            review_date: v.content.review_date,
            damaged: this.damaged.has(v.id),
          }));
      }
      case 'agreements_due_for_review': {
        const within = args.withinDays as number;
        if (!Number.isInteger(within) || within < 0) throw 'invalid args `withinDays`: expected u32';
        if (within > 3660) throw invalid('Look ahead at most 3660 days.');
        this.#requireUnlocked();
        const cutoff = addDays(this.today, within);
        return this.versions
          .filter((v) => v.status === 'acknowledged' && v.content.review_date !== null)
          .filter((v) => v.content.review_date! <= cutoff && !this.#person(v.person_id).archived)
          .sort((a, b) => a.content.review_date!.localeCompare(b.content.review_date!) || a.id.localeCompare(b.id))
          .map((v): ReviewDue => ({
            agreement_id: v.id,
            person_id: v.person_id,
            person_name: this.#person(v.person_id).fields.name,
            version: v.version,
            review_date: v.content.review_date!,
            days_until_review: daysBetween(this.today, v.content.review_date!),
            damaged: this.damaged.has(v.id),
          }));
      }
      case 'agreement_save_pdf': {
        // Rust asks where to save; true when saved, false when cancelled.
        this.#open(parseId("That agreement's", args.id));
        return true;
      }
      default:
        return UNHANDLED;
    }
  }

  #requireUnlocked(): void {
    if (this.#backend.state !== 'unlocked') {
      throw { code: 'locked', message: 'Confidant is locked. Unlock it to continue.' } satisfies AppError;
    }
  }

  #now(): string {
    this.#clock += 60_000;
    return new Date(this.#clock).toISOString();
  }

  #person(id: string): Person {
    const person = this.#backend.people.find((p) => p.id === id);
    if (!person) throw { code: 'not_found', message: 'That person was not found. It may have been deleted.' } satisfies AppError;
    return person;
  }

  #find(id: string): Agreement {
    const agreement = this.versions.find((v) => v.id === id);
    if (!agreement) {
      throw { code: 'not_found', message: 'That agreement version was not found. It may have been deleted.' } satisfies AppError;
    }
    return agreement;
  }

  #open(id: string): Agreement {
    this.#requireUnlocked();
    const agreement = this.#find(id);
    if (this.damaged.has(id)) {
      throw { code: 'integrity', message: 'This agreement is damaged and cannot be opened: it failed its integrity check.' } satisfies AppError;
    }
    return agreement;
  }

  #awaiting(agreement: Agreement): string[] {
    return agreement.content.parties
      .map((p) => p.party_id)
      .filter((id) => !agreement.acknowledgements.some((a) => a.party_id === id));
  }

  #start(personId: string): Agreement {
    this.#requireUnlocked();
    const owner = details(this.#backend.settings.profile);
    const person = this.#person(personId);
    if (person.archived) {
      throw invalid('This person is archived. Restore them before drafting or revising an agreement.');
    }
    const f = person.fields;
    if (f.kind === 'organisation') {
      throw invalid('An agreement is made with a supervisee, a supervisor or a group, not an organisation.');
    }
    if (f.kind === 'person' && f.relation === 'none') {
      throw invalid('Mark this person as your supervisee or your supervisor before drafting an agreement.');
    }
    const them = (p: Person, role: PartyRole): Party => ({
      party_id: p.id,
      role,
      name: p.fields.name,
      professional_role: p.fields.professional_role,
      organisation:
        this.#backend.people.find((o) => o.id === p.fields.organisation_id)?.fields.name ?? '',
      licence_number: p.fields.licence_number,
      licence_body: p.fields.licence_body,
    });
    const me = (role: PartyRole): Party => ({ party_id: OWNER, role, ...owner });
    let parties: Party[];
    if (f.kind === 'group') {
      parties = [me('facilitator'), ...f.members.map((m) => them(this.#person(m), 'member'))];
    } else if (f.relation === 'i_supervise') {
      parties = [me('supervisor'), them(person, 'supervisee')];
    } else {
      parties = [them(person, 'supervisor'), me('supervisee')];
    }
    const group = f.kind === 'group';
    const content: AgreementContent = {
      title: group ? 'Group supervision agreement' : 'Clinical supervision agreement',
      parties,
      purpose: 'This agreement sets out how the parties will work together in clinical supervision.',
      model: 'Supervision follows a reflective, developmental model.',
      functions: 'Supervision serves three functions: normative, formative and restorative.',
      learning_goals: 'Learning goals are agreed in the first session and reviewed regularly.',
      frequency: 'monthly',
      session_minutes: 60,
      frequency_notes: 'Sessions are booked in advance.',
      format: group ? 'group' : 'individual',
      delivery: ['in_person', 'video'],
      location: 'In person at the supervisor’s office, or by secure video.',
      availability: 'Between sessions, contact the supervisor by phone in an emergency.',
      methods: 'Case discussion; direct observation; recordings only with written client consent.',
      evaluation: 'Progress is reviewed every six months; the supervisor signs off hours.',
      supervisor_roles: 'There is one supervisor.',
      informing_clients: 'Clients are told that their work is discussed in supervision.',
      fees: 'No fee.',
      fee: { amount_minor: null, currency: '', basis: 'per_session', late_cancellation_percent: 0 },
      invoicing_party: '',
      cancellation_notice_hours: 24,
      late_cancellation_fee: '',
      cancellation_policy: 'Sessions cancelled with less notice count as held.',
      record_keeping: 'Each party keeps a brief record of every session for seven years.',
      ethics_and_insurance: 'Both parties follow their professional ethics code and hold insurance.',
      confidentiality: 'What is discussed in supervision is confidential.',
      confidentiality_exceptions:
        'Disclosure without consent only to prevent serious, foreseeable and imminent harm to a client or the public; only the minimum necessary.',
      exception_handling: 'An exception is discussed with the supervisee first where it is safe to do so.',
      concerns_and_disagreements: 'Concerns are raised in supervision first.',
      review_and_ending: 'The agreement is reviewed once a year; either party may end it with a month’s notice.',
      effective_date: this.today,
      review_date: addDays(this.today, 365),
    };
    return this.#insertDraft(personId, normaliseContent(content, parties));
  }

  #insertDraft(personId: string, content: AgreementContent): Agreement {
    const mine = this.versions.filter((v) => v.person_id === personId);
    if (mine.some((v) => v.status === 'draft')) {
      throw invalid('There is already a draft agreement with this person. Edit or discard it first.');
    }
    const time = this.#now();
    const n = this.#next++;
    const agreement: Agreement = {
      id: `00000000-0000-4000-a000-${String(n).padStart(12, '0')}`,
      person_id: personId,
      version: Math.max(0, ...mine.map((v) => v.version)) + 1,
      status: 'draft',
      created_at: time,
      updated_at: time,
      content,
      acknowledgements: [],
      awaiting: content.parties.map((p) => p.party_id),
    };
    this.versions.push(agreement);
    return agreement;
  }

  #acknowledge(agreement: Agreement, input: AcknowledgementInput): void {
    if (agreement.status !== 'draft') throw readOnly(agreement.status);
    const partyId = input.party_id.trim();
    const party = agreement.content.parties.find((p) => p.party_id === partyId);
    if (!party) throw invalid('That party is not named in this agreement.');
    if (agreement.acknowledgements.some((a) => a.party_id === partyId)) {
      throw invalid('That party has already acknowledged this version.');
    }
    if (agreement.content.parties.some((p) => p.name === '')) {
      throw invalid('Fill in the name of every party before acknowledging the agreement.');
    }
    const now = this.#now();
    agreement.acknowledgements.push({
      party_id: partyId,
      role: party.role,
      typed_name: input.typed_name,
      date: input.date,
      recorded_at: now,
      recorded_by_owner: partyId !== 'owner',
      via_packet: null,
    });
    agreement.awaiting = this.#awaiting(agreement);
    agreement.updated_at = now;
    if (agreement.awaiting.length === 0) {
      agreement.status = 'acknowledged';
      for (const v of this.versions) {
        if (v.person_id === agreement.person_id && v.status === 'acknowledged' && v.version < agreement.version) {
          v.status = 'superseded';
        }
      }
    }
  }
}
