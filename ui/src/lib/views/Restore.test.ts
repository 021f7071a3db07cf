import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { FakeBackend } from '../../test/fakeBackend';
import { FakeDataRights } from '../../test/fakeDataRights';
import { FakePackets } from '../../test/fakePackets';
import { BACKUP_CODE, FakeRestore, REPLACED_FOLDER } from '../../test/fakeRestore';
import { nav } from '../stores/nav.svelte';
import { restore } from '../stores/restore.svelte';
import Onboarding from './Onboarding.svelte';
import Settings from './Settings.svelte';

let backend: FakeBackend;
let fake: FakeRestore;

describe('Restore from a backup during onboarding', () => {
  beforeEach(() => {
    backend = new FakeBackend('no_vault').install();
    fake = new FakeRestore(backend);
    restore.reset();
    nav.apply(backend.status());
  });

  it('chooses a file, shows what it is, and restores it with the recovery code', async () => {
    const user = userEvent.setup();
    render(Onboarding);
    await user.click(screen.getByRole('button', { name: 'Restore from a backup' }));
    expect(screen.queryByTestId('create-vault')).toBeNull();

    fake.nextChoice = { kind: 'file', info: {} };
    await user.click(screen.getByRole('button', { name: 'Choose a backup file…' }));
    const info = await screen.findByTestId('restore-info');
    expect(info.textContent).toContain('confidant-backup-20261130-210000Z.cfbackup');
    expect(info.textContent).toContain('2.3 MB');
    expect(screen.queryByTestId('restore-replace')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Restore this backup' }));
    expect(screen.getByTestId('error').textContent).toContain('Type the recovery code');
    expect(backend.callsTo('restore_confirm')).toEqual([]);

    await user.type(screen.getByLabelText('Recovery code'), 'K7QM 2XPA 9RTB HW4C JN6D F3LE V8SX');
    await user.click(screen.getByRole('button', { name: 'Restore this backup' }));
    expect((await screen.findByTestId('error')).textContent).toContain("doesn't match");
    expect(nav.screen.kind).toBe('onboarding');

    const input = screen.getByLabelText('Recovery code');
    await user.clear(input);
    await user.type(input, BACKUP_CODE.toLowerCase());
    await user.keyboard('{Enter}');
    await expect.poll(() => nav.screen.kind).toBe('unlocked');
    const calls = backend.callsTo('restore_confirm');
    expect(calls[calls.length - 1]).toEqual({
      recoveryCode: BACKUP_CODE.toLowerCase(),
      replace: false,
    });
    expect(fake.restored).toBe(1);
  });

  it('says plainly why a file is refused, and a cancelled dialog changes nothing', async () => {
    const user = userEvent.setup();
    render(Onboarding);
    await user.click(screen.getByRole('button', { name: 'Restore from a backup' }));
    await user.click(screen.getByRole('button', { name: 'Choose a backup file…' }));
    expect(screen.queryByTestId('restore-info')).toBeNull();
    expect(screen.queryByTestId('error')).toBeNull();

    fake.nextChoice = {
      kind: 'refused',
      error: {
        code: 'invalid_input',
        message: 'This file is not a Confidant backup. Choose a file ending in .cfbackup. Nothing was changed.',
      },
    };
    await user.click(screen.getByRole('button', { name: 'Choose a backup file…' }));
    expect((await screen.findByTestId('error')).textContent).toContain('not a Confidant backup');

    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.getByTestId('create-vault')).toBeTruthy();
    expect(backend.callsTo('restore_cancel')).toHaveLength(1);
  });
});

describe('Settings → Restore…', () => {
  beforeEach(() => {
    backend = new FakeBackend('unlocked').install();
    new FakePackets(backend);
    new FakeDataRights(backend);
    fake = new FakeRestore(backend);
    restore.reset();
    nav.apply(backend.status());
  });

  it('asks in plain words before replacing the vault, and says where it is kept', async () => {
    const user = userEvent.setup();
    render(Settings);
    await user.click(await screen.findByRole('button', { name: 'Restore…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Restore from a backup' });
    fake.nextChoice = { kind: 'file', info: { taken_at: null, file_name: 'my vault.cfbackup' } };
    await user.click(within(dialog).getByRole('button', { name: 'Choose a backup file…' }));
    expect((await within(dialog).findByTestId('restore-info')).textContent).toContain(
      'Not known (the file was renamed)',
    );
    expect(dialog.textContent).toContain('This replaces the vault on this computer');
    expect(dialog.textContent).toContain(`kept as a backup file in ${REPLACED_FOLDER}`);

    await user.type(within(dialog).getByLabelText('Recovery code'), BACKUP_CODE);
    await user.click(within(dialog).getByRole('button', { name: 'Restore this backup' }));
    expect(within(dialog).getByTestId('error').textContent).toContain('Tick “Replace the vault on this computer”');
    expect(backend.callsTo('restore_confirm')).toEqual([]);

    await user.click(within(dialog).getByLabelText('Replace the vault on this computer'));
    await user.click(within(dialog).getByRole('button', { name: 'Restore this backup' }));
    await expect.poll(() => fake.restored).toBe(1);
    expect(backend.callsTo('restore_confirm')).toEqual([{ recoveryCode: BACKUP_CODE, replace: true }]);
    expect(restore.keptAs).toBe(`${REPLACED_FOLDER}/confidant-backup-20261201-043000Z.cfbackup`);
    await expect.poll(() => nav.screen.kind).toBe('unlocked');
  });

  it('Escape closes the dialog and forgets the chosen file', async () => {
    const user = userEvent.setup();
    render(Settings);
    await user.click(await screen.findByRole('button', { name: 'Restore…' }));
    fake.nextChoice = { kind: 'file', info: {} };
    await user.click(screen.getByRole('button', { name: 'Choose a backup file…' }));
    await screen.findByTestId('restore-info');
    await user.keyboard('{Escape}');
    await expect.poll(() => screen.queryByRole('dialog')).toBeNull();
    expect(backend.callsTo('restore_cancel')).toHaveLength(1);
    expect(restore.chosen).toBeNull();
  });
});

