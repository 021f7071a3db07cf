// Key management, as generated from Rust's command list (commands.gen.ts):
// begin a key change (a new recovery code, or a new master key, recovery
// code and device key) and get the new code to show once, save the new
// Emergency Kit (Rust opens the save dialog; no path crosses IPC), finish
// it with the code typed back, or cancel it.

export { rekeyBegin, rekeyFinish, rekeyCancel, saveEmergencyKit } from './commands.gen';
