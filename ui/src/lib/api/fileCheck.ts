// SQLite's whole-file check of the vault, run by Rust in the background
// after an unlock, as generated from Rust's command list (commands.gen.ts).

export { vaultFileCheck } from './commands.gen';
