import { afterEach, describe, expect, it, vi } from 'vitest';
// The script the shell injects at document start, as shipped.
import startScript from './startScript.js?raw';
import type { AppStatus, Occurrence } from '../bindings';
import { TODAY_SESSIONS } from '../stores/calendar.svelte';
import { takeStartAnswers } from './startStatus';

const STATUS = {
  state: 'unlocked',
  roles: ['supervisor'],
  needs_passcode: false,
  data_dir: '/home/someone/.local/share/app.confidant.desktop/vault',
} as unknown as AppStatus;
const SESSIONS = [] as Occurrence[];

type Invoke = (cmd: string, args?: unknown) => Promise<unknown>;

/** Runs the shell's start script in this window with `invoke` as Tauri's. */
function runStartScript(invoke: Invoke): void {
  Reflect.set(window, '__TAURI_INTERNALS__', { invoke });
  new Function(startScript)();
}

afterEach(() => {
  for (const name of ['__TAURI_INTERNALS__', '__CONFIDANT_START__', '__CONFIDANT_PUSHED__', '__CONFIDANT_RECEIVE__']) {
    Reflect.deleteProperty(window, name);
  }
});

/** An ask that never answers, as while WebKit is busy with the page's start. */
const never: Invoke = () => new Promise(() => undefined);

describe('the answers the shell pushes (src-tauri/src/start_answers.rs)', () => {
  it('are ready as plain values when they came before the start script', async () => {
    Reflect.set(window, '__CONFIDANT_PUSHED__', { status: STATUS, sessions: SESSIONS });
    runStartScript(never);
    expect(Reflect.has(window, '__CONFIDANT_PUSHED__')).toBe(false);
    expect(Reflect.has(window, '__CONFIDANT_RECEIVE__')).toBe(false);
    const taken = takeStartAnswers();
    expect(taken?.ready).toEqual({ status: STATUS, sessions: SESSIONS });
    // The promises settle with them too, without the asks' answers.
    await expect(taken?.status).resolves.toEqual(STATUS);
    await expect(taken?.sessions).resolves.toEqual(SESSIONS);
  });

  it('settle the promises when they come after it, whichever is first', async () => {
    runStartScript(never);
    const receive: unknown = Reflect.get(window, '__CONFIDANT_RECEIVE__');
    expect(typeof receive).toBe('function');
    (receive as (answers: unknown) => void)({ status: STATUS });
    // Received once: the receiver is gone.
    expect(Reflect.has(window, '__CONFIDANT_RECEIVE__')).toBe(false);
    const taken = takeStartAnswers();
    expect(taken?.ready).toEqual({ status: STATUS });
    await expect(taken?.status).resolves.toEqual(STATUS);
  });

  it('without sessions (a locked vault) leave the sessions to the ask', async () => {
    const locked = { ...STATUS, state: 'locked' };
    Reflect.set(window, '__CONFIDANT_PUSHED__', { status: locked });
    runStartScript((cmd) =>
      cmd === 'app_status' ? never(cmd) : Promise.reject({ code: 'locked', message: 'Unlock Confidant first.' }),
    );
    const taken = takeStartAnswers();
    expect(taken?.ready).toEqual({ status: locked });
    await expect(taken?.sessions).rejects.toMatchObject({ code: 'locked' });
  });

  it('of the wrong shape are not used', () => {
    Reflect.set(window, '__CONFIDANT_PUSHED__', { status: 'unlocked', sessions: { length: 1 } });
    runStartScript(never);
    expect(takeStartAnswers()?.ready).toEqual({});
  });
});

describe('what the shell asks at document start', () => {
  it('is the status and Today’s sessions, asked once each, taken once', async () => {
    const invoke = vi.fn<Invoke>((cmd) => Promise.resolve(cmd === 'app_status' ? STATUS : SESSIONS));
    runStartScript(invoke);
    expect(invoke.mock.calls).toEqual([['app_status'], ['schedule_upcoming', { count: TODAY_SESSIONS }]]);
    const taken = takeStartAnswers();
    expect(taken).not.toBeNull();
    await expect(taken?.status).resolves.toEqual(STATUS);
    await expect(taken?.sessions).resolves.toEqual(SESSIONS);
    expect(takeStartAnswers()).toBeNull();
  });

  it('is absent when the shell sent nothing, so the UI asks itself', () => {
    expect(takeStartAnswers()).toBeNull();
    // Without Tauri's internals the script does nothing.
    new Function(startScript)();
    expect(takeStartAnswers()).toBeNull();
  });

  it('rejects as normalised app errors when a command failed', async () => {
    runStartScript((cmd) =>
      Promise.reject(
        cmd === 'app_status'
          ? { code: 'keychain_unavailable', message: 'The keychain did not answer.' }
          : { code: 'locked', message: 'Unlock Confidant first.' },
      ),
    );
    const taken = takeStartAnswers();
    await expect(taken?.status).rejects.toMatchObject({ code: 'keychain_unavailable' });
    await expect(taken?.sessions).rejects.toMatchObject({ code: 'locked' });
  });
});
