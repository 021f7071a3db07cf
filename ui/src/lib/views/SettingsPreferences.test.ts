import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { FakeBackend } from '../../test/fakeBackend';
import { FakePackets } from '../../test/fakePackets';
import { FakeDataRights } from '../../test/fakeDataRights';
import { settings } from '../stores/settings.svelte';
import Settings from './Settings.svelte';

let backend: FakeBackend;

beforeEach(() => {
  backend = new FakeBackend().install();
  new FakePackets(backend);
  new FakeDataRights(backend);
});

describe('Settings: preferences', () => {
  it('saves "show initials" at once, with every other preference unchanged', async () => {
    const user = userEvent.setup();
    render(Settings);
    const box = (await screen.findByTestId('pref-initials')) as HTMLInputElement;
    expect(box.checked).toBe(false);
    await user.click(box);
    await waitFor(() => expect(backend.callsTo('set_preferences')).toHaveLength(1));
    expect(backend.callsTo('set_preferences')[0]).toEqual({
      preferences: {
        show_initials: true,
        clock: 'locale',
        date_order: 'locale',
        journal_tip_dismissed: false,
        reminders_enabled: true,
        reminder_minutes: 15,
      },
    });
    expect(backend.settings.preferences.show_initials).toBe(true);
    await waitFor(() => expect(settings.preferences.show_initials).toBe(true));
  });

  it('changes the clock and the date order, and shows an example', async () => {
    const user = userEvent.setup();
    render(Settings);
    await user.selectOptions(await screen.findByLabelText('Clock'), 'h24');
    await waitFor(() => expect(backend.settings.preferences.clock).toBe('h24'));
    await user.selectOptions(screen.getByLabelText('Date order'), 'ymd');
    await waitFor(() => expect(backend.settings.preferences.date_order).toBe('ymd'));
    // 31 March 2026, 14:30 as chosen: year-month-day, 24-hour.
    await waitFor(() => expect(screen.getByTestId('pref-example').textContent).toMatch(/2026-03-31, 14:30$/));
  });

  it('checks the reminder lead time before saving, and saves reminders off', async () => {
    const user = userEvent.setup();
    render(Settings);
    const section = await screen.findByTestId('settings-reminders');
    const minutes = within(section).getByLabelText('Remind me this many minutes before');
    await user.clear(minutes);
    await user.type(minutes, '10081');
    await user.click(within(section).getByTestId('pref-reminders-save'));
    expect(within(section).getByTestId('error').textContent).toBe(
      'Enter a whole number of minutes from 0 to 10080.',
    );
    expect(minutes.getAttribute('aria-invalid')).toBe('true');
    expect(backend.callsTo('set_preferences')).toEqual([]);

    await user.clear(minutes);
    await user.type(minutes, '30');
    await user.click(within(section).getByTestId('pref-reminders'));
    await user.click(within(section).getByTestId('pref-reminders-save'));
    expect(await within(section).findByText('Saved. Confidant shows no desktop reminders.')).toBeTruthy();
    expect(backend.settings.preferences).toMatchObject({ reminders_enabled: false, reminder_minutes: 30 });
  });

  it('shows an error Rust gives and keeps the preferences as they were', async () => {
    backend.fail('set_preferences', { code: 'invalid_input', message: 'The clock format is not valid.' });
    const user = userEvent.setup();
    render(Settings);
    await user.selectOptions(await screen.findByLabelText('Clock'), 'h12');
    expect((await screen.findByTestId('error')).textContent).toBe('The clock format is not valid.');
    expect(settings.preferences.clock).toBe('locale');
  });

  it('says what the lock protects, with and without a passcode', async () => {
    const user = userEvent.setup();
    render(Settings);
    const text = await screen.findByTestId('lock-protection');
    expect(text.textContent).toContain('Unlock reads the key from your system keychain silently');
    expect(text.textContent).toContain('anyone using this computer account can unlock');

    await user.type(screen.getByTestId('passcode-new'), 'long enough');
    await user.type(screen.getByTestId('passcode-confirm'), 'long enough');
    await user.click(screen.getByTestId('passcode-save'));
    await waitFor(() => expect(screen.getByTestId('lock-protection').textContent).toContain('asks for it every time'));
  });

  it('keeps nothing in browser storage', async () => {
    const user = userEvent.setup();
    render(Settings);
    await user.click(await screen.findByTestId('pref-initials'));
    await waitFor(() => expect(backend.callsTo('set_preferences')).toHaveLength(1));
    expect(localStorage.length).toBe(0);
    expect(sessionStorage.length).toBe(0);
  });
});
