// Locking drops agreement text, including unsaved edits, from the page and from memory.
import { emit } from '@tauri-apps/api/event';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import App from '../../App.svelte';
import { FakeAgreements } from '../../test/fakeAgreements';
import { FakeBackend } from '../../test/fakeBackend';
import { agreements } from '../stores/agreements.svelte';
import { people } from '../stores/people.svelte';

let backend: FakeBackend;
let fake: FakeAgreements;

beforeEach(() => {
  people.reset();
  agreements.reset();
  backend = new FakeBackend('unlocked');
  fake = new FakeAgreements(backend);
  backend.settings.roles = ['supervisor'];
  backend.settings.profile.name = 'Dana Whitfield';
  const sam = backend.seedPerson({ name: 'Sam Carter' });
  fake.seedDraft(sam.id, { learning_goals: 'GOAL-MARKER-7 family work' });
});

async function openAgreement() {
  backend.install();
  render(App);
  const user = userEvent.setup();
  await user.click(await screen.findByTestId('nav-people'));
  await user.click(await screen.findByText('Sam Carter'));
  const section = await screen.findByTestId('person-agreement');
  await user.click(await within(section).findByTestId('agreement-open'));
  const editor = await screen.findByTestId('agreement-editor');
  const goals = within(editor).getByTestId('agreement-learning_goals') as HTMLTextAreaElement;
  expect(goals.value).toContain('GOAL-MARKER-7');
  return { user, editor };
}

function expectGone() {
  for (const secret of ['GOAL-MARKER-7', 'UNSAVED-MARKER', 'serious, foreseeable']) {
    expect(document.body.innerHTML).not.toContain(secret);
  }
  expect(agreements.opened).toBeNull();
  expect(agreements.content).toBeNull();
  expect(agreements.versions).toEqual([]);
  expect(agreements.latest).toBeNull();
}

describe('locking with an agreement open', () => {
  it('drops the agreement and unsaved edits when the user locks', async () => {
    const { user, editor } = await openAgreement();
    await user.type(within(editor).getByTestId('agreement-fees'), ' UNSAVED-MARKER');

    await user.click(screen.getByTestId('lock-button'));
    expect(await screen.findByTestId('locked-screen')).toBeTruthy();
    expectGone();
    expect(backend.callsTo('agreement_update')).toEqual([]);
  });

  it('drops it when Rust auto-locks', async () => {
    await openAgreement();
    backend.state = 'locked';
    await emit('vault-locked', backend.status());
    await waitFor(() => expect(screen.queryByTestId('locked-screen')).toBeTruthy());
    expectGone();
  });
});
