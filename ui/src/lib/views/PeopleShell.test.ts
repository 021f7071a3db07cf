// People inside the whole app: the Today call to action, leaving the form
// from the sidebar, and locking.
import { emit } from '@tauri-apps/api/event';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import App from '../../App.svelte';
import { FakeBackend } from '../../test/fakeBackend';
import { people } from '../stores/people.svelte';

let backend: FakeBackend;

beforeEach(() => {
  people.reset();
  backend = new FakeBackend('unlocked');
  backend.settings.roles = ['supervisor'];
});

function start() {
  backend.install();
  render(App);
  return userEvent.setup();
}

describe('Today', () => {
  it('asks a supervisor with no supervisees to add the first one, and opens the form', async () => {
    const user = start();
    const cta = await screen.findByTestId('today-add-supervisee');
    expect(screen.getByRole('button', { name: 'Write a journal entry' })).toBeTruthy();

    await user.click(within(cta).getByRole('button', { name: 'Add your first supervisee' }));

    const form = await screen.findByTestId('person-form');
    expect(screen.getByTestId('nav-people').getAttribute('aria-current')).toBe('page');
    expect((within(form).getByTestId('person-kind') as HTMLSelectElement).value).toBe('person');
    expect((within(form).getByTestId('person-relation') as HTMLSelectElement).value).toBe(
      'i_supervise',
    );
    const heading = screen.getByRole('heading', { level: 1 });
    expect(heading.textContent).toBe('Add person');
    await waitFor(() => expect(document.activeElement).toBe(heading));
  });

  it('does not ask once there is a supervisee', async () => {
    backend.seedPerson({ name: 'Sam Carter' });
    start();
    await screen.findByTestId('today-view');
    await waitFor(() => expect(people.loaded).toBe(true));
    expect(screen.queryByTestId('today-add-supervisee')).toBeNull();
    expect(screen.getByRole('button', { name: 'Write a journal entry' })).toBeTruthy();
  });

  it('does not ask a supervisee', async () => {
    backend.settings.roles = ['supervisee'];
    start();
    await screen.findByTestId('today-view');
    await waitFor(() => expect(people.loaded).toBe(true));
    expect(screen.queryByTestId('today-add-supervisee')).toBeNull();
  });
});

describe('leaving People', () => {
  it('asks before the sidebar takes the user away from unsaved changes', async () => {
    const user = start();
    await user.click(await screen.findByTestId('nav-people'));
    await user.click(await screen.findByTestId('people-add'));
    await user.type(screen.getByTestId('person-name'), 'Sam Carter');

    await user.click(screen.getByTestId('nav-journal'));
    const dialog = screen.getByRole('alertdialog', { name: 'Discard your changes?' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.getByTestId('nav-people').getAttribute('aria-current')).toBe('page');
    expect((screen.getByTestId('person-name') as HTMLInputElement).value).toBe('Sam Carter');

    await user.click(screen.getByTestId('nav-journal'));
    await user.click(screen.getByTestId('confirm-discard'));
    expect(await screen.findByTestId('journal-view')).toBeTruthy();
    expect(people.draft).toBeNull();

    await user.click(screen.getByTestId('nav-people'));
    expect(await screen.findByTestId('people-empty')).toBeTruthy();
    expect(backend.callsTo('person_create')).toEqual([]);
  });

  it('goes back to the list when People is chosen again', async () => {
    backend.seedPerson({ name: 'Sam Carter' });
    const user = start();
    await user.click(await screen.findByTestId('nav-people'));
    await user.click(await screen.findByText('Sam Carter'));
    await screen.findByTestId('person-page');

    await user.click(screen.getByTestId('nav-people'));
    expect(await screen.findByTestId('people-view')).toBeTruthy();
    expect(screen.queryByTestId('person-page')).toBeNull();
  });
});

describe('locking', () => {
  async function openSam(user: ReturnType<typeof userEvent.setup>) {
    backend.seedPerson({
      name: 'Sam Carter',
      licence_number: 'SW-LICENCE-991',
      notes: 'Discussed C-17 at length',
    });
    await user.click(await screen.findByTestId('nav-people'));
    await user.click(await screen.findByText('Sam Carter'));
    expect((await screen.findByTestId('person-details')).textContent).toContain('SW-LICENCE-991');
  }

  it('drops every name and note from the page and from memory when the user locks', async () => {
    const user = start();
    await openSam(user);
    await user.click(screen.getByTestId('person-edit'));
    await user.type(screen.getByTestId('person-pronouns'), 'UNSAVED-PRONOUNS');

    await user.click(screen.getByTestId('lock-button'));

    expect(await screen.findByTestId('locked-screen')).toBeTruthy();
    for (const secret of ['Sam Carter', 'SW-LICENCE-991', 'C-17', 'UNSAVED-PRONOUNS']) {
      expect(document.body.textContent).not.toContain(secret);
      expect(document.body.innerHTML).not.toContain(secret);
    }
    expect(people.list).toEqual([]);
    expect(people.person).toBeNull();
    expect(people.draft).toBeNull();
    expect(people.view).toEqual({ kind: 'list' });
    expect(backend.callsTo('person_update')).toEqual([]);

    await user.click(screen.getByTestId('unlock-button'));
    await user.click(await screen.findByTestId('nav-people'));
    expect(await screen.findByTestId('people-view')).toBeTruthy();
    expect(screen.queryByTestId('person-form')).toBeNull();
  });

  it('drops them when Rust auto-locks', async () => {
    const user = start();
    await openSam(user);

    backend.state = 'locked';
    await emit('vault-locked', backend.status());

    expect(await screen.findByTestId('locked-screen')).toBeTruthy();
    expect(document.body.innerHTML).not.toContain('Sam Carter');
    expect(people.list).toEqual([]);
    expect(people.person).toBeNull();
  });
});
