import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeBackend } from '../../test/fakeBackend';
import { emptyContent, FakeRecords } from '../../test/fakeRecords';
import { FakeSchedule } from '../../test/fakeSchedule';
import { scheduleWorld, seriesInput } from '../../test/scheduleWorld';
import type { OccurrenceKey, RecordContent } from '../bindings';
import AgendaPanel from '../components/AgendaPanel.svelte';
import PersonRecords from '../components/PersonRecords.svelte';
import RecordsToWrite from '../components/RecordsToWrite.svelte';
import SessionDetails from '../components/SessionDetails.svelte';
import { calendar } from '../stores/calendar.svelte';
import { people } from '../stores/people.svelte';
import { settings } from '../stores/settings.svelte';
import { emptyActionItem, emptyAgendaItem, records } from '../stores/records.svelte';
import RecordView from './RecordView.svelte';

vi.stubEnv('TZ', 'UTC');

let backend: FakeBackend;
let fake: FakeSchedule;
let fakeRecords: FakeRecords;
let sam: string;
let past: OccurrenceKey;
let next: OccurrenceKey;

function session(day: string): OccurrenceKey {
  const start = `${day}T10:00:00`;
  const id = fake.seed(seriesInput(sam, 'UTC', { start, end: `${day}T11:00:00` }));
  return { series_id: id, original_start: start };
}

const complete = (): Partial<RecordContent> => ({
  agenda_items: [{ ...emptyAgendaItem(), text: 'Client resistant to care' }],
  exploration: 'Explored the ambivalence behind the refusals.',
  functions: { ...emptyContent().functions, restorative: { ticked: true, note: 'Time to offload' } },
  consultations: [
    {
      case_reference: 'C-17',
      supervisee_id: null,
      presenting_issue: 'Declines home visits since the hospital stay',
      approaches_tried: 'Motivational interviewing',
      guidance: 'Offer a joint visit with the district nurse',
      link: null,
    },
  ],
  ethical_decisions: [
    {
      issue: 'Whether to share the missed visits with the GP',
      raised_by: { by: 'supervisee' },
      raised_on: '2026-03-02',
      options: ['Share now', 'Ask the client first'],
      decision: 'Ask the client first, share within a week if at risk',
      rationale: 'Consent first, as the code of ethics sets out; risk overrides',
      consulted: 'Team manager',
    },
  ],
  action_items: [{ ...emptyActionItem({ by: 'supervisee' }), text: 'Call the care coordinator', due: '2026-03-10' }],
});

beforeEach(async () => {
  ({ backend, fake, sam } = scheduleWorld());
  records.reset();
  backend.settings.profile.name = 'Dana Whitfield';
  fakeRecords = new FakeRecords(backend, fake);
  past = session('2026-03-02');
  next = session('2026-03-16');
  await people.load();
  await settings.load();
});

async function openDraft() {
  fakeRecords.hold(past);
  expect(await records.startForSession(past, 'person')).toBe(true);
  return render(RecordView, { record: records.opened!, backLabel: "Sam Okafor's records" });
}

