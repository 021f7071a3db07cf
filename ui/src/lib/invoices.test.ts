// Invoices on a person's page: preview, issue, paid/unpaid, void, PDF with
// the not-encrypted warning; the money helpers; reset on lock.
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { FakeBackend } from '../test/fakeBackend';
import { FakeInvoices } from '../test/fakeInvoices';
import PersonInvoices from './components/PersonInvoices.svelte';
import {
  checkPeriod,
  formatMoney,
  invoices,
  lastMonth,
  moneyText,
  parseMoney,
  quantityText,
} from './stores/invoices.svelte';
import type { InvoiceLine } from './bindings';

let backend: FakeBackend;
let fake: FakeInvoices;
let sam: string;

const text = (el: Element) => el.textContent?.replace(/\s+/g, ' ').trim() ?? '';

beforeEach(() => {
  invoices.reset();
  backend = new FakeBackend().install();
  fake = new FakeInvoices(backend);
  sam = backend.seedPerson({ name: 'Sam Okafor' }).id;
  fake.fees.set(sam, { amount_minor: 8500, currency: 'GBP', basis: 'per_session', late_cancellation_percent: 50 });
  fake.sessions.push(
    { personId: sam, date: '2026-02-02', minutes: 60 },
    { personId: sam, date: '2026-02-09', minutes: 60 },
    { personId: sam, date: '2026-02-16', minutes: 60, late: true },
  );
});

