// Packets in the UI: the identity card in Settings (its QR code as an
// image, never as markup), storing a person's key after comparing
// fingerprints, sending with grouped candidates and withdrawals (and the
// plain words about what withdrawing cannot do), the shared items, and the
// import: preview then outcome, a refusal with nothing imported, and a
// packet from an unknown key accepted for a person.
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeBackend } from '../../test/fakeBackend';
import { FakePackets, fakeFingerprint, OWN_CARD } from '../../test/fakePackets';
import type { SharedItem } from '../bindings';
import { packets } from '../stores/packets.svelte';
import { people } from '../stores/people.svelte';
import { settings } from '../stores/settings.svelte';
import IdentityCardPanel from './IdentityCardPanel.svelte';
import PacketImportButton from './PacketImportButton.svelte';
import PacketsPanel from './PacketsPanel.svelte';

vi.stubEnv('TZ', 'UTC');

function text(el: Element | null): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

const SAM_CARD = 'confidant-card-1 age1samrecipient ed25519:SAMKEY';

let backend: FakeBackend;
let fake: FakePackets;
let samId: string;

function entry(id: string, direction: SharedItem['direction'], title: string, text: string): SharedItem {
  return {
    id,
    person_id: samId,
    direction,
    shared_at: '2026-12-01T08:30:00Z',
    title,
    body: {
      kind: 'journal_entry',
      title,
      template: "Gibbs' reflective cycle",
      sections: [{ heading: 'Feelings', text }],
      tags: ['lone working'],
      written_on: '2026-11-30',
    },
    revoked_at: null,
  };
}

beforeEach(async () => {
  people.reset();
  packets.reset();
  backend = new FakeBackend().install();
  fake = new FakePackets(backend);
  backend.settings.roles = ['supervisor'];
  backend.settings.preferences.date_order = 'dmy';
  backend.settings.preferences.clock = 'h24';
  samId = backend.seedPerson({ name: 'Sam Okafor', relation: 'i_supervise' }).id;
  await people.load();
  await settings.load();
});

describe('the identity card in Settings', () => {
  it('shows the card, its fingerprint in groups and the QR code as an image', async () => {
    render(IdentityCardPanel);
    const card = (await screen.findByTestId('identity-card-text')) as HTMLTextAreaElement;
    expect(card.value).toBe(OWN_CARD);
    const groups = screen.getByTestId('identity-fingerprint').querySelectorAll('span');
    expect(Array.from(groups, (g) => g.textContent)).toEqual(fakeFingerprint(OWN_CARD).split(' '));
    const qr = screen.getByTestId('identity-qr') as HTMLImageElement;
    expect(qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml;charset=utf-8,%3Csvg/);
    // The SVG is never put into the page as markup.
    expect(screen.getByTestId('identity-card').querySelector('svg')).toBeNull();
    expect(text(screen.getByTestId('identity-card'))).toContain('by phone or in person');
  });

  it('copies the card', async () => {
    const user = userEvent.setup();
    const writeText = vi.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    render(IdentityCardPanel);
    await user.click(await screen.findByTestId('identity-card-copy'));
    expect(writeText).toHaveBeenCalledWith(OWN_CARD);
  });
});

