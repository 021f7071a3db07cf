// The start's first two commands, sent by the shell at document start
// (startScript.js beside this file), before this bundle had loaded.

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
  const { status, sessions } = asked as Record<string, unknown>;
  if (!isPromise(status) || !isPromise(sessions)) return null;
  status.then(
    () => startMark('answered'),
    () => startMark('answered'),
  );
  return { status: normalised<AppStatus>(status), sessions: normalised<Occurrence[]>(sessions) };
}