describe('the record editor', () => {
  it('follows the stages of a session, with the three functions by both their names', async () => {
    await openDraft();
    const editor = screen.getByTestId('record-editor');
    for (const heading of [
      'What was brought',
      'Exploration',
      'Decisions and how practice will change',
      'Functions covered',
      'Case consultations',
      'Ethical decisions',
      'Wellbeing check',
      'Feedback both ways',
      'Action items',
    ]) {
      expect(within(editor).getByRole('heading', { name: heading })).toBeTruthy();
    }
    for (const label of ['Normative (managerial)', 'Formative (educative)', 'Restorative (supportive)']) {
      expect(within(editor).getByRole('checkbox', { name: label })).toBeTruthy();
    }
    // Group parts only in a group's record.
    expect(within(editor).queryByRole('heading', { name: 'Attendance' })).toBeNull();
  });

  it('autosaves as the journal does, saying so', async () => {
    const user = userEvent.setup();
    await openDraft();
    await user.type(screen.getByLabelText('Exploration notes'), 'Missed visits');
    expect(screen.getByTestId('record-save-status').textContent).toContain('Unsaved changes');
    await waitFor(() => expect(screen.getByTestId('record-save-status').textContent).toContain('Saved'), { timeout: 3000 });
    expect(fakeRecords.stored[0].content.exploration).toBe('Missed visits');
  });

  it('warns under the notes, without blocking, when they look like they name a client', async () => {
    const user = userEvent.setup();
    backend.on('name_guard_check', (args) =>
      String(args.text).includes('Mary Jones')
        ? [{ kind: 'full_name', excerpt: 'Mary Jones', message: '“Mary Jones” looks like a full name.' }]
        : [],
    );
    await openDraft();
    const notes = screen.getByLabelText('Exploration notes');
    await user.type(notes, 'Mary Jones refuses visits');
    const guardId = notes.getAttribute('aria-describedby')!.split(' ').find((id) => id.endsWith('-guard'))!;
    await waitFor(() => expect(document.getElementById(guardId)!.textContent).toContain('looks like a full name'), { timeout: 3000 });
    // Still saved: the warning never blocks.
    await waitFor(() => expect(fakeRecords.stored[0].content.exploration).toBe('Mary Jones refuses visits'), { timeout: 3000 });
  });

  it('adds agenda items with a focus and who raised them, and suggests earlier case references', async () => {
    const user = userEvent.setup();
    fakeRecords.seedFinal(session('2026-02-23'), complete());
    await openDraft();
    await user.click(screen.getByTestId('record-add-item'));
    await user.type(screen.getByLabelText('Item 1'), 'Client resistant to care');
    await user.selectOptions(screen.getByTestId('record-item-focus'), 'Client or service-user issue');
    expect(within(screen.getByTestId('record-item-raised-by')).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'You (supervisor)',
      'The supervisee',
    ]);
    await user.click(screen.getByTestId('record-add-consultation'));
    const reference = screen.getByTestId('record-case-reference');
    const datalist = document.getElementById(reference.getAttribute('list')!)!;
    await waitFor(() => expect(Array.from(datalist.querySelectorAll('option')).map((o) => o.value)).toEqual(['C-17']));
    // A name instead of a reference: Rust refuses it, the screen says why, nothing is lost.
    await user.type(reference, 'Mrs Jones');
    expect(await records.flush()).toBe(false);
    expect(screen.getByTestId('record-save-status').textContent).toContain('Not saved');
    expect(screen.getByRole('alert').textContent).toContain('never a name');
    await user.clear(reference);
    await user.type(reference, 'C-17');
    expect(await records.flush()).toBe(true);
    expect(screen.getByTestId('record-save-status').textContent).toContain('Saved');
    expect(fakeRecords.stored[1].content.agenda_items[0].text).toBe('Client resistant to care');
  });

  it('names the missing parts before finalising, then shows the record as a signed document', async () => {
    const user = userEvent.setup();
    const view = await openDraft();
    await user.click(screen.getByTestId('record-finalise'));
    const dialog = await screen.findByTestId('record-finalise-dialog');
    await waitFor(() => expect(within(dialog).getByTestId('record-missing').textContent).toContain('the exploration notes'));
    expect(within(dialog).getByTestId('record-finalise-confirm').hasAttribute('disabled')).toBe(true);
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));

    Object.assign(records.content!, structuredClone(complete()));
    records.changed();
    await user.click(screen.getByTestId('record-finalise'));
    const ready = await screen.findByTestId('record-finalise-dialog');
    await waitFor(() => expect(within(ready).queryByTestId('record-missing')).toBeNull());
    await user.type(within(ready).getByTestId('record-finalise-name'), 'Dana Whitfield');
    await waitFor(() => expect(within(ready).getByTestId('record-finalise-confirm').hasAttribute('disabled')).toBe(false));
    await user.click(within(ready).getByTestId('record-finalise-confirm'));
    await waitFor(() => expect(screen.queryByTestId('record-finalise-dialog')).toBeNull());
    await view.rerender({ record: records.opened!, backLabel: "Sam Okafor's records" });
    const doc = screen.getByTestId('record-document');
    expect(screen.queryByTestId('record-editor')).toBeNull();
    expect(within(doc).getByRole('heading', { name: 'Exploration' })).toBeTruthy();
    expect(doc.textContent).toContain('Case C-17');
    expect(doc.textContent).toContain('Consent first, as the code of ethics sets out');
    expect(screen.getByTestId('record-finalisation').textContent).toContain('Finalised by Dana Whitfield');
    expect(screen.getByTestId('record-hash').textContent).toMatch(/^[0-9a-f]{64}$/);
    expect(doc.querySelector('textarea, input')).toBeNull();
  });
});

