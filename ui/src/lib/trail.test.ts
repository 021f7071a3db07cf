// The paper trail on a supervisee's page: the confidentiality-exception log
// (record, addenda, no delete) and between-session contact notes.
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { FakeBackend } from '../test/fakeBackend';
import { FakeTrail } from '../test/fakeTrail';
import type { ExceptionInput } from './bindings';
import PersonContacts from './components/PersonContacts.svelte';
import PersonExceptions from './components/PersonExceptions.svelte';
import { checkContact, contacts, emptyContact, inputOfFields } from './stores/contacts.svelte';
import { checkException, emptyException, exceptions, PERMANENCE_NOTE } from './stores/exceptions.svelte';

let backend: FakeBackend;
let fake: FakeTrail;
let sam: string;

beforeEach(() => {
  exceptions.reset();
  contacts.reset();
  backend = new FakeBackend().install();
  fake = new FakeTrail(backend);
  sam = backend.seedPerson({ name: 'Sam Okafor' }).id;
});

function entryInput(changes: Partial<ExceptionInput> = {}): ExceptionInput {
  return {
    ...emptyException('2026-11-20'),
    concern: 'C-17 described a plan to harm a child in their care.',
    shared: 'The disclosure and the family address.',
    recipient_organisation: "Northside Children's Services",
    recipient_role: 'Duty social worker',
    basis: 'Safeguarding duty under the local procedure.',
    discussed_how: 'By phone before the referral.',
    ...changes,
  };
}

const text = (el: Element) => el.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('the exception log', () => {
  it('says entries cannot be deleted, and offers no way to delete or edit one', async () => {
    const entry = fake.seedEntry(sam, entryInput());
    render(PersonExceptions, { personId: sam, name: 'Sam Okafor' });
    const list = await screen.findByTestId('exception-list');
    expect(screen.getByTestId('exceptions-permanent').textContent).toBe(PERMANENCE_NOTE);
    const item = within(list).getByTestId('exception-entry');
    expect(text(item)).toContain("Northside Children's Services, Duty social worker");
    expect(text(item)).toContain('Yes, before sharing: By phone before the referral.');
    const buttons = within(item).getAllByRole('button').map((b) => b.textContent?.trim());
    expect(buttons).toEqual(['Add an addendum']);
    expect(fake.entries.map((e) => e.id)).toEqual([entry.id]);
  });

  it('records an exception through the dialog, with the kinds explained', async () => {
    const user = userEvent.setup();
    render(PersonExceptions, { personId: sam, name: 'Sam Okafor' });
    expect(await screen.findByTestId('exceptions-empty')).toBeTruthy();
    await user.click(screen.getByTestId('exception-record'));
    const dialog = screen.getByTestId('exception-dialog');
    expect(text(dialog)).toContain('Serious risk of harm to a client or the public.');
    expect(text(dialog)).toContain('would not change it after you raised it');

    // Without a recipient: the specific message, beside the field, nothing sent.
    await user.type(within(dialog).getByTestId('exception-concern'), 'Risk to a child (C-17).');
    await user.type(within(dialog).getByTestId('exception-shared'), 'The disclosure only.');
    await user.type(within(dialog).getByTestId('exception-basis'), 'Safeguarding duty.');
    await user.type(within(dialog).getByTestId('exception-discussed-how'), 'Phoned Sam first.');
    await user.click(within(dialog).getByTestId('exception-save'));
    expect(within(dialog).getByRole('alert').textContent).toContain('needs a recipient');
    expect(within(dialog).getByTestId('exception-organisation').getAttribute('aria-invalid')).toBe('true');
    expect(backend.callsTo('exception_record')).toHaveLength(0);

    await user.type(within(dialog).getByTestId('exception-organisation'), "Northside Children's Services");
    await user.type(within(dialog).getByTestId('exception-role'), 'Duty social worker');
    await user.click(within(dialog).getByTestId('exception-save'));
    await waitFor(() => expect(screen.queryByTestId('exception-dialog')).toBeNull());
    expect(backend.callsTo('exception_record')).toHaveLength(1);
    expect(fake.entries).toHaveLength(1);
    expect(screen.getByRole('status').textContent).toContain('recorded');
    expect(screen.getAllByTestId('exception-entry')).toHaveLength(1);
  });

  it('adds dated addenda in order under the entry, the original unchanged', async () => {
    fake.seedEntry(sam, entryInput());
    const user = userEvent.setup();
    render(PersonExceptions, { personId: sam, name: 'Sam Okafor' });
    const item = await screen.findByTestId('exception-entry');
    for (const note of ['Correction: the referral was on 21 November.', 'Outcome: family supported.']) {
      await user.click(within(item).getByTestId('exception-add-addendum'));
      const dialog = screen.getByTestId('addendum-dialog');
      await user.type(within(dialog).getByTestId('addendum-text'), note);
      await user.click(within(dialog).getByTestId('addendum-save'));
      await waitFor(() => expect(screen.queryByTestId('addendum-dialog')).toBeNull());
    }
    const addenda = within(screen.getByTestId('exception-entry')).getAllByTestId('exception-addendum');
    expect(addenda.map(text)).toEqual([
      expect.stringMatching(/^Addendum 1, .+: Correction: the referral was on 21 November\.$/),
      expect.stringMatching(/^Addendum 2, .+: Outcome: family supported\.$/),
    ]);
    expect(text(screen.getByTestId('exception-entry'))).toContain('C-17 described a plan');
  });

  it('warns under the concern when it looks like a client name, without blocking', async () => {
    backend.on('name_guard_check', (args) =>
      String(args.text).includes('Mary Jones')
        ? [{ kind: 'full_name', excerpt: 'Mary Jones', message: '“Mary Jones” looks like a full name.' }]
        : [],
    );
    const user = userEvent.setup();
    render(PersonExceptions, { personId: sam, name: 'Sam Okafor' });
    await screen.findByTestId('exceptions-empty');
    await user.click(screen.getByTestId('exception-record'));
    const dialog = screen.getByTestId('exception-dialog');
    const concern = within(dialog).getByTestId('exception-concern');
    await user.type(concern, 'Mary Jones said she would hurt her son.');
    const hints = within(dialog).getAllByTestId('name-guard');
    await waitFor(() => expect(hints[0].textContent).toContain('looks like a full name'));
    expect(concern.getAttribute('aria-describedby')?.split(' ')).toContain(hints[0].id);
    expect(hints[1].textContent).toBe('');
    // A warning only: the entry can still be recorded.
    await user.type(within(dialog).getByTestId('exception-shared'), 'The disclosure.');
    await user.type(within(dialog).getByTestId('exception-organisation'), 'Northside');
    await user.type(within(dialog).getByTestId('exception-role'), 'Duty social worker');
    await user.type(within(dialog).getByTestId('exception-basis'), 'Safeguarding duty.');
    await user.type(within(dialog).getByTestId('exception-discussed-how'), 'In person.');
    await user.click(within(dialog).getByTestId('exception-save'));
    await waitFor(() => expect(fake.entries).toHaveLength(1));
  });

  it('refuses an empty addendum without sending it', async () => {
    fake.seedEntry(sam, entryInput());
    const user = userEvent.setup();
    render(PersonExceptions, { personId: sam, name: 'Sam Okafor' });
    await user.click(await screen.findByTestId('exception-add-addendum'));
    await user.click(screen.getByTestId('addendum-save'));
    expect(screen.getByRole('alert').textContent).toContain('The addendum is empty');
    expect(backend.callsTo('exception_add_addendum')).toHaveLength(0);
  });

  it('checks as Rust does: future date, empty concern, how it was discussed', () => {
    expect(checkException(entryInput(), '2026-11-30')).toBeNull();
    expect(checkException(entryInput({ date: '2026-12-01' }), '2026-11-30')?.field).toBe('date');
    expect(checkException(entryInput({ concern: '  ' }), '2026-11-30')?.error.message).toBe(
      'The concern is empty. Write something first.',
    );
    expect(checkException(entryInput({ discussed_how: '' }), '2026-11-30')?.field).toBe('discussed_how');
    expect(checkException(entryInput({ discussed: 'not_possible', discussed_how: '' }), '2026-11-30')).toBeNull();
  });

  it('the fake refuses what the core refuses: an organisation as subject, no recipient', () => {
    const org = backend.seedPerson({ name: 'Northside Trust', kind: 'organisation', relation: 'none' }).id;
    expect(() => fake.seedEntry(org, entryInput())).toThrow();
    expect(() => fake.seedEntry(sam, entryInput({ recipient_role: '' }))).toThrow();
    expect(fake.entries).toHaveLength(0);
  });
});

