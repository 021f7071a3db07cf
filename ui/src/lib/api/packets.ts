// The packet commands: this vault's identity, a person's stored key, what
// can be sent, sending (Rust asks where to save the file), opening a packet
// (Rust asks which file), accepting an unknown sender's key and importing,
// and the shared items kept under a person. No path crosses IPC.
//
// Hand-written until the packet commands are in Rust's command list; then
// these become re-exports from commands.gen.ts like every other domain's.

import type {
  IdentityCard,
  ImportOutcome,
  PacketPreview,
  PeerKey,
  SendCandidate,
  SendSource,
  SharedItem,
} from '../bindings';
import { call } from './ipc';

/** A packet written to the file the user chose. */
export interface SentPacket {
  /** The file's name (not its folder). */
  file_name: string;
  /** How many items it carries. */
  items: number;
  /** Its size. */
  bytes: number;
}

/** A packet read and checked, held in Rust under `token` until imported. */
export interface OpenedPacket {
  token: string;
  preview: PacketPreview;
}

export function packetsIdentity(): Promise<IdentityCard> {
  return call<IdentityCard>('packets_identity');
}

export function packetsPeerSet(personId: string, card: string): Promise<PeerKey> {
  return call<PeerKey>('packets_peer_set', { personId, card });
}

export function packetsPeer(personId: string): Promise<PeerKey | null> {
  return call<PeerKey | null>('packets_peer', { personId });
}

export function packetsPeerRemove(personId: string): Promise<void> {
  return call<void>('packets_peer_remove', { personId });
}

export function packetsCandidates(personId: string): Promise<SendCandidate[]> {
  return call<SendCandidate[]>('packets_candidates', { personId });
}

export function packetsSend(
  personId: string,
  sources: SendSource[],
  revocations: string[],
): Promise<SentPacket | null> {
  return call<SentPacket | null>('packets_send', { personId, sources, revocations });
}

export function packetsOpen(): Promise<OpenedPacket | null> {
  return call<OpenedPacket | null>('packets_open');
}

export function packetsAcceptSender(token: string, personId: string): Promise<PacketPreview> {
  return call<PacketPreview>('packets_accept_sender', { token, personId });
}

export function packetsImport(token: string): Promise<ImportOutcome> {
  return call<ImportOutcome>('packets_import', { token });
}

export function sharedItems(personId: string): Promise<SharedItem[]> {
  return call<SharedItem[]>('shared_items', { personId });
}
