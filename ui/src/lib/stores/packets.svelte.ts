// Packets between two vaults: this vault's identity card, the key stored on
// a person's record, sending a packet (Rust asks where to save it), opening
// one for import (Rust asks which file; it is read and checked, and its
// preview shown before anything is written), and the shared items kept
// under a person. The only caller of api/packets.

import * as packetsApi from '../api/packets';
import type { PacketOpen, SentPacket } from '../api/packets';
import type {
  AckTarget,
  AppError,
  IdentityCard,
  ImportOutcome,
  ItemBody,
  PacketPreview,
  PeerKey,
  SendCandidate,
  SendSource,
  SharedBand,
  SharedItem,
} from '../bindings';
import { invalidInput, toAppError } from '../errors';
import { forgetOnLock } from './onLock';

export type { PacketOpen, SentPacket };

/** A fingerprint as groups to read aloud. */
export function fingerprintGroups(fingerprint: string): string[] {
  return fingerprint.split(/[\s-]+/).filter((g) => g !== '');
}

export const BAND_LABELS: Record<SharedBand, string> = {
  low: 'Low',
  average: 'Average',
  high: 'High',
};

/** What a shared item is, in plain words. */
export function bodyKindLabel(body: ItemBody): string {
  switch (body.kind) {
    case 'journal_entry':
      return 'Journal entry';
    case 'extract':
      return 'Extract';
    case 'agenda_item':
      return 'Agenda item';
    case 'hours_count':
      return 'Hours count';
    case 'self_assessment':
      return 'Self-assessment';
    case 'acknowledgement':
      return 'Acknowledgement';
    case 'session_summary':
      return 'Session summary';
    case 'action_items':
      return 'Action items';
    case 'ack_request':
      return 'Request to acknowledge';
    case 'signed_hours':
      return 'Signed hours';
    case 'evaluation':
      return 'Evaluation';
    case 'proqol_bands':
      return 'ProQOL 5 bands';
  }
}

/** What an acknowledgement (or a request for one) is about. */
export function ackTargetLabel(target: AckTarget): string {
  return target.type === 'agreement' ? `Agreement, version ${target.version}` : 'Final session record';
}

/** The send screen's candidates grouped by their kind, in first-seen order. */
export function groupCandidates(candidates: SendCandidate[]): { label: string; items: SendCandidate[] }[] {
  const groups = new Map<string, SendCandidate[]>();
  for (const candidate of candidates) {
    const group = groups.get(candidate.kind_label);
    if (group) group.push(candidate);
    else groups.set(candidate.kind_label, [candidate]);
  }
  return Array.from(groups, ([label, items]) => ({ label, items }));
}

/** A stable key for a send source (the checkbox it has). */
export function sourceKey(source: SendSource): string {
  return JSON.stringify(source);
}

/** Where the import flow is. */
export type ImportStep =
  | { step: 'idle' }
  | { step: 'opening' }
  | { step: 'preview'; token: string; preview: PacketPreview }
  | { step: 'unknown_sender'; fingerprint: string; message: string }
  | { step: 'importing'; token: string; preview: PacketPreview }
  | { step: 'done'; outcome: ImportOutcome; preview: PacketPreview }
  | { step: 'failed'; error: AppError };

export class PacketsStore {
  identity = $state<IdentityCard | null>(null);
  identityError = $state<AppError | null>(null);
  identityLoading = $state(false);

  /** The person whose packets panel is open. */
  personId = $state<string | null>(null);
  peer = $state<PeerKey | null>(null);
  shared = $state<SharedItem[]>([]);
  personLoaded = $state(false);
  personError = $state<AppError | null>(null);
  peerBusy = $state(false);
  peerError = $state<AppError | null>(null);

  candidates = $state<SendCandidate[] | null>(null);
  candidatesError = $state<AppError | null>(null);
  sending = $state(false);
  sendError = $state<AppError | null>(null);
  /** The last packet written, until the send dialog opens again. */
  sent = $state<SentPacket | null>(null);

  importStep = $state<ImportStep>({ step: 'idle' });
  /** The token of a packet refused for its unknown sender, kept for accepting the key. */
  #pendingToken: string | null = null;
  acceptError = $state<AppError | null>(null);
  accepting = $state(false);

  #generation = 0;

  reset(): void {
    this.identity = null;
    this.identityError = null;
    this.personId = null;
    this.peer = null;
    this.shared = [];
    this.personLoaded = false;
    this.personError = null;
    this.peerError = null;
    this.candidates = null;
    this.sent = null;
    this.importStep = { step: 'idle' };
    this.#pendingToken = null;
    this.#generation++;
  }

  async loadIdentity(): Promise<void> {
    this.identityLoading = true;
    this.identityError = null;
    try {
      this.identity = await packetsApi.packetsIdentity();
    } catch (reason) {
      this.identityError = toAppError(reason);
    } finally {
      this.identityLoading = false;
    }
  }

