// Supervision agreements: the versions with one person, the version open in
// the editor (a draft's sections are edited here until saved), and the
// agreements due for review on Today.

import * as api from '../api';
import * as agreementsApi from '../api/agreements';
import type {
  Acknowledgement,
  AcknowledgementInput,
  Agreement,
  AgreementContent,
  AgreementStatus,
  AgreementSummary,
  AppError,
  Delivery,
  Frequency,
  PartyRole,
  ReviewDue,
  SupervisionFormat,
} from '../bindings';
import { invalidInput } from '../errors';
import { AGREEMENT_NOTICE_HOURS, AGREEMENT_SESSION_MINUTES, REVIEW_WINDOW_DAYS } from '../limits';
import { formatDay } from '../datetime';
import { forgetOnLock } from './onLock';

export const SESSION_MINUTES = AGREEMENT_SESSION_MINUTES;
export const NOTICE_HOURS = AGREEMENT_NOTICE_HOURS;
/** How far ahead Today looks for reviews. */
export { REVIEW_WINDOW_DAYS };

export const FREQUENCY_LABELS: Record<Frequency, string> = {
  weekly: 'Weekly',
  fortnightly: 'Fortnightly',
  monthly: 'Monthly',
};

export const FORMAT_LABELS: Record<SupervisionFormat, string> = {
  individual: 'Individual',
  group: 'Group',
  peer: 'Peer',
};

export const DELIVERY_LABELS: Record<Delivery, string> = {
  in_person: 'In person',
  video: 'Video',
  phone: 'Phone',
};

export const DELIVERY_ORDER: readonly Delivery[] = ['in_person', 'video', 'phone'];

export const PARTY_ROLE_LABELS: Record<PartyRole, string> = {
  supervisor: 'Supervisor',
  supervisee: 'Supervisee',
  facilitator: 'Facilitator',
  member: 'Member',
};

export const STATUS_LABELS: Record<AgreementStatus, string> = {
  draft: 'Draft',
  acknowledged: 'Acknowledged',
  superseded: 'Superseded',
};

/** The vault owner's party id in every agreement. */
export const OWNER_PARTY_ID = 'owner';

export type FieldKind =
  | 'line'
  | 'text'
  | 'frequency'
  | 'minutes'
  | 'format'
  | 'delivery'
  | 'hours'
  | 'date';

export type ContentKey = Exclude<keyof AgreementContent, 'parties'>;

export interface FieldSpec {
  key: ContentKey;
  label: string;
  kind: FieldKind;
  hint?: string;
}

export interface FieldGroup {
  id: string;
  title: string;
  fields: FieldSpec[];
}

/** Every section of an agreement but the parties, grouped under headings. */
export const FIELD_GROUPS: readonly FieldGroup[] = [
  {
    id: 'purpose',
    title: 'Purpose and model',
    fields: [
      { key: 'title', label: 'Title', kind: 'line' },
      { key: 'purpose', label: 'Purpose of supervision', kind: 'text' },
      { key: 'model', label: 'Model of supervision', kind: 'text' },
      {
        key: 'functions',
        label: 'Functions (normative, formative, restorative)',
        kind: 'text',
      },
      { key: 'learning_goals', label: 'Learning goals', kind: 'text' },
    ],
  },
  {
    id: 'sessions',
    title: 'Sessions',
    fields: [
      { key: 'frequency', label: 'Frequency', kind: 'frequency' },
      {
        key: 'session_minutes',
        label: 'Session length (minutes)',
        kind: 'minutes',
        hint: `From ${SESSION_MINUTES.min} to ${SESSION_MINUTES.max} minutes.`,
      },
      { key: 'frequency_notes', label: 'Frequency and booking', kind: 'text' },
      { key: 'format', label: 'Format', kind: 'format' },
      { key: 'delivery', label: 'How sessions take place', kind: 'delivery' },
      { key: 'location', label: 'Location', kind: 'text' },
      {
        key: 'availability',
        label: 'Availability and emergency contact between sessions',
        kind: 'text',
      },
    ],
  },
  {
    id: 'methods',
    title: 'Methods and evaluation',
    fields: [
      {
        key: 'methods',
        label: 'Methods (case discussion, direct observation, recordings)',
        kind: 'text',
      },
      { key: 'evaluation', label: 'Evaluation and sign-off authority', kind: 'text' },
      { key: 'supervisor_roles', label: 'Roles of more than one supervisor', kind: 'text' },
      { key: 'informing_clients', label: 'How clients are told about supervision', kind: 'text' },
    ],
  },
  {
    id: 'fees',
    title: 'Fees and cancellation',
    fields: [
      { key: 'fees', label: 'Fees', kind: 'text' },
      { key: 'invoicing_party', label: 'Invoicing party', kind: 'line' },
      {
        key: 'cancellation_notice_hours',
        label: 'Notice to cancel without charge (hours)',
        kind: 'hours',
        hint: `From ${NOTICE_HOURS.min} to ${NOTICE_HOURS.max} hours (two weeks).`,
      },
      { key: 'late_cancellation_fee', label: 'Late-cancellation fee', kind: 'line' },
      { key: 'cancellation_policy', label: 'Cancellation policy', kind: 'text' },
    ],
  },
  {
    id: 'records',
    title: 'Records, ethics and confidentiality',
    fields: [
      { key: 'record_keeping', label: 'Record keeping and retention', kind: 'text' },
      { key: 'ethics_and_insurance', label: 'Ethics code and insurance', kind: 'text' },
      { key: 'confidentiality', label: 'Confidentiality', kind: 'text' },
      {
        key: 'confidentiality_exceptions',
        label: 'Exceptions to confidentiality',
        kind: 'text',
      },
      { key: 'exception_handling', label: 'How an exception is handled', kind: 'text' },
      {
        key: 'concerns_and_disagreements',
        label: 'Raising ethical concerns and disagreements',
        kind: 'text',
      },
    ],
  },
  {
    id: 'review',
    title: 'Review, ending and dates',
    fields: [
      { key: 'review_and_ending', label: 'Review, ending and notice', kind: 'text' },
      {
        key: 'effective_date',
        label: 'Effective date',
        kind: 'date',
        hint: 'Supervision before this date does not count towards hours.',
      },
      { key: 'review_date', label: 'Review date', kind: 'date' },
    ],
  },
];

