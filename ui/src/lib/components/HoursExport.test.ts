// Saving a person's hours for a period: the warning that the files are not
// encrypted is shown before anything is saved, the period is checked before
// any dialog, the saved file's name is reported, a cancelled dialog says
// nothing was saved, and Rust's refusals are shown in plain words.
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { FakeBackend } from '../../test/fakeBackend';
import { FakeHoursExport, offeredName } from '../../test/fakeHoursExport';
import { defaultPeriod, hoursExport, periodProblem } from '../stores/hoursExport.svelte';
import HoursExport from './HoursExport.svelte';

function text(el: Element | null): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

let backend: FakeBackend;
let fake: FakeHoursExport;
let samId: string;

beforeEach(() => {
  hoursExport.reset();
  backend = new FakeBackend().install();
  fake = new FakeHoursExport(backend);
  backend.settings.roles = ['supervisor'];
  samId = backend.seedPerson({ name: 'Sam Okafor', relation: 'i_supervise' }).id;
});

async function show(personId = samId) {
  render(HoursExport, { personId });
  const user = userEvent.setup();
  const from = screen.getByLabelText(/^From/) as HTMLInputElement;
  const to = screen.getByLabelText(/^To/) as HTMLInputElement;
  return { user, from, to };
}

async function setPeriod(user: ReturnType<typeof userEvent.setup>, input: HTMLInputElement, day: string) {
  await user.clear(input);
  await user.type(input, day);
}

describe('HoursExport', () => {
  it('warns that the files are not encrypted before anything is saved', async () => {
    await show();
    const warning = screen.getByTestId('hours-export-warning');
    expect(text(warning)).toMatch(/These files are not encrypted\./);
    for (const id of ['hours-save-pdf', 'hours-save-csv']) {
      expect(screen.getByTestId(id).getAttribute('aria-describedby')).toBe(warning.id);
    }
    expect(fake.dialogs).toBe(0);
    expect(screen.queryByTestId('hours-export-saved')).toBeNull();
  });

  it('saves the PDF for the chosen period and says which file it wrote', async () => {
    const { user, from, to } = await show();
    await setPeriod(user, from, '2026-01-01');
    await setPeriod(user, to, '2026-03-31');
    await user.click(screen.getByRole('button', { name: 'Save hours log (PDF)…' }));
    expect(fake.saved).toEqual([
      { file: 'pdf', personId: samId, from: '2026-01-01', to: '2026-03-31', name: 'hours-2026-01-to-2026-03.pdf' },
    ]);
    expect(text(await screen.findByTestId('hours-export-saved'))).toBe(
      'Saved the hours log (PDF) as “hours-2026-01-to-2026-03.pdf” in the folder you chose. It is not encrypted.',
    );
  });

  it('saves the CSV under the name the person chose', async () => {
    const { user } = await show();
    fake.chooses = 'sam quarter.csv';
    await user.click(screen.getByRole('button', { name: 'Save hours (CSV)…' }));
    expect(fake.saved.map((s) => [s.file, s.name])).toEqual([['csv', 'sam quarter.csv']]);
    expect(text(await screen.findByTestId('hours-export-saved'))).toMatch(/^Saved the hours \(CSV\) as “sam quarter.csv”/);
  });

  it('says nothing was saved when the dialog is cancelled', async () => {
    const { user } = await show();
    fake.chooses = null;
    await user.click(screen.getByRole('button', { name: 'Save hours (CSV)…' }));
    expect(fake.dialogs).toBe(1);
    expect(fake.saved).toEqual([]);
    expect(text(await screen.findByTestId('hours-export-cancelled'))).toBe(
      'Nothing was saved: the save window was closed without choosing where.',
    );
    expect(screen.queryByTestId('hours-export-saved')).toBeNull();
  });

  it('refuses a period that ends before it starts without opening a dialog', async () => {
    const { user, from, to } = await show();
    await setPeriod(user, from, '2026-03-01');
    await setPeriod(user, to, '2026-02-01');
    await user.click(screen.getByRole('button', { name: 'Save hours log (PDF)…' }));
    expect(text(screen.getByTestId('hours-export-problem'))).toBe(
      'The period ends before it starts. Choose an end date on or after the start date.',
    );
    expect(backend.calls.some((c) => c.cmd.startsWith('hours_save'))).toBe(false);
  });

  it("shows Rust's refusal in plain words and saves nothing", async () => {
    const group = backend.seedPerson({ name: 'Tuesday group', kind: 'group', relation: 'i_supervise' });
    const { user } = await show(group.id);
    await user.click(screen.getByRole('button', { name: 'Save hours (CSV)…' }));
    expect(text(await screen.findByTestId('error'))).toMatch(/Hours are kept for a person, not for a group/);
    expect(fake.saved).toEqual([]);
    expect(screen.queryByTestId('hours-export-cancelled')).toBeNull();
  });
});

describe('the period', () => {
  it('is named in the offered file name as Rust names it', () => {
    expect(offeredName('csv', '2026-01-01', '2026-03-31')).toBe('hours-2026-01-to-2026-03.csv');
    expect(offeredName('pdf', '2026-02-01', '2026-02-28')).toBe('hours-2026-02.pdf');
    expect(offeredName('csv', '2026-01-15', '2026-03-31')).toBe('hours-2026-01-15-to-2026-03-31.csv');
  });

  it('offers the last three whole months', () => {
    expect(defaultPeriod(new Date(2026, 10, 30))).toEqual({ from: '2026-08-01', to: '2026-10-31' });
    expect(defaultPeriod(new Date(2026, 1, 15))).toEqual({ from: '2025-11-01', to: '2026-01-31' });
  });

  it('names what is missing or out of order', () => {
    expect(periodProblem('', '2026-01-31')).toBe('Choose the first day of the period.');
    expect(periodProblem('2026-01-01', '')).toBe('Choose the last day of the period.');
    expect(periodProblem('2026-02-01', '2026-01-31')).toMatch(/ends before it starts/);
    expect(periodProblem('2026-01-01', '2026-01-01')).toBeNull();
  });
});
