// Agreements on a person's page: drafting from the template, editing,
// acknowledging, read-only versions, revising, PDF and discarding (S2).
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { FakeAgreements } from '../../test/fakeAgreements';
import { FakeBackend } from '../../test/fakeBackend';
import { agreements, todayIso } from '../stores/agreements.svelte';
import type { AgreementContent } from '../bindings';
import { people } from '../stores/people.svelte';
import People from './People.svelte';

let backend: FakeBackend;
let fake: FakeAgreements;
let samId: string;

const CONTENT_KEYS: (keyof AgreementContent)[] = [
  'availability', 'cancellation_notice_hours', 'cancellation_policy', 'concerns_and_disagreements',
  'confidentiality', 'confidentiality_exceptions', 'delivery', 'effective_date', 'ethics_and_insurance',
  'evaluation', 'exception_handling', 'fee', 'fees', 'format', 'frequency', 'frequency_notes', 'functions',
  'informing_clients', 'invoicing_party', 'late_cancellation_fee', 'learning_goals', 'location',
  'methods', 'model', 'parties', 'purpose', 'record_keeping', 'review_and_ending', 'review_date',
  'session_minutes', 'supervisor_roles', 'title',
];

beforeEach(() => {
  people.reset();
  agreements.reset();
  backend = new FakeBackend().install();
  fake = new FakeAgreements(backend);
  backend.settings.roles = ['supervisor'];
  backend.settings.profile = {
    name: 'Dana Whitfield',
    professional_role: 'Clinical supervisor',
    organisation: 'Northside Family Services',
    licence_number: 'LCSW-1234',
    licence_body: 'State Board of Social Work',
  };
  samId = backend.seedPerson({ name: 'Sam Carter', licence_number: 'SW-991' }).id;
});

async function openSam() {
  void people.open(samId);
  render(People);
  const user = userEvent.setup();
  return { user, section: await screen.findByTestId('person-agreement') };
}

function editor(): HTMLElement {
  return screen.getByTestId('agreement-editor');
}

function field(testId: string): HTMLInputElement {
  return within(editor()).getByTestId(testId) as HTMLInputElement;
}

async function acknowledgeAs(
  user: ReturnType<typeof userEvent.setup>,
  partyId: string,
  typedName: string,
) {
  await user.click(within(editor()).getByTestId('agreement-acknowledge'));
  const dialog = await screen.findByTestId('ack-dialog');
  await user.selectOptions(within(dialog).getByTestId('ack-party'), partyId);
  await user.type(within(dialog).getByTestId('ack-name'), typedName);
  await user.click(within(dialog).getByTestId('ack-confirm'));
  await waitFor(() => expect(screen.queryByTestId('ack-dialog')).toBeNull());
}

