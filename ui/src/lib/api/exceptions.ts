// The confidentiality-exception log commands, as generated from Rust's
// command list (commands.gen.ts). There is no command that changes or
// deletes an entry: corrections are addenda.

export { exceptionsList, exceptionRecord, exceptionAddAddendum } from './commands.gen';
