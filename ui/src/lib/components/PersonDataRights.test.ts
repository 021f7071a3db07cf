// A person's data rights: the export warns that its files are not
// encrypted before the save dialog opens; erasure shows what stops it and
// what it cannot reach, and needs the name typed; Settings keeps retention
// periods (checked as Rust checks them) and lists who is due for disposal.
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { FakeBackend } from '../../test/fakeBackend';
import { FakeDataRights } from '../../test/fakeDataRights';
import { dataRights } from '../stores/dataRights.svelte';
import { people } from '../stores/people.svelte';
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

  it('erases only after the name is typed exactly, then leaves the page', async () => {
    await people.open(samId);
    const user = show(samId);
    await user.click(screen.getByTestId('erase-person'));
    const submit = (await screen.findByTestId('erase-submit')) as HTMLButtonElement;
    expect(submit.disabled).toBe(true);
    await user.type(screen.getByTestId('erase-confirm'), 'Sam');
    expect(submit.disabled).toBe(true);
    await user.type(screen.getByTestId('erase-confirm'), ' Okafor');
    expect(submit.disabled).toBe(false);
    await user.click(submit);
    await waitFor(() => expect(fake.erased).toEqual([samId]));
    expect(people.view.kind).toBe('list');
    expect(screen.queryByRole('alertdialog')).toBeNull();
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
    await user.click(screen.getByTestId('erase-submit'));
    expect(await screen.findByTestId('erased-status')).toBeTruthy();
    expect(await screen.findByTestId('nothing-due')).toBeTruthy();
  });

  it('says when nothing is due', async () => {
    render(RetentionSettings);
    expect(text(await screen.findByTestId('nothing-due'))).toBe('Nothing is due for disposal today.');
  });
});
