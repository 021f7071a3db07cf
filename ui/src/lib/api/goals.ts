// The goals, skills, development stage and coaching commands, as generated
// from Rust's command list (commands.gen.ts): a renamed command or argument
// breaks the type check. The PDF's save dialog opens in Rust; no path
// crosses IPC.

export {
  goalsList,
  goalsAll,
  goalGet,
  goalSavePdf,
  goalCreate,
  goalUpdate,
  goalSetStatus,
  goalCheckIn,
  goalsDue,
  skillsList,
  skillAdd,
  skillRename,
  skillRetire,
  developmentStageGet,
  developmentStageSet,
  coachingList,
  coachingCreate,
} from './commands.gen';
