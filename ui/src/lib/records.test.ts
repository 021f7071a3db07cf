import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeBackend } from '../test/fakeBackend';
import { emptyContent, FakeRecords } from '../test/fakeRecords';
import { FakeSchedule } from '../test/fakeSchedule';
import { scheduleWorld, seriesInput } from '../test/scheduleWorld';
import { recordSaveDraft } from './api/records';
import type { OccurrenceKey } from './bindings';
import { emptyActionItem, emptyAgendaItem, records, sendable } from './stores/records.svelte';

vi.stubEnv('TZ', 'UTC');

let backend: FakeBackend;
let fake: FakeSchedule;
let fakeRecords: FakeRecords;
let sam: string;
/** Sam's session last Monday (2 March), and the next one (16 March). */
let past: OccurrenceKey;
let next: OccurrenceKey;

function session(personId: string, day: string): OccurrenceKey {
  const start = `${day}T10:00:00`;
  const id = fake.seed(seriesInput(personId, 'UTC', { start, end: `${day}T11:00:00` }));
  return { series_id: id, original_start: start };
}

beforeEach(() => {
  // Monday 9 March 2026, 8 a.m. UTC.
  ({ backend, fake, sam } = scheduleWorld());
  records.reset();
  fakeRecords = new FakeRecords(backend, fake);
  past = session(sam, '2026-03-02');
  next = session(sam, '2026-03-16');
});

/** Opens the draft of the held session last Monday. */
async function openDraft() {
  fakeRecords.hold(past);
  expect(await records.startForSession(past, 'person')).toBe(true);
  return records.content!;
}

