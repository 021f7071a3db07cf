//! Invoices for external supervision: per supervisee, per group, or per
//! organisation (the sessions of every supervisee and group that belongs to
//! it), for a period, from held sessions and late cancellations at the fee
//! of the agreement in force.
//!
//! Reached through the handle [`Invoices::of`].
//!
//! ## What is billed
//!
//! For each people record billed, the sessions of its schedule whose local
//! date falls in the period (both ends included): individual, group and
//! coaching sessions (peer supervision is never billed) that are
//! * **held**: one line, "Supervision session, 60 min", at the fee — per
//!   session, or per hour for the session's length;
//! * **cancelled late by the supervisee** (the schedule marks a cancellation
//!   late when it came with less notice than the agreement's
//!   `cancellation_notice_hours`): one line, "Late cancellation", at the
//!   agreement's late-cancellation percentage of what the session would have
//!   cost. A charge of 0% adds no line.
//!
//! No-shows, planned sessions and cancellations by the supervisor or anyone
//! else are not billed. The fee is the one of the agreement in force
//! ([`crate::agreements::Agreements::current`]) of the record the session is
//! with; all of an invoice's lines must share one currency.
//!
//! ## Arithmetic
//!
//! Amounts are whole minor units of the currency (cents), never floats. A
//! per-hour line costs `fee × minutes / 60`, rounded half up to a minor
//! unit; its quantity shows the hours to two decimals. A late cancellation
//! costs `percentage × session amount / 100`, rounded half up. The total is
//! the sum of the lines (see [`line_amounts`]).
//!
//! ## Numbering
//!
//! A preview ([`Invoices::preview`]) is a draft: not stored, no number.
//! [`Invoices::issue`] stores the invoice and gives it the next number in
//! the same transaction as it reads and advances the vault's counter, so
//! numbers have no gaps; a voided invoice keeps its number and is never
//! deleted. The next number is one more than the larger of the counter and
//! the highest number on a readable invoice, so a counter rolled back on
//! disk cannot hand out a number twice.
//!
//! ## Never clinical
//!
//! An invoice holds dates, durations, amounts and the names of the parties,
//! and nothing from a session record, a case reference, a focus or a note.
//!
//! ## Storage
//!
//! [`crate::store::invoices`]: everything (number, status, amounts, lines,
//! names, period) is in one sealed body under the bill-to party's data key;
//! plaintext are the ids, the bill-to party's id and the timestamps. The
//! counter is sealed under the vault key.

mod build;
mod manage;
mod pdf;
mod types;

use crate::vault::Vault;

pub use build::{line_amounts, LineAmounts};
pub use pdf::invoice_document;
pub use types::{
    BillTo, Invoice, InvoiceLine, InvoiceRequest, InvoiceStatus, InvoiceSummary, LineKind,
};

/// Longest period one invoice covers, in days.
pub const MAX_PERIOD_DAYS: i64 = 366;
/// Largest invoice total, in minor units (2^53 − 1: exact in JavaScript).
pub const MAX_TOTAL_MINOR: u64 = (1 << 53) - 1;

/// An invoice number as printed: at least four digits ("0007").
pub fn invoice_number(number: u32) -> String {
    format!("{number:04}")
}

/// The file name suggested for an invoice's PDF ("invoice-0007.pdf"): it
/// names no one.
pub fn pdf_file_name(number: u32) -> String {
    format!("invoice-{}.pdf", invoice_number(number))
}

/// The invoices of an unlocked vault.
pub struct Invoices<'a> {
    vault: &'a mut Vault,
}

impl<'a> Invoices<'a> {
    /// The invoices of `vault`.
    pub fn of(vault: &'a mut Vault) -> Self {
        Invoices { vault }
    }
}