describe('a final record', () => {
  async function openFinal() {
    const final = fakeRecords.seedFinal(past, complete());
    expect(await records.open(final.id, 'person')).toBe(true);
    return render(RecordView, { record: records.opened!, backLabel: "Sam Okafor's records" });
  }

  it('takes dated addenda below the unchanged original', async () => {
    const user = userEvent.setup();
    const view = await openFinal();
    await user.click(screen.getByTestId('record-add-addendum'));
    const dialog = await screen.findByTestId('record-addendum-dialog');
    expect((within(dialog).getByTestId('record-addendum-author') as HTMLInputElement).value).toBe('Dana Whitfield');
    await user.type(within(dialog).getByTestId('record-addendum-text'), 'The client agreed to a joint visit.');
    await user.click(within(dialog).getByTestId('record-addendum-confirm'));
    await waitFor(() => expect(screen.queryByTestId('record-addendum-dialog')).toBeNull());
    await view.rerender({ record: records.opened!, backLabel: "Sam Okafor's records" });
    const addendum = screen.getByTestId('record-addendum');
    expect(addendum.textContent).toContain('The client agreed to a joint visit.');
    expect(addendum.textContent).toContain('by Dana Whitfield');
    expect(screen.getByTestId('record-document').textContent).toContain('Explored the ambivalence');
  });

  it('records the acknowledgement by hand, labelled as such', async () => {
    const user = userEvent.setup();
    const view = await openFinal();
    await user.click(screen.getByTestId('record-acknowledge'));
    const dialog = await screen.findByTestId('record-ack-dialog');
    expect((within(dialog).getByTestId('record-ack-name') as HTMLInputElement).value).toBe('Sam Okafor');
    await user.click(within(dialog).getByTestId('record-ack-confirm'));
    await waitFor(() => expect(screen.queryByTestId('record-ack-dialog')).toBeNull());
    await view.rerender({ record: records.opened!, backLabel: "Sam Okafor's records" });
    expect(screen.getByTestId('record-acknowledgement').textContent).toContain('recorded by hand by the supervisor');
    expect(screen.queryByTestId('record-acknowledge')).toBeNull();
  });

  it("shows an acknowledgement received in a packet as the supervisee's own, not one recorded for them", async () => {
    const final = fakeRecords.seedFinal(past, complete());
    const stored = fakeRecords.stored.find((s) => s.record.id === final.id)!;
    stored.record.acknowledgement = {
      name: 'Sam Okafor',
      date: '2026-03-03',
      recorded_by_hand: false,
      label: 'Acknowledged by the supervisee in their own app',
      recorded_at: '2026-03-04T09:00:00Z',
      packet_id: 'p-1',
    };
    expect(await records.open(final.id, 'person')).toBe(true);
    render(RecordView, { record: records.opened!, backLabel: "Sam Okafor's records" });
    const ack = screen.getByTestId('record-acknowledgement');
    expect(ack.textContent).toContain('Acknowledged by Sam Okafor');
    expect(ack.textContent).toContain('in their own app');
    expect(ack.textContent).toContain('received in a packet');
    expect(ack.textContent).not.toContain('by hand');
    expect(screen.queryByTestId('record-acknowledge')).toBeNull();
  });
});

