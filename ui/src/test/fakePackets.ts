// A stand-in for the packet commands, plugged into `FakeBackend` with
// `extend`. Simplified on purpose: the identity is fixed, a card is any
// text starting with "confidant-card-1 " (its fingerprint is derived from
// it), and the packet the next `packets_open` reads is set by the test
// (`nextOpen`): a packet from a stored peer, one from an unknown key, a
// refusal, or the dialog cancelled. Nothing is written before an import.

import type {
  ImportOutcome,
  PacketPreview,
  PeerKey,
  SendCandidate,
  SendSource,
  SharedItem,
} from '../lib/bindings';
import { UNHANDLED, type Args, type FakeBackend } from './fakeBackend';

const CARD_PREFIX = 'confidant-card-1 ';
const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** The fingerprint the fake gives a card: five groups of four. */
export function fakeFingerprint(card: string): string {
  let h = 2166136261;
  const out: string[] = [];
  for (let i = 0; i < 20; i++) {
    for (const c of card + i) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
    out.push(ALPHABET[h % 32]);
  }
  return [0, 4, 8, 12, 16].map((s) => out.slice(s, s + 4).join('')).join(' ');
}

export const OWN_CARD = `${CARD_PREFIX}age1ownrecipient ed25519:OWNKEY`;

/** A packet the next `packets_open` reads. */
export type NextOpen =
  | { kind: 'cancelled' }
  | { kind: 'from_peer'; personId: string; items: PacketPreview['items']; revocations?: string[]; shared: SharedItem[] }
  | { kind: 'unknown'; card: string; items: PacketPreview['items']; shared: SharedItem[] }
  | { kind: 'refused'; code: string; message: string };

interface Held {
  preview: PacketPreview;
  shared: SharedItem[];
  revocations: string[];
}

export class FakePackets {
  peers = new Map<string, PeerKey>();
  shared: SharedItem[] = [];
  candidates = new Map<string, SendCandidate[]>();
  nextOpen: NextOpen = { kind: 'cancelled' };
  /** What the save dialog answers: a file name, or null (cancelled). */
  saveAs: string | null = 'packet.confidant';
  /** The packets written: who for, what, what withdrawn. */
  sent: { personId: string; sources: SendSource[]; revocations: string[] }[] = [];
  #backend: FakeBackend;
  #held = new Map<string, Held>();
  #unknown = new Map<string, { card: string; items: PacketPreview['items']; shared: SharedItem[] }>();
  #next = 1;
  #clock = Date.UTC(2026, 11, 1, 9, 0, 0);

  constructor(backend: FakeBackend) {
    this.#backend = backend;
    backend.extend((cmd, args) => this.#handle(cmd, args));
  }

  #now(): string {
    this.#clock += 60_000;
    return new Date(this.#clock).toISOString();
  }

  #name(personId: string): string {
    const person = this.#backend.people.find((p) => p.id === personId);
    if (!person) throw { code: 'not_found', message: 'That person was not found.' };
    return person.fields.name;
  }

  storePeer(personId: string, card: string): PeerKey {
    if (!card.startsWith(CARD_PREFIX)) {
      throw {
        code: 'invalid_input',
        message: 'That is not a Confidant identity card. Paste the whole card, starting with “confidant-card-1”.',
      };
    }
    if (card.trim() === OWN_CARD) {
      throw { code: 'invalid_input', message: 'That is your own identity card. Paste the one they gave you.' };
    }
    this.#name(personId);
    const peer: PeerKey = { person_id: personId, fingerprint: fakeFingerprint(card.trim()), added_at: this.#now() };
    this.peers.set(personId, peer);
    return peer;
  }

  #preview(personId: string, items: PacketPreview['items'], revocations: string[]): PacketPreview {
    const peer = this.peers.get(personId)!;
    return {
      sender: { person_id: personId, name: this.#name(personId), fingerprint: peer.fingerprint },
      created_at: '2026-12-01T08:30:00Z',
      items,
      revocations,
    };
  }

  #hold(personId: string, items: PacketPreview['items'], revocations: string[], shared: SharedItem[]): string {
    const token = `t${this.#next++}`;
    this.#held.set(token, { preview: this.#preview(personId, items, revocations), shared, revocations });
    return token;
  }

  #handle(cmd: string, args: Args): unknown {
    switch (cmd) {
      case 'packets_identity':
        return {
          card: OWN_CARD,
          age_recipient: 'age1ownrecipient',
          fingerprint: fakeFingerprint(OWN_CARD),
          qr_svg: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>',
          created_at: '2026-11-30T20:00:00Z',
        };
      case 'packets_peer':
        return this.peers.get(args.personId as string) ?? null;
      case 'packets_peer_set':
        return this.storePeer(args.personId as string, args.card as string);
      case 'packets_peer_remove':
        this.peers.delete(args.personId as string);
        return null;
      case 'packets_candidates':
        return this.candidates.get(args.personId as string) ?? [];
      case 'packets_send': {
        const personId = args.personId as string;
        if (!this.peers.has(personId)) {
          throw { code: 'invalid_input', message: `Store ${this.#name(personId)}'s packet key before sending.` };
        }
        if (this.saveAs === null) return null;
        const sources = args.sources as SendSource[];
        const revocations = args.revocations as string[];
        this.sent.push({ personId, sources, revocations });
        const now = this.#now();
        for (const id of revocations) {
          const item = this.shared.find((s) => s.id === id && s.direction === 'sent');
          if (item) item.revoked_at = now;
        }
        return { file_name: this.saveAs, items: sources.length + revocations.length, bytes: 2048 };
      }
      case 'packets_open': {
        const next = this.nextOpen;
        switch (next.kind) {
          case 'cancelled':
            return null;
          case 'refused':
            throw { code: next.code, message: next.message };
          case 'from_peer': {
            const token = this.#hold(next.personId, next.items, next.revocations ?? [], next.shared);
            return { token, preview: this.#held.get(token)!.preview, unknown_sender: null };
          }
          case 'unknown': {
            const token = `u${this.#next++}`;
            this.#unknown.set(token, next);
            return { token, preview: null, unknown_sender: fakeFingerprint(next.card) };
          }
        }
        return UNHANDLED;
      }
      case 'packets_accept_sender': {
        const token = args.token as string;
        const unknown = this.#unknown.get(token);
        if (!unknown) throw { code: 'not_found', message: 'That packet is no longer open. Open it again.' };
        this.#unknown.delete(token);
        const personId = args.personId as string;
        this.storePeer(personId, unknown.card);
        this.#held.set(token, { preview: this.#preview(personId, unknown.items, []), shared: unknown.shared, revocations: [] });
        return this.#held.get(token)!.preview;
      }
      case 'packets_import': {
        const held = this.#held.get(args.token as string);
        if (!held) throw { code: 'not_found', message: 'That packet is no longer open. Open it again.' };
        this.#held.delete(args.token as string);
        const personId = held.preview.sender.person_id;
        const revoked = this.shared
          .filter((s) => s.direction === 'received' && s.person_id === personId && held.revocations.includes(s.id))
          .map((s) => s.title);
        this.shared = this.shared.filter((s) => !(s.direction === 'received' && held.revocations.includes(s.id)));
        this.shared.push(...held.shared.map((s) => ({ ...s, person_id: personId })));
        const outcome: ImportOutcome = { person_id: personId, added: held.shared.length, revoked, effects: [] };
        return outcome;
      }
      case 'shared_items':
        return this.shared.filter((s) => s.person_id === (args.personId as string));
      default:
        return UNHANDLED;
    }
  }
}
