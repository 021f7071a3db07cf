import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { FakeAgreements } from '../../test/fakeAgreements';
import { FakeBackend } from '../../test/fakeBackend';
import { FakePackets } from '../../test/fakePackets';
import { FakeDataRights } from '../../test/fakeDataRights';
import Settings from './Settings.svelte';

let backend: FakeBackend;

beforeEach(() => {
  backend = new FakeBackend().install();
  new FakePackets(backend);
  new FakeDataRights(backend);
});

describe('Settings', () => {
  it('shows the auto-lock delay and saves a new one', async () => {
    const user = userEvent.setup();
    render(Settings);
    const minutes = (await screen.findByTestId('auto-lock-minutes')) as HTMLInputElement;
    expect(minutes.value).toBe('10');

    await user.clear(minutes);
    await user.type(minutes, '500');
    await user.click(screen.getByTestId('auto-lock-save'));
    expect(screen.getByTestId('error').textContent).toBe(
      'Enter a whole number of minutes from 1 to 240.',
    );
    expect(backend.callsTo('set_auto_lock')).toEqual([]);

    await user.clear(minutes);
    await user.type(minutes, '15');
    await user.click(screen.getByTestId('auto-lock-save'));
    expect(await screen.findByText(/Confidant locks after 15 minutes/)).toBeTruthy();
    expect(backend.callsTo('set_auto_lock')).toEqual([{ minutes: 15 }]);
    expect(screen.queryByTestId('error')).toBeNull();
  });

  it('sets a passcode only when the two entries match', async () => {
    const user = userEvent.setup();
    render(Settings);
    const next = await screen.findByTestId('passcode-new');
    expect(screen.queryByTestId('passcode-current')).toBeNull();

    await user.type(next, 'short');
    await user.type(screen.getByTestId('passcode-confirm'), 'short');
    await user.click(screen.getByTestId('passcode-save'));
    expect(screen.getByTestId('error').textContent).toContain('at least 6 characters');

    await user.clear(next);
    await user.type(next, 'long enough');
    await user.click(screen.getByTestId('passcode-save'));
    expect(screen.getByTestId('error').textContent).toBe(
      "The new passcode and its confirmation don't match.",
    );
    expect(backend.callsTo('set_passcode')).toEqual([]);

    await user.clear(screen.getByTestId('passcode-confirm'));
    await user.type(screen.getByTestId('passcode-confirm'), 'long enough');
    await user.click(screen.getByTestId('passcode-save'));
    expect(await screen.findByText('Passcode set.')).toBeTruthy();
    expect(backend.callsTo('set_passcode')).toEqual([{ current: null, newPasscode: 'long enough' }]);
    expect(screen.getByTestId('passcode-current')).toBeTruthy();
    expect(screen.getByTestId('passcode-remove')).toBeTruthy();
  });

  it('removes the passcode with the current one, and shows a wrong one plainly', async () => {
    backend.settings.has_passcode = true;
    backend.fail('remove_passcode', { code: 'wrong_passcode', message: 'That passcode is not right.' });
    const user = userEvent.setup();
    render(Settings);

    await user.type(await screen.findByTestId('passcode-current'), 'guess1');
    await user.click(screen.getByTestId('passcode-remove'));
    expect((await screen.findByTestId('error')).textContent).toBe(
      "That passcode isn't right. Try again.",
    );
    expect(backend.callsTo('remove_passcode')).toEqual([{ current: 'guess1' }]);
  });

  it('shows the roles read-only', async () => {
    backend.settings.roles = ['supervisor', 'supervisee'];
    render(Settings);
    expect(await screen.findByText('Supervisor: you supervise practitioners')).toBeTruthy();
    expect(screen.getByText('Supervisee: you receive supervision')).toBeTruthy();
  });

  it('saves your details for agreements, and shows a check Rust makes', async () => {
    new FakeAgreements(backend);
    backend.settings.profile = {
      name: 'Dana Whitfield',
      professional_role: '',
      organisation: '',
      licence_number: '',
      licence_body: '',
    };
    const user = userEvent.setup();
    render(Settings);
    const section = await screen.findByTestId('settings-profile');
    expect(within(section).getByText(/printed on supervision agreements/)).toBeTruthy();
    expect((within(section).getByTestId('profile-name') as HTMLInputElement).value).toBe('Dana Whitfield');

    await user.type(within(section).getByTestId('profile-professional_role'), 'Clinical supervisor');
    await user.type(within(section).getByTestId('profile-organisation'), 'Northside Family Services');
    await user.type(within(section).getByTestId('profile-licence_number'), '  LCSW-1234 ');
    await user.type(within(section).getByTestId('profile-licence_body'), 'State Board of Social Work');
    await user.click(within(section).getByTestId('profile-save'));

    expect(await within(section).findByText(/Saved\. Agreements drafted from now on/)).toBeTruthy();
    expect(backend.callsTo('set_profile')).toEqual([
      {
        profile: {
          name: 'Dana Whitfield',
          professional_role: 'Clinical supervisor',
          organisation: 'Northside Family Services',
          licence_number: '  LCSW-1234 ',
          licence_body: 'State Board of Social Work',
        },
      },
    ]);
    // Rust trims; the form shows what was stored.
    expect((within(section).getByTestId('profile-licence_number') as HTMLInputElement).value).toBe('LCSW-1234');
    expect(backend.settings.profile.licence_number).toBe('LCSW-1234');

    await user.type(within(section).getByTestId('profile-licence_number'), 'X'.repeat(81));
    await user.click(within(section).getByTestId('profile-save'));
    expect((await within(section).findByTestId('error')).textContent).toBe(
      "A party's licence number is too long (at most 80 characters).",
    );
  });
});
