// Settings' key changes: a new recovery code or new keys, each after the
// passcode (when set), with the new Emergency Kit typed back before
// anything changes, then the older backups that still open with the old
// code offered for deletion.
import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { FakeBackend } from '../../../test/fakeBackend';
import { FAKE_PASSCODE, FakeKeys, NEW_RECOVERY_CODE } from '../../../test/fakeKeys';
import { keyChange } from '../../stores/keyChange.svelte';
import { settings } from '../../stores/settings.svelte';
import KeySettings from './KeySettings.svelte';

function text(el: Element | null): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

let backend: FakeBackend;
let keys: FakeKeys;

beforeEach(async () => {
  keyChange.reset();
  settings.reset();
  backend = new FakeBackend().install();
  keys = new FakeKeys(backend);
});

async function show(hasPasscode = false) {
  backend.settings.has_passcode = hasPasscode;
  await settings.load();
  render(KeySettings);
  return userEvent.setup();
}

describe('KeySettings', () => {
  it('replaces the recovery code only once the new one is typed back', async () => {
    const user = await show();
    await user.click(screen.getByTestId('key-new-code'));
    expect(text(screen.getByTestId('key-change-dialog'))).toMatch(/Backups made before still open with the old code/);
    expect(keys.pending).toBeNull();
    await user.click(screen.getByTestId('key-change-continue'));
    expect(text(await screen.findByTestId('new-recovery-code'))).toBe(NEW_RECOVERY_CODE);
    const finish = screen.getByTestId('key-change-finish') as HTMLButtonElement;
    expect(finish.disabled).toBe(true);
    await user.click(screen.getByTestId('new-kit-save'));
    expect(await screen.findByText('New Emergency Kit saved to the file you chose.')).toBeTruthy();
    await user.click(screen.getByTestId('new-kit-saved'));
    await user.type(screen.getByTestId('recovery-input'), NEW_RECOVERY_CODE);
    expect(finish.disabled).toBe(false);
    await user.click(finish);
    expect(text(await screen.findByTestId('key-change-done'))).toMatch(/old one no longer opens this vault/);
    expect(keys.finished).toEqual(['recovery_code']);
    expect(await screen.findByTestId('older-backups-none')).toBeTruthy();
  });

  it('rotates the keys after the passcode, then offers to delete the older backups', async () => {
    keys.backups = [{ file_name: 'confidant-backup-20261130-200000Z.cfbackup', made_at: '2026-11-30T20:00:00Z' }];
    const user = await show(true);
    await user.click(screen.getByTestId('rotate-keys'));
    await user.click(screen.getByTestId('key-change-continue'));
    expect(await screen.findByText('Enter your app passcode to continue.')).toBeTruthy();
    await user.type(screen.getByTestId('key-change-passcode'), 'wrong one');
    await user.click(screen.getByTestId('key-change-continue'));
    expect(await screen.findByText("That passcode isn't right. Try again.")).toBeTruthy();
    await user.clear(screen.getByTestId('key-change-passcode'));
    await user.type(screen.getByTestId('key-change-passcode'), FAKE_PASSCODE);
    await user.click(screen.getByTestId('key-change-continue'));
    await user.click(await screen.findByTestId('new-kit-saved'));
    await user.type(screen.getByTestId('recovery-input'), NEW_RECOVERY_CODE);
    await user.click(screen.getByTestId('key-change-finish'));
    expect(text(await screen.findByTestId('key-change-done'))).toMatch(/5 data keys were re-wrapped/);
    expect(text(await screen.findByTestId('older-backups-found'))).toMatch(/1 backup in your backup folder was made/);
    await user.click(screen.getByTestId('older-backups-delete'));
    expect(await screen.findByTestId('older-backups-deleted')).toBeTruthy();
    expect(keys.backups).toEqual([]);
  });

  it('cancelling after the code was shown cancels the change in Rust', async () => {
    const user = await show();
    await user.click(screen.getByTestId('rotate-keys'));
    await user.click(screen.getByTestId('key-change-continue'));
    await screen.findByTestId('new-recovery-code');
    expect(keys.pending).toBe('master_key');
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(keys.pending).toBeNull());
    expect(screen.queryByTestId('key-change-dialog')).toBeNull();
    expect(keys.finished).toEqual([]);
  });
});