/** Today as "YYYY-MM-DD" in the computer's time zone. */
export function todayIso(date: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** How a party is named in the UI: "you" for the owner, else their name or role. */
export function partyName(agreement: Agreement, partyId: string): string {
  if (partyId === OWNER_PARTY_ID) return 'you';
  const party = agreement.content.parties.find((p) => p.party_id === partyId);
  if (party === undefined) return 'a party';
  return party.name || `the ${PARTY_ROLE_LABELS[party.role].toLowerCase()}`;
}

function possessive(name: string): string {
  if (name === 'you') return 'your';
  return name.endsWith('s') ? `${name}'` : `${name}'s`;
}

function joinNames(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * How one acknowledgement came about. Every acknowledgement is recorded in
 * this app by its owner: their own reads "acknowledged by you", anyone
 * else's "recorded by you for Sam Carter" (until parties can acknowledge
 * for themselves).
 */
export function acknowledgementLine(agreement: Agreement, ack: Acknowledgement): string {
  const on = `on ${formatDay(ack.date)}`;
  if (ack.party_id === OWNER_PARTY_ID) return `acknowledged by you ${on}`;
  if (ack.via_packet !== null) {
    return `acknowledged by ${partyName(agreement, ack.party_id)} in their own app ${on}, received in a packet`;
  }
  return `recorded by you for ${partyName(agreement, ack.party_id)} ${on}`;
}

/** One line on where a version stands, e.g. "Draft — awaiting Sam's acknowledgement". */
export function statusLine(agreement: Agreement): string {
  const prefix = `Version ${agreement.version}`;
  if (agreement.status === 'draft') {
    const names = agreement.awaiting.map((id) => partyName(agreement, id));
    if (names.length === 1) return `${prefix} draft — awaiting ${possessive(names[0])} acknowledgement`;
    return `${prefix} draft — awaiting acknowledgements from ${joinNames(names)}`;
  }
  const acks = agreement.acknowledgements.map((a) => acknowledgementLine(agreement, a)).join('; ');
  if (agreement.status === 'superseded') return `${prefix} — superseded (${acks})`;
  return `${prefix} — in force: ${acks}`;
}

/** A check made before saving; Rust checks everything again. */
export function checkContent(content: AgreementContent): AppError | null {
  const minutes = content.session_minutes;
  if (!Number.isInteger(minutes) || minutes < SESSION_MINUTES.min || minutes > SESSION_MINUTES.max) {
    return invalidInput(
      `Enter a session length in whole minutes from ${SESSION_MINUTES.min} to ${SESSION_MINUTES.max}.`,
    );
  }
  const hours = content.cancellation_notice_hours;
  if (!Number.isInteger(hours) || hours < NOTICE_HOURS.min || hours > NOTICE_HOURS.max) {
    return invalidInput(
      `Enter a cancellation notice in whole hours from ${NOTICE_HOURS.min} to ${NOTICE_HOURS.max}.`,
    );
  }
  if (content.delivery.length === 0) {
    return invalidInput('Choose at least one way of meeting: in person, video or phone.');
  }
  return null;
}

function snapshot(content: AgreementContent): string {
  return JSON.stringify(content);
}

/** Where the editor was opened from, so each place shows it in its own slot. */
export type EditorPlace = 'person' | 'today';

export class AgreementsStore {
  /** The person whose versions are listed. */
  personId = $state<string | null>(null);
  versions = $state<AgreementSummary[]>([]);
  /** The newest version that opens, for the status line. */
  latest = $state<Agreement | null>(null);
  /** The version in force, when the newest one is a draft revising it. */
  inForce = $state<Agreement | null>(null);
  loaded = $state(false);
  loading = $state(false);
  loadError = $state<AppError | null>(null);

  /** The version open in the editor. */
  opened = $state<Agreement | null>(null);
  place = $state<EditorPlace>('person');
  /** The draft's sections as edited (null when read-only or closed). */
  content = $state<AgreementContent | null>(null);
  #initial = $state('');
  busy = $state(false);
  error = $state<AppError | null>(null);
  /** What the last action did, for a status message. */
  notice = $state('');
  /** What to do once the user agrees to drop unsaved changes; the question is open while set. */
  pendingLeave = $state.raw<(() => void) | null>(null);

  reviews = $state<ReviewDue[]>([]);
  reviewsError = $state<AppError | null>(null);

  dirty = $derived(this.content !== null && snapshot(this.content) !== this.#initial);
  editable = $derived(this.opened?.status === 'draft');

  #generation = 0;
  #loadSeq = 0;

  /** Lists a person's versions and opens the newest one (and the one in force) for the status. */
  async load(personId: string): Promise<void> {
    const generation = this.#generation;
    const seq = ++this.#loadSeq;
    const current = () => generation === this.#generation && seq === this.#loadSeq;
    if (this.personId !== personId) {
      this.versions = [];
      this.latest = null;
      this.inForce = null;
      this.loaded = false;
    }
    this.personId = personId;
    this.loading = true;
    this.loadError = null;
    try {
      const versions = await agreementsApi.agreementList(personId);
      const newest = versions[0];
      const inForce = versions.find((v) => v.status === 'acknowledged');
      const open = async (summary: AgreementSummary | undefined) =>
        summary === undefined || summary.damaged ? null : agreementsApi.agreementGet(summary.id);
      const latest = await open(newest);
      const force = inForce !== undefined && inForce !== newest ? await open(inForce) : null;
      if (!current()) return;
      this.versions = versions;
      this.latest = latest;
      this.inForce = force;
      this.loaded = true;
    } catch (reason) {
      if (current()) this.loadError = api.toAppError(reason);
    } finally {
      if (current()) this.loading = false;
    }
  }

  /** Drafts version 1 from the template and opens it. */
  start(personId: string): void {
    this.leave(() => {
      void this.#act(async () => {
        const agreement = await agreementsApi.agreementStart(personId);
        this.#show(agreement, 'person');
        await this.load(personId);
      });
    });
  }

  /** Opens a version: a draft to edit, anything else read-only. */
  openVersion(id: string, place: EditorPlace = 'person'): void {
    this.leave(() => {
      void this.#act(async () => {
        this.#show(await agreementsApi.agreementGet(id), place);
      });
    });
  }

  /** Closes the editor (asking first when there are unsaved changes). */
  close(): void {
    this.leave(() => this.#close());
  }

  /**
   * Runs `then` once the editor holds nothing unsaved: straight away, or
   * after the user agrees to drop their changes (`confirmLeave`).
   */
  leave(then: () => void): void {
    if (this.busy || this.pendingLeave !== null) return;
    if (this.dirty) {
      this.pendingLeave = then;
      return;
    }
    then();
  }

  confirmLeave(): void {
    const then = this.pendingLeave;
    this.pendingLeave = null;
    if (this.opened !== null && this.content !== null) this.content = $state.snapshot(this.opened.content);
    this.#initial = this.content === null ? '' : snapshot(this.content);
    then?.();
  }

  keepEditing(): void {
    this.pendingLeave = null;
  }

  /** Saves the draft's sections. False when a check or Rust refused them (see `error`). */
  async save(): Promise<boolean> {
    const opened = this.opened;
    const content = this.content;
    if (opened === null || content === null) return false;
    const problem = checkContent(content);
    if (problem !== null) {
      this.error = problem;
      this.notice = '';
      return false;
    }
    return this.#act(async () => {
      const saved = await agreementsApi.agreementUpdate(opened.id, $state.snapshot(content));
      const withdrawn = opened.acknowledgements.length > 0 && saved.acknowledgements.length === 0;
      this.#show(saved, this.place);
      this.notice = withdrawn
        ? 'Saved. The text changed, so the acknowledgements already given were withdrawn.'
        : 'Saved.';
      await this.#refresh(saved.person_id);
    });
  }

  /** Records one party's acknowledgement of the open draft. */
  async acknowledge(input: AcknowledgementInput): Promise<boolean> {
    const opened = this.opened;
    if (opened === null) return false;
    return this.#act(async () => {
      const agreement = await agreementsApi.agreementAcknowledge(opened.id, input);
      this.#show(agreement, this.place);
      this.notice =
        agreement.status === 'acknowledged'
          ? `Every party's acknowledgement is recorded. Version ${agreement.version} is now in force and read-only.`
          : `Acknowledgement recorded for ${partyName(agreement, input.party_id)}.`;
      await this.#refresh(agreement.person_id);
    });
  }

  /** Starts the next version as a draft copied from the open one. */
  async revise(): Promise<boolean> {
    const opened = this.opened;
    if (opened === null) return false;
    return this.#act(async () => {
      const draft = await agreementsApi.agreementRevise(opened.id);
      this.#show(draft, this.place);
      this.notice = `Version ${draft.version} started as a draft. Version ${opened.version} stays in force until every party acknowledges the new one.`;
      await this.#refresh(draft.person_id);
    });
  }

  /** Deletes the open draft and closes the editor. */
  async discardDraft(): Promise<boolean> {
    const opened = this.opened;
    if (opened === null) return false;
    return this.#act(async () => {
      await agreementsApi.agreementDiscardDraft(opened.id);
      this.#close();
      await this.#refresh(opened.person_id);
    });
  }

  /**
   * Saves the open version as PDF where the person chooses (Rust asks);
   * a cancelled dialog changes nothing and says nothing.
   */
  async savePdf(): Promise<boolean> {
    const opened = this.opened;
    if (opened === null) return false;
    return this.#act(async () => {
      const saved = await agreementsApi.agreementSavePdf(opened.id);
      if (saved) this.notice = `Saved version ${opened.version} as PDF.`;
    });
  }

  /** Loads the agreements due for review within `REVIEW_WINDOW_DAYS`. */
  async loadReviews(): Promise<void> {
    const generation = this.#generation;
    try {
      const reviews = await agreementsApi.agreementsDueForReview(REVIEW_WINDOW_DAYS);
      if (generation !== this.#generation) return;
      this.reviews = reviews;
      this.reviewsError = null;
    } catch (reason) {
      if (generation === this.#generation) this.reviewsError = api.toAppError(reason);
    }
  }

  /** Forgets everything, including decrypted agreement text. Late answers are ignored. */
  reset(): void {
    this.#generation += 1;
    this.#loadSeq += 1;
    this.personId = null;
    this.versions = [];
    this.latest = null;
    this.inForce = null;
    this.loaded = false;
    this.loading = false;
    this.loadError = null;
    this.reviews = [];
    this.reviewsError = null;
    this.#close();
  }

  async #refresh(personId: string): Promise<void> {
    if (this.personId === personId) await this.load(personId);
  }

  /** Runs one action: busy while it runs, its error in `error`; late answers dropped. */
  async #act(action: () => Promise<void>): Promise<boolean> {
    if (this.busy) return false;
    const generation = this.#generation;
    this.busy = true;
    this.error = null;
    this.notice = '';
    try {
      await action();
      return generation === this.#generation;
    } catch (reason) {
      if (generation === this.#generation) this.error = api.toAppError(reason);
      return false;
    } finally {
      if (generation === this.#generation) this.busy = false;
    }
  }

  #show(agreement: Agreement, place: EditorPlace): void {
    this.opened = agreement;
    this.place = place;
    this.content = agreement.status === 'draft' ? structuredClone(agreement.content) : null;
    this.#initial = this.content === null ? '' : snapshot(this.content);
  }

  #close(): void {
    this.opened = null;
    this.content = null;
    this.#initial = '';
    this.busy = false;
    this.error = null;
    this.notice = '';
    this.pendingLeave = null;
  }
}

/** The app's one agreements store. */
export const agreements = new AgreementsStore();
forgetOnLock(() => agreements.reset());