describe('saving a final record as PDF', () => {
  async function openFinal() {
    const final = fakeRecords.seedFinal(past, complete());
    expect(await records.open(final.id, 'person')).toBe(true);
    render(RecordView, { record: records.opened!, backLabel: "Sam Okafor's records" });
    return final;
  }

  it('saves where the person chooses (Rust asks), saying "Saving…" and then that it was saved', async () => {
    const user = userEvent.setup();
    const final = await openFinal();
    let answer: (saved: boolean) => void = () => {};
    backend.on('record_save_pdf', () => new Promise<boolean>((resolve) => (answer = resolve)));
    const button = screen.getByTestId('record-save-pdf') as HTMLButtonElement;
    expect(button.textContent).toContain('Save as PDF…');
    await user.click(button);
    await waitFor(() => expect(button.textContent).toContain('Saving…'));
    expect(button.disabled).toBe(true);
    answer(true);
    await waitFor(() => expect(screen.getByTestId('record-notice').textContent).toBe('Saved as PDF.'));
    await waitFor(() => expect(button.textContent).toContain('Save as PDF…'));
    expect(button.disabled).toBe(false);
    expect(backend.callsTo('record_save_pdf')).toEqual([{ id: final.id, memberId: null }]);
  });

  it('says nothing when the dialog is cancelled, and shows an error in plain words', async () => {
    const user = userEvent.setup();
    await openFinal();
    backend.on('record_save_pdf', () => false);
    await user.click(screen.getByTestId('record-save-pdf'));
    await waitFor(() => expect(backend.callsTo('record_save_pdf')).toHaveLength(1));
    await waitFor(() => expect((screen.getByTestId('record-save-pdf') as HTMLButtonElement).disabled).toBe(false));
    expect(screen.queryByTestId('record-notice')).toBeNull();
    expect(screen.queryByTestId('error')).toBeNull();

    backend.fail('record_save_pdf', { code: 'io', message: 'The file could not be written: the disk is full.' });
    await user.click(screen.getByTestId('record-save-pdf'));
    await waitFor(() => expect(screen.getByTestId('error').textContent).toContain('the disk is full'));
    expect(screen.queryByTestId('record-notice')).toBeNull();
  });

  it('is not offered on a draft', async () => {
    await openDraft();
    expect(screen.queryByTestId('record-save-pdf')).toBeNull();
  });
});

describe('records elsewhere', () => {
  it("lists Today's records to write and opens one in place", async () => {
    const user = userEvent.setup();
    const first = render(RecordsToWrite);
    expect(await screen.findByTestId('today-records-empty')).toBeTruthy();
    first.unmount();
    records.reset();
    fakeRecords.hold(past);
    render(RecordsToWrite);
    const row = await screen.findByTestId('today-record');
    expect(row.textContent).toContain('Sam Okafor');
    await user.click(within(row).getByTestId('today-record-open'));
    expect(await screen.findByTestId('record-editor')).toBeTruthy();
  });

  it("lists a person's records newest first, draft or final", async () => {
    fakeRecords.seedFinal(session('2026-02-23'), complete());
    fakeRecords.hold(past);
    await records.startForSession(past, 'today');
    records.reset();
    render(PersonRecords, { personId: sam, name: 'Sam Okafor' });
    await waitFor(() => expect(screen.getAllByTestId('person-record')).toHaveLength(2));
    expect(screen.getAllByTestId('person-record').map((r) => r.dataset.status)).toEqual(['draft', 'final']);
    expect(screen.getAllByTestId('person-record')[1].textContent).toContain('1 open action');
  });

  it('shows the next agenda with open actions to tick off and own items to reorder', async () => {
    const user = userEvent.setup();
    fakeRecords.seedFinal(past, complete());
    render(AgendaPanel, { occurrenceKey: next, when: 'Mon 16 Mar, 10:00', nameOf: () => 'Sam Okafor', onClose: () => undefined });
    const action = await screen.findByTestId('agenda-action');
    expect(action.textContent).toContain('Call the care coordinator');
    expect(screen.queryByTestId('agenda-goals')).toBeNull();
    for (const text of ['Caseload size', 'Lone working']) {
      await user.type(screen.getByTestId('agenda-item-text'), text);
      await user.click(screen.getByTestId('agenda-item-add'));
      await waitFor(() => expect(screen.getAllByTestId('agenda-item').slice(-1)[0].textContent).toContain(text));
    }
    await user.click(screen.getByRole('button', { name: 'Up: move “Lone working” up' }));
    await waitFor(() => expect(screen.getAllByTestId('agenda-item')[0].textContent).toContain('Lone working'));
    await user.click(within(action).getByRole('button', { name: 'Done: Call the care coordinator' }));
    await waitFor(() => expect(screen.queryByTestId('agenda-action')).toBeNull());
    expect(fakeRecords.actions[0].status).toBe('done');
  });

  it('offers to write the record of a held session, and the agenda of a planned one', async () => {
    const user = userEvent.setup();
    fakeRecords.hold(past);
    const occurrence = fake.all().find((o) => o.key.series_id === past.series_id)!;
    render(SessionDetails, { occurrence, nameOf: () => 'Sam Okafor', onClose: () => undefined });
    const button = await screen.findByTestId('session-record-open');
    await waitFor(() => expect(button.textContent).toContain('Write record'));
    await user.click(button);
    expect(await screen.findByTestId('record-editor')).toBeTruthy();
    expect(calendar.selected).toBeNull();
  });
});