describe('Agreement on the person page', () => {
  it('drafts, edits, acknowledges by both, goes read-only, and revises to version 2 (S2)', async () => {
    const { user, section } = await openSam();
    expect(await within(section).findByText(/A supervision agreement sets out/)).toBeTruthy();

    await user.click(within(section).getByTestId('agreement-start'));
    await screen.findByTestId('agreement-editor');
    expect(field('party-owner-name').value).toBe('Dana Whitfield');
    expect(field('party-owner-licence_number').value).toBe('LCSW-1234');
    expect(field(`party-${samId}-name`).value).toBe('Sam Carter');
    expect(field('agreement-frequency').value).toBe('monthly');
    expect(field('agreement-session_minutes').value).toBe('60');
    expect((field('agreement-effective_date') as HTMLInputElement).type).toBe('date');
    expect(field('agreement-confidentiality_exceptions').value).toContain('serious, foreseeable and imminent harm');
    expect(within(editor()).getByText(/withdraws any acknowledgements/)).toBeTruthy();

    await user.clear(field('agreement-session_minutes'));
    await user.type(field('agreement-session_minutes'), '90');
    await user.selectOptions(field('agreement-frequency'), 'fortnightly');
    // The structured fee: an amount without a currency is flagged at once.
    await user.type(field('agreement-fee-amount'), '85.50');
    expect(within(editor()).getByText(/The fee has no currency/)).toBeTruthy();
    await user.type(field('agreement-fee-currency'), 'gbp');
    expect(field('agreement-fee-currency').value).toBe('GBP');
    await user.clear(field('agreement-fee-late'));
    await user.type(field('agreement-fee-late'), '50');
    expect(within(editor()).getByTestId('agreement-unsaved')).toBeTruthy();
    expect((within(editor()).getByTestId('agreement-acknowledge') as HTMLButtonElement).disabled).toBe(true);
    await user.click(within(editor()).getAllByRole('button', { name: 'Save' })[0]);

    expect(await within(editor()).findByText('Saved.')).toBeTruthy();
    const updates = backend.callsTo('agreement_update');
    expect(updates).toHaveLength(1);
    const sent = updates[0].content as AgreementContent;
    expect(Object.keys(sent).sort()).toEqual(CONTENT_KEYS);
    expect(sent.session_minutes).toBe(90);
    expect(sent.frequency).toBe('fortnightly');
    expect(sent.fee).toEqual({ amount_minor: 8550, currency: 'GBP', basis: 'per_session', late_cancellation_percent: 50 });
    expect(sent.parties.map((p) => p.party_id)).toEqual(['owner', samId]);
    expect(sent.delivery).toEqual(['in_person', 'video']);
    expect(updates[0].id).toBe(fake.versions[0].id);

    // Acknowledge as the owner: the date defaults to today.
    await user.click(within(editor()).getByTestId('agreement-acknowledge'));
    const dialog = await screen.findByTestId('ack-dialog');
    expect((within(dialog).getByTestId('ack-date') as HTMLInputElement).value).toBe(todayIso());
    expect(within(dialog).getByText(/records that the party has read and acknowledges this version/)).toBeTruthy();
    await user.type(within(dialog).getByTestId('ack-name'), 'Dana Whitfield');
    await user.click(within(dialog).getByTestId('ack-confirm'));
    await waitFor(() => expect(screen.queryByTestId('ack-dialog')).toBeNull());
    expect(within(editor()).getByTestId('agreement-status').textContent).toBe(
      "Version 1 draft — awaiting Sam Carter's acknowledgement",
    );
    expect(within(editor()).getByTestId('agreement-acks').textContent).toContain('Dana Whitfield');

    await acknowledgeAs(user, samId, 'Sam Carter');
    expect(backend.callsTo('agreement_acknowledge').map((a) => a.input)).toEqual([
      { party_id: 'owner', typed_name: 'Dana Whitfield', date: todayIso() },
      { party_id: samId, typed_name: 'Sam Carter', date: todayIso() },
    ]);

    // Read-only: no inputs at all, a banner and Revise.
    const readOnly = editor();
    expect(readOnly.dataset.status).toBe('acknowledged');
    expect(readOnly.querySelectorAll('input, textarea, select')).toHaveLength(0);
    expect(within(readOnly).getByTestId('agreement-readonly').textContent).toContain(
      'Read-only. Revise to make changes.',
    );
    expect(within(readOnly).queryByTestId('agreement-save')).toBeNull();
    expect(within(readOnly).getByTestId('agreement-value-session_minutes').textContent).toBe('90 minutes');
    expect(within(readOnly).getByTestId('agreement-value-frequency').textContent).toBe('Fortnightly');
    expect(within(readOnly).getByTestId('agreement-status').textContent).toMatch(
      /^Version 1 — in force: acknowledged by you on .+; recorded by you for Sam Carter on /,
    );

    await user.click(within(readOnly).getByTestId('agreement-revise'));
    await waitFor(() => expect(editor().dataset.status).toBe('draft'));
    expect(within(editor()).getByRole('heading', { level: 3 }).textContent).toContain('version 2');
    expect(field('agreement-session_minutes').value).toBe('90');
    expect(backend.callsTo('agreement_revise')).toEqual([{ id: fake.versions[0].id }]);

    // Back on the summary: both versions and where each stands.
    await user.click(within(editor()).getByTestId('agreement-close'));
    const summary = await within(section).findByTestId('agreement-summary');
    expect(within(summary).getByTestId('agreement-in-force').textContent).toMatch(
      /^Version 1 — in force: acknowledged by you on .+; recorded by you for Sam Carter on /,
    );
    expect(within(summary).getByTestId('agreement-latest').textContent).toBe(
      'Version 2 draft — awaiting acknowledgements from you and Sam Carter',
    );
    expect(
      within(section).getAllByTestId('agreement-version').map((li) => li.dataset.status),
    ).toEqual(['draft', 'acknowledged']);
  });

  it('shows a check Rust makes, and keeps the edits', async () => {
    fake.seedDraft(samId);
    const { user, section } = await openSam();
    await user.click(await within(section).findByTestId('agreement-open'));
    await screen.findByTestId('agreement-editor');

    await user.clear(field('agreement-review_date'));
    await user.type(field('agreement-review_date'), '2001-01-01');
    await user.click(within(editor()).getByTestId('agreement-save'));

    expect((await within(editor()).findByTestId('error')).textContent).toBe(
      'The review date is before the effective date.',
    );
    expect(backend.callsTo('agreement_update')).toHaveLength(1);
    expect(field('agreement-review_date').value).toBe('2001-01-01');
    expect(within(editor()).getByTestId('agreement-unsaved')).toBeTruthy();

    // A length outside 15–480 is caught before anything is sent.
    await user.clear(field('agreement-session_minutes'));
    await user.type(field('agreement-session_minutes'), '5');
    await user.click(within(editor()).getByTestId('agreement-save'));
    expect(within(editor()).getByTestId('error').textContent).toBe(
      'Enter a session length in whole minutes from 15 to 480.',
    );
    expect(backend.callsTo('agreement_update')).toHaveLength(1);
  });

  it('says plainly when the version became read-only meanwhile', async () => {
    const draft = fake.seedDraft(samId);
    const { user, section } = await openSam();
    await user.click(await within(section).findByTestId('agreement-open'));
    await user.type(field('agreement-learning_goals'), ' More on risk.');
    // Acknowledged elsewhere (e.g. another window) before this save.
    fake.versions.find((v) => v.id === draft.id)!.status = 'acknowledged';

    await user.click(within(editor()).getByTestId('agreement-save'));
    expect((await within(editor()).findByTestId('error')).textContent).toBe(
      'This version of the agreement is in force and read-only. Revise it to make changes in a new version.',
    );
  });

  it('asks before dropping unsaved changes', async () => {
    fake.seedDraft(samId);
    const { user, section } = await openSam();
    await user.click(await within(section).findByTestId('agreement-open'));
    await user.type(field('agreement-fees'), ' £80 a session.');

    await user.click(within(editor()).getByTestId('agreement-close'));
    await user.click(await screen.findByRole('button', { name: 'Cancel' }));
    expect(field('agreement-fees').value).toContain('£80 a session.');

    await user.click(within(editor()).getByTestId('agreement-close'));
    await user.click(await screen.findByTestId('confirm-discard'));
    expect(screen.queryByTestId('agreement-editor')).toBeNull();
    expect(await within(section).findByTestId('agreement-summary')).toBeTruthy();
    expect(backend.callsTo('agreement_update')).toEqual([]);
  });

  it('withdraws an acknowledgement when the text changes after it', async () => {
    fake.seedDraft(samId);
    const { user, section } = await openSam();
    await user.click(await within(section).findByTestId('agreement-open'));
    await acknowledgeAs(user, 'owner', 'Dana Whitfield');
    expect(within(editor()).getByTestId('agreement-acks').textContent).toContain('Dana Whitfield');

    await user.type(field('agreement-location'), ' Room 4.');
    await user.click(within(editor()).getByTestId('agreement-save'));
    expect((await within(editor()).findByTestId('agreement-notice')).textContent).toContain(
      'acknowledgements already given were withdrawn',
    );
    expect(within(editor()).queryByTestId('agreement-acks')).toBeNull();
    expect(within(editor()).getByTestId('agreement-status').textContent).toBe(
      'Version 1 draft — awaiting acknowledgements from you and Sam Carter',
    );
  });

  it('saves a PDF where the person chooses (Rust asks)', async () => {
    fake.seedAcknowledged(samId);
    const { user, section } = await openSam();
    await user.click(await within(section).findByTestId('agreement-open'));
    await user.click(within(editor()).getByTestId('agreement-pdf'));

    expect((await within(editor()).findByTestId('agreement-notice')).textContent).toBe(
      'Saved version 1 as PDF.',
    );
    // No path crosses IPC: the dialog opens in Rust.
    expect(backend.callsTo('agreement_save_pdf')).toEqual([{ id: fake.versions[0].id }]);
  });

  it('says nothing when the save dialog is cancelled', async () => {
    fake.seedAcknowledged(samId);
    backend.on('agreement_save_pdf', () => false);
    const { user, section } = await openSam();
    await user.click(await within(section).findByTestId('agreement-open'));
    await user.click(within(editor()).getByTestId('agreement-pdf'));
    await waitFor(() => expect(backend.callsTo('agreement_save_pdf')).toHaveLength(1));
    await waitFor(() => expect((within(editor()).getByTestId('agreement-pdf') as HTMLButtonElement).disabled).toBe(false));
    expect(within(editor()).queryByTestId('agreement-notice')).toBeNull();
    expect(within(editor()).queryByTestId('error')).toBeNull();
  });

  it('discards a draft after confirming, keeping the acknowledged version', async () => {
    const v1 = fake.seedAcknowledged(samId);
    const { user, section } = await openSam();
    await user.click(await within(section).findByTestId('agreement-open'));
    await user.click(within(editor()).getByTestId('agreement-revise'));
    await waitFor(() => expect(editor().dataset.status).toBe('draft'));

    await user.click(within(editor()).getByTestId('agreement-discard'));
    await user.click(await screen.findByTestId('confirm-discard-draft'));

    await waitFor(() => expect(screen.queryByTestId('agreement-editor')).toBeNull());
    expect(fake.versions.map((v) => [v.version, v.status])).toEqual([[1, 'acknowledged']]);
    expect(within(section).getAllByTestId('agreement-version')).toHaveLength(1);
    expect(within(section).getByTestId('agreement-latest').textContent).toMatch(/^Version 1 — in force: acknowledged/);
    expect(backend.callsTo('agreement_discard_draft')).toEqual([{ id: fake.versions[1]?.id ?? expect.any(String) }]);
    expect(v1.status).toBe('acknowledged');
  });

  it('opens an older version read-only from the list', async () => {
    fake.seedAcknowledged(samId, { session_minutes: 45 });
    const v1 = fake.versions[0];
    fake.seedAcknowledged(samId, { session_minutes: 75 });
    expect(v1.status).toBe('superseded');
    const { user, section } = await openSam();

    const rows = await within(section).findAllByTestId('agreement-version');
    expect(rows.map((r) => r.dataset.status)).toEqual(['acknowledged', 'superseded']);
    await user.click(within(rows[1]).getByRole('button', { name: 'Version 1' }));

    await waitFor(() => expect(editor().dataset.status).toBe('superseded'));
    expect(editor().querySelectorAll('input, textarea, select')).toHaveLength(0);
    expect(within(editor()).getByTestId('agreement-value-session_minutes').textContent).toBe('45 minutes');
    expect(within(editor()).queryByTestId('agreement-revise')).toBeNull();
    expect(within(editor()).getByTestId('agreement-readonly').textContent).toContain('Superseded');
  });

  it('asks before a draft for another person replaces unsaved edits', async () => {
    const priya = backend.seedPerson({ name: 'Priya Shah' });
    fake.seedDraft(samId);
    const { user, section } = await openSam();
    await user.click(await within(section).findByTestId('agreement-open'));
    await user.type(field('agreement-fees'), ' UNSAVED');

    void people.open(priya.id);
    const other = await waitFor(() => {
      const el = screen.getByTestId('person-agreement');
      expect(el.dataset.person).toBe(priya.id);
      return el;
    });
    await user.click(await within(other).findByTestId('agreement-start'));
    expect(await screen.findByTestId('confirm-discard')).toBeTruthy();
    expect(backend.callsTo('agreement_start')).toEqual([]);

    await user.click(screen.getByTestId('confirm-discard'));
    await waitFor(() => expect(backend.callsTo('agreement_start')).toEqual([{ personId: priya.id }]));
    expect(await screen.findByTestId('agreement-editor')).toBeTruthy();
    expect(field(`party-${priya.id}-name`).value).toBe('Priya Shah');
  });
});

