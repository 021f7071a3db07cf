import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { FakeBackend, personInput } from '../../test/fakeBackend';
import { people } from '../stores/people.svelte';
import People from './People.svelte';

let backend: FakeBackend;

beforeEach(() => {
  people.reset();
  backend = new FakeBackend().install();
  backend.settings.roles = ['supervisor'];
});

function section(id: string): HTMLElement {
  return screen.getByTestId(`people-section-${id}`);
}

function rowTexts(container: HTMLElement): string[] {
  return within(container)
    .queryAllByTestId('person-row')
    .map((row) => row.textContent?.replace(/\s+/g, ' ').trim() ?? '');
}

function heading(): HTMLElement {
  return screen.getByRole('heading', { level: 1 });
}

async function openAddForm(user: ReturnType<typeof userEvent.setup>) {
  await user.click(await screen.findByTestId('people-add'));
  return screen.findByTestId('person-form');
}

function field(testId: string): HTMLInputElement {
  return screen.getByTestId(testId) as HTMLInputElement;
}

describe('People list', () => {
  it('groups records into sections, each sorted by name, with Archived collapsed', async () => {
    const org = backend.seedPerson({ kind: 'organisation', name: 'Northside Family Services' });
    backend.seedPerson({ name: 'Zoë Adams', organisation_id: org.id });
    backend.seedPerson({ name: 'émile Brun' });
    backend.seedPerson({ name: 'Dana Whitfield', relation: 'supervises_me' });
    backend.seedPerson({ name: 'Aaron Ng' });
    backend.seedPerson({ kind: 'group', name: 'Group 10' });
    backend.seedPerson({ kind: 'group', name: 'Group 2' });
    backend.seedPerson({ name: 'Priya Shah', relation: 'none' });
    backend.seedPerson({ name: 'Old Supervisee' }, { archived: true });
    backend.seedPerson({ kind: 'organisation', name: 'Closed Agency' }, { archived: true });
    const user = userEvent.setup();
    render(People);

    await screen.findByTestId('people-section-supervisees');
    const titles = within(screen.getByTestId('people-view'))
      .getAllByRole('heading', { level: 2 })
      .map((h) => h.textContent?.replace(/[▸▾]|\d+/g, '').trim());
    expect(titles).toEqual([
      'Supervisees',
      'Groups',
      'My supervisors',
      'Organisations',
      'Other contacts',
      'Archived',
    ]);

    // Sorted as people read names (accents, numbers), not by code point as Rust does.
    expect(rowTexts(section('supervisees'))).toEqual([
      'Aaron Ng',
      'émile Brun',
      'Zoë Adams Northside Family Services',
    ]);
    expect(rowTexts(section('groups'))).toEqual(['Group 2', 'Group 10']);
    expect(rowTexts(section('supervisors'))).toEqual(['Dana Whitfield']);
    expect(rowTexts(section('organisations'))).toEqual(['Northside Family Services']);
    expect(rowTexts(section('contacts'))).toEqual(['Priya Shah']);

    const toggle = screen.getByTestId('people-archived-toggle');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(toggle.textContent).toContain('2');
    expect(rowTexts(section('archived'))).toEqual([]);
    expect(screen.queryByText('Old Supervisee')).toBeNull();

    await user.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(rowTexts(section('archived'))).toEqual(['Closed Agency Organisation', 'Old Supervisee']);
  });

  it('shows a damaged record as damaged, and its page says why it cannot open', async () => {
    const damaged = backend.seedPerson({ name: 'Tampered Name', notes: 'secret' });
    backend.seedPerson({ name: 'Sam Carter' });
    backend.damaged.add(damaged.id);
    const user = userEvent.setup();
    render(People);

    await waitFor(() => expect(rowTexts(section('contacts'))).toHaveLength(1));
    expect(rowTexts(section('supervisees'))).toEqual(['Sam Carter']);
    const [row] = within(section('contacts')).getAllByTestId('person-row');
    expect(row.textContent?.trim()).toBe('Damaged record — failed its integrity check');
    expect(document.body.textContent).not.toContain('Tampered Name');

    await user.click(row);
    expect(await screen.findByTestId('person-page')).toBeTruthy();
    expect((await screen.findByTestId('error')).textContent).toContain('failed its integrity check');
    expect(heading().textContent?.trim()).toBe('Damaged record');
    expect(screen.queryByTestId('person-edit')).toBeNull();
    expect(document.body.textContent).not.toContain('secret');
  });

  it('explains what to add first when there is no one yet', async () => {
    const user = userEvent.setup();
    render(People);

    const empty = await screen.findByTestId('people-empty');
    expect(empty.textContent).toContain('add the organisation first');
    expect(screen.getAllByTestId('people-add')).toHaveLength(1);
    expect(screen.queryByTestId('people-filter')).toBeNull();

    await user.click(within(empty).getByRole('button', { name: 'Add organisation' }));
    expect(field('person-kind').value).toBe('organisation');
    expect(screen.queryByTestId('person-relation')).toBeNull();
    await user.click(screen.getByTestId('person-cancel'));

    await user.click(await screen.findByTestId('people-add'));
    expect(field('person-kind').value).toBe('person');
    expect(field('person-relation').value).toBe('i_supervise');
  });

  it('filters by name in memory, ignoring case and accents', async () => {
    backend.seedPerson({ name: 'Sam Carter' });
    backend.seedPerson({ name: 'Émile Brun' });
    backend.seedPerson({ name: 'Samira Khan', relation: 'supervises_me' });
    backend.seedPerson({ name: 'Sam Archived' }, { archived: true });
    const user = userEvent.setup();
    render(People);
    const filter = await screen.findByTestId('people-filter');
    const listCalls = backend.callsTo('people_list').length;

    await user.type(filter, 'SAM');
    expect(rowTexts(section('supervisees'))).toEqual(['Sam Carter']);
    expect(rowTexts(section('supervisors'))).toEqual(['Samira Khan']);
    expect(screen.getByTestId('people-archived-toggle').textContent).toContain('1');

    await user.clear(filter);
    await user.type(filter, 'emile');
    expect(rowTexts(section('supervisees'))).toEqual(['Émile Brun']);
    expect(screen.queryByTestId('people-section-supervisors')).toBeNull();
    expect(screen.queryByTestId('people-section-archived')).toBeNull();

    await user.clear(filter);
    await user.type(filter, 'nobody');
    expect(screen.getByText('No one’s name contains “nobody”.')).toBeTruthy();
    expect(screen.queryAllByTestId('person-row')).toHaveLength(0);

    await user.clear(filter);
    expect(rowTexts(section('supervisees'))).toEqual(['Émile Brun', 'Sam Carter']);
    expect(backend.callsTo('people_list')).toHaveLength(listCalls);
  });
});

