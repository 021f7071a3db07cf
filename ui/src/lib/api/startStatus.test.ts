import { afterEach, describe, expect, it } from 'vitest';
// The script the shell injects at document start, as shipped.
import startScript from './startScript.js?raw';
import type { AppStatus, Occurrence } from '../bindings';
import { takeStartAnswers } from './startStatus';

const STATUS = {
  state: 'unlocked',
  needs_passcode: false,
  message: null,
  data_dir: '/home/someone/.local/share/app.confidant.desktop/vault',
} as AppStatus;
const SESSIONS = [] as Occurrence[];

const NAMES = ['__CONFIDANT_START__', '__CONFIDANT_PUSHED__', '__CONFIDANT_RECEIVE__'];

/** Runs the shell's start script in this window. */
function runStartScript(): void {
  new Function(startScript)();
}

/** What src-tauri/src/start_answers.rs evaluates: to the receiver, or kept for it. */
function push(answers: unknown): void {
  const receive: unknown = Reflect.get(window, '__CONFIDANT_RECEIVE__');
  if (typeof receive === 'function') receive(answers);
  else Reflect.set(window, '__CONFIDANT_PUSHED__', answers);
}

afterEach(() => {
  for (const name of NAMES) Reflect.deleteProperty(window, name);
});

describe('the answers the shell pushes at start', () => {
  it('are taken as plain values when pushed before the start script, once', () => {
    push({ status: STATUS, sessions: SESSIONS });
    runStartScript();
    expect(Reflect.has(window, '__CONFIDANT_PUSHED__')).toBe(false);
    expect(Reflect.has(window, '__CONFIDANT_RECEIVE__')).toBe(false);
    expect(takeStartAnswers()).toEqual({ status: STATUS, sessions: SESSIONS });
    expect(takeStartAnswers()).toBeNull();
  });

  it('are received when pushed after the start script, and only once', () => {
    runStartScript();
    push({ status: STATUS, sessions: SESSIONS });
    expect(Reflect.has(window, '__CONFIDANT_RECEIVE__')).toBe(false);
    push({ status: { ...STATUS, state: 'locked' } });
    expect(takeStartAnswers()).toEqual({ status: STATUS, sessions: SESSIONS });
  });

  it('come without sessions when the vault is locked', () => {
    const locked = { ...STATUS, state: 'locked' } as AppStatus;
    push({ status: locked });
    runStartScript();
    expect(takeStartAnswers()).toEqual({ status: locked });
  });

  it('are absent when nothing was pushed yet, or was of the wrong shape: the UI asks itself', () => {
    expect(takeStartAnswers()).toBeNull();
    runStartScript();
    expect(takeStartAnswers()).toBeNull();
    push({ status: 'unlocked', sessions: { length: 1 } });
    runStartScript();
    expect(takeStartAnswers()).toBeNull();
  });
});
