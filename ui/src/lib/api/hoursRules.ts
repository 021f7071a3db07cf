// The hours rule-profile and progress commands, as generated from Rust's
// command list (commands.gen.ts).

export {
  hoursProfilesList,
  hoursProfileGet,
  hoursProfileSave,
  hoursProfileDelete,
  hoursPersonProfile,
  hoursSetPersonProfile,
  hoursProgress,
} from './commands.gen';
