import { emit } from '@tauri-apps/api/event';
import { invoke } from '@tauri-apps/api/core';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import App from './App.svelte';
import startScript from './lib/api/startScript.js?raw';
import { journal } from './lib/stores/journal.svelte';
import { nav } from './lib/stores/nav.svelte';
import { cmText, cmType } from './test/codemirror';
import { DATA_DIR, FakeBackend, RECOVERY_CODE } from './test/fakeBackend';
import { freeInput } from './test/fakeJournal';
import { FakeSearch } from './test/fakeSearch';
import { scheduleWorld, seriesInput } from './test/scheduleWorld';

function start(backend: FakeBackend) {
  backend.install();
  render(App);
  return userEvent.setup();
}

describe('onboarding', () => {
  it('creates the vault after the recovery code is typed back correctly', async () => {
    const backend = new FakeBackend('no_vault');
    const user = start(backend);

    await user.click(await screen.findByTestId('create-vault'));
    expect(screen.getByTestId('error').textContent).toContain('Choose at least one role');
    expect(backend.callsTo('begin_setup')).toEqual([]);

    await user.click(screen.getByTestId('role-supervisor'));
    await user.click(screen.getByTestId('create-vault'));
    expect(backend.callsTo('begin_setup')).toEqual([{ roles: ['supervisor'] }]);

    const code = await screen.findByTestId('recovery-code');
    expect(code.textContent).toBe(RECOVERY_CODE);
    const cont = screen.getByTestId('kit-continue') as HTMLButtonElement;
    expect(cont.disabled).toBe(true);
    await user.click(screen.getByTestId('kit-saved'));
    expect(cont.disabled).toBe(false);
    await user.click(cont);

    const input = screen.getByTestId('recovery-input') as HTMLInputElement;
    expect(input.getAttribute('autocomplete')).toBe('off');
    expect(input.getAttribute('spellcheck')).toBe('false');
    expect(input.getAttribute('autocapitalize')).toBe('characters');
    await user.type(input, 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG');
    await user.click(screen.getByTestId('confirm-recovery'));

    const error = await screen.findByTestId('error');
    expect(error.getAttribute('role')).toBe('alert');
    expect(error.textContent).toBe(
      "That recovery code doesn't match. Check each group and try again.",
    );
    expect(screen.queryByTestId('app-shell')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Back to the code' }));
    expect(screen.getByTestId('recovery-code').textContent).toBe(RECOVERY_CODE);
    await user.click(screen.getByTestId('kit-saved'));
    await user.click(screen.getByTestId('kit-continue'));

    await user.type(screen.getByTestId('recovery-input'), RECOVERY_CODE.toLowerCase());
    await user.click(screen.getByTestId('confirm-recovery'));

    expect(await screen.findByTestId('today-view')).toBeTruthy();
    expect(screen.getByTestId('nav-today').getAttribute('aria-current')).toBe('page');
    expect(backend.callsTo('confirm_setup')).toEqual([
      { recoveryCode: 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG' },
      { recoveryCode: RECOVERY_CODE.toLowerCase() },
    ]);
  });

  it('saves the Emergency Kit where the user chooses (Rust asks)', async () => {
    const backend = new FakeBackend('no_vault');
    const user = start(backend);
    await user.click(await screen.findByTestId('role-supervisee'));
    await user.click(screen.getByTestId('create-vault'));

    await user.click(await screen.findByTestId('kit-save-file'));
    expect(await screen.findByText('Emergency Kit saved to the file you chose.')).toBeTruthy();
    // No path crosses IPC.
    expect(backend.callsTo('save_emergency_kit')).toEqual([{}]);
  });

  it('says nothing when the Emergency Kit save dialog is cancelled', async () => {
    const backend = new FakeBackend('no_vault').on('save_emergency_kit', () => false);
    const user = start(backend);
    await user.click(await screen.findByTestId('role-supervisee'));
    await user.click(screen.getByTestId('create-vault'));

    const save = await screen.findByTestId('kit-save-file');
    await user.click(save);
    await waitFor(() => expect((save as HTMLButtonElement).disabled).toBe(false));
    expect(backend.callsTo('save_emergency_kit')).toHaveLength(1);
    expect(screen.queryByText(/Emergency Kit saved/)).toBeNull();
    expect(screen.queryByTestId('error')).toBeNull();
  });
});

describe('start', () => {
  it('unlocks silently from the keychain', async () => {
    const backend = new FakeBackend('locked');
    start(backend);

    expect(await screen.findByTestId('app-shell')).toBeTruthy();
    expect(backend.callsTo('unlock')).toEqual([{ passcode: null }]);
  });

  it('shows Today straight away when Rust already unlocked at start', async () => {
    const backend = new FakeBackend('unlocked');
    start(backend);

    expect(await screen.findByTestId('app-shell')).toBeTruthy();
    expect(backend.callsTo('app_status')).toHaveLength(1);
    expect(backend.callsTo('unlock')).toEqual([]);
  });

  it('uses the status asked for before the UI was mounted, and asks once', async () => {
    const backend = new FakeBackend('locked');
    backend.install();
    nav.askStatusEarly();
    expect(backend.callsTo('app_status')).toHaveLength(1);
    render(App);

    expect(await screen.findByTestId('app-shell')).toBeTruthy();
    expect(backend.callsTo('app_status')).toHaveLength(1);
    expect(backend.callsTo('unlock')).toEqual([{ passcode: null }]);
  });

  it('asks for Today’s sessions with the early status when Rust already unlocked, once', async () => {
    const { backend } = scheduleWorld();
    // As in a new page (the navigator is shared by the tests in this file).
    nav.screen = { kind: 'starting' };
    nav.askStatusEarly();
    render(App);

    expect(await screen.findByTestId('today-no-sessions')).toBeTruthy();
    expect(backend.callsTo('schedule_upcoming')).toEqual([{ count: 5 }]);
  });

  it('asks for the status and sessions itself when the shell pushed nothing before its script', async () => {
    const { backend } = scheduleWorld();
    nav.screen = { kind: 'starting' };
    new Function(startScript)();
    nav.askStatusEarly();
    render(App);

    expect(await screen.findByTestId('today-no-sessions')).toBeTruthy();
    expect(backend.callsTo('app_status')).toHaveLength(1);
    expect(backend.callsTo('schedule_upcoming')).toEqual([{ count: 5 }]);
  });

  it('builds Today in its first render from answers the shell pushed before the script ran', async () => {
    const { backend, fake, sam } = scheduleWorld();
    fake.seed(seriesInput(sam, 'UTC', { start: '2026-03-09T14:00:00', end: '2026-03-09T15:00:00' }));
    nav.screen = { kind: 'starting' };
    const sessions = await invoke('schedule_upcoming', { count: 5 });
    backend.calls = [];
    // What src-tauri/src/start_answers.rs evaluates when it runs before the start script.
    Reflect.set(window, '__CONFIDANT_PUSHED__', { status: backend.status(), sessions });
    new Function(startScript)();
    nav.askStatusEarly();
    render(App);

    // In the DOM at once, without waiting for a promise or a round trip.
    expect(within(screen.getByTestId('today-today')).getAllByTestId('today-session')).toHaveLength(1);
    await waitFor(() => expect(screen.getByTestId('today-today').textContent).toContain('Sam Okafor'));
    // Nothing asked for the status or the sessions.
    expect(backend.callsTo('app_status')).toEqual([]);
    expect(backend.callsTo('schedule_upcoming')).toEqual([]);
    expect(Reflect.has(window, '__CONFIDANT_PUSHED__')).toBe(false);
  });

  it('asks for the recovery code when the keychain entry is missing', async () => {
    const backend = new FakeBackend('locked').fail('unlock', {
      code: 'recovery_needed',
      message: 'This computer’s key for your vault is missing.',
    });
    const user = start(backend);

    await user.type(await screen.findByTestId('recovery-input'), RECOVERY_CODE);
    expect(screen.queryByText(/new vault/i)).toBeNull();
    await user.click(screen.getByTestId('recover-button'));

    expect(await screen.findByTestId('app-shell')).toBeTruthy();
    expect(backend.callsTo('recover')).toEqual([{ recoveryCode: RECOVERY_CODE }]);
  });

  it('explains a locked keychain and retries', async () => {
    const backend = new FakeBackend('locked').fail('unlock', {
      code: 'keychain_unavailable',
      message: 'The system keychain is locked or unavailable.',
    });
    const user = start(backend);

    expect(await screen.findByText('Your keychain is locked or unavailable')).toBeTruthy();
    backend.on('unlock', () => {
      backend.state = 'unlocked';
      return backend.status();
    });
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByTestId('app-shell')).toBeTruthy();
  });

  it('asks for the passcode when one is set', async () => {
    const backend = new FakeBackend('locked');
    backend.needsPasscode = true;
    const user = start(backend);

    const input = await screen.findByTestId('passcode-input');
    expect(screen.getByTestId('locked-screen')).toBeTruthy();
    expect(backend.callsTo('unlock')).toEqual([]);
    await user.type(input, 'correct horse');
    await user.click(screen.getByTestId('unlock-button'));

    expect(await screen.findByTestId('app-shell')).toBeTruthy();
    expect(backend.callsTo('unlock')).toEqual([{ passcode: 'correct horse' }]);
  });

  it('offers the recovery code when the passcode is forgotten, and can go back', async () => {
    const backend = new FakeBackend('locked');
    backend.needsPasscode = true;
    const user = start(backend);

    await user.click(await screen.findByTestId('use-recovery'));
    expect(await screen.findByText(/forgotten your app passcode/)).toBeTruthy();
    expect(screen.getByTestId('recover-button')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Back to the passcode' }));
    expect(await screen.findByTestId('passcode-input')).toBeTruthy();

    await user.click(screen.getByTestId('use-recovery'));
    await user.type(await screen.findByTestId('recovery-input'), RECOVERY_CODE);
    await user.click(screen.getByTestId('recover-button'));
    expect(await screen.findByTestId('app-shell')).toBeTruthy();
    expect(backend.callsTo('unlock')).toEqual([]);
  });

  it('shows a damaged vault plainly, with its folder and nothing destructive', async () => {
    const backend = new FakeBackend('damaged');
    backend.message = 'This vault was written by a newer version of Confidant.';
    start(backend);

    const damaged = await screen.findByTestId('damaged-screen');
    expect(damaged.textContent).toContain('This vault was written by a newer version of Confidant.');
    expect(damaged.textContent).toContain(DATA_DIR);
    expect(damaged.textContent).toContain('Do not delete this folder.');
    const buttons = screen.getAllByRole('button').map((b) => b.textContent?.trim());
    expect(buttons).toEqual(['Check again', 'Restore from a backup…']);
  });
});

describe('locking', () => {
  async function openEntry(user: ReturnType<typeof userEvent.setup>, backend: FakeBackend) {
    backend.seed('Reflection about a hard visit');
    await user.click(await screen.findByTestId('nav-journal'));
    expect(screen.getByTestId('nav-journal').getAttribute('aria-current')).toBe('page');
    await user.click(await screen.findByText('Reflection about a hard visit'));
    const editor = await screen.findByTestId('journal-editor');
    await waitFor(() => expect(cmText(editor)).toBe('Reflection about a hard visit'));
    return editor;
  }

  it('saves, then removes all journal content when the user locks', async () => {
    const backend = new FakeBackend('unlocked');
    const user = start(backend);
    const editor = await openEntry(user, backend);
    cmType(editor, ' — secret detail');

    await user.click(screen.getByTestId('lock-button'));

    expect(await screen.findByTestId('locked-screen')).toBeTruthy();
    expect(backend.callsTo('journal_update')).toEqual([
      { id: backend.entries[0].id, input: freeInput('Reflection about a hard visit — secret detail') },
    ]);
    expect(backend.callsTo('lock')).toHaveLength(1);
    expect(document.body.textContent).not.toContain('hard visit');
    expect(document.body.textContent).not.toContain('secret detail');
    expect(screen.queryByTestId('app-shell')).toBeNull();
    expect(journal.entries).toEqual([]);
    expect(journal.draft).toBeNull();

    // No silent unlock after a manual lock: the user chooses to unlock.
    expect(backend.callsTo('unlock')).toEqual([]);
    await user.click(screen.getByTestId('unlock-button'));
    expect(await screen.findByTestId('app-shell')).toBeTruthy();
    expect(backend.callsTo('unlock')).toEqual([{ passcode: null }]);
  });

  it('locks with Ctrl+L', async () => {
    const backend = new FakeBackend('unlocked');
    const user = start(backend);
    await screen.findByTestId('app-shell');

    await user.keyboard('{Control>}l{/Control}');
    expect(await screen.findByTestId('locked-screen')).toBeTruthy();
    expect(backend.callsTo('lock')).toHaveLength(1);
  });

  it('hides everything when Rust auto-locks', async () => {
    const backend = new FakeBackend('unlocked');
    const user = start(backend);
    await openEntry(user, backend);

    backend.state = 'locked';
    await emit('vault-locked', backend.status());

    expect(await screen.findByTestId('locked-screen')).toBeTruthy();
    expect(document.body.textContent).not.toContain('hard visit');
    expect(journal.draft).toBeNull();
    expect(backend.callsTo('unlock')).toEqual([]);
  });

  it('waits for the pending save before the window closes', async () => {
    const backend = new FakeBackend('unlocked');
    const user = start(backend);
    const editor = await openEntry(user, backend);
    cmType(editor, '!');

    await emit('tauri://close-requested');

    await waitFor(() => expect(backend.callsTo('plugin:window|destroy')).toHaveLength(1));
    const order = backend.calls.map((call) => call.cmd);
    expect(order.indexOf('journal_update')).toBeGreaterThan(-1);
    expect(order.indexOf('journal_update')).toBeLessThan(order.indexOf('plugin:window|destroy'));
    expect(backend.entries[0].body).toBe('Reflection about a hard visit!');
  });

  it('sends a touch heartbeat on activity, at most every 20 s', async () => {
    const backend = new FakeBackend('unlocked');
    const user = start(backend);
    await screen.findByTestId('app-shell');

    await user.keyboard('a');
    await user.pointer({ keys: '[MouseLeft]', target: screen.getByTestId('today-view') });
    expect(backend.callsTo('touch')).toHaveLength(1);
  });
});

describe('shell', () => {
  it('opens the Search section from the sidebar', async () => {
    const backend = new FakeBackend('unlocked');
    new FakeSearch(backend);
    const user = start(backend);
    await user.click(await screen.findByTestId('nav-search'));

    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Search');
    expect(screen.getByLabelText('Search for')).toBeTruthy();
    await waitFor(() => expect(backend.callsTo('search_status').length).toBeGreaterThan(0));
    expect(screen.queryByTestId('error')).toBeNull();
    expect(screen.getByTestId('nav-search').getAttribute('aria-current')).toBe('page');
    expect(screen.getByTestId('nav-today').getAttribute('aria-current')).toBeNull();
  });

  it('takes the user from Today to the journal', async () => {
    const backend = new FakeBackend('unlocked');
    const user = start(backend);
    await user.click(await screen.findByRole('button', { name: 'Write a journal entry' }));
    expect(await screen.findByTestId('journal-view')).toBeTruthy();
    expect(await screen.findByTestId('journal-empty')).toBeTruthy();
  });
});