describe('money', () => {
  it('formats and parses minor units without floats', () => {
    expect(formatMoney(29_750, 'GBP')).toBe('GBP 297.50');
    expect(formatMoney(123_456_789, 'EUR')).toBe('EUR 1,234,567.89');
    expect(formatMoney(5, 'USD')).toBe('USD 0.05');
    expect(formatMoney(12_000, 'JPY')).toBe('JPY 12,000');
    expect(formatMoney(1_500, 'KWD')).toBe('KWD 1.500');
    expect(parseMoney('85', 'GBP')).toEqual({ minor: 8500 });
    expect(parseMoney(' 1,200.5 ', 'GBP')).toEqual({ minor: 120_050 });
    expect(parseMoney('0.29', 'GBP')).toEqual({ minor: 29 });
    expect(parseMoney('', 'GBP')).toEqual({ minor: null });
    expect(parseMoney('85.505', 'GBP')).toHaveProperty('error');
    expect(parseMoney('12.5', 'JPY')).toHaveProperty('error');
    expect(parseMoney('eighty', 'GBP')).toHaveProperty('error');
    expect(moneyText(8550, 'GBP')).toBe('85.50');
    expect(moneyText(120_000, 'GBP')).toBe('1200.00');
  });

  it('shows quantities as sessions or hours', () => {
    const line = { quantity_hundredths: 150, basis: 'per_hour', kind: 'session' } as InvoiceLine;
    expect(quantityText(line)).toBe('1.5 h');
    expect(quantityText({ ...line, quantity_hundredths: 100, basis: 'per_session' })).toBe('1');
    expect(quantityText({ ...line, quantity_hundredths: 100, kind: 'late_cancellation' })).toBe('1');
  });

  it('defaults the period to last month and checks its order', () => {
    expect(lastMonth('2026-03-02')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(lastMonth('2026-01-15')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    expect(checkPeriod('2026-02-10', '2026-02-01')?.message).toMatch(/ends before it starts/);
    expect(checkPeriod('2026-02-01', '2026-02-01')).toBeNull();
  });
});

async function issueFebruary(user: ReturnType<typeof userEvent.setup>) {
  await user.clear(screen.getByTestId('invoice-from'));
  await user.type(screen.getByTestId('invoice-from'), '2026-02-01');
  await user.clear(screen.getByTestId('invoice-to'));
  await user.type(screen.getByTestId('invoice-to'), '2026-02-28');
  await user.click(screen.getByTestId('invoice-preview'));
  await screen.findByTestId('invoice-draft');
  await user.click(screen.getByTestId('invoice-issue'));
  await screen.findByTestId('invoice-item');
}

describe('PersonInvoices', () => {
  it('says when there are no invoices', async () => {
    render(PersonInvoices, { personId: sam, name: 'Sam Okafor' });
    expect(text(await screen.findByTestId('invoices-empty'))).toBe('No invoices have been issued to Sam Okafor.');
  });

  it('previews the lines and total, then issues invoice 0001', async () => {
    const user = userEvent.setup();
    render(PersonInvoices, { personId: sam, name: 'Sam Okafor' });
    await screen.findByTestId('invoices-empty');
    await user.clear(screen.getByTestId('invoice-from'));
    await user.type(screen.getByTestId('invoice-from'), '2026-02-01');
    await user.clear(screen.getByTestId('invoice-to'));
    await user.type(screen.getByTestId('invoice-to'), '2026-02-28');
    await user.click(screen.getByTestId('invoice-preview'));
    const draft = await screen.findByTestId('invoice-draft');
    const rows = within(draft).getAllByTestId('invoice-line').map(text);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toContain('Supervision session, 60 min');
    expect(rows[0]).toContain('GBP 85.00');
    expect(rows[2]).toContain('Late cancellation');
    expect(rows[2]).toContain('GBP 42.50');
    expect(text(screen.getByTestId('invoice-draft-lines-total'))).toBe('GBP 212.50');
    expect(fake.invoices).toHaveLength(0);

    await user.click(screen.getByTestId('invoice-issue'));
    const item = await screen.findByTestId('invoice-item');
    expect(text(item)).toContain('Invoice 0001');
    expect(text(item)).toContain('GBP 212.50');
    expect(text(within(item).getByTestId('invoice-status'))).toBe('Unpaid');
    expect(text(screen.getByTestId('invoice-notice'))).toBe('Invoice 0001 was issued.');
    expect(screen.queryByTestId('invoice-draft')).toBeNull();
    expect(fake.invoices.map((i) => i.number)).toEqual([1]);
  });

  it('shows the core\'s error for a period with nothing to bill, and refuses a backwards period without asking', async () => {
    const user = userEvent.setup();
    render(PersonInvoices, { personId: sam, name: 'Sam Okafor' });
    await screen.findByTestId('invoices-empty');
    await user.clear(screen.getByTestId('invoice-from'));
    await user.type(screen.getByTestId('invoice-from'), '2026-04-01');
    await user.clear(screen.getByTestId('invoice-to'));
    await user.type(screen.getByTestId('invoice-to'), '2026-04-30');
    await user.click(screen.getByTestId('invoice-preview'));
    expect(await screen.findByText(/There is nothing to invoice for Sam Okafor/)).toBeTruthy();

    await user.clear(screen.getByTestId('invoice-to'));
    await user.type(screen.getByTestId('invoice-to'), '2026-03-01');
    const before = backend.calls.filter((c) => c.cmd === 'invoice_preview').length;
    await user.click(screen.getByTestId('invoice-preview'));
    expect(await screen.findByText(/The period ends before it starts/)).toBeTruthy();
    expect(backend.calls.filter((c) => c.cmd === 'invoice_preview')).toHaveLength(before);
  });

  it('names the dates already billed when a period overlaps an issued invoice', async () => {
    const user = userEvent.setup();
    render(PersonInvoices, { personId: sam, name: 'Sam Okafor' });
    await screen.findByTestId('invoices-empty');
    await issueFebruary(user);
    await user.click(screen.getByTestId('invoice-preview'));
    expect(
      await screen.findByText(/already on an issued invoice: 2 February 2026 \(invoice 0001\), 9 February 2026/),
    ).toBeTruthy();
  });

  it('marks paid with a date, then unpaid', async () => {
    const user = userEvent.setup();
    render(PersonInvoices, { personId: sam, name: 'Sam Okafor' });
    await screen.findByTestId('invoices-empty');
    await issueFebruary(user);
    await user.click(screen.getByTestId('invoice-mark-paid'));
    const dialog = screen.getByTestId('invoice-pay-dialog');
    const date = within(dialog).getByTestId('invoice-paid-on');
    await user.clear(date);
    await user.type(date, '2026-02-27');
    await user.click(within(dialog).getByTestId('invoice-paid-confirm'));
    expect(await within(dialog).findByText('The payment date is before the invoice was issued.')).toBeTruthy();
    await user.clear(date);
    await user.type(date, '2026-03-02');
    await user.click(within(dialog).getByTestId('invoice-paid-confirm'));
    await waitFor(() => expect(screen.queryByTestId('invoice-pay-dialog')).toBeNull());
    expect(text(screen.getByTestId('invoice-status'))).toMatch(/^Paid on .*2026$/);
    expect(fake.invoices[0].paid_on).toBe('2026-03-02');
    expect(screen.queryByTestId('invoice-void')).toBeNull();
    await user.click(screen.getByTestId('invoice-mark-unpaid'));
    await waitFor(() => expect(text(screen.getByTestId('invoice-status'))).toBe('Unpaid'));
    expect(fake.invoices[0].paid_on).toBeNull();
  });

  it('voids after asking; the invoice keeps its number', async () => {
    const user = userEvent.setup();
    render(PersonInvoices, { personId: sam, name: 'Sam Okafor' });
    await screen.findByTestId('invoices-empty');
    await issueFebruary(user);
    await user.click(screen.getByTestId('invoice-void'));
    expect(screen.getByRole('alertdialog').textContent).toContain('keeps its number');
    await user.click(screen.getByTestId('invoice-void-confirm'));
    await waitFor(() => expect(text(screen.getByTestId('invoice-status'))).toBe('Void'));
    expect(text(screen.getByTestId('invoice-item'))).toContain('Invoice 0001');
    expect(text(screen.getByTestId('invoice-notice'))).toBe('Invoice 0001 is void. It keeps its number.');
  });

  it('warns that the PDF is not encrypted before the save dialog', async () => {
    const user = userEvent.setup();
    render(PersonInvoices, { personId: sam, name: 'Sam Okafor' });
    await screen.findByTestId('invoices-empty');
    await issueFebruary(user);
    await user.click(screen.getByTestId('invoice-save-pdf'));
    expect(text(screen.getByTestId('invoice-pdf-warning'))).toContain('The PDF file is not encrypted');
    expect(fake.saved).toEqual([]);
    await user.click(screen.getByTestId('invoice-pdf-confirm'));
    await waitFor(() => expect(fake.saved).toEqual([fake.invoices[0].id]));
    expect(text(screen.getByTestId('invoice-notice'))).toBe('Invoice 0001 was saved as PDF.');
  });

  it('forgets everything on reset (lock)', async () => {
    const user = userEvent.setup();
    render(PersonInvoices, { personId: sam, name: 'Sam Okafor' });
    await screen.findByTestId('invoices-empty');
    await issueFebruary(user);
    invoices.reset();
    expect(invoices.list).toEqual([]);
    expect(invoices.personId).toBeNull();
    expect(invoices.opened).toBeNull();
  });
});
