import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import App from '../../App.svelte';
import { FakeBackend, RECOVERY_CODE } from '../../test/fakeBackend';

async function setUp(backend: FakeBackend) {
  backend.install();
  render(App);
  const user = userEvent.setup();
  await user.click(await screen.findByTestId('role-supervisee'));
  await user.click(screen.getByTestId('create-vault'));
  await user.click(await screen.findByTestId('kit-saved'));
  await user.click(screen.getByTestId('kit-continue'));
  await user.type(screen.getByTestId('recovery-input'), RECOVERY_CODE);
  await user.click(screen.getByTestId('confirm-recovery'));
  await screen.findByTestId('today-view');
  return user;
}

describe('the passcode offer after setup', () => {
  it('recommends a passcode and says why, right after the recovery code is confirmed', async () => {
    await setUp(new FakeBackend('no_vault'));
    const offer = screen.getByTestId('passcode-offer');
    expect(within(offer).getByRole('heading', { name: 'Set an app passcode (recommended)' })).toBeTruthy();
    expect(offer.textContent).toContain(
      'Without a passcode, Unlock reads the key from your system keychain silently, so the lock hides the screen but anyone using this computer account can unlock Confidant; with a passcode, they cannot.',
    );
  });

  it('sets the passcode with set_passcode', async () => {
    const backend = new FakeBackend('no_vault');
    const user = await setUp(backend);
    const offer = screen.getByTestId('passcode-offer');
    await user.type(within(offer).getByLabelText('Passcode'), 'short');
    await user.type(within(offer).getByLabelText('Confirm passcode'), 'short');
    await user.click(within(offer).getByTestId('offer-passcode-save'));
    expect(within(offer).getByTestId('error').textContent).toContain('at least 6 characters');
    expect(backend.callsTo('set_passcode')).toEqual([]);

    await user.clear(within(offer).getByLabelText('Passcode'));
    await user.clear(within(offer).getByLabelText('Confirm passcode'));
    await user.type(within(offer).getByLabelText('Passcode'), 'correct horse');
    await user.type(within(offer).getByLabelText('Confirm passcode'), 'correct horse');
    await user.click(within(offer).getByTestId('offer-passcode-save'));
    expect(await within(offer).findByText(/Passcode set\./)).toBeTruthy();
    expect(backend.callsTo('set_passcode')).toEqual([{ current: null, newPasscode: 'correct horse' }]);
    expect(backend.settings.has_passcode).toBe(true);

    await user.click(within(offer).getByTestId('passcode-offer-close'));
    expect(screen.queryByTestId('passcode-offer')).toBeNull();
  });

  it('can be skipped, and does not come back on the next start', async () => {
    const backend = new FakeBackend('no_vault');
    const user = await setUp(backend);
    await user.click(screen.getByTestId('offer-passcode-skip'));
    expect(screen.queryByTestId('passcode-offer')).toBeNull();
    expect(backend.callsTo('set_passcode')).toEqual([]);
    // Elsewhere and back: still gone.
    await user.click(screen.getByTestId('nav-journal'));
    await user.click(screen.getByTestId('nav-today'));
    await waitFor(() => expect(screen.getByTestId('today-view')).toBeTruthy());
    expect(screen.queryByTestId('passcode-offer')).toBeNull();
  });

  it('is not offered when the vault only unlocks', async () => {
    const backend = new FakeBackend('locked');
    backend.install();
    render(App);
    await screen.findByTestId('today-view');
    expect(screen.queryByTestId('passcode-offer')).toBeNull();
  });
});
