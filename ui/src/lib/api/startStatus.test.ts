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
  Reflect.deleteProperty(window, '__TAURI_INTERNALS__');
  Reflect.deleteProperty(window, '__CONFIDANT_START__');
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
