// The security log (crates/core/src/audit.rs), as generated from Rust's
// command list (commands.gen.ts).

export { securityLog } from './commands.gen';
export type { AuditEntry, AuditEvent, SecurityLog } from '../bindings';
