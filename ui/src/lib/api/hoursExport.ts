// The hours export commands, as generated from Rust's command list
// (commands.gen.ts): a renamed command or argument breaks the type check.
// The save dialog opens in Rust; no path crosses IPC. Each returns the
// saved file's name, or null when the person cancelled the dialog.

export { hoursSavePdf, hoursSaveCsv } from './commands.gen';