describe('the packets panel on a person page', () => {
  async function show() {
    render(PacketsPanel, { personId: samId, name: 'Sam Okafor' });
    return userEvent.setup();
  }

  it('stores a key only after the fingerprint is compared, and removes it when it does not match', async () => {
    const user = await show();
    await user.click(await screen.findByTestId('packet-peer-add'));
    const dialog = screen.getByTestId('packet-peer-dialog');
    await user.type(within(dialog).getByTestId('packet-peer-card'), 'hello');
    await user.click(within(dialog).getByTestId('packet-peer-store'));
    expect(text(dialog)).toContain('not a Confidant identity card');
    expect(fake.peers.size).toBe(0);

    await user.clear(within(dialog).getByTestId('packet-peer-card'));
    await user.type(within(dialog).getByTestId('packet-peer-card'), SAM_CARD);
    await user.click(within(dialog).getByTestId('packet-peer-store'));
    const fp = await within(dialog).findByTestId('packet-peer-new-fingerprint');
    expect(text(fp)).toBe(fakeFingerprint(SAM_CARD));
    expect(text(dialog)).toContain('I compared this fingerprint with Sam Okafor by phone or in person');
    const keep = within(dialog).getByTestId('packet-peer-confirm') as HTMLButtonElement;
    expect(keep.disabled).toBe(true);
    // They read out something else: the key goes again.
    await user.click(within(dialog).getByTestId('packet-peer-mismatch'));
    await waitFor(() => expect(screen.queryByTestId('packet-peer-dialog')).toBeNull());
    expect(fake.peers.size).toBe(0);
    expect(screen.getByTestId('packet-peer-none')).toBeTruthy();

    await user.click(screen.getByTestId('packet-peer-add'));
    await user.type(screen.getByTestId('packet-peer-card'), SAM_CARD);
    await user.click(screen.getByTestId('packet-peer-store'));
    await user.click(await screen.findByTestId('packet-peer-compared'));
    await user.click(screen.getByTestId('packet-peer-confirm'));
    await waitFor(() => expect(screen.queryByTestId('packet-peer-dialog')).toBeNull());
    expect(text(screen.getByTestId('packet-peer-fingerprint'))).toBe(fakeFingerprint(SAM_CARD));
    expect(fake.peers.get(samId)?.fingerprint).toBe(fakeFingerprint(SAM_CARD));
  });

  it('closing the key dialog without confirming removes the key again', async () => {
    const user = await show();
    await user.click(await screen.findByTestId('packet-peer-add'));
    await user.type(screen.getByTestId('packet-peer-card'), SAM_CARD);
    await user.click(screen.getByTestId('packet-peer-store'));
    await screen.findByTestId('packet-peer-new-fingerprint');
    expect(fake.peers.size).toBe(1);
    await user.keyboard('{Escape}');
    await waitFor(() => expect(fake.peers.size).toBe(0));
  });

  it('sends chosen candidates grouped by kind and withdraws an earlier item, saying what withdrawing cannot do', async () => {
    fake.storePeer(samId, SAM_CARD);
    fake.shared = [entry('s1', 'sent', 'Session summary, 24 Nov', 'We looked at lone working.')];
    fake.candidates.set(samId, [
      { source: { type: 'session_summary', record_id: 'r1' }, kind_label: 'Session summary', title: 'Session of 1 Dec', date: '2026-12-01', last_sent: null },
      { source: { type: 'action_items', record_id: 'r1' }, kind_label: 'Action items', title: 'Session of 1 Dec', date: '2026-12-01', last_sent: null },
      { source: { type: 'session_summary', record_id: 'r0' }, kind_label: 'Session summary', title: 'Session of 24 Nov', date: '2026-11-24', last_sent: '2026-11-25T10:00:00Z' },
    ]);
    const user = await show();
    await user.click(await screen.findByTestId('packet-send-open'));
    const dialog = screen.getByTestId('packet-send-dialog');
    await within(dialog).findAllByTestId('packet-candidate');
    const legends = Array.from(dialog.querySelectorAll('legend'), (l) => l.textContent);
    expect(legends).toEqual(['Session summary', 'Action items', 'Withdraw something you shared earlier']);
    expect(text(dialog)).toContain('Last sent 25 November 2026');
    expect(text(within(dialog).getByTestId('packet-withdraw-text'))).toBe(
      "Withdrawing removes it from Sam Okafor's app when they import your next packet. A copy they have already seen cannot be unseen.",
    );
    const send = within(dialog).getByTestId('packet-send') as HTMLButtonElement;
    expect(send.disabled).toBe(true);
    await user.click(within(dialog).getAllByTestId('packet-candidate')[0]);
    await user.click(within(dialog).getByTestId('packet-withdraw-item'));
    await user.click(send);
    expect(text(await within(dialog).findByTestId('packet-sent'))).toContain('Saved “packet.confidant” (2 items)');
    expect(fake.sent).toEqual([
      { personId: samId, sources: [{ type: 'session_summary', record_id: 'r1' }], revocations: ['s1'] },
    ]);
    await user.click(within(dialog).getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(screen.getByTestId('shared-item-withdrawn')).toBeTruthy());
  });

  it('lists shared items both ways with who shared them and when, read-only', async () => {
    fake.shared = [
      entry('a', 'received', 'A hard home visit', 'Anxious before the visit.'),
      { ...entry('b', 'sent', 'Session summary', ''), shared_at: '2026-11-20T10:00:00Z', body: { kind: 'session_summary', session_date: '2026-11-20', summary: 'Agreed a plan for lone working.' } },
      { ...entry('c', 'received', 'Damaged', ''), body: null },
    ];
    await show();
    const items = await screen.findAllByTestId('shared-item');
    expect(items.map(text)).toEqual([
      expect.stringContaining('Shared by Sam Okafor on 1 December 2026'),
      expect.stringContaining('cannot be shown'),
      expect.stringContaining('Shared with Sam Okafor on 20 November 2026'),
    ]);
    expect(text(items[0])).toContain('Feelings');
    expect(text(items[0])).toContain('Anxious before the visit.');
    expect(text(items[2])).toContain('Agreed a plan for lone working.');
    expect(items[0].querySelector('input, textarea')).toBeNull();
  });

  it('says so when nothing is shared yet', async () => {
    await show();
    expect(text(await screen.findByTestId('shared-items-empty'))).toContain('Nothing shared yet');
  });
});