describe('records store', () => {
  it('refuses a record for a session not marked held, and says so', async () => {
    expect(await records.startForSession(past, 'person')).toBe(false);
    expect(records.openError?.message).toContain('marked as held');
    expect(records.opened).toBeNull();
  });

  it('saves a draft, leaving out rows still blank, and keeps the ids Rust gives new action items', async () => {
    const content = await openDraft();
    content.agenda_items.push({ ...emptyAgendaItem(), text: 'Client resistant to care' }, emptyAgendaItem());
    content.action_items.push({ ...emptyActionItem({ by: 'supervisee' }), text: 'Call the care coordinator', due: '2026-03-10' });
    content.action_items.push(emptyActionItem({ by: 'supervisee' }));
    expect(records.saveState.kind).toBe('unsaved');
    expect(await records.flush()).toBe(true);
    const [args] = backend.callsTo('record_save_draft');
    const sent = args.content as typeof content;
    expect(sent.agenda_items.map((i) => i.text)).toEqual(['Client resistant to care']);
    expect(sent.action_items).toHaveLength(1);
    expect(content.action_items[0].id).not.toBe('');
    expect(content.action_items[1].id).toBe('');
    expect(records.saveState.kind).toBe('saved');
    // Saved again: the item is updated, not added a second time.
    content.action_items[0].text = 'Call the care coordinator this week';
    expect(await records.flush()).toBe(true);
    expect(fakeRecords.actions).toHaveLength(1);
    expect(fakeRecords.actions[0].text).toBe('Call the care coordinator this week');
  });

  it('autosaves once typing pauses', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] });
    const content = await openDraft();
    content.exploration = 'We looked at';
    records.changed();
    content.exploration = 'We looked at the pattern of missed visits.';
    records.changed();
    expect(backend.callsTo('record_save_draft')).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1000);
    await vi.waitFor(() => expect(records.saveState.kind).toBe('saved'));
    expect(backend.callsTo('record_save_draft')).toHaveLength(1);
    vi.useRealTimers();
  });

  it('shows what Rust refuses in a draft, and saves nothing', async () => {
    const content = await openDraft();
    content.consultations.push({
      case_reference: 'Mrs Jones',
      supervisee_id: null,
      presenting_issue: 'Declines home visits',
      approaches_tried: '',
      guidance: '',
      link: null,
    });
    expect(await records.flush()).toBe(false);
    expect(records.saveState).toMatchObject({ kind: 'error', error: { code: 'invalid_input' } });
    expect(records.saveState.kind === 'error' && records.saveState.error.message).toContain('never a name');
    expect(fakeRecords.stored[0].content.consultations).toHaveLength(0);
    // A close refuses too, keeping the text.
    expect(await records.close()).toBe(false);
    expect(records.opened).not.toBeNull();
  });

  it('names the missing parts when finalising too early, then finalises a complete record read-only', async () => {
    const content = await openDraft();
    expect(await records.checkFinal()).toBe(true);
    expect(records.missing).toEqual([
      'at least one agenda item',
      'the exploration notes',
      'at least one supervision function ticked',
    ]);
    expect(await records.finalise('Dana Whitfield')).toBe(false);
    expect(records.error?.message).toContain('Still needed: at least one agenda item; the exploration notes');

    content.agenda_items.push({ ...emptyAgendaItem(), text: 'Client resistant to care' });
    content.exploration = 'Explored the ambivalence behind the refusals.';
    content.functions.restorative.ticked = true;
    expect(await records.finalise('Dana Whitfield')).toBe(true);
    expect(records.opened?.status).toBe('final');
    expect(records.opened?.finalisation?.content_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(records.content).toBeNull();
    // The core refuses any later change to the content.
    const id = records.opened!.id;
    await expect(recordSaveDraft(id, records.opened!.revision, emptyContent())).rejects.toMatchObject({ code: 'read_only' });
  });

  it('adds dated addenda below the unchanged original, and records the acknowledgement once, by hand', async () => {
    fakeRecords.seedFinal(past, {
      agenda_items: [{ ...emptyAgendaItem(), text: 'Client resistant to care' }],
      exploration: 'Explored the refusals.',
      functions: { ...emptyContent().functions, formative: { ticked: true, note: '' } },
    });
    const id = fakeRecords.stored[0].record.id;
    expect(await records.open(id, 'person')).toBe(true);
    expect(await records.addAddendum({ text: 'The client agreed to one visit.', author: 'Dana Whitfield', member_id: null })).toBe(true);
    expect(await records.addAddendum({ text: 'Visit took place.', author: 'Dana Whitfield', member_id: null })).toBe(true);
    expect(records.opened?.addenda.map((a) => a.text)).toEqual(['The client agreed to one visit.', 'Visit took place.']);
    expect(records.opened?.content.exploration).toBe('Explored the refusals.');
    expect(await records.acknowledge('Sam Okafor', '2026-03-05')).toBe(true);
    expect(records.opened?.acknowledgement).toMatchObject({ name: 'Sam Okafor', recorded_by_hand: true });
    expect(await records.acknowledge('Sam Okafor', '2026-03-05')).toBe(false);
    expect(records.error?.code).toBe('read_only');
  });

  it('rolls open action items onto the next agenda until done or dropped', async () => {
    fakeRecords.seedFinal(past, {
      agenda_items: [{ ...emptyAgendaItem(), text: 'Client resistant to care' }],
      exploration: 'Explored the refusals.',
      functions: { ...emptyContent().functions, normative: { ticked: true, note: '' } },
      action_items: [
        { ...emptyActionItem({ by: 'supervisee' }), text: 'Call the care coordinator', due: '2026-03-10' },
        { ...emptyActionItem({ by: 'supervisor' }), text: 'Send the lone-working policy', due: '2026-03-12' },
      ],
    });
    await records.loadAgenda(next);
    expect(records.agenda?.open_actions.map((a) => a.text)).toEqual(['Call the care coordinator', 'Send the lone-working policy']);
    await records.loadPerson(sam);
    expect(records.actions).toHaveLength(2);
    expect(await records.setActionStatus(records.agenda!.open_actions[0], 'done')).toBe(true);
    expect(records.agenda?.open_actions.map((a) => a.text)).toEqual(['Send the lone-working policy']);
    expect(records.actions.map((a) => a.text)).toEqual(['Send the lone-working policy']);
    expect(fakeRecords.actions[0].history.map((h) => h.status)).toEqual(['done']);
  });

  it('keeps the open draft in step when one of its action items is ticked off on a later agenda', async () => {
    const content = await openDraft();
    content.action_items.push({ ...emptyActionItem({ by: 'supervisee' }), text: 'Call the care coordinator', due: '2026-03-10' });
    expect(await records.flush()).toBe(true);
    await records.loadAgenda(next);
    expect(await records.setActionStatus(records.agenda!.open_actions[0], 'done')).toBe(true);
    expect(content.action_items[0].status).toBe('done');
    expect(records.saveState.kind).toBe('saved');
    // The draft saves again on top of the revision Rust moved on.
    content.exploration = 'Went through the visit plan.';
    expect(await records.flush()).toBe(true);
    expect(fakeRecords.stored[0].content.action_items[0].status).toBe('done');
    expect(records.agenda?.open_actions).toEqual([]);
  });

  it('adds, reorders and removes the agenda items added by hand', async () => {
    await records.loadAgenda(next);
    expect(await records.addAgendaItem({ ...emptyAgendaItem(), text: 'Caseload size' })).toBe(true);
    expect(await records.addAgendaItem({ ...emptyAgendaItem(), text: 'Lone working' })).toBe(true);
    expect(await records.moveAgendaItem(1, -1)).toBe(true);
    expect(records.agenda?.items.map((i) => i.text)).toEqual(['Lone working', 'Caseload size']);
    expect(await records.moveAgendaItem(0, -1)).toBe(false);
    expect(await records.removeAgendaItem(0)).toBe(true);
    expect(records.agenda?.items.map((i) => i.text)).toEqual(['Caseload size']);
    // A blank item is refused by Rust, and the agenda stays as it was.
    expect(await records.addAgendaItem(emptyAgendaItem())).toBe(false);
    expect(records.agendaError?.code).toBe('empty');
    expect(records.agenda?.items).toHaveLength(1);
  });

  it('starts a record from the agenda: carried-over items and the ones added by hand', async () => {
    await records.loadAgenda(past);
    await records.addAgendaItem({ ...emptyAgendaItem(), text: 'Caseload size', focus: 'workload' });
    const content = await openDraft();
    expect(content.agenda_items).toEqual([{ text: 'Caseload size', focus: 'workload', raised_by: { by: 'supervisee' }, carry_over: false }]);
  });

  it('lists the held sessions still to write up, and forgets everything on reset', async () => {
    fakeRecords.hold(past);
    await records.loadToWrite();
    expect(records.toWrite?.map((r) => r.draft_id)).toEqual([null]);
    await openDraft();
    records.content!.exploration = 'Notes';
    records.reset();
    expect(records.opened).toBeNull();
    expect(records.content).toBeNull();
    expect(records.toWrite).toBeNull();
  });
});

describe('sendable', () => {
  it('keeps entries with any text and drops wholly blank ones', () => {
    const content = emptyContent();
    content.decisions = ['  ', 'Review in a month'];
    content.ethical_decisions = [
      { issue: '', raised_by: { by: 'supervisee' }, raised_on: null, options: [''], decision: '', rationale: '', consulted: '' },
      { issue: '', raised_by: { by: 'supervisee' }, raised_on: null, options: [''], decision: 'Tell the manager', rationale: '', consulted: '' },
    ];
    const { content: sent } = sendable(content);
    expect(sent.decisions).toEqual(['Review in a month']);
    // The second one is sent, so Rust can say its issue is missing.
    expect(sent.ethical_decisions).toHaveLength(1);
    expect(sent.ethical_decisions[0].options).toEqual([]);
  });
});
