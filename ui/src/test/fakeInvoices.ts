// A stand-in for the invoice commands, plugged into `FakeBackend` with
// `extend`, as FakeTrail is. It follows crates/core/src/invoices/, message
// for message, over sessions and fees a test seeds directly (the real
// commands read them from the schedule and the agreement in force):
// numbering without gaps, a draft with no number, void keeps its number,
// double billing refused with the dates named, paid dates checked.

import type { AppError, Fee, Invoice, InvoiceLine, InvoiceRequest, InvoiceSummary } from '../lib/bindings';
import { UNHANDLED, type Args, type FakeBackend } from './fakeBackend';

const invalid = (message: string): AppError => ({ code: 'invalid_input', message });
const notFound: AppError = { code: 'not_found', message: 'That invoice was not found. It may have been deleted.' };

/** A billable session a test seeds: held, or cancelled late by the supervisee. */
export interface FakeSession {
  personId: string;
  date: string;
  minutes: number;
  late?: boolean;
}

const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
  'November', 'December',
];
const longDate = (d: string) => {
  const [y, m, day] = d.split('-').map(Number);
  return `${day} ${MONTHS[m - 1]} ${y}`;
};

function amounts(fee: number, basis: Fee['basis'], minutes: number, late: number | null) {
  const div = (a: number, b: number, d: number) => Math.floor((a * b + Math.floor(d / 2)) / d);
  const session = basis === 'per_session' ? fee : div(fee, minutes, 60);
  if (late !== null) {
    const c = div(session, late, 100);
    return { quantity_hundredths: 100, unit_price_minor: c, amount_minor: c };
  }
  return {
    quantity_hundredths: basis === 'per_session' ? 100 : div(minutes, 100, 60),
    unit_price_minor: fee,
    amount_minor: session,
  };
}

export class FakeInvoices {
  sessions: FakeSession[] = [];
  fees = new Map<string, Fee>();
  invoices: Invoice[] = [];
  /** What the save dialog answers: true (saved) or false (cancelled). */
  saveAnswer = true;
  saved: string[] = [];
  today = '2026-03-02';
  #backend: FakeBackend;
  #next = 1;

  constructor(backend: FakeBackend) {
    this.#backend = backend;
    backend.extend((cmd, args) => this.#handle(cmd, args));
  }

  #summary(i: Invoice): InvoiceSummary {
    return {
      id: i.id,
      person_id: i.bill_to.person_id,
      number: i.number,
      status: i.status,
      period_from: i.period_from,
      period_to: i.period_to,
      issued_on: i.issued_on,
      currency: i.currency,
      total_minor: i.total_minor,
      paid_on: i.paid_on,
      damaged: false,
    };
  }

