// The security log in Settings: entries newest first with their time and
// detail, a whole chain said plainly, a broken one shown as an alert with
// the damaged entry marked, an empty log, and a failure to read it.
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { SecurityLog } from '../../bindings';
import { FakeBackend } from '../../../test/fakeBackend';
import { audit } from '../../stores/audit.svelte';
import SecurityLogSettings from './SecurityLogSettings.svelte';

function text(el: Element | null): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

const WHOLE: SecurityLog = {
  total: 3,
  problem: null,
  entries: [
    { seq: 3, at: '2026-12-01T09:05:00Z', event: 'export_written', label: 'Export written', detail: 'hours log PDF' },
    { seq: 2, at: '2026-12-01T09:00:00Z', event: 'unlocked', label: 'Unlocked', detail: '' },
    { seq: 1, at: '2026-11-30T18:00:00Z', event: 'vault_created', label: 'Vault created', detail: '' },
  ],
};

let backend: FakeBackend;
let answer: SecurityLog | Error;

beforeEach(() => {
  audit.reset();
  backend = new FakeBackend('unlocked').install();
  answer = WHOLE;
  backend.on('security_log', () => {
    if (answer instanceof Error) throw { code: 'integrity', message: answer.message };
    return answer;
  });
});

describe('SecurityLogSettings', () => {
  it('lists the entries newest first and says the chain is whole', async () => {
    render(SecurityLogSettings);
    const table = await screen.findByTestId('security-log-table');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => text(r.querySelector('td')))).toEqual(['3', '2', '1']);
    expect(text(rows[0])).toContain('Export written');
    expect(text(rows[0])).toContain('hours log PDF');
    expect(text(screen.getByTestId('security-log-whole'))).toBe('All 3 entries are intact and in order.');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows a broken chain as an alert and marks the damaged entry', async () => {
    answer = {
      total: 2,
      problem: 'Entry 2 of the security log failed its integrity check.',
      entries: [
        { seq: 2, at: '2026-12-01T09:00:00Z', event: null, label: 'Damaged entry: it failed its integrity check', detail: '' },
        { seq: 1, at: '2026-11-30T18:00:00Z', event: 'vault_created', label: 'Vault created', detail: '' },
      ],
    };
    render(SecurityLogSettings);
    const alert = await screen.findByRole('alert');
    expect(text(alert)).toContain('Entry 2 of the security log failed its integrity check.');
    expect(screen.queryByTestId('security-log-whole')).toBeNull();
    const damaged = within(screen.getByTestId('security-log-table')).getAllByRole('row')[1];
    expect(damaged.classList.contains('damaged')).toBe(true);
  });

  it('says when there is nothing yet, and checks again on request', async () => {
    answer = { total: 0, problem: null, entries: [] };
    render(SecurityLogSettings);
    expect(await screen.findByTestId('security-log-empty')).toBeTruthy();
    answer = WHOLE;
    await userEvent.setup().click(screen.getByTestId('security-log-refresh'));
    expect(await screen.findByTestId('security-log-table')).toBeTruthy();
    expect(backend.calls.filter((c) => c.cmd === 'security_log')).toHaveLength(2);
  });

  it('says plainly when the log cannot be read', async () => {
    answer = new Error('The vault is locked.');
    render(SecurityLogSettings);
    expect(text(await screen.findByRole('alert'))).toContain('The vault is locked.');
  });
});