  async loadPerson(personId: string): Promise<void> {
    const generation = ++this.#generation;
    if (this.personId !== personId) {
      this.peer = null;
      this.shared = [];
      this.personLoaded = false;
      this.candidates = null;
      this.sent = null;
      this.peerError = null;
    }
    this.personId = personId;
    this.personError = null;
    try {
      const [peer, shared] = await Promise.all([
        packetsApi.packetsPeer(personId),
        packetsApi.sharedItems(personId),
      ]);
      if (generation !== this.#generation) return;
      this.peer = peer;
      this.shared = shared;
    } catch (reason) {
      if (generation === this.#generation) this.personError = toAppError(reason);
    } finally {
      if (generation === this.#generation) this.personLoaded = true;
    }
  }

  /** Stores (or replaces) the person's key from their card text; true when stored. */
  async setPeer(personId: string, card: string): Promise<boolean> {
    this.peerError = null;
    if (card.trim() === '') {
      this.peerError = invalidInput('Paste the identity card they gave you.');
      return false;
    }
    this.peerBusy = true;
    try {
      const peer = await packetsApi.packetsPeerSet(personId, card.trim());
      if (this.personId === personId) this.peer = peer;
      return true;
    } catch (reason) {
      this.peerError = toAppError(reason);
      return false;
    } finally {
      this.peerBusy = false;
    }
  }

  async removePeer(personId: string): Promise<boolean> {
    this.peerError = null;
    this.peerBusy = true;
    try {
      await packetsApi.packetsPeerRemove(personId);
      if (this.personId === personId) this.peer = null;
      return true;
    } catch (reason) {
      this.peerError = toAppError(reason);
      return false;
    } finally {
      this.peerBusy = false;
    }
  }

  async loadCandidates(personId: string): Promise<void> {
    this.candidates = null;
    this.candidatesError = null;
    this.sendError = null;
    this.sent = null;
    try {
      const candidates = await packetsApi.packetsCandidates(personId);
      if (this.personId === null || this.personId === personId) this.candidates = candidates;
    } catch (reason) {
      this.candidatesError = toAppError(reason);
    }
  }

  /** Sent items that can still be withdrawn. */
  get withdrawable(): SharedItem[] {
    return this.shared.filter((item) => item.direction === 'sent' && item.revoked_at === null);
  }

  /**
   * Writes a packet for the person (Rust asks where to save it). True when
   * written; false when the dialog was cancelled or it failed (`sendError`).
   */
  async send(personId: string, sources: SendSource[], revocations: string[]): Promise<boolean> {
    this.sendError = null;
    if (sources.length === 0 && revocations.length === 0) {
      this.sendError = invalidInput('Choose at least one item to send or withdraw.');
      return false;
    }
    this.sending = true;
    try {
      const sent = await packetsApi.packetsSend(personId, sources, revocations);
      if (sent === null) return false;
      this.sent = sent;
      if (this.personId === personId) await this.loadPerson(personId);
      return true;
    } catch (reason) {
      this.sendError = toAppError(reason);
      return false;
    } finally {
      this.sending = false;
    }
  }

  /** Asks Rust to open a packet file and check it; the preview (or the refusal) follows. */
  async open(): Promise<void> {
    this.importStep = { step: 'opening' };
    this.acceptError = null;
    this.#pendingToken = null;
    let opened: PacketOpen | null;
    try {
      opened = await packetsApi.packetsOpen();
    } catch (reason) {
      this.importStep = { step: 'failed', error: toAppError(reason) };
      return;
    }
    if (opened === null) {
      this.importStep = { step: 'idle' };
    } else if (opened.preview !== null) {
      this.importStep = { step: 'preview', token: opened.token, preview: opened.preview };
    } else {
      // Signed by a key stored for no one: Rust keeps the packet under the
      // token while the person compares fingerprints and accepts the key.
      this.#pendingToken = opened.token;
      this.importStep = {
        step: 'unknown_sender',
        fingerprint: opened.unknown_sender ?? '',
        message: 'This packet is signed by a key that is not stored for anyone.',
      };
    }
  }

  /**
   * Stores the unknown sender's key on `personId`'s record (after comparing
   * fingerprints) and shows the packet's preview.
   */
  async acceptSender(personId: string): Promise<void> {
    const step = this.importStep;
    if (step.step !== 'unknown_sender' || this.#pendingToken === null) return;
    const token = this.#pendingToken;
    this.accepting = true;
    this.acceptError = null;
    try {
      const preview = await packetsApi.packetsAcceptSender(token, personId);
      this.#pendingToken = null;
      this.importStep = { step: 'preview', token, preview };
      if (this.personId === personId) void this.loadPerson(personId);
    } catch (reason) {
      this.acceptError = toAppError(reason);
    } finally {
      this.accepting = false;
    }
  }

  /** Whether the refused packet can be accepted here (Rust kept it for that). */
  get canAccept(): boolean {
    return this.importStep.step === 'unknown_sender' && this.#pendingToken !== null;
  }

  async importOpened(): Promise<void> {
    const step = this.importStep;
    if (step.step !== 'preview') return;
    this.importStep = { step: 'importing', token: step.token, preview: step.preview };
    try {
      const outcome = await packetsApi.packetsImport(step.token);
      this.importStep = { step: 'done', outcome, preview: step.preview };
      if (this.personId === outcome.person_id) await this.loadPerson(outcome.person_id);
    } catch (reason) {
      this.importStep = { step: 'failed', error: toAppError(reason) };
    }
  }

  closeImport(): void {
    this.importStep = { step: 'idle' };
    this.#pendingToken = null;
    this.acceptError = null;
  }
}


export const packets = new PacketsStore();
forgetOnLock(() => packets.reset());

/** An instant's local calendar day ("YYYY-MM-DD"), for formatDay. */
export function localDay(instant: string): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant.slice(0, 10);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** "Shared by Sam on 1 December 2026" / "Shared with Sam on …". */
export function sharedLine(item: SharedItem, name: string, formatDay: (day: string) => string): string {
  const day = formatDay(localDay(item.shared_at));
  return item.direction === 'received' ? `Shared by ${name} on ${day}` : `Shared with ${name} on ${day}`;
}