describe('importing a packet', () => {
  async function openImport() {
    render(PacketImportButton);
    const user = userEvent.setup();
    await user.click(screen.getByTestId('packet-import-open'));
    return user;
  }

  it('shows the preview, imports, and says what it did', async () => {
    fake.storePeer(samId, SAM_CARD);
    fake.shared = [entry('old', 'received', 'An older entry', 'Old text')];
    fake.nextOpen = {
      kind: 'from_peer',
      personId: samId,
      items: [{ kind_label: 'Journal entry', title: 'A hard home visit', effect: 'Added to Sam Okafor’s shared items' }],
      revocations: ['old'],
      shared: [entry('new', 'received', 'A hard home visit', 'Anxious before the visit.')],
    };
    const user = await openImport();
    const preview = await screen.findByTestId('packet-preview');
    expect(text(screen.getByTestId('packet-sender'))).toBe('Sam Okafor');
    expect(text(screen.getByTestId('packet-sender-fingerprint'))).toBe(fakeFingerprint(SAM_CARD));
    expect(text(preview)).toContain('written 1 Dec 2026, 08:30');
    expect(text(screen.getByTestId('packet-preview-item'))).toBe(
      'Journal entry: A hard home visit Added to Sam Okafor’s shared items',
    );
    expect(text(screen.getByTestId('packet-preview-revocation'))).toBe('old');
    // Nothing is imported before Import.
    expect(backend.callsTo('packets_import')).toHaveLength(0);
    await user.click(screen.getByTestId('packet-import'));
    const outcome = await screen.findByTestId('packet-outcome');
    expect(text(outcome)).toContain('1 item from Sam Okafor was added');
    expect(text(outcome)).toContain('An older entry');
    expect(fake.shared.map((s) => s.id)).toEqual(['new']);
  });

  it('does nothing when the open dialog is cancelled', async () => {
    await openImport();
    await waitFor(() => expect(packets.importStep.step).toBe('idle'));
    expect(screen.queryByTestId('packet-import-dialog')).toBeNull();
  });

  it('says in plain words why a packet is refused, with nothing imported', async () => {
    fake.nextOpen = {
      kind: 'refused',
      code: 'packet_damaged',
      message: 'This packet was changed after it was written, so it cannot be trusted.',
    };
    await openImport();
    const dialog = await screen.findByTestId('packet-import-dialog');
    await within(dialog).findByTestId('packet-nothing-imported');
    expect(text(dialog)).toContain('This packet was changed after it was written, so it cannot be trusted.');
    expect(text(dialog)).toContain('Nothing was imported.');
    expect(backend.callsTo('packets_import')).toHaveLength(0);
  });

  it('refuses a packet from an unknown key, showing its fingerprint, until the key is accepted for a person', async () => {
    const unknownCard = 'confidant-card-1 age1stranger ed25519:SAMNEWLAPTOP';
    fake.nextOpen = {
      kind: 'unknown',
      card: unknownCard,
      items: [{ kind_label: 'Extract', title: 'A hard home visit', effect: 'Added to the agenda of the next session' }],
      shared: [entry('x1', 'received', 'A hard home visit', 'Anxious before the visit.')],
    };
    const user = await openImport();
    const refusal = await screen.findByTestId('packet-unknown-sender');
    expect(text(screen.getByTestId('packet-unknown-fingerprint'))).toBe(fakeFingerprint(unknownCard));
    expect(text(refusal)).toContain('Nothing was imported.');
    const accept = screen.getByTestId('packet-accept') as HTMLButtonElement;
    expect(accept.disabled).toBe(true);
    await user.selectOptions(screen.getByTestId('packet-accept-person'), samId);
    expect(text(refusal)).toContain('I compared this fingerprint with Sam Okafor by phone or in person');
    expect(accept.disabled).toBe(true);
    await user.click(screen.getByTestId('packet-accept-compared'));
    expect(accept.textContent).toContain('Accept this key for Sam Okafor');
    await user.click(accept);
    await screen.findByTestId('packet-preview');
    expect(fake.peers.get(samId)?.fingerprint).toBe(fakeFingerprint(unknownCard));
    expect(backend.callsTo('packets_accept_sender')).toEqual([{ token: 'u1', personId: samId }]);
    await user.click(screen.getByTestId('packet-import'));
    expect(text(await screen.findByTestId('packet-outcome'))).toContain('1 item from Sam Okafor was added');
  });
});
