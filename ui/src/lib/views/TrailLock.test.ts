// Locking drops the exception log and contact notes (and a half-written
// entry) from the page and from memory.
import { emit } from '@tauri-apps/api/event';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import App from '../../App.svelte';
import { FakeBackend } from '../../test/fakeBackend';
import { FakeTrail } from '../../test/fakeTrail';
import { contacts } from '../stores/contacts.svelte';
import { exceptions } from '../stores/exceptions.svelte';
import { people } from '../stores/people.svelte';

let backend: FakeBackend;

beforeEach(() => {
  people.reset();
  exceptions.reset();
  contacts.reset();
  backend = new FakeBackend('unlocked');
  const fake = new FakeTrail(backend);
  backend.settings.roles = ['supervisor'];
  const sam = backend.seedPerson({ name: 'Sam Okafor' });
  fake.seedEntry(sam.id, {
    date: '2026-11-20',
    kind: 'risk_of_harm',
    concern: 'CONCERN-MARKER-3 risk to a child',
    shared: 'The disclosure.',
    recipient_organisation: "Northside Children's Services",
    recipient_role: 'Duty social worker',
    basis: 'Safeguarding duty.',
    discussed: 'not_possible',
    discussed_how: '',
    response: '',
    outcome: '',
  });
});

describe('locking with the paper trail open', () => {
  it('auto-lock drops the log, the notes and an unsaved entry', async () => {
    backend.install();
    render(App);
    const user = userEvent.setup();
    await user.click(await screen.findByTestId('nav-people'));
    await user.click(await screen.findByText('Sam Okafor'));
    const log = await screen.findByTestId('exception-list');
    expect(within(log).getByTestId('exception-entry').textContent).toContain('CONCERN-MARKER-3');
    await user.click(screen.getByTestId('exception-record'));
    await user.type(screen.getByTestId('exception-concern'), 'UNSAVED-MARKER-9');
    expect(exceptions.draft?.concern).toBe('UNSAVED-MARKER-9');

    // Rust auto-locks while the dialog is open.
    backend.state = 'locked';
    await emit('vault-locked', backend.status());
    await waitFor(() => expect(screen.queryByTestId('locked-screen')).toBeTruthy());
    for (const secret of ['CONCERN-MARKER-3', 'UNSAVED-MARKER-9', 'Northside']) {
      expect(document.body.innerHTML).not.toContain(secret);
    }
    expect(exceptions.entries).toEqual([]);
    expect(exceptions.draft).toBeNull();
    expect(exceptions.personId).toBeNull();
    expect(contacts.notes).toEqual([]);
    expect(backend.callsTo('exception_record')).toEqual([]);
  });
});
