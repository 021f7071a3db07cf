// The journal's tag, flag and link-option commands, as generated from Rust's
// command list (commands.gen.ts): a renamed command or argument breaks the
// type check. The list, get, create, update, delete and search wrappers are
// re-exported from index.ts with the other core commands.

export {
  journalTags,
  journalFlag,
  journalFlags,
  journalFlagDiscussed,
  journalUnflag,
  goalsList,
  scheduleOccurrences,
} from './commands.gen';
