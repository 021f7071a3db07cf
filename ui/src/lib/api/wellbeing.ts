// The wellbeing and ProQOL commands, as generated from Rust's command list
// (commands.gen.ts): a renamed command or argument breaks the type check.

export {
  wellbeingCheckInCreate,
  wellbeingCheckIns,
  wellbeingCheckInDelete,
  wellbeingTrends,
  wellbeingPrompt,
  proqolQuestions,
  proqolSubmit,
  proqolResults,
  proqolDelete,
  proqolDue,
} from './commands.gen';
