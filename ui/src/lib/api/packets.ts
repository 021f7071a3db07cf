// The packet commands, as generated from Rust's command list
// (commands.gen.ts): this vault's identity, a person's stored key, what can
// be sent, sending (Rust asks where to save the file), opening a packet
// (Rust asks which file), accepting an unknown sender's key and importing,
// and the shared items kept under a person. No path crosses IPC.

export {
  packetsIdentity,
  packetsPeerSet,
  packetsPeer,
  packetsPeerRemove,
  packetsCandidates,
  packetsSend,
  packetsOpen,
  packetsAcceptSender,
  packetsImport,
  sharedItems,
} from './commands.gen';
export type { PacketOpen, SentPacket } from './commands.gen';
