// The whole-file check's banner: nothing while it runs or when the file
// passed; a plain alert naming the way out when SQLite found damage.
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeBackend } from '../../test/fakeBackend';
import type { FileCheck } from '../bindings';
import { fileCheck, POLL_MS } from '../stores/fileCheck.svelte';
import FileCheckBanner from './FileCheckBanner.svelte';

let backend: FakeBackend;

beforeEach(() => {
  fileCheck.reset();
  backend = new FakeBackend().install();
});

describe('FileCheckBanner', () => {
  it('says nothing when the file passed', async () => {
    render(FileCheckBanner, { onOpenSettings: () => {} });
    await vi.waitFor(() => expect(fileCheck.check?.state).toBe('ok'));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('asks again while the check runs, then shows the damage and the way to Settings', async () => {
    const answers: FileCheck[] = [
      { state: 'running', problem: null, checked_at: null },
      {
        state: 'damaged',
        problem: 'row 3 missing from index series_by_person',
        checked_at: '2026-12-01T09:00:02Z',
      },
    ];
    backend.on('vault_file_check', () => answers.shift() ?? answers[answers.length - 1]);
    const open = vi.fn();
    render(FileCheckBanner, { onOpenSettings: open });
    expect(await screen.findByTestId('file-check-damaged', {}, { timeout: POLL_MS * 3 })).toBeTruthy();
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('row 3 missing from index series_by_person');
    expect(alert.textContent).toContain('lists may be missing items without saying so');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Settings → Restore…' }));
    expect(open).toHaveBeenCalledOnce();
    expect(backend.callsTo('vault_file_check').length).toBe(2);
  });
});
