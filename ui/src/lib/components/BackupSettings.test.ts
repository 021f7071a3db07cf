// Backups in Settings (folder from the dialog, back up now with progress and
// the result in plain words, the schedule and keep-N validated) and on
// Today (the last backup, a warning when there is none or it is more than a
// week old, with a way to Settings).
import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeBackend } from '../../test/fakeBackend';
import { backups } from '../stores/backups.svelte';
import BackupSettings from './settings/BackupSettings.svelte';
import TodayBackup from './TodayBackup.svelte';

vi.stubEnv('TZ', 'UTC');

function text(el: Element | null): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

let backend: FakeBackend;

beforeEach(() => {
  backups.reset();
  backend = new FakeBackend().install();
});

describe('Backups in Settings', () => {
  it('asks for a folder first, then backs up with progress and says what was checked', async () => {
    const user = userEvent.setup();
    render(BackupSettings);
    expect(text(await screen.findByTestId('backup-no-folder'))).toBe('No folder chosen yet, so no backup is made.');
    const now = screen.getByRole('button', { name: 'Back up now' });
    expect((now as HTMLButtonElement).disabled).toBe(true);

    await user.click(screen.getByRole('button', { name: 'Choose a folder…' }));
    expect(text(await screen.findByTestId('backup-folder'))).toBe('/home/sam/Backups');
    expect(text(screen.getByTestId('backup-last'))).toBe('No backup in this folder yet.');

    let release = () => {};
    backend.backups.hold = new Promise<void>((resolve) => (release = resolve));
    await user.click(screen.getByRole('button', { name: 'Back up now' }));
    expect(text(await screen.findByTestId('backup-running'))).toMatch('Making the backup and checking the copy');
    expect((screen.getByTestId('backup-now') as HTMLButtonElement).disabled).toBe(true);
    release();

    const report = await screen.findByTestId('backup-report');
    expect(text(report)).toMatch('(confidant-backup-20260309-080000Z.cfbackup). 1 backup is in the folder.');
    expect(text(report)).toMatch(
      'With your keys, 5 data keys, the settings, 12 journal entries and 3 people’s records opened, as many as in your vault. Other records are copied as stored but were not opened by the check.',
    );
    expect(screen.queryByTestId('backup-running')).toBeNull();
    await waitFor(() => expect(text(screen.getByTestId('backup-last'))).toMatch('1 backup is in the folder.'));
  });

  it('keeps the folder when the dialog is cancelled', async () => {
    const user = userEvent.setup();
    backend.backups.chooseAnswer = null;
    render(BackupSettings);
    await user.click(await screen.findByRole('button', { name: 'Choose a folder…' }));
    await waitFor(() => expect(backend.callsTo('backup_choose_folder')).toHaveLength(1));
    expect(screen.getByTestId('backup-no-folder')).toBeTruthy();
  });

  it('validates how many to keep before sending, then saves the schedule', async () => {
    const user = userEvent.setup();
    render(BackupSettings);
    const keep = await screen.findByLabelText('Backups to keep');
    await user.clear(keep);
    await user.type(keep, '0');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(text(await screen.findByRole('alert'))).toMatch('between 1 and 365');
    expect(backend.callsTo('backup_schedule_set')).toHaveLength(0);

    await user.clear(keep);
    await user.type(keep, '30');
    await user.selectOptions(screen.getByLabelText('How often'), 'Every week');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(text(await screen.findByText('Backup schedule saved.'))).toBeTruthy();
    expect(backend.callsTo('backup_schedule_set')).toEqual([
      { schedule: { scheduled: true, interval: 'weekly', keep: 30 } },
    ]);

    await user.click(screen.getByLabelText('Make backups automatically'));
    expect((screen.getByLabelText('How often') as HTMLSelectElement).disabled).toBe(true);
  });

  it('shows a failed backup in plain words', async () => {
    const user = userEvent.setup();
    backend.backups.plan.folder = '/home/sam/Backups';
    backend.fail('backup_now', {
      code: 'backup_not_verified',
      message:
        'The backup was not kept because it failed its check: a journal entry in the copy does not open. Your vault is unchanged; try again, or choose another folder.',
    });
    render(BackupSettings);
    await user.click(await screen.findByRole('button', { name: 'Back up now' }));
    expect(text(await screen.findByRole('alert'))).toMatch('The backup was not kept because it failed its check');
    expect(screen.queryByTestId('backup-report')).toBeNull();
  });

  it('says when the folder cannot be used', async () => {
    backend.backups.plan.folder = '/media/usb/Backups';
    backend.backups.folderProblem = 'The backup folder does not exist (it may have been moved, renamed or disconnected). Choose it again.';
    render(BackupSettings);
    expect(text(await screen.findByTestId('backup-folder-problem'))).toMatch('may have been moved');
  });
});

describe('Backups on Today', () => {
  it('warns when there is no backup and leads to Settings', async () => {
    const user = userEvent.setup();
    const onOpenSettings = vi.fn();
    render(TodayBackup, { onOpenSettings });
    expect(text(await screen.findByTestId('today-backup-none'))).toBe(
      '⚠ No backup has been made yet: choose a folder for backups.',
    );
    await user.click(screen.getByRole('button', { name: 'Open backup settings' }));
    expect(onOpenSettings).toHaveBeenCalledOnce();
  });

  it('shows a recent backup without a warning', async () => {
    backend.backups.plan.folder = '/home/sam/Backups';
    backend.backups.seed(new Date(Date.UTC(2026, 2, 8, 21, 30, 0)));
    render(TodayBackup, { onOpenSettings: () => undefined });
    const last = await screen.findByTestId('today-backup-last');
    expect(text(last)).toMatch(/^Last backup: .*8.*2026.*\.$/);
    expect(text(last)).not.toMatch('more than a week old');
    expect(screen.queryByRole('button', { name: 'Open backup settings' })).toBeNull();
  });

  it('warns when the newest backup is more than a week old', async () => {
    backend.backups.plan.folder = '/home/sam/Backups';
    backend.backups.seed(new Date(Date.UTC(2026, 2, 1, 8, 0, 0)));
    render(TodayBackup, { onOpenSettings: () => undefined });
    expect(text(await screen.findByTestId('today-backup-last'))).toMatch('It is more than a week old.');
    expect(screen.getByRole('button', { name: 'Open backup settings' })).toBeTruthy();
  });
});
