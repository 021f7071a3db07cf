// The session-record commands (records, action items, agendas, case
// references), as generated from Rust's command list (commands.gen.ts): a
// renamed command or argument breaks the type check. Only the records store
// (../stores/records.svelte.ts) calls them. The PDF's save dialog opens in
// Rust; no path crosses IPC.

export {
  recordStart,
  recordGet,
  recordSaveDraft,
  recordMissingForFinal,
  recordFinalise,
  recordAddAddendum,
  recordAcknowledgeByHand,
  recordSavePdf,
  recordsForPerson,
  recordsOfMemberGroups,
  recordsToWrite,
  caseReferences,
  actionItemsOpen,
  actionItemSetStatus,
  agendaGet,
  agendaSave,
} from './commands.gen';
