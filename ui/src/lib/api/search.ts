// The search commands, as generated from Rust's command list
// (commands.gen.ts): the index's progress and one search over everything.

export { search, searchStatus } from './commands.gen';
