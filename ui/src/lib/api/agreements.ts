// The supervision agreement commands (and `set_profile`, whose details the
// agreements print), as generated from Rust's command list
// (commands.gen.ts): a renamed command or argument breaks the type check.
// The PDF's save dialog opens in Rust; no path crosses IPC.

export {
  agreementStart,
  agreementUpdate,
  agreementAcknowledge,
  agreementRevise,
  agreementDiscardDraft,
  agreementGet,
  agreementCurrent,
  agreementList,
  agreementsDueForReview,
  agreementSavePdf,
  setProfile,
} from './commands.gen';
