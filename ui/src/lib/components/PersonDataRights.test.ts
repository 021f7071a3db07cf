// A person's data rights: the export warns that its files are not
// encrypted before the save dialog opens; erasure shows what stops it and
// what it cannot reach, and needs the name typed and the new keys'
// Emergency Kit typed back; Settings keeps retention
// periods (checked as Rust checks them) and lists who is due for disposal.
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { FakeBackend } from '../../test/fakeBackend';
import { FakeDataRights } from '../../test/fakeDataRights';
import { FAKE_PASSCODE, NEW_RECOVERY_CODE } from '../../test/fakeKeys';
import { dataRights } from '../stores/dataRights.svelte';
import { people } from '../stores/people.svelte';
import { settings } from '../stores/settings.svelte';
import PersonDataRights from './PersonDataRights.svelte';
import RetentionSettings from './settings/RetentionSettings.svelte';

function text(el: Element | null): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

let backend: FakeBackend;
let fake: FakeDataRights;
let samId: string;

beforeEach(() => {
  people.reset();
  dataRights.reset();
  settings.reset();
  backend = new FakeBackend().install();
  fake = new FakeDataRights(backend);
  backend.settings.roles = ['supervisor'];
  samId = backend.seedPerson({ name: 'Sam Okafor', relation: 'i_supervise' }).id;
});

function show(personId: string, name = 'Sam Okafor', kind: 'person' | 'group' = 'person') {
  render(PersonDataRights, { personId, name, kind });
  return userEvent.setup();
}