describe('contact notes', () => {
  it('adds a note, edits it and deletes it after asking', async () => {
    const user = userEvent.setup();
    render(PersonContacts, { personId: sam, name: 'Sam Okafor' });
    expect(await screen.findByTestId('contacts-empty')).toBeTruthy();
    await user.click(screen.getByTestId('contact-add'));
    const dialog = screen.getByTestId('contact-dialog');
    await user.click(within(dialog).getByTestId('contact-save'));
    expect(within(dialog).getByRole('alert').textContent).toContain('The issue is empty');
    expect(backend.callsTo('contact_create')).toHaveLength(0);
    await user.type(within(dialog).getByTestId('contact-issue'), 'Client disclosed self-harm.');
    await user.type(within(dialog).getByTestId('contact-advice'), 'Follow the safety plan.');
    await user.click(within(dialog).getByTestId('contact-save'));
    await waitFor(() => expect(screen.queryByTestId('contact-dialog')).toBeNull());
    const note = screen.getByTestId('contact-note');
    expect(text(note)).toContain('Phone');
    expect(text(note)).toContain('Follow the safety plan.');

    await user.click(within(note).getByTestId('contact-edit'));
    const edit = screen.getByTestId('contact-dialog');
    const advice = within(edit).getByTestId('contact-advice');
    await user.clear(advice);
    await user.type(advice, 'Follow the safety plan and call the GP.');
    await user.click(within(edit).getByTestId('contact-save'));
    await waitFor(() => expect(screen.queryByTestId('contact-dialog')).toBeNull());
    expect(text(screen.getByTestId('contact-note'))).toContain('call the GP');
    expect(text(screen.getByTestId('contact-note'))).toContain('Edited');

    await user.click(within(screen.getByTestId('contact-note')).getByTestId('contact-delete'));
    await user.click(screen.getByTestId('confirm-contact-delete'));
    await waitFor(() => expect(screen.queryByTestId('contact-note')).toBeNull());
    expect(fake.notes).toHaveLength(0);
  });

  it('sends the time to the minute and checks dates as Rust does', () => {
    const fields = { ...emptyContact('2026-11-30'), issue: 'x', time: '18:30' };
    expect(inputOfFields(fields).time).toBe('18:30:00');
    expect(inputOfFields({ ...fields, time: '' }).time).toBeNull();
    expect(checkContact(fields, '2026-11-30')).toBeNull();
    expect(checkContact({ ...fields, date: '2026-12-01' }, '2026-11-30')?.field).toBe('date');
  });
});
