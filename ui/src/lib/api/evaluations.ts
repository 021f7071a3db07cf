// The evaluations, supervision check and ending commands, as generated from
// Rust's command list (commands.gen.ts): a renamed command or argument
// breaks the type check. The letter's save dialog opens in Rust; no path
// crosses IPC.

export {
  evaluationForm,
  competencyAreaAdd,
  competencyAreaRename,
  competencyAreaRetire,
  evaluationsList,
  evaluationCreate,
  supervisionChecksList,
  supervisionCheckCreate,
  endingPreview,
  endingConfirm,
  endingGet,
  endingSaveLetter,
} from './commands.gen';
