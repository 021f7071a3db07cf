// The between-session contact note commands, as generated from Rust's
// command list (commands.gen.ts).

export { contactsList, contactCreate, contactUpdate, contactDelete } from './commands.gen';