  #preview(req: InvoiceRequest): Invoice {
    if (req.to < req.from) {
      throw invalid('The period ends before it starts. Choose a last day on or after the first day.');
    }
    const person = this.#backend.people.find((p) => p.id === req.person_id);
    if (person === undefined) throw { code: 'not_found', message: 'That person was not found.' };
    const name = person.fields.name;
    const sessions = this.sessions.filter((s) => s.personId === req.person_id && s.date >= req.from && s.date <= req.to);
    const fee = this.fees.get(req.person_id);
    if (sessions.length > 0 && fee === undefined) {
      throw invalid(`${name} has no agreement in force, so there is no fee to invoice. Acknowledge an agreement with a fee first.`);
    }
    const lines: InvoiceLine[] = [];
    for (const s of sessions) {
      if (fee === undefined || fee.amount_minor === null) {
        throw invalid(`The agreement with ${name} sets no fee. Revise it to add the fee (amount and currency).`);
      }
      if (s.late && fee.late_cancellation_percent === 0) continue;
      lines.push({
        date: s.date,
        kind: s.late ? 'late_cancellation' : 'session',
        description: s.late ? 'Late cancellation' : `Supervision session, ${s.minutes} min`,
        minutes: s.minutes,
        basis: fee.basis,
        ...amounts(fee.amount_minor, fee.basis, s.minutes, s.late ? fee.late_cancellation_percent : null),
        session: { series_id: `series-${s.personId}`, original_start: `${s.date}T10:00:00` },
        person_id: s.personId,
      });
    }
    if (lines.length === 0 || fee === undefined) {
      throw invalid(
        `There is nothing to invoice for ${name} from ${longDate(req.from)} to ${longDate(req.to)}: no held sessions and no late cancellations by the supervisee in that period.`,
      );
    }
    lines.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    const clashes: string[] = [];
    for (const inv of this.invoices.filter((i) => i.status === 'issued')) {
      for (const l of lines) {
        if (inv.lines.some((x) => x.session.original_start === l.session.original_start && x.session.series_id === l.session.series_id)) {
          clashes.push(`${longDate(l.date)} (invoice ${String(inv.number).padStart(4, '0')})`);
        }
      }
    }
    if (clashes.length > 0) {
      throw invalid(
        `Some of these sessions are already on an issued invoice: ${clashes.join(', ')}. Void that invoice first, or choose another period.`,
      );
    }
    return {
      id: '',
      number: null,
      status: 'draft',
      bill_to: { person_id: person.id, name, email: person.fields.email },
      period_from: req.from,
      period_to: req.to,
      issued_on: null,
      currency: fee.currency,
      lines,
      total_minor: lines.reduce((t, l) => t + l.amount_minor, 0),
      paid_on: null,
      voided_on: null,
      created_at: `${this.today}T09:00:00Z`,
      updated_at: `${this.today}T09:00:00Z`,
    };
  }

  #find(id: unknown): Invoice {
    const inv = this.invoices.find((i) => i.id === id);
    if (inv === undefined) throw notFound;
    return inv;
  }

  #handle(cmd: string, args: Args): unknown {
    switch (cmd) {
      case 'invoices_list':
        return this.invoices
          .filter((i) => args.personId === null || i.bill_to.person_id === args.personId)
          .map((i) => this.#summary(i));
      case 'invoice_get':
        return structuredClone(this.#find(args.id));
      case 'invoice_preview':
        return this.#preview(args.request as InvoiceRequest);
      case 'invoice_issue': {
        const inv = this.#preview(args.request as InvoiceRequest);
        const number = this.invoices.length + 1;
        const issued: Invoice = {
          ...inv,
          id: `1a7c0de0-0000-4000-8000-${String(this.#next++).padStart(12, '0')}`,
          number,
          status: 'issued',
          issued_on: this.today,
        };
        this.invoices.push(issued);
        return structuredClone(issued);
      }
      case 'invoice_set_paid': {
        const inv = this.#find(args.id);
        if (inv.status === 'void') {
          throw { code: 'read_only', message: 'This invoice is void: it cannot be marked paid or unpaid.' };
        }
        const paid = args.paidOn as string | null;
        if (paid !== null && paid > this.today) throw invalid('The payment date is in the future.');
        if (paid !== null && inv.issued_on !== null && paid < inv.issued_on) {
          throw invalid('The payment date is before the invoice was issued.');
        }
        inv.paid_on = paid;
        return structuredClone(inv);
      }
      case 'invoice_void': {
        const inv = this.#find(args.id);
        if (inv.status === 'void') throw { code: 'read_only', message: 'This invoice is already void.' };
        if (inv.paid_on !== null) throw invalid('This invoice is marked paid. Mark it unpaid before voiding it.');
        inv.status = 'void';
        inv.voided_on = this.today;
        return structuredClone(inv);
      }
      case 'invoice_save_pdf':
        this.#find(args.id);
        if (this.saveAnswer) this.saved.push(args.id as string);
        return this.saveAnswer;
      default:
        return UNHANDLED;
    }
  }
}
