// The session-record commands (records, action items, agendas, case
// references), as generated from Rust's command list (commands.gen.ts): a
// renamed command or argument breaks the type check. Only the records store
// (../stores/records.svelte.ts) calls them.

export {
  recordStart,
  recordGet,
  recordSaveDraft,
  recordMissingForFinal,
  recordFinalise,
  recordAddAddendum,
  recordAcknowledgeByHand,
  recordsForPerson,
  recordsToWrite,
  caseReferences,
  actionItemsOpen,
  actionItemSetStatus,
  agendaGet,
  agendaSave,
} from './commands.gen';
