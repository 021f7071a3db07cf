// The answers to the start's first two questions, as the shell pushed them
// into the page before this bundle's script ran (startScript.js beside this
// file; src-tauri/src/start_answers.rs).

import type { AppStatus, Occurrence } from '../bindings';
import { startMark } from '../startMarks';

/** The global the shell's start script sets. */
const GLOBAL = '__CONFIDANT_START__';

/** What the shell pushed. */
export interface StartAnswers {
  /** The vault's status, as `app_status` would answer. */
  status: AppStatus;
  /** Today's next sessions (TODAY_SESSIONS of them); only when the vault was unlocked. */
  sessions?: Occurrence[];
}

/**
 * The pushed answers, once, as plain values, so the first screen can be
 * built at once. `null` when none has arrived (a slow start, a reload, the
 * UI tests) or it had the wrong shape: the caller asks itself.
 */
export function takeStartAnswers(): StartAnswers | null {
  if (typeof window === 'undefined') return null;
  const ready: unknown = Reflect.get(window, GLOBAL);
  Reflect.deleteProperty(window, GLOBAL);
  if (typeof ready !== 'object' || ready === null) return null;
  const { status, sessions } = ready as Record<string, unknown>;
  if (typeof status !== 'object' || status === null || typeof Reflect.get(status, 'state') !== 'string') return null;
  startMark('answered');
  return {
    status: status as AppStatus,
    ...(Array.isArray(sessions) ? { sessions: sessions as Occurrence[] } : {}),
  };
}