describe('Adding and editing', () => {
  it('creates a supervisee linked to an organisation, sending exactly a PersonInput', async () => {
    const org = backend.seedPerson({ kind: 'organisation', name: 'Northside Family Services' });
    backend.seedPerson({ kind: 'organisation', name: 'Old Agency' }, { archived: true });
    const user = userEvent.setup();
    render(People);

    await openAddForm(user);
    expect(document.activeElement).toBe(heading());
    expect(heading().textContent).toBe('Add person');
    const organisations = within(screen.getByTestId('person-organisation'))
      .getAllByRole('option')
      .map((o) => o.textContent);
    expect(organisations).toEqual(['None', 'Northside Family Services']);

    await user.type(field('person-name'), 'Sam Carter');
    await user.type(field('person-pronouns'), 'he/him');
    await user.type(field('person-email'), 'sam.carter@example.org');
    await user.type(field('person-phone'), '+44 7700 900123');
    await user.selectOptions(screen.getByTestId('person-organisation'), org.id);
    await user.type(field('person-role'), 'Social worker');
    await user.type(field('person-licence-number'), 'SW123456');
    await user.type(field('person-licence-body'), 'Social Work England');
    await user.type(field('person-licensure-plan'), 'LCSW: 100 supervision hours by 2028');
    await fireEvent.input(field('person-start'), { target: { value: '2026-03-01' } });
    await user.type(field('person-notes'), 'Wants to bring C-17.');
    expect(field('person-email').type).toBe('email');
    expect(field('person-start').type).toBe('date');
    expect(screen.getByText("Use case references (e.g. C-17), never clients' names.")).toBeTruthy();

    await user.click(screen.getByTestId('person-save'));

    const page = await screen.findByTestId('person-page');
    expect(backend.callsTo('person_create')).toEqual([
      {
        input: {
          kind: 'person',
          relation: 'i_supervise',
          name: 'Sam Carter',
          pronouns: 'he/him',
          email: 'sam.carter@example.org',
          phone: '+44 7700 900123',
          organisation_id: org.id,
          professional_role: 'Social worker',
          licence_number: 'SW123456',
          licence_body: 'Social Work England',
          licensure_plan: 'LCSW: 100 supervision hours by 2028',
          start_date: '2026-03-01',
          end_date: null,
          notes: 'Wants to bring C-17.',
          members: [],
          facilitator_id: null,
        },
      },
    ]);
    expect(backend.people).toHaveLength(3);

    expect(heading().textContent?.replace(/\s+/g, ' ').trim()).toBe('Sam Carter (he/him)');
    expect(document.activeElement).toBe(heading());
    expect(page.textContent).toContain('Supervisee');
    const details = screen.getByTestId('person-details');
    expect(details.textContent).toContain('SW123456');
    expect(details.textContent).toContain('Social Work England');
    expect(details.textContent).not.toContain('End date');
    expect(details.querySelector('time')?.getAttribute('datetime')).toBe('2026-03-01');
    expect(screen.getByTestId('person-sessions').dataset.person).toBe(
      backend.people.find((p) => p.fields.name === 'Sam Carter')?.id,
    );
    expect(screen.getByTestId('person-agreement').dataset.person).toBe(
      backend.people.find((p) => p.fields.name === 'Sam Carter')?.id,
    );

    await user.click(screen.getByTestId('person-back'));
    await waitFor(() =>
      expect(rowTexts(section('supervisees'))).toEqual(['Sam Carter Northside Family Services']),
    );
    expect(document.activeElement).toBe(heading());

    await user.click(within(section('supervisees')).getByTestId('person-row'));
    await user.click(await screen.findByTestId('person-organisation-link'));
    await waitFor(() => expect(heading().textContent?.trim()).toBe('Northside Family Services'));
    expect(screen.getByTestId('person-page').textContent).toContain('Organisation');
  });

  it('checks the form before sending, and shows the message when Rust refuses', async () => {
    const user = userEvent.setup();
    render(People);
    await openAddForm(user);

    await user.click(screen.getByTestId('person-save'));
    expect(screen.getByTestId('error').textContent).toBe('Enter a name.');
    expect(document.activeElement).toBe(field('person-name'));

    await user.type(field('person-name'), 'Sam Carter');
    await user.type(field('person-email'), 'sam@example');
    await user.click(screen.getByTestId('person-save'));
    const error = screen.getByTestId('error');
    expect(error.getAttribute('role')).toBe('alert');
    expect(error.textContent).toBe(
      "The email address doesn't look right (expected name@example.org).",
    );
    expect(field('person-email').getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(field('person-email'));

    await user.clear(field('person-email'));
    await fireEvent.input(field('person-start'), { target: { value: '2026-05-01' } });
    await fireEvent.input(field('person-end'), { target: { value: '2026-04-30' } });
    await user.click(screen.getByTestId('person-save'));
    expect(screen.getByTestId('error').textContent).toBe('The end date is before the start date.');
    expect(backend.callsTo('person_create')).toEqual([]);

    // Rust has the last word, whatever the UI thought.
    await fireEvent.input(field('person-end'), { target: { value: '' } });
    await user.type(field('person-email'), 'sam@example.org');
    backend.fail('person_create', {
      code: 'invalid_input',
      message: "The email address doesn't look right (expected name@example.org).",
    });
    await user.click(screen.getByTestId('person-save'));
    await waitFor(() => expect(backend.callsTo('person_create')).toHaveLength(1));
    expect((await screen.findByTestId('error')).textContent).toBe(
      "The email address doesn't look right (expected name@example.org).",
    );
    expect(screen.getByTestId('person-form')).toBeTruthy();
    expect(field('person-name').value).toBe('Sam Carter');
    expect(backend.people).toHaveLength(0);
  });

  it('shows Rust’s own refusal when the chosen organisation has gone', async () => {
    const org = backend.seedPerson({ kind: 'organisation', name: 'Northside' });
    const user = userEvent.setup();
    render(People);
    await openAddForm(user);
    await user.type(field('person-name'), 'Sam Carter');
    await user.selectOptions(screen.getByTestId('person-organisation'), org.id);

    backend.people = backend.people.filter((p) => p.id !== org.id);
    await user.click(screen.getByTestId('person-save'));

    expect((await screen.findByTestId('error')).textContent).toBe(
      'The chosen organisation was not found. It may have been deleted.',
    );
    expect(screen.getByTestId('person-form')).toBeTruthy();
  });

  it('edits a record with its kind fixed', async () => {
    const sam = backend.seedPerson({ name: 'Sam Carter', pronouns: 'he/him', notes: 'C-17' });
    const user = userEvent.setup();
    render(People);
    await user.click(await screen.findByText('Sam Carter'));
    await user.click(await screen.findByTestId('person-edit'));

    expect(heading().textContent).toBe('Edit Sam Carter');
    expect(document.activeElement).toBe(heading());
    const kind = field('person-kind');
    expect(kind.value).toBe('person');
    expect(kind.disabled).toBe(true);
    expect(screen.getByText('The kind can’t be changed once saved.')).toBeTruthy();
    expect(field('person-name').value).toBe('Sam Carter');
    expect(field('person-notes').value).toBe('C-17');

    await user.clear(field('person-name'));
    await user.type(field('person-name'), 'Samuel Carter');
    await user.selectOptions(screen.getByTestId('person-relation'), 'supervises_me');
    await user.click(screen.getByTestId('person-save'));

    await waitFor(() => expect(heading().textContent).toContain('Samuel Carter'));
    expect(backend.callsTo('person_update')).toEqual([
      {
        id: sam.id,
        input: { ...personInput({ name: 'Samuel Carter', pronouns: 'he/him', notes: 'C-17' }), relation: 'supervises_me' },
      },
    ]);
    expect(screen.getByTestId('person-page').textContent).toContain('Your supervisor');

    await user.click(screen.getByTestId('person-back'));
    await waitFor(() => expect(rowTexts(section('supervisors'))).toEqual(['Samuel Carter']));
    expect(screen.queryByTestId('people-section-supervisees')).toBeNull();
  });

  it('sends an organisation without a relation, organisation or members', async () => {
    const user = userEvent.setup();
    render(People);
    await openAddForm(user);
    await user.type(field('person-name'), 'Typed as a person first');
    await user.type(field('person-pronouns'), 'they/them');
    await user.selectOptions(screen.getByTestId('person-kind'), 'organisation');

    expect(heading().textContent).toBe('Add organisation');
    expect(screen.queryByTestId('person-relation')).toBeNull();
    expect(screen.queryByTestId('person-organisation')).toBeNull();
    expect(screen.queryByTestId('person-pronouns')).toBeNull();
    await user.clear(field('person-name'));
    await user.type(field('person-name'), 'Northside Family Services');
    await user.click(screen.getByTestId('person-save'));

    await screen.findByTestId('person-page');
    expect(backend.callsTo('person_create')).toEqual([
      { input: personInput({ kind: 'organisation', name: 'Northside Family Services' }) },
    ]);
  });

  it('chooses a group’s members and facilitator', async () => {
    const ana = backend.seedPerson({ name: 'Ana Lopez' });
    const ben = backend.seedPerson({ name: 'Ben Okafor' });
    backend.seedPerson({ name: 'Cara Doyle' });
    backend.seedPerson({ name: 'Left Already' }, { archived: true });
    backend.seedPerson({ kind: 'organisation', name: 'Not A Person' });
    const user = userEvent.setup();
    render(People);
    await openAddForm(user);
    await user.selectOptions(screen.getByTestId('person-kind'), 'group');

    expect(heading().textContent).toBe('Add group');
    expect(screen.queryByTestId('person-pronouns')).toBeNull();
    const members = screen.getByTestId('person-members');
    expect(within(members).getAllByRole('checkbox').map((c) => c.parentElement?.textContent?.trim())).toEqual([
      'Ana Lopez',
      'Ben Okafor',
      'Cara Doyle',
    ]);
    const facilitator = screen.getByTestId('person-facilitator') as HTMLSelectElement;
    expect(facilitator.value).toBe('');
    expect(facilitator.selectedOptions[0].textContent).toBe('Me');

    await user.type(field('person-name'), 'Tuesday reflective group');
    await user.click(within(members).getByRole('checkbox', { name: 'Ben Okafor' }));
    await user.click(within(members).getByRole('checkbox', { name: 'Ana Lopez' }));
    await user.click(within(members).getByRole('checkbox', { name: 'Cara Doyle' }));
    await user.click(within(members).getByRole('checkbox', { name: 'Cara Doyle' }));
    await user.click(screen.getByTestId('person-save'));

    await screen.findByTestId('person-page');
    expect(backend.callsTo('person_create')).toEqual([
      {
        input: personInput({
          kind: 'group',
          name: 'Tuesday reflective group',
          members: [ben.id, ana.id],
        }),
      },
    ]);
    expect(screen.getByTestId('person-details').textContent).toContain('You');
    const links = within(screen.getByTestId('person-member-links')).getAllByRole('button');
    expect(links.map((l) => l.textContent?.trim())).toEqual(['Ben Okafor', 'Ana Lopez']);

    await user.click(screen.getByTestId('person-edit'));
    await user.selectOptions(screen.getByTestId('person-facilitator'), ana.id);
    await user.click(screen.getByTestId('person-save'));
    await waitFor(() => expect(backend.callsTo('person_update')).toHaveLength(1));
    expect(backend.callsTo('person_update')[0].input).toMatchObject({
      kind: 'group',
      members: [ben.id, ana.id],
      facilitator_id: ana.id,
    });

    await user.click(await screen.findByRole('button', { name: 'Ben Okafor' }));
    await waitFor(() => expect(heading().textContent?.trim()).toBe('Ben Okafor'));
    expect(document.activeElement).toBe(heading());
  });
});

describe('Archiving', () => {
  it('archives after a confirmation that says the record is kept, and restores', async () => {
    const sam = backend.seedPerson({ name: 'Sam Carter' });
    backend.seedPerson({ name: 'Ana Lopez' });
    const user = userEvent.setup();
    render(People);
    await user.click(await screen.findByText('Sam Carter'));
    const archive = await screen.findByTestId('person-archive');
    expect(archive.textContent?.trim()).toBe('Archive…');

    await user.click(archive);
    const dialog = screen.getByRole('alertdialog', { name: 'Archive Sam Carter?' });
    expect(dialog.textContent).toContain('keeps the record');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(document.activeElement).toBe(archive);
    expect(backend.callsTo('person_set_archived')).toEqual([]);

    await user.click(archive);
    await user.click(screen.getByTestId('confirm-archive'));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(backend.callsTo('person_set_archived')).toEqual([{ id: sam.id, archived: true }]);
    expect(screen.getByTestId('person-archived-tag')).toBeTruthy();
    expect(screen.getByTestId('person-archive').textContent?.trim()).toBe('Restore');

    await user.click(screen.getByTestId('person-back'));
    await waitFor(() => expect(rowTexts(section('supervisees'))).toEqual(['Ana Lopez']));
    await user.click(screen.getByTestId('people-archived-toggle'));
    expect(rowTexts(section('archived'))).toEqual(['Sam Carter']);

    await user.click(within(section('archived')).getByTestId('person-row'));
    await user.click(await screen.findByTestId('person-archive'));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    await waitFor(() =>
      expect(backend.callsTo('person_set_archived')).toEqual([
        { id: sam.id, archived: true },
        { id: sam.id, archived: false },
      ]),
    );
    await user.click(screen.getByTestId('person-back'));
    await waitFor(() => expect(rowTexts(section('supervisees'))).toEqual(['Ana Lopez', 'Sam Carter']));
    expect(screen.queryByTestId('people-section-archived')).toBeNull();
  });

  it('shows why archiving failed, inside the dialog', async () => {
    backend.seedPerson({ name: 'Sam Carter' });
    backend.fail('person_set_archived', {
      code: 'locked',
      message: 'Confidant is locked. Unlock it to continue.',
    });
    const user = userEvent.setup();
    render(People);
    await user.click(await screen.findByText('Sam Carter'));
    await user.click(await screen.findByTestId('person-archive'));
    await user.click(screen.getByTestId('confirm-archive'));

    const dialog = screen.getByRole('alertdialog');
    expect((await within(dialog).findByTestId('error')).textContent).toBe(
      'Confidant is locked. Unlock it to continue.',
    );
  });
});

describe('Keyboard and unsaved changes', () => {
  it('goes list → page → form and back with the keyboard, focusing each heading', async () => {
    backend.seedPerson({ name: 'Sam Carter' });
    const user = userEvent.setup();
    render(People);

    const row = await screen.findByRole('button', { name: 'Sam Carter' });
    row.focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(heading().textContent?.trim()).toBe('Sam Carter'));
    expect(document.activeElement).toBe(heading());

    (await screen.findByTestId('person-edit')).focus();
    await user.keyboard('{Enter}');
    expect(heading().textContent).toBe('Edit Sam Carter');
    expect(document.activeElement).toBe(heading());

    // Nothing changed: Escape leaves at once.
    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('person-form')).toBeNull();
    expect(heading().textContent?.trim()).toBe('Sam Carter');
    await waitFor(() => expect(document.activeElement).toBe(heading()));

    screen.getByTestId('person-back').focus();
    await user.keyboard('{Enter}');
    expect(heading().textContent).toBe('People');
    expect(document.activeElement).toBe(heading());
  });

  it('asks before dropping unsaved changes, on Escape and on Cancel', async () => {
    const user = userEvent.setup();
    render(People);
    await openAddForm(user);
    await user.type(field('person-name'), 'Sam Carter');

    await user.keyboard('{Escape}');
    const dialog = screen.getByRole('alertdialog', { name: 'Discard your changes?' });
    expect(dialog.textContent).toContain('has not been saved');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(field('person-name').value).toBe('Sam Carter');

    await user.click(screen.getByTestId('person-cancel'));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Cancel' }));
    expect(screen.getByTestId('person-form')).toBeTruthy();

    await user.click(screen.getByTestId('person-cancel'));
    await user.click(screen.getByTestId('confirm-discard'));
    expect(screen.queryByTestId('person-form')).toBeNull();
    expect(await screen.findByTestId('people-empty')).toBeTruthy();
    expect(backend.callsTo('person_create')).toEqual([]);
    expect(people.draft).toBeNull();
  });
});
