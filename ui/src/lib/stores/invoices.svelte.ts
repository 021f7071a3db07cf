// Invoices on a person's or organisation's page: the list of issued
// invoices, a preview for a period, issuing it, paid/unpaid, void, and
// saving a PDF (after a warning that the file is not encrypted). It holds
// decrypted names and amounts, so `reset()` runs on lock.

import * as invoicesApi from '../api/invoices';
import type { AppError, FeeBasis, Invoice, InvoiceLine, InvoiceSummary } from '../bindings';
import { invalidInput, toAppError } from '../errors';
import { localToday } from './exceptions.svelte';
import { forgetOnLock } from './onLock';

export const BASIS_LABELS: Record<FeeBasis, string> = {
  per_session: 'per session',
  per_hour: 'per hour',
};

/** Decimal places of a currency's minor unit (as Rust's `currency_decimals`). */
export function currencyDecimals(currency: string): number {
  if (
    [
      'BIF', 'CLP', 'DJF', 'GNF', 'ISK', 'JPY', 'KMF', 'KRW', 'PYG', 'RWF', 'UGX', 'UYI', 'VND',
      'VUV', 'XAF', 'XOF', 'XPF',
    ].includes(currency)
  ) {
    return 0;
  }
  if (['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND'].includes(currency)) return 3;
  return 2;
}

/** "GBP 1,234.50" from minor units, without floating-point arithmetic. */
export function formatMoney(minor: number, currency: string): string {
  const decimals = currencyDecimals(currency);
  const digits = String(Math.trunc(minor)).padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return decimals === 0 ? `${currency} ${grouped}` : `${currency} ${grouped}.${digits.slice(-decimals)}`;
}

/**
 * Minor units from what the person typed ("85", "85.5", "1,200.00"), or
 * null for an empty field; an error message when it is not an amount.
 */
export function parseMoney(text: string, currency: string): { minor: number | null } | { error: string } {
  const t = text.trim().replace(/,/g, '');
  if (t === '') return { minor: null };
  const decimals = currencyDecimals(currency);
  const m = /^(\d{1,12})(?:\.(\d*))?$/.exec(t);
  if (m === null || (m[2] ?? '').length > decimals) {
    return {
      error:
        decimals === 0
          ? 'Enter the fee as a whole number, such as 12000.'
          : `Enter the fee as a number with at most ${decimals} decimals, such as 85 or 85.50.`,
    };
  }
  const fraction = (m[2] ?? '').padEnd(decimals, '0');
  return { minor: Number(m[1]) * 10 ** decimals + (fraction === '' ? 0 : Number(fraction)) };
}

/** Minor units as the amount field shows them ("85.00"). */
export function moneyText(minor: number | null, currency: string): string {
  if (minor === null) return '';
  return formatMoney(minor, currency).replace(/^[A-Z]* /, '').replace(/,/g, '');
}

/** "1", "1.5 h": a line's quantity. */
export function quantityText(line: InvoiceLine): string {
  const n = (line.quantity_hundredths / 100).toFixed(2).replace(/\.?0+$/, '');
  return line.basis === 'per_hour' && line.kind === 'session' ? `${n} h` : n;
}

/** "0007". */
export function invoiceNumber(n: number | null): string {
  return n === null ? '' : String(n).padStart(4, '0');
}

/** The first and last day of the month before `today` (ISO dates). */
export function lastMonth(today: string = localToday()): { from: string; to: string } {
  const [y, m] = today.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 2, 1));
  const last = new Date(Date.UTC(y, m - 1, 0));
  return { from: first.toISOString().slice(0, 10), to: last.toISOString().slice(0, 10) };
}

/** Rust's checks of a period, with its messages. */
export function checkPeriod(from: string, to: string): AppError | null {
  const iso = /^\d{4}-\d{2}-\d{2}$/;
  if (!iso.test(from) || !iso.test(to)) return invalidInput('Enter the first and last day of the period.');
  if (to < from) {
    return invalidInput('The period ends before it starts. Choose a last day on or after the first day.');
  }
  return null;
}

export type PendingAction =
  | { kind: 'pay'; invoice: InvoiceSummary; date: string }
  | { kind: 'void'; invoice: InvoiceSummary }
  | { kind: 'pdf'; invoice: InvoiceSummary };

export class InvoicesStore {
  personId = $state<string | null>(null);
  list = $state<InvoiceSummary[]>([]);
  loaded = $state(false);
  loading = $state(false);
  loadError = $state<AppError | null>(null);

  from = $state('');
  to = $state('');
  preview = $state<Invoice | null>(null);
  previewError = $state<AppError | null>(null);

  /** The invoice whose lines are shown. */
  opened = $state<Invoice | null>(null);

  pending = $state<PendingAction | null>(null);
  busy = $state(false);
  error = $state<AppError | null>(null);
  notice = $state('');

  #generation = 0;

