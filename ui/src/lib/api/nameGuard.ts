// The name-leak guard's command (generated wrapper), for stores/nameGuard.ts.

export { nameGuardCheck } from './commands.gen';
export type { LeakKind, LeakWarning } from '../bindings';
