// A person's data rights: the subject-access export (its save dialog opens
// in Rust; no path crosses IPC), erasure and retention, as generated from
// Rust's command list (commands.gen.ts).

export {
  subjectAccessSave,
  erasePreview,
  erasePerson,
  retentionGet,
  retentionSet,
  retentionDue,
} from './commands.gen';