  async load(personId: string, today: string = localToday()): Promise<void> {
    const generation = ++this.#generation;
    if (this.personId !== personId) {
      this.list = [];
      this.loaded = false;
      this.preview = null;
      this.previewError = null;
      this.opened = null;
      this.pending = null;
      this.error = null;
      this.notice = '';
      const period = lastMonth(today);
      this.from = period.from;
      this.to = period.to;
    }
    this.personId = personId;
    this.loading = true;
    this.loadError = null;
    try {
      const list = await invoicesApi.invoicesList(personId);
      if (generation !== this.#generation) return;
      this.list = list;
      this.loaded = true;
    } catch (reason) {
      if (generation === this.#generation) this.loadError = toAppError(reason);
    } finally {
      if (generation === this.#generation) this.loading = false;
    }
  }

  /** Builds the draft for the period (nothing is stored). */
  async showPreview(): Promise<void> {
    const personId = this.personId;
    if (personId === null || this.busy) return;
    this.preview = null;
    this.notice = '';
    this.previewError = checkPeriod(this.from, this.to);
    if (this.previewError !== null) return;
    await this.#run(async () => {
      this.preview = await invoicesApi.invoicePreview({ person_id: personId, from: this.from, to: this.to });
    }, 'preview');
  }

  closePreview(): void {
    this.preview = null;
    this.previewError = null;
  }

  /** Issues the previewed invoice with the next number. */
  async issue(): Promise<boolean> {
    const preview = this.preview;
    if (preview === null) return false;
    return this.#run(async () => {
      const issued = await invoicesApi.invoiceIssue({
        person_id: preview.bill_to.person_id,
        from: preview.period_from,
        to: preview.period_to,
      });
      this.preview = null;
      this.opened = issued;
      this.notice = `Invoice ${invoiceNumber(issued.number)} was issued.`;
      await this.#refresh();
    }, 'preview');
  }

  async open(id: string): Promise<void> {
    if (this.opened?.id === id) {
      this.opened = null;
      return;
    }
    await this.#run(async () => {
      this.opened = await invoicesApi.invoiceGet(id);
    });
  }

  ask(action: PendingAction): void {
    this.pending = action;
    this.error = null;
    this.notice = '';
  }

  cancel(): void {
    this.pending = null;
    this.error = null;
  }

  /** Carries out the pending action (paid, void, or save as PDF). */
  async confirm(): Promise<boolean> {
    const action = this.pending;
    if (action === null) return false;
    return this.#run(async () => {
      const id = action.invoice.id;
      const number = invoiceNumber(action.invoice.number);
      if (action.kind === 'pay') {
        if (!/^\d{4}-\d{2}-\d{2}$/.test(action.date)) throw invalidInput('Enter the date it was paid.');
        await this.#changed(await invoicesApi.invoiceSetPaid(id, action.date));
        this.notice = `Invoice ${number} is marked paid.`;
      } else if (action.kind === 'void') {
        await this.#changed(await invoicesApi.invoiceVoid(id));
        this.notice = `Invoice ${number} is void. It keeps its number.`;
      } else if (await invoicesApi.invoiceSavePdf(id)) {
        this.notice = `Invoice ${number} was saved as PDF.`;
      }
      this.pending = null;
    });
  }

  async markUnpaid(invoice: InvoiceSummary): Promise<void> {
    this.notice = '';
    await this.#run(async () => {
      await this.#changed(await invoicesApi.invoiceSetPaid(invoice.id, null));
      this.notice = `Invoice ${invoiceNumber(invoice.number)} is marked unpaid.`;
    });
  }

  async #changed(invoice: Invoice): Promise<void> {
    if (this.opened?.id === invoice.id) this.opened = invoice;
    await this.#refresh();
  }

  async #refresh(): Promise<void> {
    if (this.personId !== null) this.list = await invoicesApi.invoicesList(this.personId);
  }

  async #run(f: () => Promise<void>, where: 'action' | 'preview' = 'action'): Promise<boolean> {
    if (this.busy) return false;
    const generation = this.#generation;
    this.busy = true;
    this.error = null;
    this.previewError = null;
    try {
      await f();
      return generation === this.#generation;
    } catch (reason) {
      if (generation === this.#generation) {
        if (where === 'preview') this.previewError = toAppError(reason);
        else this.error = toAppError(reason);
      }
      return false;
    } finally {
      if (generation === this.#generation) this.busy = false;
    }
  }

  /** Forgets everything decrypted (on lock). */
  reset(): void {
    this.#generation += 1;
    this.personId = null;
    this.list = [];
    this.loaded = false;
    this.loading = false;
    this.loadError = null;
    this.from = '';
    this.to = '';
    this.preview = null;
    this.previewError = null;
    this.opened = null;
    this.pending = null;
    this.busy = false;
    this.error = null;
    this.notice = '';
  }
}

export const invoices = new InvoicesStore();
forgetOnLock(() => invoices.reset());
