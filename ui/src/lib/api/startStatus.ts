// The start's first two commands, sent by the shell at document start
// (startScript.js beside this file), before this bundle had loaded, and
// the same answers as the shell pushed them, when they came before this
// script ran (src-tauri/src/start_answers.rs).

import type { AppStatus, Occurrence } from '../bindings';
import { startMark } from '../startMarks';
import { toAppError } from './ipc';

/** The global the shell's start script sets. */
const GLOBAL = '__CONFIDANT_START__';

/** The answers, their rejections normalised like any command's. */
export interface StartAnswers {
  status: Promise<AppStatus>;
  /** Today's next sessions (TODAY_SESSIONS of them); refused when the vault was locked. */
  sessions: Promise<Occurrence[]>;
  /**
   * The answers the shell pushed before this script ran, as plain values:
   * the first screen can be built from them at once (a promise's reactions
   * wait until WebKit has laid out the page for its load event).
   */
  ready: { status?: AppStatus; sessions?: Occurrence[] };
}

function isPromise(value: unknown): value is Promise<unknown> {
  return value instanceof Promise;
}

function normalised<T>(answer: Promise<unknown>): Promise<T> {
  const result = answer.then(
    (value) => value as T,
    (reason: unknown) => {
      throw toAppError(reason);
    },
  );
  // Not unhandled when the caller does not need it (sessions of a locked vault).
  result.catch(() => undefined);
  return result;
}

/**
 * The answers to what the shell asked at document start, once: `null` when
 * it did not (tests, a second call, a script that failed), and the caller
 * asks itself.
 */
export function takeStartAnswers(): StartAnswers | null {
  if (typeof window === 'undefined') return null;
  const asked: unknown = Reflect.get(window, GLOBAL);
  Reflect.deleteProperty(window, GLOBAL);
  if (typeof asked !== 'object' || asked === null) return null;
  const { status, sessions, ready } = asked as Record<string, unknown>;
  if (!isPromise(status) || !isPromise(sessions)) return null;
  status.then(
    () => startMark('answered'),
    () => startMark('answered'),
  );
  return {
    status: normalised<AppStatus>(status),
    sessions: normalised<Occurrence[]>(sessions),
    ready: readyValues(ready),
  };
}

/** What the push brought, if it has the expected shape (else the UI waits for the promises). */
function readyValues(ready: unknown): StartAnswers['ready'] {
  if (typeof ready !== 'object' || ready === null) return {};
  const { status, sessions } = ready as Record<string, unknown>;
  const values: StartAnswers['ready'] = {};
  if (typeof status === 'object' && status !== null && typeof Reflect.get(status, 'state') === 'string') {
    values.status = status as AppStatus;
    startMark('answered');
  }
  if (Array.isArray(sessions)) values.sessions = sessions as Occurrence[];
  return values;
}