describe('PersonDataRights', () => {
  it('warns that the files are not encrypted before the save dialog opens, then says where they went', async () => {
    const user = show(samId);
    await user.click(screen.getByTestId('export-person'));
    const dialog = await screen.findByRole('alertdialog');
    expect(text(dialog)).toMatch(/not encrypted/);
    expect(backend.calls.some((c) => c.cmd === 'subject_access_save')).toBe(false);
    await user.click(within(dialog).getByTestId('export-confirm'));
    const status = await screen.findByTestId('export-saved');
    expect(text(status)).toContain('Subject access export 2026-11-30.json');
    expect(text(status)).toContain('Subject access export 2026-11-30.pdf');
    expect(fake.saves).toHaveLength(1);
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('saves nothing and says nothing when the save dialog is cancelled', async () => {
    fake.chosenPath = null;
    const user = show(samId);
    await user.click(screen.getByTestId('export-person'));
    await user.click(await screen.findByTestId('export-confirm'));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(screen.queryByTestId('export-saved')).toBeNull();
  });

  it('offers no export for a group, but erasure', () => {
    const groupId = backend.seedPerson({ name: 'Tuesday group', kind: 'group', relation: 'i_supervise' }).id;
    show(groupId, 'Tuesday group', 'group');
    expect(screen.queryByTestId('export-person')).toBeNull();
    expect(screen.getByTestId('erase-person')).toBeTruthy();
  });

  it('refuses to erase someone still in a group, and says why', async () => {
    backend.seedPerson({ name: 'Tuesday group', kind: 'group', relation: 'i_supervise', members: [samId] });
    const user = show(samId);
    await user.click(screen.getByTestId('erase-person'));
    const blockers = await screen.findByTestId('erase-blockers');
    expect(text(blockers)).toContain('Remove Sam Okafor from the group “Tuesday group” first.');
    expect(screen.queryByTestId('erase-submit')).toBeNull();
    expect(text(screen.getByTestId('erase-cannot-reach'))).toMatch(/data folder/);
  });

  it('erases only after the name is typed and the new Emergency Kit typed back, then offers to delete older backups', async () => {
    fake.keys.backups = [
      { file_name: 'confidant-backup-20261130-200000Z.cfbackup', made_at: '2026-11-30T20:00:00Z' },
      { file_name: 'confidant-backup-20261129-200000Z.cfbackup', made_at: '2026-11-29T20:00:00Z' },
    ];
    await people.open(samId);
    const user = show(samId);
    await user.click(screen.getByTestId('erase-person'));
    const next = (await screen.findByTestId('erase-continue')) as HTMLButtonElement;
    expect(next.disabled).toBe(true);
    await user.type(screen.getByTestId('erase-confirm'), 'Sam');
    expect(next.disabled).toBe(true);
    await user.type(screen.getByTestId('erase-confirm'), ' Okafor');
    expect(next.disabled).toBe(false);
    await user.click(next);
    // The new keys' Emergency Kit: shown once, confirmed saved, typed back.
    expect(text(await screen.findByTestId('new-recovery-code'))).toBe(NEW_RECOVERY_CODE);
    expect(fake.keys.pending).toBe('master_key');
    const submit = screen.getByTestId('erase-submit') as HTMLButtonElement;
    expect(submit.disabled).toBe(true);
    await user.click(screen.getByTestId('new-kit-saved'));
    await user.type(screen.getByTestId('recovery-input'), 'N3WK EYSX 2345 6789 ABCD EFGH JKMM');
    await user.click(submit);
    expect(await screen.findByText(/recovery code doesn't match/)).toBeTruthy();
    expect(fake.erased).toEqual([]);
    await user.clear(screen.getByTestId('recovery-input'));
    await user.type(screen.getByTestId('recovery-input'), NEW_RECOVERY_CODE.toLowerCase());
    await user.click(submit);
    await waitFor(() => expect(fake.erased).toEqual([samId]));
    expect(text(await screen.findByTestId('erase-done'))).toMatch(/4 data keys were re-wrapped/);
    expect(text(await screen.findByTestId('older-backups-found'))).toMatch(/2 backups/);
    await user.click(screen.getByTestId('older-backups-delete'));
    expect(text(await screen.findByTestId('older-backups-deleted'))).toMatch(/2 older backups were deleted/);
    expect(fake.keys.deletedBefore).toEqual(['2026-12-01T09:00:00Z']);
    await user.click(screen.getByRole('button', { name: 'Close' }));
    expect(people.view.kind).toBe('list');
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('asks for the app passcode when one is set, and cancelling forgets the new code', async () => {
    backend.settings.has_passcode = true;
    await settings.load();
    const user = show(samId);
    await user.click(screen.getByTestId('erase-person'));
    await user.type(await screen.findByTestId('erase-confirm'), 'Sam Okafor');
    await user.click(screen.getByTestId('erase-continue'));
    expect(await screen.findByText('Enter your app passcode to continue.')).toBeTruthy();
    await user.type(screen.getByTestId('erase-passcode'), 'not it');
    await user.click(screen.getByTestId('erase-continue'));
    expect(await screen.findByText("That passcode isn't right. Try again.")).toBeTruthy();
    await user.clear(screen.getByTestId('erase-passcode'));
    await user.type(screen.getByTestId('erase-passcode'), FAKE_PASSCODE);
    await user.click(screen.getByTestId('erase-continue'));
    await screen.findByTestId('new-recovery-code');
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(fake.keys.pending).toBeNull());
    expect(fake.erased).toEqual([]);
  });

  it('forgets everything on reset (lock)', async () => {
    const user = show(samId);
    await user.click(screen.getByTestId('erase-person'));
    await screen.findByTestId('erase-dialog');
    dataRights.reset();
    expect(dataRights.preview).toBeNull();
    expect(dataRights.due).toEqual([]);
    expect(dataRights.retention).toBeNull();
  });
});

describe('RetentionSettings', () => {
  it('shows the defaults, refuses a period out of range, saves one in range', async () => {
    render(RetentionSettings);
    const user = userEvent.setup();
    const field = (await screen.findByTestId('retention-contact_notes')) as HTMLInputElement;
    expect(field.value).toBe('7');
    expect(text(screen.getByTestId('retention-settings'))).toMatch(/These are the defaults \(7 years\)/);
    await user.clear(field);
    await user.type(field, '0');
    await user.click(screen.getByTestId('retention-save'));
    expect(await screen.findByText(/contact notes must be between 1 and 100 years/)).toBeTruthy();
    expect(backend.calls.some((c) => c.cmd === 'retention_set')).toBe(false);
    await user.clear(field);
    await user.type(field, '10');
    await user.click(screen.getByTestId('retention-save'));
    expect(await screen.findByText('Retention periods saved.')).toBeTruthy();
    expect(fake.periods?.contact_notes).toBe(10);
  });

  it('lists who is due for disposal, with what is not yet due, and erases from there', async () => {
    backend.seedPerson({ name: 'Lee Ended', relation: 'i_supervise', end_date: '2015-06-30' });
    render(RetentionSettings);
    const user = userEvent.setup();
    const list = await screen.findByTestId('due-list');
    expect(text(list)).toContain('Lee Ended');
    expect(text(list)).toMatch(/session records and addenda/);
    await user.click(within(list).getByTestId('due-erase'));
    await user.type(await screen.findByTestId('erase-confirm'), 'Lee Ended');
    await user.click(screen.getByTestId('erase-continue'));
    await user.click(await screen.findByTestId('new-kit-saved'));
    await user.type(screen.getByTestId('recovery-input'), NEW_RECOVERY_CODE);
    await user.click(screen.getByTestId('erase-submit'));
    expect(await screen.findByTestId('older-backups-none')).toBeTruthy();
    expect(await screen.findByTestId('erased-status')).toBeTruthy();
    expect(await screen.findByTestId('nothing-due')).toBeTruthy();
  });

  it('says when nothing is due', async () => {
    render(RetentionSettings);
    expect(text(await screen.findByTestId('nothing-due'))).toBe('Nothing is due for disposal today.');
  });
});
