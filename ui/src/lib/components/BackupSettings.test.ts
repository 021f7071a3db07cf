// Backups in Settings (folder from the dialog, back up now with progress and
// the result in plain words, the schedule and keep-N validated) and on
// Today (the last backup, a warning when there is none or it is more than a
// week old, with a way to Settings).
import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeBackend } from '../../test/fakeBackend';
import type { BackupReport } from '../bindings';
import { backups, verifiedText } from '../stores/backups.svelte';
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
      "the table definitions are your vault's, and all 48 tables have the same number of rows as your vault (120 rows, 2 key slots). With your keys, its 5 data keys and all 64 sealed values in its 46 tables opened, as many as in your vault.",
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
        'The backup was not kept because it failed its check: 1 sealed value in the copy\'s table journal_entries does not open. Your vault is unchanged; try again, or choose another folder.',
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

describe('verifiedText', () => {
  const report = (sealed: BackupReport['verified']['sealed']): BackupReport => ({
    file_name: 'confidant-backup-20260309-080000Z.cfbackup',
    made_at: '2026-03-09T08:00:00Z',
    bytes: 4096,
    verified: { tables: 48, rows: 120, key_slots: 2, sealed },
    removed: 0,
    kept: 1,
  });

  it('does not say every value opened when some were already damaged, and names erased people’s values', () => {
    const said = verifiedText(
      report({ data_keys: 4, values: 61, tables: 46, already_damaged: 1, erased: 3 }),
    );
    expect(said).toMatch(
      'With your keys, its 4 data keys and 61 sealed values in its 46 tables opened, as many as in your vault. 1 item was already damaged in your vault and is copied as it is. 3 values belong to people you erased: they can no longer be opened by anyone, as intended.',
    );
    expect(said).not.toMatch('all 61');
  });

  it('says nothing was opened while locked', () => {
    expect(verifiedText(report(null))).toMatch('Confidant was locked, so the encrypted contents were not opened');
  });
});
